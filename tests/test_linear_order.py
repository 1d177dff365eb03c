"""The fewest sibling-order demands an order of couple chains must break (linear_order.py)."""

from __future__ import annotations

import random
from itertools import permutations

import pytest

from genogram.layout import linear_order
from genogram.layout.linear_order import fewest_broken


def _broken(order: list[int], weight: dict[tuple[int, int], int]) -> int:
    place = {a: i for i, a in enumerate(order)}
    return sum(w for (a, b), w in weight.items() if place[a] > place[b])


def _random_demands(n: int, seed: int) -> dict[tuple[int, int], int]:
    rng = random.Random(seed)
    weight: dict[tuple[int, int], int] = {}
    for a in range(n):  # a ring through every item, so no order keeps them all
        weight[a, (a + 1) % n] = rng.randint(1, 3)
    for _ in range(n):
        a, b = rng.sample(range(n), 2)
        weight[a, b] = weight.get((a, b), 0) + 1
    return weight


@pytest.mark.parametrize("seed", range(8))
def test_small_rings_are_ordered_as_well_as_every_order_tried(seed: int) -> None:
    n = 4 + seed % 4
    weight = _random_demands(n, seed)
    least = min(_broken(list(p), weight) for p in permutations(range(n)))
    count, order, proven = fewest_broken(list(range(n)), weight)
    assert proven and count == least
    assert sorted(order) == list(range(n)) and _broken(order, weight) == least


@pytest.mark.parametrize("seed", range(4))
def test_larger_rings_searched_by_branching_match_the_exact_count(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    n = 10
    weight = _random_demands(n, 100 + seed)
    exact = fewest_broken(list(range(n)), weight)
    monkeypatch.setattr(linear_order, "EXACT", 3)  # force the bounded search
    count, order, proven = fewest_broken(list(range(n)), weight)
    assert proven and count == exact[0]
    assert _broken(order, weight) == count


def test_a_long_single_ring_gives_up_its_lightest_demand() -> None:
    n = 30
    weight = {(a, (a + 1) % n): 2 for a in range(n)}
    weight[7, 8] = 1
    count, order, proven = fewest_broken(list(range(n)), weight)
    assert (count, proven) == (1, True)
    assert order.index(8) < order.index(7) and _broken(order, weight) == 1


def test_a_ring_too_large_to_search_reports_only_a_lower_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    weight = _random_demands(40, 7)
    monkeypatch.setattr(linear_order, "BRANCHES", 0)
    count, order, proven = fewest_broken(list(range(40)), weight)
    # The count is the bound from disjoint cycles (each gives at least its lightest demand), below what the order breaks.
    assert not proven and 0 < count < _broken(order, weight)
    assert sorted(order) == list(range(40))
