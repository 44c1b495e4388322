"""What every tab's pane shares: the store, today, the kind `a` adds, and refreshing on demand.

A pane that is not on screen only notes that it is stale and recomputes when it is shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.containers import Vertical

from tui.core import dates
from tui.core.store import Store


class Pane(Vertical):
    """A tab's content. Subclasses draw their figures in `refresh_data`."""

    tab = ""
    default_kind = "study"

    def __init__(self, store: Store, today: Callable[[], dates.Date]) -> None:
        super().__init__(id=f"pane-{self.tab}", classes="pane")
        self.store = store
        self.today = today
        self.stale = False

    def on_mount(self) -> None:
        self.refresh_data()
        self.focus_first()

    def focus_first(self) -> None:
        """Put the cursor in the pane's first list, if it has one."""
        tables = self.query("DataTable")
        if tables:
            tables.first().focus()

    def record_for_add(self) -> dict[str, Any] | None:
        """A record that `a` edits instead of adding a new one (the Overview: today's points)."""
        return None

    def refresh_data(self) -> None:
        """Recompute and redraw everything the pane shows (after a change or a new language)."""
        raise NotImplementedError
