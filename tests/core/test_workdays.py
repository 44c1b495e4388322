"""Tests of tui/core/workdays.py: working days by China's official calendar.

Known months are counted by hand from the published holiday notices; any span is checked
against a walk that asks `chinese_calendar` day by day."""

from __future__ import annotations

import datetime

import chinese_calendar
import pendulum
from hypothesis import given
from hypothesis import strategies as st

from tui.core.workdays import working_days


def test_october_2026_has_eighteen_working_days() -> None:
    # 22 weekdays, less 1–2 and 5–7 October (National Day), plus Saturday 10 October (调休)
    assert working_days(datetime.date(2026, 10, 1), datetime.date(2026, 10, 31)) == (18, False)


def test_a_make_up_saturday_is_a_working_day_and_a_holiday_monday_is_not() -> None:
    saturday = datetime.date(2026, 10, 10)
    assert saturday.weekday() == 5
    assert working_days(saturday, saturday) == (1, False)
    monday = datetime.date(2026, 10, 5)
    assert working_days(monday, monday) == (0, False)


def test_a_year_without_data_is_estimated_monday_to_friday() -> None:
    # January 2027: the 1st is a Friday; 21 weekdays, holidays unknown to the package
    assert working_days(pendulum.date(2027, 1, 1), pendulum.date(2027, 1, 31)) == (21, True)
    # one estimated day is enough to mark the whole span
    assert working_days(datetime.date(2026, 12, 31), datetime.date(2027, 1, 1)) == (2, True)


def test_an_empty_span_counts_nothing() -> None:
    assert working_days(datetime.date(2026, 5, 2), datetime.date(2026, 5, 1)) == (0, False)


def brute_force(first: datetime.date, last: datetime.date) -> tuple[int, bool]:
    count = 0
    estimated = False
    day = first
    while day <= last:
        try:
            count += chinese_calendar.is_workday(day)
        except NotImplementedError:
            estimated = True
            count += day.weekday() < 5
        day += datetime.timedelta(days=1)
    return count, estimated


@given(
    st.dates(datetime.date(2003, 6, 1), datetime.date(2029, 12, 31)),
    st.integers(min_value=-5, max_value=500),
    st.booleans(),
)
def test_working_days_match_a_day_by_day_walk(
    first: datetime.date, length: int, as_pendulum: bool
) -> None:
    last = first + datetime.timedelta(days=length)
    if as_pendulum:
        first = pendulum.date(first.year, first.month, first.day)
    assert working_days(first, last) == brute_force(first, last)
