"""One drawing function per genogram symbol, and a registry of them.

Each function draws into an svgwrite group and returns nothing; the legend
draws its samples with the same functions, so the legend can never disagree
with the diagram. The ecomap reuses :func:`draw_person` for household members.
Symbols are scaled from the box the layout gives, never from fixed sizes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from genogram.layout.geometry import Box
from genogram.render import theme as T
from genogram.render.element import Element, svg_names
from genogram.render.theme import num
from genogram.text import text_width

if TYPE_CHECKING:
    from genogram.model import Person

#: A person whose gender identity is recorded as one of these is drawn with the
#: marker unless it matches their recorded sex.
_MATCHING_GENDER = {"female": {"woman", "female", "girl", "cis-woman"}, "male": {"man", "male", "boy", "cis-man"}}


def el(dwg: Any, kind: str, **attrs: str) -> Element:
    """An element with attributes given as already-formatted text (deterministic output).

    ``dwg`` is not needed by the light elements; it stays so the ecomap, which
    still draws its document with svgwrite, calls the same helpers.
    """
    return Element(kind, svg_names(attrs))


def path(dwg: Any, d: str, **attrs: str) -> Element:
    """A path element."""
    attrs = svg_names(attrs)
    attrs["d"] = d
    return Element("path", attrs)


def poly_d(points: list[tuple[float, float]] | tuple[tuple[float, float], ...], closed: bool = False) -> str:
    """A path ``d`` through points with fixed number formatting."""
    if not points:
        return " Z" if closed else ""
    d = "M" + " L".join([num(x) + " " + num(y) for x, y in points])
    return d + " Z" if closed else d


def _stroke(width: float = T.STROKE, dash: str | None = None, color: str = T.INK, fill: str = "none") -> dict[str, str]:
    out = {"fill": fill, "stroke": color, "stroke-width": num(width)}
    if dash:
        out["stroke-dasharray"] = dash
    return out


# ---------------------------------------------------------------- shapes


def shape_of(person: Person | None) -> str:
    """``square``, ``circle`` or ``diamond`` from recorded sex (never from gender)."""
    sex = getattr(person, "sex", None)
    value = getattr(sex, "value", sex)
    if value == "male":
        return "square"
    if value == "female":
        return "circle"
    return "diamond"


def outline_d(shape: str, box: Box, inset: float = 0.0) -> str:
    """The outline of a base shape inside ``box`` (shrunk by ``inset``; negative grows it)."""
    x, y, w, h = box.x + inset, box.y + inset, box.w - 2 * inset, box.h - 2 * inset
    cx, cy = x + w / 2, y + h / 2
    if shape == "square":
        return poly_d([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], closed=True)
    if shape == "circle":
        rx = w / 2
        left, right, mid, r, ry = num(cx - rx), num(cx + rx), num(cy), num(rx), num(h / 2)
        return f"M{left} {mid} A{r} {ry} 0 1 1 {right} {mid} A{r} {ry} 0 1 1 {left} {mid} Z"
    if shape == "triangle":
        return poly_d([(cx, y), (x + w, y + h), (x, y + h)], closed=True)
    return poly_d([(cx, y), (x + w, cy), (cx, y + h), (x, cy)], closed=True)


def region_d(shape: str, box: Box, region: str) -> str:
    """Part of a shape (``left``, ``bottom``, ``top-right``) for condition fills."""
    x, y, w, h = box.x, box.y, box.w, box.h
    cx, cy, rx, ry = box.cx, box.cy, w / 2, h / 2
    if shape == "square":
        pts = {
            "left": [(x, y), (cx, y), (cx, y + h), (x, y + h)],
            "bottom": [(x, cy), (x + w, cy), (x + w, y + h), (x, y + h)],
            "top-right": [(cx, y), (x + w, y), (x + w, cy), (cx, cy)],
        }[region]
        return poly_d(pts, closed=True)
    if shape == "circle":
        if region == "left":
            return f"M{num(cx)} {num(y)} A{num(rx)} {num(ry)} 0 0 0 {num(cx)} {num(y + h)} Z"
        if region == "bottom":
            return f"M{num(x)} {num(cy)} A{num(rx)} {num(ry)} 0 0 0 {num(x + w)} {num(cy)} Z"
        return f"M{num(cx)} {num(cy)} L{num(cx)} {num(y)} A{num(rx)} {num(ry)} 0 0 1 {num(x + w)} {num(cy)} Z"
    pts = {
        "left": [(cx, y), (x, cy), (cx, y + h)],
        "bottom": [(x, cy), (x + w, cy), (cx, y + h)],
        "top-right": [(cx, cy), (cx, y), (x + w, cy)],
    }[region]
    return poly_d(pts, closed=True)


# ---------------------------------------------------------------- conditions


@dataclass(frozen=True, slots=True)
class ConditionStyle:
    region: str
    fill: str  # a colour or a pattern reference
    label: str


#: Distinct greyscale marks per known condition (McGoldrick: substance misuse
#: fills the lower half, mental or physical illness the left half).
CONDITIONS: dict[str, ConditionStyle] = {
    "substance-misuse": ConditionStyle("bottom", T.INK, "Substance misuse (lower half filled)"),
    "alcohol-misuse": ConditionStyle("bottom", "url(#pat-cross)", "Alcohol misuse (lower half cross-hatched)"),
    "in-recovery": ConditionStyle("bottom", "url(#pat-hatch)", "In recovery (lower half hatched)"),
    "mental-health": ConditionStyle("left", T.GREY_MID, "Mental health difficulty (left half grey)"),
    "physical-illness": ConditionStyle("left", "url(#pat-dots)", "Physical illness (left half dotted)"),
    "disability": ConditionStyle("top-right", "url(#pat-vertical)", "Disability (upper right striped)"),
    "learning-disability": ConditionStyle("top-right", T.GREY_LIGHT, "Learning disability (upper right light grey)"),
}
OTHER_CONDITION = "Other recorded condition (black dot; named in notes)"


def add_patterns(defs: Element) -> None:
    """Hatch patterns used by condition fills, with fixed ids, into the document's ``<defs>``."""
    specs = {
        "pat-hatch": "M-1 1 L1 -1 M0 5 L5 0 M4 6 L6 4",
        "pat-cross": "M-1 1 L1 -1 M0 5 L5 0 M4 6 L6 4 M0 0 L5 5 M-1 4 L1 6 M4 -1 L6 1",
        "pat-vertical": "M1.25 0 L1.25 5 M3.75 0 L3.75 5",
    }
    for pid, d in specs.items():
        pattern = el(defs, "pattern", id=pid, patternUnits="userSpaceOnUse", width="5", height="5")
        pattern.add(path(defs, d, stroke=T.INK, stroke_width="1", fill="none"))
        defs.add(pattern)
    dots = el(defs, "pattern", id="pat-dots", patternUnits="userSpaceOnUse", width="5", height="5")
    dots.add(el(defs, "circle", cx="2.5", cy="2.5", r="1", fill=T.INK))
    defs.add(dots)


def draw_conditions(dwg: Any, group: Any, shape: str, box: Box, conditions: list[str]) -> list[str]:
    """Partial fills inside the shape; returns the legend keys used."""
    used: list[str] = []
    other = False
    for name in conditions:
        style = CONDITIONS.get(name)
        if style is None:
            other = True
            continue
        group.add(path(dwg, region_d(shape, box, style.region), fill=style.fill, stroke="none"))
        used.append("condition:" + name)
    if other:
        r = max(2.0, box.w * 0.08)
        group.add(el(dwg, "circle", cx=num(box.cx + box.w * 0.2), cy=num(box.y + box.h * 0.22), r=num(r), fill=T.INK, stroke=T.PAPER, stroke_width="1"))
        used.append("condition:other")
    return used


# ---------------------------------------------------------------- person


def gender_differs(person: Person) -> bool:
    """True when the recorded gender identity is not the one usually assumed from recorded sex."""
    if not person.gender:
        return False
    sex = getattr(person.sex, "value", person.sex)
    return person.gender.strip().lower() not in _MATCHING_GENDER.get(str(sex), set())


def draw_person(
    dwg: Any,
    group: Any,
    person: Person,
    box: Box,
    *,
    index: bool = False,
    adopted: bool = False,
    age: str | None = None,
) -> list[str]:
    """Draw one person's symbol into ``group``; returns the legend keys it used."""
    kind = getattr(person.kind, "value", person.kind)
    if kind != "person":
        return LOSSES[kind](dwg, group, person, box)
    used: list[str] = []
    shape = shape_of(person)
    used.append("shape:" + shape)
    outline = outline_d(shape, box)
    group.add(path(dwg, outline, fill=T.PAPER, stroke="none"))
    used += draw_conditions(dwg, group, shape, box, list(person.conditions))
    dash = T.DASH if person.unknown else None
    group.add(path(dwg, outline, **_stroke(dash=dash)))
    if person.unknown:
        used.append("unknown")
        group.add(_centred_text(dwg, "?", box.cx, box.cy, box.h * 0.5, bold=True))
    if index:
        used.append("index")
        group.add(path(dwg, outline_d(shape, box, -T.INDEX_GAP), **_stroke()))
    if gender_differs(person):
        used.append("gender")
        draw_gender_marker(dwg, group, box)
    if person.deceased:
        used.append("deceased")
        draw_cross(dwg, group, box, grow=0.06)
    if age and not person.unknown:
        used.append("age")
        size = max(8.0, box.h * 0.32)
        plate_w = text_width(age, size) + 4
        group.add(el(dwg, "rect", x=num(box.cx - plate_w / 2), y=num(box.cy - size * 0.62), width=num(plate_w), height=num(size * 1.24), fill=T.PAPER, stroke="none", rx="2"))
        group.add(_centred_text(dwg, age, box.cx, box.cy, size))
    if adopted:
        used.append("adopted")
        draw_brackets(dwg, group, box, T.INDEX_GAP + T.BRACKET_GAP if index else T.BRACKET_GAP)
    return used


def draw_gender_marker(dwg: Any, group: Any, box: Box) -> None:
    """Gender identity differs or is non-binary: a small open ring with a bar, top inside the shape."""
    r = box.w * 0.09
    cx, cy = box.cx, box.y + box.h * 0.15
    group.add(el(dwg, "circle", cx=num(cx), cy=num(cy), r=num(r), fill=T.PAPER, stroke=T.INK, stroke_width=num(T.STROKE_THIN)))
    group.add(path(dwg, poly_d([(cx - r * 1.9, cy), (cx - r, cy)]) + " " + poly_d([(cx + r, cy), (cx + r * 1.9, cy)]), **_stroke(T.STROKE_THIN)))


def draw_cross(dwg: Any, group: Any, box: Box, grow: float = 0.0) -> None:
    """The deceased X (also the stillbirth and termination marks)."""
    gx, gy = box.w * grow, box.h * grow
    d = poly_d([(box.x - gx, box.y - gy), (box.right + gx, box.bottom + gy)]) + " " + poly_d([(box.right + gx, box.y - gy), (box.x - gx, box.bottom + gy)])
    group.add(path(dwg, d, **_stroke()))


def draw_brackets(dwg: Any, group: Any, box: Box, gap: float) -> None:
    """An adopted child's shape in square brackets."""
    t = box.w * 0.18
    left_x, right_x, top, bottom = box.x - gap, box.right + gap, box.y - 3, box.bottom + 3
    d = poly_d([(left_x + t, top), (left_x, top), (left_x, bottom), (left_x + t, bottom)]) + " " + poly_d([(right_x - t, top), (right_x, top), (right_x, bottom), (right_x - t, bottom)])
    group.add(path(dwg, d, **_stroke()))


def _centred_text(dwg: Any, text: str, x: float, y: float, size: float, bold: bool = False, fill: str = T.INK) -> Element:
    attrs = {"x": num(x), "y": num(y + size * 0.36), "font-size": num(size), "text-anchor": "middle", "fill": fill}
    if bold:
        attrs["font-weight"] = "bold"
    return Element("text", attrs, text)


def _small(box: Box) -> Box:
    """The reduced box a loss is drawn in (centred in the layout's box)."""
    s = box.w * T.LOSS_SCALE
    return Box(box.cx - s / 2, box.cy - s / 2, s, s)


def draw_pregnancy(dwg: Any, group: Any, person: Person, box: Box) -> list[str]:
    group.add(path(dwg, outline_d("triangle", box, box.w * 0.2), **_stroke(fill=T.PAPER)))
    return ["pregnancy"]


def draw_miscarriage(dwg: Any, group: Any, person: Person, box: Box) -> list[str]:
    small = _small(box)
    group.add(el(dwg, "circle", cx=num(small.cx), cy=num(small.cy), r=num(small.w * 0.35), fill=T.INK, stroke="none"))
    return ["miscarriage"]


def draw_termination(dwg: Any, group: Any, person: Person, box: Box) -> list[str]:
    small = _small(box)
    draw_cross(dwg, group, Box(small.x + small.w * 0.15, small.y + small.h * 0.15, small.w * 0.7, small.h * 0.7))
    return ["termination"]


def draw_stillbirth(dwg: Any, group: Any, person: Person, box: Box) -> list[str]:
    small = _small(box)
    group.add(path(dwg, outline_d(shape_of(person), small), **_stroke(fill=T.PAPER)))
    draw_cross(dwg, group, small, grow=0.15)
    return ["stillbirth"]


#: kind -> drawing function; add a symbol here and in :data:`LEGEND_TEXT`.
LOSSES: dict[str, Callable[[Any, Any, Any, Box], list[str]]] = {
    "pregnancy": draw_pregnancy,
    "miscarriage": draw_miscarriage,
    "termination": draw_termination,
    "stillbirth": draw_stillbirth,
}

#: Legend wording for every symbol key draw_person can return.
LEGEND_TEXT: dict[str, str] = {
    "shape:square": "Male",
    "shape:circle": "Female",
    "shape:diamond": "Intersex or sex not recorded",
    "index": "Index child (double outline)",
    "age": "Age in years (~ when a date is approximate)",
    "deceased": "Deceased",
    "unknown": "Person not yet identified (see numbered gap)",
    "gender": "Gender identity differs from recorded sex, or non-binary (see label)",
    "adopted": "Adopted (in brackets)",
    "pregnancy": "Pregnancy",
    "miscarriage": "Miscarriage",
    "termination": "Termination",
    "stillbirth": "Stillbirth",
    "condition:other": OTHER_CONDITION,
    **{"condition:" + name: style.label for name, style in CONDITIONS.items()},
}


def inside(shape: str, box: Box, x: float, y: float) -> bool:
    """True when ``(x, y)`` lies inside the drawn shape (not just its box)."""
    dx, dy = (x - box.cx) / (box.w / 2 or 1), (y - box.cy) / (box.h / 2 or 1)
    if shape == "circle":
        return dx * dx + dy * dy <= 1.0
    if shape == "diamond":
        return abs(dx) + abs(dy) <= 1.0
    return abs(dx) <= 1.0 and abs(dy) <= 1.0
