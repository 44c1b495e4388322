"""The xlsx export, for people: one sheet per kind, headers in the user's language, date cells,
exact amounts with a total row, lists joined with 、 and yes/no in words; openpyxl is loaded here."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tui.core import display
from tui.core.exchange import chosen_kinds, export_records
from tui.core.i18n import t
from tui.core.records import KINDS, Field, Kind
from tui.core.store import Store

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

NOTE = Field("note", "text", multiline=True)  # every kind's free text, after its own fields
DATE_FORMAT = "yyyy-mm-dd"
MONTH_FORMAT = "yyyy-mm"
AMOUNT_FORMAT = "#,##0.00"
NUMBER_FORMATS = {"date": DATE_FORMAT, "month": MONTH_FORMAT, "decimal": AMOUNT_FORMAT}
PADDING = 2  # character widths of room beside the widest text of a column
CELL_CHARACTERS = 32_767  # the most a spreadsheet cell holds
FIRST_SPREADSHEET_YEAR = "1900"  # spreadsheets count days from 1900; earlier dates stay text
WIDEST = 60  # a column is never wider than this; longer text runs on or wraps


def sheet_fields(kind: Kind) -> tuple[Field, ...]:
    """A sheet's columns: the kind's fields in their order, then the note (no ids or timestamps)."""
    return (*kind.fields, NOTE)


def cell_text(text: str) -> str:
    """`text` as given, but for the control characters a worksheet cannot hold, written `\\x01`,
    and cut with … at the most characters a cell holds (a spreadsheet would cut it unmarked)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    shown = ILLEGAL_CHARACTERS_RE.sub(lambda match: display.escape(match.group()), text)
    return shown if len(shown) <= CELL_CHARACTERS else shown[: CELL_CHARACTERS - 1] + "…"


def cell_value(field: Field, value: Any, titles: Mapping[str, str]) -> Any:
    """A stored value as a worksheet value: a date, a Decimal, an int, text, or None when empty.

    A reference is shown as the referenced record's title (`titles`), its id when it has none."""
    if value is None or value == "" or value == [] or value == {}:
        return None
    if field.type in ("date", "month") and value[:4] < FIRST_SPREADSHEET_YEAR:
        return value  # before 1900 a spreadsheet has no date: the text as stored
    if field.type == "date":
        return datetime.date.fromisoformat(value)
    if field.type == "month":
        return datetime.date.fromisoformat(f"{value}-01")
    if field.type == "decimal":
        return Decimal(value)
    if field.type == "int":
        return value
    if field.type == "ref":
        return cell_text(titles.get(value, value))
    return cell_text(field.show(value))


def shown_width(field: Field, value: Any) -> int:
    """The character widths a value takes in its column (CJK counting 2), by its widest line."""
    if field.type == "decimal":
        return len(f"{value:,.2f}")
    if isinstance(value, datetime.date):
        return len(NUMBER_FORMATS[field.type])
    return max(display.width(line) for line in str(value).split("\n"))


def titles_of(store: Store, kinds: Iterable[str]) -> dict[str, str]:
    """The titles of the records the chosen kinds refer to, by id."""
    referred = {f.ref for name in kinds for f in KINDS[name].fields if f.ref}
    return {
        record["id"]: record.get("title", "")
        for name in sorted(referred)
        for record in store.records(name)
    }


def fill_sheet(
    sheet: Worksheet, kind: Kind, records: Sequence[Mapping[str, Any]], titles: Mapping[str, str]
) -> None:
    """Write the header, one row per record and, under the amounts, their exact total."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    fields = sheet_fields(kind)
    bold = Font(bold=True)
    sheet.append([field.label() for field in fields])
    for cell in sheet[1]:
        cell.font = bold
    widths = [display.width(field.label()) for field in fields]
    totals = {i: Decimal(0) for i, field in enumerate(fields) if field.type == "decimal"}
    for row, record in enumerate(records, start=2):
        for column, field in enumerate(fields):
            value = cell_value(field, record.get(field.name), titles)
            if value is None:
                continue
            cell = sheet.cell(row=row, column=column + 1, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text as given: never a formula or an error code
                if "\n" in value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            if field.type in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[field.type]
            if column in totals:
                totals[column] += value
            widths[column] = max(widths[column], shown_width(field, value))
    if totals:
        row = len(records) + 2
        label = sheet.cell(row=row, column=1, value=t("xlsx.total"))
        label.font = bold
        for column, total in totals.items():
            cell = sheet.cell(row=row, column=column + 1, value=total)
            cell.number_format, cell.font = AMOUNT_FORMAT, bold
            widths[column] = max(widths[column], shown_width(fields[column], total))
    for column, cells in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(cells + PADDING, WIDEST)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(fields))}{len(records) + 1}"


def export_xlsx(
    store: Store,
    kinds: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> bytes:
    """The chosen kinds of the period as an .xlsx workbook (bytes), one sheet per kind in the
    order of KINDS, named and headed in the user's language."""
    from openpyxl import Workbook

    wanted = chosen_kinds(kinds)
    records = export_records(store, wanted, since, until)
    titles = titles_of(store, wanted)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in wanted:
        kind = KINDS[name]
        fill_sheet(workbook.create_sheet(kind.label()), kind, records[name], titles)
    workbook.properties.creator = "cadre"
    workbook.properties.created = workbook.properties.modified = store.now().replace(tzinfo=None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
