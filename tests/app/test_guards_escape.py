"""Record text is shown escaped by every widget of the TUI: the paged tables, the Overview's
upcoming list and quota titles, the Campaigns and Care tabs' lists, the Sports tab's upcoming.

A record holds an escape sequence and a bidi override; each widget must show `\\x1b[31m` and
`\\u202e` as text, and no widget on any tab may hold the raw characters. Seen to fail with
`escape` taken out of record_table.cell, FollowUpList.show and quota_line."""

from __future__ import annotations

from pilot_support import APP_TODAY, SIZE, listed, shown, wait_until
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, Static

from tui.app import CadreApp
from tui.core.store import Store
from tui.widgets.follow_ups import FollowUpList
from tui.widgets.quota import QuotaList

RAW = "\x1b[31m", "\u202e"
HOSTILE = "王\x1b[31m芳\u202e"
SHOWN = "王\\x1b[31m芳\\u202e"  # what every widget shows of HOSTILE


def day(offset: int) -> str:
    return APP_TODAY.add(days=offset).to_date_string()


def add_hostile_records(store: Store) -> None:
    """One record of most kinds whose text is HOSTILE, each placed where a tab shows it."""
    campaign = store.add(
        "campaign",
        {
            "kind": "talk",
            "title": HOSTILE,
            "start": "2026-10",
            "end": "2026-12",
            "monthly_quota": 2,
        },
    )
    store.add(
        "talk",
        {
            "campaign_id": campaign["id"],
            "date": day(-3),
            "person": HOSTILE,
            "follow_up": "回访",
            "follow_up_due": day(2),
        },
    )
    store.add("person", {"name": HOSTILE, "birthday": APP_TODAY.add(days=3).format("MM-DD")})
    store.add("visit", {"date": day(-1), "occasion": "住院", "person": HOSTILE})
    store.add("event", {"date": day(2), "sport": "拔河", "sub_event": HOSTILE, "location": HOSTILE})
    store.add("session", {"date": day(-2), "kind": "党课", "topic": HOSTILE})


def texts(widget: Widget) -> list[str]:
    """Every piece of text a widget shows: a table's cells and headers, a list's lines, a Static."""
    if isinstance(widget, DataTable):
        cells = [str(c) for row in range(widget.row_count) for c in widget.get_row_at(row)]
        return cells + [str(column.label) for column in widget.columns.values()]
    if isinstance(widget, OptionList):
        return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
    if isinstance(widget, Static):
        return [shown(widget)]
    return []


def raw_anywhere(app: CadreApp) -> list[str]:
    """The texts of every widget of the main screen that hold a raw escape or override."""
    found = [text for widget in app.screen_stack[0].query("*") for text in texts(widget)]
    assert len(found) > 20  # the tabs were drawn: there is text to look at
    return [text for text in found if any(char in text for char in RAW)]


async def test_every_widget_shows_record_text_escaped(app_store: Store) -> None:
    add_hostile_records(app_store)
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        quotas = shown(app.screen.query_one(QuotaList)).splitlines()
        assert quotas[0].startswith(SHOWN + " ")
        upcoming = app.screen.query_one("#upcoming", FollowUpList).lines()
        assert sum(SHOWN in line for line in upcoming) == 3  # the follow-up, birthday and event

        await pilot.press("2")
        await wait_until(pilot, lambda: bool(app.screen.query("#sessions")))
        await pilot.pause()
        assert listed(app, "sessions", "topic") == [SHOWN]

        await pilot.press("3")
        await wait_until(pilot, lambda: bool(app.screen.query("#campaign-list")))
        await pilot.pause()
        assert listed(app, "campaign-list", "title") == [SHOWN]
        await wait_until(pilot, lambda: listed(app, "talk-list", "person") == [SHOWN])
        follow_ups = app.screen.query_one("#follow-ups", FollowUpList).lines()
        assert any(SHOWN in line for line in follow_ups), follow_ups

        await pilot.press("4")
        await wait_until(pilot, lambda: bool(app.screen.query("#event-list")))
        await pilot.pause()
        assert listed(app, "event-list", "sub_event") == [SHOWN]
        assert SHOWN in shown(app.screen.query_one("#upcoming-events", Static))

        await pilot.press("5")
        await wait_until(pilot, lambda: bool(app.screen.query("#visit-list")))
        await pilot.pause()
        assert listed(app, "visit-list", "person") == [SHOWN]
        await pilot.press("v")
        await wait_until(pilot, lambda: listed(app, "person-list", "name") == [SHOWN])
        await pilot.pause()
        birthdays = shown(app.screen.query_one("#care-birthdays", Static))
        assert birthdays.startswith("11-30 王\\x1b[")  # cut short to fit, still escaped

        assert raw_anywhere(app) == []
