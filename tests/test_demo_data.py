"""The shipped demo file: it loads through the Store, every record is valid, and it tells its story.

Each fact is computed from the data with plain Python; the file must also be what bench/generate.py makes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tui.core.dates import months_between
from tui.core.records import KINDS
from tui.core.store import Store

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")
NOT_PROSE = {"phone", "result"}  # text fields that are digits or scores (142次, 2:1)


@pytest.fixture(scope="module")
def shipped() -> Path:
    """The demo file as the installed package holds it."""
    return Path(str(resources.files("tui.data").joinpath("demo.json")))


@pytest.fixture(scope="module")
def store(shipped: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A Store on a private copy, as `cadre --demo` opens it."""
    folder = tmp_path_factory.mktemp("demo")
    folder.chmod(0o700)
    copy = folder / "demo.json"
    shutil.copyfile(shipped, copy)
    copy.chmod(0o600)
    return Store(copy)


@pytest.fixture(scope="module")
def today(store: Store) -> date:
    return date.fromisoformat(store.data["_meta"]["1"]["demo_today"])


def records(store: Store, kind: str) -> list[dict[str, Any]]:
    return sorted(store.records(kind), key=KINDS[kind].sort_key)


def month_counts(store: Store, campaign: dict[str, Any], linked_kind: str) -> Counter[str]:
    """How many of the campaign's essays or talks fall in each month."""
    return Counter(
        r["date"][:7] for r in store.records(linked_kind) if r["campaign_id"] == campaign["id"]
    )


def verdicts(store: Store, kind: str, today: date) -> list[tuple[str, str, list[str]]]:
    """(start, end, verdicts of the months that are over) for each campaign of `kind`."""
    found = []
    for campaign in records(store, "campaign"):
        if campaign["kind"] != kind:
            continue
        counts = month_counts(store, campaign, kind)
        months = months_between(campaign["start"], campaign["end"])
        over = [m for m in months if m < today.isoformat()[:7]]
        found.append(
            (
                campaign["start"],
                campaign["end"],
                ["met" if counts[m] >= campaign["monthly_quota"] else "missed" for m in over],
            )
        )
    return found


def test_loads_and_every_record_is_valid(store: Store, today: date) -> None:
    data = store.data
    assert store.storage.read()["_meta"]["1"]["schema_version"] == 2  # as shipped, not migrated
    assert store.settings["timezone"] == "Asia/Shanghai"
    ids = []
    for kind in KINDS:
        rows = store.records(kind)
        assert rows, f"no {kind} records"
        for record in rows:
            assert store.check(kind, record, data) == [], (kind, record)
            assert list(record) == list(KINDS[kind].field_names)
            assert record["created_at"].endswith("+08:00")
            assert record["created_at"] <= record["updated_at"]
            assert record["updated_at"][:10] <= today.isoformat()
            ids.append(record["id"])
    assert len(ids) == len(set(ids))


def test_all_text_is_chinese(store: Store) -> None:
    for kind, definition in KINDS.items():
        for record in store.records(kind):
            texts = [record["note"]] + [
                record[f.name]
                for f in definition.fields
                if f.type == "text" and f.name not in NOT_PROSE
            ]
            texts += [
                name for f in definition.fields if f.type == "names" for name in record[f.name]
            ]
            for text in texts:
                assert not text or CJK.search(text), (kind, text)


def test_the_year_of_study_points(store: Store, today: date) -> None:
    target = store.settings["study_target"]
    study = records(store, "study")
    points = {r["date"]: r["points"] for r in study}
    year = [(today - timedelta(days=n)).isoformat() for n in range(365)]
    assert study[-1]["date"] == today.isoformat()
    assert min(points) >= year[-1]
    assert len(points) >= 0.8 * 365
    assert any(year_day not in points for year_day in year)  # days without points
    below = [day for day, value in points.items() if value < target]
    assert 0.05 * len(points) <= len(below) <= 0.4 * len(points)
    weekday = [v for d, v in points.items() if date.fromisoformat(d).weekday() < 5]
    weekend = [v for d, v in points.items() if date.fromisoformat(d).weekday() >= 5]
    assert sum(weekday) / len(weekday) > sum(weekend) / len(weekend)

    current = 0
    while points.get((today - timedelta(days=current)).isoformat(), 0) >= target:
        current += 1
    assert 10 <= current <= 14
    runs, run = [], 0
    for day in sorted(year)[: -current - 1]:
        run = run + 1 if points.get(day, 0) >= target else 0
        runs.append(run)
    assert max(runs) > current  # the longest streak is an earlier one, since broken

    with_items = [r for r in study if r["items"]]
    assert len(with_items) >= 0.1 * len(study)
    caps = store.settings["study_items"]
    for record in with_items:
        assert sum(record["items"].values()) == record["points"]
        assert all(value <= caps[name] for name, value in record["items"].items())


def test_the_lifetime_total_grows_by_the_points(store: Store) -> None:
    study = records(store, "study")
    known = [i for i, r in enumerate(study) if r["total"] is not None]
    assert len(known) >= 0.7 * len(study)
    assert study[-1]["total"] is not None
    for before, after in zip(known, known[1:], strict=False):
        gained = sum(r["points"] for r in study[before + 1 : after + 1])
        assert study[after]["total"] - study[before]["total"] == gained


def test_sessions_of_every_kind(store: Store) -> None:
    sessions = store.records("session")
    assert 15 <= len(sessions) <= 30
    assert {s["kind"] for s in sessions} == set(store.settings["categories"]["session_kinds"])
    assert len({s["role"] for s in sessions}) >= 3


def test_campaigns_meet_and_miss_their_quotas(store: Store, today: date) -> None:
    essay = verdicts(store, "essay", today)
    assert ("2026-03", "2026-06") in [(start, end) for start, end, _ in essay]
    for start, end, found in essay:
        if (start, end) == ("2026-03", "2026-06"):
            assert "met" in found and "missed" in found
    talk = {(start, end): found for start, end, found in verdicts(store, "talk", today)}
    assert {"met", "missed"} <= set(talk[("2026-07", "2026-10")])
    month = today.isoformat()[:7]
    running = [
        c
        for c in store.records("campaign")
        if c["kind"] == "talk" and c["start"] <= month <= c["end"]
    ]
    assert running and all(c["monthly_quota"] >= 1 for c in running)
    assert {c["monthly_quota"] for c in store.records("campaign")} >= {2, 3}


def test_essays_have_statuses_and_awards(store: Store) -> None:
    essays = store.records("essay")
    assert len({e["status"] for e in essays}) >= 4
    awarded = [e for e in essays if e["award"]]
    assert len({e["award"] for e in awarded}) >= 2
    assert all(e["status"] == "获奖" for e in awarded)


def test_talks_have_follow_ups_overdue_soon_and_done(store: Store, today: date) -> None:
    talks = store.records("talk")
    horizon = (today + timedelta(days=store.settings["upcoming_days"])).isoformat()
    open_ = [t for t in talks if t["follow_up_due"] and not t["follow_up_done"]]
    assert any(t["follow_up_due"] < today.isoformat() for t in open_)
    assert any(today.isoformat() <= t["follow_up_due"] <= horizon for t in open_)
    assert any(t["follow_up_done"] for t in talks)
    assert all(t["person"] and t["dept"] for t in talks)
    assert sum(bool(t["concerns"]) for t in talks) == len(talks)
    assert any(t["campaign_id"] is None for t in talks)


def test_a_dozen_sports_events_some_upcoming(store: Store, today: date) -> None:
    events = store.records("event")
    horizon = (today + timedelta(days=14)).isoformat()
    assert len(events) >= 12
    assert len({e["sport"] for e in events}) >= 6
    upcoming = [e for e in events if today.isoformat() <= e["date"] <= horizon]
    assert 1 <= len(upcoming) <= 2
    results = [e["result"] for e in events]
    for pattern in (r"\d+次", r"\d+秒\d", r"\d+:\d+"):
        assert any(re.fullmatch(pattern, r) for r in results), pattern
    assert any(e["rank"] for e in events) and any(e["award"] for e in events)


def test_care_visits(store: Store) -> None:
    visits = store.records("visit")
    assert len({v["occasion"] for v in visits}) >= 6
    amounts = [v["amount"] for v in visits if v["amount"] is not None]
    assert amounts and all(isinstance(a, str) for a in amounts)
    assert any(len(v["visitors"]) >= 2 for v in visits)
    assert all(type(v["follow_up_done"]) is bool for v in visits)


def test_address_book_with_three_birthdays_coming(store: Store, today: date) -> None:
    people = store.records("person")
    assert 20 <= len(people) <= 30
    coming = []
    for person in people:
        if person["birthday"] is None:
            continue
        month, day = (int(part) for part in person["birthday"].split("-"))
        next_one = date(today.year, month, day)
        if next_one < today:
            next_one = date(today.year + 1, month, day)
        if (next_one - today).days <= 14:
            coming.append(person["name"])
    assert len(coming) == 3


def test_the_file_is_small(shipped: Path) -> None:
    assert shipped.stat().st_size < 300_000


def test_the_file_is_what_the_generator_makes(shipped: Path, tmp_path: Path) -> None:
    output = tmp_path / "demo.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "--demo", "-o", str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert output.read_bytes() == shipped.read_bytes()
