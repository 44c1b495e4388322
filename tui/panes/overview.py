"""The Overview tab: today's points against target and the streak, a 30-day sparkline, this
month's campaign quotas (and last month's verdicts), and what is coming up or overdue."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from tui.core import dates, stats
from tui.core.display import escape
from tui.core.i18n import t
from tui.panes.base import Pane
from tui.widgets.quota import QuotaList
from tui.widgets.sparkline import Sparkline

SPARK_DAYS = 30
MAX_UPCOMING = 10  # lines of the upcoming list; the rest is counted
MAX_OVERDUE = 3  # of which overdue follow-ups (the most recent ones)


class OverviewPane(Pane):
    """Figures for a glance at the start of the day."""

    tab = "overview"
    default_kind = "study"

    def compose(self) -> ComposeResult:
        yield Static(id="today-line")
        yield Static(classes="section", id="spark-title")
        yield Sparkline(id="sparkline")
        yield Static(classes="section", id="quota-title")
        yield QuotaList(id="quotas")
        yield Static(classes="section", id="upcoming-title")
        yield Static(id="upcoming")

    def record_for_add(self) -> dict[str, Any] | None:
        """`a` here logs today's points: it edits today's record once there is one."""
        return next(
            (r for r in self.store.records("study") if r["date"] == self.today().to_date_string()),
            None,
        )

    def refresh_data(self) -> None:
        store, today = self.store, self.today()
        settings = store.settings
        target = settings["study_target"]
        studies = store.records("study")
        points = stats.points_by_date(studies)
        self.show_today(studies, points, target, today)
        values = stats.sparkline(points, today, SPARK_DAYS)
        met = sum(1 for v in values if v >= target)
        self.query_one("#spark-title", Static).update(
            t("overview.spark", days=SPARK_DAYS, avg=round(sum(values) / SPARK_DAYS), met=met)
        )
        self.query_one(Sparkline).show(values, target)
        self.show_quotas(today)
        self.show_upcoming(today, settings["upcoming_days"])

    def show_today(
        self, studies: list[dict], points: dict[str, int], target: int, today: dates.Date
    ) -> None:
        logged = points.get(today.to_date_string())
        streak = stats.current_streak(points, target, today)
        line = Text()
        if logged is None:
            line.append(t("overview.not_logged", target=target), "bold yellow")
        else:
            style = "bold green" if logged >= target else "bold yellow"
            line.append(t("overview.points", points=logged, target=target), style)
        line.append("   " + t("overview.streak", days=streak))
        totals = [s["total"] for s in studies if s.get("total") is not None]
        if totals:
            line.append("   " + t("overview.total", total=max(totals)))
        self.query_one("#today-line", Static).update(line)

    def show_quotas(self, today: dates.Date) -> None:
        """This month's progress of every running campaign, and last month's verdicts."""
        store = self.store
        month = dates.month_of(today)
        last_month = dates.month_of(today.subtract(months=1))
        self.query_one("#quota-title", Static).update(t("overview.quotas"))
        campaigns = sorted(
            (
                c
                for c in store.records("campaign")
                if c["start"] <= month and c["end"] >= last_month
            ),
            key=lambda c: (c["start"], c["title"], c["id"]),
        )
        wanted = {c["id"]: [] for c in campaigns}
        for kind in {c["kind"] for c in campaigns}:
            for record in store.records(kind):
                if record.get("campaign_id") in wanted and record["date"][:7] >= last_month:
                    wanted[record["campaign_id"]].append(record)
        rows = []
        for campaign in campaigns:
            records = wanted[campaign["id"]]
            if campaign["start"] <= month <= campaign["end"]:
                quota = stats.quota_month(campaign, records, month, today)
                rows.append((campaign["title"], quota, t("quota.days_left", days=quota.days_left)))
            if campaign["start"] <= last_month <= campaign["end"]:
                quota = stats.quota_month(campaign, records, last_month, today)
                rows.append((campaign["title"], quota, t(f"quota.{quota.verdict}")))
        self.query_one(QuotaList).show(rows, t("overview.no_quotas"))

    def show_upcoming(self, today: dates.Date, days: int) -> None:
        store = self.store
        items = stats.upcoming(
            store.records("event"),
            store.records("person"),
            store.records("talk"),
            store.records("visit"),
            today,
            days,
        )
        self.query_one("#upcoming-title", Static).update(t("overview.upcoming", days=days))
        if not items:
            self.query_one("#upcoming", Static).update(Text(t("overview.no_upcoming"), "dim"))
            return
        overdue = [item for item in items if item.days < 0][-MAX_OVERDUE:]
        coming = [item for item in items if item.days >= 0]
        shown = overdue + coming[: MAX_UPCOMING - len(overdue)]
        lines = [
            Text(escape(stats.describe(item, today)), "red" if item.days < 0 else "")
            for item in shown
        ]
        if len(items) > len(shown):
            lines.append(Text(t("overview.more", n=len(items) - len(shown)), "dim"))
        self.query_one("#upcoming", Static).update(Text("\n").join(lines))


PANE = OverviewPane
