"""Property tests: strategies built from the KINDS definitions (never written out per kind).

Random valid records round-trip through the Store unchanged; random junk in any one field is
refused with a FieldError naming that field, and the file's bytes stay as they were."""

from __future__ import annotations

import datetime
import json
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import CAPS, LINK, SETTINGS, field_values

from tui.core.records import KINDS, MAX_INT, Field, Kind
from tui.core.store import RecordError, Store

TODAY = pendulum.date(2026, 3, 18)
FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def fresh_store() -> Iterator[Store]:
    with tempfile.TemporaryDirectory() as folder:
        yield Store(Path(folder) / "data" / "cadre.json", today=TODAY)


def link(store: Store, kind: Kind, values: dict[str, Any], draw: Callable[..., Any]) -> None:
    """Give every LINK field the id of a new record of the kind it refers to."""
    for field in kind.fields:
        if values[field.name] == LINK:
            target = KINDS[field.ref]
            linked = draw(field_values(target))
            if "kind" in linked and kind.name in target.field("kind").options(SETTINGS):
                linked["kind"] = kind.name  # an essay needs an essay campaign
            values[field.name] = store.add(target.name, linked)["id"]


@pytest.mark.parametrize("name", list(KINDS))
@FAST
@given(data=st.data())
def test_valid_records_round_trip_unchanged(name: str, data: st.DataObject) -> None:
    kind = KINDS[name]
    values = data.draw(field_values(kind))
    with fresh_store() as store:
        link(store, kind, values, data.draw)
        added = store.add(name, values)
        assert {key: added[key] for key in values} == values
        assert Store(store.path, today=TODAY).get(name, added["id"]) == added
        on_disk = json.loads(store.path.read_bytes().decode("utf-8"))
        assert added in on_disk[name].values()
        assert KINDS[name].validate(added, SETTINGS) == []


# junk, by field type (validity written here independently of the code under test) ---------

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.text(alphabet="0123456789-:./０１２\n +eE", max_size=12),  # near misses
    st.text(alphabet=" \t\n\u3000", max_size=3),  # blank
    st.text(alphabet=st.characters(categories=["Cs"]), min_size=1, max_size=2),  # unwritable
    st.lists(st.one_of(st.integers(), st.text(max_size=4)), max_size=3),
    st.dictionaries(
        st.one_of(st.sampled_from(list(CAPS)), st.text(max_size=4)),
        st.one_of(st.integers(-5, 30), st.booleans(), st.text(max_size=2)),
        max_size=3,
    ),
    st.uuids(version=4).map(str),  # well formed, but links to nothing
)


def writable(value: Any) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def calendar(value: str, form: str, year_day: str = "") -> bool:
    try:
        datetime.datetime.strptime(year_day + value, form)
    except ValueError:
        return False
    return True


def allowed(field: Field, value: Any) -> bool:
    """Whether `value` is a valid stored value of `field` (the rules of DESIGN §2)."""
    if value is None:
        return field.nullable
    if isinstance(value, str) and not writable(value):
        return False
    text = isinstance(value, str)
    checks: dict[str, Callable[[], bool]] = {
        "text": lambda: text and (not field.required or bool(value.strip())),
        "int": lambda: type(value) is int and (field.minimum or 0) <= value <= MAX_INT,
        "decimal": lambda: (
            text
            and bool(re.fullmatch(r"[0-9]+(\.[0-9]+)?", value))
            and (field.name != "amount" or len(value.partition(".")[2]) <= 2)  # to the cent
        ),
        "date": lambda: (
            text
            and bool(re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value))
            and value >= "0001"
            and calendar(value, "%Y-%m-%d")
        ),
        "month": lambda: (
            text and bool(re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", value)) and value >= "0001"
        ),
        "time": lambda: text and bool(re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value)),
        "mmdd": lambda: (
            text
            and bool(re.fullmatch(r"[0-9]{2}-[0-9]{2}", value))
            and calendar(value, "%Y-%m-%d", "2000-")
        ),
        "bool": lambda: type(value) is bool,
        "choice": lambda: value in field.options(SETTINGS) or (value == "" and not field.required),
        "names": lambda: (
            type(value) is list
            and all(isinstance(v, str) and writable(v) and v.strip() for v in value)
        ),
        "items": lambda: (
            type(value) is dict
            and all(k in CAPS and type(v) is int and 0 <= v <= CAPS[k] for k, v in value.items())
        ),
        "ref": lambda: False,  # junk never names an existing record
    }
    return checks[field.type]()


NOTE = Field("note", "text")


@pytest.mark.parametrize("name", list(KINDS))
@FAST
@given(data=st.data())
def test_junk_in_any_field_is_refused_and_nothing_is_written(
    name: str, data: st.DataObject
) -> None:
    kind = KINDS[name]
    field = data.draw(st.sampled_from([*kind.fields, NOTE]), label="field")
    value = data.draw(junk.filter(lambda v: not allowed(field, v)), label="junk")
    values = data.draw(field_values(kind))
    if "items" in values:
        values["items"] = {}  # else the store would fill in junk points from the items
    with fresh_store() as store:
        store.save_settings({"study_target": 30})  # the file exists before the junk comes
        link(store, kind, values, data.draw)
        values[field.name] = value
        before, listing = store.path.read_bytes(), sorted(store.path.parent.rglob("*"))
        with pytest.raises(RecordError) as caught:
            store.add(name, values)
        assert [p.field for p in caught.value.problems] == [field.name]
        assert all(p.reason for p in caught.value.problems)
        assert store.path.read_bytes() == before
        assert sorted(store.path.parent.rglob("*")) == listing


@pytest.mark.parametrize("name", ["study", "campaign", "person"])
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {"id": st.sampled_from(["a1", "a2", "b1", ""])},
            optional={"key": st.one_of(st.none(), st.sampled_from(["", "2026-01-01", "2026-02"]))},
        ),
        max_size=8,
    )
)
def test_records_sort_as_their_sort_key_says(name: str, rows: list[dict[str, Any]]) -> None:
    """The quick sort by plain look-up gives the order of `sort_key`, also for records whose
    date (or name) is missing, empty or null."""
    kind = KINDS[name]
    records = [
        {"id": row["id"], **({kind.sort_field: row["key"]} if "key" in row else {})} for row in rows
    ]
    assert kind.in_sort_order(records) == sorted(records, key=kind.sort_key)
