"""The Store: add, get, update, delete and list records by kind, settings, undo and change events.

Every change is one locked read-modify-write of the TinyDB file through SafeStorage, noted in
the undo journal beside it."""

from __future__ import annotations

import contextlib
import copy
import datetime
import json
import os
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from tui.core import dates
from tui.core.facts import (
    Facts,
    Written,
    carried,
    read_facts,
    store_in_sort_order,
    write_facts,
    written_by,
)
from tui.core.i18n import t
from tui.core.journal import (
    Entry,
    Journal,
    RecordChange,
    action_of,
    changes_between,
    conflicts,
    revert,
)
from tui.core.migrate import (
    SETTINGS_DOC,
    SETTINGS_TABLE,
    Data,
    migrate,
    needs_migration,
    new_data,
)
from tui.core.records import KINDS, FieldError, Kind, kind_named, new_id
from tui.core.storage import AnyPath, SafeStorage, lock_timeout_setting

if TYPE_CHECKING:
    from pathlib import Path

    import pendulum

# in tui/data, shipped in the package
DEFAULTS_FILE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "defaults.json")


class RecordError(Exception):
    """A record refused: every problem names its field and the reason. Nothing was written."""

    def __init__(self, problems: list[FieldError]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class Change(NamedTuple):
    """One change made through this Store: what kind, and the record before and after."""

    action: str  # "add", "update" or "delete"
    kind: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def default_settings() -> dict[str, Any]:
    """The settings of a new file, read from the packaged defaults."""
    with open(DEFAULTS_FILE, encoding="utf-8") as defaults:
        return json.load(defaults)


_DEFAULTS = default_settings()


def merge_settings(stored: Mapping[str, Any] | None) -> dict[str, Any]:
    """The defaults overlaid with what the user stored (categories merged list by list)."""
    settings = copy.deepcopy(_DEFAULTS)
    for key, value in (stored or {}).items():
        if key == "categories" and isinstance(value, dict):
            settings["categories"].update(value)
        else:
            settings[key] = value
    return settings


class Store:
    """One data file, seen as records by kind.

    `today` fixes the date (tests, the demo; a plain date or a pendulum Date); otherwise it is
    read in the settings' time zone."""

    def __init__(
        self,
        path: AnyPath,
        *,
        today: datetime.date | None = None,
        lock_timeout: float | None = None,
    ) -> None:
        try:
            seconds = lock_timeout_setting(lock_timeout)
        except ValueError as error:
            reason = t("err.lock_timeout", value=error.args[0])
            raise RecordError([FieldError("CADRE_LOCK_TIMEOUT", reason)]) from None
        self.storage = SafeStorage(path, lock_timeout=seconds)
        self.journal = Journal(path)
        self.fixed_today = today
        self._listeners: list[Callable[[Change | None], None]] = []
        self._settings_cache: tuple[Data, dict[str, Any]] | None = None
        self._migrated_cache: tuple[Data, Data] | None = None

    @property
    def file(self) -> str:
        """The data file's path."""
        return self.storage.file

    @property
    def path(self) -> Path:
        """The data file, as a Path."""
        return self.storage.path

    # reading -------------------------------------------------------------------------

    @property
    def data(self) -> Data:
        """The whole file as TinyDB tables (an empty file's tables when it does not exist yet).

        An older file is read as migrated, in memory only: it is rewritten by its first change."""
        current = self.storage.read()
        return new_data() if current is None else self._migrated(current)

    def digest(self) -> str | None:
        """The digest of the data file's bytes as read (read now if they were not yet); None
        when it does not exist."""
        return None if self.storage.read() is None else self.storage.digest()

    def _migrated(self, current: Data) -> Data:
        """`current` brought up to this schema: itself when it is, else a migrated deep copy (kept
        while the file is unchanged, so every read of an older file sees the same objects)."""
        if not needs_migration(current):
            return current
        if self._migrated_cache is None or self._migrated_cache[0] is not current:
            self._migrated_cache = (current, migrate(copy.deepcopy(current)))
        return self._migrated_cache[1]

    @property
    def warnings(self) -> list[str]:
        """Things the user should know that were not errors (a tightened file mode)."""
        return self.storage.warnings

    @property
    def settings(self) -> dict[str, Any]:
        """The settings, defaults filled in."""
        data = self.data
        # keyed by the data object itself: an id() could be reused by a later re-read
        if self._settings_cache is None or self._settings_cache[0] is not data:
            stored = data.get(SETTINGS_TABLE, {}).get(SETTINGS_DOC)
            self._settings_cache = (data, merge_settings(stored))
        return self._settings_cache[1]

    def timezone(self) -> str | None:
        """The settings' time zone name, or None for the system's."""
        return self.settings.get("timezone")

    def now(self, settings: Mapping[str, Any] | None = None) -> datetime.datetime:
        """This moment in the time zone of `settings` (default: the file's), on the fixed day if
        set: a plain aware datetime (a command that only stamps a change never loads pendulum)."""
        timezone = (self.settings if settings is None else settings).get("timezone")
        return dates.moment_in(timezone, self.fixed_today)

    def day(self, settings: Mapping[str, Any] | None = None) -> datetime.date:
        """Today's date in the time zone of `settings` (default: the file's), or the fixed day,
        as it was given."""
        return self.fixed_today or self.now(settings).date()

    def today(self, settings: Mapping[str, Any] | None = None) -> pendulum.Date:
        """Today as a pendulum Date, for the figures (`settings` as for `day`)."""
        day = self.day(settings)
        return day if type(day) is not datetime.date else dates.to_date(day.isoformat())

    def records(self, kind: str) -> list[dict[str, Any]]:
        """Every record of `kind`, in file order."""
        kind_named(kind)
        return list(self.data.get(kind, {}).values())

    def list(
        self, kind: str, since: str | None = None, until: str | None = None
    ) -> list[dict[str, Any]]:
        """The records of `kind` between `since` and `until` (inclusive), sorted by date then id."""
        return kind_named(kind).in_sort_order(self.between(kind, since, until))

    def between(
        self, kind: str, since: str | None = None, until: str | None = None
    ) -> list[dict[str, Any]]:
        """The records of `kind` between `since` and `until` (inclusive), in file order."""
        return kind_named(kind).between(self.records(kind), since, until)

    def get(self, kind: str, record_id: str) -> dict[str, Any] | None:
        """The record of `kind` with this id, or None."""
        return _record(self.data, kind, record_id)

    # writing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(
        self, action: str | None = None, noted: list[RecordChange] | None = None
    ) -> Iterator[Data]:
        """Lock, read the latest file, yield its tables for changing, then write them once, and
        tell the listeners (with no Change: it may touch many records, as an import does).

        The journal notes it as `action` (else as what the records say: an add, an edit …).
        A caller that gives `noted` fills it with what it changed, as `changes_between` would
        find it (journal.written_changes), and the whole file is not compared."""
        with self._write(action, noted=noted) as data:
            yield data
        self._notify(None)

    @contextlib.contextmanager
    def _write(
        self, action: str | None = None, *, noted: list[RecordChange] | None = None
    ) -> Iterator[Data]:
        """The locked read-modify-write under `transaction` and the one-record changes.

        The first change of a day backs the file up first; an old file is migrated (after a
        backup). An exception inside leaves the file untouched and takes no backup. What changed
        goes to the journal after the file (a crash between loses only the chance to undo it)."""
        with self.storage.locked():
            current = self.storage.read()
            known = read_facts(self.file, self.storage.digest())
            base = self._migrated(current) if current is not None else new_data()
            data = copy.copy(base)
            settings = merge_settings(data.get(SETTINGS_TABLE, {}).get(SETTINGS_DOC))
            old = current is not None and needs_migration(current)
            yield data
            now = self.now(settings)
            keep, stamp = settings["backups_keep"], backup_stamp(now)
            if old:
                self.storage.backup("migrate", keep, stamp)
            if current is not None and not self.storage.backed_up_on(now.strftime("%Y-%m-%d")):
                self.storage.backup("daily", keep, stamp)
            written = written_by(base, data) if known is not None else {}
            store_in_sort_order(data, written, known)
            self.storage.write(data)
            changes = changes_between(base, data) if noted is None else noted
            if changes:
                at = now.replace(microsecond=0).isoformat()
                entry = Entry(new_id(), at, action_of(changes, action), changes)
                self._journal(lambda: self.journal.record(entry, settings["undo_keep"]))
            self._carry_facts(known, written)

    def _carry_facts(self, known: Facts | None, written: Written) -> None:
        """Note beside the file what an export would find in what was just written, from the
        facts noted for the bytes it was read from (nothing when there were none) and the
        records the change wrote over them (an older file's as migrated: its facts were found
        in the records as read)."""
        digest = self.storage.digest()
        if known is not None and digest is not None:
            facts = carried(known, digest, written)
            if facts is not None:
                write_facts(self.file, facts)

    def _journal(self, write: Callable[[], None]) -> None:
        """Write to the journal; if that fails the change stands, and the user is told it cannot
        be undone."""
        try:
            write()
        except OSError as error:
            self.warnings.append(
                t("journal.unwritable", path=self.journal.path, detail=error.strerror)
            )

    def backup_now(self, reason: str) -> Path | None:
        """Take a backup right away (before an import or a restore)."""
        with self.storage.locked():
            keep = self.settings["backups_keep"]
            return self.storage.backup(reason, keep, backup_stamp(self.now()))

    def prepare(self, kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
        """A complete new record of `kind` from `values` (not yet checked or saved)."""
        definition = kind_named(kind)
        self._refuse(_unknown_fields(definition, values))
        record = definition.blank(self.settings, self.day()) | dict(values)
        if kind == "study" and record.get("items") and record.get("points") is None:
            record["points"] = sum(record["items"].values())
        stamp = self.now().replace(microsecond=0).isoformat()
        record = {"id": new_id(), **record, "created_at": stamp, "updated_at": stamp}
        return definition.canonical(record)

    def check(
        self, kind: str, record: Mapping[str, Any], data: Data | None = None
    ) -> list[FieldError]:
        """Every problem of `record` on its own and against the stored records (unique, links)."""
        definition = KINDS[kind]
        problems = definition.validate(record, self.settings)
        if problems:
            return problems
        return self._check_against(definition, record, data if data is not None else self.data)

    def _check_against(
        self, definition: Kind, record: Mapping[str, Any], data: Data
    ) -> list[FieldError]:
        problems = []
        table = data.get(definition.name, {})
        if definition.unique:
            value = record[definition.unique]
            for other in table.values():
                if other.get(definition.unique) == value and other.get("id") != record["id"]:
                    problems.append(
                        FieldError(
                            definition.unique,
                            t(
                                "err.duplicate",
                                value=value,
                                kind=definition.label(),
                                id=other["id"],
                            ),
                        )
                    )
                    break
        for field in definition.fields:
            target = record.get(field.name)
            if field.ref and target:
                linked = _record(data, field.ref, target)
                if linked is None:
                    problems.append(
                        FieldError(
                            field.name,
                            t("err.ref_missing", value=target, kind=t(f"kind.{field.ref}")),
                        )
                    )
                elif field.ref == "campaign" and linked.get("kind") != definition.name:
                    problems.append(
                        FieldError(
                            field.name,
                            t("err.ref_kind", value=target, kind=t(f"kind.{definition.name}")),
                        )
                    )
        return problems

    def add(self, kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
        """Validate and save a new record; returns it (with its new id)."""
        record = self.prepare(kind, values)
        with self._write(noted=[[kind, record["id"], None, record]]) as data:
            self._refuse(self.check(kind, record, data))
            self._put(data, kind, record)
        self._notify(Change("add", kind, None, record))
        return record

    def update(self, kind: str, record_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Change some fields of a stored record; returns the record as saved."""
        definition = kind_named(kind)
        self._refuse(_unknown_fields(definition, changes))
        noted: list[RecordChange] = []
        with self._write(noted=noted) as data:
            key, before = self._find(data, kind, record_id)
            record = definition.canonical(
                {
                    **before,
                    **changes,
                    "id": before["id"],
                    "created_at": before["created_at"],
                    "updated_at": self.now().replace(microsecond=0).isoformat(),
                }
            )
            self._refuse(self.check(kind, record, data))
            self._put(data, kind, record, key)
            if record != before:  # the same values in the same second change nothing
                noted.append([kind, record["id"], before, record])
        self._notify(Change("update", kind, before, record))
        return record

    def delete(self, kind: str, record_id: str) -> dict[str, Any]:
        """Remove a stored record; returns what was removed. A campaign still in use is refused."""
        kind_named(kind)
        noted: list[RecordChange] = []
        with self._write(noted=noted) as data:
            key, before = self._find(data, kind, record_id)
            if kind == "campaign":
                users = [
                    r
                    for k in ("essay", "talk")
                    for r in data.get(k, {}).values()
                    if r.get("campaign_id") == record_id
                ]
                if users:
                    self._refuse([FieldError("id", t("err.in_use", count=len(users)))])
            self._drop(data, kind, key)
            noted.append([kind, before["id"], before, None])
        self._notify(Change("delete", kind, before, None))
        return before

    def undo(self) -> str:
        """Reverse the newest change made by any cadre process (from the journal); returns what
        was undone. Refused, changing nothing, when its records were changed since."""
        with self.storage.locked():
            entries = self.journal.entries()
            if not entries:
                raise RecordError([FieldError("undo", t("undo.nothing"))])
            entry = entries[-1]
            with self._write(noted=[]) as data:  # marked undone in the journal, not noted
                self._refuse(conflicts(entry, data))
                revert(entry, data)
            self._journal(lambda: self.journal.mark_undone(entry.id))
        self._notify(None)
        return t("undo.done", what=entry.describe())

    def undo_history(self) -> list[Entry]:
        """The changes `undo` would reverse, newest first."""
        return self.journal.entries()[::-1]

    def save_settings(
        self,
        changes: Mapping[str, Any],
        check: Callable[[Data], list[FieldError]] | None = None,
    ) -> dict[str, Any]:
        """Store changed settings (only what the user set is kept; defaults fill the rest).

        `check` looks at the latest records under the lock and may refuse the change."""
        with self.transaction() as data:
            self._refuse(check(data) if check else [])
            stored = dict(data.get(SETTINGS_TABLE, {}).get(SETTINGS_DOC) or {})
            stored.update(changes)
            data[SETTINGS_TABLE] = {SETTINGS_DOC: stored}
        return self.settings

    def subscribe(self, listener: Callable[[Change | None], None]) -> None:
        """Call `listener` after every change made through this Store."""
        self._listeners.append(listener)

    # helpers -------------------------------------------------------------------------

    @staticmethod
    def _refuse(problems: list[FieldError]) -> None:
        if problems:
            raise RecordError(problems)

    @staticmethod
    def _find(data: Data, kind: str, record_id: str) -> tuple[str, dict[str, Any]]:
        """The key and the record of `kind` with this id, or refuse."""
        for key, record in data.get(kind, {}).items():
            if record.get("id") == record_id:
                return key, record
        raise RecordError(
            [FieldError("id", t("err.not_found", id=record_id, kind=t(f"kind.{kind}")))]
        )

    @staticmethod
    def _put(data: Data, kind: str, record: dict[str, Any], key: str | None = None) -> None:
        """Put `record` in a copy of the kind's table: at `key`, where the record it replaces
        is, else (a new record) under the next key. No other record is looked at."""
        table = dict(data.get(kind, {}))
        if key is None:
            key = str(max(map(int, table), default=0) + 1)
        table[key] = record
        data[kind] = table

    @staticmethod
    def _drop(data: Data, kind: str, key: str) -> None:
        """Take the record at `key` out of a copy of the kind's table."""
        table = dict(data[kind])
        del table[key]
        data[kind] = table

    def _notify(self, change: Change | None) -> None:
        for listener in self._listeners:
            listener(change)


def backup_stamp(moment: datetime.datetime) -> str:
    """The local time in a backup's name: YYYYMMDD-HHMMSS."""
    return moment.strftime("%Y%m%d-%H%M%S")


def _record(data: Data, kind: str, record_id: str) -> dict[str, Any] | None:
    """The record of `kind` with this id in `data`, or None."""
    return next((r for r in data.get(kind, {}).values() if r.get("id") == record_id), None)


def _unknown_fields(definition: Kind, values: Mapping[str, Any]) -> list[FieldError]:
    """A problem for every key of `values` that is not a field of the kind (never dropped silently)."""
    return [
        FieldError(key, t("err.unknown_field"))
        for key in values
        if key not in definition.field_names
    ]


def restore_backup(store: Store, raw: bytes, source: AnyPath | None = None) -> Path | None:
    """Put a backup's bytes in place of the data file, keeping the file as it was as a backup.

    The backup (read from `source`) is vetted first: a damaged one is refused and nothing
    changes. Works on a data file that cannot be read (that is when a restore is needed most)."""
    from tui.core.storage import BAD_BACKUP, parse_data

    backup = parse_data(raw, source or store.file, BAD_BACKUP)
    settings = merge_settings(backup.get(SETTINGS_TABLE, {}).get(SETTINGS_DOC))
    with store.storage.locked():
        store.storage.check_path()
        kept = store.storage.backup(
            "before-restore",
            settings["backups_keep"],
            backup_stamp(store.now(settings)),
        )
        store.storage.write_bytes(raw)
    return kept
