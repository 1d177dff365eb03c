"""Partial and approximate dates, as practitioners record them.

Case notes rarely hold a full date for everyone: "born 1958", "died Feb 2019",
"about 1988". A :class:`PartialDate` keeps exactly what was written (year,
optional month and day, and whether it is approximate) and answers questions
with ranges, so nothing more precise than the record is ever invented.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

_PATTERN = re.compile(r"^(~)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
JSON_PATTERN = r"^~?\d{4}(-\d{2}(-\d{2})?)?$"
MIN_YEAR = 1800
MAX_YEAR = 2200
FORMAT_HINT = "write YYYY, YYYY-MM or YYYY-MM-DD, with ~ in front for an approximate date (~1988)"


@dataclass(frozen=True, slots=True, order=False)
class PartialDate:
    """A date known to the year, month or day; ``approx`` marks "about"."""

    year: int
    month: int | None = None
    day: int | None = None
    approx: bool = False

    @classmethod
    @lru_cache(maxsize=8192)  # a family file repeats its years many times, and dates are immutable
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, each optionally prefixed by ``~``."""
        match = _PATTERN.match(text.strip())
        if not match:
            raise ValueError(f"is not a date: {FORMAT_HINT}")
        tilde, y, m, d = match.groups()
        year = int(y)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(f"has a year outside {MIN_YEAR}-{MAX_YEAR}: check the year")
        month = int(m) if m else None
        day = int(d) if d else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError("has a month outside 01-12: check the month")
        if day is not None and month is not None:
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                raise ValueError("has a day that does not exist in that month: check the day")
        return cls(year, month, day, bool(tilde))

    @classmethod
    def of(cls, d: date) -> PartialDate:
        return cls(d.year, d.month, d.day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def earliest(self) -> date:
        """First day this record could mean (a year earlier when approximate)."""
        if self.approx:
            return date(self.year - 1, 1, 1)
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """Last day this record could mean (a year later when approximate)."""
        if self.approx:
            return date(self.year + 1, 12, 31)
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def midpoint(self) -> date:
        """A representative day, used for ages and sorting."""
        if self.day:
            return date(self.year, self.month or 1, self.day)
        if self.month:
            return date(self.year, self.month, 15)
        return date(self.year, 7, 1)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def definitely_before(self, other: PartialDate) -> bool:
        """True only when every reading of ``self`` is before every reading of ``other``."""
        return self.latest() < other.earliest()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return f"~{text}" if self.approx else text

    # pydantic integration: the YAML loader hands every scalar over as text.
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        # Editors read `born: 1958` as a number, so a bare year is accepted as one.
        return {
            "anyOf": [
                {"type": "string", "pattern": JSON_PATTERN},
                {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
            ],
            "description": "A date: YYYY, YYYY-MM or YYYY-MM-DD; ~ in front marks an approximate date.",
        }

    @classmethod
    def _validate(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            return cls.of(value)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(f"is not a date: {FORMAT_HINT}")
        return cls.parse(value)


def years_between(start: date, end: date) -> int:
    """Whole years from ``start`` to ``end`` (an age)."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for a 29 February birthday)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
