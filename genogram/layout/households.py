"""Household boundaries: one closed orthogonal polygon round each household.

A household starts as a band per generation row, from its leftmost to its
rightmost member (rows joined where they overlap), with its label in the
strip above its top row. People who live elsewhere but sit inside a band
are then cut out of it: a notch from the nearest open side (the bottom edge,
the top edge, or an end of the band) goes round their whole box (symbol,
dates, name, gap markers) with a little clearance, and the band is thickened
where a notch would leave only a sliver, so the outline stays one simple
polygon that never passes through a symbol or a label. Only when every way
round someone runs through a member does the boundary take them in, and the
legend says so.

Where two households' outlines would run along each other (members in
both, or rows joined at the same height), the edge of the one with fewer
members is moved a step inside it (or, when that would cut a box, the
other's a step out), so two outlines never share a line.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from genogram.layout.boxgroups import Guards, group_boxes
from genogram.layout.geometry import HouseholdOutline, Label
from genogram.layout.labels import household_text
from genogram.text import clean as clean_text

if TYPE_CHECKING:
    from genogram.layout.geometry import DescentLine
    from genogram.layout.labels import Text
    from genogram.layout.plan import FamilyPlan
    from genogram.layout.zones import RowZones

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1

SYMBOL = 40.0
HALF = 20.0
MARKER = 14.0
PAD = 6.0  # band beyond members' boxes
CLEAR = 4.0  # notch clearance above and below someone who lives elsewhere
TOUCH = 3.0  # the room a notch leaves a member's box, when it can
GUARD = 0.5  # the least room: closer than this, a notch would cut the box
ARM = 7.0  # the thinnest part of a band a notch may leave
SLIVER = 18.0  # a piece of band narrower than this beside a notch may go with it
JOIN = 14.0  # how far consecutive rows' bands overlap at least
WAY = 8.0  # the width of a corridor through a row with none of the household on it
STEP = 3.0  # the least distance between two households' parallel edges
#: Notch clearance beside someone who lives elsewhere: outside their own household's side (PAD), not along it.
CLEAR_SIDE = PAD + STEP
BIG = 1e7
ROUNDS = 12  # of moving clashing edges apart
CORNER = 400.0  # what a notch's corner costs, in units of band area removed
MARGIN = 24.0


@dataclass(slots=True)
class _Item:
    """A box on a row that a boundary must not cut: a person's, or a union label's."""

    rect: Rect
    row: int
    person: int | None  # set for a person's box
    partners: frozenset[int] = frozenset()  # for a union label or union gap marker


@dataclass(slots=True)
class _Shape:
    """One household on its way to an outline: its bands, corridors and label."""

    h: int
    members: list[int]
    rows: tuple[int, ...]
    bands: list[list[float]]  # [lo, hi] per row from rows[0]
    cores: list[tuple[float, float]]  # what each band must keep: its members' extent
    ways: dict[int, tuple[float, float]] = field(default_factory=dict)  # band index -> corridor through a row
    label: Rect | None = None
    extra_in: list[Rect] = field(default_factory=list)
    labelled: bool = True  # False for the later pieces of a household drawn in parts


@dataclass(frozen=True, slots=True)
class HouseholdRows:
    """Each household's rows and label, and the label strip each row needs above it."""

    rows: tuple[tuple[int, ...], ...]  # household -> rows its members are on, top down
    texts: tuple[Text | None, ...]  # household -> its label
    strip: Mapping[int, float]  # row -> height of the strip above it for household labels


@dataclass(frozen=True, slots=True)
class HouseholdDrawing:
    """The households phase's result: boundaries, their labels, and what the key must say."""

    outlines: tuple[HouseholdOutline, ...]
    labels: tuple[Label, ...]  # household labels, in household order
    gap_pos: Mapping[int, tuple[float, float, float, float]]  # every gap marker placed so far, household ones included
    notes: tuple[str, ...]


def household_rows(plan: FamilyPlan, row: list[int]) -> HouseholdRows:
    """The rows each household spans and the strip its label needs above its top row."""
    f, index = plan.family, plan.index
    hh_rows: list[tuple[int, ...]] = []
    hh_text = []
    strip: dict[int, float] = {}
    for h, household in enumerate(f.households):
        ms = [index[m] for m in household.members if m in index]
        rows_h = sorted({row[m] for m in ms})
        hh_rows.append(tuple(rows_h))
        htext = household_text(f, h, plan.options.show_dates)
        hh_text.append(htext)
        if rows_h and htext is not None:
            strip[rows_h[0]] = max(strip.get(rows_h[0], 0.0), htext.h + 4)
    return HouseholdRows(tuple(hh_rows), tuple(hh_text), strip)


def draw(
    plan: FamilyPlan,
    row: list[int],
    cx: Sequence[float],
    placed_labels: Sequence[Label],
    children: Sequence[DescentLine],
    hh: HouseholdRows,
    zones: RowZones,
    gap_pos: Mapping[int, tuple[float, float, float, float]],
) -> HouseholdDrawing:
    """Place household labels and outlines round the people and labels already placed."""
    f = plan.family
    if not f.households:
        return HouseholdDrawing((), (), gap_pos, ())
    box, dates_row, items = _boxes(plan, row, cx, placed_labels, zones, gap_pos)
    Y, name_bot, strip, hh_rows, hh_text = zones.top, zones.name_bottom, zones.strip, hh.rows, hh.texts
    gap_at = dict(gap_pos)
    labels: list[Label] = []
    notes: list[str] = []
    rows = _Rows(items)
    shapes = [s for h in range(len(f.households)) if (s := _bands(plan, row, h, hh_rows[h], box, rows)) is not None]
    outlines, others, shapes = _outlines(plan, row, children, labels, shapes, hh_text, rows, Y, name_bot, strip, dates_row, gap_at)
    split = {s.h for s, (_, kept) in zip(shapes, outlines) if kept}
    if split:
        # No way round someone who lives elsewhere: draw those households in pieces instead.
        labels.clear()
        gap_at = dict(gap_pos)
        shapes = [
            piece
            for h in range(len(f.households))
            for piece in (_pieces(plan, row, h, box, rows) if h in split else [_bands(plan, row, h, hh_rows[h], box, rows)])
            if piece is not None
        ]
        outlines, others, shapes = _outlines(plan, row, children, labels, shapes, hh_text, rows, Y, name_bot, strip, dates_row, gap_at)
    # Outlines that run along each other are moved apart, edge by edge.
    boxes = _Grid([it.rect for it in items] + [rect for rs in others.values() for rect, _ in rs])
    polygons = [list(pts) for pts, _ in outlines]
    _spread(polygons, [len(s.members) for s in shapes], boxes)
    outlines = [(tuple(poly), kept) for poly, (_, kept) in zip(polygons, outlines)]
    parts = {h: sum(1 for s in shapes if s.h == h) for h in split}
    for h, n in sorted(parts.items()):
        name = clean_text(f.households[h].label or f.households[h].id)
        notes.append(f"The boundary of '{name}' is drawn in {n} parts, the first labelled: the generation rows leave no way round someone who lives elsewhere.")
    drawn: list[HouseholdOutline] = []
    for s, (points, kept) in zip(shapes, outlines):
        household = f.households[s.h]
        if kept:
            name = household.label or household.id
            people = f.person_by_id
            shown = sorted({clean_text(named) if (named := people[plan.pid[p]].name) else plan.pid[p] for p in kept})
            verb = "lives" if len(shown) == 1 else "live"
            notes.append(f"The boundary of '{clean_text(name)}' also takes in {', '.join(shown)}, who {verb} elsewhere: the generation rows leave no way round them.")
        drawn.append(
            HouseholdOutline(household.id, tuple(plan.pid[p] for p in s.members), points, household.placement.value if household.placement else None)
        )
    return HouseholdDrawing(tuple(drawn), tuple(labels), gap_at, tuple(notes))


def _boxes(
    plan: FamilyPlan,
    row: list[int],
    cx: Sequence[float],
    placed_labels: Sequence[Label],
    zones: RowZones,
    gap_pos: Mapping[int, tuple[float, float, float, float]],
) -> tuple[list[list[float]], dict[int, float], list[_Item]]:
    """Each person's whole box (symbol, dates, name, gap markers), each row's dates height, and every box not to cut."""
    index, Y = plan.index, zones.top
    n = len(plan.people)
    box = [[cx[p] - HALF, Y[row[p]], cx[p] + HALF, Y[row[p]] + SYMBOL] for p in range(n)]
    dates_row: dict[int, float] = {}
    for lab in placed_labels:
        p = index.get(lab.for_)
        if p is not None:
            _grow(box[p], (lab.x, lab.y, lab.x + lab.w, lab.y + lab.h))
            if lab.role == "dates":
                dates_row[row[p]] = max(dates_row.get(row[p], 0.0), lab.h)
    for p, gaps in plan.person_gaps.items():
        for g in gaps:
            if g in gap_pos:
                gx, gy, gw, gh = gap_pos[g]
                _grow(box[p], (gx, gy, gx + gw, gy + gh))
    items = [_Item((b[0], b[1], b[2], b[3]), row[p], p) for p, b in enumerate(box)]
    # Union labels and the gap markers stacked with them belong to the union's partners.
    uindex = {uid: u for u, uid in enumerate(plan.uids)}
    for lab in placed_labels:
        if lab.role == "union" and lab.for_ in uindex:
            ps = plan.u_partners[uindex[lab.for_]]
            if ps:
                items.append(_Item((lab.x, lab.y, lab.x + lab.w, lab.y + lab.h), row[ps[0]], None, frozenset(ps)))
    for u, gaps in plan.union_gaps.items():
        ps = plan.u_partners[u]
        for g in gaps:
            if g in gap_pos and ps:
                gx, gy, gw, gh = gap_pos[g]
                items.append(_Item((gx, gy, gx + gw, gy + gh), row[ps[0]], None, frozenset(ps)))
    return box, dates_row, items


def _outlines(
    plan: FamilyPlan,
    row: list[int],
    children: Sequence[DescentLine],
    labels_out: list[Label],
    shapes: list[_Shape],
    hh_text: Sequence[Text | None],
    rows: _Rows,
    Y: Mapping[int, float],
    name_bot: Mapping[int, float],
    strip: Mapping[int, float],
    dates_row: dict[int, float],
    gap_pos: dict[int, tuple[float, float, float, float]],
) -> tuple[list[tuple[tuple[tuple[float, float], ...], list[int]]], dict[int, list[tuple[Rect, int]]], list[_Shape]]:
    """Labels, then each shape's outline and the people it could not keep out."""
    _labels(plan, row, children, labels_out, shapes, hh_text, rows, Y, strip, dates_row, gap_pos)
    # Other households' labels (and their gap markers) must not be cut either.
    others: dict[int, list[tuple[Rect, int]]] = {}
    for k, s in enumerate(shapes):
        for rect in ([s.label] if s.label is not None else []) + s.extra_in:
            others.setdefault(s.rows[0], []).append((rect, k))
    labels = _Labels(others)
    return [_household_outline(s, k, rows, labels, Y, name_bot, strip, dates_row) for k, s in enumerate(shapes)], others, shapes


def _pieces(plan: FamilyPlan, row: list[int], h: int, box: list[list[float]], rows: _Rows) -> list[_Shape | None]:
    """A household as runs of members side by side on one row, split wherever someone else stands between.

    The first piece (top row, leftmost) carries the label; the key says the
    household is drawn in parts.
    """
    index = plan.index
    members = {index[m] for m in plan.family.households[h].members if m in index}
    out: list[_Shape | None] = []
    for r in sorted({row[p] for p in members}):
        people = sorted((it.rect[0], it.person) for it in rows.by_row.get(r, []) if it.person is not None)
        run: list[int] = []
        for _, p in people:
            if p in members:
                run.append(p)
            elif run:
                out.append(_bands(plan, row, h, (r,), box, rows, run))
                run = []
        if run:
            out.append(_bands(plan, row, h, (r,), box, rows, run))
    for n, piece in enumerate(out):
        if piece is not None and n > 0:
            piece.labelled = False
    return out


def _bands(
    plan: FamilyPlan, row: list[int], h: int, rows_h: tuple[int, ...], box: list[list[float]], rows: _Rows, only: list[int] | None = None
) -> _Shape | None:
    """A household's band on each row from its first to its last, each joined to the one above.

    A row between with none of the household on it gets a narrow corridor
    through the widest nearby gap between the people there, so it does
    not take them in.
    """
    index = plan.index
    ms = sorted(set(only)) if only is not None else sorted({index[m] for m in plan.family.households[h].members if m in index})
    if not ms:
        return None
    mset = set(ms)
    span: dict[int, tuple[float, float]] = {}
    for p in ms:
        lo, hi = span.get(row[p], (box[p][0], box[p][2]))
        span[row[p]] = (min(lo, box[p][0]), max(hi, box[p][2]))
    bands: list[list[float]] = []
    cores: list[tuple[float, float]] = []
    ways: dict[int, tuple[float, float]] = {}
    prev: list[float] | None = None
    for r in range(rows_h[0], rows_h[-1] + 1):
        if r in span:
            core_lo, core_hi = span[r]
            lo, hi = core_lo - PAD, core_hi + PAD
        else:
            assert prev is not None
            below = next(span[q] for q in range(r + 1, rows_h[-1] + 1) if q in span)
            lo, hi = ways[len(bands)] = _corridor(rows.by_row.get(r, []), prev, below)
            # Joined to the band above through the strip over the row (no boxes there), not across the row.
            bands.append([lo, hi])
            cores.append((lo, hi))
            prev = [lo, hi]
            continue
        if prev is not None:
            # A row off to one side stretches towards the row above so the two join.
            join = min(JOIN, prev[1] - prev[0])
            if hi < prev[0] + join:
                hi = core_hi = prev[0] + join
            if lo > prev[1] - join:
                lo = core_lo = prev[1] - join
        lo, hi = _snap(lo, hi, rows.near(r, lo, hi), mset, (core_lo, core_hi))
        bands.append([lo, hi])
        cores.append((core_lo, core_hi))
        prev = [lo, hi]
    return _Shape(h, ms, rows_h, bands, cores, ways)


def _corridor(items: list[_Item], above: list[float], below: tuple[float, float]) -> tuple[float, float]:
    """Where a household passes through a row none of it is on: a gap between boxes.

    The gap nearest to both the band above and the members below wins, past
    the row's end if need be: a long way round still keeps everyone out.
    """
    need = WAY + 2 * 3 + 2  # brothers and sisters stand 16 apart: room for a corridor
    ends = sorted((it.rect[0], it.rect[2]) for it in items)
    gaps: list[tuple[float, float]] = []
    reach = -BIG
    for a, b in ends:
        if a - reach >= need:
            gaps.append((reach, a))
        reach = max(reach, b)
    gaps.append((reach, BIG))
    lo_t, hi_t = max(above[0], below[0]), min(above[1], below[1])
    want = (lo_t + hi_t) / 2 if lo_t <= hi_t else (max(above[0], below[0]) + min(above[1], below[1])) / 2

    def cost(gap: tuple[float, float]) -> tuple[float, float]:
        # In a narrow gap, the middle: clear of both neighbours (and of their households' sides).
        c = (gap[0] + gap[1]) / 2 if gap[1] - gap[0] < need + 4 * PAD else min(max(want, gap[0] + need / 2), gap[1] - need / 2)
        off = max(0.0, above[0] - c, c - above[1]) + max(0.0, below[0] - c, c - below[1])
        return off, c

    _, c = min(cost(gap) for gap in gaps)
    return c - WAY / 2, c + WAY / 2


def _labels(
    plan: FamilyPlan,
    row: list[int],
    children: Sequence[DescentLine],
    labels_out: list[Label],
    shapes: list[_Shape],
    hh_text: Sequence[Text | None],
    rows: _Rows,
    Y: Mapping[int, float],
    strip: Mapping[int, float],
    dates_row: dict[int, float],
    gap_pos: dict[int, tuple[float, float, float, float]],
) -> None:
    """Each household's label in the strip above its top row, widening the band when it must.

    The strip is crossed by descent lines entering the row and by other
    boundaries' sides; a label keeps clear of both, as close to its own
    members as it can (left or right).
    """
    index = plan.index
    crossing: dict[int, list[tuple[float, float, int]]] = {}  # row -> (lo, hi, whose side or -1)
    for d in children:
        c = index[d.child]
        a, b = d.points[-2][0], d.points[-1][0]
        crossing.setdefault(row[c], []).append((min(a, b) - 2, max(a, b) + 2, -1))
        if len(d.points) == 6:  # round the right-hand side: the corridor crosses every row between
            xk = d.points[2][0]
            pr = row[index[d.parents[0]]] if d.parents else row[c]
            for r in range(min(pr, row[c]) + 1, max(pr, row[c])):
                crossing.setdefault(r, []).append((xk - 2, xk + 2, -1))
    side = 2 + 2 * STEP  # a side may be moved apart from another outline's
    for k, s in enumerate(shapes):
        for i, (lo, hi) in enumerate(s.bands):
            crossing.setdefault(s.rows[0] + i, []).extend([(lo - side, lo + side, k), (hi - side, hi + side, k)])
    sorted_crossing = {r: sorted(v) for r, v in crossing.items()}
    keys = {r: [iv[0] for iv in v] for r, v in sorted_crossing.items()}
    placed: dict[int, list[tuple[float, float]]] = {}  # sorted
    widest = 2 * side  # of what is in `placed`
    for k, s in enumerate(shapes):
        t = hh_text[s.h]
        if t is None or not s.labelled:
            continue
        r0 = s.rows[0]
        need = t.w + (MARKER + 4) * len(plan.house_gaps.get(s.h, ()))
        lo, hi = s.bands[0]
        ivs, ks = sorted_crossing.get(r0, []), keys.get(r0, [])
        reach = need + 600
        window = ivs[bisect.bisect_left(ks, lo - reach - 50) : bisect.bisect_right(ks, hi + reach)]
        # Own sides do not block (the label stays inside); sides moved by an earlier label are in `placed`.
        blocked = [(a, b) for a, b, owner in window if owner != k]
        here = placed.get(r0, [])
        # Placed earlier: any wider than `widest` would not matter inside the window either.
        blocked += here[bisect.bisect_left(here, (lo - reach - 50 - widest,)) : bisect.bisect_right(here, (hi + reach, BIG))]
        x = _place(lo + 4, hi - 4, need, blocked, MARGIN / 2)
        if x < lo - reach or x + need > hi + reach:  # beyond the window looked at: look at the whole strip
            blocked = [(a, b) for a, b, owner in ivs if owner != k] + here
            x = _place(lo + 4, hi - 4, need, blocked, MARGIN / 2)
        bisect.insort(placed.setdefault(r0, []), (x - 4, x + need + 4))
        widest = max(widest, need + 8)
        if x - 4 < lo or x + need + 4 > hi:
            core = (min(lo + PAD, x), max(hi - PAD, x + need))
            lo2, hi2 = min(lo, x - 4), max(hi, x + need + 4)
            s.bands[0] = list(_snap(lo2, hi2, rows.near(r0, lo2, hi2), set(s.members), core))
            bisect.insort(placed[r0], (s.bands[0][0] - side, s.bands[0][0] + side))
            bisect.insort(placed[r0], (s.bands[0][1] - side, s.bands[0][1] + side))
        ystrip = Y[r0] - strip[r0] - (dates_row.get(r0, 0.0) + 3)
        labels_out.append(Label(plan.family.households[s.h].id, "household", x, ystrip, t.w, t.h, t.lines, t.size, anchor="start"))
        s.label = (x, ystrip, x + t.w, ystrip + t.h)
        gx = x + t.w + 4
        for gnum in plan.house_gaps.get(s.h, ()):
            gap_pos[gnum] = (gx, ystrip, MARKER, MARKER)
            s.extra_in.append((gx, ystrip, gx + MARKER, ystrip + MARKER))
            gx += MARKER + 4


class _Rows:
    """Items by row, sorted by left edge, for window queries."""

    def __init__(self, items: list[_Item]) -> None:
        self.by_row: dict[int, list[_Item]] = {}
        for it in items:
            self.by_row.setdefault(it.row, []).append(it)
        self.keys: dict[int, list[float]] = {}
        for r, lst in self.by_row.items():
            lst.sort(key=lambda it: (it.rect[0], it.rect[2]))
            self.keys[r] = [it.rect[0] for it in lst]
        self.widest = max((it.rect[2] - it.rect[0] for it in items), default=0.0)

    def near(self, r: int, lo: float, hi: float) -> list[_Item]:
        """Items on row ``r`` that reach into ``[lo, hi]`` (and a little beyond)."""
        lst, keys = self.by_row.get(r, []), self.keys.get(r, [])
        out = lst[bisect.bisect_left(keys, lo - self.widest - 20) : bisect.bisect_right(keys, hi + 20)]
        return [it for it in out if it.rect[2] > lo - 20]


class _Labels:
    """Household labels (and their gap markers) by row, for window queries that keep their order."""

    def __init__(self, by_row: dict[int, list[tuple[Rect, int]]]) -> None:
        self.by_row = by_row
        self.order: dict[int, tuple[list[float], list[int]]] = {}
        self.owned: dict[tuple[int, int], list[int]] = {}
        for r, lst in by_row.items():
            ranked = sorted(range(len(lst)), key=lambda n: lst[n][0][0])
            self.order[r] = ([lst[n][0][0] for n in ranked], ranked)
            for n, (_, owner) in enumerate(lst):
                self.owned.setdefault((r, owner), []).append(n)
        self.widest = max((rect[2] - rect[0] for lst in by_row.values() for rect, _ in lst), default=0.0)

    def near(self, r: int, k: int, lo: float, hi: float) -> list[tuple[Rect, int]]:
        """Labels on row ``r`` that are household ``k``'s or reach into ``(lo, hi)``, in the order they were added."""
        lst = self.by_row.get(r)
        if not lst:
            return []
        keys, ranked = self.order[r]
        hits = {n for n in ranked[bisect.bisect_left(keys, lo - self.widest - 1) : bisect.bisect_left(keys, hi)] if lst[n][0][2] > lo}
        hits.update(self.owned.get((r, k), ()))
        return [lst[n] for n in sorted(hits)]


def _grow(b: list[float], r: Rect) -> None:
    b[0], b[1], b[2], b[3] = min(b[0], r[0]), min(b[1], r[1]), max(b[2], r[2]), max(b[3], r[3])


def _snap(lo: float, hi: float, items: list[_Item], members: set[int], core: tuple[float, float]) -> tuple[float, float]:
    """Move a band's ends off boxes they would cut, inwards when the members leave room.

    An end that cannot move in stays: a notch round the box then keeps it
    out (or, for a union label of a member's, the band takes it in).
    """
    core_lo, core_hi = core
    spans = sorted((it.rect[0] - 3, it.rect[2] + 3) for it in items if it.person is None or it.person not in members)
    for a, b in spans:
        if a < lo < b <= core_lo - 1 + 1e-6:
            lo = b
    for a, b in reversed(spans):
        if a < hi < b and a >= core_hi + 1 - 1e-6:
            hi = a
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


def _free_left(end: float, width: float, blocked: list[tuple[float, float]]) -> float:
    """Rightmost x with x + width <= end where [x, x+width] avoids every blocked interval."""
    x = end - width
    for lo, hi in sorted(blocked, key=lambda iv: -iv[1]):
        if lo > x + width:
            continue
        if hi < x:
            break
        x = min(x, lo - 1 - width)
    return x


def _place(start: float, end: float, width: float, blocked: list[tuple[float, float]], least: float) -> float:
    """Where a label of ``width`` goes: inside [start, end] if it fits, else as little outside as it can (never left of ``least``)."""
    right = _free(max(start, least), width, blocked)
    left = _free_left(end, width, blocked)

    def outside(x: float) -> float:
        return max(0.0, start - x) + max(0.0, x + width - end)

    return left if left >= least and outside(left) < outside(right) else right


def _household_outline(
    s: _Shape,
    k: int,
    rows: _Rows,
    others: _Labels,
    Y: Mapping[int, float],
    name_bot: Mapping[int, float],
    strip: Mapping[int, float],
    dates_row: dict[int, float],
) -> tuple[tuple[tuple[float, float], ...], list[int]]:
    """The polygon for one household, and the people it could not keep out."""
    r0 = s.rows[0]
    mset = set(s.members)
    top = Y[r0] - (dates_row.get(r0, 0.0) + 3) - strip.get(r0, 0.0) - 3
    bottoms = []
    for r in range(r0, r0 + len(s.bands)):
        b = name_bot[r] + 4 if name_bot[r] > Y[r] + SYMBOL else Y[r] + SYMBOL + 4
        # Union levels sit between symbols and names; keep the bottom below them.
        bottoms.append(max(b, Y[r] + SYMBOL + 4))
    rects = [(lo, bottoms[i - 1] if i else top, hi, bottoms[i]) for i, (lo, hi) in enumerate(s.bands)]
    for i, (a, b) in s.ways.items():
        # A corridor joins the band above along the strip between the rows.
        lo, hi = s.bands[i - 1]
        if min(b, hi) - max(a, lo) < WAY:
            y = rects[i][1]
            rects.append((min(a, lo + PAD), y - 1, max(b, hi - PAD), y + ARM + 2))
    # A corridor through a row is kept whole: notches beside it stop short of it.
    keep_in: list[Rect] = [(a + TOUCH, rects[i][1] + 1, b - TOUCH, rects[i][3] - 1) for i, (a, b) in s.ways.items()]
    keep_out: list[tuple[Rect, int | None]] = []
    reach = CLEAR_SIDE + 2 * STEP + 3 * PAD  # and a band widened to take someone in
    for i, (lo, hi) in enumerate(s.bands):
        r = r0 + i
        for it in rows.near(r, lo - reach, hi + reach):
            if it.person is not None:
                if it.person in mset:
                    keep_in.append(it.rect)
                else:
                    keep_out.append((it.rect, it.person))
            elif it.partners <= mset or (it.partners & mset and _centre_in(it.rect, rects)):
                keep_in.append(it.rect)  # the label of a union in the household (or half in it, and inside)
            else:
                keep_out.append((it.rect, None))
        for rect, owner in others.near(r, k, lo - reach, hi + reach):
            if owner == k:
                keep_in.append(rect)
            elif rect[2] > lo - reach and rect[0] < hi + reach:
                # Another household's label: left inside when it is, else kept out.
                if _centre_in(rect, rects):
                    keep_in.append(rect)
                else:
                    keep_out.append((rect, None))
    return _outline(rects, keep_in, keep_out, CLEAR_SIDE, CLEAR)


def _centre_in(rect: Rect, rects: list[Rect]) -> bool:
    mx, my = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
    return any(a <= mx <= c and b <= my <= d for a, b, c, d in rects)


def _bbox(rects: list[Rect]) -> Rect:
    return (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inflate(r: Rect, by: float, by_y: float | None = None) -> Rect:
    dy = by if by_y is None else by_y
    return (r[0] - by, r[1] - dy, r[2] + by, r[3] + dy)


def _area(a: Rect, b: Rect) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _outline(
    rects: list[Rect], keep_in: list[Rect], keep_out: list[tuple[Rect, int | None]], side: float, clear: float
) -> tuple[tuple[tuple[float, float], ...], list[int]]:
    """Cut the ``keep_out`` boxes out of the union of ``rects``: the polygon, and who stayed in.

    Boxes that cannot be cut out are taken in whole; then the notches are
    worked out again with them inside, so no other notch clips them.
    """
    kept_boxes: list[Rect] = []
    wider: list[Rect] = []  # bands widened to take in whom they could not keep out
    for k in keep_in:
        # A box that must be inside but lies beside the band (a lone parent's union label
        # at its stub, say): the band reaches out to it.
        if not any(_overlaps(_inflate(k, 1.0), b) for b in rects):
            wider.append(_widen(rects, k, keep_out))
    while True:
        pts, kept, boxes = _notched(rects + wider, keep_in + kept_boxes, [o for o in keep_out if o[0] not in kept_boxes], side, clear)
        if not boxes:
            return pts, sorted(set(kept) | {who for r, who in keep_out if r in kept_boxes and who is not None})
        kept_boxes.extend(boxes)
        wider.extend(_widen(rects, k, keep_out) for k in boxes)


def _widen(rects: list[Rect], k: Rect, keep_out: list[tuple[Rect, int | None]]) -> Rect:
    """The band on ``k``'s row, widened to take ``k`` in; its new ends go past any box they would cut."""
    b = min(rects, key=lambda b: (not b[1] <= (k[1] + k[3]) / 2 <= b[3], abs((b[1] + b[3]) / 2 - (k[1] + k[3]) / 2)))
    x0, x1 = min(k[0] - PAD, b[0]), max(k[2] + PAD, b[2])
    moved = True
    while moved:
        moved = False
        for r, _ in keep_out:
            if r[1] < b[3] and b[1] < r[3]:
                if r[0] < x0 < r[2]:
                    x0, moved = r[0] - PAD, True
                if r[0] < x1 < r[2]:
                    x1, moved = r[2] + PAD, True
    return (x0, b[1], x1, b[3])


def _notched(
    rects: list[Rect], keep_in: list[Rect], keep_out: list[tuple[Rect, int | None]], side: float, clear: float
) -> tuple[tuple[tuple[float, float], ...], list[int], list[Rect]]:
    """One try at the notches: the polygon, who stayed in, and the boxes that could not be cut out.

    Neighbouring boxes share one rectangular notch, open to the outside
    downwards, upwards, to the left or to the right: the one that removes
    least of the band and cuts no ``keep_in`` box. A notch is kept only when
    the result is still one simple polygon; where it would leave a sliver
    the band is thickened beside it.
    """
    base = list(rects) + [_inflate(r, 1.0) for r in keep_in]
    # The boxes near enough to need a notch (a loop, not any() over a generator: this is hot).
    outs: list[tuple[Rect, int | None]] = []
    for r, who in keep_out:
        x0, y0, x1, y1 = r[0] - side, r[1] - clear, r[2] + side, r[3] + clear
        for b in base:
            if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1:
                outs.append((r, who))
                break
    # Boxes closer than a usable band's width share a notch, never across a member (or a corridor).
    guards = Guards([_inflate(r, GUARD) for r in keep_in])
    groups = group_boxes([r for r, _ in outs], guards, side + ARM / 2, clear + ARM / 2)
    region = list(base)
    kept: list[int] = []
    groups_opts: list[tuple[float, list[tuple[float, int, Rect]], Rect, list[int], list[int]]] = []  # cheapest, options, box, people, ids
    stuck: list[Rect] = []
    for ids in groups.values():
        raw = _bbox([outs[i][0] for i in ids])
        people = sorted({who for i in ids if (who := outs[i][1]) is not None})
        box = _clamp(raw, side, clear, keep_in)
        opts: list[tuple[float, int, Rect]] = []
        if box is not None:
            x0, y0, x1, y1 = box
            home = next((b for b in rects if b[0] <= (x0 + x1) / 2 <= b[2] and b[1] <= (y0 + y1) / 2 <= b[3]), _bbox(rects))
            shapes = (
                (x0, y0, x1, BIG), (x0, -BIG, x1, y1), (-BIG, y0, x1, y1), (x0, y0, BIG, y1),  # down, up, left, right
                (-BIG, y0, x1, BIG), (x0, y0, BIG, BIG), (-BIG, -BIG, x1, y1), (x0, -BIG, BIG, y1),  # and the corners
            )
            for kind, cut in enumerate(shapes):
                # A notch that would leave a sliver of band beside it may take the sliver too.
                wide = (
                    -BIG if cut[0] - home[0] < SLIVER else cut[0],
                    -BIG if cut[1] - home[1] < SLIVER else cut[1],
                    BIG if home[2] - cut[2] < SLIVER else cut[2],
                    BIG if home[3] - cut[3] < SLIVER else cut[3],
                )
                if guards.hits(cut):
                    continue
                # Fewer corners read better: each side of a notch inside the band costs as much as a little area.
                cost = sum(_area(cut, b) for b in base) + CORNER * sum(1 for v in cut if abs(v) < BIG) + kind
                opts.append((cost, kind, cut))
                if wide != cut and not guards.hits(wide):
                    opts.append((cost - 0.5, kind, wide))  # tried first: no sliver left hanging
        if not opts or box is None:
            kept.extend(people)
            stuck.extend(outs[i][0] for i in ids)
            region.append(_inflate(raw, 1.0))  # wholly inside: no edge runs through it
            continue
        opts.sort()
        groups_opts.append((opts[0][0], opts, box, people, ids))
    groups_opts.sort(key=lambda g: (g[0], g[2]))
    # Usually every group's cheapest notch works with all the others: one trace settles it.
    together = list(region)
    for _, opts, box, _, _ in groups_opts:
        together.extend(_thicken(rects, keep_out, opts[0][1], opts[0][2], box))
    pts = _trace(together, [opts[0][2] for _, opts, _, _, _ in groups_opts]) if groups_opts else None
    if pts is not None:
        return pts, sorted(set(kept)), stuck
    cuts: list[Rect] = []
    pts = _trace(region, cuts)
    if pts is None:  # pragma: no cover - the bands always join
        return _box_outline(rects), sorted({who for _, who in outs if who is not None}), []
    for _, opts, box, people, ids in groups_opts:
        for _, kind, cut in opts:
            trial = region + _thicken(rects, keep_out, kind, cut, box)
            got = _trace(trial, cuts + [cut])
            if got is not None:
                region, pts = trial, got
                cuts.append(cut)
                break
        else:
            kept.extend(people)
            stuck.extend(outs[i][0] for i in ids)
    return pts, sorted(set(kept)), stuck


def _thicken(rects: list[Rect], keep_out: list[tuple[Rect, int | None]], kind: int, cut: Rect, box: Rect) -> list[Rect]:
    """Band to add beside a notch up or down, so at least ARM of band joins its two sides."""
    out: list[Rect] = []
    if kind not in (0, 1) or cut[0] <= -BIG or cut[2] >= BIG:
        return out
    for b in rects:
        if not (b[0] < box[2] and box[0] < b[2] and b[1] <= (box[1] + box[3]) / 2 <= b[3]):
            continue
        x0, x1 = max(b[0], box[0] - ARM), min(b[2], box[2] + ARM)
        ext = (x0, b[3], x1, box[3] + ARM) if kind == 1 else (x0, box[1] - ARM, x1, b[1])
        if ext[3] > ext[1] and not any(_overlaps(ext, _inflate(r, GUARD)) for r, _ in keep_out):
            out.append(ext)
    return out


def _clamp(raw: Rect, side: float, clear: float, keep_in: list[Rect]) -> Rect | None:
    """``raw`` grown by ``side`` and ``clear``, but kept TOUCH off members' boxes; None when one overlaps it."""
    x0, y0, x1, y1 = raw[0] - side, raw[1] - clear, raw[2] + side, raw[3] + clear
    for a, b, c, d in keep_in:
        if a < raw[2] + GUARD and raw[0] - GUARD < c and b < raw[3] + GUARD and raw[1] - GUARD < d:
            return None
    for a, b, c, d in keep_in:
        if b < y1 and y0 < d:  # beside it: keep the notch's sides off
            if c <= raw[0]:
                x0 = max(x0, min(c + TOUCH, raw[0]))
            elif a >= raw[2]:
                x1 = min(x1, max(a - TOUCH, raw[2]))
    for a, b, c, d in keep_in:
        if a < x1 and x0 < c:  # above or below it: keep the notch's ends off
            if d <= raw[1]:
                y0 = max(y0, min(d + TOUCH, raw[1]))
            elif b >= raw[3]:
                y1 = min(y1, max(b - TOUCH, raw[3]))
    return (x0, y0, x1, y1)


def _box_outline(rects: list[Rect]) -> tuple[tuple[float, float], ...]:
    """The last resort: the rectangle round everything (never reached on any family tried)."""
    x0, y0, x1, y1 = _bbox(rects)
    return ((x1, y0), (x1, y1), (x0, y1), (x0, y0))


def _trace(rects: list[Rect], cuts: list[Rect]) -> tuple[tuple[float, float], ...] | None:
    """The outline of the union of ``rects`` minus ``cuts``, clockwise from its top right corner.

    None when that region is not one simple polygon: in pieces, with a
    hole, or touching itself at a corner. On a grid of the rectangles'
    coordinates, each column of cells is one integer bitmask (bit j+1 for
    cell j, so bits 0 and ny+1 are an empty border). Once no two cells
    touch only at a corner, the boundary edges form disjoint loops; one loop
    means one piece without holes.
    """
    # Rounded as the output is, so edges a hair apart do not leave slivers.
    rects = [(round(a, 2), round(b, 2), round(c, 2), round(d, 2)) for a, b, c, d in rects]
    cuts = [(round(a, 2), round(b, 2), round(c, 2), round(d, 2)) for a, b, c, d in cuts]
    xs = {v for r in rects for v in (r[0], r[2])}
    ys = {v for r in rects for v in (r[1], r[3])}
    x_lo, x_hi, y_lo, y_hi = min(xs), max(xs), min(ys), max(ys)
    for c in cuts:
        xs.update(v for v in (c[0], c[2]) if x_lo < v < x_hi)
        ys.update(v for v in (c[1], c[3]) if y_lo < v < y_hi)
    xl, yl = sorted(xs), sorted(ys)
    nx = len(xl) - 1
    xi = {v: i for i, v in enumerate(xl)}
    yi = {v: i for i, v in enumerate(yl)}
    # cols[i + 1] is column i; cols[0] and cols[nx + 1] are the empty border.
    cols = [0] * (nx + 2)
    for r in rects:
        bits = (1 << (yi[r[3]] + 1)) - (1 << (yi[r[1]] + 1))
        for i in range(xi[r[0]] + 1, xi[r[2]] + 1):
            cols[i] |= bits
    for c in cuts:
        i0, i1 = bisect.bisect_left(xl, max(c[0], x_lo)), bisect.bisect_left(xl, min(c[2], x_hi))
        j0, j1 = bisect.bisect_left(yl, max(c[1], y_lo)), bisect.bisect_left(yl, min(c[3], y_hi))
        if j1 > j0:
            keep = ~((1 << (j1 + 1)) - (1 << (j0 + 1)))
            for i in range(i0 + 1, i1 + 1):
                cols[i] &= keep
    if not any(cols):
        return None
    # No corner where the region touches itself: cells diagonal to each other, the other two empty.
    for i in range(nx + 1):
        left, right = cols[i], cols[i + 1]
        differ = left ^ right
        if differ & (differ >> 1) & (left ^ (left >> 1)):
            return None
    # Boundary edges with the region on their right: clockwise on screen (y down).
    # A grid point (i, j) is the integer j * w + (w - 1 - i), so the smallest
    # is the top right corner, and each edge is a step to the next point:
    # -1 rightwards, +w down, +1 leftwards, -w up.
    w = nx + 2
    step: dict[int, int] = {}
    for i in range(nx):
        col, before, after = cols[i + 1], cols[i], cols[i + 2]
        here = w - 1 - i  # column i's left side; its right side is here - 1
        for mask, at, move in (
            (col & ~(col << 1), here, -1),  # top edges, from (i, j)
            (col & ~after, here - 1, w),  # right edges, from (i + 1, j)
            (col & ~(col >> 1), w + here - 1, 1),  # bottom edges, from (i + 1, j + 1)
            (col & ~before, w + here, -w),  # left edges, from (i, j + 1)
        ):
            while mask:
                low = mask & -mask
                mask ^= low
                step[(low.bit_length() - 2) * w + at] = move
    # Walk the loop from the top right corner, keeping the points where it turns.
    first = min(step)
    corners = [first]
    move = step[first]
    point = first + move
    walked = 1
    while point != first:
        turn = step[point]
        if turn != move:
            corners.append(point)
            move = turn
        point += turn
        walked += 1
    if walked != len(step):
        return None
    return tuple((xl[w - 1 - k % w], yl[k // w]) for k in corners)


class _Grid:
    """Boxes bucketed by position, for "does this segment cut a box" queries."""

    CELL = 100.0

    def __init__(self, rects: list[Rect]) -> None:
        self.rects = rects
        self.cells: dict[tuple[int, int], list[int]] = {}
        for k, (x0, y0, x1, y1) in enumerate(rects):
            for gx in range(int(x0 // self.CELL), int(x1 // self.CELL) + 1):
                for gy in range(int(y0 // self.CELL), int(y1 // self.CELL) + 1):
                    self.cells.setdefault((gx, gy), []).append(k)

    def cuts(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """True when the axis-parallel segment a-b passes through a box's inside."""
        x0, x1 = sorted((a[0], b[0]))
        y0, y1 = sorted((a[1], b[1]))
        seen: set[int] = set()
        for gx in range(int(x0 // self.CELL), int(x1 // self.CELL) + 1):
            for gy in range(int(y0 // self.CELL), int(y1 // self.CELL) + 1):
                for k in self.cells.get((gx, gy), ()):
                    if k in seen:
                        continue
                    seen.add(k)
                    r = self.rects[k]
                    across = x0 < r[2] - GUARD and r[0] + GUARD < x1 or x0 == x1 and r[0] + GUARD < x0 < r[2] - GUARD
                    if across and (y0 < r[3] - GUARD and r[1] + GUARD < y1 or y0 == y1 and r[1] + GUARD < y0 < r[3] - GUARD):
                        return True
        return False


def _spread(polygons: list[list[tuple[float, float]]], size: list[int], boxes: _Grid) -> None:
    """Move apart parallel edges of different outlines that lie closer than STEP.

    The edge of the household with fewer members moves a step into its own
    region; when that would cut a box or fold the outline, the other
    household's edge moves into its region, and failing both, one of them
    moves out. A few rounds settle edges that a move brings close to others
    (each round looks again only at the outlines the last one moved).
    """
    edges = _Edges(polygons)
    tried: set[tuple[int, int, int, int]] = set()
    focus: set[int] | None = None
    for _ in range(ROUNDS):
        moved: set[int] = set()
        for a, i, b, j in edges.clashes(focus):
            if a in moved or b in moved or (a, i, b, j) in tried:
                continue  # seen again next round, against the moved outline
            tried.add((a, i, b, j))
            inner, outer = (a, b) if (size[a], -a) < (size[b], -b) else (b, a)
            si, so = (i, j) if inner == a else (j, i)
            for k, seg, other, inward in ((inner, si, (outer, so), True), (outer, so, (inner, si), True), (inner, si, (outer, so), False), (outer, so, (inner, si), False)):
                new = _nudge(polygons[k], seg, polygons[other[0]], other[1], inward, boxes)
                if new is not None:
                    polygons[k] = new
                    edges.update(k, new)
                    moved.add(k)
                    break
        if not moved:
            return
        focus = moved


class _Edges:
    """Every outline's edges, bucketed by direction, position and stretch, for finding edges that run together.

    An edge is filed under its direction, its position in steps of STEP,
    and every cell of CELL it spans along its length; two edges that run
    along each other for more than a few units share a cell, so a long
    boundary is compared only with the edges near it.
    """

    CELL = 200.0

    def __init__(self, polygons: list[list[tuple[float, float]]]) -> None:
        self.buckets: dict[tuple[bool, int, int], dict[tuple[int, int], tuple[float, float, float]]] = {}
        self.keys: dict[int, list[tuple[bool, int, int, float, float, float]]] = {}
        for k, poly in enumerate(polygons):
            self.update(k, poly)

    def _cells(self, lo: float, hi: float) -> range:
        return range(int(lo // self.CELL), int(hi // self.CELL) + 1)

    def update(self, k: int, poly: list[tuple[float, float]]) -> None:
        for hor, key, i, _, lo, hi in self.keys.get(k, []):
            for c in self._cells(lo, hi):
                del self.buckets[(hor, key, c)][(k, i)]
        edges = self.keys[k] = []
        for i, hor, at, lo, hi in _segments(poly):
            key = int(at // STEP)
            for c in self._cells(lo, hi):
                self.buckets.setdefault((hor, key, c), {})[(k, i)] = (at, lo, hi)
            edges.append((hor, key, i, at, lo, hi))

    def clashes(self, focus: set[int] | None) -> list[tuple[int, int, int, int]]:
        """Pairs of edges (outline a, edge i, outline b, edge j; a < b) that run along each other; with ``focus``, only those touching it."""
        out: set[tuple[int, int, int, int]] = set()
        if focus is None:
            for (hor, key, c), here in self.buckets.items():
                there = self.buckets.get((hor, key + 1, c))
                if len(here) < 2 and not there:
                    continue  # a lone edge in its cell
                near = list(here.items()) + list(there.items() if there else ())
                for n, ((a, i), (at, lo, hi)) in enumerate(here.items()):
                    for (b, j), (at2, lo2, hi2) in near[n + 1 :]:
                        if a != b and abs(at - at2) < STEP - 0.5 and min(hi, hi2) - max(lo, lo2) > 4:
                            out.add((a, i, b, j) if a < b else (b, j, a, i))
            return sorted(out)
        for a in focus:
            for hor, key, i, at, lo, hi in self.keys.get(a, []):
                for c in self._cells(lo, hi):
                    for d in (-1, 0, 1):
                        for (b, j), (at2, lo2, hi2) in self.buckets.get((hor, key + d, c), {}).items():
                            if a != b and abs(at - at2) < STEP - 0.5 and min(hi, hi2) - max(lo, lo2) > 4:
                                out.add((a, i, b, j) if a < b else (b, j, a, i))
        return sorted(out)


def _segments(poly: list[tuple[float, float]]) -> list[tuple[int, bool, float, float, float]]:
    """(index, horizontal, at, from, to) for each edge of a closed orthogonal polygon."""
    out = []
    n = len(poly)
    for i in range(n):
        (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % n]
        if y1 == y2:
            out.append((i, True, y1, min(x1, x2), max(x1, x2)))
        else:
            out.append((i, False, x1, min(y1, y2), max(y1, y2)))
    return out


def _clashes(polygons: list[list[tuple[float, float]]]) -> list[tuple[int, int, int, int]]:
    """Pairs of edges of different outlines that run along each other (what the spreading could not settle)."""
    return _Edges(polygons).clashes(None)


def _nudge(
    poly: list[tuple[float, float]], i: int, other: list[tuple[float, float]], j: int, inward: bool, boxes: _Grid
) -> list[tuple[float, float]] | None:
    """``poly`` with edge ``i`` moved STEP clear of ``other``'s edge ``j`` (into or out of its region), or None."""
    n = len(poly)
    (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % n]
    hor = y1 == y2
    # Clockwise on screen: the region lies to the right of each edge's direction.
    normal = (1.0 if x2 > x1 else -1.0) if hor else (-1.0 if y2 > y1 else 1.0)
    if not inward:
        normal = -normal
    ox, oy = other[j]
    at = (oy if hor else ox) + STEP * normal
    if (at - (y1 if hor else x1)) * normal <= 0:
        return None
    new = list(poly)
    if hor:
        new[i], new[(i + 1) % n] = (x1, at), (x2, at)
    else:
        new[i], new[(i + 1) % n] = (at, y1), (at, y2)
    # The edges either side keep their direction (no fold) and a little length.
    for k in (i - 1, i + 1):
        (ax, ay), (bx, by) = poly[k % n], poly[(k + 1) % n]
        (cx, cy), (dx, dy) = new[k % n], new[(k + 1) % n]
        if (bx - ax) * (dx - cx) + (by - ay) * (dy - cy) <= 0 or abs(dx - cx) + abs(dy - cy) < 1:
            return None
    changed = [(i - 1) % n, i, (i + 1) % n]
    for k in changed:
        if boxes.cuts(new[k], new[(k + 1) % n]):
            return None
    # Still simple: the moved edges meet no other edge of the outline.
    for k in changed:
        a, b = new[k], new[(k + 1) % n]
        for m in range(n):
            if m in changed or (m + 1) % n == k or m == (k + 1) % n:
                continue
            if _touch(a, b, new[m], new[(m + 1) % n]):
                return None
    return new


def _touch(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], d: tuple[float, float]) -> bool:
    """True when two axis-parallel segments share a point."""
    ax0, ax1 = sorted((a[0], b[0]))
    ay0, ay1 = sorted((a[1], b[1]))
    cx0, cx1 = sorted((c[0], d[0]))
    cy0, cy1 = sorted((c[1], d[1]))
    return ax0 <= cx1 and cx0 <= ax1 and ay0 <= cy1 and cy0 <= ay1
