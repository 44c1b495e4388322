"""What the CLI tests share: the fixed day, how to start `cadre`, and its environment.

Imported by tests/conftest.py for the fixtures and by any test that starts `cadre` itself."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pendulum

TODAY = pendulum.date(2026, 3, 18)  # a Wednesday, not the day the tests run
TODAY_TEXT = TODAY.to_date_string()
_SCRIPT = Path(sys.executable).with_name("cadre")
CADRE = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "tui"]
CADRE_VARIABLES = ("CADRE_DB", "CADRE_LANG", "CADRE_TODAY", "CADRE_LOCK_TIMEOUT", "CADRE_DEBUG")

RunCadre = Callable[..., subprocess.CompletedProcess[str]]


def cadre_env(
    db: Path | None = None, today: str | None = TODAY_TEXT, **extra: str
) -> dict[str, str]:
    """The environment of a cadre subprocess: CADRE_DB, CADRE_TODAY and `extra` set."""
    env = {k: v for k, v in os.environ.items() if k not in CADRE_VARIABLES}
    env |= {"LANG": "C.UTF-8", "PYTHONUTF8": "1"}
    if db is not None:
        env["CADRE_DB"] = str(db)
    if today is not None:
        env["CADRE_TODAY"] = today
    return env | extra
