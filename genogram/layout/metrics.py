"""Score a genogram geometry against the rules people read genograms by.

Works on any :class:`GenogramGeometry` (ours, or one converted from another
engine) so layouts can be compared on equal terms. Hard-rule violations are
counted separately from soft costs (crossings, width, area). Relationship
lines are a layer drawn across the diagram and are not scored.

Scoring runs on every ``genogram layout``, so it works on plain floats read
once from the geometry (``.box`` builds a new Box on every access)
and its indexes do one dictionary operation per box where they can.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import compress, pairwise
from operator import lt
from typing import Any, TypeVar

from genogram.collector import collector_paused
from genogram.layout.geometry import GenogramGeometry, PersonBox, segment_crosses

#: Height of the horizontal bands boxes are indexed by (a little under a line of text).
BAND = 16.0
#: Width of the vertical columns boxes are also indexed by, for vertical lines.
COLUMN = 64.0
EPS = 0.5

Point = tuple[float, float]
Node = TypeVar("Node", str, int)


@dataclass(slots=True)
class LayoutMetrics:
    overlaps: int = 0
    off_row: int = 0
    partners_not_adjacent: int = 0
    #: Of partners_not_adjacent, the couples no left-to-right order of their partner group keeps together (partner_order.py).
    partners_not_adjacent_forced: int = 0
    lines_through_boxes: int = 0
    birth_order: int = 0
    #: Of birth_order, the pairs no drawing with partners side by side can keep (see forced_pairs).
    birth_order_forced: int = 0
    sibships_split: int = 0
    #: Descent lines whose child is not drawn one row below the parents (birth, then adopted or fostered).
    children_not_below: int = 0
    other_children_not_below: int = 0
    #: Unions whose children are drawn on more than one row.
    sibships_across_rows: int = 0
    crossings: int = 0
    width: float = 0.0
    height: float = 0.0
    area: float = 0.0
    examples: list[str] = field(default_factory=list)

    @property
    def violations(self) -> int:
        """Hard-rule violations; zero is the requirement (partners apart and siblings out of birth order
        only where some drawing keeps them together and in order)."""
        return (self.overlaps + self.off_row + self.partners_not_adjacent - self.partners_not_adjacent_forced
                + self.lines_through_boxes + self.birth_order - self.birth_order_forced + self.sibships_split)

    @property
    def aspect(self) -> float:
        """Width over height: how far the drawing is from fitting a page."""
        return self.width / self.height if self.height else 0.0

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["violations"] = self.violations
        out["aspect"] = round(self.aspect, 2)
        for key in ("width", "height", "area"):
            out[key] = round(out[key], 2)
        return out

    def summary(self) -> str:
        return (
            f"violations {self.violations} (overlaps {self.overlaps}, off row {self.off_row}, "
            f"partners apart {self.partners_not_adjacent} ({self.partners_not_adjacent_forced} forced), lines through boxes {self.lines_through_boxes}, "
            f"birth order {self.birth_order} ({self.birth_order_forced} forced), split sibships {self.sibships_split}); "
            f"not below a parent {self.children_not_below} birth, {self.other_children_not_below} other; "
            f"sibships across rows {self.sibships_across_rows}; "
            f"crossings {self.crossings}; width {self.width:.0f}, height {self.height:.0f}"
        )


def _what(described: tuple[str, str, str]) -> str:
    return " ".join(part for part in described if part)


def _note(m: LayoutMetrics, text: str) -> None:
    if len(m.examples) < 20:
        m.examples.append(text)


class _Boxes:
    """Every box that must stay clear, as parallel lists, with who owns each.

    Index ``i`` runs over the people, then the labels, then the gap markers
    that have a size. Boxes are indexed by thin horizontal bands, each band's
    boxes sorted by x (then index): a horizontal line costs one bisection,
    and neighbours in a band are the only candidates for overlapping.
    """

    __slots__ = ("bands", "bottom", "gaps", "labels", "owner", "people", "right", "tallest", "widest", "x", "y")

    def __init__(self, geo: GenogramGeometry) -> None:
        self.people = geo.people
        self.labels = geo.labels
        self.gaps = [g for g in geo.gaps if g.w > 0 and g.h > 0]
        items: list[Any] = [*self.people, *self.labels, *self.gaps]
        self.x: list[float] = [b.x for b in items]
        self.y: list[float] = [b.y for b in items]
        widths = [b.w for b in items]
        heights = [b.h for b in items]
        self.right = [x + w for x, w in zip(self.x, widths)]
        self.bottom = [y + h for y, h in zip(self.y, heights)]
        self.owner = [p.id for p in self.people] + [lab.for_ for lab in self.labels] + [g.subject or g.gap for g in self.gaps]
        self.widest = max(widths, default=0.0)
        self.tallest = max(heights, default=0.0)
        # Boxes with the same top and bottom lie in the same bands, and a
        # layout has few distinct ones: group first, then extend whole groups.
        # Groups come in order of their first box and bands top to bottom, so
        # the bands keep the order a box-by-box build would give them (the
        # order overlaps are reported in).
        spans: defaultdict[tuple[float, float], list[int]] = defaultdict(list)
        for i, span in enumerate(zip(self.y, self.bottom)):
            spans[span].append(i)
        bands: dict[int, list[int]] = {}
        for (top, bottom), members in spans.items():
            for gy in range(int(top // BAND), int(bottom // BAND) + 1):
                if gy in bands:
                    bands[gy].extend(members)
                else:
                    bands[gy] = list(members)
        xs = self.x
        for members in bands.values():
            members.sort()
            members.sort(key=xs.__getitem__)  # stable: by x, then index
        #: Band -> (its boxes by x then index, their x), in the order bands were met.
        self.bands = {gy: (members, [xs[i] for i in members]) for gy, members in bands.items()}

    def describe(self, i: int) -> str:
        """What box ``i`` is, as the examples say it."""
        if i < len(self.people):
            return _what(("symbol", "", self.people[i].id))
        i -= len(self.people)
        if i < len(self.labels):
            lab = self.labels[i]
            return _what((lab.role, "label of", lab.for_))
        return _what(("gap marker", "", str(self.gaps[i - len(self.labels)].number)))


def measure(geo: GenogramGeometry, family: Any = None) -> LayoutMetrics:
    """Count violations and costs. ``family`` (the model) enables birth-order checks."""
    with collector_paused():
        return _measure(geo, family)


def _measure(geo: GenogramGeometry, family: Any) -> LayoutMetrics:
    m = LayoutMetrics(width=geo.width, height=geo.height, area=geo.width * geo.height)
    boxes = _Boxes(geo)
    _overlaps(m, boxes)
    _off_row(m, geo)
    # People by row (rounded top), sorted by centre: for partners here and
    # sibships in the family checks.
    by_id = {p.id: p for p in geo.people}
    cx = {p.id: p.x + p.w / 2 for p in geo.people}
    row_people: dict[float, list[tuple[float, str]]] = {}
    for p in geo.people:
        row_people.setdefault(round(p.y, 1), []).append((p.x + p.w / 2, p.id))
    for lst in row_people.values():
        lst.sort()
    _partners_apart(m, geo, by_id, cx, row_people)
    _lines_through_boxes(m, geo, boxes)
    m.crossings = _crossings(geo)
    _generations(m, geo)
    if family is not None:
        _family_checks(m, family, by_id, cx, row_people)
    return m


def _generations(m: LayoutMetrics, geo: GenogramGeometry) -> None:
    """Descent lines that are not one row down, and unions whose children are on several rows."""
    gen = {p.id: p.generation for p in geo.people}
    parent_row = {u.id: gen[u.partners[0]] for u in geo.unions if u.partners and u.partners[0] in gen}
    rows: dict[str, set[int]] = {}
    for d in geo.children:
        r = parent_row.get(d.union)
        c = gen.get(d.child)
        if r is None or c is None:
            continue
        rows.setdefault(d.union, set()).add(c)
        if c != r + 1:
            if d.relation == "biological":
                m.children_not_below += 1
            else:
                m.other_children_not_below += 1
            _note(m, f"{d.child} is drawn {c - r} rows below the parents in {d.union}")
    for union, child_rows in rows.items():
        if len(child_rows) > 1:
            m.sibships_across_rows += 1
            _note(m, f"the children of {union} are on {len(child_rows)} rows")


def _overlaps(m: LayoutMetrics, boxes: _Boxes) -> None:
    """Pairs of boxes sharing interior area (touching edges do not count), each once."""
    xs, ys, rights, bottoms = boxes.x, boxes.y, boxes.right, boxes.bottom
    seen: set[tuple[int, int]] = set()
    for members, keys in boxes.bands.values():
        ends = [rights[i] for i in members]
        # Only a box whose right-hand neighbour in the band starts before it
        # ends can overlap anything to its right there; find those in C.
        for a in compress(range(len(members)), map(lt, keys[1:], ends)):
            i, end = members[a], ends[a]
            xi, yi, bi = xs[i], ys[i], bottoms[i]
            for c in range(a + 1, len(members)):
                if keys[c] >= end:
                    break
                j = members[c]
                pair = (i, j) if i < j else (j, i)
                if pair in seen:
                    continue
                # Box.overlaps with gap 0.
                if xi < rights[j] - 1e-6 and xs[j] < end - 1e-6 and yi < bottoms[j] - 1e-6 and ys[j] < bi - 1e-6:
                    seen.add(pair)
                    m.overlaps += 1
                    _note(m, f"overlap: {boxes.describe(i)} and {boxes.describe(j)}")


def _off_row(m: LayoutMetrics, geo: GenogramGeometry) -> None:
    """People whose centre is off the height most of their generation share."""
    centres = [round(p.y + p.h / 2, 1) for p in geo.people]
    rows: dict[int, dict[float, int]] = {}
    for p, cy in zip(geo.people, centres):
        ys = rows.setdefault(p.generation, {})
        ys[cy] = ys.get(cy, 0) + 1
    mode = {g: max(ys.items(), key=lambda kv: (kv[1], -kv[0]))[0] for g, ys in rows.items()}
    for p, cy in zip(geo.people, centres):
        if cy != mode[p.generation]:
            m.off_row += 1
            _note(m, f"off row: {p.id}")


def _partners_apart(
    m: LayoutMetrics, geo: GenogramGeometry, by_id: dict[str, PersonBox], cx: dict[str, float], row_people: dict[float, list[tuple[float, str]]]
) -> None:
    """Partners: same row, nobody between them except other partners of either."""
    partners: dict[str, set[str]] = {}
    for u in geo.unions:
        if len(u.partners) == 2:
            a, b = u.partners
            partners.setdefault(a, set()).add(b)
            partners.setdefault(b, set()).add(a)
    apart_at: list[str] = []  # one partner of each couple apart on its row
    for u in geo.unions:
        if len(u.partners) != 2 or u.partners[0] not in by_id or u.partners[1] not in by_id:
            continue
        pa, pb = by_id[u.partners[0]], by_id[u.partners[1]]
        if round(pa.y, 1) != round(pb.y, 1):
            m.partners_not_adjacent += 1
            _note(m, f"partners on different rows: {pa.id}, {pb.id}")
            continue
        # Everyone strictly between the partners' centres.
        lst = row_people[round(pa.y, 1)]
        lo, hi = sorted((cx[pa.id], cx[pb.id]))
        between = lst[bisect.bisect_right(lst, (lo, "\uffff")) : bisect.bisect_left(lst, (hi,))]
        if between:
            allowed = partners.get(pa.id, set()) | partners.get(pb.id, set())
            intruder = next((q for _, q in between if q not in allowed), None)
            if intruder is not None:
                m.partners_not_adjacent += 1
                apart_at.append(pa.id)
                _note(m, f"{intruder} between partners {pa.id} and {pb.id}")
    if apart_at:
        m.partners_not_adjacent_forced = _forced_apart(apart_at, partners, by_id, cx)


def _forced_apart(apart_at: list[str], partners: dict[str, set[str]], by_id: dict[str, PersonBox], cx: dict[str, float]) -> int:
    """Of the couples apart on a row, how many no order of their partner group could keep together.

    A group counts only when it lies on one row and the least any order can
    leave apart is proven (partner_order.least_apart); otherwise none of its
    couples is taken as forced.
    """
    from genogram.layout.partner_order import least_apart

    apart_in: dict[str, int] = {}
    group_of: dict[str, list[str]] = {}
    for start in apart_at:
        if start not in group_of:
            group, stack = [start], [start]
            seen = {start}
            while stack:
                for q in partners.get(stack.pop(), ()):
                    if q not in seen:
                        seen.add(q)
                        group.append(q)
                        stack.append(q)
            for p in group:
                group_of[p] = group
        apart_in[group_of[start][0]] = apart_in.get(group_of[start][0], 0) + 1
    forced = 0
    for first, apart in apart_in.items():
        group = group_of[first]
        if len({round(by_id[p].y, 1) for p in group if p in by_id}) != 1 or any(p not in by_id for p in group):
            continue
        drawn = sorted(group, key=lambda p: cx[p])
        least = least_apart(drawn, {p: frozenset(partners[p]) for p in group})
        forced += min(apart, least or 0)
    return forced


def _lines_through_boxes(m: LayoutMetrics, geo: GenogramGeometry, boxes: _Boxes) -> None:
    """Union, descent and household lines that pass through a box they do not belong to.

    Almost every segment is horizontal or vertical. A horizontal one asks its
    one band (a bisection on x); a vertical one asks one column of boxes
    sorted by top (a bisection on y), not every band it spans. Anything else
    walks the bands. Hits on one segment are reported in band order, then by
    x, as the band walk finds them.
    """
    xs, ys, owner, bands = boxes.x, boxes.y, boxes.owner, boxes.bands
    bisect_left, bisect_right = bisect.bisect_left, bisect.bisect_right
    # Each box's inside, as the crossing test sees it (shrunk by EPS).
    inner = [(x + EPS, y + EPS, r - EPS, b - EPS) for x, y, r, b in zip(xs, ys, boxes.right, boxes.bottom)]
    grouped: defaultdict[int, list[int]] = defaultdict(list)
    for i, (x, r) in enumerate(zip(xs, boxes.right)):
        for c in range(int(x // COLUMN), int(r // COLUMN) + 1):
            grouped[c].append(i)
    #: Column -> (the boxes reaching into it by top, their tops).
    columns: dict[int, tuple[list[int], list[float]]] = {}
    for c, members in grouped.items():
        members.sort(key=ys.__getitem__)
        columns[c] = (members, [ys[i] for i in members])
    left_reach = boxes.widest + 1  # a box starting this far left of a point may still cover it
    up_reach = boxes.tallest + 1

    lines: list[tuple[Sequence[Point], tuple[str, ...], tuple[str, str]]] = []
    for u in geo.unions:
        lines.append((u.points, (*u.partners, u.id), ("union", u.id)))
    for d in geo.children:
        lines.append((d.points, (d.child,), ("descent line to", d.child)))
    for h in geo.households:
        lines.append(((*h.points, h.points[0]) if h.points else (), (h.id,), ("household", h.id)))

    for points, own, what in lines:
        for (x1, y1), (x2, y2) in pairwise(points):
            if y1 == y2:
                band = bands.get(int(y1 // BAND))
                if band is None:
                    continue
                lo_x, hi_x = (x1, x2) if x1 <= x2 else (x2, x1)
                lo_y = hi_y = y1
                members, keys = band
                candidates = members[bisect_left(keys, lo_x - left_reach) : bisect_right(keys, hi_x + 1)]
            elif x1 == x2:
                column = columns.get(int(x1 // COLUMN))
                if column is None:
                    continue
                lo_x = hi_x = x1
                lo_y, hi_y = (y1, y2) if y1 <= y2 else (y2, y1)
                members, tops = column
                candidates = members[bisect_left(tops, lo_y - up_reach) : bisect_right(tops, hi_y + 1)]
            else:
                lo_x, hi_x = (x1, x2) if x1 <= x2 else (x2, x1)
                lo_y, hi_y = (y1, y2) if y1 <= y2 else (y2, y1)
                candidates = []
                for gy in range(int(lo_y // BAND), int(hi_y // BAND) + 1):
                    band = bands.get(gy)
                    if band is not None:
                        members, keys = band
                        candidates += members[bisect_left(keys, lo_x - left_reach) : bisect_right(keys, hi_x + 1)]
            hits: list[int] = []
            for i in candidates:
                b = inner[i]
                if b[2] < lo_x or b[0] > hi_x or b[3] < lo_y or b[1] > hi_y:
                    continue  # apart from the segment's bounding box: it cannot cross
                if i in hits or owner[i] in own:
                    continue
                if segment_crosses(x1, y1, x2, y2, *b):
                    hits.append(i)
            if not hits:
                continue
            if len(hits) > 1 and x1 == x2 and y1 != y2:
                # Column order is by top; report in band order like the others:
                # the first band of the segment the box is in, then x, then index.
                first = int(lo_y // BAND)
                hits.sort(key=lambda i: (max(int(ys[i] // BAND), first), xs[i], i))
            for i in hits:
                m.lines_through_boxes += 1
                _note(m, f"{what[0]} {what[1]} passes through {boxes.describe(i)}")


def _crossings(geo: GenogramGeometry) -> int:
    """Crossings between orthogonal union and descent segments.

    Horizontal segments are grouped by height, each vertical checked against
    the heights it spans.
    """
    levels: dict[float, list[tuple[float, float]]] = {}
    verts: list[tuple[float, float, float]] = []
    for lines in ([u.points for u in geo.unions], [d.points for d in geo.children]):
        for line in lines:
            for (x1, y1), (x2, y2) in pairwise(line):
                if abs(y1 - y2) < 1e-6 and abs(x1 - x2) > 1e-6:
                    levels.setdefault(y1, []).append((x1, x2) if x1 <= x2 else (x2, x1))
                elif abs(x1 - x2) < 1e-6 and abs(y1 - y2) > 1e-6:
                    verts.append((x1, y1, y2) if y1 <= y2 else (x1, y2, y1))
    level_ys = sorted(levels)
    # Per height, the union of its segments (a point strictly inside one
    # segment is strictly inside the union, given segments that merely touch
    # are kept apart), so each vertical asks one bisection per height.
    merged: dict[float, tuple[list[float], list[float]]] = {}
    for y, ivs in levels.items():
        ivs.sort()
        los: list[float] = []
        his: list[float] = []
        for a, b in ivs:
            if his and a + EPS < his[-1] - EPS:
                his[-1] = max(his[-1], b)
            else:
                los.append(a)
                his.append(b)
        merged[y] = (los, his)
    # Descent lines from one union share their first vertical: merge
    # collinear verticals so a shared trunk is asked about once.
    verts.sort()
    trunks: list[tuple[float, float, float]] = []
    for x, lo, hi in verts:
        if trunks and trunks[-1][0] == x and lo + EPS < trunks[-1][2] - EPS:
            trunks[-1] = (x, trunks[-1][1], max(trunks[-1][2], hi))
        else:
            trunks.append((x, lo, hi))
    return _count_crossings(level_ys, merged, trunks)


def _count_crossings(
    level_ys: list[float], merged: dict[float, tuple[list[float], list[float]]], trunks: list[tuple[float, float, float]]
) -> int:
    """Count vertical-horizontal crossings with a sweep over x (no enumeration).

    Merged segments on one height are disjoint and merged verticals on one x
    are disjoint, so each crossing point is one (vertical, segment) pair. A
    Fenwick tree over heights holds the segments under the sweep line; a
    family drawn with thousands of crossings costs no more than one with few.
    """
    where = {y: i for i, y in enumerate(level_ys)}
    events: list[tuple[float, int, int, float]] = []
    for y, (los, his) in merged.items():
        at = where[y]
        for a, b in zip(los, his):
            if a + EPS < b - EPS:
                events.append((b - EPS, 0, at, 0.0))  # leaves (before a query at the same x)
                events.append((a + EPS, 2, at, 0.0))  # enters (after a query at the same x)
    bisect_right, bisect_left = bisect.bisect_right, bisect.bisect_left
    for x, lo, hi in trunks:
        events.append((x, 1, bisect_right(level_ys, lo + EPS), hi - EPS))
    events.sort()
    # The tree's updates and prefix sums are written out in the loop rather
    # than as helper functions: this is the hot loop, run once per event.
    tree = [0] * (len(level_ys) + 1)
    size = len(tree)
    count = 0
    for _, kind, i, top in events:
        if kind == 1:
            j = bisect_left(level_ys, top)
            if j > i:  # active segments at heights with index in [i, j)
                while j:
                    count += tree[j]
                    j &= j - 1
                while i:
                    count -= tree[i]
                    i &= i - 1
        else:
            step = 1 if kind == 2 else -1
            i += 1
            while i < size:
                tree[i] += step
                i += i & -i
    return count


def _family_checks(
    m: LayoutMetrics, family: Any, by_id: dict[str, PersonBox], cx: dict[str, float], row_people: dict[float, list[tuple[float, str]]]
) -> None:
    """Birth order and contiguity of each sibship (needs the model's dates)."""
    siblings: dict[str, set[str]] = {}
    for union in family.unions:
        ids = {c.id for c in union.children}
        for c in ids:
            siblings.setdefault(c, set()).update(ids)
    # Built the first time a sibship has someone inside (see _first_outsider).
    sides: FamilySides | None = None
    born = {p.id: p.born.sort_key() if p.born else None for p in family.people}
    # A child recorded in several families (birth family, then adoptive or
    # foster) can hang under only one: the first in the file is where they sit.
    first_family: dict[str, int] = {}
    for position, union in enumerate(family.unions):
        for c in union.children:
            first_family.setdefault(c.id, position)
    sibships: list[list[str]] = []  # dated members of each sibship on one row
    inverted: list[tuple[str, str]] = []  # (older, younger) drawn the wrong way round
    for position, union in enumerate(family.unions):
        kids = [c.id for c in union.children if c.id in by_id and first_family[c.id] == position]
        by_row: dict[float, list[str]] = {}
        for k in kids:
            by_row.setdefault(round(by_id[k].y, 1), []).append(k)
        for y, ks in by_row.items():
            ks = sorted(dict.fromkeys(ks), key=cx.__getitem__)  # ties keep file order (a set would follow the hash seed)
            dated = [(b, k) for k in ks if (b := born[k]) is not None]
            sibships.append([k for _, k in dated])
            for a in range(len(dated)):
                for b in range(a + 1, len(dated)):
                    if dated[a][0] > dated[b][0]:
                        m.birth_order += 1
                        inverted.append((dated[b][1], dated[a][1]))
                        _note(m, f"siblings out of birth order among {', '.join(ks)}")
            if len(ks) < 2:
                continue
            # Everyone strictly between the outermost siblings' centres.
            lst = row_people[y]
            between = lst[bisect.bisect_right(lst, (cx[ks[0]], "\uffff")) : bisect.bisect_left(lst, (cx[ks[-1]],))]
            own = siblings.get(ks[0], set())
            inside = [q for _, q in between if q not in own]
            if inside:
                if sides is None:
                    sides = FamilySides(family)
                intruder = _first_outsider(ks, inside, position, sides)
                if intruder is not None:
                    m.sibships_split += 1
                    _note(m, f"{intruder} splits the sibship {', '.join(ks)}")
    if inverted:
        rows = {k: round(box.y, 1) for k, box in by_id.items()}
        m.birth_order_forced = forced_count(family, sibships, born, rows, inverted)


def forced_pairs(
    family: Any, sibships: list[list[str]], born: dict[str, Any], rows: dict[str, float]
) -> set[tuple[str, str]]:
    """Sibling pairs (older, younger) that some drawing must put out of birth order, whatever it does.

    Partners sit side by side, so everyone linked by partnerships on one row
    (a couple chain: a person, their partners, their partners' partners)
    sits in one unbroken stretch, and the chains come in some order. Each
    pair of siblings in different chains asks for the older one's chain
    left of the younger one's: an edge between chains. Where those edges
    form a cycle (two brothers married to two sisters in the opposite birth
    order; longer rings through three or more families) no order of the
    chains keeps them all, and every edge on such a cycle is a pair that may
    have to give: a pair is forced when the younger one's chain reaches the
    older one's along the edges (they lie in one strongly connected
    component, Tarjan 1972). A pair in one chain or on no cycle can always
    be kept. ``rows``: each person's row (partners on other rows are not
    kept side by side and do not join chains).
    """
    pairs, edges = _chain_demands(family, sibships, born, rows)
    component = strong_components({a: {b for _, b in bs} for a, bs in edges.items()})
    return {(o, y) for o, y, co, cy in pairs if component[co] == component[cy]}


def forced_count(
    family: Any, sibships: list[list[str]], born: dict[str, Any], rows: dict[str, float], inverted: Iterable[tuple[str, str]]
) -> int:
    """How many of the ``inverted`` pairs (older, younger) no drawing could have kept.

    Within each ring of demands (see forced_pairs) some order of its chains
    breaks fewest pairs (linear_order.fewest_broken: exact for small rings,
    a lower bound for larger ones); of a ring's inverted pairs, only that
    many count as forced, the rest could have been kept.
    """
    from genogram.layout.linear_order import fewest_broken

    pairs, edges = _chain_demands(family, sibships, born, rows)
    component = strong_components({a: {b for _, b in bs} for a, bs in edges.items()})
    chain_of = {(o, y): (co, cy) for o, y, co, cy in pairs}
    out_of_order: dict[int, int] = {}
    for pair in inverted:
        ends = chain_of.get(pair)
        if ends is not None and component[ends[0]] == component[ends[1]]:
            out_of_order[component[ends[0]]] = out_of_order.get(component[ends[0]], 0) + 1
    if not out_of_order:
        return 0
    weight: dict[tuple[str, str], int] = {}
    members: dict[int, list[str]] = {}
    for a, bs in edges.items():
        for _, b in bs:
            if component[a] == component[b]:
                weight[a, b] = weight.get((a, b), 0) + 1
    for chain, c in sorted(component.items()):
        if c in out_of_order:
            members.setdefault(c, []).append(chain)
    return sum(min(n, fewest_broken(members[c], weight)[0]) for c, n in out_of_order.items())


def _chain_demands(
    family: Any, sibships: list[list[str]], born: dict[str, Any], rows: dict[str, float]
) -> tuple[list[tuple[str, str, str, str]], dict[str, list[tuple[str, str]]]]:
    """Sibling pairs in different couple chains (older, younger, older's chain, younger's) and, per chain, (pair's older, younger's chain)."""
    chain = {k: k for k in rows}

    def find(a: str) -> str:
        while chain[a] != a:
            chain[a] = chain[chain[a]]
            a = chain[a]
        return a

    for union in family.unions:
        ps = [q for q in union.partners if q in rows]
        for q in ps[1:]:
            if rows[q] == rows[ps[0]]:
                chain[find(q)] = find(ps[0])
    edges: dict[str, list[tuple[str, str]]] = {}
    pairs: list[tuple[str, str, str, str]] = []
    for ks in sibships:
        for i, a in enumerate(ks):
            for b in ks[i + 1 :]:
                older, younger = (a, b) if born[a] < born[b] else (b, a)
                if born[a] == born[b] or find(older) == find(younger):
                    continue
                edges.setdefault(find(older), []).append((older, find(younger)))
                pairs.append((older, younger, find(older), find(younger)))
    return pairs, edges


def strong_components(edges: Mapping[Node, Iterable[Node]]) -> dict[Node, int]:
    """Tarjan's strongly connected components, iteratively: node -> component number (every node met)."""
    index: dict[Node, int] = {}
    low: dict[Node, int] = {}
    component: dict[Node, int] = {}
    stack: list[Node] = []
    on_stack: set[Node] = set()
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    number = index[v]  # the root's index names the component
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        component[w] = number
                        if w == v:
                            break
    return component


class FamilySides:
    """Which side of a union each person is on, were the union taken out of the family.

    The family is a graph of people and unions (partners and children join
    their union). Taking out a sibship's union leaves the sibship's own line
    and the families it married into on the sibship's side, and the parents'
    side of the family (cousins, half brothers and sisters) on another,
    unless a loop (a cousin marriage) joins them. One depth-first search
    with low links (Hopcroft and Tarjan's cut vertices) answers this for
    every union at once: a child subtree of the union whose low link does
    not reach above it falls away on its own, everything else stays joined.
    """

    __slots__ = ("kids", "low", "node", "parent", "partners", "tin", "tout", "tree")

    def __init__(self, family: Any) -> None:
        node: dict[str, int] = {}
        for p in family.people:
            node.setdefault(p.id, len(node))
        n = len(node)
        adj: list[list[int]] = [[] for _ in range(n + len(family.unions))]
        for u, union in enumerate(family.unions):
            ids = dict.fromkeys([node[q] for q in union.partners if q in node] + [node[c.id] for c in union.children if c.id in node])
            adj[n + u] = list(ids)
            for q in ids:
                adj[q].append(n + u)
        self.node = node
        self.partners = [frozenset(union.partners) for union in family.unions]
        self._search(adj)

    def _search(self, adj: list[list[int]]) -> None:
        total = len(adj)
        tin = [-1] * total
        tout = [0] * total
        low = [0] * total
        parent = [-1] * total
        tree = [0] * total
        kids: list[list[int]] = [[] for _ in range(total)]
        timer = 0
        for root in range(total):
            if tin[root] != -1:
                continue
            tin[root] = low[root] = timer
            timer += 1
            tree[root] = root
            stack = [(root, iter(adj[root]))]
            while stack:
                v, it = stack[-1]
                for w in it:
                    if tin[w] == -1:
                        parent[w], tree[w] = v, root
                        tin[w] = low[w] = timer
                        timer += 1
                        kids[v].append(w)
                        stack.append((w, iter(adj[w])))
                        break
                    if w != parent[v] and tin[w] < low[v]:
                        low[v] = tin[w]
                else:
                    stack.pop()
                    tout[v] = timer
                    up = parent[v]
                    if up != -1 and low[v] < low[up]:
                        low[up] = low[v]
        self.tin, self.tout, self.low, self.parent, self.tree, self.kids = tin, tout, low, parent, tree, kids

    def whole(self) -> FamilySides:
        return self

    def tree_of(self, person: str) -> int:
        """An id for the connected family ``person`` belongs to (-1: not in the family)."""
        x = self.node.get(person)
        return -1 if x is None else self.tree[x]

    def only_other_families_outside(self, union: int, allowed: set[int]) -> bool:
        """Whether everyone connected to ``union`` is on one of the ``allowed`` sides.

        Then only people of other, unconnected families (side -1) can be
        outside a sibship of this union whose sides are ``allowed``.
        """
        c = len(self.node) + union
        detached = [ch for ch in self.kids[c] if self.parent[c] == -1 or self.low[ch] >= self.tin[c]]
        if c not in allowed and (self.parent[c] != -1 or len(detached) < len(self.kids[c])):
            return False  # the part joined to the rest holds people, and they may not sit inside
        return all(ch in allowed for ch in detached)

    def tree_of_union(self, union: int) -> int:
        return self.tree[len(self.node) + union]

    def one_side(self, union: int, people: Iterable[str]) -> bool:
        """Whether people joined by partnerships all lie on one side of ``union`` (so one side() answers for all).

        They stay joined without the union unless two of them are joined only as its partners.
        """
        return self.partners[union].isdisjoint(people)

    def side(self, union: int, person: str) -> int:
        """An id for the part of the family ``person`` is in once ``union`` is taken out (-1: not connected)."""
        c = len(self.node) + union
        x = self.node.get(person)
        if x is None or self.tree[x] != self.tree[c]:
            return -1
        tin = self.tin
        if tin[c] < tin[x] < self.tout[c]:
            kids = self.kids[c]
            ch = kids[_last_at_or_before(kids, tin, tin[x])]
            if self.parent[c] == -1 or self.low[ch] >= tin[c]:
                return ch
        return c  # the part that stays joined to the rest of the family


def _last_at_or_before(kids: list[int], tin: list[int], t: int) -> int:
    lo, hi = 0, len(kids) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if tin[kids[mid]] <= t:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _first_outsider(ks: list[str], inside: list[str], union: int, sides: FamilySides) -> str | None:
    """The first of ``inside`` who is neither the sibship's own line nor a family it married into.

    Partners sit side by side, and each partner's own brothers and sisters
    sit beside them, and so on through their marriages. When a middle child
    marries, that whole married-in side has to sit between their older and
    younger siblings (or the other family's sibship has to take in ours), so
    it cannot count against the sibship. The same holds further down: the
    parents of a grandchild's (or stepchild's) partner belong on the
    sibship's row, their true generation, and wherever that couple sits they
    sit among the sibship's subtrees. So everyone still joined to a member
    of the sibship once the sibship's own union is taken out of the family
    may sit inside it (FamilySides). Everyone else splits it: the parents'
    side of the family (cousins, half brothers and sisters) and unrelated
    families.
    """
    own = {sides.side(union, k) for k in ks}
    own.discard(-1)
    return next((q for q in inside if sides.side(union, q) not in own), None)
