"""Household boundaries: one simple orthogonal polygon that keeps out people who live elsewhere.

Real samples in, geometry checked: every outline is closed, orthogonal and
simple; no one who lives elsewhere has their box (symbol, dates, name, gap
markers) inside it; every member is inside; no outline passes through a box;
outlines of different households do not run along each other where the
layout could move them apart; generated families hold the same rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from genogram.io.family import load_family, loads_family
from genogram.layout import households as H
from genogram.layout.genogram import layout_genogram
from genogram.layout.metrics import measure
from tests.conftest import generated_family

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "samples").glob("*.yaml") if not p.name.endswith(".session.yaml"))
SAMPLES.append(ROOT.parent / "shared" / "design" / "example-family.yaml")
SAMPLES = [p for p in SAMPLES if p.exists()]


def _inside(x: float, y: float, poly: tuple[tuple[float, float], ...]) -> bool:
    """Even-odd rule; a point on an edge counts as outside (the boundary leaves room round boxes anyway)."""
    n = len(poly)
    for k in range(n):
        (x1, y1), (x2, y2) = poly[k], poly[(k + 1) % n]
        if min(x1, x2) <= x <= max(x1, x2) and min(y1, y2) <= y <= max(y1, y2) and (x2 - x1) * (y - y1) == (y2 - y1) * (x - x1):
            return False
    hit = False
    for k in range(n):
        (x1, y1), (x2, y2) = poly[k], poly[(k + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def _simple(poly: tuple[tuple[float, float], ...]) -> bool:
    """Closed, orthogonal, no zero-length edge, and no two non-adjacent edges meet."""
    n = len(poly)
    if n < 4 or len(set(poly)) != n:
        return False
    edges = [(poly[k], poly[(k + 1) % n]) for k in range(n)]
    for (x1, y1), (x2, y2) in edges:
        if (x1 != x2) == (y1 != y2):  # diagonal, or a point
            return False
    for i in range(n):
        for j in range(i + 1, n):
            if j == i + 1 or (i == 0 and j == n - 1):
                continue
            (a, b), (c, d) = edges[i], edges[j]
            if H._touch(a, b, c, d):
                return False
    return True


def _person_boxes(geo) -> dict[str, list[tuple[float, float, float, float]]]:  # type: ignore[no-untyped-def]
    """Each person's symbol, labels and gap markers."""
    boxes: dict[str, list[tuple[float, float, float, float]]] = {p.id: [(p.x, p.y, p.x + p.w, p.y + p.h)] for p in geo.people}
    for lab in geo.labels:
        if lab.for_ in boxes:
            boxes[lab.for_].append((lab.x, lab.y, lab.x + lab.w, lab.y + lab.h))
    for g in geo.gaps:
        if g.subject in boxes and g.w > 0:
            boxes[g.subject].append((g.x, g.y, g.x + g.w, g.y + g.h))
    return boxes


def _check(geo) -> list[str]:  # type: ignore[no-untyped-def]
    """Every way an outline can break the rules, said plainly (empty when all hold)."""
    problems: list[str] = []
    boxes = _person_boxes(geo)
    noted = " ".join(geo.notes)
    for house in geo.households:
        poly = house.points
        if not _simple(poly):
            problems.append(f"{house.id}: outline is not a simple orthogonal polygon")
            continue
        for pid in house.members:
            x0, y0, x1, y1 = boxes[pid][0]
            if not _inside((x0 + x1) / 2, (y0 + y1) / 2, poly):
                problems.append(f"{house.id}: member {pid} is outside")
        for pid, rects in boxes.items():
            if pid in house.members:
                continue
            for x0, y0, x1, y1 in rects:
                points = [((x0 + x1) / 2, (y0 + y1) / 2), (x0, y0), (x1, y0), (x0, y1), (x1, y1)]
                if any(_inside(x, y, poly) for x, y in points) and "also takes in" not in noted:
                    problems.append(f"{house.id}: {pid}, who lives elsewhere, is inside")
                    break
    return problems


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_outlines_keep_out_people_who_live_elsewhere(path: Path) -> None:
    family = load_family(path).family
    geo = layout_genogram(family)
    assert _check(geo) == []
    # Nobody is taken in on the samples: each has a way round everyone.
    assert not [n for n in geo.notes if "also takes in" in n]
    # And no outline passes through a symbol or a label.
    m = measure(geo, family)
    assert not [x for x in m.examples if x.startswith("household ")], m.examples


def test_walsh_boundaries_no_longer_take_in_neighbours() -> None:
    """The defect that started this: Marcus and Jodie's flat took in Dean, Kerry and Ryan."""
    geo = layout_genogram(load_family(ROOT / "samples" / "walsh-three-partners.yaml").family)
    centre = {p.id: (p.x + p.w / 2, p.y + p.h / 2) for p in geo.people}
    houses = {h.id: h.points for h in geo.households}
    for pid in ("dean", "kerry", "ryan"):
        assert not _inside(*centre[pid], houses["marcus-home"])
    assert not _inside(*centre["dean"], houses["kerry-home"])
    assert not _inside(*centre["brian"], houses["linda-house"])
    # Kyle and Demi's flat spans two rows (Ellis below): still one stepped polygon round all three.
    assert all(_inside(*centre[pid], houses["kyle-flat"]) for pid in ("kyle", "kyle-partner", "ellis"))
    assert len(houses["kyle-flat"]) > 4


def test_carter_kinship_placement_passes_between_people_it_does_not_take_in() -> None:
    """Grandmother above, grandson two rows down: a corridor through the row between, round Sarah and Sam."""
    geo = layout_genogram(load_family(ROOT / "samples" / "carter.yaml").family)
    centre = {p.id: (p.x + p.w / 2, p.y + p.h / 2) for p in geo.people}
    placement = next(h.points for h in geo.households if h.id == "placement")
    assert _inside(*centre["maureen"], placement) and _inside(*centre["jayden"], placement)
    for pid in ("sarah", "sam", "frank", "lee", "tyler", "jayden-father"):
        assert not _inside(*centre[pid], placement), pid


def _clashes(geo) -> list[str]:  # type: ignore[no-untyped-def]
    polys = [list(h.points) for h in geo.households]
    return [f"{geo.households[a].id} / {geo.households[b].id}" for a, _, b, _ in H._clashes(polys)]


@pytest.mark.parametrize("stem", ["okafor-blended", "walsh-three-partners", "carter", "hughes-unknown-father", "evans-losses"])
def test_outlines_do_not_run_along_each_other(stem: str) -> None:
    """Nested and neighbouring households (Kelly's flat round Liam and Sophie's weekends) are drawn apart."""
    geo = layout_genogram(load_family(ROOT / "samples" / f"{stem}.yaml").family)
    assert _clashes(geo) == []


def test_spreading_moves_coincident_edges_apart() -> None:
    """Two households round the same two people: without spreading their outlines would coincide."""
    text = """genogram: 1
people:
  - {id: mum, sex: female, name: Ann Lee}
  - {id: dad, sex: male, name: Bob Lee}
  - {id: kid, sex: female, name: Cat Lee}
unions:
  - {partners: [mum, dad], children: [kid]}
households:
  - {id: home, label: Home, members: [mum, dad, kid]}
  - {id: weekdays, label: Weekdays, members: [mum, kid]}
"""
    geo = layout_genogram(loads_family(text).family)
    assert _check(geo) == []
    assert _clashes(geo) == []
    home, weekdays = (h.points for h in geo.households)
    # The smaller household is drawn inside the larger where they would meet: its top a step lower.
    assert min(y for _, y in weekdays) > min(y for _, y in home)


def test_trace_rejects_holes_pieces_and_pinches() -> None:
    square = [(0.0, 0.0, 10.0, 10.0)]
    # A clean square, clockwise on screen from the top right corner.
    assert H._trace(square, []) == ((10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0))
    # A notch from the bottom keeps it one polygon (8 corners).
    assert len(H._trace(square, [(4.0, 4.0, 6.0, 1e7)]) or ()) == 8
    assert H._trace(square, [(4.0, 4.0, 6.0, 6.0)]) is None  # a hole
    assert H._trace(square, [(4.0, -1e7, 6.0, 1e7)]) is None  # two pieces
    assert H._trace([(0.0, 0.0, 5.0, 5.0), (5.0, 5.0, 10.0, 10.0)], []) is None  # corners touching


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_families_keep_the_household_rules(seed: int) -> None:
    family = generated_family(300, seed)
    geo = layout_genogram(family)
    assert geo.households
    assert _check(geo) == []
    m = measure(geo, family)
    assert not [x for x in m.examples if x.startswith("household ")], m.examples
