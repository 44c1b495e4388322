"""`cadre undo` across processes, in real subprocesses: changes made by the CLI, by a Store (as
the TUI holds one) and by an import are reverted newest first; a record changed behind the
journal's back is never overwritten; `--list` shows what would be reverted."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from cli_support import TODAY, RunCadre

from tui.core.store import Store


def listed(run_cadre: RunCadre, kind: str) -> list[dict[str, Any]]:
    shown = run_cadre("list", kind, "--json")
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout)


def undone(run_cadre: RunCadre, *args: str) -> subprocess.CompletedProcess[str]:
    """`cadre [ARGS] undo` or, with `--list` last, `cadre [ARGS] undo --list`; it must succeed."""
    listing = args[-1:] == ("--list",)
    result = run_cadre(*(args[:-1] if listing else args), "undo", *(["--list"] if listing else []))
    assert result.returncode == 0, result.stderr
    return result


def test_three_undos_restore_each_state_in_turn(db: Path, run_cadre: RunCadre) -> None:
    added = run_cadre("add", "talk", "--person", "王芳", "--date", "2026-03-03")
    assert added.returncode == 0, added.stderr
    talk_id = added.stdout.strip()
    after_add = listed(run_cadre, "talk")
    Store(db, today=TODAY).update("talk", talk_id, {"topic": "家里的事"})  # as the TUI would
    after_edit = listed(run_cadre, "talk")
    deleted = run_cadre("delete", talk_id[:6], "--yes")
    assert deleted.returncode == 0, deleted.stderr
    assert listed(run_cadre, "talk") == []

    history = undone(run_cadre, "--list").stdout.splitlines()
    assert "deleted talk" in history[1] and "edited talk" in history[2]
    assert "added talk" in history[3] and talk_id[:8] in history[3]
    assert "deleted talk" in undone(run_cadre).stdout
    assert listed(run_cadre, "talk") == after_edit
    assert "edited talk" in undone(run_cadre).stdout
    assert listed(run_cadre, "talk") == after_add
    assert "added talk" in undone(run_cadre).stdout
    assert listed(run_cadre, "talk") == []
    nothing = run_cadre("undo")
    assert nothing.returncode == 1 and "nothing to undo" in nothing.stderr


def test_an_import_and_a_setting_are_undone_too(
    db: Path, tmp_path: Path, run_cadre: RunCadre
) -> None:
    source = tmp_path / "source.json"
    for date in ("2026-03-01", "2026-03-02"):
        assert (
            run_cadre("add", "study", "--points", "20", "--date", date, path=source).returncode == 0
        )
    export = tmp_path / "export.json"
    assert run_cadre("export", "-o", str(export), path=source).returncode == 0
    assert run_cadre("import", str(export)).returncode == 0
    assert run_cadre("settings", "set", "study_target", "40").returncode == 0
    assert "settings" in undone(run_cadre).stdout
    assert "study_target: 30" in run_cadre("settings").stdout
    assert "import of 2 records" in undone(run_cadre).stdout
    assert listed(run_cadre, "study") == []


def test_an_undo_never_overwrites_a_record_changed_since(db: Path, run_cadre: RunCadre) -> None:
    assert run_cadre("add", "person", "--name", "李强").returncode == 0
    raw = json.loads(db.read_bytes())
    raw["person"]["1"]["dept"] = "人事科"  # changed by hand: no cadre process noted it
    db.write_text(json.dumps(raw, ensure_ascii=False))
    before = db.read_bytes()
    refused = run_cadre("undo")
    assert refused.returncode == 1
    assert "was changed since" in refused.stderr and "Traceback" not in refused.stderr
    assert db.read_bytes() == before
    zh = run_cadre("--lang", "zh", "undo")
    assert zh.returncode == 1 and "之后又被修改过" in zh.stderr


def test_undo_list_in_chinese_says_what_each_change_was(run_cadre: RunCadre) -> None:
    assert "没有可以撤销的修改" in run_cadre("--lang", "zh", "undo", "--list").stdout
    assert (
        run_cadre(
            "add", "visit", "--person", "王芳", "--occasion", "住院", "--amount", "500"
        ).returncode
        == 0
    )
    shown = undone(run_cadre, "--lang", "zh", "--list").stdout
    assert "cadre undo 会依次撤销" in shown and "新增 关爱慰问" in shown and "王芳" in shown
