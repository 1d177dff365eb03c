"""Layout metrics: each hard-rule check finds the fault it is named after."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from genogram.io.family import load_family, loads_family
from genogram.layout.genogram import layout_genogram
from genogram.layout.geometry import (
    Box,
    DescentLine,
    GapMarker,
    GenogramGeometry,
    HouseholdOutline,
    Label,
    PersonBox,
    RelationshipLine,
    UnionLine,
    segment_crosses,
)
from genogram.layout.metrics import EPS, FamilySides, _first_outsider, forced_pairs, measure

ROOT = Path(__file__).resolve().parent.parent

FAMILY = loads_family(
    """genogram: 1
people:
  - {id: a, born: 1950}
  - {id: b, born: 1952}
  - {id: c, born: 1980}
  - {id: d, born: 1982}
  - {id: x}
unions:
  - {partners: [a, b], children: [c, d]}
"""
).family


def _geo(**positions: tuple[float, float]) -> GenogramGeometry:
    geo = GenogramGeometry(width=500, height=300)
    for pid, (x, y) in positions.items():
        geo.people.append(PersonBox(pid, 0 if y < 100 else 1, x, y, 40, 40))
    return geo


def test_clean_geometry_scores_zero() -> None:
    geo = _geo(a=(0, 0), b=(80, 0), c=(0, 150), d=(80, 150), x=(300, 150))
    geo.unions.append(UnionLine("u", ("a", "b"), ((20, 40), (20, 50), (100, 50), (100, 40))))
    geo.children.append(DescentLine("c", "u", ("a", "b"), ((60, 50), (60, 120), (20, 120), (20, 150))))
    m = measure(geo, FAMILY)
    assert m.violations == 0 and m.crossings == 0
    assert m.as_json()["violations"] == 0 and m.area == 500 * 300


def test_overlap_and_off_row() -> None:
    geo = _geo(a=(0, 0), b=(30, 0), c=(0, 150), d=(80, 160), x=(300, 150))
    m = measure(geo, FAMILY)
    assert m.overlaps == 1
    assert m.off_row == 1  # d is 10 units below its generation's row
    geo.labels.append(Label("x", "name", 290, 195, 60, 12, ("X",), 10))
    geo.labels.append(Label("c", "name", 310, 200, 60, 12, ("C",), 10))
    assert measure(geo, FAMILY).overlaps == 2


def test_partners_apart_and_birth_order_and_split_sibship() -> None:
    geo = _geo(a=(0, 0), x=(60, 0), b=(120, 0), d=(0, 150), c=(200, 150))
    geo.people[1] = PersonBox("x", 0, 60, 0, 40, 40)
    geo.unions.append(UnionLine("u", ("a", "b"), ((20, 40), (20, 50), (140, 50), (140, 40))))
    m = measure(geo, FAMILY)
    assert m.partners_not_adjacent == 1
    assert m.birth_order == 1  # d (1982) drawn left of c (1980)
    geo2 = _geo(a=(0, 0), b=(60, 0), c=(0, 150), x=(60, 150), d=(120, 150))
    assert measure(geo2, FAMILY).sibships_split == 1
    assert measure(geo2).sibships_split == 0  # without the family there are no dates or sibships


MARRIED_IN = loads_family(
    """genogram: 1
people:
  - {id: a}
  - {id: b}
  - {id: c1, born: 1980}
  - {id: c2, born: 1982}
  - {id: c3, born: 1984}
  - {id: p}
  - {id: q}
  - {id: ps, born: 1990}
  - {id: pp}
  - {id: pps}
  - {id: cousin}
unions:
  - {partners: [a, b], children: [c1, c2, c3]}
  - {partners: [c2, p]}
  - {partners: [q], children: [p, ps]}
  - {partners: [ps, pp]}
  - {partners: [q], children: [pps]}
"""
).family


def test_married_in_family_may_sit_inside_a_sibship_but_no_one_else() -> None:
    # c2 is a middle child married to p: p's sister ps, her partner pp, and so
    # on through marriages may sit between c2's older and younger siblings.
    row = ["c1", "c2", "p", "ps", "pp", "c3"]
    geo = _geo(**{pid: (60.0 * i, 150.0) for i, pid in enumerate(row)})
    geo.unions.append(UnionLine("u", ("c2", "p"), ((80, 170), (120, 170))))
    assert measure(geo, MARRIED_IN).sibships_split == 0
    # A cousin (related only through the row above) inside the sibship splits it.
    row2 = ["c1", "c2", "p", "cousin", "c3"]
    geo2 = _geo(**{pid: (60.0 * i, 150.0) for i, pid in enumerate(row2)})
    m = measure(geo2, MARRIED_IN)
    assert m.sibships_split == 1 and "cousin splits" in m.examples[0]


def test_lines_through_boxes_and_crossings() -> None:
    geo = _geo(a=(0, 0), b=(160, 0), x=(80, 0), c=(0, 150), d=(200, 150))
    # The union line runs through x's symbol.
    geo.unions.append(UnionLine("u", ("a", "b"), ((40, 20), (160, 20))))
    geo.children.append(DescentLine("d", "u", ("a", "b"), ((100, 100), (100, 130), (220, 130), (220, 150))))
    geo.children.append(DescentLine("c", "u", ("a", "b"), ((200, 110), (200, 140))))
    geo.households.append(HouseholdOutline("h", ("c",), ((-5, 140), (45, 140), (45, 200), (-5, 200))))
    geo.labels.append(Label("d", "name", 190, 120, 50, 12, ("D",), 10))
    # Relationship lines are a layer and are not scored.
    geo.relationships.append(RelationshipLine(("c", "d"), "close", False, ((20, 170), (220, 170))))
    m = measure(geo, FAMILY)
    # The union through x, and c's line through d's label; d's own line past its label does not count.
    assert m.lines_through_boxes == 2
    assert m.crossings == 1  # c's vertical crosses d's horizontal at (200, 130)
    assert any("through symbol x" in e for e in m.examples)


def test_real_layout_scores() -> None:
    family = load_family(ROOT / "samples" / "carter.yaml").family
    m = measure(layout_genogram(family), family)
    assert m.violations == 0
    assert 0 < m.width and 0 < m.height
    assert "violations 0" in m.summary()


# Reference formulations. measure() indexes boxes by bands and columns, and
# searches married-in families a frontier at a time, for speed; on small
# random geometries it must agree with the plain all-pairs definitions.

REFERENCE = settings(max_examples=300, deadline=None, derandomize=True, database=None)

#: Coordinates on and off the 16-unit bands and 64-unit columns the index uses.
_coord = st.one_of(st.integers(0, 300).map(float), st.sampled_from([0.0, 15.5, 16.0, 63.5, 64.0, 128.0, 128.5]), st.floats(0, 300, allow_nan=False))
_size = st.one_of(st.sampled_from([40.0, 12.0, 2.0, 64.0, 130.0]), st.floats(1.5, 140, allow_nan=False))


@st.composite
def _geometries(draw: st.DrawFn) -> GenogramGeometry:
    geo = GenogramGeometry(width=400, height=400)
    ids = [f"p{k}" for k in range(draw(st.integers(1, 8)))]
    for pid in ids:
        geo.people.append(PersonBox(pid, 0, draw(_coord), draw(_coord), draw(_size), draw(_size)))
    for _ in range(draw(st.integers(0, 6))):
        geo.labels.append(Label(draw(st.sampled_from(ids)), "name", draw(_coord), draw(_coord), draw(_size), draw(_size), ("x",), 10))
    if draw(st.booleans()):
        geo.gaps.append(GapMarker("g", 1, None, draw(_coord), draw(_coord), draw(_size), draw(_size)))

    def polyline() -> tuple[tuple[float, float], ...]:
        points = [(draw(_coord), draw(_coord))]
        for _ in range(draw(st.integers(1, 4))):
            x, y = points[-1]
            step = draw(st.sampled_from(["down", "across", "any"]))
            points.append((x, draw(_coord)) if step == "down" else (draw(_coord), y) if step == "across" else (draw(_coord), draw(_coord)))
        return tuple(points)

    for k in range(draw(st.integers(0, 3))):
        geo.unions.append(UnionLine(f"u{k}", tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))), polyline()))
    for _ in range(draw(st.integers(0, 4))):
        geo.children.append(DescentLine(draw(st.sampled_from(ids)), "u0", (), polyline()))
    if draw(st.booleans()):
        geo.households.append(HouseholdOutline("h", (), polyline()))
    return geo


def _all_boxes(geo: GenogramGeometry) -> list[tuple[Box, str, str]]:
    out = [(p.box, p.id, f"symbol {p.id}") for p in geo.people]
    out += [(lab.box, lab.for_, f"{lab.role} label of {lab.for_}") for lab in geo.labels]
    out += [(g.box, g.subject or g.gap, f"gap marker {g.number}") for g in geo.gaps if g.w > 0 and g.h > 0]
    return out


@REFERENCE
@given(_geometries())
def test_overlaps_and_lines_through_boxes_match_all_pairs(geo: GenogramGeometry) -> None:
    boxes = _all_boxes(geo)
    overlaps: list[str] = []
    for a in range(len(boxes)):
        for b in range(a + 1, len(boxes)):
            if boxes[a][0].overlaps(boxes[b][0]):
                # Reported left box first (by x, then by place in the geometry).
                first, second = sorted((a, b), key=lambda k: (boxes[k][0].x, k))
                overlaps.append(f"overlap: {boxes[first][2]} and {boxes[second][2]}")
    lines: list[str] = []
    polylines = [(u.points, {*u.partners, u.id}, f"union {u.id}") for u in geo.unions]
    polylines += [(d.points, {d.child}, f"descent line to {d.child}") for d in geo.children]
    polylines += [((*h.points, h.points[0]), {h.id}, f"household {h.id}") for h in geo.households]
    for points, own, what in polylines:
        for (x1, y1), (x2, y2) in pairwise(points):
            for box, owner, text in boxes:
                if owner not in own and segment_crosses(x1, y1, x2, y2, box.x + EPS, box.y + EPS, box.right - EPS, box.bottom - EPS):
                    lines.append(f"{what} passes through {text}")
    m = measure(geo)
    assert m.overlaps == len(overlaps)
    assert m.lines_through_boxes == len(lines)
    found = Counter(e for e in m.examples if e.startswith("overlap: ") or " passes through " in e)
    if m.violations <= 20:  # every finding is in the examples
        assert found == Counter(overlaps + lines)
    else:
        assert found <= Counter(overlaps + lines)


@REFERENCE
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40)), max_size=12),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40)), max_size=12),
)
def test_crossings_match_all_pairs(horizontals: list[tuple[int, int, int]], verticals: list[tuple[int, int, int]]) -> None:
    # Each horizontal on its own height and each vertical on its own x (so no
    # merging applies), on a grid of 10 units: a crossing is a vertical's x
    # strictly inside a horizontal's span and its height strictly inside the
    # vertical's.
    hs = {y: (a, b) for y, a, b in horizontals if a != b}
    vs = {x: (a, b) for x, a, b in verticals if a != b}
    geo = GenogramGeometry(width=400, height=400)
    for y, (a, b) in hs.items():
        geo.unions.append(UnionLine(f"u{y}", (), ((10.0 * a, 10.0 * y + 5), (10.0 * b, 10.0 * y + 5))))
    for x, (a, b) in vs.items():
        geo.children.append(DescentLine(f"c{x}", "u", (), ((10.0 * x + 5, 10.0 * a), (10.0 * x + 5, 10.0 * b))))
    expected = sum(
        1
        for y, (ha, hb) in hs.items()
        for x, (va, vb) in vs.items()
        if min(ha, hb) * 10 < 10 * x + 5 < max(ha, hb) * 10 and min(va, vb) * 10 < 10 * y + 5 < max(va, vb) * 10
    )
    assert measure(geo).crossings == expected


def _first_outsider_reference(ks: list[str], inside: list[str], union: int, unions: list[tuple[list[str], list[str]]]) -> str | None:
    """Plain search: everyone joined to a member of the sibship through
    partners and children of unions, never through the sibship's own union."""
    members: dict[str, set[int]] = {}
    for u, (ps, kids) in enumerate(unions):
        for q in ps + kids:
            members.setdefault(q, set()).add(u)
    reached: set[str] = set()
    stack = list(ks)
    while stack:
        q = stack.pop()
        if q in reached:
            continue
        reached.add(q)
        for u in members.get(q, ()):
            if u != union:
                stack.extend(unions[u][0] + unions[u][1])
    return next((q for q in inside if q not in reached), None)


@REFERENCE
@given(st.data())
def test_first_outsider_matches_plain_search(data: st.DataObject) -> None:
    """FamilySides (one search with low links) answers as a search per sibship does, loops and all."""
    people = [f"q{k}" for k in range(data.draw(st.integers(3, 14)))]
    pick = st.sampled_from(people)
    unions = data.draw(
        st.lists(st.tuples(st.lists(pick, min_size=1, max_size=2, unique=True), st.lists(pick, max_size=4, unique=True)), min_size=1, max_size=8)
    )
    union = data.draw(st.integers(0, len(unions) - 1))
    ks = unions[union][1] or [unions[union][0][0]]
    inside = data.draw(st.lists(pick.filter(lambda q: q not in ks), max_size=5, unique=True))
    family = SimpleNamespace(
        people=[SimpleNamespace(id=q) for q in people],
        unions=[SimpleNamespace(partners=ps, children=[SimpleNamespace(id=c) for c in kids]) for ps, kids in unions],
    )
    sides = FamilySides(family)
    assert _first_outsider(ks, inside, union, sides) == _first_outsider_reference(ks, inside, union, [(list(ps), list(kids)) for ps, kids in unions])


def test_descent_lines_not_one_row_down_are_counted_by_relation() -> None:
    """A birth child two rows down and an adopted child on the parents' row; their union's children on two rows."""
    geo = GenogramGeometry(width=600, height=500)
    for pid, gen, x in (("a", 0, 0), ("b", 0, 80), ("c", 2, 0), ("d", 0, 300), ("x", 1, 400)):
        geo.people.append(PersonBox(pid, gen, x, 150.0 * gen, 40, 40))
    geo.unions.append(UnionLine("u", ("a", "b"), ((20, 40), (20, 50), (100, 50), (100, 40)), anchor=(60, 50)))
    geo.children.append(DescentLine("c", "u", ("a", "b"), ((60, 50), (60, 280), (20, 280), (20, 300))))
    geo.children.append(DescentLine("d", "u", ("a", "b"), ((60, 50), (60, 60), (320, 60), (320, 0)), relation="adopted"))
    m = measure(geo)
    assert (m.children_not_below, m.other_children_not_below, m.sibships_across_rows) == (1, 1, 1)
    assert m.violations == 0  # costs, not rules: an impossible file must still be drawable
    assert "c is drawn 2 rows below the parents in u" in m.examples
    assert m.as_json()["aspect"] == round(600 / 500, 2)


def _brothers_and_sisters(first_brother_marries: str) -> str:
    """Two brothers (1980, 1982) marry two sisters (1981, 1983); the elder brother marries ``first_brother_marries``."""
    other = "y2" if first_brother_marries == "y1" else "y1"
    return f"""genogram: 1
people:
  - {{id: pa, sex: male, born: 1950}}
  - {{id: ma, sex: female, born: 1951}}
  - {{id: pb, sex: male, born: 1952}}
  - {{id: mb, sex: female, born: 1953}}
  - {{id: x1, sex: male, born: 1980}}
  - {{id: x2, sex: male, born: 1982}}
  - {{id: y1, sex: female, born: 1981}}
  - {{id: y2, sex: female, born: 1983}}
unions:
  - {{partners: [pa, ma], children: [x1, x2]}}
  - {{partners: [pb, mb], children: [y1, y2]}}
  - {{partners: [x1, {first_brother_marries}]}}
  - {{partners: [x2, {other}]}}
"""


def test_brothers_married_to_sisters_in_the_opposite_order_force_one_pair_out_of_birth_order() -> None:
    # x1 (elder) with y2 (younger), x2 with y1: whichever couple is drawn
    # first, one pair of siblings is out of birth order.
    family = loads_family(_brothers_and_sisters("y2")).family
    m = measure(layout_genogram(family), family)
    assert m.birth_order == 1 and m.birth_order_forced == 1
    born = {p.id: p.born.sort_key() for p in family.people if p.born}
    rows = dict.fromkeys(born, 1.0)
    assert forced_pairs(family, [["x1", "x2"], ["y1", "y2"]], born, rows) == {("x1", "x2"), ("y1", "y2")}
    # On different rows the partners are not kept side by side: nothing is forced.
    assert forced_pairs(family, [["x1", "x2"], ["y1", "y2"]], born, {**rows, "y1": 2.0, "y2": 2.0}) == set()


def test_brothers_married_to_sisters_in_the_same_order_force_nothing() -> None:
    family = loads_family(_brothers_and_sisters("y1")).family
    born = {p.id: p.born.sort_key() for p in family.people if p.born}
    assert forced_pairs(family, [["x1", "x2"], ["y1", "y2"]], born, dict.fromkeys(born, 1.0)) == set()
    geo = layout_genogram(family)
    assert measure(geo, family).birth_order == 0
    # Drawn with the couples the wrong way round, both pairs are out of order, and neither was forced.
    row = sorted((p for p in geo.people if p.id in ("x1", "x2", "y1", "y2")), key=lambda p: p.x)
    xs = [p.x for p in row]
    swapped = {"x1": "x2", "x2": "x1", "y1": "y2", "y2": "y1"}
    by_id = {p.id: p for p in row}
    for p in row:
        p.x = xs[row.index(by_id[swapped[p.id]])]
    m = measure(geo, family)
    assert m.birth_order == 2 and m.birth_order_forced == 0


def test_a_ring_through_three_families_forces_its_pairs() -> None:
    # Sibships a1<a2, b1<b2, c1<c2 with couples (a2, b1), (b2, c1), (c2, a1): chain(a1) < chain(a2) =
    # chain(b1) < chain(b2) = chain(c1) < chain(c2) = chain(a1), a ring no order keeps.
    people = "".join(f"  - {{id: {k}, born: {1980 + i}}}\n" for i, k in enumerate(["a1", "b1", "c1", "a2", "b2", "c2"]))
    family = loads_family(
        "genogram: 1\npeople:\n" + people + "unions:\n"
        "  - {partners: [a2, b1]}\n  - {partners: [b2, c1]}\n  - {partners: [c2, a1]}\n"
    ).family
    born = {p.id: p.born.sort_key() for p in family.people if p.born}
    sibships = [["a1", "a2"], ["b1", "b2"], ["c1", "c2"]]
    assert forced_pairs(family, sibships, born, dict.fromkeys(born, 1.0)) == {("a1", "a2"), ("b1", "b2"), ("c1", "c2")}
    assert forced_pairs(family, sibships[:2], born, dict.fromkeys(born, 1.0)) == set()


def test_only_as_many_pairs_as_a_ring_must_give_are_forced() -> None:
    # The ring of three families above: chains A = (a2, b1), B = (b2, c1), C = (c2, a1) ask for C < A < B < C.
    # The layout breaks one pair, the least; drawn C, B, A it breaks two, and only one of them was forced.
    people = "".join(f"  - {{id: {k}, born: {1980 + i}}}\n" for i, k in enumerate(["a1", "b1", "c1", "a2", "b2", "c2"]))
    unions = "".join(f"  - {{partners: [{p}, {q}]}}\n" for p, q in (("a2", "b1"), ("b2", "c1"), ("c2", "a1")))
    unions += "".join(f"  - {{partners: [{s}p, {s}m], children: [{s}1, {s}2]}}\n" for s in "abc")
    parents = "".join(f"  - {{id: {s}{r}, born: 1950}}\n" for s in "abc" for r in "pm")
    family = loads_family("genogram: 1\npeople:\n" + people + parents + "unions:\n" + unions).family
    geo = layout_genogram(family)
    m = measure(geo, family)
    assert (m.birth_order, m.birth_order_forced, m.violations) == (1, 1, 0)
    by_id = {p.id: p for p in geo.people}
    chains = {"A": ("a2", "b1"), "B": ("b2", "c1"), "C": ("c2", "a1")}
    xs = sorted(by_id[k].x for pair in chains.values() for k in pair)
    for i, k in enumerate([*chains["C"], *chains["B"], *chains["A"]]):
        by_id[k].x = xs[i]
    m = measure(geo, family)
    assert (m.birth_order, m.birth_order_forced, m.violations) == (2, 1, 1)
    assert "birth order 2 (1 forced)" in m.summary()
