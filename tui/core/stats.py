"""Figures computed from records: streaks, totals, quota progress, what is upcoming, sparklines.

Pure functions over plain record dicts; each takes `today` so none reads the clock."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from pendulum import Date

from tui.core import dates
from tui.core.i18n import t

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
    days_left: int
    verdict: str | None  # "met", "missed", or None while the month is running or to come


class Upcoming(NamedTuple):
    """Something due or coming up: `days` from today, negative when overdue (a tuple: a long
    history has thousands of overdue follow-ups, made on every redraw of the Overview)."""

    date: str
    days: int
    kind: str  # "event", "birthday", "talk_follow_up" or "visit_follow_up"
    title: str
    record_id: str


def describe(item: Upcoming, today: Date) -> str:
    """One upcoming item as a phrase: `11-29 王芳 生日（2天后）`, `11-20 跟进谈话：赵敏（逾期 7 天）`."""
    if item.days < 0:
        when = t("days.overdue", n=-item.days)
    else:
        when = dates.humanize_days(dates.to_date(item.date), today)
    return t(f"upcoming.{item.kind}", date=item.date[5:], title=item.title, when=when)


def points_by_date(studies: Iterable[Record]) -> dict[str, int]:
    """Each study day's points, by date."""
    return {s["date"]: s["points"] for s in studies}


def current_streak(points: Mapping[str, int], target: int, today: Date) -> int:
    """Days in a row at or above target, ending today — or yesterday while today is not logged."""
    day = today if points.get(today.to_date_string(), 0) >= target else today.subtract(days=1)
    streak = 0
    while points.get(day.to_date_string(), 0) >= target:
        streak += 1
        day = day.subtract(days=1)
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


def quota_month(campaign: Record, records: Iterable[Record], month: str, today: Date) -> QuotaMonth:
    """How far `month`'s quota of a campaign is met by its essays or talks."""
    done = sum(
        1 for r in records if r.get("campaign_id") == campaign["id"] and r["date"][:7] == month
    )
    quota = campaign["monthly_quota"]
    this_month = dates.month_of(today)
    first, last = dates.month_bounds(month)
    if month < this_month:
        return QuotaMonth(month, done, quota, 0, "met" if done >= quota else "missed")
    days_left = (
        (last - today).in_days() + 1 if month == this_month else (last - first).in_days() + 1
    )
    return QuotaMonth(month, done, quota, days_left, None)


def quota_grid(campaign: Record, records: Sequence[Record], today: Date) -> list[QuotaMonth]:
    """Every month of a campaign, done against quota."""
    own = [r for r in records if r.get("campaign_id") == campaign["id"]]
    return [
        quota_month(campaign, own, m, today)
        for m in dates.months_between(campaign["start"], campaign["end"])
    ]


def next_birthday(mmdd: str, today: Date) -> Date:
    """The next date (today or later) of a birthday written MM-DD; 29 February falls on 1 March
    in other years."""
    month, day = int(mmdd[:2]), int(mmdd[3:])
    for year in (today.year, today.year + 1):
        try:
            candidate = Date(year, month, day)
        except ValueError:
            candidate = Date(year, 3, 1)
        if candidate >= today:
            return candidate
    raise AssertionError("unreachable: a birthday recurs within a year")


def upcoming(
    events: Iterable[Record],
    people: Iterable[Record],
    talks: Iterable[Record],
    visits: Iterable[Record],
    today: Date,
    days: int,
) -> list[Upcoming]:
    """Events and birthdays in the next `days` days, follow-ups due then or overdue, by date."""
    start = today.to_date_string()
    end = today.add(days=days).to_date_string()

    base = today.toordinal()

    def item(day: str, kind: str, title: str, record: Record) -> Upcoming:
        days_away = datetime.date.fromisoformat(day).toordinal() - base  # fast on long histories
        return Upcoming(day, days_away, kind, title, record["id"])

    found = [
        item(e["date"], "event", " ".join(filter(None, (e["sport"], e.get("sub_event")))), e)
        for e in events
        if start <= e["date"] <= end
    ]
    for person in people:
        if person.get("birthday"):
            day = next_birthday(person["birthday"], today).to_date_string()
            if day <= end:
                found.append(item(day, "birthday", person["name"], person))
    found += [
        item(t["follow_up_due"], "talk_follow_up", t["person"], t)
        for t in talks
        if t.get("follow_up_due") and not t.get("follow_up_done") and t["follow_up_due"] <= end
    ]
    found += [
        item(v["follow_up_due"], "visit_follow_up", v["person"], v)
        for v in visits
        if v.get("follow_up_due") and start <= v["follow_up_due"] <= end
    ]
    return sorted(found, key=lambda u: (u.date, u.kind, u.title))


def sparkline(points: Mapping[str, int], today: Date, days: int = 30) -> list[int]:
    """Points of the last `days` days, oldest first (0 where nothing was logged)."""
    first = today.subtract(days=days - 1)
    return [points.get(first.add(days=i).to_date_string(), 0) for i in range(days)]


def heat_level(points: int | None, target: int) -> int:
    """A heatmap shade: 0 no record, 1 below half the target, 2 below it, 3 at it, 4 at 1.5×."""
    if points is None:
        return 0
    if points >= target * 1.5:
        return 4
    if points >= target:
        return 3
    return 2 if points * 2 >= target else 1
