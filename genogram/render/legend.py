"""The legend (exactly the symbols and lines used) and the numbered gap list.

Both sit beside the diagram, so a reader can decode every mark and see every
gap in the missing-information register without another document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from genogram.layout.geometry import Box
from genogram.render import lines, symbols
from genogram.render import theme as T
from genogram.render.element import Element
from genogram.render.theme import num
from genogram.text import clean, wrap

if TYPE_CHECKING:
    from genogram.layout.geometry import GenogramGeometry
    from genogram.model import Family

#: Legend order: people first, then lines, then the relationship layer.
ORDER = (
    ["shape:square", "shape:circle", "shape:diamond", "index", "age", "deceased", "unknown", "gender", "adopted",
     "pregnancy", "miscarriage", "stillbirth", "termination"]
    + ["condition:" + name for name in symbols.CONDITIONS] + ["condition:other"]
    + ["union:" + k for k in lines.UNION_TEXT] + ["descent:" + k for k in lines.DESCENT_TEXT]
    + ["household", "placement", "household:past", "placement:past", "gap"] + ["rel:" + k for k in lines.RELATION_TEXT]
)


def ordered(keys: set[str]) -> list[str]:
    """Used keys in legend order (unknown keys last, sorted, so output is stable)."""
    known = [k for k in ORDER if k in keys]
    return known + sorted(keys - set(ORDER))


def text_el(dwg: Any, text: str, x: float, y: float, size: float, bold: bool = False, anchor: str = "start") -> Element:
    """A ``<text>``; the text is escaped when written. Text that reads right to left gets
    ``direction="rtl"`` (its anchor named for that direction, so it sits where asked)."""
    from genogram.shaping import rtl_anchor

    attrs = {"x": num(x), "y": num(y), "font-size": num(size)}
    rtl = rtl_anchor(text, anchor)
    if rtl is not None:
        attrs["direction"] = "rtl"
        anchor = rtl
    if anchor != "start":
        attrs["text-anchor"] = anchor
    if bold:
        attrs["font-weight"] = "bold"
    return Element("text", attrs, text)


def _sample_person(dwg: Any, group: Any, key: str, box: Box) -> None:
    from genogram.model import Person

    fields: dict[str, Any] = {"id": "sample", "sex": "male"}
    extra: dict[str, Any] = {}
    if key.startswith("shape:"):
        fields["sex"] = {"square": "male", "circle": "female", "diamond": "unknown"}[key[6:]]
    elif key == "deceased":
        fields["died"] = True
    elif key == "unknown":
        fields["unknown"] = True
    elif key == "gender":
        fields.update(sex="female", gender="non-binary")
    elif key in symbols.LOSSES:
        fields["kind"] = key
    elif key.startswith("condition:"):
        fields["conditions"] = [key[10:] if key != "condition:other" else "other"]
    elif key == "index":
        extra["index"] = True
        box = Box(box.x + 3, box.y + 3, box.w - 6, box.h - 6)
    elif key == "adopted":
        extra["adopted"] = True
        box = Box(box.x + 4, box.y + 2, box.w - 8, box.h - 4)
    elif key == "age":
        # Just the number: any shape would also say something about sex.
        group.add(text_el(dwg, "42", box.cx, box.cy + box.h * 0.2, box.h * 0.6, anchor="middle"))
        return
    symbols.draw_person(dwg, group, Person(**fields), box, **extra)


def legend_text(key: str) -> str:
    return symbols.LEGEND_TEXT.get(key) or lines.line_text(key)


@dataclass(frozen=True, slots=True)
class Legend:
    """The key and gap list as drawn, and where a printed sheet may cut it into columns."""

    group: Element
    height: float
    #: Heights (from the top) between two entries: the best places for a column to end.
    entry_breaks: tuple[float, ...]
    #: Heights between two lines of one entry, for an entry taller than a column.
    line_breaks: tuple[float, ...]


def draw_legend(dwg: Any, family: Family, geometry: GenogramGeometry, used: set[str], width: float = T.LEGEND_WIDTH) -> Legend:
    """A group (at the origin) holding the legend and gap list, its height, and where it may be cut."""
    group = el_group(dwg, "legend")
    size = T.LEGEND_SIZE
    line_h = size * T.LINE_HEIGHT
    below_text = size * 0.3  # under a line's descenders, above the next line's capitals
    breaks: list[float] = []
    within: list[float] = []
    y = 0.0
    group.add(text_el(dwg, "Key", 0, y + size, size * 1.2, bold=True))
    y += size * 1.2 + 8
    glyph = T.LEGEND_GLYPH
    text_x = 40.0
    for key in ordered(used):
        rows = wrap(legend_text(key), width - text_x, size)
        row_h = max(T.LEGEND_ROW, len(rows) * line_h + 4)
        top = y + (row_h - glyph) / 2
        if key.startswith(("union:", "descent:", "rel:", "household", "placement")) or key == "gap":
            lines.draw_sample(dwg, group, key, 2, top, 32, glyph)
        else:
            _sample_person(dwg, group, key, Box(16 - glyph / 2, top, glyph, glyph))
        first = y + row_h / 2 - (len(rows) - 1) * line_h / 2 + size * 0.36
        for i, row in enumerate(rows):
            group.add(text_el(dwg, row, text_x, first + i * line_h, size))
        y += row_h
        breaks.append(y)
    sources = [clean(r.source) for r in family.relationships if r.source]
    if "rel:" in " ".join(used) and sources:
        y += 4
        for row in wrap("Relationship lines give a person's view where recorded: " + "; ".join(dict.fromkeys(sources)) + ".", width, size * 0.9):
            y += line_h
            group.add(text_el(dwg, row, 0, y, size * 0.9))
            within.append(y + below_text)
        breaks.append(within.pop())
    for note in geometry.notes:
        for row in wrap("Note: " + note, width, size * 0.9):
            y += line_h
            group.add(text_el(dwg, row, 0, y, size * 0.9))
            within.append(y + below_text)
        breaks.append(within.pop())
    if geometry.gaps:
        y += 18
        group.add(text_el(dwg, "Missing information", 0, y + size, size * 1.2, bold=True))
        y += size * 1.2 + 6
        by_id = dict(zip(family.gap_ids, family.missing))
        for marker in sorted(geometry.gaps, key=lambda g: g.number):
            gap = by_id.get(marker.gap)
            if gap is None:
                continue
            lines.draw_gap_marker(dwg, group, 0, y + 1, 14, 14, marker.number)
            entries = [("", gap.what, True)]
            entries += [("Steps: " if i == 0 else "", step, False) for i, step in enumerate(gap.steps)]
            if gap.plan:
                entries.append(("Plan: ", gap.plan, False))
            who = "; ".join(x for x in (f"Owner: {clean(gap.owner)}" if gap.owner else "", f"Due: {gap.due}" if gap.due else "", "Resolved" if getattr(gap.status, "value", gap.status) == "resolved" else "") if x)
            if who:
                entries.append(("", who, False))
            for prefix, body, bold in entries:
                for row in wrap(prefix + clean(str(body)), width - 22, size, bold):
                    y += line_h
                    group.add(text_el(dwg, row, 22, y, size, bold=bold))
                    within.append(y + below_text)
            within.pop()
            y += 10
            breaks.append(y - 5)
    return Legend(group, y, tuple(breaks), tuple(within))


def el_group(dwg: Any, cls: str) -> Element:
    return Element("g", {"class": cls})
