"""The benchmark works: the generator makes valid, reproducible files and run.py reports every figure.

No timing is asserted here (speed is measured by `python bench/run.py`, never by a test)."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tui.core.facts import read_facts
from tui.core.records import KINDS
from tui.core.store import Store

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
CADRE = Path(sys.executable).with_name("cadre")


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def generate(records: int, output: Path, *options: str) -> None:
    command = [
        sys.executable,
        str(BENCH / "generate.py"),
        "--records",
        str(records),
        *options,
        "-o",
        str(output),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_heavy_history_is_valid_and_reproducible(tmp_path: Path) -> None:
    tmp_path.chmod(0o700)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    generate(400, first)
    generate(400, second)
    assert first.read_bytes() == second.read_bytes()
    store = Store(first)
    counts = {kind: len(store.records(kind)) for kind in KINDS}
    assert sum(counts.values()) == 400
    assert all(counts.values()), counts
    study_dates = [r["date"] for r in store.records("study")]
    assert len(study_dates) == len(set(study_dates))
    campaigns = {c["id"]: c for c in store.records("campaign")}
    for kind in ("essay", "talk"):
        for record in store.records(kind):
            if record["campaign_id"] is not None:
                campaign = campaigns[record["campaign_id"]]
                assert campaign["kind"] == kind
                assert campaign["start"] <= record["date"][:7] <= campaign["end"]


def test_the_heavy_mix_is_the_history_of_issue_10_at_any_size(tmp_path: Path) -> None:
    generate_module = load("generate")
    assert generate_module.mix_counts(50_000, "heavy") == {
        "study": 13_000,
        "session": 10_000,
        "talk": 10_000,
        "event": 6_000,
        "essay": 5_000,
        "visit": 5_000,
        "person": 800,
        "campaign": 200,
    }
    for records in (20, 400, 1_000, 12_345):
        counts = generate_module.mix_counts(records, "heavy")
        assert sum(counts.values()) == records
        assert counts["campaign"] >= 2
        for kind in ("session", "talk", "event", "essay", "visit"):
            assert abs(counts[kind] - records * generate_module.MIXES["heavy"][kind]) <= 0.5
    tmp_path.chmod(0o700)
    output = tmp_path / "heavy.json"
    generate(400, output, "--mix", "heavy")
    store = Store(output)
    counts = {kind: len(store.records(kind)) for kind in KINDS}
    assert counts == generate_module.mix_counts(400, "heavy")
    assert counts["session"] == counts["talk"] == 80


def test_the_generator_refuses_to_write_an_invalid_record(tmp_path: Path) -> None:
    generate_module = load("generate")
    builder = generate_module.build_heavy(100, seed=3)
    builder.tables["study"]["2"]["date"] = builder.tables["study"]["1"]["date"]
    output = tmp_path / "bad.json"
    with pytest.raises(generate_module.GenerationError, match="date"):
        generate_module.write(builder, output, {})
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []


def test_the_hand_edit_changes_one_note_and_leaves_no_export_s_note_for_the_bytes(
    tmp_path: Path,
) -> None:
    """The row `export_edited` times the export of bytes no export has seen, the file valid."""
    run = load("run")
    tmp_path.chmod(0o700)
    data_file = tmp_path / "cadre.json"
    generate(200, data_file)
    export = [str(CADRE), "--db", str(data_file), "export", "-o", str(tmp_path / "export.json")]
    subprocess.run(export, check=True)
    digest = Store(data_file).digest()
    assert read_facts(str(data_file), digest) is not None
    before = json.loads(data_file.read_bytes())
    run.hand_edit(data_file, 7)
    checked = subprocess.run([str(CADRE), "--db", str(data_file), "check"], check=False)
    assert checked.returncode == 0
    assert read_facts(str(data_file), Store(data_file).digest()) is None
    assert oct(data_file.stat().st_mode & 0o777) == "0o600"
    after = json.loads(data_file.read_bytes())
    changed = {
        (table, key): record
        for table, records in after.items()
        for key, record in records.items()
        if record != before[table][key]
    }
    first = next(iter(before["study"]))
    assert list(changed) == [("study", first)]
    assert changed["study", first]["note"] == "hand edit 7"


CLI_ROWS = (
    "add",
    "edit",
    "delete",
    "done",
    "undo",
    "list",
    "check",
    "show",
    "today",
    "today_changed",
    "export",
    "export_edited",
    "import",
    "export_memory",
)


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    """Two whole runs of the command rows on a small heavy-mix file (the TUI is timed below)."""
    command = [
        sys.executable,
        str(BENCH / "run.py"),
        *("--records", "300", "--mix", "heavy", "--repeat", "1", "--runs", "2"),
        *("--only", ",".join(CLI_ROWS), "--json"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def exists(command: str) -> bool:
    done = subprocess.run([str(CADRE), command, "--help"], capture_output=True, check=False)
    return done.returncode == 0


def test_every_row_of_every_run_has_a_ratio_or_an_honest_skip(report: dict[str, Any]) -> None:
    run = load("run")
    assert [result["run"] for result in report["runs"]] == [1, 2]
    for result in report["runs"]:
        assert (result["records"], result["mix"]) == (300, "heavy")
        assert set(result["baselines"]) == {"write_floor", "read_floor"}
        figures = {f["name"]: f for f in result["figures"]}
        assert list(figures) == [f[0] for f in run.FIGURES if f[0] in CLI_ROWS]
        for name in ("add", "list", "check"):
            assert figures[name]["skipped"] is None
        for figure in figures.values():
            if figure["skipped"] is None:
                assert isinstance(figure["ratio"], float) and figure["ratio"] > 0, figure
                assert figure["value"] > 0 and figure["baseline_value"] > 0
        for command in ("today", "edit", "show", "delete", "done", "undo", "export", "import"):
            assert (figures[command]["skipped"] is None) == exists(command), figures[command]
        assert (figures["export_edited"]["skipped"] is None) == exists("export")


def test_each_row_shows_its_worst_run_and_how_many_runs_held(report: dict[str, Any]) -> None:
    (worst,) = report["worst"]
    assert worst["records"] == 300
    by_run = [{f["name"]: f for f in result["figures"]} for result in report["runs"]]
    assert [row["figure"]["name"] for row in worst["rows"]] == list(by_run[0])
    for row in worst["rows"]:
        figure, both = row["figure"], [figures[row["figure"]["name"]] for figures in by_run]
        assert row["runs"] == 2
        assert row["held"] == sum(1 for f in both if f["within_budget"])
        if figure["skipped"] is None:
            measure = "ratio" if figure["unit"] == "s" else "value"
            assert figure[measure] == max(f[measure] for f in both)


def test_the_tables_show_every_row(report: dict[str, Any]) -> None:
    run = load("run")
    raw = report["runs"][0]
    figures = [run.Figure(**figure) for figure in raw.pop("figures")]
    table = run.render(run.Result(**raw, figures=figures), runs=2).splitlines()
    assert "run 1 of 2" in table[0] and "mix heavy, 300 records" in table[0]
    for figure in figures:
        (line,) = [line for line in table if line.startswith(figure.label)]
        if figure.skipped is None:
            assert f"{figure.ratio:.2f}x" in line
            assert line.endswith("ok" if figure.within_budget else "OVER")
        else:
            assert "skipped" in line


def test_the_worst_run_decides_a_row_and_every_run_must_hold() -> None:
    run = load("run")

    def figure(name: str, unit: str, value: float, baseline: float, held: bool) -> Any:
        budget = {"s": 1.3, "MB": 200.0, "key": 0.1}[unit]
        row = run.Figure(name, name, "read_floor", budget, unit, value, baseline, value / baseline)
        row.within_budget = held
        return row

    def skipped(name: str, unit: str, why: str) -> Any:
        return run.Figure(name, name, "read_floor", 0.1, unit, skipped=why)

    runs = [
        [
            figure("add", "s", 1.1, 1.0, True),
            figure("memory", "MB", 150, 40, True),
            figure("key", "key", 0.05, 0.04, True),
            skipped("import", "s", "`cadre import` does not exist yet"),
        ],
        [
            figure("add", "s", 1.4, 1.0, False),
            figure("memory", "MB", 180, 90, True),
            skipped("key", "key", "the key changed nothing on screen"),
            skipped("import", "s", "`cadre import` does not exist yet"),
        ],
        [
            figure("add", "s", 1.2, 1.0, True),
            figure("memory", "MB", 120, 20, True),
            figure("key", "key", 0.08, 0.04, True),
            skipped("import", "s", "`cadre import` does not exist yet"),
        ],
    ]
    results = [
        run.Result("generated", "heavy", 50_000, 16_000_000, 5, number, figures=figures)
        for number, figures in enumerate(runs, start=1)
    ]
    add, memory, key, import_ = run.worst_of(results)
    assert (add.figure.ratio, add.held, add.runs) == (1.4, 2, 3)
    assert (memory.figure.value, memory.held) == (180, 3)  # the most memory, not the top ratio
    assert (key.figure.value, key.held) == (0.08, 2)  # a run that measured nothing did not hold
    assert (import_.figure.skipped, import_.held) == ("`cadre import` does not exist yet", 0)
    table = run.render_worst(results).splitlines()
    assert "the worst of 3 runs" in table[0]
    assert table[2].startswith("add") and "1.40x" in table[2]
    assert table[2].endswith("OVER in 1 of 3")
    assert table[3].endswith("ok in every run") and "180 MB" in table[3]
    assert table[4].endswith("OVER in 1 of 3") and "0.080 s" in table[4]
    assert "skipped" in table[5] and "does not exist yet" in table[5]


def test_a_missing_command_or_too_small_a_file_is_skipped_with_its_reason(tmp_path: Path) -> None:
    run = load("run")
    found = run.Survey(date(2026, 1, 1), date(2026, 11, 27), 40, ["0a1b2c3d"], ["e1", "e2"], ["t1"])
    commands = [f for f in run.FIGURES if f[2] not in run.TUI_PROBES]  # the TUI is timed below
    plan = run.Plan(
        *("generated", "default", tmp_path / "original.json", found, tuple(commands), False),
        *(5, frozenset({"today", "delete", "done"}), run.DEFAULT_MARKERS, 1.0),
    )
    probes, skipped = run.make_probes(plan, tmp_path, tmp_path / "cadre.json", {}, None)
    assert [p.name for p in probes] == [
        "write_floor",
        "read_floor",
        "add",
        "list",
        "check",
        "today_changed",
        "today",
    ]
    assert skipped == {
        "edit": "`cadre edit` does not exist yet",
        "show": "`cadre show` does not exist yet",
        "undo": "`cadre undo` does not exist yet",
        "export": "`cadre export` does not exist yet",
        "export_edited": "`cadre export` does not exist yet",
        "import": "`cadre import` does not exist yet",
        "delete": "6 rounds need 6 events and sessions to delete; the file has 2",
        "done": "6 rounds need 6 talks with an open follow-up; the file has 1",
    }
    small = dataclasses.replace(plan, figures=run.SMALL_FIGURES)
    assert run.wanted_probes(small) == {"read_floor", "add", "list", "today"}
    with_keys = dataclasses.replace(plan, keys=True)
    assert run.wanted_probes(with_keys) == run.wanted_probes(plan) | {"keys", "bare_key"}


def test_the_small_file_runs_three_times_the_rounds(tmp_path: Path) -> None:
    """Its commands take a tenth of a second, where a machine's jitter weighs most."""
    run = load("run")
    args = run.argparse.Namespace(
        records=100, mix="default", repeat=2, also_small=True, demo=False, marker=None, timeout=1.0
    )
    (small,) = run.plans(args, {"small_add", "small_list"}, tmp_path)  # the 100 records: no rows
    assert (small.survey.records, small.repeat) == (run.SMALL_RECORDS, run.SMALL_ROUNDS * 2)
    assert run.SMALL_ROUNDS == 3 and [f[0] for f in small.figures] == ["small_add", "small_list"]


def test_each_round_takes_every_probe_s_samples_and_the_warm_up_is_dropped() -> None:
    run = load("run")
    taken: list[tuple[str, int]] = []

    def probe(name: str, per_round: int) -> Any:
        def take(index: int) -> Any:
            taken.append((name, index))
            return run.Sample(float(len(taken)), 0.0)

        return run.Probe(name, take, per_round=per_round)

    probes = [probe("command", 1), probe("screen", run.SCREEN_STARTS)]
    run.take_rounds(probes, 2, {})
    assert run.SCREEN_STARTS == 3
    assert taken == [(name, i) for i in (-1, 0, 1) for name in ["command"] + ["screen"] * 3]
    command, screen = probes
    assert [s.seconds for s in command.samples] == [5.0, 9.0]  # the warm-up's are not kept
    assert [s.seconds for s in screen.samples] == [6.0, 7.0, 8.0, 10.0, 11.0, 12.0]


def test_a_figure_s_samples_are_taken_beside_its_baseline_s_in_turn_before_and_after() -> None:
    """The machine's speed swung by half between runs and by a third within one: a baseline
    taken seconds away from its command once put three rows over their budgets."""
    run = load("run")
    taken: list[tuple[str, int]] = []

    def probe(name: str, per_round: int = 1) -> Any:
        def take(index: int) -> Any:
            taken.append((name, index))
            return run.Sample(float(len(taken)), 0.0)

        return run.Probe(name, take, per_round=per_round)

    floor, screen_floor = probe("floor"), probe("bare", run.SCREEN_STARTS)
    alone = probe("alone")  # a baseline no figure of the plan is a ratio to: timed on its own
    add, export = probe("add"), probe("export")
    screen = probe("screen", run.SCREEN_STARTS)
    probes = [floor, screen_floor, alone, add, export, screen]
    figures = (
        ("add", "add", "add", "floor", 1.3, "s"),
        ("export", "export", "export", "floor", 1.3, "s"),
        ("export_memory", "memory", "export", "alone", 200.0, "MB"),  # memory is not paired
        ("screen", "screen", "screen", "bare", 1.3, "s"),
    )
    run.pair(probes, figures)
    assert (add.beside, export.beside, screen.beside) == (floor, floor, screen_floor)
    assert floor.beside is None and alone.beside is None
    run.take_rounds(probes, 1, {})
    warm_up = [
        ("alone", -1),
        ("floor", -1), ("add", -1),
        ("floor", -1), ("export", -1),
        ("bare", -1), ("screen", -1),
        ("screen", -1), ("bare", -1),
        ("bare", -1), ("screen", -1),
    ]  # fmt: skip
    kept = [
        ("alone", 0),
        ("add", 0), ("floor", 0),  # each probe's own turns alternate, round after round
        ("export", 0), ("floor", 0),
        ("screen", 0), ("bare", 0),
        ("bare", 0), ("screen", 0),
        ("screen", 0), ("bare", 0),
    ]  # fmt: skip
    assert taken == warm_up + kept
    assert [s.seconds for s in add.samples] == [13.0]  # the warm-up's eleven are not kept
    assert [s.seconds for s in add.beside_samples] == [14.0]
    assert [s.seconds for s in export.beside_samples] == [16.0]
    assert [s.seconds for s in floor.samples] == [14.0, 16.0]  # the baseline keeps every pair's
    assert [s.seconds for s in screen.samples] == [17.0, 20.0, 21.0]
    assert [s.seconds for s in screen_floor.samples] == [18.0, 19.0, 22.0]
    assert [s.seconds for s in alone.samples] == [12.0]


def test_a_paired_figure_is_the_median_of_its_pairs_ratios_not_a_ratio_of_medians() -> None:
    run = load("run")

    def samples(*seconds: float) -> list[Any]:
        return [run.Sample(s, 10.0) for s in seconds]

    floor = run.Probe("write_floor", lambda i: run.Sample(1.0, 1.0), samples(1.0, 2.0, 4.0))
    add = run.Probe("add", lambda i: run.Sample(1.0, 1.0), samples(1.2, 2.2, 4.8))
    add.beside, add.beside_samples = floor, samples(1.0, 2.0, 4.0)
    export = run.Probe("export", lambda i: run.Sample(1.0, 1.0), samples(3.0, 3.0, 3.0))
    result = run.Result("generated", "default", 100, 1000, 3, 1)
    rows = (
        ("add", "add", "add", "write_floor", 1.15, "s"),
        ("export", "export", "export", "write_floor", 1.3, "s"),  # not paired: medians
    )
    run.fill(result, rows, {"write_floor": floor, "add": add, "export": export}, {})
    paired, unpaired = result.figures
    assert (paired.value, paired.baseline_value) == (2.2, 2.0)
    assert paired.ratio == pytest.approx(1.2)  # of 1.2, 1.1 and 1.2; 2.2 / 2.0 would be 1.1
    assert paired.within_budget is False
    assert (unpaired.value, unpaired.baseline_value, unpaired.ratio) == (3.0, 2.0, 1.5)


def test_the_first_screens_are_started_three_times_a_round(tmp_path: Path) -> None:
    """The bare app's start is bimodal: a median of five once fell 25% below the other runs'."""
    run = load("run")
    tmp_path.chmod(0o700)
    data = tmp_path / "cadre.json"
    generate(300, data)
    args = run.argparse.Namespace(
        records=300, mix="default", repeat=1, also_small=False, demo=False, marker=None, timeout=5.0
    )
    (plan,) = run.plans(args, {"first_screen", "first_screen_changed"}, tmp_path)
    terminal = run.Terminal(tmp_path, dict(os.environ), 5.0)
    try:
        probes, _ = run.make_probes(plan, tmp_path, data, dict(os.environ), terminal)
    finally:
        terminal.close()
    per_round = {p.name: p.per_round for p in probes}
    screens = ("bare_textual", "first_screen", "first_screen_changed")
    assert {name: per_round[name] for name in screens} == dict.fromkeys(screens, 3)
    assert {n for n, count in per_round.items() if count != 1} == set(screens)


def test_an_unknown_row_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        load("run").main(["--only", "add,nope"])
    assert exit_info.value.code == 2
    assert "--only: no row named nope" in capsys.readouterr().err


def test_the_first_screen_and_a_key_are_timed_on_screen(tmp_path: Path) -> None:
    run = load("run")
    tmp_path.chmod(0o700)
    data = tmp_path / "cadre.json"
    generate(300, data)
    found = run.survey(data)
    assert found.records == 300 and found.first < found.last
    for ids in (found.study, found.deletable, found.open_talks):
        assert ids and all(len(prefix) == run.ID_PREFIX for prefix in ids)
    env = dict(os.environ, CADRE_TODAY=found.last.isoformat(), CADRE_LANG="zh", LANG="C.UTF-8")
    env.pop("CADRE_DB", None)
    terminal = run.Terminal(tmp_path, env, 30.0)
    try:
        markers = [re.compile(marker) for marker in run.DEFAULT_MARKERS]
        db = [*run.cadre_command(), "--db", str(data)]
        screen = terminal.first_screen(db, markers)
        times = terminal.key_times(db, markers, [("tab 2", "2")])
    finally:
        terminal.close()
    assert screen.seconds > 0 and screen.peak_mb > 10  # a Python process with Textual loaded
    assert times["tab 2"] is not None and times["tab 2"] > 0
