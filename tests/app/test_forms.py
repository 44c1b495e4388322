"""Pilot tests of the record forms: every kind's form, validation as typed, saving and editing.

Each test opens a form on a Store in tmp_path with a fixed today and reads the file back."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pendulum
import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select, Static

from tui.core.i18n import set_language, t
from tui.core.records import KINDS
from tui.core.store import Store
from tui.forms import RecordForm

TODAY = pendulum.date(2026, 11, 27)
SIZE = (80, 24)


class FormApp(App[None]):
    """A bare app that opens one form and keeps what it was dismissed with."""

    def __init__(self, form: RecordForm) -> None:
        super().__init__()
        self.form = form
        self.result: Any = "open"

    def on_mount(self) -> None:
        self.push_screen(self.form, self.closed)

    def closed(self, result: Any) -> None:
        self.result = result


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A Store on a fresh file with the brief's day (the shared fixture uses another)."""
    return Store(tmp_path / "cadre.json", today=TODAY)


@contextlib.asynccontextmanager
async def open_form(
    store: Store, kind: str, record: dict[str, Any] | None = None
) -> AsyncIterator[tuple[FormApp, RecordForm, Pilot[None]]]:
    """Run a bare app at 80×24 with the form of `kind` open on top."""
    app = FormApp(RecordForm(store, kind, record))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        yield app, form, pilot


def text_of(form: RecordForm, selector: str) -> str:
    return str(form.query_one(selector, Static).content)


def shown_error(form: RecordForm, name: str) -> str:
    """The reason shown under a field ('' when none is on screen)."""
    error = form.query_one(f"#error-{name}", Static)
    return text_of(form, f"#error-{name}") if error.display else ""


def file_bytes(store: Store) -> bytes | None:
    return store.path.read_bytes() if store.path.exists() else None


async def type_into(pilot: Any, form: RecordForm, name: str, text: str) -> None:
    """Focus a field, clear it, and type `text` key by key."""
    control = form.control(name)
    control.focus()
    await pilot.pause()
    await pilot.press("ctrl+a", "ctrl+k", *text)


async def fill(pilot: Any, form: RecordForm, name: str, text: str) -> None:
    """Put `text` in a field at once, as a paste would (the form sees the same change)."""
    control = form.control(name)
    assert isinstance(control, Input)
    control.value = text
    await pilot.pause()


@pytest.mark.parametrize("kind", sorted(KINDS))
async def test_each_kind_opens_with_a_label_and_a_control_per_field(
    store: Store, kind: str
) -> None:
    async with open_form(store, kind) as (app, form, pilot):
        assert text_of(form, "#form-title") == f"Add {KINDS[kind].label()}"
        for field in (*KINDS[kind].fields, form.fields[-1]):
            assert field.label() in text_of(form, f"#label-{field.name}")
            control = form.control(field.name)
            if field.type == "bool":
                assert isinstance(control, Checkbox)
            elif field.type in {"choice", "ref"}:
                assert isinstance(control, Select)
            assert shown_error(form, field.name) == ""  # nothing is wrong before typing
        assert form.fields[-1].name == "note"


async def test_labels_follow_the_language_and_line_up_in_cells(store: Store) -> None:
    set_language("zh")
    async with open_form(store, "visit") as (_, form, _):
        assert text_of(form, "#form-title") == "新增关爱慰问"
        assert text_of(form, "#label-occasion").startswith("事由 *")
        starts = {form.control(f.name).region.x for f in form.fields}
        assert len(starts) == 1  # every input starts in the same column
        assert form.query_one("#form-save").region.bottom <= SIZE[1]


@pytest.mark.parametrize(
    ("kind", "typed", "field", "reason"),
    [
        ("study", {"points": "abc"}, "points", "expected a whole number, got 'abc'"),
        ("study", {"date": "2026-13-45", "points": "5"}, "date", "not a date (2026-13-45)"),
        (
            "study",
            {"points": "12", "items": "挑战答题=12"},
            "items",
            "'挑战答题' is capped at 10 a day, got 12",
        ),
        (
            "study",
            {"points": "20", "items": "每日答题=5, 挑战答题=10"},
            "points",
            "must equal the sum of the items (15), got 20",
        ),
        ("study", {"date": "2026-11-20", "points": "9"}, "date", "already a study record"),
        (
            "campaign",
            {"title": "征文", "start": "2026-06", "end": "2026-03", "monthly_quota": "1"},
            "end",
            "the end month 2026-03 is before the start month 2026-06",
        ),
        ("event", {"time": "25:00", "rank": "0"}, "time", "not a time (25:00)"),
        ("person", {"name": "王芳", "birthday": "02-30"}, "birthday", "not a birthday (02-30)"),
    ],
)
async def test_bad_input_shows_the_reason_and_save_writes_nothing(
    store: Store, kind: str, typed: dict[str, str], field: str, reason: str
) -> None:
    store.add("study", {"date": "2026-11-20", "points": 31})
    before = file_bytes(store)
    async with open_form(store, kind) as (app, form, pilot):
        if kind == "campaign":
            await pilot.press("enter", "down", "enter")  # the kind: essay
        for name, text in typed.items():
            await fill(pilot, form, name, text)
        assert reason in shown_error(form, field)  # shown as typed, before any save
        form.query_one("#form-save").focus()
        await pilot.press("ctrl+s")
        assert app.screen is form and app.result == "open"
        assert "nothing was saved" in text_of(form, "#form-message")
        assert form.query_one("#form-message").display
        assert reason in shown_error(form, field)
        first_bad = next(f.name for f in form.fields if f.name in form.errors)
        assert app.focused is form.control(first_bad)
    assert file_bytes(store) == before


async def test_required_field_is_quiet_until_save_then_refused(store: Store) -> None:
    async with open_form(store, "person") as (app, form, pilot):
        assert shown_error(form, "name") == ""
        await pilot.press("ctrl+s")
        assert shown_error(form, "name") == "! is required"
        assert app.focused is form.control("name")
    assert not store.path.exists()


async def test_study_typed_with_keys_only_is_saved_with_points_from_the_items(
    store: Store,
) -> None:
    async with open_form(store, "study") as (app, form, pilot):
        assert app.focused is form.control("date")
        await pilot.press(*"-1", "enter")  # yesterday; points left empty
        assert form.query_one("#label-points").rich_style.reverse  # the focused row stands out
        assert not form.query_one("#label-date").rich_style.reverse
        await pilot.press("enter", *"3000", "enter")
        await pilot.press(*"每日答题=5, 挑战答题=10")
        assert text_of(form, "#form-sum") == "items add up to 15"
        await pilot.press("enter", *"晚上补学", "enter")  # Enter on the last field saves
        await pilot.pause()
        assert app.screen is not form
        assert [n.message for n in app._notifications] == ["Saved"]
    [record] = store.records("study")
    assert record == app.result
    assert record["date"] == "2026-11-26"
    assert (record["points"], record["total"]) == (15, 3000)
    assert record["items"] == {"每日答题": 5, "挑战答题": 10}
    assert record["note"] == "晚上补学"


async def test_choices_references_and_checkbox_by_keyboard(store: Store) -> None:
    essay = store.add(
        "campaign",
        {
            "kind": "essay",
            "title": "征文活动",
            "start": "2026-03",
            "end": "2026-12",
            "monthly_quota": 1,
        },
    )
    talk = store.add(
        "campaign",
        {
            "kind": "talk",
            "title": "[b]谈心月[/]",
            "start": "2026-07",
            "end": "2026-12",
            "monthly_quota": 2,
        },
    )
    async with open_form(store, "talk") as (app, form, pilot):
        campaign = form.control("campaign_id")
        assert isinstance(campaign, Select)
        assert [value for _, value in campaign._options[1:]] == [talk["id"]]  # talks only
        assert app.focused is campaign
        await pilot.press("enter", "escape")  # Escape closes the open list, not the form
        assert app.screen is form and not campaign.expanded
        await pilot.press("enter", "down", "enter")
        assert campaign.value == talk["id"]
        shown = str(campaign.query_one("SelectCurrent #label", Static).render())
        assert shown == "[b]谈心月[/] (2026-07 to 2026-12)"  # brackets shown as typed, not markup
        await fill(pilot, form, "person", "李明")
        form.control("concerns").focus()
        await pilot.press("a", "enter", "b")  # Enter in a multi-line field is a line break
        assert app.screen is form
        form.control("follow_up_done").focus()
        assert "X" not in str(form.control("follow_up_done").render())  # off reads as off
        await pilot.press("space")
        assert str(form.control("follow_up_done").label) == t("bool.yes")
        assert "X" in str(form.control("follow_up_done").render())  # the mark shows when ticked
        await pilot.press("space", "space", "tab")  # keys in one burst: both land on the box
        assert form.control("follow_up_done").value is True
        assert app.focused is form.control("note")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [record] = store.records("talk")
    assert record["campaign_id"] == talk["id"] != essay["id"]
    assert (record["person"], record["follow_up_done"]) == ("李明", True)
    assert record["concerns"] == "a\nb"
    assert record["talk_type"] == "日常谈心"  # an untouched first-choice field takes its default


async def test_edit_prefills_and_updates_the_record(store: Store) -> None:
    record = store.add(
        "study", {"date": "2026-11-25", "points": 15, "items": {"每日答题": 5, "挑战答题": 10}}
    )
    async with open_form(store, "study", record) as (app, form, pilot):
        assert text_of(form, "#form-title") == "Edit study"
        values = {name: form.control(name) for name in ("date", "points", "items", "total")}
        assert all(isinstance(control, Input) for control in values.values())
        assert [c.value for c in values.values()] == [  # type: ignore[union-attr]
            "2026-11-25",
            "15",
            "每日答题=5, 挑战答题=10",
            "",
        ]
        await fill(pilot, form, "items", "每日答题=5, 挑战答题=10, 登录=1")
        assert "must equal the sum of the items (16), got 15" in shown_error(form, "points")
        await type_into(pilot, form, "points", "16")
        assert shown_error(form, "points") == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = store.get("study", record["id"])
    assert saved == app.result
    assert saved is not None
    assert (saved["points"], saved["items"]["登录"]) == (16, 1)
    assert saved["created_at"] == record["created_at"]
    assert len(store.records("study")) == 1


async def test_unchanged_text_keeps_stored_control_characters(store: Store) -> None:
    record = store.add("person", {"name": "王\x1b[2J芳", "note": "第一行\n第二行"})
    before = file_bytes(store)
    async with open_form(store, "person", record) as (app, form, pilot):
        assert form.control("name").value == "王\\x1b[2J芳"  # type: ignore[union-attr]
        await pilot.press("ctrl+s")  # nothing changed: nothing written
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["No changes"]
    assert file_bytes(store) == before
    async with open_form(store, "person", record) as (app, form, pilot):
        await type_into(pilot, form, "phone", "123")
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = store.get("person", record["id"])
    assert saved is not None
    assert (saved["name"], saved["note"], saved["phone"]) == (
        "王\x1b[2J芳",
        "第一行\n第二行",
        "123",
    )


async def test_a_record_another_process_added_meanwhile_is_caught_at_save(
    store: Store,
) -> None:
    async with open_form(store, "study") as (app, form, pilot):
        await fill(pilot, form, "points", "35")
        assert shown_error(form, "date") == ""
        Store(store.path, today=TODAY).add("study", {"date": "2026-11-27", "points": 40})
        await pilot.press("ctrl+s")
        assert "already a study record" in shown_error(form, "date")
        assert app.screen is form
    assert [r["points"] for r in store.records("study")] == [40]


async def test_escape_cancels_and_writes_nothing(store: Store) -> None:
    async with open_form(store, "study") as (app, form, pilot):
        await type_into(pilot, form, "points", "30")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not form
    assert app.result is None
    assert not store.path.exists()
