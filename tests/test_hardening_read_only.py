"""A data file or folder its owner made read-only: reading commands work, writing ones exit 3.

Root ignores file modes, so the commands run as an unprivileged owner (uid 65534, through
setpriv) on files that uid owns, in a folder under /tmp that it can reach."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pendulum
import pytest

from tui.core import exchange
from tui.core.storage import NOT_SAVED, DataFileError, list_backups
from tui.core.store import Store

TODAY = pendulum.date(2026, 3, 18)
NOBODY = 65534
CADRE = Path(sys.executable).with_name("cadre")  # the installed script, by its full path
# The interpreter lives under root's 0700 home here, so the child keeps one capability,
# CAP_DAC_READ_SEARCH: it may read and search any folder. It grants no right to write, and
# access(2) drops it for a non-root uid, so every write is judged as for an unprivileged owner.
AS_NOBODY = [
    "setpriv",
    f"--reuid={NOBODY}",
    f"--regid={NOBODY}",
    "--clear-groups",
    "--inh-caps=+dac_read_search",
    "--ambient-caps=+dac_read_search",
]

READING = [
    ("list", "study"),
    ("today",),
    ("report", "--month", "2026-03"),
    ("export",),
    ("export", "-o", "{top}/out.json"),
    ("check",),
    ("backups",),
    ("import", "{top}/new.json", "--dry-run"),
]
WRITING = [
    ("add", "study", "--points", "5"),
    ("settings", "set", "study_target", "40"),
    ("import", "{top}/new.json"),
    ("restore", "{backup}"),
]


@pytest.fixture
def top() -> Iterator[Path]:
    """A folder of uid 65534 under /tmp (tmp_path's parents are root's 0700 folders)."""
    folder = Path(tempfile.mkdtemp(prefix="cadre-read-only-", dir="/tmp"))
    folder.chmod(0o755)
    os.chown(folder, NOBODY, NOBODY)
    yield folder
    shutil.rmtree(folder)


def give_to_nobody(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, NOBODY, NOBODY)


def prepared(top: Path) -> tuple[Path, str]:
    """A data file with two records and a backup, an export holding one more record, all owned
    by uid 65534; returns the data file and the backup's name."""
    db = top / "data" / "cadre.json"
    Store(db, today=TODAY.subtract(days=1)).add("study", {"points": 1})
    Store(db, today=TODAY).add("study", {"points": 2})
    other = Store(top / "other" / "cadre.json", today=TODAY)
    other.add("study", {"date": "2026-03-01", "points": 7})
    exchange.write_export(top / "new.json", exchange.export_json(other))
    shutil.rmtree(top / "other")
    give_to_nobody(top)
    return db, list_backups(db)[0].name


def run_all(
    env: dict[str, str], top: Path, backup: str, commands: list[tuple[str, ...]]
) -> list[subprocess.CompletedProcess[str]]:
    """Run each command as uid 65534, all at once."""
    started = []
    for command in commands:
        args = [part.format(top=top, backup=backup) for part in command]
        process = subprocess.Popen(
            [*AS_NOBODY, str(CADRE), *args],
            env=env | {"HOME": str(top)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append((args, process))
    finished = []
    for args, process in started:
        out, err = process.communicate(timeout=60)
        finished.append(subprocess.CompletedProcess(args, process.returncode, out, err))
    return finished


def state(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file of the data folder: its inode, mode and bytes."""
    return {
        p.relative_to(folder).as_posix(): (
            p.stat().st_ino,
            stat.S_IMODE(p.stat().st_mode),
            p.read_bytes() if p.is_file() else b"",
        )
        for p in sorted([folder, *folder.rglob("*")])
    }


@pytest.mark.parametrize("read_only", ["file", "folder"])
def test_reading_works_and_writing_is_refused_as_an_unprivileged_owner(
    top: Path, read_only: str, make_env: Callable[..., dict[str, str]]
) -> None:
    db, backup = prepared(top)
    target, mode = (db, 0o400) if read_only == "file" else (db.parent, 0o500)
    target.chmod(mode)
    before = state(db.parent)
    reading = run_all(make_env(db), top, backup, READING)
    writing = run_all(make_env(db), top, backup, WRITING)
    for done in reading:
        assert done.returncode == 0, (done.args, done.stderr)
        assert done.stderr == "", (done.args, done.stderr)
    assert (top / "out.json").exists()
    assert "study: 2" in reading[5].stdout and "state: ok" in reading[5].stdout
    for done in writing:
        assert done.returncode == 3, (done.args, done.stdout, done.stderr)
        assert done.stderr == (
            f"error: Nothing was saved to {target}: it is read-only (mode {mode:04o}); to change it,"
            " make it writable first (chmod u+w).\n"
        ), done.args
    assert state(db.parent) == before  # not replaced: same inode, mode and bytes


def test_the_refusal_in_chinese(top: Path, make_env: Callable[..., dict[str, str]]) -> None:
    db, backup = prepared(top)
    db.chmod(0o400)
    [done] = run_all(make_env(db), top, backup, [("--lang", "zh", "add", "study", "--points", "5")])
    assert done.returncode == 3
    assert done.stderr == (
        f"错误：未能保存到 {db}：它是只读的（权限 0400）；要修改，请先让它可写（chmod u+w）。\n"
    )


def test_a_file_made_writable_again_takes_changes(db: Path) -> None:
    store = Store(db, today=TODAY)
    store.add("study", {"points": 1})
    db.chmod(0o400)
    with pytest.raises(DataFileError) as caught:
        store.add("study", {"date": "2026-03-01", "points": 2})
    assert caught.value.situation == NOT_SAVED and caught.value.path == db
    assert stat.S_IMODE(db.stat().st_mode) == 0o400
    db.chmod(0o600)
    store.add("study", {"date": "2026-03-01", "points": 2})
    assert len(Store(db).records("study")) == 2


def test_a_loose_read_only_file_is_tightened_but_stays_read_only(db: Path) -> None:
    Store(db, today=TODAY).add("study", {"points": 1})
    db.chmod(0o444)
    store = Store(db, today=TODAY)
    assert len(store.records("study")) == 1
    assert stat.S_IMODE(db.stat().st_mode) == 0o400
    assert store.warnings == [f"warning: {db} had mode 0444; tightened to 0400"]
    with pytest.raises(DataFileError, match="read-only"):
        store.add("study", {"date": "2026-03-01", "points": 2})
