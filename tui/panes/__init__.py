"""The five tabs of the app, one module each: overview, study, campaigns, sports and care.

`PANES` lists them in tab order; `load_pane` imports a tab's module only when it is first shown."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from tui.core import dates
from tui.core.store import Store
from tui.panes.base import Pane

PANES = ("overview", "study", "campaigns", "sports", "care")


def load_pane(name: str, store: Store, today: Callable[[], dates.Date]) -> Pane:
    """Build the pane of tab `name` (its module is imported on first use)."""
    module = importlib.import_module(f"tui.panes.{name}")
    pane: Pane = module.PANE(store, today)
    return pane
