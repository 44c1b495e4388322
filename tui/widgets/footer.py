"""The key bar at the foot of the screen: the keys that work where the cursor is, named through
the catalog and drawn as one line the moment the bindings change; a click on a key presses it.

Bindings carry a catalog key (`key.add`) as their description, so a new language needs no
rebinding. One line of text, not a widget a key: a tab switch redraws it in the same frame."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from tui.core.display import width
from tui.core.i18n import CATALOG, t

PALETTE_KEY = "ctrl+p"
PALETTE_SHOWN = "^p"


def key_label(description: str) -> str:
    """A binding's description in the current language (text that is no catalog key as is)."""
    return t(description) if description in CATALOG else description


class KeyBar(Static):
    """` a 新增  e 编辑 … ` and, at the right edge, the command palette's key."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.spans: list[tuple[int, int, str]] = []  # (first cell, past the last, key)
        self.line: Text | None = None  # what is shown
        self.key_colour: tuple[str, str | None] | None = None  # (theme, its key colour)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.show_keys()

    def on_resize(self) -> None:
        self.show_keys()

    def show_keys(self) -> None:
        """Draw the keys shown, one per action; a key that does not apply now is dim."""
        key_style = Style(bold=True, color=self.colour_of_keys())
        line, self.spans = Text(), []
        actions: set[str] = set()
        palette: Binding | None = None
        for active in self.screen.active_bindings.values():
            binding = active.binding
            palette = binding if binding.key == PALETTE_KEY else palette
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                self.add_key(line, binding, binding.key_display or binding.key, key_style)
                if not active.enabled:
                    line.stylize("dim", self.spans[-1][0])
        if palette is not None:  # at the right edge, when there is room
            cells = width(f" {PALETTE_SHOWN} {key_label(palette.description)} ")
            room = (self.size.width or self.app.size.width) - line.cell_len - cells
            if room > 0:
                line.append(" " * room)
                self.add_key(line, palette, PALETTE_SHOWN, key_style)
        if line != self.line:  # the same keys again would cost a layout, a frame
            self.line = line
            self.update(line)

    def colour_of_keys(self) -> str | None:
        """The theme's colour of footer keys (worked out by Textual from every CSS variable of the
        theme, so kept until the theme changes: the keys are drawn again on every key press)."""
        theme = self.app.theme
        if self.key_colour is None or self.key_colour[0] != theme:
            variables = self.app.get_css_variables()
            self.key_colour = (theme, variables.get("footer-key-foreground"))
        return self.key_colour[1]

    def add_key(self, line: Text, binding: Binding, shown: str, key_style: Style) -> None:
        start = line.cell_len
        line.append(f" {shown} ", key_style)
        line.append(f"{key_label(binding.description)} ")
        self.spans.append((start, line.cell_len, binding.key))

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it."""
        for start, end, key in self.spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
