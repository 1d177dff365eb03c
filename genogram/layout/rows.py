"""Generation rows: partners share a row, children sit below their parents.

Union-find merges partners; a fixed point then puts each merged group one
row below its lowest-placed parents, and a second pass pulls childless-side
ancestors (the parents of someone who married in) down next to their
children so their descent lines stay short. Conflicts (a loop that would
need a person above their own parent) are reported, not hidden.
"""

from __future__ import annotations

from genogram.model import Family

MAX_PASSES = 200


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        parent = self.parent
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def assign_rows(family: Family, index: dict[str, int]) -> tuple[list[int], list[int], list[str]]:
    """Return (group of each person, row of each person, notes)."""
    n = len(family.people)
    uf = UnionFind(n)
    for union in family.unions:
        ids = [index[p] for p in union.partners if p in index]
        for other in ids[1:]:
            uf.join(ids[0], other)
    group = [uf.find(i) for i in range(n)]
    edges: list[tuple[int, list[int]]] = []  # (parent group, child groups)
    for union in family.unions:
        ids = [index[p] for p in union.partners if p in index]
        kids = [group[index[c.id]] for c in union.children if c.id in index]
        if ids and kids:
            edges.append((group[ids[0]], kids))
    row: dict[int, int] = {g: 0 for g in set(group)}
    notes: list[str] = []
    for _ in range(MAX_PASSES):
        changed = False
        for parent, kids in edges:
            want = row[parent] + 1
            for kid in kids:
                if row[kid] < want:
                    row[kid] = want
                    changed = True
        if not changed:
            break
    else:
        notes.append("Some people are recorded as their own ancestors (through a partner); their generations could not all be kept.")
    # Pull parents down towards their children when nothing above holds them.
    below: dict[int, list[int]] = {}
    for parent, kids in edges:
        below.setdefault(parent, []).extend(kids)
    for _ in range(MAX_PASSES):
        changed = False
        for parent, kids in below.items():
            want = min(row[k] for k in kids) - 1
            if want > row[parent]:
                row[parent] = want
                changed = True
        if not changed:
            break
    low = min(row.values(), default=0)
    rows = [row[group[i]] - low for i in range(n)]
    return group, rows, notes
