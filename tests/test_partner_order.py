"""Partner groups: the order that keeps most couples together, and how few any order can leave apart."""

from __future__ import annotations

import itertools

from genogram.layout.partner_order import couples_apart, fewest_apart, least_apart


def _partners(*couples: tuple[str, str]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for a, b in couples:
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


# Henry and three wives who each had another husband: a row has only two ends.
SPIDER = _partners(("henry", "w1"), ("henry", "w2"), ("henry", "w3"), ("w1", "a"), ("w2", "b"), ("w3", "c"))
# A man with two wives who each had another husband, and a wife of his with no other: every couple fits.
CATERPILLAR = _partners(("h", "w1"), ("h", "w2"), ("h", "w3"), ("w1", "a"), ("w3", "c"))


def _brute_force(partners: dict[str, frozenset[str]]) -> int:
    return min(couples_apart(order, partners) for order in itertools.permutations(sorted(partners)))


def test_couples_apart_counts_each_couple_with_an_outsider_between() -> None:
    order = ["a", "w1", "henry", "w2", "b", "w3", "c"]
    # b sits between henry and w3; nobody else is out of place.
    assert couples_apart(order, SPIDER) == 1
    # a sits between w2 and both her husbands, b between henry and w3.
    assert couples_apart(["w2", "a", "w1", "henry", "b", "w3", "c"], SPIDER) == 3
    # Someone between two partners may be a partner of either.
    assert couples_apart(["w1", "a", "henry", "w2", "b", "w3", "c"], SPIDER) == 1


def test_least_apart_matches_every_order_tried() -> None:
    assert least_apart(sorted(SPIDER), SPIDER) == _brute_force(SPIDER) == 1
    assert least_apart(sorted(CATERPILLAR), CATERPILLAR) == _brute_force(CATERPILLAR) == 0


def test_fewest_apart_repairs_a_bad_order_and_keeps_a_good_one() -> None:
    bad = ["w1", "w2", "a", "henry", "b", "w3", "c"]
    assert couples_apart(bad, SPIDER) > 1
    repaired = fewest_apart(bad, SPIDER)
    assert sorted(repaired) == sorted(bad)
    assert couples_apart(repaired, SPIDER) == 1
    good = ["a", "w1", "h", "w2", "w3", "c"]
    assert couples_apart(good, CATERPILLAR) == 0
    assert fewest_apart(good, CATERPILLAR) == good


def test_interchangeable_wives_are_searched_once_and_the_bound_is_exact() -> None:
    # A hub with nine wives, three of whom had other husbands: 15 people, the bound still proven.
    couples = [("hub", f"w{i}") for i in range(9)] + [("w0", "x0"), ("w1", "x1"), ("w2", "x2"), ("x2", "y2")]
    partners = _partners(*couples)
    assert least_apart(sorted(partners), partners) == 1


SPIDER_FAMILY = """\
genogram: 1
title: Three wives with husbands of their own
people:
  - {id: henry, sex: male, born: 1950}
  - {id: w1, sex: female, born: 1952}
  - {id: w2, sex: female, born: 1954}
  - {id: w3, sex: female, born: 1956}
  - {id: a, sex: male, born: 1949}
  - {id: b, sex: male, born: 1948}
  - {id: c, sex: male, born: 1947}
unions:
  - {partners: [henry, w1]}
  - {partners: [henry, w2]}
  - {partners: [henry, w3]}
  - {partners: [w1, a]}
  - {partners: [w2, b]}
  - {partners: [w3, c]}
"""


def test_the_drawing_leaves_only_the_forced_couple_apart_and_the_metric_says_so(tmp_path) -> None:
    from genogram import api
    from genogram.layout.metrics import measure

    path = tmp_path / "spider.yaml"
    path.write_text(SPIDER_FAMILY, encoding="utf-8")
    family = api.read_family(path).family
    metrics = measure(api.lay_out(family), family)
    assert metrics.partners_not_adjacent == 1  # a row has two ends; three wives need three
    assert metrics.partners_not_adjacent_forced == 1
    assert metrics.violations == 0
    assert "partners apart 1 (1 forced)" in metrics.summary()
