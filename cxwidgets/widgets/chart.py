"""`ChartView`: an Altair chart inside a widget tree, drawn offline in Lab and Voila alike.

Charts are shown through Altair's `JupyterChart` with the Vega scripts sent from the
kernel (`enable_offline`), so nothing is fetched from a CDN and tooltips work. Each view
carries that ~1 MB bundle once, so a view is created only when its step is first shown.
A redraw sends the new spec straight to the view (the kit's charts have no selections
for `JupyterChart` to wire up), and an unchanged spec sends nothing. A chart that carries
a `key` (the journey map's `Spec`: equal keys, equal specs) is known to be unchanged from
its key alone, so a screen redrawn after an edit that did not touch the map costs nothing.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import ipywidgets as w

from cxwidgets.charts.vl import Spec
from cxwidgets.language import N_, _
from cxwidgets.widgets.base import esc

#: Vega's own export menu is hidden: exports go through step 16, with the kit's options.
EMBED_OPTIONS = {"actions": False, "renderer": "svg"}
_offline = False
#: Sizes a big chart (the journey map) can be shown at, by the words on their buttons.
ZOOMS = {N_("Fit to screen"): "fit", "100%": "full", "150%": "large"}


def load_vega() -> None:
    """Load the Vega scripts charts are drawn with, once per kernel (a second or more of
    CPU): the facilitator's app does it before its page is asked for."""
    global _offline
    # lazy: keeps the participant's kernel from loading cxwidgets.widgets.vega_bundle and 1 more
    from cxwidgets.widgets.vega_bundle import enable_offline

    if not _offline:
        enable_offline()  # the bundle kept on this machine: no engine in the kernel
        _offline = True


def _jupyter_chart() -> w.Widget:
    import altair as alt  # heavy: altair, only when `_jupyter_chart` runs

    load_vega()
    return _spec_chart_class(alt.JupyterChart)(alt.Chart().mark_point(),
                                               embed_options=EMBED_OPTIONS)


@functools.cache
def _spec_chart_class(base: type[w.DOMWidget]) -> type[w.DOMWidget]:
    """Altair's `JupyterChart`, sending a new spec without looking through it for binary
    buffers: a spec is JSON, and ipywidgets' search visits every value of it (tens of
    thousands in a grown map, each time any kernel of the room redraws its map)."""

    class SpecChart(base):
        def send_state(self, key: Any = None) -> None:
            if key != "spec":
                super().send_state(key)
                return
            spec = self.spec
            if self._property_lock and "spec" in self._property_lock:
                self._property_lock["spec"] = spec
            self._send({"method": "update", "state": {"spec": spec}, "buffer_paths": []},
                       buffers=[])

    return SpecChart


class ChartView(w.VBox):
    """A slot for one chart; `show(chart)` draws or redraws it."""

    def __init__(self, css_class: str = "") -> None:
        # a wide map scrolls sideways inside its slot instead of running off the page
        # (the kit's page makes it a named region Tab reaches, to scroll with the keys)
        super().__init__(layout=w.Layout(overflow="auto", max_width="100%"))
        self.add_class("cx-chart")
        if css_class:
            self.add_class(css_class)
        self.chart: Any = None
        #: the spec last shown, never changed once shown (a `Spec`'s own, not a copy)
        self._shown: dict[str, Any] | None = None
        #: its JSON, for a chart that carries no key to tell a change by
        self._text = ""
        self._key = ""
        self._view: w.Widget | None = None
        self._fit: w.HTML | None = None
        #: What the region is called for screen readers, in the language spoken (the
        #: kit's page reads it from here when it makes the chart a named region).
        what = _("Journey map") if css_class == "cx-journey-map" else _("Chart")
        self._name_words = what
        self._name = w.HTML(esc(_("{chart} (scrolls with the arrow keys)").format(chart=what)),
                            layout=w.Layout(display="none")).add_class("cx-chart-name")
        #: The chart's title, as a heading of the page above the drawing: read out as
        #: written (Vega would announce it as "Title text ..." in English).
        self._title = w.HTML().add_class("cx-chart-title")
        self.children = [self._name]

    @property
    def spec(self) -> dict[str, Any]:
        """The Vega-Lite spec last shown (empty before the first chart)."""
        return json.loads(json.dumps(self._shown, default=str)) if self._shown else {}

    def show(self, chart: Any) -> None:
        """Draw `chart` unless it is what is shown. A `Spec` with a key is told apart by
        its key and drawn from its own dict, not a copy: the live map is redrawn in every
        kernel of the room as it grows, and a copy of its spec, and the JSON to compare
        it by, cost as much as building it. Any other chart is compared by its JSON."""
        key = getattr(chart, "key", "")
        if key and key == self._key:
            return
        if key and isinstance(chart, Spec):
            spec, text = chart.shared(), ""
        else:
            spec = chart.to_dict(validate=False)
            text = json.dumps(spec, sort_keys=True, default=str)
            if text == self._text:
                self._key = key
                return
        self._key = key
        self.chart, self._shown, self._text = chart, spec, text
        if self._view is None:
            self._view = _jupyter_chart()
            self.children = [self._name, self._title, self._view,
                             *([self._fit] if self._fit else [])]
        drawn, self._title.value = in_words_spoken(spec, self._name_words)
        self._draw(drawn)
        self.add_class("cx-has-chart")  # the page draws it (tests wait for the drawing)

    def _draw(self, spec: dict[str, Any]) -> None:
        """Send `spec` to the page, which draws it."""
        assert self._view is not None
        self._view.spec = spec

    def zoom(self, mode: str) -> None:
        """"fit" draws the chart to the width of its box (never larger than it is);
        "full" and "large" draw it at 100% and 150% in a frame no taller than most of the
        screen, with scrollbars to move around it."""
        for other in ZOOMS.values():
            self.remove_class(f"cx-zoom-{other}")
        self.add_class(f"cx-zoom-{mode}")

    def fit_at_least(self, width: float) -> None:
        """At "fit", never draw the chart narrower than `width` px: a box narrower than
        that scrolls sideways instead of shrinking the chart's text below what a room
        can read."""
        name = f"cx-fit-{id(self):x}"
        self.add_class(name)
        rule = (f"<style>.{name}.cx-zoom-fit svg.marks {{ min-width: {width:.0f}px; }}"
                "</style>")
        if self._fit is None:
            self._fit = w.HTML(rule).add_class("cx-fit-rule")
            self.children = [*self.children, self._fit]
        elif self._fit.value != rule:
            self._fit.value = rule

    def message(self, text: str) -> None:
        """Show a line of text instead of a chart (e.g. "nothing to draw yet")."""
        self.chart, self._shown, self._text, self._key, self._view = None, None, "", "", None
        self._fit = None
        self.remove_class("cx-has-chart")
        self.children = [self._name, w.HTML(f"<p class='cx-empty'><i>{esc(text)}</i></p>")]


def in_words_spoken(spec: dict[str, Any], name: str) -> tuple[dict[str, Any], str]:
    """`spec` as drawn for a screen reader in the language spoken, and its title as HTML.

    The drawing is named (`name`) instead of Vega's English "Vega visualization", and
    leaves out the axis and legend descriptions Vega writes in English ("Y-axis for a
    linear scale with values from ..."): the texts drawn stay, and each mark keeps the
    description the kit gives it in the catalogue's words. The title (and subtitle) is
    taken out of the drawing and given back as a heading for the page, which a screen
    reader reads as written."""
    spec = dict(spec)
    spec.setdefault("description", name)
    config = dict(spec.get("config") or {})
    for part in ("axis", "legend"):
        config[part] = {**(config.get(part) or {}), "aria": False}
    spec["config"] = config
    title = spec.pop("title", None)
    if isinstance(title, str | list):
        title = {"text": title}
    if not isinstance(title, dict) or not title.get("text"):
        return spec, ""

    def line(value: Any) -> str:
        return " ".join(map(str, value)) if isinstance(value, list) else str(value)

    heading = f"<p class='cx-chart-heading'><b>{esc(line(title['text']))}</b>"
    if title.get("subtitle"):
        heading += f"<br><i>{esc(line(title['subtitle']))}</i>"
    return spec, heading + "</p>"


def zoom_buttons(view: ChartView, start: str = "fit") -> w.VBox:
    """Fit / 100% / 150% for `view`, and a line saying how to move around a large one."""
    buttons = w.ToggleButtons(options=[(_(k), v) for k, v in ZOOMS.items()], value=start,
                              description=_("Show"),
                              tooltips=[_("The whole chart at once, as wide as the screen"),
                                        _("Actual size: scroll inside the frame to move "
                                          "around"),
                                        _("Larger still, for the back of the room")]
                              ).add_class("cx-zoom")
    hint = w.HTML("<p class='cx-hint'>{}</p>".format(esc(_(
        "At 100% and 150%, scroll inside the frame (or drag on a phone) to move along the "
        "journey."))))
    fit = w.HTML("<p class='cx-hint'>{}</p>".format(esc(_(
        "Fit to screen keeps the text large enough to read: on a narrow screen a long "
        "journey scrolls sideways."))))

    def show(change: dict[str, Any] | None = None) -> None:
        view.zoom(buttons.value)
        hint.layout.display = "none" if buttons.value == "fit" else ""
        fit.layout.display = "" if buttons.value == "fit" else "none"

    buttons.observe(show, "value")
    show()
    return w.VBox([buttons, hint, fit]).add_class("cx-zoom-controls")
