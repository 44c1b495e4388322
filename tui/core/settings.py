"""The settings a user may change: what each accepts, and category lists edited safely.

Defaults live in data/defaults.json; a value still used by a record cannot leave its list."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pendulum

from tui.core.i18n import LANGUAGES, t
from tui.core.migrate import Data
from tui.core.records import KINDS, FieldError, is_text, parse_items
from tui.core.store import Store

# key -> what it takes: a whole number ≥ 1, a language, a time zone, or yes/no
SCALARS = {
    "language": "language",
    "timezone": "timezone",
    "study_target": "count",
    "upcoming_days": "count",
    "backups_keep": "count",
    "undo_keep": "count",
    "working_days": "switch",
}
SWITCH_WORDS = {
    **dict.fromkeys(("true", "yes", "on", "1", "是", "开"), True),
    **dict.fromkeys(("false", "no", "off", "0", "否", "关"), False),
}
STUDY_ITEMS = "study_items"
AUTO = "auto"  # language from the locale, time zone from the system


def parse_scalar(key: str, text: str) -> Any:
    """The stored value of setting `key` typed as `text`, or a FieldError naming the key."""
    if key not in SCALARS:
        raise FieldError(key, t("err.setting", options=", ".join(SCALARS)))
    value = text.strip()
    if SCALARS[key] == "count":
        if not re.fullmatch(r"[0-9]{1,6}", value) or int(value) < 1:
            raise FieldError(key, t("err.int_min", minimum=1))
        return int(value)
    if SCALARS[key] == "switch":
        if value.lower() not in SWITCH_WORDS:
            raise FieldError(key, t("err.switch", value=value))
        return SWITCH_WORDS[value.lower()]
    if value == AUTO:
        return None
    if SCALARS[key] == "language" and value not in LANGUAGES:
        raise FieldError(key, t("err.choice", value=value, options="zh、en、auto"))
    if SCALARS[key] == "timezone":
        try:
            pendulum.timezone(value)
        except Exception:  # pendulum raises several kinds for an unknown zone
            raise FieldError(key, t("err.timezone", value=value)) from None
    return value


def category_names(settings: Mapping[str, Any]) -> list[str]:
    """Every list a user may edit: the study items, then each category."""
    return [STUDY_ITEMS, *settings["categories"]]


def _check_category(settings: Mapping[str, Any], category: str) -> None:
    if category not in category_names(settings):
        raise FieldError(category, t("err.category", options=", ".join(category_names(settings))))


def users(data: Data, category: str, value: str) -> int:
    """How many records use `value` of `category` (a choice, or a study item in a breakdown)."""
    count = 0
    for kind in KINDS.values():
        for field in kind.fields:
            if field.choices == category:
                count += sum(
                    1 for r in data.get(kind.name, {}).values() if r.get(field.name) == value
                )
            if field.type == "items" and category == STUDY_ITEMS:
                count += sum(
                    1
                    for r in data.get(kind.name, {}).values()
                    if value in (r.get(field.name) or {})
                )
    return count


def add_to(store: Store, category: str, text: str) -> None:
    """Add a value to a category (`冰壶`), or a study item with its daily cap (`新项目=5`)."""
    settings = store.settings
    _check_category(settings, category)
    if not is_text(text):  # bytes that are not UTF-8, from the command line: they cannot be saved
        raise FieldError(category, t("err.type_text"))
    if category == STUDY_ITEMS:
        caps = parse_items(text)

        def within_caps(data: Data) -> list[FieldError]:
            over = sum(
                1
                for record in data.get("study", {}).values()
                for name, cap in caps.items()
                if (record.get("items") or {}).get(name, 0) > cap
            )
            return [FieldError(category, t("err.cap_used", count=over))] if over else []

        store.save_settings({STUDY_ITEMS: settings[STUDY_ITEMS] | caps}, check=within_caps)
        return
    value = text.strip()
    if not value:
        raise FieldError(category, t("err.required"))
    if value in settings["categories"][category]:
        raise FieldError(category, t("err.category_has", value=value))
    categories = settings["categories"] | {category: [*settings["categories"][category], value]}
    store.save_settings({"categories": categories})


def remove_from(store: Store, category: str, value: str) -> None:
    """Take a value out of a category; refused while a record uses it."""
    settings = store.settings
    _check_category(settings, category)
    present = settings[STUDY_ITEMS] if category == STUDY_ITEMS else settings["categories"][category]
    if value not in present:
        raise FieldError(category, t("err.category_lacks", value=value))

    def unused(data: Data) -> list[FieldError]:
        count = users(data, category, value)
        return (
            [FieldError(category, t("err.category_used", value=value, count=count))]
            if count
            else []
        )

    if category == STUDY_ITEMS:
        items = {name: cap for name, cap in settings[STUDY_ITEMS].items() if name != value}
        store.save_settings({STUDY_ITEMS: items}, check=unused)
        return
    kept = [option for option in settings["categories"][category] if option != value]
    store.save_settings({"categories": settings["categories"] | {category: kept}}, check=unused)
