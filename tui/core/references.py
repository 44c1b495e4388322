"""References people type for a record: a unique id prefix of 4 or more characters, or a
campaign's exact title; an ambiguous one is refused with its candidates listed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from tui.core.i18n import t
from tui.core.records import KINDS, FieldError, Kind

MIN_PREFIX = 4  # the shortest id prefix taken
SHORT_ID = 8  # the id as `cadre list` shows it
SUMMARY_COLUMNS = 3  # values that tell one candidate from another
MAX_CANDIDATES = 10  # candidates listed when a reference is ambiguous

Tables = Mapping[str, Mapping[str, Mapping[str, Any]]]


class Found(NamedTuple):
    """The record a reference named, and its kind."""

    kind: Kind
    record: Mapping[str, Any]


class AmbiguousReference(FieldError):
    """A reference that fits several records: `candidates` describes each, one line apiece."""

    def __init__(self, field: str, reason: str, candidates: list[str]) -> None:
        super().__init__(field, reason)
        self.candidates = candidates


def summary(kind: Kind, record: Mapping[str, Any]) -> str:
    """A few of the record's values that tell it apart: a date, a title, a person …"""
    shown = (field.show(record.get(field.name)) for field in kind.columns[:SUMMARY_COLUMNS])
    return " ".join(text for text in shown if text)


def describe(found: Found) -> str:
    """`谈心谈话 3c002a92 2026-03-18 王芳 办公室`: kind, short id and summary."""
    return (
        f"{found.kind.label()} {found.record['id'][:SHORT_ID]} {summary(found.kind, found.record)}"
    )


def candidates(tables: Tables, prefix: str, kinds: Iterable[str] = KINDS) -> list[Found]:
    """Every record of `kinds` whose id begins with `prefix` (lower case), in kind order."""
    return [
        Found(KINDS[name], record)
        for name in kinds
        for record in tables.get(name, {}).values()
        if str(record.get("id", "")).startswith(prefix)
    ]


def resolve(
    tables: Tables,
    text: str,
    *,
    field: str = "ID",
    kinds: Iterable[str] = KINDS,
    by_title: bool = False,
) -> Found:
    """The one record of `kinds` that `text` names, or a FieldError on `field` saying why not.

    `text` is an id or a prefix of at least MIN_PREFIX characters; with `by_title`, also the
    exact title of a record (a campaign's). Several fits raise AmbiguousReference."""
    kinds = tuple(kinds)
    value = text.strip()
    prefix = value.lower()
    found = candidates(tables, prefix, kinds) if len(prefix) >= MIN_PREFIX else []
    if by_title:
        seen = {f.record.get("id") for f in found}
        found += [
            Found(KINDS[name], record)
            for name in kinds
            for record in tables.get(name, {}).values()
            if record.get("title") == value and record.get("id") not in seen
        ]
    exact = [f for f in found if f.record.get("id") == prefix]
    if len(exact) == 1:
        return exact[0]
    if len(found) == 1:
        return found[0]
    if found:
        listed = [describe(f) for f in found[:MAX_CANDIDATES]]
        if len(found) > MAX_CANDIDATES:
            listed.append(t("ref.more", count=len(found) - MAX_CANDIDATES))
        raise AmbiguousReference(field, t("ref.ambiguous", value=value, count=len(found)), listed)
    if len(prefix) < MIN_PREFIX:
        key = "ref.short_or_title" if by_title else "ref.short"
        raise FieldError(field, t(key, value=value, minimum=MIN_PREFIX))
    what = (
        t("ref.or").join(KINDS[name].label() for name in kinds)
        if kinds != tuple(KINDS)
        else t("ref.any_record")
    )
    key = "ref.unknown_or_title" if by_title else "ref.unknown"
    raise FieldError(field, t(key, value=value, kinds=what))
