"""The benchmark of DESIGN §7: cadre's commands and first screen beside baselines from the same run.

`python bench/run.py [--records N] [--mix M] [--repeat K] [--runs R] [--also-small] [--json]`."""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import tui

HERE = Path(__file__).resolve().parent
GENERATE = HERE / "generate.py"
DEMO = Path(str(resources.files("tui.data").joinpath("demo.json")))
SMALL_RECORDS = 5_000
ID_PREFIX = 8  # the commands are given a record's id as a user types it: its first 8 characters
MEMORY_BUDGET_MB = 200.0
DEFAULT_MARKERS = (r"概览|Overview", r"连续达标 \d+ 天|streak \d+ days")
BARE_MARKER = r"bare app ready 12345"
# after the first screen, before reading the TUI's peak memory: the file is read by then, and
# the other tabs made out of sight (from 1.5 s on)
SETTLE_SECONDS = 2.5
# a program's first screen is timed this many times a round: the bare app's start is bimodal (in
# one run of 16 starts, 0.33 s twice and 0.42-0.61 s otherwise), and three fast ones among a
# run's five once made its median 25% lower than in the other runs
SCREEN_STARTS = 3

# The floors are the fastest plain way: the collector is off while parsing (as the core does).
READ_FLOOR = """
import gc, sys, orjson
gc.disable()
with open(sys.argv[1], "rb") as handle:
    orjson.loads(handle.read())
"""
WRITE_FLOOR = """
import gc, os, sys, orjson
gc.disable()
path = sys.argv[1]
with open(path, "rb") as handle:
    data = orjson.loads(handle.read())
temp = path + ".floor.tmp"
fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "wb") as handle:
    handle.write(orjson.dumps(data))
    handle.flush()
    os.fsync(handle.fileno())
os.replace(temp, path)
folder = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY | os.O_DIRECTORY)
os.fsync(folder)
os.close(folder)
"""
FIRST_NOTE = re.compile(rb'"note":"(?:[^"\\]|\\.)*"')  # a JSON string, escapes and all
# the study dates, the number of records, and ids (as unique prefixes) for edit, delete and done
SURVEY = """
import json, sys, orjson
from collections import Counter
data = orjson.loads(open(sys.argv[1], "rb").read())
prefix = int(sys.argv[2])
tables = {name: list(t.values()) for name, t in data.items() if name not in ("_meta", "settings")}
used = Counter(r["id"][:prefix] for rows in tables.values() for r in rows)


def ids(rows):
    return [r["id"][:prefix] for r in rows if used[r["id"][:prefix]] == 1]


dates = sorted(r["date"] for r in tables["study"])
talks = [r for r in tables.get("talk", []) if r["follow_up"] and not r["follow_up_done"]]
print(json.dumps({
    "first": dates[0],
    "last": dates[-1],
    "records": sum(len(rows) for rows in tables.values()),
    "study": ids([r for r in tables["study"] if not r.get("items")]),  # --points alone is valid
    "deletable": ids(tables.get("event", []) + tables.get("session", [])),
    "open_talks": ids(talks),
}))
"""
BARE_APP = """
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("bare app ready 12345")
        yield Footer()


Bare().run()
"""
BARE_KEY_APP = """
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareKeys(App[None]):
    BINDINGS = [("n", "swap", "swap")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("bare app ready 12345", id="one")
        yield Static("the other static", id="two")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#two").display = False

    def action_swap(self) -> None:
        for static in self.query(Static):
            static.display = not static.display


BareKeys().run()
"""
# the keys typed in the TUI, in order, after the first screen: (label, tmux key); a key without a
# label is typed and its screen waited for, untimed (the way to a form and what goes in it)
TUI_KEYS: tuple[tuple[str | None, str], ...] = (
    ("tab 2, first time", "2"),
    ("tab 3, first time", "3"),
    ("tab 3: next page", "]"),
    ("tab 4, first time", "4"),
    ("tab 4: next page", "]"),
    ("tab 5, first time", "5"),
    ("tab 5: next page", "]"),
    ("tab 3 again", "3"),
    ("tab 1 again", "1"),
    ("open the add form", "a"),
    ("close the form", "Escape"),
    (None, "5"),
    (None, "v"),  # the address book
    (None, "a"),  # a new person: only the name is required
    (None, "bench"),
    ("save the form", "C-s"),
)
BARE_KEYS: tuple[tuple[str | None, str], ...] = tuple(("bare", "n") for _ in range(4))
KEY_BUDGET_SECONDS = 0.1
# Saving writes the whole file (lock, fsync, replace) before the form closes, as `cadre add` does:
# its key is timed against the write floor, with the budget of `cadre add`.
SAVE_KEYS = {"save the form"}
SAVE_BUDGET = 1.3
STILL_SECONDS = 0.4  # a screen unchanged this long after a key is the key's final screen
NO_CHANGE_SECONDS = 1.5  # a key that changed nothing by then changed nothing
# after the first screen, before the first key: the file is read in full and the other tabs are
# made out of sight (from 1.5 s on, done by about 3 s at 50,000 records), while a person reads
SETTLE_FOR_KEYS = 4.0


class BenchError(Exception):
    """A measurement could not be taken (a command failed, a screen never appeared)."""


class NotATui(Exception):
    """The program exited before drawing its first screen; the message is what it left on screen."""


@dataclass
class Sample:
    """One run: wall-clock seconds and the peak resident memory of the program, in MB."""

    seconds: float
    peak_mb: float


@dataclass
class Figure:
    """One row of the table: a figure, its baseline measured in the same run, and its budget."""

    name: str
    label: str
    baseline: str
    budget: float  # a ratio to the baseline; memory rows use an absolute MB budget instead
    unit: str = "s"
    value: float | None = None
    baseline_value: float | None = None
    ratio: float | None = None
    within_budget: bool | None = None
    skipped: str | None = None


@dataclass
class Result:
    """Every figure of one benchmark run on one generated file."""

    source: str  # "generated" or "demo"
    mix: str  # the generator's --mix ("" for the demo)
    records: int
    file_bytes: int
    repeat: int
    run: int  # 1 to --runs
    baselines: dict[str, dict[str, float]] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Worst:
    """One row over every run on one file: the figure of the run that came out worst (the highest
    ratio; for memory and keys, whose budgets are absolute, the highest value) and how many runs
    held the budget (a run that could not measure it did not)."""

    figure: Figure
    held: int
    runs: int


@dataclass
class Survey:
    """What the bench needs to know of a file; see `survey`."""

    first: date  # the first and last study dates; the last is the bench's "today"
    last: date
    records: int
    study: list[str]  # ids, as unique prefixes: study records, to edit
    deletable: list[str]  # events and sessions, one deleted a round
    open_talks: list[str]  # talks with a follow-up not done, one marked done a round


def cadre_command() -> list[str]:
    """The `cadre` script of this interpreter (or `python -m tui` without one)."""
    script = Path(sys.executable).with_name("cadre")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


def run(argv: Sequence[str], env: dict[str, str]) -> Sample:
    """Run one process to its end; its own wall time and ru_maxrss (via wait4)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace").strip()
            raise BenchError(f"{shlex.join(argv)} exited {process.returncode}: {message}")
    return Sample(seconds, usage.ru_maxrss / 1024)


def hand_edit(path: Path, index: int) -> None:
    """Another program's change: the first record's note rewritten in place to a text of round
    `index`'s own, saved as an editor saves (a new file put over the old)."""
    edited = FIRST_NOTE.sub(f'"note":"hand edit {index}"'.encode(), path.read_bytes(), count=1)
    temp = path.with_name(path.name + ".edited")
    temp.write_bytes(edited)
    temp.chmod(0o600)
    os.replace(temp, path)


def command_exists(cadre: list[str], name: str, env: dict[str, str]) -> bool:
    """True when `cadre NAME --help` works."""
    done = subprocess.run([*cadre, name, "--help"], env=env, capture_output=True, check=False)
    return done.returncode == 0


OPTIONAL_COMMANDS = ("today", "edit", "show", "delete", "done", "undo", "export", "import")


class Terminal:
    """A private tmux server; each program runs in its own 80×24 session and is timed to a marker."""

    def __init__(self, folder: Path, env: dict[str, str], timeout: float) -> None:
        self.base = ["tmux", "-u", "-S", str(folder / "tmux.sock"), "-f", "/dev/null"]
        self.env = env
        self.timeout = timeout
        self.count = 0
        self.tmux("new-session", "-d", "-s", "holder", "-x", "80", "-y", "24", "cat")
        self.tmux("set-option", "-g", "remain-on-exit", "on")
        self.tmux("set-option", "-g", "default-terminal", "xterm-256color")
        self.holder: Control | None = None  # a connection for starting and polling programs

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            [*self.base, *args], env=self.env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise BenchError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def first_screen(self, argv: Sequence[str], markers: Sequence[re.Pattern[str]]) -> Sample:
        """Seconds from starting `argv` until every marker is on screen, and its peak memory. The
        program is started and its screen polled over one control-mode connection, as the keys
        are timed: a `tmux` process every few ms would take a core from a program that uses two
        (cadre reading a changed file in a child while it loads)."""
        self.count += 1
        name = f"run{self.count}"
        if self.holder is None:
            self.holder = Control([*self.base, "-C", "attach-session", "-t", "holder"], self.env)
        control = self.holder
        start = time.perf_counter()
        control.run(f"new-session -d -s {name} -x 80 -y 24 {shlex.quote(shlex.join(argv))}")
        try:
            polls = 0
            while True:
                screen = control.run(f"capture-pane -p -t {name}")
                if all(marker.search(screen) for marker in markers):
                    seconds = time.perf_counter() - start
                    break
                polls += 1
                dead = f"display-message -p -t {name} '#{{pane_dead}}'"
                if polls % 10 == 0 and control.run(dead).strip() == "1":
                    raise NotATui(" ".join(screen.split()) or "(blank screen)")
                if time.perf_counter() - start > self.timeout:
                    raise BenchError(
                        f"{shlex.join(argv)}: no {[m.pattern for m in markers]} on screen after "
                        f"{self.timeout:.0f} s; the screen shows: {' '.join(screen.split())[:300]}"
                    )
                time.sleep(0.005)
            time.sleep(SETTLE_SECONDS)
            pids = descendants(int(self.pane("pane_pid")))
            peak = max((peak_kb(pid) for pid in pids), default=0) / 1024
        finally:
            pids = descendants(int(self.pane("pane_pid", name)))
            self.tmux("kill-session", "-t", name)
            wait_gone(pids)
        return Sample(seconds, peak)

    def key_times(
        self,
        argv: Sequence[str],
        markers: Sequence[re.Pattern[str]],
        keys: Sequence[tuple[str | None, str]],
    ) -> dict[str, float | None]:
        """Start `argv`, wait for its first screen, then type each key and time it from the key
        to the moment the screen reached what it then shows (polled with capture-pane over one
        control-mode connection); a key without a label is waited for the same way but not timed."""
        self.count += 1
        name = f"run{self.count}"
        self.tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", shlex.join(argv))
        times: dict[str, float | None] = {}
        try:
            deadline = time.perf_counter() + self.timeout
            while not all(m.search(self.tmux("capture-pane", "-p", "-t", name)) for m in markers):
                if time.perf_counter() > deadline:
                    raise BenchError(f"{shlex.join(argv)}: no first screen for the key timings")
                time.sleep(0.01)
            time.sleep(SETTLE_FOR_KEYS)
            control = Control([*self.base, "-C", "attach-session", "-t", name], self.env)
            try:
                for index, (label, key) in enumerate(keys):
                    seconds = self.time_key(control, name, key)
                    if label is not None:
                        times[f"{label}#{index}" if label in times else label] = seconds
            finally:
                control.close()
        finally:
            pids = descendants(int(self.pane("pane_pid", name)))
            self.tmux("kill-session", "-t", name)
            wait_gone(pids)
        return times

    def time_key(self, control: Control, name: str, key: str) -> float | None:
        """Seconds from sending `key` to the last change of the screen it causes (None: the key
        changed nothing)."""
        capture = f"capture-pane -p -t {name}"
        before = control.run(capture)
        start = time.perf_counter()
        control.run(f"send-keys -t {name} {shlex.quote(key)}")
        last_change, shown = start, before
        while True:
            screen = control.run(capture)
            now = time.perf_counter()
            if screen != shown:
                last_change, shown = now, screen
            elif shown != before and now - last_change > STILL_SECONDS:
                return last_change - start
            if shown == before and now - start > NO_CHANGE_SECONDS:
                return None
            time.sleep(0.002)

    def pane(self, variable: str, target: str | None = None) -> str:
        return self.tmux(
            "display-message", "-p", "-t", target or f"run{self.count}", f"#{{{variable}}}"
        ).strip()

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], env=self.env, capture_output=True, check=False)
        if self.holder is not None:
            self.holder.close()


class Control:
    """A tmux client in control mode: commands and their answers over one connection, so that
    polling the screen costs no process start (a `tmux capture-pane` process every few ms took
    about 0.4 of a core from the program being timed)."""

    def __init__(self, argv: Sequence[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.send("refresh-client -f no-output")  # no copy of every byte the program writes
        marker = "control ready 12345"
        self.send(f"display-message -p {shlex.quote(marker)}")
        while marker not in self.answer():
            pass  # the answers to the attach and the refresh

    def run(self, command: str) -> str:
        """Send one tmux command; the text of its answer."""
        self.send(command)
        return self.answer()

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command.encode() + b"\n")
        self.process.stdin.flush()

    def answer(self) -> str:
        """The text of the next answer block (notifications between blocks are passed over)."""
        assert self.process.stdout is not None
        lines: list[str] = []
        inside = False
        while line := self.process.stdout.readline():
            text = line.decode(errors="replace")
            if text.startswith("%begin"):
                inside, lines = True, []
            elif inside and text.startswith(("%end", "%error")):
                return "".join(lines)
            elif inside:
                lines.append(text)
        raise BenchError("tmux control mode ended before it answered")

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


def descendants(root: int) -> list[int]:
    """`root` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def peak_kb(pid: int) -> int:
    """The peak resident set (VmHWM) of a running process, in kB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def wait_gone(pids: Sequence[int], limit: float = 5.0) -> None:
    """Wait until the processes of a closed session have exited (so they cost no CPU later)."""
    deadline = time.monotonic() + limit
    while any(Path(f"/proc/{pid}").exists() for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.01)


@dataclass
class Probe:
    """One thing timed each round: a name and how to run it in round `i` (-1 is the warm-up)."""

    name: str
    take: Callable[[int], Sample]
    samples: list[Sample] = field(default_factory=list)
    per_round: int = 1  # samples taken each round
    # the baseline started right beside each sample (see `take_rounds`), and its samples, in pairs
    beside: Probe | None = None
    beside_samples: list[Sample] = field(default_factory=list)

    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    def paired_ratio(self) -> float:
        """The median of each sample's ratio to the baseline started beside it."""
        pairs = zip(self.samples, self.beside_samples, strict=True)
        return statistics.median(mine.seconds / theirs.seconds for mine, theirs in pairs)

    def peak(self) -> float:
        return max(s.peak_mb for s in self.samples)


class KeyProbe(Probe):
    """Keys typed into one running program each round: each key's seconds, kept by its label."""

    def __init__(self, name: str, type_keys: Callable[[int], dict[str, float | None]]) -> None:
        self.by_key: dict[str, list[float | None]] = {}

        def take(index: int) -> Sample:
            times = type_keys(index)
            if index >= 0:
                for label, seconds in times.items():
                    self.by_key.setdefault(label.split("#")[0], []).append(seconds)
            return Sample(sum(t for t in times.values() if t is not None), 0.0)

        super().__init__(name, take)


# name, label, the probe measured, its baseline, budget, unit: "s" is the median time against a
# ratio budget, "MB" the peak memory against an absolute budget (shown beside the baseline's)
FigureRow = tuple[str, str, str, str, float, str]
# The budgets of issue 10, for the --records file (50,000 records by default) ...
FIGURES: tuple[FigureRow, ...] = (
    ("add", "cadre add study", "add", "write_floor", 1.3, "s"),
    ("edit", "cadre edit ID --points N", "edit", "write_floor", 1.3, "s"),
    ("delete", "cadre delete ID --yes", "delete", "write_floor", 1.3, "s"),
    ("done", "cadre done ID (a talk's follow-up)", "done", "write_floor", 1.3, "s"),
    ("undo", "cadre undo", "undo", "write_floor", 1.3, "s"),
    ("list", "cadre list study --since (a month)", "list", "read_floor", 1.3, "s"),
    ("check", "cadre check", "check", "read_floor", 1.3, "s"),
    ("show", "cadre show ID", "show", "read_floor", 1.3, "s"),
    ("today", "cadre today (file unchanged)", "today", "read_floor", 0.5, "s"),
    ("today_changed", "cadre today after a change", "today_changed", "read_floor", 1.5, "s"),
    ("export", "cadre export -o (JSON)", "export", "write_floor", 1.3, "s"),
    ("export_edited", "cadre export after a hand edit", "export_edited", "write_floor", 1.3, "s"),
    ("import", "cadre import (into an empty file)", "import", "write_floor", 2.5, "s"),
    ("first_screen", "first full screen (tmux 80x24)", "first_screen", "bare_textual", 1.3, "s"),
    (
        "first_screen_changed",
        "first full screen after a change",
        "first_screen_changed",
        "bare_textual",
        1.5,
        "s",
    ),
    ("export_memory", "peak memory: cadre export", "export", "write_floor", MEMORY_BUDGET_MB, "MB"),
    ("tui_memory", "peak memory: TUI", "first_screen", "bare_textual", MEMORY_BUDGET_MB, "MB"),
)
# ... and for the small file of --also-small, where start-up must not dominate
SMALL_FIGURES: tuple[FigureRow, ...] = (
    ("small_add", "start-up: cadre add study", "add", "read_floor", 1.5, "s"),
    ("small_list", "start-up: cadre list (a month)", "list", "read_floor", 1.5, "s"),
    ("small_today", "start-up: cadre today", "today", "read_floor", 1.5, "s"),
)
# Its commands take a tenth of a second, where a machine's jitter of 10-20 ms is a large share of
# a round: it runs this many times the rounds, for medians as steady as the large file's.
SMALL_ROUNDS = 3
KEYS = "keys"  # the name --only takes for the key rows
TUI_PROBES = {"bare_textual", "first_screen", "first_screen_changed", "bare_key", "keys"}


@dataclass
class Plan:
    """One file to bench, and what to measure on it, in each of the --runs."""

    source: str  # "generated" or "demo"
    mix: str
    original: Path  # each run works on a fresh copy
    survey: Survey
    figures: tuple[FigureRow, ...]
    keys: bool  # whether the TUI's keys are timed too
    repeat: int
    available: frozenset[str]  # the optional commands this cadre has
    markers: tuple[str, ...]
    timeout: float


BASELINE_LABELS = {
    "write_floor": "write floor",
    "read_floor": "read floor",
    "bare_textual": "bare Textual app",
    "bare_key": "bare app, a key",
}


def generate(records: int, mix: str, path: Path) -> None:
    """The N-record file in the proportions of `mix`, made by bench/generate.py."""
    command = [sys.executable, str(GENERATE), "--records", str(records), "--mix", mix]
    done = subprocess.run([*command, "-o", str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"generate.py failed: {done.stderr.strip()}")


def survey(path: Path) -> Survey:
    """What the bench needs to know of the file, read by a child.

    A child's ru_maxrss counts the parent's resident size at the fork, so this process never
    holds the parsed file: it would inflate every memory figure after it."""
    command = [sys.executable, "-c", SURVEY, str(path), str(ID_PREFIX)]
    found = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    first, last = date.fromisoformat(found.pop("first")), date.fromisoformat(found.pop("last"))
    return Survey(first, last, **found)


def wanted_probes(plan: Plan) -> set[str]:
    """The probes the figures of `plan` are made of."""
    names = {name for figure in plan.figures for name in figure[2:4]}
    return names | ({"keys", "bare_key", "write_floor"} if plan.keys else set())


def bench(plan: Plan, run_number: int) -> Result:
    """Time every probe of `plan` on a fresh copy of its file `repeat` times, round-robin after a
    warm-up."""
    with tempfile.TemporaryDirectory(prefix="cadre-bench-") as name:
        folder = Path(name)
        folder.chmod(0o700)
        data_file = folder / "cadre.json"
        shutil.copyfile(plan.original, data_file)
        data_file.chmod(0o600)
        today = plan.survey.last
        env = dict(os.environ, CADRE_TODAY=today.isoformat(), CADRE_LANG="zh", LANG="C.UTF-8")
        env.pop("CADRE_DB", None)
        # measure cadre as installed, with its bytecode (a `pip install .` writes it)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        result = Result(
            plan.source,
            plan.mix,
            plan.survey.records,
            data_file.stat().st_size,
            plan.repeat,
            run_number,
        )
        wanted = wanted_probes(plan)
        tmux = shutil.which("tmux") is not None and bool(wanted & TUI_PROBES)
        terminal = Terminal(folder, env, plan.timeout) if tmux else None
        try:
            probes, skipped = make_probes(plan, folder, data_file, env, terminal)
            probes = [probe for probe in probes if probe.name in wanted]
            pair(probes, plan.figures)
            take_rounds(probes, plan.repeat, skipped)
        finally:
            if terminal is not None:
                terminal.close()
        fill(result, plan.figures, {p.name: p for p in probes}, skipped)
        return result


def pair(probes: list[Probe], figures: Sequence[FigureRow]) -> None:
    """Give each timed probe the baseline its figure is a ratio to, to be started beside it."""
    by_name = {probe.name: probe for probe in probes}
    for _, _, source, baseline, _, unit in figures:
        if unit == "s" and source in by_name and baseline in by_name:
            by_name[source].beside = by_name[baseline]


def take_rounds(probes: list[Probe], repeat: int, skipped: dict[str, str]) -> None:
    """A warm-up round, then `repeat` rounds kept: each probe in turn takes its samples of the
    round. A probe with a baseline `beside` it takes each sample next to one of the baseline's,
    in turn after and before it (its own count of samples decides), so that the machine's swings
    (its speed changed by half between runs, and by a third within one) fall on both; the
    baseline takes no samples of its own unless no probe is paired with it. A probe whose
    program is not a TUI yet is dropped, with the reason in `skipped`."""
    partners = {id(probe.beside) for probe in probes if probe.beside is not None}
    for index in range(-1, repeat):
        for probe in list(probes):
            if id(probe) in partners:
                continue
            try:
                for turn in range((index + 1) * probe.per_round, (index + 2) * probe.per_round):
                    if probe.beside is None:
                        sample, baseline = probe.take(index), None
                    elif turn % 2 == 0:
                        baseline = probe.beside.take(index)
                        sample = probe.take(index)
                    else:
                        sample = probe.take(index)
                        baseline = probe.beside.take(index)
                    if index < 0:
                        continue
                    probe.samples.append(sample)
                    if probe.beside is not None and baseline is not None:
                        probe.beside_samples.append(baseline)
                        probe.beside.samples.append(baseline)
            except NotATui as error:
                skipped[probe.name] = f"`cadre` does not open a TUI yet (it printed: {error})"
                probes.remove(probe)


def make_probes(
    plan: Plan,
    folder: Path,
    data_file: Path,
    env: dict[str, str],
    terminal: Terminal | None,
) -> tuple[list[Probe], dict[str, str]]:
    """What to time (all of it; the caller keeps what its figures need), and a note for each
    figure that cannot be measured here."""
    cadre = cadre_command()
    db = [*cadre, "--db", str(data_file)]
    found = plan.survey
    skipped: dict[str, str] = {}
    since = (found.last - timedelta(days=30)).isoformat()
    rounds = plan.repeat + 1  # with the warm-up
    wanted = wanted_probes(plan)

    def fresh(index: int) -> str:  # a date with no study record yet, a new one each round
        return (found.first - timedelta(days=index + 2)).isoformat()

    def export(index: int) -> Sample:
        target = folder / f"export-{index}.json"
        try:
            return run([*db, "export", "-o", str(target)], env)
        finally:
            target.unlink(missing_ok=True)

    def import_(index: int) -> Sample:
        target = folder / f"import-{index}"
        try:
            return run([*cadre, "--db", str(target / "cadre.json"), "import", str(source)], env)
        finally:
            shutil.rmtree(target, ignore_errors=True)

    def export_edited(index: int) -> Sample:  # the first export of bytes no export has seen
        hand_edit(data_file, index)
        return export(index)

    def today_unchanged(index: int) -> Sample:  # a login: nothing changed since the last one
        run([*db, "today"], env)
        return run([*db, "today"], env)

    def today_changed(index: int) -> Sample:  # the first login after a change: reads the file
        os.utime(data_file)
        return run([*db, "today"], env)

    def shortage(ids: list[str], what: str) -> str | None:  # too few ids for one a round?
        if len(ids) >= rounds:
            return None
        return f"{rounds} rounds need {rounds} {what}; the file has {len(ids)}"

    # each round edits the newest study day to new points (and shows it), deletes another event or
    # session, and marks another talk's follow-up done; undo then reverts the round's newest change
    commands: dict[str, tuple[Callable[[int], Sample], str | None]] = {
        "today": (today_unchanged, None),
        "edit": (
            lambda i: run([*db, "edit", found.study[-1], "--points", str(11 + i)], env),
            None if found.study else "the file has no study record to edit",
        ),
        "show": (
            lambda i: run([*db, "show", found.study[-1]], env),
            None if found.study else "the file has no study record to show",
        ),
        "delete": (
            lambda i: run([*db, "delete", found.deletable[i + 1], "--yes"], env),
            shortage(found.deletable, "events and sessions to delete"),
        ),
        "done": (
            lambda i: run([*db, "done", found.open_talks[i + 1]], env),
            shortage(found.open_talks, "talks with an open follow-up"),
        ),
        "undo": (lambda i: run([*db, "undo"], env), None),
        "export": (export, None),
        "export_edited": (
            export_edited,
            None if "export" in plan.available else "`cadre export` does not exist yet",
        ),
        "import": (
            import_,
            None if "export" in plan.available else "`cadre import` needs `cadre export`",
        ),
    }
    probes = [
        Probe(
            "write_floor", lambda i: run([sys.executable, "-c", WRITE_FLOOR, str(data_file)], env)
        ),
        Probe("read_floor", lambda i: run([sys.executable, "-c", READ_FLOOR, str(data_file)], env)),
        Probe(
            "add", lambda i: run([*db, "add", "study", "--points", "5", "--date", fresh(i)], env)
        ),
        Probe("list", lambda i: run([*db, "list", "study", "--since", since], env)),
        Probe("check", lambda i: run([*db, "check"], env)),
        Probe("today_changed", today_changed),
    ]
    for name, (take, missing) in commands.items():
        if name in OPTIONAL_COMMANDS and name not in plan.available:
            skipped[name] = f"`cadre {name}` does not exist yet"
        elif missing is not None:
            skipped[name] = missing
        else:
            probes.append(Probe(name, take))
    source = folder / "reference-export.json"
    if "import" in wanted and "import" not in skipped:
        run([*db, "export", "-o", str(source)], env)
    if not wanted & TUI_PROBES:
        return probes, skipped
    if terminal is None:
        skipped["first_screen"] = "tmux is not installed"
        return probes, skipped
    patterns = [re.compile(m) for m in plan.markers]
    bare = folder / "bare_app.py"
    bare.write_text(BARE_APP)
    bare_marker = [re.compile(BARE_MARKER)]
    probes.append(
        Probe(
            "bare_textual",
            lambda i: terminal.first_screen([sys.executable, str(bare)], bare_marker),
            per_round=SCREEN_STARTS,
        )
    )

    # the TUI is started as a user starts it, on the clock's today (no CADRE_TODAY)
    clock = {name: value for name, value in env.items() if name != "CADRE_TODAY"}
    on_the_clock = ["env", "-u", "CADRE_TODAY", *db]

    def first_screen(index: int) -> Sample:  # after a login, whose `cadre today` kept the summary
        run([*db, "today"], clock)
        return terminal.first_screen(on_the_clock, patterns)

    def first_screen_changed(index: int) -> Sample:  # the first start after another program wrote
        os.utime(data_file)
        return terminal.first_screen(on_the_clock, patterns)

    probes.append(Probe("first_screen", first_screen, per_round=SCREEN_STARTS))
    probes.append(Probe("first_screen_changed", first_screen_changed, per_round=SCREEN_STARTS))
    bare_keys = folder / "bare_key_app.py"
    bare_keys.write_text(BARE_KEY_APP)
    probes.append(
        KeyProbe(
            "bare_key",
            lambda i: terminal.key_times([sys.executable, str(bare_keys)], bare_marker, BARE_KEYS),
        )
    )
    probes.append(KeyProbe("keys", lambda i: terminal.key_times(db, patterns, TUI_KEYS)))
    return probes, skipped


def fill(
    result: Result,
    figures: Sequence[FigureRow],
    probes: dict[str, Probe],
    skipped: dict[str, str],
) -> None:
    """Turn the samples into the figures of `result`."""
    for name, probe in probes.items():
        if name in BASELINE_LABELS:
            result.baselines[name] = {"seconds": probe.median(), "peak_mb": probe.peak()}
    for name, label, source, baseline, budget, unit in figures:
        figure = Figure(name, label, baseline, budget, unit)
        if source in probes and baseline in probes:
            probe = probes[source]
            if unit == "s" and probe.beside is probes[baseline]:
                figure.value = probe.median()
                figure.baseline_value = statistics.median(s.seconds for s in probe.beside_samples)
                figure.ratio = probe.paired_ratio()
            else:
                measure = Probe.median if unit == "s" else Probe.peak
                figure.value = measure(probe)
                figure.baseline_value = measure(probes[baseline])
                figure.ratio = figure.value / figure.baseline_value
            figure.within_budget = figure.ratio <= budget if unit == "s" else figure.value < budget
        else:
            figure.skipped = skipped.get(source) or skipped.get(baseline) or "not measured"
        result.figures.append(figure)
    keys, bare = probes.get("keys"), probes.get("bare_key")
    if isinstance(keys, KeyProbe) and isinstance(bare, KeyProbe):
        baseline = max(t for t in bare.by_key["bare"] if t is not None)
        result.baselines["bare_key"] = {"seconds": baseline, "peak_mb": 0.0}
        floor = probes.get("write_floor")
        for label, samples in keys.by_key.items():
            name = f"key: {label}"
            if label in SAVE_KEYS:
                figure = Figure(name, name, "write_floor", SAVE_BUDGET, "s")
                against = floor.median() if floor is not None and floor.samples else None
            else:
                figure = Figure(name, name, "bare_key", KEY_BUDGET_SECONDS, "key")
                against = baseline
            if None in samples:
                figure.skipped = "the key changed nothing on screen"
            elif against is None:
                figure.skipped = "the write floor was not measured"
            else:
                value = max(t for t in samples if t is not None)  # the worst round counts
                figure.value, figure.baseline_value = value, against
                figure.ratio = value / against
                within = (
                    figure.ratio <= SAVE_BUDGET
                    if label in SAVE_KEYS
                    else value <= KEY_BUDGET_SECONDS
                )
                figure.within_budget = within
            result.figures.append(figure)


def badness(figure: Figure) -> float:
    """What a measured figure's budget bounds: its ratio, or for an absolute budget (memory,
    keys) its value; the worst run is the one where this is highest."""
    assert figure.value is not None and figure.ratio is not None
    return figure.ratio if figure.unit == "s" else figure.value


def worst_of(results: Sequence[Result]) -> list[Worst]:
    """Each row of the runs `results` (one file, several runs) at its worst."""
    rows: dict[str, list[Figure]] = {}
    for result in results:
        for figure in result.figures:
            rows.setdefault(figure.name, []).append(figure)
    worst = []
    for figures in rows.values():
        measured = [f for f in figures if f.skipped is None]
        held = sum(1 for f in measured if f.within_budget)
        worst.append(
            Worst(max(measured, key=badness) if measured else figures[0], held, len(results))
        )
    return worst


def render(result: Result, runs: int = 1) -> str:
    """The table of one run, each figure beside its baseline, ratio and budget."""
    lines = [heading(result, f"run {result.run} of {runs}, " if runs > 1 else ""), COLUMNS]
    for f in result.figures:
        lines.append(figure_line(f, "ok" if f.within_budget else "OVER"))
    return "\n".join(lines)


def render_worst(results: Sequence[Result]) -> str:
    """The table of several runs on one file: each row's worst run, and how many runs held."""
    lines = [heading(results[0], f"the worst of {len(results)} runs, "), COLUMNS]
    for row in worst_of(results):
        missed = row.runs - row.held
        verdict = f"OVER in {missed} of {row.runs}" if missed else "ok in every run"
        lines.append(figure_line(row.figure, verdict))
    return "\n".join(lines)


COLUMNS = f"{'figure':<36}{'value':>10}  {'baseline':<18}{'value':>10}{'ratio':>8}  {'budget':<10}"


def heading(result: Result, which: str) -> str:
    """The first line of a table: the file and how it was measured."""
    what = "the demo, " if result.source == "demo" else f"mix {result.mix}, "
    return (
        f"cadre benchmark: {what}{result.records:,} records, {result.file_bytes / 1e6:.1f} MB, "
        f"{which}median of {result.repeat} round(s) (a first screen: {SCREEN_STARTS} a round; "
        "a ratio: of each sample to its baseline's, started beside it), "
        f"Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs"
    )


def figure_line(f: Figure, verdict: str) -> str:
    """One row: the figure, its baseline, the ratio, the budget and `verdict`."""
    if f.skipped is not None:
        return f"{f.label:<36}{'skipped':>10}  {f.skipped}"
    assert f.value is not None and f.baseline_value is not None and f.ratio is not None
    budget = {"MB": f"< {f.budget:.0f} MB", "key": f"<= {f.budget * 1000:.0f} ms"}.get(
        f.unit, f"<= {f.budget:.1f}x"
    )
    return (
        f"{f.label:<36}{quantity(f.value, f.unit):>10}  {BASELINE_LABELS[f.baseline]:<18}"
        f"{quantity(f.baseline_value, f.unit):>10}{f.ratio:>7.2f}x  {budget:<10}{verdict}"
    )


def quantity(value: float, unit: str) -> str:
    return f"{value:.0f} MB" if unit == "MB" else f"{value:.3f} s"  # a key's seconds too


def plans(args: argparse.Namespace, only: set[str] | None, folder: Path) -> list[Plan]:
    """The files to bench (generated into `folder` once, copied for each run) and their figures
    (those named in `only`, or all)."""
    cadre, env = cadre_command(), dict(os.environ)
    available = frozenset(name for name in OPTIONAL_COMMANDS if command_exists(cadre, name, env))
    sizes: list[tuple[int | None, tuple[FigureRow, ...], bool, int]] = [
        (args.records, FIGURES, True, args.repeat)
    ]
    small = (SMALL_RECORDS, SMALL_FIGURES, False, SMALL_ROUNDS * args.repeat)
    sizes += [small] if args.also_small else []
    sizes += [(None, FIGURES, True, args.repeat)] if args.demo else []
    made = []
    for size, figures, keys, rounds in sizes:
        figures = tuple(f for f in figures if only is None or f[0] in only)
        keys = keys and (only is None or KEYS in only)
        if not figures and not keys:
            continue
        if size is None:
            source, mix, original = "demo", "", DEMO
        else:
            source, mix, original = "generated", args.mix, folder / f"{size}.json"
            generate(size, args.mix, original)
        made.append(
            Plan(
                source,
                mix,
                original,
                survey(original),
                figures,
                keys,
                rounds,
                available,
                tuple(args.marker or DEFAULT_MARKERS),
                args.timeout,
            )
        )
    return made


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=50_000, help="records in the file")
    parser.add_argument(
        "--mix",
        choices=("default", "heavy"),
        default="default",
        help="the kinds' proportions (bench/generate.py --mix; heavy: issue 10's history)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="rounds per run (the median)")
    parser.add_argument(
        "--runs", type=int, default=1, help="repeat the whole bench; print each row's worst run"
    )
    parser.add_argument("--also-small", action="store_true", help=f"also at {SMALL_RECORDS:,}")
    parser.add_argument("--demo", action="store_true", help="also on the shipped demo file")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    names = [f[0] for f in FIGURES + SMALL_FIGURES] + [KEYS]
    parser.add_argument(
        "--only",
        metavar="NAMES",
        help=f"measure only these rows, comma-separated: {', '.join(names)}",
    )
    parser.add_argument(
        "--marker",
        action="append",
        help="a regex that must be on screen for the Overview to count as drawn (repeatable; "
        f"default: {' and '.join(DEFAULT_MARKERS)})",
    )
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a screen")
    args = parser.parse_args(argv)
    if args.records < 20 or args.repeat < 1 or args.runs < 1:
        parser.error("--records must be at least 20, --repeat and --runs at least 1")
    only = set(args.only.split(",")) if args.only else None
    unknown = (only or set()) - set(names)
    if unknown:
        parser.error(f"--only: no row named {', '.join(sorted(unknown))}")
    compileall.compile_dir(Path(tui.__file__).parent, quiet=1)
    results: dict[int, list[Result]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="cadre-bench-files-") as name:
            Path(name).chmod(0o700)
            benched = plans(args, only, Path(name))
            for run_number in range(1, args.runs + 1):
                for index, plan in enumerate(benched):
                    results.setdefault(index, []).append(bench(plan, run_number))
                    if not args.json:
                        print(render(results[index][-1], args.runs) + "\n", flush=True)
    except BenchError as error:
        print(f"bench/run.py: {error}", file=sys.stderr)
        return 1
    if args.json:
        everything = [asdict(result) for runs in results.values() for result in runs]
        worst = [
            {
                "source": runs[0].source,
                "records": runs[0].records,
                "rows": [asdict(row) for row in worst_of(runs)],
            }
            for runs in results.values()
        ]
        print(json.dumps({"runs": everything, "worst": worst}, indent=2))
    elif args.runs > 1:
        for runs in results.values():
            print(render_worst(runs) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
