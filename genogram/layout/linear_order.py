"""The order of a few items that breaks the fewest weighted "a before b" demands.

Siblings ask for their couple chains in birth order; where those demands
form a ring (two brothers married to two sisters in the opposite birth
order) no order keeps them all, and the fewest any order must break is a
linear ordering problem (NP-hard in general, Karp 1972). The rings met in
families are small, so up to EXACT items it is solved exactly by dynamic
programming over subsets (Held and Karp 1962's recursion, here placing a set
of items first); beyond that a lower bound (each pair's lighter direction)
stands for the count and the order given is a good one, not a proven one.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

#: Rings of up to this many items are ordered exactly (2**EXACT * EXACT steps).
EXACT = 14

Item = TypeVar("Item", bound=Hashable)


def fewest_broken(items: Sequence[Item], weight: Mapping[tuple[Item, Item], int]) -> tuple[int, list[Item], bool]:
    """(demands broken, an order breaking that many, whether that is proven least).

    ``weight[a, b]``: how many demands ask for a before b. Past EXACT items
    the count is a lower bound and the order is ``items`` sorted by how many
    more demands each item's going first keeps than breaks.
    """
    n = len(items)
    if n > EXACT:
        bound = sum(min(weight.get((a, b), 0), weight.get((b, a), 0)) for i, a in enumerate(items) for b in items[i + 1 :])
        lead = {a: sum(weight.get((a, b), 0) - weight.get((b, a), 0) for b in items if b != a) for a in items}
        return bound, sorted(items, key=lambda a: -lead[a]), False
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
    order: list[Item] = []
    s = (1 << n) - 1
    while s:
        v = last[s]
        order.append(items[v])
        s ^= 1 << v
    order.reverse()
    return best[(1 << n) - 1], order, True
