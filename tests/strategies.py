"""Hypothesis strategies for records, built from the KINDS definitions (never written per kind).

Used by the property tests of the Store and of the export/import round trip."""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import strategies as st

from tui.core.records import MAX_INT, Field, Kind
from tui.core.store import merge_settings

SETTINGS = merge_settings(None)
CAPS: dict[str, int] = SETTINGS["study_items"]
LINK = "<link>"  # stands for "the id of a record the test creates or picks first"

# text as an import may bring it: CJK, quotes, newlines and terminal controls
HOSTILE = [
    "\x1b[2J",
    "\x1b]0;x\x07",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\x9b",
    "\x00",
    "\x7f",
]
text = st.text(max_size=24) | st.lists(
    st.sampled_from(HOSTILE) | st.text(st.characters(codec="utf-8"), max_size=4), max_size=4
).map("".join)
filled_text = text.filter(lambda s: bool(s.strip()))
days = st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31))
stamps = st.datetimes(datetime.datetime(2000, 1, 1), datetime.datetime(2030, 1, 1)).map(
    lambda moment: moment.replace(microsecond=0).isoformat() + "+08:00"
)


def field_value(field: Field) -> st.SearchStrategy[Any]:
    """Any value the definition of `field` allows (a link is LINK, to be filled in by the test)."""
    by_type: dict[str, st.SearchStrategy[Any]] = {
        "text": filled_text if field.required else text,
        "int": st.integers(field.minimum or 0, MAX_INT),
        "decimal": st.from_regex(
            rf"[0-9]{{1,12}}(\.[0-9]{{1,{field.places or 6}}})?", fullmatch=True
        ),
        "date": days.map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
        "month": days.map(lambda d: f"{d.year:04d}-{d.month:02d}"),
        "time": st.times().map(lambda moment: moment.strftime("%H:%M")),
        "mmdd": st.dates(datetime.date(2000, 1, 1), datetime.date(2000, 12, 31)).map(
            lambda d: d.strftime("%m-%d")
        ),
        "bool": st.booleans(),
        "choice": st.sampled_from(field.options(SETTINGS) + (() if field.required else ("",))),
        "names": st.lists(filled_text, max_size=4),
        "items": st.fixed_dictionaries(
            {}, optional={name: st.integers(0, cap) for name, cap in CAPS.items()}
        ),
        "ref": st.just(LINK),
    }
    strategy = by_type[field.type]  # a new field type needs a strategy here
    return st.none() | strategy if field.nullable else strategy


def follow_rules(kind: Kind, values: dict[str, Any]) -> dict[str, Any]:
    """Make values that are each valid also valid together (the kind's own rules)."""
    if values.get("items"):  # study: the points are the sum of the items
        values["points"] = sum(values["items"].values())
    if "start" in values and "end" in values:  # campaign: start ≤ end
        values["start"], values["end"] = sorted((values["start"], values["end"]))
    return values


def field_values(kind: Kind) -> st.SearchStrategy[dict[str, Any]]:
    """The values a user could give for a new record of `kind` (every field and the note)."""
    fields = {f.name: field_value(f) for f in kind.fields} | {"note": text}
    return st.fixed_dictionaries(fields).map(lambda values: follow_rules(kind, values))


def stored_record(kind: Kind) -> st.SearchStrategy[dict[str, Any]]:
    """A complete stored record of `kind`: values plus id and time stamps, in export key order."""
    extra = st.fixed_dictionaries({"id": st.uuids(version=4).map(str), "created_at": stamps})
    return st.tuples(field_values(kind), extra).map(
        lambda pair: kind.canonical(pair[0] | pair[1] | {"updated_at": pair[1]["created_at"]})
    )
