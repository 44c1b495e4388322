"""Checking a cadre export before anything is imported: the envelope, then every record.

Every problem is reported with its JSON path; records are checked column by column for speed."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import Any

import orjson

from tui.core import dates
from tui.core.exchange import FORMAT, TOP_KEYS, VERSION
from tui.core.i18n import t
from tui.core.migrate import with_follow_up_done
from tui.core.records import KINDS, MAX_INT, TIMESTAMP, Field, FieldError, Kind


@dataclass(frozen=True)
class Problem:
    """One reason an import file is refused, at a JSON path such as `records.talk[2].follow_up_due`."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


_ACCEPTED = {"format": (FORMAT,), "version": tuple(range(1, VERSION + 1))}  # newest last
Place = tuple[str, int]  # a record's kind and its index in the file's list of that kind


def json_path(place: Place, key: str | None = None) -> str:
    """`records.talk[2]`, or with a key `records.talk[2].follow_up_due`."""
    return f"records.{place[0]}[{place[1]}]" + (f".{key}" if key else "")


def parse_document(raw: bytes) -> tuple[dict[str, list[Any]], list[Problem]]:
    """The record lists of an export file by kind, or the problems that stop it being read at all."""
    if not raw or raw.isspace():
        return {}, [Problem("", t("import.empty"))]
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        return {}, [Problem("", t("import.not_json", detail=error))]
    if not isinstance(document, dict):
        return {}, [Problem("", t("import.not_export", expected=FORMAT))]
    for key, accepted in _ACCEPTED.items():
        value = document.get(key)
        if key not in document:
            return {}, [Problem(key, t("err.missing"))]
        if key == "version" and type(value) is int and value > VERSION:
            return {}, [Problem(key, t("import.newer", version=value, supported=VERSION))]
        expected = accepted[-1]
        if type(value) is not type(expected) or value not in accepted:
            shown = {"value": _json(value), "expected": _json(expected)}
            return {}, [Problem(key, t(f"import.{key}", **shown))]
    problems = [Problem(key, t("import.unknown_key")) for key in document if key not in TOP_KEYS]
    problems += [Problem(key, t("err.missing")) for key in TOP_KEYS if key not in document]
    stamp = document.get("exported_at", "")
    if "exported_at" in document and not (isinstance(stamp, str) and TIMESTAMP.match(stamp)):
        problems.append(Problem("exported_at", t("err.timestamp", value=stamp)))
    if "filter" in document:
        problems += _filter_problems(document["filter"])
    records = document.get("records")
    if not isinstance(records, dict):
        if "records" in document:
            problems.append(Problem("records", t("import.not_object")))
        return {}, problems
    problems += [
        Problem(f"records.{name}", t("err.kind", value=name, options=", ".join(KINDS)))
        for name in records
        if name not in KINDS
    ]
    lists: dict[str, list[Any]] = {}
    for name in KINDS:
        rows = records.get(name)
        if not isinstance(rows, list):
            reason = t("import.not_list") if name in records else t("err.missing")
            problems.append(Problem(f"records.{name}", reason))
        else:
            lists[name] = rows
    if document["version"] == 1 and "visit" in lists:
        problems += _read_version_1(lists)
    return lists, problems


def _read_version_1(lists: dict[str, list[Any]]) -> list[Problem]:
    """Make the visits of a version-1 export version-2 ones (follow_up_done false). Version 1 had
    no follow_up_done on a visit, so a visit that has one is refused as a key it does not know."""
    rows = lists["visit"]
    lists["visit"] = [with_follow_up_done(r) if isinstance(r, dict) else r for r in rows]
    return [
        Problem(json_path(("visit", index), "follow_up_done"), t("import.unknown_key"))
        for index, record in enumerate(rows)
        if isinstance(record, dict) and "follow_up_done" in record
    ]


def _json(value: Any) -> str:
    """A value as it is written in JSON, for a message (cut when long)."""
    text = orjson.dumps(value).decode()
    return text if len(text) <= 40 else text[:39] + "…"


def _filter_problems(value: Any) -> list[Problem]:
    """What is wrong with an export's `filter` (it only records what was asked for)."""
    if not isinstance(value, dict):
        return [Problem("filter", t("import.not_object"))]
    problems = [
        Problem(f"filter.{key}", t("import.unknown_key"))
        for key in value
        if key not in ("kinds", "since", "until")
    ]
    kinds = value.get("kinds")
    if not isinstance(kinds, list):
        problems.append(Problem("filter.kinds", t("import.not_list")))
    else:
        for i, name in enumerate(kinds):
            if not isinstance(name, str) or name not in KINDS:  # [] or {} cannot be looked up
                shown = name if isinstance(name, str) else _json(name)
                reason = t("err.kind", value=shown, options=", ".join(KINDS))
                problems.append(Problem(f"filter.kinds[{i}]", reason))
    for key in ("since", "until"):
        day = value.get(key)
        if day is not None and not (isinstance(day, str) and dates.is_iso_date(day)):
            problems.append(Problem(f"filter.{key}", t("err.date", value=day)))
    return problems


_NOTE = Field("note", "text")  # accepts what Kind.validate accepts as a note
_DIGITS = str.maketrans("123456789", "000000000")
_HEX = str.maketrans("123456789abcdef", "0" * 15)
_ID_SHAPE = "00000000-0000-0000-0000-000000000000"
_LEAP_YEAR = datetime.date(2000, 1, 1)
_MONTH_DAYS = {tuple(f"{_LEAP_YEAR + datetime.timedelta(days=n):%m%d}") for n in range(366)}


class _Columns:
    """Kind.validate's verdict on a whole list of records at once, column by column: a column of
    dates, numbers, text, names or study breakdowns by one check over all of it; otherwise each
    distinct value once, and columns under the same rule share what they have seen.

    It only says whether every record is valid; when one is not, Kind.validate names the problems
    (tests check that both agree)."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.settings = settings
        self.seen: dict[tuple[Field, type], set[Any]] = {}

    def all_valid(self, kind: Kind, rows: list[dict[str, Any]]) -> bool:
        if not rows:
            return True
        names = kind.field_names
        if set(map(len, rows)) != {len(names)}:  # a key too many (or missing)
            return False
        try:  # one tuple of values per record, in the order of `names`, then one per column
            columns = dict(
                zip(names, zip(*map(itemgetter(*names), rows), strict=True), strict=True)
            )
        except KeyError:  # a key missing
            return False
        if not (_stamps(columns["created_at"]) and _stamps(columns["updated_at"])):
            return False
        if not _ids(columns["id"]):
            return False
        fields = (*kind.fields, _NOTE)
        if not all(self._valid(item, columns[item.name]) for item in fields):
            return False
        return all(_passes(rule, record) for rule in kind.rules for record in rows)

    def _valid(self, item: Field, values: Sequence[Any]) -> bool:
        rule = item._replace(name="")  # the rule, whatever its name
        types = set(map(type, values))
        for kind in types:  # each type apart: 1 and True are the same member of a set
            alike = values if len(types) == 1 else [v for v in values if type(v) is kind]
            if _valid_at_once(rule, kind, alike, self.settings):
                continue
            seen = self.seen.setdefault((rule, kind), set())
            try:
                fresh = set(alike) - seen
            except TypeError:  # lists and maps, checked one by one
                fresh = set()
            else:
                alike = fresh
            if not all(_passes(item.check, v, self.settings) for v in alike):
                return False
            seen |= fresh
        return True


def _valid_at_once(
    rule: Field, kind: type, values: Collection[Any], settings: Mapping[str, Any]
) -> bool:
    """True when a check over the whole column finds its values (all of type `kind`) valid;
    False leaves them to be checked one by one, which names the problem."""
    if kind is str and rule.type == "date":
        return _dates(values)
    if kind is str and rule.type == "text":
        return _texts(values, required=rule.required)
    if kind is int and rule.type == "int":
        return not values or (
            (rule.minimum is None or min(values) >= rule.minimum) and max(values) <= MAX_INT
        )
    if kind is list and rule.type == "names":
        names = list(chain.from_iterable(values))
        return set(map(type, names)) <= {str} and _texts(names, required=True)
    if kind is dict and rule.type == "items":
        return _items(values, settings["study_items"])
    return False


def _texts(values: Collection[str], *, required: bool) -> bool:
    """Every value text the file can hold (a lone surrogate cannot be written as UTF-8), and
    not blank when the field is required."""
    try:
        "".join(values).encode()
    except UnicodeEncodeError:
        return False
    return not required or all(map(str.strip, values))


def _items(values: Collection[dict[Any, Any]], caps: Mapping[str, int]) -> bool:
    """Every value a study breakdown: whole numbers (not True, not 1.0) for known items, each
    within its item's cap; each distinct (item, points) pair is looked at once."""
    if set(map(type, chain.from_iterable(map(dict.values, values)))) - {int}:
        return False
    pairs = set(chain.from_iterable(map(dict.items, values)))
    return all(name in caps and 0 <= points <= caps[name] for name, points in pairs)


def _stamps(values: Sequence[Any]) -> bool:
    """Every value a timestamp. The pattern treats all digits alike, so matching the few shapes
    (digits read as 0) of the values says the same as matching every value, far faster."""
    try:
        joined = "\n".join(values)
    except TypeError:
        return False
    if joined.count("\n") != len(values) - 1:  # a value holding a newline
        return False
    return all(TIMESTAMP.match(shape) for shape in set(joined.translate(_DIGITS).split("\n")))


def _ids(values: Collection[Any]) -> bool:
    """Every value a record id (records.UUID): each one's shape (hex digits read as 0) matched at
    once against the joined text, then the version and variant letters taken by a slice."""
    try:
        joined = "\n".join(values)
    except TypeError:
        return False
    if joined.translate(_HEX) != "\n".join([_ID_SHAPE] * len(values)):  # also: no newline
        return False
    step = len(_ID_SHAPE) + 1
    return set(joined[14::step]) <= {"4"} and set(joined[19::step]) <= set("89ab")


def _dates(values: Collection[str]) -> bool:
    """Every value a real date written YYYY-MM-DD: the shapes matched as `_stamps` does, each
    month and day looked up, and only a year 0 or a 29 February left to dates.is_iso_date."""
    joined = "\n".join(values)
    if joined.translate(_DIGITS) != "\n".join(["0000-00-00"] * len(values)):  # also: no newline
        return False
    days = set(zip(*(joined[at::11] for at in (5, 6, 8, 9)), strict=True))  # MMDD, by slices
    if not days <= _MONTH_DAYS:
        return False
    if tuple("0229") not in days and "\n0000" not in "\n" + joined:
        return True
    rare = (v for v in values if v.startswith("0000") or v.endswith("02-29"))
    return all(map(dates.is_iso_date, rare))


def _passes(check: Callable[..., None], *arguments: Any) -> bool:
    try:
        check(*arguments)
    except FieldError:
        return False
    return True


def invalid_records(
    kind: Kind,
    rows: list[dict[str, Any]],
    settings: Mapping[str, Any],
    columns: _Columns | None = None,
) -> dict[int, list[FieldError]]:
    """The problems of every invalid record among `rows`, by position (quick when all are valid)."""
    if (columns or _Columns(settings)).all_valid(kind, rows):
        return {}
    return {n: found for n, record in enumerate(rows) if (found := kind.validate(record, settings))}


def check_records(
    lists: Mapping[str, list[Any]], settings: Mapping[str, Any]
) -> tuple[dict[str, list[tuple[int, dict[str, Any]]]], list[Problem]]:
    """Each kind's valid records with their index in the file, and every problem of the others."""
    valid: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    problems: list[Problem] = []
    columns = _Columns(settings)
    for name, rows in lists.items():
        if set(map(type, rows)) <= {dict}:  # the usual case, looked at in C
            records, maps = list(enumerate(rows)), rows
        else:
            records = []
            for index, record in enumerate(rows):
                if isinstance(record, dict):
                    records.append((index, record))
                else:
                    problems.append(Problem(json_path((name, index)), t("import.not_object")))
            maps = [record for _, record in records]
        bad = invalid_records(KINDS[name], maps, settings, columns)
        valid[name] = [pair for n, pair in enumerate(records) if n not in bad] if bad else records
        problems += [
            Problem(json_path((name, records[n][0]), p.field), p.reason)
            for n, found in bad.items()
            for p in found
        ]
    return valid, problems


def invalid_in(
    data: dict[str, Any], settings: dict[str, Any]
) -> list[tuple[str, Any, list[FieldError]]]:
    """(kind, id, problems) of every record of `data` that breaks the rules of its kind."""
    invalid = []
    for name, kind in KINDS.items():
        rows = list(data.get(name, {}).values())
        found = invalid_records(kind, rows, settings)
        invalid += [(name, rows[n].get("id"), problems) for n, problems in found.items()]
    return invalid
