"""The Sports tab (文体): totals by sport this year beside last year, this year's events by month,
the events coming up with time and place, and the events a year at a time, by sport with `s`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from tui.core import dates, sports, stats
from tui.core.display import escape, fit, width
from tui.core.i18n import t
from tui.panes.base import Pane
from tui.record_table import RecordTable

SPORT_CELLS = 10  # at most, a sport's name in the totals (团体跳绳 takes 8)
RESULT_CELLS = 9  # a best result (1小时38分)
SPORT_ROWS = 7  # sports shown in the totals; the rest are summed on one `others` line
UPCOMING_SHOWN = 3  # events coming up, three lines each


def year_columns() -> list[tuple[str, int]]:
    """The columns one year has in the totals: (header, cells)."""
    return [
        (t("sports.col.events"), max(4, width(t("sports.col.events")))),
        (t("field.rank"), max(3, width(t("field.rank")))),
        (t("field.result"), RESULT_CELLS),
    ]


def aligned(value: str, cells: int, right: bool) -> str:
    """`value` cut to `cells` cells and padded to them, on the right or the left."""
    shown = fit(value, cells)
    return " " * (cells - width(shown.rstrip())) + shown.rstrip() if right else shown


def year_cells(totals: sports.SportTotals | None) -> list[str]:
    """One year's figures of a sport: events, best rank, best result (blank with no events)."""
    if totals is None:
        return ["0", "", ""]
    rank = "—" if totals.best_rank is None else str(totals.best_rank)
    return [str(totals.events), rank, escape(totals.best_result)]


def totals_table(
    years: Sequence[int], by_year: Sequence[dict[str, sports.SportTotals]], chosen: str | None
) -> Text:
    """The totals by sport, a block of columns per year; the sport `chosen` in reverse."""
    columns = year_columns()
    sports_shown = list(dict.fromkeys(sport for totals in by_year for sport in totals))
    kept = sports_shown if len(sports_shown) <= SPORT_ROWS else sports_shown[: SPORT_ROWS - 1]
    others = sports_shown[len(kept) :]
    labels = [t("field.sport"), *(escape(sport) for sport in kept)]
    labels += [stats.counted("sports.others", len(others))] if others else []
    label_cells = min(SPORT_CELLS, max(width(label) for label in labels))

    def row(label: str, blocks: list[list[str]], style: str = "") -> Text:
        line = Text(fit(label, label_cells), style=style)
        for values in blocks:
            shown = [
                aligned(value, cells, right=index < len(columns) - 1)
                for index, ((_, cells), value) in enumerate(zip(columns, values, strict=True))
            ]
            line.append("  " + " ".join(shown))
        return line

    block_cells = sum(cells for _, cells in columns) + len(columns) - 1
    heading = Text(" " * label_cells)
    for year, totals in zip(years, by_year, strict=True):
        count = sum(found.events for found in totals.values())
        title = f"{t('sports.year', year=year)} {stats.counted('sports.events', count)}"
        heading.append("  " + fit(title, block_cells), style="bold")
    lines = [heading, row(labels[0], [[header for header, _ in columns]] * len(years), "bold")]
    for sport in kept:
        style = "reverse" if sport == chosen else ""
        lines.append(
            row(escape(sport), [year_cells(totals.get(sport)) for totals in by_year], style)
        )
    if others:
        counts = [sum(totals[s].events for s in others if s in totals) for totals in by_year]
        lines.append(row(labels[-1], [[str(count), "", ""] for count in counts], "dim"))
    if not sports_shown:
        lines.append(Text(t("sports.none"), style="dim"))
    return Text("\n").join(lines)


def months_strip(year: int, counts: Sequence[int], this_month: int) -> Text:
    """Month names over their event counts, each count under its name (CJK-aware)."""
    label = t("sports.months", year=year)
    names = [t(f"month.short.{month}") for month in range(1, 13)]
    cells = max(max(width(name) for name in names), max(len(str(c)) for c in counts))
    top = Text(label + " ", style="bold")
    bottom = Text(" " * (width(label) + 1))
    for month, (name, count) in enumerate(zip(names, counts, strict=True), 1):
        style = "bold" if month == this_month else ""
        top.append(" " * (cells - width(name)) + name + " ", style=style)
        bottom.append(str(count).rjust(cells) + " ", style=style if count else "dim")
    return Text("\n").join([top, bottom])


def upcoming_lines(events: Sequence[dict[str, Any]], today: dates.Date, days: int) -> Text:
    """The events coming up, three lines each: date, time and how soon; sport and sub-event;
    place."""
    lines = [Text(stats.counted("sports.upcoming", days), style="bold")]
    for event in events[:UPCOMING_SHOWN]:
        when = dates.humanize_days(dates.to_date(event["date"]), today)
        time = f" {event['time']}" if event.get("time") else ""
        what = " ".join(escape(event.get(name) or "") for name in ("sport", "sub_event"))
        place = escape(event.get("location") or "") or "—"
        lines += [
            Text.assemble((event["date"][5:] + time, "bold"), (f" {when}", "dim")),
            Text(f"  {what.strip()}"),
            Text(f"  {place}"),
        ]
    if len(events) > UPCOMING_SHOWN:
        lines.append(Text(t("sports.more", n=len(events) - UPCOMING_SHOWN), style="dim"))
    if not events:
        lines.append(Text(t("sports.no_upcoming"), style="dim"))
    return Text("\n").join(lines)


class SportsPane(Pane):
    """Group-sports events: how this year compares with the last, and what comes next."""

    DEFAULT_CSS = """
    SportsPane #sports-top {
        height: auto;
        max-height: 11;
    }
    SportsPane #totals {
        width: auto;
    }
    SportsPane #upcoming-events {
        width: 1fr;
        padding-left: 2;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SportsPane #months {
        height: 2;
        margin-top: 1;
    }
    """

    BINDINGS = [
        Binding("s", "next_sport", "key.sport"),
        Binding("S", "next_sport(-1)", "key.sport_back", show=False),
    ]

    tab = "sports"
    default_kind = "event"
    years: list[int]
    by_year: list[dict[str, sports.SportTotals]]  # totals by sport for each of `years`
    sports_in_use: list[str]  # the sports `s` steps through

    def compose(self) -> ComposeResult:
        with Horizontal(id="sports-top"):
            yield Static(id="totals")
            yield Static(id="upcoming-events")
        yield Static(id="months")
        table = RecordTable(self.store, "event", self.today, id="event-list")
        table.period = "year"  # a month holds a handful of events; a year fills the list
        yield table

    @property
    def table(self) -> RecordTable:
        """The list of events."""
        return self.query_one(RecordTable)

    def chosen_sport(self) -> str | None:
        """The sport the list is narrowed to, or None for every sport."""
        return self.table.where.get("sport")

    def refresh_data(self) -> None:
        today = self.today()
        events = self.store.records("event")
        self.years = [today.year, today.year - 1]
        self.by_year = [sports.totals_by_sport(events, year) for year in self.years]
        used = {event["sport"] for event in events}
        listed = [s for s in self.store.settings["categories"]["sports"] if s in used]
        self.sports_in_use = listed + sorted(used.difference(listed))
        days = self.store.settings["upcoming_days"]
        coming = sports.upcoming_events(events, today, days)
        self.query_one("#upcoming-events", Static).update(upcoming_lines(coming, today, days))
        counts = sports.events_by_month(events, today.year)
        self.query_one("#months", Static).update(months_strip(today.year, counts, today.month))
        self.show_sport()

    def show_sport(self) -> None:
        """Draw the totals with the chosen sport marked, and the list narrowed to it."""
        totals = totals_table(self.years, self.by_year, self.chosen_sport())
        self.query_one("#totals", Static).update(totals)
        self.table.load()

    def action_next_sport(self, step: int = 1) -> None:
        """Narrow the list to the next (or previous) sport that has events, in the settings'
        order and then by name; past the last, every sport."""
        choices: list[str | None] = [None, *self.sports_in_use]
        current = self.chosen_sport()
        at = choices.index(current) if current in choices else 0
        following = choices[(at + step) % len(choices)]
        self.table.where = {} if following is None else {"sport": following}
        self.table.page = 0
        self.show_sport()


PANE = SportsPane
