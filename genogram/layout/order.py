"""Order within rows: couple chains moved as whole blocks to cut crossings.

The tidy packing (genogram.py) places every couple chain, sibship and
in-law family; this phase then improves the order on each row the way dot's
mincross finishes (Gansner et al. 1993, "transpose"): sweeping the rows down
and up, it swaps two neighbouring chains whenever that lowers the number of
straight lines (parents' union to child, one row down) that cross. A chain
is a person with all their partners, so couples never come apart. A swap
exchanges the two chains inside the span they already hold, so nothing else
moves and no overlap can appear.

A swap is refused when it would put two siblings out of birth order (or move
one whose date is unknown past another) or bring someone into a sibship who
does not belong there (see metrics.FamilySides). One that crosses nothing
more is still taken when it brings members of a current household nearer to
each other (those drawn), so a child sits nearer their carers and the household's boundary
runs a shorter way. Every accepted swap lowers (inversions, crossings,
household distance) in that order, so the sweeps end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from genogram.layout.metrics import FamilySides

# Rounds of sweeps (each one down and one up). Each further round still finds
# moves (lineages of 1,000 people: 18,320 straight-edge crossings after one,
# 14,813 after four), but on large families it costs as much again each time,
# so those get one round and the layout stays as fast as without the sweeps.
ROUNDS = 4
LARGE = 1000  # chains; more than this: one round
# Household distance a tie in crossings must save to count (drawing units).
PULL = 1.0
# How many neighbours one chain may move past in one step of a sweep (farther when an older sibling sits beyond).
REACH = 3


class Sides(Protocol):
    def side(self, union: int, person: str) -> int: ...

    def whole(self) -> FamilySides: ...


@dataclass(slots=True)
class Chain:
    """One couple chain on its row: extent relative to its origin, and what hangs on it."""

    row: int
    lo: float  # left edge minus origin (negative or zero)
    hi: float  # right edge minus origin
    down: list[tuple[float, int, float]] = field(default_factory=list)  # (x here, child's chain, x there)
    up: list[tuple[float, int, float]] = field(default_factory=list)  # (x here, parents' chain, x there)
    people: list[tuple[str, float]] = field(default_factory=list)  # (id, x relative to origin)


@dataclass(slots=True)
class Sibship:
    """The children of one union who hang under it on one row (as metrics.py counts them)."""

    union: int
    members: list[tuple[str, int, float]]  # (id, chain, x relative to the chain's origin)
    born: dict[str, tuple[int, int, int] | None]
    allowed: set[int] | None = None  # sides of the family that may sit inside (found when first needed)


@dataclass(slots=True)
class OrderProblem:
    chains: dict[int, Chain]
    origin: dict[int, float]  # chain -> x of its origin, changed in place
    sibships: list[Sibship]
    in_sibships: dict[int, list[int]]  # chain -> sibships with a member in it
    households: dict[int, list[list[tuple[int, float]]]]  # chain -> for each drawn household with a member there: (chain, x) of every member
    sides: Sides
    # Filled by transpose: chain -> sibship -> birth keys of its members there,
    # and chain -> far ends of its lines down and up (for the row being swept).
    born_in: dict[int, dict[int, list[tuple[int, int, int] | None]]] = field(default_factory=dict)
    outsiders: dict[tuple[int, int], int] = field(default_factory=dict)  # see outsiders()
    ends: dict[int, tuple[list[float], list[float]]] = field(default_factory=dict)
    older: dict[int, list[int]] = field(default_factory=dict)  # see _older_chains


def transpose(problem: OrderProblem) -> int:
    """Order the rows: neighbour swaps alone, and barycentre sweeps (barycentre.py) followed by them; the better of the two.

    The sweeps help most on families married into one another many times;
    on small families the swaps alone often find an order as good, closer
    to the packing's (half brothers and sisters by age across their
    parents' unions), which is then kept: up to LARGE chains the sweeps'
    order is taken only when it ends with fewer siblings out of birth order
    or fewer crossings; beyond, it is always taken.
    Returns the number of rows reordered plus the number of swaps made (0:
    nothing moved).
    """
    from genogram.layout.barycentre import demands, line_length, score, sweep

    if not ROUNDS:
        return 0
    if len(problem.chains) > LARGE:
        # Large: the swaps alone would take seconds on an order far from
        # the best (lineages of 10,000 people: 6 s), so only the sweeps' order is tried.
        return sweep(problem) + _swaps(problem)
    start = dict(problem.origin)
    needs = demands(problem)
    swaps = _swaps(problem)
    alone = dict(problem.origin)
    before, length = score(problem, needs), line_length(problem)
    problem.origin.update(start)
    reordered = sweep(problem)
    if reordered:
        swept = reordered + _swaps(problem)
        after = score(problem, needs)
        # Fewer siblings out of order always wins; fewer crossings only when
        # the lines do not get longer (a reordered row keeps its gaps, so
        # children can end far from their parents, and the lines drawn in
        # the channels then cross more than the straight ones suggest:
        # families of 1,000 people, seed 1, 630 drawn crossings against 984).
        if after[0] < before[0] or (after[0] == before[0] and after[1] < before[1] and line_length(problem) <= length):
            return swept
    problem.origin.update(alone)
    return swaps


def _swaps(problem: OrderProblem) -> int:
    """Sweep every row down and up, swapping neighbours while that helps; the number of swaps made."""
    problem.born_in = {}
    rows: dict[int, list[int]] = {}
    for g, c in problem.chains.items():
        rows.setdefault(c.row, []).append(g)
    for gs in rows.values():
        gs.sort(key=lambda g: problem.origin[g] + problem.chains[g].lo)
    keys = sorted(rows)
    for i, sib in enumerate(problem.sibships):
        for k, g, _ in sib.members:
            problem.born_in.setdefault(g, {}).setdefault(i, []).append(sib.born[k])
    problem.older = _older_chains(problem)
    swaps = 0
    # A row whose sweep moved nothing stays as it is until a row next to it
    # changes (what a swap gains depends only on those), so it is skipped.
    dirty = set(keys)
    for _ in range(ROUNDS if len(problem.chains) <= LARGE else 1):
        for r in keys + keys[::-1]:
            if r not in dirty:
                continue
            made = _sweep_row(problem, rows[r])
            dirty.discard(r)
            if made:
                dirty.update((r - 1, r, r + 1))
            swaps += made
        if not dirty:
            break
    return swaps


def _sweep_row(problem: OrderProblem, gs: list[int]) -> int:
    """Move each chain rightwards past up to REACH neighbours, to where the order is best.

    The walk moves nothing: what a step changes in crossings and birth order
    depends only on the two chains, and a neighbour keeps its place until
    the chain passes it (chains it has passed are taken where they were, an
    approximation that only touches the household tie-break). The best
    place is then checked step by step for sibships it would let someone
    into, and the chain stops at the best place before the first such step.
    """
    made = 0
    ca, origin = problem.chains, problem.origin
    problem.ends = {
        g: ([origin[h] + x for _, h, x in ca[g].down], [origin[h] + x for _, h, x in ca[g].up]) for g in gs
    }
    for i in range(len(gs) - 1):
        a = gs[i]
        totals: list[tuple[int, int, float]] = []
        total: tuple[int, int, float] = (0, 0, 0.0)
        until = _older_sibling_x(problem, a)
        xa = problem.origin[a]
        j = i
        while j + 1 < len(gs) and (j - i < REACH or problem.origin[gs[j + 1]] <= until):
            b = gs[j + 1]
            step = _change(problem, a, b, xa)
            if step is None:
                break
            total = (total[0] + step[0], total[1] + step[1], total[2] + step[2])
            totals.append(total)
            xa = problem.origin[b] + ca[b].hi - ca[a].hi
            j += 1
        end = _best_allowed(problem, gs, i, totals)
        made += end - i
    return made


def _older_sibling_x(problem: OrderProblem, a: int) -> float:
    """Origin of the farthest chain right of a with a sibling born before someone in a (-inf: none).

    Chain a may go that far in one step, so a sweep can put such siblings
    back in birth order.
    """
    x = problem.origin[a]
    return max((problem.origin[h] for h in problem.older.get(a, ()) if problem.origin[h] > x), default=float("-inf"))


def _older_chains(problem: OrderProblem) -> dict[int, list[int]]:
    """For each chain, the other chains holding a sibling born before someone in it."""
    older: dict[int, set[int]] = {}
    for sib in problem.sibships:
        dated = sorted((b, g) for k, g, _ in sib.members if (b := sib.born[k]) is not None)
        for i, (b, g) in enumerate(dated):
            for b2, h in dated[:i]:
                if h != g and b2 < b:
                    older.setdefault(g, set()).add(h)
    return {g: sorted(hs) for g, hs in older.items()}


def _move(problem: OrderProblem, gs: list[int], j: int, to: int) -> None:
    """Move the chain at gs[j] to gs[to] by swaps with its neighbours (a swap undoes itself)."""
    while j < to:
        _swap(problem, gs[j], gs[j + 1])
        gs[j], gs[j + 1] = gs[j + 1], gs[j]
        j += 1
    while j > to:
        _swap(problem, gs[j - 1], gs[j])
        gs[j - 1], gs[j] = gs[j], gs[j - 1]
        j -= 1


def _best_allowed(problem: OrderProblem, gs: list[int], i: int, totals: list[tuple[int, int, float]]) -> int:
    """Take gs[i] to its best place among the steps in ``totals`` that let nobody into a sibship."""
    best, best_at = (0, 0, -PULL), i
    for k, total in enumerate(totals):
        if total < best:
            best, best_at = total, i + k + 1
    if best_at == i:
        return i
    j = i
    while j < best_at and not _lets_someone_in(problem, gs[j], gs[j + 1]):
        _move(problem, gs, j, j + 1)
        j += 1
    if j < best_at:
        best, best_at = (0, 0, -PULL), i  # stopped short: the best place before the stop
        for k in range(j - i):
            if totals[k] < best:
                best, best_at = totals[k], i + k + 1
        _move(problem, gs, j, best_at)
    return best_at


def _swapped(problem: OrderProblem, a: int, b: int, xa: float | None = None) -> tuple[float, float]:
    """New origins of a (at xa, else where it is) and b once b takes a's left edge and a b's right edge."""
    ca, cb = problem.chains[a], problem.chains[b]
    left = (problem.origin[a] if xa is None else xa) + ca.lo
    right = problem.origin[b] + cb.hi
    return right - ca.hi, left - cb.lo


def _swap(problem: OrderProblem, a: int, b: int) -> None:
    problem.origin[a], problem.origin[b] = _swapped(problem, a, b)


def _change(problem: OrderProblem, a: int, b: int, xa: float) -> tuple[int, int, float] | None:
    """(inversions, crossings, household distance) after swapping neighbours a (at xa) and b, minus before.

    None when the swap is not allowed: an undated sibling or a twin would
    move past another. A step that puts siblings out of order may be part of
    a longer move that puts more of them back.
    """
    inv = _birth_order_change(problem, a, b)
    if inv is None:
        return None
    cross = _crossing_change(problem, a, b)
    # Household distance only breaks ties: weighed on steps that change nothing else.
    return inv, cross, _household_change(problem, a, b, xa) if inv == cross == 0 else 0.0


def _crossing_change(problem: OrderProblem, a: int, b: int) -> int:
    """Crossings after the swap minus before, between a's lines and b's (no other pair changes)."""
    (a_down, a_up), (b_down, b_up) = problem.ends[a], problem.ends[b]
    change = 0
    for mine, theirs in ((a_down, b_down), (a_up, b_up)):
        for e in mine:
            for f in theirs:
                # a's line is left of b's at this row: it crosses when its far end is right of b's.
                if e > f:
                    change -= 1
                elif e < f:
                    change += 1
    return change


def _birth_order_change(problem: OrderProblem, a: int, b: int) -> int | None:
    """Change in sibling pairs out of birth order; None when an undated sibling would move past another."""
    change = 0
    mine, theirs = problem.born_in.get(a), problem.born_in.get(b)
    if not mine or not theirs:
        return 0
    for s, here in mine.items():
        there = theirs.get(s)
        if there is None:
            continue
        for bp in here:
            for bq in there:
                if bp is None or bq is None or bp == bq:
                    return None  # unknown dates keep file order, twins their places
                if bp < bq:
                    change += 1
                else:
                    change -= 1
    return change


def _household_change(problem: OrderProblem, a: int, b: int, xa: float) -> float:
    """Change in the summed distances from a's (at xa) and b's people to their household members elsewhere."""
    origin = problem.origin
    new_a, new_b = _swapped(problem, a, b, xa)
    now = {a: xa, b: origin[b]}
    moved = {a: new_a, b: new_b}
    change = 0.0
    for g in (a, b):
        for members in problem.households.get(g, []):
            inside = [x for h, x in members if h == g]
            for h, x in members:
                if h == a or h == b:
                    continue
                there = origin[h] + x
                for y in inside:
                    change += abs(moved[g] + y - there) - abs(now[g] + y - there)
            if g == a:
                for y in inside:
                    for h, x in members:
                        if h == b:
                            change += abs(new_a + y - new_b - x) - abs(xa + y - origin[b] - x)
    return change


def _lets_someone_in(problem: OrderProblem, a: int, b: int) -> bool:
    """Whether the swap puts someone of a or b inside a sibship they may not sit in.

    Only a sibship with a member in a or b can change its span, and only to
    take in people of a or b.
    """
    new_a, new_b = _swapped(problem, a, b)
    for s in set(problem.in_sibships.get(a, [])) | set(problem.in_sibships.get(b, [])):
        sib = problem.sibships[s]
        if _intruders(problem, sib, a, b, new_a, new_b) > _intruders(problem, sib, a, b, problem.origin[a], problem.origin[b]):
            return True
    return False


def _intruders(problem: OrderProblem, sib: Sibship, a: int, b: int, xa: float, xb: float) -> int:
    def at(g: int, x: float) -> float:
        return xa + x if g == a else xb + x if g == b else problem.origin[g] + x

    xs = [at(g, x) for _, g, x in sib.members]
    lo, hi = min(xs), max(xs)
    own = sib.born
    if sib.allowed is None:
        sib.allowed = {problem.sides.side(sib.union, k) for k in own} - {-1}
    allowed = sib.allowed
    count = 0
    for g, base in ((a, xa), (b, xb)):
        people = problem.chains[g].people
        if all(lo < base + x < hi for _, x in people):
            count += outsiders(problem, sib, g)
            continue
        for pid, x in people:
            if pid not in own and lo < base + x < hi and problem.sides.side(sib.union, pid) not in allowed:
                count += 1
    return count


def outsiders(problem: OrderProblem, sib: Sibship, g: int) -> int:
    """How many people of chain g may not sit inside the sibship (metrics.FamilySides), remembered per union and chain.

    A chain is joined by partnerships, so it lies on one side of the
    sibship's union (one lookup for all) unless it holds the union's partners.
    """
    key = (sib.union, g)
    n = problem.outsiders.get(key)
    if n is not None:
        return n
    sides = problem.sides.whole()
    if sib.allowed is None:
        sib.allowed = {sides.side(sib.union, k) for k in sib.born} - {-1}
    people = [pid for pid, _ in problem.chains[g].people]
    if any(pid in sib.born for pid in people):
        n = 0  # a member's chain: everyone in it is on the member's side
    elif people and sides.one_side(sib.union, people):
        n = len(people) if sides.side(sib.union, people[0]) not in sib.allowed else 0
    else:
        n = sum(1 for pid in people if sides.side(sib.union, pid) not in sib.allowed)
    problem.outsiders[key] = n
    return n
