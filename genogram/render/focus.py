"""The index child's three generations, with every other branch collapsed to a labelled stub.

When a whole family cannot be printed legibly on one sheet, the first sheet
shows what a discussion starts from: the child, their parents (and the
parents' partners), brothers and sisters, grandparents, and whoever the child
lives with. Each branch left out is counted and named on the person it
hangs from ("+12 people, see page 2"), so nobody silently disappears; the
whole family follows on later sheets.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from genogram.model import Family


def focus_set(family: Family) -> set[str]:
    """Ids kept in the focus view: child, parents and their partners, siblings, grandparents, household."""
    index = family.index
    if index is None or index not in family.person_by_id:
        return set()
    parents_of: defaultdict[str, list[str]] = defaultdict(list)
    for union in family.unions:
        for ref in union.children:
            parents_of[ref.id].extend(union.partners)
    parents = set(parents_of[index])
    keep = {index} | parents
    for pid in parents:
        keep.update(parents_of[pid])  # grandparents
    for union in family.unions:
        if parents & set(union.partners):
            keep.update(union.partners)  # the parents' partners
            keep.update(ref.id for ref in union.children)  # brothers, sisters, half-siblings
    for household in family.households:
        if index in household.members and household.current:
            keep.update(household.members)
    return keep


def collapsed_branches(family: Family, keep: set[str]) -> dict[str, int]:
    """For each kept person, how many left-out people hang from them (each left-out group counted once)."""
    neighbours: defaultdict[str, set[str]] = defaultdict(set)
    for union in family.unions:
        # Partners are tied to each other and to their children; brothers and sisters through their parents.
        children = [ref.id for ref in union.children]
        for a in union.partners:
            neighbours[a].update(m for m in [*union.partners, *children] if m != a)
        for child in children:
            neighbours[child].update(union.partners)
    order = {p.id: i for i, p in enumerate(family.people)}
    seen: set[str] = set()
    counts: dict[str, int] = {}
    for person in family.people:
        if person.id in keep or person.id in seen:
            continue
        group, stack, anchors = [], [person.id], set()
        seen.add(person.id)
        while stack:
            pid = stack.pop()
            group.append(pid)
            for other in neighbours[pid]:
                if other in keep:
                    anchors.add(other)
                elif other not in seen:
                    seen.add(other)
                    stack.append(other)
        if anchors:  # a group with no tie to the focus (unconnected people) is not hung on anyone
            anchor = min(anchors, key=order.__getitem__)
            counts[anchor] = counts.get(anchor, 0) + len(group)
    return counts


def focus_family(family: Family, see: str) -> Family | None:
    """The focus view as a family to draw, or None when there is no index child or nothing to leave out.

    ``see`` says where the whole family is ("see page 2"); it ends each stub.
    """
    keep = focus_set(family)
    if not keep or len(keep) >= len(family.people):
        return None
    stubs = collapsed_branches(family, keep)
    people = []
    for person in family.people:
        if person.id not in keep:
            continue
        if person.id in stubs:
            n = stubs[person.id]
            stub = f"+{n} {'person' if n == 1 else 'people'}, {see}"
            person = person.model_copy(update={"name": f"{person.name} ({stub})" if person.name else stub})
        people.append(person)
    unions = []
    for union_id, union in zip(family.union_ids, family.unions):
        partners = [p for p in union.partners if p in keep]
        children = [ref.model_copy(update={"twin": ref.twin if ref.twin in keep else None}) for ref in union.children if ref.id in keep]
        if partners:
            unions.append(union.model_copy(update={"id": union_id, "partners": partners, "children": children}))
    households = [h.model_copy(update={"members": [m for m in h.members if m in keep]}) for h in family.households]
    households = [h for h in households if h.members]
    places = keep | {u.id for u in unions} | {h.id for h in households}
    return family.model_copy(update={
        "title": f"{family.title or 'Genogram'}: three generations",
        "people": people,
        "unions": unions,
        "households": households,
        "relationships": [r for r in family.relationships if set(r.ends) <= keep],
        "connections": [c for c in family.connections if c.with_ is None or c.with_ in places],
        # Every gap keeps its number; one about someone left out is listed without a marker.
        "missing": [g if g.about is None or g.about in places else g.model_copy(update={"about": None}) for g in family.missing],
    })
