"""Working days and record-by dates in each UK nation: Christmas, Easter, Friday decisions.

Expected dates are worked out by hand from the published bank holidays
(gov.uk/bank-holidays), not from the code under test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from genogram.workdays import (
    Nation,
    add_working_days,
    bank_holiday,
    is_working_day,
    parse_nation,
    record_by,
    record_by_rule,
    working_days_between,
)

D = dt.date
EW, SCO, NI = Nation.ENGLAND_AND_WALES, Nation.SCOTLAND, Nation.NORTHERN_IRELAND


@pytest.mark.parametrize(
    ("nation", "due"),
    [
        # Wed 23 Dec 2026: Thu 24 (1); 25 Christmas, 28 Boxing Day (substitute); 29, 30, 31 (2-4); 1 Jan; Mon 4 Jan (5).
        (EW, D(2027, 1, 4)),
        # Scotland also keeps 2 January, a Saturday in 2027, on Monday 4 January: Tuesday 5.
        (SCO, D(2027, 1, 5)),
        (NI, D(2027, 1, 4)),
    ],
)
def test_five_working_days_across_christmas(nation: Nation, due: dt.date) -> None:
    assert record_by(D(2026, 12, 23), significant=False, nation=nation) == due


@pytest.mark.parametrize(
    ("nation", "due"),
    [
        # Thu 25 Mar 2027, significant: Good Friday 26, weekend, Easter Monday 29 (not in Scotland).
        (EW, D(2027, 3, 30)),
        (SCO, D(2027, 3, 29)),
        (NI, D(2027, 3, 30)),
    ],
)
def test_significant_decision_before_easter_is_due_the_next_working_day(nation: Nation, due: dt.date) -> None:
    assert record_by(D(2027, 3, 25), significant=True, nation=nation) == due


@pytest.mark.parametrize(
    ("held", "nation", "due"),
    [
        # A Friday decision is due on Monday, not Saturday ("24 hours" is the next working day)...
        (D(2026, 12, 18), EW, D(2026, 12, 21)),
        (D(2026, 12, 18), SCO, D(2026, 12, 21)),
        (D(2026, 12, 18), NI, D(2026, 12, 21)),
        # ...and on Tuesday when Monday is that nation's bank holiday: St Andrew's Day (Mon 30 Nov 2026)...
        (D(2026, 11, 27), EW, D(2026, 11, 30)),
        (D(2026, 11, 27), SCO, D(2026, 12, 1)),
        (D(2026, 11, 27), NI, D(2026, 11, 30)),
        # ...the Twelfth (Sunday 12 July 2026, kept on Monday 13 in Northern Ireland).
        (D(2026, 7, 10), EW, D(2026, 7, 13)),
        (D(2026, 7, 10), SCO, D(2026, 7, 13)),
        (D(2026, 7, 10), NI, D(2026, 7, 14)),
    ],
)
def test_friday_significant_decision(held: dt.date, nation: Nation, due: dt.date) -> None:
    assert held.weekday() == 4
    assert record_by(held, significant=True, nation=nation) == due


def test_bank_holidays_differ_by_nation() -> None:
    assert bank_holiday(D(2027, 3, 29), EW) and not bank_holiday(D(2027, 3, 29), SCO)  # Easter Monday
    assert bank_holiday(D(2026, 11, 30), SCO) and is_working_day(D(2026, 11, 30), EW)  # St Andrew's Day
    assert bank_holiday(D(2027, 3, 17), NI) and is_working_day(D(2027, 3, 17), EW)  # St Patrick's Day
    assert not is_working_day(D(2026, 12, 19), EW)  # a Saturday


def test_counting_helpers_agree() -> None:
    start = D(2026, 12, 23)
    end = add_working_days(start, 5, SCO)
    assert working_days_between(start, end, SCO) == 5
    assert working_days_between(end, start, SCO) == -5
    with pytest.raises(ValueError):
        add_working_days(start, -1)


def test_rule_names_the_next_working_day_and_nations_parse() -> None:
    assert record_by_rule(True) == "next working day: significant decision"
    assert record_by_rule(False) == "5 working days"
    assert parse_nation(" Scotland ") is SCO
    with pytest.raises(ValueError, match="england-and-wales"):
        parse_nation("wales")
