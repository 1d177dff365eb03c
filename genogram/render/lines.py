"""Line styles: unions, descent, emotional relationships, households, gap markers.

Each style is drawn from the polyline the layout gives, so the layout alone
decides routing. Every function returns the legend key it used, and
:func:`draw_sample` draws that key's short sample for the legend.
"""

from __future__ import annotations

import math
from typing import Any

from genogram.render import theme as T
from genogram.render.element import Element
from genogram.render.symbols import el, path, poly_d
from genogram.render.theme import num

Pt = tuple[float, float]

UNION_TEXT = {
    "married": "Married",
    "widowed": "Married, partner died",
    "cohabiting": "Living together (dashed)",
    "dating": "Dating (dotted)",
    "casual": "Casual relationship (dotted)",
    "engaged": "Engaged (dashed, ring)",
    "separated": "Separated (one slash)",
    "divorced": "Divorced (two slashes)",
    "unknown": "Partners, status not recorded",
    "single": "Child of one recorded parent",
}
DESCENT_TEXT = {
    "biological": "Biological child",
    "adopted": "Adopted child (dashed)",
    "foster": "Foster child (dotted)",
    "twins": "Twins (lines from one point)",
    "identical": "Identical twins (joined by a bar)",
}
RELATION_TEXT = {
    "close": "Close (two lines)",
    "fused": "Fused (three lines)",
    "distant": "Distant (dotted)",
    "conflictual": "Conflictual (zigzag)",
    "hostile": "Hostile (heavy zigzag)",
    "close-hostile": "Close and hostile (lines and zigzag)",
    "cutoff": "Cut off (broken line between bars)",
    "abuse": "Abuse or violence (zigzag, arrow to the person harmed)",
    "neglect": "Neglect (dash-dot, arrow to the person neglected)",
    "caregiver": "Caregiving (line, arrow to the person cared for)",
}
OTHER_TEXT = {
    "household": "Household (dashed boundary)",
    "placement": "Placement (dash-dot boundary)",
    "household:past": "Past household (light dashed boundary)",
    "placement:past": "Past placement (light dash-dot boundary)",
    "gap": "Missing information (numbered, listed below)",
}


# ---------------------------------------------------------------- geometry


def _length(points: tuple[Pt, ...] | list[Pt]) -> float:
    return sum(math.dist(a, b) for a, b in zip(points, points[1:]))


def _at(points: tuple[Pt, ...] | list[Pt], distance: float) -> tuple[Pt, Pt]:
    """The point ``distance`` along the polyline and the unit direction there."""
    remaining = distance
    for a, b in zip(points, points[1:]):
        seg = math.dist(a, b)
        if seg == 0:
            continue
        if remaining <= seg:
            t = remaining / seg
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t), ((b[0] - a[0]) / seg, (b[1] - a[1]) / seg)
        remaining -= seg
    a, b = points[-2], points[-1]
    seg = math.dist(a, b) or 1.0
    return b, ((b[0] - a[0]) / seg, (b[1] - a[1]) / seg)


def _offset(points: tuple[Pt, ...] | list[Pt], by: float) -> list[Pt]:
    """The polyline shifted sideways by ``by`` (left of the direction of travel)."""
    out: list[Pt] = []
    n = len(points)
    for i, p in enumerate(points):
        normals: list[Pt] = []
        dirs = []
        if i > 0:
            dirs.append((points[i - 1], p))
        if i < n - 1:
            dirs.append((p, points[i + 1]))
        for a, b in dirs:
            d = math.dist(a, b) or 1.0
            normals.append((-(b[1] - a[1]) / d, (b[0] - a[0]) / d))
        nx = sum(v[0] for v in normals) / len(normals)
        ny = sum(v[1] for v in normals) / len(normals)
        scale = math.hypot(nx, ny) or 1.0
        factor = by / (scale * scale) if len(normals) > 1 else by
        out.append((p[0] + nx * factor, p[1] + ny * factor))
    return out


def _zigzag(points: tuple[Pt, ...] | list[Pt], amp: float = T.ZIGZAG_AMP, wave: float = T.ZIGZAG_WAVE, margin: float = 0.0) -> list[Pt]:
    """A zigzag along the polyline, segment by segment.

    Each straight run gets whole teeth and the zigzag passes through every
    corner, so a routed line keeps even teeth round its bends; a run too
    short for a tooth (a cut corner) is drawn straight.
    """
    total = _length(points)
    if margin:
        points = _trim(points, margin, max(margin, total - margin))
    pts = [p for k, p in enumerate(points) if k == 0 or math.dist(p, points[k - 1]) > 1e-9]
    if len(pts) < 2:
        return list(points)
    out: list[Pt] = [pts[0]]
    side = amp
    for a, b in zip(pts, pts[1:]):
        seg = math.dist(a, b)
        steps = int(seg / (wave / 2))
        if len(pts) == 2:
            steps = max(2, steps)
        if steps >= 2:
            dx, dy = (b[0] - a[0]) / seg, (b[1] - a[1]) / seg
            for k in range(1, steps):
                x, y = a[0] + (b[0] - a[0]) * k / steps, a[1] + (b[1] - a[1]) * k / steps
                out.append((x - dy * side, y + dx * side))
                side = -side
        out.append(b)
    return out


def _trim(points: tuple[Pt, ...] | list[Pt], start: float, end: float) -> list[Pt]:
    """The part of a polyline between two distances along it."""
    out = [_at(points, start)[0]]
    walked = 0.0
    for a, b in zip(points, points[1:]):
        walked += math.dist(a, b)
        if start < walked < end:
            out.append(b)
    out.append(_at(points, end)[0])
    return out


def _stroke(width: float = T.STROKE, dash: str | None = None, color: str = T.INK) -> dict[str, str]:
    out = {"fill": "none", "stroke": color, "stroke-width": num(width)}
    if dash:
        out["stroke-dasharray"] = dash
    return out


def _arrow(dwg: Any, group: Any, tip: Pt, direction: Pt, color: str) -> None:
    dx, dy = direction
    back = (tip[0] - dx * T.ARROW, tip[1] - dy * T.ARROW)
    w = T.ARROW * 0.45
    pts = [tip, (back[0] - dy * w, back[1] + dx * w), (back[0] + dy * w, back[1] - dx * w)]
    group.add(path(dwg, poly_d(pts, closed=True), fill=color, stroke="none"))


# ---------------------------------------------------------------- unions


def union_key(status: str | None, partners: int) -> str:
    if partners < 2:
        return "single"
    return status if status in UNION_TEXT else "unknown"


def draw_union(dwg: Any, group: Any, points: tuple[Pt, ...] | list[Pt], status: str | None, partners: int = 2) -> str:
    """A union line in its status's style, with separation/divorce slashes or an engagement ring."""
    key = union_key(status, partners)
    dash = {"cohabiting": T.DASH, "engaged": T.DASH, "dating": T.DOT, "casual": T.DOT}.get(key)
    color = T.GREY_DARK if key == "unknown" else T.INK
    group.add(path(dwg, poly_d(points), **_stroke(dash=dash, color=color)))
    if key in ("separated", "divorced", "engaged"):
        seg = _longest_horizontal(points)
        (x1, y), (x2, _) = seg
        left, right = min(x1, x2), max(x1, x2)
        # Off the midpoint, where children's lines start.
        cx = left + (right - left) * 0.3
        if key == "engaged":
            group.add(el(dwg, "circle", cx=num(cx), cy=num(y), r="3.5", fill=T.PAPER, stroke=T.INK, stroke_width=num(T.STROKE)))
        else:
            offsets = [0.0] if key == "separated" else [-3.0, 3.0]
            d = " ".join(poly_d([(cx + o - T.SLASH * 0.45, y + T.SLASH * 0.8), (cx + o + T.SLASH * 0.45, y - T.SLASH * 0.8)]) for o in offsets)
            group.add(path(dwg, d, **_stroke()))
    return "union:" + key


def _longest_horizontal(points: tuple[Pt, ...] | list[Pt]) -> tuple[Pt, Pt]:
    best = (points[0], points[-1])
    best_len = -1.0
    for a, b in zip(points, points[1:]):
        if abs(a[1] - b[1]) < 0.5 and abs(a[0] - b[0]) > best_len:
            best, best_len = (a, b), abs(a[0] - b[0])
    return best


# ---------------------------------------------------------------- descent


def draw_descent(dwg: Any, group: Any, points: tuple[Pt, ...] | list[Pt], relation: str) -> str:
    dash = {"adopted": T.DASH, "foster": T.DOT}.get(relation)
    group.add(path(dwg, poly_d(points), **_stroke(dash=dash)))
    return "descent:" + (relation if relation in DESCENT_TEXT else "biological")


def draw_twin_bar(dwg: Any, group: Any, lines: list[tuple[Pt, ...]]) -> None:
    """The bar joining identical twins' lines, just below the point they share."""
    if len(lines) < 2:
        return
    shared = 0
    while all(len(line) > shared + 1 for line in lines) and len({line[shared] for line in lines}) == 1:
        shared += 1
    apex_index = max(0, shared - 1)
    ends = []
    for line in lines:
        apex = line[apex_index]
        nxt = line[apex_index + 1] if len(line) > apex_index + 1 else line[-1]
        ends.append((apex[0] + (nxt[0] - apex[0]) * 0.5, apex[1] + (nxt[1] - apex[1]) * 0.5))
    ends.sort()
    group.add(path(dwg, poly_d([ends[0], ends[-1]]), **_stroke()))


# ---------------------------------------------------------------- relationships


def draw_relationship(dwg: Any, group: Any, points: tuple[Pt, ...] | list[Pt], kind: str) -> str:
    """An emotional relationship in its kind's style (greyscale, distinct by pattern)."""
    c = T.RELATIONSHIP_INK
    w = T.STROKE_RELATION
    g = T.PARALLEL_GAP
    total = _length(points)
    if total <= 0:
        return "rel:" + kind
    if kind == "close":
        for o in (-g / 2, g / 2):
            group.add(path(dwg, poly_d(_offset(points, o)), **_stroke(w, color=c)))
    elif kind == "fused":
        for o in (-g, 0.0, g):
            group.add(path(dwg, poly_d(_offset(points, o)), **_stroke(w, color=c)))
    elif kind == "distant":
        group.add(path(dwg, poly_d(points), **_stroke(w, T.DOT, c)))
    elif kind == "conflictual":
        group.add(path(dwg, poly_d(_zigzag(points)), **_stroke(w, color=c)))
    elif kind == "hostile":
        group.add(path(dwg, poly_d(_zigzag(points, amp=T.ZIGZAG_AMP * 1.5, wave=T.ZIGZAG_WAVE * 1.4)), **_stroke(w * 2, color=c)))
    elif kind == "close-hostile":
        for o in (-g / 2 - 1, g / 2 + 1):
            group.add(path(dwg, poly_d(_offset(points, o)), **_stroke(w, color=c)))
        group.add(path(dwg, poly_d(_zigzag(points, amp=T.ZIGZAG_AMP * 1.3)), **_stroke(w, color=c)))
    elif kind == "cutoff":
        mid = total / 2
        gap = min(6.0, total / 6)
        bar = 6.0
        for a, b in ((0.0, mid - gap), (mid + gap, total)):
            group.add(path(dwg, poly_d(_trim(points, a, b)), **_stroke(w, color=c)))
        for at in (mid - gap, mid + gap):
            (x, y), (dx, dy) = _at(points, at)
            group.add(path(dwg, poly_d([(x - dy * bar, y + dx * bar), (x + dy * bar, y - dx * bar)]), **_stroke(w * 1.4, color=c)))
    elif kind in ("abuse", "neglect", "caregiver"):
        body = _trim(points, 0.0, max(0.0, total - T.ARROW * 0.8))
        if kind == "abuse":
            group.add(path(dwg, poly_d(_zigzag(body)), **_stroke(w, color=c)))
        elif kind == "neglect":
            group.add(path(dwg, poly_d(body), **_stroke(w, T.NEGLECT_DASH, c)))
        else:
            group.add(path(dwg, poly_d(body), **_stroke(w, color=c)))
        tip, direction = _at(points, total)
        _arrow(dwg, group, tip, direction, c)
    else:
        group.add(path(dwg, poly_d(points), **_stroke(w, color=c)))
    return "rel:" + kind


# ---------------------------------------------------------------- households and gaps


def draw_household(dwg: Any, group: Any, points: tuple[Pt, ...] | list[Pt], placement: bool, past: bool = False) -> str:
    """A household boundary; one that has ended is drawn lighter so current homes stand out."""
    dash = T.PLACEMENT_DASH if placement else T.HOUSEHOLD_DASH
    color, width = (T.PAST_INK, T.STROKE_THIN) if past else (T.HOUSEHOLD_INK, T.STROKE_HOUSEHOLD)
    group.add(path(dwg, poly_d(points, closed=True), **_stroke(width, dash, color)))
    return ("placement" if placement else "household") + (":past" if past else "")


def draw_gap_marker(dwg: Any, group: Any, x: float, y: float, w: float, h: float, number: int) -> str:
    """A black disc with the gap's number in white (readable on any background)."""
    r = min(w, h) / 2
    cx, cy = x + w / 2, y + h / 2
    group.add(el(dwg, "circle", cx=num(cx), cy=num(cy), r=num(r), fill=T.GAP_MARK_FILL, stroke=T.PAPER, stroke_width="1"))
    size = r * (1.15 if number < 10 else 0.95)
    group.add(Element("text", {"x": num(cx), "y": num(cy + size * 0.36), "font-size": num(size), "font-weight": "bold", "text-anchor": "middle", "fill": T.GAP_MARK_TEXT}, str(number)))
    return "gap"


def line_text(key: str) -> str:
    kind, _, name = key.partition(":")
    if kind == "union":
        return UNION_TEXT[name]
    if kind == "descent":
        return DESCENT_TEXT[name]
    if kind == "rel":
        return RELATION_TEXT.get(name, name)
    return OTHER_TEXT[key]


def draw_sample(dwg: Any, group: Any, key: str, x: float, y: float, w: float, h: float) -> None:
    """The legend's short sample of a line key, drawn in ``(x, y, w, h)``."""
    kind, _, name = key.partition(":")
    cy = y + h / 2
    if key == "union:single":
        draw_union(dwg, group, [(x + w / 2, y + 1), (x + w / 2, y + h - 1)], None, 1)
    elif kind == "union":
        draw_union(dwg, group, [(x, y + 2), (x, cy + 3), (x + w, cy + 3), (x + w, y + 2)], None if name == "unknown" else name, 1 if name == "single" else 2)
    elif kind == "descent":
        if name in ("twins", "identical"):
            a, b, c = (x + w / 2, y + 1), (x + 3, y + h - 1), (x + w - 3, y + h - 1)
            group.add(path(dwg, poly_d([b, a, c]), **_stroke()))
            if name == "identical":
                draw_twin_bar(dwg, group, [(a, b), (a, c)])
        else:
            draw_descent(dwg, group, [(x + w / 2, y), (x + w / 2, y + h)], name)
    elif kind == "rel":
        draw_relationship(dwg, group, [(x, cy), (x + w, cy)], name)
    elif key.startswith(("household", "placement")):
        draw_household(dwg, group, [(x, y + 2), (x + w, y + 2), (x + w, y + h - 2), (x, y + h - 2)], key.startswith("placement"), key.endswith(":past"))
    elif key == "gap":
        draw_gap_marker(dwg, group, x + w / 2 - 8, cy - 8, 16, 16, 1)


def clip_ends(points: tuple[Pt, ...] | list[Pt], start_inside: Any, end_inside: Any) -> list[Pt]:
    """Shorten a polyline so it starts and ends on the shapes' outlines, not their boxes.

    ``start_inside`` and ``end_inside`` are predicates ``(x, y) -> bool``; an
    arrowhead then touches the symbol instead of hiding under it.
    """
    pts = list(points)
    total = _length(pts)
    if total <= 0:
        return pts

    def edge(inside_fn: Any, from_start: bool) -> float:
        # Bisection on the distance along the line where it leaves the shape.
        probe = (lambda d: _at(pts, d)[0]) if from_start else (lambda d: _at(pts, total - d)[0])
        if not inside_fn(*probe(0.0)):
            # The layout already ends on the box edge: extend inwards to the shape if needed.
            return 0.0
        low, high = 0.0, total / 2
        if inside_fn(*probe(high)):
            return 0.0
        for _ in range(24):
            mid = (low + high) / 2
            if inside_fn(*probe(mid)):
                low = mid
            else:
                high = mid
        return high

    start = edge(start_inside, True)
    end = total - edge(end_inside, False)
    if end - start < 4:
        return pts
    return _trim(pts, start, end)
