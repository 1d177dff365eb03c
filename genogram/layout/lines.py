"""From x positions to finished geometry: row heights, lines, labels, households.

Each row is a stack of zones (household labels, dates, symbols, union
levels, names, sibship channels). Lines only run horizontally inside union
levels and channels, where no box is, and vertically through the gaps the
packing left between people, so no line can pass through a symbol or label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from genogram.layout.geometry import (
    DescentLine,
    GapMarker,
    GenogramGeometry,
    HouseholdOutline,
    Label,
    PersonBox,
    RelationshipLine,
    UnionLine,
)
from genogram.layout.labels import household_text
from genogram.text import clean as clean_text

if TYPE_CHECKING:
    from genogram.layout.genogram import _Engine

SYMBOL = 40.0
HALF = 20.0
LEVEL = 6.0
MARKER = 14.0
PAD = 6.0
MARGIN = 24.0


def _colour(intervals: list[tuple[float, float, object]]) -> dict[object, int]:
    """Greedy interval colouring: overlapping spans get different levels."""
    ends: list[float] = []
    out: dict[object, int] = {}
    for lo, hi, key in sorted(intervals, key=lambda t: (t[0], t[1], str(t[2]))):
        for level, end in enumerate(ends):
            if end < lo - 4:
                ends[level] = hi
                out[key] = level
                break
        else:
            out[key] = len(ends)
            ends.append(hi)
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

        def other_end(u: int) -> float:
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
            # Twins share a start point only when both hang here (not married away elsewhere).
            if t is not None and row[c] == union_row.get(u, -5) + 1 and e.home.get(e.group[c]) == (u, c):
                groups.setdefault(t, []).append(c)
        for t, cs in groups.items():
            ranks = sorted(rank[c] for c in cs)
            # Only twins side by side share a point; a diagonal must not cross anyone.
            if len(cs) > 1 and ranks[-1] - ranks[0] == len(cs) - 1:
                mid = sum(cx[c] for c in cs) / len(cs)
                for c in cs:
                    twin_x[(u, c)] = mid
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
                    e.notes.append("Some descent lines skip a generation; they run round the right-hand side.")
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
        t = household_text(f, h)
        hh_text.append(t)
        if rows_h and t is not None:
            strip[rows_h[0]] = max(strip.get(rows_h[0], 0.0), t.h + 4)
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
        dates_h = max([e.dates[p].h for p in ps if e.dates[p] is not None], default=0.0)
        cursor += strip.get(r, 0.0) + dates_h + 3
        Y[r] = cursor
        nl = nlevels.get(r, 0)
        name_top[r] = cursor + SYMBOL + (LEVEL * nl + 4 if nl else 4)
        name_bot[r] = name_top[r] + max([e.name[p].h for p in ps if e.name[p] is not None], default=0.0)
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
        d = e.dates[p]
        if d is not None:
            side = e._dates_side(p)
            x = cx[p] - d.w / 2 if side == "centre" else cx[p] + 4 if side == "right" else cx[p] - 4 - d.w
            geo.labels.append(Label(person.id, "dates", x, Y[r] - 2 - d.h, d.w, d.h, d.lines, d.size))
        t = e.name[p]
        if t is not None:
            geo.labels.append(Label(person.id, "name", cx[p] - t.w / 2, name_top[r], t.w, t.h, t.lines, t.size))
    # Union lines and the text stacked in their gaps.
    for u, ps in enumerate(e.u_partners):
        if u not in union_row:
            continue
        y = uy(u)
        bottom = Y[union_row[u]] + SYMBOL
        if len(ps) == 1:
            d = drop[(u, ps[0])]
            pts = ((d, bottom), (d, y), (stub_x[u], y))
        else:
            a, b = sorted(ps, key=lambda p: drop[(u, p)])
            da, db = drop[(u, a)], drop[(u, b)]
            pts = ((da, bottom), (da, y), (db, y), (db, bottom))
        status = f.unions[u].status.value if f.unions[u].status else None
        geo.unions.append(UnionLine(e.uids[u], tuple(e.pid[p] for p in ps), pts, status, (anchor[u], y)))
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
            for kind, w, h, obj in stuff:
                if kind == "union":
                    t = obj
                    u = next(u for u, s in chain.anchor_gap.items() if s == key)
                    for uu, s in chain.anchor_gap.items():
                        if s == key and e.utext[uu] is t:
                            u = uu
                    geo.labels.append(Label(e.uids[u], "union", mid - w / 2, y, w, h, t.lines, t.size))  # type: ignore[attr-defined]
                else:
                    gap_pos[obj] = (mid - w / 2, y, w, h)  # type: ignore[index]
                y += h + 2
    for p, gaps in e.person_gaps.items():
        r = row[p]
        for i, gnum in enumerate(gaps):
            col, k = divmod(i, 3)
            x = cx[p] - HALF - 3 - (col + 1) * (MARKER + 2) + 2
            gap_pos[gnum] = (x, Y[r] + k * (MARKER + 1), MARKER, MARKER)
    # Descent lines.
    for u, c, kind in routes:
        ax, y0 = anchor[u], uy(u)
        top = Y[row[c]]
        rel = e.child_rel[(u, c)]
        if kind == "near":
            yc = chy(union_row[u], ("bar", u))
            tx = twin_x.get((u, c), cx[c])
            pts = [(ax, y0), (ax, yc), (tx, yc), (cx[c], top)]
        else:
            x = long_x[(u, c)]
            ya = chy(union_row[u], ("a", u, c))
            yb = chy(row[c] - 1, ("b", u, c))
            pts = [(ax, y0), (ax, ya), (x, ya), (x, yb), (cx[c], yb), (cx[c], top)]
        clean_pts: list[tuple[float, float]] = []
        for pt in pts:
            if not clean_pts or clean_pts[-1] != pt:
                clean_pts.append(pt)
        twin = e.twin_of.get(c) if (u, c) in twin_x else None
        geo.children.append(
            DescentLine(
                e.pid[c], e.uids[u], tuple(e.pid[p] for p in e.u_partners[u]), tuple(clean_pts), rel,
                None if twin is None else f"{e.uids[u]}:{e.pid[twin]}", twin is not None and c in e.identical,
            )
        )
    width = max([corridor_base + 8 * long_count + (MARGIN if long_count else 0)] + [lab.x + lab.w + MARGIN for lab in geo.labels])
    # Households.
    _households(e, geo, hh_rows, hh_text, Y, name_bot, strip, gap_pos)
    width = max([width] + [x + MARGIN for h in geo.households for x, _ in h.points] + [lab.x + lab.w + MARGIN for lab in geo.labels])
    # Gap markers in file order.
    for g, gap in enumerate(f.missing):
        pos = gap_pos.get(g)
        subject = gap.about if pos is not None else None
        if pos is None:
            geo.gaps.append(GapMarker(f.gap_ids[g], g + 1, None, 0.0, 0.0, 0.0, 0.0))
        else:
            geo.gaps.append(GapMarker(f.gap_ids[g], g + 1, subject, *pos))
    # Relationships: a layer of straight lines between centres.
    if e.o.relationships:
        for rel in f.relationships:
            a, b = rel.ends
            if a in index and b in index:
                pa, pb = index[a], index[b]
                geo.relationships.append(
                    RelationshipLine((a, b), rel.kind.value, rel.directed, ((cx[pa], Y[row[pa]] + HALF), (cx[pb], Y[row[pb]] + HALF)))
                )
    geo.width = width
    geo.height = height
    geo.notes = list(dict.fromkeys(e.notes))
    return geo


def _households(e: _Engine, geo: GenogramGeometry, hh_rows, hh_text, Y, name_bot, strip, gap_pos) -> None:  # type: ignore[no-untyped-def]
    f = e.f
    index, row, cx = e.index, e.row, e.cx
    n = len(e.people)
    # Boxes per person (symbol, labels, marker) for extents.
    span: list[list[float]] = [[cx[p] - HALF, cx[p] + HALF] for p in range(n)]
    for lab in geo.labels:
        p = index.get(lab.for_)
        if p is not None and lab.role in ("name", "dates"):
            span[p][0] = min(span[p][0], lab.x)
            span[p][1] = max(span[p][1], lab.x + lab.w)
    for p, gaps in e.person_gaps.items():
        for gnum in gaps:
            span[p][0] = min(span[p][0], gap_pos[gnum][0])
    by_row: dict[int, list[int]] = {}
    for p in range(n):
        by_row.setdefault(row[p], []).append(p)
    # Union labels and their gap markers are obstacles too: pseudo-people past n.
    row_of_y = {round(Y[r], 2): r for r in Y}
    for lab in geo.labels:
        if lab.role == "union":
            r = row_of_y.get(round(lab.y - 2, 2))
            if r is not None:
                span.append([lab.x, lab.x + lab.w])
                by_row[r].append(len(span) - 1)
    for gnum, (gx, gy, gw, gh) in list(gap_pos.items()):
        for r in Y:
            if Y[r] <= gy < Y[r] + SYMBOL:
                span.append([gx, gx + gw])
                by_row[r].append(len(span) - 1)
    for ps in by_row.values():
        ps.sort(key=lambda p: span[p][0])
    # Vertical lines entering each row's top strips (descent lines, twins).
    entering: dict[int, list[tuple[float, float]]] = {}
    for d in geo.children:
        c = index[d.child]
        a, b = d.points[-2][0], d.points[-1][0]
        entering.setdefault(row[c], []).append((min(a, b) - 2, max(a, b) + 2))
        if len(d.points) == 6:  # round the right-hand side: the corridor crosses every row between
            xk = d.points[2][0]
            pr = row[index[d.parents[0]]] if d.parents else row[c]
            for r in range(min(pr, row[c]) + 1, max(pr, row[c])):
                entering.setdefault(r, []).append((xk - 2, xk + 2))
    dates_row: dict[int, float] = {}
    for lab in geo.labels:
        if lab.role == "dates":
            r = row[index[lab.for_]]
            dates_row[r] = max(dates_row.get(r, 0.0), lab.h)
    import bisect

    row_keys: dict[int, list[float]] = {}
    widest = max([b - a for a, b in span] + [0.0])
    for r, ps in by_row.items():
        row_keys[r] = [span[p][0] for p in ps]

    def near(r: int, lo: float, hi: float) -> list[int]:
        # Only boxes that can hold an edge near lo or hi matter (keeps this linear).
        ps, keys = by_row.get(r, []), row_keys.get(r, [])
        out = ps[bisect.bisect_left(keys, lo - 3 * widest - 20) : bisect.bisect_right(keys, lo + widest + 20)]
        out += ps[bisect.bisect_left(keys, hi - widest - 20) : bisect.bisect_right(keys, hi + 3 * widest + 20)]
        return sorted(set(out), key=lambda p: span[p][0])

    shapes: list[tuple[int, list[int], list[list[float]], list[float]]] = []
    for h, household in enumerate(f.households):
        ms = sorted({index[m] for m in household.members if m in index})
        rows_h = hh_rows[h]
        if not ms:
            continue
        mset = set(ms)
        bands: list[list[float]] = []
        prev: list[float] | None = None
        inside: list[str] = []
        for r in range(rows_h[0], rows_h[-1] + 1):
            here = [p for p in ms if row[p] == r]
            if here:
                lo = min(span[p][0] for p in here) - PAD
                hi = max(span[p][1] for p in here) + PAD
            else:
                assert prev is not None
                lo, hi = prev
            if prev is not None and (hi < prev[0] + 10 or lo > prev[1] - 10):
                lo, hi = min(lo, prev[0] + 10 - 1), max(hi, prev[1] - 10 + 1) if lo > prev[1] - 10 else hi
                if hi < prev[0] + 10:
                    hi = prev[0] + 10
                if lo > prev[1] - 10:
                    lo = prev[1] - 10
            core = (lo + PAD, hi - PAD) if here else (lo + PAD, lo + PAD)
            lo, hi = _snap(lo, hi, near(r, lo, hi), span, mset, core=core)
            bands.append([lo, hi])
            prev = [lo, hi]
        shapes.append((h, ms, bands, []))
    # Household labels in the strip above each household's top row. Lines that
    # cross a strip: descent lines entering the row, and other boundaries' sides.
    placed: dict[int, list[tuple[float, float]]] = {}
    label_pos: dict[int, tuple[float, float]] = {}
    crossing: dict[int, list[tuple[float, float]]] = {r: list(v) for r, v in entering.items()}
    for h2, _, bands2, _ in shapes:
        for i, (lo2, hi2) in enumerate(bands2):
            if i:
                crossing.setdefault(hh_rows[h2][0] + i, []).extend([(lo2 - 2, lo2 + 2), (hi2 - 2, hi2 + 2)])
    for ivs in crossing.values():
        ivs.sort()
    crossing_lo = {r: [a for a, _ in v] for r, v in crossing.items()}
    top_edges: dict[int, list[tuple[float, float]]] = {}
    for h2, _, bands2, _ in shapes:
        lo2, hi2 = bands2[0]
        top_edges.setdefault(hh_rows[h2][0], []).extend([(lo2 - 2, lo2 + 2), (hi2 - 2, hi2 + 2)])
    for h, ms, bands, _ in shapes:
        t = hh_text[h]
        r0 = hh_rows[h][0]
        if t is None:
            continue
        extra = (MARKER + 4) * len(e.house_gaps.get(h, []))
        need = t.w + extra
        start = bands[0][0] + 4
        window = start + need + 4000
        ivs, keys = crossing.get(r0, []), crossing_lo.get(r0, [])
        blocked = ivs[max(0, bisect.bisect_left(keys, start - 50) - 1) : bisect.bisect_right(keys, window)]
        blocked += [iv for iv in placed.get(r0, []) if iv[1] >= start - 10 and iv[0] <= window]
        blocked += [iv for iv in top_edges.get(r0, []) if iv[1] >= start - 10 and iv[0] <= window]
        x = _free(start, need, blocked)
        if x + need > window:
            x = _free(start, need, ivs + placed.get(r0, []))
        label_pos[h] = (x, need)
        placed.setdefault(r0, []).append((x - 4, x + need + 4))
        bands[0][0] = min(bands[0][0], x - 4)
        bands[0][1] = max(bands[0][1], x + need + 4)
        bands[0][0], bands[0][1] = _snap(bands[0][0], bands[0][1], near(r0, bands[0][0], bands[0][1]), span, set(ms), inward=False)
        top_edges.setdefault(r0, []).extend([(bands[0][0] - 2, bands[0][0] + 2), (bands[0][1] - 2, bands[0][1] + 2)])
        ystrip = Y[r0] - strip[r0] - (dates_row.get(r0, 0.0) + 3)
        geo.labels.append(Label(f.households[h].id, "household", x, ystrip, t.w, t.h, t.lines, t.size, anchor="start"))
        gx = x + t.w + 4
        for gnum in e.house_gaps.get(h, []):
            gap_pos[gnum] = (gx, ystrip, MARKER, MARKER)
            gx += MARKER + 4
    for h, ms, bands, _ in shapes:
        r0 = hh_rows[h][0]
        mset = set(ms)
        inside = []
        for i, (lo, hi) in enumerate(bands):
            ps, keys = by_row.get(r0 + i, []), row_keys.get(r0 + i, [])
            for p in ps[bisect.bisect_left(keys, lo - widest) : bisect.bisect_right(keys, hi)]:
                if p < n and p not in mset and lo < cx[p] < hi:
                    inside.append(e.pid[p])
        if inside:
            name = f.households[h].label or f.households[h].id
            people = f.person_by_id
            shown = sorted({clean_text(people[pid].name) if people[pid].name else pid for pid in inside})
            verb = "lives" if len(shown) == 1 else "live"
            e.notes.append(f"The boundary of '{clean_text(name)}' also takes in {', '.join(shown)}, who {verb} elsewhere: the generation rows leave no way round them.")
        dates_h = dates_row.get(r0, 0.0) + 3
        top = Y[r0] - dates_h - strip.get(r0, 0.0) - 3
        bottoms = [name_bot[r] + 4 if name_bot[r] > Y[r] + SYMBOL else Y[r] + SYMBOL + 4 for r in range(r0, r0 + len(bands))]
        # Union levels sit between symbols and names; keep the bottom below them.
        bottoms = [max(b, Y[r] + SYMBOL + 4) for b, r in zip(bottoms, range(r0, r0 + len(bands)))]
        right = [(bands[0][1], top)]
        for i, (lo, hi) in enumerate(bands):
            if i:
                right.append((hi, bottoms[i - 1]))
            right.append((hi, bottoms[i]))
        left = []
        for i in range(len(bands) - 1, -1, -1):
            lo = bands[i][0]
            left.append((lo, bottoms[i]))
            left.append((lo, bottoms[i - 1] if i else top))
        pts = right + left
        clean: list[tuple[float, float]] = []
        for pt in pts:
            if not clean or clean[-1] != pt:
                clean.append(pt)
        household = f.households[h]
        geo.households.append(
            HouseholdOutline(household.id, tuple(e.pid[p] for p in ms), tuple(clean), household.placement.value if household.placement else None)
        )


def _snap(
    lo: float, hi: float, ps: list[int], span: list[list[float]], members: set[int], inward: bool = True, core: tuple[float, float] | None = None
) -> tuple[float, float]:
    """Move a band's edges off any non-member's boxes: inward when members allow, else outward."""
    core_lo, core_hi = core if core is not None else (lo + PAD, hi - PAD)
    merged: list[list[float]] = []
    for a, b in sorted(span[p] for p in ps if p not in members):
        a, b = a - 3, b + 3
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    for a, b in merged:
        if a < lo < b:
            lo = b if inward and b <= core_lo - 1 else a - PAD + 3
        if a < hi < b:
            hi = a if inward and a >= core_hi + 1 else b + PAD - 3
    # An outward move can land in an earlier interval; one more pass settles it.
    for a, b in reversed(merged):
        if a < lo < b:
            lo = a - PAD + 3
    for a, b in merged:
        if a < hi < b:
            hi = b + PAD - 3
    return lo, hi


def _free(start: float, width: float, blocked: list[tuple[float, float]]) -> float:
    """Leftmost x >= start where [x, x+width] avoids every blocked interval."""
    x = start
    for lo, hi in sorted(blocked):
        if hi < x:
            continue
        if lo > x + width:
            break
        x = max(x, hi + 1)
    return x
