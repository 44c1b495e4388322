"""The Study tab: the year heatmap and its key, totals for week, month and year, the current and
longest streak, and the days and sessions a month at a time."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from tui.core import stats
from tui.core.display import fit, width
from tui.core.i18n import t
from tui.panes.base import Pane
from tui.record_table import RecordTable
from tui.widgets.heatmap import Heatmap, heatmap_key


def figure_lines(pairs: list[tuple[str, str]]) -> Text:
    """`label  value` lines with the values right-aligned in one column (CJK-aware)."""
    label_cells = max(width(label) for label, _ in pairs)
    value_cells = max(width(value) for _, value in pairs)
    lines = [
        Text.assemble(fit(label, label_cells), " ", (value.rjust(value_cells), "bold"))
        for label, value in pairs
    ]
    return Text("\n").join(lines)


class StudyPane(Pane):
    """Daily points over the year, and the study records month by month."""

    tab = "study"
    default_kind = "study"

    def compose(self) -> ComposeResult:
        with Horizontal(id="study-top"):
            yield Heatmap(id="heatmap")
            yield Static(id="study-figures")
        yield Static(id="heat-key")
        with Horizontal(id="study-lists"):
            yield RecordTable(self.store, "study", self.today, id="days")
            yield RecordTable(self.store, "session", self.today, id="sessions")

    def refresh_data(self) -> None:
        today = self.today()
        target = self.store.settings["study_target"]
        points = stats.points_by_date(self.store.records("study"))
        self.query_one(Heatmap).show(points, target, today)
        self.query_one("#heat-key", Static).update(heatmap_key(target))
        totals = stats.totals(points, today)
        pairs = [
            (t("study.week"), f"{totals.week:,}"),
            (t("study.month"), f"{totals.month:,}"),
            (t("study.year"), f"{totals.year:,}"),
            (t("study.streak"), t("study.days", n=stats.current_streak(points, target, today))),
            (t("study.longest"), t("study.days", n=stats.longest_streak(points, target))),
            (t("study.target"), f"{target}"),
        ]
        self.query_one("#study-figures", Static).update(figure_lines(pairs))
        for table in self.query(RecordTable):
            table.load()


PANE = StudyPane
