"""Pilot tests of the ways the tabs and pages were made faster: a list's cells drawn by cadre,
the lines of a tab drawn ahead of its key, and a page of campaigns filled with its figures.

Speed itself is measured by the bench; these check that what is shown stays the same."""

from __future__ import annotations

from typing import Any

from pilot_support import APP_TODAY, SIZE, listed, shown, wait_until
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey

from tui.app import CadreApp
from tui.core import stats
from tui.core.store import Store
from tui.panes import PANES
from tui.panes.base import AHEAD
from tui.panes.campaigns import CampaignsPane, CampaignTable
from tui.record_table import Cell, PageTable, RecordTable

THIS_YEAR = APP_TODAY.year
CAMPAIGNS = 30  # more than a page of campaigns (20)


def screen_lines(app: App[Any]) -> list[str]:
    """The text of the main screen, line by line, as the compositor puts it out."""
    return [strip.text for strip in app.screen_stack[0]._compositor.render_strips()]


def tabs_made(app: CadreApp) -> bool:
    return len(app.panes) == len(PANES) and not app.tabs.query_children(f".{AHEAD}")


def characters(lines: list[list[Segment]]) -> list[tuple[str, Style | None]]:
    """Every character drawn, with its style."""
    return [(char, segment.style) for line in lines for segment in line for char in segment.text]


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield PageTable(cursor_type="row", zebra_stripes=True)


async def test_a_page_table_draws_its_cells_as_the_data_table_does() -> None:
    app = OneTable()
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(PageTable)
        table.add_column("left", key="left")
        table.add_column("right", key="right")
        table.add_column("narrow", key="narrow")
        rows = [
            ("学习贯彻", "12.5", "一二三四五"),
            ("mixed 中文 text", "7  ", "abcdefghij"),
            ("", "", "中a文"),
        ]
        for number, (left, right, narrow) in enumerate(rows):
            table.add_row(
                Cell(left, justify="left"),
                Cell(right, justify="right"),
                Cell(narrow, "dim", justify="left"),
                key=str(number),
            )
        table.add_row(Cell("dim", "italic", justify="right"), Cell("1"), Cell("x"), key="styled")
        column = table.columns[ColumnKey("narrow")]
        column.auto_width, column.width = False, 5  # cut: a wide character across its edge
        await pilot.pause()
        table._pseudo_class_state = table.get_pseudo_class_state()
        for row in range(len(rows) + 1):
            for index, key in enumerate(("left", "right", "narrow")):
                width = table.columns[ColumnKey(key)].get_render_width(table)
                for cursor, hover in ((False, False), (True, False), (False, True)):
                    table._cell_render_cache.clear()
                    ours = table._render_cell(row, index, table.rich_style, width, cursor, hover)
                    table._cell_render_cache.clear()
                    theirs = DataTable._render_cell(
                        table, row, index, table.rich_style, width, cursor, hover
                    )
                    assert characters(ours) == characters(theirs), (row, key, cursor, hover)


class TwoTables(App[None]):
    def compose(self) -> ComposeResult:
        yield PageTable(id="ours")
        yield DataTable(id="theirs")


async def test_a_page_table_widens_its_columns_as_the_data_table_does() -> None:
    app = TwoTables()
    async with app.run_test(size=SIZE) as pilot:
        tables = [app.query_one("#ours", DataTable), app.query_one("#theirs", DataTable)]
        rows: list[tuple[Any, ...]] = [
            (Cell("学习贯彻"), Cell("12.5", justify="right")),
            (Cell("mixed 中文 text, long"), Cell("7")),
            (Cell(""), Cell("一二三四五六七八九十")),
            ("plain [b]markup[/b] text", Cell("x")),  # not all Cells: the DataTable measures it
        ]
        for table in tables:
            table.add_column("a", key="a")
            table.add_column("wide heading", key="b")
            for number, row in enumerate(rows):
                table.add_row(*row, key=str(number))
            table.add_row(Cell("labelled row, wider"), Cell("y"), key="label", label="L")
        await pilot.pause()
        ours, theirs = tables
        widths = [[column.content_width for column in t.ordered_columns] for t in tables]
        assert widths[0] == widths[1]
        assert widths[0] == [21, 20]  # "mixed 中文 text, long", then ten CJK characters
        assert ours.virtual_size == theirs.virtual_size
        assert ours._label_column.content_width == theirs._label_column.content_width == 1


def drawn(table: DataTable[Any]) -> list[list[tuple[str, Style | None]]]:
    """Every line of a table as drawn, character by character with its style."""
    return [characters([list(table.render_line(y))]) for y in range(table.size.height)]


async def test_a_page_table_draws_headings_and_rows_as_the_data_table_does_after_any_change() -> (
    None
):
    """Its headings are kept across pages, and its rows' styles across lines: a new theme, new
    labels and a new width still show at once."""
    app = TwoTables()
    async with app.run_test(size=SIZE) as pilot:
        tables = [app.query_one("#ours", DataTable), app.query_one("#theirs", DataTable)]
        for table in tables:
            table.zebra_stripes = True
            table.add_column("日期", key="a")
            table.add_column(Text("数量", justify="right"), key="b")
            for number in range(4):
                table.add_row(Cell(f"第{number}行"), Cell(str(number), justify="right"))
        app.set_focus(None)
        await pilot.pause()
        ours, theirs = tables
        assert drawn(ours) == drawn(theirs)
        assert "日期" in "".join(char for char, _ in drawn(ours)[0])
        for table in tables:  # another page: the rows go, the headings stay
            table.clear()
            table.add_row(Cell("新的一页"), Cell("9", justify="right"))
        await pilot.pause()
        assert drawn(ours) == drawn(theirs)
        for table in tables:  # other labels (the language changed), as wide as the old ones
            table.clear(columns=True)
            table.add_column("date", key="a")
            table.add_column(Text("数目", justify="right"), key="b")
            table.add_row(Cell("row"), Cell("1", justify="right"))
        await pilot.pause()
        assert drawn(ours) == drawn(theirs)
        assert "date" in "".join(char for char, _ in drawn(ours)[0])
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert drawn(ours) == drawn(theirs)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert drawn(ours) == drawn(theirs)


async def test_a_tab_drawn_ahead_shows_what_a_tab_made_at_its_key_shows(
    app_store: Store,
) -> None:
    for back in range(40):
        day = APP_TODAY.subtract(days=back).to_date_string()
        app_store.add("study", {"date": day, "points": 20 + back})
        app_store.add(
            "session", {"date": day, "kind": "党课", "topic": f"专题 {back}", "hours": "1.5"}
        )
        app_store.add("event", {"date": day, "sport": "篮球", "sub_event": f"联赛 {back}"})
    screens: dict[str, dict[str, list[str]]] = {}
    for way in ("at the key", "ahead"):
        app = CadreApp(app_store, today=APP_TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if way == "ahead":
                await wait_until(pilot, lambda: tabs_made(app))  # noqa: B023
            screens[way] = {}
            for number in range(2, len(PANES) + 1):
                await pilot.press(str(number))
                await pilot.pause()
                screens[way][str(number)] = screen_lines(app)
    assert screens["ahead"] == screens["at the key"]
    assert any("专题 0" in line for line in screens["ahead"]["2"])  # the sessions are listed


async def test_a_change_made_while_a_tab_was_drawn_ahead_shows_when_it_is_shown(
    app_store: Store,
) -> None:
    app_store.add("event", {"date": APP_TODAY.to_date_string(), "sport": "篮球"})
    app = CadreApp(app_store, today=APP_TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: tabs_made(app))
        app_store.add("event", {"date": APP_TODAY.to_date_string(), "sport": "足球"})
        await pilot.press("4")
        await pilot.pause()
        assert sorted(listed(app, "event-list", "sport")) == sorted(["足球", "篮球"])
        assert any("足球" in line for line in screen_lines(app))


async def test_next_page_lists_the_next_hundred_records(app_store: Store) -> None:
    for index in range(130):  # one year: 130 events, newest first, 100 a page
        day = APP_TODAY.subtract(days=index).to_date_string()
        if day.startswith(str(THIS_YEAR)):
            app_store.add("event", {"date": day, "sport": "篮球", "sub_event": f"e{index:03d}"})
    events = [r for r in app_store.list("event") if r["date"].startswith(str(THIS_YEAR))]
    names = [r["sub_event"] for r in reversed(events)]
    app = CadreApp(app_store, today=APP_TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: tabs_made(app))
        await pilot.press("4")
        await pilot.pause()
        assert listed(app, "event-list", "sub_event") == names[:100]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert listed(app, "event-list", "sub_event") == names[100:]
        assert any(names[100] in line for line in screen_lines(app))
        caption = shown(app.screen.query_one("#event-list .caption", Static))
        assert "2/2" in caption


async def test_a_page_filled_again_keeps_the_cursors_row_in_view_at_once(app_store: Store) -> None:
    for index in range(90):  # 90 events this year: one page
        day = APP_TODAY.subtract(days=index).to_date_string()
        if day.startswith(str(THIS_YEAR)):
            app_store.add("event", {"date": day, "sport": "篮球", "sub_event": f"e{index:03d}"})
    app = CadreApp(app_store, today=APP_TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: tabs_made(app))
        await pilot.press("4")
        events = app.screen.query_one("#event-list", RecordTable)
        table = events.data_table
        table.focus()
        table.move_cursor(row=70)
        await wait_until(pilot, lambda: table.scroll_y > 0)
        scrolled, record = table.scroll_y, events.selected()
        events.load()  # as a change to the file fills it again
        # before any frame is drawn: the table was not put back at its top for one frame
        assert (table.scroll_y, events.selected()) == (scrolled, record)


async def test_a_page_of_campaigns_comes_with_its_figures_and_the_campaign_under_the_cursor(
    app_store: Store, monkeypatch: Any
) -> None:
    month = APP_TODAY.format("YYYY-MM")
    for index in range(CAMPAIGNS):
        app_store.add(
            "campaign",
            {
                "title": f"征文 {index:03d}",
                "kind": "essay",
                "start": month,
                "end": month,
                "monthly_quota": 3,
            },
        )
    in_order = stats.campaigns_in_order(app_store.list("campaign"), APP_TODAY)
    first, second = in_order[0], in_order[CampaignTable.page_size]  # each first on its page
    for _ in range(2):
        app_store.add(
            "essay", {"date": APP_TODAY.to_date_string(), "title": "稿", "campaign_id": first["id"]}
        )
    app_store.add(
        "essay",
        {"date": APP_TODAY.to_date_string(), "title": "第二页的稿", "campaign_id": second["id"]},
    )
    listing: list[str] = []
    every_record = Store.list

    def noted_list(store: Store, kind: str, *bounds: str | None) -> list[dict[str, Any]]:
        listing.append(kind)
        return every_record(store, kind, *bounds)

    monkeypatch.setattr(Store, "list", noted_list)
    app = CadreApp(app_store, today=APP_TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: tabs_made(app))
        await pilot.press("3")
        await pilot.pause()
        pane = app.screen.query_one(CampaignsPane)
        table = pane.campaigns
        done = dict(zip(listed(app, "campaign-list", "title"), table_done(table), strict=True))
        assert done[first["title"]] == "2/3" and set(done.values()) <= {"0/3", "2/3"}
        listing.clear()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "essay" not in listing  # the campaign's essays, not a look at every one
        assert listed(app, "essay-list", "title") == ["第二页的稿"]
        titles = listed(app, "campaign-list", "title")
        assert len(titles) == CAMPAIGNS - CampaignTable.page_size and first["title"] not in titles
        done = dict(zip(titles, table_done(table), strict=True))
        assert done[second["title"]] == "1/3" and set(done.values()) == {"0/3", "1/3"}
        assert pane.campaign is table.selected() and pane.campaign is not None
        assert pane.campaign["title"] == titles[0] == second["title"]
        essays = app.screen.query_one("#essay-list", RecordTable)
        assert essays.where == {"campaign_id": pane.campaign["id"]}
        # one essay fits, but the bar stays: a bar shown or hidden as campaigns change took two
        # more layouts of the screen after the page's, 60-130 ms on
        assert essays.data_table.show_vertical_scrollbar


def table_done(table: RecordTable) -> list[str]:
    """The campaigns' `this month` column, top to bottom."""
    return [str(value) for value in table.data_table.get_column("this_month")]


async def test_the_first_screen_focuses_the_overviews_list_once(
    app_store: Store, monkeypatch: Any
) -> None:
    """Each focus change restyles the widget and all inside it: the Overview's list takes the
    cursor at once, and the pane around it is never focused first (Textual's auto-focus takes
    the first widget that can have the cursor: in a real terminal it took the pane, then the
    pane gave the cursor to its list, 20 ms of the first screen)."""
    from textual.widget import Widget

    from tui.widgets.follow_ups import FollowUpList

    changes: list[tuple[str, bool]] = []
    watch = Widget.watch_has_focus

    def noted(widget: Widget, value: bool) -> None:
        changes.append((type(widget).__name__, value))
        watch(widget, value)

    monkeypatch.setattr(Widget, "watch_has_focus", noted)
    app_store.add("person", {"name": "王芳", "birthday": APP_TODAY.format("MM-DD")})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.focused, FollowUpList))
        assert isinstance(app.screen.focus_chain[0], FollowUpList)  # what auto-focus takes
        await pilot.press("3", "1")  # and back on the Overview, the list again
        await wait_until(pilot, lambda: isinstance(app.focused, FollowUpList))
        assert changes[0] == ("FollowUpList", True)
        assert ("OverviewPane", True) not in changes
