"""Dates as users type them: every accepted form against an injected today, and junk refused.

Also months, Monday-first weeks and the zh/en "in 3 days" phrasing."""

from __future__ import annotations

import pendulum
import pytest

from tui.core import dates
from tui.core.i18n import set_language

TODAY = pendulum.date(2026, 3, 18)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2026-03-18"),
        ("Today", "2026-03-18"),
        ("今天", "2026-03-18"),
        ("yesterday", "2026-03-17"),
        ("昨天", "2026-03-17"),
        ("tomorrow", "2026-03-19"),
        ("-3", "2026-03-15"),
        ("-18", "2026-02-28"),
        ("+2", "2026-03-20"),
        ("2026-3-5", "2026-03-05"),
        ("2025-12-31", "2025-12-31"),
        ("2024/2/29", "2024-02-29"),
        ("3-5", "2026-03-05"),
        ("03/05", "2026-03-05"),
        ("12.31", "2026-12-31"),
        ("2026-03-05", "2026-03-05"),
        ("  2026-03-05  ", "2026-03-05"),
        ("20260305", "2026-03-05"),
    ],
)
def test_parse_date_accepts_what_users_type(text: str, expected: str) -> None:
    assert dates.parse_date(text, TODAY).to_date_string() == expected


def test_parse_date_follows_the_injected_today() -> None:
    other = pendulum.date(2024, 1, 1)
    assert dates.parse_date("yesterday", other).to_date_string() == "2023-12-31"
    assert dates.parse_date("3-5", other).to_date_string() == "2024-03-05"
    assert dates.parse_date("-1", other).to_date_string() == "2023-12-31"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "2026-13-45",
        "2026-02-30",
        "2025-02-29",
        "13-01",
        "02/30",
        "3-5-7",
        "--3",
        "-99999",
        "3 days ago",
        "2026-3",
        "0000-01-01",
        "2026-03-05T10:00",
        "²",
    ],
)
def test_parse_date_refuses_junk_and_says_what_is_accepted(text: str) -> None:
    with pytest.raises(dates.DateInputError) as caught:
        dates.parse_date(text, TODAY)
    message = str(caught.value)
    assert text.strip() in message
    for form in ("YYYY-MM-DD", "M-D", "MM/DD", "today", "yesterday", "-N"):
        assert form in message


def test_date_refusal_is_in_chinese_when_the_language_is_zh() -> None:
    set_language("zh")
    with pytest.raises(dates.DateInputError) as caught:
        dates.parse_date("明年", TODAY)
    assert "今天" in str(caught.value) and "昨天" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-3", "2026-03"),
        ("2025-11", "2025-11"),
        ("2026/12", "2026-12"),
        ("7", "2026-07"),
        ("this", "2026-03"),
        ("本月", "2026-03"),
        ("last", "2026-02"),
        ("上月", "2026-02"),
    ],
)
def test_parse_month(text: str, expected: str) -> None:
    assert dates.parse_month(text, TODAY) == expected


@pytest.mark.parametrize("text", ["2026-13", "13", "0", "2026-00", "march", "²", "2026-3-5"])
def test_parse_month_refuses_junk(text: str) -> None:
    with pytest.raises(dates.DateInputError, match="YYYY-MM"):
        dates.parse_month(text, TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("9:30", "09:30"), ("23:59", "23:59"), ("0:00", "00:00"), ("18：05", "18:05")],
)
def test_parse_time(text: str, expected: str) -> None:
    assert dates.parse_time(text) == expected


def test_parse_time_writes_full_width_digits_as_ascii() -> None:
    assert dates.parse_time("９:３０") == "09:30"


@pytest.mark.parametrize("text", ["24:00", "12:60", "9", "9:5", "noon", ""])
def test_parse_time_refuses_junk(text: str) -> None:
    with pytest.raises(dates.DateInputError, match="HH:MM"):
        dates.parse_time(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("02-29", "02-29"), ("2-29", "02-29"), ("12/31", "12-31"), ("1-1", "01-01")],
)
def test_parse_mmdd_accepts_birthdays_including_29_february(text: str, expected: str) -> None:
    assert dates.parse_mmdd(text) == expected


@pytest.mark.parametrize("text", ["02-30", "04-31", "13-01", "00-10", "2026-02-01", "0229"])
def test_parse_mmdd_refuses_impossible_days(text: str) -> None:
    with pytest.raises(dates.DateInputError, match="MM-DD"):
        dates.parse_mmdd(text)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2026-03-05", True),
        ("2024-02-29", True),
        ("2026-3-5", False),
        ("2026-02-29", False),
        ("2026-03-05\n", False),
        ("２０２６-０３-０５", False),
        ("20260305", False),
    ],
)
def test_is_iso_date_takes_only_the_stored_form(value: str, ok: bool) -> None:
    assert dates.is_iso_date(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2026-03", True),
        ("2026-3", False),
        ("2026-13", False),
        ("2026-03\n", False),
        ("２０２６-０３", False),
    ],
)
def test_is_iso_month_takes_only_the_stored_form(value: str, ok: bool) -> None:
    assert dates.is_iso_month(value) is ok


def test_months() -> None:
    assert dates.month_of(TODAY) == "2026-03"
    first, last = dates.month_bounds("2024-02")
    assert (first.isoformat(), last.isoformat()) == ("2024-02-01", "2024-02-29")
    first, last = dates.month_bounds("2026-12")
    assert (first.isoformat(), last.isoformat()) == ("2026-12-01", "2026-12-31")
    assert dates.month_bounds("9999-12")[1].isoformat() == "9999-12-31"
    assert dates.shift_month("2026-11", 2) == "2027-01"
    assert dates.shift_month("2026-01", -1) == "2025-12"
    assert dates.months_between("2025-11", "2026-02") == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    assert dates.months_between("2026-03", "2026-03") == ["2026-03"]
    assert dates.months_between("2026-04", "2026-03") == []


@pytest.mark.parametrize(
    ("day", "monday", "sunday"),
    [
        ("2026-03-18", "2026-03-16", "2026-03-22"),  # Wednesday
        ("2026-03-16", "2026-03-16", "2026-03-22"),  # Monday starts its own week
        ("2026-03-22", "2026-03-16", "2026-03-22"),  # Sunday ends it
        ("2026-01-01", "2025-12-29", "2026-01-04"),  # across a year
    ],
)
def test_weeks_start_on_monday(day: str, monday: str, sunday: str) -> None:
    first, last = dates.week_bounds(dates.to_date(day))
    assert (first.to_date_string(), last.to_date_string()) == (monday, sunday)
    assert first.weekday() == 0


@pytest.mark.parametrize(
    ("offset", "en", "zh"),
    [
        (0, "today", "今天"),
        (1, "tomorrow", "明天"),
        (-1, "yesterday", "昨天"),
        (3, "in 3 days", "3 天后"),
        (45, "in 45 days", "45 天后"),
        (-3, "3 days ago", "3 天前"),
    ],
)
def test_humanize_days_in_both_languages(offset: int, en: str, zh: str) -> None:
    day = TODAY.add(days=offset)
    assert dates.days_until(day, TODAY) == offset
    assert dates.humanize_days(day, TODAY) == en
    set_language("zh")
    assert dates.humanize_days(day, TODAY) == zh


def test_to_date_round_trips_the_stored_form() -> None:
    assert dates.to_date("2026-03-05") == pendulum.date(2026, 3, 5)
