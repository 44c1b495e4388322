"""Making a change through the store from a key, and saying how it went on screen.

Used by the app (undo, language, theme) and by the widgets that own records (add, edit, delete)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.dom import DOMNode

from tui.core.display import escape
from tui.core.storage import DataFileError
from tui.core.store import RecordError


def run_change(node: DOMNode, change: Callable[[], Any], done: str | None) -> Any | None:
    """Run `change` and notify `done` (or its result); a refusal is shown, never a traceback.

    Returns the change's result, or None when it was refused."""
    try:
        result = change()
    except (RecordError, DataFileError) as error:
        node.notify(escape(error), severity="error", markup=False)
        return None
    node.notify(done or str(result), markup=False)
    return result
