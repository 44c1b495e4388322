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

from tui.core import dates, stats
from tui.core.display import escape, fit, width
from tui.core.i18n import t
from tui.core.storage import Signature
from tui.core.store import Store
from tui.panes.base import Pane
from tui.record_table import Cell, RecordTable, cell
from tui.widgets.follow_ups import FollowUpList
from tui.widgets.quota import QuotaGrid

TALK_COLUMNS = ("date", "person", "topic", "follow_up", "follow_up_due", "follow_up_done")
FOLLOW_UP_LINES = 100  # open follow-ups put in the list; a last line counts the rest
NARROW_CELLS = 8  # the least a narrowed column (the talks' topic and follow-up) keeps
CELL_PADDING = 2  # a DataTable cell's padding, both sides
PANE_PADDING = 2  # the tab's padding, both sides
SCROLLBAR = 2  # a DataTable's vertical scrollbar
CAPTION_TITLE_CELLS = 20  # the campaign's title in its essays' or talks' caption


def done_this_month(store: Store, month: str) -> Counter[tuple[str, str]]:
    """How many essays and talks each campaign has in `month`, by (kind, campaign id)."""
    first, last = map(dates.date_string, dates.month_bounds(month))
    return Counter(
        (kind, record["campaign_id"])
        for kind in ("essay", "talk")
        for record in store.list(kind, first, last)
        if record.get("campaign_id")
    )


def records_by_campaign(store: Store) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Every essay and talk that counts for a campaign, by (kind, campaign id)."""
    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for kind in ("essay", "talk"):
        for record in store.records(kind):
            if record.get("campaign_id"):
                found.setdefault((kind, record["campaign_id"]), []).append(record)
    return found


class CampaignTable(RecordTable):
    """The campaigns, running ones first, then those to come, then ended ones, with this month's
    done against quota (or the campaign's phase when this month is not one of its months).

    `loaded` runs after each page is filled: the pane shows the campaign under the cursor then,
    in the same frame as the page, not after the cursor's message has made its way up."""

    def __init__(
        self,
        store: Store,
        today: Callable[[], dates.Date],
        loaded: Callable[[], None],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(store, "campaign", today, id=id)
        self.loaded = loaded
        self.load_day = today()  # the day this month's figures were worked out for
        self.done: Counter[tuple[str, str]] = Counter()  # this month's essays and talks
        self.counted_for: tuple[str, Signature | None] | None = None  # the month, the file
        self.by_campaign: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.grouped_for: Signature | None = None  # the file `by_campaign` was grouped from

    page_size = 20  # its box shows five: a page of 100 took 10-20 ms of each page's key to fill

    def in_list_order(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Running campaigns first, then those to come, then ended ones, over every page (the
        running ones were on the last page of a list longer than one)."""
        return stats.campaigns_in_order(rows, self.today())

    def load(self) -> None:
        """The page of campaigns with this month's figures (counted again only when the month or
        the file changed: not for another page), then the campaign under the cursor."""
        self.load_day = self.today()
        month = dates.month_of(self.load_day)
        counted_for = (month, self.store.storage.signature())
        if counted_for != self.counted_for:
            self.done, self.counted_for = done_this_month(self.store, month), counted_for
        super().load()
        self.loaded()

    def headings(self) -> list[tuple[str, str]]:
        return [*super().headings(), (t("campaigns.this_month"), "this_month")]

    def records_of(self, campaign: dict[str, Any]) -> list[dict[str, Any]]:
        """The essays or talks of `campaign`, grouped once per file (at 50,000 records looking
        at every talk took 5 ms of each page's grid)."""
        signature = self.store.storage.signature()
        if signature is None or signature != self.grouped_for:
            self.by_campaign, self.grouped_for = records_by_campaign(self.store), signature
        return self.by_campaign.get((campaign["kind"], campaign["id"]), [])

    def row_cells(self, record: dict[str, Any]) -> list[Text]:
        """The campaign's cells, then this month's done/quota (or its phase)."""
        phase = stats.campaign_phase(record, self.load_day)
        if phase == "running":
            count = self.done[record["kind"], record["id"]]
            this_month = Cell(f"{count}/{record['monthly_quota']}", justify="right")
        else:
            this_month = Cell(t(f"figures.phase.{phase}"), "dim", justify="left")
        return [*super().row_cells(record), this_month]


class CampaignRecords(RecordTable):
    """One campaign's essays or talks, newest first, a month at a time (`p`: a year, all); `a`
    adds one to the campaign."""

    def __init__(
        self,
        store: Store,
        kind: str,
        today: Callable[[], dates.Date],
        *,
        id: str,
        records_of: Callable[[dict[str, Any]], list[dict[str, Any]]],
        columns: tuple[str, ...] = (),
        narrow: tuple[str, ...] = (),
    ) -> None:
        """`records_of` gives a campaign's essays or talks (the campaign list has them grouped)."""
        super().__init__(store, kind, today, id=id, columns=columns)
        self.records_of = records_of
        self.campaign: dict[str, Any] | None = None
        self.narrow = narrow
        self.narrowed_for = 0  # the room the narrow columns were last fitted to

    def column_cuts(self, rows: list[dict[str, Any]]) -> dict[str, int]:
        """The `narrow` columns share what the others leave of the width: their values are cut
        to that share, ending in … (a column cut by the table would hide that the text goes on)."""
        if not self.narrow:
            return {}
        others = [field for field in self.columns if field.name not in self.narrow]
        used = sum(
            CELL_PADDING
            + max(
                [width(field.label())]
                + [cell(self.kind, field.name, record).cell_len for record in rows]
            )
            for field in others
        )
        room = self.room()
        self.narrowed_for = room
        share = max(NARROW_CELLS, (room - used) // len(self.narrow) - CELL_PADDING)
        return dict.fromkeys(self.narrow, share)

    def room(self) -> int:
        """The cells the columns share: the table's width (before it is laid out, the pane's)."""
        return (self.data_table.size.width or self.app.size.width - PANE_PADDING) - SCROLLBAR

    def on_resize(self) -> None:
        if self.narrow and self.where and self.room() != self.narrowed_for:
            self.load()  # the narrow columns share the new width (and the caption fits it)
        else:
            super().on_resize()

    def show(self, campaign: dict[str, Any]) -> None:
        """List `campaign`'s records; another campaign starts at its month nearest today's."""
        if self.where.get("campaign_id") != campaign["id"]:
            self.page = 0
            self.month = min(max(dates.month_of(self.today()), campaign["start"]), campaign["end"])
        self.where = {"campaign_id": campaign["id"]}
        self.campaign = campaign
        self.load()

    def listed(self, since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        """The campaign's own essays or talks, not every one of the file's (5 ms at 50,000); the
        list of the other kind (filled once, for its columns) looks the usual way."""
        if self.campaign is None or self.campaign["kind"] != self.kind.name:
            return super().listed(since, until)
        return self.kind.in_sort_order(
            self.kind.between(self.records_of(self.campaign), since, until)
        )

    def caption_label(self) -> str:
        """The kind and the campaign's title (not its id)."""
        title = escape(self.campaign["title"] if self.campaign is not None else "")
        return f"{self.kind.label()} · {fit(title, min(width(title), CAPTION_TITLE_CELLS))}"


class CampaignsPane(Pane):
    """Campaigns with their months, essays or talks, and the talks' open follow-ups."""

    DEFAULT_CSS = """
    CampaignsPane CampaignTable {
        height: auto;
        max-height: 7;
    }
    CampaignsPane CampaignTable DataTable {
        height: auto;
        max-height: 6;
    }
    CampaignsPane #grid {
        height: auto;
    }
    CampaignsPane CampaignRecords {
        height: 1fr;
        min-height: 4;
    }
    CampaignsPane CampaignRecords DataTable {
        overflow-y: scroll;
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
    campaign: dict[str, Any] | None = None  # the one whose grid and records are shown

    def compose(self) -> ComposeResult:
        yield CampaignTable(self.store, self.today, self.show_campaign, id="campaign-list")
        yield QuotaGrid(id="grid")
        yield CampaignRecords(
            self.store, "essay", self.today, id="essay-list", records_of=self.records_of
        )
        yield CampaignRecords(
            self.store,
            "talk",
            self.today,
            id="talk-list",
            records_of=self.records_of,
            columns=TALK_COLUMNS,
            narrow=("topic", "follow_up"),
        )
        yield Static(id="follow-ups-title")
        yield FollowUpList(self.store, id="follow-ups")

    @property
    def campaigns(self) -> CampaignTable:
        return self.query_one(CampaignTable)

    def records_of(self, campaign: dict[str, Any]) -> list[dict[str, Any]]:
        """The essays or talks of `campaign`."""
        return self.campaigns.records_of(campaign)

    def refresh_data(self) -> None:
        self.campaigns.load()  # and the campaign under the cursor
        self.show_follow_ups()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        campaigns = self.campaigns
        # refresh_data has drawn the campaign already when its reload moved the cursor
        if event.data_table is campaigns.data_table and campaigns.selected() is not self.campaign:
            self.show_campaign()

    def show_campaign(self) -> None:
        """The grid and the essays or talks of the campaign under the cursor."""
        campaign = self.campaign = self.campaigns.selected()
        grid = self.query_one(QuotaGrid)
        for records in self.query(CampaignRecords):
            records.display = campaign is not None and records.kind.name == campaign["kind"]
            if campaign is not None and (records.display or not records.data_table.columns):
                records.show(campaign)  # the hidden one once, for its columns
        if campaign is None:
            grid.update(Text(t("campaigns.none"), "dim"))
            return
        kind = campaign["kind"]
        months = stats.quota_grid(
            campaign,
            self.records_of(campaign),
            self.today(),
            self.store.settings["working_days"],
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
        follow_ups, total = stats.open_follow_ups(
            self.store.records("talk"), [], self.today(), FOLLOW_UP_LINES
        )
        self.query_one("#follow-ups-title", Static).update(
            stats.counted("campaigns.follow_ups", total)
        )
        rest = total - len(follow_ups)
        more = t("campaigns.more", n=rest) if rest > 0 else ""
        self.query_one(FollowUpList).show(follow_ups, t("campaigns.no_follow_ups"), more)


PANE = CampaignsPane
