"""Diagrams on paper: scaled to the sheet or tiled, never printing text below the minimum.

The text sizes are read back from the PDFs themselves (pypdf: each text run's
font size times the scale of its text and page transforms), so whatever
typst, the SVG or the pack template does, the test sees what the printer gets.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli
from genogram.render.paper import MM, OVERLAP, PaperOptions, plan

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FAMILIES = sorted(p for p in SAMPLES.glob("*.yaml") if not p.name.endswith(".session.yaml"))
SESSIONS = sorted(SAMPLES.glob("*.session.yaml"))
MIN_TEXT = 8.0


def printed_sizes(pdf: bytes) -> list[tuple[float, str]]:
    """(size in points as printed, text) for every visible text run of every page."""
    import pypdf

    sizes: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text.strip():
            return
        a, b, c, d = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3], tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
        del a, b
        sizes.append((size * math.hypot(c, d), text))

    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def assert_legible(pdf: bytes, what: str) -> None:
    sizes = printed_sizes(pdf)
    assert sizes, f"{what}: no text found in the PDF"
    small = [(round(s, 2), t) for s, t in sizes if s < MIN_TEXT - 0.02]
    assert not small, f"{what}: text below {MIN_TEXT} pt: {small[:5]}"


def test_small_drawing_is_scaled_to_fit_one_sheet() -> None:
    laid = plan(400, 300, 9.0, PaperOptions("A4"))
    assert laid.mode == "fit" and len(laid.sheets) == 1
    assert laid.scale == 1.0  # never enlarged when it already fits
    assert "scaled to fit one A4 sheet" in laid.summary


def test_wide_drawing_is_tiled_at_the_minimum_text_size() -> None:
    laid = plan(3166, 1100, 8.05, PaperOptions("A4", landscape=True))
    assert laid.mode == "tiles"
    assert laid.smallest_printed >= MIN_TEXT
    cols = 1 + max(s["col"] for s in laid.sheets)
    rows = 1 + max(s["row"] for s in laid.sheets)
    assert len(laid.sheets) == rows * cols > 1
    # Tiles overlap: each starts before the previous one ends, and the whole drawing is covered.
    first, second = laid.sheets[0]["panels"][0], laid.sheets[1]["panels"][0]
    assert math.isclose((first["x"] + first["w"] - second["x"]) * laid.scale, OVERLAP, abs_tol=0.05)
    last = laid.sheets[cols - 1]["panels"][0]
    bottom = laid.sheets[-1]["panels"][0]
    assert last["x"] + last["w"] >= 3166 and bottom["y"] + bottom["h"] >= 1100
    assert all(s["marks"] for s in laid.sheets)
    assert "tiled across" in laid.summary and f"{OVERLAP / MM:.0f} mm" in laid.summary


def test_diagram_and_key_go_on_sheets_of_their_own() -> None:
    from genogram.render.paper import KeyRegion

    # A diagram 700 wide with a tall key beside it: the whole cannot fit A4 landscape at 8 pt, the diagram alone can.
    key = KeyRegion(724, 60, 300, 700, diagram_height=480)
    laid = plan(1024, 790, 8.05, PaperOptions("A4", landscape=True), key)
    assert laid.mode == "split"
    diagram, *rest = laid.sheets
    shown = diagram["panels"][0]
    assert (shown["x"], shown["y"], shown["w"], shown["h"]) == (0, 0, 724, 480)
    columns = [p for s in rest for p in s["panels"]]
    assert len(rest) == 1 and len(columns) == 2  # the key, in two columns on one sheet of its own
    assert all(p["x"] == 724 and p["w"] == 300 for p in columns)
    assert columns[0]["y"] == 60 and columns[1]["y"] == columns[0]["y"] + columns[0]["h"]
    assert columns[1]["y"] + columns[1]["h"] == 760  # the whole key, nothing left out
    assert "the diagram on one A4 landscape sheet" in laid.summary and "its key and missing information in 2 columns" in laid.summary
    assert laid.smallest_printed >= MIN_TEXT


def test_key_columns_end_between_entries_and_go_beside_the_diagram_when_there_is_room() -> None:
    from genogram.render.paper import KeyRegion

    # A narrow diagram (100) and a key of 40 entries, 22 high each, which A4 landscape holds in two columns beside it.
    breaks = tuple(60 + 22 * i for i in range(1, 41))
    key = KeyRegion(100, 60, 324, 880, diagram_height=300, entry_breaks=breaks)
    laid = plan(424, 1000, 8.05, PaperOptions("A4", landscape=True), key)
    assert len(laid.sheets) == 1 and "the diagram and its key on one A4 landscape sheet" in laid.summary
    diagram, *columns = laid.sheets[0]["panels"]
    assert diagram["x"] == 0 and len(columns) >= 2
    assert all(c["dx"] >= diagram["w"] * diagram["scale"] for c in columns)  # beside, not over, the diagram
    for column in columns[:-1]:
        assert column["y"] + column["h"] in breaks  # cut between two entries
        assert column["h"] * column["scale"] <= 595.28  # and within the sheet
    assert laid.smallest_printed >= MIN_TEXT


def test_the_contract_family_prints_on_two_a4_landscape_sheets(tmp_path: Path) -> None:
    import pypdf

    out = tmp_path / "carter.pdf"
    family = Path(__file__).resolve().parents[2] / "shared" / "design" / "example-family.yaml"
    result = CliRunner().invoke(cli, ["render", str(family), "-o", str(out), "--paper", "A4", "--landscape"])
    assert result.exit_code == 0, result.output
    assert "its key and missing information in 2 columns, on 1 more A4 landscape sheet" in result.output
    pages = pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages
    assert len(pages) == 2  # the key used to spill onto a third sheet
    assert_legible(out.read_bytes(), family.name)


def test_either_way_keeps_the_orientation_with_fewer_sheets() -> None:
    wide = plan(1500, 500, 9.0, PaperOptions("A4", either_way=True))
    assert all(s["page_width"] > s["page_height"] for s in wide.sheets)
    assert len(wide.sheets) < len(plan(1500, 500, 9.0, PaperOptions("A4")).sheets)


@pytest.mark.parametrize("family", FAMILIES, ids=lambda p: p.stem)
def test_render_on_a4_keeps_text_legible(family: Path, tmp_path: Path) -> None:
    import pypdf

    from genogram import api
    from genogram.render.paper import with_focus

    out = tmp_path / "out.pdf"
    result = CliRunner().invoke(cli, ["render", str(family), "-o", str(out), "--paper", "A4"])
    assert result.exit_code == 0, result.output
    assert any(word in result.output for word in ("scaled to fit", "on one A4", "tiled across"))
    assert_legible(out.read_bytes(), family.name)
    # One page per planned sheet: nothing spilled over onto a page of its own.
    loaded = api.read_family(family).family
    diagrams, _ = with_focus(loaded, api.genogram_svg, PaperOptions("A4"), "see page 2")
    assert len(pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages) == sum(len(d.plan.sheets) for d in diagrams)


@pytest.mark.parametrize("session", SESSIONS, ids=lambda p: p.stem)
def test_every_sample_pack_keeps_text_legible(session: Path) -> None:
    from genogram.pack.build import assemble_pack
    from genogram.pack.pdf import render_pdf_on_paper

    pdf, said = render_pdf_on_paper(assemble_pack(session).content)
    assert said and all("smallest text" in line for line in said)
    assert_legible(pdf, session.name)


def test_campbell_pack_names_are_printed_at_readable_size() -> None:
    from genogram.pack.build import assemble_pack
    from genogram.pack.pdf import render_pdf_on_paper

    pdf, _ = render_pdf_on_paper(assemble_pack(SAMPLES / "campbell-2026-11.session.yaml").content)
    sizes = dict((t.strip(), s) for s, t in printed_sizes(pdf))
    # A name from the far side of the family, printed whole and at 8 pt or more.
    names = [t for t in sizes if "Campbell" in t]
    assert names and min(sizes[n] for n in names) >= MIN_TEXT - 0.02


def test_focus_keeps_three_generations_and_names_what_it_leaves_out() -> None:
    from genogram.io.family import load_family
    from genogram.render.focus import focus_family

    family = load_family(SAMPLES / "carter.yaml").family
    focus = focus_family(family, "see page 2")
    assert focus is not None
    kept = {p.id for p in focus.people}
    # Child, parents (the unknown father too), the mother's partners, the half-sister and the loss, grandparents.
    assert kept == {"jayden", "sarah", "jayden-father", "lee", "sam", "mia", "pregnancy-2018", "maureen", "frank"}
    # Tyler and his three children hang from the grandparents: one stub, on the first of them in the file.
    stubs = {p.id: p.name for p in focus.people if p.name and "see page 2" in p.name}
    assert stubs == {"maureen": "Maureen Carter (+4 people, see page 2)"}
    # Every gap keeps its number; unions keep their ids, so the register still points at the right place.
    assert len(focus.missing) == len(family.missing)
    assert all(u.id in family.union_ids for u in focus.unions)


def test_render_chooses_focus_then_tiles_when_the_focus_fits(tmp_path: Path) -> None:
    import pypdf

    out = tmp_path / "c.pdf"
    result = CliRunner().invoke(cli, ["render", str(SAMPLES / "campbell-four-generations.yaml"), "-o", str(out), "--paper", "A2", "--landscape"])
    assert result.exit_code == 0, result.output
    assert "focus view first" in result.output and "the diagram tiled across 2 A2 landscape sheets" in result.output
    assert "its key and missing information on 1 more A2 landscape sheet" in result.output
    pages = pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages
    assert len(pages) == 4  # the focus view, two tiles of the whole family, its key
    first = pages[0].extract_text()
    assert "+56 people, see page 2" in first and "Kayden Dixon" in first
    assert_legible(out.read_bytes(), "campbell focus")


def test_paper_pdf_is_deterministic(tmp_path: Path) -> None:
    outs = []
    for n in range(2):
        out = tmp_path / f"c{n}.pdf"
        result = CliRunner().invoke(cli, ["render", str(SAMPLES / "rahman-many-scripts.yaml"), "-o", str(out), "--paper", "A3", "--landscape"])
        assert result.exit_code == 0, result.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_focus_stub_points_at_the_page_the_whole_family_starts_on(tmp_path: Path) -> None:
    import pypdf

    out = tmp_path / "c.pdf"
    result = CliRunner().invoke(cli, ["render", str(SAMPLES / "campbell-four-generations.yaml"), "-o", str(out), "--paper", "A4", "--landscape"])
    assert result.exit_code == 0, result.output
    pages = pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages
    # Page 1: the focus view's diagram; page 2: its key; the whole family from page 3.
    assert "+56 people, see page 3" in pages[0].extract_text()
    assert "Key" in pages[1].extract_text()
    assert "William Stewart" in "".join(p.extract_text() for p in pages[2:])
    assert_legible(out.read_bytes(), "campbell on A4 landscape")


@pytest.mark.parametrize(("args", "where"), [(["-o", "g.png", "--paper", "A4"], "--paper"), (["-o", "g.pdf", "--landscape"], "--landscape")])
def test_paper_options_that_would_do_nothing_are_refused(args: list[str], where: str, tmp_path: Path) -> None:
    out = tmp_path / args[1]
    args = [args[0], str(out), *args[2:]]
    result = CliRunner().invoke(cli, ["render", str(SAMPLES / "carter.yaml"), *args])
    assert result.exit_code == 2
    assert result.output.startswith(f"{where}: ") and "hint:" in result.output
    assert not out.exists()
