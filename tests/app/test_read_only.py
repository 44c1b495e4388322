"""Pilot tests of a read-only data file: the app opens it, says so at the top and in its title,
and refuses edits with a notice (no form opens, nothing is written)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_support import APP_TODAY, SIZE, wait_until
from textual.widgets import Static

from tui.app import CadreApp
from tui.core.i18n import set_language
from tui.core.store import Store
from tui.forms import RecordForm


def notices(app: CadreApp) -> list[str]:
    return [str(note.message) for note in app._notifications]


def banner(app: CadreApp) -> Static:
    return app.screen_stack[0].query_one("#read-only", Static)


@pytest.fixture
def read_only(app_store: Store) -> Path:
    """The fixture's file with a record, made read-only by its owner."""
    app_store.add("study", {"date": APP_TODAY.to_date_string(), "points": 12})
    app_store.path.chmod(0o400)
    return app_store.path


async def test_a_read_only_file_opens_and_says_so(app_store: Store, read_only: Path) -> None:
    before = read_only.read_bytes()
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.title == "cadre (read-only)"
        assert banner(app).display
        assert str(banner(app).content) == f"Read-only: {read_only} can be viewed, not changed"
        await pilot.press("a")  # add on the Overview
        await wait_until(pilot, lambda: bool(notices(app)))
        assert not isinstance(app.screen, RecordForm)
        assert notices(app) == [
            f"Read-only: {read_only} cannot be changed — it is read-only (mode 0400); to change"
            " it, make it writable first (chmod u+w)"
        ]
        await pilot.press("2")  # the other tabs still show the records
        await pilot.pause()
        assert app.is_running
    assert read_only.read_bytes() == before


async def test_the_read_only_banner_in_chinese(app_store: Store, read_only: Path) -> None:
    set_language("zh")
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.title == "cadre（只读）"
        assert str(banner(app).content) == f"只读：{read_only} 只能查看，不能修改"


async def test_a_file_made_writable_again_can_be_edited(app_store: Store, read_only: Path) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert banner(app).display
        read_only.chmod(0o600)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.title == "cadre" and not banner(app).display


async def test_a_writable_file_shows_no_banner(app_store: Store) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.title == "cadre"
        assert not banner(app).display
