"""Pilot tests of the export and import dialogs of the palette: what they write (checked against
the schema and read back through a fresh Store), what they refuse, and that cancelling changes nothing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from jsonschema import Draft202012Validator
from pilot_support import APP_TODAY, SIZE, listed, run_command, shown, wait_until
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, Input, Log, Static

from tui.app import CadreApp
from tui.core import exchange
from tui.core.i18n import set_language, t
from tui.core.records import KINDS
from tui.core.store import Store
from tui.dialogs import ConfirmDialog
from tui.exchange_dialogs import FORMATS, ExportDialog, ImportDialog

VALIDATOR = Draft202012Validator(json.loads(Path(exchange.SCHEMA_FILE).read_text(encoding="utf-8")))
STAMP = APP_TODAY.format("YYYYMMDD")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of its own, where the export dialog suggests writing."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def notes(app: CadreApp) -> str:
    return "\n".join(str(note.message) for note in app._notifications)


def report(app: CadreApp) -> list[str]:
    return app.screen.query_one("#import-report", Log).lines


async def opened(app: CadreApp, pilot: Pilot[None], kind: type) -> Any:
    """Wait for a dialog of `kind` to be on screen with its fields in place."""
    await wait_until(pilot, lambda: isinstance(app.screen, kind) and app.screen.is_mounted)
    return app.screen


async def open_dialog(app: CadreApp, pilot: Pilot[None], command: str, kind: type) -> Any:
    """Run the palette command and wait for its dialog."""
    await run_command(app, pilot, command.split("…")[0], command)
    return await opened(app, pilot, kind)


# export ------------------------------------------------------------------------------------


async def export_as(app: CadreApp, pilot: Pilot[None], fmt: str) -> ExportDialog:
    """Open the export dialog on the app's store and tick the format `fmt` with the space bar."""
    app.push_screen(ExportDialog(app.store))
    dialog = await opened(app, pilot, ExportDialog)
    dialog.query_one(f"#format-{fmt}").focus()
    await pilot.press("space")
    return dialog


async def test_export_writes_the_ticked_kinds_of_the_period_chosen_by_keys(
    app_store: Store, home: Path
) -> None:
    inside = [app_store.add("study", {"date": f"2026-11-{d:02d}", "points": 30}) for d in (1, 25)]
    app_store.add("study", {"date": "2026-10-31", "points": 31})
    app_store.add("study", {"date": "2026-11-26", "points": 32})
    visit = app_store.add("visit", {"date": "2026-11-10", "occasion": "住院", "person": "王芳"})
    app_store.add("event", {"date": "2026-11-10", "sport": "篮球"})
    app_store.add("person", {"name": "张伟"})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = await open_dialog(app, pilot, t("cmd.export"), ExportDialog)
        assert app.focused is dialog.query_one("#kind-study")
        # keep study and visit: untick the others, going through the boxes with Tab
        for name in list(KINDS)[1:]:
            await pilot.press("tab", *(() if name == "visit" else ("space",)))
        await pilot.press("tab", *"2026-11-1", "tab", *"-2")
        await wait_until(pilot, lambda: "2026-11-25" in shown(dialog.query_one("#note-until")))
        assert dialog.query_one("#export-path", Input).value == f"~/cadre-export-{STAMP}.json"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not dialog)
        path = home / f"cadre-export-{STAMP}.json"
        assert str(path) in notes(app)
    assert path.stat().st_mode & 0o777 == 0o600
    document = json.loads(path.read_text("utf-8"))
    VALIDATOR.validate(document)
    assert document["filter"] == {
        "kinds": ["study", "visit"],
        "since": "2026-11-01",
        "until": "2026-11-25",
    }
    assert document["records"]["study"] == inside
    assert document["records"]["visit"] == [visit]
    assert all(
        rows == [] for kind, rows in document["records"].items() if kind not in {"study", "visit"}
    )


async def test_export_of_one_kind_as_csv_suggests_a_csv_file_and_writes_it(
    app_store: Store, home: Path
) -> None:
    visit = app_store.add("visit", {"date": "2026-11-10", "occasion": "住院", "person": "王芳"})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await export_as(app, pilot, "csv")
        path_field = dialog.query_one("#export-path", Input)
        await wait_until(pilot, lambda: path_field.value.endswith(".zip"))
        assert dialog.query_one("#format-json", Checkbox).value is False
        for name in KINDS:
            dialog.query_one(f"#kind-{name}", Checkbox).value = name == "visit"
        await wait_until(pilot, lambda: path_field.value == f"~/cadre-export-visit-{STAMP}.csv")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not dialog)
    text = (home / f"cadre-export-visit-{STAMP}.csv").read_text("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert (row["id"], row["person"], row["date"]) == (visit["id"], "王芳", "2026-11-10")


async def test_export_as_xlsx_suggests_an_xlsx_file_and_writes_a_workbook_in_the_language(
    app_store: Store, home: Path
) -> None:
    set_language("zh")
    app_store.add(
        "visit", {"date": "2026-11-10", "occasion": "住院", "person": "王芳", "amount": "0.10"}
    )
    app_store.add(
        "visit", {"date": "2026-11-12", "occasion": "住院", "person": "赵敏", "amount": "0.20"}
    )
    app_store.add("study", {"date": "2026-11-12", "points": 30})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await export_as(app, pilot, "xlsx")
        path_field = dialog.query_one("#export-path", Input)
        await wait_until(pilot, lambda: path_field.value == f"~/cadre-export-{STAMP}.xlsx")
        assert [dialog.query_one(f"#format-{name}", Checkbox).value for name in FORMATS] == [
            False,
            False,
            True,
        ]
        for name in KINDS:
            dialog.query_one(f"#kind-{name}", Checkbox).value = name in {"study", "visit"}
        await wait_until(pilot, lambda: dialog.kinds() == ["study", "visit"])
        assert path_field.value == f"~/cadre-export-{STAMP}.xlsx"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not dialog)
        path = home / f"cadre-export-{STAMP}.xlsx"
        assert str(path) in notes(app)
    assert path.stat().st_mode & 0o777 == 0o600
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["学习积分", "关爱慰问"]
    visits = list(book["关爱慰问"].iter_rows(values_only=True))
    assert visits[0][:3] == ("日期", "事由", "对象")
    assert [row[2] for row in visits[1:3]] == ["王芳", "赵敏"]
    assert visits[3][0] == "合计" and visits[3][7] == 0.3


@pytest.mark.parametrize(
    ("language", "since", "until", "field", "reason"),
    [
        ("en", "2026-02-30", "", "since", "! not a date (2026-02-30)"),
        ("en", "2026-11-20", "11-01", "until", "! is before the start date 2026-11-20"),
        ("zh", "前天", "", "since", "! 不是有效日期（前天）"),
    ],
)
async def test_a_bad_period_shows_the_reason_by_the_field_and_writes_nothing(
    app_store: Store, home: Path, language: str, since: str, until: str, field: str, reason: str
) -> None:
    set_language(language)
    app_store.add("study", {"date": "2026-11-20", "points": 30})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExportDialog(app_store))
        dialog = await opened(app, pilot, ExportDialog)
        assert dialog.query_one("#export-box").border_title == t("dlg.export.title")
        dialog.query_one("#export-since").focus()
        await pilot.press(*since, "tab", *until)
        note = dialog.query_one(f"#note-{field}", Static)
        await wait_until(pilot, lambda: shown(note).startswith(reason))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert shown(dialog.query_one(".exchange-message", Static)) == t("dlg.export.refused")
        assert app.focused is dialog.query_one(f"#export-{field}")
    assert list(home.iterdir()) == []


async def test_a_path_that_cannot_be_written_is_refused_in_the_dialog(
    app_store: Store, home: Path
) -> None:
    (home / "notes.txt").write_text("mine")
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExportDialog(app_store))
        dialog = await opened(app, pilot, ExportDialog)
        path_field = dialog.query_one("#export-path", Input)
        note = dialog.query_one("#note-path", Static)
        path_field.value = str(home)
        await wait_until(pilot, lambda: shown(note) == "! is a folder; give a file name")
        path_field.value = str(home / "notes.txt" / "out.json")
        await wait_until(pilot, lambda: not note.display)
        await pilot.press("ctrl+s")
        message = dialog.query_one(".exchange-message", Static)
        await wait_until(pilot, lambda: message.display)
        assert shown(message).startswith(f"cannot write {home / 'notes.txt' / 'out.json'} (")
        assert app.screen is dialog
    assert [p.name for p in home.iterdir()] == ["notes.txt"]
    assert (home / "notes.txt").read_text() == "mine"


# import ------------------------------------------------------------------------------------


Exported = tuple[Path, dict[str, list[dict[str, Any]]]]


@pytest.fixture
def exported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Exported:
    """An export written by another store into the working folder (tmp_path): a talk campaign
    with a talk, and two visits."""
    source = Store(tmp_path / "other.json", today=APP_TODAY)
    campaign = source.add(
        "campaign",
        {
            "kind": "talk",
            "title": "谈心月",
            "start": "2026-11",
            "end": "2026-11",
            "monthly_quota": 1,
        },
    )
    source.add("talk", {"date": "2026-11-03", "person": "李强", "campaign_id": campaign["id"]})
    for person in ("王芳", "赵敏"):
        source.add("visit", {"date": "2026-11-10", "occasion": "住院", "person": person})
    path = exchange.export_to(source, tmp_path / "in.json")
    monkeypatch.chdir(tmp_path)
    return path, {kind: source.list(kind) for kind in KINDS}


async def check(app: CadreApp, pilot: Pilot[None], path: Path) -> ImportDialog:
    """Open the import dialog from the palette, type `path` (relative to the working folder, which
    holds it) and run the dry run with Enter."""
    dialog = await open_dialog(app, pilot, t("cmd.import"), ImportDialog)
    await pilot.press(*str(path.relative_to(Path.cwd())), "enter")
    await wait_until(pilot, lambda: len(report(app)) > 1)
    return dialog


async def test_import_shows_the_dry_run_then_writes_after_confirmation(
    app_store: Store, exported: Exported
) -> None:
    path, records = exported
    app_store.add("person", {"name": "张伟"})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await wait_until(pilot, lambda: listed(app, "person-list", "name") == ["张伟"])
        assert listed(app, "visit-list", "person") == []
        dialog = await check(app, pilot, path)
        lines = [line.split() for line in report(app)]
        assert ["visit", "2", "0", "0", "0"] in lines
        assert ["talk", "1", "0", "0", "0"] in lines
        assert report(app)[-1] == t("import.dry_run", count=4)
        assert Store(app_store.path).records("visit") == []  # a dry run writes nothing
        run = dialog.query_one("#exchange-run", Button)
        assert not run.disabled and app.focused is run
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is app.screen_stack[0])
        assert sorted(listed(app, "visit-list", "person")) == ["王芳", "赵敏"]
        assert t("import.done", count=4, source="in.json") in notes(app)
        assert "visit: 2 added, 0 replaced" in notes(app)
    fresh = Store(app_store.path)
    for kind in ("campaign", "talk", "visit"):
        assert fresh.list(kind) == records[kind]
    assert [r["name"] for r in fresh.records("person")] == ["张伟"]


async def test_a_malformed_file_shows_each_problem_with_its_path_and_changes_nothing(
    app_store: Store, exported: Exported
) -> None:
    path, _ = exported
    document = json.loads(path.read_text("utf-8"))
    document["records"]["visit"][1]["amount"] = -5
    document["records"]["study"].append({"id": "x\x1b[31m"})
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    app_store.add("study", {"date": "2026-11-20", "points": 30})
    before = app_store.path.read_bytes()
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = await check(app, pilot, path)
        text = "\n".join(report(app))
        assert "records.visit[1].amount: expected a number ≥ 0" in text
        assert "records.study[0].id: not a UUID (x\\x1b[31m)" in text
        assert "\x1b" not in text
        assert dialog.query_one("#exchange-run", Button).disabled
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is not dialog)
    assert app_store.path.read_bytes() == before


async def test_cancelling_either_dialog_changes_nothing(
    app_store: Store, exported: Exported, home: Path
) -> None:
    path, _ = exported
    app_store.add("study", {"date": "2026-11-20", "points": 30})
    before = app_store.path.read_bytes()
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = await check(app, pilot, path)
        run = dialog.query_one("#exchange-run", Button)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is dialog)
        dialog.query_one("#import-path").focus()
        await pilot.press("x")  # another path: Import waits for its own check
        await wait_until(pilot, lambda: run.disabled)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is not dialog)
        dialog = await open_dialog(app, pilot, t("cmd.export"), ExportDialog)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is not dialog)
    assert app_store.path.read_bytes() == before
    assert list(home.iterdir()) == []
