"""Quota lines as bars with days left or a verdict (Overview), and one campaign's month grid.

Titles and cells are cut and padded by display width, so CJK text keeps the columns in line."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from tui.core.display import escape, fit, width
from tui.core.stats import QuotaMonth

BAR_CELLS = 10
TITLE_CELLS = 24


def quota_bar(done: int, quota: int) -> Text:
    """`███████░░░`: the part of the quota done (full when met or exceeded)."""
    filled = min(BAR_CELLS, done * BAR_CELLS // quota) if quota else BAR_CELLS
    style = "green" if done >= quota else "yellow"
    return Text.assemble(("█" * filled, style), ("░" * (BAR_CELLS - filled), "dim"))


def quota_line(title: str, month: QuotaMonth, status: str) -> Text:
    """`学习二十大征文        2026-11 ██████░░░░ 3/5 还剩 4 天`."""
    return Text.assemble(
        fit(escape(title), TITLE_CELLS),
        f" {month.month} ",
        quota_bar(month.done, month.quota),
        f" {month.done}/{month.quota} ",
        (status, "red" if month.verdict == "missed" else ""),
    )


class QuotaList(Static):
    """A column of quota lines; `show` takes (title, month, status) triples."""

    def show(self, rows: Sequence[tuple[str, QuotaMonth, str]], empty: str) -> None:
        """Draw one line per row, or `empty` when there is none."""
        if not rows:
            self.update(Text(empty, style="dim"))
            return
        self.update(Text("\n").join(quota_line(*row) for row in rows))


GRID_COLUMNS = 3  # slots a line: a 12-month campaign takes 4 lines (5 with a running month)
GRID_CELLS = 26  # a slot: 3 × 26 = 78 columns, the pane's width at 80 less its padding
STATE_STYLES = {"met": "green", "short": "bold red", "running": "bold yellow", "future": "dim"}


def grid_cell(month: QuotaMonth, words: str) -> Text:
    """`2026-10  3/5 差 2 篇`: a month, done against quota and its state in words (and colour),
    padded to fill the slots it takes (a running month's days left may take two)."""
    text = f"{month.month} {month.done:>2}/{month.quota:<2} {words}"
    slots = min(GRID_COLUMNS, -(-(width(text) + 1) // GRID_CELLS))
    return Text(fit(text, slots * GRID_CELLS), STATE_STYLES[month.state])


class QuotaGrid(Static):
    """A campaign's months, GRID_COLUMNS slots to a line, under a heading and above a dim note."""

    def show(self, heading: Text, months: Sequence[tuple[QuotaMonth, str]], note: str) -> None:
        """Draw `heading`, one cell per (month, state in words), and `note` unless it is empty."""
        lines: list[Text] = []
        for month, words in months:
            cell = grid_cell(month, words)
            if not lines or lines[-1].cell_len + cell.cell_len > GRID_COLUMNS * GRID_CELLS:
                lines.append(Text())
            lines[-1].append_text(cell)
        if note:
            lines.append(Text(note, "dim"))
        self.update(Text("\n").join([heading, *lines]))
