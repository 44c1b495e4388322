"""Import of a cadre export: the whole file validated first, every problem with its JSON path,
then one locked merge by id (add new, skip identical, replace what is newer) after a backup."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson

from tui.core import dates, display
from tui.core.exchange import FORMAT, TOP_KEYS, VERSION, in_order
from tui.core.i18n import t
from tui.core.migrate import Data
from tui.core.records import _TIMESTAMP, _UUID, KINDS, Field, FieldError, Kind
from tui.core.store import Store


@dataclass(frozen=True)
class Problem:
    """One reason an import file is refused, at a JSON path such as `records.talk[2].follow_up_due`."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


@dataclass
class Counts:
    """What an import does with one kind's records."""

    added: int = 0
    replaced: int = 0
    identical: int = 0
    older: int = 0


@dataclass
class ImportSummary:
    """The outcome of an import or a dry run: counts per kind, or every problem that refused it."""

    source: str
    dry_run: bool
    counts: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in KINDS})
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    backup: Path | None = None

    @property
    def ok(self) -> bool:
        """True when the file can be (or was) imported."""
        return not self.problems

    def report(self) -> str:
        """The counts as an aligned table and a closing line, terminal-safe."""
        headers = [t("import.kind"), t("import.added"), t("import.replaced")]
        headers += [t("import.identical"), t("import.older")]
        rows = [
            [t(f"kind.{name}"), str(c.added), str(c.replaced), str(c.identical), str(c.older)]
            for name, c in self.counts.items()
        ]
        changed = sum(c.added + c.replaced for c in self.counts.values())
        if self.dry_run:
            closing = t("import.dry_run", count=changed)
        elif self.written:
            closing = t("import.done", count=changed, source=self.source)
        else:
            closing = t("import.unchanged")
        lines = [display.table(headers, rows), display.escape(closing)]
        if self.backup is not None:
            lines.append(display.escape(t("import.backup", path=self.backup)))
        return "\n".join(lines)

    def problem_report(self) -> str:
        """Every problem on a line of its own, under a line naming the file; terminal-safe."""
        head = t("import.refused", source=self.source, count=len(self.problems))
        return "\n".join(
            display.escape(line) for line in [head, *(f"  {p}" for p in self.problems)]
        )


class _Stop(Exception):
    """Leaves the import's transaction without writing (problems found under the lock, or no change)."""


def parse_document(raw: bytes) -> tuple[dict[str, list[Any]], list[Problem]]:
    """The record lists of an export file by kind, or the problems that stop it being read at all."""
    if not raw or raw.isspace():
        return {}, [Problem("", t("import.empty"))]
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        return {}, [Problem("", t("import.not_json", detail=error))]
    if not isinstance(document, dict):
        return {}, [Problem("", t("import.not_export", expected=FORMAT))]
    for key, expected in (("format", FORMAT), ("version", VERSION)):
        value = document.get(key)
        if key not in document:
            return {}, [Problem(key, t("err.missing"))]
        if key == "version" and type(value) is int and value > VERSION:
            return {}, [Problem(key, t("import.newer", version=value, supported=VERSION))]
        if type(value) is not type(expected) or value != expected:
            shown = {"value": _json(value), "expected": _json(expected)}
            return {}, [Problem(key, t(f"import.{key}", **shown))]
    problems = [Problem(key, t("import.unknown_key")) for key in document if key not in TOP_KEYS]
    problems += [Problem(key, t("err.missing")) for key in TOP_KEYS if key not in document]
    stamp = document.get("exported_at", "")
    if "exported_at" in document and not (isinstance(stamp, str) and _TIMESTAMP.match(stamp)):
        problems.append(Problem("exported_at", t("err.timestamp", value=stamp)))
    if "filter" in document:
        problems += _filter_problems(document["filter"])
    records = document.get("records")
    if not isinstance(records, dict):
        if "records" in document:
            problems.append(Problem("records", t("import.not_object")))
        return {}, problems
    problems += [
        Problem(f"records.{name}", t("err.kind", value=name, options=", ".join(KINDS)))
        for name in records
        if name not in KINDS
    ]
    lists: dict[str, list[Any]] = {}
    for name in KINDS:
        rows = records.get(name)
        if not isinstance(rows, list):
            reason = t("import.not_list") if name in records else t("err.missing")
            problems.append(Problem(f"records.{name}", reason))
        else:
            lists[name] = rows
    return lists, problems


def _json(value: Any) -> str:
    """A value as it is written in JSON, for a message (cut when long)."""
    text = orjson.dumps(value).decode()
    return text if len(text) <= 40 else text[:39] + "…"


def _filter_problems(value: Any) -> list[Problem]:
    """What is wrong with an export's `filter` (it only records what was asked for)."""
    if not isinstance(value, dict):
        return [Problem("filter", t("import.not_object"))]
    problems = [
        Problem(f"filter.{key}", t("import.unknown_key"))
        for key in value
        if key not in ("kinds", "since", "until")
    ]
    kinds = value.get("kinds")
    if not isinstance(kinds, list):
        problems.append(Problem("filter.kinds", t("import.not_list")))
    else:
        problems += [
            Problem(f"filter.kinds[{i}]", t("err.kind", value=name, options=", ".join(KINDS)))
            for i, name in enumerate(kinds)
            if name not in KINDS
        ]
    for key in ("since", "until"):
        day = value.get(key)
        if day is not None and not (isinstance(day, str) and dates.is_iso_date(day)):
            problems.append(Problem(f"filter.{key}", t("err.date", value=day)))
    return problems


_NOTE = Field("note", "text")  # accepts what Kind.validate accepts as a note
_DIGITS = str.maketrans("123456789", "000000000")


class _Columns:
    """Kind.validate's verdict on a whole list of records at once, column by column: each distinct
    value of a column is checked once, and columns under the same rule share what they have seen.

    It only says whether every record is valid; when one is not, Kind.validate names the problems
    (tests check that both agree)."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.settings = settings
        self.seen: dict[Field, set[tuple[type, Any]]] = {}

    def all_valid(self, kind: Kind, rows: list[dict[str, Any]]) -> bool:
        if not rows:
            return True
        if not all(map(kind.field_names.__eq__, map(tuple, rows))):  # no key missing or unknown
            return False
        columns = {key: list(map(itemgetter(key), rows)) for key in kind.field_names}
        if not (_stamps(columns["created_at"]) and _stamps(columns["updated_at"])):
            return False
        try:  # ids are all different: matched in one go rather than remembered
            if not all(map(_UUID.match, columns["id"])):
                return False
        except TypeError:
            return False
        fields = (*kind.fields, _NOTE)
        if not all(self._valid(item, columns[item.name]) for item in fields):
            return False
        return all(_passes(rule, record) for rule in kind.rules for record in rows)

    def _valid(self, item: Field, values: list[Any]) -> bool:
        seen = self.seen.setdefault(replace(item, name=""), set())  # the rule, whatever its name
        try:
            fresh = set(zip(map(type, values), values, strict=True)) - seen  # 1, True apart
        except TypeError:  # lists and maps, checked one by one
            return all(_passes(item.check, value, self.settings) for value in values)
        if not all(_passes(item.check, value, self.settings) for _, value in fresh):
            return False
        seen |= fresh
        return True


def _stamps(values: list[Any]) -> bool:
    """Every value a timestamp. The pattern treats all digits alike, so matching the few shapes
    (digits read as 0) of the values says the same as matching every value, far faster."""
    try:
        joined = "\n".join(values)
    except TypeError:
        return False
    if joined.count("\n") != len(values) - 1:  # a value holding a newline
        return False
    return all(_TIMESTAMP.match(shape) for shape in set(joined.translate(_DIGITS).split("\n")))


def _passes(check: Callable[..., None], *arguments: Any) -> bool:
    try:
        check(*arguments)
    except FieldError:
        return False
    return True


Place = tuple[str, int]  # a record's kind and its index in the file's list of that kind


def _path(place: Place, key: str | None = None) -> str:
    """`records.talk[2]`, or with a key `records.talk[2].follow_up_due`."""
    return f"records.{place[0]}[{place[1]}]" + (f".{key}" if key else "")


def check_records(
    lists: Mapping[str, list[Any]], settings: Mapping[str, Any]
) -> tuple[dict[str, list[tuple[int, dict[str, Any]]]], list[Problem]]:
    """Each kind's valid records with their index in the file, and every problem of the others."""
    valid: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    problems: list[Problem] = []
    columns = _Columns(settings)
    for name, rows in lists.items():
        kind, records = KINDS[name], []
        for index, record in enumerate(rows):
            if isinstance(record, dict):
                records.append((index, record))
            else:
                problems.append(Problem(_path((name, index)), t("import.not_object")))
        if columns.all_valid(kind, [record for _, record in records]):
            valid[name] = records
            continue
        valid[name] = []
        for index, record in records:
            found = kind.validate(record, settings)
            problems += [Problem(_path((name, index), p.field), p.reason) for p in found]
            if not found:
                valid[name].append((index, record))
    return valid, problems


def _moment(stamp: Any) -> datetime:
    """An updated_at as a moment to compare (the earliest possible one when it does not parse)."""
    try:
        return datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return datetime.fromisoformat("0001-01-01T00:00:00+00:00")


@dataclass
class _Plan:
    """What merging the valid records into `data` would do."""

    counts: dict[str, Counts]
    changes: dict[str, list[dict[str, Any]]]
    problems: list[Problem]


def plan_merge(
    lists: Mapping[str, list[Any]],
    valid: Mapping[str, list[tuple[int, dict[str, Any]]]],
    data: Data,
) -> _Plan:
    """Match the file's records to the stored ones by id and check what the merged file would hold:
    no id twice, one record per unique value (a study date), and every campaign_id found."""
    plan = _Plan({name: Counts() for name in KINDS}, {name: [] for name in KINDS}, [])
    in_file: dict[str, str] = {}  # id -> the kind of the first record with it
    repeated: set[Place] = set()
    for name, rows in lists.items():
        for index, record in enumerate(rows):
            key = record.get("id") if isinstance(record, dict) else None
            if not isinstance(key, str):
                continue
            if key in in_file:
                repeated.add((name, index))
                reason = t("import.duplicate_id", id=key, other=_path(_first(lists, key)))
                plan.problems.append(Problem(_path((name, index), "id"), reason))
            else:
                in_file[key] = name
    final = {name: {r.get("id"): r for r in data.get(name, {}).values()} for name in KINDS}
    stored_as = {key: name for name, table in final.items() for key in table}
    applied: set[str] = set()
    for name, rows in valid.items():
        table, counts, changes = final[name], plan.counts[name], plan.changes[name]
        for index, record in rows:
            key = record["id"]
            if repeated and (name, index) in repeated:
                continue
            before = table.get(key)
            if before is None and key in stored_as:
                reason = t("import.id_other_kind", id=key, kind=t(f"kind.{stored_as[key]}"))
                plan.problems.append(Problem(_path((name, index), "id"), reason))
                continue
            if before is None:
                counts.added += 1
            elif before == record:
                counts.identical += 1
                continue
            elif _moment(record["updated_at"]) <= _moment(before.get("updated_at")):
                counts.older += 1
                continue
            else:
                counts.replaced += 1
            changes.append(in_order(KINDS[name], record))
        if (
            name in _TRACKED
        ):  # what the checks below look at: kinds with a unique field, or linked to
            for record in changes:
                table[record["id"]] = record
                applied.add(record["id"])
    plan.problems += _merged_problems(valid, applied, final, in_file)
    return plan


def _first(lists: Mapping[str, list[Any]], key: str) -> Place:
    """Where the first record with the id `key` is in the file."""
    return next(
        (name, index)
        for name, rows in lists.items()
        for index, record in enumerate(rows)
        if isinstance(record, dict) and record.get("id") == key
    )


_TRACKED = {name for name, kind in KINDS.items() if kind.unique} | {
    item.ref for kind in KINDS.values() for item in kind.fields if item.ref
}


def _merged_problems(
    valid: Mapping[str, list[tuple[int, dict[str, Any]]]],
    applied: set[str],
    final: Mapping[str, Mapping[str, Mapping[str, Any]]],
    in_file: Mapping[str, str],
) -> list[Problem]:
    """What the file would break: a unique value (a study date) twice in the file or, for a record
    it adds or replaces, held by another stored record; a link to a record in neither."""
    problems: list[Problem] = []
    for name, kind in KINDS.items():
        if kind.unique:
            problems += _unique_problems(kind, valid[name], applied, final[name])
        refs = [item for item in kind.fields if item.ref]
        for index, record in valid[name] if refs else ():
            for item in refs:
                target = record[item.name]
                linked = final[item.ref].get(target) if target else None
                if target and linked is None and in_file.get(target) != item.ref:
                    reason = t("err.ref_missing", value=target, kind=t(f"kind.{item.ref}"))
                    problems.append(Problem(_path((name, index), item.name), reason))
                elif linked is not None and item.ref == "campaign" and linked.get("kind") != name:
                    reason = t("err.ref_kind", value=target, kind=kind.label())
                    problems.append(Problem(_path((name, index), item.name), reason))
    return problems


def _unique_problems(
    kind: Kind,
    rows: list[tuple[int, dict[str, Any]]],
    applied: set[str],
    table: Mapping[str, Mapping[str, Any]],
) -> list[Problem]:
    """A record whose unique value another record of the file, or of the merged file, holds."""
    problems: list[Problem] = []
    field = kind.unique or ""
    kept = {r.get(field): key for key, r in table.items() if key not in applied}
    first: dict[Any, str] = {}
    for index, record in rows:
        value, key = record[field], record["id"]
        other = first.setdefault(value, key)
        if other == key and key in applied:
            other = kept.get(value, key)
        if other != key:
            reason = t("err.duplicate", value=value, kind=kind.label(), id=other)
            problems.append(Problem(_path((kind.name, index), field), reason))
    return problems


def apply_changes(data: Data, changes: Mapping[str, list[dict[str, Any]]]) -> None:
    """Put the planned records into `data`, replacing by id, new ones under fresh document ids."""
    for name, records in changes.items():
        if not records:
            continue
        table = dict(data.get(name, {}))
        doc_ids = {doc.get("id"): key for key, doc in table.items()}
        next_id = max((int(key) for key in table), default=0) + 1
        for record in records:
            key = doc_ids.get(record["id"])
            if key is None:
                key, next_id = str(next_id), next_id + 1
            table[key] = record
        data[name] = table


def import_bytes(store: Store, raw: bytes, source: str, *, dry_run: bool = False) -> ImportSummary:
    """Validate a whole export, then (unless `dry_run`) merge it in one locked write after a backup.

    Nothing is written when any problem is found or nothing would change."""
    with _collector_paused():
        return _import(store, raw, ImportSummary(source, dry_run))


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading and checking make many objects and no cycles: the collector would only slow them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _import(store: Store, raw: bytes, summary: ImportSummary) -> ImportSummary:
    lists, summary.problems = parse_document(raw)
    if summary.problems:
        return summary
    valid, summary.problems = check_records(lists, store.settings)
    planned_on = store.data
    plan = _planned(summary, lists, valid, planned_on)
    if summary.dry_run or not plan:
        return summary
    try:
        with store.transaction() as data:
            if any(data.get(name) is not planned_on.get(name) for name in KINDS):
                plan = _planned(summary, lists, valid, data)  # the file changed meanwhile
                if not plan:
                    raise _Stop
            summary.backup = store.backup_now("import")
            apply_changes(data, plan.changes)
    except _Stop:
        return summary
    summary.written = True
    return summary


def _planned(
    summary: ImportSummary,
    lists: Mapping[str, list[Any]],
    valid: Mapping[str, list[tuple[int, dict[str, Any]]]],
    data: Data,
) -> _Plan | None:
    """Plan the merge into `data` and note it in `summary`; None when there is nothing to write."""
    plan = plan_merge(lists, valid, data)
    summary.counts, summary.problems = plan.counts, summary.problems + plan.problems
    return None if summary.problems or not any(plan.changes.values()) else plan


def import_file(store: Store, path: Path, *, dry_run: bool = False) -> ImportSummary:
    """Import (or with `dry_run` only check) the export file at `path`."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        summary = ImportSummary(str(path), dry_run)
        summary.problems.append(Problem("", t("import.unreadable", detail=error.strerror)))
        return summary
    return import_bytes(store, raw, str(path), dry_run=dry_run)
