"""`genogram ecomap`: layout, metrics, SVG structure, CLI, golden files.

The SVG is parsed, not grepped: every connection in the family file must be
a ``<g class="connection">`` whose line has its strength's form and whose
arrowheads sit at the right ends.

Golden files (tests/golden/ecomap/*.svg) are regenerated, after checking a
change by eye, with:

    python -m tests.test_ecomap --regen-golden
"""

from __future__ import annotations

import json
import math
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli
from genogram.io.family import load_family, loads_family
from genogram.layout.ecomap import EcomapGeometry, SystemCircle, ecomap_overlaps, layout_ecomap
from genogram.render.ecomap_svg import ecomap_svg

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden" / "ecomap"
GOLDEN_SAMPLES = ("carter", "bennett-twins")
SVG_NS = "{http://www.w3.org/2000/svg}"

_KINDS = ["school", "college", "nursery", "health", "gp", "camhs", "hospital", "social-care", "youth-justice", "police", "probation", "friends", "peers", "extended-family", "faith", "community", "leisure", "work", "benefits", "housing", "boxing-club"]
_STRENGTHS = ["strong", "normal", "tenuous", "stressful", "broken"]
_FLOWS = ["to", "from", "both", None]
_WITH = ["kid", "mum", None, "sib", "home", "kid", "gran"]


def crowded_family_yaml(n: int) -> str:
    """A family with ``n`` connections of every kind, strength and flow, some with long names."""
    lines = [
        "genogram: 1",
        "title: Crowded family",
        "index: kid",
        "people:",
        "  - {id: kid, name: Kid Crowd, sex: male, born: 2012}",
        "  - {id: mum, name: Mum Crowd, sex: female, born: 1985}",
        "  - {id: sib, name: Sib Crowd, sex: female, born: 2015}",
        "  - {id: gran, name: Gran Crowd, sex: female, born: 1960}",
        "households:",
        "  - {id: home, label: Crowd home, members: [kid, mum, sib, gran]}",
        "connections:",
    ]
    for i in range(n):
        kind = _KINDS[i % len(_KINDS)]
        name = f"{kind.replace('-', ' ').title()} service number {i + 1}" if i % 3 == 0 else f"{kind.title()} {i + 1}"
        entry = f"  - system: {kind}\n    name: {name}\n    strength: {_STRENGTHS[i % 5]}"
        flow = _FLOWS[i % 4]
        if flow:
            entry += f"\n    flow: {flow}"
        with_ = _WITH[i % len(_WITH)]
        if with_:
            entry += f"\n    with: {with_}"
        lines.append(entry)
    return "\n".join(lines) + "\n"


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.glob("*.yaml") if not p.name.endswith(".session.yaml"))


def samples_with_connections() -> list[Path]:
    return [p for p in sample_files() if load_family(p).family.connections]


def _svg(path: Path, **options: object) -> tuple[str, EcomapGeometry]:
    family = load_family(path).family
    geometry = layout_ecomap(family, **options)  # type: ignore[arg-type]
    return ecomap_svg(family, geometry), geometry


def _path_points(d: str) -> list[list[tuple[float, float]]]:
    """Subpaths of a path made of M/L commands, as lists of points."""
    subpaths: list[list[tuple[float, float]]] = []
    for command, x, y in re.findall(r"([ML])\s*(-?[\d.]+)\s+(-?[\d.]+)", d):
        if command == "M":
            subpaths.append([])
        subpaths[-1].append((float(x), float(y)))
    return subpaths


def _connections(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return [g for g in root.iter(f"{SVG_NS}g") if g.get("class") == "connection"]


def _child(group: ET.Element, cls: str) -> list[ET.Element]:
    return [e for e in group if e.get("class") == cls]


# ----------------------------------------------------------------------------- structure


@pytest.mark.parametrize("path", samples_with_connections(), ids=lambda p: p.stem)
def test_every_connection_is_drawn_or_listed(path: Path) -> None:
    loaded = load_family(path)
    family = loaded.family
    svg, geometry = _svg(path)
    groups = _connections(svg)
    root = ET.fromstring(svg)
    desc = root.find(f"{SVG_NS}desc")
    assert desc is not None and desc.text
    centre_members = set(geometry.centre.members)
    drawn = []
    for position, conn in enumerate(family.connections):
        name = conn.name or conn.system
        assert geometry.connections[position]["drawn"], name
        if conn.with_ is None or conn.with_ == geometry.centre.id or conn.with_ in centre_members:
            drawn.append((conn.with_ or "", conn.strength.value, conn.flow.value if conn.flow else "none", name))
        else:
            # Someone living elsewhere: drawn to their own circle beyond the centre, and said in the description.
            assert any(g.get("data-with") == conn.with_ and g.get("data-ends-at") == "relative" for g in groups), name
            assert f"{name} with " in desc.text
    circles = {s.id: s for s in geometry.systems}
    related = {frozenset(r.ends) for r in family.relationships}
    # Lines to relatives' circles come from the file's connections; a relative's own line to a member, from a relationship.
    remaining = [g for g in groups if g.get("data-ends-at") != "relative"]
    for g in list(remaining):
        person = circles[g.get("data-system") or ""].person
        if person is not None:
            assert frozenset((person, g.get("data-with"))) in related
            remaining.remove(g)
    for with_, strength, flow, name in drawn:
        match = next(
            g
            for g in remaining
            if (g.get("data-with") or "", g.get("data-strength"), g.get("data-flow")) == (with_, strength, flow)
            and (g.findtext(f"{SVG_NS}title") or "").startswith(f"{name} with ")
        )
        remaining.remove(match)
    assert not remaining  # nothing drawn that the file does not say


def _check_style(group: ET.Element) -> None:
    strength = group.get("data-strength")
    (line,) = _child(group, "line")
    subpaths = _path_points(line.get("d", ""))
    width = float(line.get("stroke-width", "0"))
    if strength == "strong":
        assert width >= 3
    else:
        assert width < 2
    assert (line.get("stroke-dasharray") is not None) == (strength == "tenuous")
    ticks = _child(group, "ticks")
    if strength == "stressful":
        (tick_path,) = ticks
        marks = _path_points(tick_path.get("d", ""))
        assert len(marks) >= 2
        (a, b) = subpaths[0]
        ux, uy = b[0] - a[0], b[1] - a[1]
        for (p, q) in marks:  # each tick crosses the line at right angles
            tx, ty = q[0] - p[0], q[1] - p[1]
            assert abs(ux * tx + uy * ty) < 1e-2 * math.hypot(ux, uy) * math.hypot(tx, ty) + 0.05
    else:
        assert not ticks
    if strength == "broken":
        assert len(subpaths) == 2
        gap = math.dist(subpaths[0][-1], subpaths[1][0])
        assert gap >= 10
    else:
        assert len(subpaths) == 1


def _check_arrows(group: ET.Element, geometry: EcomapGeometry) -> None:
    flow = group.get("data-flow")
    arrows = {a.get("data-end"): a for a in _child(group, "arrow")}
    expected = {"to": {"family"}, "from": {"system"}, "both": {"family", "system"}, "none": set()}[flow or "none"]
    assert set(arrows) == expected
    system = next(s for s in geometry.systems if s.id == group.get("data-system"))
    for end, arrow in arrows.items():
        tip = _path_points(arrow.get("d", ""))[0][0]
        distance = math.dist(tip, (system.cx, system.cy))
        if end == "system":
            assert distance == pytest.approx(system.r, abs=0.2)
        elif group.get("data-ends-at") == "relative":
            relative = next(s for s in geometry.systems if s.id == group.get("data-to"))
            assert math.dist(tip, (relative.cx, relative.cy)) == pytest.approx(relative.r, abs=0.2)
        elif group.get("data-ends-at") == "member":
            member = next(m for m in geometry.members if m.id == group.get("data-with"))
            # The tip touches the symbol (its outer outline for the index child).
            assert member.w / 2 <= math.dist(tip, (member.box.cx, member.box.cy)) <= (member.w / 2 + 6) * math.sqrt(2)
        else:
            centre = geometry.centre
            assert math.dist(tip, (centre.cx, centre.cy)) == pytest.approx(centre.r, abs=0.2)


@pytest.mark.parametrize("path", samples_with_connections(), ids=lambda p: p.stem)
def test_line_style_and_arrow_direction(path: Path) -> None:
    svg, geometry = _svg(path, include_family=True)
    groups = _connections(svg)
    assert groups
    for g in groups:
        _check_style(g)
        _check_arrows(g, geometry)


def test_crowded_family_has_every_style_and_flow() -> None:
    family = loads_family(crowded_family_yaml(40)).family
    geometry = layout_ecomap(family)
    svg = ecomap_svg(family, geometry)
    groups = _connections(svg)
    assert len(groups) == 40
    assert {g.get("data-strength") for g in groups} == set(_STRENGTHS)
    assert {g.get("data-flow") for g in groups} == {"to", "from", "both", "none"}
    for g in groups:
        _check_style(g)
        _check_arrows(g, geometry)


def test_legend_shows_exactly_what_is_used() -> None:
    svg, geometry = _svg(SAMPLES / "carter.yaml")
    root = ET.fromstring(svg)
    items = [g for g in root.iter(f"{SVG_NS}g") if g.get("class") == "legend-item"]
    used_strengths = {g.get("data-strength") for g in _connections(svg)}
    used_flows = {g.get("data-flow") for g in _connections(svg)} - {"none"}
    legend_strengths = {g.get("data-strength") for g in items if g.get("data-flow") in (None, "none")}
    legend_flows = {g.get("data-flow") for g in items if g.get("data-flow") not in (None, "none")}
    assert legend_strengths == used_strengths
    assert legend_flows == used_flows


def test_members_are_genogram_symbols_inside_the_centre() -> None:
    svg, geometry = _svg(SAMPLES / "carter.yaml")
    root = ET.fromstring(svg)
    members = {g.get("data-id") for g in root.iter(f"{SVG_NS}g") if g.get("class") == "member"}
    assert members == {"jayden", "maureen"}  # Jayden's kinship placement with his grandmother
    c = geometry.centre
    for m in geometry.members:
        for x in (m.x, m.x + m.w):
            for y in (m.y, m.y + m.h):
                assert math.dist((x, y), (c.cx, c.cy)) < c.r


def test_include_family_adds_relatives_living_elsewhere() -> None:
    family = load_family(SAMPLES / "carter.yaml").family
    plain = layout_ecomap(family)
    wide = layout_ecomap(family, include_family=True)
    relatives = {s.person for s in wide.systems if s.kind == "extended-family"}
    assert "sarah" in relatives and "jayden-father" in relatives
    assert not relatives & set(wide.centre.members)
    assert "frank" not in relatives  # died 2019
    assert len(wide.systems) > len(plain.systems)
    # Sarah's conflictual relationship with Jayden becomes a stressful line to him.
    line = next(x for x in wide.lines if x.system == next(s.id for s in wide.systems if s.person == "sarah"))
    assert (line.with_, line.strength, line.ends_at) == ("jayden", "stressful", "member")


def test_centre_option_moves_the_centre() -> None:
    family = load_family(SAMPLES / "carter.yaml").family
    geometry = layout_ecomap(family, centre="home")
    assert geometry.centre.id == "home"
    assert set(geometry.centre.members) == {"sarah", "sam", "mia"}
    housing = next(x for x in geometry.lines if x.with_ == "home")
    assert housing.ends_at == "centre"
    assert math.dist(housing.points[-1], (geometry.centre.cx, geometry.centre.cy)) == pytest.approx(geometry.centre.r, abs=0.05)


# ----------------------------------------------------------------------------- overlaps


@pytest.mark.parametrize("include_family", [False, True])
@pytest.mark.parametrize("path", samples_with_connections(), ids=lambda p: p.stem)
def test_zero_overlaps_on_samples(path: Path, include_family: bool) -> None:
    family = load_family(path).family
    counts = ecomap_overlaps(layout_ecomap(family, include_family=include_family))
    assert counts["total"] == 0, counts


@pytest.mark.parametrize("n", [1, 12, 40, 45])
def test_zero_overlaps_when_crowded(n: int) -> None:
    family = loads_family(crowded_family_yaml(n)).family
    geometry = layout_ecomap(family)
    assert len(geometry.lines) == n
    counts = ecomap_overlaps(geometry)
    assert counts["total"] == 0, counts


def test_metric_sees_overlaps() -> None:
    """The zero-overlap tests mean something only if the metric can count."""
    family = load_family(SAMPLES / "carter.yaml").family
    geometry = layout_ecomap(family)
    first, second = geometry.systems[0], geometry.systems[1]
    geometry.systems[1] = SystemCircle(second.id, second.name, second.kind, second.group, first.cx + 5, first.cy, second.r)
    counts = ecomap_overlaps(geometry)
    assert counts["circle_circle"] >= 1
    assert counts["line_circle"] >= 1
    # A member moved onto another member's line is counted too.
    geometry = layout_ecomap(family)
    line = next(x for x in geometry.lines if x.ends_at == "member")
    other = next(m for m in geometry.members if m.id != line.with_)
    mx, my = (line.points[0][0] + line.points[-1][0]) / 2, (line.points[0][1] + line.points[-1][1]) / 2
    geometry.members[geometry.members.index(other)] = type(other)(other.id, 0, mx - other.w / 2, my - other.h / 2, other.w, other.h)
    assert ecomap_overlaps(geometry)["line_member"] >= 1


# ----------------------------------------------------------------------------- CLI, JSON, determinism


def test_json_shape() -> None:
    result = CliRunner().invoke(cli, ["ecomap", str(SAMPLES / "carter.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"centre", "members", "systems", "labels", "lines", "width", "height"}
    assert set(data["centre"]) >= {"cx", "cy", "r"}
    assert all(set(m) == {"id", "x", "y", "w", "h"} for m in data["members"])
    assert all(set(s) >= {"name", "kind", "cx", "cy", "r"} for s in data["systems"])
    assert all(set(label) >= {"for", "x", "y", "w", "h"} for label in data["labels"])
    assert all(set(line) >= {"system", "with", "strength", "flow", "points"} for line in data["lines"])
    # Sarah's GP and her household's housing association are drawn beyond her circle, and every connection says so.
    assert {s["name"] for s in data["systems"]} == {"Oakfield Academy", "Older peer group", "Youth Justice Service", "GP", "Housing association", "Sarah Carter", "Sam Okoro", "Mia Brown"}
    assert [c["drawn"] for c in data["connections"]] == [True] * 5
    assert next(c for c in data["connections"] if c["name"] == "Housing association")["lines"] == 3
    ids = {s["id"] for s in data["systems"]}
    assert all(line["system"] in ids and len(line["points"]) >= 2 for line in data["lines"])
    assert data["width"] > 0 and data["height"] > 0


def test_output_is_deterministic(tmp_path: Path) -> None:
    family = loads_family(crowded_family_yaml(40)).family
    assert ecomap_svg(family, layout_ecomap(family)) == ecomap_svg(family, layout_ecomap(family))
    source = tmp_path / "carter.yaml"
    source.write_bytes((SAMPLES / "carter.yaml").read_bytes())
    runner = CliRunner()
    assert runner.invoke(cli, ["ecomap", str(source)]).exit_code == 0
    first = (tmp_path / "carter-ecomap.svg").read_bytes()
    assert runner.invoke(cli, ["ecomap", str(source)]).exit_code == 0  # our own file: replaced without --force
    assert (tmp_path / "carter-ecomap.svg").read_bytes() == first
    assert b'generator="genogram"' in first[:2000]


def test_svg_is_safe_and_accessible() -> None:
    text = crowded_family_yaml(3).replace("name: Kid Crowd", 'name: "<script>alert(1)</script> Kid\\u202e"')
    family = loads_family(text).family
    svg = ecomap_svg(family, layout_ecomap(family))
    root = ET.fromstring(svg)
    assert root.find(f"{SVG_NS}title") is not None and root.find(f"{SVG_NS}desc") is not None
    assert "<script" not in svg and "\u202e" not in svg
    assert not any(e.tag.endswith("script") or e.tag.endswith("foreignObject") for e in root.iter())
    assert not re.search(r'(href|src)="(https?:|//)', svg)


def test_pdf_and_png(tmp_path: Path) -> None:
    source = tmp_path / "carter.yaml"
    source.write_bytes((SAMPLES / "carter.yaml").read_bytes())
    runner = CliRunner()
    for suffix, magic in ((".pdf", b"%PDF"), (".png", b"\x89PNG")):
        out = tmp_path / f"map{suffix}"
        result = runner.invoke(cli, ["ecomap", str(source), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(magic)


def test_unknown_centre_is_a_located_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ecomap", str(SAMPLES / "carter.yaml"), "--centre", "nobody", "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 2
    assert "carter.yaml" in result.output and "--centre" in result.output
    assert not (tmp_path / "x.svg").exists()


# ----------------------------------------------------------------------------- golden


def _golden_svg(stem: str) -> str:
    svg, _ = _svg(SAMPLES / f"{stem}.yaml")
    return svg


@pytest.mark.parametrize("stem", GOLDEN_SAMPLES)
def test_golden(stem: str) -> None:
    expected = (GOLDEN / f"{stem}.svg").read_text(encoding="utf-8")
    assert _golden_svg(stem) == expected, "ecomap changed: look at it, then run python -m tests.test_ecomap --regen-golden"


def regen_golden() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for stem in GOLDEN_SAMPLES:
        (GOLDEN / f"{stem}.svg").write_text(_golden_svg(stem), encoding="utf-8")
        print(f"wrote {GOLDEN / (stem + '.svg')}")


if __name__ == "__main__":
    if "--regen-golden" in sys.argv:
        regen_golden()
    else:
        print("usage: python -m tests.test_ecomap --regen-golden")
