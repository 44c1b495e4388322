"""Figures computed from records: streaks, totals, quota progress, what is upcoming, sparklines.

Pure functions over plain record dicts; each takes `today` so none reads the clock."""

from __future__ import annotations

import calendar
import datetime
import heapq
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from tui.core import dates, workdays
from tui.core.dates import D
from tui.core.i18n import t

if TYPE_CHECKING:
    from pendulum import Date

Record = Mapping[str, Any]


@dataclass(frozen=True)
class Totals:
    """Points this week (Monday first), this month and this year."""

    week: int
    month: int
    year: int


@dataclass(frozen=True)
class QuotaMonth:
    """One month of a campaign: done against quota, days left, and the verdict once it is over."""

    month: str
    done: int
    quota: int
    days_left: int  # today to the month's end for the running month, all of a later one, else 0
    phase: str  # "ended", "running" or "future", by month
    working_days_left: int | None  # the same span in working days; None when off or month over
    estimated: bool  # working days counted Mon–Fri: no official calendar for that year

    @property
    def state(self) -> str:
        """ "met" or "short" once the month is over, else "running" or "future"."""
        if self.phase == "ended":
            return "met" if self.done >= self.quota else "short"
        return self.phase

    @property
    def verdict(self) -> str | None:
        """ "met" or "missed" once the month is over, None while it is running or to come."""
        return {"met": "met", "short": "missed"}.get(self.state)

    @property
    def short_by(self) -> int:
        """How many more the quota asks for (0 once it is met)."""
        return max(0, self.quota - self.done)


def counted(key: str, n: int | Decimal, **params: object) -> str:
    """A catalog phrase with a count `n`, its English singular or plural (`key.one` / `key.other`),
    with any other `params` filled in too."""
    return t(f"{key}.one" if n == 1 else f"{key}.other", n=n, **params)


def days_left_text(quota: QuotaMonth) -> str:
    """`4 days left · 2 working days`, with `(estimated Mon–Fri)` when no calendar covers it."""
    text = counted("figures.days_left", quota.days_left)
    if quota.working_days_left is None:
        return text
    working = counted("figures.working_days_left", quota.working_days_left)
    return f"{text} · {working}{t('figures.estimated') if quota.estimated else ''}"


class Upcoming(NamedTuple):
    """Something due or coming up: `days` from today, negative when overdue (a tuple: a long
    history has thousands of overdue follow-ups, made on every redraw of the Overview)."""

    date: str
    days: int
    kind: str  # "event", "birthday", "talk_follow_up" or "visit_follow_up"
    title: str
    record_id: str


def describe(item: Upcoming) -> str:
    """One upcoming item as a phrase: `11-29 王芳 生日（2 天后）`, `11-20 跟进谈话：赵敏（逾期 7 天）`
    (its `days` count from the day it was worked out for)."""
    overdue = item.days < 0
    when = counted("days.overdue", -item.days) if overdue else dates.humanize_delta(item.days)
    return t(f"upcoming.{item.kind}", date=item.date[5:], title=item.title, when=when)


def points_by_date(studies: Iterable[Record]) -> dict[str, int]:
    """Each study day's points, by date."""
    return {s["date"]: s["points"] for s in studies}


def current_streak(points: Mapping[str, int], target: int, today: Date) -> int:
    """Days in a row at or above target, ending today — or yesterday while today is not logged."""
    day = today if points.get(dates.date_string(today), 0) >= target else today - dates.ONE_DAY
    streak = 0
    while points.get(dates.date_string(day), 0) >= target:
        streak += 1
        day -= dates.ONE_DAY
    return streak


def longest_streak(points: Mapping[str, int], target: int) -> int:
    """The longest run of consecutive days at or above target."""
    met = sorted(day for day, value in points.items() if value >= target)
    longest = run = 0
    previous = None
    for text in met:
        day = datetime.date.fromisoformat(text).toordinal()  # 50x faster than pendulum's diff
        run = run + 1 if previous is not None and day - previous == 1 else 1
        longest = max(longest, run)
        previous = day
    return longest


def sum_between(points: Mapping[str, int], since: str, until: str) -> int:
    """Points from `since` to `until` inclusive."""
    return sum(value for day, value in points.items() if since <= day <= until)


def totals(points: Mapping[str, int], today: Date) -> Totals:
    """Points this week, month and year up to today."""
    until = today.to_date_string()
    monday, _ = dates.week_bounds(today)
    return Totals(
        week=sum_between(points, monday.to_date_string(), until),
        month=sum_between(points, today.start_of("month").to_date_string(), until),
        year=sum_between(points, f"{today.year:04d}-01-01", until),
    )


def days_at_target(points: Mapping[str, int], target: int, since: str, until: str) -> int:
    """How many days from `since` to `until` reached the target."""
    return sum(1 for day, value in points.items() if since <= day <= until and value >= target)


def month_phase(month: str, today: Date) -> str:
    """ "ended", "running" or "future": where a month `YYYY-MM` lies against today's."""
    this_month = dates.month_of(today)
    if month < this_month:
        return "ended"
    return "running" if month == this_month else "future"


def quota_month(
    campaign: Record,
    records: Iterable[Record],
    month: str,
    today: Date,
    working_days: bool = True,
) -> QuotaMonth:
    """How far `month`'s quota of a campaign is met by its essays or talks, and the days left
    (counting today) — also in working days unless `working_days` is off."""
    done = sum(
        1 for r in records if r.get("campaign_id") == campaign["id"] and r["date"][:7] == month
    )
    quota = campaign["monthly_quota"]
    phase = month_phase(month, today)
    if phase == "ended":
        return QuotaMonth(month, done, quota, 0, phase, None, False)
    first, last = dates.month_bounds(month)
    if phase == "running":
        first = today
    days_left = last.toordinal() - first.toordinal() + 1
    working_left, estimated = workdays.working_days(first, last) if working_days else (None, False)
    return QuotaMonth(month, done, quota, days_left, phase, working_left, estimated)


GRID_MONTHS = 24  # a longer campaign's grid shows the 24 of its months nearest today


def quota_grid(
    campaign: Record, records: Sequence[Record], today: Date, working_days: bool = True
) -> list[QuotaMonth]:
    """The months of a campaign, done against quota (one pass over the records): all of them,
    or for a campaign of more than GRID_MONTHS months the GRID_MONTHS nearest today's month."""
    by_month: dict[str, list[Record]] = {}
    for record in records:
        if record.get("campaign_id") == campaign["id"]:
            by_month.setdefault(record["date"][:7], []).append(record)
    return [
        quota_month(campaign, by_month.get(month, []), month, today, working_days)
        for month in dates.months_between(*grid_window(campaign["start"], campaign["end"], today))
    ]


def grid_window(start: str, end: str, today: Date) -> tuple[str, str]:
    """The first and last month of a campaign's grid: GRID_MONTHS at most, today's month (or the
    campaign's month nearest to it) with the months before it, and after it when they run out."""

    def number(month: str) -> int:
        return int(month[:4]) * 12 + int(month[5:7]) - 1

    def month(index: int) -> str:
        return f"{index // 12:04d}-{index % 12 + 1:02d}"

    first, last = number(start), number(end)
    if last - first < GRID_MONTHS:
        return start, end
    nearest = min(max(number(dates.month_of(today)), first), last)
    low = max(first, nearest - GRID_MONTHS + 1)
    return month(low), month(min(last, low + GRID_MONTHS - 1))


def campaign_phase(campaign: Record, today: Date) -> str:
    """ "running", "future" or "ended": where a campaign's months lie against today's month."""
    if month_phase(campaign["end"], today) == "ended":
        return "ended"
    return "future" if month_phase(campaign["start"], today) == "future" else "running"


def campaigns_in_order(campaigns: Iterable[Record], today: Date) -> list[Record]:
    """Running campaigns, then those to come (soonest first), then ended ones (latest first);
    ties by title, then id."""

    def month_number(month: str) -> int:
        return int(month[:4]) * 12 + int(month[5:7])

    def key(campaign: Record) -> tuple[int, int, str, str]:
        phase = campaign_phase(campaign, today)
        when = {
            "running": 0,
            "future": month_number(campaign["start"]),
            "ended": -month_number(campaign["end"]),
        }[phase]
        rank = ("running", "future", "ended").index(phase)
        return rank, when, campaign["title"], campaign["id"]

    return sorted(campaigns, key=key)


def next_birthday(mmdd: str, today: D) -> D:
    """The next date (today or later) of a birthday written MM-DD, of the type of `today` (a
    pendulum Date for a pendulum Date); 29 February falls on 28 February in common years."""
    month, day = int(mmdd[:2]), int(mmdd[3:])
    make = type(today)
    for year in (today.year, today.year + 1):
        leap_day_in_common_year = (month, day) == (2, 29) and not calendar.isleap(year)
        candidate = make(year, 2, 28) if leap_day_in_common_year else make(year, month, day)
        if candidate >= today:
            return candidate
    raise AssertionError("unreachable: a birthday recurs within a year")


def _follow_ups(talks: Iterable[Record], visits: Iterable[Record]) -> Iterator[tuple[str, Record]]:
    """(kind, record) of every talk and visit whose follow-up is due and not done."""
    for kind, records in (("talk_follow_up", talks), ("visit_follow_up", visits)):
        for record in records:
            if record.get("follow_up_due") and not record.get("follow_up_done"):
                yield kind, record


def _item(day: str, kind: str, title: str, record: Record, today: Date) -> Upcoming:
    days_away = (
        datetime.date.fromisoformat(day).toordinal() - today.toordinal()
    )  # fast on long histories
    return Upcoming(day, days_away, kind, title, record["id"])


def _in_order(items: Iterable[Upcoming]) -> list[Upcoming]:
    return sorted(items, key=lambda u: (u.date, u.kind, u.title))


def upcoming(
    events: Iterable[Record],
    people: Iterable[Record],
    talks: Iterable[Record],
    visits: Iterable[Record],
    today: Date,
    days: int,
    overdue_kept: int | None = None,
) -> tuple[list[Upcoming], int]:
    """Events and birthdays in the next `days` days, open follow-ups due by then (overdue
    included), by date; with `overdue_kept`, of the overdue follow-ups only the latest that many
    (a long history has thousands: they are picked before they are made). Also how many overdue
    ones were left out."""
    start = dates.date_string(today)
    end = dates.date_string(today + datetime.timedelta(days=days))
    found = [
        _item(
            e["date"], "event", " ".join(filter(None, (e["sport"], e.get("sub_event")))), e, today
        )
        for e in events
        if start <= e["date"] <= end
    ]
    for person in people:
        if person.get("birthday"):
            day = dates.date_string(next_birthday(person["birthday"], today))
            if day <= end:
                found.append(_item(day, "birthday", person["name"], person, today))
    due = [(r["follow_up_due"], kind, r["person"], r) for kind, r in _follow_ups(talks, visits)]
    found += [_item(*pair, today) for pair in due if start <= pair[0] <= end]
    # (date, kind, title, place): the latest as a stable sort has them, equal ones by place
    overdue = [(*pair[:3], place) for place, pair in enumerate(due) if pair[0] < start]
    kept = overdue if overdue_kept is None else heapq.nlargest(overdue_kept, overdue)
    found += [_item(*due[place], today) for *_, place in sorted(kept, key=itemgetter(3))]
    return _in_order(found), len(overdue) - len(kept)


def open_follow_ups(
    talks: Iterable[Record], visits: Iterable[Record], today: Date, limit: int | None = None
) -> tuple[list[Upcoming], int]:
    """The talks and visits whose follow-up is open, the most overdue first, then by due date
    (the first `limit` of them, picked before they are made: a long history has thousands), and
    how many are open in all."""
    every = list(_follow_ups(talks, visits))
    chosen = every
    if limit is not None:
        chosen = heapq.nsmallest(
            limit, every, key=lambda pair: (pair[1]["follow_up_due"], pair[0], pair[1]["person"])
        )
    items = _in_order(_item(r["follow_up_due"], kind, r["person"], r, today) for kind, r in chosen)
    return items, len(every)


def sparkline(points: Mapping[str, int], today: Date, days: int = 30) -> list[int]:
    """Points of the last `days` days, oldest first (0 where nothing was logged)."""
    first = today - datetime.timedelta(days=days - 1)
    return [
        points.get(dates.date_string(first + datetime.timedelta(days=i)), 0) for i in range(days)
    ]


def heat_level(points: int | None, target: int) -> int:
    """A heatmap shade: 0 no record, 1 below half the target, 2 below it, 3 at it, 4 at 1.5×."""
    if points is None:
        return 0
    if points >= target * 1.5:
        return 4
    if points >= target:
        return 3
    return 2 if points * 2 >= target else 1
