"""Dates as users type them and as cadre stores them: plain `datetime` and `zoneinfo` where that
is all a command or the Overview needs, pendulum (loaded on first use, ~40 ms) for the rest.

Every function takes `today` explicitly, so nothing reads the clock behind a test's back. Those
that compute a day from `today` return one of its type: a pendulum Date for a pendulum Date."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, TypeVar

from tui.core.i18n import t

if TYPE_CHECKING:
    import pendulum
    from pendulum import Date, DateTime

WORDS_TODAY = {"today", "今天", "今日", "t"}
WORDS_YESTERDAY = {"yesterday", "昨天", "昨日", "y"}
WORDS_TOMORROW = {"tomorrow", "明天", "明日"}

_FULL = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SHORT = re.compile(r"^(\d{1,2})[-/.](\d{1,2})$")
_OFFSET = re.compile(r"^([+-])(\d{1,4})$")
_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z", re.ASCII)
_ISO_MONTH = re.compile(r"\d{4}-\d{2}\Z", re.ASCII)
_MMDD = re.compile(r"^(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})$")
ONE_DAY = datetime.timedelta(days=1)
D = TypeVar("D", bound=datetime.date)  # a plain date or a pendulum Date


class DateInputError(ValueError):
    """Text that is not a date, month or time cadre understands; the message says what is."""


def _make_date(like: D, year: int, month: int, day: int, text: str) -> D:
    """The day `year-month-day`, of the type of `like`; refused naming `text` when none is."""
    try:
        return type(like)(year, month, day)
    except ValueError:
        raise DateInputError(t("err.date", value=text)) from None


def parse_date(text: str, today: D) -> D:
    """Read a date typed by a user: today/yesterday (今天/昨天), -3, 2026-3-5, 3-5, 03/05, ISO."""
    value = text.strip().lower()
    if value in WORDS_TODAY:
        return today
    if value in WORDS_YESTERDAY:
        return today - ONE_DAY
    if value in WORDS_TOMORROW:
        return today + ONE_DAY
    if match := _OFFSET.match(value):
        days = datetime.timedelta(days=int(match.group(2)))
        return today - days if match.group(1) == "-" else today + days
    if match := _FULL.match(value) or _COMPACT.match(value):
        year, month, day = (int(part) for part in match.groups())
        return _make_date(today, year, month, day, text)
    if match := _SHORT.match(value):
        month, day = (int(part) for part in match.groups())
        return _make_date(today, today.year, month, day, text)
    raise DateInputError(t("err.date", value=text))


def parse_month(text: str, today: Date) -> str:
    """Read a month as `YYYY-MM`: 2026-3, 2026-03, 3 (this year), this/本月, last/上月."""
    value = text.strip().lower()
    if value in {"this", "本月"}:
        return month_of(today)
    if value in {"last", "上月"}:
        year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
        return month_of(datetime.date(year, month, 1))  # the year 0 is refused (ValueError)
    if match := _MONTH.match(value):
        year, month = int(match.group(1)), int(match.group(2))
    elif value.isdecimal() and 1 <= len(value) <= 2:
        year, month = today.year, int(value)
    else:
        raise DateInputError(t("err.month", value=text))
    if not 1 <= month <= 12 or year < 1:
        raise DateInputError(t("err.month", value=text))
    return f"{year:04d}-{month:02d}"


def parse_time(text: str) -> str:
    """Read a time of day as `HH:MM` (24-hour clock, full-width colon accepted)."""
    match = _TIME.match(text.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise DateInputError(t("err.time", value=text))
    return f"{int(match.group(1)):02d}:{int(match.group(2)):02d}"


def parse_mmdd(text: str) -> str:
    """Read a birthday as `MM-DD` (29 February allowed)."""
    match = _MMDD.match(text.strip().replace("/", "-"))
    if not match:
        raise DateInputError(t("err.mmdd", value=text))
    month, day = int(match.group(1)), int(match.group(2))
    try:
        datetime.date(2000, month, day)  # a leap year, so 02-29 is a valid birthday
    except ValueError:
        raise DateInputError(t("err.mmdd", value=text)) from None
    return f"{month:02d}-{day:02d}"


def is_iso_date(value: str) -> bool:
    """True when `value` is a real calendar date written exactly as YYYY-MM-DD."""
    if not _ISO_DATE.match(value):
        return False
    try:
        datetime.date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError:
        return False
    return True


def is_iso_month(value: str) -> bool:
    """True when `value` is a month written exactly as YYYY-MM."""
    return bool(_ISO_MONTH.match(value)) and 1 <= int(value[5:]) <= 12 and int(value[:4]) >= 1


def to_date(value: str) -> Date:
    """Turn a stored YYYY-MM-DD string into a pendulum Date."""
    import pendulum

    return pendulum.date(int(value[:4]), int(value[5:7]), int(value[8:10]))


def date_string(day: datetime.date) -> str:
    """`day` as pendulum's `to_date_string` writes it (YYYY-MM-DD, a year before 1000 unpadded),
    without its strftime: ten times faster, for the figures' loops over days."""
    return day.isoformat() if day.year >= 1000 else day.strftime("%Y-%m-%d")


def month_of(day: datetime.date) -> str:
    """The `YYYY-MM` month that `day` falls in."""
    return f"{day.year:04d}-{day.month:02d}"


def month_bounds(month: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of a `YYYY-MM` month."""
    year, number = int(month[:4]), int(month[5:7])
    first = datetime.date(year, number, 1)
    last = first.replace(day=31) if number == 12 else first.replace(month=number + 1) - ONE_DAY
    return first, last


def shift_month(month: str, step: int) -> str:
    """The month `step` months after `month` (YYYY-MM)."""
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + step
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_between(start: str, end: str) -> list[str]:
    """Every `YYYY-MM` month from `start` to `end`, inclusive (compared as numbers: as text,
    the month after 9999-12 would be `10000-01`, which sorts before it)."""
    months = []
    year, month = int(start[:4]), int(start[5:7])
    last = (int(end[:4]), int(end[5:7]))
    while (year, month) <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def week_bounds(day: D) -> tuple[D, D]:
    """Monday and Sunday of the week that `day` falls in."""
    monday = day - datetime.timedelta(days=day.weekday())
    return monday, monday + datetime.timedelta(days=6)


def days_until(day: datetime.date, today: datetime.date) -> int:
    """Whole days from `today` to `day` (negative when `day` is past)."""
    return day.toordinal() - today.toordinal()  # pendulum's diff is 50x slower


def humanize_days(day: datetime.date, today: datetime.date) -> str:
    """`today`, `tomorrow`, `in 3 days`, `3 days ago` — or 今天, 明天, 3 天后, 3 天前."""
    return humanize_delta(days_until(day, today))


def humanize_delta(delta: int) -> str:
    """`delta` days from today in words: `today`, `tomorrow`, `in 3 days`, `3 days ago`."""
    if delta == 0:
        return t("days.today")
    if delta == 1:
        return t("days.tomorrow")
    if delta == -1:
        return t("days.yesterday")
    if delta > 0:
        return t("days.in", n=delta)
    return t("days.ago", n=-delta)


def zone_of(timezone: str | None) -> pendulum.Timezone | pendulum.FixedTimezone:
    """The settings' time zone, or the system's when unset."""
    import pendulum

    return pendulum.timezone(timezone) if timezone else pendulum.local_timezone()


def now_in(timezone: str | None) -> DateTime:
    """The current moment in the settings' time zone (the system's zone when unset)."""
    import pendulum

    return pendulum.now(zone_of(timezone))


def moment_in(timezone: str | None, day: datetime.date | None = None) -> datetime.datetime:
    """The moment `now_in` gives, as a plain aware datetime; on `day` (at the time of day it
    is now) when a day is fixed, as pendulum's `set(year=, month=, day=)` moves it."""
    zone = _zone_info(timezone) if timezone else None  # None: the system's zone
    now = datetime.datetime.now(zone)
    if day is not None:
        now = now.replace(year=day.year, month=day.month, day=day.day)
        if now.replace(fold=0).timestamp() > now.replace(fold=1).timestamp():
            now = now.replace(fold=1 - now.fold)  # a time the clocks skip: read as pendulum does
        now = datetime.datetime.fromtimestamp(now.timestamp(), zone)
    return now if zone is not None else now.astimezone()


def day_start(day: datetime.date, timezone: str | None) -> int:
    """The epoch second `day` begins at in the settings' time zone (the system's when unset), as
    pendulum has it: a midnight the clocks skip begins the day when they do, one they repeat
    counts from its second time."""
    midnight = datetime.datetime(day.year, day.month, day.day)
    if timezone:
        midnight = midnight.replace(tzinfo=_zone_info(timezone))
    return int(max(midnight.timestamp(), midnight.replace(fold=1).timestamp()))


def _zone_info(timezone: str) -> datetime.tzinfo:
    """The zone `timezone` names, from the system's zone database as pendulum reads it; what
    the database does not hold goes to pendulum, which refuses it as it always has."""
    import zoneinfo

    try:
        return zoneinfo.ZoneInfo("UTC" if timezone.lower() == "utc" else timezone)
    except Exception:
        return zone_of(timezone)
