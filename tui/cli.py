"""The `cadre` command line: click commands over the core.

Textual is imported only by the command that opens the TUI; every error becomes a plain message."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, NoReturn, TypeGuard

import click
import orjson
from click.shell_completion import CompletionItem

from tui import __version__
from tui.cli_help import (
    CadreCommand,
    CadreGroup,
    CompletedText,
    LazyHelpOption,
    id_items,
    kind_items,
    session_of,
    settings_for_help,
    translated_option,
)
from tui.cli_quick import (
    EXPORT_FORMATS,
    FOLLOW_UP_KINDS,
    add_record,
    check_file,
    clearable,
    delete_record,
    edit_record,
    export_file,
    import_file,
    list_records,
    mark_done,
    show_record,
    today_banner,
    undo_newest,
)
from tui.cli_session import (
    EXIT_DATA_FILE,
    EXIT_REFUSED,
    SESSIONS,
    Session,
    echo_warnings,
    leave,
    refuse,
)
from tui.core import dates, display, references
from tui.core.i18n import choose_language, set_language, t
from tui.core.records import KINDS, Field, FieldError, Kind, kind_named
from tui.core.storage import DataFileError
from tui.core.store import RecordError, Store


def named_file(ctx: click.Context, param: click.Parameter, path: Path | None) -> Path | None:
    """`path` unless it names no file: `--db ""` would be the current folder."""
    if path is not None and not path.name:
        raise click.BadParameter(t("cli.no_file_name"), ctx, param)
    return path


@click.group(
    cls=CadreGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@translated_option(  # eager, like --lang: `cadre --db F --lang zh --help` reads F's settings in zh
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="CADRE_DB",
    is_eager=True,
    callback=named_file,
    help_key="cli.help.db",
)
@translated_option(
    "--lang", type=click.Choice(["zh", "en"]), is_eager=True, help_key="cli.help.lang"
)
@translated_option("--demo", is_flag=True, help_key="cli.help.demo")
@click.version_option(
    __version__, prog_name="cadre", cls=LazyHelpOption, describe=lambda ctx: t("cli.help.version")
)
@click.pass_context
def cli(ctx: click.Context, db: Path | None, lang: str | None, demo: bool) -> None:
    """cadre: your own record of study points, campaigns, sports and care visits."""
    set_language(choose_language(lang, None))
    session = session_of(ctx)
    if ctx.invoked_subcommand is None:
        open_tui(session, demo)


def open_tui(session: Session, demo: bool) -> None:
    """Open the Textual app (the only place the CLI imports Textual).

    The file is read and vetted before the screen changes, so a bad one is refused as by any
    command. A large one is read in a forked child while Textual loads (see tui/preview.py)."""
    import gc
    import shutil

    from tui.launch import on_a_terminal, open_app
    from tui.preview import Preview

    if not on_a_terminal():  # the app would wait for keys that never come
        if not demo:
            session.store().data  # noqa: B018 - a bad file is refused as by any command
        raise click.UsageError(t("cli.needs_terminal"), click.get_current_context(silent=True))
    folder = None
    if demo:
        folder, path, demo_today = copy_demo()
        remove_when_ended(folder)
        session = Session(db=path, lang=session.lang, today=session.today or demo_today)
    try:
        store = Store(session.db, today=session.today)
        day = session.today.isoformat() if session.today else None
        preview = Preview.start(session.db, day)
        import tui.app  # noqa: F401 - loads while the child reads a large file

        first = preview.result() if preview is not None else None
        if first is None:
            store.data  # noqa: B018 - read (and vet) the file now
            gc.freeze()  # the records live as long as the app: keep them out of every collection
        settings = first.settings if first is not None else store.settings
        if session.language_from_settings:
            set_language(choose_language(None, settings.get("language")))
        open_app(store, store.today() if session.today else None, first)  # the app's: pendulum
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def remove_when_ended(folder: Path) -> None:
    """Remove the demo's `folder` when a signal ends the app (SIGHUP from a dropped SSH
    connection, SIGTERM from kill), then end as that signal would have ended it."""
    import shutil

    def remove_and_end(signum: int, frame: object) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    for signum in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(signum, remove_and_end)


def copy_demo() -> tuple[Path, Path, dates.Date | None]:
    """A fresh private copy of the packaged demo data: (its 0700 folder, its 0600 file, its day)."""
    import tempfile
    from importlib import resources

    from tui.core.storage import atomic_write

    source = resources.files("tui.data").joinpath("demo.json")
    try:
        raw = source.read_bytes()
    except OSError:
        raise click.ClickException(t("app.demo_missing", path=source)) from None
    folder = Path(tempfile.mkdtemp(prefix="cadre-demo-"))
    path = folder / "cadre.json"
    atomic_write(path, raw)
    day = orjson.loads(raw).get("_meta", {}).get("1", {}).get("demo_today")
    return folder, path, dates.to_date(day) if day and dates.is_iso_date(day) else None


class KindGroup(CadreGroup):
    """`cadre add KIND`: one subcommand per record kind, built from its definition; its help
    lists the kinds with their names."""

    def __init__(self, *args: Any, make: Callable[[Kind], click.Command], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.make = make

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(KINDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return self.make(KINDS[name]) if name in KINDS else None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section(t("cli.help.kinds")):
            formatter.write_dl([(name, kind.label()) for name, kind in KINDS.items()])

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        return kind_items(ctx, incomplete)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if (
            args
            and args[0] not in KINDS
            and not args[0].startswith("-")
            and not ctx.resilient_parsing
        ):
            try:
                kind_named(args[0])
            except FieldError as error:
                refuse([error])
        return super().resolve_command(ctx, args)


FIELD_METAVARS = {
    "text": "TEXT",
    "int": "INTEGER",
    "decimal": "NUMBER",
    "date": "DATE",
    "month": "MONTH",
    "time": "HH:MM",
    "mmdd": "MM-DD",
    "choice": "CHOICE",
    "names": "NAME",
    "items": "ITEM=POINTS",
    "ref": "ID|TITLE",
}


def date_forms() -> str:
    """The date forms `dates.parse_date` accepts, in words."""
    words = (dates.WORDS_TODAY, dates.WORDS_YESTERDAY, dates.WORDS_TOMORROW)
    today, yesterday, tomorrow = ("/".join(sorted(group)) for group in words)
    return t("cli.help.date_forms", today=today, yesterday=yesterday, tomorrow=tomorrow)


def date_help(key: str) -> str:
    """The catalog entry `key` with the date forms filled in (--since, --until)."""
    return t(key, forms=date_forms())


def field_help(field: Field, editing: bool, ctx: click.Context) -> str:
    """`谈话类型：可选 [日常谈心|提醒|…]`: what the field is and, in words, what it takes."""
    settings = settings_for_help(ctx)
    takes = t(
        f"cli.help.type.{field.type}",
        minimum=field.minimum,
        choices="|".join(field.options(settings)),
        items="、".join(settings["study_items"]),
        forms=date_forms(),
        prefix=references.MIN_PREFIX,
    )
    required = t("cli.help.required") if field.required and not editing else ""
    return t("cli.help.field", label=field.label(), takes=takes) + required


class FieldOption(LazyHelpOption):
    """The option of one record field (`--talk-type`): its help says what the field takes from
    the current settings; it completes the field's choices, or a campaign's short id."""

    def __init__(self, field: Field, editing: bool) -> None:
        shape: dict[str, Any] = (
            {"is_flag": True, "default": None}
            if field.type == "bool"
            else {
                "multiple": field.type in {"names", "items"},
                "metavar": FIELD_METAVARS[field.type],
            }
        )
        super().__init__(
            [field.option, field.name], describe=partial(field_help, field, editing), **shape
        )
        self.field = field

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        if self.field.ref:
            return id_items(ctx, incomplete, kinds=(self.field.ref,))
        choices = self.field.options(settings_for_help(ctx))
        return [CompletionItem(choice) for choice in choices if choice.startswith(incomplete)]


def note_help(ctx: click.Context) -> str:
    """The help of --note."""
    return t("cli.help.field", label=t("field.note"), takes=t("cli.help.type.text"))


def record_options(kind: Kind, editing: bool) -> list[click.Parameter]:
    """One option per field of `kind`, and --note: the options of `add KIND` and of `edit ID`."""
    note = LazyHelpOption(["--note", "note"], metavar="TEXT", describe=note_help)
    return [*(FieldOption(field, editing) for field in kind.fields), note]


def make_add_command(kind: Kind) -> click.Command:
    """The `cadre add KIND` command with one option per field of `kind`."""

    @click.pass_obj
    def add(session: Session, **given: Any) -> None:
        add_record(session, kind, given)

    return CadreCommand(
        kind.name,
        callback=add,
        params=record_options(kind, editing=False),
        help_text=lambda: t("cli.cmd.add_kind", kind=kind.label()),
    )


@cli.group(cls=KindGroup, make=make_add_command, subcommand_metavar="KIND [OPTIONS]...")
def add() -> None:
    """Add one record: cadre add KIND --field value …"""


# edit, delete, done and show: one record, named by an id prefix ----------------------------


class Edit(NamedTuple):
    """`cadre edit`'s record, found before its options are read, and the options of its kind."""

    found: references.Found
    options: list[click.Parameter]


EDIT = "cadre.edit"  # ctx.meta: the Edit of `cadre edit ID`


def first_argument(args: Sequence[str]) -> str | None:
    """The first of `args` that is neither an option nor an option's value: ID in `edit ID …`."""
    takes_value = {"--clear", "--note"} | {
        field.option for kind in KINDS.values() for field in kind.fields if field.type != "bool"
    }
    skip = False
    for n, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--":
            return args[n + 1] if n + 1 < len(args) else None
        elif arg.startswith("-"):
            skip = arg in takes_value
        else:
            return arg
    return None


class EditCommand(CadreCommand):
    """`cadre edit ID …`: the record ID names is looked up before the options are read, so the
    options taken are those of its kind, as `cadre add KIND` has them."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        text = first_argument(args)
        quiet = ctx.resilient_parsing or any(arg in ctx.help_option_names for arg in args)
        if text is not None:
            try:
                found = references.resolve(session_of(ctx).store().data, text)
                ctx.meta[EDIT] = Edit(found, record_options(found.kind, editing=True))
            except FieldError as error:
                if not quiet:
                    refuse([error])
            except DataFileError:
                if not quiet:
                    raise
        return super().parse_args(ctx, args)

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        edit = ctx.meta.get(EDIT)
        return [*(edit.options if edit is not None else ()), *super().get_params(ctx)]


def clear_help(ctx: click.Context) -> str:
    """The help of --clear: the fields it takes, once the record is known."""
    edit = ctx.meta.get(EDIT)
    if edit is None:
        return t("cli.help.clear")
    return t("cli.help.clear_fields", fields=", ".join(clearable(edit.found.kind)))


def clear_items(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """The completions of --clear: the record's fields that can be emptied."""
    edit = ctx.meta.get(EDIT)
    names = clearable(edit.found.kind) if edit is not None else []
    return [name for name in names if name.startswith(incomplete)]


@cli.command(cls=EditCommand)
@click.argument("reference", metavar="ID")
@click.option(
    "--clear",
    "clear",
    multiple=True,
    metavar="FIELD",
    cls=LazyHelpOption,
    describe=clear_help,
    shell_complete=clear_items,
)
@click.pass_context
def edit(ctx: click.Context, reference: str, clear: tuple[str, ...], **given: Any) -> None:
    """Change fields of a record: cadre edit ID --field value … [--clear FIELD]."""
    edit_record(ctx.obj, ctx.meta[EDIT].found, clear, given)


@cli.command()
@click.argument("reference", metavar="ID")
@translated_option("--yes", "-y", is_flag=True, help_key="cli.help.yes")
@click.pass_obj
def delete(session: Session, reference: str, yes: bool) -> None:
    """Delete a record (asks first on a terminal; --yes when stdin is not one)."""
    delete_record(session, reference, yes)


def follow_up_items(ctx: click.Context, incomplete: str) -> list[CompletionItem]:
    """The short ids of the talks and visits, the records that have a follow-up."""
    return id_items(ctx, incomplete, kinds=FOLLOW_UP_KINDS)


@cli.command()
@click.argument("reference", metavar="ID", type=CompletedText(follow_up_items))
@click.pass_obj
def done(session: Session, reference: str) -> None:
    """Mark the follow-up of a talk or a visit done."""
    mark_done(session, reference)


@cli.command()
@click.argument("reference", metavar="ID")
@click.pass_obj
def show(session: Session, reference: str) -> None:
    """Print one record whole: every field, labelled."""
    show_record(session, reference)


@cli.command("list")
@click.argument("kind_name", metavar="KIND")
@click.option("--since", cls=LazyHelpOption, describe=lambda ctx: date_help("cli.help.since"))
@click.option("--until", cls=LazyHelpOption, describe=lambda ctx: date_help("cli.help.until"))
@translated_option("--json", "as_json", is_flag=True, help_key="cli.help.json")
@click.pass_obj
def list_command(
    session: Session, kind_name: str, since: str | None, until: str | None, as_json: bool
) -> None:
    """List the records of KIND as a table (or JSON)."""
    list_records(session, kind_name, since, until, as_json)


@cli.command()
@click.pass_obj
def today(session: Session) -> None:
    """A few lines for a login banner: today's points, open quotas, what is due (as the
    Overview shows them). They are kept beside the file for the coming days, so that the next
    logins print them without reading it (until it changes)."""
    today_banner(session)


@cli.command()
@click.option(
    "--records",
    "every_record",
    is_flag=True,
    help="Also check every record against its kind and read every backup whole (slower).",
)
@click.pass_obj
def check(session: Session, every_record: bool) -> None:
    """Report the state of the data file, its lock and its backups."""
    check_file(session, every_record)


@cli.group("settings", invoke_without_command=True)
@click.pass_context
def settings_group(ctx: click.Context) -> None:
    """Show the settings; `set`, `add` and `remove` change them."""
    if ctx.invoked_subcommand is not None:
        return
    from tui.core.settings import SCALARS, STUDY_ITEMS

    store = ctx.obj.store()
    current = store.settings
    for key, kind in SCALARS.items():
        value = current.get(key)
        if value is None and kind == "language":
            value = t("settings.auto", value=choose_language(None, None))
        elif value is None and kind == "timezone":
            value = t("settings.auto", value=dates.now_in(None).timezone_name)
        elif kind == "switch":
            value = t("bool.yes") if value else t("bool.no")
        click.echo(f"{key}: {display.escape(value)}")
    items = ", ".join(f"{name}={cap}" for name, cap in current[STUDY_ITEMS].items())
    click.echo(f"{STUDY_ITEMS}: {display.escape(items)}")
    for name, options in current["categories"].items():
        click.echo(f"{name}: {display.escape('、'.join(options))}")
    echo_warnings(store)


def change_settings(session: Session, change: Callable[[Store], None]) -> None:
    """Run a settings change; a refusal names the setting and exits 1."""
    store = session.store()
    try:
        change(store)
    except FieldError as error:
        refuse([error])
    except RecordError as error:
        refuse(error.problems)
    echo_warnings(store)
    click.echo(t("settings.saved"))


@settings_group.command("set", help_text=partial(t, "cli.cmd.settings_set"))
@click.argument("key")
@click.argument("value")
@click.pass_obj
def settings_set(session: Session, key: str, value: str) -> None:
    """Set KEY (language, timezone, study_target, upcoming_days, backups_keep, undo_keep) to VALUE
    (`auto` for the locale's language or the system's time zone)."""
    from tui.core.settings import parse_scalar

    change_settings(session, lambda store: store.save_settings({key: parse_scalar(key, value)}))


@settings_group.command("add", help_text=partial(t, "cli.cmd.settings_add"))
@click.argument("category")
@click.argument("value")
@click.pass_obj
def settings_add(session: Session, category: str, value: str) -> None:
    """Add VALUE to CATEGORY (`sports 冰壶`), or a study item with its cap (`study_items 新项目=5`)."""
    from tui.core.settings import add_to

    change_settings(session, lambda store: add_to(store, category, value))


@settings_group.command("remove", help_text=partial(t, "cli.cmd.settings_remove"))
@click.argument("category")
@click.argument("value")
@click.pass_obj
def settings_remove(session: Session, category: str, value: str) -> None:
    """Take VALUE out of CATEGORY (refused while a record uses it)."""
    from tui.core.settings import remove_from

    change_settings(session, lambda store: remove_from(store, category, value))


@cli.command()
@click.pass_obj
def backups(session: Session) -> None:
    """List the backups of the data file, newest last, each with a quick look at its state."""
    from tui.core.storage import backup_problem, list_backups

    found = list_backups(session.db)
    if not found:
        click.echo(t("backup.none"))
        return
    headers = [t("backup.column.name"), t("backup.column.bytes"), t("backup.column.state")]
    rows = [
        [p.name, str(p.stat().st_size), backup_problem(p, thorough=False) or t("backup.ok")]
        for p in found
    ]
    click.echo(display.table(headers, rows, max_cell=60))


@cli.command()
@click.argument("backup")
@click.pass_obj
def restore(session: Session, backup: str) -> None:
    """Replace the data file with BACKUP (a name from `cadre backups`, or a path).

    The data file as it is goes to backups/ first. A damaged BACKUP is refused with exit 3 (a
    file cadre cannot use, as a damaged data file is), and nothing changes."""
    from tui.core.storage import BAD_BACKUP, backup_folder
    from tui.core.store import restore_backup

    candidate = Path(backup)
    if not candidate.exists():
        candidate = Path(backup_folder(session.db), backup)
    if not candidate.is_file():
        refuse([FieldError("BACKUP", t("backup.unknown", name=backup))])
    try:
        raw = candidate.read_bytes()
    except OSError as error:
        problem = t("file.unreadable", detail=error.strerror)
        raise DataFileError(candidate, problem, BAD_BACKUP) from None
    kept = restore_backup(session.store(), raw, candidate)
    click.echo(display.escape(t("backup.restored", path=session.db, backup=candidate)))
    if kept:
        click.echo(display.escape(t("backup.kept_current", path=kept)))
    else:
        click.echo(t("backup.kept_nothing"))


@cli.command()
@click.option("--list", "as_list", is_flag=True, help="Show what undo would revert, newest first.")
@click.pass_obj
def undo(session: Session, as_list: bool) -> None:
    """Revert the newest change made by any cadre process (the TUI, the CLI or an import);
    run it again to go further back."""
    store = session.store()
    if as_list:
        history = store.undo_history()
        click.echo(t("undo.list_head") if history else t("undo.nothing"))
        for entry in history:
            click.echo(display.escape(f"  {entry.at[:16].replace('T', ' ')}  {entry.describe()}"))
        return
    undo_newest(session)


# exchange: export, import, report ---------------------------------------------------------


@cli.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (0600).")
@click.option("--kind", "kinds", multiple=True, metavar="KIND", help="Only this kind (repeatable).")
@click.option("--since", help="First date (inclusive).")
@click.option("--until", help="Last date (inclusive).")
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="json", show_default=True
)
@click.pass_obj
def export_command(session: Session, **options: Any) -> None:
    """Export records as JSON or CSV (a zip of one CSV per kind when several kinds) for machines,
    or as an xlsx workbook for people (one sheet per kind, in the user's language)."""
    export_file(session, **options)


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@translated_option("--dry-run", is_flag=True, help_key="cli.help.dry_run")
@click.pass_obj
def import_command(session: Session, file: str, dry_run: bool) -> None:
    """Import a cadre export: all of it or, if any record is refused, none of it."""
    import_file(session, file, dry_run)


@cli.command("report")
@translated_option("--month", help_key="cli.help.month")
@translated_option("--year", help_key="cli.help.year")
@translated_option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help_key="cli.help.report_format",
)
@click.pass_obj
def report_command(session: Session, month: str | None, year: str | None, fmt: str) -> None:
    """Totals, streaks, quota verdicts, essays, talks, events and visits of a month or a year."""
    from tui.core import report

    if month is not None and year is not None:
        refuse([FieldError("--year", t("report.month_or_year"))])
    day = session.day()
    if year is not None:
        if not (year.isascii() and year.isdecimal() and len(year) == 4) or year == "0000":
            refuse([FieldError("--year", t("report.bad_year", value=year))])
        period = report.year_period(int(year))
    else:
        try:
            period = report.month_period(dates.parse_month(month or "this", day))
        except dates.DateInputError as error:
            refuse([FieldError("--month", str(error))])
    store = session.store()
    text = report.render(report.build_report(store, period), period, fmt)
    echo_warnings(store)
    click.echo(text, nl=False)


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code. Every failure becomes a message, never a
    traceback; one that comes after the command saved its change says the change was saved."""
    SESSIONS.clear()
    try:
        result = cli.main(args=argv, prog_name="cadre", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except BaseException as error:
        return exit_code(error)


def exit_code(error: BaseException) -> int:
    """The exit code of a command that ended with `error`, once it is reported (here, or already
    by a refusal or by click)."""
    if isinstance(error, click.exceptions.Exit):
        return error.exit_code
    if isinstance(error, SystemExit):  # a refusal; or click's own exit on a broken pipe
        gone = error.__context__
        if isinstance(gone, OSError) and gone.errno == errno.EPIPE:
            return after_saving(gone) if saved() else failure_code(gone)
        return error.code if isinstance(error.code, int) else EXIT_REFUSED
    return after_saving(error) if saved() else failure_code(error)  # a message and a code


def say(message: str) -> None:
    """Write a message to stderr, if stderr can still be written to (the exit code tells too)."""
    with contextlib.suppress(OSError):
        click.echo(message, err=True)


def saved() -> bool:
    """True once the command being run has saved a change to the data file."""
    return any(session.saved for session in SESSIONS)


def after_saving(error: BaseException) -> int:
    """Say that the change was saved, and what failed after it. The exit is 0: the change is
    made (running the command again would make it twice), and a failure exit promises an
    unchanged file."""
    if isinstance(error, KeyboardInterrupt | click.exceptions.Abort):
        say(t("cli.saved_interrupted"))
    elif is_output_error(error):
        say(t("cli.saved_output_lost", detail=display.escape(error.strerror)))
    else:
        say(t("cli.saved_then_failed", message=display.escape(describe_error(error))))
    return 0


def is_output_error(error: BaseException) -> TypeGuard[OSError]:
    """True for a failed write to stdout or stderr (full, closed, gone): an OSError naming no
    file (cadre's own files are named in theirs, or reported as a DataFileError)."""
    return isinstance(error, OSError) and error.filename is None and error.strerror is not None


def describe_error(error: BaseException) -> str:
    """A failure as one line: the message of one cadre expects, else its type and text."""
    if isinstance(error, click.ClickException):
        return error.format_message()
    if isinstance(error, DataFileError | RecordError):
        return str(error)
    return f"{type(error).__name__}: {error}"


def failure_code(error: BaseException) -> int:
    """Report a failure that changed nothing, and return its exit code."""
    if isinstance(error, click.ClickException):
        show_escaped(error)
        return error.exit_code
    if isinstance(error, KeyboardInterrupt | click.exceptions.Abort):
        say(t("cli.interrupted"))
        by_ctrl_c = isinstance(error, KeyboardInterrupt) or isinstance(
            error.__cause__, KeyboardInterrupt
        )
        return 130 if by_ctrl_c else EXIT_REFUSED
    if isinstance(error, RecordError):
        for problem in error.problems:
            say(t("cli.error", message=display.escape(problem)))
        return EXIT_REFUSED
    if isinstance(error, BrokenPipeError):  # `cadre list … | head`: the reader has what it wanted
        return 0
    if is_output_error(error):
        say(t("cli.output_lost", detail=display.escape(error.strerror)))
        return EXIT_REFUSED
    if not isinstance(error, DataFileError):
        if os.environ.get("CADRE_DEBUG"):
            raise error
        fault = broken_record()  # a record edited by hand is the likeliest cause
        if fault is None:  # the last line of defence: no traceback reaches the user
            say(t("cli.internal", message=display.escape(describe_error(error))))
            return EXIT_REFUSED
        error = fault
    say(t("cli.error", message=display.escape(error)))
    return EXIT_DATA_FILE


def show_escaped(error: click.ClickException) -> None:
    """click's message for a usage error, with what was typed escaped: an argument holding an
    escape sequence is shown as `\\x1b]0;…`, and cannot retitle or clear the terminal."""
    text = io.StringIO()
    error.show(file=text)
    say("\n".join(display.escape(line) for line in text.getvalue().rstrip("\n").split("\n")))


def broken_record() -> DataFileError | None:
    """The first record of the data file that breaks the rules of its kind (one edited by hand,
    say), as the error naming it; None when there is none, or the file cannot be looked at."""
    for session in SESSIONS:
        try:
            found = session.invalid_records()
        except Exception:  # the look must never hide the failure it tries to explain
            continue
        if found:
            from tui.core.stats import counted

            name, record_id, problems = found[0]
            kind, problem = t(f"kind.{name}"), problems[0]
            reason = counted(
                "file.bad_record", len(found), kind=kind, id=record_id, problem=problem
            )
            return DataFileError(session.db, reason)
    return None


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Run the command line and leave with its exit code."""
    leave(run(argv))
