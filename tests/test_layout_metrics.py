"""Layout metrics: each hard-rule check finds the fault it is named after."""

from __future__ import annotations

from pathlib import Path

from genogram.io.family import load_family, loads_family
from genogram.layout.genogram import layout_genogram
from genogram.layout.geometry import DescentLine, GenogramGeometry, HouseholdOutline, Label, PersonBox, RelationshipLine, UnionLine
from genogram.layout.metrics import measure

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
