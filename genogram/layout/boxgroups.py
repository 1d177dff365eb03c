"""Grouping boxes that lie close together, without comparing every pair.

A household boundary cuts one notch round neighbours who live elsewhere, so
their boxes are grouped first: two groups join when their grown bounding
boxes overlap and the joined box crosses no guard (a member's box). The
rule is greedy and order-dependent; this module keeps exactly the order of
the plain double loop over pairs (box i against every later box j, joining
j's group into i's), but asks a sorted index which groups are near instead
of visiting every j. A household spread along a whole row has thousands of
neighbours to notch round; the double loop took seconds there.
"""

from __future__ import annotations

import bisect

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1

#: Groups at least this wide are checked on every query, not looked up by position.
WIDE = 400.0


def group_boxes(boxes: list[Rect], guards: Guards, dx: float, dy: float) -> dict[int, list[int]]:
    """Groups of ``boxes`` (by index, keyed by each group's root, in first-seen order).

    Equivalent to: for i < j in order, join j's group into i's when the two
    groups' bounding boxes, grown by ``dx`` and ``dy``, overlap and their
    joined bounding box overlaps no ``guards`` box.
    """
    n = len(boxes)
    parent = list(range(n))
    spans = list(boxes)
    reach = [_grow(r, dx, dy) for r in boxes]
    members = [[i] for i in range(n)]
    index = _Index(reach)

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i in range(n):
        a = find(i)
        pos = i  # the loop over j has passed every index up to here
        failed: set[int] = set()  # groups whose join crosses a guard: it always will, as a only grows
        while True:
            ra = reach[a]
            best_j, best_b = n, -1
            for b in index.near(ra):
                if b == a or b in failed:
                    continue
                rb = reach[b]
                if not (ra[0] < rb[2] and rb[0] < ra[2] and ra[1] < rb[3] and rb[1] < ra[3]):
                    continue
                ms = members[b]
                k = bisect.bisect_right(ms, pos)
                if k < len(ms) and ms[k] < best_j:
                    best_j, best_b = ms[k], b
            if best_b < 0:
                break
            b, pos = best_b, best_j
            sa, sb = spans[a], spans[b]
            joined = (min(sa[0], sb[0]), min(sa[1], sb[1]), max(sa[2], sb[2]), max(sa[3], sb[3]))
            if guards.hits(joined):
                failed.add(b)
                continue
            parent[b] = a
            spans[a] = joined
            index.remove(a, reach[a])
            index.remove(b, reach[b])
            reach[a] = _grow(joined, dx, dy)
            index.add(a, reach[a])
            members[a] = sorted(members[a] + members[b])
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return groups


def _grow(r: Rect, dx: float, dy: float) -> Rect:
    return (r[0] - dx, r[1] - dy, r[2] + dx, r[3] + dy)


class _Index:
    """Current groups' grown boxes: narrow ones sorted by left edge, wide ones in a short list."""

    def __init__(self, reach: list[Rect]) -> None:
        self.keys: list[tuple[float, int]] = []
        self.wide: set[int] = set()
        for k, r in enumerate(reach):
            self.add(k, r)

    def add(self, k: int, r: Rect) -> None:
        if r[2] - r[0] >= WIDE:
            self.wide.add(k)
        else:
            bisect.insort(self.keys, (r[0], k))

    def remove(self, k: int, r: Rect) -> None:
        if k in self.wide:
            self.wide.discard(k)
        else:
            del self.keys[bisect.bisect_left(self.keys, (r[0], k))]

    def near(self, r: Rect) -> list[int]:
        """Groups whose box may overlap ``r`` in x (a superset)."""
        lo = bisect.bisect_left(self.keys, (r[0] - WIDE,))
        hi = bisect.bisect_left(self.keys, (r[2],))
        return [k for _, k in self.keys[lo:hi]] + sorted(self.wide)


class Guards:
    """Boxes nothing may overlap, sorted by left edge, so a box is checked only against those level with it."""

    def __init__(self, guards: list[Rect]) -> None:
        self.boxes = sorted(guards)
        self.keys = [g[0] for g in self.boxes]
        self.widest = max((g[2] - g[0] for g in guards), default=0.0)

    def hits(self, r: Rect) -> bool:
        """True when ``r`` shares interior with a guard box."""
        lo = bisect.bisect_left(self.keys, r[0] - self.widest)
        hi = bisect.bisect_left(self.keys, r[2])
        return any(r[0] < g[2] and r[1] < g[3] and g[1] < r[3] for g in self.boxes[lo:hi])
