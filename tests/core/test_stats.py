"""Tests of tui/core/stats.py: streaks, totals, quotas, upcoming items, sparkline and shades.

Expected figures are worked out by hand from small, explicit histories."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core import stats

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
    assert [(q.month, q.done, q.verdict) for q in grid] == [
        ("2026-09", 2, "met"),
        ("2026-10", 1, "missed"),
        ("2026-11", 1, None),
        ("2026-12", 0, None),
    ]
    assert grid[2].days_left == 4  # 27, 28, 29, 30 November
    assert grid[3].days_left == 31 and grid[0].days_left == 0


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
    ]
    found = stats.upcoming(events, people, talk_rows, visits, TODAY, 14)
    assert [(u.kind, u.record_id, u.days) for u in found] == [
        ("talk_follow_up", "t1", -7),
        ("birthday", "p1", 2),
        ("event", "e1", 4),
        ("visit_follow_up", "v1", 8),
    ]


@pytest.mark.parametrize(
    ("mmdd", "expected"),
    [
        ("11-27", "2026-11-27"),
        ("11-26", "2027-11-26"),
        ("02-29", "2027-03-01"),
        ("01-05", "2027-01-05"),
    ],
)
def test_next_birthday(mmdd: str, expected: str) -> None:
    assert stats.next_birthday(mmdd, TODAY).to_date_string() == expected


def test_sparkline_is_oldest_first_with_gaps_as_zero() -> None:
    assert stats.sparkline(days_back(5, 0, 7), TODAY, days=4) == [0, 7, 0, 5]


@pytest.mark.parametrize(
    ("points", "level"), [(None, 0), (0, 1), (14, 1), (15, 2), (29, 2), (30, 3), (44, 3), (45, 4)]
)
def test_heat_level(points: int | None, level: int) -> None:
    assert stats.heat_level(points, 30) == level
