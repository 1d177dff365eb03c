"""Couple chains: each partner group as one row of people, partners side by side.

A chain is a person with all their partners (and their partners' partners),
in date order, with a stub beside anyone who has a one-parent union, and a
gap between partners wide enough for the union's label and gap markers.
Built per partner group once the rows are known; placement (placement.py)
then moves whole chains, so the spacing inside a chain never changes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from genogram.layout.partner_order import fewest_apart
from genogram.layout.plan import FamilyPlan
from genogram.layout.rows import RowAssignment

SEP = 16.0  # between unrelated neighbours' extents
PARTNER_GAP = 26.0  # between partners: room for the descent line and a union label
MARKER = 14.0

#: What a gap between partners holds, top down: ("union", w, h, Text) or ("gap", w, h, gap number).
GapStuff = tuple[str, float, float, object]


class ChainSlot(NamedTuple):
    """One slot in a couple chain: a person, or the stub of a one-parent union."""

    person: int | None
    union: int | None  # set for stubs
    lo: float  # reach left of x
    hi: float  # reach right of x
    x: float  # centre, relative to the chain's origin


@dataclass(frozen=True, slots=True)
class CoupleChain:
    """A partner group laid out on its row, relative to its own origin."""

    items: tuple[ChainSlot, ...]
    gaps: tuple[float, ...]  # space after item i
    gap_stack: Mapping[int, tuple[GapStuff, ...]]  # gap (or -1 - stub item) -> what is stacked in it
    anchors: Mapping[int, float]  # union -> x its descent lines start from
    anchor_gap: Mapping[int, int]  # union -> the gap (or -1 - stub item) holding its label

    @property
    def extent(self) -> tuple[float, float]:
        """Left and right edge of the whole chain, labels included, relative to its origin."""
        return self.items[0].x - self.items[0].lo, self.items[-1].x + self.items[-1].hi


@dataclass(frozen=True, slots=True)
class CoupleChains:
    """Every partner group's chain, and where each group hangs in the family tree."""

    members: Mapping[int, tuple[int, ...]]  # group -> people, in file order
    home: Mapping[int, tuple[int, int]]  # group -> (union, child): the parent union it hangs from
    under: Mapping[int, tuple[int, ...]]  # union -> groups hanging from it, in birth order
    chains: Mapping[int, CoupleChain]  # group -> its chain

    def chain_unions(self, plan: FamilyPlan, g: int) -> list[int]:
        """The unions in group g's chain, in date order."""
        return sorted(self.chains[g].anchors, key=lambda u: plan.u_key[u])

    def attach_x(self, plan: FamilyPlan, g: int, u: int | None, person: int | None = None) -> float:
        """x of the child (in its own chain) that hangs from union ``u``."""
        chain = self.chains[g]
        for it in chain.items:
            if it.person is not None and (person == it.person or (u is not None and u in plan.parent_unions[it.person])):
                return it.x
        return chain.items[0].x


@dataclass(slots=True)
class _Item:
    """A chain slot while the chain is being spaced."""

    person: int | None
    union: int | None
    lo: float
    hi: float
    x: float = 0.0


@dataclass(slots=True)
class _Chain:
    items: list[_Item]
    gaps: list[float]
    gap_stack: dict[int, list[GapStuff]] = field(default_factory=dict)
    anchors: dict[int, float] = field(default_factory=dict)
    anchor_gap: dict[int, int] = field(default_factory=dict)


def _frozen(chain: _Chain) -> CoupleChain:
    return CoupleChain(
        tuple(ChainSlot(it.person, it.union, it.lo, it.hi, it.x) for it in chain.items),
        tuple(chain.gaps),
        {k: tuple(v) for k, v in chain.gap_stack.items()},
        chain.anchors,
        chain.anchor_gap,
    )


def build_chains(plan: FamilyPlan, rows: RowAssignment) -> CoupleChains:
    """Each partner group's home union, the groups under each union, and each group's chain."""
    group, row = rows.group, rows.row
    members: dict[int, list[int]] = {}
    for p in range(len(plan.people)):
        members.setdefault(group[p], []).append(p)
    # Home union of each group: a parent union one row up, one whose
    # partners have parents of their own drawn first (then first in file
    # order). A partner's family whose parents are a root couple is then
    # drawn beside the couple (placement._hang_roots), its children either
    # side of them in birth order; hanging the couple under that root
    # couple instead took the other partner away from their own brothers
    # and sisters (Gramps example: the Garner brothers split by cousins).
    def rooted(u: int) -> bool:
        return any(row[q] == row[p] - 1 for p in plan.u_partners[u] for v in plan.parent_unions[p] for q in plan.u_partners[v][:1])

    home: dict[int, tuple[int, int]] = {}
    for g, ms in members.items():
        best = None
        for m in ms:
            for u in plan.parent_unions[m]:
                ps = plan.u_partners[u]
                if ps and row[ps[0]] == row[m] - 1:
                    key = (not rooted(u), u, plan.u_children[u].index(m))
                    if best is None or key < best[0]:
                        best = (key, u, m)
        if best is not None:
            home[g] = (best[1], best[2])
    # Children placed under each union (their group's home is that union).
    under: dict[int, list[int]] = {}
    for u, kids in enumerate(plan.u_children):
        seen: list[int] = []
        for c in kids:
            g = group[c]
            if home.get(g, (None, None)) == (u, c) and g not in seen:
                seen.append(g)
        if seen:
            under[u] = seen
    # Chains, with the hub being the child who hangs from the home union.
    chains: dict[int, CoupleChain] = {}
    for g, ms in members.items():
        if g in home:
            u, hub = home[g]
            sibs = under.get(u, [])
            pos = sibs.index(g) if g in sibs else 0
            hint = "left" if pos < len(sibs) / 2 - 0.25 and len(sibs) > 1 else "right"
        else:
            hub = max(ms, key=lambda m: (len(plan.partners_of[m]), -m))
            hint = "right"
        # A lone parent whose own parent is a lone parent too (a line of
        # fathers with the mothers unrecorded): stubs on alternate rows go
        # left, so the line zigzags down instead of drifting right a stub's
        # width a generation (Qing dynasty: 720 points wide for 13 people).
        lineage = len(ms) == 1 and g in home and len(plan.u_partners[home[g][0]]) == 1 and row[ms[0]] % 2 == 1
        chains[g] = _build_chain(plan, ms, hub, hint, stub_left=lineage)
    return CoupleChains({g: tuple(ms) for g, ms in members.items()}, home, {u: tuple(gs) for u, gs in under.items()}, chains)


def spread_side(start: int, partners_of: Callable[[int], Iterable[int]], placed: set[int], into: list[int]) -> None:
    """Everyone reached from ``start`` through partners and not yet placed, added to one side of a chain, depth first.

    A partner's own partners go further out than the partner, so the side
    grows away from the hub; shared by our chains and dot's (dot.py).
    """
    stack = [start]
    while stack:
        for q in partners_of(stack.pop()):
            if q not in placed:
                placed.add(q)
                into.append(q)
                stack.append(q)


def _build_chain(plan: FamilyPlan, members: list[int], hub: int, side_hint: str, stub_left: bool = False) -> CoupleChain:
    """Order a partner group: hub, first partner on one side, later ones on the other."""
    def partners(p: int, exclude: set[int]) -> list[tuple[int, int]]:
        out = []
        for u in sorted(plan.partners_of[p], key=lambda u: plan.u_key[u]):
            for q in plan.u_partners[u]:
                if q != p and q not in exclude:
                    out.append((q, u))
        seen: set[int] = set()
        res = []
        for q, u in out:
            if q not in seen:
                seen.add(q)
                res.append((q, u))
        return res

    placed = {hub}
    left: list[int] = []
    right: list[int] = []

    def grow(p: int, into: list[int]) -> None:
        spread_side(p, lambda cur: (q for q, _ in partners(cur, placed)), placed, into)

    first = partners(hub, {hub})

    def pull(q: int) -> int:
        # +1: q's own siblings (placed with q's parents) will sit to q's right.
        for u in plan.parent_unions[q]:
            kids = plan.u_children[u]
            if len(kids) > 1:
                return 1 if kids[0] == q else -1 if kids[-1] == q else 0
        return 0

    mirror = False
    if len(first) == 1:
        p_ = pull(first[0][0])
        side = "right" if p_ > 0 else "left" if p_ < 0 else side_hint
        target = left if side == "left" else right
        q = first[0][0]
        placed.add(q)
        target.append(q)
        grow(q, target)
    elif first:
        placed.update(q for q, _ in first)
        # Partners with partners of their own need an outer end of the
        # chain, so those partners can sit beyond them: with two such,
        # the first goes left and everyone else right.
        multi = [qu for qu in first if len(plan.partners_of[qu[0]]) > 1]
        lead = multi[0] if len(multi) == 2 else first[0]
        left.append(lead[0])
        grow(lead[0], left)
        # Later partners go right in date order; one who has partners of
        # their own goes last, so those partners can sit beyond them.
        later = sorted((qu for qu in first if qu != lead), key=lambda qu: len(plan.partners_of[qu[0]]) > 1)
        for q, _ in later:
            right.append(q)
            grow(q, right)
        mirror = pull(lead[0]) > 0 or (len(first) > 1 and pull(right[-1] if right else hub) < 0)
    # Anyone in the group not reached (should not happen) goes right.
    for m in members:
        if m not in placed:
            placed.add(m)
            right.append(m)
    order = list(reversed(right)) + [hub] + left if mirror else list(reversed(left)) + [hub] + right
    if len(order) > 3:
        # Most groups fit the rule above; a wider web of partners gets the
        # order that leaves the fewest couples apart.
        order = fewest_apart(order, {p: frozenset(q for u in plan.partners_of[p] for q in plan.u_partners[u] if q != p) for p in order})
    items: list[_Item] = []
    at = {p: i for i, p in enumerate(order)}
    for p in order:
        # Stubs for one-parent unions sit beside their parent, on the freer side.
        stubs = [u for u in sorted(plan.partners_of[p], key=lambda u: plan.u_key[u]) if len(plan.u_partners[u]) == 1]
        lo, hi = plan.extent(p)
        me = _Item(p, None, lo, hi)
        stub_items = [_Item(None, u, 0.0, 0.0) for u in stubs]
        pos = at[p]
        left_is_partner = pos > 0 and plan.are_partners(order[pos - 1], p)
        right_is_partner = pos + 1 < len(order) and plan.are_partners(order[pos + 1], p)
        if stub_left and stub_items:
            me.lo = max(lo, hi)  # as far from the stub as it would be on the right, so the zigzag does not drift
        if stub_items and ((right_is_partner and not left_is_partner) or stub_left):
            items.extend(reversed(stub_items))
            items.append(me)
        else:
            items.append(me)
            items.extend(stub_items)
    return _space_chain(plan, items)


def _space_chain(plan: FamilyPlan, items: list[_Item]) -> CoupleChain:
    pos = {it.person: i for i, it in enumerate(items) if it.person is not None}
    chain = _Chain(items, [SEP] * max(0, len(items) - 1))
    stacks: dict[int, list[GapStuff]] = {}
    unions: set[int] = set()
    for it in items:
        if it.person is not None:
            unions.update(plan.partners_of[it.person])
    stub_at = {it.union: i for i, it in enumerate(items) if it.union is not None}
    # Each union's label goes in a gap between its partners, one union per
    # gap where it can: partners side by side have only the gap between
    # them, so they choose first; the others take the nearest free gap.
    span = {u: sorted(pos[p] for p in plan.u_partners[u]) for u in unions if len(plan.u_partners[u]) == 2}
    taken: set[int] = set()
    gap_of: dict[int, int] = {}
    for u in sorted(span, key=lambda u: (span[u][1] - span[u][0] > 1, plan.u_key[u])):
        a, b = span[u]
        choices = itertools.chain((b - 1, a), range(a, b))
        gap_of[u] = next((c for c in choices if c not in taken), b - 1)
        taken.add(gap_of[u])
    for u in sorted(unions, key=lambda u: plan.u_key[u]):
        ps = plan.u_partners[u]
        stuff: list[GapStuff] = []
        utext = plan.utext[u]
        if utext is not None:
            stuff.append(("union", utext.w, utext.h, utext))
        for gnum in plan.union_gaps.get(u, []):
            stuff.append(("gap", MARKER, MARKER, gnum))
        if len(ps) == 1:
            # The stub item is the slot; widen it for its label.
            i = stub_at.get(u, -1)
            if i >= 0:
                it = items[i]
                width = max([8.0] + [s[1] for s in stuff])
                it.lo = it.hi = width / 2
                stacks[-1 - i] = stuff
                chain.anchor_gap[u] = -1 - i
            continue
        gap = gap_of[u]
        chain.anchor_gap[u] = gap
        stacks.setdefault(gap, []).extend(stuff)
        need = max([PARTNER_GAP] + [s[1] + 8 for s in stacks[gap]])
        chain.gaps[gap] = max(chain.gaps[gap], need)
    chain.gap_stack = stacks
    x = 0.0
    for i, it in enumerate(items):
        if i:
            x += items[i - 1].hi + chain.gaps[i - 1] + it.lo
        it.x = x
    for u, gap in chain.anchor_gap.items():
        if gap < 0:
            chain.anchors[u] = items[-1 - gap].x
        else:
            left, right = items[gap], items[gap + 1]
            chain.anchors[u] = ((left.x + left.hi) + (right.x - right.lo)) / 2
    return _frozen(chain)
