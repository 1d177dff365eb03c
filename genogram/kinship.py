"""Kinship roles: each person named by how they are related to the index child.

A redacted output calls people "Maternal grandmother (64)" or "Maternal
cousin 2 (6)" instead of by name. Roles are distinct within a family (three
cousins are numbered, oldest first), so a table or a drawing never shows two
people under one label.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from genogram.dates import years_between
from genogram.model import ChildRelation, Family, Person, Sex


def age_of(person: Person, at: date) -> int | None:
    """Age in whole years at ``at`` (or at death), from the birth date or the recorded age; none for a pregnancy or loss."""
    if person.kind.value != "person":
        return None
    if person.born is None:
        return person.age
    end = person.death_date.midpoint() if person.death_date else at
    return max(0, years_between(person.born.midpoint(), end))


def kinship_roles(family: Family, at: date | None = None) -> dict[str, str]:
    """A role for each person relative to the index child, unique within the family."""
    at = at or (family.as_of.midpoint() if family.as_of else date.today())
    people = family.person_by_id
    index = family.index
    birth_parents: dict[str, list[str]] = defaultdict(list)
    other_parents: dict[str, list[tuple[str, ChildRelation]]] = defaultdict(list)
    partners: dict[str, list[str]] = defaultdict(list)
    children: dict[str, list[str]] = defaultdict(list)
    former: set[tuple[str, str]] = set()
    for union in family.unions:
        ended = union.end is not None or (union.status is not None and union.status.value in ("separated", "divorced"))
        if ended and len(union.partners) == 2:
            former.add((union.partners[0], union.partners[1]))
            former.add((union.partners[1], union.partners[0]))
        for a in union.partners:
            for b in union.partners:
                if a != b and b not in partners[a]:
                    partners[a].append(b)
        for child in union.children:
            for partner in union.partners:
                children[partner].append(child.id)
                if child.relation is ChildRelation.BIOLOGICAL:
                    birth_parents[child.id].append(partner)
                else:
                    other_parents[child.id].append((partner, child.relation))

    roles: dict[str, str] = {}
    if index and index in people:
        _assign_roles(index, people, birth_parents, other_parents, partners, children, roles, former)
    raw = {pid: roles.get(pid, _fallback(people[pid])) for pid in people}
    return _with_ages_unique(family, raw, at)


def _gendered(person: Person, female: str, male: str, neutral: str) -> str:
    if person.gender in ("woman", "trans-woman") or (person.gender is None and person.sex is Sex.FEMALE):
        return female
    if person.gender in ("man", "trans-man") or (person.gender is None and person.sex is Sex.MALE):
        return male
    return neutral


def _fallback(person: Person) -> str:
    if person.kind.value != "person":
        return person.kind.value.capitalize()
    return "Family member"


def _assign_roles(
    index: str,
    people: dict[str, Person],
    birth_parents: dict[str, list[str]],
    other_parents: dict[str, list[tuple[str, ChildRelation]]],
    partners: dict[str, list[str]],
    children: dict[str, list[str]],
    roles: dict[str, str],
    former: set[tuple[str, str]],
) -> None:
    def set_role(pid: str, role: str) -> None:
        if pid in people and pid not in roles:
            roles[pid] = role

    set_role(index, "Child")
    parents = birth_parents.get(index, [])
    for parent in parents:
        p = people.get(parent)
        if p:
            set_role(parent, _gendered(p, "Mother", "Father", "Parent"))
    for parent, relation in other_parents.get(index, []):
        p = people.get(parent)
        if p:
            prefix = "Adoptive" if relation is ChildRelation.ADOPTED else "Foster"
            set_role(parent, f"{prefix} {_gendered(p, 'mother', 'father', 'parent')}" if prefix == "Adoptive" else "Foster carer")
    # Parents' partners who are not parents.
    for parent in parents:
        side = roles.get(parent, "Parent").lower()
        for partner in partners.get(parent, []):
            p = people.get(partner)
            if p and partner not in parents:
                kind = "former partner" if (parent, partner) in former else "partner"
                set_role(partner, f"{side.capitalize()}'s {kind}")
    # Siblings.
    own = set(parents)
    for parent in parents:
        for sibling in children.get(parent, []):
            if sibling == index or sibling not in people:
                continue
            s = people[sibling]
            if s.is_loss or s.kind.value == "pregnancy":
                set_role(sibling, f"{s.kind.value.capitalize()} ({roles.get(parent, 'parent').lower()})")
                continue
            shared = own & set(birth_parents.get(sibling, []))
            full = len(own) >= 2 and shared == own
            base = _gendered(s, "sister", "brother", "sibling")
            if full:
                set_role(sibling, base.capitalize())
            elif shared:
                set_role(sibling, f"Half-{base}")
            elif any(parent == p for p, _ in other_parents.get(sibling, [])):
                set_role(sibling, f"Adoptive or foster {base}")
            else:
                set_role(sibling, f"Step{base}")
    # Grandparents, aunts and uncles, cousins.
    for parent in parents:
        p = people.get(parent)
        if not p:
            continue
        side = {"Mother": "Maternal", "Father": "Paternal"}.get(roles.get(parent, ""), "")
        prefix = f"{side} " if side else ""
        grandparents = birth_parents.get(parent, [])
        for grand in grandparents:
            g = people.get(grand)
            if g:
                role = _gendered(g, "grandmother", "grandfather", "grandparent")
                set_role(grand, f"{prefix}{role}".capitalize() if not side else f"{prefix}{role}")
            for partner in partners.get(grand, []):
                if partner not in grandparents:
                    set_role(partner, f"{prefix}grandparent's partner".capitalize() if not side else f"{prefix}grandparent's partner")
        for grand in grandparents:
            for aunt in children.get(grand, []):
                if aunt == parent or aunt not in people:
                    continue
                a = people[aunt]
                if a.is_loss:
                    continue
                set_role(aunt, f"{prefix}{_gendered(a, 'aunt', 'uncle', 'aunt or uncle')}".strip().capitalize() if not side else f"{prefix}{_gendered(a, 'aunt', 'uncle', 'aunt or uncle')}")
                for partner in partners.get(aunt, []):
                    set_role(partner, f"{roles[aunt]}'s partner")
                for cousin in children.get(aunt, []):
                    set_role(cousin, f"{prefix}cousin".capitalize() if not side else f"{prefix}cousin")
    # The index child's own partners and children, and siblings' children.
    for partner in partners.get(index, []):
        set_role(partner, "Child's partner")
    for own_child in children.get(index, []):
        c = people.get(own_child)
        if c:
            set_role(own_child, f"Child's {_gendered(c, 'daughter', 'son', 'child')}")
    for sibling in [s for s, r in list(roles.items()) if r.lower().endswith(("sister", "brother", "sibling"))]:
        for nephew in children.get(sibling, []):
            n = people.get(nephew)
            if n:
                set_role(nephew, _gendered(n, "Niece", "Nephew", "Sibling's child"))
        for partner in partners.get(sibling, []):
            set_role(partner, f"{roles[sibling]}'s partner")


def _with_ages_unique(family: Family, roles: dict[str, str], at: date) -> dict[str, str]:
    """Number repeated roles in birth order ("Maternal cousin 1", "... 2") and add the age where known."""
    born = {p.id: (p.born.sort_key() if p.born else (9999, 0, 0)) for p in family.people}
    ages = {p.id: age_of(p, at) for p in family.people}
    holders: dict[str, list[str]] = defaultdict(list)
    for person in family.people:
        holders[roles[person.id]].append(person.id)
    unique: dict[str, str] = {}
    for role, ids in holders.items():
        ordered = sorted(ids, key=lambda pid: (born[pid], -(ages[pid] or -1))) if len(ids) > 1 else ids
        for number, pid in enumerate(ordered, start=1):
            label = f"{role} {number}" if len(ids) > 1 else role
            unique[pid] = label if ages[pid] is None else f"{label} ({ages[pid]})"
    return unique
