"""Draw an :class:`~genogram.layout.ecomap.EcomapGeometry` as accessible SVG.

The renderer decides nothing about placement; it turns strengths and flows
into ink. Meaning is carried by line form, never colour, so a photocopy
reads the same: strong (thick), normal, tenuous (dashed), stressful
(cross ticks), broken (a gap). Every connection is one ``<g
class="connection">`` carrying its system, end, strength and flow as data
attributes, so tests (and screen readers, via ``<title>``) can read it back.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from genogram.layout.geometry import Box, Point

if TYPE_CHECKING:
    from genogram.layout.ecomap import EcomapGeometry, EcomapLine
    from genogram.model import Family

STRENGTH_WIDTH = {"strong": 3.6, "normal": 1.5, "tenuous": 1.5, "stressful": 1.5, "broken": 1.5}
TENUOUS_DASH = "7,5"
TICK_EVERY = 9.0
TICK_HALF = 5.0
BROKEN_GAP = 16.0
ARROW_LEN = 10.0
ARROW_HALF = 4.5

STRENGTH_TEXT = {
    "strong": "Strong (thick line)",
    "normal": "Normal",
    "tenuous": "Tenuous (dashed)",
    "stressful": "Stressful (cross-hatched)",
    "broken": "Broken (line with a gap)",
}
FLOW_TEXT = {
    "to": "Flow towards the family or person",
    "from": "Flow from the family towards the system",
    "both": "Flow both ways",
}


def ecomap_svg(family: Family, geometry: EcomapGeometry) -> str:
    """The ecomap as SVG text; same geometry in, same bytes out."""
    import svgwrite

    from genogram.render import theme as T
    from genogram.render.symbols import el
    from genogram.render.theme import num

    dwg = svgwrite.Drawing(size=(num(geometry.width), num(geometry.height)), profile="full", debug=False)
    dwg.attribs.clear()
    dwg.update(
        {
            "width": num(geometry.width),
            "height": num(geometry.height),
            "viewBox": f"0 0 {num(geometry.width)} {num(geometry.height)}",
            "version": "1.1",
            "baseProfile": "full",
            "generator": "genogram",
            "role": "img",
            "aria-labelledby": "title desc",
            "font-family": T.FONT_FAMILY,
        }
    )
    title, desc = _describe(family, geometry)
    dwg.elements.insert(0, _text_el(dwg, "title", title, id="title"))
    dwg.elements.insert(1, _text_el(dwg, "desc", desc, id="desc"))
    dwg.add(el(dwg, "rect", x="0", y="0", width=num(geometry.width), height=num(geometry.height), fill=T.PAPER))

    if geometry.title is not None:
        dwg.add(_label(dwg, geometry.title.lines, geometry.title.x, geometry.title.y, geometry.title.size, "start", bold=True, cls="title"))

    centre = geometry.centre
    dwg.add(el(dwg, "circle", cx=num(centre.cx), cy=num(centre.cy), r=num(centre.r), fill=T.PAPER, stroke=T.INK, stroke_width="2.2", **{"class": "centre", "data-id": centre.id}))

    systems_group = el(dwg, "g", **{"class": "systems"})
    for system in geometry.systems:
        g = el(dwg, "g", **{"class": "system", "data-id": system.id, "data-kind": system.kind, "data-group": system.group})
        g.add(el(dwg, "circle", cx=num(system.cx), cy=num(system.cy), r=num(system.r), fill=T.PAPER, stroke=T.INK, stroke_width="1.4"))
        person = family.person_by_id.get(system.person) if system.person else None
        if person is not None:
            from genogram.render.symbols import draw_person

            s = system.r * 0.8
            draw_person(dwg, g, person, Box(system.cx - s / 2, system.cy - s / 2, s, s))
        else:
            _kind_text(dwg, g, system.kind, system.cx, system.cy)
        systems_group.add(g)
    dwg.add(systems_group)

    lines_group = el(dwg, "g", **{"class": "connections", "fill": "none", "stroke": T.INK, "stroke-linecap": "butt"})
    names = {s.id: s.name for s in geometry.systems}
    for line in geometry.lines:
        lines_group.add(_connection(dwg, line, names.get(line.system, line.system), family))
    dwg.add(lines_group)

    members_group = el(dwg, "g", **{"class": "members"})
    _draw_members(dwg, members_group, family, geometry)
    dwg.add(members_group)

    labels_group = el(dwg, "g", **{"class": "labels", "fill": T.INK})
    for label in geometry.labels:
        x = label.x + label.w / 2
        labels_group.add(_label(dwg, label.lines, x, label.y, label.size, "middle", cls=label.role, for_=label.for_))
    dwg.add(labels_group)

    if geometry.legend is not None:
        dwg.add(_legend(dwg, geometry))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + dwg.tostring() + "\n"


# --------------------------------------------------------------------------- pieces


def _text_el(dwg: Any, tag: str, text: str, **attrs: str) -> Any:
    from svgwrite.base import BaseElement

    class _Plain(BaseElement):
        elementname = tag

        def get_xml(self) -> Any:
            xml = super().get_xml()
            xml.text = text
            return xml

    element = _Plain(debug=False)
    element.attribs.clear()
    element.update(attrs)
    return element


def _label(dwg: Any, lines: tuple[str, ...], x: float, y: float, size: float, anchor: str, bold: bool = False, cls: str = "", for_: str | None = None) -> Any:
    """Multi-line text whose top is at ``y``; svgwrite escapes it."""
    from genogram.layout.ecomap import LINE_H
    from genogram.render.theme import num
    from genogram.shaping import rtl_anchor

    rtl = rtl_anchor(lines[0] if lines else "", anchor)
    attrs = {"x": num(x), "y": num(y + 1 + size * 0.95), "font-size": num(size), "text-anchor": rtl or anchor}
    if rtl is not None:
        attrs["direction"] = "rtl"
    if bold:
        attrs["font-weight"] = "bold"
    if cls:
        attrs["class"] = cls
    if for_ is not None:
        attrs["data-for"] = for_
    text = dwg.text("")
    text.attribs.clear()
    text.update(attrs)
    for i, line in enumerate(lines):
        span = dwg.tspan(line)
        span.attribs.clear()
        span.update({"x": num(x), "dy": "0" if i == 0 else num(size * LINE_H)})
        text.add(span)
    return text


def _kind_text(dwg: Any, group: Any, kind: str, cx: float, cy: float) -> None:
    """The system's kind, small and grey inside its circle (its name is the label outside)."""
    from genogram.layout.ecomap import _wrap
    from genogram.render import theme as T
    from genogram.text import clean

    lines = _wrap(clean(kind.replace("-", " ")), 8.0, 50.0, max_lines=2)
    size = 8.0
    top = cy - len(lines) * size * 1.2 / 2
    label = _label(dwg, lines, cx, top - 1, size, "middle", cls="kind")
    label.update({"fill": T.GREY_DARK})
    group.add(label)


def _draw_members(dwg: Any, group: Any, family: Family, geometry: EcomapGeometry) -> None:
    from genogram.render.symbols import draw_person

    for member in geometry.members:
        person = family.person_by_id.get(member.id)
        if person is None:
            continue
        from genogram.render.symbols import el

        g = el(dwg, "g", **{"class": "member", "data-id": member.id})
        draw_person(dwg, g, person, member.box, index=member.id == family.index)
        group.add(g)


def _unit(p: Point, q: Point) -> tuple[float, float]:
    dx, dy = q[0] - p[0], q[1] - p[1]
    length = math.hypot(dx, dy) or 1.0
    return dx / length, dy / length


def _arrow_d(tip: Point, back: Point, scale: float) -> str:
    from genogram.render.symbols import poly_d

    ux, uy = _unit(back, tip)
    length, half = ARROW_LEN * scale, ARROW_HALF * scale
    bx, by = tip[0] - ux * length, tip[1] - uy * length
    return poly_d([tip, (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)], closed=True)


def _connection(dwg: Any, line: EcomapLine, name: str, family: Family | _NoFamily) -> Any:
    """One connection: its line in the strength's form, then its arrows."""
    from genogram.render import theme as T
    from genogram.render.symbols import el, path, poly_d
    from genogram.render.theme import num

    start, end = line.points[0], line.points[-1]
    attrs = {"class": "connection", "data-system": line.system, "data-with": line.with_ or "", "data-strength": line.strength, "data-flow": line.flow or "none", "data-ends-at": line.ends_at}
    if line.ends_at == "relative" and line.to:
        attrs["data-to"] = line.to
    g = el(dwg, "g", **attrs)
    who = _who(family, line.with_)
    flow = {"to": ", flow towards the family", "from": ", flow towards the system", "both": ", flow both ways"}.get(line.flow or "", "")
    g.add(_text_el(dwg, "title", f"{name} with {who}: {line.strength}{flow}"))
    width = STRENGTH_WIDTH.get(line.strength, 1.5)
    scale = 1.25 if line.strength == "strong" else 1.0
    # Leave room for arrowheads so the line does not poke past their tips.
    ux, uy = _unit(start, end)
    a = start
    b = end
    if line.flow in ("from", "both"):
        a = (start[0] + ux * ARROW_LEN * scale * 0.6, start[1] + uy * ARROW_LEN * scale * 0.6)
    if line.flow in ("to", "both"):
        b = (end[0] - ux * ARROW_LEN * scale * 0.6, end[1] - uy * ARROW_LEN * scale * 0.6)
    line_attrs = {"class": "line", "fill": "none", "stroke": T.INK, "stroke-width": num(width)}
    if line.strength == "tenuous":
        line_attrs["stroke-dasharray"] = TENUOUS_DASH
    if line.strength == "broken":
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        half_gap = BROKEN_GAP / 2
        p1 = (mid[0] - ux * half_gap, mid[1] - uy * half_gap)
        p2 = (mid[0] + ux * half_gap, mid[1] + uy * half_gap)
        g.add(path(dwg, poly_d([a, p1]) + " " + poly_d([p2, b]), **line_attrs))
    else:
        g.add(path(dwg, poly_d([a, b]), **line_attrs))
    if line.strength == "stressful":
        length = math.hypot(b[0] - a[0], b[1] - a[1])
        count = max(1, int((length - 2 * TICK_EVERY) // TICK_EVERY))
        offset = (length - (count - 1) * TICK_EVERY) / 2
        parts = []
        for i in range(count):
            t = offset + i * TICK_EVERY
            cx, cy = a[0] + ux * t, a[1] + uy * t
            parts.append(poly_d([(cx - uy * TICK_HALF, cy + ux * TICK_HALF), (cx + uy * TICK_HALF, cy - ux * TICK_HALF)]))
        g.add(path(dwg, " ".join(parts), **{"class": "ticks", "fill": "none", "stroke": T.INK, "stroke-width": "1.2"}))
    if line.flow in ("to", "both"):
        g.add(path(dwg, _arrow_d(end, start, scale), fill=T.INK, stroke="none", **{"class": "arrow", "data-end": "family"}))
    if line.flow in ("from", "both"):
        g.add(path(dwg, _arrow_d(start, end, scale), fill=T.INK, stroke="none", **{"class": "arrow", "data-end": "system"}))
    return g


def _legend(dwg: Any, geometry: EcomapGeometry) -> Any:
    """Exactly the strengths and flows this map uses, drawn with the same code as the map."""
    from genogram.layout.ecomap import LEGEND_ROW, LINE_H, EcomapLine
    from genogram.render import theme as T
    from genogram.render.symbols import el

    box = geometry.legend
    assert box is not None
    g = el(dwg, "g", **{"class": "legend"})
    g.add(_label(dwg, ("Key",), box.x, box.y, 11.0, "start", bold=True))
    y = box.y + 22
    sample = 44.0
    for strength in geometry.strengths:
        line = EcomapLine("legend", None, strength, None, ((box.x, y + 6), (box.x + sample, y + 6)))
        item = _connection(dwg, line, "", _NoFamily())
        item.update({"class": "legend-item", "data-strength": strength})
        g.add(item)
        g.add(_label(dwg, (STRENGTH_TEXT[strength],), box.x + sample + 10, y, 9.5, "start"))
        y += LEGEND_ROW
    for flow in geometry.flows:
        pts = ((box.x + sample, y + 6), (box.x, y + 6))  # system on the right, family on the left
        line = EcomapLine("legend", None, "normal", flow, pts)
        item = _connection(dwg, line, "", _NoFamily())
        item.update({"class": "legend-item", "data-flow": flow})
        g.add(item)
        g.add(_label(dwg, (FLOW_TEXT[flow],), box.x + sample + 10, y, 9.5, "start"))
        y += LEGEND_ROW
    if geometry.notes:
        note = _label(dwg, tuple(geometry.notes), box.x, y + 2, 9.0, "start", cls="notes")
        note.update({"fill": T.GREY_DARK})
        g.add(note)
    _ = LINE_H
    return g


class _NoFamily:
    """Stands in for a family when drawing legend samples (they concern no one)."""

    person_by_id: dict[str, Any] = {}
    household_by_id: dict[str, Any] = {}


def _who(family: Family | _NoFamily, ref: str | None) -> str:
    """A connection's family end in words: a person's name, a household's label, or the whole family."""
    from genogram.text import clean

    if ref is None:
        return "the whole family"
    person = family.person_by_id.get(ref)
    if person is not None:
        return clean(person.name) if person.name else ("an unknown person" if person.unknown else ref)
    household = family.household_by_id.get(ref)
    if household is not None:
        return clean(household.label or ref)
    return ref


def _describe(family: Family, geometry: EcomapGeometry) -> tuple[str, str]:
    """The SVG's ``<title>`` and a ``<desc>`` that says in words what the map shows."""
    from genogram.text import clean

    names = {s.id: s.name for s in geometry.systems}
    title = " ".join(geometry.title.lines) if geometry.title else "Ecomap"
    parts = [f"Ecomap centred on {geometry.centre.name}, with {len(geometry.systems)} systems and {len(geometry.lines)} connections."]
    for line in geometry.lines:
        who = _who(family, line.with_)
        flow = f", flow {line.flow}" if line.flow else ""
        parts.append(f"{names.get(line.system, line.system)} with {who}: {line.strength}{flow}.")
    parts.extend(geometry.notes)
    return clean(title), clean(" ".join(parts))
