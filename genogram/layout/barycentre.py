"""Constrained barycentre sweeps: the order of couple chains on every row, chosen afresh.

The tidy packing gives each row an order that follows the family trees; on
families married into one another many times that order can be far from
the one that crosses fewest lines, and swapping neighbours (order.py) can
only undo crossings one chain can undo alone. This phase reorders whole
rows the way dot's mincross begins (Gansner et al. 1993): sweeping down
and up, each chain goes to the mean position (barycentre) of the chains its
lines reach on the row just fixed, the best order seen is kept.

Birth order holds by construction, as in Forster 2004 ("A fast and simple
heuristic for constrained two-level crossing reduction"): siblings in
different chains must come in birth order (siblings with unknown dates,
and twins, keep the order they had), so the barycentres of chains whose
siblings would come out of order are pooled to their weighted mean, and
the row is read off by a topological sort that always takes the free
chain with the smallest pooled barycentre. A ring of such demands (two
brothers married to two sisters in the opposite birth order) is broken at
the chain with the smallest barycentre.

A reordered row keeps the gaps the row had, in order, so nothing overlaps
and the row is no wider; a new order is taken only when it lets nobody
into a sibship they may not sit in (metrics.FamilySides).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from genogram.layout.order import OrderProblem

#: Sweeps down and up (each pair is one round) before giving up on finding a better order.
ROUNDS = 6
#: A row's order is worth taking only if it crosses at least this many fewer lines.
GAIN = 1

Demand = tuple[int, int]  # (chain that must come first, chain that must come after)


class Rows:
    """The chains of every row in their current order, and where each chain stands."""

    def __init__(self, problem: OrderProblem) -> None:
        self.problem = problem
        rows: dict[int, list[int]] = {}
        for g, c in problem.chains.items():
            rows.setdefault(c.row, []).append(g)
        for gs in rows.values():
            gs.sort(key=lambda g: problem.origin[g] + problem.chains[g].lo)
        self.rows = rows
        self.rank: dict[int, int] = {}
        for gs in rows.values():
            self._rank(gs)
        # Where on a chain (0 to 1, left to right) each of its lines ends.
        self.frac: dict[int, float] = {}
        for g, c in problem.chains.items():
            width = c.hi - c.lo
            self.frac[g] = 1.0 / width if width > 0 else 0.0

    def _rank(self, gs: list[int]) -> None:
        for i, g in enumerate(gs):
            self.rank[g] = i

    def at(self, g: int, x: float) -> float:
        """A point x (relative to the chain's origin) of chain g, as a position along its row."""
        c = self.problem.chains[g]
        return self.rank[g] + (x - c.lo) * self.frac[g] * 0.98

    def set_order(self, r: int, gs: list[int]) -> None:
        self.rows[r] = gs
        self._rank(gs)


def crossings_between(rows: Rows, upper: int) -> int:
    """Straight lines from row ``upper`` to the row below that cross, for the current orders."""
    chains, rank, frac = rows.problem.chains, rows.rank, rows.frac
    edges: list[tuple[float, float]] = []
    for g in rows.rows.get(upper, ()):
        c = chains[g]
        if not c.down:
            continue
        top, lo, f = rank[g], c.lo, frac[g] * 0.98
        for a, h, b in c.down:
            ch = chains[h]
            edges.append((top + (a - lo) * f, rank[h] + (b - ch.lo) * frac[h] * 0.98))
    return _inversions(edges)


def _inversions(edges: list[tuple[float, float]]) -> int:
    """Pairs (a1, b1), (a2, b2) with a1 < a2 and b1 > b2 (a Fenwick tree over the b ranks)."""
    if len(edges) < 2:
        return 0
    where = {b: i + 1 for i, b in enumerate(sorted({b for _, b in edges}))}
    size = len(where) + 1
    tree = [0] * size
    edges.sort()
    total = seen = 0
    i, n = 0, len(edges)
    while i < n:
        j = i
        top = edges[i][0]
        while j < n and edges[j][0] == top:
            j += 1
        group = [where[b] for _, b in edges[i:j]]
        for k in group:  # against earlier tops only
            le = 0
            while k:
                le += tree[k]
                k &= k - 1
            total += seen - le
        for k in group:
            while k < size:
                tree[k] += 1
                k += k & -k
        seen += j - i
        i = j
    return total


def demands(problem: OrderProblem) -> dict[int, list[Demand]]:
    """Per row, the pairs of chains that must keep their order: siblings by birth, undated ones as they are (one per pair of siblings)."""
    out: dict[int, list[Demand]] = {}
    origin = problem.origin
    for sib in problem.sibships:
        members = sib.members
        for i, (p, g, x) in enumerate(members):
            for q, h, y in members[i + 1 :]:
                if g == h:
                    continue
                bp, bq = sib.born[p], sib.born[q]
                if bp is not None and bq is not None and bp != bq:
                    first = (g, h) if bp < bq else (h, g)
                else:  # unknown dates keep file order, twins their places
                    first = (g, h) if origin[g] + x <= origin[h] + y else (h, g)
                out.setdefault(problem.chains[g].row, []).append(first)
    return {r: sorted(ds) for r, ds in out.items()}


def keepable(needs: list[Demand]) -> list[Demand]:
    """Demands one order can keep together, breaking fewest pairs of siblings.

    Those on no ring are all kept; within a ring (metrics.forced_pairs) the
    order of its chains that breaks fewest pairs (linear_order.fewest_broken)
    decides which of its demands are kept and which give way.
    """
    from genogram.layout.linear_order import fewest_broken
    from genogram.layout.metrics import strong_components

    weight: dict[Demand, int] = {}
    after: dict[int, list[int]] = {}
    for a, b in needs:
        if (a, b) not in weight:
            after.setdefault(a, []).append(b)
        weight[a, b] = weight.get((a, b), 0) + 1
    component = strong_components(after)
    rings: dict[int, list[int]] = {}
    for g, c in sorted(component.items()):
        rings.setdefault(c, []).append(g)
    place: dict[int, int] = {}
    for members in rings.values():
        if len(members) > 1:
            place.update((g, i) for i, g in enumerate(fewest_broken(members, weight)[1]))
    return [(a, b) for a, b in weight if component[a] != component[b] or place[a] < place[b]]


def ordered(gs: list[int], centre: dict[int, float], weight: dict[int, float], needs: list[Demand]) -> list[int]:
    """The chains of one row by barycentre, each demand kept (Forster's pooling, then a topological sort).

    ``needs`` must hold no ring (see keepable); one left in is broken at the smallest key.
    """
    key = dict(centre)
    after: dict[int, list[int]] = {}
    before: dict[int, int] = dict.fromkeys(gs, 0)
    for a, b in needs:
        after.setdefault(a, []).append(b)
        before[b] += 1
    # Pool violated demands: the two ends move to their weighted mean (a few passes settle chains of demands).
    for _ in range(3):
        changed = False
        for a, b in needs:
            if key[a] > key[b]:
                wa, wb = weight[a], weight[b]
                mean = (key[a] * wa + key[b] * wb) / (wa + wb)
                key[a] = key[b] = mean
                changed = True
        if not changed:
            break
    position = {g: i for i, g in enumerate(gs)}
    heap = [(key[g], position[g], g) for g in gs if before[g] == 0]
    heapq.heapify(heap)
    out: list[int] = []
    placed: set[int] = set()
    waiting = sorted(gs, key=lambda g: (key[g], position[g]))
    while len(out) < len(gs):
        if not heap:  # a ring of demands: break it at the smallest key left
            g = next(g for g in waiting if g not in placed)
            before[g] = 0
            heap.append((key[g], position[g], g))
        _, _, g = heapq.heappop(heap)
        if g in placed:
            continue
        placed.add(g)
        out.append(g)
        for h in after.get(g, ()):
            before[h] -= 1
            if before[h] == 0 and h not in placed:
                heapq.heappush(heap, (key[h], position[h], h))
    return out


def _centres(rows: Rows, gs: list[int], upward: bool) -> tuple[dict[int, float], dict[int, float]]:
    """Each chain's barycentre over its lines to the row above (upward) or below, and their number."""
    chains = rows.problem.chains
    centre: dict[int, float] = {}
    weight: dict[int, float] = {}
    for g in gs:
        c = chains[g]
        ends = c.up if upward else c.down
        if ends:
            centre[g] = sum(rows.at(h, b) for _, h, b in ends) / len(ends)
            weight[g] = float(len(ends))
        else:
            centre[g] = rows.at(g, (c.lo + c.hi) / 2)  # no lines that way: it stays where it is
            weight[g] = 0.01
    return centre, weight


class _Fences:
    """What _intruders remembers between calls: which sibships only other families may enter, and chains' families."""

    def __init__(self) -> None:
        self.open: dict[int, int] = {}  # sibship -> its family's id when only other families may not sit inside, else -1
        self.tree: dict[int, int] = {}  # chain -> id of its connected family


def _intruders(problem: OrderProblem, gs: list[int], sibships: Iterable[int], fences: _Fences) -> int:
    """People sitting inside a sibship's stretch of the row who may not sit there (metrics.FamilySides).

    On families married into one another everyone joined to a sibship may
    sit inside it; there only people of unconnected families count, found
    from running sums along the row rather than person by person.
    """
    from genogram.layout.order import outsiders

    rank = {g: i for i, g in enumerate(gs)}
    count = 0
    others: dict[int, list[int]] = {}  # family id -> running count of people of other families along the row
    for s in sibships:
        sib = problem.sibships[s]
        held = {g for _, g, _ in sib.members}
        ranks = [rank[g] for g in held]
        lo, hi = min(ranks), max(ranks)
        if hi - lo + 1 == len(held):
            continue  # nobody else inside
        family = fences.open.get(s)
        if family is None:
            family = fences.open[s] = _family_if_open(problem, s)
        if family >= 0:
            if family not in others:
                others[family] = _running_others(problem, gs, family, fences)
            run = others[family]
            count += run[hi] - run[lo + 1]
            continue
        for g in gs[lo + 1 : hi]:
            count += outsiders(problem, sib, g)
    return count


def _family_if_open(problem: OrderProblem, s: int) -> int:
    sib = problem.sibships[s]
    sides = problem.sides.whole()
    if sib.allowed is None:
        sib.allowed = {sides.side(sib.union, k) for k in sib.born} - {-1}
    return sides.tree_of_union(sib.union) if sides.only_other_families_outside(sib.union, sib.allowed) else -1


def _running_others(problem: OrderProblem, gs: list[int], family: int, fences: _Fences) -> list[int]:
    sides = problem.sides.whole()
    run = [0]
    for g in gs:
        tree = fences.tree.get(g)
        people = problem.chains[g].people
        if tree is None:
            tree = fences.tree[g] = sides.tree_of(people[0][0]) if people else -1
        run.append(run[-1] + (len(people) if tree != family else 0))
    return run


def _broken(gs: list[int], needs: list[Demand]) -> int:
    """Demands the order does not keep."""
    rank = {g: i for i, g in enumerate(gs)}
    return sum(rank[a] > rank[b] for a, b in needs)


def place(problem: OrderProblem, old: list[int], new: list[int]) -> None:
    """Lay the row out in its new order with the gaps it had, in order (so it is no wider and nothing overlaps)."""
    chains, origin = problem.chains, problem.origin
    gaps = [origin[b] + chains[b].lo - (origin[a] + chains[a].hi) for a, b in zip(old, old[1:])]
    x = origin[old[0]] + chains[old[0]].lo
    for i, g in enumerate(new):
        origin[g] = x - chains[g].lo
        x = origin[g] + chains[g].hi + (gaps[i] if i < len(gaps) else 0.0)


def score(problem: OrderProblem, needs: dict[int, list[Demand]]) -> tuple[int, int]:
    """(demands broken, straight lines crossing) for the chains where they stand now."""
    rows = Rows(problem)
    return (
        sum(_broken(gs, needs.get(r, [])) for r, gs in rows.rows.items()),
        sum(crossings_between(rows, r) for r in rows.rows),
    )


def line_length(problem: OrderProblem) -> float:
    """Summed horizontal distance from each union to each child one row down, where the chains stand now."""
    origin = problem.origin
    return sum(abs(origin[g] + a - origin[h] - b) for g, c in problem.chains.items() for a, h, b in c.down)


def sweep(problem: OrderProblem) -> int:
    """Reorder the rows by constrained barycentre sweeps; the number of rows whose order changed."""
    rows = Rows(problem)
    keys = sorted(rows.rows)
    if len(keys) < 2:
        return 0
    needs = demands(problem)
    keep = {r: keepable(ds) for r, ds in needs.items()}
    in_row: dict[int, list[int]] = {}
    for s, sib in enumerate(problem.sibships):
        in_row.setdefault(problem.chains[sib.members[0][1]].row, []).append(s)
    start = {r: list(gs) for r, gs in rows.rows.items()}
    cross = {r: crossings_between(rows, r) for r in keys}
    broken = {r: _broken(rows.rows[r], needs.get(r, [])) for r in keys}
    best_total = (sum(broken.values()), sum(cross.values()))
    best = {r: list(gs) for r, gs in rows.rows.items()}
    fences = _Fences()
    intruders: dict[int, int] = {}  # per row, for its order now (counted when first needed)
    for _ in range(ROUNDS):
        improved = False
        for r, upward in [(r, True) for r in keys[1:]] + [(r, False) for r in keys[-2::-1]]:
            gs = rows.rows[r]
            centre, weight = _centres(rows, gs, upward)
            new = ordered(gs, centre, weight, keep.get(r, []))
            if new == gs:
                continue
            rows.set_order(r, new)
            up, down = crossings_between(rows, r - 1), crossings_between(rows, r)
            now = (_broken(new, needs.get(r, [])), up + down)
            if now > (broken[r], cross.get(r - 1, 0) + cross[r] - GAIN):
                rows.set_order(r, gs)
                continue
            let_in = _intruders(problem, new, in_row.get(r, ()), fences)
            if let_in:
                if r not in intruders:
                    intruders[r] = _intruders(problem, gs, in_row.get(r, ()), fences)
                if let_in > intruders[r]:
                    rows.set_order(r, gs)
                    continue
            intruders[r] = let_in
            broken[r] = now[0]
            if r - 1 in cross:
                cross[r - 1] = up
            cross[r] = down
            total = (sum(broken.values()), sum(cross.values()))
            if total < best_total:
                best_total, improved = total, True
                best = {k: list(v) for k, v in rows.rows.items()}
        if not improved:
            break
    changed = 0
    for r in keys:
        if best[r] != start[r]:
            place(problem, start[r], best[r])
            changed += 1
    return changed
