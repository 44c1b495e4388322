"""The plain-`datetime` paths of the dates module give what pendulum gave: the same days for a
plain date as for a pendulum Date, and the same moment, offset and refusals in every time zone."""

from __future__ import annotations

import datetime

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core import dates

FORMS = ["today", "y", "tomorrow", "-3", "+40", "2024/2/29", "3-5", "12.31", "20260305"]


@given(
    day=st.dates(min_value=datetime.date(2, 1, 1), max_value=datetime.date(9997, 12, 31)),
    form=st.sampled_from(FORMS),
)
def test_a_typed_date_is_the_same_day_for_a_plain_date_and_a_pendulum_date(
    day: datetime.date, form: str
) -> None:
    pendulum_today = pendulum.date(day.year, day.month, day.day)
    try:
        expected = dates.parse_date(form, pendulum_today)
    except dates.DateInputError:
        with pytest.raises(dates.DateInputError):
            dates.parse_date(form, day)
        return
    found = dates.parse_date(form, day)
    assert type(expected) is pendulum.Date and type(found) is datetime.date
    assert found == expected and found.isoformat() == expected.isoformat()


@given(st.dates(min_value=datetime.date(1, 1, 1)))
def test_date_string_is_pendulums_to_date_string(day: datetime.date) -> None:
    pendulum_day = pendulum.date(day.year, day.month, day.day)
    assert dates.date_string(day) == dates.date_string(pendulum_day)
    assert dates.date_string(day) == pendulum_day.to_date_string()


@given(st.dates(min_value=datetime.date(2, 1, 1)))
def test_last_month_and_weeks_are_as_pendulum_counts_them(day: datetime.date) -> None:
    pendulum_day = pendulum.date(day.year, day.month, day.day)
    assert dates.parse_month("last", day) == dates.month_of(pendulum_day.subtract(months=1))
    monday, sunday = dates.week_bounds(pendulum_day)
    assert type(monday) is pendulum.Date
    assert (monday, sunday) == (
        pendulum_day.subtract(days=pendulum_day.weekday()),
        pendulum_day.subtract(days=pendulum_day.weekday()).add(days=6),
    )


def test_last_month_of_the_first_month_there_is_refused_as_pendulum_refuses_it() -> None:
    with pytest.raises(ValueError, match="year 0 is out of range"):
        dates.parse_month("last", datetime.date(1, 1, 5))


@pytest.mark.parametrize(
    "timezone", [None, "Asia/Shanghai", "utc", "UTC", "America/New_York", "Pacific/Kiritimati"]
)
@pytest.mark.parametrize("day", [None, "2026-03-18", "2026-07-01", "2026-12-31"])
def test_moment_in_is_the_moment_now_in_gives(timezone: str | None, day: str | None) -> None:
    fixed = datetime.date.fromisoformat(day) if day else None

    def reference() -> pendulum.DateTime:
        now = dates.now_in(timezone)
        return now if fixed is None else now.set(year=fixed.year, month=fixed.month, day=fixed.day)

    before = reference()
    moment = dates.moment_in(timezone, fixed)
    after = reference()
    assert before <= moment <= after
    assert moment.utcoffset() in (before.utcoffset(), after.utcoffset())
    assert moment.date() in (before.date(), after.date())


@pytest.mark.parametrize("timezone", ["Mars/Base", "Asia/Shanghai ", "../etc/passwd", "local"])
def test_an_unknown_zone_is_refused_as_pendulum_refuses_it(timezone: str) -> None:
    with pytest.raises(Exception) as expected:
        dates.now_in(timezone)
    with pytest.raises(type(expected.value)) as found:
        dates.moment_in(timezone)
    assert str(found.value) == str(expected.value)


@pytest.mark.parametrize(
    "timezone",
    [None, "Asia/Shanghai", "UTC", "America/Havana", "America/Santiago", "Australia/Lord_Howe"],
)
def test_a_day_starts_when_pendulum_says_it_does(timezone: str | None) -> None:
    """Every day of 2020–2026, in zones whose clocks skip or repeat midnight (Havana, Santiago)
    or move by half an hour (Lord Howe), and in the system's zone."""
    zone = pendulum.timezone(timezone) if timezone else pendulum.local_timezone()
    day = datetime.date(2020, 1, 1)
    while day.year < 2027:
        expected = pendulum.datetime(day.year, day.month, day.day, tz=zone).int_timestamp
        assert dates.day_start(day, timezone) == expected, day
        day += dates.ONE_DAY


@given(st.dates(datetime.date(1, 2, 1), datetime.date(9999, 12, 31)), st.integers(-30, 30))
def test_month_bounds_and_shift_month_are_pendulums(day: datetime.date, step: int) -> None:
    month = dates.month_of(day)
    first, last = dates.month_bounds(month)
    start = pendulum.date(day.year, day.month, 1)
    assert (first, last) == (start, start.end_of("month"))
    index = day.year * 12 + day.month - 1 + step
    if 12 <= index < 10000 * 12:
        assert dates.shift_month(month, step) == dates.month_of(start.add(months=step))
