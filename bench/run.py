"""The benchmark of DESIGN §7: cadre's commands and first screen beside baselines from the same run.

`python bench/run.py [--records N] [--repeat K] [--also-small] [--json]`; not a timed test."""

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
MEMORY_BUDGET_MB = 200.0
DEFAULT_MARKERS = (r"概览|Overview", r"连续达标 \d+ 天|streak \d+ days")
BARE_MARKER = r"bare app ready 12345"
SETTLE_SECONDS = 0.3  # after the first screen, before reading the TUI's peak memory

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
SURVEY = """
import sys, orjson
data = orjson.loads(open(sys.argv[1], "rb").read())
dates = [r["date"] for r in data["study"].values()]
records = sum(len(t) for name, t in data.items() if name not in ("_meta", "settings"))
print(min(dates), max(dates), records)
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
# the keys timed in the TUI, in order, after the first screen: (label, tmux key)
TUI_KEYS = (
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
)
BARE_KEYS = tuple(("bare", "n") for _ in range(4))
KEY_BUDGET_SECONDS = 0.1
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
    records: int
    file_bytes: int
    repeat: int
    baselines: dict[str, dict[str, float]] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)


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


def command_exists(cadre: list[str], name: str, env: dict[str, str]) -> bool:
    """True when `cadre NAME --help` works."""
    done = subprocess.run([*cadre, name, "--help"], env=env, capture_output=True, check=False)
    return done.returncode == 0


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

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            [*self.base, *args], env=self.env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise BenchError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def first_screen(self, argv: Sequence[str], markers: Sequence[re.Pattern[str]]) -> Sample:
        """Seconds from starting `argv` until every marker is on screen, and its peak memory."""
        self.count += 1
        name = f"run{self.count}"
        start = time.perf_counter()
        self.tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", shlex.join(argv))
        try:
            polls = 0
            while True:
                screen = self.tmux("capture-pane", "-p", "-t", name)
                if all(marker.search(screen) for marker in markers):
                    seconds = time.perf_counter() - start
                    break
                polls += 1
                if polls % 10 == 0 and self.pane("pane_dead") == "1":
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
        keys: Sequence[tuple[str, str]],
    ) -> dict[str, float | None]:
        """Start `argv`, wait for its first screen, then type each key and time it from the key
        to the moment the screen reached what it then shows (polled with capture-pane)."""
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
            for index, (label, key) in enumerate(keys):
                times[f"{label}#{index}" if label in times else label] = self.time_key(name, key)
        finally:
            pids = descendants(int(self.pane("pane_pid", name)))
            self.tmux("kill-session", "-t", name)
            wait_gone(pids)
        return times

    def time_key(self, name: str, key: str) -> float | None:
        """Seconds from sending `key` to the last change of the screen it causes (None: the key
        changed nothing)."""
        before = self.tmux("capture-pane", "-p", "-t", name)
        start = time.perf_counter()
        self.tmux("send-keys", "-t", name, key)
        last_change, shown = start, before
        while True:
            screen = self.tmux("capture-pane", "-p", "-t", name)
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

    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

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
FIGURES = (
    ("add", "cadre add study", "add", "write_floor", 1.5, "s"),
    ("list", "cadre list study --since (a month)", "list", "read_floor", 1.5, "s"),
    ("check", "cadre check", "check", "read_floor", 1.5, "s"),
    ("today", "cadre today", "today", "read_floor", 1.5, "s"),
    ("export", "cadre export -o", "export", "write_floor", 1.5, "s"),
    ("import", "cadre import (into an empty file)", "import", "write_floor", 3.0, "s"),
    ("first_screen", "first full screen (tmux 80x24)", "first_screen", "bare_textual", 1.5, "s"),
    ("export_memory", "peak memory: cadre export", "export", "write_floor", MEMORY_BUDGET_MB, "MB"),
    ("tui_memory", "peak memory: TUI", "first_screen", "bare_textual", MEMORY_BUDGET_MB, "MB"),
)
BASELINE_LABELS = {
    "write_floor": "write floor",
    "read_floor": "read floor",
    "bare_textual": "bare Textual app",
    "bare_key": "bare app, a key",
}


def generate(records: int, path: Path) -> None:
    """The N-record file, made by bench/generate.py."""
    command = [sys.executable, str(GENERATE), "--records", str(records), "-o", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"generate.py failed: {done.stderr.strip()}")


def survey(path: Path) -> tuple[date, date, int]:
    """The first and last study dates of the file and its number of records, read by a child.

    A child's ru_maxrss counts the parent's resident size at the fork, so this process never
    holds the parsed file: it would inflate every memory figure after it."""
    done = subprocess.run(
        [sys.executable, "-c", SURVEY, str(path)], capture_output=True, text=True, check=True
    )
    first, last, records = done.stdout.split()
    return date.fromisoformat(first), date.fromisoformat(last), int(records)


def bench(size: int | None, repeat: int, markers: Sequence[str], timeout: float) -> Result:
    """Generate a file of `size` records (None: copy the demo), then time every probe `repeat`
    times, round-robin after a warm-up."""
    with tempfile.TemporaryDirectory(prefix="cadre-bench-") as name:
        folder = Path(name)
        folder.chmod(0o700)
        data_file = folder / "cadre.json"
        if size is None:
            shutil.copyfile(DEMO, data_file)
            data_file.chmod(0o600)
        else:
            generate(size, data_file)
        first, today, records = survey(data_file)
        env = dict(os.environ, CADRE_TODAY=today.isoformat(), CADRE_LANG="zh", LANG="C.UTF-8")
        env.pop("CADRE_DB", None)
        # measure cadre as installed, with its bytecode (a `pip install .` writes it)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        compileall.compile_dir(Path(tui.__file__).parent, quiet=1)
        source = "demo" if size is None else "generated"
        result = Result(source, records, data_file.stat().st_size, repeat)
        terminal = Terminal(folder, env, timeout) if shutil.which("tmux") else None
        try:
            probes, skipped = make_probes(folder, data_file, today, first, env, terminal, markers)
            for index in range(-1, repeat):
                for probe in list(probes):
                    try:
                        sample = probe.take(index)
                    except NotATui as error:
                        skipped[probe.name] = (
                            f"`cadre` does not open a TUI yet (it printed: {error})"
                        )
                        probes.remove(probe)
                        continue
                    if index >= 0:
                        probe.samples.append(sample)
        finally:
            if terminal is not None:
                terminal.close()
        fill(result, {p.name: p for p in probes}, skipped)
        return result


def make_probes(
    folder: Path,
    data_file: Path,
    today: date,
    first: date,
    env: dict[str, str],
    terminal: Terminal | None,
    markers: Sequence[str],
) -> tuple[list[Probe], dict[str, str]]:
    """What to time, and a note for each figure that cannot be measured here."""
    cadre = cadre_command()
    db = [*cadre, "--db", str(data_file)]
    skipped: dict[str, str] = {}
    since = (today - timedelta(days=30)).isoformat()

    def fresh(index: int) -> str:  # a date with no study record yet, a new one each run
        return (first - timedelta(days=index + 2)).isoformat()

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
    ]
    if command_exists(cadre, "today", env):
        probes.append(Probe("today", lambda i: run([*db, "today"], env)))
    else:
        skipped["today"] = "`cadre today` does not exist yet"
    source = folder / "reference-export.json"
    if command_exists(cadre, "export", env):
        probes.append(Probe("export", export))
        if command_exists(cadre, "import", env):
            run([*db, "export", "-o", str(source)], env)
            probes.append(Probe("import", import_))
        else:
            skipped["import"] = "`cadre import` does not exist yet"
    else:
        skipped["export"] = "`cadre export` does not exist yet"
        skipped["import"] = "`cadre import` needs `cadre export`, which does not exist yet"
    if terminal is None:
        skipped["first_screen"] = "tmux is not installed"
    else:
        patterns = [re.compile(m) for m in markers]
        bare = folder / "bare_app.py"
        bare.write_text(BARE_APP)
        bare_marker = [re.compile(BARE_MARKER)]
        probes.append(
            Probe(
                "bare_textual",
                lambda i: terminal.first_screen([sys.executable, str(bare)], bare_marker),
            )
        )
        probes.append(Probe("first_screen", lambda i: terminal.first_screen(db, patterns)))
        bare_keys = folder / "bare_key_app.py"
        bare_keys.write_text(BARE_KEY_APP)
        probes.append(
            KeyProbe(
                "bare_key",
                lambda i: terminal.key_times(
                    [sys.executable, str(bare_keys)], bare_marker, BARE_KEYS
                ),
            )
        )
        probes.append(KeyProbe("keys", lambda i: terminal.key_times(db, patterns, TUI_KEYS)))
    return probes, skipped


def fill(result: Result, probes: dict[str, Probe], skipped: dict[str, str]) -> None:
    """Turn the samples into the figures of `result`."""
    for name, probe in probes.items():
        if name in BASELINE_LABELS:
            result.baselines[name] = {"seconds": probe.median(), "peak_mb": probe.peak()}
    for name, label, source, baseline, budget, unit in FIGURES:
        figure = Figure(name, label, baseline, budget, unit)
        if source in probes and baseline in probes:
            measure = Probe.median if unit == "s" else Probe.peak
            figure.value = measure(probes[source])
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
        for label, samples in keys.by_key.items():
            figure = Figure(f"key: {label}", f"key: {label}", "bare_key", KEY_BUDGET_SECONDS, "key")
            if None in samples:
                figure.skipped = "the key changed nothing on screen"
            else:
                value = max(t for t in samples if t is not None)  # the worst round counts
                figure.value, figure.baseline_value = value, baseline
                figure.ratio = value / baseline
                figure.within_budget = value <= KEY_BUDGET_SECONDS
            result.figures.append(figure)


def render(result: Result) -> str:
    """The table of one run, each figure beside its baseline, ratio and budget."""
    lines = [
        f"cadre benchmark: {'the demo, ' if result.source == 'demo' else ''}{result.records:,} records, {result.file_bytes / 1e6:.1f} MB, "
        f"median of {result.repeat} run(s), Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs",
        f"{'figure':<36}{'value':>10}  {'baseline':<18}{'value':>10}{'ratio':>8}  {'budget':<10}",
    ]
    for f in result.figures:
        if f.skipped is not None:
            lines.append(f"{f.label:<36}{'skipped':>10}  {f.skipped}")
            continue
        assert f.value is not None and f.baseline_value is not None and f.ratio is not None
        budget = {"MB": f"< {f.budget:.0f} MB", "key": f"<= {f.budget * 1000:.0f} ms"}.get(
            f.unit, f"<= {f.budget:.1f}x"
        )
        lines.append(
            f"{f.label:<36}{quantity(f.value, f.unit):>10}  {BASELINE_LABELS[f.baseline]:<18}"
            f"{quantity(f.baseline_value, f.unit):>10}{f.ratio:>7.2f}x  {budget:<10}"
            f"{'ok' if f.within_budget else 'OVER'}"
        )
    return "\n".join(lines)


def quantity(value: float, unit: str) -> str:
    return f"{value:.0f} MB" if unit == "MB" else f"{value:.3f} s"  # a key's seconds too


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=50_000, help="records in the file")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (the median)")
    parser.add_argument("--also-small", action="store_true", help=f"also at {SMALL_RECORDS:,}")
    parser.add_argument("--demo", action="store_true", help="also on the shipped demo file")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--marker",
        action="append",
        help="a regex that must be on screen for the Overview to count as drawn (repeatable; "
        f"default: {' and '.join(DEFAULT_MARKERS)})",
    )
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a screen")
    args = parser.parse_args(argv)
    if args.records < 20 or args.repeat < 1:
        parser.error("--records must be at least 20 and --repeat at least 1")
    sizes: list[int | None] = [args.records] + ([SMALL_RECORDS] if args.also_small else [])
    sizes += [None] if args.demo else []
    results = []
    try:
        for size in sizes:
            results.append(bench(size, args.repeat, args.marker or DEFAULT_MARKERS, args.timeout))
            if not args.json:
                print(render(results[-1]) + "\n", flush=True)
    except BenchError as error:
        print(f"bench/run.py: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"runs": [asdict(r) for r in results]}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
