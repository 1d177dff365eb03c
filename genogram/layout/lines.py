"""Routing: union lines and descent lines, in levels and channels where no box is.

Each row is a stack of zones (zones.py): household labels, dates, symbols,
union levels, names, sibship channels. Lines only run horizontally inside
union levels and channels, and vertically through the gaps the packing left
between people, so no line can pass through a symbol or label. This phase
gives every union its level and every horizontal stretch its channel
(LineRouting); once the zones are stacked, union_lines and descent_lines
turn that into points.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from genogram.layout.geometry import DescentLine, UnionLine

if TYPE_CHECKING:
    from genogram.layout.chains import CoupleChains
    from genogram.layout.placement import XPlacement
    from genogram.layout.plan import FamilyPlan
    from genogram.layout.rows import RowAssignment
    from genogram.layout.zones import RowZones

SYMBOL = 40.0
LEVEL = 6.0
MARGIN = 24.0
TWIN_LEG = 8.0  # how far a bent twin leg slants below its channel before dropping (within the 10 below the last channel)
LONG_NOTE = "Some descent lines cannot go one row down (the family's links disagree about generations); they run round the right-hand side."

Route = tuple[int, int, str]  # (union, child, "near" one row down or "long" round the right-hand side)


@dataclass(frozen=True, slots=True)
class LineRouting:
    """Where each union's line and each descent line runs, as levels and channels (not yet y)."""

    anchor: Mapping[int, float]  # union -> x its descent lines start from
    stub_x: Mapping[int, float]  # one-parent union -> x of its stub
    drop: Mapping[tuple[int, int], float]  # (union, partner) -> x where the union line leaves the partner's symbol
    union_row: Mapping[int, int]  # union -> its partners' row
    union_level: Mapping[int, int]  # union -> its level below the symbols (0 nearest)
    levels: Mapping[int, int]  # row -> how many union levels it has
    twin_x: Mapping[tuple[int, int], float]  # (union, twin) -> their shared start point
    bent_legs: frozenset[tuple[int, int]]  # (union, twin) whose leg slants then drops: someone sits between the twins
    routes: tuple[Route, ...]  # every descent line, in union order
    channel: Mapping[object, int]  # ("bar", u) | ("a", u, c) | ("b", u, c) -> channel on its row
    channels: Mapping[int, int]  # row -> how many channels below it (row -1: above the top row)
    long_x: Mapping[tuple[int, int], float]  # (union, child) -> x of its stretch round the right-hand side
    entry: Mapping[tuple[int, int], float]  # (union, child) -> x where the line meets a child who has lines from two or more unions
    right_edge: float  # right of the people, or of the lines round the right-hand side (margin included)
    notes: tuple[str, ...]


CLEAR = 4.0  # least distance between a union's line down and another family's line to a child
ENTRY = 10.0  # between the lines meeting one child from different unions


def _colour(intervals: list[tuple[float, float, object]]) -> dict[object, int]:
    """Greedy interval colouring: overlapping spans get different levels.

    Each span takes the lowest level already clear of it (spans in order of
    their left end); heaps keep that near-linear when thousands overlap.
    """
    busy: list[tuple[float, int]] = []  # (right end, level)
    free: list[int] = []
    levels = 0
    out: dict[object, int] = {}
    for lo, hi, key in sorted(intervals, key=lambda t: (t[0], t[1], str(t[2]))):
        while busy and busy[0][0] < lo - 4:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            level = heapq.heappop(free)
        else:
            level = levels
            levels += 1
        out[key] = level
        heapq.heappush(busy, (hi, level))
    return out


def route_lines(plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains, placed: XPlacement) -> LineRouting:
    """Levels for union lines, start points for twins, channels for the horizontal stretches."""
    anchor, stub_x = _anchors(chains, placed)
    drop = _drop_points(plan, placed.cx, stub_x)
    anchor = _clear_of_other_lines(plan, rows.row, placed.cx, anchor, stub_x, drop)
    union_row, union_level, levels = _union_levels(plan, rows.row, anchor, stub_x, drop)
    twin_x, bent_legs = _twin_starts(plan, rows.row, placed.cx, union_row)
    entry = _entry_points(plan, placed.cx, anchor, union_row, twin_x)
    routes, channel, channels, long_x = _channels(plan, rows.row, placed, anchor, union_row, twin_x, entry)
    long_count = len(long_x)
    return LineRouting(
        anchor, stub_x, drop, union_row, union_level, levels, twin_x, frozenset(bent_legs), tuple(routes), channel, channels, long_x, entry,
        placed.width + 8 * long_count + (MARGIN if long_count else 0),
        (LONG_NOTE,) if long_count else (),
    )


def _anchors(chains: CoupleChains, placed: XPlacement) -> tuple[dict[int, float], dict[int, float]]:
    """Each union's anchor and each stub's x, on the page."""
    anchor: dict[int, float] = {}
    stub_x: dict[int, float] = {}
    for g, chain in chains.chains.items():
        for u, a in chain.anchors.items():
            anchor[u] = placed.origin[g] + a
        for it in chain.items:
            if it.union is not None:
                stub_x[it.union] = placed.origin[g] + it.x
    return anchor, stub_x


def _entry_points(
    plan: FamilyPlan, cx: tuple[float, ...], anchor: Mapping[int, float], union_row: Mapping[int, int], twin_x: Mapping[tuple[int, int], float]
) -> dict[tuple[int, int], float]:
    """Where lines meet a child who has lines from two or more unions (birth and adoptive parents): side by side.

    Both lines would otherwise end in one vertical stretch above the child,
    where a solid birth line and a dashed adoptive one can no longer be told
    apart. They meet the symbol ENTRY apart, in the order of their anchors
    (so they do not cross); twins' legs keep their shared start.
    """
    by_child: dict[int, list[int]] = {}
    for u, kids in enumerate(plan.u_children):
        if u in union_row and u in anchor:
            for c in kids:
                if (u, c) not in twin_x:
                    by_child.setdefault(c, []).append(u)
    entry: dict[tuple[int, int], float] = {}
    for c, us in by_child.items():
        if len(us) > 1:
            us.sort(key=lambda u: (anchor[u], u))
            step = min(ENTRY, 24.0 / (len(us) - 1))
            for i, u in enumerate(us):
                entry[(u, c)] = cx[c] + (i - (len(us) - 1) / 2) * step
    return entry


def _clear_of_other_lines(
    plan: FamilyPlan, row: list[int], cx: tuple[float, ...], anchor: dict[int, float], stub_x: Mapping[int, float], drop: Mapping[tuple[int, int], float]
) -> dict[int, float]:
    """Anchors moved along their union line where another family's child sits right below them.

    A union's line down to its sibship bar and the line from another
    union's bar down to a child at the same x would run on top of each other
    in the channel (x-compaction centres parents over their sibship, and a
    brother-in-law married in at the sibship's middle sits exactly there),
    and a reader could not tell whose line is whose. The anchor moves
    sideways by CLEAR steps, staying on its union line.
    """
    below: dict[int, list[tuple[float, int]]] = {}  # row -> (x, union) of each child hanging from the row above, sorted
    for u, kids in enumerate(plan.u_children):
        ps = plan.u_partners[u]
        if ps:
            below.setdefault(row[ps[0]] + 1, []).extend((cx[c], u) for c in kids if row[c] == row[ps[0]] + 1)
    for xs in below.values():
        xs.sort()
    out = dict(anchor)
    for u, a in anchor.items():
        ps = plan.u_partners[u]
        near = below.get(row[ps[0]] + 1) if ps else None
        if not near or not any(row[c] == row[ps[0]] + 1 for c in plan.u_children[u]):
            continue

        def clear(x: float, near: list[tuple[float, int]] = near, u: int = u) -> bool:
            i = bisect.bisect_left(near, (x - CLEAR, -1))
            while i < len(near) and near[i][0] < x + CLEAR:
                if near[i][1] != u:
                    return False
                i += 1
            return True

        if clear(a):
            continue
        ends = [drop[(u, p)] for p in ps] + ([stub_x[u]] if len(ps) == 1 and u in stub_x else [])
        lo, hi = min(ends + [a]), max(ends + [a])
        tries = [a + k * sign * CLEAR for k in range(1, 6) for sign in (1, -1)]
        out[u] = next((x for x in tries if lo + CLEAR <= x <= hi - CLEAR and clear(x)), a)
    return out


def _drop_points(plan: FamilyPlan, cx: tuple[float, ...], stub_x: Mapping[int, float]) -> dict[tuple[int, int], float]:
    """Drop points: a person's unions spread across the bottom of their symbol, in the order of their other ends."""
    drop: dict[tuple[int, int], float] = {}
    for p in range(len(plan.people)):
        us = plan.partners_of[p]
        if not us:
            continue

        def other_end(u: int, p: int = p) -> float:
            qs = [q for q in plan.u_partners[u] if q != p]
            return cx[qs[0]] if qs else stub_x.get(u, cx[p])

        us_sorted = sorted(us, key=lambda u: (other_end(u), u))
        k = len(us_sorted)
        spread = 0.0 if k == 1 else min(8.0, 28.0 / (k - 1))
        for i, u in enumerate(us_sorted):
            drop[(u, p)] = cx[p] + (i - (k - 1) / 2) * spread
    return drop


def _union_levels(
    plan: FamilyPlan, row: list[int], anchor: Mapping[int, float], stub_x: Mapping[int, float], drop: Mapping[tuple[int, int], float]
) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
    """Each drawn union's row and level (overlapping union lines on different levels), and each row's level count."""
    union_row: dict[int, int] = {}
    union_span: dict[int, tuple[float, float]] = {}
    for u, ps in enumerate(plan.u_partners):
        if not ps or u not in anchor:
            continue
        xs = [drop[(u, p)] for p in ps] + [anchor[u]]
        if len(ps) == 1:
            xs.append(stub_x[u])
        union_row[u] = row[ps[0]]
        union_span[u] = (min(xs), max(xs))
    levels_by_row: dict[int, list[tuple[float, float, object]]] = {}
    for u, r in union_row.items():
        levels_by_row.setdefault(r, []).append((*union_span[u], u))
    ulevel: dict[int, int] = {}
    nlevels: dict[int, int] = {}
    for r, ints in levels_by_row.items():
        col = _colour(ints)
        ulevel.update(col)  # type: ignore[arg-type]
        nlevels[r] = max(col.values()) + 1
    return union_row, ulevel, nlevels


def _twin_starts(
    plan: FamilyPlan, row: list[int], cx: tuple[float, ...], union_row: Mapping[int, int]
) -> tuple[dict[tuple[int, int], float], set[tuple[int, int]]]:
    """Twins (and triplets ...) one row down share a start point, wherever they sit."""
    twin_x: dict[tuple[int, int], float] = {}
    bent_legs: set[tuple[int, int]] = set()
    rank: dict[int, int] = {}
    by_row_x: dict[int, list[int]] = {}
    for p in range(len(plan.people)):
        by_row_x.setdefault(row[p], []).append(p)
    for ps in by_row_x.values():
        ps.sort(key=lambda p: cx[p])
        for i, p in enumerate(ps):
            rank[p] = i
    for u, kids in enumerate(plan.u_children):
        groups: dict[int, list[int]] = {}
        for c in kids:
            t = plan.twin_of.get(c)
            if t is not None and row[c] == union_row.get(u, -5) + 1:
                groups.setdefault(t, []).append(c)
        for cs in groups.values():
            if len(cs) < 2:
                continue
            ranks = sorted(rank[c] for c in cs)
            mid = sum(cx[c] for c in cs) / len(cs)
            for c in cs:
                twin_x[(u, c)] = mid
            if ranks[-1] - ranks[0] != len(cs) - 1:
                # Someone (a partner) sits between them: a diagonal straight to
                # the symbol could cross them, so each leg slants only within
                # the channel and then drops straight down.
                bent_legs.update((u, c) for c in cs)
    return twin_x, bent_legs


def _channels(
    plan: FamilyPlan,
    row: list[int],
    placed: XPlacement,
    anchor: Mapping[int, float],
    union_row: Mapping[int, int],
    twin_x: Mapping[tuple[int, int], float],
    entry: Mapping[tuple[int, int], float],
) -> tuple[list[Route], dict[object, int], dict[int, int], dict[tuple[int, int], float]]:
    """Each descent line's route, and a channel below its row for each horizontal stretch (overlapping ones apart)."""
    cx = placed.cx
    corridor_base = placed.width
    routes: list[Route] = []
    chan_ints: dict[int, list[tuple[float, float, object]]] = {}
    bar: dict[int, list[float]] = {}
    long_x: dict[tuple[int, int], float] = {}
    for u, kids in enumerate(plan.u_children):
        if u not in union_row:
            continue
        pr = union_row[u]
        for c in kids:
            ex = entry.get((u, c), cx[c])
            if row[c] == pr + 1:
                tx = twin_x.get((u, c), ex)
                b = bar.setdefault(u, [anchor[u], anchor[u]])
                b[0], b[1] = min(b[0], tx, ex), max(b[1], tx, ex)
                routes.append((u, c, "near"))
            else:
                x = corridor_base + 8 * len(long_x)
                long_x[(u, c)] = x
                chan_ints.setdefault(pr, []).append((min(anchor[u], x), max(anchor[u], x), ("a", u, c)))
                chan_ints.setdefault(row[c] - 1, []).append((min(ex, x), max(ex, x), ("b", u, c)))
                routes.append((u, c, "long"))
    for u, (lo, hi) in bar.items():
        chan_ints.setdefault(union_row[u], []).append((lo, hi, ("bar", u)))
    channel: dict[object, int] = {}
    nchan: dict[int, int] = {}
    for r, ints in chan_ints.items():
        col = _colour(ints)
        channel.update(col)
        nchan[r] = max(col.values()) + 1
    return routes, channel, nchan, long_x


def union_y(routing: LineRouting, zones: RowZones, u: int) -> float:
    """The y of union u's horizontal line."""
    return zones.top[routing.union_row[u]] + SYMBOL + LEVEL * (routing.union_level[u] + 1)


def channel_y(routing: LineRouting, zones: RowZones, r: int, key: object) -> float:
    return zones.channel_top[r] + LEVEL * routing.channel[key]


def union_lines(plan: FamilyPlan, routing: LineRouting, zones: RowZones) -> list[UnionLine]:
    """Each drawn union's line: down from each partner to its level and across (or to its stub)."""
    out: list[UnionLine] = []
    drop = routing.drop
    for u, ps in enumerate(plan.u_partners):
        if u not in routing.union_row:
            continue
        y = union_y(routing, zones, u)
        bottom = zones.top[routing.union_row[u]] + SYMBOL
        union_pts: tuple[tuple[float, float], ...]
        if len(ps) == 1:
            dx = drop[(u, ps[0])]
            union_pts = ((dx, bottom), (dx, y), (routing.stub_x[u], y))
        else:
            pa, pb = sorted(ps, key=lambda q: drop[(u, q)])
            da, db = drop[(u, pa)], drop[(u, pb)]
            union_pts = ((da, bottom), (da, y), (db, y), (db, bottom))
        union_status = plan.family.unions[u].status
        status = union_status.value if union_status is not None else None
        out.append(UnionLine(plan.uids[u], tuple(plan.pid[p] for p in ps), union_pts, status, (routing.anchor[u], y)))
    return out


def descent_lines(plan: FamilyPlan, row: list[int], cx: tuple[float, ...], routing: LineRouting, zones: RowZones) -> list[DescentLine]:
    """Each child's line from their parents' union: through the channel below, or round the right-hand side."""
    out: list[DescentLine] = []
    twin_x = routing.twin_x
    for u, c, kind in routing.routes:
        ax, y0 = routing.anchor[u], union_y(routing, zones, u)
        top = zones.top[row[c]]
        line: list[tuple[float, float]]
        ex = routing.entry.get((u, c), cx[c])
        if kind == "near":
            yc = channel_y(routing, zones, routing.union_row[u], ("bar", u))
            tx = twin_x.get((u, c), ex)
            line = [(ax, y0), (ax, yc), (tx, yc), (ex, top)]
            if (u, c) in routing.bent_legs:
                line = [(ax, y0), (ax, yc), (tx, yc), (cx[c], yc + TWIN_LEG), (cx[c], top)]
        else:
            lx = routing.long_x[(u, c)]
            ya = channel_y(routing, zones, routing.union_row[u], ("a", u, c))
            yb = channel_y(routing, zones, row[c] - 1, ("b", u, c))
            line = [(ax, y0), (ax, ya), (lx, ya), (lx, yb), (ex, yb), (ex, top)]
        clean_pts: list[tuple[float, float]] = []
        for pt in line:
            if not clean_pts or clean_pts[-1] != pt:
                clean_pts.append(pt)
        twin = plan.twin_of.get(c) if (u, c) in twin_x else None
        out.append(
            DescentLine(
                plan.pid[c], plan.uids[u], tuple(plan.pid[p] for p in plan.u_partners[u]), tuple(clean_pts), plan.child_rel[(u, c)],
                None if twin is None else f"{plan.uids[u]}:{plan.pid[twin]}", twin is not None and c in plan.identical,
            )
        )
    return out
