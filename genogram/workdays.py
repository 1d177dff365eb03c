"""Working days in the four UK nations, for record-by and due dates.

Policies count in working days: Islington and Hull want a discussion recorded
within 5 working days, and a significant decision within 24 hours, which on
a Friday afternoon means the next working day, not Saturday. Bank holidays
differ by nation (St Andrew's Day in Scotland, St Patrick's Day and the
Twelfth in Northern Ireland, Easter Monday not in Scotland), so the nation
is always explicit. Holidays come from the maintained ``holidays`` package
(``pip install --upgrade holidays`` brings newly announced ones, such as a
one-off holiday for a state occasion).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cache
from typing import Any


class Nation(StrEnum):
    """A UK nation with its own bank holidays; values are the names used in files."""

    ENGLAND_AND_WALES = "england-and-wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"


#: ISO 3166-2 subdivision code the ``holidays`` package uses for each nation.
_SUBDIVISION = {Nation.ENGLAND_AND_WALES: "ENG", Nation.SCOTLAND: "SCT", Nation.NORTHERN_IRELAND: "NIR"}


@cache
def _calendar(nation: Nation) -> Any:
    import holidays

    return holidays.country_holidays("GB", subdiv=_SUBDIVISION[nation])


def is_working_day(day: dt.date, nation: Nation = Nation.ENGLAND_AND_WALES) -> bool:
    """Monday to Friday and not a bank holiday in that nation."""
    return day.weekday() < 5 and day not in _calendar(nation)


def bank_holiday(day: dt.date, nation: Nation = Nation.ENGLAND_AND_WALES) -> str | None:
    """The bank holiday's name on that day in that nation, if it is one."""
    name = _calendar(nation).get(day)
    return str(name) if name else None


def add_working_days(start: dt.date, days: int, nation: Nation = Nation.ENGLAND_AND_WALES) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself never counts).

    ``add_working_days(friday, 1)`` is the next working day: Monday, or
    Tuesday when Monday is a bank holiday.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    left = days
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day, nation):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date, nation: Nation = Nation.ENGLAND_AND_WALES) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
    if end < start:
        return -working_days_between(end, start, nation)
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day, nation)
    return count


#: Working days to record an ordinary discussion, and a significant decision.
RECORD_WITHIN = 5
RECORD_SIGNIFICANT_WITHIN = 1


def record_by(held: dt.date, significant: bool = False, nation: Nation = Nation.ENGLAND_AND_WALES) -> dt.date:
    """The last day the record of a discussion held on ``held`` is on time.

    Five working days for a discussion (Islington 2016, Hull 2018); "within
    24 hours" for a significant decision is read as the next working day, so
    a Friday decision is due on Monday (Tuesday after a bank holiday Monday).
    """
    return add_working_days(held, RECORD_SIGNIFICANT_WITHIN if significant else RECORD_WITHIN, nation)


def record_by_rule(significant: bool = False) -> str:
    """The rule behind :func:`record_by`, in words a pack can print next to the date."""
    return "next working day: significant decision" if significant else f"{RECORD_WITHIN} working days"


def parse_nation(text: str) -> Nation:
    """A nation from its file name (``scotland``), with a message that lists the choices."""
    try:
        return Nation(text.strip().lower())
    except ValueError:
        raise ValueError(f"unknown nation `{text}`: use one of {', '.join(n.value for n in Nation)}") from None
