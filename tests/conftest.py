"""Shared fixtures: a fixed day, a clean environment, a data file in tmp_path and a CLI runner.

`run_cadre` runs the installed `cadre` script in a real subprocess with CADRE_TODAY fixed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pendulum
import pytest

from tui.core.i18n import get_language, set_language
from tui.core.store import Store

TODAY = pendulum.date(2026, 3, 18)  # a Wednesday, not the day the tests run
TODAY_TEXT = TODAY.to_date_string()
_SCRIPT = Path(sys.executable).with_name("cadre")
CADRE = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "tui"]
_CADRE_VARIABLES = ("CADRE_DB", "CADRE_LANG", "CADRE_TODAY", "CADRE_LOCK_TIMEOUT", "CADRE_DEBUG")

RunCadre = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test sees the developer's CADRE_* variables or locale; messages start in English."""
    for name in _CADRE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    language = get_language()
    set_language("en")
    yield
    set_language(language)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A data file path whose folder does not exist yet."""
    return tmp_path / "data" / "cadre.json"


@pytest.fixture
def store(db: Path) -> Store:
    """A Store on a fresh file, with today fixed."""
    return Store(db, today=TODAY)


def cadre_env(
    db: Path | None = None, today: str | None = TODAY_TEXT, **extra: str
) -> dict[str, str]:
    """The environment of a cadre subprocess: CADRE_DB, CADRE_TODAY and `extra` set."""
    env = {k: v for k, v in os.environ.items() if k not in _CADRE_VARIABLES}
    env |= {"LANG": "C.UTF-8", "PYTHONUTF8": "1"}
    if db is not None:
        env["CADRE_DB"] = str(db)
    if today is not None:
        env["CADRE_TODAY"] = today
    return env | extra


@pytest.fixture
def run_cadre(db: Path) -> RunCadre:
    """Run `cadre ARGS…` on the test's data file; returns the finished process (text output)."""

    def run(
        *args: str, path: Path | None = None, today: str | None = TODAY_TEXT, **env: str
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*CADRE, *args],
            env=cadre_env(path or db, today, **env),
            capture_output=True,
            text=True,
            timeout=60,
        )

    return run


@pytest.fixture
def run_many(db: Path) -> Callable[..., list[subprocess.CompletedProcess[str]]]:
    """Run several `cadre` commands at once (2 cores: about twice as fast as one by one)."""

    def run(
        commands: list[tuple[str | bytes, ...]], path: Path | None = None, **env: str
    ) -> list[subprocess.CompletedProcess[str]]:
        started = [
            (
                command,
                subprocess.Popen(
                    [*CADRE, *command],
                    env=cadre_env(path or db, **env),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                ),
            )
            for command in commands
        ]
        finished = []
        for command, process in started:
            out, err = process.communicate(timeout=60)
            finished.append(subprocess.CompletedProcess(command, process.returncode, out, err))
        return finished

    return run


@pytest.fixture
def make_env() -> Callable[..., dict[str, str]]:
    """`cadre_env(db, today, **extra)`: the environment for a cadre process started by hand."""
    return cadre_env
