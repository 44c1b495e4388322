"""The facts an export notes beside the data file (`tui.core.facts`) on real files: noted for the
bytes they were found in, carried over by every change, and never trusted for other bytes.

Every export here is compared with the export of a copy of the same file that has no note (one
that checks everything), so a fact wrongly trusted shows as a different export."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from cli_support import TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core import exchange, importer, records
from tui.core.facts import FACTS_VERSION, MOST_WRITTEN, facts_path
from tui.core.records import KINDS
from tui.core.store import RecordError, Store, restore_backup

HOSTILE = "a\x1b[2J\u202egnp.exe\u200b\ufeffz"
SCHEMA_1 = Path(__file__).resolve().parents[1] / "fixtures" / "schema1.json"


def without_stamp(payload: bytes) -> bytes:
    return re.sub(rb'\n  "exported_at": "[^"]+",\n', b"\n", payload)


def exported(db: Path) -> bytes:
    """The export of the file at `db` by a new Store (which uses the note beside it, if any)."""
    return without_stamp(exchange.export_json(Store(db, today=TODAY)))


def checked_in_full(db: Path, tmp_path: Path) -> bytes:
    """The export of a copy of the file at `db` with no note beside it."""
    folder = tmp_path / f"copy-{len(list(tmp_path.glob('copy-*')))}"
    folder.mkdir(mode=0o700)
    shutil.copyfile(db, folder / "cadre.json")
    return exported(folder / "cadre.json")


def note_of(db: Path) -> dict[str, Any]:
    return orjson.loads(Path(facts_path(db)).read_bytes())


def digest_of(db: Path) -> str:
    return hashlib.blake2b(db.read_bytes(), digest_size=32).hexdigest()


def in_date_order(store: Store) -> None:
    """Two records of every kind, added in date order (every fact holds)."""
    essays = store.add(
        "campaign",
        {
            "kind": "essay",
            "title": "征文",
            "start": "2026-01",
            "end": "2026-06",
            "monthly_quota": 1,
        },
    )
    talks = store.add(
        "campaign",
        {"kind": "talk", "title": "谈心", "start": "2026-02", "end": "2026-06", "monthly_quota": 1},
    )
    for day in ("2026-03-01", "2026-03-02"):
        store.add("study", {"date": day, "points": 30})
        store.add("session", {"date": day, "kind": "党课", "topic": "党章"})
        store.add("essay", {"campaign_id": essays["id"], "title": "初心", "date": day})
        store.add("talk", {"campaign_id": talks["id"], "date": day, "person": "王芳"})
        store.add("event", {"date": day, "sport": "拔河"})
        store.add("visit", {"date": day, "occasion": "住院", "person": "李强"})
    store.add("person", {"name": "陈静"})
    store.add("person", {"name": "陈静二"})


@pytest.fixture
def noted(store: Store, db: Path) -> Path:
    """A file whose every fact holds, exported once: the note is beside it."""
    in_date_order(store)
    exchange.export_json(store)
    return db


def refuse_the_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if an export sorts, puts keys in order or looks for what to escape."""

    def refused(*_: Any) -> Any:
        raise AssertionError("checked what the note says")

    monkeypatch.setattr(exchange, "in_order", refused)
    monkeypatch.setattr(exchange, "_unsafe", refused)
    monkeypatch.setattr(records.Kind, "in_sort_order", refused)


# what an export notes -------------------------------------------------------------------------


def test_an_export_of_every_record_notes_what_it_found_in_those_bytes(
    store: Store, db: Path, tmp_path: Path
) -> None:
    in_date_order(store)
    store.add("study", {"date": "2026-01-05", "points": 3, "note": HOSTILE})  # out of date order
    by_hand(db, rows_swapped)
    exchange.export_json(Store(db, today=TODAY))
    note = note_of(db)
    assert note == {
        "version": FACTS_VERSION,
        "digest": digest_of(db),
        "sorted": sorted(set(KINDS) - {"study", "event"}),  # no note yet: left as added
        "keys_in_order": sorted(KINDS),
        "plain": False,
    }
    assert os.stat(facts_path(db)).st_mode & 0o777 == 0o600
    assert b"\\u202e" in exported(db)


@pytest.mark.parametrize(
    "options",
    [{"kinds": ["study"]}, {"since": "2026-03-02"}, {"until": "2026-03-01"}],
    ids=["a kind", "since", "until"],
)
def test_an_export_of_part_of_the_records_notes_nothing(
    store: Store, db: Path, options: dict[str, Any]
) -> None:
    in_date_order(store)
    exchange.export_json(store, **options)
    assert not os.path.exists(facts_path(db))


def test_the_same_bytes_written_again_by_another_program_keep_their_note(
    noted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = checked_in_full(noted, tmp_path)
    raw = noted.read_bytes()
    temp = noted.with_name("other-program.tmp")
    temp.write_bytes(raw)
    os.replace(temp, noted)  # a new inode and a new mtime: the bytes alone decide
    os.utime(noted, ns=(1, 1))
    refuse_the_checks(monkeypatch)
    assert exported(noted) == expected


# other bytes --------------------------------------------------------------------------------


def keys_turned(data: dict[str, Any]) -> None:
    """A study record's first two keys swapped (the same size: no byte count gives it away)."""
    key, record = next(iter(data["study"].items()))
    first, second, *rest = record
    data["study"][key] = {second: record[second], first: record[first]} | {
        name: record[name] for name in rest
    }


def hostile_text(data: dict[str, Any]) -> None:
    key, record = next(iter(data["session"].items()))
    data["session"][key] = record | {"topic": HOSTILE}


def rows_swapped(data: dict[str, Any]) -> None:
    first, second, *rest = list(data["event"].items())
    data["event"] = dict([second, first, *rest])


def same_size_text(data: dict[str, Any]) -> None:
    key, record = next(iter(data["session"].items()))
    data["session"][key] = record | {"topic": "党史"}  # was 党章: the same number of bytes


def by_hand(db: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    """`edit` made to the file by another program."""
    data = orjson.loads(db.read_bytes())
    edit(data)
    db.write_bytes(orjson.dumps(data))


@pytest.mark.parametrize("edit", [keys_turned, hostile_text, rows_swapped, same_size_text])
def test_a_file_changed_by_hand_is_checked_in_full_and_noted_anew(
    noted: Path, tmp_path: Path, edit: Callable[[dict[str, Any]], None]
) -> None:
    data = orjson.loads(noted.read_bytes())
    edit(data)
    size = noted.stat().st_size
    noted.write_bytes(orjson.dumps(data))
    if edit in (keys_turned, rows_swapped, same_size_text):
        assert noted.stat().st_size == size
    old_note = note_of(noted)
    assert exported(noted) == checked_in_full(noted, tmp_path)
    assert note_of(noted)["digest"] == digest_of(noted) != old_note["digest"]
    assert note_of(noted)["plain"] is (edit is not hostile_text)
    assert ("study" in note_of(noted)["keys_in_order"]) is (edit is not keys_turned)
    assert ("event" in note_of(noted)["sorted"]) is (edit is not rows_swapped)


def test_a_restored_backup_is_checked_by_its_own_bytes(noted: Path, tmp_path: Path) -> None:
    store = Store(noted, today=TODAY)
    before = noted.read_bytes()
    store.add("visit", {"date": "2026-03-03", "occasion": "住院", "person": HOSTILE})
    restore_backup(store, before)
    assert noted.read_bytes() == before
    assert exported(noted) == checked_in_full(noted, tmp_path)
    assert b"\\u202e" not in exported(noted)


# changes by cadre ---------------------------------------------------------------------------


def add_hostile(store: Store) -> None:
    store.add("event", {"date": "2026-03-09", "sport": "拔河", "note": HOSTILE})


def add_out_of_order(store: Store) -> None:
    store.add("study", {"date": "2026-01-01", "points": 1})


def add_in_order(store: Store) -> None:
    store.add("study", {"date": "2026-03-09", "points": 1})


def edit_the_date(store: Store) -> None:
    store.update("session", store.list("session")[-1]["id"], {"date": "2025-12-31"})


def edit_the_text(store: Store) -> None:
    store.update("visit", store.list("visit")[0]["id"], {"note": HOSTILE})


def delete_one(store: Store) -> None:
    store.delete("talk", store.list("talk")[0]["id"])


def undo_a_delete(store: Store) -> None:
    store.delete("event", store.list("event")[0]["id"])  # it comes back last: out of order
    store.undo()


def change_settings(store: Store) -> None:
    store.save_settings({"study_target": 40})


def keys_out_of_order_by_a_transaction(store: Store) -> None:
    with store.transaction() as data:
        key, record = next(iter(data["person"].items()))
        data["person"] = dict(data["person"]) | {key: dict(reversed(record.items()))}


CHANGES = [
    add_hostile,
    add_out_of_order,
    add_in_order,
    edit_the_date,
    edit_the_text,
    delete_one,
    undo_a_delete,
    change_settings,
    keys_out_of_order_by_a_transaction,
]


@pytest.mark.parametrize("change", CHANGES)
def test_each_change_carries_the_note_over_to_the_bytes_it_writes(
    noted: Path, tmp_path: Path, change: Callable[[Store], None]
) -> None:
    change(Store(noted, today=TODAY))
    note = note_of(noted)
    assert note["digest"] == digest_of(noted)
    assert exported(noted) == checked_in_full(noted, tmp_path)
    assert note_of(noted) == note  # what the full check found is what the change noted
    assert set(note["sorted"]) == set(KINDS)  # each change stores what it touched in order
    stored = orjson.loads(noted.read_bytes())
    for name, kind in KINDS.items():
        rows = list(stored.get(name, {}).values())
        assert rows == kind.in_sort_order(rows), name
    assert note["plain"] is (change not in (add_hostile, edit_the_text))
    assert ("person" in note["keys_in_order"]) is (change is not keys_out_of_order_by_a_transaction)


def test_the_first_change_after_a_note_stores_every_kind_in_date_order(
    noted: Path, tmp_path: Path
) -> None:
    """A kind the note says is out of order (the file was written so by another program) is put
    in order by the next change, whichever kinds it touches; keys stay with their records."""
    by_hand(noted, rows_swapped)
    swapped = orjson.loads(noted.read_bytes())["event"]
    exported(noted)
    assert "event" not in note_of(noted)["sorted"]
    add_in_order(Store(noted, today=TODAY))  # a study record: the events are left alone
    events = orjson.loads(noted.read_bytes())["event"]
    assert list(events.values()) == KINDS["event"].in_sort_order(events.values())
    assert events == swapped and list(events) != list(swapped)  # the same keys, reordered
    assert set(note_of(noted)["sorted"]) == set(KINDS)
    assert exported(noted) == checked_in_full(noted, tmp_path)


def test_a_change_of_more_records_than_it_checks_one_by_one_leaves_the_note_behind(
    noted: Path, tmp_path: Path
) -> None:
    source = Store(tmp_path / "source" / "cadre.json", today=TODAY)
    with source.transaction() as data:
        data["person"] = {
            str(n): source.prepare("person", {"name": f"人{n}", "note": HOSTILE})
            for n in range(MOST_WRITTEN + 1)
        }
    export = tmp_path / "people.json"
    exchange.export_to(source, export)
    old_note = note_of(noted)
    assert importer.import_file(Store(noted, today=TODAY), export).written
    assert note_of(noted) == old_note  # for the bytes before the import: never used again
    assert exported(noted) == checked_in_full(noted, tmp_path)
    assert note_of(noted)["digest"] == digest_of(noted)
    assert note_of(noted)["plain"] is False


def test_an_older_file_is_noted_as_read_and_its_migrating_change_carries_the_note(
    db: Path, tmp_path: Path
) -> None:
    db.parent.mkdir(mode=0o700)
    shutil.copyfile(SCHEMA_1, db)
    db.chmod(0o600)
    first = exported(db)
    assert first == checked_in_full(db, tmp_path)
    assert note_of(db)["digest"] == digest_of(db)
    Store(db, today=TODAY).add("study", {"date": "2001-03-17", "points": 9})
    assert note_of(db)["digest"] == digest_of(db)
    assert orjson.loads(db.read_bytes())["_meta"]["1"]["schema_version"] == 2
    assert exported(db) == checked_in_full(db, tmp_path)


# notes that are not to be trusted -----------------------------------------------------------


def lying_note(db: Path) -> bytes:
    """A note for the file's bytes as they are that claims every fact (the file has none)."""
    return orjson.dumps(
        {
            "version": FACTS_VERSION,
            "digest": digest_of(db),
            "sorted": sorted(KINDS),
            "keys_in_order": sorted(KINDS),
            "plain": True,
        }
    )


@pytest.fixture
def untidy(store: Store, db: Path) -> Path:
    """A file with none of the facts: hostile text, rows out of order, keys out of order."""
    in_date_order(store)
    add_hostile(store)
    keys_out_of_order_by_a_transaction(store)
    by_hand(db, rows_swapped)
    return db


def spoil_version(note: bytes) -> bytes:
    return note.replace(b'"version":1', b'"version":99')


def spoil_types(note: bytes) -> bytes:
    return note.replace(b'"plain":true', b'"plain":"yes"')


def spoil_kinds(note: bytes) -> bytes:
    return note.replace(b'"sorted":["campaign"', b'"sorted":["nonsense","campaign"')


def spoil_digest(note: bytes) -> bytes:
    digest = orjson.loads(note)["digest"]
    return note.replace(digest.encode(), digest[::-1].encode())


def spoil_json(note: bytes) -> bytes:
    return note[:-3]


@pytest.mark.parametrize(
    "spoil", [spoil_version, spoil_types, spoil_kinds, spoil_digest, spoil_json]
)
def test_a_note_that_is_not_well_formed_or_for_other_bytes_is_passed_over(
    untidy: Path, tmp_path: Path, spoil: Callable[[bytes], bytes]
) -> None:
    Path(facts_path(untidy)).write_bytes(spoil(lying_note(untidy)))
    assert exported(untidy) == checked_in_full(untidy, tmp_path)
    assert b"\\u202e" in exported(untidy)


def test_a_note_owned_by_someone_else_or_linked_is_passed_over(
    untidy: Path, tmp_path: Path
) -> None:
    note = Path(facts_path(untidy))
    note.write_bytes(lying_note(untidy))
    os.chown(note, 65534, 65534)
    assert exported(untidy) == checked_in_full(untidy, tmp_path)
    note.unlink()
    elsewhere = tmp_path / "elsewhere.facts"
    elsewhere.write_bytes(lying_note(untidy))
    note.symlink_to(elsewhere)
    assert exported(untidy) == checked_in_full(untidy, tmp_path)
    assert b"\\u202e" in exported(untidy)


def test_a_true_note_is_what_lets_an_export_skip_the_checks(
    untidy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control for the tests above: the lying note, well formed and ours, is believed."""
    Path(facts_path(untidy)).write_bytes(lying_note(untidy))
    refuse_the_checks(monkeypatch)
    assert b"\\u202e" not in exported(untidy)


def test_without_a_thread_for_the_digest_nothing_is_noted(
    store: Store, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import _thread

    def no_thread(*_: Any) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(_thread, "start_new_thread", no_thread)
    in_date_order(store)
    assert b'"format": "cadre-export"' in exchange.export_json(Store(db, today=TODAY))
    assert not os.path.exists(facts_path(db))


# any sequence of changes ----------------------------------------------------------------------

STEPS = st.lists(
    st.sampled_from([*CHANGES, hostile_text, rows_swapped, keys_turned, "export"]),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=STEPS)
def test_after_any_changes_the_export_is_the_one_checked_in_full(
    tmp_path_factory: pytest.TempPathFactory, steps: list[Any]
) -> None:
    folder = tmp_path_factory.mktemp("steps")
    db = folder / "cadre.json"
    in_date_order(Store(db, today=TODAY))
    exported(db)
    for step in steps:
        if step == "export":
            assert exported(db) == checked_in_full(db, folder)
        elif step in CHANGES:
            with contextlib.suppress(RecordError, IndexError):  # a day taken, nothing left
                step(Store(db, today=TODAY))
        else:
            data = orjson.loads(db.read_bytes())
            step(data)
            db.write_bytes(orjson.dumps(data))
    assert exported(db) == checked_in_full(db, folder)
