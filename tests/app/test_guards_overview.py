"""The Overview's figures as drawn, exactly: the lifetime total is the largest one logged, the
sparkline's bars follow each day's points, and its title gives their average (not the maximum).

Seen to fail with the total from the newest record, a flat sparkline and the maximum as average."""

from __future__ import annotations

from pilot_support import APP_TODAY, SIZE, shown
from textual.widgets import Static

from tui.app import CadreApp
from tui.core.store import Store
from tui.widgets.sparkline import sparkline_text


def day(offset: int) -> str:
    return APP_TODAY.add(days=offset).to_date_string()


# the last 30 days hold 6 records: 60 + 15 + 30 + 45 + 8 + 42 = 200 points, 4 days at the
# target of 30; an average of 200 / 30 = 6.7 (shown as 7), a maximum of 60
POINTS = {day(-29): 60, day(-20): 15, day(-10): 30, day(-5): 45, day(-1): 8, day(0): 42}
# the tallest bar is the maximum (60); a value v is bar v * 8 // 61 of ▁▂▃▄▅▆▇█
SPARK = "█" + "·" * 8 + "▂" + "·" * 9 + "▄" + "·" * 4 + "▆" + "·" * 3 + "▂▆"
TOTALS = {day(-29): 5100, day(-10): 5230, day(-5): 5190, day(-1): None, day(0): None}


def add_points(store: Store) -> None:
    for date, points in POINTS.items():
        store.add("study", {"date": date, "points": points, "total": TOTALS.get(date)})
    store.add("study", {"date": day(-40), "points": 3, "total": 5000})  # outside the 30 days


async def test_the_overview_draws_the_largest_total_the_bars_and_the_average(
    app_store: Store,
) -> None:
    add_points(app_store)
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = shown(app.screen.query_one("#today-line", Static))
        assert line.startswith("Today 42 / 30 points")
        assert line.split("   ")[-1] == "total 5230"
        assert shown(app.screen.query_one("#sparkline")) == SPARK
        title = shown(app.screen.query_one("#spark-title", Static))
        assert title == "Last 30 days: 7 a day on average, 4 days at target"


def test_a_flat_run_draws_level_bars_and_a_varied_one_bars_of_its_own_heights() -> None:
    assert sparkline_text([30, 30, 30, 30], 30).plain == "████"
    assert sparkline_text([15, 15, 15], 30).plain == "▄▄▄"  # half the target: half height
    assert sparkline_text([0, 8, 15, 23, 30, 38, 45, 53, 60], 30).plain == "·▂▂▄▄▅▆▇█"
    assert sparkline_text([0, 0], 30).plain == "··"
