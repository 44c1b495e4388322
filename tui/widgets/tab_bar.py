"""The row of tab names at the top (`1 概览  2 学习 …`): the active one marked, each clickable.

One widget instead of Textual's TabbedContent (a dozen), which every first screen pays for."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.display import width


class TabBar(Widget):
    """Tab names in one line; a click posts `TabBar.Chosen` with the tab's name."""

    DEFAULT_CSS = """
    TabBar {
        height: 1;
        background: $panel;
    }
    TabBar > .tab-bar--active {
        background: $primary;
        color: $text;
        text-style: bold underline;
    }
    """
    COMPONENT_CLASSES = {"tab-bar--active"}
    GAP = 1  # cells between two names

    active: reactive[str] = reactive("")

    class Chosen(Message):
        """The user clicked the tab called `name`."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, names: Sequence[str], label: Callable[[str], str], *, id: str) -> None:
        super().__init__(id=id)
        self.names = tuple(names)
        self.label = label
        self.active = self.names[0]

    def spans(self) -> list[tuple[str, str, int]]:
        """(name, shown text, first cell) of every tab, left to right."""
        found, cell = [], 0
        for name in self.names:
            shown = f" {self.label(name)} "
            found.append((name, shown, cell))
            cell += width(shown) + self.GAP
        return found

    def render(self) -> Text:
        active = self.get_component_rich_style("tab-bar--active")
        text = Text(no_wrap=True, overflow="ellipsis")
        for name, shown, _ in self.spans():
            text.append(shown, active if name == self.active else "")
            text.append(" " * self.GAP)
        return text

    def on_click(self, event: events.Click) -> None:
        for name, shown, first in self.spans():
            if first <= event.x < first + width(shown):
                self.post_message(self.Chosen(name))
                return
