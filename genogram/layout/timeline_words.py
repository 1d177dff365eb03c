"""The words of a placement timeline: exact, or through the redaction allow-list.

The timeline's geometry always comes from the real family's exact dates, so
every gap, overlap, move and duration is true; only its words differ. The
exact words name people, households and dates as recorded. The redacted
words say only what :mod:`genogram.redact` allows: kinship roles ("Child
(10)"), the fresh household labels of the redacted genogram ("Foster
placement (h3)"), fresh ids, ages, durations, and every date as an interval
before the as-of date ("1 year 1 month ago"). A redacted timeline built by
laying out the redacted family instead would be false: its dates are cut to
years, so gaps vanish and stays read "2026 to 2026".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from genogram.dates import add_years, years_between
from genogram.text import clean

if TYPE_CHECKING:
    from genogram.dates import PartialDate
    from genogram.model import Family
    from genogram.placements import Stay

__all__ = ["ExactWords", "RedactedWords", "TimelineWords", "ago", "interval"]


class TimelineWords(Protocol):
    """What the timeline layout asks of its words; each answer is a finished piece of text."""

    title: str
    as_of: str  # how the reference day is named ("2026-11-16", "now")

    def ident(self, old: str) -> str:
        """The id written into the geometry for a person or household."""

    def name(self, person: str) -> str:
        """A lane's name for a child."""

    def short(self, person: str) -> str:
        """A person on the crowded event axis."""

    def place(self, stay: Stay) -> str:
        """A stay's household, as its bar's label."""

    def where(self, stay: Stay) -> str:
        """A stay's household inside an overlap's sentence."""

    def start(self, stay: Stay) -> str:
        """When a stay began."""

    def end(self, stay: Stay) -> str:
        """When a stay ended."""

    def period(self, start: str, end: str) -> str:
        """A period from two of these texts."""

    def day(self, day: date) -> str:
        """An exact day of the record (a gap's or overlap's end)."""

    def when(self, recorded: PartialDate) -> str:
        """A recorded (maybe partial) date of a family event."""

    def event(self, text: str, when: str) -> str:
        """An event's label from its words and its date."""

    def born(self, born: PartialDate) -> str:
        """A child's birth, in the lane's heading."""

    def ticks(self, first: date, last: date) -> list[tuple[date, str]]:
        """The axis' candidate ticks from ``first`` to ``last``, each a day and its label."""


@dataclass(slots=True)
class ExactWords:
    """Names, household labels and dates as the family file records them."""

    family: Family
    reference: date
    title: str = ""
    as_of: str = ""

    def __post_init__(self) -> None:
        self.title = clean(self.family.title or "Placement timeline")
        self.as_of = str(self.family.as_of) if self.family.as_of else str(self.reference)

    def ident(self, old: str) -> str:
        return old

    def name(self, person: str) -> str:
        found = self.family.person_by_id.get(person)
        return clean(found.name or person) if found is not None else person

    def short(self, person: str) -> str:
        from genogram.layout.timeline import short_name

        found = self.family.person_by_id.get(person)
        return short_name(found.name or person) if found is not None else person

    def place(self, stay: Stay) -> str:
        return stay.label

    def where(self, stay: Stay) -> str:
        return clean(stay.household)

    def start(self, stay: Stay) -> str:
        return stay.start_text

    def end(self, stay: Stay) -> str:
        return stay.end_text

    def period(self, start: str, end: str) -> str:
        return f"{'from ' if start.startswith('birth') else ''}{start} to {end}"

    def day(self, day: date) -> str:
        return day.isoformat()

    def when(self, recorded: PartialDate) -> str:
        return str(recorded)

    def event(self, text: str, when: str) -> str:
        return f"{text} {when}"

    def born(self, born: PartialDate) -> str:
        return f"born {born}"

    def ticks(self, first: date, last: date) -> list[tuple[date, str]]:
        return [(date(y, 1, 1), str(y)) for y in range(first.year, last.year + 1)]


@dataclass(slots=True)
class RedactedWords:
    """Only what the allow-list lets out: roles, fresh ids and labels, ages, and dates as intervals before the as-of date.

    ``ids`` are the fresh ids of the redacted genogram drawn beside this
    timeline (:func:`genogram.redact.neutral_ids`), so a pack's pages agree.
    """

    family: Family
    reference: date
    ids: Mapping[str, str] = field(default_factory=dict)
    title: str = "Family (redacted)"
    as_of: str = "now"
    roles: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from genogram.redact import household_label, kinship_roles, neutral_ids

        at = self.family.as_of.midpoint() if self.family.as_of else self.reference
        self.ids = dict(self.ids) or neutral_ids(self.family)
        self.roles = kinship_roles(self.family, at)
        self.labels = {h.id: household_label(h, self.ident(h.id)) for h in self.family.households}

    def ident(self, old: str) -> str:
        return self.ids.get(old, "?")

    def name(self, person: str) -> str:
        return self.roles.get(person, "Person")

    def short(self, person: str) -> str:
        from genogram.layout.timeline import short_name

        return short_name(self.name(person))

    def place(self, stay: Stay) -> str:
        return self.labels.get(stay.household, "Household")

    def where(self, stay: Stay) -> str:
        return self.place(stay)

    def start(self, stay: Stay) -> str:
        if stay.start_text.startswith("birth"):
            return "birth"
        if stay.start_text == "no from: date":
            return stay.start_text
        return _roughly(stay.span.start, stay.span.start_range, self.reference)

    def end(self, stay: Stay) -> str:
        if stay.open_end:
            return "now (no to: date)"
        return _roughly(stay.span.end, stay.span.end_range, self.reference)

    def period(self, start: str, end: str) -> str:
        return f"{'' if start.startswith('no ') else 'from '}{start} to {end}"

    def day(self, day: date) -> str:
        return ago(day, self.reference)

    def when(self, recorded: PartialDate) -> str:
        day = recorded.midpoint()
        if recorded.approx and recorded.precision == "day":
            return "about " + ago(day, self.reference)
        return _roughly(day, (recorded.earliest(), recorded.latest()), self.reference)

    def event(self, text: str, when: str) -> str:
        return f"{text} ({when})"

    def born(self, born: PartialDate) -> str:
        about = "about " if born.approx or born.precision != "day" else ""
        return f"aged {about}{max(0, years_between(born.midpoint(), self.reference))}"

    def ticks(self, first: date, last: date) -> list[tuple[date, str]]:
        """A tick every year back from the as-of date, so no tick sits on a calendar year's start."""
        out: list[tuple[date, str]] = []
        years = 0
        while (day := add_years(self.reference, -years)) >= first:
            if day <= last:
                out.append((day, "now" if years == 0 else f"{years} y ago"))
            years += 1
        return out[::-1]


def _roughly(day: date, could_be: tuple[date, date], reference: date) -> str:
    """``day`` before the as-of date, no more precisely than it is known: a date known to the year gives whole years."""
    if could_be[0] == could_be[1]:
        return ago(day, reference)
    if (could_be[1] - could_be[0]).days > 62 and day < reference:
        years = round((reference - day).days / 365.25)
        if years >= 1:
            return f"about {years} year{'s' if years != 1 else ''} ago"
    return "about " + ago(day, reference)


def interval(start: date, end: date) -> str:
    """The time from ``start`` to ``end`` in days (under two months), months, or years and months."""
    days = (end - start).days
    if days < 62:
        return f"{days} day{'s' if days != 1 else ''}"
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    years, months = divmod(months, 12)
    parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if months or not years:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " ".join(parts)


def ago(day: date, reference: date) -> str:
    """``day`` as an interval from the as-of date: "now", "1 year 1 month ago", "in 3 months"."""
    if day == reference:
        return "now"
    if day < reference:
        return f"{interval(day, reference)} ago"
    return f"in {interval(reference, day)}"
