"""The TUI's first screen from the summary beside the data file: `cadre` opens on the Overview
figures it holds for today without parsing the file, and never once the file changed behind it.

"Used" is seen by planting a streak the file could never give under a matching stamp; the app is
stopped at `run` (what it would draw is what it was given)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from cli_support import RunCadre
from summary_support import CHANGES, DEMO_TODAY, copy_demo, plant, summarise

import tui.cli
import tui.cli_quick
from tui import launch
from tui.app import CadreApp
from tui.core import dates, today
from tui.core.overview import figures_as_json, figures_from_json, overview_figures
from tui.core.store import Store

PLANTED_STREAK = 999_999


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = copy_demo(tmp_path / "data")
    summarise(Store(db), DEMO_TODAY)
    return db


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What `cadre` opened: a CadreApp (stopped at `run`), or "command line" for the full way."""
    seen: list[Any] = []

    def run(app: CadreApp) -> None:
        seen.append(app)
        assert app.store.storage._data is None, "the file was parsed before the first screen"

    monkeypatch.setattr(CadreApp, "run", run)
    monkeypatch.setattr(tui.cli, "main", lambda: seen.append("command line"))
    monkeypatch.setattr(tui.cli_quick, "run_quick", lambda *args: None)  # all to the above
    monkeypatch.setattr(launch, "on_a_terminal", lambda: True)
    monkeypatch.setenv("CADRE_TODAY", DEMO_TODAY.isoformat())
    monkeypatch.delenv("CADRE_LANG", raising=False)
    return seen


def start(monkeypatch: pytest.MonkeyPatch, *argv: str) -> None:
    monkeypatch.setattr(sys, "argv", ["cadre", *argv])
    launch.start()


def planted_figures(db: Path) -> dict[str, Any]:
    figures = figures_as_json(overview_figures(Store(db), DEMO_TODAY))
    return figures | {"streak": PLANTED_STREAK}


def test_a_fresh_summary_opens_the_overview_it_holds_without_parsing_the_file(
    demo_db: Path, opened: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    plant(demo_db, DEMO_TODAY.isoformat(), figures=planted_figures(demo_db))
    start(monkeypatch, "--db", str(demo_db), "--lang", "en")
    [app] = opened
    assert app.first.figures.streak == PLANTED_STREAK
    assert app.first.settings == Store(demo_db).settings
    assert app.store.path == demo_db and app.fixed_today == DEMO_TODAY


def test_the_summarys_figures_are_the_files_on_each_day_it_holds(demo_db: Path) -> None:
    store = Store(demo_db)
    held = today.coming_days(store, DEMO_TODAY)
    assert len(held) == today.HORIZON_DAYS
    for day, kept in held.items():
        assert figures_from_json(kept["figures"]) == overview_figures(store, dates.to_date(day))


@pytest.mark.parametrize("change", CHANGES)
def test_a_file_changed_behind_the_summary_is_read_the_full_way(
    demo_db: Path,
    opened: list[Any],
    monkeypatch: pytest.MonkeyPatch,
    run_cadre: RunCadre,
    change: Any,
) -> None:
    plant(demo_db, DEMO_TODAY.isoformat(), figures=planted_figures(demo_db))
    change(demo_db, run_cadre)
    start(monkeypatch, "--db", str(demo_db))
    assert opened == ["command line"]


@pytest.mark.parametrize(
    "argv",
    [("--demo",), ("--lang", "fr"), ("--db",), ("--help",), ("list", "study"), ("-x",)],
)
def test_only_the_bare_command_opens_from_the_summary(
    demo_db: Path, opened: list[Any], monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]
) -> None:
    monkeypatch.setenv("CADRE_DB", str(demo_db))
    start(monkeypatch, *argv)
    assert opened == ["command line"]


def test_not_on_a_terminal_the_command_line_says_why(
    demo_db: Path, opened: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(launch, "on_a_terminal", lambda: False)
    start(monkeypatch, "--db", str(demo_db))
    assert opened == ["command line"]


@pytest.mark.parametrize(
    "spoiled",
    [
        {"streak": "3"},
        {"spark": []},
        {"spark": [1, True]},
        {"quotas": [["title", {"month": "2026-11"}]]},
        {"upcoming": [["2026-11-28", 1, "birthday", "王芳"]]},
        {"logged": None, "total": 1.5},
    ],
)
def test_spoiled_figures_are_passed_over(
    demo_db: Path, opened: list[Any], monkeypatch: pytest.MonkeyPatch, spoiled: dict[str, Any]
) -> None:
    figures = figures_as_json(overview_figures(Store(demo_db), DEMO_TODAY))
    plant(demo_db, DEMO_TODAY.isoformat(), figures=figures | spoiled)
    start(monkeypatch, "--db", str(demo_db))
    assert opened == ["command line"]


def test_quitting_keeps_a_fresh_summary_for_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CadreApp, "run", lambda app: None)
    monkeypatch.setenv("CADRE_TODAY", DEMO_TODAY.isoformat())
    db = copy_demo(tmp_path / "data")
    store = Store(db, today=DEMO_TODAY)
    launch.open_app(store, DEMO_TODAY, None)
    held = today.summary_of_today(str(db), {"CADRE_TODAY": DEMO_TODAY.isoformat()})
    assert held is not None
    assert figures_from_json(held[1]["figures"]) == overview_figures(store, DEMO_TODAY)
