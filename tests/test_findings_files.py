"""What an outside fuzz found about the files cadre is given, each fixed and tried in real processes:
devices and FIFOs for `export -o` and `import`, names too long, and records that break the rules.

None may give a traceback or an "internal error", hang, or replace anything but a regular file."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import orjson

from tui.core.importer import MAX_IMPORT_BYTES
from tui.core.store import Store

RunCadre = Callable[..., CompletedProcess[str]]
RunMany = Callable[..., list[CompletedProcess[str]]]
TOO_LONG = "n" * 300  # a file name beyond NAME_MAX (255)


def no_internal_error(done: CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr


def seeded(db: Path) -> bytes:
    """A data file with a study day and a visit; returns its bytes."""
    Store(db).add("study", {"date": "2026-03-17", "points": 31})
    Store(db).add("visit", {"person": "王芳", "occasion": "住院", "date": "2026-03-10"})
    return db.read_bytes()


def test_export_onto_a_fifo_is_refused_and_the_fifo_stays(db: Path, run_many: RunMany) -> None:
    seeded(db)
    fifo = db.parent / "pipe"
    os.mkfifo(fifo)
    done = run_many([("export", "-o", str(fifo), *fmt) for fmt in ([], ["--format", "csv"])])
    for each in done:
        assert each.returncode == 1, each.stderr
        assert each.stderr == f"error: -o: cannot write {fifo} (it is not a regular file)\n"
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_onto_a_device_is_refused_and_the_device_stays(
    db: Path, run_cadre: RunCadre
) -> None:
    seeded(db)
    device = db.parent / "null"  # the node of /dev/null, made here: losing it harms nobody
    os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    done = run_cadre("export", "-o", str(device))
    assert done.returncode == 1
    assert "-o" in done.stderr and "not a regular file" in done.stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    # refused before any write (above): so it is safe to show /dev/null itself is left alone
    done = run_cadre("export", "-o", "/dev/null")
    assert done.returncode == 1 and "not a regular file" in done.stderr
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_export_still_replaces_a_regular_file(db: Path, run_cadre: RunCadre) -> None:
    seeded(db)
    target = db.parent / "out.json"
    target.write_text("old")
    done = run_cadre("export", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert orjson.loads(target.read_bytes())["format"] == "cadre-export"


def test_import_refuses_a_fifo_a_device_and_a_huge_file_before_reading(
    db: Path, run_many: RunMany
) -> None:
    before = seeded(db)
    fifo = db.parent / "pipe"
    os.mkfifo(fifo)  # no writer ever comes: reading it would wait for ever
    huge = db.parent / "huge.json"
    with huge.open("wb") as sparse:
        sparse.truncate(MAX_IMPORT_BYTES + 1)
    done = run_many([("import", str(path)) for path in (fifo, "/dev/zero", huge)])
    for each, reason in zip(
        done,
        ["it is not a regular file", "it is not a regular file", "it is larger than 256 MB"],
        strict=True,
    ):
        assert each.returncode == 1
        assert reason in each.stderr and "nothing was imported" in each.stderr
        no_internal_error(each)
    assert db.read_bytes() == before


def test_a_name_too_long_is_refused_clearly(db: Path, run_many: RunMany) -> None:
    before = seeded(db)
    long_path = str(db.parent / TOO_LONG)
    data_file, export, import_ = run_many(
        [("--db", long_path, "list", "study"), ("export", "-o", long_path), ("import", long_path)]
    )
    assert data_file.returncode == 3
    assert data_file.stderr.startswith(f"error: Cannot use the data file {long_path}: ")
    assert "(File name too long)" in data_file.stderr
    assert export.returncode == 1 and "-o: cannot write" in export.stderr
    assert import_.returncode == 1 and "(File name too long)" in import_.stderr
    for each in (data_file, export, import_):
        assert "File name too long" in each.stderr
        no_internal_error(each)
    assert db.read_bytes() == before


def test_a_data_file_under_a_file_is_refused_and_check_says_why(
    db: Path, run_many: RunMany
) -> None:
    seeded(db)
    below = db / "cadre.json"  # the data file used as a folder
    listed, checked, added = run_many(
        [
            ("--db", str(below), "list", "study"),
            ("--db", str(below), "check"),
            ("--db", str(below), "add", "study", "--points", "3"),
        ]
    )
    for each in (listed, checked, added):
        assert each.returncode == 3
        assert "it cannot be read (Not a directory)" in each.stderr
        no_internal_error(each)
    assert checked.stdout.endswith("state: unusable — it cannot be read (Not a directory)\n")


def broken(db: Path, change: Callable[[dict], None]) -> bytes:
    """The seeded file with one record changed by hand (as an editor would); returns its bytes."""
    seeded(db)
    data = orjson.loads(db.read_bytes())
    change(data)
    db.write_bytes(orjson.dumps(data))
    return db.read_bytes()


def test_a_visit_without_an_amount_stops_the_report_naming_it(db: Path, run_many: RunMany) -> None:
    before = broken(db, lambda data: data["visit"]["1"].pop("amount"))
    visit_id = orjson.loads(before)["visit"]["1"]["id"]
    text, as_json, added = run_many(
        [("report",), ("report", "--format", "json"), ("add", "study", "--points", "5")]
    )
    for each in (text, as_json):
        assert each.returncode == 3
        assert each.stderr == (
            f"error: Cannot use the data file {db}: 1 record breaks the rules: the visit "
            f"{visit_id} (amount: is missing); fix it by hand (cadre check --records lists it).\n"
        )
    assert added.returncode == 0  # what does not trip over the record still works
    assert len(Store(db).records("visit")) == 1


def test_an_id_that_is_a_number_stops_the_list_naming_it(db: Path, run_many: RunMany) -> None:
    def number_id(data: dict) -> None:
        data["study"]["1"]["id"] = 5

    before = broken(db, number_id)
    listed, checked = run_many([("list", "study"), ("check", "--records")])
    assert listed.returncode == 3
    assert "1 record breaks the rules: the study 5 (id: " in listed.stderr
    no_internal_error(listed)
    assert checked.returncode == 0 and "  study 5: id: " in checked.stdout
    assert db.read_bytes() == before
