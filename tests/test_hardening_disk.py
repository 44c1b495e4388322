"""A full disk and a file-size limit: ENOSPC injected at the write step, EFBIG through `ulimit -f`.

Either way the old file stays as it was, no temp file is left, and one sentence says what
happened (never advising a restore: the file is fine)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pendulum
import pytest

from tui.core.i18n import set_language
from tui.core.storage import NOT_SAVED, DataFileError
from tui.core.store import Store

TODAY = pendulum.date(2026, 3, 18)
CADRE = Path(sys.executable).with_name("cadre")  # the installed script, by its full path


def every_file(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (the lock aside), temp files included, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def fill_the_disk(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[str]:
    """Make every write of a file in `folder` fail with ENOSPC after its first 100 bytes (as a
    disk filling up mid-write does); returns the names of the files that failed."""
    real_write = os.write
    failed: list[str] = []

    def write(fd: int, data: bytes | memoryview) -> int:
        target = Path(os.readlink(f"/proc/self/fd/{fd}"))
        if target.parent != folder:
            return real_write(fd, data)
        if os.fstat(fd).st_size >= 100:
            failed.append(target.name)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, bytes(data[:100]))

    monkeypatch.setattr(os, "write", write)
    return failed


def seeded(db: Path) -> Store:
    """A file with a backup taken today already, so that the next change only writes the file."""
    Store(db, today=TODAY.subtract(days=1)).add("study", {"points": 1})
    store = Store(db, today=TODAY)
    store.add("study", {"points": 2, "note": "x" * 500})
    return store


def test_a_full_disk_leaves_the_old_file_and_no_temp_file(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = seeded(db)
    before = every_file(db.parent)
    failed = fill_the_disk(monkeypatch, db.parent)
    with pytest.raises(DataFileError) as caught:
        store.add("study", {"date": "2026-03-01", "points": 3, "note": "y" * 500})
    set_language("zh")
    with pytest.raises(DataFileError) as in_chinese:
        store.add("study", {"date": "2026-03-01", "points": 3, "note": "y" * 500})
    set_language("en")
    monkeypatch.undo()
    assert failed and failed[0].startswith(".cadre.json.") and failed[0].endswith(".tmp")
    assert every_file(db.parent) == before  # the same files, byte for byte: no temp file
    assert caught.value.situation == NOT_SAVED
    assert str(caught.value) == (
        f"Nothing was saved to {db}: the disk is full (No space left on device)."
    )
    assert str(in_chinese.value) == (f"未能保存到 {db}：磁盘已满（No space left on device）。")
    assert [r["points"] for r in Store(db).records("study")] == [1, 2]
    store.add("study", {"date": "2026-03-01", "points": 3})  # once there is room again
    assert len(Store(db).records("study")) == 3


def test_a_full_disk_while_backing_up_changes_nothing(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db, today=TODAY.subtract(days=1)).add("study", {"points": 1, "note": "x" * 500})
    before = every_file(db.parent)
    failed = fill_the_disk(monkeypatch, db.parent / "backups")
    with pytest.raises(DataFileError) as caught:
        Store(db, today=TODAY).add("study", {"points": 2})  # the day's first change: a backup
    monkeypatch.undo()
    assert len(failed) == 1
    assert every_file(db.parent) == before
    assert str(caught.value) == (
        f"Nothing was saved to {db}: the backup before the change could not be written to"
        f" {db.parent / 'backups'}: the disk is full (No space left on device)."
        ""
    )


def test_a_file_size_limit_leaves_the_old_file_and_no_temp_file(
    db: Path, make_env: Callable[..., dict[str, str]]
) -> None:
    """`ulimit -f 8`: a process may write files of 8 KiB at most (EFBIG past that)."""
    seeded(db)
    Store(db, today=TODAY).add("person", {"name": "李强", "note": "长" * 2000})  # 6 KB of text
    before = every_file(db.parent)
    assert 6_000 < len(before["cadre.json"]) < 8192
    note = "z" * 4000  # the file would pass 8 KiB
    done = subprocess.run(
        ["bash", "-c", 'ulimit -f 8 && exec "$@"', "bash", str(CADRE), "add", "study"]
        + ["--points", "4", "--date", "2026-03-02", "--note", note],
        env=make_env(db),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 3, done.stderr
    assert done.stderr == (
        f"error: Nothing was saved to {db}: the file would pass the size limit (File too large;"
        " see ulimit -f).\n"
    )
    assert every_file(db.parent) == before
    assert Store(db).records("study")  # still a good file


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_write_failures_never_advise_a_restore(
    db: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    store = seeded(db)
    set_language(lang)
    fill_the_disk(monkeypatch, db.parent)
    with pytest.raises(DataFileError) as caught:
        store.add("study", {"date": "2026-03-01", "points": 3, "note": "y" * 500})
    message = str(caught.value)
    assert "restore" not in message and "backups" not in message
    said_unchanged = (
        "as it was",
        "Nothing was saved",
        "unchanged",
        "保持原样",
        "未改动",
        "未能保存",
    )
    assert sum(message.count(words) for words in said_unchanged) == 1, message
