"""Geometry as data: what the layout decides and the renderers draw.

Coordinates are SVG user units; y grows downwards; a box is ``x``, ``y`` of its
top-left corner and ``w``, ``h``. Keeping geometry as plain dataclasses means
it can be measured (``layout/metrics.py``), tested and exported as JSON
(``genogram layout --json``) without drawing anything, and that another
engine (Graphviz dot, for comparison) can be scored on equal terms.

The classes are not frozen: nothing changes geometry once built, and a
frozen dataclass costs five times as much to build (each field is set
through ``object.__setattr__``), which a drawing of thousands of people
does tens of thousands of times.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Point = tuple[float, float]

#: Numbers are rounded to this many decimals everywhere, so output is stable.
PRECISION = 2


def r(value: float) -> float:
    """Round a coordinate; ``-0.0`` becomes ``0.0`` so text output is stable."""
    out = round(value, PRECISION)
    return 0.0 if out == 0 else out


def segment_crosses(x1: float, y1: float, x2: float, y2: float, xmin: float, ymin: float, xmax: float, ymax: float) -> bool:
    """True when the segment passes through the open rectangle's inside (Liang-Barsky clipping).

    Callers shrink the rectangle a little so that lines touching an edge,
    as every line touches the symbol it ends at, do not count.
    """
    if xmin >= xmax or ymin >= ymax:
        return False
    t0, t1 = 0.0, 1.0
    dx, dy = x2 - x1, y2 - y1
    for p, q in ((-dx, x1 - xmin), (dx, xmax - x1), (-dy, y1 - ymin), (dy, ymax - y1)):
        if p == 0:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
    return t1 - t0 > 1e-9


@dataclass(slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """True when the boxes share interior area (touching edges do not count)."""
        return (
            self.x < other.right + gap - 1e-6
            and other.x < self.right + gap - 1e-6
            and self.y < other.bottom + gap - 1e-6
            and other.y < self.bottom + gap - 1e-6
        )


@dataclass(slots=True)
class PersonBox:
    """The square that holds one person's symbol (circle, square, diamond ...)."""

    id: str
    generation: int
    x: float
    y: float
    w: float
    h: float

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.w, self.h)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "generation": self.generation, "x": r(self.x), "y": r(self.y), "w": r(self.w), "h": r(self.h)}


@dataclass(slots=True)
class Label:
    """Text placed by the layout. ``for_`` is the id of what it describes.

    ``role`` says what the text is (``name``, ``dates``, ``age``, ``union``,
    ``household``, ``gap``); ``lines`` are the already-cleaned lines of text,
    top to bottom; ``size`` is the font size; ``anchor`` is ``start``,
    ``middle`` or ``end`` for horizontal alignment inside the box.
    """

    for_: str
    role: str
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]
    size: float
    anchor: str = "middle"
    bold: bool = False

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.w, self.h)

    def as_json(self) -> dict[str, Any]:
        return {
            "for": self.for_,
            "role": self.role,
            "x": r(self.x),
            "y": r(self.y),
            "w": r(self.w),
            "h": r(self.h),
            "lines": list(self.lines),
            "size": self.size,
        }


def _points(points: tuple[Point, ...]) -> list[list[float]]:
    return [[r(x), r(y)] for x, y in points]


@dataclass(slots=True)
class UnionLine:
    """The line joining partners (or hanging below a single recorded parent)."""

    id: str
    partners: tuple[str, ...]
    points: tuple[Point, ...]
    status: str | None = None
    #: Where children's descent lines start (usually the union line's midpoint).
    anchor: Point = (0.0, 0.0)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "partners": list(self.partners), "status": self.status, "points": _points(self.points)}


@dataclass(slots=True)
class DescentLine:
    """The line from a union down to one child (orthogonal polyline)."""

    child: str
    union: str
    parents: tuple[str, ...]
    points: tuple[Point, ...]
    relation: str = "biological"
    #: Twins share a start point on the sibship bar; identical twins also get a bar.
    twin_group: str | None = None
    identical: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "child": self.child,
            "union": self.union,
            "parents": list(self.parents),
            "relation": self.relation,
            "points": _points(self.points),
        }


@dataclass(slots=True)
class HouseholdOutline:
    """A closed boundary (polygon) around the members of a household."""

    id: str
    members: tuple[str, ...]
    points: tuple[Point, ...]
    placement: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "members": list(self.members), "placement": self.placement, "points": _points(self.points)}


@dataclass(slots=True)
class RelationshipLine:
    """An emotional relationship drawn between two symbols (a separate layer)."""

    ends: tuple[str, str]
    kind: str
    directed: bool
    points: tuple[Point, ...]

    def as_json(self) -> dict[str, Any]:
        return {"ends": list(self.ends), "kind": self.kind, "directed": self.directed, "points": _points(self.points)}


@dataclass(slots=True)
class GapMarker:
    """A numbered marker for an entry in the missing-information register."""

    gap: str
    number: int
    subject: str | None
    x: float
    y: float
    w: float
    h: float

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.w, self.h)

    def as_json(self) -> dict[str, Any]:
        return {"gap": self.gap, "number": self.number, "subject": self.subject, "x": r(self.x), "y": r(self.y), "w": r(self.w), "h": r(self.h)}


@dataclass(slots=True)
class GenogramGeometry:
    """Everything the genogram renderer needs to draw, and metrics need to score."""

    people: list[PersonBox] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    unions: list[UnionLine] = field(default_factory=list)
    children: list[DescentLine] = field(default_factory=list)
    households: list[HouseholdOutline] = field(default_factory=list)
    relationships: list[RelationshipLine] = field(default_factory=list)
    gaps: list[GapMarker] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    #: Rules the layout could not keep for this family, said plainly (shown in the legend).
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "people": [p.as_json() for p in self.people],
            "labels": [label.as_json() for label in self.labels],
            "unions": [u.as_json() for u in self.unions],
            "children": [c.as_json() for c in self.children],
            "households": [h.as_json() for h in self.households],
            "relationships": [x.as_json() for x in self.relationships],
            "gaps": [g.as_json() for g in self.gaps],
            "width": r(self.width),
            "height": r(self.height),
            "notes": list(self.notes),
        }
