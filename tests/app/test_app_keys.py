"""Pilot tests of the record keys: a adds, e and Enter edit, d deletes after asking, u undoes.

Each test drives the app with keys only and reads the file back through a fresh Store."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from pilot_support import APP_TODAY, SIZE, shown, table_column, wait_until
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tui.app import CadreApp
from tui.core.store import Store
from tui.forms import RecordForm
from tui.record_table import RecordTable
from tui.widgets.footer import KeyBar

TODAY = APP_TODAY.to_date_string()


def file_records(path: Path, kind: str) -> dict[str, dict[str, Any]]:
    """The records of `kind` as another process would read them, by id."""
    return {r["id"]: r for r in Store(path).records(kind)}


def seed(store: Store) -> list[dict[str, Any]]:
    """Three days of points (today, yesterday, the day before)."""
    return [
        store.add("study", {"date": APP_TODAY.subtract(days=back).to_date_string(), "points": p})
        for back, p in ((0, 41), (1, 33), (2, 25))
    ]


@contextlib.asynccontextmanager
async def on_study_tab(store: Store) -> AsyncIterator[tuple[CadreApp, Pilot[None]]]:
    """The app at 80×24 on the Study tab, the cursor on the newest day."""
    app = CadreApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        yield app, pilot


async def test_a_on_the_overview_logs_todays_points(app_store: Store) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await pilot.press("tab", "3", "8", "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))
        assert "Today 38 / 30 points" in shown(app.screen.query_one("#today-line", Static))
    [record] = file_records(app_store.path, "study").values()
    assert (record["date"], record["points"], record["total"]) == (TODAY, 38, None)


async def test_a_on_the_overview_edits_today_once_it_is_logged(app_store: Store) -> None:
    today, *others = seed(app_store)
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        points = app.screen.query_one("#field-points", Input)
        assert points.value == "41"
        await pilot.press("tab", "end", "backspace", "backspace", "4", "7", "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))
    stored = file_records(app_store.path, "study")
    assert len(stored) == 3
    assert stored[today["id"]]["points"] == 47
    assert all(stored[r["id"]] == r for r in others)


async def test_e_and_enter_edit_the_selected_row(app_store: Store) -> None:
    today, yesterday, before = seed(app_store)
    async with on_study_tab(app_store) as (app, pilot):
        await pilot.press("down", "e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.query_one("#field-date", Input).value == yesterday["date"]
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.query_one("#field-date", Input).value == before["date"]
        await pilot.press("tab", "end", "backspace", "backspace", "3", "0", "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))
    stored = file_records(app_store.path, "study")
    assert stored[before["id"]]["points"] == 30
    assert stored[today["id"]] == today and stored[yesterday["id"]] == yesterday


async def test_d_asks_first_then_deletes_and_u_brings_it_back(app_store: Store) -> None:
    today, yesterday, before = seed(app_store)
    async with on_study_tab(app_store) as (app, pilot):
        await pilot.press("down", "d")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert set(file_records(app_store.path, "study")) == {
            r["id"] for r in (today, yesterday, before)
        }
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        stored = file_records(app_store.path, "study")
        assert set(stored) == {today["id"], before["id"]}
        days = app.screen.query_one("#days", RecordTable)
        assert table_column(days.data_table, "date") == [today["date"], before["date"]]
        await pilot.press("u")
        await pilot.pause()
    stored = file_records(app_store.path, "study")
    assert stored == {r["id"]: r for r in (today, yesterday, before)}


async def test_u_undoes_an_add_and_says_when_there_is_nothing_left(app_store: Store) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await pilot.press("tab", "5", "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))
        assert len(file_records(app_store.path, "study")) == 1
        await pilot.press("u")
        await pilot.pause()
        assert file_records(app_store.path, "study") == {}
        assert "not logged" in shown(app.screen.query_one("#today-line", Static))
        await pilot.press("u")
        await pilot.pause()
        assert any("nothing to undo" in str(n.message) for n in app._notifications)


async def test_u_undoes_the_newest_change_even_one_made_by_another_process(
    app_store: Store,
) -> None:
    mine = app_store.add("person", {"name": "李强"})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        other = Store(app_store.path, today=APP_TODAY)  # the CLI, say
        theirs = other.add("person", {"name": "王芳"})
        await pilot.press("u")
        await pilot.pause()
        assert set(file_records(app_store.path, "person")) == {mine["id"]}
        said = [str(n.message) for n in app._notifications]
        assert any("王芳" in line and theirs["id"][:8] in line for line in said), said


async def test_a_in_a_list_adds_that_kind(app_store: Store) -> None:
    async with on_study_tab(app_store) as (app, pilot):
        await pilot.press("tab")  # from the days to the sessions
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.kind.name == "session"
        await pilot.press("escape")
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.kind.name == "visit"


async def test_ctrl_c_says_which_key_quits(app_store: Store) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert [str(n.message) for n in app._notifications] == ["press q to quit"]
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_click_on_a_key_in_the_key_bar_presses_it(app_store: Store) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert shown(bar).startswith(" a add  u undo  ? help  q quit ")
        assert shown(bar).rstrip().endswith("^p commands")
        await pilot.click(KeyBar, offset=(2, 0))  # on "add"
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.kind.name == "study"
