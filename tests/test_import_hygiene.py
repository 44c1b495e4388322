"""What cadre imports and what it writes: no Textual in the core or the quick commands, a file
stock TinyDB can open, UTF-8 with CJK as is, and package data found where it is installed."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest
import tinydb
from cli_support import TODAY

import tui
from tui.core.exchange import export_json
from tui.core.store import Store

PACKAGE = Path(tui.__file__).parent


def imported_names(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_no_core_module_imports_textual() -> None:
    modules = sorted((PACKAGE / "core").glob("*.py"))
    assert len(modules) >= 8
    for module in modules:
        names = imported_names(ast.parse(module.read_text(encoding="utf-8")))
        assert not [n for n in names if n.split(".")[0] == "textual"], module


def test_the_cli_imports_textual_only_inside_a_function() -> None:
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    top_level = [node for node in tree.body if not isinstance(node, ast.FunctionDef | ast.ClassDef)]
    names = [n for node in top_level for n in imported_names(node)]
    assert not [n for n in names if n.split(".")[0] in {"textual", "tui.app"}]


@pytest.mark.parametrize(
    "command",
    [
        ("add", "study", "--points", "1", "--date", "-1"),
        (
            "--lang",
            "zh",
            "add",
            "visit",
            "--occasion",
            "住院",
            "--person",
            "王芳",
            "--visitor",
            "李强",
        ),
        ("edit", "TALK", "--person", "李强", "--clear", "note"),
        ("delete", "STUDY", "--yes"),
        ("done", "TALK"),
        ("show", "TALK"),
        ("list", "study"),
        ("list", "--since", "2026-03-01", "talk", "--json"),
        ("export", "-o", "EXPORT"),
        ("import", "--dry-run", "EXPORT"),
        ("check", "--records"),
        ("today",),  # no summary yet: it reads the file
        ("undo",),  # it reverts the study day added below
    ],
)
def test_quick_commands_load_neither_textual_nor_click_nor_pathlib(
    tmp_path: Path, make_env: Callable[..., dict[str, str]], command: tuple[str, ...]
) -> None:
    """`add`, `edit`, `delete`, `done`, `show`, `undo`, `list`, `export`, `import`, `check` and
    `today` in their plain forms run in the quick lane: click is a fifth of their start on a small file. They go by
    plain strings too: pathlib is some 14 ms of it (only the first change of a day, which takes a
    backup, loads it)."""
    db = tmp_path / "data" / "cadre.json"
    store = Store(db, today=TODAY)
    store.save_settings({"study_target": 30, "timezone": "Asia/Shanghai"})
    # the next change takes the day's backup, which the commands below then need not take
    talk = store.add("talk", {"person": "王芳", "follow_up_due": "2026-03-20", "note": "n"})
    study = store.add("study", {"points": 5, "date": "2026-03-01"})
    exported = tmp_path / "export.json"
    exported.write_bytes(export_json(Store(db)))
    words = {"EXPORT": str(exported), "TALK": talk["id"][:8], "STUDY": study["id"][:8]}
    command = tuple(words.get(word, word) for word in command)
    # without site's .pth files (this machine's own loads pathlib at every start), on the same
    # module path
    path = {"PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-S", "-X", "importtime", "-m", "tui", *command],
        env=make_env(db) | path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    modules = imported_modules(done.stderr)
    assert "tui.cli_quick" in modules and "tui.core.store" in modules  # the listing is real
    assert [m for m in modules if m.split(".")[0] in {"textual", "click", "pathlib"}] == []
    assert "tui.cli" not in modules


def imported_modules(stderr: str) -> list[str]:
    """The modules a `python -X importtime` run imported, from its report on stderr."""
    lines = [line for line in stderr.splitlines() if line.startswith("import time:")]
    return [line.rsplit("|", 1)[1].strip() for line in lines[1:]]


@pytest.mark.parametrize(
    "command",
    [
        ("add", "study", "--points", "1", "--date", "-3"),
        ("list", "study", "--since", "2026-3-1"),
        ("check",),
        ("edit", "ID", "--note", "谈过了"),
        ("done", "ID"),
        ("today",),  # with no summary yet: it reads the file and writes the summary
    ],
)
@pytest.mark.parametrize("today", [None, "2026-03-18"])
def test_quick_commands_do_not_load_pendulum(
    tmp_path: Path,
    make_env: Callable[..., dict[str, str]],
    command: tuple[str, ...],
    today: str | None,
) -> None:
    """pendulum costs ~40 ms of a command's start: the commands that only parse dates and stamp
    a change use the standard library's dates and time zones (the file's zone, or the system's)."""
    db = tmp_path / "data" / "cadre.json"
    store = Store(db)
    store.save_settings({"timezone": "Asia/Shanghai"} if today else {})
    talk = store.add("talk", {"person": "王芳", "follow_up_due": "2026-03-20"})
    args = [talk["id"][:8] if arg == "ID" else arg for arg in command]
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tui", *args],
        env=make_env(db, today=today),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    modules = imported_modules(done.stderr)
    assert "tui.core.store" in modules  # the listing is real
    assert [m for m in modules if m.split(".")[0] in {"pendulum", "dateutil"}] == []


def test_stock_tinydb_reads_what_cadre_wrote(
    run_cadre: Callable[..., subprocess.CompletedProcess[str]], db: Path
) -> None:
    for args in (
        ("add", "study", "--points", "38", "--note", "早上读了文章"),
        ("add", "visit", "--person", "王芳", "--occasion", "住院", "--visitor", "李强"),
        ("add", "person", "--name", "张伟", "--birthday", "02-29"),
    ):
        assert run_cadre(*args).returncode == 0
    before = db.read_bytes()
    database = tinydb.TinyDB(db)
    try:
        assert {"_meta", "study", "visit", "person"} <= database.tables()
        for kind in ("study", "visit", "person"):
            assert database.table(kind).all() == Store(db).records(kind)
        assert database.table("study").all()[0]["note"] == "早上读了文章"
        assert database.table("_meta").all() == [{"schema_version": 2}]
    finally:
        database.close()
    assert db.read_bytes() == before


def test_the_file_is_utf8_with_cjk_written_as_is(
    run_cadre: Callable[..., subprocess.CompletedProcess[str]], db: Path
) -> None:
    assert run_cadre("add", "visit", "--person", "王芳", "--occasion", "住院").returncode == 0
    raw = db.read_bytes()
    assert "王芳".encode() in raw and "住院".encode() in raw
    assert b"\\u" not in raw
    assert json.loads(raw.decode("utf-8"))["visit"]["1"]["person"] == "王芳"


def test_the_installed_package_finds_its_data() -> None:
    defaults = resources.files("tui.data") / "defaults.json"
    assert defaults.is_file()
    settings = json.loads(defaults.read_text(encoding="utf-8"))
    assert settings["study_items"]["登录"] == 1 and settings["backups_keep"] == 10
