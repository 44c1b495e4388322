"""A list of what is due or coming up, one line an item, in which `x` marks a follow-up done.

The Overview's upcoming lines and the Campaigns tab's open follow-ups are both one of these."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.changes import run_change
from tui.core import stats
from tui.core.display import escape
from tui.core.i18n import t
from tui.core.store import Store

FOLLOW_UP_KINDS = {"talk_follow_up": "talk", "visit_follow_up": "visit"}


class FollowUpList(OptionList):
    """Upcoming items as lines (overdue ones in red); `x` on a follow-up marks it done, one change
    that `u` undoes."""

    DEFAULT_CSS = """
    FollowUpList, FollowUpList:focus {
        height: auto;
        max-height: 12;
        border: none;
        padding: 0;
        background: transparent;
    }
    """

    BINDINGS = [Binding("x", "mark_done", "key.done")]

    def __init__(self, store: Store, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="follow-ups")
        self.store = store
        self.items: dict[str, stats.Upcoming] = {}  # option id -> item

    def show(self, items: Sequence[stats.Upcoming], empty: str, more: str = "") -> None:
        """One line per item (a dim `more` line after them), or the dim `empty` line."""
        highlighted = self.highlighted_item()
        self.items = {f"{item.kind}:{item.record_id}": item for item in items}
        options = [
            Option(Text(escape(stats.describe(item)), "red" if item.days < 0 else ""), key)
            for key, item in self.items.items()
        ]
        if more or not items:
            options.append(Option(Text(more or empty, "dim"), disabled=True))
        self.set_options(options)
        keep = next((k for k, v in self.items.items() if v == highlighted), None)
        if keep is not None:
            self.highlighted = self.get_option_index(keep)
        elif self.items:
            self.highlighted = 0
        self.refresh_bindings()

    def lines(self) -> list[str]:
        """The lines as shown, top to bottom."""
        return [str(self.get_option_at_index(i).prompt) for i in range(self.option_count)]

    def highlighted_item(self) -> stats.Upcoming | None:
        """The item under the cursor, if any."""
        if self.highlighted is None or self.highlighted >= self.option_count:
            return None
        return self.items.get(self.get_option_at_index(self.highlighted).id or "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`x` shows only while the cursor is on a follow-up."""
        if action == "mark_done":
            item = self.highlighted_item()
            return item is not None and item.kind in FOLLOW_UP_KINDS
        return True

    def on_option_list_option_highlighted(self) -> None:
        self.refresh_bindings()

    def action_mark_done(self) -> None:
        """Mark the follow-up under the cursor done."""
        item = self.highlighted_item()
        if item is None or item.kind not in FOLLOW_UP_KINDS:
            return
        kind = FOLLOW_UP_KINDS[item.kind]
        run_change(
            self,
            lambda: self.store.update(kind, item.record_id, {"follow_up_done": True}),
            t("followup.done", title=escape(item.title)),
        )
