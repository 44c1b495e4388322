"""A checkbox that reads without colour and keeps up with keys sent in one burst.

Used by the record form (yes/no fields) and the export dialog (kinds, format)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Checkbox


class Tick(Checkbox):
    """A checkbox whose mark is blank when it is off, so its state reads without colours too.

    Its keys are priority ones like the dialog's Tab, so "Space Tab" read in one go (a slow link)
    ticks this box before the focus moves on, not the next one."""

    BINDINGS = [Binding("enter,space", "toggle_button", priority=True, show=False)]

    def __init__(self, label: str, value: bool, *, id: str, classes: str = "") -> None:
        super().__init__(label, value, id=id, classes=classes, compact=True)
        self.BUTTON_INNER = "X" if value else " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
        super().watch_value()
