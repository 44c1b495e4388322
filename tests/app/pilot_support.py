"""Helpers of the app's Pilot tests: the fixed day and size, reading what a widget shows,
waiting for the app to catch up, and running a command of the palette."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pendulum
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Static

from tui.record_table import RecordTable
from tui.widgets.footer import KeyBar

APP_TODAY = pendulum.date(2026, 11, 27)  # a Friday
SIZE = (80, 24)


def shown(widget: Widget) -> str:
    """The plain text a Static (or any widget that renders Rich text) shows."""
    if isinstance(widget, Static):
        return str(widget.content)
    return str(widget.render())


def footer_words(app: App[Any]) -> set[str]:
    """The words of the key bar at the foot of the main screen: its keys and their names."""
    return set(shown(app.screen_stack[0].query_one(KeyBar)).split())


def table_column(table: DataTable[Any], key: str) -> list[str]:
    """The plain text of one column of a DataTable, top to bottom."""
    return [str(value) for value in table.get_column(key)]


def listed(app: App[Any], list_id: str, key: str) -> list[str]:
    """One column of the paged list `#list_id` on the app's screen."""
    return table_column(app.screen.query_one(f"#{list_id}", RecordTable).data_table, key)


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], seconds: float = 5) -> None:
    """Let the app run until `condition()` holds; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the app did not get there in time")
        await pilot.pause(0.05)
        await asyncio.sleep(0)


async def run_command(app: App[Any], pilot: Pilot[Any], words: str, title: str) -> None:
    """Open the palette, type `words`, wait for the hit `title` to come first and run it."""
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*words)
    hits = app.screen.query_one(CommandList)

    def first_hit() -> str:
        return str(hits.get_option_at_index(0).prompt) if hits.option_count else ""

    await wait_until(pilot, lambda: first_hit() == title and hits.highlighted == 0)
    await pilot.press("enter")
    await wait_until(pilot, lambda: not isinstance(app.screen, CommandPalette))
