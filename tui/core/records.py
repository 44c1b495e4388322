"""The record kinds: one definition per kind drives validation, forms, columns, CSV and schema.

A `Field` says what one value is; a `Kind` lists its fields and the rules between them."""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from operator import itemgetter
from typing import Any, NamedTuple

from tui.core import dates
from tui.core.i18n import t

COMMON_FIELDS = ("id", "created_at", "updated_at", "note")
# stored values are plain ASCII, matched whole (`\Z`, as `$` would let a final newline through)
DECIMAL = re.compile(r"\d+(\.\d+)?\Z", re.ASCII)
TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)\Z", re.ASCII
)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\Z")
MAX_INT = 2**53 - 1  # the largest integer every JSON reader holds exactly
_TRUE = {"true", "yes", "y", "1", "是", "已完成", "done"}
_FALSE = {"false", "no", "n", "0", "否", "未完成", ""}


class FieldError(ValueError):
    """One field's value refused: `field` names it and `reason` says why, in the user's language."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class Field(NamedTuple):
    """One value of a record: its JSON type, whether it is required, and where its choices live.

    type is one of text, int, decimal, date, month, time, bool, choice, names, items, ref, mmdd.
    `choices` names a settings category (a list) or is a fixed tuple; `ref` names a kind;
    `places` caps the digits after a decimal's point (money: 2, to the cent)."""

    name: str
    type: str
    required: bool = False
    choices: str | tuple[str, ...] | None = None
    minimum: int | None = None
    ref: str | None = None
    column: bool = False
    multiline: bool = False
    first_choice: bool = False  # a choice left empty takes the category's first option
    places: int | None = None

    @property
    def option(self) -> str:
        """The CLI option: `--follow-up-due`; a list field takes one `--visitor` per value."""
        name = {"visitors": "visitor", "items": "item"}.get(self.name, self.name)
        return "--" + name.replace("_", "-")

    @property
    def nullable(self) -> bool:
        """Optional non-text values are stored as null when absent."""
        return not self.required and self.type not in {"text", "bool", "names", "items", "choice"}

    def empty(self, settings: Mapping[str, Any]) -> Any:
        """The stored value of this field when the user gave nothing."""
        if self.first_choice and self.options(settings):
            return self.options(settings)[0]
        return {"text": "", "bool": False, "names": [], "items": {}, "choice": ""}.get(self.type)

    def label(self) -> str:
        """The field's name in the user's language."""
        return t(f"field.{self.name}")

    def options(self, settings: Mapping[str, Any]) -> tuple[str, ...]:
        """The allowed values of a choice field."""
        if isinstance(self.choices, tuple):
            return self.choices
        if isinstance(self.choices, str):
            return tuple(settings["categories"].get(self.choices, ()))
        return ()

    def parse(self, text: str, settings: Mapping[str, Any], today: datetime.date) -> Any:
        """Turn what a user typed into the stored value, or raise FieldError naming the field."""
        value = text.strip()
        if value == "" and self.type not in {"bool"}:
            return self.empty(settings)
        try:
            if self.type == "int":
                if not re.fullmatch(r"[+-]?\d+", value):
                    raise FieldError(self.name, t("err.int", value=text))
                return whole_number(value, self.name)
            if self.type == "date":
                # isoformat, not pendulum's to_date_string: the year 1 is 0001, not 1
                return dates.parse_date(value, today).isoformat()
            if self.type == "month":
                return dates.parse_month(value, today)
            if self.type == "time":
                return dates.parse_time(value)
            if self.type == "mmdd":
                return dates.parse_mmdd(value)
            if self.type == "bool":
                if value.lower() in _TRUE:
                    return True
                if value.lower() in _FALSE:
                    return False
                raise FieldError(self.name, t("err.bool", value=text))
            if self.type == "names":
                return [name.strip() for name in re.split(r"[,，、]", value) if name.strip()]
            if self.type == "items":
                return parse_items(value)
            if self.type == "choice" and isinstance(self.choices, tuple):
                return next((c for c in self.choices if value in (c, self.show(c))), value)
        except dates.DateInputError as error:
            raise FieldError(self.name, str(error)) from None
        return value

    def show(self, value: Any) -> str:
        """The value as text for a table cell or a form input (the inverse of `parse`)."""
        if value is None:
            return ""
        if self.type == "bool":
            return t("bool.yes") if value else t("bool.no")
        if self.type == "names":
            return "、".join(value)
        if self.type == "items":
            return ", ".join(f"{name}={points}" for name, points in value.items())
        if self.name == "kind" and self.choices == ("essay", "talk"):
            return t(f"field.campaign_kind.{value}")
        return str(value)

    def cell(self, value: Any) -> str:
        """The value in a table: as `show` has it, but money grouped to the cent (2,000.00), as
        the sums beside it are."""
        if self.type == "decimal" and self.places is not None and value not in (None, ""):
            from decimal import Decimal  # ~2 ms: loaded for money only

            return f"{Decimal(value):,.{self.places}f}"
        return self.show(value)

    def check(self, value: Any, settings: Mapping[str, Any]) -> None:
        """Raise FieldError unless `value` is a valid stored value of this field."""
        if value is None:
            if self.required or not self.nullable:
                raise FieldError(self.name, t("err.required"))
            return
        check = _CHECKS[self.type]
        check(self, value, settings)


_ITEM = re.compile(r"^(.+?)\s*[=:：]\s*(\d+)$")


def parse_items(text: str) -> dict[str, int]:
    """Read a study breakdown typed as `每日答题=5, 挑战答题=10` (or with `:`)."""
    items: dict[str, int] = {}
    for part in (p.strip() for p in re.split(r"[,，;；]", text)):
        if not part:
            continue
        match = _ITEM.match(part)
        if not match:
            raise FieldError("items", t("err.item_format", value=part))
        name = match.group(1).strip()
        items[name] = items.get(name, 0) + whole_number(match.group(2), "items")
    return items


def whole_number(digits: str, field: str) -> int:
    """`digits` (checked to be an optionally signed run of digits) as an int; too many digits for
    any count is refused before int() meets Python's 4,300-digit limit."""
    if len(digits.lstrip("+-")) > len(str(MAX_INT)):
        raise FieldError(field, t("err.int_max", maximum=MAX_INT))
    return int(digits)


def is_text(value: Any) -> bool:
    """True for a string that can be written to the UTF-8 file (no lone surrogates)."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_text(field: Field, value: Any, settings: Mapping[str, Any]) -> None:
    if not is_text(value):
        raise FieldError(field.name, t("err.type_text"))
    if field.required and not value.strip():
        raise FieldError(field.name, t("err.required"))


def _check_int(field: Field, value: Any, settings: Mapping[str, Any]) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(field.name, t("err.int_min", minimum=field.minimum or 0))
    if field.minimum is not None and value < field.minimum:
        raise FieldError(field.name, t("err.int_min", minimum=field.minimum))
    if value > MAX_INT:
        raise FieldError(field.name, t("err.int_max", maximum=MAX_INT))


def _check_decimal(field: Field, value: Any, settings: Mapping[str, Any]) -> None:
    if not isinstance(value, str) or not DECIMAL.match(value):
        raise FieldError(field.name, t("err.decimal", value=value))
    if field.places is not None and len(value.partition(".")[2]) > field.places:
        raise FieldError(field.name, t("err.decimal_places", places=field.places, value=value))


def _check_date(field: Field, value: Any, settings: Mapping[str, Any]) -> None:
    if not isinstance(value, str) or not dates.is_iso_date(value):
        raise FieldError(field.name, t("err.date", value=value))


def _check_month(field: Field, value: Any, settings: Mapping[str, Any]) -> None:
    if not isinstance(value, str) or not dates.is_iso_month(value):
        raise FieldError(field.name, t("err.month", value=value))


def _check_time(field: Field, value: Any, settings: Mapping[str, Any]) -> None:
    if not isinstance(value, str) or dates_safe(dates.parse_time, value) != value:
        raise FieldError(field.name, t("err.time", value=value))


def _check_mmdd(field: Field, value: Any, settings: Mapping[str, Any]) -> None:
    if not isinstance(value, str) or dates_safe(dates.parse_mmdd, value) != value:
        raise FieldError(field.name, t("err.mmdd", value=value))


def dates_safe(parse: Callable[[str], str], value: str) -> str | None:
    """The canonical form of `value` under `parse`, or None when it does not parse."""
    try:
        return parse(value)
    except dates.DateInputError:
        return None


def _check_bool(field: Field, value: Any, settings: Mapping[str, Any]) -> None:
    if not isinstance(value, bool):
        raise FieldError(field.name, t("err.type_bool"))


def _check_choice(field: Field, value: Any, settings: Mapping[str, Any]) -> None:
    options = field.options(settings)
    if value == "" and not field.required:
        return
    if not isinstance(value, str) or value not in options:
        reason = t("err.choice", value=value, options="、".join(options) or "-")
        if isinstance(field.choices, str) and isinstance(value, str):  # a list the user may edit
            reason += t("err.choice_add", category=field.choices, value=value)
        raise FieldError(field.name, reason)


def _check_names(field: Field, value: Any, settings: Mapping[str, Any]) -> None:
    if not isinstance(value, list) or not all(is_text(v) and v.strip() for v in value):
        raise FieldError(field.name, t("err.names"))


def _check_items(field: Field, value: Any, settings: Mapping[str, Any]) -> None:
    if not isinstance(value, dict):
        raise FieldError(field.name, t("err.items_type"))
    caps = settings["study_items"]
    for name, points in value.items():
        if name not in caps:
            raise FieldError(field.name, t("err.item_unknown", item=name, options="、".join(caps)))
        if isinstance(points, bool) or not isinstance(points, int) or points < 0:
            raise FieldError(field.name, t("err.item_points", item=name))
        if points > caps[name]:
            raise FieldError(field.name, t("err.item_cap", item=name, cap=caps[name], value=points))


def _check_ref(field: Field, value: Any, settings: Mapping[str, Any]) -> None:
    if not isinstance(value, str) or not UUID.match(value):
        raise FieldError(field.name, t("err.ref_format", value=value))


_CHECKS: dict[str, Callable[[Field, Any, Mapping[str, Any]], None]] = {
    "text": _check_text,
    "int": _check_int,
    "decimal": _check_decimal,
    "date": _check_date,
    "month": _check_month,
    "time": _check_time,
    "mmdd": _check_mmdd,
    "bool": _check_bool,
    "choice": _check_choice,
    "names": _check_names,
    "items": _check_items,
    "ref": _check_ref,
}


class Kind(NamedTuple):
    """One record kind: its fields, the field it is sorted and filtered by, and its own rules.

    `unique` names a field no two records may share; `rules` check values against each other."""

    name: str
    fields: tuple[Field, ...]
    sort_field: str
    unique: str | None = None
    rules: tuple[Callable[[Mapping[str, Any]], None], ...] = ()

    def field(self, name: str) -> Field:
        """The field called `name`."""
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        """Every key of a stored record, in the fixed order used by exports."""
        return ("id", *(f.name for f in self.fields), "note", "created_at", "updated_at")

    @property
    def columns(self) -> tuple[Field, ...]:
        """The fields shown as table columns."""
        return tuple(f for f in self.fields if f.column)

    @property
    def date_field(self) -> str | None:
        """The date the kind is filtered by with --since/--until, if it has one."""
        field = self.field(self.sort_field)
        return field.name if field.type in {"date", "month"} else None

    def label(self) -> str:
        """The kind's name in the user's language."""
        return t(f"kind.{self.name}")

    def sort_key(self, record: Mapping[str, Any]) -> tuple[str, str]:
        """Records sort by their date (or name) then id."""
        return (str(record.get(self.sort_field) or ""), str(record.get("id", "")))

    def between(
        self, records: list[dict[str, Any]], since: str | None, until: str | None
    ) -> list[dict[str, Any]]:
        """The records dated between `since` and `until` (inclusive; a month by its YYYY-MM), in
        the order given; all of them for a kind without a date."""
        date_field = self.date_field
        if not date_field or not (since or until):
            return records
        cut = 7 if self.field(date_field).type == "month" else 10
        low, high = (since or "")[:cut], (until or "\uffff")[:cut]
        return [r for r in records if low <= (r.get(date_field) or "") <= high]

    def in_sort_order(self, records: Iterable[Mapping[str, Any]]) -> list[Any]:
        """`records` sorted by `sort_key`: by a plain look-up of the two keys (in C, twice as fast)
        while every record has both as text, else by `sort_key` (a missing or empty date)."""
        records = list(records)
        try:
            return sorted(records, key=itemgetter(self.sort_field, "id"))
        except (KeyError, TypeError):
            return sorted(records, key=self.sort_key)

    def blank(self, settings: Mapping[str, Any], today: datetime.date) -> dict[str, Any]:
        """The values of a record nobody has filled in yet (a required date is today)."""
        values = {f.name: f.empty(settings) for f in self.fields} | {"note": ""}
        for field in self.fields:
            if field.type == "date" and field.required:
                values[field.name] = today.isoformat()
        return values

    def validate(self, record: Mapping[str, Any], settings: Mapping[str, Any]) -> list[FieldError]:
        """Every problem of a complete record: unknown or missing keys, bad values, broken rules."""
        problems: list[FieldError] = []
        allowed = set(self.field_names)
        problems += [
            FieldError(key, t("err.unknown_field")) for key in record if key not in allowed
        ]
        for key in COMMON_FIELDS:
            if key not in record:
                problems.append(FieldError(key, t("err.missing")))
        if "id" in record and (not isinstance(record["id"], str) or not UUID.match(record["id"])):
            problems.append(FieldError("id", t("err.uuid", value=record["id"])))
        for key in ("created_at", "updated_at"):
            value = record.get(key)
            if key in record and (not isinstance(value, str) or not TIMESTAMP.match(value)):
                problems.append(FieldError(key, t("err.timestamp", value=value)))
        if "note" in record and not is_text(record["note"]):
            problems.append(FieldError("note", t("err.type_text")))
        for field in self.fields:
            if field.name not in record:
                problems.append(FieldError(field.name, t("err.missing")))
                continue
            try:
                field.check(record[field.name], settings)
            except FieldError as error:
                problems.append(error)
        if not problems:
            for rule in self.rules:
                try:
                    rule(record)
                except FieldError as error:
                    problems.append(error)
        return problems

    def canonical(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """The record with its keys in the fixed export order."""
        return {key: record[key] for key in self.field_names if key in record}


def new_id() -> str:
    """A fresh record id (a UUID4 string)."""
    return str(uuid.uuid4())


def _items_sum_to_points(record: Mapping[str, Any]) -> None:
    items = record["items"]
    if items and sum(items.values()) != record["points"]:
        raise FieldError(
            "points", t("err.items_sum", total=sum(items.values()), points=record["points"])
        )


def _start_not_after_end(record: Mapping[str, Any]) -> None:
    if record["start"] > record["end"]:
        raise FieldError("end", t("err.end_before_start", start=record["start"], end=record["end"]))


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "study",
            (
                Field("date", "date", required=True, column=True),
                Field("points", "int", required=True, minimum=0, column=True),
                Field("total", "int", minimum=0, column=True),
                Field("items", "items"),
            ),
            sort_field="date",
            unique="date",
            rules=(_items_sum_to_points,),
        ),
        Kind(
            "session",
            (
                Field("date", "date", required=True, column=True),
                Field("kind", "choice", required=True, choices="session_kinds", column=True),
                Field("topic", "text", column=True),
                Field("hours", "decimal", column=True),
                Field("role", "choice", choices="session_roles", column=True, first_choice=True),
            ),
            sort_field="date",
        ),
        Kind(
            "campaign",
            (
                Field("kind", "choice", required=True, choices=("essay", "talk"), column=True),
                Field("title", "text", required=True, column=True),
                Field("start", "month", required=True, column=True),
                Field("end", "month", required=True, column=True),
                Field("monthly_quota", "int", required=True, minimum=1, column=True),
                Field("organizer", "text"),
            ),
            sort_field="start",
            rules=(_start_not_after_end,),
        ),
        Kind(
            "essay",
            (
                Field("campaign_id", "ref", required=True, ref="campaign"),
                Field("title", "text", required=True, column=True),
                Field("date", "date", required=True, column=True),
                Field("words", "int", minimum=0, column=True),
                Field("status", "choice", choices="essay_statuses", column=True, first_choice=True),
                Field("award", "choice", choices="awards", column=True),
            ),
            sort_field="date",
        ),
        Kind(
            "talk",
            (
                Field("campaign_id", "ref", ref="campaign"),
                Field("date", "date", required=True, column=True),
                Field("person", "text", required=True, column=True),
                Field("dept", "text", column=True),
                Field("place", "text"),
                Field("talk_type", "choice", choices="talk_types", column=True, first_choice=True),
                Field("topic", "text", column=True),
                Field("concerns", "text", multiline=True),
                Field("follow_up", "text", multiline=True),
                Field("follow_up_due", "date"),
                Field("follow_up_done", "bool"),
            ),
            sort_field="date",
        ),
        Kind(
            "event",
            (
                Field("date", "date", required=True, column=True),
                Field("time", "time"),
                Field("sport", "choice", required=True, choices="sports", column=True),
                Field("sub_event", "text", column=True),
                Field("location", "text"),
                Field("team", "text"),
                Field("role", "choice", choices="event_roles", column=True, first_choice=True),
                Field("result", "text", column=True),
                Field("rank", "int", minimum=1, column=True),
                Field("award", "text"),
            ),
            sort_field="date",
        ),
        Kind(
            "visit",
            (
                Field("date", "date", required=True, column=True),
                Field("occasion", "choice", required=True, choices="occasions", column=True),
                Field("person", "text", required=True, column=True),
                Field("dept", "text", column=True),
                Field("my_role", "choice", choices="visit_roles", first_choice=True),
                Field("visitors", "names"),
                Field("form", "choice", choices="visit_forms", column=True),
                Field("amount", "decimal", column=True, places=2),
                Field("fund_source", "text"),
                Field("follow_up_due", "date"),
                Field("follow_up_done", "bool"),
            ),
            sort_field="date",
        ),
        Kind(
            "person",
            (
                Field("name", "text", required=True, column=True),
                Field("dept", "text", column=True),
                Field("birthday", "mmdd", column=True),
                Field("phone", "text", column=True),
            ),
            sort_field="name",
        ),
    )
}


def kind_named(name: str) -> Kind:
    """The kind called `name`, or a FieldError on `kind` that lists the known ones."""
    try:
        return KINDS[name]
    except KeyError:
        raise FieldError("kind", t("err.kind", value=name, options=", ".join(KINDS))) from None
