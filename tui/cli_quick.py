"""`cadre add KIND` and `cadre list KIND`: their work, which click's commands run, and a quick lane
that reads their plain forms without loading click (a third of a small file's command); anything
else (--help, a mistake, an option given twice) it leaves to click, which says what is wrong."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import orjson

from tui.cli_session import SESSIONS, Session, echo, echo_warnings, fixed_today, refuse
from tui.core import dates, display, references
from tui.core.i18n import choose_language, set_language, t
from tui.core.records import KINDS, FieldError, Kind, kind_named
from tui.core.store import RecordError, Store

NOTE_OPTION = "--note"
LIST_OPTIONS = {"--since": "since", "--until": "until"}  # `list KIND`: option -> parameter
LIST_FLAGS = {"--json": "as_json"}


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
        name, equals, value = word.partition("=")
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


def quick_add(words: Sequence[str]) -> tuple[Kind, dict[str, Any]] | None:
    """`add KIND --field value …` as the kind and its options by field name, as click reads it."""
    if len(words) < 2 or words[0] != "add" or words[1] not in KINDS:
        return None
    kind = KINDS[words[1]]
    values = {f.option: f.name for f in kind.fields if f.type != "bool"} | {NOTE_OPTION: "note"}
    flags = {f.option: f.name for f in kind.fields if f.type == "bool"}
    repeats = {f.name for f in kind.fields if f.type in {"names", "items"}}
    found = read_options_plainly(words[2:], values, flags, repeats)
    if found is None or found[1]:
        return None
    return kind, found[0]


def quick_list(words: Sequence[str]) -> dict[str, Any] | None:
    """`list KIND [--since D] [--until D] [--json]` as `list_records` takes it."""
    if not words or words[0] != "list":
        return None
    found = read_options_plainly(words[1:], LIST_OPTIONS, LIST_FLAGS, set())
    if found is None or len(found[1]) != 1:
        return None
    given, (kind_name,) = found
    return {"kind_name": kind_name, "since": None, "until": None, "as_json": False} | given


def quick_command(words: Sequence[str]) -> Command | None:
    """The command `words` give, when the quick lane reads them; None leaves them to click."""
    added = quick_add(words)
    if added is not None:
        kind, given = added
        return lambda session: add_record(session, kind, given)
    listed = quick_list(words)
    if listed is not None:
        return lambda session: list_records(session, **listed)
    return None


def run_quick(data_file: str, language: str | None, words: Sequence[str]) -> int | None:
    """Run `words` on `data_file` in the quick lane, and return the exit code; None when click
    must read them (or a data file with no name, or a CADRE_TODAY that is not a date). A failure
    is reported as the command line reports it (click is loaded for that, and only then)."""
    command = quick_command(words)
    if command is None or not Path(data_file).name:
        return None
    try:
        today = fixed_today()
    except Exception:
        return None
    SESSIONS.clear()
    set_language(choose_language(language, None))
    session = Session(db=Path(data_file), lang=language, today=today)
    SESSIONS.append(session)
    try:
        command(session)
    except BaseException as error:
        from tui.cli import exit_code

        return exit_code(error)
    return 0
