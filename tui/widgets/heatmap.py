"""The year heatmap: one cell a day for the 53 weeks up to today, shaded by points against target.

Weeks are columns (Monday on top), so the map is 56 cells wide and fits beside its figures in 80."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from rich.text import Text
from textual.widget import Widget

from tui.core import stats
from tui.core.display import width
from tui.core.i18n import t
from tui.widgets.shades import GLYPHS, STYLES

WEEKS = 53
LABEL_CELLS = 3


def place_label(header: list[str], start: int, label: str) -> None:
    """Write `label` into the header cells from `start` if it fits without touching another.

    Labels that end in a CJK character (`5月6月`) need no space between them."""
    gap = 0 if width(label[-1]) == 2 else 1
    cells = header[start - gap : start + width(label)]
    if start + width(label) > len(header) or any(cell != " " for cell in cells):
        return
    header[start] = label
    for extra in range(1, width(label)):
        header[start + extra] = ""


def heatmap_text(points: Mapping[str, int], target: int, today: datetime.date) -> Text:
    """Eight lines: month names, then a row per weekday of one glyph per week."""
    first = today.toordinal() - today.weekday() - 7 * (WEEKS - 1)  # the Monday 52 weeks back
    last = today.toordinal()
    header = [" "] * (LABEL_CELLS + WEEKS)
    starts: list[tuple[int, int]] = []  # (week, month) where a month's weeks begin
    for week in range(WEEKS):
        month = datetime.date.fromordinal(first + 7 * week + 6).month  # the week's Sunday
        if not starts or starts[-1][1] != month:
            starts.append((week, month))
    # the first month is cut off at the left: name it only if it leaves room for the next one
    if len(starts) > 1 and starts[1][0] <= width(t(f"month.short.{starts[0][1]}")):
        starts.pop(0)
    for week, month in starts:
        place_label(header, LABEL_CELLS + week, t(f"month.short.{month}"))
    text = Text("".join(header).rstrip() + "\n")
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
    """The year heatmap of daily points; `show` gives it the figures to draw."""

    DEFAULT_CSS = """
    Heatmap { width: 56; height: 8; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()

    def show(self, points: Mapping[str, int], target: int, today: datetime.date) -> None:
        """Draw the 53 weeks up to `today`."""
        self._text = heatmap_text(points, target, today)
        self.refresh()

    def render(self) -> Text:
        return self._text
