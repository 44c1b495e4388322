"""Property tests of the exchange: random stores survive export → import → export byte for byte (a
version-1 export too), re-importing changes nothing, and the quick checks agree with Kind.validate."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import orjson
import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from strategies import SETTINGS, stamps, stored_record, text

from tui.core import exchange, import_checks, importer
from tui.core.records import KINDS
from tui.core.store import Store

TODAY = pendulum.date(2026, 3, 18)
VALIDATOR = Draft202012Validator(json.loads(Path(exchange.SCHEMA_FILE).read_text(encoding="utf-8")))
FEW = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


@st.composite
def stores(draw: st.DrawFn) -> dict[str, list[dict[str, Any]]]:
    """Records of every kind, as a store may hold them: one study a day, links to campaigns."""
    tables = {
        name: draw(st.lists(stored_record(kind), max_size=3, unique_by=lambda r: r["id"]))
        for name, kind in KINDS.items()
    }
    tables["study"] = list({r["date"]: r for r in tables["study"]}.values())
    for name in ("essay", "talk"):
        own = [c["id"] for c in tables["campaign"] if c["kind"] == name]
        choices = own + ([None] if name == "talk" else [])
        if not choices:
            tables[name] = []
        for record in tables[name]:
            record["campaign_id"] = draw(st.sampled_from(choices))
    ids = [r["id"] for rows in tables.values() for r in rows]
    return tables if len(ids) == len(set(ids)) else draw(stores())


def store_with(folder: Path, tables: dict[str, list[dict[str, Any]]]) -> Store:
    store = Store(folder / "data" / "cadre.json", today=TODAY)
    with store.transaction() as data:
        for name, rows in tables.items():
            data[name] = {str(i + 1): row for i, row in enumerate(rows)}
    return store


def without_stamp(payload: bytes) -> bytes:
    return re.sub(rb'\n  "exported_at": "[^"]+",\n', b"\n", payload)


@FEW
@given(stores())
def test_export_import_export_is_byte_identical_and_reimport_changes_nothing(
    tables: dict[str, list[dict[str, Any]]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = store_with(Path(folder) / "a", tables)
        first = exchange.export_json(source)
        VALIDATOR.validate(orjson.loads(first))
        empty = Store(Path(folder) / "b" / "cadre.json", today=TODAY)
        summary = importer.import_bytes(empty, first, "first.json")
        assert summary.ok, summary.problems
        assert all(c.added == len(tables[n]) for n, c in summary.counts.items())
        second = exchange.export_json(Store(empty.path, today=TODAY))
        assert without_stamp(second) == without_stamp(first)
        before = source.path.read_bytes()
        again = importer.import_bytes(source, first, "first.json")
        assert again.ok and not again.written
        assert all(
            (c.identical, c.added, c.replaced, c.older) == (len(tables[n]), 0, 0, 0)
            for n, c in again.counts.items()
        )
        assert source.path.read_bytes() == before


@FEW
@given(stores())
def test_a_version_1_export_imports_and_exports_as_version_2_losing_nothing(
    tables: dict[str, list[dict[str, Any]]],
) -> None:
    """What cadre 1 exported of these records (no follow_up_done on a visit) comes back whole,
    every visit not followed up."""
    with tempfile.TemporaryDirectory() as folder:
        for visit in tables["visit"]:
            visit["follow_up_done"] = False
        current = exchange.export_json(store_with(Path(folder) / "a", tables))
        old = orjson.loads(current)
        old["version"] = 1
        for visit in old["records"]["visit"]:
            del visit["follow_up_done"]
        empty = Store(Path(folder) / "b" / "cadre.json", today=TODAY)
        summary = importer.import_bytes(empty, orjson.dumps(old), "old.json")
        assert summary.ok, summary.problems
        again = exchange.export_json(Store(empty.path, today=TODAY))
        assert without_stamp(again) == without_stamp(current)


junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 2**60),
    st.floats(allow_nan=False),
    text,
    st.sampled_from(["2026-02-30", "2026-3-1", "24:00", "02-30", "1.", "-1", "essay", "获奖"]),
    st.sampled_from(["2026-03-01T10:00:00", "2026-03-01T10:00:00+08:00\n", "２026-03-01"]),
    stamps.map(lambda s: s.replace("0", "٠", 1)),  # a digit that is not ASCII
    st.lists(st.one_of(st.integers(), text), max_size=2),
    st.dictionaries(st.sampled_from(["登录", "挑战答题", "x"]), st.integers(-2, 20), max_size=2),
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_the_import_checks_agree_with_kind_validate(data: st.DataObject) -> None:
    """After many valid values are remembered, a record with junk in one key gets exactly the
    problems Kind.validate gives it (so 1 is not taken for True, nor a list for a name)."""
    kind = KINDS[data.draw(st.sampled_from(list(KINDS)))]
    good = data.draw(st.lists(stored_record(kind), min_size=1, max_size=4))
    for record in good:
        for item in kind.fields:
            if item.ref and not item.required:
                record[item.name] = None
            elif item.ref:
                record[item.name] = record["id"]
    key = data.draw(st.sampled_from(kind.field_names))
    bad = dict(good[0], **{key: data.draw(junk | st.sampled_from([r[key] for r in good]))})
    if data.draw(st.booleans()):
        bad.pop(key)
    lists = {kind.name: [*good, bad]}
    valid, problems = import_checks.check_records(lists, SETTINGS)
    expected = [
        f"records.{kind.name}[{len(good)}].{p.field}: {p.reason}"
        for p in kind.validate(bad, SETTINGS)
    ]
    assert [str(p) for p in problems] == expected
    assert len(valid[kind.name]) == len(good) + (not expected)
