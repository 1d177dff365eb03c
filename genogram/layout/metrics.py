"""Score a genogram geometry against the rules people read genograms by.

Works on any :class:`GenogramGeometry` (ours, or one converted from another
engine) so layouts can be compared on equal terms. Hard-rule violations are
counted separately from soft costs (crossings, width, area). Relationship
lines are a layer drawn across the diagram and are not scored.
"""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from genogram.layout.geometry import Box, GenogramGeometry, segment_crosses

#: Height of the horizontal bands boxes are indexed by (a little under a line of text).
BAND = 16.0
EPS = 0.5


@dataclass(slots=True)
class LayoutMetrics:
    overlaps: int = 0
    off_row: int = 0
    partners_not_adjacent: int = 0
    lines_through_boxes: int = 0
    birth_order: int = 0
    sibships_split: int = 0
    crossings: int = 0
    width: float = 0.0
    height: float = 0.0
    area: float = 0.0
    examples: list[str] = field(default_factory=list)

    @property
    def violations(self) -> int:
        """Hard-rule violations; zero is the requirement."""
        return self.overlaps + self.off_row + self.partners_not_adjacent + self.lines_through_boxes + self.birth_order + self.sibships_split

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["violations"] = self.violations
        for key in ("width", "height", "area"):
            out[key] = round(out[key], 2)
        return out

    def summary(self) -> str:
        return (
            f"violations {self.violations} (overlaps {self.overlaps}, off row {self.off_row}, "
            f"partners apart {self.partners_not_adjacent}, lines through boxes {self.lines_through_boxes}, "
            f"birth order {self.birth_order}, split sibships {self.sibships_split}); "
            f"crossings {self.crossings}; width {self.width:.0f}, height {self.height:.0f}"
        )


def _what(described: tuple[str, str, str]) -> str:
    return " ".join(part for part in described if part)


def _note(m: LayoutMetrics, text: str) -> None:
    if len(m.examples) < 20:
        m.examples.append(text)


def measure(geo: GenogramGeometry, family: Any = None) -> LayoutMetrics:
    """Count violations and costs. ``family`` (the model) enables birth-order checks."""
    m = LayoutMetrics(width=geo.width, height=geo.height, area=geo.width * geo.height)
    # Every box that must stay clear, with who owns it and what it is
    # (formatted only when reported).
    boxes: list[tuple[Box, str, tuple[str, str, str]]] = []
    for p in geo.people:
        boxes.append((p.box, p.id, ("symbol", "", p.id)))
    for lab in geo.labels:
        boxes.append((lab.box, lab.for_, (lab.role, "label of", lab.for_)))
    for g in geo.gaps:
        if g.w > 0 and g.h > 0:
            boxes.append((g.box, g.subject or g.gap, ("gap marker", "", str(g.number))))
    # Boxes indexed by thin horizontal bands, sorted by x within each band.
    bands: dict[int, list[tuple[float, int]]] = {}
    for i, (b, _, _) in enumerate(boxes):
        for gy in range(int(b.y // BAND), int(b.bottom // BAND) + 1):
            bands.setdefault(gy, []).append((b.x, i))
    band_keys: dict[int, list[float]] = {}
    for gy, lst in bands.items():
        lst.sort()
        band_keys[gy] = [x for x, _ in lst]
    widest = max((b.w for b, _, _ in boxes), default=0.0)
    seen: set[tuple[int, int]] = set()
    for lst in bands.values():
        for a in range(len(lst)):
            i = lst[a][1]
            bi = boxes[i][0]
            for c in range(a + 1, len(lst)):
                x, j = lst[c]
                if x >= bi.right:
                    break
                pair = (i, j) if i < j else (j, i)
                if pair in seen:
                    continue
                if bi.overlaps(boxes[j][0]):
                    seen.add(pair)
                    m.overlaps += 1
                    _note(m, f"overlap: {_what(boxes[i][2])} and {_what(boxes[j][2])}")
    # Rows.
    rows: dict[int, dict[float, int]] = {}
    for p in geo.people:
        rows.setdefault(p.generation, {}).setdefault(round(p.y + p.h / 2, 1), 0)
        rows[p.generation][round(p.y + p.h / 2, 1)] += 1
    mode = {g: max(ys.items(), key=lambda kv: (kv[1], -kv[0]))[0] for g, ys in rows.items()}
    for p in geo.people:
        if round(p.y + p.h / 2, 1) != mode[p.generation]:
            m.off_row += 1
            _note(m, f"off row: {p.id}")
    # Partners: same row, nobody between them except other partners of either.
    by_id = {p.id: p for p in geo.people}
    partners: dict[str, set[str]] = {}
    for u in geo.unions:
        if len(u.partners) == 2:
            a, b = u.partners
            partners.setdefault(a, set()).add(b)
            partners.setdefault(b, set()).add(a)
    row_people: dict[float, list[tuple[float, str]]] = {}
    for p in geo.people:
        row_people.setdefault(round(p.y, 1), []).append((p.box.cx, p.id))
    for lst in row_people.values():
        lst.sort()
    for u in geo.unions:
        if len(u.partners) != 2 or u.partners[0] not in by_id or u.partners[1] not in by_id:
            continue
        a, b = by_id[u.partners[0]], by_id[u.partners[1]]
        if round(a.y, 1) != round(b.y, 1):
            m.partners_not_adjacent += 1
            _note(m, f"partners on different rows: {a.id}, {b.id}")
            continue
        lst = row_people[round(a.y, 1)]
        lo, hi = sorted((a.box.cx, b.box.cx))
        i = bisect.bisect_right(lst, (lo, "\uffff"))
        allowed = partners.get(a.id, set()) | partners.get(b.id, set())
        while i < len(lst) and lst[i][0] < hi:
            if lst[i][1] not in allowed:
                m.partners_not_adjacent += 1
                _note(m, f"{lst[i][1]} between partners {a.id} and {b.id}")
                break
            i += 1
    # Lines through boxes. Almost every segment is horizontal or vertical, so
    # boxes are indexed by horizontal band, sorted by x: a long channel line
    # costs a bisection, not a walk over every cell it spans.
    segments: list[tuple[tuple[float, float], tuple[float, float], set[str], tuple[str, str]]] = []
    for u in geo.unions:
        own = set(u.partners) | {u.id}
        for s in zip(u.points, u.points[1:]):
            segments.append((s[0], s[1], own, ("union", u.id)))
    for d in geo.children:
        own = {d.child}
        for s in zip(d.points, d.points[1:]):
            segments.append((s[0], s[1], own, ("descent line to", d.child)))
    for h in geo.households:
        own = {h.id}
        pts = list(h.points) + [h.points[0]] if h.points else []
        for s in zip(pts, pts[1:]):
            segments.append((s[0], s[1], own, ("household", h.id)))
    # Each box's inside, as the crossing test sees it (shrunk by EPS).
    inner = [(b.x + EPS, b.y + EPS, b.right - EPS, b.bottom - EPS) for b, _, _ in boxes]
    for (x1, y1), (x2, y2), own, what in segments:
        hit: set[int] = set()
        lo_x, hi_x = min(x1, x2), max(x1, x2)
        lo_y, hi_y = min(y1, y2), max(y1, y2)
        for gy in range(int(lo_y // BAND), int(hi_y // BAND) + 1):
            lst = bands.get(gy)
            if not lst:
                continue
            keys = band_keys[gy]
            for _, i in lst[bisect.bisect_left(keys, lo_x - widest - 1) : bisect.bisect_right(keys, hi_x + 1)]:
                b = inner[i]
                if b[2] < lo_x or b[0] > hi_x or b[3] < lo_y or b[1] > hi_y:
                    continue  # apart from the segment's bounding box: it cannot cross
                if i in hit or boxes[i][1] in own:
                    continue
                if segment_crosses(x1, y1, x2, y2, *b):
                    hit.add(i)
                    m.lines_through_boxes += 1
                    _note(m, f"{what[0]} {what[1]} passes through {_what(boxes[i][2])}")
    # Crossings between orthogonal union and descent segments: horizontal
    # segments grouped by height, each vertical checked against the heights
    # it spans.
    levels: dict[float, list[tuple[float, float]]] = {}
    verts: list[tuple[float, float, float]] = []
    for line in [u.points for u in geo.unions] + [d.points for d in geo.children]:
        for (x1, y1), (x2, y2) in zip(line, line[1:]):
            if abs(y1 - y2) < 1e-6 and abs(x1 - x2) > 1e-6:
                levels.setdefault(y1, []).append((min(x1, x2), max(x1, x2)))
            elif abs(x1 - x2) < 1e-6 and abs(y1 - y2) > 1e-6:
                verts.append((x1, min(y1, y2), max(y1, y2)))
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
    m.crossings = _count_crossings(level_ys, merged, trunks)
    if family is not None:
        _family_checks(m, geo, family, by_id)
    return m


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
        for a, b in zip(los, his):
            if a + EPS < b - EPS:
                events.append((b - EPS, 0, where[y], 0.0))  # leaves (before a query at the same x)
                events.append((a + EPS, 2, where[y], 0.0))  # enters (after a query at the same x)
    for x, lo, hi in trunks:
        events.append((x, 1, bisect.bisect_right(level_ys, lo + EPS), hi - EPS))
    events.sort()
    tree = [0] * (len(level_ys) + 1)

    def add(i: int, v: int) -> None:
        i += 1
        while i < len(tree):
            tree[i] += v
            i += i & -i

    def below(i: int) -> int:  # active segments at heights with index < i
        total = 0
        while i > 0:
            total += tree[i]
            i -= i & -i
        return total

    count = 0
    for _, kind, i, top in events:
        if kind == 0:
            add(i, -1)
        elif kind == 2:
            add(i, 1)
        else:
            j = bisect.bisect_left(level_ys, top)
            if j > i:
                count += below(j) - below(i)
    return count


def _family_checks(m: LayoutMetrics, geo: GenogramGeometry, family: Any, by_id: dict[str, Any]) -> None:
    """Birth order and contiguity of each sibship (needs the model's dates)."""
    partners: dict[str, set[str]] = {}
    for union in family.unions:
        for a in union.partners:
            partners.setdefault(a, set()).update(q for q in union.partners if q != a)
    siblings: dict[str, set[str]] = {}
    for union in family.unions:
        ids = {c.id for c in union.children}
        for c in ids:
            siblings.setdefault(c, set()).update(ids)
    born = {p.id: p.born.sort_key() if p.born else None for p in family.people}
    row_people: dict[float, list[tuple[float, str]]] = {}
    for p in geo.people:
        row_people.setdefault(round(p.y, 1), []).append((p.box.cx, p.id))
    for lst in row_people.values():
        lst.sort()
    # A child recorded in several families (birth family, then adoptive or
    # foster) can hang under only one: the first in the file is where they sit.
    first_family: dict[str, int] = {}
    for position, union in enumerate(family.unions):
        for c in union.children:
            first_family.setdefault(c.id, position)
    for position, union in enumerate(family.unions):
        kids = [c.id for c in union.children if c.id in by_id and first_family[c.id] == position]
        by_row: dict[float, list[str]] = {}
        for k in kids:
            by_row.setdefault(round(by_id[k].y, 1), []).append(k)
        for y, ks in by_row.items():
            ks = sorted(set(ks), key=lambda k: by_id[k].box.cx)
            dated = [born[k] for k in ks if born[k] is not None]
            for a in range(len(dated)):
                for b in range(a + 1, len(dated)):
                    if dated[a] > dated[b]:  # type: ignore[operator]
                        m.birth_order += 1
                        _note(m, f"siblings out of birth order among {', '.join(ks)}")
            if len(ks) < 2:
                continue
            lst = row_people[y]
            lo, hi = by_id[ks[0]].box.cx, by_id[ks[-1]].box.cx
            i = bisect.bisect_right(lst, (lo, "\uffff"))
            inside: list[str] = []
            while i < len(lst) and lst[i][0] < hi:
                if lst[i][1] not in siblings.get(ks[0], ()):
                    inside.append(lst[i][1])
                i += 1
            if inside:
                intruder = _first_outsider(ks, inside, partners, siblings)
                if intruder is not None:
                    m.sibships_split += 1
                    _note(m, f"{intruder} splits the sibship {', '.join(ks)}")


def _first_outsider(ks: list[str], inside: list[str], partners: dict[str, set[str]], siblings: dict[str, set[str]]) -> str | None:
    """The first of ``inside`` not in the families the sibship ``ks`` married into.

    Partners sit side by side, and each partner's own brothers and sisters
    sit beside them, and so on through their marriages. When a middle child
    marries, that whole married-in side has to sit between their older and
    younger siblings (or the other family's sibship has to take in ours), so
    it cannot count against the sibship. Everyone else does: a cousin's
    family or an unrelated one inside a sibship splits it. The search stops
    as soon as everyone inside is accounted for.
    """
    waiting = set(inside)
    seen = set(ks)  # the sibship itself is not a way through
    queue: deque[str] = deque()

    def reach(people: Iterable[str]) -> None:
        for q in people:
            if q not in seen:
                seen.add(q)
                queue.append(q)

    for k in ks:
        reach(partners.get(k, ()))
    while queue and waiting:
        q = queue.popleft()
        waiting.discard(q)
        reach(partners.get(q, ()))
        reach(siblings.get(q, ()))
    return next((q for q in inside if q in waiting), None)
