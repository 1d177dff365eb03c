"""From x positions to finished geometry: row heights, lines, labels, households.

Each row is a stack of zones (household labels, dates, symbols, union
levels, names, sibship channels). Lines only run horizontally inside union
levels and channels, where no box is, and vertically through the gaps the
packing left between people, so no line can pass through a symbol or label.
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING, cast

from genogram.layout.geometry import (
    DescentLine,
    GapMarker,
    GenogramGeometry,
    Label,
    PersonBox,
    RelationshipLine,
    UnionLine,
)
from genogram.layout.households import draw as draw_households
from genogram.layout.labels import household_text
from genogram.layout.relationships import route_relationships

if TYPE_CHECKING:
    from genogram.layout.genogram import _Engine
    from genogram.layout.labels import Text

SYMBOL = 40.0
HALF = 20.0
LEVEL = 6.0
MARKER = 14.0
MARGIN = 24.0
TWIN_LEG = 8.0  # how far a bent twin leg slants below its channel before dropping (within the 10 below the last channel)


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


def draw(e: _Engine, geo: GenogramGeometry) -> GenogramGeometry:
    f = e.f
    n = len(e.people)
    row, cx = e.row, e.cx
    max_row = max(row)
    chains = e.chains
    # Stub and anchor positions.
    anchor: dict[int, float] = {}
    stub_x: dict[int, float] = {}
    for g, chain in chains.items():
        for u, a in chain.anchors.items():
            anchor[u] = e.abs_x[g] + a
        for it in chain.items:
            if it.union is not None:
                stub_x[it.union] = e.abs_x[g] + it.x
    # Drop points: a person's unions spread across the bottom of their symbol.
    drop: dict[tuple[int, int], float] = {}
    for p in range(n):
        us = e.partners_of[p]
        if not us:
            continue

        def other_end(u: int, p: int = p) -> float:
            qs = [q for q in e.u_partners[u] if q != p]
            return cx[qs[0]] if qs else stub_x.get(u, cx[p])

        us_sorted = sorted(us, key=lambda u: (other_end(u), u))
        k = len(us_sorted)
        spread = 0.0 if k == 1 else min(8.0, 28.0 / (k - 1))
        for i, u in enumerate(us_sorted):
            drop[(u, p)] = cx[p] + (i - (k - 1) / 2) * spread
    union_row: dict[int, int] = {}
    union_span: dict[int, tuple[float, float]] = {}
    for u, ps in enumerate(e.u_partners):
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
    # Twin start points.
    twin_x: dict[tuple[int, int], float] = {}
    bent_legs: set[tuple[int, int]] = set()
    rank: dict[int, int] = {}
    by_row_x: dict[int, list[int]] = {}
    for p in range(n):
        by_row_x.setdefault(row[p], []).append(p)
    for ps in by_row_x.values():
        ps.sort(key=lambda p: cx[p])
        for i, p in enumerate(ps):
            rank[p] = i
    for u, kids in enumerate(e.u_children):
        groups: dict[int, list[int]] = {}
        for c in kids:
            t = e.twin_of.get(c)
            # Twins (and triplets ...) one row down share a start point, wherever they sit.
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
    # Channels.
    corridor_base = e.width_people
    routes: list[tuple[int, int, str]] = []  # (u, c, kind)
    chan_ints: dict[int, list[tuple[float, float, object]]] = {}
    bar: dict[int, list[float]] = {}
    long_count = 0
    long_x: dict[tuple[int, int], float] = {}
    for u, kids in enumerate(e.u_children):
        if u not in union_row:
            continue
        pr = union_row[u]
        for c in kids:
            if row[c] == pr + 1:
                tx = twin_x.get((u, c), cx[c])
                b = bar.setdefault(u, [anchor[u], anchor[u]])
                b[0], b[1] = min(b[0], tx, cx[c]), max(b[1], tx, cx[c])
                routes.append((u, c, "near"))
            else:
                x = corridor_base + 8 * long_count
                long_count += 1
                long_x[(u, c)] = x
                chan_ints.setdefault(pr, []).append((min(anchor[u], x), max(anchor[u], x), ("a", u, c)))
                chan_ints.setdefault(row[c] - 1, []).append((min(cx[c], x), max(cx[c], x), ("b", u, c)))
                routes.append((u, c, "long"))
                if long_count == 1:
                    e.notes.append("Some descent lines cannot go one row down (the family's links disagree about generations); they run round the right-hand side.")
    for u, (lo, hi) in bar.items():
        chan_ints.setdefault(union_row[u], []).append((lo, hi, ("bar", u)))
    channel: dict[object, int] = {}
    nchan: dict[int, int] = {}
    for r, ints in chan_ints.items():
        col = _colour(ints)
        channel.update(col)
        nchan[r] = max(col.values()) + 1
    # Households: rows and label strips.
    index = e.index
    hh_rows: list[list[int]] = []
    hh_text = []
    strip: dict[int, float] = {}
    for h, household in enumerate(f.households):
        ms = [index[m] for m in household.members if m in index]
        rows_h = sorted({row[m] for m in ms})
        hh_rows.append(rows_h)
        htext = household_text(f, h, e.o.show_dates)
        hh_text.append(htext)
        if rows_h and htext is not None:
            strip[rows_h[0]] = max(strip.get(rows_h[0], 0.0), htext.h + 4)
    # Vertical zones.
    Y: dict[int, float] = {}
    name_top: dict[int, float] = {}
    name_bot: dict[int, float] = {}
    chan_y0: dict[int, float] = {}
    cursor = MARGIN
    if -1 in nchan:
        chan_y0[-1] = cursor
        cursor += LEVEL * (nchan[-1] - 1) + 10
    by_row: dict[int, list[int]] = {}
    for p in range(n):
        by_row.setdefault(row[p], []).append(p)
    for r in range(max_row + 1):
        ps = by_row.get(r, [])
        dates_h = max([d.h for d in (e.dates[p] for p in ps) if d is not None], default=0.0)
        cursor += strip.get(r, 0.0) + dates_h + 3
        Y[r] = cursor
        nl = nlevels.get(r, 0)
        name_top[r] = cursor + SYMBOL + (LEVEL * nl + 4 if nl else 4)
        name_bot[r] = name_top[r] + max([t.h for t in (e.name[p] for p in ps) if t is not None], default=0.0)
        chan_y0[r] = name_bot[r] + 8
        cursor = chan_y0[r] + LEVEL * max(nchan.get(r, 1) - 1, 0) + 10
    height = cursor + MARGIN

    def uy(u: int) -> float:
        return Y[union_row[u]] + SYMBOL + LEVEL * (ulevel[u] + 1)

    def chy(r: int, key: object) -> float:
        return chan_y0[r] + LEVEL * channel[key]

    # People and labels.
    for p, person in enumerate(e.people):
        r = row[p]
        geo.people.append(PersonBox(person.id, r, cx[p] - HALF, Y[r], SYMBOL, SYMBOL))
    for p, person in enumerate(e.people):
        r = row[p]
        dates = e.dates[p]
        if dates is not None:
            side = e._dates_side(p)
            x = cx[p] - dates.w / 2 if side == "centre" else cx[p] + 4 if side == "right" else cx[p] - 4 - dates.w
            geo.labels.append(Label(person.id, "dates", x, Y[r] - 2 - dates.h, dates.w, dates.h, dates.lines, dates.size))
        name = e.name[p]
        if name is not None:
            geo.labels.append(Label(person.id, "name", cx[p] - name.w / 2, name_top[r], name.w, name.h, name.lines, name.size))
    # Union lines and the text stacked in their gaps.
    for u, ps in enumerate(e.u_partners):
        if u not in union_row:
            continue
        y = uy(u)
        bottom = Y[union_row[u]] + SYMBOL
        union_pts: tuple[tuple[float, float], ...]
        if len(ps) == 1:
            dx = drop[(u, ps[0])]
            union_pts = ((dx, bottom), (dx, y), (stub_x[u], y))
        else:
            pa, pb = sorted(ps, key=lambda q: drop[(u, q)])
            da, db = drop[(u, pa)], drop[(u, pb)]
            union_pts = ((da, bottom), (da, y), (db, y), (db, bottom))
        union_status = f.unions[u].status
        status = union_status.value if union_status is not None else None
        geo.unions.append(UnionLine(e.uids[u], tuple(e.pid[p] for p in ps), union_pts, status, (anchor[u], y)))
    gap_pos: dict[int, tuple[float, float, float, float]] = {}
    for g, chain in chains.items():
        r = row[next(it.person for it in chain.items if it.person is not None)]
        for key, stuff in chain.gap_stack.items():
            if key < 0:
                it = chain.items[-1 - key]
                mid = e.abs_x[g] + it.x
            else:
                left, right = chain.items[key], chain.items[key + 1]
                mid = e.abs_x[g] + ((left.x + left.hi) + (right.x - right.lo)) / 2
            y = Y[r] + 2
            for kind, sw, sh, obj in stuff:
                if kind == "union":
                    text = cast("Text", obj)
                    owner = next(uu for uu, slot in chain.anchor_gap.items() if slot == key)
                    for uu, slot in chain.anchor_gap.items():
                        if slot == key and e.utext[uu] is text:
                            owner = uu
                    geo.labels.append(Label(e.uids[owner], "union", mid - sw / 2, y, sw, sh, text.lines, text.size))
                else:
                    gap_pos[cast(int, obj)] = (mid - sw / 2, y, sw, sh)
                y += sh + 2
    for p, gaps in e.person_gaps.items():
        r = row[p]
        for i, gnum in enumerate(gaps):
            column, k = divmod(i, 3)
            gx = cx[p] - HALF - 3 - (column + 1) * (MARKER + 2) + 2
            gap_pos[gnum] = (gx, Y[r] + k * (MARKER + 1), MARKER, MARKER)
    # Descent lines.
    for u, c, kind in routes:
        ax, y0 = anchor[u], uy(u)
        top = Y[row[c]]
        relation = e.child_rel[(u, c)]
        line: list[tuple[float, float]]
        if kind == "near":
            yc = chy(union_row[u], ("bar", u))
            tx = twin_x.get((u, c), cx[c])
            line = [(ax, y0), (ax, yc), (tx, yc), (cx[c], top)]
            if (u, c) in bent_legs:
                line = [(ax, y0), (ax, yc), (tx, yc), (cx[c], yc + TWIN_LEG), (cx[c], top)]
        else:
            lx = long_x[(u, c)]
            ya = chy(union_row[u], ("a", u, c))
            yb = chy(row[c] - 1, ("b", u, c))
            line = [(ax, y0), (ax, ya), (lx, ya), (lx, yb), (cx[c], yb), (cx[c], top)]
        clean_pts: list[tuple[float, float]] = []
        for pt in line:
            if not clean_pts or clean_pts[-1] != pt:
                clean_pts.append(pt)
        twin = e.twin_of.get(c) if (u, c) in twin_x else None
        geo.children.append(
            DescentLine(
                e.pid[c], e.uids[u], tuple(e.pid[p] for p in e.u_partners[u]), tuple(clean_pts), relation,
                None if twin is None else f"{e.uids[u]}:{e.pid[twin]}", twin is not None and c in e.identical,
            )
        )
    width = max([corridor_base + 8 * long_count + (MARGIN if long_count else 0)] + [lab.x + lab.w + MARGIN for lab in geo.labels])
    # Households.
    draw_households(e, geo, hh_rows, hh_text, Y, name_bot, strip, gap_pos)
    width = max([width] + [hx + MARGIN for hb in geo.households for hx, _ in hb.points] + [lab.x + lab.w + MARGIN for lab in geo.labels])
    # Gap markers in file order.
    for g, gap in enumerate(f.missing):
        pos = gap_pos.get(g)
        subject = gap.about if pos is not None else None
        if pos is None:
            geo.gaps.append(GapMarker(f.gap_ids[g], g + 1, None, 0.0, 0.0, 0.0, 0.0))
        else:
            geo.gaps.append(GapMarker(f.gap_ids[g], g + 1, subject, *pos))
    # Relationships: a layer over the structure, routed round labels and symbols.
    if e.o.relationships:
        drawn = [rel for rel in f.relationships if rel.ends[0] in index and rel.ends[1] in index]
        paths = route_relationships(geo, [rel.ends for rel in drawn])
        for rel, path in zip(drawn, paths):
            geo.relationships.append(RelationshipLine((rel.ends[0], rel.ends[1]), rel.kind.value, rel.directed, path))
    geo.width = width
    geo.height = height
    geo.notes = list(dict.fromkeys(e.notes))
    return geo
