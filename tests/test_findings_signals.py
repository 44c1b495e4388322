"""What an outside fuzz found about interrupts, hangs and lost terminals, each fixed and tried in
real processes: Ctrl-C at start-up, before a change and after it; `cadre` with no terminal; and
`cadre --demo` ended by SIGHUP (a dropped SSH connection) or SIGTERM."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import orjson
import pytest
from cli_support import CADRE, cadre_env

from tui.core import exchange
from tui.core.store import Store

RunMany = Callable[..., list[CompletedProcess[str]]]
PATIENCE = 30.0  # seconds a step may take before the test gives up (never a measure of speed)


def eventually(condition: Callable[[], bool], what: str) -> None:
    """Wait until `condition()` holds; fail naming `what` after PATIENCE seconds."""
    deadline = time.monotonic() + PATIENCE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.02)


def holds_open(pid: int, path: Path) -> bool:
    """True when process `pid` has `path` open."""
    try:
        return any(os.readlink(entry.path) == str(path) for entry in os.scandir(f"/proc/{pid}/fd"))
    except OSError:
        return False


def test_ctrl_c_while_python_loads_the_command_line_ends_without_a_traceback(
    db: Path,
) -> None:
    """The interrupt is raised where a real one lands at start-up: importing the modules of the
    command line (the store, which both the quick lane and click's commands load)."""
    program = (
        "import sys\n"
        "class CtrlC:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'tui.core.store':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, CtrlC())\n"
        "sys.argv = ['cadre', 'list', 'study']\n"
        "from tui.launch import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        env=cadre_env(db),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "")


def test_ctrl_c_before_the_change_is_saved_says_interrupted_and_changes_nothing(
    db: Path,
) -> None:
    Store(db).add("study", {"date": "2026-03-01", "points": 3})
    before = db.read_bytes()
    lock = db.with_name("cadre.json.lock")
    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # the add waits for it
        child = subprocess.Popen(
            [*CADRE, "add", "study", "--points", "5"],
            env=cadre_env(db, CADRE_LOCK_TIMEOUT="60"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        eventually(lambda: holds_open(child.pid, lock), "the add waits for the lock")
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
    assert (child.returncode, out, err) == (130, "", "\ninterrupted\n")  # ^C, then a new line
    assert db.read_bytes() == before


def full_pipe() -> tuple[int, int]:
    """A pipe whose buffer is already full: the next write to it waits for a reader."""
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    try:
        while True:
            os.write(write_end, b"." * 4096)
    except BlockingIOError:
        pass
    os.set_blocking(write_end, True)
    return read_end, write_end


def drain(fd: int) -> threading.Thread:
    """Read `fd` to its end (and close it) in a thread, started."""

    def read() -> None:
        while os.read(fd, 65536):
            pass
        os.close(fd)

    reader = threading.Thread(target=read)
    reader.start()
    return reader


def test_ctrl_c_after_the_import_was_saved_says_it_was_saved(db: Path) -> None:
    """The import's report waits on a full stdout; the Ctrl-C comes once the file is written."""
    source = Store(db.with_name("source.json"))
    for day in range(1, 29):
        source.add("study", {"date": f"2026-02-{day:02d}", "points": day})
    export = db.with_name("export.json")
    export.write_bytes(exchange.export_json(source))
    read_end, write_end = full_pipe()
    child = subprocess.Popen(
        [*CADRE, "import", str(export)],
        env=cadre_env(db),
        stdout=write_end,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(write_end)
    eventually(lambda: db.exists() and len(Store(db).records("study")) == 28, "the import")
    child.send_signal(signal.SIGINT)
    reader = drain(read_end)  # the report, once the interrupt has come
    err = child.communicate(timeout=60)[1]
    reader.join(timeout=60)
    assert child.returncode == 0
    assert err == "\ninterrupted; the change had already been saved.\n"
    assert len(Store(db).records("study")) == 28


def test_cadre_without_a_terminal_says_it_needs_one(db: Path, tmp_path: Path) -> None:
    Store(db).add("study", {"date": "2026-03-01", "points": 3})
    temp = tmp_path / "tmp"
    temp.mkdir()
    finished = [
        subprocess.run(
            [*CADRE, *args],
            env=cadre_env(db, TMPDIR=str(temp)),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        for args in ([], ["--demo"])
    ]
    for done in finished:
        assert done.returncode == 2
        assert done.stderr.endswith(
            "Error: cadre's screens need a terminal (stdin and stderr must be one); "
            "in a script, use a command.\n"
        )
    assert list(temp.iterdir()) == []  # no demo copy was made


@pytest.mark.parametrize("ending", [signal.SIGHUP, signal.SIGTERM])
def test_the_demo_removes_its_copy_when_a_signal_ends_it(
    tmp_path: Path, ending: signal.Signals
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    child = subprocess.Popen(
        [*CADRE, "--demo"],
        env=cadre_env(None, None, TMPDIR=str(temp), TERM="xterm-256color"),
        stdin=follower,
        stdout=follower,
        stderr=follower,
        start_new_session=True,
    )
    os.close(follower)
    os.set_blocking(leader, False)
    screen = bytearray()

    def drawn() -> bool:  # the app draws only once the demo's copy is made and watched over
        with contextlib.suppress(OSError):  # nothing to read yet, or the app has gone
            screen.extend(os.read(leader, 65536))
        return len(screen) > 0

    eventually(drawn, "the demo's first screen")
    [copy] = temp.iterdir()
    assert orjson.loads((copy / "cadre.json").read_bytes())["_meta"]["1"]["demo_today"]
    child.send_signal(ending)
    stop = threading.Event()

    def keep_reading() -> None:  # so the app never waits to draw
        while not stop.wait(0.01):
            drawn()

    reader = threading.Thread(target=keep_reading)
    reader.start()
    try:
        assert child.wait(timeout=60) == -ending
    finally:
        stop.set()
        reader.join(timeout=10)
        os.close(leader)
    assert list(temp.iterdir()) == []


def test_an_exit_in_the_test_process_fails_the_test_and_not_the_suite() -> None:
    """conftest's guard: without it this would end pytest at once with code 3 (CI fails)."""
    with pytest.raises(AssertionError, match="would end the whole suite"):
        os._exit(3)
