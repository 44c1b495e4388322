"""Schema versions of the data file and the steps that bring an older file up to date.

`_meta` holds `schema_version`; a step in MIGRATIONS turns version n into version n + 1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 2
META_TABLE = "_meta"
META_DOC = "1"
SETTINGS_TABLE = "settings"
SETTINGS_DOC = "1"

Data = dict[str, Any]


def _visits_say_whether_followed_up(data: Data) -> Data:
    """Schema 2: every visit has `follow_up_done`, false for the visits of schema 1 (it comes
    right after `follow_up_due`, where the record definition puts it)."""
    if "visit" in data:
        data["visit"] = {key: with_follow_up_done(visit) for key, visit in data["visit"].items()}
    return data


def with_follow_up_done(visit: dict[str, Any]) -> dict[str, Any]:
    """A schema-1 visit as a schema-2 one (also what import makes of a version-1 export's visit)."""
    if "follow_up_done" in visit:
        return visit
    upgraded: dict[str, Any] = {}
    for key, value in visit.items():
        upgraded[key] = value
        if key == "follow_up_due":
            upgraded["follow_up_done"] = False
    upgraded.setdefault("follow_up_done", False)
    return upgraded


# version n -> a function that turns a version-n file into a version n + 1 file
MIGRATIONS: dict[int, Callable[[Data], Data]] = {1: _visits_say_whether_followed_up}


def new_data() -> Data:
    """The contents of a brand-new data file."""
    return {META_TABLE: {META_DOC: {"schema_version": SCHEMA_VERSION}}}


def schema_version(data: Any) -> int | None:
    """The file's schema version, or None when it does not look like a cadre file at all."""
    if not isinstance(data, dict):
        return None
    meta = data.get(META_TABLE)
    if not isinstance(meta, dict) or not isinstance(meta.get(META_DOC), dict):
        return None
    version = meta[META_DOC].get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return None
    if not all(isinstance(table, dict) for table in data.values()):
        return None
    return version


def needs_migration(data: Data) -> bool:
    """True when the file is older than this program's schema."""
    return (schema_version(data) or SCHEMA_VERSION) < SCHEMA_VERSION


def migrate(data: Data) -> Data:
    """Run every step from the file's version up to SCHEMA_VERSION."""
    version = schema_version(data) or SCHEMA_VERSION
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data[META_TABLE][META_DOC]["schema_version"] = version
    return data
