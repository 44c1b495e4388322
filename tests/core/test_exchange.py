"""Export, CSV, schema and import in the core: format, order, filters, merge rules, every problem.

Every export made here is validated against the committed JSON Schema."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import zipfile
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from tui.core import display, exchange, importer
from tui.core.records import COMMON_FIELDS, KINDS
from tui.core.store import Store

VALIDATOR = Draft202012Validator(json.loads(Path(exchange.SCHEMA_FILE).read_text(encoding="utf-8")))
HOSTILE = "a\x1b[2J\x1b]0;pwned\x07\u202egnp.exe\u200b\u2066\x9b\x7f\x00\ufeffz"


def exported(store: Store, **options: Any) -> dict[str, Any]:
    """An export parsed back, after checking it against the schema."""
    document = orjson.loads(exchange.export_json(store, **options))
    VALIDATOR.validate(document)
    return document


def without_stamp(payload: bytes) -> bytes:
    return re.sub(rb'\n  "exported_at": "[^"]+",\n', b"\n", payload)


def fill(store: Store) -> dict[str, dict[str, Any]]:
    """One or more records of every kind, added out of date order; returns them by a short name."""
    essay_campaign = store.add(
        "campaign",
        {
            "kind": "essay",
            "title": "喜迎二十大",
            "start": "2026-01",
            "end": "2026-06",
            "monthly_quota": 1,
        },
    )
    talk_campaign = store.add(
        "campaign",
        {
            "kind": "talk",
            "title": "谈心谈话月",
            "start": "2025-12",
            "end": "2026-03",
            "monthly_quota": 2,
            "organizer": "机关党委",
        },
    )
    return {
        "study_late": store.add("study", {"date": "2026-03-10", "points": 41, "total": 9000}),
        "study_early": store.add(
            "study", {"date": "2026-03-02", "points": 13, "items": {"登录": 1, "选读文章": 12}}
        ),
        "session": store.add(
            "session", {"date": "2026-02-11", "kind": "党课", "topic": "党章", "hours": "1.5"}
        ),
        "essay_campaign": essay_campaign,
        "talk_campaign": talk_campaign,
        "essay": store.add(
            "essay",
            {
                "campaign_id": essay_campaign["id"],
                "title": "我的初心",
                "date": "2026-02-20",
                "words": 3200,
                "status": "获奖",
                "award": "二等",
            },
        ),
        "talk": store.add(
            "talk",
            {
                "campaign_id": talk_campaign["id"],
                "date": "2026-03-05",
                "person": "王芳",
                "follow_up": "联系医院",
                "follow_up_due": "2026-03-20",
                "note": HOSTILE,
            },
        ),
        "event": store.add(
            "event",
            {"date": "2026-01-15", "time": "15:30", "sport": "拔河", "result": "2:1", "rank": 1},
        ),
        "visit": store.add(
            "visit",
            {
                "date": "2026-02-01",
                "occasion": "住院",
                "person": "李强",
                "visitors": ["张伟", "赵敏"],
                "amount": "500.50",
            },
        ),
        "person": store.add("person", {"name": "陈静", "birthday": "12-03", "phone": "1380"}),
    }


# export --------------------------------------------------------------------------------------


def test_export_holds_every_kind_sorted_by_date_then_id_with_keys_in_the_fixed_order(
    store: Store,
) -> None:
    made = fill(store)
    payload = exchange.export_json(store)
    document = orjson.loads(payload)
    VALIDATOR.validate(document)
    assert list(document) == ["format", "version", "exported_at", "filter", "records"]
    assert (document["format"], document["version"]) == ("cadre-export", 2)
    assert re.fullmatch(r"2026-03-18T\d\d:\d\d:\d\d[+-]\d\d:\d\d", document["exported_at"])
    assert document["filter"] == {"kinds": list(KINDS), "since": None, "until": None}
    assert list(document["records"]) == list(KINDS)
    for name, records in document["records"].items():
        kind = KINDS[name]
        assert records, name  # fill() made every kind: the checks below see real records
        assert records == sorted(records, key=kind.sort_key)
        assert [list(r) for r in records] == [list(kind.field_names)] * len(records)
        assert len(records) == len(store.records(name))
    assert [r["id"] for r in document["records"]["study"]] == [
        made["study_early"]["id"],
        made["study_late"]["id"],
    ]
    assert payload.startswith(b'{\n  "format": "cadre-export",\n')
    assert payload.endswith(b"}\n")
    assert "喜迎二十大".encode() in payload  # CJK as is, not \u escapes


@st.composite
def records_in_any_key_order(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]]]:
    """Records of one kind as a hand-edited file may hold them: most keys in the fixed order,
    some shuffled, some missing, some extra."""
    name = draw(st.sampled_from(list(KINDS)))
    order = list(KINDS[name].field_names)
    shapes = st.one_of(
        st.just(order),
        st.permutations(order),
        st.lists(st.sampled_from(order), unique=True),
        st.permutations(order).map(lambda keys: [*keys, "extra"]),
    )
    rows = [dict.fromkeys(keys, "v") for keys in draw(st.lists(shapes, max_size=6))]
    return name, rows


@given(records_in_any_key_order())
def test_in_order_gives_every_record_its_keys_in_the_fixed_order(
    made: tuple[str, list[dict[str, Any]]],
) -> None:
    name, rows = made
    kind, order = KINDS[name], tuple(KINDS[name].field_names)
    expected = [record if tuple(record) == order else kind.canonical(record) for record in rows]
    ordered = exchange.in_order(kind, rows)
    assert [list(record.items()) for record in ordered] == [
        list(record.items()) for record in expected
    ]


def test_two_exports_of_the_same_data_are_byte_identical_apart_from_exported_at(
    store: Store,
) -> None:
    fill(store)
    first = exchange.export_json(store)
    again = exchange.export_json(Store(store.path, today=store.today()))
    assert without_stamp(first) == without_stamp(again)
    assert without_stamp(first) != first


def test_export_filters_by_kind_and_period_and_says_so(store: Store) -> None:
    made = fill(store)
    document = exported(store, kinds=["talk", "study"], since="2026-03-03", until="2026-03-31")
    assert document["filter"] == {
        "kinds": ["study", "talk"],
        "since": "2026-03-03",
        "until": "2026-03-31",
    }
    records = document["records"]
    assert [r["id"] for r in records["study"]] == [made["study_late"]["id"]]
    assert [r["id"] for r in records["talk"]] == [made["talk"]["id"]]
    others = [name for name in KINDS if name not in ("study", "talk")]
    assert {name: records[name] for name in others} == dict.fromkeys(others, [])


def test_hostile_text_is_exported_as_json_escapes_and_reads_back_unchanged(store: Store) -> None:
    made = fill(store)
    payload = exchange.export_json(store)
    text = payload.decode()
    for char in "\x1b\x07\u202e\u200b\u2066\x9b\x7f\x00\ufeff":
        assert char not in text
    assert "\\u001b[2J" in text and "\\u202e" in text and "\\u009b" in text
    (talk,) = orjson.loads(payload)["records"]["talk"]
    assert talk["note"] == HOSTILE == made["talk"]["note"]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_escaping_bytes_equals_escaping_text(text: str) -> None:
    payload = orjson.dumps({"text": text}, option=orjson.OPT_INDENT_2)
    expected = display.escape_json(payload.decode()).encode()
    assert exchange.escape_json_bytes(payload) == expected
    assert orjson.loads(expected) == {"text": text}


def test_escaping_bytes_agrees_with_display_on_every_character() -> None:
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        payload = orjson.dumps(f"a{chr(code)}b")
        expected = display.escape_json(payload.decode()).encode()
        assert exchange.escape_json_bytes(payload) == expected, hex(code)


def test_escaping_bytes_finds_a_character_after_many_harmless_ones() -> None:
    """Past the loop of finds a regex pass takes over (text with very many quotation marks)."""
    payload = orjson.dumps("，" + "“" * 30_000 + "\u202e")
    assert exchange.escape_json_bytes(payload) == display.escape_json(payload.decode()).encode()
    assert b"\\u202e" in exchange.escape_json_bytes(payload)


def test_write_export_makes_a_private_file_in_a_private_new_folder(
    store: Store, tmp_path: Path
) -> None:
    fill(store)
    target = tmp_path / "out" / "deeper" / "cadre-export.json"
    exchange.export_to(store, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert sorted(os.listdir(target.parent)) == ["cadre-export.json"]
    VALIDATOR.validate(orjson.loads(target.read_bytes()))


# schema --------------------------------------------------------------------------------------


def test_committed_schema_is_the_one_generated_from_the_record_definitions() -> None:
    assert Path(exchange.SCHEMA_FILE).read_bytes() == exchange.schema_bytes()
    Draft202012Validator.check_schema(exchange.export_schema())


def test_schema_names_every_field_of_every_kind_and_refuses_a_wrong_type(store: Store) -> None:
    schema = exchange.export_schema()
    for name, kind in KINDS.items():
        assert schema["$defs"][name]["required"] == list(kind.field_names)
    fill(store)
    document = exported(store)
    document["records"]["study"][0]["points"] = "41"
    assert not VALIDATOR.is_valid(document)
    del document["records"]["person"]
    assert not VALIDATOR.is_valid(document)


# CSV -----------------------------------------------------------------------------------------


def read_back(kind_name: str, payload: bytes) -> list[dict[str, Any]]:
    """Rows of one kind's CSV turned back into values by the documented rules: an empty cell of a
    field that may be null is null, ints are digits, booleans true/false, lists and maps JSON."""
    assert payload.startswith("\ufeff".encode())
    kind = KINDS[kind_name]
    rows = list(csv.reader(io.StringIO(payload.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(kind.field_names)
    records = []
    for row in rows[1:]:
        record: dict[str, Any] = {}
        for name, cell in zip(rows[0], row, strict=True):
            field = None if name in COMMON_FIELDS else kind.field(name)
            if field is None or field.type in {"text", "choice"}:
                record[name] = cell
            elif cell == "" and field.nullable:
                record[name] = None
            elif field.type == "int":
                record[name] = int(cell)
            elif field.type == "bool":
                record[name] = {"true": True, "false": False}[cell]
            elif field.type in {"names", "items"}:
                record[name] = json.loads(cell)
            else:
                record[name] = cell
        records.append(record)
    return records


@pytest.mark.parametrize("name", list(KINDS))
def test_the_csv_of_each_kind_reads_back_to_the_same_values(store: Store, name: str) -> None:
    fill(store)
    tricky = 'comma, "quote", new\nline, ' + HOSTILE
    first = sorted(store.records(name), key=KINDS[name].sort_key)[0]
    store.update(name, first["id"], {"note": tricky})
    payload = exchange.export_csv(store, kinds=[name])
    assert read_back(name, payload) == store.list(name)
    assert any(r["note"] == tricky for r in read_back(name, payload))


def test_the_csv_of_several_kinds_is_a_zip_of_one_csv_per_kind(store: Store) -> None:
    fill(store)
    payload = exchange.export_csv(store, kinds=["visit", "study", "talk"])
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        assert archive.namelist() == ["study.csv", "talk.csv", "visit.csv"]
        for name in ("study", "talk", "visit"):
            inner = archive.read(f"{name}.csv")
            assert inner == exchange.export_csv(store, kinds=[name])
            assert read_back(name, inner) == store.list(name)


# import --------------------------------------------------------------------------------------


def summary_counts(summary: importer.ImportSummary) -> dict[str, tuple[int, int, int, int]]:
    return {
        name: (c.added, c.replaced, c.identical, c.older)
        for name, c in summary.counts.items()
        if (c.added, c.replaced, c.identical, c.older) != (0, 0, 0, 0)
    }


def test_import_adds_new_skips_identical_replaces_newer_and_keeps_newer_stored(
    store: Store, tmp_path: Path
) -> None:
    made = fill(store)
    document = exported(store)
    records = document["records"]
    newer = dict(records["event"][0], result="3:0", updated_at="2099-01-01T00:00:00+08:00")
    older = dict(records["visit"][0], amount="1", updated_at="2000-01-01T00:00:00+08:00")
    added = dict(records["person"][0], id="6f1c1d3e-8a4b-4c2d-9e8f-0a1b2c3d4e5f", name="徐婷")
    records["event"][0], records["visit"][0] = newer, older
    records["person"].append(added)
    before = store.path.read_bytes()
    preview = importer.import_bytes(store, orjson.dumps(document), "x.json", dry_run=True)
    assert preview.ok and not preview.written
    assert store.path.read_bytes() == before
    summary = importer.import_bytes(store, orjson.dumps(document), "x.json")
    assert summary.ok and summary.written
    assert summary_counts(summary) == summary_counts(preview)
    assert summary_counts(summary) == {
        "study": (0, 0, 2, 0),
        "session": (0, 0, 1, 0),
        "campaign": (0, 0, 2, 0),
        "essay": (0, 0, 1, 0),
        "talk": (0, 0, 1, 0),
        "event": (0, 1, 0, 0),
        "visit": (0, 0, 0, 1),
        "person": (1, 0, 1, 0),
    }
    again = Store(store.path, today=store.today())
    assert again.get("event", made["event"]["id"])["result"] == "3:0"
    assert again.get("visit", made["visit"]["id"]) == made["visit"]
    assert again.get("person", added["id"]) == added
    assert summary.backup is not None and summary.backup.name.endswith("-import.json")
    assert summary.backup.read_bytes() == before
    header, *rows, closing, backup_line = summary.report().splitlines()
    assert header.split() == ["kind", "added", "replaced", "identical", "older"]
    counted = {name: (0, 0, 0, 0) for name in KINDS} | summary_counts(summary)
    assert [row.split() for row in rows] == [
        [name, *map(str, counted[name])] for name in KINDS
    ]  # each kind's row holds its own counts, under the right column
    assert closing == "imported from x.json: 2 added or replaced"
    assert backup_line.endswith(str(summary.backup))


def test_importing_an_export_into_the_same_store_changes_nothing(store: Store) -> None:
    fill(store)
    before = store.path.read_bytes()
    summary = importer.import_bytes(store, exchange.export_json(store), "same.json")
    assert summary.ok and not summary.written and summary.backup is None
    identical = {name: c.identical for name, c in summary.counts.items()}
    assert identical == {name: len(store.records(name)) for name in KINDS}
    assert min(identical.values()) >= 1  # fill() made every kind
    assert store.path.read_bytes() == before


def problems_of(store: Store, document: dict[str, Any]) -> list[str]:
    before = store.path.read_bytes() if store.path.exists() else None
    summary = importer.import_bytes(store, orjson.dumps(document), "bad.json")
    assert not summary.ok and not summary.written
    assert (store.path.read_bytes() if store.path.exists() else None) == before
    return [str(p) for p in summary.problems]


def test_every_problem_is_reported_with_its_json_path(store: Store) -> None:
    made = fill(store)
    document = exported(store)
    records = document["records"]
    records["talk"][0]["follow_up_due"] = "2026-02-30"
    records["study"][0]["points"] = "many"
    records["study"][1]["bogus"] = 1
    records["essay"][0]["campaign_id"] = "0b7e5d9a-1111-4222-8333-444455556666"
    records["event"].append(dict(records["event"][0]))
    records["visit"].append(dict(records["visit"][0], id=made["person"]["id"]))
    records["person"].append("not a record")
    assert problems_of(store, document) == [
        "records.study[0].points: expected an integer ≥ 0",
        "records.study[1].bogus: is not a field of this kind",
        "records.talk[0].follow_up_due: not a date (2026-02-30); use YYYY-MM-DD, M-D, MM/DD, "
        "today, yesterday or -N",
        "records.person[1]: expected an object",
        f"records.event[1].id: the id {made['event']['id']} is also used by records.event[0]",
        f"records.person[0].id: the id {made['person']['id']} is also used by records.visit[1]",
        f"records.visit[1].id: the id {made['person']['id']} belongs to a person record in the "
        "data file",
        "records.essay[0].campaign_id: no campaign has the id 0b7e5d9a-1111-4222-8333-444455556666",
    ]


def test_a_second_study_for_a_date_is_refused_in_the_file_and_against_the_store(
    store: Store,
) -> None:
    made = fill(store)
    document = exported(store)
    twin = dict(document["records"]["study"][0], id="1d0c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
    document["records"]["study"].append(twin)
    assert problems_of(store, document) == [
        "records.study[2].date: there is already a study record for 2026-03-02 "
        f"(id {made['study_early']['id']})"
    ]
    alone = exported(store, kinds=["study"])
    alone["records"]["study"] = [twin]
    assert problems_of(store, alone) == [
        "records.study[0].date: there is already a study record for 2026-03-02 "
        f"(id {made['study_early']['id']})"
    ]


def test_links_are_checked_against_the_file_and_the_store(store: Store, tmp_path: Path) -> None:
    made = fill(store)
    document = exported(store, kinds=["essay", "talk"])  # campaigns are in the store only
    assert importer.import_bytes(store, orjson.dumps(document), "ok.json").ok
    document["records"]["talk"][0]["campaign_id"] = made["essay_campaign"]["id"]
    document["records"]["talk"][0]["updated_at"] = "2099-01-01T00:00:00+08:00"
    assert problems_of(store, document) == [
        f"records.talk[0].campaign_id: campaign {made['essay_campaign']['id']} is not a campaign "
        "for talk"
    ]
    empty = Store(tmp_path / "empty" / "cadre.json", today=store.today())
    assert problems_of(empty, exported(store, kinds=["essay"])) == [
        f"records.essay[0].campaign_id: no campaign has the id {made['essay_campaign']['id']}"
    ]
    both = importer.import_bytes(
        empty, exchange.export_json(store, kinds=["essay", "campaign"]), ""
    )
    assert both.ok and both.written
    assert empty.get("essay", made["essay"]["id"]) == made["essay"]


def test_an_id_stored_under_another_kind_is_refused(store: Store) -> None:
    made = fill(store)
    document = exported(store, kinds=["event"])
    document["records"]["event"][0]["id"] = made["visit"]["id"]
    assert problems_of(store, document) == [
        f"records.event[0].id: the id {made['visit']['id']} belongs to a visit record in the "
        "data file"
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "the file is empty"),
        (b" \n\t ", "the file is empty"),
        (b"{not json", "not valid JSON ("),
        (b'{"format": "cadre-export", "version": 1, "rec', "not valid JSON (unexpected end of"),
        (b"[1, 2, 3]", "not a cadre-export file"),
        (b'{"format": "jrnl", "version": 1}', 'format: the format is "jrnl", expected "cadre-'),
        (b'{"version": 1}', "format: is missing"),
        (b'{"format": "cadre-export"}', "version: is missing"),
        (b'{"format": "cadre-export", "version": 3}', "version: export version 3 is newer"),
        (
            b'{"format": "cadre-export", "version": true}',
            "version: the version is true, expected 2",
        ),
        (b'{"format": "cadre-export", "version": "1"}', 'version: the version is "1", expected 2'),
        (b'{"format": "cadre-export", "version": 0}', "version: the version is 0, expected 2"),
    ],
)
def test_a_file_that_is_not_a_readable_export_is_refused_at_once(
    store: Store, raw: bytes, expected: str
) -> None:
    summary = importer.import_bytes(store, raw, "f.json")
    assert [str(p) for p in summary.problems][0].startswith(expected)
    assert len(summary.problems) == 1 and not store.path.exists()


def test_the_envelope_is_checked_key_by_key(store: Store) -> None:
    document = exported(store)
    document["extra"] = 1
    document["exported_at"] = "yesterday"
    document["filter"] = {"kinds": ["study", "diary"], "since": "2026-13-01", "until": None}
    document["records"]["diary"] = []
    del document["records"]["visit"]
    document["records"]["person"] = {}
    assert problems_of(store, document) == [
        "extra: is not part of a cadre export",
        "exported_at: expected an ISO-8601 time with offset (yesterday)",
        "filter.kinds[1]: unknown kind 'diary' (choose from study, session, campaign, essay, "
        "talk, event, visit, person)",
        "filter.since: not a date (2026-13-01); use YYYY-MM-DD, M-D, MM/DD, today, yesterday or -N",
        "records.diary: unknown kind 'diary' (choose from study, session, campaign, essay, talk, "
        "event, visit, person)",
        "records.visit: is missing",
        "records.person: expected a list",
    ]


def test_a_missing_envelope_key_is_one_problem(store: Store) -> None:
    document = {"format": "cadre-export", "version": 1}
    assert problems_of(store, document) == [
        "exported_at: is missing",
        "filter: is missing",
        "records: is missing",
    ]


def test_problem_messages_are_terminal_safe(store: Store) -> None:
    document = exported(store)
    document["records"]["event"] = [{"id": HOSTILE}]
    summary = importer.import_bytes(store, orjson.dumps(document), "evil\x1b[2J.json")
    report = summary.problem_report()
    assert "\x1b" not in report and "\u202e" not in report and "\x9b" not in report
    assert "evil\\x1b[2J.json" in report and "\\u202e" in report


def test_into_an_empty_file_the_file_is_still_checked_against_itself(
    store: Store, tmp_path: Path
) -> None:
    """Nothing is stored to clash with, but ids, study dates and links within the file are."""
    made = fill(store)
    empty = Store(tmp_path / "empty" / "cadre.json", today=store.today())
    document = exported(store, kinds=[name for name in KINDS if name != "campaign"])
    records = document["records"]
    records["study"].append(dict(records["study"][0], id="1d0c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d"))
    assert problems_of(empty, document) == [
        "records.study[2].date: there is already a study record for 2026-03-02 "
        f"(id {made['study_early']['id']})",
        f"records.essay[0].campaign_id: no campaign has the id {made['essay_campaign']['id']}",
        f"records.talk[0].campaign_id: no campaign has the id {made['talk_campaign']['id']}",
    ]
    records["event"].append(dict(records["event"][0]))
    records["person"].append("not a record")
    assert problems_of(empty, document)[:2] == [
        "records.person[1]: expected an object",
        f"records.event[1].id: the id {made['event']['id']} is also used by records.event[0]",
    ]
    summary = importer.import_bytes(empty, exchange.export_json(store), "all.json")
    assert summary.written and all(
        c.added == len(store.records(n)) for n, c in summary.counts.items()
    )
    assert all(empty.list(name) == store.list(name) for name in KINDS)
