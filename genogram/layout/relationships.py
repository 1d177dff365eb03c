"""Routes for emotional relationship lines: round labels and symbols, not through them.

A relationship line is a layer over the structure, so it may cross lines,
but a line through a name label hides part of it (the label's paper plate
covers the line) and a line through a third person's symbol reads as if it
involved them. Each line is therefore chosen from a few candidate routes by
cost (length, bends, boxes crossed, running along another line):

- straight from one symbol to the other, when nothing is in the way;
- through the free strip between rows: up (or down) from each symbol, from
  its top or bottom or out of its side and past its labels, then along the
  strip; two people on one row get an arch over the row (or a trough under
  it), people on different rows a path through the channel between them;
- for people more than one row apart, down through a gap in each row
  between (a staircase from strip to strip).

Corners are cut at 45 degrees so a route never looks like a union or descent
line. A route starts and ends inside its two symbols, on the axis it leaves
them by; the renderer trims it to the symbols' outlines. Pure: geometry in,
points out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from functools import partial
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING, Any

from genogram.layout.geometry import segment_crosses

if TYPE_CHECKING:
    from genogram.layout.geometry import GenogramGeometry

Point = tuple[float, float]
Rect = tuple[float, float, float, float]
#: A box to keep off: x0, y0, x1, y1, owner, kind (symbol, name, household for a household's label, label for any other).
Box = tuple[float, float, float, float, str, str]

#: What crossing a box costs, in units of route length.
SYMBOL_COST = 5000.0
NAME_COST = 600.0
OWN_NAME_COST = 250.0
LABEL_COST = 300.0
OWN_LABEL_COST = 100.0  # a line seems to come out from behind its own dates: readable, if not ideal
#: A household's label names a boundary, not a person: a line behind it misleads less.
HOUSEHOLD_COST = 150.0
BEND = 14.0
#: Per line crossed: fewer crossings are easier to follow.
CROSS = 10.0
#: Two people on one row are joined over the row; under it run the union and descent lines.
UNDER = 100.0
#: Per unit of a route's length beyond a fair detour.
DETOUR = 2.0
#: Per unit run within NEAR of a structural line or another route, parallel to it.
ALONG = 4.0
NEAR = 5.0
#: How far a route leaves a symbol's centre line (inside the symbol) to avoid its own labels.
OFFSETS = (-10.0, -5.0, 0.0, 5.0, 10.0)
CHAMFER = 6.0
#: Room kept round boxes, so a zigzag or a double line drawn along the route stays off them.
ROOM = 3.0
CELL = 120.0
#: The drawing is indexed a column this wide at a time, when a route's candidates first come near it.
COLUMN = 8 * CELL


class _Grid:
    """Items with a box (lines are flat boxes), bucketed by cell, to find what lies near an area.

    Each item goes in cells sized to it, per axis: CELL, or for a long item
    CELL times a power of 8 (see ``_size``), so a descent line across the
    whole drawing fills a few coarse cells, not thousands of fine ones; a
    query looks in each cell size in use. ``near`` may give items that miss
    the area but never misses one that meets it: callers test exactly.
    ``fill(x0, x1)`` is called first, to index what lies between x0 and x1.
    """

    def __init__(self, fill: Callable[[float, float], None]) -> None:
        self.fill = fill
        self.cells: dict[tuple[float, float, int, int], list[Any]] = {}
        self.sizes: set[tuple[float, float]] = set()

    def add(self, item: Any, x0: float, y0: float, x1: float, y1: float) -> None:
        sx, sy = _size(x1 - x0), _size(y1 - y0)
        self.sizes.add((sx, sy))
        for gx in range(int(x0 // sx), int(x1 // sx) + 1):
            for gy in range(int(y0 // sy), int(y1 // sy) + 1):
                self.cells.setdefault((sx, sy, gx, gy), []).append(item)

    def near(self, x0: float, y0: float, x1: float, y1: float) -> set[Any]:
        self.fill(x0, x1)
        found: set[Any] = set()
        for sx, sy in self.sizes:
            for gx in range(int(x0 // sx), int(x1 // sx) + 1):
                for gy in range(int(y0 // sy), int(y1 // sy) + 1):
                    found.update(self.cells.get((sx, sy, gx, gy), ()))
        return found


class _Columns:
    """Things of a drawing, each indexed when a query first reaches a column (COLUMN wide) it may meet.

    A relationship line's candidates stay near its two people, so routing a
    few lines in a big drawing indexes a few columns, not the whole drawing.
    A thing narrower than a column waits under the column of its left edge,
    so those meeting column c wait under c - 1 or c. (Coordinates are far
    below 2**53, so ``x // COLUMN`` is exact; a float width under COLUMN is
    a true width under it.) Wider ones (descent lines to children far apart,
    big households) are few: indexed at the first query.
    """

    def __init__(self, spans: Iterable[tuple[float, float]], index: Callable[[int], None]) -> None:
        """``spans``: (left, right) of each thing k = 0, 1, ...; ``index(k)`` indexes thing k."""
        self.index = index
        self.waiting: dict[int, list[int]] = {}
        self.wide: list[int] = []
        for k, (left, right) in enumerate(spans):
            if right - left >= COLUMN:
                self.wide.append(k)
            else:
                self.waiting.setdefault(int(left // COLUMN), []).append(k)
        self.reached: set[int] = set()

    def __call__(self, x0: float, x1: float) -> None:
        while self.wide:
            self.index(self.wide.pop())
        for c in range(int(x0 // COLUMN), int(x1 // COLUMN) + 1):
            if c not in self.reached:
                self.reached.add(c)
                for d in (c - 1, c):
                    for k in self.waiting.pop(d, ()):
                        self.index(k)


class _Scene:
    """Boxes, structural lines and row strips of a laid-out genogram, indexed for routing (as needed)."""

    def __init__(self, geo: GenogramGeometry) -> None:
        self.people = {p.id: p for p in geo.people}
        obstacles: list[Box] = [(p.x, p.y, p.x + p.w, p.y + p.h, p.id, "symbol") for p in geo.people]
        for lab in geo.labels:
            kind = lab.role if lab.role in ("name", "household") else "label"
            obstacles.append((lab.x, lab.y, lab.x + lab.w, lab.y + lab.h, lab.for_, kind))
        for g in geo.gaps:
            if g.w > 0 and g.h > 0:
                obstacles.append((g.x, g.y, g.x + g.w, g.y + g.h, g.subject or g.gap, "label"))
        self.obstacles = obstacles
        self.grid = _Grid(_Columns(((ob[0], ob[2]) for ob in obstacles), self._add_obstacle))
        # Structural lines (and routes, once drawn), split into horizontal and vertical runs:
        # (order, y, x0, x1) and (order, x, y0, y1), ``order`` numbering segments in the order drawn.
        self.lines: list[tuple[Point, ...]] = [u.points for u in geo.unions] + [d.points for d in geo.children]
        self.lines += [tuple(h.points) + (h.points[0],) for h in geo.households if h.points]
        self.first = list(accumulate(map(len, self.lines), initial=0))  # order of each line's first segment
        columns = _Columns(((min(pts)[0], max(pts)[0]) if pts else (0.0, 0.0) for pts in self.lines), self._add_line)
        self.hgrid, self.vgrid = _Grid(columns), _Grid(columns)
        # Rows: the vertical extent of each row's boxes (symbols and their people's labels); the strips between are free of boxes.
        row_of = {p.id: p.generation for p in geo.people}
        boxes: dict[int, list[Box]] = {}
        self.own: dict[str, list[Box]] = {}
        for ob in obstacles:
            r = row_of.get(ob[4])
            if r is not None:
                boxes.setdefault(r, []).append(ob)
                if ob[5] != "symbol":
                    self.own.setdefault(ob[4], []).append(ob)
        top = {r: min(b[1] for b in rects) for r, rects in boxes.items()}
        bottom = {r: max(b[3] for b in rects) for r, rects in boxes.items()}
        self.rows = sorted(top)
        self.row_top, self.row_bottom = top, bottom
        self.memo: dict[tuple[Point, Point, tuple[str, str]], tuple[float, float, float]] = {}

    def _add_obstacle(self, k: int) -> None:
        x0, y0, x1, y1, _, _ = self.obstacles[k]
        self.grid.add(k, x0, y0, x1, y1)

    def _add_line(self, i: int) -> None:
        for order, (a, b) in enumerate(pairwise(self.lines[i]), self.first[i]):
            if abs(a[1] - b[1]) < 1e-6 and abs(a[0] - b[0]) > 1e-6:
                x0, x1 = min(a[0], b[0]), max(a[0], b[0])
                self.hgrid.add((order, a[1], x0, x1), x0, a[1], x1, a[1])
            elif abs(a[0] - b[0]) < 1e-6 and abs(a[1] - b[1]) > 1e-6:
                y0, y1 = min(a[1], b[1]), max(a[1], b[1])
                self.vgrid.add((order, a[0], y0, y1), a[0], y0, a[0], y1)

    def draw(self, pts: list[Point]) -> None:
        """Add a route to the lines later routes keep off and count crossings of."""
        self.lines.append(tuple(pts))
        self.first.append(self.first[-1] + len(pts))
        self._add_line(len(self.lines) - 1)
        self.memo.clear()

    def terms(self, a: Point, b: Point, ends: tuple[str, str]) -> tuple[float, float, float]:
        """What the segment a-b costs for boxes, running along lines and crossing them.

        Remembered until the next route is drawn: candidates share legs, and
        a staircase costs each path again with every step added.
        """
        key = (a, b, ends)
        if key not in self.memo:
            self.memo[key] = (self.hits(a, b, ends), ALONG * self.along(a, b), CROSS * self.crossings(a, b))
        return self.memo[key]

    def strip(self, z: int) -> tuple[float, float]:
        """The free strip above row ``z`` (``z`` past the last row: below it)."""
        rows = self.rows
        above = [r for r in rows if r < z]
        below = [r for r in rows if r >= z]
        lo = self.row_bottom[above[-1]] if above else self.row_top[below[0]] - 40
        hi = self.row_top[below[0]] if below else self.row_bottom[above[-1]] + 30
        return lo, hi

    def hits(self, a: Point, b: Point, ends: tuple[str, str]) -> float:
        """What the segment a-b costs for the boxes it passes through."""
        x0, x1 = sorted((a[0], b[0]))
        y0, y1 = sorted((a[1], b[1]))
        cost = 0.0
        for k in self.grid.near(x0 - ROOM, y0 - ROOM, x1 + ROOM, y1 + ROOM):
            left, top, right, bottom, owner, kind = self.obstacles[k]
            if left - ROOM > x1 or x0 > right + ROOM or top - ROOM > y1 or y0 > bottom + ROOM:
                continue  # wholly to one side of the segment: a quick test for most boxes near it
            own = owner in ends
            room = 0.0 if own and kind == "symbol" else ROOM
            if not _crosses(a, b, (left - room, top - room, right + room, bottom + room)):
                continue
            if kind == "symbol":
                cost += 0.0 if own else SYMBOL_COST
            elif kind == "name":
                cost += OWN_NAME_COST if own else NAME_COST
            elif kind == "household":
                cost += HOUSEHOLD_COST
            else:
                cost += OWN_LABEL_COST if own else LABEL_COST
        return cost

    def along(self, a: Point, b: Point) -> float:
        """How far the segment a-b runs beside a line already drawn: its length within NEAR of one, measured along the line."""
        x0, x1 = sorted((a[0], b[0]))
        y0, y1 = sorted((a[1], b[1]))
        # Lines in the order drawn, so the sum comes out the same to the last bit whatever was indexed first.
        if x1 - x0 >= y1 - y0:  # mostly horizontal: only horizontal lines can run beside it
            return _beside(sorted(self.hgrid.near(x0, y0 - NEAR, x1, y1 + NEAR)), a, b)
        return _beside(sorted(self.vgrid.near(x0 - NEAR, y0, x1 + NEAR, y1)), (a[1], a[0]), (b[1], b[0]))

    def crossings(self, a: Point, b: Point) -> int:
        """How many structural lines (and earlier routes) the segment a-b crosses."""
        x0, x1 = sorted((a[0], b[0]))
        y0, y1 = sorted((a[1], b[1]))
        n = 0
        if y1 > y0:
            for _, y, s0, s1 in self.hgrid.near(x0, y0, x1, y1):
                if y0 + 1e-6 < y < y1 - 1e-6:
                    x = a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1])
                    n += s0 + 1e-6 < x < s1 - 1e-6
        if x1 > x0:
            for _, x, s0, s1 in self.vgrid.near(x0, y0, x1, y1):
                if x0 + 1e-6 < x < x1 - 1e-6:
                    y = a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])
                    n += s0 + 1e-6 < y < s1 - 1e-6
        return n

    def free_ys(self, lo: float, hi: float, x0: float, x1: float) -> list[float]:
        """Heights in (lo, hi) where a horizontal run from x0 to x1 meets no box and no parallel line."""
        taken: list[tuple[float, float]] = []
        for k in self.grid.near(x0, lo, x1, hi):
            r = self.obstacles[k]
            if r[0] < x1 and x0 < r[2] and r[1] < hi and lo < r[3]:
                taken.append((r[1] - ROOM, r[3] + ROOM))
        for _, y, s0, s1 in self.hgrid.near(x0, lo - NEAR, x1, hi + NEAR):
            if s0 < x1 and x0 < s1 and lo - NEAR < y < hi + NEAR:
                taken.append((y - NEAR, y + NEAR))
        taken.sort()
        gaps: list[tuple[float, float]] = []  # (width, middle)
        cursor = lo + 2
        for a, b in taken + [(hi - 2, hi - 2)]:
            if a - cursor >= 1:
                gaps.append((a - cursor, (cursor + a) / 2))
            cursor = max(cursor, b)
        # The widest gaps; a crowded strip still offers its least bad heights.
        gaps.sort(key=lambda g: (-g[0], g[1]))
        return [m for _, m in gaps[:6]] or [(lo + hi) / 2]


def route_relationships(geo: GenogramGeometry, pairs: list[tuple[str, str]]) -> list[tuple[Point, ...]]:
    """One route per pair of person ids (both drawn), in order; later routes keep off earlier ones."""
    if not pairs:
        return []
    scene = _Scene(geo)
    out: list[tuple[Point, ...]] = []
    for a, b in pairs:
        pts = _route(scene, a, b)
        pts = _chamfer(scene, pts, (a, b))
        scene.draw(pts)
        out.append(tuple(pts))
    return out


def _route(scene: _Scene, a: str, b: str) -> list[Point]:
    pa, pb = scene.people[a], scene.people[b]
    ca, cb = (pa.x + pa.w / 2, pa.y + pa.h / 2), (pb.x + pb.w / 2, pb.y + pb.h / 2)
    ends = (a, b)
    best: tuple[float, list[Point]] = (_cost(scene, [ca, cb], ends), [ca, cb])
    if a == b:
        return [ca, cb]
    ra, rb = pa.generation, pb.generation
    if ra == rb:
        zones = [ra, ra + 1]
    else:
        lo_r, hi_r = sorted((ra, rb))
        zones = list(range(lo_r + 1, hi_r + 1))
    for z in zones:
        legs_a = _legs(scene, a, z)
        legs_b = _legs(scene, b, z)
        lo, hi = scene.strip(z)
        under = UNDER if ra == rb and z > ra else 0.0
        reach_b = [_reach(lb) for lb in legs_b]
        for la in legs_a:
            xa, ya, fa = _reach(la)
            for lb, (xb, yb, fb) in zip(legs_b, reach_b):
                # Finding free heights is the dearest step here: skip legs whose shortest route cannot win.
                if lo < hi and fa + fb + abs(xa - xb) + _climb(ya, yb, lo, hi) + under >= best[0] + 1:
                    continue
                for y in _tracks(scene, lo, hi, xa, xb, z, (ra, rb)):
                    pts = _join(la(y), lb(y))
                    c = _cost(scene, pts, ends, best[0], under)
                    if c < best[0]:
                        best = (c, pts)
    if abs(ra - rb) >= 2:
        stairs = _staircase(scene, a, b)
        if stairs is not None:
            c = _cost(scene, stairs, ends, best[0])
            if c < best[0]:
                best = (c, stairs)
    return best[1]


def _staircase(scene: _Scene, a: str, b: str) -> list[Point] | None:
    """People two or more rows apart: down through a gap in each row between, strip by strip.

    A small search: in each strip the route may run along to any gap of the
    row below (the few nearest the straight line), then down through it.
    """
    pa, pb = scene.people[a], scene.people[b]
    up, down = (a, b) if pa.generation < pb.generation else (b, a)
    top_row, bottom_row = sorted((pa.generation, pb.generation))
    ends = (a, b)
    xu = scene.people[up].x + scene.people[up].w / 2
    xd = scene.people[down].x + scene.people[down].w / 2
    states: dict[tuple[float, float], tuple[float, list[Point]]] = {}
    z = top_row + 1
    for leg in _legs(scene, up, z):
        x = leg(0.0)[-1][0]
        for y in _tracks(scene, *scene.strip(z), min(x, xd), max(x, xd), z, (top_row, bottom_row))[:2]:
            pts = leg(y)
            states[(x, y)] = (_cost(scene, pts, ends), pts)
    for z in range(top_row + 1, bottom_row):
        # Through row z, from the strip above it (z) to the strip below it (z + 1).
        share = (z - top_row) / (bottom_row - top_row)
        aim = xu + (xd - xu) * share
        gaps = _gaps(scene, range(z, z + 1), min(xu, xd, aim) - 100, max(xu, xd, aim) + 100, aim)
        nxt: dict[tuple[float, float], tuple[float, list[Point]]] = {}
        for (_x, y), (_, pts) in sorted(states.items(), key=lambda kv: kv[1][0])[:8]:
            for xg in gaps:
                for y2 in _tracks(scene, *scene.strip(z + 1), min(xg, xd), max(xg, xd), z + 1, (z, z + 1))[:2]:
                    trial = _clean(pts + [(xg, y), (xg, y2)])
                    bound = nxt[(xg, y2)][0] if (xg, y2) in nxt else math.inf
                    c = _cost(scene, trial, ends, bound)
                    if c < bound:
                        nxt[(xg, y2)] = (c, trial)
        states = nxt
        if not states:
            return None
    best: tuple[float, list[Point]] | None = None
    for (_x, y), (_, pts) in sorted(states.items(), key=lambda kv: kv[1][0])[:8]:
        for leg in _legs(scene, down, bottom_row):
            trial = _clean(pts + list(reversed(leg(y))))
            c = _cost(scene, trial, ends, math.inf if best is None else best[0])
            if best is None or c < best[0]:
                best = (c, trial)
    if best is None:
        return None
    return best[1] if up == a else list(reversed(best[1]))


#: A way out of a symbol: given the height of the strip, the points to it.
Leg = Callable[[float], list[tuple[float, float]]]


def _legs(scene: _Scene, pid: str, z: int) -> list[Leg]:
    """Ways out of ``pid``'s symbol to the strip ``z``: functions from a height to points.

    Straight up (or down) from the symbol, a little off its centre line when
    its own dates (or name) or a descent line are in the way; or out of its
    side and up (or down) past its labels.
    """
    p = scene.people[pid]
    cx, cy = p.x + p.w / 2, p.y + p.h / 2
    upward = z <= p.generation
    # The person's own labels on the way out: above the symbol going up, below it going down.
    passing = [r for r in scene.own.get(pid, []) if ((r[1] + r[3]) / 2 < cy) == upward]
    right = max([p.x + p.w] + [r[2] for r in passing])
    left = min([p.x] + [r[0] for r in passing])
    legs: list[Leg] = []
    for off in OFFSETS:
        legs.append(partial(_straight_leg, cx + off, cy))
    side_y = cy - 10 if upward else cy + 10
    for x in (left - 6, right + 6):
        legs.append(partial(_side_leg, cx, side_y, x))
    return legs


def _straight_leg(x: float, y0: float, y: float) -> list[tuple[float, float]]:
    return [(x, y0), (x, y)]


def _side_leg(x0: float, side_y: float, x: float, y: float) -> list[tuple[float, float]]:
    return [(x0, side_y), (x, side_y), (x, y)]


def _reach(leg: Leg) -> tuple[float, float, float]:
    """Where a leg turns up or down to the strip (x, y), and its length to there."""
    pts = leg(0.0)[:-1]
    return pts[-1][0], pts[-1][1], sum(math.dist(p, q) for p, q in pairwise(pts))


def _climb(ya: float, yb: float, lo: float, hi: float) -> float:
    """The least way up or down from ya to a height in [lo, hi] and back to yb.

    Every route ``_route`` makes runs at a height inside its strip (see
    ``free_ys``), so one from legs turning at (xa, ya) and (xb, yb) is at
    least this plus |xa - xb| plus the legs' lengths to there; as a route
    costs at least its length, legs that cannot beat the best so far (with a
    unit to spare for rounding) are not tried.
    """
    return abs(ya - yb) + 2 * max(0.0, lo - max(ya, yb), min(ya, yb) - hi)


def _tracks(scene: _Scene, lo: float, hi: float, xa: float, xb: float, z: int, rows: tuple[int, int]) -> list[float]:
    """Heights to run along in the strip (lo, hi) between xa and xb, nearest the people first."""
    ys = scene.free_ys(lo, hi, min(xa, xb), max(xa, xb))
    # Over a row: keep low (close to the row); under it: keep high; between rows, the middle.
    if min(rows) >= z:
        ys.sort(key=lambda y: -y)
    elif max(rows) < z:
        ys.sort()
    else:
        mid = (lo + hi) / 2
        ys.sort(key=lambda y: abs(y - mid))
    return ys[:4]


def _gaps(scene: _Scene, rows: range, lo: float, hi: float, aim: float) -> list[float]:
    """x positions in lo-hi free of boxes on every row in ``rows``, nearest ``aim`` first."""
    y0 = min(scene.row_top[q] for q in rows if q in scene.row_top) if any(q in scene.row_top for q in rows) else 0.0
    y1 = max(scene.row_bottom[q] for q in rows if q in scene.row_bottom) if any(q in scene.row_bottom for q in rows) else 0.0
    spans: list[tuple[float, float]] = []
    for k in scene.grid.near(lo, y0, hi, y1):
        r = scene.obstacles[k]
        if r[0] < hi and lo < r[2] and r[1] < y1 and y0 < r[3]:
            spans.append((r[0] - 4, r[2] + 4))
    spans.sort()
    out: list[float] = []
    cursor = lo
    for a, b in spans + [(hi, hi)]:
        if a - cursor >= 4:
            out.append((cursor + a) / 2)
        cursor = max(cursor, b)
    out.sort(key=lambda x: abs(x - aim))
    return out[:6]


def _join(first: list[Point], last: list[Point]) -> list[Point]:
    return _clean(first + list(reversed(last)))


def _clean(pts: list[Point]) -> list[Point]:
    """Drop repeated points and points in the middle of a straight run."""
    out: list[Point] = []
    for p in pts:
        if out and abs(out[-1][0] - p[0]) < 1e-6 and abs(out[-1][1] - p[1]) < 1e-6:
            continue
        out.append(p)
    k = 1
    while k < len(out) - 1:
        (ax, ay), (bx, by), (cx, cy) = out[k - 1], out[k], out[k + 1]
        if abs((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)) < 1e-6 and (bx - ax) * (cx - bx) + (by - ay) * (cy - by) >= 0:
            del out[k]
        else:
            k += 1
    return out


def _cost(scene: _Scene, pts: list[Point], ends: tuple[str, str], bound: float = math.inf, extra: float = 0.0) -> float:
    """The route's cost plus ``extra``; or, once that is sure to reach ``bound``, a lower value still at least ``bound``.

    Callers keep only routes cheaper than ``bound``, so most candidates are
    dropped on their length alone, before any box or line is looked up. The
    terms are added in one fixed order, all are non-negative and float
    addition is monotonic, so a running total (or one with the terms not yet
    looked up left out) never exceeds the full cost: pruning changes no choice.
    """
    total = BEND * (len(pts) - 2)
    # A long way round is hard to follow: beyond half as long again as the straight line, length costs more.
    length = sum(math.dist(p, q) for p, q in pairwise(pts))
    total += DETOUR * max(0.0, length - 1.5 * math.dist(pts[0], pts[-1]) - 80)
    least = total
    for p, q in pairwise(pts):
        least += math.dist(p, q)
    if least + extra >= bound:
        return least + extra
    for p, q in pairwise(pts):
        hits, along, crossings = scene.terms(p, q, ends)
        total += math.dist(p, q)
        total += hits
        total += along
        total += crossings
        if total + extra >= bound:
            return total + extra
    for (ax, ay), (bx, by), (cx, cy) in zip(pts, pts[1:], pts[2:]):
        if (bx - ax) * (cx - bx) + (by - ay) * (cy - by) < 0:
            total += 1000.0  # a route that doubles back on itself is never wanted
    return total + extra


def _chamfer(scene: _Scene, pts: list[Point], ends: tuple[str, str]) -> list[Point]:
    """Cut each corner at 45 degrees (when that crosses nothing new), so routes read as relationship lines."""
    if len(pts) < 3:
        return pts
    out = [pts[0]]
    for k in range(1, len(pts) - 1):
        a, b, c = out[-1], pts[k], pts[k + 1]
        la, lc = math.dist(a, b), math.dist(b, c)
        d = min(CHAMFER, la / 2, lc / 2)
        if d < 1:
            out.append(b)
            continue
        p = (b[0] + (a[0] - b[0]) * d / la, b[1] + (a[1] - b[1]) * d / la)
        q = (b[0] + (c[0] - b[0]) * d / lc, b[1] + (c[1] - b[1]) * d / lc)
        if scene.hits(p, q, ends) > scene.hits(a, b, ends) + scene.hits(b, c, ends):
            out.append(b)
        else:
            out += [p, q]
    out.append(pts[-1])
    return out


def _beside(lines: list[tuple[Any, float, float, float]], a: Point, b: Point) -> float:
    """For horizontal ``lines`` (order, y, x0, x1): how much of a-b lies within NEAR of one, measured along x."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    total = 0.0
    for _, c, s0, s1 in lines:
        if dy == 0:
            if abs(a[1] - c) >= NEAR:
                continue
            t0, t1 = 0.0, 1.0
        else:
            t0, t1 = sorted(((c - NEAR - a[1]) / dy, (c + NEAR - a[1]) / dy))
            t0, t1 = max(t0, 0.0), min(t1, 1.0)
            if t0 >= t1:
                continue
        xa, xb = sorted((a[0] + t0 * dx, a[0] + t1 * dx))
        total += max(0.0, min(xb, s1) - max(xa, s0))
    return total


def _size(extent: float) -> float:
    """The cell size for an item this long: CELL, times 8 as often as needed for the item to span at most nine cells."""
    size = CELL
    while 8 * size < extent:
        size *= 8
    return size


def _crosses(a: Point, b: Point, r: Rect) -> bool:
    """True when segment a-b passes through the inside of r (shrunk by half a unit)."""
    return segment_crosses(a[0], a[1], b[0], b[1], r[0] + 0.5, r[1] + 0.5, r[2] - 0.5, r[3] - 0.5)
