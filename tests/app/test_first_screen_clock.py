"""The app opened on a first screen worked out before it read the file (from the summary, or a
child), on the clock's today: nothing it draws before its own read of the file parses the file,
and once read it draws from the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_support import SIZE, shown
from textual.widgets import Static

import tui.app
from tui.app import CadreApp
from tui.core.store import Store
from tui.preview import first_screen

NEVER = 3600.0  # seconds: a timer that does not fire during the test


async def test_the_first_screen_on_the_clock_does_not_parse_the_file(
    app_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = Store(app_store.path).today()  # the clock's today in the file's time zone
    app_store.add("study", {"date": day.to_date_string(), "points": 37})
    first = first_screen(app_store.path, None)
    monkeypatch.setattr(tui.app, "READ_AFTER_FIRST_SCREEN", NEVER)
    monkeypatch.setattr(tui.app, "WARM_AFTER_FIRST_SCREEN", NEVER)
    store = Store(Path(app_store.path))
    app = CadreApp(store, first=first)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "37" in shown(app.screen.query_one("#today-line", Static))
        assert store.storage._data is None  # drawn, today worked out, the file not parsed
        assert app.today() == day
        app.check_disk()  # what the timer does once the first screen is out
        assert store.storage._data is not None and app.first is None
        assert app.today() == day
