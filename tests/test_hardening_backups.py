"""Backups you can trust: a restore keeps the current file and refuses a damaged backup, rotation
spares the last good copy, `cadre check` reports a damaged backup, and backups sort by the time
they were taken (also within one second)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pendulum
import pytest
from test_hardening_disk import every_file

from tui.core.storage import (
    DataFileError,
    SafeStorage,
    backup_problem,
    list_backups,
    newest_good_backup,
)
from tui.core.store import Store, restore_backup

Run = Callable[..., subprocess.CompletedProcess[str]]
STAMP = "20260318-101502"


def on(day: str, db: Path) -> Store:
    return Store(db, today=pendulum.parse(day).date())


def two_days(db: Path) -> Path:
    """A file changed on two days: one backup (of the first day's file); returns it."""
    on("2026-03-01", db).add("study", {"points": 1})
    on("2026-03-02", db).add("study", {"points": 2})
    [backup] = list_backups(db)
    return backup


def damage(path: Path) -> bytes:
    """Cut the file in half, as a full disk or an interrupted copy would; returns the new bytes."""
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    return path.read_bytes()


# restore ---------------------------------------------------------------------------------


def test_restore_keeps_the_current_file_as_a_backup_first(run_cadre: Run, db: Path) -> None:
    backup = two_days(db)
    current = db.read_bytes()
    done = run_cadre("restore", backup.name)
    assert done.returncode == 0, done.stderr
    [kept] = [p for p in list_backups(db) if p.name.endswith("-before-restore.json")]
    assert kept.read_bytes() == current
    assert db.read_bytes() == backup.read_bytes()
    assert done.stdout == (f"restored {db} from {backup}\nthe file as it was is kept as {kept}\n")


def test_restore_with_no_data_file_says_nothing_was_kept(run_cadre: Run, db: Path) -> None:
    backup = two_days(db)
    db.unlink()
    done = run_cadre("restore", str(backup))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == "there was no data file before, so nothing was kept"
    assert db.read_bytes() == backup.read_bytes()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "it is not valid JSON (unexpected end of data)"),
        (b'{"frames": []}', "it is not a cadre data file (_meta.schema_version)"),
        (b'{"_meta": {"1": {"schema_version": 99}}}', "its schema version 99 is newer"),
    ],
    ids=["cut short", "not cadre", "newer"],
)
def test_restore_refuses_a_damaged_backup_and_changes_nothing(
    run_cadre: Run, db: Path, content: bytes | None, problem: str
) -> None:
    backup = two_days(db)
    if content is None:
        damage(backup)
    else:
        backup.write_bytes(content)
    before = every_file(db.parent)
    done = run_cadre("restore", backup.name)
    assert done.returncode == 3  # a file cadre cannot use, as for a damaged data file
    assert done.stderr.startswith(f"error: Cannot restore from {backup}: {problem}")
    assert done.stderr.endswith(". The data file was not changed.\n")
    assert "cadre restore" not in done.stderr and "Newest" not in done.stderr
    assert done.stdout == ""
    assert every_file(db.parent) == before  # no before-restore copy either


def test_restore_refuses_a_damaged_backup_in_chinese(run_cadre: Run, db: Path) -> None:
    backup = two_days(db)
    damage(backup)
    done = run_cadre("restore", backup.name, CADRE_LANG="zh")
    assert done.returncode == 3
    assert done.stderr == (
        f"错误：无法从 {backup} 恢复：不是有效的 JSON（unexpected end of data）。数据文件未改动。\n"
    )


# rotation --------------------------------------------------------------------------------


def test_rotation_spares_the_only_good_backup(db: Path) -> None:
    on("2026-03-01", db).save_settings({"backups_keep": 1})
    good = two_days(db)
    raw = good.read_bytes()
    damaged = damage(db)
    store = on("2026-03-02", db)
    with pytest.raises(DataFileError):
        store.records("study")
    kept = restore_backup(store, raw, good)  # keeps 1: the damaged file's copy, and …
    assert kept is not None and kept.read_bytes() == damaged
    assert list_backups(db) == [good, kept]  # … the good one it would have dropped
    assert newest_good_backup(db) == good
    on("2026-03-03", db).add("study", {"points": 3})  # a good file's copy: now rotation may
    [newest] = list_backups(db)
    assert newest.read_bytes() == raw


def test_rotation_keeps_the_newest_good_one_among_damaged_copies(db: Path) -> None:
    two_days(db)
    storage = SafeStorage(db)
    with storage.locked():
        for second in ("10", "11", "12"):
            storage.backup("daily", 10, f"20260303-1200{second}")
    older, middle, newer = list_backups(db)[1:]
    damage(middle)
    damage(newer)
    damage(db)
    with storage.locked():
        taken = storage.backup("before-restore", 2, "20260303-120013")
    assert taken is not None
    assert list_backups(db) == [older, newer, taken]  # `middle` went; `older` is the good one
    assert backup_problem(older) is None


def test_rotation_of_good_copies_is_by_number_alone(db: Path) -> None:
    on("2026-03-01", db).save_settings({"backups_keep": 2})
    for day in range(2, 6):
        on(f"2026-03-{day:02d}", db).add("study", {"points": day})
    assert [p.name.split("-")[1] for p in list_backups(db)] == ["20260304", "20260305"]


# order -----------------------------------------------------------------------------------


def test_backups_in_the_same_second_sort_by_when_they_were_taken(db: Path) -> None:
    two_days(db)
    storage = SafeStorage(db)
    with storage.locked():
        taken = [
            storage.backup(reason, 10, STAMP)
            for reason in ("migrate", "daily", "before-restore", "import")
        ]
    assert [p.name for p in taken] == [
        f"cadre-{STAMP}-migrate.json",
        f"cadre-{STAMP}.01-daily.json",
        f"cadre-{STAMP}.02-before-restore.json",
        f"cadre-{STAMP}.03-import.json",
    ]
    for age, path in enumerate(taken):  # newest mtime on the oldest: the names decide, not mtimes
        os.utime(path, ns=(10**18 - age * 10**9, 10**18 - age * 10**9))
    assert list_backups(db)[1:] == taken
    with storage.locked():
        storage.backup("daily", 2, STAMP)
    assert [p.name for p in list_backups(db)] == [
        f"cadre-{STAMP}.03-import.json",
        f"cadre-{STAMP}.04-daily.json",
    ]


def test_a_twelfth_backup_in_one_second_still_sorts_last(db: Path) -> None:
    two_days(db)
    storage = SafeStorage(db)
    with storage.locked():
        taken = [storage.backup("import", 20, STAMP) for _ in range(12)]
    assert list_backups(db)[1:] == taken
    assert taken[-1].name == f"cadre-{STAMP}.11-import.json"


def test_files_not_named_as_backups_are_neither_listed_nor_rotated(db: Path) -> None:
    backup = two_days(db)
    mine = backup.with_name("cadre-my-copy.json")
    mine.write_bytes(backup.read_bytes())
    assert list_backups(db) == [backup]
    on("2026-03-01", db).save_settings({"backups_keep": 1})
    for day in range(3, 6):
        on(f"2026-03-{day:02d}", db).add("study", {"points": day})
    assert mine.exists()


# reporting -------------------------------------------------------------------------------


def test_check_reports_a_damaged_backup(run_cadre: Run, db: Path) -> None:
    on("2026-03-01", db).add("study", {"points": 1})
    for day in ("2026-03-02", "2026-03-03", "2026-03-04"):
        on(day, db).add("study", {"date": day, "points": 2})
    cut, foreign, good = list_backups(db)
    damage(cut)
    foreign.write_bytes(b'{"frames": []}')  # whole JSON: only a full read finds it out
    quick = run_cadre("check")
    thorough = run_cadre("check", "--records")
    assert quick.returncode == 0 and thorough.returncode == 0, quick.stderr + thorough.stderr
    cut_line = (
        f"  damaged backup {cut.name}: it is cut short or overwritten (not one whole JSON object)"
    )
    foreign_line = (
        f"  damaged backup {foreign.name}: it is not a cadre data file (_meta.schema_version)"
    )
    assert quick.stdout.endswith(f"backups: 3, newest {good.name}\n{cut_line}\n")
    assert thorough.stdout.endswith(
        f"backups: 3, newest {good.name}\n"
        f"  damaged backup {cut.name}: it is not valid JSON (unexpected end of data)\n"
        f"{foreign_line}\n"
    )
    listing = run_cadre("backups")
    rows = listing.stdout.splitlines()
    assert rows[0].split() == ["backup", "bytes", "state"]
    assert rows[1].startswith(cut.name) and "cut short" in rows[1]
    assert rows[2].startswith(foreign.name) and rows[2].endswith("ok")
    assert rows[3].startswith(good.name) and rows[3].endswith("ok")


def test_a_damaged_file_names_the_newest_good_backup(run_cadre: Run, db: Path) -> None:
    on("2026-03-01", db).add("study", {"points": 1})
    for day in ("2026-03-02", "2026-03-03"):
        on(day, db).add("study", {"date": day, "points": 2})
    good, newer = list_backups(db)
    damage(newer)
    db.write_bytes(b"")
    done = run_cadre("list", "study")
    assert done.returncode == 3
    assert done.stderr == (
        f"error: Cannot use the data file {db}: the file is empty (0 bytes)."
        f" Newest good backup: {good} (cadre restore brings it back).\n"
    )
    damage(good)
    done = run_cadre("list", "study")
    assert done.stderr == (
        f"error: Cannot use the data file {db}: the file is empty (0 bytes)."
        " There is no backup to restore; the file was left as it is.\n"
    )
