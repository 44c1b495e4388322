"""What an outside fuzz found about cadre's messages, each fixed and tried in real processes: a
change saved before its output failed, input refused clearly instead of as an "internal error",
and what was typed shown escaped (it cannot steer the terminal).

None may give a traceback or an "internal error", or change the data file when it refuses."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import orjson
import pytest
from cli_support import CADRE, cadre_env

from tui.core import report
from tui.core.store import Store

RunCadre = Callable[..., CompletedProcess[str]]
RunMany = Callable[..., list[CompletedProcess[str]]]
HOSTILE = "\x1b]0;pwned\x07\x1b[2J"
SAVED_OUTPUT_LOST = {
    "en": "The change was saved, but its output could not be written (No space left on device).\n",
    "zh": "更改已保存，但无法写出输出（No space left on device）。\n",
}


def no_internal_error(done: CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr


def to_full_disk(db: Path, *args: str, lang: str = "en") -> CompletedProcess[str]:
    """`cadre ARGS > /dev/full`: every write to stdout fails with ENOSPC."""
    with open("/dev/full", "w") as full:
        return subprocess.run(
            [*CADRE, *args],
            env=cadre_env(db, CADRE_LANG=lang),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_change_whose_output_fails_says_it_was_saved(db: Path, lang: str) -> None:
    done = to_full_disk(db, "add", "study", "--points", "38", lang=lang)
    assert done.stderr == SAVED_OUTPUT_LOST[lang]
    assert done.returncode == 0  # the change is made: running it again would make it twice
    [record] = Store(db).records("study")
    assert record["points"] == 38


def test_every_kind_of_change_says_so_when_its_output_fails(db: Path) -> None:
    first = Store(db).add("study", {"date": "2026-03-01", "points": 3})
    talk = Store(db).add("talk", {"person": "赵敏", "follow_up": "再谈", "date": "2026-03-02"})
    export = db.parent / "export.json"
    export.write_bytes(orjson.dumps({"format": "cadre-export", "version": 2, "records": {}}))
    changes = [
        ("edit", first["id"][:8], "--points", "4"),
        ("done", talk["id"][:8]),
        ("settings", "add", "sports", "冰壶"),
        ("undo",),
        ("delete", first["id"][:8], "--yes"),
    ]
    for change in changes:
        before = db.read_bytes()
        done = to_full_disk(db, *change)
        assert (done.returncode, done.stderr) == (0, SAVED_OUTPUT_LOST["en"]), change
        assert db.read_bytes() != before, change


def test_output_that_fails_before_any_change_says_nothing_changed(db: Path) -> None:
    Store(db).add("study", {"date": "2026-03-01", "points": 3})
    before = db.read_bytes()
    done = to_full_disk(db, "list", "study")
    assert done.returncode == 1
    assert done.stderr == (
        "The output could not be written (No space left on device). "
        "The data file was not changed.\n"
    )
    assert db.read_bytes() == before


def test_the_login_banner_whose_output_fails_says_so(db: Path, run_cadre: RunCadre) -> None:
    Store(db).add("study", {"date": "2026-03-01", "points": 3})
    assert run_cadre("today").returncode == 0  # now the summary beside the file serves it
    done = to_full_disk(db, "today")
    assert done.returncode == 1
    assert done.stderr.startswith("The output could not be written (No space left on device).")


def to_closed_pipe(db: Path, *args: str) -> CompletedProcess[str]:
    """`cadre ARGS | true`, the reader gone before cadre writes: a write to stdout fails (EPIPE)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [*CADRE, *args],
            env=cadre_env(db),
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)


def test_a_reader_that_went_away_is_no_failure(db: Path) -> None:
    Store(db).add("study", {"date": "2026-03-01", "points": 3})
    listed = to_closed_pipe(db, "list", "study")
    assert (listed.returncode, listed.stderr) == (0, "")
    added = to_closed_pipe(db, "add", "study", "--points", "4")
    assert added.returncode == 0
    assert (
        added.stderr == "The change was saved, but its output could not be written (Broken pipe).\n"
    )
    assert len(Store(db).records("study")) == 2


def test_usage_errors_show_what_was_typed_escaped(run_many: RunMany) -> None:
    commands = [
        ("list", "study", HOSTILE),
        ("list", "study", f"--{HOSTILE}"),
        ("--lang", HOSTILE, "today"),
        ("report", "--format", HOSTILE),
    ]
    for done in run_many(commands):
        assert done.returncode == 2
        assert "\x1b" not in done.stderr and "\x07" not in done.stderr
        assert "\\x1b]0;pwned\\x07" in done.stderr  # (click drops the CSI sequence itself)
        assert done.stderr.startswith("Usage: cadre ")


def test_check_and_restore_show_the_data_files_path_escaped(
    tmp_path: Path, run_many: RunMany
) -> None:
    db = tmp_path / f"data{HOSTILE}" / "cadre.json"
    Store(db).add("study", {"date": "2026-03-01", "points": 3})
    healthy = run_many([("check",), ("backups",)], path=db)
    db.write_bytes(b"{ not json")
    damaged = run_many([("check",), ("restore", str(db)), ("list", "study")], path=db)
    for done in [*healthy, *damaged]:
        assert "\x1b" not in done.stdout + done.stderr and "\x07" not in done.stdout + done.stderr
        no_internal_error(done)
    assert "data file: " + str(db).replace("\x1b", "\\x1b").replace("\x07", "\\x07") in (
        healthy[0].stdout
    )
    assert [done.returncode for done in damaged] == [3, 3, 3]


def test_an_integer_of_5000_digits_is_refused_naming_its_option(
    db: Path, run_many: RunMany
) -> None:
    Store(db).add("study", {"date": "2026-03-01", "points": 3})
    before = db.read_bytes()
    digits = "9" * 5000
    points, items, cap = run_many(
        [
            ("add", "study", "--points", digits),
            ("add", "study", "--item", f"每日答题={digits}"),
            ("settings", "add", "study_items", f"新项目={digits}"),
        ]
    )
    assert points.returncode == 1 and points.stderr.startswith("error: --points (points): ")
    assert items.returncode == 1 and items.stderr.startswith("error: ")
    assert cap.returncode == 1 and cap.stderr.startswith("error: ")
    for done in (points, items, cap):
        no_internal_error(done)
    assert db.read_bytes() == before


def test_bytes_that_are_not_utf8_are_refused_by_settings_add(db: Path) -> None:
    Store(db).add("study", {"date": "2026-03-01", "points": 3})
    before = db.read_bytes()
    for category, value in ((b"sports", b"\xff\xfe"), (b"study_items", b"\xff=3")):
        done = subprocess.run(
            [*CADRE, "settings", "add", category, value],
            env=cadre_env(db),
            capture_output=True,
            timeout=60,
        )
        assert done.returncode == 1
        assert done.stderr == b"error: " + category + b": expected text\n"
    assert db.read_bytes() == before


def test_report_refuses_the_year_0_and_reports_the_first_month(run_many: RunMany) -> None:
    year_zero, first_month, first_year, last_year = run_many(
        [
            ("report", "--year", "0000"),
            ("report", "--month", "0001-01"),
            ("report", "--year", "0001"),
            ("report", "--year", "9999"),
        ]
    )
    assert year_zero.returncode == 1
    assert year_zero.stderr == "error: --year: not a year (0000); use YYYY\n"
    assert first_month.returncode == 0, first_month.stderr
    assert first_month.stdout.startswith("cadre report: 0001-01 (0001-01-01 to 0001-01-31)\n")
    assert first_year.stdout.startswith("cadre report: the year 0001 (0001-01-01 to 0001-12-31)")
    assert last_year.stdout.startswith("cadre report: the year 9999 (9999-01-01 to 9999-12-31)")


def test_the_year_9999_has_twelve_months() -> None:
    """Months compared as text ran past 9999-12 (`10000-01` sorts before it): about a million
    months, 4-6 s, for a report of the year 9999."""
    assert report.year_period(9999).months == [f"9999-{month:02d}" for month in range(1, 13)]
    assert report.month_period("0001-01").since == "0001-01-01"


def test_an_export_whose_filter_holds_objects_is_refused_naming_them(
    db: Path, run_cadre: RunCadre
) -> None:
    Store(db).add("study", {"date": "2026-03-01", "points": 3})
    before = db.read_bytes()
    document = {
        "format": "cadre-export",
        "version": 2,
        "exported_at": "2026-03-18T10:00:00+08:00",
        "filter": {"kinds": [1, {}, ["study"]], "since": None, "until": None},
        "records": {},
    }
    source = db.parent / "odd.json"
    source.write_bytes(orjson.dumps(document))
    done = run_cadre("import", str(source))
    assert done.returncode == 1
    for index, shown in enumerate(["1", "{}", '["study"]']):
        assert f"  filter.kinds[{index}]: unknown kind '{shown}' (choose from " in done.stderr
    no_internal_error(done)
    assert db.read_bytes() == before
