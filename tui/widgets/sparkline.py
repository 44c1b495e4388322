"""A one-line sparkline of daily points: bar height by points, colour by heat level.

Days without points are a dot, so a missed day is visible without colour."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from tui.core import stats
from tui.widgets.shades import GLYPHS, STYLES

BARS = "▁▂▃▄▅▆▇█"


def sparkline_text(values: Sequence[int], target: int) -> Text:
    """One cell a value, oldest first; the tallest bar is the larger of the maximum and target."""
    top = max([target, *values]) or 1
    text = Text()
    for value in values:
        level = stats.heat_level(value or None, target)
        if not value:
            text.append(GLYPHS[0], STYLES[0])
        else:
            index = min(len(BARS) - 1, value * len(BARS) // (top + 1))
            text.append(BARS[index], STYLES[level])
    return text


class Sparkline(Static):
    """Daily points as a row of bars; `show` gives it the values."""

    def show(self, values: Sequence[int], target: int) -> None:
        """Draw `values` (oldest first) against `target`."""
        self.update(sparkline_text(values, target))
