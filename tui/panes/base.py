"""What every tab's pane shares: the store, today, the `a` key for the pane's own kind, and
refreshing on demand. A pane that is not on screen only notes that it is stale."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.containers import Vertical

from tui.core import dates
from tui.core.store import Store

AHEAD = "-ahead"  # marks a tab laid out below the screen while it is made ahead


class Pane(Vertical, can_focus=True):
    """A tab's content. Subclasses draw their figures in `refresh_data`.

    It takes the cursor itself when it has no list, so that its keys work and show."""

    BINDINGS = [Binding("a", "add", "key.add")]

    tab = ""
    default_kind = "study"

    def __init__(self, store: Store, today: Callable[[], dates.Date]) -> None:
        super().__init__(id=f"pane-{self.tab}", classes="pane")
        self.store = store
        self.today = today
        self.stale = False

    def on_mount(self) -> None:
        if not self.app.is_running:  # the app is closing: Textual did not mount the children
            return
        self.refresh_data()
        tab = self.parent
        if tab is not None and tab.display and not tab.has_class(AHEAD):  # not made ahead
            self.focus_first()

    def focus_first(self) -> None:
        """Put the cursor in the pane's first list, or on the pane when it has none."""
        lists = self.query("DataTable, OptionList")
        # at once, not after the queued messages: a key typed right after a tab key finds it there
        self.screen.set_focus(lists.first() if lists else self)

    def record_for_add(self) -> dict[str, Any] | None:
        """A record that `a` edits instead of adding a new one (the Overview: today's points)."""
        return None

    def action_add(self) -> None:
        """Open the form of a new record of the pane's kind (or of `record_for_add`)."""
        from tui.forms import record_form

        existing = self.record_for_add()
        self.app.push_screen(record_form(self.app, self.store, self.default_kind, existing))

    def refresh_data(self) -> None:
        """Recompute and redraw everything the pane shows (after a change or a new language)."""
        raise NotImplementedError
