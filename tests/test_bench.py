"""The benchmark works: the generator makes valid, reproducible files and run.py reports every figure.

No timing is asserted here (speed is measured by `python bench/run.py`, never by a test)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

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


def generate(records: int, output: Path) -> None:
    command = [
        sys.executable,
        str(BENCH / "generate.py"),
        "--records",
        str(records),
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


def test_the_generator_refuses_to_write_an_invalid_record(tmp_path: Path) -> None:
    generate_module = load("generate")
    builder = generate_module.build_heavy(100, seed=3)
    builder.tables["study"]["2"]["date"] = builder.tables["study"]["1"]["date"]
    output = tmp_path / "bad.json"
    with pytest.raises(generate_module.GenerationError, match="date"):
        generate_module.write(builder, output, {})
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    command = [sys.executable, str(BENCH / "run.py"), "--records", "300", "--repeat", "1", "--json"]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def exists(command: str) -> bool:
    done = subprocess.run([str(CADRE), command, "--help"], capture_output=True, check=False)
    return done.returncode == 0


def test_every_figure_has_a_ratio_or_an_honest_skip(report: dict[str, Any]) -> None:
    (result,) = report["runs"]
    assert result["records"] == 300
    assert set(result["baselines"]) >= {"write_floor", "read_floor"}
    figures = {f["name"]: f for f in result["figures"]}
    expected = {
        "add",
        "list",
        "check",
        "today",
        "export",
        "import",
        "first_screen",
        "export_memory",
        "tui_memory",
    }
    keys = {f"key: {label}" for label, _ in load("run").TUI_KEYS} if shutil.which("tmux") else set()
    assert set(figures) == expected | keys
    for name in ("add", "list", "check"):
        assert figures[name]["skipped"] is None
    for figure in figures.values():
        if figure["skipped"] is None:
            assert isinstance(figure["ratio"], float) and figure["ratio"] > 0, figure
            assert figure["value"] > 0 and figure["baseline_value"] > 0
    for command in ("today", "export", "import"):
        assert (figures[command]["skipped"] is None) == exists(command), figures[command]
    if shutil.which("tmux"):
        assert figures["first_screen"]["skipped"] is None, figures["first_screen"]
        assert figures["tui_memory"]["skipped"] is None
        for name in ("key: tab 3, first time", "key: tab 4, first time", "key: open the add form"):
            assert figures[name]["skipped"] is None, figures[name]


def test_the_table_shows_every_figure(report: dict[str, Any]) -> None:
    run = load("run")
    (raw,) = report["runs"]
    figures = [run.Figure(**figure) for figure in raw.pop("figures")]
    table = run.render(run.Result(**raw, figures=figures)).splitlines()
    for figure in figures:
        (line,) = [line for line in table if line.startswith(figure.label)]
        if figure.skipped is None:
            assert f"{figure.ratio:.2f}x" in line
        else:
            assert "skipped" in line
