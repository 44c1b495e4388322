"""A form saved while another process holds the lock (a real holder, SIGSTOPped): it waits
between frames, the screen keeps answering keys, then it says who holds the lock and keeps what
was typed; once the holder is gone the same form saves."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pendulum
from pilot_support import wait_until
from test_hardening_lock import stopped_holder
from textual.widgets import Input, Static

from tui.app import CadreApp
from tui.core.store import Store
from tui.forms import RecordForm


async def test_a_form_saved_against_a_held_lock_stays_open_with_what_was_typed(
    tmp_path: Path,
) -> None:
    db = tmp_path / "cadre.json"
    store = Store(
        db, today=pendulum.date(2026, 11, 27), lock_timeout=1.5
    )  # time to type while it waits
    store.add("study", {"date": "2026-11-26", "points": 20})
    before = db.read_bytes()
    app = CadreApp(store)
    with stopped_holder(db) as pid:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("a")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, RecordForm)
            await pilot.press("tab", "3", "8", "ctrl+s")
            await pilot.pause()
            message = form.query_one("#form-message", Static)
            assert "Another process is writing" in str(message.content)  # it waits …
            await pilot.press("backspace", "9")  # … and the screen answers keys meanwhile
            assert form.query_one("#field-points", Input).value == "39"
            await pilot.press("backspace", "8")
            await wait_until(pilot, lambda: "has held its lock" in str(message.content))
            assert app.screen is form  # still open …
            assert form.query_one("#field-points", Input).value == "38"  # … as typed
            said = str(message.content)
            assert f"process {pid} (" in said
            assert said.startswith("Nothing was saved to") and "restore" not in said
            assert db.read_bytes() == before
            os.kill(pid, signal.SIGKILL)  # the holder goes away: the same form now saves
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, RecordForm)
    points = sorted(r["points"] for r in Store(db).records("study"))
    assert points == [20, 38]
