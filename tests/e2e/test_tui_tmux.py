"""The whole program in a real terminal: `cadre` runs in a detached tmux session at 80×24, keys
are typed with send-keys, the screen is read with capture-pane and the data file through the CLI.

Each test has its own tmux server (a socket in tmp_path), killed in a finally."""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from tui.core.store import Store
from tui.preview import LARGE_FILE

TODAY = "2026-11-27"
_SCRIPT = Path(sys.executable).with_name("cadre")
CADRE = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "tui"]
ENV = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "CADRE_TODAY": TODAY}
EXIT_MARK = "cadre-exited-"


class Terminal:
    """One program in a detached 80×24 tmux session on a private server."""

    def __init__(self, folder: Path) -> None:
        self.base = ["tmux", "-S", str(folder / "tmux.sock"), "-f", "/dev/null"]
        self.name = "cadre-" + uuid.uuid4().hex[:8]

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            [*self.base, *args], capture_output=True, text=True, timeout=10, check=True
        )
        return done.stdout

    def start(self, argv: list[str], env: dict[str, str]) -> None:
        settings = [f"{key}={value}" for key, value in env.items()]
        command = f"{shlex.join(['env', *settings, *argv])}; echo {EXIT_MARK}$?; sleep 60"
        self.tmux("new-session", "-d", "-s", self.name, "-x", "80", "-y", "24", command)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key)
            time.sleep(0.15)  # a person's pace; lets the app take each key on its own

    def wait_for(self, text: str, seconds: float = 15) -> str:
        """Poll the screen until `text` is on it; fail with the screen after `seconds`."""
        deadline = time.monotonic() + seconds
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not on the screen after {seconds} s:\n{screen}")
            time.sleep(0.05)

    def kill(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError):
            self.tmux("kill-server")


@contextlib.contextmanager
def terminal(folder: Path, argv: list[str], env: dict[str, str]) -> Iterator[Terminal]:
    term = Terminal(folder)
    try:
        term.start(argv, env)
        yield term
    finally:
        term.kill()


def cadre(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CADRE_")} | ENV
    return subprocess.run(
        [*CADRE, "--db", str(db), *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_log_todays_points_with_keys_then_quit(tmp_path: Path) -> None:
    db = tmp_path / "data" / "cadre.json"
    with terminal(tmp_path, [*CADRE, "--db", str(db)], ENV) as term:
        term.wait_for("Today: not logged")
        term.keys("a")
        term.wait_for("Add study")
        term.keys("Tab", "3", "8", "C-s")
        term.wait_for("Today 38 / 30 points")
        term.keys("q")
        term.wait_for(f"{EXIT_MARK}0")
    listed = cadre(db, "list", "study", "--json")
    assert listed.returncode == 0, listed.stderr
    [record] = json.loads(listed.stdout)
    assert (record["date"], record["points"]) == (TODAY, 38)


def test_a_record_added_from_another_process_appears_within_3_seconds(tmp_path: Path) -> None:
    db = tmp_path / "cadre.json"
    assert cadre(db, "add", "study", "--points", "12", "--date", "yesterday").returncode == 0
    with terminal(tmp_path, [*CADRE, "--db", str(db)], ENV) as term:
        term.wait_for("Today: not logged")
        added = cadre(db, "add", "study", "--points", "27")
        assert added.returncode == 0, added.stderr
        term.wait_for("Today 27 / 30 points", seconds=3)


def demo_figures() -> tuple[str, int, int, int]:
    """The demo's day, its points that day, its target and its streak, from the packaged file."""
    data = json.loads(resources.files("tui.data").joinpath("demo.json").read_text("utf-8"))
    day = data["_meta"]["1"]["demo_today"]
    target = (data.get("settings", {}).get("1") or {}).get("study_target", 30)
    points = {r["date"]: r["points"] for r in data["study"].values()}
    current = datetime.date.fromisoformat(day)
    if points.get(day, 0) < target:
        current -= datetime.timedelta(days=1)
    streak = 0
    while points.get(current.isoformat(), 0) >= target:
        streak, current = streak + 1, current - datetime.timedelta(days=1)
    return day, points[day], target, streak


def test_demo_opens_the_overview_on_the_demo_data(tmp_path: Path) -> None:
    day, points, target, streak = demo_figures()
    env = {k: v for k, v in ENV.items() if k != "CADRE_TODAY"}
    with terminal(tmp_path, [*CADRE, "--demo", "--lang", "en"], env) as term:
        screen = term.wait_for(f"streak {streak} days")
        assert f"Today {points} / {target} points" in screen
        assert "1 Overview" in screen
        term.keys("2")
        term.wait_for(f"study {day[:7]}")
        term.keys("q")
        term.wait_for(f"{EXIT_MARK}0")


def test_a_large_file_opens_with_its_figures_and_then_reads_in_full(tmp_path: Path) -> None:
    db = tmp_path / "cadre.json"
    assert cadre(db, "add", "study", "--points", "33").returncode == 0
    big_note = "备注" * 600_000  # the file passes 2 MB: the first screen comes from a child
    Store(db).add("person", {"name": "王芳", "note": big_note})
    assert db.stat().st_size > LARGE_FILE
    with terminal(tmp_path, [*CADRE, "--db", str(db)], ENV) as term:
        term.wait_for("Today 33 / 30 points")
        term.keys("5")
        term.wait_for("Money by occasion")
        term.keys("v")  # the address book
        term.wait_for("王芳")
        term.keys("q")
        term.wait_for(f"{EXIT_MARK}0")


def test_a_large_bad_file_is_refused_before_the_screen_changes(tmp_path: Path) -> None:
    db = tmp_path / "cadre.json"
    db.write_bytes(b'{"_meta": {"1": {"schema_version": 1}}, "study": [' + b" " * 2_100_000)
    db.chmod(0o600)
    before = db.read_bytes()
    done = cadre(db)
    assert done.returncode == 3
    assert str(db) in done.stderr and "Traceback" not in done.stderr
    assert db.read_bytes() == before


def test_a_talk_with_a_follow_up_added_by_keys_shows_on_the_overview_until_x(
    tmp_path: Path,
) -> None:
    db = tmp_path / "cadre.json"
    made = cadre(db, "add", "campaign", "--kind", "talk", "--title", "岁末谈心")
    assert made.returncode == 1  # the start, end and quota are required: nothing was written
    made = cadre(
        db, "add", "campaign", "--kind", "talk", "--title", "岁末谈心",
        "--start", "2026-11", "--end", "2026-12", "--monthly-quota", "2",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    campaign_id = made.stdout.strip()
    with terminal(tmp_path, [*CADRE, "--db", str(db), "--lang", "en"], ENV) as term:
        term.wait_for("Today: not logged")
        term.keys("3")
        term.wait_for("Month by month")
        term.keys("Tab", "a")  # from the campaigns to the campaign's talks, then add one there
        term.wait_for("Add talk")
        assert "岁末谈心 (2026-11 to 2026-12)" in term.screen()  # the campaign is filled in
        term.keys("Tab", "Tab", "王芳", "Tab", "Tab", "Tab", "Tab", "谈工作")
        term.keys("Tab", "Tab", "回访一次", "Tab", "tomorrow", "C-s")
        term.wait_for("1 open follow-up")
        term.keys("1")  # the line is on tab 3 too: x may come before the Overview is drawn
        term.wait_for("11-28 talk follow-up: 王芳 (tomorrow)")
        term.keys("x")
        term.wait_for("nothing coming up or due")
        term.keys("q")
        term.wait_for(f"{EXIT_MARK}0")
    listed = cadre(db, "list", "talk", "--json")
    assert listed.returncode == 0, listed.stderr
    [talk] = json.loads(listed.stdout)
    assert (talk["campaign_id"], talk["person"], talk["topic"]) == (campaign_id, "王芳", "谈工作")
    assert (talk["follow_up"], talk["follow_up_due"]) == ("回访一次", "2026-11-28")
    assert talk["follow_up_done"] is True


def test_quitting_keeps_a_summary_and_a_later_change_is_shown_not_the_summary(
    tmp_path: Path,
) -> None:
    db = tmp_path / "cadre.json"
    added = cadre(db, "add", "study", "--points", "33")
    assert added.returncode == 0, added.stderr
    summary = Path(f"{db}.summary")
    for points in (33, 41):
        with terminal(tmp_path, [*CADRE, "--db", str(db)], ENV) as term:
            term.wait_for(f"Today {points} / 30 points")
            term.keys("q")
            term.wait_for(f"{EXIT_MARK}0")
        info = db.stat()  # on its way out the app kept a summary of the file as it is
        assert json.loads(summary.read_bytes())["stamp"] == [
            info.st_ino,
            info.st_size,
            info.st_mtime_ns,
        ]
        assert summary.stat().st_mode & 0o777 == 0o600
        if points == 33:  # another program changes the file: the next start must show it
            edited = cadre(db, "edit", added.stdout.strip(), "--points", "41")
            assert edited.returncode == 0, edited.stderr
