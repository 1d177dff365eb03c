"""Emotional relationship lines: routed round symbols and name labels, drawn in every style.

Real samples in: each line starts in one of its two symbols and ends in the
other, passes through no third person's symbol, and crosses no more name
labels (or symbols) than a straight line would, and fewer over all the
samples; lines that need not cross a name do not. The SVG is well formed,
and the zigzag, double-line and arrow styles follow routed polylines.
"""

from __future__ import annotations

import math
import random
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from genogram.io.family import load_family, loads_family
from genogram.layout.genogram import layout_genogram
from genogram.layout.geometry import segment_crosses
from genogram.layout.relationships import route_relationships
from tests.conftest import generated_family

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "samples").glob("*.yaml") if not p.name.endswith(".session.yaml"))
WITH_RELATIONSHIPS = [p for p in SAMPLES if load_family(p).family.relationships]


def _crosses(a, b, r) -> bool:  # type: ignore[no-untyped-def]
    """Segment a-b through the inside of box r (x0, y0, x1, y1), shrunk by half a unit."""
    return segment_crosses(a[0], a[1], b[0], b[1], r[0] + 0.5, r[1] + 0.5, r[2] - 0.5, r[3] - 0.5)


def _blocked(points, ends, geo) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(third people's symbols, other people's name labels) the polyline passes through."""
    symbols = {(p.x, p.y, p.x + p.w, p.y + p.h) for p in geo.people if p.id not in ends}
    names = {(n.x, n.y, n.x + n.w, n.y + n.h) for n in geo.labels if n.role == "name" and n.for_ not in ends}
    segs = list(zip(points, points[1:]))
    return (
        sum(1 for r in symbols if any(_crosses(a, b, r) for a, b in segs)),
        sum(1 for r in names if any(_crosses(a, b, r) for a, b in segs)),
    )


def _layout(path: Path):  # type: ignore[no-untyped-def]
    family = load_family(path).family
    return family, layout_genogram(family)


@pytest.mark.parametrize("path", WITH_RELATIONSHIPS, ids=lambda p: p.stem)
def test_routes_join_their_two_symbols_and_pass_no_one_else(path: Path) -> None:
    family, geo = _layout(path)
    boxes = {p.id: p for p in geo.people}
    assert len(geo.relationships) == len(family.relationships)
    for line in geo.relationships:
        a, b = (boxes[e] for e in line.ends)
        (x0, y0), (x1, y1) = line.points[0], line.points[-1]
        # Starts inside the first symbol and ends inside the second (the renderer trims to the outline).
        assert a.x < x0 < a.x + a.w and a.y < y0 < a.y + a.h, line
        assert b.x < x1 < b.x + b.w and b.y < y1 < b.y + b.h, line
        symbols, _ = _blocked(line.points, line.ends, geo)
        assert symbols == 0, f"{line.ends} passes through another person's symbol"
        # Horizontal, vertical or 45-degree runs (cut corners), or the one straight line.
        if len(line.points) > 2:
            for (ax, ay), (bx, by) in zip(line.points, line.points[1:]):
                assert abs(ax - bx) < 1e-6 or abs(ay - by) < 1e-6 or abs(abs(ax - bx) - abs(ay - by)) < 1e-6


def test_routes_cross_fewer_name_labels_than_straight_lines() -> None:
    """Never worse than the straight line, pair by pair; clearly better over all the samples."""
    routed_total = straight_total = 0
    for path in WITH_RELATIONSHIPS:
        _, geo = _layout(path)
        centre = {p.id: (p.x + p.w / 2, p.y + p.h / 2) for p in geo.people}
        for line in geo.relationships:
            straight = (centre[line.ends[0]], centre[line.ends[1]])
            routed = _blocked(line.points, line.ends, geo)
            direct = _blocked(straight, line.ends, geo)
            assert routed <= direct or routed[0] < direct[0], f"{path.stem} {line.ends}: {routed} vs straight {direct}"
            routed_total += routed[1]
            straight_total += direct[1]
    assert routed_total < straight_total / 2, (routed_total, straight_total)


@pytest.mark.parametrize(
    ("stem", "ends"),
    [
        ("walsh-three-partners", ("marcus", "kerry")),  # abuse, same row, Ryan between: over the row
        ("campbell-four-generations", ("kayden", "ella")),  # cousins far apart on one row
        ("okafor-blended", ("tobi", "liam")),  # step-siblings with three children between
        ("okafor-blended", ("tobi", "daniel")),  # father straight above: not along the descent line
        ("carter", ("lee", "sarah")),  # partners with their union's label between
    ],
)
def test_lines_that_can_go_round_do(stem: str, ends: tuple[str, str]) -> None:
    _, geo = _layout(ROOT / "samples" / f"{stem}.yaml")
    line = next(x for x in geo.relationships if set(x.ends) == set(ends))
    assert _blocked(line.points, line.ends, geo) == (0, 0)
    # And no label at all is crossed by it, their own included.
    labels = [(n.x, n.y, n.x + n.w, n.y + n.h) for n in geo.labels if n.role in ("name", "union")]
    assert not any(_crosses(a, b, r) for a, b in zip(line.points, line.points[1:]) for r in labels)
    if stem == "okafor-blended" and "daniel" in ends:
        # The descent line runs straight down into Tobi: the route keeps off it.
        tobi = next(p for p in geo.people if p.id == "tobi")
        descent = next(d for d in geo.children if d.child == "tobi")
        x = descent.points[-1][0]
        runs = [(a, b) for a, b in zip(line.points, line.points[1:]) if abs(a[0] - b[0]) < 1e-6 and abs(a[0] - x) < 3]
        assert not [r for r in runs if min(r[0][1], r[1][1]) < tobi.y - 1]


def test_directed_lines_keep_their_direction() -> None:
    """Abuse from Marcus to Kerry: the route runs from Marcus to Kerry, so the arrow reaches Kerry."""
    _, geo = _layout(ROOT / "samples" / "walsh-three-partners.yaml")
    line = next(x for x in geo.relationships if x.ends == ("marcus", "kerry"))
    assert line.directed and line.kind == "abuse"
    kerry = next(p for p in geo.people if p.id == "kerry")
    x, y = line.points[-1]
    assert kerry.x < x < kerry.x + kerry.w and kerry.y < y < kerry.y + kerry.h


def test_routing_is_pure_and_deterministic() -> None:
    family, geo = _layout(ROOT / "samples" / "campbell-four-generations.yaml")
    pairs = [x.ends for x in geo.relationships]
    geo.relationships.clear()
    first = route_relationships(geo, pairs)
    assert first == route_relationships(geo, pairs)
    assert [tuple(p) for p in first] == [x.points for x in layout_genogram(family).relationships]
    assert route_relationships(geo, []) == []


def test_shortcuts_change_no_route(monkeypatch: pytest.MonkeyPatch) -> None:
    """Routing indexes the drawing as it goes, skips candidates that cannot win and remembers segment costs:
    the same routes, point for point, as indexing everything first and costing every candidate in full."""
    from genogram.layout import relationships as rel

    geo = layout_genogram(generated_family(150, 4))
    ids = sorted(p.id for p in geo.people)
    centre = {p.id: (p.x + p.w / 2, p.y + p.h / 2) for p in geo.people}
    rng = random.Random(5)
    pairs = []
    for a in rng.sample(ids, 6):  # a neighbour (often a straight line), someone nearby and someone anywhere
        near = sorted(ids, key=lambda b: math.dist(centre[a], centre[b]))
        pairs += [(a, near[1]), (a, near[2 + rng.randrange(4)]), (a, rng.choice([b for b in ids if b != a]))]
    calls = {"fast": 0, "full": 0}
    free_ys = rel._Scene.free_ys

    def counted(key):  # type: ignore[no-untyped-def]
        def run(self, *args):  # type: ignore[no-untyped-def]
            calls[key] += 1
            return free_ys(self, *args)

        return run

    monkeypatch.setattr(rel._Scene, "free_ys", counted("fast"))
    fast = route_relationships(geo, pairs)

    cost, init = rel._cost, rel._Scene.__init__

    def eager(self, geo):  # type: ignore[no-untyped-def]
        init(self, geo)
        for grid in (self.grid, self.hgrid):
            grid.near(-rel.COLUMN, 0.0, geo.width + rel.COLUMN, 0.0)

    monkeypatch.setattr(rel._Scene, "free_ys", counted("full"))
    monkeypatch.setattr(rel._Scene, "__init__", eager)
    monkeypatch.setattr(rel, "_cost", lambda scene, pts, ends, bound=math.inf, extra=0.0: cost(scene, pts, ends, math.inf, extra))
    monkeypatch.setattr(rel, "_climb", lambda *_: -math.inf)
    monkeypatch.setattr(rel._Scene, "terms", lambda self, a, b, ends: (self.hits(a, b, ends), rel.ALONG * self.along(a, b), rel.CROSS * self.crossings(a, b)))
    assert route_relationships(geo, pairs) == fast
    # Both kinds of route were made, and the shortcuts did skip work.
    assert any(len(route) == 2 for route in fast) and any(len(route) > 2 for route in fast)
    assert calls["fast"] < calls["full"], calls


def test_index_finds_a_box_reaching_into_a_column_from_the_one_before() -> None:
    from genogram.layout.relationships import COLUMN, _Columns

    indexed: list[int] = []
    columns = _Columns([(COLUMN - 10, COLUMN + 10), (3 * COLUMN, 3 * COLUMN + 5), (0.0, 4 * COLUMN)], indexed.append)
    assert indexed == []  # nothing is indexed before a query
    columns(COLUMN + 1, COLUMN + 2)  # only column 1: the box starting in column 0 reaches into it
    assert indexed == [2, 0]  # the wide one first, at the first query
    columns(COLUMN + 3, 3 * COLUMN)
    assert indexed == [2, 0, 1]


@pytest.mark.parametrize("path", WITH_RELATIONSHIPS, ids=lambda p: p.stem)
def test_svg_is_well_formed_with_routed_lines(path: Path) -> None:
    from genogram.render.svg import genogram_svg

    family, geo = _layout(path)
    svg = genogram_svg(family, geo)
    root = ET.fromstring(svg.split("\n", 1)[1])
    ns = "{http://www.w3.org/2000/svg}"
    (layer,) = [g for g in root.iter(ns + "g") if g.get("class") == "relationships"]
    paths = list(layer.iter(ns + "path"))
    assert len(paths) >= len(geo.relationships)
    for p in paths:
        d = p.get("d", "")
        assert d.startswith("M") and "nan" not in d.lower() and "inf" not in d.lower()


def _dist_to_polyline(pt, poly) -> float:  # type: ignore[no-untyped-def]
    best = math.inf
    for a, b in zip(poly, poly[1:]):
        dx, dy = b[0] - a[0], b[1] - a[1]
        t = max(0.0, min(1.0, ((pt[0] - a[0]) * dx + (pt[1] - a[1]) * dy) / (dx * dx + dy * dy or 1.0)))
        best = min(best, math.dist(pt, (a[0] + t * dx, a[1] + t * dy)))
    return best


ARCH = [(0.0, 60.0), (0.0, 16.0), (6.0, 10.0), (200.0, 10.0), (206.0, 16.0), (206.0, 40.0), (212.0, 46.0), (300.0, 46.0)]


def test_zigzag_follows_a_routed_polyline() -> None:
    from genogram.render import lines as L
    from genogram.render import theme as T

    zig = L._zigzag(ARCH)
    # Every tooth lies within the amplitude of the route, and the zigzag passes through each corner.
    assert all(_dist_to_polyline(p, ARCH) <= T.ZIGZAG_AMP + 1e-6 for p in zig)
    for corner in ARCH:
        assert corner in zig
    # Teeth on each long run, alternating sides; a cut corner (8 units) stays straight.
    assert len(zig) > 40
    assert L._zigzag([(0.0, 0.0), (3.0, 0.0)])[0] == (0.0, 0.0) and len(L._zigzag([(0.0, 0.0), (3.0, 0.0)])) == 3


@pytest.mark.parametrize("kind", ["close", "fused", "distant", "conflictual", "hostile", "close-hostile", "cutoff", "abuse", "neglect", "caregiver"])
def test_every_style_draws_along_a_polyline(kind: str) -> None:
    import svgwrite

    from genogram.render import lines as L

    dwg = svgwrite.Drawing(profile="full", debug=False)
    group = dwg.g()
    assert L.draw_relationship(dwg, group, ARCH, kind) == "rel:" + kind
    paths = [e for e in group.elements]
    assert paths
    xml = ET.tostring(group.get_xml(), encoding="unicode")
    assert "nan" not in xml.lower()
    if kind in ("abuse", "neglect", "caregiver"):
        # The arrowhead's tip is the route's end, pointing along its last run (to the right).
        tip = paths[-1].attribs["d"].split("L")[0].strip("M ").split()
        assert (float(tip[0]), float(tip[1])) == ARCH[-1]
    if kind in ("close", "fused"):
        # Parallel lines stay a fixed distance from the route, corners included.
        for e in paths:
            pts = [tuple(map(float, part.strip("MLZ ").split())) for part in e.attribs["d"].replace("M", "L").split("L") if part.strip()]
            assert all(_dist_to_polyline(p, ARCH) <= 3.5 for p in pts)


def test_relationship_json_keeps_its_shape() -> None:
    family = loads_family(
        "genogram: 1\npeople:\n  - {id: a, sex: female}\n  - {id: b, sex: male}\n  - {id: c, sex: female}\n"
        "unions:\n  - {partners: [a, b], children: [c]}\nrelationships:\n  - {from: b, to: a, kind: abuse}\n"
    ).family
    (line,) = layout_genogram(family).relationships
    data = line.as_json()
    assert set(data) == {"ends", "kind", "directed", "points"}
    assert data["ends"] == ["b", "a"] and data["directed"] is True and len(data["points"]) >= 2
