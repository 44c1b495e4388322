"""The safe TinyDB storage: exclusive lock, atomic replace, stat-signature cache and backups.

It refuses files it cannot trust (empty, not JSON, not cadre, newer, symlinked, foreign)."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import gc
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from tui.core.i18n import t
from tui.core.migrate import SCHEMA_VERSION, Data, schema_version

FILE_MODE = 0o600
FOLDER_MODE = 0o700
BACKUP_FOLDER = "backups"
DEFAULT_LOCK_TIMEOUT = 5.0

Signature = tuple[int, int, int]


class DataFileError(Exception):
    """The data file cannot be used; the message names the file, the problem and the newest backup."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        newest = newest_backup(path)
        advice = t("file.newest_backup", backup=newest) if newest else t("file.no_backup")
        super().__init__(t("file.refused", path=path, problem=problem, advice=advice))


def ensure_private_folder(folder: Path) -> None:
    """Create `folder` (and its parents) 0700 if missing; refuse a symlink or a stranger's folder."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=FOLDER_MODE, exist_ok=True)
        os.chmod(folder, FOLDER_MODE)
    info = os.lstat(folder)
    if stat.S_ISLNK(info.st_mode):
        raise DataFileError(folder, t("file.symlink"))
    if info.st_uid not in (os.getuid(), 0):
        raise DataFileError(folder, t("file.not_owner", uid=info.st_uid))


def fsync_folder(folder: Path) -> None:
    """Make a rename inside `folder` durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, payload: bytes) -> os.stat_result:
    """Write `payload` to `path` as a 0600 file: temp file, fsync, os.replace, fsync the folder."""
    folder = path.parent
    temp = folder / f".{path.name}.{os.urandom(6).hex()}.tmp"
    fd = os.open(
        temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
            info = os.fstat(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    fsync_folder(folder)
    return info


def backup_folder(path: Path) -> Path:
    """Where the backups of the data file at `path` live."""
    return path.parent / BACKUP_FOLDER


def list_backups(path: Path) -> list[Path]:
    """The backups of `path`, oldest first."""
    folder = backup_folder(path)
    if not folder.is_dir():
        return []
    prefix = f"{path.stem}-"
    return sorted(p for p in folder.iterdir() if p.name.startswith(prefix) and p.suffix == ".json")


def newest_backup(path: Path) -> Path | None:
    """The most recent backup of `path`, if any."""
    backups = list_backups(path)
    return backups[-1] if backups else None


def parse_data(raw: bytes, path: Path) -> Data:
    """Parse and vet the bytes of a data file, or raise DataFileError saying what is wrong."""
    if not raw or raw.isspace():
        raise DataFileError(path, t("file.empty"))
    gc.disable()  # parsing makes many objects and no cycles; the collector only slows it down
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise DataFileError(path, t("file.not_json", detail=str(error).split(":")[0])) from None
    finally:
        gc.freeze()  # what was just parsed lives as long as the process: keep it out of later scans
        gc.enable()
    version = schema_version(data)
    if version is None:
        raise DataFileError(path, t("file.not_cadre", detail="_meta.schema_version"))
    if version > SCHEMA_VERSION:
        raise DataFileError(path, t("file.newer", version=version, supported=SCHEMA_VERSION))
    for name, docs in data.items():  # every document is an object (a set of types is quick)
        if set(map(type, docs.values())) - {dict}:
            key = next(key for key, doc in docs.items() if type(doc) is not dict)
            raise DataFileError(path, t("file.not_cadre", detail=f"{name}.{key}"))
    return data


def dump_data(data: Data) -> bytes:
    """The bytes of a data file: UTF-8 JSON with CJK written as is."""
    return orjson.dumps(data)


class SafeStorage(Storage):
    """A TinyDB storage that never loses an acknowledged write and never trusts a bad file.

    Writes must happen inside `locked()`; reads are served from memory while the file's
    (inode, size, mtime_ns) signature is unchanged."""

    def __init__(self, path: str | os.PathLike[str], lock_timeout: float | None = None) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        timeout = lock_timeout if lock_timeout is not None else os.environ.get("CADRE_LOCK_TIMEOUT")
        self.lock_timeout = float(timeout) if timeout is not None else DEFAULT_LOCK_TIMEOUT
        self.warnings: list[str] = []
        self._data: Data | None = None
        self._signature: Signature | None = None
        self._lock_fd: int | None = None
        self._lock_depth = 0

    # reading -------------------------------------------------------------------------

    def signature(self) -> Signature | None:
        """The current (inode, size, mtime_ns) of the file, or None when it does not exist."""
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (info.st_ino, info.st_size, info.st_mtime_ns)

    def read(self) -> Data | None:
        """The parsed file, re-read only when its stat signature changed; None when it is missing."""
        if self._data is not None and self.signature() == self._signature:
            return self._data
        self.check_path()
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except FileNotFoundError:
            self._data, self._signature = None, None
            return None
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise DataFileError(self.path, t("file.symlink")) from None
            raise DataFileError(self.path, t("file.unreadable", detail=error.strerror)) from None
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            self._check_owner(info)
            raw = handle.read()
        self._tighten(info)
        self._data = parse_data(raw, self.path)
        self._signature = (info.st_ino, info.st_size, info.st_mtime_ns)
        return self._data

    def read_bytes(self) -> bytes:
        """The file's bytes as they are on disk (for backups)."""
        return self.path.read_bytes()

    def check_path(self) -> None:
        """Refuse a data file that is a symlink or not a regular file, or a folder not ours."""
        info = None
        with contextlib.suppress(FileNotFoundError):
            info = os.lstat(self.path)
        if info is not None:
            if stat.S_ISLNK(info.st_mode):
                raise DataFileError(self.path, t("file.symlink"))
            if not stat.S_ISREG(info.st_mode):
                raise DataFileError(self.path, t("file.not_regular"))
        if self.path.parent.exists():
            folder = os.lstat(self.path.parent)
            if stat.S_ISLNK(folder.st_mode):
                raise DataFileError(self.path.parent, t("file.symlink"))
            if folder.st_uid not in (os.getuid(), 0):
                raise DataFileError(self.path.parent, t("file.not_owner", uid=folder.st_uid))

    def _check_owner(self, info: os.stat_result) -> None:
        if info.st_uid != os.getuid():
            raise DataFileError(self.path, t("file.not_owner", uid=info.st_uid))

    def _tighten(self, info: os.stat_result) -> None:
        mode = stat.S_IMODE(info.st_mode)
        if mode & 0o077:
            os.chmod(self.path, FILE_MODE)
            self.warnings.append(
                t("file.tightened", path=self.path, old=f"{mode:04o}", new=f"{FILE_MODE:04o}")
            )

    # writing -------------------------------------------------------------------------

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Atomically replace the file with `data`; the caller holds the lock."""
        if self._lock_depth == 0:
            raise RuntimeError("SafeStorage.write called without the lock")
        try:
            payload = dump_data(data)
            ensure_private_folder(self.path.parent)
            self._remove_stale_temp_files()
            info = atomic_write(self.path, payload)
        except OSError as error:
            self._data, self._signature = None, None
            raise DataFileError(self.path, t("file.write_failed", detail=error.strerror)) from None
        except Exception:
            self._data, self._signature = None, None
            raise
        self._data = data
        self._signature = (info.st_ino, info.st_size, info.st_mtime_ns)

    def _remove_stale_temp_files(self) -> None:
        """Delete temp copies left by a writer killed mid-write (only the lock holder makes them)."""
        prefix = f".{self.path.name}."
        for entry in os.scandir(self.path.parent):
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp") and entry.is_file():
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the exclusive lock on `cadre.json.lock` (re-entrant within this process)."""
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        ensure_private_folder(self.path.parent)
        fd = self._open_lock()
        try:
            self._acquire(fd)
            self._lock_fd, self._lock_depth = fd, 1
            try:
                yield
            finally:
                self._lock_depth, self._lock_fd = 0, None
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def _open_lock(self) -> int:
        try:
            fd = os.open(
                self.lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE
            )
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise DataFileError(self.lock_path, t("file.symlink")) from None
            raise DataFileError(
                self.lock_path, t("file.unreadable", detail=error.strerror)
            ) from None
        info = os.fstat(fd)
        if info.st_uid != os.getuid() or not stat.S_ISREG(info.st_mode):
            os.close(fd)
            raise DataFileError(self.lock_path, t("file.not_owner", uid=info.st_uid))
        return fd

    def _acquire(self, fd: int) -> None:
        deadline = time.monotonic() + self.lock_timeout
        pause = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise DataFileError(
                        self.path,
                        t("file.locked", pid=self.lock_holder() or "?", seconds=self.lock_timeout),
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
            except OSError as error:
                if error.errno in (errno.ENOLCK, errno.EOPNOTSUPP):
                    raise DataFileError(
                        self.path, t("file.nolock", detail=error.strerror)
                    ) from None
                raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)

    def lock_holder(self) -> int | None:
        """The pid written in the lock file by whoever holds (or last held) the lock."""
        try:
            text = self.lock_path.read_text().strip()
        except OSError:
            return None
        return int(text) if text.isdecimal() else None

    def lock_is_free(self) -> bool:
        """True when nobody holds the lock right now."""
        if not self.lock_path.exists():
            return True
        fd = self._open_lock()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        finally:
            os.close(fd)
        return True

    # backups -------------------------------------------------------------------------

    def backup(self, reason: str, keep: int, stamp: str) -> Path | None:
        """Copy the file as it is now into backups/ (0600, folder 0700) and keep the newest `keep`.

        `stamp` is the local time as YYYYMMDD-HHMMSS; backup names sort by it."""
        if not self.path.exists():
            return None
        folder = backup_folder(self.path)
        ensure_private_folder(folder)
        os.chmod(folder, FOLDER_MODE)
        target = folder / f"{self.path.stem}-{stamp}-{reason}.json"
        counter = 1
        while target.exists():
            counter += 1
            target = folder / f"{self.path.stem}-{stamp}-{reason}-{counter}.json"
        try:
            atomic_write(target, self.read_bytes())
            for old in list_backups(self.path)[:-keep] if keep > 0 else []:
                old.unlink()
        except OSError as error:  # a full disk, say: the change is not made, and said so
            raise DataFileError(target, t("file.write_failed", detail=error.strerror)) from None
        return target

    def backed_up_on(self, day: str) -> bool:
        """True when a backup was taken on `day` (YYYY-MM-DD)."""
        stamp = day.replace("-", "")
        return any(p.name.startswith(f"{self.path.stem}-{stamp}-") for p in list_backups(self.path))

    def close(self) -> None:
        """Nothing to release: the lock is only held inside `locked()`."""
