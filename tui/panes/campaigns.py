"""The Campaigns tab (征文·谈心): the campaigns, the selected one's months against its quota, its
essays or talks, and every open talk follow-up (`x` marks one done).

The figures come from tui.core.stats; this module lays them out in 22 lines at 80 columns."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey

from tui.core import dates, stats
from tui.core.display import escape, fit, width
from tui.core.i18n import t
from tui.core.store import Store
from tui.panes.base import Pane
from tui.widgets.follow_ups import FollowUpList
from tui.widgets.quota import QuotaGrid
from tui.widgets.record_table import RecordTable

TALK_COLUMNS = ("date", "person", "topic", "follow_up", "follow_up_due", "follow_up_done")
FOLLOW_UP_LINES = 100  # open follow-ups put in the list; a last line counts the rest
NARROW_CELLS = 16  # the talks' topic and follow-up, so that all six columns fit in 78
CAPTION_TITLE_CELLS = 20  # the campaign's title in its essays' or talks' caption


def done_this_month(store: Store, month: str) -> Counter[tuple[str, str]]:
    """How many essays and talks each campaign has in `month`, by (kind, campaign id)."""
    first, last = (day.to_date_string() for day in dates.month_bounds(month))
    return Counter(
        (kind, record["campaign_id"])
        for kind in ("essay", "talk")
        for record in store.list(kind, first, last)
        if record.get("campaign_id")
    )


class CampaignTable(RecordTable):
    """The campaigns, running ones first, then those to come, then ended ones, with this month's
    done against quota (or the campaign's phase when this month is not one of its months)."""

    def __init__(
        self, store: Store, today: Callable[[], dates.Date], *, id: str | None = None
    ) -> None:
        super().__init__(store, "campaign", today, id=id)

    def on_mount(self) -> None:
        # as tall as its rows: inline, as app.tcss's `.record-table` 1fr outranks DEFAULT_CSS
        self.styles.height = "auto"
        self.data_table.styles.height = "auto"

    def page_records(self) -> tuple[list[dict[str, Any]], str]:
        rows, caption = super().page_records()
        return stats.campaigns_in_order(rows, self.today()), caption

    def load(self) -> None:
        """The page of campaigns, and a last column with this month's figures."""
        super().load()
        today = self.today()
        done = done_this_month(self.store, dates.month_of(today))
        table = self.data_table
        table.add_column(t("campaigns.this_month"), key="this_month")
        for record_id, campaign in self.shown.items():
            phase = stats.campaign_phase(campaign, today)
            if phase == "running":
                count = done[campaign["kind"], record_id]
                text = Text(f"{count}/{campaign['monthly_quota']}", justify="right")
            else:
                text = Text(t(f"figures.phase.{phase}"), "dim")
            table.update_cell(record_id, "this_month", text)


class CampaignRecords(RecordTable):
    """One campaign's essays or talks, newest first, all months a page at a time; `a` adds one
    to the campaign. `columns` replaces the kind's own table columns."""

    def __init__(
        self,
        store: Store,
        kind: str,
        today: Callable[[], dates.Date],
        *,
        id: str,
        columns: tuple[str, ...] = (),
        narrow: tuple[str, ...] = (),
    ) -> None:
        super().__init__(store, kind, today, id=id)
        if columns:
            fields = tuple(replace(f, column=f.name in columns) for f in self.kind.fields)
            self.kind = replace(self.kind, fields=fields)
        self.narrow = narrow
        self.period = "all"
        self.campaign_title = ""

    def load(self) -> None:
        """The page, its `narrow` columns NARROW_CELLS wide so that every column fits 80."""
        super().load()
        for name in self.narrow:
            column = self.data_table.columns[ColumnKey(name)]
            column.auto_width = False
            column.width = NARROW_CELLS

    def show(self, campaign: dict[str, Any]) -> None:
        """List `campaign`'s records (from the first page when it is another campaign)."""
        if self.where.get("campaign_id") != campaign["id"]:
            self.page = 0
        self.where = {"campaign_id": campaign["id"]}
        self.campaign_title = campaign["title"]
        self.load()

    def page_records(self) -> tuple[list[dict[str, Any]], str]:
        """The page, with the campaign named by its title in the caption, not by its id."""
        rows, caption = super().page_records()
        title = escape(self.campaign_title)
        title = fit(title, min(width(title), CAPTION_TITLE_CELLS))
        return rows, caption.replace(escape(self.where["campaign_id"]), title)


class CampaignsPane(Pane):
    """Campaigns with their months, essays or talks, and the talks' open follow-ups."""

    DEFAULT_CSS = """
    CampaignsPane CampaignTable {
        max-height: 7;
    }
    CampaignsPane CampaignTable DataTable {
        max-height: 6;
    }
    CampaignsPane #grid {
        height: auto;
    }
    CampaignsPane CampaignRecords {
        height: 1fr;
        min-height: 4;
    }
    CampaignsPane #follow-ups-title {
        height: 1;
        text-style: bold;
        color: $text-primary;
    }
    CampaignsPane #follow-ups {
        max-height: 4;
    }
    """

    tab = "campaigns"
    default_kind = "campaign"

    def compose(self) -> ComposeResult:
        yield CampaignTable(self.store, self.today, id="campaign-list")
        yield QuotaGrid(id="grid")
        yield CampaignRecords(self.store, "essay", self.today, id="essay-list")
        yield CampaignRecords(
            self.store,
            "talk",
            self.today,
            id="talk-list",
            columns=TALK_COLUMNS,
            narrow=("topic", "follow_up"),
        )
        yield Static(id="follow-ups-title")
        yield FollowUpList(self.store, self.today, id="follow-ups")

    @property
    def campaigns(self) -> CampaignTable:
        return self.query_one(CampaignTable)

    def refresh_data(self) -> None:
        self.campaigns.load()
        self.show_campaign()
        self.show_follow_ups()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table is self.campaigns.data_table:
            self.show_campaign()

    def show_campaign(self) -> None:
        """The grid and the essays or talks of the campaign under the cursor."""
        campaign = self.campaigns.selected()
        grid = self.query_one(QuotaGrid)
        for records in self.query(CampaignRecords):
            records.display = campaign is not None and records.kind.name == campaign["kind"]
            if campaign is not None:
                records.show(campaign)
        if campaign is None:
            grid.update(Text(t("campaigns.none"), "dim"))
            return
        kind = campaign["kind"]
        months = stats.quota_grid(
            campaign,
            self.store.records(kind),
            self.today(),
            working_days=self.store.settings["working_days"],
        )
        heading = Text(stats.counted(f"campaigns.grid.{kind}", campaign["monthly_quota"]), "bold")
        running = next((month for month in months if month.state == "running"), None)
        if running is None:
            heading.append(
                " · " + t(f"figures.phase.{stats.campaign_phase(campaign, self.today())}")
            )
        estimated = running is not None and running.estimated
        note = t("campaigns.estimated", year=running.month[:4]) if estimated else ""
        grid.show(heading, [(month, self.state_words(month, kind)) for month in months], note)

    @staticmethod
    def state_words(month: stats.QuotaMonth, kind: str) -> str:
        """A month's state in words: met, short by N essays or talks, days left, not started."""
        if month.state == "short":
            return t(f"campaigns.short.{kind}", n=month.short_by)
        if month.state == "running":
            return stats.days_left_text(replace(month, estimated=False))  # the note says it once
        return t(f"figures.state.{month.state}")

    def show_follow_ups(self) -> None:
        """Every talk's open follow-up, the most overdue first."""
        items = stats.open_follow_ups(self.store.records("talk"), [], self.today())
        self.query_one("#follow-ups-title", Static).update(
            stats.counted("campaigns.follow_ups", len(items))
        )
        rest = len(items) - FOLLOW_UP_LINES
        more = t("campaigns.more", n=rest) if rest > 0 else ""
        self.query_one(FollowUpList).show(
            items[:FOLLOW_UP_LINES], t("campaigns.no_follow_ups"), more
        )


PANE = CampaignsPane
