"""The undo journal on real files: what each change notes, undo across Stores, refusals that
change nothing, large imports, a torn last line, trimming, and a journal that cannot be used.

Every undo is checked against the file read afresh by another Store."""

from __future__ import annotations

import datetime
import os
import stat
from pathlib import Path
from typing import Any

import orjson
import pendulum
import pytest

from tui.core import exchange, importer, journal
from tui.core.journal import Journal
from tui.core.records import KINDS
from tui.core.store import RecordError, Store

TODAY = pendulum.date(2026, 11, 30)


def fresh(store: Store) -> Store:
    return Store(store.path, today=TODAY)


def people(store: Store) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in fresh(store).records("person")}


def test_each_change_is_noted_with_what_it_did(store: Store) -> None:
    talk = store.add("talk", {"date": "2026-11-03", "person": "王芳", "follow_up": "再谈"})
    store.update("talk", talk["id"], {"topic": "家里的事"})
    store.update("talk", talk["id"], {"follow_up_done": True})
    store.save_settings({"study_target": 35})
    store.delete("talk", talk["id"])
    actions = [entry.action for entry in fresh(store).undo_history()]
    assert actions == ["delete", "settings", "done", "update", "add"]
    added = fresh(store).undo_history()[-1]
    assert added.changes == [["talk", talk["id"], None, talk]]
    assert "2026-11-03" in added.describe() and talk["id"][:8] in added.describe()


def test_undo_walks_back_through_changes_made_by_other_stores(store: Store) -> None:
    one = store.add("person", {"name": "李强"})
    other = fresh(store)
    other.update("person", one["id"], {"dept": "财务科"})
    edited = people(store)[one["id"]]
    store.delete("person", one["id"])
    assert "deleted" in fresh(store).undo()
    assert people(store) == {one["id"]: edited}
    assert "edited" in other.undo()
    assert people(store) == {one["id"]: one}
    assert "added" in store.undo()
    assert people(store) == {}
    with pytest.raises(RecordError, match="nothing to undo"):
        fresh(store).undo()


def test_an_undo_is_refused_when_its_record_changed_since(store: Store) -> None:
    person = store.add("person", {"name": "李强"})
    raw = orjson.loads(store.path.read_bytes())
    raw["person"]["1"]["dept"] = "改过"  # a hand edit: no cadre process noted it
    store.path.write_bytes(orjson.dumps(raw))
    on_disk = store.path.read_bytes()
    with pytest.raises(RecordError) as refused:
        fresh(store).undo()
    assert person["id"][:8] in str(refused.value) and "changed since" in str(refused.value)
    assert store.path.read_bytes() == on_disk
    assert len(fresh(store).undo_history()) == 1  # still there, for after the record is put back


def test_a_large_import_is_undone_whole_and_a_record_it_replaced_comes_back(
    store: Store, tmp_path: Path
) -> None:
    kept = store.add("person", {"name": "旧名字"})
    source = Store(tmp_path / "source.json", today=TODAY)
    with source.transaction() as data:
        newer = kept | {"name": "新名字", "updated_at": "2026-11-29T08:00:00+00:00"}
        data["person"] = {"1": newer}
        data["study"] = {
            str(n): source.prepare(
                "study", {"date": pendulum.date(2020, 1, 1).add(days=n).isoformat(), "points": 5}
            )
            for n in range(journal.FULL_RECORDS_UP_TO + 200)
        }
    rows = [newer, *data["study"].values()]
    export = tmp_path / "export.json"
    export.write_bytes(exchange.export_json(source, (), None, None))
    assert importer.import_file(store, export).written
    entry = fresh(store).undo_history()[0]
    assert entry.action == "import" and len(entry.changes) == len(rows)
    assert all(isinstance(after, str) for *_, after in entry.changes)  # only `updated_at` kept
    assert "1201 records" in entry.describe()
    assert fresh(store).undo().endswith("import of 1201 records")
    assert people(store) == {kept["id"]: kept}
    assert fresh(store).records("study") == []


def test_a_large_change_is_refused_by_updated_at(store: Store) -> None:
    with store.transaction("import") as data:
        data["study"] = {
            str(n): store.prepare(
                "study", {"date": pendulum.date(2020, 1, 1).add(days=n).isoformat(), "points": 5}
            )
            for n in range(1, journal.FULL_RECORDS_UP_TO + 2)
        }
    first = fresh(store).records("study")[0]
    fresh(store).update("study", first["id"], {"points": 9})
    fresh(store).journal.mark_undone(fresh(store).undo_history()[0].id)  # as if the edit never was
    with pytest.raises(RecordError, match=first["id"][:8]):
        fresh(store).undo()


def test_a_torn_last_line_is_skipped_and_the_next_change_starts_a_fresh_line(store: Store) -> None:
    first = store.add("person", {"name": "李强"})
    with open(store.journal.path, "ab") as handle:
        handle.write(b'{"id": "cut-off-by-a-cra')
    assert [e.action for e in fresh(store).undo_history()] == ["add"]
    second = store.add("person", {"name": "王芳"})
    assert [e.changes[0][1] for e in fresh(store).undo_history()] == [second["id"], first["id"]]


def test_the_journal_keeps_the_newest_changes_as_the_settings_say(store: Store) -> None:
    store.save_settings({"undo_keep": 3})
    added = [store.add("person", {"name": f"人{n}"})["id"] for n in range(10)]
    assert len(store.journal.path.read_bytes().splitlines()) <= 2 * 3 + 1
    history = fresh(store).undo_history()
    assert [e.changes[0][1] for e in history][:3] == added[::-1][:3]
    assert len(history) <= 2 * 3


def test_the_journal_is_private(store: Store) -> None:
    store.add("person", {"name": "李强"})
    assert stat.S_IMODE(store.journal.path.stat().st_mode) == 0o600


@pytest.mark.parametrize("spoiled", ["junk", "folder", "symlink"])
def test_a_journal_that_cannot_be_used_never_blocks_the_data_file(
    store: Store, tmp_path: Path, spoiled: str
) -> None:
    target = tmp_path / "elsewhere"
    target.write_bytes(b"not mine")
    store.path.parent.mkdir(mode=0o700)
    if spoiled == "junk":
        store.journal.path.write_bytes(
            b'\x00\xff not json \n[1, 2]\n{"id": "x", "at": "t", "action": "add", "changes": 5}\n'
            b'{"id": "y", "at": "t", "action": "add", "changes": [["person", 1, 2, 3]]}\n'
        )
    elif spoiled == "folder":
        store.journal.path.mkdir()
    else:
        store.journal.path.symlink_to(target)
    person = store.add("person", {"name": "李强"})
    assert people(store) == {person["id"]: person}
    assert target.read_bytes() == b"not mine"
    if spoiled == "junk":
        assert [e.action for e in fresh(store).undo_history()] == ["add"]
    else:
        assert any("undo journal" in warning for warning in store.warnings)
        assert fresh(store).undo_history() == []
        with pytest.raises(RecordError, match="nothing to undo"):
            fresh(store).undo()


def test_what_a_change_touched_is_worked_out_from_the_tables_it_replaced(store: Store) -> None:
    store.add("person", {"name": "李强"})
    old = fresh(store).data
    new = dict(old)
    assert journal.changes_between(old, new) == []
    new["person"] = dict(old["person"])  # replaced, yet the same records
    assert journal.changes_between(old, new) == []
    new["settings"] = {"1": {"study_target": 40}}
    assert journal.changes_between(old, new) == [["settings", None, None, {"study_target": 40}]]


def test_a_journal_beside_a_file_is_named_after_it(tmp_path: Path) -> None:
    assert Journal(tmp_path / "my.json").path == tmp_path / "my.json.journal"
    assert not os.path.exists(tmp_path / "my.json.journal")  # made by the first change only


def test_a_large_import_into_a_missing_file_is_undone_to_an_empty_file(
    store: Store, tmp_path: Path
) -> None:
    source = Store(tmp_path / "source.json", today=TODAY)
    with source.transaction() as data:
        data["person"] = {"1": source.prepare("person", {"name": "王芳"})}
        data["study"] = {
            str(n): source.prepare(
                "study", {"date": pendulum.date(2020, 1, 1).add(days=n).isoformat(), "points": 5}
            )
            for n in range(journal.FULL_RECORDS_UP_TO + 10)
        }
    export = tmp_path / "export.json"
    export.write_bytes(exchange.export_json(source, (), None, None))
    assert not store.path.exists()
    assert importer.import_file(store, export).written
    entry = fresh(store).undo_history()[0]
    assert [tuple(change[:2]) for change in entry.changes] == sorted(
        [("person", data["person"]["1"]["id"])]
        + [("study", r["id"]) for r in data["study"].values()]
    ) and all(change[2] is None for change in entry.changes)
    fresh(store).undo()
    assert all(fresh(store).records(kind) == [] for kind in ("person", "study"))


@pytest.mark.parametrize("stored", [False, True], ids=["into an empty file", "into a used one"])
@pytest.mark.parametrize("many", [False, True], ids=["full records", "only updated_at"])
def test_an_import_notes_what_comparing_the_whole_file_would_find(
    store: Store, tmp_path: Path, stored: bool, many: bool
) -> None:
    """The import hands the journal its own list of changes: the same line as changes_between."""
    stamp = "2026-11-29T08:00:00+00:00"
    source = Store(tmp_path / "source.json", today=TODAY)
    if stored:  # replaced (newer in the file), kept (older in the file), identical, left alone
        replaced, kept, same = (store.add("person", {"name": n}) for n in ("甲", "乙", "丙"))
        store.add("person", {"name": "丁"})
        store.add("study", {"date": "2019-01-01", "points": 3})
        rows = [replaced | {"name": "甲二", "updated_at": stamp}, kept, same]
        rows[1] = kept | {"name": "乙旧", "updated_at": "2000-01-01T00:00:00+00:00"}
    else:
        rows = []
    count = journal.FULL_RECORDS_UP_TO + 5 if many else 20
    with source.transaction() as data:
        data["person"] = {
            str(n): r for n, r in enumerate(rows + [source.prepare("person", {"name": "新"})], 1)
        }
        data["study"] = {
            str(n): source.prepare(
                "study", {"date": pendulum.date(2020, 1, 1).add(days=n).isoformat(), "points": 5}
            )
            for n in range(count)
        }
        data["event"] = {"1": source.prepare("event", {"date": "2026-11-02", "sport": "拔河"})}
    export = tmp_path / "export.json"
    export.write_bytes(exchange.export_json(source, (), None, None))
    before = fresh(store).data
    assert importer.import_file(store, export).written
    line = orjson.loads(store.journal.path.read_bytes().splitlines()[-1])
    expected = journal.changes_between(before, fresh(store).data)
    assert line["action"] == "import" and line["changes"] == expected
    assert len(expected) == count + 2 + stored  # the studies, the event, new and replaced persons
    fresh(store).undo()
    after_undo = fresh(store).data
    assert all(dict(after_undo.get(name, {})) == dict(before.get(name, {})) for name in KINDS)


def test_a_one_record_change_notes_what_comparing_the_whole_file_would_find(store: Store) -> None:
    """add, update and delete hand the journal their own change: the line changes_between gives
    (and an update that changes no value, in the same second, notes nothing)."""
    moment = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)
    store.now = lambda settings=None: moment  # type: ignore[method-assign]
    store.add("study", {"date": "2026-11-01", "points": 30})

    def noted(change: Any) -> tuple[list[Any], list[Any]]:
        before = fresh(store).data
        lines = store.journal.path.read_bytes().splitlines()
        change()
        after = store.journal.path.read_bytes().splitlines()
        new_lines = [orjson.loads(line)["changes"] for line in after[len(lines) :]]
        return new_lines, [journal.changes_between(before, fresh(store).data)]

    talk: dict[str, Any] = {}
    for change in (
        lambda: talk.update(store.add("talk", {"date": "2026-11-03", "person": "王芳"})),
        lambda: store.update("talk", talk["id"], {"topic": "家里的事"}),
        lambda: store.delete("talk", talk["id"]),
    ):
        lines, expected = noted(change)
        assert lines == expected and expected[0]
    study = fresh(store).records("study")[0]
    lines, expected = noted(lambda: store.update("study", study["id"], {"points": 30}))
    assert expected == [[]] and lines == []
