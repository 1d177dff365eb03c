"""Ecomap layout: the family's world as data (centre, members, systems, lines).

Pure: a :class:`~genogram.model.Family` in, an :class:`EcomapGeometry` out, so
the same numbers feed the SVG, the JSON export and :func:`ecomap_overlaps`.

How it is placed, and why:

* Systems sit on a ring around the centre, one angular sector per group of
  kinds (education, health, ...), so a reader finds "school" in the same
  place on every map. The ring grows until nothing overlaps (checked with
  :func:`ecomap_overlaps`, not assumed).
* Inside the centre, the member with most connections sits in the middle and
  the others on a small inner ring, each turned towards its own systems and
  away from the middle member's lines, so no line crosses a member's symbol.
* A relative living elsewhere is a circle of their own (with
  ``include_family``, or whenever the file gives them a connection), and
  their own systems sit on an outer ring just beyond them, joined to them,
  so the map reaches across households: the GP of a mother who lives apart
  is on her child's map. A system several people share is one circle with
  a line to each. A connection with a household outside the centre is a
  line to each of its members. Nothing in ``connections`` is left out
  without a note, and :attr:`EcomapGeometry.connections` says how each one
  was drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from genogram.layout.geometry import Box, Label, PersonBox, Point, r, segment_crosses

if TYPE_CHECKING:
    from genogram.model import Family

#: Groups in clockwise order from the top; each lists the system words it holds.
GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("education", "Education", ("school", "college", "nursery", "education", "university")),
    ("health", "Health", ("health", "gp", "camhs", "hospital", "mental-health", "dentist")),
    ("social-care", "Social care", ("social-care", "social-work", "early-help", "children-services")),
    ("justice", "Justice", ("youth-justice", "police", "probation", "court", "justice")),
    ("family-friends", "Family and friends", ("friends", "peers", "extended-family", "family")),
    ("community", "Community", ("faith", "community", "leisure", "sport", "youth-club")),
    ("work-money", "Work and money", ("work", "benefits", "employment", "money")),
    ("housing", "Housing", ("housing",)),
    ("other", "Other", ()),
)
_GROUP_OF = {word: key for key, _, words in GROUPS for word in words}
_GROUP_ORDER = {key: i for i, (key, _, _) in enumerate(GROUPS)}

SYMBOL = 24.0  # member symbol size
SYSTEM_R = 30.0  # system circle radius
LABEL_SIZE = 10.0
MEMBER_LABEL_SIZE = 8.5
LABEL_MAX_W = 100.0
LINE_H = 1.25
INDEX_GAP = 4.0  # the index child's second outline (as in the genogram)
MARGIN = 24.0
TITLE_SIZE = 14.0
LEGEND_ROW = 18.0
LEGEND_W = 250.0

#: Emotional relationship kinds mapped to connection strengths for relatives drawn as systems.
_REL_STRENGTH = {
    "close": "strong",
    "fused": "strong",
    "caregiver": "strong",
    "distant": "tenuous",
    "conflictual": "stressful",
    "hostile": "stressful",
    "close-hostile": "stressful",
    "abuse": "stressful",
    "neglect": "stressful",
    "cutoff": "broken",
}


def group_of(system: str) -> str:
    """The group key for a system word; unknown words go to ``other``."""
    return _GROUP_OF.get(system, "other")


@dataclass(frozen=True, slots=True)
class CentreCircle:
    """The household (or family) in the middle of the map."""

    id: str
    name: str
    cx: float
    cy: float
    r: float
    members: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "cx": r(self.cx), "cy": r(self.cy), "r": r(self.r), "members": list(self.members)}


@dataclass(frozen=True, slots=True)
class SystemCircle:
    """One outside system (school, GP, a relative living elsewhere ...)."""

    id: str
    name: str
    kind: str
    group: str
    cx: float
    cy: float
    r: float
    #: For a relative drawn as a system (``--include-family``): their person id.
    person: str | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "kind": self.kind, "group": self.group, "cx": r(self.cx), "cy": r(self.cy), "r": r(self.r)}
        if self.person is not None:
            out["person"] = self.person
        return out


@dataclass(frozen=True, slots=True)
class EcomapLine:
    """A connection: from the system's circle to a member's symbol or the centre's edge.

    ``points[0]`` is at the system, ``points[-1]`` at the family end. ``with_``
    is the person or household id, or ``None`` for the whole family.
    """

    system: str
    with_: str | None
    strength: str
    flow: str | None
    points: tuple[Point, ...]
    #: "member" when the line ends at a member's symbol, "centre" at the circle's edge,
    #: "relative" at the circle of a relative living elsewhere.
    ends_at: str = "centre"
    #: What the line ends at: the member's id, or the relative's circle's id (None at the centre's edge).
    to: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "with": self.with_,
            "strength": self.strength,
            "flow": self.flow,
            "ends_at": self.ends_at,
            **({"to": self.to} if self.to is not None else {}),
            "points": [[r(x), r(y)] for x, y in self.points],
        }


@dataclass(slots=True)
class EcomapGeometry:
    """Everything the ecomap renderer draws and :func:`ecomap_overlaps` scores."""

    centre: CentreCircle
    members: list[PersonBox] = field(default_factory=list)
    systems: list[SystemCircle] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    lines: list[EcomapLine] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    title: Label | None = None
    legend: Box | None = None
    #: Strengths and flows drawn, in legend order (the legend shows exactly these).
    strengths: tuple[str, ...] = ()
    flows: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    #: Every entry of the file's ``connections``, in file order: whether and how it was drawn.
    connections: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "centre": self.centre.as_json(),
            "members": [{"id": m.id, "x": r(m.x), "y": r(m.y), "w": r(m.w), "h": r(m.h)} for m in self.members],
            "systems": [s.as_json() for s in self.systems],
            "labels": [label.as_json() for label in self.labels],
            "lines": [line.as_json() for line in self.lines],
            "width": r(self.width),
            "height": r(self.height),
            "notes": list(self.notes),
            "connections": list(self.connections),
        }


# --------------------------------------------------------------------------- choosing what to draw


@dataclass(slots=True)
class _System:
    id: str
    name: str
    kind: str
    group: str
    order: int
    person: str | None = None
    outer: bool = False  # a system of relatives living elsewhere only: on the outer ring, beyond them
    side_label: bool = False  # a relative with outer systems: the label beside the circle, clear of their lines
    side: float = 1.0  # which side: +1 clockwise, -1 anticlockwise (towards the wider gap on the ring)
    radius: float = 0.0  # the outer ring's radius, for an outer system
    label_lines: tuple[str, ...] = ()
    label_w: float = 0.0
    label_h: float = 0.0
    angle: float = 0.0


@dataclass(slots=True)
class _Link:
    system: str
    with_: str | None
    strength: str
    flow: str | None
    member: str | None  # the member the line ends at, if any
    relative: str | None = None  # the relative's circle the line ends at, if any
    connection: int | None = None  # the position of its entry in the file's connections


def _person_name(family: Family, pid: str) -> str:
    from genogram.text import clean

    person = family.person_by_id.get(pid)
    if person is None:
        return pid
    if person.name:
        return clean(person.name)
    return "Unknown person" if person.unknown else pid


def _centre(family: Family, centre: str | None) -> tuple[str, str, list[str]]:
    """(id, display name, member ids) of the centre; raises ValueError with a plain reason."""
    from genogram.text import clean

    if centre is not None:
        if centre in family.household_by_id:
            household = family.household_by_id[centre]
            return household.id, clean(household.label or household.id), list(dict.fromkeys(household.members))
        if centre in family.person_by_id:
            homes = [h for h in family.households if h.current and centre in h.members]
            if homes:
                return homes[0].id, clean(homes[0].label or homes[0].id), list(dict.fromkeys(homes[0].members))
            return centre, _person_name(family, centre), [centre]
        raise ValueError(f"`{centre}` is not a person or household in this file")
    if family.index:
        homes = [h for h in family.households if h.current and family.index in h.members]
        if homes:
            return homes[0].id, clean(homes[0].label or homes[0].id), list(dict.fromkeys(homes[0].members))
        return family.index, _person_name(family, family.index), [family.index]
    current = [h for h in family.households if h.current]
    if current:
        return current[0].id, clean(current[0].label or current[0].id), list(dict.fromkeys(current[0].members))
    return "family", clean(family.title or "Family"), [p.id for p in family.people if p.kind == "person" and not p.deceased]


def _wrap(text: str, size: float, width: float, max_lines: int = 3) -> tuple[str, ...]:
    """Greedy word wrap measured with the bundled font; an over-long word is cut with an ellipsis."""
    from genogram.text import text_width

    words = text.split() or [""]
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}".strip()
        if not current or text_width(trial, size) <= width:
            current = trial
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [" ".join(lines[max_lines - 1 :])]
    out = []
    for line in lines:
        while text_width(line, size) > width and len(line) > 1:
            line = line[:-2].rstrip() + "…"
        out.append(line)
    return tuple(out)


def _measure(lines: tuple[str, ...], size: float, bold: bool = False) -> tuple[float, float]:
    from genogram.text import text_width

    w = max((text_width(line, size, bold) for line in lines), default=0.0) + 4
    return w, len(lines) * size * LINE_H + 2


def _collect(family: Family, centre_id: str, members: list[str], include_family: bool) -> tuple[list[_System], list[_Link], list[str], list[dict[str, Any]]]:
    """The circles and lines to draw, the notes for what cannot be, and how each file connection was drawn."""
    from genogram.text import clean

    systems: dict[tuple[str, str], _System] = {}
    links: list[_Link] = []
    notes: list[str] = []
    used_ids: dict[str, int] = {}
    relatives: dict[str, _System] = {}

    def system_for(kind: str, name: str, group: str) -> _System:
        key = (kind, name.casefold())
        if key not in systems:
            n = used_ids.get(kind, 0) + 1
            used_ids[kind] = n
            sid = kind if n == 1 else f"{kind}-{n}"
            systems[key] = _System(sid, name, kind, group, len(systems))
        return systems[key]

    def relative(pid: str) -> _System | None:
        """The circle of someone living outside the centre (None for the dead and for losses)."""
        person = family.person_by_id.get(pid)
        if person is None or pid in member_set or person.kind != "person" or person.deceased:
            return None
        if pid not in relatives:
            # Keyed by id, so two relatives with one name are two circles.
            circle = systems[("person", pid)] = _System(f"person-{pid}", _person_name(family, pid), "extended-family", "family-friends", len(systems), pid)
            relatives[pid] = circle
        return relatives[pid]

    member_set = set(members)
    drawn: list[dict[str, Any]] = []
    for position, conn in enumerate(family.connections):
        name = clean(conn.name) if conn.name else conn.system.replace("-", " ").capitalize()
        strength = str(conn.strength.value)
        flow = str(conn.flow.value) if conn.flow is not None else None
        target = conn.with_
        ends: list[_Link] = []
        if target is None or target == centre_id:
            ends.append(_Link("", target, strength, flow, None, connection=position))
        elif target in member_set:
            ends.append(_Link("", target, strength, flow, target, connection=position))
        else:
            household = family.household_by_id.get(target)
            people = [target] if household is None else list(dict.fromkeys(household.members))
            for pid in people:
                if pid in member_set:
                    ends.append(_Link("", target, strength, flow, pid, connection=position))
                elif (circle := relative(pid)) is not None:
                    ends.append(_Link("", target, strength, flow, None, circle.id, position))
        record: dict[str, Any] = {"index": position, "system": conn.system, "name": name, "with": target, "drawn": bool(ends), "lines": len(ends)}
        drawn.append(record)
        if not ends:
            who = _person_name(family, target) if target in family.person_by_id else clean(family.household_by_id[target].label or target) if target in family.household_by_id else target
            notes.append(f"Not drawn (no one living to draw it to): {name} with {who} ({strength}).")
            continue
        system = system_for(conn.system, name, group_of(conn.system))
        record["circle"] = system.id
        for link in ends:
            link.system = system.id
        links.extend(ends)

    if include_family:
        for person in family.people:
            relative(person.id)
    for pid, circle in relatives.items():
        line = _relative_link(family, pid, circle.id, member_set)
        if line is not None:
            links.append(line)
    # A system only relatives living elsewhere use goes on the outer ring, beyond them.
    central = {link.system for link in links if link.relative is None}
    for system in systems.values():
        system.outer = system.person is None and system.id not in central
    return list(systems.values()), links, notes, drawn


def _relative_link(family: Family, pid: str, sid: str, members: set[str]) -> _Link | None:
    """A relative's line follows their recorded relationship with a member; none recorded, no line."""
    for rel in family.relationships:
        a, b = rel.ends
        other = b if a == pid else a if b == pid else None
        if other is None or other not in members:
            continue
        strength = _REL_STRENGTH.get(str(rel.kind.value), "normal")
        flow = None
        if rel.directed:
            flow = "to" if a == pid else "from"
        return _Link(sid, other, strength, flow, other)
    return None


# --------------------------------------------------------------------------- geometry helpers


def segment_hits_box(p: Point, q: Point, box: Box, pad: float = 0.0) -> bool:
    """True when the segment p-q passes through the inside of ``box`` grown by ``pad``; running along its edge does not count."""
    e = 1e-6
    return segment_crosses(p[0], p[1], q[0], q[1], box.x - pad + e, box.y - pad + e, box.right + pad - e, box.bottom + pad - e)


def segment_circle_distance(p: Point, q: Point, c: Point) -> float:
    dx, dy = q[0] - p[0], q[1] - p[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((c[0] - p[0]) * dx + (c[1] - p[1]) * dy) / length2))
    return math.hypot(p[0] + t * dx - c[0], p[1] + t * dy - c[1])


def box_hits_circle(box: Box, c: Point, radius: float) -> bool:
    nx = min(max(c[0], box.x), box.right)
    ny = min(max(c[1], box.y), box.bottom)
    return math.hypot(nx - c[0], ny - c[1]) < radius - 1e-6


def _clip_to_box(centre: Point, towards: Point, half: float) -> Point:
    dx, dy = towards[0] - centre[0], towards[1] - centre[1]
    scale = half / max(abs(dx), abs(dy), 1e-9)
    return centre[0] + dx * scale, centre[1] + dy * scale


def _toward(a: Point, b: Point, dist: float) -> Point:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    return a[0] + dx / length * dist, a[1] + dy / length * dist


def _polar(radius: float, angle: float) -> Point:
    return radius * math.cos(angle), radius * math.sin(angle)


def _ang_dist(a: float, b: float) -> float:
    d = (a - b) % (2 * math.pi)
    return min(d, 2 * math.pi - d)


# --------------------------------------------------------------------------- placement


def _assign_angles(systems: list[_System], radius_for_need: float) -> float:
    """Give each system an angle in its group's sector; returns the ring radius the need implies."""
    systems.sort(key=lambda s: (_GROUP_ORDER[s.group], s.order))
    # A label beside its circle (a relative with systems beyond them) needs its whole width on the ring.
    needs = [(2 * SYSTEM_R + s.label_w + 30) if s.side_label else max(2 * SYSTEM_R, s.label_w * 0.85) + 22 for s in systems]
    groups = sorted({s.group for s in systems}, key=_GROUP_ORDER.__getitem__)
    gap = 34.0 if len(groups) > 1 else 0.0
    total = sum(needs) + gap * len(groups)
    radius = max(radius_for_need, total / (2 * math.pi))
    spare = 2 * math.pi * radius - total
    extra_gap = spare / len(groups) if groups else 0.0
    pos = 0.0
    previous: str | None = None
    arcs: list[float] = []
    for system, need in zip(systems, needs):
        if system.group != previous:
            pos += (gap + extra_gap) / 2 if previous is None else gap + extra_gap
            previous = system.group
        arcs.append(pos + need / 2)
        pos += need
    # Centre the first group on the top of the map.
    first = [a for a, s in zip(arcs, systems) if s.group == systems[0].group] if systems else []
    offset = -math.pi / 2 - ((first[0] + first[-1]) / 2 / radius if first else 0.0)
    for system, arc in zip(systems, arcs):
        system.angle = arc / radius + offset
    return radius


@dataclass(slots=True)
class _Inner:
    hub: str | None
    positions: dict[str, Point]
    labels: dict[str, Box]
    radius: float  # the centre circle's radius


#: Above this many people in the centre, members are spaced evenly instead of searched for.
MAX_SEARCHED = 40


def _place_members(members: list[str], links: list[_Link], sys_pos: dict[str, Point], family: Family, rm: float) -> _Inner | None:
    """Hub in the middle, others on a ring of radius ``rm``; None when some line would cross a symbol."""
    count: dict[str, int] = {m: 0 for m in members}
    for link in links:
        if link.member is not None:
            count[link.member] += 1
    rank = {m: i for i, m in enumerate(members)}
    ordered = sorted(members, key=lambda m: (-count[m], m != family.index, rank[m]))
    hub = ordered[0] if ordered else None
    half = SYMBOL / 2
    positions: dict[str, Point] = {}
    if hub is not None:
        positions[hub] = (0.0, 0.0)

    def box_at(p: Point) -> Box:
        return Box(p[0] - half, p[1] - half, SYMBOL, SYMBOL)

    def member_segments(m: str, p: Point) -> list[tuple[Point, Point]]:
        return [(p, sys_pos[link.system]) for link in links if link.member == m]

    placed_segments: list[tuple[str, Point, Point]] = [(hub, a, b) for a, b in member_segments(hub, (0.0, 0.0))] if hub else []
    steps = 120
    for m in ordered[1:]:
        angles = [math.atan2(sys_pos[link.system][1], sys_pos[link.system][0]) for link in links if link.member == m]
        if angles:
            preferred = math.atan2(sum(math.sin(a) for a in angles), sum(math.cos(a) for a in angles))
        else:
            preferred = math.pi / 2
        candidates = sorted((2 * math.pi * k / steps for k in range(steps)), key=lambda a: (round(_ang_dist(a, preferred), 9), a))
        chosen: Point | None = None
        for angle in candidates:
            p = _polar(rm, angle)
            box = box_at(p)
            if any(box_at(q).overlaps(box, gap=18) for q in positions.values()):
                continue
            if any(segment_hits_box(a, b, box, pad=12) for owner, a, b in placed_segments if owner != m):
                continue
            mine = member_segments(m, p)
            if any(segment_hits_box(a, b, box_at(q), pad=10) for a, b in mine for other, q in positions.items()):
                continue
            chosen = p
            break
        if chosen is None:
            return None
        positions[m] = chosen
        placed_segments.extend((m, a, b) for a, b in member_segments(m, chosen))

    # Member name labels: the first of below/above/right/left that no line crosses.
    labels: dict[str, Box] = {}
    boxes = {m: box_at(p) for m, p in positions.items()}
    for m in ordered:
        name = _member_label(family, m)
        w, h = _measure((name,), MEMBER_LABEL_SIZE)
        b = _outer(boxes[m], m == family.index)
        options = [
            Box(b.cx - w / 2, b.bottom + 2, w, h),
            Box(b.cx - w / 2, b.y - 2 - h, w, h),
            Box(b.right + 3, b.cy - h / 2, w, h),
            Box(b.x - 3 - w, b.cy - h / 2, w, h),
            Box(b.right + 1, b.bottom + 1, w, h),
            Box(b.x - 1 - w, b.bottom + 1, w, h),
            Box(b.right + 1, b.y - 1 - h, w, h),
            Box(b.x - 1 - w, b.y - 1 - h, w, h),
        ]
        best = None
        for option in options:
            if any(segment_hits_box(a, s, option, pad=2) for _, a, s in placed_segments):
                continue
            if any(option.overlaps(_outer(other, o == family.index), gap=2) for o, other in boxes.items() if o != m) or any(option.overlaps(other, gap=2) for other in labels.values()):
                continue
            best = option
            break
        if best is None:
            return None
        labels[m] = best
    corners = [(x, y) for bx in [_outer(b, o == family.index) for o, b in boxes.items()] + list(labels.values()) for x in (bx.x, bx.right) for y in (bx.y, bx.bottom)]
    radius = max((math.hypot(x, y) for x, y in corners), default=0.0) + 10
    return _Inner(hub, positions, labels, max(radius, 44.0))


def _outer(box: Box, index: bool) -> Box:
    """The room a member's symbol takes: the index child's double outline is larger."""
    grow = INDEX_GAP if index else 0.0
    return Box(box.x - grow, box.y - grow, box.w + 2 * grow, box.h + 2 * grow)


def _member_label(family: Family, pid: str) -> str:
    from genogram.text import clean

    person = family.person_by_id.get(pid)
    if person is None:
        return pid
    if person.name:
        return clean(person.name).split(" ")[0]
    return "Unknown" if person.unknown else pid


def layout_ecomap(family: Family, centre: str | None = None, include_family: bool = False) -> EcomapGeometry:
    """Place the centre, its members, the systems and the lines; no two things overlap.

    Raises ``ValueError`` when ``centre`` names nothing in the family.
    """
    centre_id, centre_name, members = _centre(family, centre)
    members = [m for m in members if m in family.person_by_id]
    systems, links, notes, drawn = _collect(family, centre_id, members, include_family)
    for system in systems:
        system.label_lines = _wrap(system.name, LABEL_SIZE, LABEL_MAX_W)
        system.label_w, system.label_h = _measure(system.label_lines, LABEL_SIZE)
    ringed = [s for s in systems if not s.outer]
    outer = [s for s in systems if s.outer]
    beyond = {link.relative for link in links if link.relative is not None}
    for system in ringed:
        system.side_label = system.id in beyond and any(link.system in {o.id for o in outer} for link in links if link.relative == system.id)

    best: EcomapGeometry | None = None
    best_score = math.inf
    ring = 0.0
    rm_start = 50.0 + 6 * max(0, len(members) - 4)
    crowded = len(members) > MAX_SEARCHED
    if crowded:
        # More people than a household: the careful search cannot succeed, so
        # space them evenly on one ring and say how to get a readable map.
        rm_start = max(rm_start, len(members) * (SYMBOL + 30) / (2 * math.pi))
        notes = notes + [f"The centre holds {len(members)} people; choose a household or person with --centre for a readable map."]
    for _attempt in range(16):
        ring = _assign_angles(ringed, max(ring, 170.0))
        _place_outer(outer, ringed, links, ring)
        inner = None
        rm = rm_start
        for _ in range(0 if crowded else 14):
            sys_pos = {s.id: _position(s, ring) for s in systems}
            inner = _place_members(members, links, sys_pos, family, rm)
            if inner is not None:
                break
            rm *= 1.18
        if inner is None:  # crowded beyond repair: place anyway and let the metric report it
            inner = _fallback_inner(members, family, rm)
        needed = inner.radius + SYSTEM_R + 40 + max((max(s.label_w, s.label_h) for s in systems), default=0) * 0.3
        if ring < needed:
            ring = needed
            continue
        geometry = _build(family, centre_id, centre_name, systems, links, inner, ring, notes)
        geometry.connections = drawn
        score = ecomap_overlaps(geometry)["total"]
        if score < best_score:
            best, best_score = geometry, score
        if score == 0:
            break
        ring *= 1.12
    assert best is not None
    return best


def _position(system: _System, ring: float) -> Point:
    return _polar(system.radius if system.outer else ring, system.angle)


def _place_outer(outer: list[_System], ringed: list[_System], links: list[_Link], ring: float) -> None:
    """Each outer system just beyond the relatives it serves, spread so no two meet."""
    if not outer:
        return
    angle_of = {s.id: s.angle for s in ringed}
    label_room = max((s.label_h for s in ringed), default=0.0)
    radius = ring + 2 * SYSTEM_R + 40 + label_room
    wanted: list[tuple[float, _System]] = []
    for system in outer:
        angles = [angle_of[link.relative] for link in links if link.system == system.id and link.relative in angle_of]
        mean = math.atan2(sum(math.sin(a) for a in angles), sum(math.cos(a) for a in angles)) if angles else 0.0
        wanted.append((mean, system))
    wanted.sort(key=lambda pair: (pair[0], pair[1].order))
    # Spread round the ring: each at least its need from the one before, drifting forward only.
    previous: tuple[float, float] | None = None
    for mean, system in wanted:
        need = (max(2 * SYSTEM_R, system.label_w) + 24) / radius
        angle = mean if previous is None else max(mean, previous[0] + (previous[1] + need) / 2)
        system.angle, system.radius = angle, radius
        previous = (angle, need)


def _fallback_inner(members: list[str], family: Family, rm: float) -> _Inner:
    positions = {m: _polar(rm, 2 * math.pi * i / max(1, len(members))) for i, m in enumerate(members)}
    labels = {}
    for m, (x, y) in positions.items():
        w, h = _measure((_member_label(family, m),), MEMBER_LABEL_SIZE)
        labels[m] = Box(x - w / 2, y + SYMBOL / 2 + 2, w, h)
    return _Inner(None, positions, labels, rm + SYMBOL + 20)


def _label_box(system: _System, centre: Point) -> Box:
    """The name just outside the circle: on the side away from the centre of the map, or beside it (clockwise)."""
    ux, uy = math.cos(system.angle), math.sin(system.angle)
    if system.side_label:
        ux, uy = -uy * system.side, ux * system.side
    elif system.side < 0:  # towards the centre of the map, for a relative whose outer side is taken
        ux, uy = -ux, -uy
    w, h = system.label_w, system.label_h
    dist = SYSTEM_R
    while True:  # slide outwards until the box clears the circle by a small gap
        cx, cy = centre[0] + ux * dist, centre[1] + uy * dist
        box = Box(cx - w / 2, cy - h / 2, w, h)
        if not box_hits_circle(box, centre, SYSTEM_R + 6):
            return box
        dist += 1.0


def _label_boxes(systems: list[_System], sys_pos: dict[str, Point], lines: list[tuple[Point, ...]]) -> dict[str, Box]:
    """Each system's label; a relative's with lines beyond it goes on whichever side no line crosses."""
    boxes = {s.id: _label_box(s, sys_pos[s.id]) for s in systems if not s.side_label}
    for s in systems:
        if not s.side_label:
            continue
        first = s.side
        scored = []
        for n, (side_label, side) in enumerate([(True, first), (True, -first), (False, 1.0), (False, -1.0)]):
            s.side_label, s.side = side_label, side
            box = _label_box(s, sys_pos[s.id])
            crossed = sum(1 for pts in lines for p, q in zip(pts, pts[1:]) if segment_hits_box(p, q, box, pad=2))
            hits = sum(1 for o in systems if o.id != s.id and box_hits_circle(box, sys_pos[o.id], SYSTEM_R + 2))
            scored.append((2 * crossed + hits, n, box))
        boxes[s.id] = min(scored, key=lambda t: (t[0], t[1]))[2]
        s.side_label, s.side = True, first  # the ring keeps the room it planned for
    return boxes


def _build(family: Family, centre_id: str, centre_name: str, systems: list[_System], links: list[_Link], inner: _Inner, ring: float, notes: list[str]) -> EcomapGeometry:
    from genogram.text import clean

    sys_pos = {s.id: _position(s, ring) for s in systems}
    on_ring = sorted(s.angle % (2 * math.pi) for s in systems if not s.outer)
    for s in systems:
        if s.side_label and len(on_ring) > 1:
            a = s.angle % (2 * math.pi)
            ahead = min(((b - a) % (2 * math.pi) for b in on_ring if abs(b - a) > 1e-9), default=math.pi)
            behind = min(((a - b) % (2 * math.pi) for b in on_ring if abs(b - a) > 1e-9), default=math.pi)
            s.side = 1.0 if ahead >= behind else -1.0
    half = SYMBOL / 2
    lines: list[tuple[_Link, tuple[Point, ...]]] = []
    for link in links:
        sc = sys_pos[link.system]
        if link.relative is not None:
            rc = sys_pos[link.relative]
            lines.append((link, (_toward(sc, rc, SYSTEM_R), _toward(rc, sc, SYSTEM_R))))
        elif link.member is not None:
            mc = inner.positions[link.member]
            start = _toward(sc, mc, SYSTEM_R)
            person = family.person_by_id.get(link.member)
            reach = half + 1.5 + (INDEX_GAP if link.member == family.index else 0.0)
            if person is not None and person.sex is not None and person.sex.value == "female":
                end = _toward(mc, sc, reach)
            else:
                end = _clip_to_box(mc, sc, reach)
            lines.append((link, (start, end)))
        else:
            start = _toward(sc, (0.0, 0.0), SYSTEM_R)
            end = _toward((0.0, 0.0), sc, inner.radius)
            lines.append((link, (start, end)))

    label_boxes = _label_boxes(systems, sys_pos, [pts for _, pts in lines])
    # Bounding box of everything placed, then shift so the map starts at the margin under the title.
    xs: list[float] = [-inner.radius, inner.radius]
    ys: list[float] = [-inner.radius, inner.radius]
    for s in systems:
        x, y = sys_pos[s.id]
        xs += [x - SYSTEM_R, x + SYSTEM_R]
        ys += [y - SYSTEM_R, y + SYSTEM_R]
        b = label_boxes[s.id]
        xs += [b.x, b.right]
        ys += [b.y, b.bottom]
    title_text = f"Ecomap: {centre_name}"
    title_lines = _wrap(title_text, TITLE_SIZE, 600, max_lines=2)
    tw, th = _measure(title_lines, TITLE_SIZE, bold=True)
    map_w = max(xs) - min(xs)
    width = max(map_w + 2 * MARGIN, tw + 2 * MARGIN, LEGEND_W + 2 * MARGIN)
    dx = (width - map_w) / 2 - min(xs)  # centred when the title or key is wider than the map
    dy = MARGIN + th + 12 - min(ys)
    map_bottom = max(ys) + dy

    def shift(p: Point) -> Point:
        return p[0] + dx, p[1] + dy

    def shift_box(b: Box) -> Box:
        return Box(b.x + dx, b.y + dy, b.w, b.h)

    centre = CentreCircle(centre_id, centre_name, dx, dy, inner.radius, tuple(inner.positions))
    rank = {m: i for i, m in enumerate(centre.members)}
    member_boxes = [PersonBox(m, 0, x + dx - half, y + dy - half, SYMBOL, SYMBOL) for m, (x, y) in sorted(inner.positions.items(), key=lambda kv: rank[kv[0]])]
    system_circles = [SystemCircle(s.id, s.name, s.kind, s.group, *shift(sys_pos[s.id]), SYSTEM_R, s.person) for s in systems]
    labels: list[Label] = []
    for s in systems:
        b = shift_box(label_boxes[s.id])
        labels.append(Label(s.id, "system", b.x, b.y, b.w, b.h, s.label_lines, LABEL_SIZE))
    for m in centre.members:
        b = shift_box(inner.labels[m])
        labels.append(Label(m, "member", b.x, b.y, b.w, b.h, (_member_label(family, m),), MEMBER_LABEL_SIZE))
    ecolines = [
        EcomapLine(link.system, link.with_, link.strength, link.flow, tuple(shift(p) for p in pts), "relative" if link.relative else "member" if link.member else "centre", link.relative or link.member)
        for link, pts in lines
    ]

    order = ("strong", "normal", "tenuous", "stressful", "broken")
    strengths = tuple(s for s in order if any(line.strength == s for line in ecolines))
    flows = tuple(f for f in ("to", "from", "both") if any(line.flow == f for line in ecolines))
    note_lines = [line for note in notes for line in _wrap(note, 9.0, LEGEND_W - 16, max_lines=4)]
    rows = len(strengths) + len(flows)
    legend_h = 26 + rows * LEGEND_ROW + len(note_lines) * 9.0 * LINE_H + (6 if note_lines else 0)
    legend = Box(MARGIN, map_bottom + 16, LEGEND_W, legend_h) if rows or note_lines else None
    height = (legend.bottom if legend else map_bottom) + MARGIN
    title = Label(centre_id, "title", MARGIN, MARGIN, tw, th, tuple(clean(t) for t in title_lines), TITLE_SIZE, anchor="start", bold=True)
    return EcomapGeometry(
        centre=centre,
        members=member_boxes,
        systems=system_circles,
        labels=labels,
        lines=ecolines,
        width=width,
        height=height,
        title=title,
        legend=legend,
        strengths=strengths,
        flows=flows,
        notes=note_lines,
    )


# --------------------------------------------------------------------------- metrics


def ecomap_overlaps(geometry: EcomapGeometry) -> dict[str, int]:
    """Count what should never happen on an ecomap; every count is 0 on a good map.

    Lines are checked against member symbols (other than their own end),
    system circles (other than their own), labels, and the legend.
    """
    circles = [(s.id, (s.cx, s.cy), s.r) for s in geometry.systems]
    centre = (geometry.centre.cx, geometry.centre.cy)
    counts = {"circle_circle": 0, "label_label": 0, "circle_label": 0, "member_member": 0, "line_member": 0, "line_circle": 0, "line_label": 0}
    for i, (_, a, ra) in enumerate(circles):
        if math.dist(a, centre) < ra + geometry.centre.r + 4:
            counts["circle_circle"] += 1
        for _, b, rb in circles[i + 1 :]:
            if math.dist(a, b) < ra + rb + 4:
                counts["circle_circle"] += 1
    boxes = [label.box for label in geometry.labels]
    if geometry.title is not None:
        boxes.append(geometry.title.box)
    if geometry.legend is not None:
        boxes.append(geometry.legend)
    for i, box in enumerate(boxes):
        for other in boxes[i + 1 :]:
            if box.overlaps(other, gap=1):
                counts["label_label"] += 1
    for label_box, label in zip(boxes, [*geometry.labels, None, None]):
        for _, c, radius in circles:
            if box_hits_circle(label_box, c, radius + 1):
                counts["circle_label"] += 1
        inside = label is not None and label.role == "member"
        if not inside and box_hits_circle(label_box, centre, geometry.centre.r + 1):
            counts["circle_label"] += 1
        if inside and any(math.hypot(x - centre[0], y - centre[1]) > geometry.centre.r for x in (label_box.x, label_box.right) for y in (label_box.y, label_box.bottom)):
            counts["circle_label"] += 1
    for i, member in enumerate(geometry.members):
        for neighbour in geometry.members[i + 1 :]:
            if member.box.overlaps(neighbour.box, gap=2):
                counts["member_member"] += 1
    for line in geometry.lines:
        segments = list(zip(line.points, line.points[1:]))
        target = (line.to or line.with_) if line.ends_at == "member" else None
        for p, q in segments:
            for member in geometry.members:
                if member.id != target and segment_hits_box(p, q, member.box, pad=1):
                    counts["line_member"] += 1
            for sid, c, radius in circles:
                if sid != line.system and sid != line.to and segment_circle_distance(p, q, c) < radius + 1:
                    counts["line_circle"] += 1
            for box in boxes:
                if segment_hits_box(p, q, box, pad=1):
                    counts["line_label"] += 1
    counts["total"] = sum(counts.values())
    return counts
