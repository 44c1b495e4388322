"""Pilot tests of the Sports tab: totals by sport this year beside last year, events by month,
the upcoming events, the sport filter key, and a record added while the tab is open.

Expected figures are worked out here by hand or with plain Python, not with tui.core.sports."""

from __future__ import annotations

import calendar
from typing import Any

from pilot_support import APP_TODAY, SIZE, listed, shown, wait_until
from textual.widgets import Static

from tui.app import CadreApp
from tui.core.display import width
from tui.core.i18n import set_language
from tui.core.store import Store

EVENTS: list[dict[str, Any]] = [
    # this year (2026)
    {"date": "2026-04-18", "sport": "拔河", "rank": 2, "result": "2:1"},
    {"date": "2026-10-10", "sport": "拔河", "rank": 1, "result": "3:0"},
    {"date": "2026-11-30", "sport": "拔河", "location": "机关大院"},
    {"date": "2026-05-16", "sport": "乒乓球", "rank": 3, "result": "2:3"},
    {"date": "2026-06-01", "sport": "乒乓球", "rank": 3, "result": "3:2"},
    {"date": "2026-07-01", "sport": "乒乓球", "result": "1:3"},
    {"date": "2026-03-01", "sport": "健步走", "result": "50分"},
    {"date": "2026-09-19", "sport": "健步走", "result": "1小时38分"},
    {"date": "2026-12-05", "time": "14:30", "sport": "足球", "location": "体育中心五人制球场"},
    {"date": "2026-12-20", "sport": "篮球", "location": "机关篮球场"},  # beyond 14 days
    # last year (2025)
    {"date": "2025-04-20", "sport": "拔河", "rank": 3, "result": "1:2"},
    {"date": "2025-05-01", "sport": "乒乓球", "rank": 1},
    {"date": "2025-06-01", "sport": "乒乓球", "rank": 1, "result": "3:0"},
    {"date": "2025-12-20", "sport": "健步走", "result": "48分16秒"},
    # two years ago: in no total
    {"date": "2024-06-01", "sport": "篮球", "rank": 1, "result": "21:17"},
]

# sport -> (events, best rank, best result) this year, then last year; worked out by hand:
# the lowest rank wins, a ranked tie goes to the one with a result, then the latest; with no
# ranked event, the latest result. "—" is a sport with events but no rank.
EXPECTED_ROWS = {
    "拔河": ["3", "1", "3:0", "1", "3", "1:2"],
    "乒乓球": ["3", "3", "3:2", "2", "1", "3:0"],
    "健步走": ["2", "—", "1小时38分", "1", "—", "48分16秒"],
    "足球": ["1", "—", "0"],
    "篮球": ["1", "—", "0"],
}


def add_events(store: Store, events: list[dict[str, Any]]) -> None:
    for event in events:
        store.add("event", event)


def totals_rows(app: CadreApp) -> dict[str, list[str]]:
    """The totals' sport rows, split into words: the sport, then its figures."""
    lines = shown(app.screen.query_one("#totals", Static)).splitlines()[2:]
    return {words[0]: words[1:] for words in (line.split() for line in lines)}


async def test_totals_by_sport_this_year_beside_last_year_and_by_month(app_store: Store) -> None:
    add_events(app_store, EVENTS)
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        totals = shown(app.screen.query_one("#totals", Static)).splitlines()
        assert totals[0].split() == ["2026:", "10", "events", "2025:", "4", "events"]
        assert totals_rows(app) == EXPECTED_ROWS
        counts = [0] * 12
        for event in EVENTS:
            if event["date"].startswith("2026-"):
                counts[int(event["date"][5:7]) - 1] += 1
        names, figures = shown(app.screen.query_one("#months", Static)).splitlines()
        assert names.split()[-12:] == list(calendar.month_abbr)[1:]
        assert [int(word) for word in figures.split()] == counts
        for month in ("Jan", "Jun", "Dec"):  # each count ends under the end of its month
            end = names.index(month) + 3
            assert figures[end - 1] != " " and figures[end : end + 1] in (" ", "")


async def test_the_columns_line_up_in_chinese(app_store: Store) -> None:
    add_events(app_store, EVENTS)
    set_language("zh")
    try:
        app = CadreApp(app_store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("4")
            await pilot.pause()
            lines = shown(app.screen.query_one("#totals", Static)).splitlines()[2:]
            # the first count of every row ends in the same terminal column
            ends = {
                width(line[: line.index(line.split()[1]) + len(line.split()[1])]) for line in lines
            }
            assert len(ends) == 1
            names, figures = shown(app.screen.query_one("#months", Static)).splitlines()
            assert width(names.rstrip()) == width(figures.rstrip())
            assert "十二" not in names and names.split()[-1] == "12月"
    finally:
        set_language("en")


async def test_upcoming_events_show_date_time_and_place(app_store: Store) -> None:
    add_events(app_store, EVENTS)
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        lines = shown(app.screen.query_one("#upcoming-events", Static)).splitlines()
        assert lines[0] == "Next 14 days"
        # within 14 days of 2026-11-27: 11-30 (no time) and 12-05 14:30, in that order
        assert lines[1].split() == ["11-30", "in", "3", "days"]
        assert lines[2].split() == ["拔河"] and lines[3].strip() == "机关大院"
        assert lines[4].split() == ["12-05", "14:30", "in", "8", "days"]
        assert lines[5].split() == ["足球"] and lines[6].strip() == "体育中心五人制球场"
        assert len(lines) == 7  # 12-20 is beyond the window


async def test_the_sport_key_narrows_the_list_to_each_sport_and_back(app_store: Store) -> None:
    add_events(app_store, EVENTS)
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        this_year = sorted((e for e in EVENTS if e["date"] >= "2026"), key=lambda e: e["date"])
        assert listed(app, "event-list", "date") == [e["date"] for e in reversed(this_year)]
        used = {e["sport"] for e in EVENTS}
        in_turn = [s for s in app_store.settings["categories"]["sports"] if s in used]
        assert in_turn == ["拔河", "乒乓球", "足球", "篮球", "健步走"]
        caption = app.screen.query_one("#event-list .caption", Static)
        for sport in in_turn:
            await pilot.press("s")
            await pilot.pause()
            dates = [e["date"] for e in reversed(this_year) if e["sport"] == sport]
            assert listed(app, "event-list", "date") == dates
            assert set(listed(app, "event-list", "sport")) == {sport}
            assert f"· {sport} 2026" in shown(caption)
        await pilot.press("s")
        await pilot.pause()
        assert len(listed(app, "event-list", "date")) == len(this_year)
        assert "·" not in shown(caption)
        await pilot.press("S")  # backwards: the last sport
        await pilot.pause()
        assert set(listed(app, "event-list", "sport")) == {in_turn[-1]}


async def test_an_event_added_while_the_tab_is_open_shows_up(app_store: Store) -> None:
    add_events(app_store, EVENTS[:3])
    app = CadreApp(app_store)
    other = Store(app_store.path, today=APP_TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert "羽毛球" not in totals_rows(app)
        other.add(
            "event",
            {"date": "2026-11-28", "time": "09:00", "sport": "羽毛球", "location": "羽毛球馆"},
        )
        await wait_until(pilot, lambda: "羽毛球" in totals_rows(app))
        assert totals_rows(app)["羽毛球"] == ["1", "—", "0"]
        upcoming = shown(app.screen.query_one("#upcoming-events", Static))
        assert "11-28 09:00 tomorrow" in upcoming and "羽毛球馆" in upcoming
        assert "羽毛球" in listed(app, "event-list", "sport")
