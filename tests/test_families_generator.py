"""bench/families.py: seeded, valid, plausible generated families with the features benchmarks need."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from genogram.io.family import load_family
from genogram.model import Family
from tests.conftest import ROOT, bench_families, generated_family

SCRIPT = ROOT / "bench" / "families.py"


families = bench_families()
_family = generated_family


def _birth_unions(family: Family) -> dict[str, int]:
    return {c.id: i for i, u in enumerate(family.unions) for c in u.children if c.relation.value == "biological"}


def test_same_seed_same_bytes_and_different_seed_differs() -> None:
    assert families.generate(400, 7) == families.generate(400, 7)
    assert families.generate(400, 7) != families.generate(400, 8)


def test_command_line_writes_the_same_file(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    subprocess.run([sys.executable, str(SCRIPT), "--people", "120", "--seed", "3", "-o", str(out)], check=True)
    assert out.read_text(encoding="utf-8") == families.generate(120, 3)
    loaded = load_family(out)  # a real file through the real loader, with every cross-check
    assert len(loaded.family.people) == 120


@pytest.mark.parametrize("people", [2, 10, 100, 1000])
@pytest.mark.parametrize("seed", [1, 2])
def test_valid_with_exactly_the_requested_people(people: int, seed: int) -> None:
    family = _family(people, seed)
    assert len(family.people) == people
    assert family.index in family.person_by_id


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_dates_are_plausible(seed: int) -> None:
    family = _family(1000, seed)
    people = family.person_by_id
    assert family.as_of is not None
    for union in family.unions:
        born = [people[c.id].born for c in union.children if people[c.id].born is not None]
        for earlier, later in zip(born, born[1:]):
            assert not later.definitely_before(earlier), "children listed in birth order"
        for child in union.children:
            kid = people[child.id]
            if child.relation.value != "biological" or kid.born is None:
                continue
            for partner in union.partners:
                parent = people[partner]
                if parent.born is None:
                    continue
                age = kid.born.midpoint().year - parent.born.midpoint().year
                assert 17 <= age <= 45, (partner, child.id, age)
                if parent.death_date is not None:
                    assert parent.death_date.year >= kid.born.year, "no one dies before their child is born"
            if child.twin:
                assert people[child.twin].born == kid.born
    for person in family.people:
        if person.born is not None:
            assert person.born.earliest() <= family.as_of.latest()
        if person.born is not None and person.death_date is not None:
            assert person.death_date.year >= person.born.year


def test_one_connected_family() -> None:
    """People marry into one big tree; nobody floats free."""
    family = _family(1000, 1)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for union in family.unions:
        members = list(union.partners) + [c.id for c in union.children]
        for a in members:
            neighbours[a].update(members)
    seen = {family.people[0].id}
    todo = [family.people[0].id]
    while todo:
        for other in neighbours[todo.pop()] - seen:
            seen.add(other)
            todo.append(other)
    assert seen == set(family.person_by_id)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_features_present_at_a_thousand(seed: int) -> None:
    family = _family(1000, seed)
    children = [c for u in family.unions for c in u.children]
    assert any(c.twin and c.identical for c in children) and any(c.twin and c.identical is False for c in children)
    assert any(c.relation.value == "adopted" for c in children)
    assert any(c.relation.value == "foster" for c in children)
    assert any(p.is_loss for p in family.people)
    assert any(len(u.partners) == 1 and u.children for u in family.unions), "a parent simply absent from the file"
    unknown = {p.id for p in family.people if p.unknown}
    assert unknown and unknown <= {g.about for g in family.missing}, "every unknown parent is in the gap register"
    placements = {h.placement.value for h in family.households if h.placement}
    assert {"foster", "adoptive"} <= placements
    # Placement history: an adopted child has an earlier, ended foster placement.
    adopted = {c.id for c in children if c.relation.value == "adopted"}
    assert any(h.end is not None and adopted & set(h.members) for h in family.households)
    # Remarriage: someone with children in two unions (so half siblings).
    unions_with_children: dict[str, int] = defaultdict(int)
    for union in family.unions:
        if union.children:
            for partner in union.partners:
                unions_with_children[partner] += 1
    assert max(unions_with_children.values()) >= 2


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_cousin_marriage_makes_a_loop(seed: int) -> None:
    family = _family(1000, seed)
    birth = _birth_unions(family)

    def grandparent_unions(person: str) -> set[int]:
        if person not in birth:
            return set()
        return {birth[p] for p in family.unions[birth[person]].partners if p in birth}

    cousins = [
        u for u in family.unions
        if len(u.partners) == 2
        and birth.get(u.partners[0]) != birth.get(u.partners[1])
        and grandparent_unions(u.partners[0]) & grandparent_unions(u.partners[1])
    ]
    assert cousins


def test_small_families_are_connected_too() -> None:
    for seed in range(1, 6):
        family = _family(10, seed)
        in_a_union = {p for u in family.unions for p in u.partners} | {c.id for u in family.unions for c in u.children}
        assert in_a_union == set(family.person_by_id)


def test_too_small_is_refused() -> None:
    with pytest.raises(ValueError):
        families.generate(1, 1)
