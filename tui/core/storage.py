"""The safe TinyDB storage: exclusive lock, atomic replace, stat-signature cache, digest, backups.

It refuses files it cannot trust (damaged, newer, linked, foreign) and changes to read-only ones."""

from __future__ import annotations

import _blake2
import _thread
import contextlib
import errno
import fcntl
import gc
import math
import os
import re
import signal
import stat
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import orjson

from tui.core.i18n import t
from tui.core.migrate import SCHEMA_VERSION, Data, schema_version

if TYPE_CHECKING:
    from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
BACKUP_FOLDER = "backups"
DEFAULT_LOCK_TIMEOUT = 5.0
PROC_LOCKS = "/proc/locks"  # the kernel's table of file locks (Linux)
PEEK_BYTES = 64  # how much of each end of a backup the quick look reads

Signature = tuple[int, int, int]
AnyPath = str | os.PathLike[str]

# What a DataFileError is about: each is the catalog key of its message.
DAMAGED = "file.refused"  # the file's content cannot be used: the newest good backup is named
UNUSABLE = "file.unusable"  # the file is not cadre's to use (a link, a stranger's, unreadable)
NOT_SAVED = "file.not_saved"  # a change could not be written (lock, read-only, disk full)
BAD_BACKUP = "file.bad_backup"  # a backup cannot be restored from

# Why a write failed, in the user's language (the C library's strerror is English only).
WRITE_ERRORS = {
    errno.ENOSPC: "file.disk_full",
    errno.EDQUOT: "file.quota",
    errno.EFBIG: "file.too_large",
    errno.EROFS: "file.read_only_fs",
    errno.EACCES: "file.denied",
    errno.EPERM: "file.denied",
}


class DataFileError(Exception):
    """The data file cannot be used, or a change to it could not be saved.

    The message names the file and the problem; only when the file itself is damaged does it
    name the newest good backup (elsewhere a restore would throw away good changes)."""

    def __init__(self, path: AnyPath, problem: str, situation: str = UNUSABLE) -> None:
        self.path = as_path(path)
        self.problem = problem
        self.situation = situation
        advice = ""
        if situation == DAMAGED:
            good = newest_good_backup(path)
            advice = t("file.newest_backup", backup=good) if good else t("file.no_backup")
        super().__init__(t(situation, path=path, problem=problem, advice=advice))


class ContentProblem(ValueError):
    """The bytes of a data file (or backup) are not a cadre file this program can use."""


def as_path(path: AnyPath) -> Path:
    """`path` as a pathlib Path, for the callers that want one. pathlib is loaded only then:
    it is some 14 ms of a command's start, and a command's own work goes by plain strings."""
    from pathlib import Path

    return Path(path)


def write_problem(error: OSError) -> str:
    """Why a write failed, in words, with the system's own beside them: `the disk is full (…)`."""
    key = WRITE_ERRORS.get(error.errno or 0, "file.write_failed")
    return t(key, detail=error.strerror or str(error))


def ensure_private_folder(folder: AnyPath) -> None:
    """Create `folder` (and its parents) 0700 if missing; refuse a symlink or a stranger's folder."""
    if not os.path.exists(folder):
        os.makedirs(folder, mode=FOLDER_MODE, exist_ok=True)
        os.chmod(folder, FOLDER_MODE)
    info = os.lstat(folder)
    if stat.S_ISLNK(info.st_mode):
        raise DataFileError(folder, t("file.symlink"))
    if info.st_uid not in (os.getuid(), 0):
        raise DataFileError(folder, t("file.not_owner", uid=info.st_uid))


def fsync_folder(folder: AnyPath) -> None:
    """Make a rename inside `folder` durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: AnyPath, payload: bytes, durable: bool = True) -> os.stat_result:
    """Write `payload` to `path` as a 0600 file: temp file, fsync, os.replace, fsync the folder
    (the two syncs left out when not `durable`: a note that may be lost in a crash).

    Any failure before the replace (a full disk, a file-size limit) removes the temp file and
    leaves `path` as it was. A `path` that is a device, a FIFO or a folder is refused (OSError,
    EEXIST): replacing it would take `/dev/null` away from a root user who exports to it."""
    path = plain_path(path)
    with contextlib.suppress(FileNotFoundError):
        kind = stat.S_IFMT(os.lstat(path).st_mode)
        if kind not in (stat.S_IFREG, stat.S_IFLNK):  # a link itself is replaced, not its target
            raise OSError(errno.EEXIST, t("file.not_regular"), str(path))
    folder, name = folder_and_name(path)
    temp = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.tmp")
    fd = os.open(
        temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE
    )
    try:
        try:
            left = memoryview(payload)
            while left:
                left = left[os.write(fd, left) :]
            if durable:
                os.fsync(fd)
            info = os.fstat(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    if durable:
        fsync_folder(folder)
    return info


def plain_path(path: AnyPath) -> str:
    """`path` as pathlib writes it (no `.` part, no `//`, no `/` at the end); pathlib is loaded
    only for a path that is not written so already."""
    text = os.fspath(path)
    return text if os.path.normpath(text) == text else os.fspath(as_path(text))


def folder_and_name(path: AnyPath) -> tuple[str, str]:
    """The folder a file is in (`.` for a bare name) and its name, as pathlib's `parent` and
    `name` give them (`.` and `/` name no file)."""
    folder, name = os.path.split(plain_path(path))
    return folder or ".", "" if name == "." else name


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) back until the block is done, so that a write and the note that it
    was saved happen together: an interrupted command can then say for certain whether its
    change was saved. The interrupt arrives as soon as the block ends."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


# backups -------------------------------------------------------------------------------------


def backup_folder(path: AnyPath) -> str:
    """Where the backups of the data file at `path` live."""
    return os.path.join(folder_and_name(path)[0], BACKUP_FOLDER)


def stem(path: AnyPath) -> str:
    """The data file's name without its suffix (`cadre` for `cadre.json`), which starts the names
    of its backups."""
    return os.path.splitext(folder_and_name(path)[1])[0]


def _backup_name(path: AnyPath) -> re.Pattern[str]:
    """`cadre-20260318-101502-daily.json`; a second backup in the same second is `…101502.01-…`."""
    return re.compile(rf"{re.escape(stem(path))}-(\d{{8}}-\d{{6}})(?:\.(\d+))?-[\w.-]+\.json")


def backup_names(path: AnyPath) -> list[str]:
    """The names of the backups of `path`, oldest first: by the time in their names, then by the
    order they were taken within that second."""
    pattern = _backup_name(path)
    try:
        with os.scandir(backup_folder(path)) as entries:
            matches = [pattern.fullmatch(entry.name) for entry in entries]
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = sorted((m[1], int(m[2] or 0), m[0]) for m in matches if m)
    return [name for *_, name in found]


def list_backups(path: AnyPath) -> list[Path]:
    """The backups of `path`, oldest first (see `backup_names`)."""
    folder = as_path(backup_folder(path))
    return [folder / name for name in backup_names(path)]


def newest_good_backup(path: AnyPath) -> Path | None:
    """The most recent backup of `path` that is a usable data file, if any."""
    return next((p for p in reversed(list_backups(path)) if backup_problem(p) is None), None)


def backup_problem(path: AnyPath, thorough: bool = True) -> str | None:
    """What makes the backup at `path` unusable (None: nothing found).

    Thorough: read and vetted as a data file. Quick: a file that is empty, or that does not
    begin with `{` and end with `}` (cut short, or overwritten) — two small reads, whatever its
    size."""
    try:
        with open(path, "rb") as handle:
            if thorough:
                vet(handle.read())
                return None
            head = handle.read(PEEK_BYTES).lstrip()
            size = os.fstat(handle.fileno()).st_size
            handle.seek(max(0, size - PEEK_BYTES))
            tail = handle.read().rstrip()
    except ContentProblem as problem:
        return str(problem)
    except OSError as error:
        return t("file.unreadable", detail=error.strerror)
    if not head:
        return t("file.empty")
    if not (head.startswith(b"{") and tail.endswith(b"}")):
        return t("file.cut_short")
    return None


# the file's content --------------------------------------------------------------------------


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Reading and checking make many objects and no cycles: the collector would only slow them
    (it stays off when it was off: `cadre` starts with it off)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Digest:
    """The BLAKE2b digest of a file's bytes, worked out on a second thread while this one parses
    them (the hashing lets go of the GIL, so a second core does it for nothing)."""

    def __init__(self, payload: bytes) -> None:
        self._value: str | None = None
        self._done = _thread.allocate_lock()
        self._done.acquire()
        started = _thread.allocate_lock()
        started.acquire()
        try:
            _thread.start_new_thread(self._work, (payload, started))
        except RuntimeError:  # no thread to be had: the digest is only an optimization
            self._done.release()
            return
        started.acquire()  # until the thread runs: a parse would hold the GIL all along

    def _work(self, payload: bytes, started: _thread.LockType) -> None:
        try:
            started.release()
            self._value = _blake2.blake2b(payload, digest_size=32).hexdigest()
        finally:
            self._done.release()

    def value(self) -> str | None:
        """The digest in hex (None when it could not be worked out), once the thread is done."""
        with self._done:
            return self._value


def vet(raw: bytes) -> Data:
    """Parse the bytes of a data file and check they are one cadre can use; raise ContentProblem
    saying what is wrong."""
    if not raw or raw.isspace():
        raise ContentProblem(t("file.empty"))
    try:
        with collector_paused():
            data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise ContentProblem(t("file.not_json", detail=str(error).split(":")[0])) from None
    finally:
        gc.freeze()  # what was just parsed lives as long as the process: keep it out of later scans
    version = schema_version(data)
    if version is None:
        raise ContentProblem(t("file.not_cadre", detail="_meta.schema_version"))
    if version > SCHEMA_VERSION:
        raise ContentProblem(t("file.newer", version=version, supported=SCHEMA_VERSION))
    for name, docs in data.items():  # every document is an object (a set of types is quick)
        if set(map(type, docs.values())) - {dict}:
            key = next(key for key, doc in docs.items() if type(doc) is not dict)
            raise ContentProblem(t("file.not_cadre", detail=f"{name}.{key}"))
    return data


def parse_data(raw: bytes, path: AnyPath, situation: str = DAMAGED) -> Data:
    """Parse and vet the bytes of the file at `path`, or raise DataFileError saying what is wrong."""
    try:
        return vet(raw)
    except ContentProblem as problem:
        raise DataFileError(path, str(problem), situation) from None


def dump_data(data: Data) -> bytes:
    """The bytes of a data file: UTF-8 JSON with CJK written as is."""
    return orjson.dumps(data)


# the lock's holder ---------------------------------------------------------------------------


def lock_holder_pid(table: str, device: int, inode: int) -> int | None:
    """The pid holding a lock on the file (`device`, `inode`) in a /proc/locks `table`.

    The kernel writes each lock as `1: FLOCK ADVISORY WRITE <pid> <major>:<minor>:<inode> …`
    (waiters as `1: -> FLOCK …`). Device and inode are matched; when no line has the device (a
    file system that shows another one), an inode held by a single process is taken."""
    wanted = f"{os.major(device):02x}:{os.minor(device):02x}:{inode}"
    by_inode: set[int] = set()
    for line in table.splitlines():
        fields = line.split()
        if len(fields) < 6 or fields[1] == "->" or not fields[4].isdecimal():
            continue
        pid = int(fields[4])
        if fields[5] == wanted and pid > 0:
            return pid
        if fields[5].rpartition(":")[2] == str(inode) and pid > 0:
            by_inode.add(pid)
    return by_inode.pop() if len(by_inode) == 1 else None


def describe_holder(pid: int | None) -> str:
    """`process 12777 (flock)`, or `another process` when the holder is not known."""
    if pid is None:
        return t("file.holder_unknown")
    try:
        with open(f"/proc/{pid}/comm") as comm:
            name = comm.read().strip()
    except OSError:
        return t("file.holder", pid=pid)
    return t("file.holder_named", pid=pid, name=name)


def lock_timeout_setting(given: float | None) -> float:
    """How long a writer waits for the lock: `given`, else CADRE_LOCK_TIMEOUT, else 5 s.

    Raises ValueError (holding the value as given) unless it is a finite number ≥ 0: a wait
    that never ends would hang every writer behind a stuck holder."""
    raw = given if given is not None else os.environ.get("CADRE_LOCK_TIMEOUT")
    if raw is None:
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        raise ValueError(raw) from None
    if not (math.isfinite(seconds) and seconds >= 0):
        raise ValueError(raw)
    return seconds


class SafeStorage:
    """A TinyDB storage that never loses an acknowledged write and never trusts a bad file.

    Writes must happen inside `locked()`; reads are served from memory while the file's
    (inode, size, mtime_ns) signature is unchanged. It is one by TinyDB's protocol (read, write,
    close), not by inheritance: the commands never load TinyDB's ~4 ms of tables and queries."""

    def __init__(self, path: AnyPath, lock_timeout: float | None = None) -> None:
        self.file = plain_path(path)
        self.folder = folder_and_name(self.file)[0]
        self.lock_file = self.file + ".lock"
        self.lock_timeout = lock_timeout_setting(lock_timeout)
        self.warnings: list[str] = []
        self._data: Data | None = None
        self._signature: Signature | None = None
        self._digest: Digest | None = None
        self._lock_fd: int | None = None
        self._lock_depth = 0
        self.saved = False  # True once a write of this storage has replaced the file

    @property
    def path(self) -> Path:
        """The data file, as a Path."""
        return as_path(self.file)

    # reading -------------------------------------------------------------------------

    def signature(self) -> Signature | None:
        """The current (inode, size, mtime_ns) of the file, or None when it does not exist."""
        try:
            info = os.stat(self.file)
        except FileNotFoundError:
            return None
        return (info.st_ino, info.st_size, info.st_mtime_ns)

    def read(self) -> Data | None:
        """The parsed file, re-read only when its stat signature changed; None when it is missing."""
        if self._data is not None and self.signature() == self._signature:
            return self._data
        self.check_path()
        try:
            fd = os.open(self.file, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except FileNotFoundError:
            self._data, self._signature, self._digest = None, None, None
            return None
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise DataFileError(self.file, t("file.symlink")) from None
            raise DataFileError(self.file, t("file.unreadable", detail=error.strerror)) from None
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            self._check_owner(info)
            raw = handle.read()
        self._tighten(info)
        digest = Digest(raw)
        self._data = parse_data(raw, self.file)
        self._signature = (info.st_ino, info.st_size, info.st_mtime_ns)
        self._digest = digest
        return self._data

    def digest(self) -> str | None:
        """The digest of the bytes last read or written (None before either, or when unknown)."""
        return None if self._digest is None else self._digest.value()

    def read_bytes(self) -> bytes:
        """The file's bytes as they are on disk (for backups)."""
        with open(self.file, "rb") as handle:
            return handle.read()

    def check_path(self) -> None:
        """Refuse a data file that is a symlink or not a regular file, or a folder not ours; a
        path the system cannot look up (a name too long, a file used as a folder) too."""
        info = None
        try:
            info = os.lstat(self.file)
        except FileNotFoundError:
            pass
        except OSError as error:
            raise DataFileError(self.file, t("file.unreadable", detail=error.strerror)) from None
        if info is not None:
            if stat.S_ISLNK(info.st_mode):
                raise DataFileError(self.file, t("file.symlink"))
            if not stat.S_ISREG(info.st_mode):
                raise DataFileError(self.file, t("file.not_regular"))
        if os.path.exists(self.folder):
            folder = os.lstat(self.folder)
            if stat.S_ISLNK(folder.st_mode):
                raise DataFileError(self.folder, t("file.symlink"))
            if folder.st_uid not in (os.getuid(), 0):
                raise DataFileError(self.folder, t("file.not_owner", uid=folder.st_uid))

    def check_writable(self) -> None:
        """Refuse a change when the data file or its folder is read-only.

        Its owner made it so on purpose (chmod a-w), so the atomic replace, which only needs the
        folder to be writable, must not quietly undo that. A read-only file system counts too."""
        for target in (self.file, self.folder):
            try:
                info = os.lstat(target)  # a link is refused as such when the file is read
            except FileNotFoundError:
                continue
            mode = f"{stat.S_IMODE(info.st_mode):04o}"
            if info.st_uid == os.getuid() and not info.st_mode & stat.S_IWUSR:
                raise DataFileError(target, t("file.read_only", mode=mode), NOT_SAVED)
            if not os.access(target, os.W_OK, follow_symlinks=False):
                raise DataFileError(target, t("file.not_writable", mode=mode), NOT_SAVED)

    def _check_owner(self, info: os.stat_result) -> None:
        if info.st_uid != os.getuid():
            raise DataFileError(self.file, t("file.not_owner", uid=info.st_uid))

    def _tighten(self, info: os.stat_result) -> None:
        """Take away what group and others may do (a read-only file stays read-only)."""
        mode = stat.S_IMODE(info.st_mode)
        if mode & 0o077:
            tight = mode & 0o700
            os.chmod(self.file, tight)
            self.warnings.append(
                t("file.tightened", path=self.file, old=f"{mode:04o}", new=f"{tight:04o}")
            )

    # writing -------------------------------------------------------------------------

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Atomically replace the file with `data`; the caller holds the lock. After a failure
        the next read goes to the file again."""
        payload = dump_data(data)
        digest = Digest(payload)  # while the bytes are written and synced
        try:
            info = self.write_bytes(payload)
        except Exception:
            self._data, self._signature, self._digest = None, None, None
            raise
        self._data, self._digest = data, digest
        self._signature = (info.st_ino, info.st_size, info.st_mtime_ns)

    def write_bytes(self, payload: bytes) -> os.stat_result:
        """Atomically replace the file with `payload` (the caller holds the lock); a failure
        leaves the file as it was and says why."""
        if self._lock_depth == 0:
            raise RuntimeError("SafeStorage.write called without the lock")
        try:
            ensure_private_folder(self.folder)
            self._remove_stale_temp_files()
            with interrupts_held():
                info = atomic_write(self.file, payload)
                self.saved = True
            return info
        except OSError as error:
            raise DataFileError(self.file, write_problem(error), NOT_SAVED) from None

    def _remove_stale_temp_files(self) -> None:
        """Delete temp copies left by a writer killed mid-write (only the lock holder makes them)."""
        prefix = f".{folder_and_name(self.file)[1]}."
        for entry in os.scandir(self.folder):
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp") and entry.is_file():
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the exclusive lock on `cadre.json.lock` (re-entrant within this process).

        Taking it is the first step of every change, so a read-only file or folder is refused
        here, before anything is written."""
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        self.check_writable()
        try:
            ensure_private_folder(self.folder)
        except OSError as error:
            problem = t("file.no_folder", detail=error.strerror)
            raise DataFileError(self.folder, problem, NOT_SAVED) from None
        fd = self._open_lock(create=True)
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

    def _open_lock(self, create: bool) -> int:
        """The lock file, opened to write (made 0600 when missing) or, to look only, to read."""
        flags = os.O_RDWR | os.O_CREAT if create else os.O_RDONLY
        try:
            fd = os.open(self.lock_file, flags | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise DataFileError(self.lock_file, t("file.symlink")) from None
            raise DataFileError(
                self.lock_file, t("file.unreadable", detail=error.strerror)
            ) from None
        info = os.fstat(fd)
        if info.st_uid != os.getuid() or not stat.S_ISREG(info.st_mode):
            os.close(fd)
            raise DataFileError(self.lock_file, t("file.not_owner", uid=info.st_uid))
        return fd

    def _acquire(self, fd: int) -> None:
        """Take the lock, waiting at most `lock_timeout` seconds for whoever holds it.

        A lock file left by a process that died holds no lock: the kernel drops a flock with
        the last descriptor of its holder, so only a live holder makes anyone wait."""
        deadline = time.monotonic() + self.lock_timeout
        pause = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise self.lock_refusal() from None
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
            except OSError as error:
                if error.errno in (errno.ENOLCK, errno.EOPNOTSUPP):
                    problem = t("file.nolock", detail=error.strerror)
                    raise DataFileError(self.file, problem, NOT_SAVED) from None
                raise

    def lock_refusal(self) -> DataFileError:
        """What a writer that waited `lock_timeout` in vain is told: who holds the lock, and what
        to do."""
        holder = describe_holder(self.lock_holder())
        problem = t("file.locked", holder=holder, seconds=f"{self.lock_timeout:g}")
        return DataFileError(self.file, problem, NOT_SAVED)

    def lock_holder(self) -> int | None:
        """The pid of the process holding the lock now, from the kernel's lock table (None when
        the lock is free, or the table cannot be read)."""
        try:
            info = os.stat(self.lock_file)
            with open(PROC_LOCKS) as locks:
                table = locks.read()
        except OSError:
            return None
        return lock_holder_pid(table, info.st_dev, info.st_ino)

    def lock_is_free(self) -> bool:
        """True when nobody holds the lock right now."""
        if not os.path.exists(self.lock_file):
            return True
        fd = self._open_lock(create=False)
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

        `stamp` is the local time as YYYYMMDD-HHMMSS; a later backup in the same second gets
        `.01`, `.02` … after it, so that names sort in the order the backups were taken.
        Rotation never deletes the last backup that is a usable data file."""
        if not os.path.exists(self.file):
            return None
        folder = backup_folder(self.file)
        # the bytes on disk are the ones just read and vetted: this copy is known to be good
        good = self._data is not None and self.signature() == self._signature
        try:
            ensure_private_folder(folder)
            os.chmod(folder, FOLDER_MODE)
            name = f"{stem(self.file)}-{stamp}{self._order_within(stamp)}-{reason}.json"
            target = os.path.join(folder, name)
            atomic_write(target, self.read_bytes())
            self._rotate(keep, good)
        except OSError as error:  # a full disk, say: the change is not made, and said so
            problem = t("file.backup_failed", folder=folder, reason=write_problem(error))
            raise DataFileError(self.file, problem, NOT_SAVED) from None
        return as_path(target)

    def _order_within(self, stamp: str) -> str:
        """`` for the first backup taken in the second `stamp`, then `.01`, `.02` …"""
        pattern = _backup_name(self.file)
        matches = [pattern.fullmatch(name) for name in backup_names(self.file)]
        taken = [int(m[2] or 0) for m in matches if m and m[1] == stamp]
        return f".{max(taken) + 1:02d}" if taken else ""

    def _rotate(self, keep: int, newest_is_good: bool) -> None:
        """Delete all but the newest `keep` backups, sparing the newest usable one when none of
        those kept is usable (a damaged file backed up before a restore, say)."""
        backups = list_backups(self.file)
        doomed = backups[:-keep] if keep > 0 else []
        if not doomed:
            return
        kept = backups[len(doomed) :]
        if not newest_is_good and all(backup_problem(p) for p in reversed(kept)):
            spare = next((p for p in reversed(doomed) if backup_problem(p) is None), None)
            doomed = [p for p in doomed if p != spare]
        for old in doomed:
            old.unlink()

    def backed_up_on(self, day: str) -> bool:
        """True when a backup was taken on `day` (YYYY-MM-DD)."""
        stamp = day.replace("-", "")
        return any(
            name.startswith(f"{stem(self.file)}-{stamp}-") for name in backup_names(self.file)
        )

    def close(self) -> None:
        """Nothing to release: the lock is only held inside `locked()`."""
