"""Huge and odd values: a 1 MB note, 10,000 visitors on one visit, the years 1 and 9999 and leap
days, a name of 200 CJK characters. Each is stored, exported and imported unchanged; `cadre list`
cuts long text with … and keeps its columns in line; `cadre show` gives the value whole.

An amount of money is to the cent: `0.005` is refused, by `add` and by `import` alike."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from cli_support import CADRE, TODAY, RunCadre, cadre_env
from jsonschema import Draft202012Validator

from tui.core import dates, display, exchange, importer
from tui.core.records import KINDS
from tui.core.store import RecordError, Store

RunMany = Callable[..., list[subprocess.CompletedProcess[str]]]
VALIDATOR = Draft202012Validator(json.loads(Path(exchange.SCHEMA_FILE).read_text(encoding="utf-8")))
NOTE = ("备注" + "x" * 8 + "\n") * 90_910  # 1,000,010 characters (1.4 MB of UTF-8), in lines
NAME = "王" * 200
VISITORS = [f"访客{number}" for number in range(10_000)]
EDGE_DAYS = ["0001-01-01", "0004-02-29", "2024-02-29", "9996-02-29", "9999-12-31"]


def odd_records(store: Store) -> dict[str, dict[str, Any]]:
    """One record of each odd value, by a short name; returns them as stored."""
    made = {
        "person": store.add("person", {"name": NAME, "dept": "办公室", "note": NOTE}),
        "visit": store.add(
            "visit",
            {
                "date": "0001-01-01",
                "occasion": "住院",
                "person": NAME,
                "visitors": VISITORS,
                "amount": "0.01",
                "follow_up_due": "9999-12-31",
            },
        ),
        "event": store.add("event", {"date": "9999-12-31", "sport": "拔河", "sub_event": NAME}),
        "first_campaign": store.add(
            "campaign",
            {
                "kind": "essay",
                "title": NAME,
                "start": "0001-01",
                "end": "0001-12",
                "monthly_quota": 1,
            },
        ),
        "last_campaign": store.add(
            "campaign",
            {
                "kind": "talk",
                "title": "九九九九",
                "start": "9999-01",
                "end": "9999-12",
                "monthly_quota": 2,
            },
        ),
    }
    made["essay"] = store.add(
        "essay",
        {"campaign_id": made["first_campaign"]["id"], "title": NAME, "date": "0001-12-31"},
    )
    made["talk"] = store.add(
        "talk",
        {"campaign_id": made["last_campaign"]["id"], "date": "9999-12-31", "person": NAME},
    )
    for day in EDGE_DAYS:
        made[f"study {day}"] = store.add("study", {"date": day, "points": 30, "note": NOTE[:99]})
    return made


@pytest.fixture
def odd_store(store: Store) -> Store:
    store.save_settings({"study_target": 30})
    odd_records(store)
    return store


def without_stamp(payload: bytes) -> bytes:
    return re.sub(rb'\n  "exported_at": "[^"]+",\n', b"\n", payload)


def test_odd_values_are_stored_exactly_as_given(store: Store) -> None:
    made = odd_records(store)
    again = Store(store.path, today=TODAY)
    person = again.get("person", made["person"]["id"])
    assert person == made["person"]
    assert person["note"] == NOTE and len(NOTE.encode()) >= 1_000_000
    assert again.get("visit", made["visit"]["id"])["visitors"] == VISITORS
    assert [r["date"] for r in again.list("study")] == EDGE_DAYS
    for name, record in made.items():
        kind = name.split()[0].removeprefix("first_").removeprefix("last_")
        assert again.get(kind, record["id"]) == record, name


def test_odd_values_export_and_import_unchanged(odd_store: Store, tmp_path: Path) -> None:
    first = exchange.export_json(odd_store)
    VALIDATOR.validate(orjson.loads(first))
    empty = Store(tmp_path / "b" / "cadre.json", today=TODAY)
    summary = importer.import_bytes(empty, first, "odd.json")
    assert summary.ok and summary.written
    assert {name: c.added for name, c in summary.counts.items()} == {
        name: len(odd_store.records(name)) for name in KINDS
    }
    again = Store(empty.path, today=TODAY)
    for name in KINDS:
        assert again.list(name) == odd_store.list(name), name
    assert without_stamp(exchange.export_json(again)) == without_stamp(first)
    same = importer.import_bytes(again, first, "odd.json")  # a second import changes nothing
    assert same.ok and not same.written


def test_odd_values_go_through_the_command_line_unchanged(odd_store: Store, tmp_path: Path) -> None:
    exported, copy = tmp_path / "odd.json", tmp_path / "copy" / "cadre.json"

    def cadre(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [*CADRE, *args], env=cadre_env(db), capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        return done

    cadre(odd_store.path, "export", "-o", str(exported))
    cadre(copy, "import", str(exported))
    again = cadre(copy, "export").stdout.encode()
    assert without_stamp(again) == without_stamp(exported.read_bytes())
    for name in KINDS:
        assert Store(copy, today=TODAY).list(name) == odd_store.list(name), name


def test_odd_values_are_exported_whole_to_csv(odd_store: Store) -> None:
    limit = csv.field_size_limit(2**24)  # Python's csv reader stops at 128 KB a field by default
    try:
        for name in ("person", "visit", "study"):
            text = exchange.export_csv(odd_store, [name]).decode().removeprefix("\ufeff")
            rows = list(csv.DictReader(io.StringIO(text, newline="")))
            stored = odd_store.list(name)
            assert [row["id"] for row in rows] == [r["id"] for r in stored]
            for row, record in zip(rows, stored, strict=True):
                assert row["note"] == record["note"]
                if name == "visit":
                    assert json.loads(row["visitors"]) == VISITORS
                    assert (row["date"], row["amount"]) == ("0001-01-01", "0.01")
                if name == "person":
                    assert row["name"] == NAME
    finally:
        csv.field_size_limit(limit)


# an amount is to the cent ---------------------------------------------------------------------


@pytest.mark.parametrize("amount", ["0.005", "1.005", "12.340", "0.001"])
def test_an_amount_past_the_cent_is_refused_naming_the_field(store: Store, amount: str) -> None:
    store.add("person", {"name": "王芳"})
    before = store.path.read_bytes()
    with pytest.raises(RecordError) as caught:
        store.add(
            "visit", {"date": "2026-03-01", "occasion": "住院", "person": "王芳", "amount": amount}
        )
    [problem] = caught.value.problems
    assert problem.field == "amount"
    assert problem.reason == f"at most 2 decimals (an amount is to the cent), got '{amount}'"
    assert store.path.read_bytes() == before


@pytest.mark.parametrize("amount", ["0.01", "0.5", "12.34", "500", "1000000.00"])
def test_an_amount_to_the_cent_is_kept_as_typed(store: Store, amount: str) -> None:
    visit = store.add(
        "visit", {"date": "2026-03-01", "occasion": "住院", "person": "王芳", "amount": amount}
    )
    assert Store(store.path, today=TODAY).get("visit", visit["id"])["amount"] == amount


def test_hours_keep_their_finer_decimals(store: Store) -> None:
    session = store.add("session", {"date": "2026-03-01", "kind": "党课", "hours": "1.125"})
    assert Store(store.path, today=TODAY).get("session", session["id"])["hours"] == "1.125"


def test_add_and_import_refuse_an_amount_of_half_a_cent(
    run_cadre: RunCadre, store: Store, tmp_path: Path
) -> None:
    visit = store.add(
        "visit", {"date": "2026-03-01", "occasion": "住院", "person": "王芳", "amount": "0.01"}
    )
    before = store.path.read_bytes()
    added = run_cadre("add", "visit", "--person", "王芳", "--occasion", "住院", "--amount", "0.005")
    assert added.returncode == 1 and added.stdout == ""
    assert "--amount" in added.stderr and "at most 2 decimals" in added.stderr
    chinese = run_cadre(
        "--lang",
        "zh",
        "add",
        "visit",
        "--person",
        "王芳",
        "--occasion",
        "住院",
        "--amount",
        "0.005",
    )
    assert chinese.returncode == 1 and "最多 2 位小数" in chinese.stderr
    document = orjson.loads(exchange.export_json(store))
    document["records"]["visit"][0] = dict(
        visit, amount="0.005", updated_at="2099-01-01T00:00:00+08:00"
    )
    source = tmp_path / "half-a-cent.json"
    source.write_bytes(orjson.dumps(document))
    imported = run_cadre("import", str(source))
    assert imported.returncode == 1
    assert "records.visit[0].amount: at most 2 decimals" in imported.stderr
    assert store.path.read_bytes() == before
    assert [v["amount"] for v in Store(store.path, today=TODAY).list("visit")] == ["0.01"]


# dates at the ends of the calendar ------------------------------------------------------------


def test_the_first_and_last_days_and_leap_days_are_typed_listed_and_reported(
    run_cadre: RunCadre, run_many: RunMany, db: Path
) -> None:
    wrong = ("2023-02-29", "0003-02-29", "0000-01-01", "10000-01-01", "9999-12-32")
    added = run_many([("add", "study", "--date", day, "--points", "5") for day in EDGE_DAYS])
    assert [done.returncode for done in added] == [0] * len(EDGE_DAYS)
    refused = run_many([("add", "study", "--date", day, "--points", "5") for day in wrong])
    assert [(done.returncode, "--date" in done.stderr) for done in refused] == [(1, True)] * 5
    listed = run_cadre("list", "study").stdout.splitlines()
    assert [line.split()[1] for line in listed[1:]] == EDGE_DAYS
    assert [r["date"] for r in Store(db, today=TODAY).list("study")] == EDGE_DAYS
    made = run_cadre(
        "add", "campaign", "--kind", "talk", "--title", "末年", "--start", "9999-11",
        "--end", "9999-12", "--monthly-quota", "1",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    for report in run_many([("report", "--year", "9999"), ("report", "--month", "9999-12")]):
        assert report.returncode == 0, report.stderr
        assert "末年" in report.stdout and "Traceback" not in report.stderr


def test_the_months_of_the_last_year_end_with_it() -> None:
    assert dates.months_between("9999-11", "9999-12") == ["9999-11", "9999-12"]
    assert dates.months_between("9999-12", "9999-11") == []
    assert dates.months_between("0001-01", "0001-02") == ["0001-01", "0001-02"]
    assert len(dates.months_between("0001-01", "9999-12")) == 9999 * 12


# tables cut, `show` gives it whole ------------------------------------------------------------


def test_list_cuts_long_text_with_an_ellipsis_and_keeps_its_columns(
    run_cadre: RunCadre, odd_store: Store
) -> None:
    odd_store.add("person", {"name": "Li", "dept": "IT", "note": "short"})
    header, *rows = run_cadre("list", "person").stdout.splitlines()
    long_row, short_row = sorted(rows, key=lambda row: "Li" in row)
    # 11 CJK characters (22 cells) and the ellipsis: the 24 cells a column may take
    assert long_row.split()[1] == "王" * 11 + "…"
    note_cell = "备注xxxxxxxx\\x0a备注xxx…"  # the line break shown escaped, then cut at 24 cells
    assert long_row.endswith("  " + note_cell) and display.width(note_cell) == 24
    for column, long_value, short_value in (("dept", "办公室", "IT"), ("note", note_cell, "short")):
        start = display.width(header[: header.index(column)])  # in terminal cells
        assert display.width(long_row[: long_row.index(long_value)]) == start, column
        assert display.width(short_row[: short_row.index(short_value)]) == start, column


def test_show_gives_every_value_whole(run_cadre: RunCadre, odd_store: Store) -> None:
    person = next(p for p in odd_store.list("person") if p["name"] == NAME)
    shown = run_cadre("show", person["id"][:8])
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert f"name        {NAME}" in lines
    at = next(i for i, line in enumerate(lines) if line.startswith("note "))
    indent = len(lines[at]) - len(lines[at].removeprefix("note").lstrip())  # label and blanks
    note = NOTE.splitlines()
    assert [line[indent:] for line in lines[at : at + len(note)]] == note
    visit = odd_store.list("visit")[0]
    shown = run_cadre("show", visit["id"][:8])
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert f"visitors        {'、'.join(VISITORS)}" in lines
    assert "date            0001-01-01" in lines
    assert "follow-up due   9999-12-31" in lines
