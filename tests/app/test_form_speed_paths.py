"""Pilot tests of what keeps the forms quick: each kind's form kept once made and refilled at each
opening, made ahead out of sight, and the TUI's short escape delay.

Speed itself is measured by the bench; these check that a kept form behaves as a new one would."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from typing import Any

import pytest
from pilot_support import SIZE, wait_until
from test_hardening_lock import stopped_holder
from textual import constants
from textual.drivers import linux_driver
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea

from tui.app import CadreApp
from tui.core.i18n import set_language
from tui.core.store import Store
from tui.forms import LOCK_POLL_SECONDS, RecordForm, make_form_ahead, record_form
from tui.launch import read_keys_on_time

ESSAY_CAMPAIGN = {"kind": "essay", "start": "2026-03", "end": "2026-12", "monthly_quota": 1}


async def opened(
    app: CadreApp,
    pilot: Pilot[None],
    kind: str,
    record: dict[str, Any] | None = None,
) -> RecordForm:
    """Open the form of `kind` as the keys do, and wait until it is on screen."""
    form = record_form(app, app.store, kind, record)
    app.push_screen(form)
    await wait_until(pilot, lambda: app.screen is form)
    await pilot.pause()
    return form


async def closed(app: CadreApp, pilot: Pilot[None], key: str = "escape") -> None:
    await pilot.press(key)
    await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))


def shown(form: RecordForm, selector: str) -> str:
    """What a Static of the form shows ('' while it is hidden)."""
    static = form.query_one(selector, Static)
    return str(static.content) if static.display else ""


def as_new(form: RecordForm) -> None:
    """`form` shows what a new form of its kind shows: the first values, no reason, no message,
    the cursor in the first field."""
    fresh = RecordForm(form.store, form.kind.name)
    assert form.raws() == fresh.initial
    for field in form.fields:
        assert shown(form, f"#error-{field.name}") == ""
        assert not form.query_one(f"#label-{field.name}").has_class("-invalid")
    assert shown(form, "#form-message") == ""
    assert form.focused is form.control(form.fields[0].name)
    assert shown(form, "#form-title") == f"Add {form.kind.label()}"


async def test_a_kept_form_comes_back_as_a_new_one_after_a_refusal(app_store: Store) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await opened(app, pilot, "study")
        as_new(form)
        form.control("points").focus()
        await pilot.press("x", "ctrl+s")  # refused: the reason and the message show
        assert shown(form, "#error-points").startswith("! ")
        assert shown(form, "#form-message")
        await closed(app, pilot)
        again = await opened(app, pilot, "study")
        assert again is form  # kept, not made anew
        as_new(again)
        date = again.control("date")
        assert isinstance(date, Input)
        assert date.selection.start == 0 and date.selection.end == len(date.value)  # replaced
        again.control("points").focus()  # a kept form still checks as typed, and saves
        await pilot.press("x")
        assert shown(again, "#error-points").startswith("! ")
        await pilot.press("backspace", "4", "2", "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))
    assert [r["points"] for r in Store(app_store.path).records("study")] == [42]


async def test_a_kept_form_takes_a_new_theme_and_keeps_its_state_styles(app_store: Store) -> None:
    """A kept form is not restyled whole at each opening; in another theme it is, and its fields
    still show the state they are in (the focused row, an invalid value)."""
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await opened(app, pilot, "study")
        box = form.query_one("#form-box")
        dark = box.styles.background
        await closed(app, pilot)
        app.theme = "textual-light"
        await pilot.pause()
        again = await opened(app, pilot, "study")
        assert again is form and box.styles.background != dark
        fresh = RecordForm(app_store, "study")
        app.push_screen(fresh)
        await wait_until(pilot, lambda: app.screen is fresh)
        await pilot.pause()
        assert box.styles.background == fresh.query_one("#form-box").styles.background
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is form)
        form.control("points").focus()
        await pilot.press("x")
        await pilot.pause()
        invalid, valid = form.query_one("#label-points"), form.query_one("#label-total")
        assert invalid.has_class("-invalid") and invalid.styles.color != valid.styles.color


async def test_a_kept_form_edits_then_adds(app_store: Store) -> None:
    record = app_store.add("study", {"date": "2026-11-20", "points": 33, "note": "old"})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await opened(app, pilot, "study", record)
        assert shown(form, "#form-title") == "Edit study"
        assert form.raw(form.fields[1]) == "33" and form.control("note").value == "old"
        await closed(app, pilot)
        again = await opened(app, pilot, "study")
        assert again is form
        as_new(again)


async def test_a_kept_form_lists_the_campaigns_as_they_are_now(app_store: Store) -> None:
    app_store.add("campaign", ESSAY_CAMPAIGN | {"title": "first"})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await opened(app, pilot, "essay")
        await closed(app, pilot)
        added = app_store.add("campaign", ESSAY_CAMPAIGN | {"title": "second"})
        again = await opened(app, pilot, "essay")
        campaign = again.control("campaign_id")
        assert again is form and isinstance(campaign, Select)
        assert added["id"] in [value for _, value in campaign._options]
        assert campaign.is_blank()


async def test_a_kept_text_area_comes_back_empty_with_nothing_to_undo(app_store: Store) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await opened(app, pilot, "talk")
        concerns = form.control("concerns")
        assert isinstance(concerns, TextArea)
        concerns.focus()
        await pilot.press("h", "i")
        assert concerns.text == "hi"
        await closed(app, pilot)
        again = await opened(app, pilot, "talk")
        assert again.control("concerns") is concerns and concerns.text == ""
        concerns.focus()
        await pilot.press("ctrl+z")
        assert concerns.text == ""


async def test_a_form_made_ahead_opens_filled_in_and_saves(app_store: Store) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        make_form_ahead(app, app_store, "person")
        ahead = app.get_screen("form-person")
        assert isinstance(ahead, RecordForm)
        await wait_until(pilot, lambda: ahead.is_mounted)
        assert app.screen is not ahead  # out of sight
        form = await opened(app, pilot, "person")
        assert form is ahead
        as_new(form)
        await pilot.press("b", "e", "n", "c", "h", "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))
    assert [r["name"] for r in Store(app_store.path).records("person")] == ["bench"]


@pytest.mark.parametrize("kind", ["study", "visit"])
async def test_a_form_made_ahead_fits_its_fields_before_it_is_first_laid_out(
    app_store: Store, kind: str
) -> None:
    """Its room is set before the first layout, as that layout finds it: set only then, it took
    the form a second layout (20-30 ms) before it was shown whole."""
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        make_form_ahead(app, app_store, kind)
        ahead = app.get_screen(f"form-{kind}")
        assert isinstance(ahead, RecordForm)
        await wait_until(pilot, lambda: ahead.is_mounted)
        fields = ahead.query_one("#form-fields").styles
        before = fields.max_height
        assert before is not None
        form = await opened(app, pilot, kind)
        assert form is ahead and form.size.height == SIZE[1]
        assert fields.max_height == before
        foot = form.query_one("#form-foot").outer_size.height
        assert before.value == SIZE[1] - 3 - foot


async def test_a_form_of_another_language_is_made_anew(app_store: Store) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await opened(app, pilot, "study")
        await closed(app, pilot)
        set_language("zh")
        again = await opened(app, pilot, "study")
        assert again is not form and not form.is_attached  # the old one is gone
        assert shown(again, "#form-title") == "新增学习积分"
        assert app.get_screen("form-study") is again


async def test_a_form_open_already_is_left_as_typed(app_store: Store) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await opened(app, pilot, "study")
        form.control("points").focus()
        await pilot.press("7")
        other = record_form(app, app_store, "study")  # the palette's add, over the open form
        assert other is not form
        assert form.control("points").value == "7"
        assert app.get_screen("form-study") is form


async def test_a_save_waiting_for_the_lock_is_given_up_with_the_form(app_store: Store) -> None:
    app_store.storage.lock_timeout = 5.0
    app = CadreApp(app_store)
    with stopped_holder(app_store.path) as pid:
        async with app.run_test(size=SIZE) as pilot:
            form = await opened(app, pilot, "study")
            form.control("points").focus()
            await pilot.press("5", "ctrl+s")
            await wait_until(pilot, lambda: "Another process" in shown(form, "#form-message"))
            await closed(app, pilot)
            os.kill(pid, signal.SIGKILL)  # the lock is free now: nothing may save by itself
            await pilot.pause(LOCK_POLL_SECONDS * 5)
            assert app_store.records("study") == []
            again = await opened(app, pilot, "study")
            as_new(again)
    assert Store(app_store.path).records("study") == []


def escape_delay(**env: str) -> str:
    """Textual's escape delay in a process that starts as `cadre` does."""
    code = "import tui.launch, textual.constants as c; print(c.ESCAPE_DELAY)"
    environ = {k: v for k, v in os.environ.items() if k != "ESCDELAY"} | env
    done = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_the_escape_delay_is_short_unless_the_user_set_one() -> None:
    assert escape_delay() == "0.05"
    assert escape_delay(ESCDELAY="300") == "0.3"


def test_the_key_reader_looks_again_when_the_escape_delay_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(linux_driver, "selectors", selectors)  # put back afterwards
    monkeypatch.setattr(constants, "ESCAPE_DELAY", 0.01)
    read_keys_on_time()
    reading, writing = os.pipe()
    selector = linux_driver.selectors.SelectSelector()
    try:
        selector.register(reading, linux_driver.selectors.EVENT_READ)
        start = time.monotonic()
        assert selector.select(30) == []  # back at the end of the delay, not after 30 s
        assert time.monotonic() - start < 15
        os.write(writing, b"\x1b")
        assert [key.fd for key, _ in selector.select(30)] == [reading]
    finally:
        selector.close()
        os.close(reading)
        os.close(writing)


def test_the_key_reader_waits_no_less_than_it_did_for_a_long_delay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(linux_driver, "selectors", selectors)
    monkeypatch.setattr(constants, "ESCAPE_DELAY", 0.3)  # the user's ESCDELAY=300
    read_keys_on_time()
    waited: list[float | None] = []
    monkeypatch.setattr(
        selectors.SelectSelector, "select", lambda self, timeout=None: waited.append(timeout)
    )
    linux_driver.selectors.SelectSelector().select(0.1)
    assert waited == [0.1]
