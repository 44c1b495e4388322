"""Lock contention with a real holder: a child process that takes the flock and is SIGSTOPped.

The holder is named from the kernel's lock table; a writer gives up after the bounded wait with
exit 3; a lock file left by a dead process blocks no one; a TUI form keeps what was typed."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pendulum
import pytest
from test_hardening_disk import every_file

from tui.core import storage
from tui.core.storage import NOT_SAVED, DataFileError, lock_holder_pid
from tui.core.store import Store

TODAY = pendulum.date(2026, 3, 18)
Run = Callable[..., subprocess.CompletedProcess[str]]

# Takes the lock, writes a pid that is not its own into the lock file (as cadre once did, and
# as a stale file may still hold), says its real pid and waits to be stopped and killed.
HOLDER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
os.ftruncate(fd, 0)
os.write(fd, b"424242\\n")
print(os.getpid(), flush=True)
time.sleep(600)
"""


@contextlib.contextmanager
def stopped_holder(db: Path) -> Iterator[int]:
    """A child holding the lock of `db`, SIGSTOPped (it will never let go by itself); its pid.

    It is SIGKILLed on the way out, which leaves its lock file behind."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db) + ".lock"], stdout=subprocess.PIPE, text=True
    )
    try:
        pid = int(child.stdout.readline())
        os.kill(pid, signal.SIGSTOP)
        yield pid
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stdout.close()


def command_name(pid: int) -> str:
    return Path(f"/proc/{pid}/comm").read_text().strip()


def test_a_stopped_holder_is_named_from_the_kernel_and_the_writer_gives_up(
    run_cadre: Run, db: Path
) -> None:
    Store(db, today=TODAY).add("study", {"points": 1})
    before = every_file(db.parent)
    with stopped_holder(db) as pid:
        started = time.monotonic()
        added = run_cadre("add", "study", "--points", "5", "--date", "-1", CADRE_LOCK_TIMEOUT="1")
        waited = time.monotonic() - started
        listed = run_cadre("list", "study")  # reading takes no lock
        checked = run_cadre("check")
        name = command_name(pid)
    assert added.returncode == 3, added.stderr
    assert added.stderr == (
        f"error: Nothing was saved to {db}: process {pid} ({name}) has held its lock for more than"
        " 1 s; try again when it has finished (or end it, if it is stuck).\n"
    )
    assert "424242" not in added.stderr
    assert waited >= 1  # it waited its second, and then gave up
    assert listed.returncode == 0 and "1" in listed.stdout
    assert f"lock: held by process {pid} ({name})" in checked.stdout
    assert every_file(db.parent) == before


def test_the_lock_message_in_chinese(run_cadre: Run, db: Path) -> None:
    Store(db, today=TODAY).add("study", {"points": 1})
    with stopped_holder(db) as pid:
        added = run_cadre(
            "add", "study", "--points", "5", CADRE_LOCK_TIMEOUT="0.3", CADRE_LANG="zh"
        )
        name = command_name(pid)
    assert added.returncode == 3
    assert added.stderr == (
        f"错误：未能保存到 {db}：进程 {pid}（{name}）占用它的锁已超过 0.3 秒；"
        "请等它结束后再试（若它已卡住，可结束该进程）。\n"
    )


def test_a_lock_file_left_by_a_dead_holder_blocks_no_one(run_cadre: Run, db: Path) -> None:
    Store(db, today=TODAY).add("study", {"points": 1})
    with stopped_holder(db):
        pass  # killed on the way out of the block, holding the lock
    lock = db.with_name("cadre.json.lock")
    assert lock.read_text() == "424242\n"  # the file is still there, with its stale pid
    added = run_cadre("add", "study", "--points", "5", "--date", "-1", CADRE_LOCK_TIMEOUT="0")
    assert added.returncode == 0, added.stderr  # no wait at all, and the lock was taken
    assert "lock: free" in run_cadre("check").stdout
    assert len(Store(db).records("study")) == 2


def test_an_unknown_holder_is_another_process(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store(db, today=TODAY).add("study", {"points": 1})
    monkeypatch.setattr(storage, "PROC_LOCKS", db.parent / "no-such-table")
    with stopped_holder(db):
        store = Store(db, today=TODAY, lock_timeout=0.1)
        assert store.storage.lock_holder() is None
        with pytest.raises(DataFileError) as caught:
            store.add("study", {"date": "2026-03-01", "points": 2})
    assert caught.value.situation == NOT_SAVED
    assert str(caught.value).startswith(
        f"Nothing was saved to {db}: another process has held its lock for more than 0.1 s;"
    )


def test_the_kernel_table_is_read_by_device_and_inode() -> None:
    device = os.makedev(0xFE, 0x01)
    table = (
        "1: POSIX  ADVISORY  WRITE 700 fe:00:1234 0 EOF\n"  # same inode, another device
        "2: FLOCK  ADVISORY  WRITE 800 fe:01:1234 0 EOF\n"
        "2: -> FLOCK  ADVISORY  WRITE 900 fe:01:1234 0 EOF\n"  # a waiter, not the holder
    )
    assert lock_holder_pid(table, device, 1234) == 800
    assert lock_holder_pid(table, device, 99) is None
    waiting_only = "2: -> FLOCK  ADVISORY  WRITE 900 fe:01:1234 0 EOF\n"
    assert lock_holder_pid(waiting_only, device, 1234) is None
    # a file system that shows another device (btrfs subvolumes, overlays): the inode decides,
    # when only one process holds a lock on that inode number
    elsewhere = os.makedev(0x00, 0x2A)
    assert (
        lock_holder_pid("1: FLOCK  ADVISORY  WRITE 800 fe:01:1234 0 EOF\n", elsewhere, 1234) == 800
    )
    assert lock_holder_pid(table, elsewhere, 1234) is None  # two holders: not known which


def test_the_holder_is_found_in_the_real_table(db: Path) -> None:
    Store(db, today=TODAY).add("study", {"points": 1})
    with stopped_holder(db) as pid:
        assert Store(db).storage.lock_holder() == pid
    assert Store(db).storage.lock_holder() is None


@pytest.mark.parametrize("value", ["abc", "nan", "inf", "-1"])
def test_a_lock_timeout_that_is_not_a_bounded_wait_is_refused(
    run_cadre: Run, db: Path, value: str
) -> None:
    Store(db, today=TODAY).add("study", {"points": 1})
    before = every_file(db.parent)
    done = run_cadre("add", "study", "--points", "5", "--date", "-1", CADRE_LOCK_TIMEOUT=value)
    assert done.returncode == 1
    assert done.stderr == (
        f"error: CADRE_LOCK_TIMEOUT: expected a number of seconds ≥ 0, not '{value}'\n"
    )
    assert every_file(db.parent) == before
