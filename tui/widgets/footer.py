"""The footer: Textual's, with each key's name looked up in the catalog as it is drawn.

Bindings carry a catalog key (`key.add`) as their description, so a new language needs no rebinding."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.core.i18n import CATALOG, t


def key_label(description: str) -> str:
    """A binding's description in the current language (text that is no catalog key as is)."""
    return t(description) if description in CATALOG else description


class CatalogFooter(Footer):
    """The keys that work where the cursor is, named in the current language."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = key_label(widget.description)
            yield widget
