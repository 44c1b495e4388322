"""Fixtures of the app's Pilot tests: a Store on a fresh temp file with a fixed day."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_support import APP_TODAY

from tui.core.store import Store


@pytest.fixture
def app_store(tmp_path: Path) -> Store:
    """A Store on a fresh file in tmp_path, today fixed to APP_TODAY."""
    return Store(tmp_path / "cadre.json", today=APP_TODAY)
