"""SafeStorage on real files: modes, the lock, atomic replace, symlinks and files it must refuse.

Command-line behaviour of the same cases (exit 3, messages) is in tests/cli/test_core_cli.py."""

from __future__ import annotations

import fcntl
import hashlib
import os
import stat
from pathlib import Path

import pendulum
import pytest

from tui.core import storage
from tui.core.storage import DataFileError, SafeStorage, atomic_write, parse_data
from tui.core.store import Store, restore_backup

TODAY = pendulum.date(2026, 3, 18)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_a_new_file_is_0600_in_a_0700_folder_with_a_0600_lock(store: Store) -> None:
    store.add("study", {"points": 1})
    assert mode(store.path) == 0o600
    assert mode(store.path.parent) == 0o700
    assert mode(store.path.with_name("cadre.json.lock")) == 0o600


def test_modes_do_not_depend_on_the_umask(db: Path) -> None:
    old = os.umask(0)
    try:
        Store(db, today=TODAY).add("study", {"points": 1})
    finally:
        os.umask(old)
    assert (mode(db), mode(db.parent), mode(db.with_name("cadre.json.lock"))) == (
        0o600,
        0o700,
        0o600,
    )


def test_a_loose_file_is_tightened_with_a_warning(store: Store) -> None:
    store.add("study", {"points": 1})
    store.path.chmod(0o644)
    fresh = Store(store.path, today=TODAY)
    assert len(fresh.records("study")) == 1
    assert mode(store.path) == 0o600
    assert len(fresh.warnings) == 1
    assert str(store.path) in fresh.warnings[0] and "0644" in fresh.warnings[0]


def test_atomic_write_replaces_whole_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "file.json"
    target.write_bytes(b"old")
    target.chmod(0o644)
    atomic_write(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.json"]


def test_a_failed_replace_keeps_the_old_file_and_removes_the_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.json"
    target.write_bytes(b"old")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.json"]


@pytest.mark.parametrize("failing", ["backups", "data"])
def test_a_failed_write_is_a_data_file_error_and_changes_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    store.add("study", {"points": 1})
    before = store.path.read_bytes()
    real = storage.atomic_write

    def full(path: str | os.PathLike[str], payload: bytes) -> os.stat_result:
        if Path(path).parent.name == failing:
            raise OSError(28, "No space left on device")
        return real(path, payload)

    monkeypatch.setattr(storage, "atomic_write", full)
    with pytest.raises(DataFileError, match="No space left"):
        store.add("study", {"date": "2026-03-01", "points": 2})
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert [r["points"] for r in store.records("study")] == [1]


def test_writing_without_the_lock_is_a_programming_error(db: Path) -> None:
    with pytest.raises(RuntimeError):
        SafeStorage(db).write({"_meta": {"1": {"schema_version": 1}}})
    assert not db.exists()


def test_the_lock_is_reentrant_within_a_process(store: Store) -> None:
    with store.transaction() as data, store.storage.locked():
        data["_meta"]["1"]["schema_version"] = 1
    assert store.storage.lock_is_free()


def hold_lock(db: Path, pid: str = "424242") -> int:
    """Take the lock the way another process would (its own open file description)."""
    db.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(db.with_name(db.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.ftruncate(fd, 0)
    os.write(fd, f"{pid}\n".encode())
    return fd


def test_a_held_lock_ends_in_a_data_file_error_naming_the_holder(db: Path) -> None:
    Store(db, today=TODAY).add("study", {"points": 1})
    before = db.read_bytes()
    fd = hold_lock(db)  # by this process, which writes a pid that is not its own in the file
    try:
        store = Store(db, today=TODAY, lock_timeout=0.2)
        assert not store.storage.lock_is_free()
        assert store.storage.lock_holder() == os.getpid()  # from the kernel, not the file
        with pytest.raises(DataFileError, match=f"process {os.getpid()} ") as caught:
            store.add("study", {"date": "2026-03-01", "points": 2})
        assert "424242" not in str(caught.value)
        assert len(store.records("study")) == 1  # reading needs no lock
    finally:
        os.close(fd)
    assert db.read_bytes() == before
    Store(db, today=TODAY, lock_timeout=0.2).add("study", {"date": "2026-03-01", "points": 2})


def test_the_lock_timeout_comes_from_the_environment(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CADRE_LOCK_TIMEOUT", "0.3")
    assert Store(db).storage.lock_timeout == 0.3
    assert Store(db, lock_timeout=2).storage.lock_timeout == 2
    monkeypatch.delenv("CADRE_LOCK_TIMEOUT")
    assert Store(db).storage.lock_timeout == storage.DEFAULT_LOCK_TIMEOUT


# files that must be refused ------------------------------------------------------------

BAD_FILES = {
    "empty": (b"", "empty"),
    "blank": (b"  \n", "empty"),
    "garbage": (b"\x00\xff\xfe garbage \x1b[2J", "not valid JSON"),
    "truncated": (b'{"_meta": {"1": {"schema_version": 1}}, "study": {"1": {', "not valid JSON"),
    "a list": (b"[]", "not a cadre data file"),
    "other json": (b'{"frames": [], "version": 3}', "not a cadre data file"),
    "text version": (b'{"_meta": {"1": {"schema_version": "1"}}}', "not a cadre data file"),
    "zero version": (b'{"_meta": {"1": {"schema_version": 0}}}', "not a cadre data file"),
    "table not a map": (
        b'{"_meta": {"1": {"schema_version": 1}}, "study": []}',
        "not a cadre data file",
    ),
    "newer": (b'{"_meta": {"1": {"schema_version": 999}}}', "999"),
    "record not a map": (
        b'{"_meta": {"1": {"schema_version": 1}}, "study": {"1": {}, "2": 5}}',
        "not a cadre data file (study.2)",
    ),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_is_refused_and_left_as_it_was(db: Path, name: str) -> None:
    raw, problem = BAD_FILES[name]
    db.parent.mkdir(mode=0o700)
    db.write_bytes(raw)
    db.chmod(0o600)
    store = Store(db, today=TODAY)
    for action in (
        lambda: store.records("study"),
        lambda: store.add("study", {"points": 5}),
        lambda: store.save_settings({"study_target": 5}),
    ):
        with pytest.raises(DataFileError) as caught:
            action()
        assert str(db) in str(caught.value) and problem in str(caught.value)
        assert "no backup" in str(caught.value)
    assert db.read_bytes() == raw
    assert sorted(p.name for p in db.parent.iterdir()) == ["cadre.json", "cadre.json.lock"]


def test_the_refusal_names_the_newest_backup(db: Path) -> None:
    Store(db, today=pendulum.date(2026, 3, 1)).add("study", {"points": 1})
    Store(db, today=pendulum.date(2026, 3, 2)).add("study", {"points": 2})
    Store(db, today=pendulum.date(2026, 3, 3)).add("study", {"points": 3})
    db.write_bytes(b"")
    with pytest.raises(DataFileError) as caught:
        Store(db, today=TODAY).records("study")
    newest = sorted((db.parent / "backups").iterdir())[-1]
    assert "20260303" in newest.name
    assert str(newest) in str(caught.value)


def test_parse_data_accepts_a_cadre_file() -> None:
    data = parse_data(b'{"_meta": {"1": {"schema_version": 1}}, "study": {}}', Path("x"))
    assert data["_meta"]["1"]["schema_version"] == 1


# links and strangers' files ------------------------------------------------------------


def test_a_data_file_that_is_a_symlink_is_refused_and_not_written_through(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.json"
    Store(real, today=TODAY).add("study", {"points": 1})
    before = real.read_bytes()
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    link = folder / "cadre.json"
    link.symlink_to(real)
    store = Store(link, today=TODAY)
    with pytest.raises(DataFileError, match="symbolic link"):
        store.records("study")
    with pytest.raises(DataFileError, match="symbolic link"):
        store.add("study", {"date": "2026-03-01", "points": 2})
    with pytest.raises(DataFileError, match="symbolic link"):
        restore_backup(store, before)  # a restore does not replace the link either
    assert real.read_bytes() == before
    assert link.is_symlink()
    assert sorted(p.name for p in folder.iterdir()) == ["cadre.json", "cadre.json.lock"]


def test_a_dangling_data_file_symlink_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    (folder / "cadre.json").symlink_to(tmp_path / "planted.json")
    with pytest.raises(DataFileError, match="symbolic link"):
        Store(folder / "cadre.json", today=TODAY).add("study", {"points": 2})
    assert not (tmp_path / "planted.json").exists()


def test_a_lock_file_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (folder / "cadre.json.lock").symlink_to(victim)
    with pytest.raises(DataFileError, match="symbolic link"):
        Store(folder / "cadre.json", today=TODAY).add("study", {"points": 2})
    assert victim.read_text() == "precious"
    assert not (folder / "cadre.json").exists()
    (folder / "cadre.json.lock").unlink()
    (folder / "cadre.json.lock").symlink_to(tmp_path / "planted.lock")
    with pytest.raises(DataFileError, match="symbolic link"):
        Store(folder / "cadre.json", today=TODAY).add("study", {"points": 2})
    assert not (tmp_path / "planted.lock").exists()


def test_a_data_folder_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "data").symlink_to(real)
    with pytest.raises(DataFileError, match="symbolic link"):
        Store(tmp_path / "data" / "cadre.json", today=TODAY).add("study", {"points": 2})
    assert list(real.iterdir()) == []


def test_a_directory_in_place_of_the_file_is_refused(db: Path) -> None:
    db.mkdir(parents=True)
    with pytest.raises(DataFileError, match="not a regular file"):
        Store(db, today=TODAY).records("study")
    with pytest.raises(DataFileError, match="not a regular file"):
        Store(db, today=TODAY).add("study", {"points": 1})
    assert db.is_dir()


def test_the_digest_is_that_of_the_bytes_last_read_or_written(store: Store, db: Path) -> None:
    def blake2b(raw: bytes) -> str:
        return hashlib.blake2b(raw, digest_size=32).hexdigest()

    assert store.digest() is None  # no file yet
    store.add("study", {"points": 1})
    assert store.storage.digest() == blake2b(db.read_bytes())  # as written
    written = db.read_bytes()
    db.write_bytes(written.replace(b'"points":1', b'"points":2'))
    fresh = SafeStorage(db)
    fresh.read()
    assert fresh.digest() == blake2b(db.read_bytes()) != blake2b(written)  # as read
    assert storage.Digest(b"").value() == blake2b(b"")
