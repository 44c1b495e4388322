"""Working days by China's official calendar: public holidays and make-up workdays (调休).

Backed by `chinese_calendar`, imported on first use; a year it has no data for counts Mon–Fri."""

from __future__ import annotations

import calendar
import datetime
import functools
import itertools


@functools.cache
def _month_counts(year: int, month: int) -> tuple[tuple[int, ...], bool]:
    """Working days among the first n days of the month, for n = 0 … days in the month; and
    whether they are estimated (Mon–Fri) because the package has no data for that year.

    Cached by month, not year: `is_workday` takes ~45 µs a call, and a quota needs one month."""
    import chinese_calendar  # ~8 ms: paid only when working days are asked for

    length = calendar.monthrange(year, month)[1]
    days = [datetime.date(year, month, day) for day in range(1, length + 1)]
    try:
        flags = [chinese_calendar.is_workday(day) for day in days]
        estimated = False
    except NotImplementedError:  # the package covers whole years
        flags = [day.weekday() < 5 for day in days]
        estimated = True
    return tuple(itertools.accumulate(flags, initial=0)), estimated


def working_days(first: datetime.date, last: datetime.date) -> tuple[int, bool]:
    """Working days from `first` to `last` inclusive (0 when first > last), and whether the count
    is estimated: True when a day in the span lies in a year the package has no data for (its
    days then count Monday to Friday). Takes datetime.date and pendulum Date alike."""
    count = 0
    estimated = False
    year, month = first.year, first.month
    while first <= last and (year, month) <= (last.year, last.month):
        counts, month_estimated = _month_counts(year, month)
        start = first.day - 1 if (year, month) == (first.year, first.month) else 0
        end = last.day if (year, month) == (last.year, last.month) else len(counts) - 1
        count += counts[end] - counts[start]
        estimated = estimated or month_estimated
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return count, estimated
