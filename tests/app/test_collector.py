"""`cadre` starts with Python's cyclic collector off (loading modules and reading the file make
many objects and few cycles); reading a file leaves it as it was; the TUI turns it back on once
its first screen is drawn, so a long session still collects its cycles.

Seen to fail with the app never turning it on, and with the file read turning it on at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from pilot_support import APP_TODAY, SIZE, wait_until

import tui.cli
from tui import launch
from tui.app import CadreApp
from tui.core.store import Store


@pytest.fixture
def collector_restored() -> Iterator[None]:
    yield
    gc.enable()


def test_cadre_runs_with_the_collector_off(
    monkeypatch: pytest.MonkeyPatch, collector_restored: None
) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(tui.cli, "main", lambda: seen.append(gc.isenabled()))
    monkeypatch.setattr("sys.argv", ["cadre", "list", "study"])
    launch.main()
    assert seen == [False]


def test_reading_the_file_leaves_the_collector_as_it_was(
    app_store: Store, collector_restored: None
) -> None:
    app_store.add("study", {"date": APP_TODAY.to_date_string(), "points": 30})
    gc.disable()
    assert Store(app_store.path).records("study")
    assert not gc.isenabled()
    gc.enable()
    assert Store(app_store.path).records("study")
    assert gc.isenabled()


async def test_the_app_turns_the_collector_on_after_its_first_screen(
    app_store: Store, collector_restored: None
) -> None:
    gc.disable()
    app = CadreApp(app_store, today=APP_TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, gc.isenabled)
        assert app.screen.query_one("#today-line").region.height == 1  # the Overview is drawn
