"""Quota lines: for each campaign month, done against quota as a bar, with days left or a verdict.

Titles are cut and padded by display width, so CJK titles keep the bars in one column."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from tui.core.display import escape, fit
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
