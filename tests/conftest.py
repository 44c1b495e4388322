"""Shared fixtures: a fixed day, a clean environment, a data file in tmp_path and a CLI runner.

`run_cadre` runs the installed `cadre` script in a real subprocess with CADRE_TODAY fixed."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from cli_support import CADRE, CADRE_VARIABLES, TODAY, TODAY_TEXT, RunCadre, cadre_env

from tui.core.i18n import get_language, set_language
from tui.core.store import Store


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test sees the developer's CADRE_* variables or locale; messages start in English."""
    for name in CADRE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    language = get_language()
    set_language("en")
    yield
    set_language(language)


@pytest.fixture(autouse=True)
def _no_exit_from_the_test_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """`os._exit` in pytest's own process fails the test: called there (a command line run in
    process, say), it would end the whole suite with the code it was given, 0 a false pass. A
    child forked by the code under test still leaves by it."""
    leave, suite = os._exit, os.getpid()

    def refuse_to_end_the_suite(code: int) -> NoReturn:
        if os.getpid() != suite:
            leave(code)
        raise AssertionError(f"os._exit({code}) in the test process would end the whole suite")

    monkeypatch.setattr(os, "_exit", refuse_to_end_the_suite)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A data file path whose folder does not exist yet."""
    return tmp_path / "data" / "cadre.json"


@pytest.fixture
def store(db: Path) -> Store:
    """A Store on a fresh file, with today fixed."""
    return Store(db, today=TODAY)


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
