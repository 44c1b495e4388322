"""The Overview tab: today's points against target and the streak, a 30-day sparkline, this
month's campaign quotas (and last month's verdicts), and what is coming up or overdue (`x` marks
a follow-up done).

The figures come from `overview_figures` (Textual-free); this module only draws them."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from tui.core import stats
from tui.core.i18n import t
from tui.core.overview import OverviewFigures, overview_figures
from tui.panes.base import Pane
from tui.widgets.follow_ups import FollowUpList
from tui.widgets.quota import QuotaList
from tui.widgets.sparkline import Sparkline


class OverviewPane(Pane, can_focus=False):
    """Figures for a glance at the start of the day. The pane never takes the cursor: its list
    of what is due always can, and Textual's auto-focus then goes to the list at once (a focus
    change restyles all inside the widget that gets or loses it)."""

    tab = "overview"
    default_kind = "study"
    preview: OverviewFigures | None = None  # figures worked out before the pane existed
    waiting = False  # for figures a child is working out: nothing to draw yet

    def compose(self) -> ComposeResult:
        yield Static(id="today-line")
        yield Static(classes="section", id="spark-title")
        yield Sparkline(id="sparkline")
        yield Static(classes="section", id="quota-title")
        yield QuotaList(id="quotas")
        yield Static(classes="section", id="upcoming-title")
        yield FollowUpList(self.store, id="upcoming")

    def record_for_add(self) -> dict[str, Any] | None:
        """`a` here logs today's points: it edits today's record once there is one."""
        day = self.today().to_date_string()
        return next((r for r in self.store.records("study") if r["date"] == day), None)

    def refresh_data(self) -> None:
        if self.waiting:
            return
        figures, self.preview = self.preview, None
        self.draw(figures or overview_figures(self.store, self.today()))

    def draw(self, figures: OverviewFigures) -> None:
        """Put `figures` on screen in the current language."""
        line = Text()
        if figures.logged is None:
            line.append(t("overview.not_logged", target=figures.target), "bold yellow")
        else:
            style = "bold green" if figures.logged >= figures.target else "bold yellow"
            points = stats.counted("overview.points", figures.target, points=figures.logged)
            line.append(points, style)
        line.append("   " + stats.counted("overview.streak", figures.streak))
        if figures.total is not None:
            line.append("   " + t("overview.total", total=figures.total))
        self.query_one("#today-line", Static).update(line)
        spark = figures.spark
        met = sum(1 for value in spark if value >= figures.target)
        average = round(sum(spark) / len(spark))
        self.query_one("#spark-title", Static).update(
            stats.counted(
                "overview.spark",
                len(spark),
                avg=average,
                met=stats.counted("overview.at_target", met),
            )
        )
        self.query_one(Sparkline).show(spark, figures.target)
        self.query_one("#quota-title", Static).update(t("overview.quotas"))
        rows = [
            (
                title,
                quota,
                t(f"quota.{quota.verdict}") if quota.verdict else stats.days_left_text(quota),
            )
            for title, quota in figures.quotas
        ]
        self.query_one(QuotaList).show(rows, t("overview.no_quotas"))
        self.show_upcoming(figures)

    def show_upcoming(self, figures: OverviewFigures) -> None:
        """What is due or coming up: the latest overdue items first, then the rest by date."""
        self.query_one("#upcoming-title", Static).update(
            stats.counted("overview.upcoming", figures.upcoming_days)
        )
        more = t("overview.more", n=figures.more) if figures.more else ""
        self.query_one(FollowUpList).show(figures.upcoming, t("overview.no_upcoming"), more)


PANE = OverviewPane
