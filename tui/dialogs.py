"""Modal screens: the box they share, the yes/no confirmation before a delete, the help screen.

Each takes its text from the i18n catalog when it opens, so it follows the current language."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen, ScreenResultType
from textual.widgets import Button, Static

from tui.core.display import escape, fit, width
from tui.core.i18n import t

# (keys, what they do): the app's keys, then the forms' keys
MAIN_KEYS = (
    ("a", "help.add"),
    ("e / Enter", "help.edit"),
    ("d", "help.delete"),
    ("u", "help.undo"),
    ("/", "help.filter"),
    ("[ / ]", "help.page"),
    ("1-5", "help.tabs"),
    ("ctrl+p", "help.palette"),
    ("?", "help.help"),
    ("q", "help.quit"),
)
FORM_KEYS = (
    ("Tab / Shift+Tab", "help.fields"),
    ("Enter", "help.next"),
    ("ctrl+s", "help.save"),
    ("Esc", "help.cancel"),
)


def key_table(keys: tuple[tuple[str, str], ...]) -> str:
    """The keys in one column and what they do beside them, aligned in cells."""
    cells = max(width(k) for k, _ in (*MAIN_KEYS, *FORM_KEYS)) + 2
    return "\n".join(f"  {fit(key, cells)}{t(what)}" for key, what in keys)


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
    """The keys of the app and of its forms, in the current language; Escape or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen .help-heading {
        text-style: bold;
    }
    HelpScreen #help-close {
        color: $text-muted;
    }
    """

    BINDINGS = [Binding("escape,question_mark", "dismiss", show=False)]

    def compose(self) -> ComposeResult:
        box = VerticalGroup(id="help-box", classes="dialog-box")
        box.border_title = t("help.title")
        with box:
            yield Static(t("help.main"), classes="help-heading", markup=False)
            yield Static(key_table(MAIN_KEYS), id="help-main", markup=False)
            yield Static(t("help.form"), classes="help-heading", markup=False)
            yield Static(key_table(FORM_KEYS), id="help-form", markup=False)
            yield Static(t("help.close"), id="help-close", markup=False)
