"""The undo journal beside the data file: the last changes made by any cadre process, one JSON
line each, appended under the data file's lock, for `cadre undo` and the TUI's `u`.

The data file is the only truth: a missing or damaged journal never blocks reading or writing it."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator, Mapping
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from tui.core.i18n import t
from tui.core.migrate import SETTINGS_DOC, SETTINGS_TABLE, Data
from tui.core.records import KINDS, FieldError
from tui.core.references import Found, describe
from tui.core.storage import FILE_MODE, AnyPath, as_path, atomic_write, plain_path

if TYPE_CHECKING:
    from pathlib import Path

FULL_RECORDS_UP_TO = 1000  # a larger change (an import) keeps only `updated_at` of what it wrote

ACTIONS = ("add", "update", "done", "delete", "settings", "import")

# One change of one record: [table, record id, before, after]. `before` and `after` are whole
# records (None: not there); in a large change `after` is only the record's `updated_at`.
RecordChange = list[Any]


class Entry(NamedTuple):
    """One change as the journal keeps it: what was done, when, and every record it touched."""

    id: str
    at: str
    action: str  # one of ACTIONS
    changes: list[RecordChange]

    def describe(self) -> str:
        """`added talk 3c002a92 2026-11-03 王芳`, `导入 5 条记录` …"""
        if self.action == "import":
            from tui.core.stats import counted  # the figures' module: loaded when needed

            return counted("journal.import", len(self.changes))
        if self.action == "settings":
            return t("journal.settings")
        table, _, before, after = self.changes[0]
        record = after if isinstance(after, dict) else before
        return t(f"change.{self.action}", what=describe(Found(KINDS[table], record)))


def changes_between(old: Data, new: Data) -> list[RecordChange]:
    """Every record (and the settings) that differs between two versions of the file's tables.

    Tables and records left alone are the same objects in both (changes copy what they touch),
    so only the tables that were replaced are compared, and in them only the records that are
    not the same object under the same key in both (a long table's others are never read)."""
    found: list[RecordChange] = []
    for table in sorted((*KINDS, SETTINGS_TABLE)):  # the order of the changes: table, then id
        before_table, after_table = old.get(table, {}), new.get(table, {})
        if before_table is after_table:
            continue
        if table == SETTINGS_TABLE:
            before, after = before_table.get(SETTINGS_DOC), after_table.get(SETTINGS_DOC)
            if before != after:
                found.append([table, None, before, after])
            continue
        before_by_id = {
            doc.get("id"): doc
            for key, doc in before_table.items()
            if after_table.get(key) is not doc
        }
        after_by_id = {
            doc.get("id"): doc
            for key, doc in after_table.items()
            if before_table.get(key) is not doc
        }
        for record_id in sorted(before_by_id.keys() | after_by_id.keys(), key=str):
            before, after = before_by_id.get(record_id), after_by_id.get(record_id)
            if before is not after and before != after:
                found.append([table, record_id, before, after])
    if len(found) > FULL_RECORDS_UP_TO:
        for change in found:
            if change[3] is not None:
                change[3] = change[3].get("updated_at")
    return found


Written = tuple[Mapping[str, dict[str, Any]], Mapping[str, dict[str, Any]]]


def written_changes(tables: Mapping[str, Written]) -> list[RecordChange]:
    """What `changes_between` finds when, in each table of `tables`, records with text ids (each
    different from what it replaces) are written under document keys: (the rows before, the
    records written by key). Worked out from those records only."""
    full = sum(len(written) for _, written in tables.values()) <= FULL_RECORDS_UP_TO
    found: list[RecordChange] = []
    for table in sorted(tables):
        rows, written = tables[table]
        part = [
            [table, record["id"], rows.get(key), record if full else record["updated_at"]]
            for key, record in written.items()
        ]
        part.sort(key=itemgetter(1))
        found += part
    return found


def action_of(changes: list[RecordChange], given: str | None) -> str:
    """What a change did, worked out from the records it touched unless the caller named it."""
    if given is not None:
        return given
    if len(changes) != 1:
        return "import"
    table, _, before, after = changes[0]
    if table == SETTINGS_TABLE:
        return "settings"
    if before is None:
        return "add"
    if after is None:
        return "delete"
    changed = {key for key in after.keys() | before.keys() if before.get(key) != after.get(key)}
    if changed - {"updated_at"} == {"follow_up_done"} and after.get("follow_up_done") is True:
        return "done"
    return "update"


def conflicts(entry: Entry, data: Data) -> list[FieldError]:
    """The records of `entry` that are no longer as it left them (another change came since)."""
    problems = []
    for table, record_id, _, after in entry.changes:
        current = _current(data, table, record_id)
        if isinstance(after, str):
            unchanged = current is not None and current.get("updated_at") == after
        else:
            unchanged = current == after
        if not unchanged:
            name = t("journal.settings") if table == SETTINGS_TABLE else KINDS[table].label()
            problems.append(
                FieldError("undo", t("journal.changed_since", what=name, id=str(record_id)[:8]))
            )
    return problems


def revert(entry: Entry, data: Data) -> None:
    """Put back in `data` every record as it was before `entry` (check `conflicts` first)."""
    tables: dict[str, list[RecordChange]] = {}
    for change in entry.changes:
        tables.setdefault(change[0], []).append(change)
    for table, changes in tables.items():
        if table == SETTINGS_TABLE:
            before = changes[0][2]
            data[table] = {SETTINGS_DOC: before} if before is not None else {}
            continue
        rows = dict(data.get(table, {}))
        doc_keys = {doc.get("id"): key for key, doc in rows.items()}
        next_key = max((int(key) for key in rows), default=0) + 1
        for _, record_id, before, _ in changes:
            key = doc_keys.get(record_id)
            if before is None:
                rows.pop(key, None)
                continue
            if key is None:
                key, next_key = str(next_key), next_key + 1
            rows[key] = before
        data[table] = rows


def _well_formed(line: Mapping[str, Any]) -> bool:
    """True for a change line as `record` writes it (a line spoiled by hand is passed over)."""
    changes = line["changes"]
    return (
        isinstance(line["at"], str)
        and line["action"] in ACTIONS
        and isinstance(changes, list)
        and bool(changes)
        and all(
            isinstance(change, list)
            and len(change) == 4
            and change[0] in (*KINDS, SETTINGS_TABLE)
            and all(part is None or isinstance(part, (dict, str)) for part in change[1:])
            for change in changes
        )
    )


def _current(data: Data, table: str, record_id: str | None) -> dict[str, Any] | None:
    rows = data.get(table, {})
    if table == SETTINGS_TABLE:
        return rows.get(SETTINGS_DOC)
    return next((doc for doc in rows.values() if doc.get("id") == record_id), None)


class Journal:
    """The journal file of one data file: `cadre.json.journal`, 0600, one JSON object a line.

    A line is a change (`Entry`) or `{"undone": ID}`; a torn last line (a crash) is skipped."""

    def __init__(self, data_path: AnyPath) -> None:
        self.file = plain_path(data_path) + ".journal"

    @property
    def path(self) -> Path:
        """The journal file, as a Path."""
        return as_path(self.file)

    def entries(self) -> list[Entry]:
        """The changes not undone yet, oldest first ([] when the journal is missing or unreadable)."""
        entries: dict[str, Entry] = {}
        for line in self._lines():
            if "undone" in line:
                entries.pop(str(line["undone"]), None)
            elif {"id", "at", "action", "changes"} <= line.keys() and _well_formed(line):
                entry = Entry(str(line["id"]), line["at"], line["action"], line["changes"])
                entries[entry.id] = entry
        return list(entries.values())

    def record(self, entry: Entry, keep: int) -> None:
        """Append `entry`, keeping the newest `keep` changes; the caller holds the data file's lock."""
        self._append(
            {"id": entry.id, "at": entry.at, "action": entry.action, "changes": entry.changes}
        )
        self._trim(keep)

    def mark_undone(self, entry_id: str) -> None:
        """Note that the change `entry_id` was undone; the caller holds the data file's lock."""
        self._append({"undone": entry_id})

    def _lines(self) -> Iterator[dict[str, Any]]:
        try:
            raw = self._read()
        except OSError:
            return
        for line in raw.split(b"\n"):
            with contextlib.suppress(orjson.JSONDecodeError):
                value = orjson.loads(line)
                if isinstance(value, dict):
                    yield value

    def _read(self) -> bytes:
        fd = self._open(os.O_RDONLY)
        with os.fdopen(fd, "rb") as handle:
            return handle.read()

    def _append(self, line: Mapping[str, Any]) -> None:
        fd = self._open(os.O_RDWR | os.O_APPEND | os.O_CREAT)
        try:
            size = os.fstat(fd).st_size
            torn = size > 0 and os.pread(fd, 1, size - 1) != b"\n"  # a crash cut the last line
            with os.fdopen(os.dup(fd), "ab") as handle:
                handle.write((b"\n" if torn else b"") + orjson.dumps(line) + b"\n")
                handle.flush()
                os.fsync(handle.fileno())
        finally:
            os.close(fd)

    def _trim(self, keep: int) -> None:
        """Rewrite the journal with only the newest `keep` changes once it holds twice as many lines."""
        raw = self._read()
        if raw.count(b"\n") <= 2 * keep:
            return
        kept = self.entries()[-keep:]
        lines = [
            orjson.dumps({"id": e.id, "at": e.at, "action": e.action, "changes": e.changes})
            for e in kept
        ]
        atomic_write(self.file, b"".join(line + b"\n" for line in lines))

    def _open(self, flags: int) -> int:
        """Open the journal without following a link; refuse one that is not ours."""
        try:
            fd = os.open(self.file, flags | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise OSError(errno.ELOOP, t("file.symlink")) from None
            raise
        info = os.fstat(fd)
        if info.st_uid != os.getuid() or not stat.S_ISREG(info.st_mode):
            os.close(fd)
            raise OSError(errno.EPERM, t("file.not_owner", uid=info.st_uid))
        return fd
