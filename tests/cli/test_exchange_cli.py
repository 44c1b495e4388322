"""`cadre export`, `cadre import` and `cadre report` as real processes: files, exit codes, messages.

Every refused import leaves the data file byte-identical; hostile text never reaches the terminal raw."""

from __future__ import annotations

import io
import json
import os
import shlex
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from jsonschema import Draft202012Validator

from tui.core import exchange
from tui.core.records import KINDS
from tui.core.storage import list_backups
from tui.core.store import Store

VALIDATOR = Draft202012Validator(json.loads(Path(exchange.SCHEMA_FILE).read_text(encoding="utf-8")))
HOSTILE = "王\x1b[2J\x1b]0;pwned\x07\u202e芳\u200b\x9b"
RAW = ("\x1b", "\x07", "\u202e", "\u200b", "\x9b")


def raw_free(text: str) -> bool:
    return not any(char in text for char in RAW)


@pytest.fixture
def filled(store: Store) -> dict[str, Any]:
    """A few records (one talk with hostile text); returns them by name."""
    campaign = store.add(
        "campaign",
        {
            "kind": "talk",
            "title": "谈心月",
            "start": "2026-03",
            "end": "2026-03",
            "monthly_quota": 1,
        },
    )
    return {
        "campaign": campaign,
        "study": store.add("study", {"date": "2026-03-17", "points": 35}),
        "talk": store.add(
            "talk",
            {
                "campaign_id": campaign["id"],
                "date": "2026-03-10",
                "person": HOSTILE,
                "follow_up": "回访\x1b[31m",
                "follow_up_due": "2026-03-20",
            },
        ),  # fmt: skip
        "visit": store.add(
            "visit",
            {
                "date": "2026-03-11",
                "occasion": "住院",
                "person": "李强",
                "amount": "500",
                "visitors": ["张伟", "赵敏"],
            },
        ),  # fmt: skip
    }


def test_export_to_a_file_is_private_and_the_same_as_the_core_export(
    run_cadre: Callable[..., subprocess.CompletedProcess[str]],
    filled: dict[str, Any],
    store: Store,
    tmp_path: Path,
) -> None:
    target = tmp_path / "handed-in" / "cadre.json"
    done = run_cadre("export", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert str(target) in done.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    document = orjson.loads(target.read_bytes())
    VALIDATOR.validate(document)
    expected = orjson.loads(exchange.export_json(store))
    assert document | {"exported_at": ""} == expected | {"exported_at": ""}
    assert document["records"]["talk"][0]["person"] == HOSTILE


def test_export_to_stdout_filters_and_escapes(
    run_cadre: Callable[..., subprocess.CompletedProcess[str]], filled: dict[str, Any]
) -> None:
    done = run_cadre("export", "--kind", "talk", "--kind", "visit", "--since", "3-11")
    assert done.returncode == 0, done.stderr
    assert raw_free(done.stdout)
    document = json.loads(done.stdout)
    VALIDATOR.validate(document)
    assert document["filter"] == {"kinds": ["talk", "visit"], "since": "2026-03-11", "until": None}
    assert [r["id"] for r in document["records"]["visit"]] == [filled["visit"]["id"]]
    assert document["records"]["talk"] == [] and document["records"]["study"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "diary"], "unknown kind 'diary'"),
        (["--since", "2026-02-30"], "--since: not a date (2026-02-30)"),
    ],
)
def test_export_refuses_bad_options(
    run_cadre: Callable[..., subprocess.CompletedProcess[str]], args: list[str], message: str
) -> None:
    done = run_cadre("export", *args)
    assert done.returncode == 1 and message in done.stderr and done.stdout == ""


def test_csv_export_of_one_kind_and_a_zip_of_several(
    run_cadre: Callable[..., subprocess.CompletedProcess[str]],
    filled: dict[str, Any],
    store: Store,
    tmp_path: Path,
) -> None:
    one = tmp_path / "visit.csv"
    assert run_cadre("export", "--format", "csv", "--kind", "visit", "-o", str(one)).returncode == 0
    assert one.read_bytes() == exchange.export_csv(store, kinds=["visit"])
    assert one.read_bytes().startswith("\ufeffid,date,occasion".encode())
    assert stat.S_IMODE(one.stat().st_mode) == 0o600
    archive_path = tmp_path / "all.zip"
    assert run_cadre("export", "--format", "csv", "-o", str(archive_path)).returncode == 0
    with zipfile.ZipFile(io.BytesIO(archive_path.read_bytes())) as archive:
        assert archive.namelist() == [f"{name}.csv" for name in KINDS]
        assert archive.read("visit.csv") == one.read_bytes()


# import --------------------------------------------------------------------------------------


def envelope(**records: list[Any]) -> dict[str, Any]:
    return {
        "format": "cadre-export",
        "version": 1,
        "exported_at": "2026-03-18T10:00:00+08:00",
        "filter": {"kinds": list(KINDS), "since": None, "until": None},
        "records": {name: records.get(name, []) for name in KINDS},
    }


def talk(**changes: Any) -> dict[str, Any]:
    record = {
        "id": "3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
        "campaign_id": None, "date": "2026-03-01", "person": "王芳", "dept": "", "place": "",
        "talk_type": "日常谈心", "topic": "", "concerns": "", "follow_up": "",
        "follow_up_due": None, "follow_up_done": False, "note": "",
        "created_at": "2026-03-01T09:00:00+08:00", "updated_at": "2026-03-01T09:00:00+08:00",
    }  # fmt: skip
    return record | changes


def as_bytes(document: dict[str, Any]) -> bytes:
    return orjson.dumps(document)


MALFORMED: dict[str, tuple[Callable[[], bytes], str]] = {
    "not JSON": (lambda: "学习积分,38\n".encode(), "not valid JSON ("),
    "truncated": (lambda: as_bytes(envelope(talk=[talk()]))[:-40], "not valid JSON ("),
    "empty": (lambda: b"", "the file is empty"),
    "wrong format": (
        lambda: as_bytes(envelope() | {"format": "jrnl"}),
        'format: the format is "jrnl", expected "cadre-export"',
    ),
    "version 3": (
        lambda: as_bytes(envelope() | {"version": 3}),
        "version: export version 3 is newer than this cadre reads (2); upgrade cadre",
    ),
    "wrong type": (
        lambda: as_bytes(envelope(talk=[talk(), talk(id=talk()["id"][:-1] + "e", date=20260302)])),
        "records.talk[1].date: not a date (20260302)",
    ),
    "unknown kind": (
        lambda: as_bytes(envelope() | {"records": envelope()["records"] | {"diary": []}}),
        "records.diary: unknown kind 'diary'",
    ),
    "duplicate id": (
        lambda: as_bytes(envelope(talk=[talk(), talk(date="2026-03-02")])),
        f"records.talk[1].id: the id {talk()['id']} is also used by records.talk[0]",
    ),
    "dangling campaign_id": (
        lambda: as_bytes(envelope(talk=[talk(campaign_id="0b7e5d9a-1111-4222-8333-444455556666")])),
        "records.talk[0].campaign_id: no campaign has the id 0b7e5d9a-1111-4222-8333-444455556666",
    ),
    "50 MB of junk": (lambda: os.urandom(50 * 2**20), "not valid JSON ("),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_import_is_refused_and_nothing_changes(
    run_cadre: Callable[..., subprocess.CompletedProcess[str]],
    filled: dict[str, Any],
    db: Path,
    tmp_path: Path,
    case: str,
) -> None:
    make, message = MALFORMED[case]
    source = tmp_path / "incoming.json"
    source.write_bytes(make())
    before, backups = db.read_bytes(), list_backups(db)
    for args in (["import", str(source)], ["import", "--dry-run", str(source)]):
        done = run_cadre(*args)
        assert done.returncode == 1, done
        assert f"cannot import {source}" in done.stderr and "nothing was imported" in done.stderr
        assert message in done.stderr
        assert "Traceback" not in done.stderr and done.stdout == ""
        assert db.read_bytes() == before and list_backups(db) == backups


def test_a_version_1_export_imports_and_exports_as_version_2(
    run_cadre: Callable[..., subprocess.CompletedProcess[str]], db: Path, tmp_path: Path
) -> None:
    source = Path(__file__).resolve().parents[1] / "fixtures" / "export-v1.json"
    done = run_cadre("import", str(source))
    assert done.returncode == 0, done.stderr
    assert ["visit", "3", "0", "0", "0"] in [line.split() for line in done.stdout.splitlines()]
    target = tmp_path / "out.json"
    assert run_cadre("export", "-o", str(target)).returncode == 0
    document = orjson.loads(target.read_bytes())
    VALIDATOR.validate(document)
    assert document["version"] == 2
    assert [v["follow_up_done"] for v in document["records"]["visit"]] == [False] * 3


def test_import_dry_run_then_import_then_again(
    run_cadre: Callable[..., subprocess.CompletedProcess[str]],
    filled: dict[str, Any],
    db: Path,
    tmp_path: Path,
) -> None:
    source = tmp_path / "incoming.json"
    source.write_bytes(as_bytes(envelope(talk=[talk()])))
    before = db.read_bytes()
    dry = run_cadre("import", "--dry-run", str(source))
    assert dry.returncode == 0, dry.stderr
    assert "dry run: 1 to add or replace; nothing was written" in dry.stdout
    assert db.read_bytes() == before
    done = run_cadre("import", str(source))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].split() == [
        "kind",
        "added",
        "replaced",
        "identical",
        "older",
    ]
    assert "talk      1      0         0" in done.stdout
    assert f"imported from {source}: 1 added or replaced" in done.stdout
    assert Store(db).get("talk", talk()["id"]) == talk()
    (backup,) = [p for p in list_backups(db) if p.name.endswith("-import.json")]
    assert backup.read_bytes() == before
    after = db.read_bytes()
    again = run_cadre("import", str(source))
    assert "nothing to import; the data file is unchanged" in again.stdout
    assert db.read_bytes() == after


def test_hostile_text_imports_unchanged_and_is_shown_escaped(
    run_cadre: Callable[..., subprocess.CompletedProcess[str]],
    tmp_path: Path,
    db: Path,
) -> None:
    hostile = talk(person=HOSTILE, follow_up="回访\x1b[31m", follow_up_due="2026-03-20",
                   note="\x00\x7f\ufeff")  # fmt: skip
    source = tmp_path / "incoming.json"
    source.write_bytes(as_bytes(envelope(talk=[hostile])))
    assert run_cadre("import", str(source)).returncode == 0
    assert Store(db).get("talk", hostile["id"]) == hostile
    exported = run_cadre("export", "--kind", "talk")
    assert raw_free(exported.stdout) and "\\u001b[2J" in exported.stdout
    assert json.loads(exported.stdout)["records"]["talk"] == [hostile]
    shown = run_cadre("list", "talk")
    assert raw_free(shown.stdout) and "\\x1b[2J" in shown.stdout
    for fmt in ("text", "markdown", "json"):
        report = run_cadre("report", "--month", "2026-03", "--format", fmt)
        assert report.returncode == 0, report.stderr
        assert raw_free(report.stdout) and "2J" in report.stdout
    bad = talk(id="5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d", talk_type="\x1b]0;pwned\x07")
    source.write_bytes(as_bytes(envelope(talk=[bad])))
    refused = run_cadre("import", str(source))
    assert refused.returncode == 1 and raw_free(refused.stderr)
    assert "records.talk[0].talk_type: '\\x1b]0;pwned\\x07' is not one of" in refused.stderr


# report --------------------------------------------------------------------------------------


def test_report_defaults_to_this_month_in_the_chosen_language(
    run_cadre: Callable[..., subprocess.CompletedProcess[str]], filled: dict[str, Any]
) -> None:
    english = run_cadre("report")
    assert english.returncode == 0, english.stderr
    assert english.stdout.startswith("cadre report: 2026-03 (2026-03-01 to 2026-03-31)\n")
    assert "  35 points over 1 logged day\n" in english.stdout
    assert "  1 visit, 500 yuan in all\n" in english.stdout
    chinese = run_cadre("--lang", "zh", "report", "--year", "2026", "--format", "markdown")
    assert chinese.stdout.startswith("# cadre 工作小结：2026年（2026-01-01 至 2026-12-31）\n")
    assert "| 住院 | 1 | 500 |" in chinese.stdout
    assert "| 谈心月 | 2026-03 | 1/1 | 进行中 |" in chinese.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2026-13"], "--month: not a month (2026-13)"),
        (["--year", "26"], "--year: not a year (26)"),
        (["--month", "3", "--year", "2026"], "give --month or --year, not both"),
    ],
)
def test_report_refuses_a_bad_period(
    run_cadre: Callable[..., subprocess.CompletedProcess[str]], args: list[str], message: str
) -> None:
    done = run_cadre("report", *args)
    assert done.returncode == 1 and message in done.stderr and done.stdout == ""


def test_csv_to_a_terminal_is_shown_escaped_and_a_zip_is_refused(
    filled: dict[str, Any], db: Path
) -> None:
    """In a real pseudo-terminal (script(1)) the CSV shows record text escaped, without a BOM."""
    env = os.environ | {"CADRE_DB": str(db), "CADRE_TODAY": "2026-03-18", "PYTHONUTF8": "1"}

    def in_terminal(*args: str) -> str:
        command = shlex.join([sys.executable, "-m", "tui", *args])
        done = subprocess.run(
            ["script", "-qec", command, "/dev/null"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        return done.stdout

    shown = in_terminal("export", "--format", "csv", "--kind", "talk")
    assert shown.startswith("id,campaign_id,date,person")
    assert raw_free(shown) and "王\\x1b[2J" in shown
    refused = in_terminal("export", "--format", "csv")
    assert "the CSV of several kinds is a zip file, not for a terminal; give -o FILE" in refused
