"""What an export found in the data file's bytes (kinds in sort order, keys in order, nothing to
escape), noted beside it under their BLAKE2b digest, and carried over by each change cadre makes."""

from __future__ import annotations

import bisect
import contextlib
import os
from collections.abc import Mapping
from typing import Any, NamedTuple

import orjson

from tui.core import display
from tui.core.migrate import Data
from tui.core.notes import own_bytes
from tui.core.records import KINDS, Kind
from tui.core.storage import atomic_write

FACTS_VERSION = 1
MOST_WRITTEN = 1000  # records one change may write and still have the facts carried over


class Facts(NamedTuple):
    """The file's digest, the kinds stored in sort order, the kinds whose every record has its
    keys in the fixed order, and whether no record holds a character an export escapes.

    Keyed by the digest, a note holds for those bytes however they got there (another program
    may write the same ones again), and for no others: whatever changes the bytes (a hand edit,
    a restore) changes the digest."""

    digest: str
    sorted: frozenset[str]
    keys_in_order: frozenset[str]
    plain: bool


def facts_path(data_path: str | os.PathLike[str]) -> str:
    """`cadre.json.facts` beside `cadre.json`."""
    return os.fspath(data_path) + ".facts"


Written = dict[str, list[tuple[str, dict[str, Any]]]]  # kind -> the (key, record) pairs written


def written_by(before: Data, after: Data) -> Written:
    """The (key, record) pairs of each kind's table that a change of `before` into `after` wrote,
    for each table it replaced: a change copies what it touches and leaves the other tables, and
    the other records in a table, the same objects under the same keys."""
    return {
        name: [(key, record) for key, record in new.items() if old.get(key) is not record]
        for name in KINDS
        if (old := before.get(name, {})) is not (new := after.get(name, {}))
    }


def store_in_sort_order(after: Data, written: Written, facts: Facts | None) -> None:
    """With facts noted for the bytes read, store every kind by date then id: each record a
    change wrote (`written`, by `written_by`) put in its place in a table stored so (a few
    look-ups), any other table sorted (once: from then on changes keep it so). Keys stay with
    their records. Without facts the tables are left as they are (nothing says the next export
    would take them in file order)."""
    if facts is None:
        return
    for kind in KINDS.values():
        table, rows = after.get(kind.name), written.get(kind.name)
        if not table or (rows is None and kind.name in facts.sorted):
            continue
        if kind.name in facts.sorted and rows is not None and len(rows) <= MOST_WRITTEN:
            after[kind.name] = _placed(kind, table, rows)
        else:
            ordered = kind.in_sort_order(table.values())
            key_of = {id(record): key for key, record in table.items()}
            after[kind.name] = {key_of[id(record)]: record for record in ordered}


def _placed(
    kind: Kind, table: dict[str, dict[str, Any]], written: list[tuple[str, dict[str, Any]]]
) -> dict[str, dict[str, Any]]:
    """`table` (stored in order but for the `written` records) with those put in their place."""
    moved = {key for key, _ in written}
    rows = [(key, r) for key, r in table.items() if key not in moved]
    for key, record in written:
        at = bisect.bisect_right(rows, kind.sort_key(record), key=lambda row: kind.sort_key(row[1]))
        rows.insert(at, (key, record))
    return dict(rows)


def keys_in_order(kind: Kind, record: Mapping[str, Any]) -> bool:
    """True when the record has every key of its kind, in the fixed order."""
    return tuple(record) == kind.field_names


def plain(record: Mapping[str, Any]) -> bool:
    """True when nothing in the record is a character that an export writes escaped."""
    return not display.needs_json_escape(orjson.dumps(record).decode())


def read_facts(data_path: str, digest: str | None) -> Facts | None:
    """The facts noted beside the file for the bytes with `digest`; None when there are none
    for those bytes, or the note is not ours, not a plain file, or not one this version wrote."""
    raw = None if digest is None else own_bytes(facts_path(data_path))
    if raw is None:
        return None
    try:
        note = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(note, dict) or note.get("version") != FACTS_VERSION:
        return None
    if note.get("digest") != digest:
        return None
    sorted_kinds, ordered_kinds, no_escapes = (
        note.get("sorted"),
        note.get("keys_in_order"),
        note.get("plain"),
    )
    if (
        not (_kind_names(sorted_kinds) and _kind_names(ordered_kinds))
        or type(no_escapes) is not bool
    ):
        return None
    return Facts(digest, frozenset(sorted_kinds), frozenset(ordered_kinds), no_escapes)


def _kind_names(value: Any) -> bool:
    return isinstance(value, list) and all(name in KINDS for name in value)


def write_facts(data_path: str, facts: Facts) -> None:
    """Keep `facts` beside the file (0600), unless the file is read-only: the user has said
    nothing is to change there. It is not synced: a note lost in a crash, or one left for bytes
    since replaced, only makes the next export check everything again."""
    if not os.access(data_path, os.W_OK):
        return
    note = {
        "version": FACTS_VERSION,
        "digest": facts.digest,
        "sorted": sorted(facts.sorted),
        "keys_in_order": sorted(facts.keys_in_order),
        "plain": facts.plain,
    }
    with contextlib.suppress(OSError):
        atomic_write(facts_path(data_path), orjson.dumps(note), durable=False)


def carried(facts: Facts, digest: str, written: Written) -> Facts | None:
    """The facts of what a change wrote over bytes whose facts are `facts`, the tables stored by
    `store_in_sort_order` (so every kind is in order): only the records it wrote (`written`, by
    `written_by`) are looked at. None when it wrote more than MOST_WRITTEN records: the next
    export checks them all, faster than one by one here."""
    if sum(map(len, written.values())) > MOST_WRITTEN:
        return None
    ordered_kinds, no_escapes = set(facts.keys_in_order), facts.plain
    for name, rows in written.items():
        records = [record for _, record in rows]
        if not all(keys_in_order(KINDS[name], record) for record in records):
            ordered_kinds.discard(name)
        no_escapes = no_escapes and all(map(plain, records))
    return Facts(digest, frozenset(KINDS), frozenset(ordered_kinds), no_escapes)
