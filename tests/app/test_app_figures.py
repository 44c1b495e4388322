"""Pilot tests of what the tabs show: the Overview's and the Study tab's figures, the heatmap,
the month-paged lists and the other tabs' lists, each from data built through a Store.

Expected figures are worked out here with plain Python, not with tui.core.stats."""

from __future__ import annotations

import calendar
import datetime

from pilot_support import APP_TODAY, SIZE, listed, shown, table_column
from textual.widgets import Static

from tui.app import CadreApp
from tui.core.store import Store
from tui.record_table import RecordTable
from tui.widgets.follow_ups import FollowUpList
from tui.widgets.heatmap import Heatmap

TODAY = datetime.date(APP_TODAY.year, APP_TODAY.month, APP_TODAY.day)
TARGET = 30


def day(offset: int) -> str:
    """The date `offset` days after today, as YYYY-MM-DD."""
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def points_pattern() -> dict[str, int]:
    """A year and a half of points with gaps, low days and a broken streak (deterministic)."""
    points = {}
    for back in range(540):
        if back % 11 == 5 or back % 17 == 3:
            continue  # a day without a record
        points[day(-back)] = (back * 37) % 61
    points[day(0)], points[day(-1)], points[day(-2)] = 42, 35, 31
    points[day(-3)] = 12  # breaks the streak
    return points


def add_study(store: Store, points: dict[str, int]) -> None:
    with store.transaction() as data:  # one write for hundreds of records
        data["study"] = {
            str(i): store.prepare("study", {"date": d, "points": p, "total": 1000 + i})
            for i, (d, p) in enumerate(sorted(points.items()), 1)
        }


def expected_streak(points: dict[str, int]) -> int:
    current = TODAY if points.get(day(0), 0) >= TARGET else TODAY - datetime.timedelta(days=1)
    streak = 0
    while points.get(current.isoformat(), 0) >= TARGET:
        streak += 1
        current -= datetime.timedelta(days=1)
    return streak


def expected_longest(points: dict[str, int]) -> int:
    best = run = 0
    previous = None
    for text in sorted(d for d, p in points.items() if p >= TARGET):
        current = datetime.date.fromisoformat(text)
        run = run + 1 if previous and (current - previous).days == 1 else 1
        best, previous = max(best, run), current
    return best


def expected_glyph(value: int | None) -> str:
    if value is None:
        return "·"
    if value >= 45:
        return "█"
    if value >= 30:
        return "▓"
    return "▒" if value >= 15 else "░"


async def test_overview_shows_today_streak_sparkline_quotas_and_upcoming(app_store: Store) -> None:
    points = points_pattern()
    add_study(app_store, points)
    campaign = app_store.add(
        "campaign",
        {
            "kind": "essay",
            "title": "学习征文",
            "start": "2026-10",
            "end": "2026-12",
            "monthly_quota": 2,
        },
    )
    for date in ("2026-10-05", "2026-10-20", "2026-11-11"):
        app_store.add("essay", {"campaign_id": campaign["id"], "title": "文章", "date": date})
    app_store.add("person", {"name": "王芳", "birthday": "11-29"})
    app_store.add("event", {"date": "2026-12-03", "sport": "拔河"})
    app_store.add("talk", {"date": "2026-11-02", "person": "赵敏", "follow_up_due": "2026-11-20"})

    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = shown(app.screen.query_one("#today-line", Static))
        assert f"Today 42 / {TARGET} points" in line
        assert f"streak {expected_streak(points)} days" in line
        assert line.split("   ")[-1] == f"total {1000 + len(points)}"  # the largest logged

        spark = shown(app.screen.query_one("#sparkline"))
        window = [points.get(day(-back)) for back in range(29, -1, -1)]
        assert len(spark) == 30
        assert [i for i, c in enumerate(spark) if c == "·"] == [
            i for i, v in enumerate(window) if not v
        ]
        title = shown(app.screen.query_one("#spark-title", Static))
        met = sum(1 for v in window if v and v >= TARGET)
        assert f"{met} days at target" in title

        quotas = shown(app.screen.query_one("#quotas")).splitlines()
        days_left = calendar.monthrange(2026, 11)[1] - TODAY.day + 1
        assert quotas[0].startswith("学习征文")
        assert "2026-11" in quotas[0] and "1/2" in quotas[0]
        # late November 2026 has no holiday: the weekdays from today to the month's end
        working = sum(
            1
            for d in range(TODAY.day, days_left + TODAY.day)
            if datetime.date(2026, 11, d).weekday() < 5
        )
        assert quotas[0].endswith(f"{days_left} days left · {working} working days")
        assert "2026-10" in quotas[1] and "2/2" in quotas[1] and quotas[1].endswith("met")

        upcoming = app.screen.query_one("#upcoming", FollowUpList).lines()
        assert upcoming == [
            "11-20 talk follow-up: 赵敏 (7 days overdue)",
            "11-29 王芳's birthday (in 2 days)",
            "12-03 拔河 (in 6 days)",
        ]


async def test_study_tab_shows_totals_streaks_heatmap_and_one_month(app_store: Store) -> None:
    points = points_pattern()
    add_study(app_store, points)
    app_store.add("session", {"date": "2026-11-20", "kind": "党课", "topic": "专题党课"})
    app_store.add("session", {"date": "2026-10-09", "kind": "支部学习", "topic": "十月"})

    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        figures = dict(
            line.rsplit(None, 1) if not line.endswith("d") else line.rsplit(None, 2)[:2]
            for line in shown(app.screen.query_one("#study-figures", Static)).splitlines()
        )
        figures = {k.strip(): v for k, v in figures.items()}
        monday = TODAY - datetime.timedelta(days=TODAY.weekday())

        def total(since: datetime.date) -> str:
            value = sum(p for d, p in points.items() if since.isoformat() <= d <= day(0))
            return f"{value:,}"

        assert figures["This week"] == total(monday)
        assert figures["This month"] == total(TODAY.replace(day=1))
        assert figures["This year"] == total(TODAY.replace(month=1, day=1))
        assert figures["Streak"] == str(expected_streak(points))
        assert figures["Longest"] == str(expected_longest(points))

        rows = shown(app.screen.query_one(Heatmap)).splitlines()
        assert len(rows) == 8 and max(len(r) for r in rows) <= 56
        first_monday = monday - datetime.timedelta(weeks=52)
        for back in (0, 1, 3, 5, 40, 200, 363):
            date = TODAY - datetime.timedelta(days=back)
            column = 3 + (date - first_monday).days // 7
            assert rows[1 + date.weekday()][column] == expected_glyph(points.get(date.isoformat()))
        assert rows[1 + 6][3 + 52] == " "  # Sunday after today is still to come

        days = app.screen.query_one("#days", RecordTable)
        november = sorted((d for d in points if d.startswith("2026-11")), reverse=True)
        assert table_column(days.data_table, "date") == november
        assert table_column(days.data_table, "points") == [str(points[d]) for d in november]
        sessions = app.screen.query_one("#sessions", RecordTable)
        assert table_column(sessions.data_table, "date") == ["2026-11-20"]

        await pilot.press("left_square_bracket")
        october = sorted((d for d in points if d.startswith("2026-10")), reverse=True)
        assert table_column(days.data_table, "date") == october
        assert "2026-10" in shown(days.query_one(".caption", Static))
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert days.data_table.row_count == 0  # December: nothing yet


async def test_a_long_history_reaches_the_table_one_month_at_a_time(app_store: Store) -> None:
    points = {day(-back): 30 + back % 7 for back in range(1500)}
    add_study(app_store, points)
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#days", RecordTable).data_table
        assert table.row_count == TODAY.day
        for _ in range(14):
            await pilot.press("left_square_bracket")
            assert table.row_count <= 31


async def test_filter_searches_the_whole_history_and_escape_clears_it(app_store: Store) -> None:
    points = {day(-back): back % 50 for back in range(800)}
    add_study(app_store, points)
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        days = app.screen.query_one("#days", RecordTable)
        await pilot.press("slash", *"-12-2")
        await pilot.pause()
        matching = sorted((d for d in points if "-12-2" in d), reverse=True)
        assert table_column(days.data_table, "date") == matching
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert days.data_table.row_count == TODAY.day
        assert app.focused is days.data_table


async def test_the_other_tabs_list_their_records(app_store: Store) -> None:
    campaign = app_store.add(
        "campaign",
        {
            "kind": "talk",
            "title": "谈心月",
            "start": "2026-11",
            "end": "2026-11",
            "monthly_quota": 1,
        },
    )
    app_store.add("talk", {"date": "2026-11-03", "person": "李强", "campaign_id": campaign["id"]})
    app_store.add("event", {"date": "2026-11-08", "sport": "羽毛球", "result": "2:1"})
    app_store.add("event", {"date": "2026-11-09", "sport": "乒乓球"})
    app_store.add("visit", {"date": "2026-11-10", "occasion": "住院", "person": "王芳"})
    app_store.add("person", {"name": "张伟"})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert listed(app, "campaign-list", "title") == ["谈心月"]
        assert listed(app, "talk-list", "person") == ["李强"]
        assert listed(app, "essay-list", "title") == []
        await pilot.press("4")
        await pilot.pause()
        assert listed(app, "event-list", "sport") == ["乒乓球", "羽毛球"]
        await pilot.press("5")
        await pilot.pause()
        assert listed(app, "visit-list", "person") == ["王芳"]
        assert listed(app, "person-list", "name") == ["张伟"]


async def test_the_upcoming_list_keeps_to_ten_lines_and_counts_the_rest(app_store: Store) -> None:
    for back in range(16, 21):  # five overdue follow-ups
        app_store.add(
            "talk", {"date": day(-30), "person": f"对象{back}", "follow_up_due": day(-back)}
        )
    for ahead in range(1, 13):  # twelve events in the next 14 days
        app_store.add("event", {"date": day(ahead), "sport": "健步走", "sub_event": f"第{ahead}场"})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = app.screen.query_one("#upcoming", FollowUpList).lines()
    assert [line.split(" ", 1)[0] for line in lines[:10]] == [
        day(offset)[5:] for offset in (-18, -17, -16, 1, 2, 3, 4, 5, 6, 7)
    ]
    assert lines[10] == "… and 7 more (older overdue items included)"
