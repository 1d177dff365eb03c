"""The order of a few items that breaks the fewest weighted "a before b" demands.

Siblings ask for their couple chains in birth order; where those demands
form a ring (two brothers married to two sisters in the opposite birth
order) no order keeps them all, and the fewest any order must break is a
linear ordering problem (minimum feedback arc set, NP-hard in general,
Karp 1972). The rings met in families are small, so up to EXACT items it is
solved exactly by dynamic programming over subsets (Held and Karp 1962's
recursion, here placing a set of items first). Larger rings get a good
order (items moved one at a time to their best place while that helps)
and a lower bound from a packing of cycles (each cycle must give at least
its lightest demand); where the two differ, the demands to give up are
searched for by branching on the demands of a shortest cycle, one of which
must go (the classic bounded search for a feedback arc set), with budgets
from the bound upwards, so the first budget that works is the least.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

#: Rings of up to this many items are ordered exactly (2**EXACT * EXACT steps).
EXACT = 12
#: Larger rings: how many steps the search for the fewest demands to give up may take (a few tenths of a second).
BRANCHES = 200_000

Item = TypeVar("Item", bound=Hashable)


def fewest_broken(items: Sequence[Item], weight: Mapping[tuple[Item, Item], int]) -> tuple[int, list[Item], bool]:
    """(demands broken, an order breaking that many, whether that is proven least).

    ``weight[a, b]``: how many demands ask for a before b. Past EXACT items
    the count may be a lower bound only (then False) and the order a good
    one, not a proven one.
    """
    n = len(items)
    if n > EXACT:
        order = _improved(items, weight)
        broken, bound = _broken(order, weight), _cycle_bound(items, weight)
        if broken <= bound:
            return broken, order, True
        cut = _least_cut(items, weight, bound, broken)
        if cut is None:
            return bound, order, False
        return cut if cut[1] else (broken, order, True)
    return _exact(items, weight)


def _exact(items: Sequence[Item], weight: Mapping[tuple[Item, Item], int]) -> tuple[int, list[Item], bool]:
    """The least, by dynamic programming over the sets of items placed first."""
    n = len(items)
    w = [[weight.get((a, b), 0) for b in items] for a in items]
    # cost[v][s]: demands "v before u" broken when v comes after the set s.
    cost = []
    for v in range(n):
        row = [0] * (1 << n)
        for s in range(1, 1 << n):
            low = s & -s
            row[s] = row[s ^ low] + w[v][low.bit_length() - 1]
        cost.append(row)
    best = [0] + [-1] * ((1 << n) - 1)
    last = [0] * (1 << n)
    for s in range(1 << n):
        here = best[s]
        if here < 0:
            continue
        for v in range(n):
            bit = 1 << v
            if s & bit:
                continue
            t = s | bit
            c = here + cost[v][s]
            if best[t] < 0 or c < best[t]:
                best[t], last[t] = c, v
    placed: list[Item] = []
    s = (1 << n) - 1
    while s:
        v = last[s]
        placed.append(items[v])
        s ^= 1 << v
    placed.reverse()
    return best[(1 << n) - 1], placed, True


def _broken(order: Sequence[Item], weight: Mapping[tuple[Item, Item], int]) -> int:
    place = {a: i for i, a in enumerate(order)}
    return sum(w for (a, b), w in weight.items() if a in place and b in place and place[a] > place[b])


def _improved(items: Sequence[Item], weight: Mapping[tuple[Item, Item], int]) -> list[Item]:
    """Items by how many more demands their going first keeps than breaks, then each moved to its best place while that helps."""
    lead = {a: sum(weight.get((a, b), 0) - weight.get((b, a), 0) for b in items if b != a) for a in items}
    order = sorted(items, key=lambda a: -lead[a])
    better = True
    while better:
        better = False
        for v in list(order):
            rest = [a for a in order if a != v]
            # Broken demands involving v with v at place i: those to items left of it asking v first, right of it asking v after.
            cost = sum(weight.get((b, v), 0) for b in rest)
            best, best_at = cost, 0
            for i, a in enumerate(rest):
                cost += weight.get((v, a), 0) - weight.get((a, v), 0)
                if cost < best:
                    best, best_at = cost, i + 1
            now = sum(weight.get((v, a), 0) for a in order[: order.index(v)]) + sum(weight.get((a, v), 0) for a in order[order.index(v) + 1 :])
            if best < now:
                rest.insert(best_at, v)
                order, better = rest, True
    return order


def _cycle_bound(items: Sequence[Item], weight: Mapping[tuple[Item, Item], int]) -> int:
    """A lower bound on the demands any order breaks: shortest cycles taken out one by one, each giving its lightest demand."""
    left = {e: w for e, w in weight.items() if w > 0 and e[0] in items and e[1] in items}
    bound = 0
    found = True
    while found:
        found = False
        for a, b in sorted(left, key=lambda e: (str(e[0]), str(e[1]))):
            if left.get((a, b), 0) <= 0:
                continue
            path = _shortest_path(left, b, a)
            if path is None:
                continue
            cycle = [(a, b), *zip(path, path[1:])]
            least = min(left[e] for e in cycle)
            for e in cycle:
                left[e] -= least
            bound += least
            found = True
    return bound


def _shortest_path(left: Mapping[tuple[Item, Item], int], start: Item, goal: Item) -> list[Item] | None:
    return _path(_successors(left), start, goal, [0])


def _successors(edges: Mapping[tuple[Item, Item], int]) -> dict[Item, list[Item]]:
    after: dict[Item, list[Item]] = {}
    for (a, b), w in edges.items():
        if w > 0:
            after.setdefault(a, []).append(b)
    return after


def _path(after: Mapping[Item, list[Item]], start: Item, goal: Item, steps: list[int]) -> list[Item] | None:
    """A shortest path (breadth first); ``steps`` counts the items looked at."""
    came: dict[Item, Item | None] = {start: None}
    queue = [start]
    for v in queue:
        steps[0] += 1
        if v == goal:
            path = [v]
            while (u := came[path[-1]]) is not None:
                path.append(u)
            return path[::-1]
        for w in after.get(v, ()):
            if w not in came:
                came[w] = v
                queue.append(w)
    return None


def _least_cut(
    items: Sequence[Item], weight: Mapping[tuple[Item, Item], int], bound: int, known: int
) -> tuple[int, list[Item], bool] | None:
    """Fewest demands to give up, by bounded search from ``bound`` up to ``known`` - 1 (None: over BRANCHES; no order: none fewer than ``known``)."""
    edges = {e: w for e, w in weight.items() if w > 0 and e[0] in items and e[1] in items}
    steps = [0]
    for budget in range(bound, known):
        cut = _cut(edges, budget, steps)
        if steps[0] > BRANCHES:
            return None
        if cut is not None:
            kept = {e: w for e, w in edges.items() if e not in cut}
            order = _topological(items, kept)
            return _broken(order, weight), order, True
    return known, [], True


def _cut(edges: dict[tuple[Item, Item], int], budget: int, steps: list[int]) -> set[tuple[Item, Item]] | None:
    """Demands of total weight at most ``budget`` whose removal leaves no cycle (None: there are none, or the search ran out)."""
    steps[0] += len(edges)
    if steps[0] > BRANCHES:
        return None
    cycle = _shortest_cycle(edges, steps)
    if cycle is None:
        return set()
    for e in cycle:
        w = edges[e]
        if w > budget:
            continue
        rest = {f: v for f, v in edges.items() if f != e}
        found = _cut(rest, budget - w, steps)
        if found is not None:
            return found | {e}
    return None


def _shortest_cycle(edges: Mapping[tuple[Item, Item], int], steps: list[int]) -> list[tuple[Item, Item]] | None:
    after = _successors(edges)
    best: list[tuple[Item, Item]] | None = None
    for a, b in edges:
        path = _path(after, b, a, steps)
        if path is not None and (best is None or len(path) < len(best)):
            best = [(a, b), *zip(path, path[1:])]
            if len(best) == 2:
                break
    return best


def _topological(items: Sequence[Item], edges: Mapping[tuple[Item, Item], int]) -> list[Item]:
    """Items in an order keeping every edge (there must be no cycle), ties in the given order."""
    import heapq

    place = {a: i for i, a in enumerate(items)}
    before = dict.fromkeys(items, 0)
    after: dict[Item, list[Item]] = {}
    for a, b in edges:
        after.setdefault(a, []).append(b)
        before[b] += 1
    heap = [place[a] for a in items if before[a] == 0]
    heapq.heapify(heap)
    out: list[Item] = []
    while heap:
        a = items[heapq.heappop(heap)]
        out.append(a)
        for b in after.get(a, ()):
            before[b] -= 1
            if before[b] == 0:
                heapq.heappush(heap, place[b])
    return out
