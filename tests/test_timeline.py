"""The placement timeline: real family files in, geometry, SVG, PDF, PNG and pack pages out, checked."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli
from genogram.io.family import load_family, loads_family
from genogram.layout.timeline import Text, TimelineGeometry, layout_timeline
from genogram.render.timeline_svg import timeline_svg
from tests.conftest import SAMPLES, parse_html
from tests.leakcheck import undated

SVG = "{http://www.w3.org/2000/svg}"
PRICE = SAMPLES / "price-siblings.yaml"
NOWAK = SAMPLES / "nowak-placements.yaml"

OVERLAP = """
genogram: 1
title: Overlap
as_of: 2026-01-01
index: c
people:
  - {id: c, name: Casey Example, sex: female, born: 2014-05-02}
  - {id: m, name: Morgan Example, sex: female, born: ~1990}
unions:
  - {partners: [m], children: [c]}
households:
  - {id: mum, label: With mum, members: [m, c], to: 2024-12}
  - {id: fos, label: Foster placement, members: [c], from: 2024-09, placement: foster}
"""


def _boxes(geo: TimelineGeometry) -> list[Text]:
    return [s.label for s in geo.stays] + [m.label for m in geo.marks] + [e.label for e in geo.events] + [lane.name for lane in geo.lanes]


def _meet(a: Text, b: Text) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


@pytest.mark.parametrize("path", [PRICE, NOWAK, SAMPLES / "carter.yaml", SAMPLES / "campbell-four-generations.yaml"], ids=lambda p: p.stem)
def test_no_label_meets_another_and_no_leader_crosses_a_label(path: Path) -> None:
    geo = layout_timeline(load_family(path).family)
    boxes = _boxes(geo)
    assert [(a, b) for a, b in combinations(boxes, 2) if _meet(a, b)] == []
    # A stay's leader drops from its bar to its label at the label's left edge.
    for stay in geo.stays:
        top, bottom = stay.y + stay.h, stay.label.y
        for other in boxes:
            if other is not stay.label and other.x < stay.label.x < other.x + other.w:
                assert not (top < other.y + other.h and other.y < bottom), (stay.household, other.lines[0])
    # An event's stem rises from the axis to its own label only.
    for marker in geo.events:
        for other_event in geo.events:
            if other_event is not marker and other_event.label.x < marker.x < other_event.label.x + other_event.label.w:
                assert not (marker.label.y + marker.label.h <= other_event.label.y < marker.y), (marker.label.lines, other_event.label.lines)


def test_split_sibling_group_reads_as_a_panel_would() -> None:
    geo = layout_timeline(load_family(PRICE).family)
    assert [lane.child for lane in geo.lanes] == ["kyle", "jess", "amber", "poppy"]
    assert geo.lanes[0].index and not any(lane.index for lane in geo.lanes[1:])
    kyle = [s for s in geo.stays if s.child == "kyle"]
    assert [s.kind for s in kyle] == ["birth-family", "foster", "foster", "kinship"]
    assert kyle[0].start_assumed and "from birth (no from: date)" in " ".join(kyle[0].label.lines)
    assert kyle[-1].open_end and kyle[-1].current and not kyle[0].current
    assert [m.number for m in geo.moves if m.child == "kyle"] == [1, 2, 3]
    (gap,) = [m for m in geo.marks if m.kind == "gap"]
    assert (gap.child, gap.start, gap.end) == ("kyle", "2025-10-17", "2025-12-01")
    assert "45 days" in " ".join(gap.label.lines)
    # Bars follow on in time along the lane, and each short stay is wide enough to see.
    for a, b in zip(kyle, kyle[1:]):
        assert a.x1 <= b.x0 + 0.01
    assert min(s.x1 - s.x0 for s in kyle) >= 40
    assert geo.notes and "not all the same width" in geo.notes[0]
    assert "4 homes, 3 moves" in geo.lanes[0].name.lines
    events = {(e.kind, e.date) for e in geo.events}
    assert {("birth", "2016-03-09"), ("separation", "2025"), ("death", "2021-12")} <= events
    assert all(geo.plot_x0 <= e.x <= geo.plot_x1 for e in geo.events)
    assert geo.plot_x0 <= geo.today_x <= geo.plot_x1


def test_overlaps_are_drawn_as_errors_across_both_tracks() -> None:
    geo = layout_timeline(loads_family(OVERLAP).family)
    (mark,) = [m for m in geo.marks if m.kind == "overlap"]
    assert (mark.start, mark.end) == ("2024-09-30", "2024-12-01")
    assert "Overlap (error)" in mark.label.lines[0]
    bars = [s for s in geo.stays if s.child == "c"]
    assert len({s.y for s in bars}) == 2  # the overlapping stays on two tracks
    assert mark.y <= min(s.y for s in bars) and mark.y + mark.h >= max(s.y + s.h for s in bars)
    svg = timeline_svg(geo)
    assert "Overlap (error): two places at once" in svg  # in the key


def test_partial_dates_are_drawn_as_ranges() -> None:
    geo = layout_timeline(load_family(SAMPLES / "carter.yaml").family)
    mia = next(s for s in geo.stays if s.child == "mia")
    # Mia was born in 2016 (a year only) and her home has no from: date: its start is the whole year.
    assert mia.start_assumed and mia.start_zone[1] - mia.start_zone[0] > 20
    jayden = next(s for s in geo.stays if s.child == "jayden")
    assert jayden.start_zone[0] == jayden.start_zone[1]  # a full date: no range


def test_svg_is_self_contained_described_and_deterministic() -> None:
    family = load_family(PRICE).family
    svg = timeline_svg(layout_timeline(family))
    assert svg == timeline_svg(layout_timeline(family))
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title") is not None
    desc = root.findtext(f"{SVG}desc") or ""
    assert "Kyle Price: 4 stays" in desc and "1 gap in the record" in desc
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for words in ("Kinship placement with grandmother Pat", "No household recorded", "as of 2026-11-16", "Key", "Gap: no household recorded"):
        assert words in texts
    assert not [e for e in root.iter() if e.tag in (f"{SVG}script", f"{SVG}image", f"{SVG}foreignObject")]
    assert "href" not in svg


def test_cli_writes_svg_pdf_png_and_json(tmp_path: Path) -> None:
    source = tmp_path / "price.yaml"
    source.write_bytes(PRICE.read_bytes())
    runner = CliRunner()
    result = runner.invoke(cli, ["timeline", str(source)])
    assert result.exit_code == 0, result.output
    assert ET.fromstring((tmp_path / "price-timeline.svg").read_text(encoding="utf-8")).tag == f"{SVG}svg"
    for suffix, magic in (("pdf", b"%PDF"), ("png", b"\x89PNG")):
        out = tmp_path / f"t.{suffix}"
        result = runner.invoke(cli, ["timeline", str(source), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(magic)
    result = runner.invoke(cli, ["timeline", str(source), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data == layout_timeline(load_family(PRICE).family).as_json()
    assert {"lanes", "stays", "marks", "moves", "events", "ticks", "width", "height", "notes"} <= set(data)


def test_cli_redacts_names_and_refuses_bad_input(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "t.svg"
    result = runner.invoke(cli, ["timeline", str(PRICE), "--redact", "-o", str(out)])
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    for word in ("Kyle", "Amber", "Poppy", "Danielle", "Mensah", "2016-03-09"):
        assert word not in svg, word
    bad = tmp_path / "bad.yaml"
    bad.write_text("genogram: 1\npeople:\n  - {id: a, born: 20x1}\n", encoding="utf-8")
    result = runner.invoke(cli, ["timeline", str(bad), "-o", str(tmp_path / "bad.svg")])
    assert result.exit_code == 2
    assert "bad.yaml:3:" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "bad.svg").exists()


def test_pack_has_the_timeline_page(tmp_path: Path) -> None:
    out = tmp_path / "pack.html"
    result = CliRunner().invoke(cli, ["pack", str(SAMPLES / "carter-2026-10.session.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    text = " ".join(parse_html(html).text)
    assert "Where the children have lived" in text
    section = html[html.index('<section id="timeline">') :]
    section = section[: section.index("</section>")]
    assert "<svg" in section and "Kinship placement with" in section and "Jayden Carter" in section


# Redacted: laid out from the real dates, said in allowed words ---------------------------------
def _recorded_words(path: Path) -> set[str]:
    """Every name, household label and id the family file records (the things a redacted timeline must not say)."""
    family = load_family(path).family
    words = {p.id for p in family.people} | {h.id for h in family.households}
    for person in family.people:
        words |= {part for part in (person.name or "").replace("(", " ").replace(")", " ").split() if len(part) > 2}
    words |= {h.label for h in family.households if h.label}
    return words


def test_redacted_timeline_keeps_every_mark_of_the_exact_one() -> None:
    from genogram import api

    family = load_family(PRICE).family
    exact, redacted = api.timeline_geometry(family), api.timeline_geometry(family, redact=True)
    assert (exact.plot_x0, exact.plot_x1, exact.today_x) == (redacted.plot_x0, redacted.plot_x1, redacted.today_x)
    assert [(s.kind, s.x0, s.x1, s.start_zone, s.end_zone, s.open_end, s.current) for s in exact.stays] == [
        (s.kind, s.x0, s.x1, s.start_zone, s.end_zone, s.open_end, s.current) for s in redacted.stays
    ]
    assert [(m.kind, m.x0, m.x1) for m in exact.marks] == [(m.kind, m.x0, m.x1) for m in redacted.marks]
    assert [(m.x, m.number) for m in exact.moves] == [(m.x, m.number) for m in redacted.moves]
    assert [(e.kind, e.x) for e in exact.events] == [(e.kind, e.x) for e in redacted.events]
    assert len(exact.lanes) == len(redacted.lanes) == 4
    # Kyle's six weeks nowhere are still there, and still six weeks (the year-cut family lost them).
    gap = next(m for m in redacted.marks if m.kind == "gap")
    assert gap.label.lines[0] == "No household recorded" and "45 days" in " ".join(gap.label.lines)
    assert (gap.start, gap.end) == ("1 year ago", "11 months ago")
    index = redacted.lanes[0]
    assert index.name.lines[0] == "Child (10)" and "aged 10" in index.name.lines
    assert "in the current home 5 months" in " ".join(index.name.lines)  # 2026-06-10 to 2026-11-16, as the exact one says
    assert "in the current home 5 months" in " ".join(exact.lanes[0].name.lines)
    labels = [s.label.lines[0] for s in redacted.stays if s.child == index.child]
    assert labels == ["Household h1", "Foster placement (h3)", "Foster placement (h4)", "Kinship placement (h5)"]
    assert [t.label for t in redacted.ticks][-3:] == ["2 y ago", "1 y ago", "now"]
    events = [line for e in redacted.events for line in e.label.lines]
    assert "Mother and Father married (about 14 years ago)" in events


def test_redacted_timeline_says_no_date_name_household_or_id(tmp_path: Path) -> None:
    runner = CliRunner()
    svg_out, pdf_out = tmp_path / "t.svg", tmp_path / "t.pdf"
    for out in (svg_out, pdf_out):
        result = runner.invoke(cli, ["timeline", str(PRICE), "--redact", "-o", str(out)])
        assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["timeline", str(PRICE), "--redact", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    root = ET.fromstring(svg_out.read_bytes())
    texts = {"svg text": " ".join(t.text or "" for t in root.iter(f"{SVG}text")), "desc": root.findtext(f"{SVG}desc") or ""}
    strings: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                collect(v)
        elif isinstance(value, list):
            for v in value:
                collect(v)

    collect(data)
    texts["json"] = "\n".join(strings)
    pypdf = pytest.importorskip("pypdf")
    texts["pdf"] = "\n".join(page.extract_text() for page in pypdf.PdfReader(str(pdf_out)).pages)
    recorded = _recorded_words(PRICE)
    import re

    for where, text in texts.items():
        assert "Child (10)" in text, where
        assert undated(text) == [], where
        said = set(re.findall(r"[\w'-]+", text))
        assert not (said & {w for w in recorded if " " not in w}), (where, said & recorded)
        assert not [w for w in recorded if " " in w and w in text], where
    assert set(strings) & {"p1", "h3"} and not set(strings) & {p for p in recorded if p.islower()}


def test_redacted_pack_timeline_page_says_no_date(tmp_path: Path) -> None:
    import html as html_module

    out = tmp_path / "pack.html"
    result = CliRunner().invoke(cli, ["pack", str(SAMPLES / "carter-2026-11.session.yaml"), "-o", str(out)])  # group: redacted by default
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    section = page[page.index('<section id="timeline">') :]
    section = html_module.unescape(section[: section.index("</section>")])
    assert "<svg" in section and "Child (13)" in section and "Kinship placement (h2)" in section
    assert undated(section) == []
    assert "1 year 2 months ago" in section  # the placement's real start, as an interval
