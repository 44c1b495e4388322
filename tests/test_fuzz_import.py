"""Random JSON structures to `import` (hypothesis, bounded): valid exports, exports with one part
dropped or changed, or with one record whose field is dropped, changed or added, and any JSON at
all. In-process through tui.core.importer, and a few through the real `cadre import`.

None may raise or give an "internal error"; the data file changes only when the import says it
wrote, and then every record in it keeps the rules."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import orjson
import pytest
from cli_support import CADRE, TODAY, cadre_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import LINK, stamps, stored_record, text

from tui.core import importer
from tui.core.import_checks import invalid_in
from tui.core.records import KINDS
from tui.core.store import Store

SOME = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
FEW = settings(SOME, max_examples=6)  # each a real process

leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**64 - 1),  # what orjson can write
    st.floats(allow_nan=False, allow_infinity=False),
    text,
)
DROP = "<drop>"  # drawn instead of a value: the key goes
json_values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)


def whole(name: str, campaigns: dict[str, str]) -> st.SearchStrategy[dict[str, Any]]:
    """A valid stored record of the kind `name` (a link is the stored campaign of its kind)."""
    return stored_record(KINDS[name]).map(
        lambda record: {k: campaigns.get(name) if v == LINK else v for k, v in record.items()}
    )


def changed(document: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """`document` with `value` in place of its part `key` (or beside them), or without it."""
    document = dict(document)
    if value == DROP:
        document.pop(key, None)
    else:
        document[key] = value
    return document


def with_record(document: dict[str, Any], name: str, record: dict[str, Any]) -> dict[str, Any]:
    """`document` with `record` added to the records of the kind `name`."""
    records = dict(document["records"])
    records[name] = [*records[name], record]
    return document | {"records": records}


def odd_record(name: str, campaigns: dict[str, str]) -> st.SearchStrategy[dict[str, Any]]:
    """A record of the kind `name` with one field dropped, set to any JSON, or one too many."""
    keys = st.sampled_from(["id", "created_at", "updated_at", "note", *KINDS[name].field_names])

    def change(record: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
        if value == DROP:
            return {k: v for k, v in record.items() if k != key}
        return record | {key if key in record else f"{key}_extra": value}

    values = st.just(DROP) | json_values
    return st.tuples(whole(name, campaigns), keys, values).map(lambda parts: change(*parts))


def documents(campaigns: dict[str, str]) -> st.SearchStrategy[Any]:
    """Valid exports; exports with one part dropped or changed to any JSON (or one key too
    many), or with one odd record among valid ones; and any JSON at all."""
    records = st.fixed_dictionaries(
        {name: st.lists(whole(name, campaigns), max_size=2) for name in KINDS}
    )
    valid = st.fixed_dictionaries(
        {
            "format": st.just("cadre-export"),
            "version": st.just(2),  # (a version 1 file has no follow_up_done)
            "exported_at": stamps,
            "filter": st.fixed_dictionaries(
                {
                    "kinds": st.lists(st.sampled_from(list(KINDS)), max_size=3, unique=True),
                    "since": st.none(),
                    "until": st.none(),
                }
            ),
            "records": records,
        }
    )
    parts = st.sampled_from(["format", "version", "exported_at", "filter", "records", "extra"])
    one_part = st.tuples(valid, parts, st.just(DROP) | json_values).map(
        lambda parts: changed(*parts)
    )
    name = st.sampled_from(list(KINDS))
    one_record = st.tuples(valid, name).flatmap(
        lambda pair: odd_record(pair[1], campaigns).map(
            lambda record: with_record(pair[0], pair[1], record)
        )
    )
    return st.one_of(valid, one_part, one_record, json_values)


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A data folder with a study day and a campaign of each kind kept aside; the campaigns'
    ids by the kind of their records."""
    store = Store(tmp_path / "base" / "cadre.json", today=TODAY)
    store.add("study", {"date": "2026-03-01", "points": 3})
    campaigns = {}
    for kind in ("essay", "talk"):
        values = {"kind": kind, "title": f"{kind}月", "start": "2026-03", "end": "2026-04"}
        campaigns[kind] = store.add("campaign", values | {"monthly_quota": 1})["id"]
    return store.path.parent, campaigns


def fresh(seeded: tuple[Path, dict[str, str]], tmp_path: Path) -> tuple[Path, bytes]:
    """A copy of the seeded folder in tmp_path: its data file, and the file's bytes."""
    folder = tmp_path / "data"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(seeded[0], folder)
    return folder / "cadre.json", (folder / "cadre.json").read_bytes()


def keeps_the_rules(db: Path) -> None:
    store = Store(db, today=TODAY)
    assert invalid_in(store.data, store.settings) == []


@SOME
@given(data=st.data())
def test_random_documents_never_break_the_import(
    seeded: tuple[Path, dict[str, str]], tmp_path: Path, data: st.DataObject
) -> None:
    db, before = fresh(seeded, tmp_path)
    document = data.draw(documents(seeded[1]))
    dry_run = data.draw(st.booleans())
    store = Store(db, today=TODAY)
    summary = importer.import_bytes(store, orjson.dumps(document), "fuzz.json", dry_run=dry_run)
    said = summary.report() if summary.ok else summary.problem_report()
    assert said
    if summary.written:
        assert not dry_run
        assert db.read_bytes() != before
        keeps_the_rules(db)
    else:
        assert db.read_bytes() == before, said


@FEW
@given(data=st.data())
def test_random_documents_never_break_the_real_import(
    seeded: tuple[Path, dict[str, str]], tmp_path: Path, data: st.DataObject
) -> None:
    db, before = fresh(seeded, tmp_path)
    source = tmp_path / "export.json"
    source.write_bytes(orjson.dumps(data.draw(documents(seeded[1]))))
    done = subprocess.run(
        [*CADRE, "import", str(source)],
        env=cadre_env(db),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    if done.returncode == 1:
        assert db.read_bytes() == before
    keeps_the_rules(db)
