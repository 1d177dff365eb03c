"""What text the layout reserves room for, and how big it is.

Labels are measured here with the bundled font's metrics (``text_width``) so
the layout leaves exactly the room the renderer will fill; a name that is
wider than its symbol widens the gap around that person instead of
colliding with a neighbour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from genogram.model import Family, Person, Union
from genogram.text import clean, initials, text_width

NAME_SIZE = 10.0
SMALL_SIZE = 9.0
LINE_GAP = 2.0
#: Household labels wrap at this width (user units).
WRAP_WIDTH = 130.0


@dataclass(frozen=True, slots=True)
class LayoutOptions:
    """What the diagram shows; the layout sizes its labels accordingly."""

    names: Literal["full", "initials", "none"] = "full"
    show_dates: bool = True
    relationships: bool = True


@dataclass(slots=True)
class Text:
    """Lines of cleaned text at one size, with the box they need."""

    lines: tuple[str, ...]
    size: float
    w: float
    h: float


def measure(lines: list[str], size: float) -> Text | None:
    """A text block's box, or None when there is nothing to show."""
    # A plain loop: this runs for every label of every person.
    kept: list[str] = []
    width = 0.0
    for raw in lines:
        line = clean(raw)
        if line:
            kept.append(line)
            width = max(width, text_width(line, size))
    if not kept:
        return None
    return Text(tuple(kept), size, round(width + 2, 2), round(len(kept) * (size + LINE_GAP), 2))


def name_text(person: Person, options: LayoutOptions) -> Text | None:
    """Name (or initials) under the symbol, then the gender word and pronouns when recorded."""
    lines: list[str] = []
    if person.name and options.names != "none":
        lines.append(person.name if options.names == "full" else initials(person.name))
    if person.gender or person.pronouns:
        lines.append(", ".join(x for x in (person.gender, person.pronouns) if x))
    return measure(lines, NAME_SIZE)


def _year(date: object) -> str:
    text = str(getattr(date, "year", ""))
    return f"~{text}" if getattr(date, "approx", False) else text


def dates_text(person: Person, options: LayoutOptions) -> Text | None:
    """``b. 1991``, ``1958–2019``, ``d. 2019`` above the symbol."""
    if not options.show_dates:
        return None
    born, died = person.born, person.death_date
    if born and died:
        line = f"{_year(born)}–{_year(died)}"
    elif born and person.deceased:
        line = f"{_year(born)}–?"
    elif born:
        line = f"b. {_year(born)}"
    elif died:
        line = f"d. {_year(died)}"
    else:
        return None
    return measure([line], SMALL_SIZE)


_STATUS_WORD = {"separated": "s.", "divorced": "d."}


def union_text(union: Union, options: LayoutOptions) -> Text | None:
    """``m. 1987``, ``s. 2020``, ``d. 2020`` beside the union line."""
    if not options.show_dates:
        return None
    parts: list[str] = []
    status = union.status.value if union.status else None
    if union.start is not None:
        word = "m." if status in ("married", "separated", "divorced", "widowed") else "from"
        parts.append(f"{word} {_year(union.start)}")
    if union.end is not None:
        parts.append(f"{_STATUS_WORD.get(status or '', 'to')} {_year(union.end)}")
    return measure(parts, SMALL_SIZE)


def household_text(family: Family, index: int, show_dates: bool = True) -> Text | None:
    """A household's label (its id when it has none), with its placement kind and (unless ``show_dates`` is off) dates."""
    household = family.households[index]
    first = household.label or household.id
    extra: list[str] = []
    if household.placement is not None:
        extra.append(f"{household.placement.value} placement") if household.placement.value not in first.lower() else None
    start, end = (household.start, household.end) if show_dates else (None, None)
    if start is not None and end is not None:
        extra.append(f"{_year(start)}–{_year(end)}")
    elif start is not None:
        extra.append(f"from {_year(start)}")
    elif end is not None:
        extra.append(f"until {_year(end)}")
    second = ", ".join(x for x in extra if x)
    lines = wrap(clean(first), SMALL_SIZE) + (wrap(second, SMALL_SIZE) if second else [])
    return measure(lines, SMALL_SIZE)


def wrap(text: str, size: float, limit: float = WRAP_WIDTH) -> list[str]:
    """Greedy word wrap, so a long household label does not stretch its boundary across the page."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, size) > limit:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines
