"""A tab that, until its own figures exist, shows a short note and a paged list per kind.

The Campaigns, Sports and Care tabs are built on it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.core.i18n import t
from tui.panes.base import Pane
from tui.widgets.record_table import RecordTable


class ListsPane(Pane):
    """A tab that shows, for now, a note and one paged list per kind in `kinds`."""

    kinds: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(classes="coming")
        for kind in self.kinds:
            yield RecordTable(self.store, kind, self.today, id=f"{kind}-list")

    def refresh_data(self) -> None:
        self.query_one(".coming", Static).update(t("pane.coming"))
        for table in self.query(RecordTable):
            table.load()
