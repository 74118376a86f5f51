"""Step 16, Make it readable and share it: the poster, the map, the deck, the report, the
tables and the journey in CJML: one tick box per format of the export registry.

The exports carry the map's visual language (colour coding, channel icons, labels,
customer quotes, a legend). Files are written into a folder beside the store unless
another is given; an existing file is kept unless "Overwrite" is ticked. Each file
written is offered as a download link too, so a facilitator on a shared machine can take
it away.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from pathlib import Path

import ipywidgets as w

from cxwidgets.exceptions import CxError, TargetExists
from cxwidgets.export import formats
from cxwidgets.language import _
from cxwidgets.method import words as L
from cxwidgets.method.model import Workshop
from cxwidgets.widgets.base import StepWidget, esc
from cxwidgets.widgets.fields import Text
from cxwidgets.widgets.journey_map import MapControls
from cxwidgets.widgets.registry import register

#: Files bigger than this get no download link (the page would carry them twice).
LINK_LIMIT = 8_000_000
slug = formats.file_base


class FormatTicks(w.VBox):
    """One tick box per format of the export registry, labelled as the registry says and
    ticked as it says to begin with; `value` is the names of the ticked formats."""

    def __init__(self) -> None:
        self.boxes = {f.name: w.Checkbox(description=_(f.label), value=f.ticked, indent=False,
                                         layout=w.Layout(width="auto")
                                         ).add_class(f"cx-format-{f.name}")
                      for f in formats.FORMATS.values()}
        super().__init__([w.HTML("<b>{}</b>".format(esc(_("Formats")))), *self.boxes.values()])
        self.add_class("cx-formats")

    @property
    def options(self) -> tuple[tuple[str, str], ...]:
        return tuple((_(f.label), f.name) for f in formats.FORMATS.values())

    @property
    def value(self) -> tuple[str, ...]:
        return tuple(name for name, box in self.boxes.items() if box.value)

    @value.setter
    def value(self, names: Iterable[str]) -> None:
        wanted = set(names)
        for name, box in self.boxes.items():
            box.value = name in wanted


def default_folder(store_url: str) -> Path:
    """`exports/` beside the store file; the working folder for a database server."""
    if store_url.startswith("sqlite:///"):
        return Path(store_url.removeprefix("sqlite:///")).parent / "exports"
    return Path.cwd() / "exports"


@register
class Share(MapControls, StepWidget):
    """Step 16: export the map."""

    step_key = "share"

    def build(self) -> list[w.Widget]:
        controls = self.map_controls(self.live)
        self.formats = FormatTicks()
        self.folder = Text(description=_("Folder"), layout=w.Layout(width="36em"),
                             value=str(default_folder(self.editor.store.url))
                             ).add_class("cx-folder")
        self.overwrite = w.Checkbox(description=_("Overwrite files of the same name"),
                                    value=False, indent=False,
                                    layout=w.Layout(width="auto")).add_class("cx-overwrite")
        self.export = w.Button(description=_("Export the map"), icon="download",
                               button_style="primary").add_class("cx-export")
        self.progress = w.IntProgress(min=0, max=len(formats.FORMATS), layout=w.Layout(
            visibility="hidden")).add_class("cx-export-progress")
        self.files = w.HTML().add_class("cx-files")
        # no picture until there is one: an empty image is a broken-image icon
        self.preview = w.Image(format="png", layout=w.Layout(max_width="100%", display="none")
                               ).add_class("cx-preview")
        self.export.on_click(lambda _: self.run_export())
        return [*controls, self.formats, self.folder, self.overwrite,
                w.HBox([self.export, self.progress]), self.notice, self.files, self.preview]

    def render(self, workshop: Workshop) -> None:
        self.sync_persona(workshop)

    def run_export(self) -> list[Path]:
        """Write every chosen format; a failure names the file and keeps what was written."""
        # heavy: pandas, only when `run_export` runs
        from cxwidgets.export.workshop import export_set

        if not self.formats.value:
            self.show_error(_("Pick at least one format."))
            return []
        folder = Path(self.folder.value).expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.show_error(f"Cannot use the folder {folder}: {exc.strerror}.")
            return []
        base = slug(self.live.workshop.title)
        written: list[Path] = []
        self.progress.value, self.progress.max = 0, len(self.formats.value)
        self.progress.layout.visibility = "visible"
        self.export.disabled = True
        def step(_: str) -> None:
            self.progress.value += 1

        try:
            written = export_set(
                self.live.full, folder, base, self.formats.value,
                persona_id=self.live.persona_id or None, colour_by=self.colour_by.value,
                force=self.overwrite.value, today=self.live.today(), progress=step,
                version_of=self.live.version)
            self.show_done(f"Exported {L.count(len(written), 'file')} to {folder}.")
        except TargetExists as exc:
            self.show_error(f"{Path(str(exc.path)).name} is already in {folder}. Tick "
                            "'Overwrite files of the same name' to replace it, or choose "
                            "another folder.")
        except CxError as exc:
            self.show_error(str(exc))
        finally:
            self.export.disabled = False
            self.progress.layout.visibility = "hidden"
        if written:  # a refused export leaves the last one's links where they were
            self.files.value = file_links(written)
        png = next((p for p in written if p.suffix == ".png"), None)
        if png is not None:
            self.preview.value = png.read_bytes()
            self.preview.layout.display = ""
        return written


def file_links(paths: list[Path]) -> str:
    if not paths:
        return ""
    items = []
    for p in paths:
        size = p.stat().st_size
        link = ""
        if size <= LINK_LIMIT:
            data = base64.b64encode(p.read_bytes()).decode("ascii")
            found = formats.by_suffix(p.suffix)
            mime = found.mime if found is not None else "application/octet-stream"
            link = (f" · <a download='{esc(p.name)}' href='data:{mime};base64,"
                    f"{data}'>download</a>")
        items.append(f"<li><b>{esc(p.name)}</b> ({size / 1024:,.0f} KB){link}"
                     f"<br><span class='cx-path'>in {esc(p.parent)}</span></li>")
    return "<ul class='cx-file-list'>" + "".join(items) + "</ul>"
