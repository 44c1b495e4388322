"""`cadre` starts with Python's cyclic collector off (loading modules and reading the file make
many objects and few cycles); reading a file leaves it as it was; the TUI turns it back on once
its first screen is drawn, so a long session still collects its cycles, but runs a full
collection (35-65 ms at 50,000 records) only when no key or click came for a moment.

Seen to fail with the app never turning it on, with the file read turning it on at once, and
with full collections left to Python (one fell on a key now and then)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest
from pilot_support import APP_TODAY, SIZE, wait_until

import tui.cli
import tui.cli_quick
from tui import launch
from tui.app import CadreApp
from tui.collector import LONGEST_WITHOUT_FULL, NO_AUTOMATIC_FULL, QUIET_SECONDS, QuietCollector
from tui.core.store import Store


@pytest.fixture
def collector_restored() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.set_threshold(*thresholds)
    gc.enable()


@pytest.fixture
def full_collections() -> Iterator[list[float]]:
    """The moments (by the test's clock, when one is set) at which full collections started."""
    started: list[float] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and info["generation"] == 2:
            started.append(Clock.now)

    gc.callbacks.append(note)
    yield started
    gc.callbacks.remove(note)


class Clock:
    """A clock the test moves by hand."""

    now = 1000.0

    @classmethod
    def read(cls) -> float:
        return cls.now


def test_cadre_runs_with_the_collector_off(
    monkeypatch: pytest.MonkeyPatch, collector_restored: None
) -> None:
    """Both the quick lane and the command line run with it off (the lane is asked first)."""
    seen: list[tuple[str, bool]] = []

    def lane(*args: object) -> None:
        seen.append(("lane", gc.isenabled()))  # and leaves the words to click

    monkeypatch.setattr(tui.cli_quick, "run_quick", lane)
    monkeypatch.setattr(tui.cli, "main", lambda: seen.append(("click", gc.isenabled())))
    monkeypatch.setattr("sys.argv", ["cadre", "list", "study"])
    launch.main()
    assert seen == [("lane", False), ("click", False)]


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


def test_full_collections_wait_for_a_quiet_moment_after_input(
    full_collections: list[float], collector_restored: None
) -> None:
    Clock.now = 1000.0
    collector = QuietCollector(clock=Clock.read)
    collector.start()
    assert gc.isenabled() and gc.get_threshold()[2] == NO_AUTOMATIC_FULL
    assert not collector.collect_if_quiet()  # nothing typed yet, and not a minute gone
    collector.noticed_input()
    Clock.now += QUIET_SECONDS / 2
    assert not collector.collect_if_quiet()  # still typing
    collector.noticed_input()
    Clock.now += QUIET_SECONDS - 0.01
    assert not collector.collect_if_quiet()
    assert full_collections == []
    Clock.now += 0.02
    assert collector.collect_if_quiet()
    assert full_collections == [Clock.now]
    Clock.now += QUIET_SECONDS * 3
    assert not collector.collect_if_quiet()  # nothing typed since
    Clock.now += LONGEST_WITHOUT_FULL
    assert collector.collect_if_quiet()  # a quiet minute: what timers made is collected too
    assert len(full_collections) == 2
    collector.stop()
    assert gc.get_threshold() == collector.thresholds


async def test_the_app_collects_in_full_once_the_keys_stop_and_gives_it_back_at_exit(
    app_store: Store, full_collections: list[float], collector_restored: None
) -> None:
    before = gc.get_threshold()
    app = CadreApp(app_store, today=APP_TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: gc.get_threshold()[2] == NO_AUTOMATIC_FULL)
        Clock.now = 1000.0
        app.collector.clock = Clock.read
        app.collector.collected_at = Clock.now
        Clock.now += 1
        await pilot.press("2")
        assert app.collector.input_at == Clock.now  # the key was noticed
        await pilot.pause(0.6)  # the app looks every 0.25 s: the key is too recent
        assert full_collections == []
        Clock.now += QUIET_SECONDS
        await wait_until(pilot, lambda: bool(full_collections))
    assert gc.get_threshold() == before
