"""The Care tab (关爱) in two views toggled by `v`: the visits (filtered by occasion with `o`) with
money summed by occasion and by year; the address book with the chosen person's history, the
birthdays coming up and the visit follow-ups due (`x` marks one done)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import ContentSwitcher, DataTable, Static

from tui.core import care, dates, stats
from tui.core.display import escape, fit, width
from tui.core.i18n import t
from tui.core.store import Store
from tui.panes.base import Pane
from tui.record_table import RecordTable
from tui.widgets.follow_ups import FollowUpList

VIEWS = ("visits", "people")
GRID_CELLS = 76  # the sums' grid: the pane's width at 80 columns, less its padding
OCCASION_ROWS = 4
YEAR_ROWS = 2
HISTORY_SHOWN = 3  # visits, and talks, listed under a person (the newest)
BIRTHDAYS_SHOWN = 7
BIRTHDAY_CELLS = 8  # the most a name, or a dept, takes in a birthday line
FOLLOW_UPS_SHOWN = 50  # a long history can hold thousands of overdue follow-ups


def sums_grid(sums: dict[str, Decimal], rows: int, marked: str = "") -> Text:
    """`label  amount` cells in as many columns as fit GRID_CELLS, at most `rows` lines (the last
    cell then says how many more); the `marked` label is flagged with `>` and bold."""
    cells = [(escape(label), care.money(amount)) for label, amount in sums.items()]
    label_cells = max(width(label) for label, _ in cells)
    value_cells = max(len(value) for _, value in cells)
    cell_cells = 1 + label_cells + 1 + value_cells
    columns = max(1, (GRID_CELLS + 2) // (cell_cells + 2))
    shown: list[Text] = []
    for label, value in cells:
        mark = ">" if marked and label == escape(marked) else " "
        style = "bold" if mark == ">" else ""
        shown.append(Text(f"{mark}{fit(label, label_cells)} {value.rjust(value_cells)}", style))
    if len(shown) > rows * columns:
        hidden = len(shown) - (rows * columns - 1)
        shown[rows * columns - 1 :] = [Text(" " + stats.counted("care.more", hidden), "dim")]
    lines = [
        Text("  ").join(shown[start : start + columns]) for start in range(0, len(shown), columns)
    ]
    return Text("\n").join(lines)


def one_line(text: str, style: str = "") -> Text:
    """A line that is cut with … rather than wrapped when its widget is too narrow."""
    return Text(text, style, no_wrap=True, overflow="ellipsis")


def lines_of(lines: list[Text]) -> Text:
    """Lines under one another, each cut rather than wrapped."""
    return one_line("\n").join(lines)


class CarePane(Pane):
    """Visits and their sums; the address book, birthdays and visit follow-ups."""

    DEFAULT_CSS = """
    CarePane #care-views, CarePane .care-view {
        height: 1fr;
    }
    CarePane #care-sums {
        height: auto;
    }
    CarePane .care-title {
        height: 1;
        text-style: bold;
        color: $text-primary;
    }
    CarePane #care-book {
        height: 1fr;
        min-height: 8;
    }
    CarePane #person-list {
        width: 47;
        margin-right: 1;
    }
    CarePane #care-history {
        width: 1fr;
        height: 1fr;
    }
    CarePane #care-due {
        height: auto;
        max-height: 9;
    }
    CarePane #care-due > Vertical {
        width: 1fr;
        height: auto;
    }
    CarePane #care-due > Vertical:first-of-type {
        width: 32;
        margin-right: 1;
    }
    CarePane #care-follow-ups, CarePane #care-follow-ups:focus {
        max-height: 100%;
    }
    """

    BINDINGS = [
        Binding("v", "show_view('people')", "key.care_book"),
        Binding("v", "show_view('visits')", "key.care_visits"),
        Binding("o", "next_occasion", "key.care_occasion", show=False),
    ]

    tab = "care"
    default_kind = "visit"

    def __init__(self, store: Store, today: Callable[[], dates.Date]) -> None:
        super().__init__(store, today)
        self.view = VIEWS[0]
        self.occasion = ""  # the occasion whose visits are listed; "" for all
        self.occasions: list[str] = []  # the settings' occasions that have visits, in order
        self.drawn: set[str] = set()  # the views drawn since the store last changed
        self.ever_drawn = False
        self.visits: list[dict[str, Any]] = []
        self.visits_by_occasion: dict[str, list[dict[str, Any]]] = {}
        self.occasion_sums: dict[str, Decimal] = {}
        self.visits_by_name: dict[str, list[dict[str, Any]]] = {}
        self.talks_by_name: dict[str, list[dict[str, Any]]] = {}

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="care-visits", id="care-views"):
            with Vertical(id="care-visits", classes="care-view"):
                yield Static(id="care-sums")
                visits = RecordTable(self.store, "visit", self.today, id="visit-list")
                visits.period = "year"  # a dozen visits a year: a month's page is mostly empty
                yield visits
            with Vertical(id="care-people", classes="care-view"):
                with Horizontal(id="care-book"):
                    yield RecordTable(self.store, "person", self.today, id="person-list")
                    yield Static(id="care-history")
                with Horizontal(id="care-due"):
                    with Vertical():
                        yield Static(classes="care-title", id="birthdays-title")
                        yield Static(id="care-birthdays")
                    with Vertical():
                        yield Static(classes="care-title", id="follow-ups-title")
                        yield FollowUpList(self.store, id="care-follow-ups")

    # drawing ---------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Draw the view on screen; the other one when it is next shown (both at first, so that
        the address book is listed as soon as the tab is)."""
        self.drawn = set()
        for view in (self.view,) if self.ever_drawn else VIEWS:
            self.draw_view(view)
        self.ever_drawn = True

    def draw_view(self, view: str) -> None:
        """Draw `view` unless it is up to date."""
        if view not in self.drawn:
            (self.draw_visits if view == "visits" else self.draw_people)()
            self.drawn.add(view)

    def draw_visits(self) -> None:
        """The sums, worked out once a change, and the visits' table."""
        self.visits = self.store.records("visit")
        by_occasion: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for visit in self.visits:
            by_occasion[visit["occasion"]].append(visit)
        self.visits_by_occasion = by_occasion
        self.occasion_sums = care.amounts_by_occasion(self.visits)
        occasions = self.store.settings["categories"].get("occasions", ())
        self.occasions = [occasion for occasion in occasions if occasion in by_occasion]
        self.query_one("#visit-list", RecordTable).load()
        self.show_sums()

    def draw_people(self) -> None:
        """The address book, the history under the cursor, birthdays and follow-ups."""
        visits = self.store.records("visit")
        visits_by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for visit in visits:
            visits_by_name[visit["person"]].append(visit)
        talks_by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for talk in self.store.records("talk"):
            talks_by_name[talk["person"]].append(talk)
        self.visits_by_name, self.talks_by_name = visits_by_name, talks_by_name
        self.query_one("#person-list", RecordTable).load()
        self.show_history()
        self.show_birthdays(self.store.settings["upcoming_days"])
        follow_ups, total = stats.open_follow_ups([], visits, self.today(), FOLLOW_UPS_SHOWN)
        self.query_one("#follow-ups-title", Static).update(t("care.follow_ups"))
        hidden = total - len(follow_ups)
        self.query_one(FollowUpList).show(
            follow_ups,
            t("care.no_follow_ups"),
            stats.counted("care.more", hidden) if hidden > 0 else "",
        )

    def show_sums(self) -> None:
        """Money by occasion over every visit, and by year over the visits of the occasion shown."""
        total = care.money(sum(self.occasion_sums.values(), Decimal(0)))
        parts = [Text(t("care.by_occasion", total=total), "bold")]
        if self.occasion_sums:
            parts.append(sums_grid(self.occasion_sums, OCCASION_ROWS, self.occasion))
        else:
            parts.append(Text(t("care.no_money"), "dim"))
        shown = self.visits_by_occasion.get(self.occasion, []) if self.occasion else self.visits
        by_year = dict(reversed(care.amounts_by_year(shown).items()))  # the newest first
        occasion = escape(self.occasion) if self.occasion else t("care.all_occasions")
        parts.append(Text(t("care.by_year", occasion=occasion), "bold"))
        if by_year:
            parts.append(sums_grid(by_year, YEAR_ROWS))
        else:
            parts.append(Text(t("care.no_money"), "dim"))
        self.query_one("#care-sums", Static).update(Text("\n").join(parts))

    def show_history(self) -> None:
        """The visits and talks of the person under the cursor, and their next birthday."""
        person = self.query_one("#person-list", RecordTable).selected()
        history = self.query_one("#care-history", Static)
        if person is None:
            empty = "care.no_people" if not self.store.records("person") else "care.pick_person"
            history.update(Text(t(empty), "dim"))
            return
        today = self.today()
        name = person["name"]
        found = care.person_history(
            person,
            self.store.records("person"),
            self.visits_by_name.get(name, []),
            self.talks_by_name.get(name, []),
            today,
        )
        title = escape(name) + (f" · {escape(person['dept'])}" if person.get("dept") else "")
        lines = [one_line(title, "bold")]
        if found.ambiguous:  # first, so that a long history never pushes it out of sight
            lines += [one_line(line, "bold yellow") for line in t("care.ambiguous").splitlines()]
        if found.next_birthday is None:
            lines.append(one_line(t("care.no_birthday"), "dim"))
        else:
            when = dates.humanize_days(found.next_birthday, today)
            next_day = found.next_birthday.to_date_string()
            lines.append(one_line(t("care.birthday", mmdd=person["birthday"])))
            lines.append(one_line(t("care.next_birthday", next=next_day, when=when)))
        visit_lines = [
            f"{v['date']} {v['occasion']} {care.money(Decimal(v['amount']))}"
            if v.get("amount") is not None
            else f"{v['date']} {v['occasion']}"
            for v in found.visits
        ]
        talk_lines = [
            f"{r['date']} {r.get('topic') or r.get('talk_type') or ''}" for r in found.talks
        ]
        lines += self.history_block("care.visits", visit_lines)
        lines += self.history_block("care.talks", talk_lines)
        history.update(lines_of(lines))

    @staticmethod
    def history_block(key: str, entries: list[str]) -> list[Text]:
        """`3 visits (latest 2)` and the newest entries, indented."""
        title = stats.counted(key, len(entries))
        if len(entries) > HISTORY_SHOWN:
            title += t("care.latest", n=HISTORY_SHOWN)
        return [
            one_line(title, "bold"),
            *(one_line("  " + escape(entry)) for entry in entries[:HISTORY_SHOWN]),
        ]

    def show_birthdays(self, days: int) -> None:
        """Who has a birthday in the next `days` days: date, name, dept and how soon."""
        today = self.today()
        coming = care.birthdays_within(self.store.records("person"), today, days)
        self.query_one("#birthdays-title", Static).update(stats.counted("care.birthdays", days))
        board = self.query_one("#care-birthdays", Static)
        if not coming:
            board.update(Text(t("care.no_birthdays"), "dim"))
            return
        shown = coming[: BIRTHDAYS_SHOWN if len(coming) <= BIRTHDAYS_SHOWN else BIRTHDAYS_SHOWN - 1]
        rows = [
            (day.format("MM-DD"), escape(p["name"]), escape(p.get("dept") or ""), day)
            for day, p in shown
        ]
        name_cells = min(BIRTHDAY_CELLS, max(width(name) for _, name, _, _ in rows))
        dept_cells = min(BIRTHDAY_CELLS, max(width(dept) for _, _, dept, _ in rows))
        lines = [
            one_line(
                f"{mmdd} {fit(name, name_cells)} {fit(dept, dept_cells)} "
                f"{dates.humanize_days(day, today)}",
                "bold" if day == today else "",
            )
            for mmdd, name, dept, day in rows
        ]
        if len(coming) > len(shown):
            lines.append(one_line(stats.counted("care.more", len(coming) - len(shown)), "dim"))
        board.update(lines_of(lines))

    # keys and cursor -------------------------------------------------------------------

    def focus_first(self) -> None:
        """Put the cursor in the first list of the view on screen."""
        view = self.query_one(f"#care-{self.view}")
        view.query("DataTable, OptionList").first().focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`v` names the other view; `o` works on the visits."""
        if action == "show_view":
            return parameters[0] != self.view
        if action == "next_occasion":
            return self.view == "visits"
        return True

    def action_show_view(self, view: str) -> None:
        """Show the visits or the address book."""
        self.view = view
        self.query_one(ContentSwitcher).current = f"care-{view}"
        self.draw_view(view)
        self.focus_first()
        self.refresh_bindings()

    def action_next_occasion(self) -> None:
        """List the next occasion's visits (after the last one, every occasion's again)."""
        cycle = ["", *self.occasions]
        position = cycle.index(self.occasion) if self.occasion in cycle else 0
        self.occasion = cycle[(position + 1) % len(cycle)]
        table = self.query_one("#visit-list", RecordTable)
        table.where = {"occasion": self.occasion} if self.occasion else {}
        table.page = 0
        table.load()
        self.show_sums()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table is self.query_one("#person-list", RecordTable).data_table:
            self.show_history()


PANE = CarePane
