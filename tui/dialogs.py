"""Modal screens: the box they share, the yes/no confirmation before a delete, the help screen
(built from the live bindings).

Each takes its text from the i18n catalog when it opens, so it follows the current language."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen, ScreenResultType
from textual.widgets import Button, Static

from tui.core.display import escape, fit, width
from tui.core.i18n import CATALOG, t

KEY_NAMES = {
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "escape": "Esc",
    "slash": "/",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def key_rows(bindings: Iterable[Binding]) -> list[tuple[str, str]]:
    """(keys, what they do) for every binding whose description has help text: the keys of one
    action side by side (`[ / ]`), a run of digits as a range (`1-5`)."""
    keys_by_help: dict[str, list[str]] = {}
    for binding in bindings:
        help_key = "help." + binding.description.removeprefix("key.")
        if help_key in CATALOG:
            shown = binding.key_display or KEY_NAMES.get(binding.key, binding.key)
            keys = keys_by_help.setdefault(help_key, [])
            if shown not in keys:
                keys.append(shown)
    rows = []
    for help_key, keys in keys_by_help.items():
        keys.sort(key=len)  # `e / Enter`, `Tab / Shift+Tab`, whichever widget bound them first
        digits = len(keys) > 2 and all(k.isdigit() for k in keys)
        rows.append((f"{keys[0]}-{keys[-1]}" if digits else " / ".join(keys), t(help_key)))
    return rows


def key_table(*tables: list[tuple[str, str]]) -> list[str]:
    """Each table's keys in one column and what they do beside them, aligned in cells across
    all the tables."""
    cells = max(width(keys) for table in tables for keys, _ in table) + 2
    return ["\n".join(f"  {fit(keys, cells)}{what}" for keys, what in table) for table in tables]


class Dialog(ModalScreen[ScreenResultType]):
    """A box in the middle of the screen (class dialog-box) with buttons at its foot."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog .dialog-box {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    Dialog .dialog-buttons {
        height: auto;
        align-horizontal: right;
    }
    Dialog .dialog-buttons Button {
        margin-left: 2;
    }
    """


class ConfirmDialog(Dialog[bool]):
    """Ask a yes/no question: y or Enter (on Yes) answers True, n or Escape False."""

    DEFAULT_CSS = """
    ConfirmDialog #confirm-box {
        width: 60;
        border: round $warning;
    }
    ConfirmDialog #confirm-message {
        margin: 1 0;
    }
    """

    BINDINGS = [
        Binding("y", "answer(True)", show=False),
        Binding("n,escape", "answer(False)", show=False),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        safe = "\n".join(escape(line) for line in self.message.split("\n"))
        box = VerticalGroup(id="confirm-box", classes="dialog-box")
        box.border_title = t("confirm.title")
        with box:
            yield Static(safe, id="confirm-message", markup=False)
            with HorizontalGroup(classes="dialog-buttons"):
                yield Button(t("confirm.yes"), id="confirm-yes", variant="warning", compact=True)
                yield Button(t("confirm.no"), id="confirm-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-yes").focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)


class HelpScreen(Dialog[None]):
    """The keys that work where the cursor was and those of the forms, in the current language;
    Escape or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen .help-heading {
        text-style: bold;
    }
    HelpScreen #help-close {
        color: $text-muted;
    }
    """

    BINDINGS = [Binding("escape,question_mark", "dismiss", show=False)]

    def __init__(self, main: Iterable[Binding], form: Iterable[Binding]) -> None:
        """`main`: the bindings live where the cursor was; `form`: those of the record form."""
        super().__init__()
        self.main = key_rows(main)
        self.form = key_rows(form)

    def compose(self) -> ComposeResult:
        main, form = key_table(self.main, self.form)
        box = VerticalGroup(id="help-box", classes="dialog-box")
        box.border_title = t("help.title")
        with box:
            yield Static(t("help.main"), classes="help-heading", markup=False)
            yield Static(main, id="help-main", markup=False)
            yield Static(t("help.form"), classes="help-heading", markup=False)
            yield Static(form, id="help-form", markup=False)
            yield Static(t("help.close"), id="help-close", markup=False)
