"""Random keystrokes to each tab and to each record form under Pilot (hypothesis, a few examples:
each is a whole app run through every tab, or every form; a key takes Pilot about 0.1 s), on a
copy of the demo data.

None may raise in the app (run_test re-raises it); whatever the keys saved keeps the rules."""

from __future__ import annotations

import asyncio
import shutil
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pilot_support import APP_TODAY, SIZE
from textual.app import App

from tui.app import CadreApp
from tui.core.import_checks import invalid_in
from tui.core.records import KINDS
from tui.core.store import Store
from tui.forms import RecordForm

TAB_RUNS = settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
FORM_RUNS = settings(TAB_RUNS, max_examples=2)
TABS = "12345"
# Every key the app, its tabs, tables, forms and dialogs bind, and keys to type with; not q,
# ctrl+q or ctrl+c (they end the app), nor ctrl+p (a palette command may end it too).
KEYS = [
    *"aedux/vosSp[]yn?",
    *TABS,
    *"0389-.=:,",
    "王",
    "é",
    "space",
    "escape",
    "enter",
    "tab",
    "shift+tab",
    "up",
    "down",
    "left",
    "right",
    "pageup",
    "pagedown",
    "home",
    "end",
    "backspace",
    "delete",
    "ctrl+s",
    "ctrl+a",
    "ctrl+k",
]
presses = st.lists(st.sampled_from(KEYS), max_size=10)


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo data (the commands of a dialog write relative to tmp_path)."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "data" / "cadre.json"
    path.parent.mkdir(mode=0o700)
    path.write_bytes(resources.files("tui.data").joinpath("demo.json").read_bytes())
    path.chmod(0o600)
    return path


def fresh(demo: Path) -> Store:
    """The demo copy as it was, in a folder of its own (no journal or backups left behind)."""
    folder = demo.parent.with_name("run")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(mode=0o700)
    shutil.copy2(demo, folder / "cadre.json")
    return Store(folder / "cadre.json", today=APP_TODAY)


async def back_to(app: App[None], depth: int, pilot_press: object) -> None:
    """Close what the keys opened (forms, dialogs, help) until `depth` screens are left."""
    for _ in range(6):
        if len(app.screen_stack) <= depth:
            return
        await pilot_press("escape")  # type: ignore[operator]
    while len(app.screen_stack) > depth:  # a dialog that escape does not close
        app.pop_screen()


def keeps_the_rules(path: Path) -> None:
    store = Store(path, today=APP_TODAY)
    assert invalid_in(store.data, store.settings) == []


@TAB_RUNS
@given(keys=st.lists(presses, min_size=len(TABS), max_size=len(TABS)))
def test_random_keys_on_every_tab_never_break_the_app(demo: Path, keys: list[list[str]]) -> None:
    store = fresh(demo)

    async def drive() -> None:
        app = CadreApp(store)
        async with app.run_test(size=SIZE) as pilot:
            for tab, typed in zip(TABS, keys, strict=True):
                await pilot.press(tab)
                await pilot.press(*typed)
                await back_to(app, 1, pilot.press)
                await pilot.pause()

    asyncio.run(drive())
    keeps_the_rules(store.path)


class Bare(App[None]):
    """An empty app to open the forms on."""


@FORM_RUNS
@given(keys=st.lists(presses, min_size=len(KINDS), max_size=len(KINDS)))
def test_random_keys_in_every_form_never_break_it(demo: Path, keys: list[list[str]]) -> None:
    store = fresh(demo)

    async def drive() -> None:
        app = Bare()
        async with app.run_test(size=SIZE) as pilot:
            for kind, typed in zip(KINDS, keys, strict=True):
                await app.push_screen(RecordForm(store, kind))
                await pilot.press(*typed)
                await back_to(app, 1, pilot.press)
                await pilot.pause()

    asyncio.run(drive())
    keeps_the_rules(store.path)
