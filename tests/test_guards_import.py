"""The import's "only when newer": a changed record whose `updated_at` is the same moment as the
stored one's (written the same way, or in another offset) never replaces it; a later one does.

Seen to fail with the comparison in tui/core/importer.py made `<` instead of `<=`."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from tui.core import exchange, importer
from tui.core.store import Store

STAMP = "2026-03-18T10:00:00+08:00"


def stored_and_changed(store: Store, updated_at: str) -> tuple[dict[str, Any], bytes]:
    """A stored visit, and an export of it with its person changed and `updated_at` set."""
    stored = store.add("visit", {"date": "2026-03-02", "occasion": "住院", "person": "王芳"})
    with store.transaction() as data:  # a fixed stamp, as if written at STAMP
        key = next(iter(data["visit"]))
        data["visit"][key] = dict(data["visit"][key], updated_at=STAMP)
    stored = store.get("visit", stored["id"])
    document = orjson.loads(exchange.export_json(store))
    document["records"]["visit"] = [dict(stored, person="王芳芳", updated_at=updated_at)]
    return stored, orjson.dumps(document)


@pytest.mark.parametrize(
    "same_moment",
    [STAMP, "2026-03-18T02:00:00+00:00", "2026-03-18T02:00:00Z", "2026-03-18T10:00:00.000+08:00"],
)
def test_a_change_stamped_with_the_same_moment_does_not_replace_the_stored_record(
    store: Store, same_moment: str
) -> None:
    stored, payload = stored_and_changed(store, same_moment)
    before = store.path.read_bytes()
    summary = importer.import_bytes(store, payload, "tie.json")
    assert summary.ok and not summary.written
    counts = summary.counts["visit"]
    assert (counts.added, counts.replaced, counts.identical, counts.older) == (0, 0, 0, 1)
    assert store.path.read_bytes() == before
    assert Store(store.path, today=store.today()).get("visit", stored["id"]) == stored


def test_a_change_one_second_newer_replaces_it(store: Store) -> None:
    stored, payload = stored_and_changed(store, "2026-03-18T10:00:01+08:00")
    summary = importer.import_bytes(store, payload, "newer.json")
    assert summary.ok and summary.written
    counts = summary.counts["visit"]
    assert (counts.added, counts.replaced, counts.identical, counts.older) == (0, 1, 0, 0)
    again = Store(store.path, today=store.today()).get("visit", stored["id"])
    assert again == dict(stored, person="王芳芳", updated_at="2026-03-18T10:00:01+08:00")
