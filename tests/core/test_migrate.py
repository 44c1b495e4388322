"""Schema 2 on real files: a schema-1 data file (tests/fixtures/schema1.json) is read as schema 2,
backed up and migrated by its first write; a version-1 export (made by cadre 1) still imports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import orjson
import pendulum
import pytest
from jsonschema import Draft202012Validator

from tui.core import exchange, importer
from tui.core.records import KINDS
from tui.core.storage import list_backups
from tui.core.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCHEMA_1 = FIXTURES / "schema1.json"  # a data file as cadre wrote it before schema 2
EXPORT_1 = FIXTURES / "export-v1.json"  # that file exported by the same cadre (version 1)
TODAY = pendulum.date(2026, 3, 18)
VALIDATOR = Draft202012Validator(json.loads(Path(exchange.SCHEMA_FILE).read_text(encoding="utf-8")))


@pytest.fixture
def old_file(db: Path) -> Path:
    """A private copy of the schema-1 fixture."""
    db.parent.mkdir(mode=0o700)
    shutil.copyfile(SCHEMA_1, db)
    db.chmod(0o600)
    return db


def as_schema_2(visit: dict[str, Any]) -> dict[str, Any]:
    """A schema-1 visit with follow_up_done false, in the key order of the visit kind."""
    return KINDS["visit"].canonical(visit | {"follow_up_done": False})


def test_the_fixture_is_a_schema_1_file_with_every_kind() -> None:
    data = json.loads(SCHEMA_1.read_bytes())
    assert data["_meta"]["1"]["schema_version"] == 1
    assert all(data.get(name) for name in KINDS)
    assert not any("follow_up_done" in visit for visit in data["visit"].values())


def test_a_schema_1_file_is_read_as_schema_2_and_left_as_it_is(old_file: Path) -> None:
    old = json.loads(SCHEMA_1.read_bytes())
    store = Store(old_file, today=TODAY)
    visits = store.records("visit")
    assert visits == [as_schema_2(v) for v in old["visit"].values()]
    assert visits and all(list(v) == list(KINDS["visit"].field_names) for v in visits)
    for name in KINDS:
        if name != "visit":
            assert store.records(name) == list(old[name].values())
        for record in store.records(name):
            assert store.check(name, record) == [], (name, record)
    assert store.settings["timezone"] == "Asia/Shanghai"
    assert old_file.read_bytes() == SCHEMA_1.read_bytes()
    assert list_backups(old_file) == []


def test_the_first_write_backs_the_file_up_and_makes_it_schema_2(old_file: Path) -> None:
    old = json.loads(SCHEMA_1.read_bytes())
    added = Store(old_file, today=TODAY).add("person", {"name": "赵敏"})
    [backup] = list_backups(old_file)
    assert backup.name.endswith("-migrate.json")
    assert backup.read_bytes() == SCHEMA_1.read_bytes()
    data = json.loads(old_file.read_bytes())
    assert data["_meta"]["1"]["schema_version"] == 2
    assert list(data["visit"].values()) == [as_schema_2(v) for v in old["visit"].values()]
    assert data["visit"] and all(v["follow_up_done"] is False for v in data["visit"].values())
    assert list(data["person"].values()) == [*old["person"].values(), added]
    for name in KINDS.keys() - {"visit", "person"}:
        assert data[name] == old[name]
    assert data["settings"] == old["settings"]
    Store(old_file, today=TODAY).add("person", {"name": "孙浩"})
    assert len(list_backups(old_file)) == 1  # migrated once, and the day is backed up already


def test_a_visit_of_a_schema_1_file_can_be_marked_done(old_file: Path) -> None:
    store = Store(old_file, today=TODAY)
    visit = next(v for v in store.records("visit") if v["follow_up_due"] == "2026-03-01")
    store.update("visit", visit["id"], {"follow_up_done": True})
    saved = json.loads(old_file.read_bytes())["visit"]
    assert [v["follow_up_done"] for v in saved.values() if v["id"] == visit["id"]] == [True]


def test_the_export_of_a_schema_1_file_is_a_valid_version_2_export(old_file: Path) -> None:
    document = orjson.loads(exchange.export_json(Store(old_file, today=TODAY)))
    VALIDATOR.validate(document)
    assert document["version"] == 2
    assert [v["follow_up_done"] for v in document["records"]["visit"]] == [False] * 3
    assert old_file.read_bytes() == SCHEMA_1.read_bytes()


# a version-1 export -------------------------------------------------------------------------


def test_a_version_1_export_imports_into_an_empty_file_and_exports_losing_nothing(
    db: Path,
) -> None:
    old = json.loads(EXPORT_1.read_bytes())
    assert old["version"] == 1 and not VALIDATOR.is_valid(old)  # the schema is version 2's
    store = Store(db, today=TODAY)
    summary = importer.import_file(store, EXPORT_1)
    assert summary.ok and summary.written, summary.problems
    assert {name: c.added for name, c in summary.counts.items()} == {
        name: len(rows) for name, rows in old["records"].items()
    }
    document = orjson.loads(exchange.export_json(Store(db, today=TODAY)))
    VALIDATOR.validate(document)
    expected = {
        name: [as_schema_2(r) if name == "visit" else r for r in rows]
        for name, rows in old["records"].items()
    }
    assert document["records"] == expected
    assert json.loads(db.read_bytes())["_meta"]["1"]["schema_version"] == 2


def test_a_version_1_export_imported_again_is_identical(old_file: Path) -> None:
    summary = importer.import_file(Store(old_file, today=TODAY), EXPORT_1)
    assert summary.ok and not summary.written
    assert all(c.identical and not (c.added or c.replaced) for c in summary.counts.values())
    assert old_file.read_bytes() == SCHEMA_1.read_bytes()


def test_a_version_1_visit_that_has_follow_up_done_is_refused(db: Path) -> None:
    document = json.loads(EXPORT_1.read_bytes())
    document["records"]["visit"][1]["follow_up_done"] = True
    summary = importer.import_bytes(Store(db, today=TODAY), orjson.dumps(document), "v1.json")
    assert [str(p) for p in summary.problems] == [
        "records.visit[1].follow_up_done: is not part of a cadre export"
    ]
    assert not db.exists()


def test_a_version_2_visit_without_follow_up_done_is_refused(db: Path) -> None:
    document = json.loads(EXPORT_1.read_bytes())
    document["version"] = 2
    summary = importer.import_bytes(Store(db, today=TODAY), orjson.dumps(document), "v2.json")
    assert [str(p) for p in summary.problems] == [
        f"records.visit[{n}].follow_up_done: is missing" for n in range(3)
    ]
    assert not db.exists()
