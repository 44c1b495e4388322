"""The Overview's figures worked out exactly: the lifetime total is the largest one logged (not
the newest or the first record's), and the sparkline holds each day's own points, oldest first.

Seen to fail with `total` taken from the newest or the first record, and with a flat sparkline."""

from __future__ import annotations

from pathlib import Path

import pendulum

from tui.core.overview import overview_figures
from tui.core.stats import sparkline
from tui.core.store import Store

TODAY = pendulum.date(2026, 11, 27)


def day(offset: int) -> str:
    return TODAY.add(days=offset).to_date_string()


# (date, points, total), added in this order: neither the first nor the newest record holds the
# largest total (a typo lowered a later one; today's has none)
STUDIES = [
    (day(-20), 25, 5100),
    (day(-6), 40, 5230),
    (day(-2), 31, 5190),
    (day(-30), 12, 4000),
    (day(0), 42, None),
]


def test_the_lifetime_total_is_the_largest_one_logged(tmp_path: Path) -> None:
    store = Store(tmp_path / "cadre.json", today=TODAY)
    for date, points, total in STUDIES:
        store.add("study", {"date": date, "points": points, "total": total})
    figures = overview_figures(store, TODAY)
    assert figures.total == 5230
    assert figures.logged == 42


def test_no_total_logged_gives_none(tmp_path: Path) -> None:
    store = Store(tmp_path / "cadre.json", today=TODAY)
    store.add("study", {"date": day(0), "points": 3})
    assert overview_figures(store, TODAY).total is None


def test_the_sparkline_holds_each_days_points_oldest_first_with_zero_for_gaps() -> None:
    points = {day(-7): 99, day(-6): 5, day(-4): 30, day(-1): 0, day(0): 17, day(1): 50}
    assert sparkline(points, TODAY, 7) == [5, 0, 30, 0, 0, 0, 17]
    assert sparkline({day(-k): 20 for k in range(10)}, TODAY, 5) == [20, 20, 20, 20, 20]
    assert sparkline({}, TODAY, 3) == [0, 0, 0]
