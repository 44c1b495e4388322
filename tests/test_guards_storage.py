"""Guards of the storage layer that a broken change would slip past: the fsyncs of a write and
their order, the three ownership checks (stat results injected) and a symlinked folder on reading.

Each test here was seen to fail with the guard it names taken out of tui/core/storage.py."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import CADRE, TODAY, cadre_env

from tui.core.storage import DataFileError, atomic_write, ensure_private_folder
from tui.core.store import Store

STRANGER = 65534  # nobody: an owner that is neither the tests' user (root) nor root

Event = tuple[str, ...]


def fd_path(fd: int) -> str:
    """The path an open descriptor of this process refers to."""
    return os.readlink(f"/proc/self/fd/{fd}")


@pytest.fixture
def disk_events(monkeypatch: pytest.MonkeyPatch) -> list[Event]:
    """Every write, fsync and replace from now on, as ("write"|"fsync", path) and
    ("replace", source, target), in the order they happen (the real calls are still made)."""
    events: list[Event] = []
    real_write, real_fsync, real_replace = os.write, os.fsync, os.replace

    def write(fd: int, data: bytes) -> int:
        events.append(("write", fd_path(fd)))
        return real_write(fd, data)

    def fsync(fd: int) -> None:
        events.append(("fsync", fd_path(fd)))
        real_fsync(fd)

    def replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        events.append(("replace", str(source), str(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return events


def events_of_one_write(events: list[Event], target: Path) -> list[Event]:
    """The events of the atomic write that put `target` in place: from the first write to its
    temp file to the first fsync of its folder after the replace."""
    swap = next(i for i, e in enumerate(events) if e[0] == "replace" and e[2] == str(target))
    temp = events[swap][1]
    start = next(i for i, e in enumerate(events) if e[1:] == (temp,))
    end = next(i for i, e in enumerate(events) if i > swap and e == ("fsync", str(target.parent)))
    return [e for e in events[start : end + 1] if e[1] in (temp, str(target.parent))]


def test_a_write_fsyncs_the_temp_file_then_replaces_then_fsyncs_the_folder(
    tmp_path: Path, disk_events: list[Event]
) -> None:
    target = tmp_path / "file.json"
    target.write_bytes(b"old")
    atomic_write(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    temp = disk_events[0][1]
    assert Path(temp).parent == tmp_path and temp.endswith(".tmp")
    assert [e for e in disk_events if e[0] != "write"] == [
        ("fsync", temp),
        ("replace", temp, str(target)),
        ("fsync", str(tmp_path)),
    ]
    assert disk_events[-3] == ("fsync", temp)  # after the last write to it


def test_a_store_change_reaches_the_disk_in_that_order(db: Path, disk_events: list[Event]) -> None:
    Store(db, today=TODAY).add("study", {"points": 1})
    first = events_of_one_write(disk_events, db)
    temp = first[0][1]
    assert [e for e in first if e[0] != "write"] == [
        ("fsync", temp),
        ("replace", temp, str(db)),
        ("fsync", str(db.parent)),
    ]
    assert first[0][0] == "write" and first[-3] == ("fsync", temp)


# ownership: the stat results say a stranger owns the file, its folder or the lock ------------


def owned_by_stranger(info: os.stat_result) -> os.stat_result:
    """`info` with another owner (every other figure kept, the nanosecond times too)."""
    kind, (fields, extra) = info.__reduce__()
    fields = list(fields)
    fields[4] = STRANGER  # st_uid
    return kind(fields, extra)


def stranger_owns(
    monkeypatch: pytest.MonkeyPatch, name: str, wanted: Callable[[int | str | Path], bool]
) -> None:
    """Make `os.<name>` (lstat, fstat or stat) report a stranger as the owner of what `wanted`."""
    real = getattr(os, name)

    def fake(target: int | str | Path, *args: object, **kwargs: object) -> os.stat_result:
        info = real(target, *args, **kwargs)
        return owned_by_stranger(info) if wanted(target) else info

    monkeypatch.setattr(os, name, fake)


def a_valid_file(db: Path) -> bytes:
    """Make a data file holding one record; returns its bytes."""
    Store(db, today=TODAY).add("study", {"points": 7})
    return db.read_bytes()


def test_a_data_file_owned_by_another_user_is_refused(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = a_valid_file(db)
    stranger_owns(monkeypatch, "fstat", lambda fd: isinstance(fd, int) and fd_path(fd) == str(db))
    with pytest.raises(DataFileError, match=rf"{db}: it belongs to another user \(uid 65534\)"):
        Store(db, today=TODAY).records("study")
    with pytest.raises(DataFileError, match=r"it belongs to another user \(uid 65534\)"):
        Store(db, today=TODAY).add("study", {"date": "2026-03-01", "points": 2})
    assert db.read_bytes() == before


def test_a_data_folder_owned_by_another_user_is_refused_on_reading(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = a_valid_file(db)
    stranger_owns(monkeypatch, "lstat", lambda path: str(path) == str(db.parent))
    folder = rf"{db.parent}: it belongs to another user \(uid 65534\)"
    with pytest.raises(DataFileError, match=folder):
        Store(db, today=TODAY).records("study")
    with pytest.raises(DataFileError, match=folder):
        Store(db, today=TODAY).add("study", {"date": "2026-03-01", "points": 2})
    assert db.read_bytes() == before


def test_a_folder_owned_by_another_user_is_not_written_into(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir(mode=0o700)
    stranger_owns(monkeypatch, "lstat", lambda path: str(path) == str(folder))
    with pytest.raises(DataFileError, match=rf"{folder}: it belongs to another user"):
        ensure_private_folder(folder)
    ensure_private_folder(tmp_path)  # the caller's own folder passes


def test_a_lock_file_owned_by_another_user_is_refused(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = a_valid_file(db)
    lock = db.with_name("cadre.json.lock")
    assert lock.exists()
    stranger_owns(monkeypatch, "fstat", lambda fd: isinstance(fd, int) and fd_path(fd) == str(lock))
    with pytest.raises(DataFileError, match=rf"{lock}: it belongs to another user \(uid 65534\)"):
        Store(db, today=TODAY).add("study", {"date": "2026-03-01", "points": 2})
    assert db.read_bytes() == before


# a symlinked data folder, on the read path --------------------------------------------------


def test_a_data_folder_that_is_a_symlink_is_refused_when_reading(tmp_path: Path) -> None:
    real = tmp_path / "real"
    before = a_valid_file(real / "cadre.json")
    (tmp_path / "data").symlink_to(real)
    linked = tmp_path / "data" / "cadre.json"
    with pytest.raises(DataFileError, match=rf"{tmp_path / 'data'}: .*symbolic link"):
        Store(linked, today=TODAY).records("study")
    done = subprocess.run(
        [*CADRE, "list", "study"],
        env=cadre_env(linked),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 3
    assert done.stdout == ""
    assert f"{tmp_path / 'data'}: it is a symbolic link" in done.stderr
    assert "Traceback" not in done.stderr
    assert (real / "cadre.json").read_bytes() == before
