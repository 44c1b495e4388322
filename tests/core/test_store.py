"""The Store: add, get, update, delete, list by date range, undo, change events, the stat cache,
daily backups, restore and the migration hook, all on real files in tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pendulum
import pytest

from tui.core import migrate, storage
from tui.core.storage import DataFileError, list_backups
from tui.core.store import Change, RecordError, Store, restore_backup

TODAY = pendulum.date(2026, 3, 18)


def by_id(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: r["id"])


def everything(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every record of every kind, read afresh from disk."""
    fresh = Store(store.path, today=TODAY)
    return {kind: by_id(fresh.records(kind)) for kind in ("study", "person", "campaign")}


def test_add_get_update_delete(store: Store) -> None:
    record = store.add("study", {"points": 12, "note": "早上"})
    assert record["date"] == "2026-03-18"
    assert record["created_at"] == record["updated_at"]
    assert pendulum.parse(record["created_at"]).date() == TODAY
    assert store.get("study", record["id"]) == record
    changed = store.update("study", record["id"], {"points": 30, "total": 9000})
    assert (changed["points"], changed["total"], changed["note"]) == (30, 9000, "早上")
    assert changed["created_at"] == record["created_at"]
    assert list(changed) == list(record)
    assert Store(store.path).get("study", record["id"]) == changed
    assert store.delete("study", record["id"]) == changed
    assert store.get("study", record["id"]) is None
    assert Store(store.path).records("study") == []


def test_update_and_delete_of_a_missing_id_name_the_id(store: Store) -> None:
    store.add("study", {"points": 1})
    before = store.path.read_bytes()
    for action in (
        lambda: store.update("study", "nope", {"points": 2}),
        lambda: store.delete("study", "nope"),
    ):
        with pytest.raises(RecordError) as caught:
            action()
        assert caught.value.problems[0].field == "id"
        assert "nope" in caught.value.problems[0].reason
    assert store.path.read_bytes() == before


def test_list_by_date_range_is_inclusive_and_sorted(store: Store) -> None:
    for day in ("2026-03-05", "2026-02-28", "2026-03-18", "2026-03-01"):
        store.add("study", {"date": day, "points": 1})
    assert [r["date"] for r in store.list("study")] == [
        "2026-02-28",
        "2026-03-01",
        "2026-03-05",
        "2026-03-18",
    ]
    assert [r["date"] for r in store.list("study", "2026-03-01", "2026-03-05")] == [
        "2026-03-01",
        "2026-03-05",
    ]
    assert [r["date"] for r in store.list("study", since="2026-03-05")] == [
        "2026-03-05",
        "2026-03-18",
    ]
    assert [r["date"] for r in store.list("study", until="2026-02-28")] == ["2026-02-28"]
    for day in ("2026-03-10", "2026-03-10"):
        store.add("session", {"date": day, "kind": "党课"})
    ids = [r["id"] for r in store.list("session")]
    assert ids == sorted(ids)  # same date: by id


def test_campaigns_are_listed_by_start_month(store: Store) -> None:
    for start in ("2026-04", "2025-12", "2026-01"):
        store.add(
            "campaign",
            {"kind": "talk", "title": start, "start": start, "end": "2026-12", "monthly_quota": 1},
        )
    assert [r["start"] for r in store.list("campaign")] == ["2025-12", "2026-01", "2026-04"]
    assert [r["start"] for r in store.list("campaign", "2026-01-01", "2026-03-31")] == ["2026-01"]


def test_people_sort_by_name(store: Store) -> None:
    for name in ("王芳", "李强", "Adam"):
        store.add("person", {"name": name})
    assert [r["name"] for r in store.list("person")] == ["Adam", "李强", "王芳"]


@pytest.mark.parametrize("action", ["add", "update", "delete"])
def test_undo_restores_exactly_the_previous_state(store: Store, action: str) -> None:
    kept = store.add(
        "study", {"date": "2026-03-01", "points": 7, "items": {"登录": 1, "四人赛": 6}}
    )
    target = store.add("person", {"name": "李强", "birthday": "02-29"})
    before = everything(store)
    if action == "add":
        store.add("person", {"name": "王芳"})
    elif action == "update":
        store.update("person", target["id"], {"dept": "财务科", "note": "换了部门"})
    else:
        store.delete("person", target["id"])
    assert everything(store) != before
    message = store.undo()
    assert everything(store) == before
    assert store.get("study", kept["id"]) == kept
    assert {"add": "added", "update": "edited", "delete": "deleted"}[action] in message
    store.undo()  # and further back: the person added before
    assert store.get("person", target["id"]) is None
    store.undo()
    assert everything(store) == {kind: [] for kind in everything(store)}
    with pytest.raises(RecordError):
        store.undo()  # nothing older


def test_listeners_hear_every_change(store: Store) -> None:
    heard: list[Change | None] = []
    store.subscribe(heard.append)
    record = store.add("study", {"points": 3})
    store.update("study", record["id"], {"points": 4})
    store.undo()
    assert [c.action if c else None for c in heard] == ["add", "update", None]
    assert heard[1].before["points"] == 3 and heard[1].after["points"] == 4
    with pytest.raises(RecordError):
        store.add("study", {"points": -1})
    assert len(heard) == 3  # a refused change is not announced
    with store.transaction() as data:  # many records at once (an import): announced once
        data["person"] = {"1": store.prepare("person", {"name": "李强"})}
    store.save_settings({"study_target": 35})
    assert heard[3:] == [None, None]


def test_two_stores_on_one_file_never_drop_each_others_changes(db: Path) -> None:
    one, two = Store(db, today=TODAY), Store(db, today=TODAY)
    one.add("study", {"date": "2026-03-01", "points": 1})
    assert two.records("study")  # two has read (and cached) the file
    one.add("study", {"date": "2026-03-02", "points": 2})
    two.add("study", {"date": "2026-03-03", "points": 3})  # must re-read before writing
    assert sorted(r["date"] for r in one.records("study")) == [
        "2026-03-01",
        "2026-03-02",
        "2026-03-03",
    ]


def test_reads_are_served_from_memory_until_the_file_changes(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = Store(db, today=TODAY)
    writer.add("study", {"points": 1})
    parses: list[int] = []
    real = storage.parse_data
    monkeypatch.setattr(
        storage, "parse_data", lambda raw, path: parses.append(1) or real(raw, path)
    )
    reader = Store(db, today=TODAY)
    for _ in range(5):
        assert len(reader.records("study")) == 1
    assert len(parses) == 1
    writer.add("study", {"date": "2026-03-01", "points": 2})
    assert len(reader.records("study")) == 2
    assert len(parses) == 2
    reader.add("study", {"date": "2026-03-02", "points": 3})  # its own write needs no re-read
    assert len(reader.records("study")) == 3
    assert len(parses) == 2
    writer.add("study", {"date": "2026-03-03", "points": 4})  # the writer re-reads: 3
    reader.add("study", {"date": "2026-03-04", "points": 5})  # and so does the reader: 4
    assert len(parses) == 4
    assert len(reader.records("study")) == 5


def test_settings_follow_the_file_through_rereads(db: Path) -> None:
    """Another process replaces the file several times between two looks at the settings."""
    writer = Store(db, today=TODAY)
    versions = []
    for target in range(1, 61):
        writer.save_settings({"study_target": target})
        versions.append(db.with_name(f"v{target}.json"))
        versions[-1].write_bytes(db.read_bytes())  # each its own inode, moved in below
    reader = Store(db, today=TODAY)
    queue = iter(versions)
    for unseen in range(1, 10):
        looked_at = next(queue)
        os.replace(looked_at, db)
        assert reader.settings["study_target"] == int(looked_at.stem[1:])
        for _ in range(unseen):
            os.replace(next(queue), db)
            assert reader.data  # re-reads that do not ask for the settings


def test_settings_keep_defaults_and_user_changes(store: Store) -> None:
    assert store.settings["study_target"] == 30
    assert store.settings["study_items"]["四人赛"] == 10
    assert store.settings["backups_keep"] == 10
    store.save_settings({"study_target": 40, "categories": {"sports": ["冰壶"]}})
    fresh = Store(store.path)
    assert fresh.settings["study_target"] == 40
    assert fresh.settings["categories"]["sports"] == ["冰壶"]
    assert fresh.settings["categories"]["occasions"][0] == "住院"


# backups -------------------------------------------------------------------------------


def on(day: str, db: Path) -> Store:
    return Store(db, today=pendulum.parse(day).date())


def test_first_change_of_a_day_makes_one_backup(db: Path) -> None:
    on("2026-03-01", db).add("study", {"points": 1})
    assert list_backups(db) == []  # a brand-new file has nothing to back up
    first_day = db.read_bytes()
    store = on("2026-03-02", db)
    with pytest.raises(RecordError):
        store.add("study", {"points": -1})
    assert list_backups(db) == []  # a refused change is not a change
    store.add("study", {"points": 2})
    backups = list_backups(db)
    assert len(backups) == 1 and "20260302" in backups[0].name
    assert backups[0].read_bytes() == first_day
    store.add("study", {"date": "2026-02-27", "points": 3})
    on("2026-03-02", db).add("person", {"name": "李强"})
    assert list_backups(db) == backups
    folder = db.parent / "backups"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600


def test_only_the_newest_backups_are_kept(db: Path) -> None:
    on("2026-03-01", db).save_settings({"backups_keep": 3})
    for day in range(2, 9):
        on(f"2026-03-{day:02d}", db).add("study", {"points": day})
    names = [p.name for p in list_backups(db)]
    assert len(names) == 3
    assert [n.split("-")[1] for n in names] == ["20260306", "20260307", "20260308"]
    contents = [json.loads(p.read_bytes()) for p in list_backups(db)]
    assert [len(c.get("study", {})) for c in contents] == [4, 5, 6]


def test_restore_brings_a_backup_back_and_keeps_the_replaced_file(db: Path) -> None:
    on("2026-03-01", db).add("study", {"points": 1})
    on("2026-03-02", db).add("study", {"points": 2})
    backup = list_backups(db)[0]
    replaced = db.read_bytes()
    store = on("2026-03-02", db)
    kept = restore_backup(store, backup.read_bytes())
    assert db.read_bytes() == backup.read_bytes()
    assert kept is not None and kept.read_bytes() == replaced
    assert [r["points"] for r in Store(db).records("study")] == [1]


def test_restore_works_when_the_current_file_is_corrupt(db: Path) -> None:
    on("2026-03-01", db).add("study", {"points": 1})
    on("2026-03-02", db).add("study", {"points": 2})
    backup = list_backups(db)[0]
    db.write_bytes(b"\x00garbage")
    store = on("2026-03-02", db)
    with pytest.raises(DataFileError):
        store.records("study")
    kept = restore_backup(store, backup.read_bytes())
    assert kept is not None and kept.read_bytes() == b"\x00garbage"
    assert [r["points"] for r in on("2026-03-02", db).records("study")] == [1]


def test_a_bad_backup_is_not_restored(db: Path) -> None:
    on("2026-03-01", db).add("study", {"points": 1})
    before = db.read_bytes()
    with pytest.raises(DataFileError):
        restore_backup(on("2026-03-01", db), b'{"not": "cadre"}')
    assert db.read_bytes() == before


# migrations ----------------------------------------------------------------------------


def test_an_old_file_is_backed_up_and_migrated_on_its_first_write_only(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = on("2026-03-01", db)
    record = old.add("person", {"name": "李强", "note": "v2"})
    original = db.read_bytes()

    def to_v3(data: dict[str, Any]) -> dict[str, Any]:
        for person in data.get("person", {}).values():
            person["note"] = person["note"] + " → v3"
        return data

    monkeypatch.setattr(migrate, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(storage, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(migrate, "MIGRATIONS", {**migrate.MIGRATIONS, 2: to_v3})
    store = on("2026-03-01", db)  # same day: no daily backup is due
    assert store.get("person", record["id"])["note"] == "v2 → v3"  # migrated in memory …
    assert store.get("person", record["id"])["note"] == "v2 → v3"  # … once per read of the file
    assert db.read_bytes() == original  # reading leaves an old file alone
    assert list_backups(db) == []
    store.add("person", {"name": "王芳"})
    backups = list_backups(db)
    assert [b.name.endswith("-migrate.json") for b in backups] == [True]
    assert backups[0].read_bytes() == original
    data = json.loads(db.read_bytes())
    assert data["_meta"]["1"]["schema_version"] == 3
    assert sorted(p["note"] for p in data["person"].values()) == ["", "v2 → v3"]
    store.add("person", {"name": "张伟"})
    assert len(list_backups(db)) == 1  # migrated once
    assert sorted(p["note"] for p in Store(db).records("person")) == ["", "", "v2 → v3"]


def test_a_refused_first_write_leaves_an_old_file_unmigrated(db: Path) -> None:
    db.parent.mkdir(mode=0o700)
    shutil.copyfile(Path(__file__).resolve().parents[1] / "fixtures" / "schema1.json", db)
    db.chmod(0o600)
    original = db.read_bytes()
    with pytest.raises(RecordError):
        on("2026-03-01", db).add("person", {"name": ""})
    assert db.read_bytes() == original
    assert list_backups(db) == []
