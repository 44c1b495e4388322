"""The year heatmap: one cell a day for the 53 weeks up to today, shaded by points against target.

Weeks are columns (Monday on top), so the map is 56 cells wide and fits beside its figures in 80."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from tui.core import stats
from tui.core.display import width
from tui.core.i18n import t
from tui.widgets.shades import GLYPHS, STYLES

WEEKS = 53
LABEL_CELLS = 3


def month_header(starts: list[tuple[int, str]], cells: int) -> str:
    """The header line: each `(column, label)` written whole from the column its month begins.

    A label stands only over its own month's weeks, and keeps at least one blank cell before
    the next label, in any script (widths are display cells: `12月` takes four). Where two
    would touch, the earlier month gives way: the month cut off at the left edge, or a
    four-week month whose wide label (`10月`) would run into the next one's. A label that
    would run past the right edge is left out rather than cut."""
    header = [" "] * cells
    limit = cells  # where the next label kept begins, less the blank cell before it
    for index in range(len(starts) - 1, -1, -1):
        column, label = starts[index]
        own = starts[index + 1][0] if index + 1 < len(starts) else cells  # the next month's
        end = column + width(label)
        if end > min(own, limit):
            continue
        header[column] = label
        for extra in range(column + 1, end):
            header[extra] = ""
        limit = column - 1
    return "".join(header).rstrip()


def heatmap_text(points: Mapping[str, int], target: int, today: datetime.date) -> Text:
    """Eight lines: month names, then a row per weekday of one glyph per week."""
    first = today.toordinal() - today.weekday() - 7 * (WEEKS - 1)  # the Monday 52 weeks back
    last = today.toordinal()
    starts: list[tuple[int, str]] = []  # (column, month name) where a month's weeks begin
    previous = 0
    for week in range(WEEKS):
        month = datetime.date.fromordinal(first + 7 * week + 6).month  # the week's Sunday
        if month != previous:
            starts.append((LABEL_CELLS + week, t(f"month.short.{month}")))
            previous = month
    text = Text(month_header(starts, LABEL_CELLS + WEEKS) + "\n")
    for weekday in range(7):
        label = t(f"weekday.short.{weekday}") if weekday % 2 == 0 else ""
        text.append(label + " " * (LABEL_CELLS - width(label)))
        for week in range(WEEKS):
            ordinal = first + 7 * week + weekday
            if ordinal > last:
                text.append(" ")
                continue
            day = datetime.date.fromordinal(ordinal).isoformat()
            level = stats.heat_level(points.get(day), target)
            text.append(GLYPHS[level], STYLES[level])
        if weekday < 6:
            text.append("\n")
    return text


def heatmap_key(target: int) -> Text:
    """What each shade means, with the thresholds for this target."""
    bounds = (
        t("heat.none"),
        f"<{(target + 1) // 2}",
        f"<{target}",
        f"≥{target}",
        f"≥{(target * 3 + 1) // 2}",
    )
    text = Text(t("heat.key") + " ")
    for level, bound in enumerate(bounds):
        text.append(GLYPHS[level], STYLES[level])
        text.append(f" {bound}  ")
    text.rstrip()
    return text


class Heatmap(Widget):
    """The year heatmap of daily points; `show` gives it the figures to draw.

    Drawn a line at a time from segments (about 1 ms, where Textual's way with a Text of 400
    styled cells took 10 ms, each time the Study tab is shown)."""

    DEFAULT_CSS = """
    Heatmap { width: 56; height: 8; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()
        self._strips: tuple[tuple[int, Style], list[Strip]] | None = None  # for (width, style)

    def show(self, points: Mapping[str, int], target: int, today: datetime.date) -> None:
        """Draw the 53 weeks up to `today`."""
        self._text = heatmap_text(points, target, today)
        self._strips = None
        self.refresh()

    def render(self) -> Text:
        return self._text

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        key = (self.size.width, base)
        if self._strips is None or self._strips[0] != key:
            console = self.app.console
            lines = [
                Strip(line.render(console)).adjust_cell_length(key[0], base).apply_style(base)
                for line in self._text.split("\n", allow_blank=True)
            ]
            self._strips = (key, lines)
        lines = self._strips[1]
        return lines[y] if y < len(lines) else Strip.blank(key[0], base)
