"""Draw a laid-out placement timeline as one self-contained, deterministic SVG.

Everything comes from :class:`~genogram.layout.timeline.TimelineGeometry`:
this module only decides how it looks, in the genogram's greys, font and
key style. A stay's kind is said in its label and shown by its fill; an
error (an overlap) is said in words and drawn with a heavy outline, so
neither depends on colour. Text is escaped by the element writer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from genogram.render import theme as T
from genogram.render.element import Element, tostring
from genogram.render.legend import el_group, text_el
from genogram.render.theme import num

if TYPE_CHECKING:
    from genogram.layout.timeline import Mark, StayBar, Text, TimelineGeometry

#: Fill of each kind of stay (greys and patterns: photocopies and colour-blind readers).
FILLS = {
    "birth-family": T.PAPER,
    "household": "url(#tl-household)",
    "kinship": "#dedede",
    "foster": "url(#pat-hatch)",
    "residential": T.GREY_LIGHT,
    "adoptive": "url(#pat-dots)",
    "special-guardianship": "#a8a8a8",
    "other": "#efefef",
}
ERROR = "#a00000"  # overlaps: added to the heavy outline and the words, never alone
TOP = T.MARGIN + T.TITLE_SIZE + T.LEGEND_SIZE * 1.6 + 18


def timeline_svg(geometry: TimelineGeometry) -> str:
    """The SVG document (text) for ``geometry``."""
    diagram = el_group(None, "timeline")
    used: set[str] = set()
    _grid(diagram, geometry)
    for lane in geometry.lanes:
        _lane(diagram, geometry, lane)
    for stay in geometry.stays:
        used |= _stay(diagram, stay)
    for mark in geometry.marks:
        used.add(_mark(diagram, mark))
    for move in geometry.moves:
        used.add("move")
        diagram.add(Element("path", {"d": f"M{num(move.x - 4)} {num(move.y - 6)} L{num(move.x + 4)} {num(move.y - 6)} L{num(move.x)} {num(move.y)} Z", "fill": T.INK}))
    for event in geometry.events:
        used.add("event:" + event.kind)
        _event(diagram, geometry, event.kind, event.x, event.y, event.label)
    width = T.MARGIN * 2 + geometry.width
    key, key_h = _key(used, geometry)
    key_x = T.MARGIN + geometry.width + T.LEGEND_GAP
    key.update({"transform": f"translate({num(key_x)},{num(TOP)})"})
    width = key_x + T.LEGEND_WIDTH + T.MARGIN
    height = TOP + max(geometry.height, key_h) + T.MARGIN
    dwg = Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg",
        "version": "1.1",
        "width": num(width),
        "height": num(height),
        "viewBox": f"0 0 {num(width)} {num(height)}",
        "font-family": T.FONT_FAMILY,
        "data-generator": "genogram",
        "role": "img",
    })
    title = f"{geometry.title}: placement timeline"
    dwg.add(Element("title", text=title))
    dwg.add(Element("desc", text=describe(geometry)))
    from genogram.render.symbols import add_patterns

    defs = dwg.add(Element("defs"))
    add_patterns(defs)
    # A light pattern of its own for a home that is not a placement, told apart from a birth-family home.
    light = defs.add(Element("pattern", {"id": "tl-household", "patternUnits": "userSpaceOnUse", "width": "6", "height": "6"}))
    light.add(Element("path", {"d": "M0 3 L6 3", "stroke": T.GREY_MID, "stroke-width": "0.7", "fill": "none"}))
    dwg.add(Element("rect", {"x": "0", "y": "0", "width": num(width), "height": num(height), "fill": T.PAPER}))
    dwg.add(text_el(dwg, title, T.MARGIN, T.MARGIN + T.TITLE_SIZE, T.TITLE_SIZE, bold=True))
    sub = f"Where each child has lived, and with whom, as of {geometry.as_of}"
    dwg.add(text_el(dwg, sub, T.MARGIN, T.MARGIN + T.TITLE_SIZE + T.LEGEND_SIZE * 1.6, T.LEGEND_SIZE))
    diagram.update({"transform": f"translate({num(T.MARGIN)},{num(TOP)})"})
    dwg.add(diagram)
    dwg.add(key)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + tostring(dwg) + "\n"


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str = T.INK, width: float = T.STROKE_THIN, dash: str | None = None) -> Element:
    attrs = {"x1": num(x1), "y1": num(y1), "x2": num(x2), "y2": num(y2), "stroke": stroke, "stroke-width": num(width)}
    if dash:
        attrs["stroke-dasharray"] = dash
    return Element("line", attrs)


def _rect(x: float, y: float, w: float, h: float, **attrs: str) -> Element:
    out = {"x": num(x), "y": num(y), "width": num(max(w, 0.5)), "height": num(h)}
    out.update({k.replace("_", "-"): v for k, v in attrs.items()})
    return Element("rect", out)


def _plated(group: Element, block: Text) -> None:
    """A label on paper, so grid lines and the as-of line never run through its words."""
    group.add(_rect(block.x - 1, block.y, block.w + 2, block.h + 2, fill=T.PAPER))
    _text(group, block)


def _text(group: Element, block: Text, anchor: str = "start") -> None:
    """A block of lines, the first ``block.bold`` of them bold."""
    step = block.size * 1.3
    x = block.x if anchor == "start" else block.x + block.w
    for i, line in enumerate(block.lines):
        group.add(text_el(None, line, x, block.y + i * step + block.size * 0.95, block.size, bold=i < block.bold, anchor=anchor))


def _grid(group: Element, geo: TimelineGeometry) -> None:
    """Year lines through the lanes, the axis with its years, and the reference day."""
    bottom = geo.height
    for tick in geo.ticks:
        group.add(_line(tick.x, geo.axis_y, tick.x, bottom, T.GREY_LIGHT, 0.6))
        group.add(_line(tick.x, geo.axis_y, tick.x, geo.axis_y + 5))
        group.add(text_el(None, tick.label, tick.x + 2, geo.axis_y + 15, T.LEGEND_SIZE - 1))
    group.add(_line(geo.plot_x0, geo.axis_y, geo.plot_x1, geo.axis_y, T.INK, T.STROKE))
    group.add(_line(geo.today_x, geo.axis_y - 4, geo.today_x, bottom, T.INK, T.STROKE_THIN, T.DASH))
    group.add(text_el(None, f"as of {geo.as_of}", geo.today_x + 3, geo.axis_y - 5, T.LEGEND_SIZE - 1.5))


def _lane(group: Element, geo: TimelineGeometry, lane: object) -> None:
    from genogram.layout.timeline import Lane

    assert isinstance(lane, Lane)
    group.add(_line(0, lane.y, geo.plot_x1, lane.y, T.GREY_MID, 0.8))
    if lane.index:
        group.add(_rect(0, lane.y, 4, lane.h, fill=T.INK))
    _text(group, lane.name)


def _stay(group: Element, stay: StayBar) -> set[str]:
    """A bar, its uncertain ends faded, its open or assumed ends marked, and its label."""
    used = {"stay:" + stay.kind}
    fill = FILLS.get(stay.kind, "#efefef")
    x0, x1, y, h = stay.x0, stay.x1, stay.y, stay.h
    group.add(_rect(x0, y, x1 - x0, h, fill=fill, stroke="none"))
    for a, b in (stay.start_zone, stay.end_zone):
        if b - a > 1.5:
            used.add("uncertain")
            group.add(_rect(a, y, b - a, h, fill=T.PAPER, fill_opacity="0.65", stroke=T.GREY_MID, stroke_width="0.8", stroke_dasharray="2,2"))
    edges = [(x0, y, x1, y), (x0, y + h, x1, y + h), (x1, y, x1, y + h)]
    for ax, ay, bx, by in edges:
        group.add(_line(ax, ay, bx, by, T.INK, T.STROKE_THIN))
    if stay.start_assumed:
        used.add("assumed-start")
        group.add(_line(x0, y, x0, y + h, T.INK, T.STROKE_THIN, "3,2"))
    else:
        group.add(_line(x0, y, x0, y + h, T.INK, T.STROKE_THIN))
    if stay.open_end:
        used.add("open-end")
        group.add(Element("path", {"d": f"M{num(x1)} {num(y + 2)} L{num(x1 + 8)} {num(y + h / 2)} L{num(x1)} {num(y + h - 2)} Z", "fill": T.INK}))
    group.add(_line(stay.label.x, y + h, stay.label.x, stay.label.y, T.GREY_MID, 0.6))
    _plated(group, stay.label)
    return used


def _mark(group: Element, mark: Mark) -> str:
    if mark.kind == "gap":
        group.add(_rect(mark.x0, mark.y, mark.x1 - mark.x0, mark.h, fill="url(#pat-cross)", stroke=T.INK, stroke_width="1", stroke_dasharray="4,3"))
    else:
        group.add(_rect(mark.x0, mark.y - 3, mark.x1 - mark.x0, mark.h + 6, fill="none", stroke=ERROR, stroke_width="3"))
    group.add(_line(mark.label.x, mark.y + mark.h, mark.label.x, mark.label.y, T.GREY_MID, 0.6))
    _plated(group, mark.label)
    return mark.kind


def _event(group: Element, geo: TimelineGeometry, kind: str, x: float, y: float, label: Text) -> None:
    group.add(_line(x, label.y + label.h, x, y, T.GREY_MID, 0.6))
    _glyph(group, kind, x, y)
    _text(group, label)


def _glyph(group: Element, kind: str, x: float, y: float) -> None:
    """The small mark of an event kind, centred on (x, y)."""
    if kind == "birth":
        group.add(Element("circle", {"cx": num(x), "cy": num(y), "r": "3.5", "fill": T.PAPER, "stroke": T.INK, "stroke-width": "1.2"}))
    elif kind == "death":
        group.add(_rect(x - 3.5, y - 3.5, 7, 7, fill=T.PAPER, stroke=T.INK, stroke_width="1.2"))
        group.add(_line(x - 3.5, y - 3.5, x + 3.5, y + 3.5, T.INK, 1.2))
        group.add(_line(x - 3.5, y + 3.5, x + 3.5, y - 3.5, T.INK, 1.2))
    elif kind == "union":
        group.add(_rect(x - 3.5, y - 3.5, 7, 7, fill=T.INK))
    else:  # separation
        group.add(_rect(x - 3.5, y - 3.5, 7, 7, fill=T.PAPER, stroke=T.INK, stroke_width="1.2"))
        group.add(_line(x - 5, y + 5, x + 5, y - 5, T.INK, 1.6))


KEY_TEXT = {
    "stay:birth-family": "With birth family",
    "stay:household": "Household (no placement)",
    "stay:kinship": "Kinship placement",
    "stay:foster": "Foster placement",
    "stay:residential": "Residential placement",
    "stay:adoptive": "Adoptive placement",
    "stay:special-guardianship": "Special guardianship",
    "stay:other": "Other placement",
    "uncertain": "Uncertain date (faded: every day it could be)",
    "assumed-start": "No from: date, taken from birth (dashed start)",
    "open-end": "No to: date, continues to the as-of date",
    "move": "A move to a new household",
    "gap": "Gap: no household recorded",
    "overlap": "Overlap (error): two places at once",
    "event:birth": "Birth",
    "event:death": "Death or loss",
    "event:union": "Union (married or together)",
    "event:separation": "Separation, divorce or widowhood",
}


def _key(used: set[str], geo: TimelineGeometry) -> tuple[Element, float]:
    """The key in the genogram's style: only what the drawing uses, in a fixed order."""
    from genogram.text import wrap

    group = el_group(None, "legend")
    size = T.LEGEND_SIZE
    group.add(text_el(None, "Key", 0, size, size * 1.2, bold=True))
    y = size * 1.2 + 8
    for key in [k for k in KEY_TEXT if k in used]:
        top = y + (T.LEGEND_ROW - 14) / 2
        _sample(group, key, top)
        group.add(text_el(None, KEY_TEXT[key], 44, y + T.LEGEND_ROW / 2 + size * 0.36, size))
        y += T.LEGEND_ROW
    group.add(_line(16, y + 3, 16, y + 17, T.INK, T.STROKE_THIN, T.DASH))
    group.add(text_el(None, "The as-of date", 44, y + 10 + size * 0.36, size))
    y += T.LEGEND_ROW
    for note in geo.notes:
        for row in wrap("Note: " + note, T.LEGEND_WIDTH, size * 0.9):
            y += size * T.LINE_HEIGHT
            group.add(text_el(None, row, 0, y, size * 0.9))
    return group, y


def _sample(group: Element, key: str, top: float) -> None:
    if key.startswith("stay:"):
        group.add(_rect(2, top, 32, 14, fill=FILLS[key[5:]], stroke=T.INK, stroke_width="1"))
    elif key == "uncertain":
        group.add(_rect(2, top, 32, 14, fill="#dedede", stroke=T.INK, stroke_width="1"))
        group.add(_rect(22, top, 12, 14, fill=T.PAPER, fill_opacity="0.65", stroke=T.GREY_MID, stroke_width="0.8", stroke_dasharray="2,2"))
    elif key == "assumed-start":
        group.add(_rect(2, top, 32, 14, fill=T.PAPER, stroke="none"))
        for ax, ay, bx, by in ((2, top, 34, top), (2, top + 14, 34, top + 14), (34, top, 34, top + 14)):
            group.add(_line(ax, ay, bx, by))
        group.add(_line(2, top, 2, top + 14, T.INK, T.STROKE_THIN, "3,2"))
    elif key == "open-end":
        group.add(_rect(2, top, 24, 14, fill=T.PAPER, stroke=T.INK, stroke_width="1"))
        group.add(Element("path", {"d": f"M26 {num(top + 2)} L34 {num(top + 7)} L26 {num(top + 12)} Z", "fill": T.INK}))
    elif key == "move":
        group.add(Element("path", {"d": f"M12 {num(top + 2)} L20 {num(top + 2)} L16 {num(top + 8)} Z", "fill": T.INK}))
        group.add(_rect(2, top + 8, 32, 6, fill=T.PAPER, stroke=T.INK, stroke_width="1"))
    elif key == "gap":
        group.add(_rect(2, top, 32, 14, fill="url(#pat-cross)", stroke=T.INK, stroke_width="1", stroke_dasharray="4,3"))
    elif key == "overlap":
        group.add(_rect(3, top, 30, 14, fill="none", stroke=ERROR, stroke_width="3"))
    else:
        _glyph(group, key[6:], 18, top + 7)


def describe(geo: TimelineGeometry) -> str:
    """The timeline in words, for screen readers: each child, their stays, gaps and overlaps."""
    parts = [f"Placement timeline of {len(geo.lanes)} {'child' if len(geo.lanes) == 1 else 'children'}, as of {geo.as_of}."]
    for lane in geo.lanes:
        stays = [s for s in geo.stays if s.child == lane.child]
        gaps = sum(1 for m in geo.marks if m.child == lane.child and m.kind == "gap")
        overlaps = sum(1 for m in geo.marks if m.child == lane.child and m.kind == "overlap")
        said = f"{lane.name.lines[0]}: {len(stays)} {'stay' if len(stays) == 1 else 'stays'}"
        if stays:
            said += " (" + "; ".join(f"{s.label.lines[0]}, {s.start_text} to {s.end_text}" for s in stays) + ")"
        if gaps:
            said += f", {gaps} {'gap' if gaps == 1 else 'gaps'} in the record"
        if overlaps:
            said += f", {overlaps} {'overlap' if overlaps == 1 else 'overlaps'} (an error in the record)"
        parts.append(said + ".")
    return " ".join(parts)

