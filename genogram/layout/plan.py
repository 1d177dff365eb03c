"""The family as every layout phase reads it: people, unions, twins, texts and gaps by position.

Built once from the model (positions in file order, children of each union
in birth order with twins kept together, measured texts, the missing
register sorted by what it is about), then handed on frozen, so no phase
can change what another relies on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from genogram.layout.labels import LayoutOptions, Text, dates_text, name_text, union_text
from genogram.model import Family, Person

HALF = 20.0  # half a symbol
MARKER = 14.0  # a gap marker's side
TWIN_DATES_LEFT = "left"

DateKey = tuple[int, int, int]


def date_key(date: object) -> DateKey | None:
    return date.sort_key() if date is not None else None  # type: ignore[attr-defined]


def birth_order(keys: list[DateKey | None]) -> list[int]:
    """Positions sorted by birth; people with unknown dates keep their file positions."""
    dated = [i for i, k in enumerate(keys) if k is not None]
    ordered = sorted(dated, key=lambda i: (keys[i], i))
    out = list(range(len(keys)))
    for slot, i in zip(dated, ordered):
        out[slot] = i
    return out


@dataclass(frozen=True, slots=True)
class FamilyPlan:
    """People (p) and unions (u) by file position, and what is drawn for each."""

    family: Family
    options: LayoutOptions
    people: tuple[Person, ...]
    pid: tuple[str, ...]  # person id by position
    index: Mapping[str, int]  # person id -> position
    uids: tuple[str, ...]  # union id by position
    partners_of: tuple[tuple[int, ...], ...]  # person -> unions they are a partner in
    parent_unions: tuple[tuple[int, ...], ...]  # person -> unions they are a child of
    u_partners: tuple[tuple[int, ...], ...]  # union -> partners
    u_children: tuple[tuple[int, ...], ...]  # union -> children in birth order, twins together
    child_rel: Mapping[tuple[int, int], str]  # (union, child) -> relation
    twin_of: Mapping[int, int]  # person -> first of their twin group
    identical: frozenset[int]  # people in an identical pair
    u_key: tuple[tuple[DateKey, int], ...]  # union -> (start date, position): date order
    name: tuple[Text | None, ...]
    dates: tuple[Text | None, ...]
    utext: tuple[Text | None, ...]
    person_gaps: Mapping[int, tuple[int, ...]]  # person -> gap numbers (file order) about them
    union_gaps: Mapping[int, tuple[int, ...]]
    house_gaps: Mapping[int, tuple[int, ...]]  # household position -> gap numbers

    def dates_side(self, p: int) -> str:
        """Where p's dates go: centred (no parents), right, or left (the first of twins)."""
        if not self.parent_unions[p]:
            return "centre"
        t = self.twin_of.get(p)
        if t is not None:
            for u in self.parent_unions[p]:
                kids = self.u_children[u]
                group = [k for k in kids if self.twin_of.get(k) == t]
                if len(group) > 1 and group[0] == p:
                    return TWIN_DATES_LEFT
        return "right"

    def extent(self, p: int) -> tuple[float, float]:
        """How far p's symbol, name, dates and gap markers reach left and right of the centre."""
        lo = hi = HALF
        name = self.name[p]
        if name is not None:
            lo = max(lo, name.w / 2)
            hi = max(hi, name.w / 2)
        dates = self.dates[p]
        if dates is not None:
            side = self.dates_side(p)
            if side == "centre":
                lo, hi = max(lo, dates.w / 2), max(hi, dates.w / 2)
            elif side == "right":
                hi = max(hi, 4 + dates.w)
            else:
                lo = max(lo, 4 + dates.w)
        gaps = self.person_gaps.get(p)
        if gaps:
            columns = (len(gaps) + 2) // 3
            lo = max(lo, HALF + 3 + columns * (MARKER + 2))
        return lo, hi

    def are_partners(self, a: int, b: int) -> bool:
        if len(self.partners_of[a]) > len(self.partners_of[b]):
            a, b = b, a
        return any(b in self.u_partners[u] for u in self.partners_of[a])


def plan_family(family: Family, options: LayoutOptions) -> FamilyPlan:
    """Index ``family`` for layout (see the module docstring)."""
    index = {p.id: i for i, p in enumerate(family.people)}
    n = len(family.people)
    partners_of: list[list[int]] = [[] for _ in range(n)]
    parent_unions: list[list[int]] = [[] for _ in range(n)]
    u_partners: list[tuple[int, ...]] = []
    u_children: list[list[int]] = []
    child_rel: dict[tuple[int, int], str] = {}
    twin_uf: dict[int, int] = {}

    def tfind(a: int) -> int:
        while twin_uf.get(a, a) != a:
            a = twin_uf[a]
        return a

    identical: set[int] = set()
    for u, union in enumerate(family.unions):
        ps = list(dict.fromkeys(index[p] for p in union.partners if p in index))
        u_partners.append(tuple(ps))
        for p in ps:
            partners_of[p].append(u)
        kids: list[int] = []
        for ref in union.children:
            if ref.id not in index:
                continue
            c = index[ref.id]
            if c in kids:
                continue
            kids.append(c)
            parent_unions[c].append(u)
            child_rel[(u, c)] = ref.relation.value
            if ref.twin and ref.twin in index:
                a, b = tfind(c), tfind(index[ref.twin])
                if a != b:
                    twin_uf[max(a, b)] = min(a, b)
                if ref.identical:
                    identical.update((c, index[ref.twin]))
        keys = [date_key(family.people[c].born) for c in kids]
        u_children.append([kids[i] for i in birth_order(keys)])
    twin_of = {c: tfind(c) for c in twin_uf} | {tfind(c): tfind(c) for c in twin_uf}
    person_gaps, union_gaps, house_gaps = _gaps_by_subject(family, index)
    return FamilyPlan(
        family=family,
        options=options,
        people=tuple(family.people),
        pid=tuple(p.id for p in family.people),
        index=index,
        uids=tuple(family.union_ids),
        partners_of=tuple(map(tuple, partners_of)),
        parent_unions=tuple(map(tuple, parent_unions)),
        u_partners=tuple(u_partners),
        u_children=tuple(_twins_together(kids, twin_of) for kids in u_children),
        child_rel=child_rel,
        twin_of=twin_of,
        identical=frozenset(identical),
        u_key=tuple((date_key(un.start) or (99999, 0, 0), u) for u, un in enumerate(family.unions)),
        name=tuple(name_text(p, options) for p in family.people),
        dates=tuple(dates_text(p, options) for p in family.people),
        utext=tuple(union_text(un, options) for un in family.unions),
        person_gaps=person_gaps,
        union_gaps=union_gaps,
        house_gaps=house_gaps,
    )


def _twins_together(kids: list[int], twin_of: Mapping[int, int]) -> tuple[int, ...]:
    """Keep twins together: later twins move right after the first of their group."""
    if not any(k in twin_of for k in kids):
        return tuple(kids)
    out: list[int] = []
    seen: set[int] = set()
    for k in kids:
        if k in seen:
            continue
        t = twin_of.get(k)
        members = [k] if t is None else [x for x in kids if twin_of.get(x) == t]
        out.extend(members)
        seen.update(members)
    return tuple(out)


def _gaps_by_subject(
    family: Family, index: Mapping[str, int]
) -> tuple[dict[int, tuple[int, ...]], dict[int, tuple[int, ...]], dict[int, tuple[int, ...]]]:
    """Gaps (the missing register), numbered in file order, by the person, union or household they are about."""
    people: dict[int, list[int]] = {}
    unions: dict[int, list[int]] = {}
    houses: dict[int, list[int]] = {}
    uindex = {uid: u for u, uid in enumerate(family.union_ids)}
    hindex = {h.id: i for i, h in enumerate(family.households)}
    for g, gap in enumerate(family.missing):
        about = gap.about
        if about is None:
            continue
        if about in index:
            people.setdefault(index[about], []).append(g)
        elif about in uindex:
            unions.setdefault(uindex[about], []).append(g)
        elif about in hindex:
            houses.setdefault(hindex[about], []).append(g)
    return ({k: tuple(v) for k, v in people.items()}, {k: tuple(v) for k, v in unions.items()}, {k: tuple(v) for k, v in houses.items()})
