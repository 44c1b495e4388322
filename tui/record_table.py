"""A paged table of one kind's records, and the keys that act on them: add, edit, delete, filter.

A month, a year (100 rows a page) or all of them (100 a page) at once: only the page on screen
reaches the DataTable, so a 50,000-record file fills it as fast as an empty one."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import RowKey

from tui.changes import run_change
from tui.core import dates
from tui.core.display import escape, fit, width, width_up_to
from tui.core.i18n import get_language, t
from tui.core.records import Kind, kind_named
from tui.core.store import Store

PERIODS = ("month", "year", "all")  # what one view of a dated kind covers; `p` steps through them
CELL_CELLS = 24
NUMERIC = {"int", "decimal"}


class Cell(Text):
    """A table cell: one line of text, measured by its width alone. DataTable measures every cell
    of a page as it fills it, and Text's own measure splits the text into words first."""

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.cell_len, self.cell_len)


def cell(kind: Kind, name: str, record: dict[str, Any], cells: int = CELL_CELLS) -> Text:
    """One table cell: the value as shown to users, escaped and cut to `cells` (ending in …)."""
    field = kind.field(name)
    shown = escape(field.cell(record.get(name)))
    if width_up_to(shown, cells) > cells:
        shown = fit(shown, cells)
    return Cell(shown, justify="right" if field.type in NUMERIC else "left")


class PageTable(DataTable[Any]):
    """The DataTable of one page; Enter on a row edits it (the help lists Enter beside e).

    It draws its `Cell`s itself, as Rich lays them out (one line, padded, justified, cut to the
    column), for a fraction of what Rich's general layout costs a cell; it keeps the lines it
    drew when its tab is shown again at the same width (Textual 8.2.8 drops them at every
    Resize, and sends one each time the tab is shown), its headings across pages and its row
    styles across lines, until the styles change. The private names are 8.2.8's."""

    BINDINGS = [Binding("enter", "select_cursor", "key.edit", show=False)]

    drawn_width: int | None = None  # the width the lines in the caches were drawn at

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.drawn_headings: dict[tuple[Any, ...], list[list[Segment]]] = {}
        self.row_styles: dict[str, Style] = {}

    def notify_style_update(self) -> None:
        self.drawn_headings, self.row_styles = {}, {}
        super().notify_style_update()

    def _on_resize(self, event: events.Resize) -> None:
        if event.size.width == self.drawn_width:
            event.prevent_default()  # the lines drawn at this width still hold
        else:
            self.drawn_headings = {}  # not to be drawn at the old widths again
        self.drawn_width = event.size.width

    def settle(self) -> None:
        """Work out the new rows' column widths and the table's size now, where the DataTable
        waits until it is idle: until then it cannot scroll, so a page filled again (after a
        change) showed its top for a frame before it scrolled back to the cursor's row."""
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            new_rows, self._new_rows = self._new_rows, set()
            self._update_dimensions(new_rows)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Widen the columns to new rows of `Cell`s by their widths alone; other rows (and the
        table's size) as the DataTable does. Its way asks the console for its options, and the
        terminal for its size, once per cell: a third of the cost of a page of 100 rows."""
        columns, others = self.ordered_columns, []
        for row_key in new_rows:
            row, values = self.rows.get(row_key), self._data.get(row_key) or {}
            cells = [values.get(column.key) for column in columns]
            plain = row is not None and row.label is None and not row.auto_height
            if plain and row.height == 1 and all(type(value) is Cell for value in cells):
                for column, value in zip(columns, cells, strict=True):
                    column.content_width = max(column.content_width, value.cell_len)
            else:
                others.append(row_key)
        super()._update_dimensions(others)

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        """One cell's lines: a body `Cell` drawn here, a heading as it was drawn last (while its
        label, width and style are the same), anything else by the DataTable."""
        if row_index == -1:
            return self.heading_lines(column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        value = self._data.get(row_key, {}).get(column_key) if row_key is not None else None
        row = self.rows.get(row_key) if row_key is not None else None
        if (
            type(value) is not Cell
            or row is None
            or row.height != 1
            or row_index < self.fixed_rows
            or column_index < self.fixed_columns
            or value.spans
            or value.overflow is not None
            or value.justify not in ("left", "right")
            or "\t" in value.plain
            or "\n" in value.plain
        ):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cache = self._cell_render_cache
        if key not in cache:
            cache[key] = [
                self.cell_line(value, row_index, column_index, base_style, width, cursor, hover)
            ]
        return cache[key]

    def heading_lines(
        self, column_index: int, base_style: Style, width: int, cursor: bool, hover: bool
    ) -> list[list[Segment]]:
        """A heading's lines, drawn by the DataTable the first time only: it draws them again
        for every page (its cache goes with the rows), as Rich lays them out."""
        column = self.ordered_columns[column_index] if column_index >= 0 else None
        label = column.label if column is not None else None
        key = (
            column.key if column is not None else None,
            (label.plain, label.style, tuple(label.spans), label.justify) if label else None,
            base_style,
            width,
            cursor,
            hover,
            self._show_hover_cursor,
            self._pseudo_class_state,
        )
        if key not in self.drawn_headings:
            lines = super()._render_cell(-1, column_index, base_style, width, cursor, hover)
            self.drawn_headings[key] = lines
        return self.drawn_headings[key]

    def _get_row_style(self, row_index: int, base_style: Style) -> Style:
        """The DataTable's row style, from its component styles worked out once per update of
        the styles, not once for every line drawn."""
        if row_index == -1:
            name = "datatable--header"
        elif row_index < self.fixed_rows:
            name = "datatable--fixed"
        elif self.zebra_stripes:
            name = "datatable--odd-row" if row_index % 2 else "datatable--even-row"
        else:
            return base_style
        if name not in self.row_styles:
            self.row_styles[name] = self.get_component_styles(name).rich_style
        return self.row_styles[name]

    def cell_line(
        self,
        value: Cell,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool,
        hover: bool,
    ) -> list[Segment]:
        """A body cell's one line, as Rich draws `Styled(Padding(value, (0, padding)))`."""
        component, post = self._get_styles_to_render_cell(
            False,
            False,
            False,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        pre = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component
        room = width - 2 * self.cell_padding
        text = value.plain.rstrip() if value.justify == "right" else value.plain
        if cell_len(text) > room:
            text = set_cell_size(text, room)
        gap = " " * (room - cell_len(text))
        body = gap + text if value.justify == "right" else text + gap
        padding = " " * self.cell_padding
        outer = pre + post
        if not value.style:
            return [Segment(padding + body + padding, outer)]
        inner = pre + self.app.console.get_style(value.style, default=Style.null()) + post
        return [Segment(padding, outer), Segment(body, inner), Segment(padding, outer)]


class RecordTable(Vertical):
    """One kind's records, a page at a time, with a caption saying which page it is.

    `where` keeps only records whose fields hold the given values (a campaign's talks, one
    sport); `preset` gives the values a record added here starts with."""

    page_size = 100  # the records a page holds

    DEFAULT_CSS = """
    RecordTable {
        height: 1fr;
    }
    RecordTable .caption {
        height: 1;
        color: $text-muted;
    }
    RecordTable .filter {
        display: none;
        height: 1;
        border: none;
        padding: 0 1;
    }
    RecordTable DataTable {
        height: 1fr;
    }
    """

    BINDINGS = [
        Binding("a", "add", "key.add"),
        Binding("e", "edit", "key.edit"),
        Binding("d", "delete", "key.delete"),
        Binding("slash", "filter", "key.filter", key_display="/"),
        Binding("left_square_bracket", "page(-1)", "key.page", show=False),
        Binding("right_square_bracket", "page(1)", "key.page", show=False),
        Binding("p", "next_period", "key.period", show=False),
        Binding("escape", "clear_filter", show=False),
    ]

    def __init__(
        self,
        store: Store,
        kind: str,
        today: Callable[[], dates.Date],
        *,
        id: str | None = None,
        where: dict[str, Any] | None = None,
        preset: Callable[[], dict[str, Any]] | None = None,
        columns: tuple[str, ...] = (),
    ) -> None:
        """`columns`: the fields shown, in the kind's order (by default the kind's columns)."""
        super().__init__(id=id)
        self.store = store
        self.kind = kind_named(kind)
        self.columns = tuple(
            f for f in self.kind.fields if (f.name in columns if columns else f.column)
        )
        self.today = today
        self.where: dict[str, Any] = where or {}
        self.preset = preset
        field = self.kind.field(self.kind.sort_field)
        self.dated = field.type == "date"
        self.period = "month" if self.dated else "all"
        self.month = dates.month_of(today())
        self.page = 0
        self.pages = 1
        self.filter_text = ""
        self.caption = ""  # what the page is, without the key hints
        self.caption_shown: str | None = None  # with the hints that fit
        self.shown: dict[str, dict[str, Any]] = {}
        self.cuts: dict[str, int] = {}  # cells a column is cut to on this page (not CELL_CELLS)
        self.haystacks: dict[str, tuple[dict[str, Any], str]] = {}  # id -> (record, its text)
        self.haystack_language = get_language()

    def compose(self) -> ComposeResult:
        yield Static(classes="caption")
        yield Input(placeholder=t("table.filter_hint"), classes="filter")
        yield PageTable(cursor_type="row", zebra_stripes=True)

    @property
    def data_table(self) -> PageTable:
        """The DataTable showing the page."""
        return self.query_one(PageTable)

    # what is on the page ---------------------------------------------------------------

    def page_records(self) -> tuple[list[dict[str, Any]], str]:
        """The records of the current page, in list order (`in_list_order`), and its caption."""
        label = self.caption_label()
        by_period = self.dated and not self.filter_text and self.period != "all"
        if by_period:
            bounds = (
                dates.month_bounds(self.month) if self.period == "month" else self.year_bounds()
            )
            rows = self.listed(*map(dates.date_string, bounds))
        else:
            rows = self.listed()
        rows = self.in_list_order(rows)
        if self.where:
            rows = [r for r in rows if all(r.get(k) == v for k, v in self.where.items())]
        if by_period and self.period == "month":
            return rows, t("table.month", kind=label, month=self.month, count=len(rows))
        if self.filter_text:
            if self.haystack_language != get_language():  # yes/no and lists read differently
                self.haystacks, self.haystack_language = {}, get_language()
            needle = self.filter_text.casefold()
            rows = [r for r in rows if needle in self.haystack(r)]
        self.pages = max(1, -(-len(rows) // self.page_size))
        self.page = min(self.page, self.pages - 1)
        start = self.page * self.page_size
        key = "table.filtered" if self.filter_text else "table.year" if by_period else "table.paged"
        caption = t(
            key,
            kind=label,
            text=escape(self.filter_text),
            year=self.month[:4],
            page=self.page + 1,
            pages=self.pages,
            count=len(rows),
        )
        return rows[start : start + self.page_size], caption

    def listed(self, since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        """The records the list may show, between `since` and `until`, sorted by date then id."""
        return self.store.list(self.kind.name, since, until)

    def in_list_order(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """`rows` (sorted by date then id) in the order the list shows them, before it is cut
        into pages: newest first for dated kinds."""
        if self.dated:
            rows.reverse()
        return rows

    def caption_label(self) -> str:
        """What the caption calls the list: the kind, and the values it is narrowed to."""
        return " · ".join([self.kind.label(), *(escape(str(v)) for v in self.where.values())])

    def year_bounds(self) -> tuple[datetime.date, datetime.date]:
        """The first and last day of the year shown."""
        first = dates.month_bounds(f"{self.month[:4]}-01")[0]
        return first, dates.month_bounds(f"{self.month[:4]}-12")[1]

    def haystack(self, record: dict[str, Any]) -> str:
        """Every shown value of a record, for the filter to search (kept until it changes)."""
        cached = self.haystacks.get(record["id"])
        if cached is not None and cached[0] is record:
            return cached[1]
        parts = [record.get("note", "")]
        for field in self.kind.fields:
            value = record.get(field.name)
            parts.append(value if isinstance(value, str) else field.show(value))
        text = " ".join(parts).casefold()
        self.haystacks[record["id"]] = (record, text)
        return text

    def load(self) -> None:
        """Fill the table with the current page, keeping the cursor on the same record."""
        keep = self.selected()
        rows, caption = self.page_records()
        self.caption = caption
        self.show_caption()
        self.query_one(Input).placeholder = t("table.filter_hint")
        table = self.data_table
        table.clear(columns=True)
        for label, key in self.headings():
            table.add_column(label, key=key)
        self.shown = {}
        self.cuts = self.column_cuts(rows)
        for record in rows:
            table.add_row(*self.row_cells(record), key=record["id"])
            self.shown[record["id"]] = record
        table.settle()
        if keep is not None and keep["id"] in self.shown:
            table.move_cursor(row=table.get_row_index(keep["id"]))

    def headings(self) -> list[tuple[str, str]]:
        """The columns' labels and keys, in order."""
        return [(field.label(), field.name) for field in self.columns]

    def column_cuts(self, rows: list[dict[str, Any]]) -> dict[str, int]:
        """The cells each column's values are cut to on the page of `rows`, where not CELL_CELLS."""
        return {}

    def row_cells(self, record: dict[str, Any]) -> list[Text]:
        """A record's cells, in the order of `headings`."""
        return [
            cell(self.kind, field.name, record, self.cuts.get(field.name, CELL_CELLS))
            for field in self.columns
        ]

    def selected(self) -> dict[str, Any] | None:
        """The record under the cursor, or None when the page is empty."""
        table = self.data_table
        if not self.shown or not table.is_valid_row_index(table.cursor_row):
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key
        return self.shown.get(str(key.value))

    # keys ------------------------------------------------------------------------------

    def action_page(self, step: int) -> None:
        """The previous (-1) or next (+1) month, or page (past a year's first or last page, the
        year before or after)."""
        if self.dated and not self.filter_text and self.period == "month":
            self.month = dates.shift_month(self.month, step)
        elif self.dated and not self.filter_text and self.period == "year":
            if 0 <= self.page + step < self.pages:
                self.page += step
            else:
                self.month = dates.shift_month(self.month, 12 * step)
                self.page = 0 if step > 0 else 10**9  # the last page, once it is known
        else:
            self.page = max(0, min(self.pages - 1, self.page + step))
        self.load()

    def action_next_period(self) -> None:
        """Show a month, then a year, then every record (dated kinds)."""
        if self.dated:
            self.period = PERIODS[(PERIODS.index(self.period) + 1) % len(PERIODS)]
            self.page = 0
            self.load()

    def action_add(self) -> None:
        """Open the form of a new record of this kind (with the table's preset values)."""
        from tui.forms import record_form

        preset = self.preset() if self.preset else dict(self.where)
        self.app.push_screen(record_form(self.app, self.store, self.kind.name, preset=preset))

    def selected_or_say(self) -> dict[str, Any] | None:
        """The record under the cursor; when there is none, say so."""
        record = self.selected()
        if record is None:
            self.notify(t("app.nothing_selected"), severity="warning")
        return record

    def action_edit(self) -> None:
        """Open the form on the record under the cursor."""
        from tui.forms import record_form

        record = self.selected_or_say()
        if record is not None:
            self.app.push_screen(record_form(self.app, self.store, self.kind.name, record))

    def action_delete(self) -> None:
        """Ask, then delete the record under the cursor."""
        from tui.dialogs import ConfirmDialog

        record = self.selected_or_say()
        if record is None:
            return
        kind = self.kind
        summary = " ".join(f.show(record.get(f.name)) for f in kind.columns[:3])
        message = t("app.confirm_delete", kind=kind.label(), what=escape(summary))

        def answered(yes: bool | None) -> None:
            if yes:
                run_change(
                    self, lambda: self.store.delete(kind.name, record["id"]), t("app.deleted")
                )

        self.app.push_screen(ConfirmDialog(message), answered)

    def action_filter(self) -> None:
        """Show the filter field and put the cursor in it; meanwhile index the records' text."""
        field = self.query_one(Input)
        field.display = True
        field.focus()
        self.run_worker(self.index_records, thread=True, exclusive=True, group="filter-index")

    def index_records(self) -> None:
        """Work out every record's filter text ahead of the first letter typed (a thread)."""
        for record in self.store.records(self.kind.name):
            self.haystack(record)

    def action_clear_filter(self) -> None:
        """Drop the filter and go back to the table."""
        field = self.query_one(Input)
        if not field.display:
            return
        field.value = ""
        field.display = False
        self.data_table.focus()

    def on_resize(self) -> None:
        self.show_caption()

    def show_caption(self) -> None:
        """The caption, and after it each key hint that fits the width whole."""
        caption, room = self.caption, self.size.width or self.app.size.width
        for hint in (t("table.keys"), t("table.period_key") if self.dated else ""):
            if hint and width(caption) + 2 + width(hint) <= room:
                caption += "  " + hint
        if caption != self.caption_shown:  # the same text again would cost a layout, a frame
            self.caption_shown = caption
            self.query_one(".caption", Static).update(Text(caption))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter_text = event.value.strip()
        self.page = 0
        self.load()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.action_clear_filter()
            return
        self.data_table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()
