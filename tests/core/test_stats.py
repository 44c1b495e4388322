"""Tests of tui/core/stats.py: streaks, totals, quotas, upcoming items, sparkline and shades.

Expected figures are worked out by hand from small, explicit histories."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterator

import chinese_calendar
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core import stats
from tui.core.i18n import get_language, set_language


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English, whatever a test switches to."""
    before = get_language()
    set_language("en")
    yield
    set_language(before)


TODAY = pendulum.date(2026, 11, 27)  # a Friday


def days_back(*values: int) -> dict[str, int]:
    """Points for today, yesterday, … in that order."""
    return {TODAY.subtract(days=i).to_date_string(): v for i, v in enumerate(values)}


def test_current_streak_counts_from_today_when_today_is_met() -> None:
    assert stats.current_streak(days_back(30, 31, 45, 29, 50), 30, TODAY) == 3


def test_current_streak_waits_for_today_before_breaking() -> None:
    points = days_back(0, 30, 30)  # today not logged yet (0 is below target)
    del points[TODAY.to_date_string()]
    assert stats.current_streak(points, 30, TODAY) == 2


def test_current_streak_is_zero_after_a_missed_yesterday() -> None:
    assert stats.current_streak(days_back(10, 5, 40), 30, TODAY) == 0


def test_longest_streak_needs_consecutive_days() -> None:
    points = {
        "2026-01-01": 30,
        "2026-01-02": 30,
        "2026-01-04": 30,
        "2026-01-05": 31,
        "2026-01-06": 40,
    }
    assert stats.longest_streak(points, 30) == 3
    assert stats.longest_streak({}, 30) == 0


@given(st.lists(st.booleans(), min_size=1, max_size=60))
def test_longest_streak_matches_a_plain_count(met: list[bool]) -> None:
    points = {
        pendulum.date(2026, 1, 1).add(days=i).to_date_string(): 30 if ok else 5
        for i, ok in enumerate(met)
    }
    best = run = 0
    for ok in met:
        run = run + 1 if ok else 0
        best = max(best, run)
    assert stats.longest_streak(points, 30) == best


def test_totals_use_a_monday_first_week() -> None:
    points = {
        "2026-11-23": 10,
        "2026-11-22": 100,
        "2026-11-27": 5,
        "2026-11-01": 7,
        "2026-01-02": 1000,
        "2025-12-31": 9,
    }
    totals = stats.totals(points, TODAY)
    assert totals == stats.Totals(week=15, month=122, year=1122)


def test_days_at_target_counts_only_the_period() -> None:
    points = {"2026-10-31": 40, "2026-11-01": 30, "2026-11-02": 29, "2026-11-30": 50}
    assert stats.days_at_target(points, 30, "2026-11-01", "2026-11-30") == 2


CAMPAIGN = {"id": "c1", "title": "谈心", "start": "2026-09", "end": "2026-12", "monthly_quota": 2}


def talks(*days: str, campaign: str = "c1") -> list[dict[str, str]]:
    return [{"campaign_id": campaign, "date": d} for d in days]


def test_quota_grid_gives_verdicts_only_for_finished_months() -> None:
    grid = stats.quota_grid(
        CAMPAIGN,
        talks("2026-09-03", "2026-09-20", "2026-10-08", "2026-11-02")
        + talks("2026-10-09", campaign="other"),
        TODAY,
    )
    assert [(q.month, q.done, q.verdict, q.state, q.short_by) for q in grid] == [
        ("2026-09", 2, "met", "met", 0),
        ("2026-10", 1, "missed", "short", 1),
        ("2026-11", 1, None, "running", 1),
        ("2026-12", 0, None, "future", 2),
    ]
    assert grid[2].days_left == 4  # 27, 28, 29, 30 November
    assert grid[3].days_left == 31 and grid[0].days_left == 0
    # Friday 27 and Monday 30 November; December 2026 has 23 weekdays and no holiday
    assert [q.working_days_left for q in grid] == [None, None, 2, 23]
    assert not any(q.estimated for q in grid)


def test_working_days_left_follow_the_official_calendar() -> None:
    october = {**CAMPAIGN, "start": "2026-10", "end": "2027-01"}
    # from Thursday 8 October: 17 weekdays (1–7 October were the holiday) and Saturday the 10th
    running = stats.quota_month(october, [], "2026-10", pendulum.date(2026, 10, 8))
    assert (running.days_left, running.working_days_left, running.estimated) == (24, 18, False)
    # January 2027 is beyond the package's data: its 21 weekdays, marked estimated
    later = stats.quota_month(october, [], "2027-01", pendulum.date(2026, 10, 8))
    assert (later.days_left, later.working_days_left, later.estimated) == (31, 21, True)
    off = stats.quota_month(october, [], "2026-10", pendulum.date(2026, 10, 8), working_days=False)
    assert (off.days_left, off.working_days_left, off.estimated) == (24, None, False)


def test_days_left_text_counts_words_right() -> None:
    october = {**CAMPAIGN, "start": "2026-10", "end": "2027-01"}
    last_day = stats.quota_month(october, [], "2026-10", pendulum.date(2026, 10, 31))
    assert stats.days_left_text(last_day) == "1 day left · 0 working days"
    friday = stats.quota_month(october, [], "2026-10", pendulum.date(2026, 10, 30))
    assert stats.days_left_text(friday) == "2 days left · 1 working day"
    later = stats.quota_month(october, [], "2027-01", pendulum.date(2026, 10, 8))
    assert stats.days_left_text(later) == "31 days left · 21 working days (estimated Mon–Fri)"
    off = stats.quota_month(october, [], "2026-10", pendulum.date(2026, 10, 31), working_days=False)
    assert stats.days_left_text(off) == "1 day left"
    set_language("zh")
    assert stats.days_left_text(later) == "还剩 31 天 · 21 个工作日（按周一至周五估算）"


def brute_force_quota(
    records: list[dict[str, str]], month: str, today: pendulum.Date, working: bool
) -> tuple[int, str, int, int | None, bool]:
    """done, state, days left, working days left, estimated — by walking the month day by day."""
    first = pendulum.date(int(month[:4]), int(month[5:]), 1)
    day = datetime.date(first.year, first.month, 1)
    done = sum(1 for r in records if r["date"][:7] == month)
    days_left = working_left = 0
    estimated = False
    while day.month == first.month:
        if day >= today:
            days_left += 1
            try:
                working_left += chinese_calendar.is_workday(day)
            except NotImplementedError:
                estimated = True
                working_left += day.weekday() < 5
        last = day
        day += datetime.timedelta(days=1)
    if last < today:
        state = "met" if done >= CAMPAIGN["monthly_quota"] else "short"
        return done, state, 0, None, False
    state = "running" if first <= today else "future"
    return done, state, days_left, working_left if working else None, estimated and working


@given(
    st.lists(st.dates(datetime.date(2025, 6, 1), datetime.date(2028, 6, 30)), max_size=12),
    st.dates(datetime.date(2025, 6, 1), datetime.date(2028, 6, 30)),
    st.dates(datetime.date(2025, 6, 1), datetime.date(2028, 6, 30)),
    st.booleans(),
)
def test_quota_month_matches_a_day_by_day_walk(
    days: list[datetime.date], in_month: datetime.date, today: datetime.date, working: bool
) -> None:
    month = in_month.isoformat()[:7]
    records = [{"campaign_id": "c1", "date": d.isoformat()} for d in days]
    records += talks(in_month.isoformat(), campaign="other")
    now = pendulum.date(today.year, today.month, today.day)
    quota = stats.quota_month(CAMPAIGN, records, month, now, working)
    assert (
        quota.done,
        quota.state,
        quota.days_left,
        quota.working_days_left,
        quota.estimated,
    ) == brute_force_quota(records[:-1], month, now, working)
    assert quota.short_by == max(0, CAMPAIGN["monthly_quota"] - quota.done)


def test_campaign_phases_and_their_order() -> None:
    def campaign(cid: str, title: str, start: str, end: str) -> dict[str, object]:
        return {"id": cid, "title": title, "start": start, "end": end, "monthly_quota": 1}

    ended_early = campaign("a", "A", "2025-01", "2025-06")
    ended_late = campaign("b", "B", "2026-01", "2026-10")
    running_b = campaign("c", "B", "2026-11", "2026-11")
    running_a = campaign("d", "A", "2026-01", "2027-03")
    future_late = campaign("e", "A", "2027-05", "2027-06")
    future_soon = campaign("f", "B", "2026-12", "2027-01")
    future_soon_too = campaign("g", "B", "2026-12", "2027-02")
    assert [stats.campaign_phase(c, TODAY) for c in (ended_late, running_b, future_soon)] == [
        "ended",
        "running",
        "future",
    ]
    shuffled = [future_late, ended_early, running_b, future_soon_too, ended_late, running_a]
    ordered = stats.campaigns_in_order([*shuffled, future_soon], TODAY)
    assert [c["id"] for c in ordered] == ["d", "c", "f", "g", "e", "b", "a"]


def test_upcoming_collects_events_birthdays_and_follow_ups() -> None:
    events = [
        {"id": "e1", "date": "2026-12-01", "sport": "拔河", "sub_event": ""},
        {"id": "e2", "date": "2026-12-30", "sport": "篮球", "sub_event": ""},
        {"id": "e3", "date": "2026-11-20", "sport": "足球", "sub_event": ""},
    ]
    people = [
        {"id": "p1", "name": "王芳", "birthday": "11-29"},
        {"id": "p2", "name": "李强", "birthday": "11-26"},
        {"id": "p3", "name": "张伟", "birthday": None},
    ]
    talk_rows = [
        {"id": "t1", "person": "赵敏", "follow_up_due": "2026-11-20", "follow_up_done": False},
        {"id": "t2", "person": "钱进", "follow_up_due": "2026-11-21", "follow_up_done": True},
    ]
    visits = [
        {"id": "v1", "person": "孙丽", "follow_up_due": "2026-12-05"},
        {"id": "v2", "person": "周杰", "follow_up_due": "2026-11-01"},
        {"id": "v3", "person": "吴刚", "follow_up_due": "2026-11-28", "follow_up_done": True},
        {"id": "v4", "person": "郑爽", "follow_up_due": "2026-12-12", "follow_up_done": False},
        {"id": "v5", "person": "冯远", "follow_up_due": None},
    ]
    found, left_out = stats.upcoming(events, people, talk_rows, visits, TODAY, 14)
    assert left_out == 0
    assert [(u.kind, u.record_id, u.days) for u in found] == [
        ("visit_follow_up", "v2", -26),
        ("talk_follow_up", "t1", -7),
        ("birthday", "p1", 2),
        ("event", "e1", 4),
        ("visit_follow_up", "v1", 8),
    ]
    assert [u.record_id for u in stats.open_follow_ups(talk_rows, visits, TODAY)[0]] == [
        "v2",
        "t1",
        "v1",
        "v4",
    ]
    every, total = stats.open_follow_ups(talk_rows, visits, TODAY)
    assert every[-1] == stats.Upcoming("2026-12-12", 15, "visit_follow_up", "郑爽", "v4")
    first_two, total_again = stats.open_follow_ups(talk_rows, visits, TODAY, limit=2)
    assert (first_two, total, total_again) == (every[:2], 4, 4)


FOLLOW_UPS = st.lists(
    st.tuples(
        st.sampled_from(["talk", "visit"]),
        st.dates(datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)).map(str),
        st.sampled_from(["王芳", "李强", "Ann"]),  # few names: equal lines happen
        st.booleans(),
    ),
    max_size=30,
)


@given(FOLLOW_UPS, st.integers(0, 5))
def test_the_latest_overdue_kept_are_those_of_the_whole_list(
    rows: list[tuple[str, str, str, bool]], kept: int
) -> None:
    """Keeping only the latest overdue follow-ups picks what cutting the whole list would."""
    talks, visits = [], []
    for number, (kind, due, person, done) in enumerate(rows):
        record = {"id": f"r{number}", "person": person, "follow_up_due": due}
        (talks if kind == "talk" else visits).append(record | {"follow_up_done": done})
    every, none_left = stats.upcoming([], [], talks, visits, TODAY, 14)
    overdue = [item for item in every if item.days < 0]
    found, left_out = stats.upcoming([], [], talks, visits, TODAY, 14, overdue_kept=kept)
    assert none_left == 0
    assert found == overdue[len(overdue) - min(kept, len(overdue)) :] + every[len(overdue) :]
    assert left_out == len(overdue) - min(kept, len(overdue))


@pytest.mark.parametrize(
    ("mmdd", "expected"),
    [
        ("11-27", "2026-11-27"),
        ("11-26", "2027-11-26"),
        ("02-29", "2027-02-28"),
        ("01-05", "2027-01-05"),
    ],
)
def test_next_birthday(mmdd: str, expected: str) -> None:
    assert stats.next_birthday(mmdd, TODAY).to_date_string() == expected


def test_next_birthday_across_the_new_year_and_in_a_leap_year() -> None:
    assert stats.next_birthday("01-03", pendulum.date(2026, 12, 28)) == pendulum.date(2027, 1, 3)
    assert stats.next_birthday("02-29", pendulum.date(2027, 3, 1)) == pendulum.date(2028, 2, 29)
    assert stats.next_birthday("02-29", pendulum.date(2028, 2, 29)) == pendulum.date(2028, 2, 29)


@given(
    st.dates(datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)),
    st.dates(datetime.date(2000, 1, 1), datetime.date(2000, 12, 31)),  # 2000 is a leap year
)
def test_next_birthday_matches_a_day_by_day_walk(today: datetime.date, born: datetime.date) -> None:
    mmdd = born.isoformat()[5:]
    day = today
    while day.strftime("%m-%d") != mmdd and not (
        mmdd == "02-29" and not calendar.isleap(day.year) and day.strftime("%m-%d") == "02-28"
    ):
        day += datetime.timedelta(days=1)
    now = pendulum.date(today.year, today.month, today.day)
    assert stats.next_birthday(mmdd, now) == day


def test_sparkline_is_oldest_first_with_gaps_as_zero() -> None:
    assert stats.sparkline(days_back(5, 0, 7), TODAY, days=4) == [0, 7, 0, 5]


@pytest.mark.parametrize(
    ("points", "level"), [(None, 0), (0, 1), (14, 1), (15, 2), (29, 2), (30, 3), (44, 3), (45, 4)]
)
def test_heat_level(points: int | None, level: int) -> None:
    assert stats.heat_level(points, 30) == level


def test_a_long_campaigns_grid_shows_the_months_nearest_today() -> None:
    day = pendulum.date(2026, 11, 30)
    endless = {"id": "c", "kind": "talk", "start": "0001-01", "end": "9999-12", "monthly_quota": 1}
    months = [q.month for q in stats.quota_grid(endless, [], day)]
    assert len(months) == stats.GRID_MONTHS
    assert (months[0], months[-1]) == ("2024-12", "2026-11")
    assert stats.grid_window("2030-01", "2040-12", day) == ("2030-01", "2031-12")  # to come
    assert stats.grid_window("2000-01", "2010-12", day) == ("2009-01", "2010-12")  # ended
    assert stats.grid_window("2026-01", "2027-12", day) == ("2026-01", "2027-12")  # all 24
