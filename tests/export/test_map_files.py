"""Map exports: real PNG, SVG and HTML files written through vl-convert, and every refusal."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from cxwidgets.exceptions import CxError, ExportError
from cxwidgets.export import map_files
from cxwidgets.export.map_files import export_map, map_spec, script_json
from cxwidgets.method.model import Workshop
from cxwidgets.synthetic import synthetic_workshop
from cxwidgets.testing import HOSTILE_SCRIPT as HOSTILE
from cxwidgets.testing import look_at


@pytest.fixture(scope="module")
def workshop() -> Workshop:
    w = synthetic_workshop(3, 8)
    w.touchpoints[0].name = HOSTILE
    return w


# ------------------------------------------------------------------ formats


def test_png_is_a_real_picture_of_a_map(tmp_path, workshop):
    path = export_map(workshop, tmp_path / "map.png", paper=None)
    assert path == tmp_path / "map.png"
    picture = look_at(path)
    assert picture.colours > 200  # text, icons, cards, the curve: not a blank page
    assert 0.15 < picture.inked < 0.9
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]  # no temporary file left


def test_png_alone_grows_with_stages_and_scale(tmp_path):
    one = look_at(export_map(synthetic_workshop(1, 1), tmp_path / "one.png", paper=None))
    six = look_at(export_map(synthetic_workshop(6, 12), tmp_path / "six.png", paper=None))
    assert six.width > one.width + 4 * 150
    big = export_map(synthetic_workshop(1, 1), tmp_path / "big.png", scale=2, paper=None)
    assert look_at(big).width == 2 * one.width


def test_svg_parses_and_shows_the_stage_names(tmp_path, workshop):
    path = export_map(workshop, tmp_path / "map.svg")
    root = ElementTree.parse(path).getroot()
    assert root.tag.endswith("svg")
    texts = " ".join("".join(t.itertext()) for t in root.iter() if t.tag.endswith("text"))
    for stage in ("Awareness", "Consideration", "Sign-up"):
        assert stage in texts
    assert "<img" in texts  # hostile text is drawn as text, never as markup
    assert not [e for e in root.iter() if e.tag.endswith(("img", "script", "image"))]


def test_html_is_self_contained_and_keeps_text_as_data(tmp_path, workshop):
    page = export_map(workshop, tmp_path / "map.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=\s*[\"']?https?:", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "vegaEmbed" in page and "vegaLite" in page and len(page) > 500_000
    assert page.count("</script>") == page.count("<script")  # no text closes a script
    assert HOSTILE not in page
    spec_text = re.search(r'id="journey-map-spec">(.*?)</script>', page, re.S).group(1)
    assert json.loads(spec_text) == json.loads(json.dumps(map_spec(workshop)))
    assert '"renderer": "svg"' in page


def test_script_json_escapes_everything_that_could_end_a_script():
    text = script_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_format_can_be_chosen_apart_from_the_name(tmp_path, workshop):
    path = export_map(workshop, tmp_path / "map.out", fmt="SVG")
    assert path.read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert export_map(workshop, tmp_path / "page.htm").read_bytes().startswith(b"<!DOCTYPE")


def test_colour_and_persona_reach_the_file(tmp_path, workshop):
    path = export_map(workshop, tmp_path / "m.html", persona_id="persona-draft",
                      colour_by="owner")
    page = path.read_text(encoding="utf-8")
    assert "Sam Lee" in page and '"title":"Owner"' in page
    assert "<title>Synthetic journey 3x8: journey map for Sam Lee</title>" in page


# ------------------------------------------------------------------ refusals


def test_existing_file_is_refused_without_force_and_kept(tmp_path, workshop):
    path = tmp_path / "map.png"
    path.write_bytes(b"the old poster")
    with pytest.raises(ExportError, match="already exists; pass force=True / --force"):
        export_map(workshop, path)
    assert path.read_bytes() == b"the old poster"
    export_map(workshop, path, force=True)
    assert path.read_bytes().startswith(b"\x89PNG")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]


def test_failed_drawing_leaves_the_old_file_alone(tmp_path, workshop, monkeypatch):
    path = tmp_path / "map.png"
    path.write_bytes(b"the old poster")

    def broken(self):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(map_files.Drawing, "svg_text", property(broken))  # the layout
    with pytest.raises(ExportError, match="could not draw the map as PNG: renderer crashed"):
        export_map(workshop, path, force=True)
    assert path.read_bytes() == b"the old poster"
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_missing_folder_or_a_file_as_folder_is_refused(tmp_path, workshop):
    with pytest.raises(ExportError, match="does not exist"):
        export_map(workshop, tmp_path / "nowhere" / "map.png")
    (tmp_path / "afile").write_text("x")
    with pytest.raises(ExportError, match="is a file, not a folder"):
        export_map(workshop, tmp_path / "afile" / "map.png")
    (tmp_path / "adir.png").mkdir()
    with pytest.raises(ExportError, match="it is a folder"):
        export_map(workshop, tmp_path / "adir.png", force=True)
    assert not (tmp_path / "nowhere").exists()


def test_folder_the_system_will_not_write_is_refused(workshop):
    # /proc takes no new files, whoever asks (root included): a real failed write.
    with pytest.raises(ExportError, match="cannot write") as err:
        export_map(workshop, Path("/proc/cx-journey-map.png"))
    assert isinstance(err.value, CxError) and isinstance(err.value, OSError)
    assert not list(Path("/proc").glob(".cx-journey-map.png.*"))


def test_read_only_folder_is_named_in_the_message(tmp_path, workshop, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    # Root ignores permission bits; ask the check as an ordinary user would be answered.
    monkeypatch.setattr(map_files.os, "access", lambda p, mode: Path(p) != folder)
    try:
        with pytest.raises(ExportError, match=f"the folder {folder} is not writable"):
            export_map(workshop, folder / "map.png")
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize(("name", "fmt", "message"), [
    ("map.tiff", None, "unknown format .tiff. for .*; known formats: html, pdf, png, svg"),
    ("map.png", "docx", "unknown format 'docx'"),
    ("map", None, "cannot tell which format.*html, pdf, png, svg"),
])
def test_unknown_format_is_refused_with_the_known_ones(tmp_path, workshop, name, fmt, message):
    with pytest.raises(ExportError, match=message):
        export_map(workshop, tmp_path / name, fmt=fmt)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("scale", [0, -1, 11, "2", True])
def test_bad_scale_is_refused(tmp_path, workshop, scale):
    with pytest.raises(ExportError, match="scale must be a number above 0"):
        export_map(workshop, tmp_path / "map.png", scale=scale)


def test_empty_workshop_exports_its_friendly_note(tmp_path):
    path = export_map(Workshop(id="e", title="Empty"), tmp_path / "empty.svg")
    assert "Add stages and place touchpoints" in path.read_text(encoding="utf-8")
