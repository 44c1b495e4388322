"""Import of a cadre export: the whole file validated first, every problem with its JSON path,
then one locked merge by id (add new, skip identical, replace what is newer) after a backup."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from itertools import count
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from tui.core import display
from tui.core.exchange import in_order
from tui.core.i18n import t
from tui.core.import_checks import Place, Problem, check_records, json_path, parse_document
from tui.core.journal import RecordChange, Written, written_changes
from tui.core.migrate import Data
from tui.core.records import KINDS, Kind
from tui.core.storage import AnyPath, collector_paused
from tui.core.store import Store

if TYPE_CHECKING:
    from pathlib import Path


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
                reason = t("import.duplicate_id", id=key, other=json_path(_first(lists, key)))
                plan.problems.append(Problem(json_path((name, index), "id"), reason))
            else:
                in_file[key] = name
    final = {name: {r.get("id"): r for r in data.get(name, {}).values()} for name in KINDS}
    stored_as = {key: name for name, table in final.items() for key in table}
    applied: set[str] = set()
    for name, rows in valid.items():
        table, counts, changes = final[name], plan.counts[name], plan.changes[name]
        if not stored_as and not repeated:  # into an empty file: every valid record is added
            counts.added = len(rows)
            changes += map(itemgetter(1), rows)
        for index, record in rows if stored_as or repeated else ():
            key = record["id"]
            if repeated and (name, index) in repeated:
                continue
            before = table.get(key)
            if before is None and key in stored_as:
                reason = t("import.id_other_kind", id=key, kind=t(f"kind.{stored_as[key]}"))
                plan.problems.append(Problem(json_path((name, index), "id"), reason))
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
            changes.append(record)
        plan.changes[name] = changes = in_order(KINDS[name], changes)
        if name in _TRACKED:  # what the checks below look at: a unique field, or linked to
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
                    problems.append(Problem(json_path((name, index), item.name), reason))
                elif linked is not None and item.ref == "campaign" and linked.get("kind") != name:
                    reason = t("err.ref_kind", value=target, kind=kind.label())
                    problems.append(Problem(json_path((name, index), item.name), reason))
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
            problems.append(Problem(json_path((kind.name, index), field), reason))
    return problems


def apply_changes(data: Data, changes: Mapping[str, list[dict[str, Any]]]) -> list[RecordChange]:
    """Put the planned records into `data`, replacing by id, new ones under fresh document ids;
    returns what changed, as the journal notes it."""
    tables: dict[str, Written] = {}
    for name, records in changes.items():
        if not records:
            continue
        rows = data.get(name, {})
        doc_ids = {doc.get("id"): key for key, doc in rows.items()}
        fresh = map(str, count(max((int(key) for key in rows), default=0) + 1))
        if doc_ids:  # a record replaces the one with its id, or takes the next fresh key
            keys: Iterable[str] = [doc_ids.get(record["id"]) or next(fresh) for record in records]
        else:
            keys = fresh
        written = dict(zip(keys, records, strict=False))  # fresh keys never run out
        data[name] = {**rows, **written}
        tables[name] = (rows, written)
    return written_changes(tables)


def import_bytes(store: Store, raw: bytes, source: str, *, dry_run: bool = False) -> ImportSummary:
    """Validate a whole export, then (unless `dry_run`) merge it in one locked write after a backup.

    Nothing is written when any problem is found or nothing would change."""
    with collector_paused():
        return _import(store, raw, ImportSummary(source, dry_run))


def _import(store: Store, raw: bytes, summary: ImportSummary) -> ImportSummary:
    lists, summary.problems = parse_document(raw)
    if summary.problems:
        return summary
    valid, summary.problems = check_records(lists, store.settings)
    planned_on = store.data
    plan = _planned(summary, lists, valid, planned_on)
    if summary.dry_run or not plan:
        return summary
    noted: list[RecordChange] = []
    try:
        with store.transaction("import", noted) as data:
            if any(data.get(name) is not planned_on.get(name) for name in KINDS):
                plan = _planned(summary, lists, valid, data)  # the file changed meanwhile
                if not plan:
                    raise _Stop
            summary.backup = store.backup_now("import")
            noted += apply_changes(data, plan.changes)
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


def import_file(store: Store, path: AnyPath, *, dry_run: bool = False) -> ImportSummary:
    """Import (or with `dry_run` only check) the export file at `path`."""
    try:
        raw = read_export(path)
    except OSError as error:
        problem = t("import.unreadable", detail=error.strerror)
    except _Unusable as error:
        problem = str(error)
    else:
        return import_bytes(store, raw, str(path), dry_run=dry_run)
    summary = ImportSummary(str(path), dry_run)
    summary.problems.append(Problem("", problem))
    return summary


MAX_IMPORT_BYTES = 256 << 20  # 17 times the export of the benchmark's 50,000 records


class _Unusable(Exception):
    """A file that is not one an export can be: not a regular file, or far too large."""


def read_export(path: AnyPath) -> bytes:
    """The bytes of the regular file at `path`, at most MAX_IMPORT_BYTES of them. Anything else
    is refused before it is read: a FIFO would wait for a writer, /dev/zero would never end."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # a FIFO opens at once
    too_large = _Unusable(t("import.too_large", megabytes=MAX_IMPORT_BYTES >> 20))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _Unusable(t("import.not_regular"))
        if info.st_size > MAX_IMPORT_BYTES:
            raise too_large
        raw = handle.read(MAX_IMPORT_BYTES + 1)  # a file may grow, or say 0 bytes (in /proc)
    if len(raw) > MAX_IMPORT_BYTES:
        raise too_large
    return raw
