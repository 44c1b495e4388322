"""Export of the records: the versioned `cadre-export` JSON, CSV (a zip for several kinds) and its JSON Schema.

Exports are deterministic: sorted by date then id, keys in a fixed order, so two of the same data diff clean."""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain
from operator import is_
from typing import Any, NamedTuple

import orjson

from tui.core import display
from tui.core.facts import Facts, read_facts, write_facts
from tui.core.i18n import CATALOG
from tui.core.records import (
    COMMON_FIELDS,
    DECIMAL,
    KINDS,
    MAX_INT,
    TIMESTAMP,
    UUID,
    Field,
    Kind,
)
from tui.core.storage import AnyPath, atomic_write, ensure_private_folder, folder_and_name
from tui.core.store import Store

FORMAT = "cadre-export"
VERSION = 2  # import also reads version 1, whose visits lack follow_up_done
SCHEMA_FILE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "export.schema.json")
TOP_KEYS = ("format", "version", "exported_at", "filter", "records")

# the characters display.escape_json rewrites: C1 controls and DEL, bidi marks, zero-width
# characters and separators (a test checks every character against display.escape_json)
_UNSAFE_RANGES = (
    (0x7F, 0x9F),
    (0x61C, 0x61C),
    (0x200B, 0x200F),
    (0x2028, 0x202E),
    (0x2060, 0x2069),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
)


def _by_first_byte(ranges: Iterable[tuple[int, int]]) -> dict[bytes, set[bytes]]:
    """The UTF-8 forms of the characters in `ranges`: their first byte -> the bytes after it."""
    found: dict[bytes, set[bytes]] = {}
    for low, high in ranges:
        for encoded in (chr(code).encode() for code in range(low, high + 1)):
            found.setdefault(encoded[:1], set()).add(encoded[1:])
    return found


_UNSAFE_UTF8 = _by_first_byte(_UNSAFE_RANGES)
_UNSAFE_SEARCH = {  # for a first byte met very often, one regex pass beats a loop of finds
    lead: re.compile(re.escape(lead) + b"(?:" + b"|".join(map(re.escape, tails)) + b")")
    for lead, tails in _UNSAFE_UTF8.items()
}
_MOST_FINDS = 20_000
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # a zip cannot hold an earlier time
_ORDER = {name: kind.field_names for name, kind in KINDS.items()}  # Kind builds it on each call


# export ------------------------------------------------------------------------------------


def chosen_kinds(kinds: Iterable[str] | None) -> list[str]:
    """The kinds asked for, in the fixed order of KINDS (every kind when none is named)."""
    wanted = set(kinds or KINDS)
    return [name for name in KINDS if name in wanted]


def export_records(
    store: Store,
    kinds: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Every kind's records in the period (an empty list for a kind not asked for), sorted, keys in order."""
    return gather(store, kinds, since, until).records


class Gathered(NamedTuple):
    """An export's records; the facts noted beside the file for its bytes (None when there are
    none); and, for an export of every record, which kinds were found stored in sort order and
    with their keys in order (else None)."""

    records: dict[str, list[dict[str, Any]]]
    known: Facts | None
    found: Facts | None


def gather(
    store: Store,
    kinds: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Gathered:
    """The records of `export_records`, sorted and put in key order only where the facts noted
    for the file's bytes do not say they already are."""
    digest = store.digest()
    known = read_facts(store.file, digest)
    wanted = chosen_kinds(kinds)
    records: dict[str, list[dict[str, Any]]] = {}
    sorted_kinds = set(known.sorted if known else ())
    ordered_kinds = set(known.keys_in_order if known else ())
    for name, kind in KINDS.items():
        rows = store.between(name, since, until) if name in wanted else []
        if name not in sorted_kinds:
            rows, stored = kind.in_sort_order(rows), rows
            if all(map(is_, rows, stored)):
                sorted_kinds.add(name)
        if name not in ordered_kinds:
            rows, given = in_order(kind, rows), rows
            if rows is given:
                ordered_kinds.add(name)
        records[name] = rows
    whole = digest is not None and not (since or until) and wanted == [*KINDS]
    found = (
        Facts(digest, frozenset(sorted_kinds), frozenset(ordered_kinds), False) if whole else None
    )
    return Gathered(records, known, found)


def in_order(kind: Kind, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records with their keys in the fixed order (`rows` itself when each one's already are,
    the usual case: that is looked at in C, on every record's keys laid end to end).

    Laid end to end they read as the order n times over only when each record's keys are the
    order: a record's keys are distinct and all come from the order, so none has more than it
    holds, and n records cannot make up n orders with fewer."""
    order = _ORDER[kind.name]
    if list(chain.from_iterable(rows)) == [*order] * len(rows):
        return rows
    return [record if tuple(record) == order else kind.canonical(record) for record in rows]


def export_json(
    store: Store,
    kinds: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> bytes:
    """The export as UTF-8 JSON bytes, indented by 2, CJK as is, anything that steers a terminal
    escaped. An export of every record notes beside the file what it found (`tui.core.facts`)."""
    gathered = gather(store, kinds, since, until)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": store.now().replace(microsecond=0).isoformat(),
        "filter": {"kinds": chosen_kinds(kinds), "since": since, "until": until},
        "records": gathered.records,
    }
    payload = orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    known, found = gathered.known, gathered.found
    asked = f"{since}{until}"  # the rest of what is not a record is cadre's own
    trusted = known is not None and known.plain and not display.needs_json_escape(asked)
    written = payload if trusted else escape_json_bytes(payload)
    found = None if found is None else found._replace(plain=written is payload)
    if found is not None and found != known:
        write_facts(store.file, found)
    return written


def escape_json_bytes(payload: bytes) -> bytes:
    """`display.escape_json` over UTF-8 bytes, skipping the decoding when nothing needs escaping."""
    if _unsafe(payload):
        return display.escape_json(payload.decode()).encode()
    return payload


def _unsafe(payload: bytes) -> bool:
    """True when `payload` holds a character display.escape_json rewrites. Each possible first
    byte is found by memchr and the bytes after it looked up, much faster than a regex pass."""
    for lead, tails in _UNSAFE_UTF8.items():
        width, at = len(next(iter(tails))), payload.find(lead)
        for _ in range(_MOST_FINDS):
            if at < 0:
                break
            if payload[at + 1 : at + 1 + width] in tails:
                return True
            at = payload.find(lead, at + 1)
        else:
            if _UNSAFE_SEARCH[lead].search(payload, at):
                return True
    return False


def field_type(kind: Kind, name: str) -> str:
    """The type of a key of a stored record (the common keys are text)."""
    return "text" if name in COMMON_FIELDS else kind.field(name).type


def csv_cell(type_name: str, value: Any) -> str:
    """A stored value as CSV text: null empty, booleans true/false, lists and maps as compact JSON."""
    if value is None:
        return ""
    if type_name == "bool":
        return "true" if value else "false"
    if type_name in {"names", "items"}:
        return orjson.dumps(value).decode()
    return str(value)


def kind_csv(kind: Kind, records: Sequence[Mapping[str, Any]]) -> bytes:
    """One kind as CSV: UTF-8 with a BOM, a header row of field names, one row per record."""
    import csv  # only a CSV export needs it

    types = [field_type(kind, name) for name in kind.field_names]
    text = io.StringIO()
    text.write("\ufeff")
    writer = csv.writer(text)
    writer.writerow(kind.field_names)
    for record in records:
        writer.writerow(
            [
                csv_cell(kind_type, record.get(name))
                for name, kind_type in zip(kind.field_names, types, strict=True)
            ]
        )
    return text.getvalue().encode()


def export_csv(
    store: Store,
    kinds: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> bytes:
    """One kind's CSV, or for several kinds a zip holding `KIND.csv` for each (in KINDS order)."""
    import zipfile  # only a CSV export of several kinds needs it

    wanted = chosen_kinds(kinds)
    records = export_records(store, wanted, since, until)
    if len(wanted) == 1:
        return kind_csv(KINDS[wanted[0]], records[wanted[0]])
    now = store.now()
    stamp = max((now.year, now.month, now.day, now.hour, now.minute, now.second), _ZIP_EPOCH)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in wanted:
            entry = zipfile.ZipInfo(f"{name}.csv", stamp)
            entry.external_attr = 0o600 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, kind_csv(KINDS[name], records[name]))
    return buffer.getvalue()


def write_export(path: AnyPath, payload: bytes) -> AnyPath:
    """Write an export atomically as a 0600 file, creating its folder 0700 when it is missing."""
    folder = folder_and_name(path)[0]
    if not os.path.exists(folder):
        ensure_private_folder(folder)
    atomic_write(path, payload)
    return path


def export_to(
    store: Store,
    path: AnyPath,
    kinds: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    fmt: str = "json",
) -> AnyPath:
    """Export to a file (json, or csv: a zip for several kinds); returns the path written."""
    export = export_json if fmt == "json" else export_csv
    return write_export(path, export(store, kinds, since, until))


# schema ------------------------------------------------------------------------------------


def _pattern(regex: re.Pattern[str]) -> str:
    """A records.py pattern (matched from the start, ending in \\Z) as an anchored JSON Schema one."""
    return "^" + regex.pattern.removesuffix(r"\Z").replace(r"\d", "[0-9]") + "$"


_DATE = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
_TYPE_SCHEMAS: dict[str, dict[str, Any]] = {
    "text": {"type": "string"},
    "int": {"type": "integer", "maximum": MAX_INT},
    "decimal": {"type": "string", "pattern": _pattern(DECIMAL)},
    "date": {"type": "string", "pattern": _DATE},
    "month": {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"},
    "time": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"},
    "mmdd": {"type": "string", "pattern": "^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},
    "bool": {"type": "boolean"},
    "choice": {"type": "string"},
    "names": {"type": "array", "items": {"type": "string", "pattern": "\\S"}},
    "items": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
    "ref": {"type": "string", "pattern": _pattern(UUID)},
}


def field_schema(item: Field) -> dict[str, Any]:
    """The JSON Schema of one field's stored value, from its definition."""
    schema: dict[str, Any] = {"title": CATALOG[f"field.{item.name}"][1], **_TYPE_SCHEMAS[item.type]}
    if item.minimum is not None:
        schema["minimum"] = item.minimum
    if item.type == "text" and item.required:
        schema["pattern"] = "\\S"
    if item.places is not None:  # money: at most `places` digits after the point
        schema["pattern"] = f"^[0-9]+(\\.[0-9]{{1,{item.places}}})?$"
    if isinstance(item.choices, tuple):
        schema["enum"] = list(item.choices) + ([] if item.required else [""])
    elif item.choices:
        schema["description"] = f"one of the settings' categories.{item.choices}"
    if item.nullable:
        schema["type"] = [schema["type"], "null"]
    return schema


def kind_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of one stored record of `kind`: every key required, no others."""
    properties = {
        "id": {"$ref": "#/$defs/id"},
        **{item.name: field_schema(item) for item in kind.fields},
        "note": {"type": "string"},
        "created_at": {"$ref": "#/$defs/timestamp"},
        "updated_at": {"$ref": "#/$defs/timestamp"},
    }
    return {
        "title": CATALOG[f"kind.{kind.name}"][1],
        "type": "object",
        "properties": properties,
        "required": list(kind.field_names),
        "additionalProperties": False,
    }


def export_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a cadre export, generated from the record definitions."""
    nullable_date = {"type": ["string", "null"], "pattern": _DATE}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "cadre export",
        "description": (
            f"A version-{VERSION} cadre export; `cadre import` also accepts version 1 exports,"
            " whose visits have no follow_up_done (read as false). Generated by"
            " `python -m tui.core.exchange --write-schema`; do not edit."
        ),
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "exported_at": {"$ref": "#/$defs/timestamp"},
            "filter": {
                "type": "object",
                "properties": {
                    "kinds": {
                        "type": "array",
                        "items": {"enum": list(KINDS)},
                        "uniqueItems": True,
                    },
                    "since": nullable_date,
                    "until": nullable_date,
                },
                "required": ["kinds", "since", "until"],
                "additionalProperties": False,
            },
            "records": {
                "type": "object",
                "properties": {
                    name: {"type": "array", "items": {"$ref": f"#/$defs/{name}"}} for name in KINDS
                },
                "required": list(KINDS),
                "additionalProperties": False,
            },
        },
        "required": list(TOP_KEYS),
        "additionalProperties": False,
        "$defs": {
            "id": {"type": "string", "pattern": _pattern(UUID)},
            "timestamp": {"type": "string", "pattern": _pattern(TIMESTAMP)},
            **{name: kind_schema(kind) for name, kind in KINDS.items()},
        },
    }


def schema_bytes() -> bytes:
    """The schema as it is committed in tui/data/export.schema.json."""
    return orjson.dumps(export_schema(), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


if __name__ == "__main__":
    if sys.argv[1:] != ["--write-schema"]:
        sys.exit("usage: python -m tui.core.exchange --write-schema")
    with open(SCHEMA_FILE, "wb") as schema:
        schema.write(schema_bytes())
    print(SCHEMA_FILE)
