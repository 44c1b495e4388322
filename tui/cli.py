"""The `cadre` command line: click commands over the core.

Textual is imported only by the command that opens the TUI; every error becomes a plain message."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import click
import orjson

from tui import __version__
from tui.core import dates, display
from tui.core.i18n import choose_language, set_language, t
from tui.core.records import KINDS, FieldError, Kind, kind_named
from tui.core.storage import DataFileError
from tui.core.store import RecordError, Store

EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_DATA_FILE = 3
TODAY_ITEMS = 5  # lines of what is due or coming up in `cadre today`


def default_db_path() -> Path:
    """`platformdirs.user_data_path("cadre") / "cadre.json"`."""
    import platformdirs

    return platformdirs.user_data_path("cadre") / "cadre.json"


@dataclass
class Session:
    """What the global options chose: the data file, the language and a fixed day, if any."""

    db: Path
    lang: str | None
    today: dates.Date | None
    _store: Store | None = None

    def store(self) -> Store:
        """The Store on the chosen file (its settings may choose the language)."""
        if self._store is None:
            self._store = Store(self.db, today=self.today)
            if self.language_from_settings:
                with contextlib.suppress(DataFileError):  # the command itself reports it
                    set_language(choose_language(None, self._store.settings.get("language")))
        return self._store

    @property
    def language_from_settings(self) -> bool:
        """True unless --lang or CADRE_LANG chose the language."""
        return self.lang is None and not os.environ.get("CADRE_LANG")

    def day(self) -> dates.Date:
        """Today for this command."""
        return self.today or self.store().today()


def fixed_today() -> dates.Date | None:
    """The day set by CADRE_TODAY (YYYY-MM-DD), used by tests and the demo."""
    value = os.environ.get("CADRE_TODAY")
    if not value:
        return None
    if not dates.is_iso_date(value):
        raise click.UsageError(f"CADRE_TODAY: {t('err.date', value=value)}")
    return dates.to_date(value)


def refuse(problems: Sequence[FieldError], kind: Kind | None = None) -> NoReturn:
    """Report input problems on stderr, each naming its field, and exit 1."""
    for problem in problems:
        name = problem.field
        if kind is not None and name in {f.name for f in kind.fields}:
            name = f"{kind.field(name).option} ({kind.field(name).label()})"
        click.echo(t("cli.error", message=display.escape(f"{name}: {problem.reason}")), err=True)
    sys.exit(EXIT_REFUSED)


def echo_warnings(store: Store) -> None:
    """Print (once) what the storage warned about."""
    for warning in store.warnings:
        click.echo(display.escape(warning), err=True)
    store.warnings.clear()


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="CADRE_DB",
    help="Data file (default: the user data folder; env CADRE_DB).",
)
@click.option(
    "--lang", type=click.Choice(["zh", "en"]), help="Language of messages (env CADRE_LANG)."
)
@click.option("--demo", is_flag=True, help="Open the TUI on a fresh copy of the demo data.")
@click.version_option(__version__, prog_name="cadre")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, lang: str | None, demo: bool) -> None:
    """cadre: your own record of study points, campaigns, sports and care visits."""
    set_language(choose_language(lang, None))
    ctx.obj = Session(db=db or default_db_path(), lang=lang, today=fixed_today())
    if ctx.invoked_subcommand is None:
        open_tui(ctx.obj, demo)


def open_tui(session: Session, demo: bool) -> None:
    """Open the Textual app (the only place the CLI imports Textual).

    The file is read and vetted before the screen changes, so a bad one is refused as by any
    command. A large one is read in a forked child while Textual loads (see tui/preview.py)."""
    import gc
    import shutil

    from tui.preview import Preview

    folder = None
    if demo:
        folder, path, demo_today = copy_demo()
        session = Session(db=path, lang=session.lang, today=session.today or demo_today)
    try:
        store = Store(session.db, today=session.today)
        preview = Preview.start(store, session.today)
        from tui.app import CadreApp  # loads while the child reads a large file

        first = preview.result() if preview is not None else None
        if first is None:
            store.data  # noqa: B018 - read (and vet) the file now
            gc.freeze()  # the records live as long as the app: keep them out of every collection
        settings = first.settings if first is not None else store.settings
        if session.language_from_settings:
            set_language(choose_language(None, settings.get("language")))
        CadreApp(store, today=session.today, first=first).run()
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


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


class KindGroup(click.Group):
    """`cadre add KIND`: one subcommand per record kind, built from its definition."""

    def __init__(self, *args: Any, make: Callable[[Kind], click.Command], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.make = make

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(KINDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return self.make(KINDS[name]) if name in KINDS else None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in KINDS and not args[0].startswith("-"):
            try:
                kind_named(args[0])
            except FieldError as error:
                refuse([error])
        return super().resolve_command(ctx, args)


def read_options(
    kind: Kind, given: dict[str, Any], store: Store, today: dates.Date
) -> dict[str, Any]:
    """Turn the options given on the command line into field values; refuse what does not parse."""
    values: dict[str, Any] = {}
    problems: list[FieldError] = []
    settings = store.settings
    for field in kind.fields:
        raw = given.get(field.name)
        if raw is None or raw == ():
            continue
        try:
            if field.type == "bool":
                values[field.name] = bool(raw)
            elif field.type in {"names", "items"}:
                parts = [field.parse(text, settings, today) for text in raw]
                values[field.name] = (
                    [name for part in parts for name in part]
                    if field.type == "names"
                    else {k: v for part in parts for k, v in part.items()}
                )
            else:
                values[field.name] = field.parse(raw, settings, today)
        except FieldError as error:
            problems.append(error)
    if given.get("note") is not None:
        values["note"] = given["note"]
    if problems:
        refuse(problems, kind)
    return values


def make_add_command(kind: Kind) -> click.Command:
    """The `cadre add KIND` command with one option per field of `kind`."""

    @click.pass_obj
    def add(session: Session, **given: Any) -> None:
        store = session.store()
        values = read_options(kind, given, store, session.day())
        try:
            record = store.add(kind.name, values)
        except RecordError as error:
            refuse(error.problems, kind)
        echo_warnings(store)
        click.echo(record["id"])

    params: list[click.Parameter] = []
    for field in kind.fields:
        help_text = f"{t(f'field.{field.name}')} ({field.type})"
        if field.type == "bool":
            params.append(
                click.Option([field.option, field.name], is_flag=True, default=None, help=help_text)
            )
        else:
            params.append(
                click.Option(
                    [field.option, field.name],
                    multiple=field.type in {"names", "items"},
                    help=help_text + (" (required)" if field.required else ""),
                    metavar="TEXT",
                )
            )
    params.append(click.Option(["--note", "note"], help=t("field.note")))
    return click.Command(kind.name, callback=add, params=params, help=f"Add a {kind.name} record.")


@cli.group(cls=KindGroup, make=make_add_command)
def add() -> None:
    """Add one record: cadre add KIND --field value …"""


def parse_range(
    session: Session, since: str | None, until: str | None
) -> tuple[str | None, str | None]:
    """--since/--until as YYYY-MM-DD (or refuse naming the option)."""
    bounds: list[str | None] = []
    for name, value in (("since", since), ("until", until)):
        if value is None:
            bounds.append(None)
            continue
        try:
            bounds.append(dates.parse_date(value, session.day()).to_date_string())
        except dates.DateInputError as error:
            refuse([FieldError(f"--{name}", str(error))])
    return bounds[0], bounds[1]


def dump_json(value: Any) -> str:
    """Indented UTF-8 JSON with anything that could steer a terminal escaped."""
    return display.escape_json(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode())


@cli.command("list")
@click.argument("kind_name", metavar="KIND")
@click.option("--since", help="First date (inclusive).")
@click.option("--until", help="Last date (inclusive).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of the records.")
@click.pass_obj
def list_command(
    session: Session, kind_name: str, since: str | None, until: str | None, as_json: bool
) -> None:
    """List the records of KIND as a table (or JSON)."""
    try:
        kind = kind_named(kind_name)
    except FieldError as error:
        refuse([error])
    low, high = parse_range(session, since, until)
    store = session.store()
    records = store.list(kind.name, low, high)
    echo_warnings(store)
    if as_json:
        click.echo(dump_json([kind.canonical(r) for r in records]))
        return
    if not records:
        click.echo(t("cli.no_records"))
        return
    headers = [t("field.id")] + [f.label() for f in kind.columns] + [t("field.note")]
    rows = [
        [r["id"][:8]] + [f.show(r.get(f.name)) for f in kind.columns] + [r.get("note", "")]
        for r in records
    ]
    click.echo(display.table(headers, rows))


@cli.command()
@click.pass_obj
def today(session: Session) -> None:
    """A few lines for a login banner: today's points, open quotas, what is due (as the
    Overview shows them)."""
    from tui.core import stats
    from tui.core.overview import overview_figures

    store = session.store()
    day = session.day()
    figures = overview_figures(store, day)
    streak, target = figures.streak, figures.target
    if figures.logged is None:
        lines = [t("today.not_logged", target=target, streak=streak)]
    else:
        lines = [t("today.points", points=figures.logged, target=target, streak=streak)]
    this_month = dates.month_of(day)
    lines += [
        t("today.quota", title=title, done=q.done, quota=q.quota, left=stats.days_left_text(q))
        for title, q in figures.quotas
        if q.month == this_month and q.done < q.quota
    ]
    if figures.upcoming:
        lines.append(t("today.upcoming"))
        lines += ["  " + stats.describe(item, day) for item in figures.upcoming[:TODAY_ITEMS]]
    echo_warnings(store)
    click.echo("\n".join(display.escape(line) for line in lines))


@cli.command()
@click.option(
    "--records",
    "every_record",
    is_flag=True,
    help="Also check every record against its kind (slower on a large file).",
)
@click.pass_obj
def check(session: Session, every_record: bool) -> None:
    """Report the state of the data file."""
    from tui.core.import_checks import invalid_records
    from tui.core.storage import list_backups

    store = session.store()
    click.echo(t("check.path", path=session.db))
    if not session.db.exists() and not session.db.is_symlink():  # a dangling link is reported
        click.echo(t("check.missing"))
        return
    try:
        data = store.data
    except DataFileError as error:
        click.echo(t("check.problem", problem=error.problem))
        click.echo(str(error), err=True)
        sys.exit(EXIT_DATA_FILE)
    echo_warnings(store)
    info = session.db.stat()
    click.echo(t("check.ok"))
    on_disk = (store.storage.read() or data)["_meta"]["1"]["schema_version"]
    current = data["_meta"]["1"]["schema_version"]
    if on_disk == current:
        click.echo(t("check.schema", version=current))
    else:
        click.echo(t("check.schema_older", version=on_disk, current=current))
    click.echo(t("check.size", size=info.st_size, mode=f"{info.st_mode & 0o777:04o}"))
    click.echo(t("check.records"))
    for name in KINDS:
        click.echo(t("check.count", kind=t(f"kind.{name}"), count=len(data.get(name, {}))))
    invalid = []
    for name, kind in KINDS.items() if every_record else ():
        rows = list(data.get(name, {}).values())
        found = invalid_records(kind, rows, store.settings)
        invalid += [(name, rows[n].get("id"), problems) for n, problems in found.items()]
    if invalid:  # the file is still used as it is; these records need fixing by hand
        click.echo(t("check.invalid", count=len(invalid)))
        for name, record_id, found in invalid:
            for problem in found:
                click.echo(display.escape(f"  {t(f'kind.{name}')} {record_id}: {problem}"))
    holder = store.storage.lock_holder()
    free = store.storage.lock_is_free()
    click.echo(t("check.lock_free") if free else t("check.lock_held", pid=holder or "?"))
    backups = list_backups(session.db)
    click.echo(t("check.backups", count=len(backups), newest=backups[-1].name if backups else "-"))


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


@settings_group.command("set")
@click.argument("key")
@click.argument("value")
@click.pass_obj
def settings_set(session: Session, key: str, value: str) -> None:
    """Set KEY (language, timezone, study_target, upcoming_days, backups_keep, undo_keep) to VALUE
    (`auto` for the locale's language or the system's time zone)."""
    from tui.core.settings import parse_scalar

    change_settings(session, lambda store: store.save_settings({key: parse_scalar(key, value)}))


@settings_group.command("add")
@click.argument("category")
@click.argument("value")
@click.pass_obj
def settings_add(session: Session, category: str, value: str) -> None:
    """Add VALUE to CATEGORY (`sports 冰壶`), or a study item with its cap (`study_items 新项目=5`)."""
    from tui.core.settings import add_to

    change_settings(session, lambda store: add_to(store, category, value))


@settings_group.command("remove")
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
    """List the backups of the data file, newest last."""
    from tui.core.storage import list_backups

    found = list_backups(session.db)
    if not found:
        click.echo(t("backup.none"))
        return
    rows = [[p.name, str(p.stat().st_size)] for p in found]
    click.echo(display.table(["backup", "bytes"], rows, max_cell=60))


@cli.command()
@click.argument("backup")
@click.pass_obj
def restore(session: Session, backup: str) -> None:
    """Replace the data file with BACKUP (a name from `cadre backups`, or a path)."""
    from tui.core.storage import backup_folder, parse_data
    from tui.core.store import restore_backup

    candidate = Path(backup)
    if not candidate.exists():
        candidate = backup_folder(session.db) / backup
    if not candidate.is_file():
        refuse([FieldError("BACKUP", t("backup.unknown", name=backup))])
    raw = candidate.read_bytes()
    parse_data(raw, candidate)
    kept = restore_backup(session.store(), raw)
    click.echo(t("backup.restored", path=session.db, backup=candidate))
    if kept:
        click.echo(t("backup.kept_current", path=kept))


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
    try:
        done = store.undo()
    except RecordError as error:
        refuse(error.problems)
    echo_warnings(store)
    click.echo(display.escape(done))


# exchange: export, import, report ---------------------------------------------------------


@cli.command("export")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (0600)."
)
@click.option("--kind", "kinds", multiple=True, metavar="KIND", help="Only this kind (repeatable).")
@click.option("--since", help="First date (inclusive).")
@click.option("--until", help="Last date (inclusive).")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True
)
@click.pass_obj
def export_command(
    session: Session,
    output: Path | None,
    kinds: tuple[str, ...],
    since: str | None,
    until: str | None,
    fmt: str,
) -> None:
    """Export records as JSON, or CSV (a zip of one CSV per kind when several kinds)."""
    from tui.core import exchange

    problems = []
    for name in kinds:
        try:
            kind_named(name)
        except FieldError as error:
            problems.append(error)
    if problems:
        refuse(problems)
    low, high = parse_range(session, since, until)
    zipped = fmt == "csv" and len(exchange.chosen_kinds(kinds)) > 1
    if zipped and output is None and sys.stdout.isatty():
        refuse([FieldError("-o", t("export.zip_to_terminal"))])
    store = session.store()
    export = exchange.export_json if fmt == "json" else exchange.export_csv
    payload = export(store, kinds, low, high)
    echo_warnings(store)
    if output is None:
        if fmt == "csv" and not zipped and sys.stdout.isatty():
            lines = payload.decode().removeprefix("\ufeff").split("\r\n")
            payload = "\n".join(display.escape(line) for line in lines).encode()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    try:
        exchange.write_export(output, payload)
    except OSError as error:
        refuse([FieldError("-o", t("export.unwritable", path=output, detail=error.strerror))])
    click.echo(display.escape(t("export.written", path=output)))


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and show what would change.")
@click.pass_obj
def import_command(session: Session, file: Path, dry_run: bool) -> None:
    """Import a cadre export: all of it or, if any record is refused, none of it."""
    from tui.core import importer

    store = session.store()
    summary = importer.import_file(store, file, dry_run=dry_run)
    echo_warnings(store)
    if not summary.ok:
        click.echo(summary.problem_report(), err=True)
        sys.exit(EXIT_REFUSED)
    click.echo(summary.report())


@cli.command("report")
@click.option("--month", help="The month (YYYY-MM; default: this month).")
@click.option("--year", help="The whole year (YYYY).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
)
@click.pass_obj
def report_command(session: Session, month: str | None, year: str | None, fmt: str) -> None:
    """Totals, streaks, quota verdicts, essays, talks, events and visits of a month or a year."""
    from tui.core import report

    if month is not None and year is not None:
        refuse([FieldError("--year", t("report.month_or_year"))])
    day = session.day()
    if year is not None:
        if not (year.isascii() and year.isdecimal() and len(year) == 4):
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


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Run the command line; every failure becomes a message and an exit code, never a traceback."""
    code = 0
    try:
        result = cli.main(args=argv, prog_name="cadre", standalone_mode=False)
        code = result if isinstance(result, int) else 0
    except click.exceptions.Exit as done:
        code = done.exit_code
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else EXIT_REFUSED
    except click.ClickException as error:
        error.show()
        code = error.exit_code
    except click.exceptions.Abort:
        click.echo(t("cli.interrupted"), err=True)
        code = EXIT_REFUSED
    except DataFileError as error:
        click.echo(t("cli.error", message=display.escape(error)), err=True)
        code = EXIT_DATA_FILE
    except RecordError as error:
        for problem in error.problems:
            click.echo(t("cli.error", message=display.escape(problem)), err=True)
        code = EXIT_REFUSED
    except KeyboardInterrupt:
        click.echo(t("cli.interrupted"), err=True)
        code = 130
    except BrokenPipeError:
        code = 0
    except Exception as error:  # the last line of defence: no traceback reaches the user
        if os.environ.get("CADRE_DEBUG"):
            raise
        click.echo(
            t("cli.internal", message=display.escape(f"{type(error).__name__}: {error}")), err=True
        )
        code = EXIT_REFUSED
    # Every write is already fsynced: skip freeing a large parsed file object by object.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(code)
