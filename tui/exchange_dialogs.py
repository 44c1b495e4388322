"""The export and import dialogs of the command palette: kinds, period, format and file of an
export; an import checked by a dry run, shown, and confirmed before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len, get_character_cell_size
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, HorizontalGroup, VerticalGroup
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Log, Static

from tui.core import dates
from tui.core.display import escape, fit, width
from tui.core.exchange import export_to, write_export
from tui.core.i18n import t
from tui.core.importer import ImportSummary, import_file
from tui.core.records import KINDS
from tui.core.storage import DataFileError
from tui.core.store import Store
from tui.core.workbook import export_xlsx
from tui.dialogs import ConfirmDialog, Dialog
from tui.widgets.tick import Tick

FORMATS = ("json", "csv", "xlsx")
REPORT_INDENT = 4  # cells before the rest of a wrapped line of the import report
# the export's notes, in the order of the dialog, and the control each one is about
FIELD_OF = {
    "kinds": "#export-kinds Checkbox",
    "since": "#export-since",
    "until": "#export-until",
    "path": "#export-path",
}


def show_text(static: Static, text: str) -> None:
    """Show `text` (made terminal-safe line by line) in a Static, hidden when empty."""
    static.update("\n".join(escape(line) for line in text.split("\n")))
    static.display = bool(text)


def labelled(label: str, cells: int, note_id: str, *controls: Widget) -> ComposeResult:
    """A row of a label `cells` wide and its controls, then a hidden note line under them."""
    with HorizontalGroup(classes="exchange-row"):
        yield Static(fit(label, cells), classes="exchange-label", markup=False).set_styles(
            f"width: {cells};"
        )
        yield from controls
    yield Static("", id=note_id, classes="exchange-note", markup=False).set_styles(
        f"padding-left: {cells + 1};"
    )


def default_path(kinds: list[str], fmt: str, day: dates.Date) -> str:
    """~/cadre-export[-KIND]-YYYYMMDD.json or .xlsx; .csv for one kind's CSV, .zip for several's."""
    name = "-".join(["cadre-export", *kinds[:1] * (len(kinds) == 1), day.format("YYYYMMDD")])
    suffix = "zip" if fmt == "csv" and len(kinds) > 1 else fmt
    return f"~/{name}.{suffix}"


def wrap_lines(lines: list[str], cells: int) -> list[str]:
    """`lines` cut to `cells` terminal cells, a long line going on indented, at a space if it can."""
    out: list[str] = []
    for line in lines:
        if cell_len(line) <= cells:
            out.append(line)
            continue
        piece, used, space = "", 0, -1
        for char in line:
            size = get_character_cell_size(char)
            if used + size > cells:
                cut = space if space > REPORT_INDENT else len(piece)
                out.append(piece[:cut])
                piece = " " * REPORT_INDENT + piece[cut:].lstrip(" ")
                used, space = cell_len(piece), -1
            if char == " ":
                space = len(piece)
            piece += char
            used += size
        out.append(piece)
    return out


def changed_count(summary: ImportSummary) -> int:
    """How many records the import adds or replaces."""
    return sum(c.added + c.replaced for c in summary.counts.values())


def imported_message(summary: ImportSummary) -> str:
    """What a finished import says: how many records from where, then each kind's counts."""
    if not summary.written:
        return t("import.unchanged")
    lines = [t("import.done", count=changed_count(summary), source=summary.source)]
    lines += [
        t("dlg.import.kind_counts", kind=t(f"kind.{name}"), added=c.added, replaced=c.replaced)
        for name, c in summary.counts.items()
        if c.added or c.replaced
    ]
    return "\n".join(escape(line) for line in lines)


@dataclass(frozen=True)
class ExportChoice:
    """What the export dialog holds once every field is valid."""

    kinds: list[str]
    since: str | None
    until: str | None
    fmt: str
    path: Path


class ExchangeDialog(Dialog[bool]):
    """What both dialogs share: Escape cancels, ctrl+s runs, Tab moves, a message above the buttons."""

    DEFAULT_CSS = """
    ExchangeDialog .dialog-box {
        width: 78;
    }
    ExchangeDialog .exchange-row {
        height: auto;
    }
    ExchangeDialog .exchange-label {
        height: 1;
        margin-right: 1;
    }
    ExchangeDialog .exchange-row Input {
        width: 1fr;
    }
    ExchangeDialog .exchange-row Input:focus {
        background: $boost;
        text-style: underline;
    }
    ExchangeDialog .exchange-note {
        color: $text-muted;
        display: none;
    }
    ExchangeDialog .exchange-note.-invalid, ExchangeDialog .exchange-message {
        color: $error;
    }
    ExchangeDialog .exchange-message {
        display: none;
    }
    ExchangeDialog .dialog-buttons {
        margin-top: 1;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("ctrl+s", "run", priority=True, show=False),
        # priority: focus moves before the next key arrives, so fast typing lands in the right field
        Binding("tab", "app.focus_next", priority=True, show=False),
        Binding("shift+tab", "app.focus_previous", priority=True, show=False),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def action_cancel(self) -> None:
        """Close without doing anything."""
        self.dismiss(False)

    @on(Button.Pressed, ".exchange-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def say(self, text: str) -> None:
        """Show `text` above the buttons (nothing when empty)."""
        show_text(self.query_one(".exchange-message", Static), text)

    def note(self, name: str, text: str, invalid: bool) -> None:
        """Put `text` under the field `name`, as a reason when `invalid`."""
        static = self.query_one(f"#note-{name}", Static)
        show_text(static, f"! {text}" if invalid and text else text)
        static.set_class(invalid, "-invalid")

    def buttons(self, run: str, *others: Button) -> ComposeResult:
        """The message line and the buttons: others, then run (primary, ctrl+s), then cancel."""
        yield Static("", classes="exchange-message", markup=False)
        with HorizontalGroup(classes="dialog-buttons"):
            yield from others
            yield Button(run, id="exchange-run", variant="primary", compact=True)
            yield Button(t("form.cancel"), classes="exchange-cancel", compact=True)


class ExportDialog(ExchangeDialog):
    """Export the ticked kinds of a period as JSON, CSV or xlsx to a file; dismisses with True once
    written.

    The dates take what the record form takes, and every field is checked as it is typed."""

    DEFAULT_CSS = """
    ExportDialog #export-kinds {
        grid-size: 4;
        grid-rows: 1;
        grid-gutter: 0 1;
        height: auto;
    }
    ExportDialog .format {
        margin-right: 2;
    }
    """

    BINDINGS = [Binding("enter", "next_field", priority=True, show=False)]

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.day = store.today()
        self.suggested = default_path(list(KINDS), "json", self.day)
        self.invalid: list[str] = []  # the fields whose note is a reason, in FIELD_OF's order

    def compose(self) -> ComposeResult:
        labels = {
            name: t(f"dlg.export.{name}") for name in ("kinds", "since", "until", "format", "path")
        }
        cells = max(map(width, labels.values()))
        box = VerticalGroup(id="export-box", classes="dialog-box")
        box.border_title = t("dlg.export.title")
        with box:
            yield Static(labels["kinds"], classes="exchange-label", markup=False)
            with Grid(id="export-kinds"):
                for name in KINDS:
                    yield Tick(t(f"kind.{name}"), True, id=f"kind-{name}")
            yield Static("", id="note-kinds", classes="exchange-note", markup=False)
            hint = t("dlg.export.date_hint")
            for name in ("since", "until"):
                field = Input(placeholder=hint, id=f"export-{name}", compact=True)
                yield from labelled(labels[name], cells, f"note-{name}", field)
            ticks = [
                Tick(name.upper(), name == "json", id=f"format-{name}", classes="format")
                for name in FORMATS
            ]
            yield from labelled(labels["format"], cells, "note-format", *ticks)
            field = Input(self.suggested, id="export-path", compact=True)
            yield from labelled(labels["path"], cells, "note-path", field)
            yield from self.buttons(t("dlg.export.run"))

    def on_mount(self) -> None:
        self.validate()

    # reading and checking ----------------------------------------------------------------

    def text(self, name: str) -> str:
        return self.query_one(f"#export-{name}", Input).value.strip()

    def kinds(self) -> list[str]:
        """The ticked kinds, in the order of KINDS."""
        return [name for name in KINDS if self.query_one(f"#kind-{name}", Checkbox).value]

    def fmt(self) -> str:
        """The ticked format (the dialog keeps exactly one ticked; JSON while it does so)."""
        ticked = (name for name in FORMATS if self.query_one(f"#format-{name}", Checkbox).value)
        return next(ticked, "json")

    def validate(self) -> ExportChoice | None:
        """Check every field, show the reasons (and what a date means), and return the export."""
        notes: dict[str, tuple[str, bool]] = {}
        kinds = self.kinds()
        if not kinds:
            notes["kinds"] = (t("dlg.export.no_kind"), True)
        bounds: dict[str, str | None] = {}
        for name in ("since", "until"):
            bounds[name] = None
            text = self.text(name)
            if not text:
                continue
            try:  # isoformat: the year 1 is 0001, not 1
                bounds[name] = dates.parse_date(text, self.day).isoformat()
            except dates.DateInputError as error:
                notes[name] = (str(error), True)
                continue
            if bounds[name] != text:
                notes[name] = (t("dlg.export.means", date=bounds[name]), False)
        since, until = bounds["since"], bounds["until"]
        if since and until and until < since:
            notes["until"] = (t("dlg.export.before_since", since=since), True)
        path = Path(self.text("path")).expanduser()
        if not self.text("path"):
            notes["path"] = (t("err.required"), True)
        elif path.is_dir():
            notes["path"] = (t("dlg.export.is_folder"), True)
        elif path.exists():
            notes["path"] = (t("dlg.export.exists"), False)
        for name in FIELD_OF:
            self.note(name, *notes.get(name, ("", False)))
        self.invalid = [name for name in FIELD_OF if notes.get(name, ("", False))[1]]
        if self.invalid:
            return None
        return ExportChoice(kinds, since, until, self.fmt(), path)

    def suggest_path(self) -> None:
        """Follow the kinds and format in the path, unless it was typed over."""
        suggested = default_path(self.kinds() or list(KINDS), self.fmt(), self.day)
        field = self.query_one("#export-path", Input)
        if field.value == self.suggested and suggested != self.suggested:
            field.value = suggested
        self.suggested = suggested

    # events and actions ------------------------------------------------------------------

    @on(Checkbox.Changed, ".format")
    def _format_ticked(self, event: Checkbox.Changed) -> None:
        """The formats tick like radio buttons: one, and always one."""
        if event.value:
            for name in FORMATS:
                self.query_one(f"#format-{name}", Checkbox).value = (
                    event.checkbox.id == f"format-{name}"
                )
        elif not any(self.query_one(f"#format-{name}", Checkbox).value for name in FORMATS):
            event.checkbox.value = True

    @on(Checkbox.Changed)
    @on(Input.Changed)
    def _changed(self, event: Checkbox.Changed | Input.Changed) -> None:
        if not isinstance(event, Input.Changed):
            self.suggest_path()
        self.say("")
        self.validate()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter is the dialog's own only in an input (elsewhere it ticks, opens or presses)."""
        return action != "next_field" or isinstance(self.focused, Input)

    def action_next_field(self) -> None:
        """Enter: on to the next field, or export from the path."""
        if self.focused is self.query_one("#export-path"):
            self.action_run()
        else:
            self.focus_next()

    @on(Button.Pressed, "#exchange-run")
    def action_run(self) -> None:
        """Write the export if every field is valid; otherwise say why and focus the first."""
        choice = self.validate()
        if choice is None:
            self.app.bell()
            self.say(t("dlg.export.refused"))
            self.query_one(FIELD_OF[self.invalid[0]]).focus()
            return
        try:
            if choice.fmt == "xlsx":
                export = export_xlsx(self.store, choice.kinds, choice.since, choice.until)
                written = write_export(choice.path, export)
            else:
                written = export_to(
                    self.store, choice.path, choice.kinds, choice.since, choice.until, choice.fmt
                )
        except OSError as error:
            detail = error.strerror or str(error)
            self.say(t("export.unwritable", path=choice.path, detail=detail))
            return
        except DataFileError as error:
            self.say(str(error))
            return
        self.app.notify(escape(t("export.written", path=written)), markup=False, timeout=10)
        self.dismiss(True)


class ImportDialog(ExchangeDialog):
    """Import an export file: Check runs a dry run and shows its counts or every problem; Import,
    enabled once a dry run of the same path found something to write, asks first, then writes.

    Dismisses with True when the data file was written (the app then redraws its panes)."""

    DEFAULT_CSS = """
    ImportDialog #import-report {
        height: auto;
        max-height: 70vh;
        overflow-x: hidden;
    }
    """

    BINDINGS = [
        Binding("pageup", "scroll_report(False)", show=False),
        Binding("pagedown", "scroll_report(True)", show=False),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.checked: str | None = None  # the path a dry run found importable, as typed
        self.count = 0  # how many records that dry run would add or replace
        self.report: list[str] = []  # the lines of the report shown, before wrapping
        self.wrapped_at = 0  # the width they were wrapped to

    def compose(self) -> ComposeResult:
        label = t("dlg.import.path")
        box = VerticalGroup(id="import-box", classes="dialog-box")
        box.border_title = t("dlg.import.title")
        with box:
            field = Input(placeholder=t("dlg.import.placeholder"), id="import-path", compact=True)
            yield from labelled(label, width(label), "note-path", field)
            yield Log(id="import-report", auto_scroll=False)
            check = Button(t("dlg.import.check"), id="import-check", compact=True)
            yield from self.buttons(t("dlg.import.run"), check)

    def on_mount(self) -> None:
        self.query_one("#exchange-run", Button).disabled = True
        self.note("path", t("dlg.import.hint"), False)

    def path_text(self) -> str:
        return self.query_one("#import-path", Input).value.strip()

    def show_report(self, text: str) -> None:
        """Show a report (already terminal-safe) in the scrolling box, from its top."""
        self.report = [" ", *text.split("\n")]  # a Log drops an empty line
        self.wrapped_at = 0
        self.fill_report()

    def fill_report(self) -> None:
        """Put the report in its box, wrapped to the box's width (a Log draws only what shows)."""
        log = self.query_one("#import-report", Log)
        cells = log.size.width - log.styles.scrollbar_size_vertical
        if cells <= REPORT_INDENT or cells == self.wrapped_at:
            return
        self.wrapped_at = cells
        log.clear()
        log.write_lines(wrap_lines(self.report, cells), scroll_end=False)
        log.scroll_home(animate=False)
        self.call_after_refresh(self._hint_scrolling)

    def _hint_scrolling(self) -> None:
        """Say how to scroll the report when it is longer than its box."""
        if self.is_attached and self.query_one("#import-report", Log).max_scroll_y:
            self.note("path", t("dlg.import.scroll"), False)

    def on_resize(self) -> None:
        if self.report:
            self.fill_report()

    def action_scroll_report(self, down: bool) -> None:
        """PgUp / PgDn: scroll the report a page, wherever the focus is."""
        report = self.query_one("#import-report", Log)
        if down:
            report.scroll_page_down(animate=False)
        else:
            report.scroll_page_up(animate=False)

    def run(self, dry_run: bool) -> ImportSummary | None:
        """Import (or check) the file named; None, said in the dialog, when the data file is unusable."""
        try:
            return import_file(self.store, Path(self.path_text()).expanduser(), dry_run=dry_run)
        except DataFileError as error:
            self.say(str(error))
            return None

    def allow_import(self, path: str | None, count: int = 0) -> None:
        """Enable Import of `path` (checked: `count` records to write), or disable it (None)."""
        self.checked, self.count = path, count
        self.query_one("#exchange-run", Button).disabled = path is None

    # events and actions ------------------------------------------------------------------

    @on(Input.Changed)
    def _typed(self) -> None:
        if self.path_text() != self.checked:
            self.allow_import(None)
        self.say("")
        self.note("path", t("dlg.import.hint"), False)

    @on(Input.Submitted)
    @on(Button.Pressed, "#import-check")
    def action_check(self) -> None:
        """Run a dry run of the file named and show what it would do, or why it cannot."""
        if not self.path_text():
            self.note("path", t("err.required"), True)
            self.app.bell()
            return
        summary = self.run(dry_run=True)
        if summary is None:
            return
        self.note("path", "", False)
        if summary.ok:
            self.show_report(summary.report())
            count = changed_count(summary)
            self.allow_import(self.path_text() if count else None, count)
            if count:
                self.query_one("#exchange-run").focus()
        else:
            self.show_report(summary.problem_report())
            self.allow_import(None)

    @on(Button.Pressed, "#exchange-run")
    def action_run(self) -> None:
        """Ask, then import the file a dry run found importable."""
        if self.checked is None or self.checked != self.path_text():
            self.app.bell()
            return
        message = t("dlg.import.confirm", source=self.checked, count=self.count)
        self.app.push_screen(ConfirmDialog(message), self._answered)

    def _answered(self, yes: bool | None) -> None:
        if not yes:
            return
        summary = self.run(dry_run=False)
        if summary is None:
            return
        if not summary.ok:  # the file or the data changed since the check
            self.show_report(summary.problem_report())
            self.allow_import(None)
            return
        self.app.notify(imported_message(summary), markup=False, timeout=10)
        self.dismiss(summary.written)
