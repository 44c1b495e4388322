"""Pilot tests of what the app does ahead of the keys: the tabs made and laid out out of sight,
and the forms' controls taken in once; and the table cells that measure faster.

Speed itself is measured by the bench; these check that the work done ahead changes nothing."""

from __future__ import annotations

from pilot_support import APP_TODAY, SIZE, wait_until
from rich.console import Console
from rich.measure import Measurement
from rich.text import Text
from textual.widgets import Input

from tui.app import CadreApp
from tui.core.records import KINDS
from tui.core.store import Store
from tui.forms import ControlSamples, RecordForm
from tui.panes import PANES
from tui.panes.base import AHEAD
from tui.record_table import RecordTable, cell

NOVEMBER = [APP_TODAY.subtract(days=back).to_date_string() for back in range(26)]


def tabs_made(app: CadreApp) -> bool:
    """Every tab is made and none is still being laid out below the screen."""
    return len(app.panes) == len(PANES) and not app.tabs.query_children(f".{AHEAD}")


async def test_a_tab_made_ahead_is_laid_out_out_of_sight_then_put_away(app_store: Store) -> None:
    for day in NOVEMBER:  # more days than the list shows: it scrolls
        app_store.add("study", {"date": day, "points": 30})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        focused = app.screen.focused
        await wait_until(pilot, lambda: tabs_made(app))
        for name in PANES[1:]:
            assert not app.tabs.get_child_by_id(name).display  # out of sight again
        assert app.screen.focused is focused  # laid out without taking the cursor
        days = app.screen.query_one("#days", RecordTable).data_table
        assert days.show_vertical_scrollbar  # known before the tab is first shown
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.focused is days and days.region.y < SIZE[1]  # on screen, in place
        for _ in range(12):  # Tab goes round the Study tab's lists, never into an unseen tab
            await pilot.press("tab")
            study = app.tabs.get_child_by_id("study")
            assert app.screen.focused is None or study in app.screen.focused.ancestors


async def test_a_tab_key_pressed_while_its_tab_is_laid_out_shows_it_in_place(
    app_store: Store,
) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.warm_next_pane()  # the Study tab, laid out below the screen
        study = app.tabs.get_child_by_id("study")
        assert study.has_class(AHEAD)
        await pilot.press("2")
        await pilot.pause()
        assert not study.has_class(AHEAD) and study.display
        assert study.region.y == 1  # under the tab names, not below the screen
        app.warm_next_pane()  # puts away what was laid out: not the tab on screen
        await pilot.pause()
        assert study.display and app.active_tab == "study"


async def test_forms_open_as_their_kind_after_their_controls_were_taken_in(
    app_store: Store,
) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.warm_forms()
        await wait_until(pilot, lambda: not app.screen.query(ControlSamples))
        assert not app.screen.query(Input)  # the samples went with their box
        for key, kind in (("2", "study"), ("4", "event"), ("5", "visit")):
            await pilot.press(key)
            await pilot.pause()
            await pilot.press("a")
            await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
            form = app.screen
            assert isinstance(form, RecordForm) and form.kind.name == kind
            assert [c.id for c in form.query(".form-row > Input, .form-row > Select")][0] == (
                f"field-{form.fields[0].name}"
            )
            await pilot.press("escape")
            await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))


def test_a_cell_measures_as_wide_as_its_text() -> None:
    console = Console(width=200)
    long_topic = "学习贯彻党的二十届三中全会精神专题辅导报告会议"  # cut to 24 cells
    for topic in ("短", long_topic, "mixed 中文 text", "", "tab\there", "\x1b[2J"):
        shown = cell(KINDS["session"], "topic", {"topic": topic})
        as_text = Text(shown.plain, justify=shown.justify)
        measured = Measurement.get(console, console.options, shown)
        assert measured.maximum == Measurement.get(console, console.options, as_text).maximum
    hours = cell(KINDS["session"], "hours", {"hours": "12.5"})
    assert (
        hours.justify == "right" and Measurement.get(console, console.options, hours).maximum == 4
    )
