"""Draw a laid-out genogram as one self-contained, deterministic SVG.

The layout decides where everything goes; this module decides how it looks.
Text reaches the file only through :mod:`genogram.render.element` (which
escapes it) after :func:`genogram.text.clean`; numbers are formatted by
:func:`theme.num` and element ids are fixed names, so the same input gives
the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from genogram.render import theme as T
from genogram.render.theme import num

if TYPE_CHECKING:
    from genogram.layout.geometry import GenogramGeometry, Label
    from genogram.model import Family


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to draw (what to show is decided earlier, by the layout's options)."""

    relationships: bool = True
    legend: bool = True
    ages: bool = True


def genogram_svg(family: Family, geometry: GenogramGeometry, options: RenderOptions | None = None) -> str:
    """The SVG document (text) for ``geometry`` of ``family``."""
    from genogram.render.element import no_cycle_collection

    with no_cycle_collection():
        return _document(family, geometry, options)


def _document(family: Family, geometry: GenogramGeometry, options: RenderOptions | None) -> str:
    from genogram.layout.geometry import Box
    from genogram.render import legend, lines, symbols
    from genogram.render.element import Element, tostring
    from genogram.text import clean

    options = options or RenderOptions()
    people = family.person_by_id
    dwg = Element("svg")
    used: set[str] = set()
    diagram = legend.el_group(dwg, "diagram")

    layer = legend.el_group(dwg, "households")
    households = family.household_by_id
    for outline in geometry.households:
        record = households.get(outline.id)
        past = record is not None and not record.current
        used.add(lines.draw_household(dwg, layer, outline.points, outline.placement is not None, past))
    diagram.add(layer)

    if options.relationships and geometry.relationships:
        # Paper under each label, over the relationship layer (drawn first), so
        # a relationship line passing behind a label never makes it unreadable.
        # Structural lines are drawn after, so none is hidden (the layout keeps them off labels).
        plates = legend.el_group(dwg, "label-plates")
        for label in geometry.labels:
            plates.add(symbols.el(dwg, "rect", x=num(label.x), y=num(label.y), width=num(label.w), height=num(label.h), fill=T.PAPER))
        relationship_slot = len(diagram.elements)
    layer = legend.el_group(dwg, "unions")
    for union in geometry.unions:
        status = union.status.value if hasattr(union.status, "value") else union.status  # type: ignore[union-attr]
        key = lines.draw_union(dwg, layer, union.points, status, len(union.partners))
        if key != "union:single":  # a line from one parent needs no key
            used.add(key)
    diagram.add(layer)

    layer = legend.el_group(dwg, "children")
    twins: dict[str, list[Any]] = {}
    for line in geometry.children:
        relation = getattr(line.relation, "value", line.relation)
        used.add(lines.draw_descent(dwg, layer, line.points, relation))
        if line.twin_group:
            twins.setdefault(line.twin_group, []).append(line)
    for group_id in sorted(twins):
        members = twins[group_id]
        used.add("descent:twins")
        if any(m.identical for m in members):
            used.add("descent:identical")
            lines.draw_twin_bar(dwg, layer, [m.points for m in members])
    diagram.add(layer)

    if options.relationships and geometry.relationships:
        layer = legend.el_group(dwg, "relationships")
        boxes = {b.id: b for b in geometry.people}

        def shape_test(pid: str) -> Any:
            placed = boxes.get(pid)
            if placed is None:
                return lambda x, y: False
            grow = T.INDEX_GAP if pid == family.index else 0.0
            area = Box(placed.x - grow, placed.y - grow, placed.w + 2 * grow, placed.h + 2 * grow)
            shape = symbols.shape_of(people.get(pid))
            return lambda x, y: symbols.inside(shape, area, x, y)

        for rel in geometry.relationships:
            points = lines.clip_ends(rel.points, shape_test(rel.ends[0]), shape_test(rel.ends[1]))
            used.add(lines.draw_relationship(dwg, layer, points, getattr(rel.kind, "value", rel.kind)))
        diagram.elements.insert(relationship_slot, plates)
        diagram.elements.insert(relationship_slot, layer)

    layer = legend.el_group(dwg, "people")
    names = _name_labels(geometry.labels)
    adopted = {line.child for line in geometry.children if getattr(line.relation, "value", line.relation) == "adopted"}
    for box in geometry.people:
        person = people.get(box.id)
        if person is None:
            continue
        age = age_text(person, family.as_of) if options.ages else None
        holder = legend.el_group(dwg, "person")
        holder.add(Element("title", text=_person_title(person, names.get(box.id), box.id == family.index, age)))
        keys = symbols.draw_person(dwg, holder, person, Box(box.x, box.y, box.w, box.h), index=box.id == family.index, adopted=box.id in adopted, age=age)
        # The class names the symbol drawn (never the person), for tests and styling.
        holder.update({"class": "person " + " ".join(k.replace(":", "-") for k in keys)})
        layer.add(holder)
        used.update(keys)
    diagram.add(layer)

    layer = legend.el_group(dwg, "labels")
    for label in geometry.labels:
        _draw_label(dwg, layer, label)
    diagram.add(layer)

    if geometry.gaps:
        layer = legend.el_group(dwg, "gaps")
        for marker in sorted(geometry.gaps, key=lambda g: g.number):
            if marker.w <= 0 or marker.h <= 0:
                continue  # a gap about nothing drawn: listed beside the diagram only
            used.add(lines.draw_gap_marker(dwg, layer, marker.x, marker.y, marker.w, marker.h, marker.number))
        diagram.add(layer)

    title = clean(family.title or "Genogram")
    subtitle = "Genogram" + (f", ages as of {family.as_of}" if family.as_of else "")
    top = T.MARGIN + T.TITLE_SIZE + T.LEGEND_SIZE * 1.6 + 14
    # The diagram's part of the page is at least as wide as its title, so a
    # sheet that shows the diagram alone (render/paper.py) never cuts the title.
    from genogram.text import text_width

    heading = max(text_width(title, T.TITLE_SIZE, bold=True), text_width(subtitle, T.LEGEND_SIZE))
    diagram_width = max(geometry.width, heading)
    width = T.MARGIN * 2 + diagram_width
    height = top + geometry.height + T.MARGIN
    key_group = None
    if options.legend and (used or geometry.gaps or geometry.notes):
        drawn = legend.draw_legend(dwg, family, geometry, used)
        key_group = drawn.group
        legend_x = T.MARGIN + diagram_width + T.LEGEND_GAP
        # Where a printed sheet may cut the key into columns (render/paper.py).
        key_group.update({"transform": f"translate({num(legend_x)},{num(top)})",
                          "data-breaks": " ".join(num(b) for b in drawn.entry_breaks),
                          "data-line-breaks": " ".join(num(b) for b in drawn.line_breaks)})
        width = legend_x + T.LEGEND_WIDTH + T.MARGIN
        height = max(height, top + drawn.height + T.MARGIN)
    width = max(width, T.MARGIN * 2 + 240)

    dwg.update({
        "xmlns": "http://www.w3.org/2000/svg",
        # The namespaces and profile svgwrite's Drawing always wrote; kept so output is unchanged.
        "xmlns:xlink": "http://www.w3.org/1999/xlink",
        "xmlns:ev": "http://www.w3.org/2001/xml-events",
        "baseProfile": "full",
        "version": "1.1",
        "width": num(width),
        "height": num(height),
        "viewBox": f"0 0 {num(width)} {num(height)}",
        "font-family": T.FONT_FAMILY,
        "data-generator": "genogram",
        "role": "img",
    })
    if key_group is not None:  # where the diagram ends, for putting it and its key on separate sheets (render/paper.py)
        dwg.update({"data-diagram-height": num(top + geometry.height + T.MARGIN)})
    dwg.add(Element("title", text=title))
    dwg.add(Element("desc", text=describe(family, geometry, names) + "\n\n" + _narrative(family, names)))
    symbols.add_patterns(dwg.add(Element("defs")))
    dwg.add(symbols.el(dwg, "rect", x="0", y="0", width=num(width), height=num(height), fill=T.PAPER))
    dwg.add(legend.text_el(dwg, title, T.MARGIN, T.MARGIN + T.TITLE_SIZE, T.TITLE_SIZE, bold=True))
    dwg.add(legend.text_el(dwg, subtitle, T.MARGIN, T.MARGIN + T.TITLE_SIZE + T.LEGEND_SIZE * 1.6, T.LEGEND_SIZE))
    diagram.update({"transform": f"translate({num(T.MARGIN)},{num(top)})"})
    dwg.add(diagram)
    if key_group is not None:
        dwg.add(key_group)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + tostring(dwg) + "\n"


def age_text(person: Any, as_of: Any) -> str | None:
    """Age in whole years at ``as_of`` (or at death); ``~`` when a date is recorded as approximate."""
    from genogram.dates import years_between

    if person.age is not None:
        return str(person.age)
    if person.born is None or getattr(person.kind, "value", person.kind) != "person":
        return None
    end = person.death_date if person.deceased else as_of
    if end is None:
        return None
    age = years_between(person.born.midpoint(), end.midpoint())
    if age < 0:
        return None
    # Year-only dates are the norm in case notes: show the likely age plainly,
    # and mark it only when the record itself says "about" (~1988).
    approx = person.born.approx or (person.deceased and end.approx)
    return f"~{age}" if approx else str(age)


def _draw_label(dwg: Any, layer: Any, label: Label) -> None:
    from genogram.render.legend import text_el

    n = max(1, len(label.lines))
    slot = label.h / n
    x = {"start": label.x, "end": label.x + label.w}.get(label.anchor, label.x + label.w / 2)
    for i, line in enumerate(label.lines):
        baseline = label.y + i * slot + slot / 2 + label.size * 0.36
        layer.add(text_el(dwg, line, x, baseline, label.size, bold=label.bold, anchor=label.anchor))


def _person_title(person: Any, name: str | None, index: bool, age: str | None) -> str:
    """What a screen reader says on reaching a person's symbol: the name as drawn, and what the symbol shows."""
    kind = getattr(person.kind, "value", person.kind)
    parts = [name or ("unknown person" if person.unknown else kind if kind != "person" else "person")]
    if index:
        parts.append("the index child")
    if age:
        parts.append(f"aged {age.lstrip('~')}" + (" (approximate)" if age.startswith("~") else ""))
    if person.deceased:
        parts.append("deceased")
    parts += [c.replace("-", " ") for c in person.conditions]
    return ", ".join(parts)


def _narrative(family: Family, names: dict[str, str]) -> str:
    """``genogram describe``'s text; with initials or no names drawn, it names people as drawn."""
    from genogram.describe import describe_family
    from genogram.text import clean

    full = all(names.get(p.id, "").startswith(clean(p.name)) for p in family.people if p.name and not p.unknown)
    return describe_family(family, None if full else names).strip()


def _name_labels(labels: list[Label]) -> dict[str, str]:
    return {label.for_: " ".join(label.lines) for label in labels if label.role == "name"}


def describe(family: Family, geometry: GenogramGeometry, names: dict[str, str]) -> str:
    """The family in words for screen readers: who is drawn, the index child, the gaps."""
    people = [p for p in family.people if getattr(p.kind, "value", p.kind) == "person"]
    losses = len(family.people) - len(people)
    generations = len({box.generation for box in geometry.people})
    parts = [f"Genogram of {len(people)} {'person' if len(people) == 1 else 'people'}"]
    if losses:
        parts[0] += f" and {losses} {'pregnancy or loss' if losses == 1 else 'pregnancies or losses'}"
    if generations:
        parts[0] += f" across {generations} generation{'s' if generations != 1 else ''}"
    parts[0] += f", {len(family.unions)} union{'s' if len(family.unions) != 1 else ''} and {len(family.households)} household{'s' if len(family.households) != 1 else ''}."
    if family.index:
        name = names.get(family.index)
        parts.append(f"The index child is {name}." if name else "The index child is marked with a double outline.")
    if geometry.gaps:
        parts.append(f"{len(geometry.gaps)} gap{'s' if len(geometry.gaps) != 1 else ''} in the missing-information register, numbered on the diagram and listed beside it.")
    else:
        parts.append("No gaps are recorded in the missing-information register.")
    return " ".join(parts)
