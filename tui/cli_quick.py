"""`cadre add`, `edit`, `delete`, `done`, `show`, `undo`, `list`, `export`, `import`, `check` and
`today`: their work, which click's commands run, and a quick lane that reads their plain forms
without loading click (a fifth of a small file's command); anything else (--help, a mistake, an
option given twice) it leaves to click."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

import orjson

from tui.cli_session import (
    EXIT_DATA_FILE,
    EXIT_REFUSED,
    SESSIONS,
    Session,
    echo,
    echo_warnings,
    new_session,
    refuse,
)
from tui.core import dates, display, references
from tui.core.i18n import choose_language, set_language, t
from tui.core.records import KINDS, FieldError, Kind, kind_named
from tui.core.storage import AnyPath, DataFileError, folder_and_name
from tui.core.store import RecordError, Store

NOTE_OPTION = "--note"
# each command's options as the quick lane reads them: option -> the parameter it sets
LIST_OPTIONS = {"--since": "since", "--until": "until"}
LIST_FLAGS = {"--json": "as_json"}
EXPORT_OPTIONS = {
    "-o": "output",
    "--output": "output",
    "--kind": "kinds",
    "--since": "since",
    "--until": "until",
    "--format": "fmt",
}
EXPORT_FORMATS = ("json", "csv", "xlsx")
IMPORT_FLAGS = {"--dry-run": "dry_run"}
CHECK_FLAGS = {"--records": "every_record"}
DELETE_FLAGS = {"--yes": "yes", "-y": "yes"}
CLEAR_OPTION = "--clear"
FOLLOW_UP_KINDS = tuple(
    name for name, kind in KINDS.items() if "follow_up_done" in kind.field_names
)


class LeaveToClick(Exception):
    """The quick lane found, before changing anything, words that click must read (`edit`'s
    options are known only once its record is found)."""


def read_options(
    kind: Kind, given: dict[str, Any], store: Store, today: dates.Date
) -> dict[str, Any]:
    """Turn the options given on the command line into field values; refuse what does not parse.

    A reference (`--campaign-id`) is an id prefix of 4+ characters or the campaign's exact title."""
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
            elif field.type == "ref" and field.ref and raw.strip():
                found = references.resolve(
                    store.data, raw, field=field.name, kinds=(field.ref,), by_title=True
                )
                values[field.name] = found.record["id"]
            else:
                values[field.name] = field.parse(raw, settings, today)
        except FieldError as error:
            problems.append(error)
    if given.get("note") is not None:
        values["note"] = given["note"]
    if problems:
        refuse(problems, kind)
    return values


def add_record(session: Session, kind: Kind, given: dict[str, Any]) -> None:
    """`cadre add KIND --field value …`: save the record and print its id."""
    store = session.store()
    values = read_options(kind, given, store, session.day())
    try:
        record = store.add(kind.name, values)
    except RecordError as error:
        refuse(error.problems, kind)
    echo_warnings(store)
    echo(record["id"])


def resolve_reference(store: Store, text: str, kinds: Iterable[str] = KINDS) -> references.Found:
    """The record that ID `text` names, or refuse naming ID and why (candidates listed)."""
    try:
        return references.resolve(store.data, text, kinds=kinds)
    except FieldError as error:
        refuse([error])


def clearable(kind: Kind) -> list[str]:
    """What `--clear` takes for `kind`: its optional fields, as their options are spelt."""
    return [field.option[2:] for field in kind.fields if not field.required] + ["note"]


def read_clears(
    kind: Kind, names: Sequence[str], given: dict[str, Any], settings: dict[str, Any]
) -> dict[str, Any]:
    """The emptied values of the fields `--clear` names (a choice goes back to its default);
    refuse a required field, an unknown one, or one also given a value."""
    values: dict[str, Any] = {}
    problems: list[FieldError] = []
    for name in names:
        key = name.removeprefix("--").replace("-", "_")
        field = next(
            (f for f in kind.fields if key in (f.name, f.option[2:].replace("-", "_"))), None
        )
        if key == "note":
            values["note"] = ""
        elif field is None:
            options = ", ".join(clearable(kind))
            problems.append(
                FieldError("--clear", t("err.clear_unknown", value=name, options=options))
            )
        elif field.required:
            named = f"{field.option} ({field.label()})"
            problems.append(FieldError("--clear", t("err.clear_required", field=named)))
        elif field.name in given:
            problems.append(FieldError("--clear", t("err.clear_given", field=field.option)))
        else:
            values[field.name] = field.empty(settings)
    if "note" in values and "note" in given:
        problems.append(FieldError("--clear", t("err.clear_given", field="--note")))
    if problems:
        refuse(problems, kind)
    return values


def edit_record(
    session: Session, found: references.Found, clear: Sequence[str], given: dict[str, Any]
) -> None:
    """`cadre edit ID --field value … [--clear FIELD]`: change the record `found`."""
    store = session.store()
    kind, record_id = found.kind, found.record["id"]
    values = read_options(kind, given, store, session.day())
    values |= read_clears(kind, clear, values, store.settings)
    if not values:
        refuse([FieldError("ID", t("err.nothing_to_change", fields=", ".join(clearable(kind))))])
    if kind.name == "study" and values.get("items") and "points" not in values:
        values["points"] = sum(values["items"].values())  # as `add` counts them
    try:
        record = store.update(kind.name, record_id, values)
    except RecordError as error:
        refuse(error.problems, kind)
    echo_warnings(store)
    what = references.describe(references.Found(kind, record))
    echo(display.escape(t("cli.edited", what=what)))


def edit_quickly(session: Session, reference: str, words: Sequence[str]) -> None:
    """`edit ID …` in the quick lane: the record first, then the options of its kind (words
    that click must read leave the lane, before anything is changed)."""
    found = resolve_reference(session.store(), reference)
    read = read_options_plainly(words, *option_tables(found.kind, editing=True))
    if read is None or read[1]:
        raise LeaveToClick
    given = read[0]
    edit_record(session, found, given.pop("clear", ()), given)


def delete_record(session: Session, reference: str, yes: bool) -> None:
    """`cadre delete ID`: delete the record, asking first on a terminal unless `yes`."""
    store = session.store()
    found = resolve_reference(store, reference)
    what = display.escape(references.describe(found))
    if not yes:
        import click  # the quick lane takes only `--yes`: asking is click's

        if not sys.stdin.isatty():
            refuse([FieldError("--yes", t("err.delete_needs_yes"))])
        if not click.confirm(t("cli.delete_confirm", what=what), default=False):
            echo(t("cli.not_deleted"))
            sys.exit(EXIT_REFUSED)
    try:
        store.delete(found.kind.name, found.record["id"])
    except RecordError as error:
        refuse(error.problems, found.kind)
    echo_warnings(store)
    echo(t("cli.deleted", what=what))


def mark_done(session: Session, reference: str) -> None:
    """`cadre done ID`: mark the follow-up of a talk or a visit done."""
    store = session.store()
    found = resolve_reference(store, reference, kinds=FOLLOW_UP_KINDS)
    what = display.escape(references.describe(found))
    if found.record.get("follow_up_done"):
        echo(t("cli.already_done", what=what))
        return
    try:
        store.update(found.kind.name, found.record["id"], {"follow_up_done": True})
    except RecordError as error:
        refuse(error.problems, found.kind)
    echo_warnings(store)
    echo(t("cli.done", what=what))


def record_lines(found: references.Found, store: Store) -> list[str]:
    """Every field of a record, labelled in the user's language, escaped and never cut; a
    reference names its record too, and text of several lines stays on several lines."""
    kind, record = found.kind, found.record
    rows = [(t("field.id"), record["id"])]
    for field in kind.fields:
        value = field.show(record.get(field.name))
        linked = store.get(field.ref, value) if field.ref and value else None
        if linked is not None:
            value = f"{value} ({references.summary(KINDS[field.ref], linked)})"
        rows.append((field.label(), value))
    rows += [
        (t(f"field.{key}"), record.get(key, "")) for key in ("note", "created_at", "updated_at")
    ]
    width = max(display.width(label) for label, _ in rows)
    lines = [display.escape(f"{kind.label()} {record['id'][: references.SHORT_ID]}")]
    for label, value in rows:
        first, *more = str(value).split("\n")
        lines.append(f"{display.fit(label, width)}  {display.escape(first)}".rstrip())
        lines += [f"{'':{width}}  {display.escape(line)}" for line in more]
    return lines


def show_record(session: Session, reference: str) -> None:
    """`cadre show ID`: print one record whole, every field labelled."""
    store = session.store()
    lines = record_lines(resolve_reference(store, reference), store)
    echo_warnings(store)
    echo("\n".join(lines))


def undo_newest(session: Session) -> None:
    """`cadre undo`: revert the newest change made by any cadre process, and say what it was."""
    store = session.store()
    try:
        done = store.undo()
    except RecordError as error:
        refuse(error.problems)
    echo_warnings(store)
    echo(display.escape(done))


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
            bounds.append(dates.parse_date(value, session.day()).isoformat())
        except dates.DateInputError as error:
            refuse([FieldError(f"--{name}", str(error))])
    return bounds[0], bounds[1]


def dump_json(value: Any) -> str:
    """Indented UTF-8 JSON with anything that could steer a terminal escaped."""
    return display.escape_json(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode())


def list_records(
    session: Session, kind_name: str, since: str | None, until: str | None, as_json: bool
) -> None:
    """`cadre list KIND`: the records of KIND as a table (or JSON), from --since to --until."""
    try:
        kind = kind_named(kind_name)
    except FieldError as error:
        refuse([error])
    low, high = parse_range(session, since, until)
    store = session.store()
    records = store.list(kind.name, low, high)
    echo_warnings(store)
    if as_json:
        echo(dump_json([kind.canonical(r) for r in records]))
        return
    if not records:
        echo(t("cli.no_records"))
        return
    headers = [t("field.id")] + [f.label() for f in kind.columns] + [t("field.note")]
    rows = [
        [r["id"][:8]] + [f.cell(r.get(f.name)) for f in kind.columns] + [r.get("note", "")]
        for r in records
    ]
    echo(display.table(headers, rows))


def export_file(
    session: Session,
    output: AnyPath | None,
    kinds: tuple[str, ...],
    since: str | None,
    until: str | None,
    fmt: str,
) -> None:
    """`cadre export`: records as JSON or CSV (a zip of one CSV per kind when several kinds), or
    as an xlsx workbook, to `output` (0600) or to stdout."""
    from tui.core import exchange

    problems = []
    for name in kinds:
        try:
            kind_named(name)
        except FieldError as error:
            problems.append(FieldError("--kind", error.reason))
    if problems:
        refuse(problems)
    low, high = parse_range(session, since, until)
    zipped = fmt == "csv" and len(exchange.chosen_kinds(kinds)) > 1
    if output is None and sys.stdout.isatty() and (zipped or fmt == "xlsx"):
        reason = "export.zip_to_terminal" if zipped else "export.xlsx_to_terminal"
        refuse([FieldError("-o", t(reason))])
    store = session.store()
    if fmt == "xlsx":
        from tui.core.workbook import export_xlsx as export  # with zipfile: only a workbook
    else:
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
    echo(display.escape(t("export.written", path=output)))


def import_file(session: Session, file: AnyPath, dry_run: bool) -> None:
    """`cadre import FILE`: all of a cadre export or, if any record is refused, none of it."""
    from tui.core import importer

    store = session.store()
    summary = importer.import_file(store, file, dry_run=dry_run)
    echo_warnings(store)
    if not summary.ok:
        echo(summary.problem_report(), err=True)
        sys.exit(EXIT_REFUSED)
    echo(summary.report())


def today_banner(session: Session) -> None:
    """`cadre today`: a few lines for a login banner, worked out from the file; they are kept
    beside it for the coming days, so that the next logins print them without reading it."""
    from tui.core.i18n import get_language
    from tui.core.today import coming_days, write_summary

    store = session.store()
    stamp = store.storage.signature()  # before the file is read: a change meanwhile shows
    day = store.day()  # the fixed day, if any: the Store has it from the Session
    days = coming_days(store, day)
    echo_warnings(store)
    echo(days[day.isoformat()][get_language()])
    write_summary(store, stamp, days)


def check_file(session: Session, every_record: bool) -> None:
    """`cadre check`: the state of the data file, its lock and its backups; with `every_record`,
    each record against its kind and each backup read whole."""
    from tui.core.stats import counted
    from tui.core.storage import backup_folder, backup_names, backup_problem, describe_holder

    store = session.store()
    echo(display.escape(t("check.path", path=session.db)))
    try:
        stored = store.storage.read()  # None when missing; a dangling link is refused
        data = store.data
    except DataFileError as error:
        echo(display.escape(t("check.problem", problem=error.problem)))
        echo(display.escape(error), err=True)
        sys.exit(EXIT_DATA_FILE)
    if stored is None:
        echo(t("check.missing"))
        return
    echo_warnings(store)
    info = os.stat(session.db)
    echo(t("check.ok"))
    on_disk = stored["_meta"]["1"]["schema_version"]
    current = data["_meta"]["1"]["schema_version"]
    if on_disk == current:
        echo(t("check.schema", version=current))
    else:
        echo(t("check.schema_older", version=on_disk, current=current))
    echo(counted("check.size", info.st_size, mode=f"{info.st_mode & 0o777:04o}"))
    echo(t("check.records"))
    for name in KINDS:
        echo(t("check.count", kind=t(f"kind.{name}"), count=len(data.get(name, {}))))
    invalid = session.invalid_records() if every_record else []
    if invalid:  # the file is still used as it is; these records need fixing by hand
        echo(counted("check.invalid", len(invalid)))
        for name, record_id, found in invalid:
            for problem in found:
                echo(display.escape(f"  {t(f'kind.{name}')} {record_id}: {problem}"))
    if store.storage.lock_is_free():
        echo(t("check.lock_free"))
    else:
        echo(t("check.lock_held", holder=describe_holder(store.storage.lock_holder())))
    folder, names = backup_folder(session.db), backup_names(session.db)
    echo(t("check.backups", count=len(names), newest=names[-1] if names else "-"))
    for name in names:  # a quick look at each; with --records each is read whole
        problem = backup_problem(os.path.join(folder, name), every_record)
        if problem:
            echo(display.escape(t("check.backup_bad", name=name, problem=problem)))


# the quick lane ------------------------------------------------------------------------------

Command = Callable[[Session], None]


def read_options_plainly(
    words: Sequence[str], values: dict[str, str], flags: dict[str, str], repeats: set[str]
) -> tuple[dict[str, Any], list[str]] | None:
    """The options in `words` (`--name value`, `--name=value`, a flag alone) by the parameter
    each one names, and the words that are not options; None at anything click should judge: an
    unknown option, a value that is missing, a single option given twice. As click does, the word
    after an option that takes a value is its value, whatever it looks like (`--date -1`)."""
    given: dict[str, Any] = {}
    rest: list[str] = []
    queue = list(words)
    while queue:
        word = queue.pop(0)
        if not word.startswith("-"):
            rest.append(word)
            continue
        name, equals, value = word.partition("=") if word.startswith("--") else (word, "", "")
        if name in flags and not equals:
            given[flags[name]] = True
            continue
        if name not in values:
            return None
        if not equals:
            if not queue:
                return None
            value = queue.pop(0)
        parameter = values[name]
        if parameter in repeats:
            given[parameter] = (*given.get(parameter, ()), value)
        elif parameter in given:
            return None
        else:
            given[parameter] = value
    return given, rest


def option_tables(kind: Kind, editing: bool) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """The options of `add KIND` (`editing`: of `edit ID` on a record of `kind`, with --clear) as
    `read_options_plainly` takes them: those with a value, the flags, and those that repeat."""
    values = {f.option: f.name for f in kind.fields if f.type != "bool"} | {NOTE_OPTION: "note"}
    flags = {f.option: f.name for f in kind.fields if f.type == "bool"}
    repeats = {f.name for f in kind.fields if f.type in {"names", "items"}}
    if editing:
        return values | {CLEAR_OPTION: "clear"}, flags, repeats | {"clear"}
    return values, flags, repeats


def quick_add(words: Sequence[str]) -> dict[str, Any] | None:
    """`add KIND --field value …` as `add_record` takes it: the kind, and what each option gave
    by its field's name."""
    if len(words) < 2 or words[0] != "add" or words[1] not in KINDS:
        return None
    kind = KINDS[words[1]]
    found = read_options_plainly(words[2:], *option_tables(kind, editing=False))
    if found is None or found[1]:
        return None
    return {"kind": kind, "given": found[0]}


def quick_edit(words: Sequence[str]) -> dict[str, Any] | None:
    """`edit ID …`, its ID first: the options are read once the record is found."""
    if len(words) < 3 or words[0] != "edit" or words[1].startswith("-"):
        return None
    if {"--help", "-h"} & set(words):  # click shows the help even of an ID that names nothing
        return None
    return {"reference": words[1], "words": words[2:]}


def quick_delete(words: Sequence[str]) -> dict[str, Any] | None:
    """`delete ID --yes` (asking first is click's)."""
    if not words or words[0] != "delete":
        return None
    found = read_options_plainly(words[1:], {}, DELETE_FLAGS, set())
    if found is None or len(found[1]) != 1 or not found[0]:
        return None
    return {"reference": found[1][0], "yes": True}


def quick_reference(command: str, words: Sequence[str]) -> dict[str, Any] | None:
    """`done ID` or `show ID`: the command named, then an ID alone."""
    if len(words) != 2 or words[0] != command or words[1].startswith("-"):
        return None
    return {"reference": words[1]}


def quick_undo(words: Sequence[str]) -> dict[str, Any] | None:
    """`undo`, alone (`--list` is click's)."""
    return {} if list(words) == ["undo"] else None


def quick_list(words: Sequence[str]) -> dict[str, Any] | None:
    """`list KIND [--since D] [--until D] [--json]` as `list_records` takes it."""
    if not words or words[0] != "list":
        return None
    found = read_options_plainly(words[1:], LIST_OPTIONS, LIST_FLAGS, set())
    if found is None or len(found[1]) != 1:
        return None
    given, (kind_name,) = found
    return {"kind_name": kind_name, "since": None, "until": None, "as_json": False} | given


def a_file_click_takes(text: str) -> bool:
    """True when click's `Path(dir_okay=False)` takes `text` as it is: a name that is not a
    folder, nor an existing file it cannot read (click says what is wrong with the others)."""
    if not text or os.path.isdir(text):
        return False
    return not os.path.exists(text) or os.access(text, os.R_OK)


def quick_export(words: Sequence[str]) -> dict[str, Any] | None:
    """`export [-o FILE] [--kind KIND]… [--since D] [--until D] [--format F]` as `export_file`
    takes it."""
    if not words or words[0] != "export":
        return None
    found = read_options_plainly(words[1:], EXPORT_OPTIONS, {}, {"kinds"})
    if found is None or found[1]:
        return None
    given = {"output": None, "kinds": (), "since": None, "until": None, "fmt": "json"} | found[0]
    output = given["output"]
    if given["fmt"] not in EXPORT_FORMATS or not (output is None or a_file_click_takes(output)):
        return None
    return given


def quick_import(words: Sequence[str]) -> dict[str, Any] | None:
    """`import FILE [--dry-run]` as `import_file` takes it."""
    if not words or words[0] != "import":
        return None
    found = read_options_plainly(words[1:], {}, IMPORT_FLAGS, set())
    if found is None or len(found[1]) != 1 or not a_file_click_takes(found[1][0]):
        return None
    return {"file": found[1][0], "dry_run": False} | found[0]


def quick_check(words: Sequence[str]) -> dict[str, Any] | None:
    """`check [--records]`."""
    if not words or words[0] != "check":
        return None
    found = read_options_plainly(words[1:], {}, CHECK_FLAGS, set())
    if found is None or found[1]:
        return None
    return {"every_record": False} | found[0]


def quick_today(words: Sequence[str]) -> dict[str, Any] | None:
    """`today`, alone."""
    return {} if list(words) == ["today"] else None


def quick_command(words: Sequence[str]) -> Command | None:
    """The command `words` give, when the quick lane reads them; None leaves them to click."""
    for read, work in (
        (quick_add, add_record),
        (quick_edit, edit_quickly),
        (quick_delete, delete_record),
        (partial(quick_reference, "done"), mark_done),
        (partial(quick_reference, "show"), show_record),
        (quick_undo, undo_newest),
        (quick_list, list_records),
        (quick_export, export_file),
        (quick_import, import_file),
        (quick_check, check_file),
        (quick_today, today_banner),
    ):
        found = read(words)
        if found is not None:
            return partial(work, **found)
    return None


def run_quick(data_file: str, language: str | None, words: Sequence[str]) -> int | None:
    """Run `words` on `data_file` in the quick lane, and return the exit code; None when click
    must read them (or a data file with no name, or a CADRE_TODAY that is not a date). A failure
    is reported as the command line reports it (click is loaded for that, and only then)."""
    command = quick_command(words)
    if command is None or not folder_and_name(data_file)[1]:
        return None
    SESSIONS.clear()
    try:
        session = new_session(data_file, language)
    except Exception:  # a CADRE_TODAY that is not a date: click says so
        return None
    set_language(choose_language(language, None))
    try:
        command(session)
    except LeaveToClick:
        return None
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt):  # as click does: the message on a line of its
            with contextlib.suppress(OSError):  # own, after the ^C the terminal shows
                echo("", err=True)
        from tui.cli import exit_code

        return exit_code(error)
    return 0
