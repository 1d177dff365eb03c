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
from typing import Protocol

# Rounds of sweeps (each one down and one up): a third and a longer reach (6) gain under 1% more, for twice the time.
ROUNDS = 2
# Household distance a tie in crossings must save to count (drawing units).
PULL = 1.0
# How many neighbours one chain may move past in one step of a sweep.
REACH = 3


class Sides(Protocol):
    def side(self, union: int, person: str) -> int: ...


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


def transpose(problem: OrderProblem) -> int:
    """Sweep every row down and up, swapping neighbours while that helps; the number of swaps made."""
    rows: dict[int, list[int]] = {}
    for g, c in problem.chains.items():
        rows.setdefault(c.row, []).append(g)
    for gs in rows.values():
        gs.sort(key=lambda g: problem.origin[g] + problem.chains[g].lo)
    keys = sorted(rows)
    swaps = 0
    for _ in range(ROUNDS):
        made = 0
        for r in keys + keys[::-1]:
            made += _sweep_row(problem, rows[r])
        swaps += made
        if not made:
            break
    return swaps


def _sweep_row(problem: OrderProblem, gs: list[int]) -> int:
    """Move each chain rightwards past up to REACH neighbours, to where the order is best.

    The walk weighs birth order and crossings only; the best place is then
    checked step by step for sibships it would let someone into, and the
    chain stops at the best place before the first such step.
    """
    made = 0
    for i in range(len(gs) - 1):
        a = gs[i]
        totals: list[tuple[int, int, float]] = []
        total: tuple[int, int, float] = (0, 0, 0.0)
        j = i
        while j + 1 < len(gs) and j - i < REACH:
            step = _change(problem, a, gs[j + 1])
            if step is None:
                break
            total = (total[0] + step[0], total[1] + step[1], total[2] + step[2])
            totals.append(total)
            _move(problem, gs, j, j + 1)
            j += 1
        _move(problem, gs, j, i)
        end = _best_allowed(problem, gs, i, totals)
        made += end - i
    return made


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


def _swapped(problem: OrderProblem, a: int, b: int) -> tuple[float, float]:
    """New origins of a and b once b takes a's left edge and a b's right edge."""
    ca, cb = problem.chains[a], problem.chains[b]
    left = problem.origin[a] + ca.lo
    right = problem.origin[b] + cb.hi
    return right - ca.hi, left - cb.lo


def _swap(problem: OrderProblem, a: int, b: int) -> None:
    problem.origin[a], problem.origin[b] = _swapped(problem, a, b)


def _change(problem: OrderProblem, a: int, b: int) -> tuple[int, int, float] | None:
    """(inversions, crossings, household distance) after swapping neighbours a (left) and b, minus before.

    None when the swap is not allowed: an undated sibling or a twin would
    move past another, or siblings would fall out of birth order.
    """
    inv = _birth_order_change(problem, a, b)
    if inv is None or inv > 0:
        return None
    return inv, _crossing_change(problem, a, b), _household_change(problem, a, b)


def _crossing_change(problem: OrderProblem, a: int, b: int) -> int:
    """Crossings after the swap minus before, between a's lines and b's (no other pair changes)."""
    origin, ca, cb = problem.origin, problem.chains[a], problem.chains[b]
    change = 0
    for mine, theirs in ((ca.down, cb.down), (ca.up, cb.up)):
        if not mine or not theirs:
            continue
        ends = [origin[g] + x for _, g, x in theirs]
        for _, g, x in mine:
            e = origin[g] + x
            for f in ends:
                # a's line is left of b's at this row: it crosses when its far end is right of b's.
                if e > f:
                    change -= 1
                elif e < f:
                    change += 1
    return change


def _birth_order_change(problem: OrderProblem, a: int, b: int) -> int | None:
    """Change in sibling pairs out of birth order; None when an undated sibling would move past another."""
    change = 0
    for s in problem.in_sibships.get(a, []):
        sib = problem.sibships[s]
        here = [k for k, g, _ in sib.members if g == a]
        there = [k for k, g, _ in sib.members if g == b]
        for p in here:
            for q in there:
                bp, bq = sib.born[p], sib.born[q]
                if bp is None or bq is None or bp == bq:
                    return None  # unknown dates keep file order, twins their places
                if bp < bq:
                    change += 1
                elif bp > bq:
                    change -= 1
    return change


def _household_change(problem: OrderProblem, a: int, b: int) -> float:
    """Change in the summed distances from a's and b's people to their household members elsewhere."""
    origin = problem.origin
    new_a, new_b = _swapped(problem, a, b)
    moved = {a: new_a, b: new_b}
    change = 0.0
    for g in (a, b):
        for members in problem.households.get(g, []):
            inside = [x for h, x in members if h == g]
            for h, x in members:
                if h in (a, b):
                    continue
                there = origin[h] + x
                for y in inside:
                    change += abs(moved[g] + y - there) - abs(origin[g] + y - there)
            if g == a:
                for y in inside:
                    for h, x in members:
                        if h == b:
                            change += abs(new_a + y - new_b - x) - abs(origin[a] + y - origin[b] - x)
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
        for pid, x in problem.chains[g].people:
            if pid not in own and lo < base + x < hi and problem.sides.side(sib.union, pid) not in allowed:
                count += 1
    return count
