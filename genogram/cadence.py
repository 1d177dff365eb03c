"""How often a case must be discussed, and when the next discussion is due.

The policies set a cadence per team or per case: Islington wants every open
case discussed "once every calendar month"; Oxfordshire agrees a frequency
per case by stability and risk (monthly, or three-monthly for a stable
looked-after child); Tower Hamlets' reflective group meets fortnightly.
Monthly and quarterly are read as calendar months, as Islington writes them:
a case discussed on 3 January must be discussed again in February, so it is
due by 28 February. Weekly, fortnightly and six-weekly count days.
"""

from __future__ import annotations

import calendar
import datetime as dt
from enum import StrEnum


class Frequency(StrEnum):
    """An agreed frequency of discussion; values are the words used in files."""

    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    SIX_WEEKLY = "six-weekly"
    QUARTERLY = "quarterly"


#: Days between discussions for the frequencies counted in days.
_DAYS = {Frequency.WEEKLY: 7, Frequency.FORTNIGHTLY: 14, Frequency.SIX_WEEKLY: 42}
#: Calendar months between discussions for the others.
_MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3}

#: The default cadence of each policy profile when a case has no agreed one.
#: Hull 2018 and the family early help procedures: monthly as a minimum
#: ("All staff should receive monthly supervision");
#: Islington 2016: every open case in each monthly supervision; Oxfordshire:
#: "within FSS monthly supervision is required" unless another is agreed;
#: Tower Hamlets YJFIS: the reflective group meets every fortnight.
PROFILE_DEFAULT: dict[str, Frequency] = {
    "default": Frequency.MONTHLY,
    "hull": Frequency.MONTHLY,
    "islington": Frequency.MONTHLY,
    "oxfordshire": Frequency.MONTHLY,
    "tower-hamlets": Frequency.FORTNIGHTLY,
    "early-help": Frequency.MONTHLY,
}


def end_of_month(year: int, month: int) -> dt.date:
    """The last day of a month, with ``month`` allowed to run past 12."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def next_due(last: dt.date, frequency: Frequency) -> dt.date:
    """The last day on which the next discussion is on time, after one held on ``last``."""
    if frequency in _DAYS:
        return last + dt.timedelta(days=_DAYS[frequency])
    return end_of_month(last.year, last.month + _MONTHS[frequency])


def per_month(frequency: Frequency) -> float:
    """Discussions a month the frequency asks for (for the cadence chart)."""
    if frequency in _DAYS:
        return 365.25 / 12 / _DAYS[frequency]
    return 1 / _MONTHS[frequency]
