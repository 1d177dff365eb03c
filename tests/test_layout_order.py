"""The order phase (genogram/layout/order.py) on its own, and through the engine."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from genogram.io.family import load_family, loads_family
from genogram.layout import barycentre, order
from genogram.layout.genogram import layout_genogram
from genogram.layout.metrics import FamilySides, measure
from genogram.layout.order import Chain, OrderProblem, Sibship, transpose

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

SIBLINGS = """\
genogram: 1
people:
  - {id: mum, sex: female, born: 1960}
  - {id: dad, sex: male, born: 1958}
  - {id: older, sex: female, born: 1990}
  - {id: younger, sex: male, born: 2000}
  - {id: carer, sex: female, born: 1970}
unions:
  - partners: [mum, dad]
    children: [{id: older}, {id: younger}]
"""


def _single(row: int, pid: str, width: float = 40.0) -> Chain:
    return Chain(row, -width / 2, width / 2, people=[(pid, 0.0)])


def _problem(chains: dict[int, Chain], origin: dict[int, float], sibships: list[Sibship] | None = None,
             households: dict[int, list[list[tuple[int, float]]]] | None = None) -> OrderProblem:
    sibships = sibships or []
    in_sibships: dict[int, list[int]] = {}
    for i, s in enumerate(sibships):
        for g in dict.fromkeys(g for _, g, _ in s.members):
            in_sibships.setdefault(g, []).append(i)
    family = loads_family(SIBLINGS).family
    return OrderProblem(chains, origin, sibships, in_sibships, households or {}, FamilySides(family))


def test_a_swap_uncrosses_two_families_inside_the_span_they_held() -> None:
    # Two parents' chains on row 0 (0 wide at x 0, 1 narrower at x 100);
    # chain 0's child sits right of chain 1's child on row 1.
    chains = {0: Chain(0, -40.0, 40.0), 1: Chain(0, -20.0, 20.0), 2: _single(1, "c2"), 3: _single(1, "c3")}
    chains[0].down.append((0.0, 3, 0.0))
    chains[1].down.append((0.0, 2, 0.0))
    chains[3].up.append((0.0, 0, 0.0))
    chains[2].up.append((0.0, 1, 0.0))
    origin = {0: 0.0, 1: 100.0, 2: 0.0, 3: 100.0}
    problem = _problem(chains, origin)
    assert transpose(problem) >= 1
    # Chain 1 now starts where chain 0 began (-40), chain 0 ends where chain 1 ended (120).
    assert origin[1] + chains[1].lo == pytest.approx(-40.0)
    assert origin[0] + chains[0].hi == pytest.approx(120.0)
    assert origin[1] < origin[0]


def test_siblings_are_put_back_in_birth_order_even_at_a_crossing() -> None:
    # younger (2000) left of older (1990), and a crossing would come from swapping them.
    chains = {0: _single(1, "younger"), 1: _single(1, "older"), 2: Chain(0, -20.0, 20.0), 3: Chain(0, -20.0, 20.0)}
    chains[0].up.append((0.0, 2, 0.0))
    chains[1].up.append((0.0, 3, 0.0))
    origin = {0: 0.0, 1: 60.0, 2: 0.0, 3: 60.0}
    born: dict[str, tuple[int, int, int] | None] = {"younger": (2000, 0, 0), "older": (1990, 0, 0)}
    sib = Sibship(0, [("younger", 0, 0.0), ("older", 1, 0.0)], born)
    problem = _problem(chains, origin, [sib])
    transpose(problem)
    assert origin[1] < origin[0]


def test_undated_siblings_keep_their_places() -> None:
    chains = {0: _single(1, "younger"), 1: _single(1, "older"), 2: Chain(0, -20.0, 20.0), 3: Chain(0, -20.0, 20.0)}
    chains[0].up.append((0.0, 3, 0.0))  # swapping would uncross these lines
    chains[1].up.append((0.0, 2, 0.0))
    origin = {0: 0.0, 1: 60.0, 2: 0.0, 3: 60.0}
    sib = Sibship(0, [("younger", 0, 0.0), ("older", 1, 0.0)], {"younger": None, "older": (1990, 0, 0)})
    problem = _problem(chains, origin, [sib])
    assert transpose(problem) == 0
    assert origin == {0: 0.0, 1: 60.0, 2: 0.0, 3: 60.0}


def test_a_move_that_crosses_nothing_brings_a_household_together() -> None:
    # Row 0: the child (chain 0), an unrelated person (1), the carer (2); one household of 0 and 2.
    chains = {0: _single(0, "younger"), 1: _single(0, "dad"), 2: _single(0, "carer")}
    origin = {0: 0.0, 1: 60.0, 2: 120.0}
    house = [(0, 0.0), (2, 0.0)]
    problem = _problem(chains, origin, households={0: [house], 2: [house]})
    assert transpose(problem) == 1
    assert abs(origin[0] - origin[2]) == pytest.approx(60.0)


@pytest.mark.parametrize(("generator", "people", "seed"), [("families", 300, 3), ("lineages", 300, 2), ("lineages", 1000, 2)])
def test_sweeps_cross_fewer_lines_and_keep_every_rule(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, generator: str, people: int, seed: int) -> None:
    import compare_dot  # type: ignore[import-not-found]  # bench/, on sys.path above

    module = __import__(generator)
    path = tmp_path / "f.yaml"
    path.write_text(module.generate(people, seed), encoding="utf-8")
    family = load_family(path).family
    swept = layout_genogram(family)
    monkeypatch.setattr(order, "ROUNDS", 0)
    packed = layout_genogram(family)
    after, before = measure(swept, family), measure(packed, family)
    assert after.birth_order <= before.birth_order
    assert (after.birth_order, compare_dot.edge_crossings(swept)) < (before.birth_order, compare_dot.edge_crossings(packed))
    assert (after.overlaps, after.partners_not_adjacent, after.sibships_split, after.lines_through_boxes) == (0, 0, 0, 0)
    # No two families' lines run on top of each other (lineages have children with two sets of parents).
    assert compare_dot.shared_lines(swept) == 0
    # Every pair left out of birth order is one no drawing could keep (metrics.forced_count), so no rule is broken.
    assert after.birth_order == after.birth_order_forced
    assert after.violations == 0


def test_birth_order_holds_by_construction_when_barycentres_disagree() -> None:
    # Chain 1 (the elder sibling's) would sort after chain 2 (the younger's); pooled, they keep their order.
    out = barycentre.ordered([1, 2, 3], {1: 5.0, 2: 0.0, 3: 2.0}, {1: 1.0, 2: 1.0, 3: 1.0}, [(1, 2)])
    assert out.index(1) < out.index(2)
    assert out == [3, 1, 2]  # pooled at 2.5, after chain 3 at 2.0
    # A ring of demands cannot be kept whole: keepable gives up one of its two, the rest still holds.
    kept = barycentre.keepable([(1, 2), (2, 1), (2, 3)])
    assert (2, 3) in kept and len({(1, 2), (2, 1)} & set(kept)) == 1
    # Where one direction is asked for twice, the other gives way.
    assert set(barycentre.keepable([(1, 2), (1, 2), (2, 1)])) == {(1, 2)}


def test_a_reordered_row_keeps_its_gaps_and_its_width() -> None:
    chains = {0: Chain(0, -40.0, 40.0), 1: Chain(0, -10.0, 10.0), 2: Chain(0, -25.0, 25.0)}
    origin = {0: 0.0, 1: 100.0, 2: 200.0}  # gaps 50 and 65
    problem = _problem(chains, origin)
    barycentre.place(problem, [0, 1, 2], [2, 0, 1])
    edges = sorted((origin[g] + chains[g].lo, origin[g] + chains[g].hi) for g in chains)
    assert edges[0][0] == pytest.approx(-40.0) and edges[-1][1] == pytest.approx(225.0)
    assert [b[0] - a[1] for a, b in zip(edges, edges[1:])] == pytest.approx([50.0, 65.0])
    assert [g for _, g in sorted((origin[g], g) for g in chains)] == [2, 0, 1]


def test_a_barycentre_sweep_reorders_a_whole_row_at_once() -> None:
    # Row 1 holds three children whose parents on row 0 sit in the opposite
    # order: one sweep puts the whole row in its parents' order.
    chains = {g: Chain(0, -20.0, 20.0) for g in range(3)} | {g: _single(1, f"c{g}") for g in range(3, 6)}
    for parent, child in ((0, 5), (1, 4), (2, 3)):
        chains[parent].down.append((0.0, child, 0.0))
        chains[child].up.append((0.0, parent, 0.0))
    origin = {0: 0.0, 1: 60.0, 2: 120.0, 3: 0.0, 4: 60.0, 5: 120.0}
    problem = _problem(chains, origin)
    needs = barycentre.demands(problem)
    assert barycentre.score(problem, needs) == (0, 3)
    assert barycentre.sweep(problem) == 1
    assert barycentre.score(problem, needs) == (0, 0)
    assert [g for _, g in sorted((origin[g], g) for g in range(3, 6))] == [5, 4, 3]


def test_lineages_of_ten_thousand_people_load() -> None:
    import lineages  # type: ignore[import-not-found]  # bench/, on sys.path above

    family = loads_family(lineages.generate(10000, 2)).family
    assert len(family.people) == 10000


@pytest.mark.parametrize("seed", range(1, 9))
def test_small_lineages_load(seed: int) -> None:
    # At 40 people, seed 2, a child fostered by one couple was drawn again
    # for adoption and could land with their own parents: listed twice.
    import lineages  # type: ignore[import-not-found]  # bench/, on sys.path above

    family = loads_family(lineages.generate(40, seed)).family
    assert len(family.people) == 40
