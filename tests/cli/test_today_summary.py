"""The summary beside the data file that lets `cadre today` print without parsing the file: the
banner it holds equals the one worked out from the whole file on each day it covers, it is used
when its stamp matches the file, and ignored after every way the file can change.

"Used" is seen by planting a banner the file could never give under a matching stamp."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import orjson
import pendulum
import pytest
from cli_support import CADRE, RunCadre, cadre_env
from summary_support import CHANGES, DEMO_TODAY, copy_demo, plant, summarise

from tui.core import today
from tui.core.i18n import set_language
from tui.core.overview import overview_figures
from tui.core.store import Store

PLANTED = "planted banner, never worked out from the file"


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    return copy_demo(tmp_path / "data")


def plant_banner(db: Path, day: str) -> None:
    plant(db, day, zh=PLANTED, en=PLANTED)


def banner_now(run_cadre: RunCadre, db: Path, day: str = DEMO_TODAY.isoformat()) -> str:
    shown = run_cadre("today", path=db, today=day)
    assert shown.returncode == 0, shown.stderr
    return shown.stdout


def test_the_summary_holds_the_banner_of_each_coming_day_exactly(demo_db: Path) -> None:
    store = Store(demo_db)
    summarise(store, DEMO_TODAY)
    held = orjson.loads(Path(today.summary_path(demo_db)).read_bytes())["days"]
    assert len(held) == today.HORIZON_DAYS
    for offset in range(today.HORIZON_DAYS):
        day = DEMO_TODAY.add(days=offset)
        figures = overview_figures(store, day)
        for language in ("zh", "en"):
            set_language(language)
            assert held[day.isoformat()][language] == today.banner(figures, day), (day, language)
    set_language("en")


def test_today_prints_from_a_fresh_summary_and_writes_one_when_there_is_none(
    demo_db: Path, run_cadre: RunCadre
) -> None:
    first = banner_now(run_cadre, demo_db)
    summary = Path(today.summary_path(demo_db))
    assert summary.exists() and oct(summary.stat().st_mode & 0o777) == "0o600"
    assert banner_now(run_cadre, demo_db) == first  # the same, now from the summary
    plant_banner(demo_db, DEMO_TODAY.isoformat())
    assert banner_now(run_cadre, demo_db) == PLANTED + "\n"  # it was read, not the file
    zh = run_cadre("--lang", "zh", "today", path=demo_db, today=DEMO_TODAY.isoformat())
    assert zh.stdout == PLANTED + "\n"


@pytest.mark.parametrize("change", CHANGES)
def test_a_summary_is_ignored_once_the_file_changed(
    demo_db: Path, run_cadre: RunCadre, change: object
) -> None:
    banner_now(run_cadre, demo_db)
    plant_banner(demo_db, DEMO_TODAY.isoformat())
    change(demo_db, run_cadre)  # type: ignore[operator]
    after = banner_now(run_cadre, demo_db)
    assert PLANTED not in after
    expected = today.banner(overview_figures(Store(demo_db), DEMO_TODAY), DEMO_TODAY) + "\n"
    assert after == expected


def test_a_day_the_summary_does_not_hold_reads_the_file(demo_db: Path, run_cadre: RunCadre) -> None:
    banner_now(run_cadre, demo_db)
    beyond = DEMO_TODAY.add(days=today.HORIZON_DAYS)
    plant_banner(demo_db, DEMO_TODAY.isoformat())
    shown = banner_now(run_cadre, demo_db, beyond.isoformat())
    assert PLANTED not in shown
    assert shown == today.banner(overview_figures(Store(demo_db), beyond), beyond) + "\n"


def test_a_summary_is_never_trusted_for_a_file_that_is_not_safe_to_read(
    demo_db: Path, run_cadre: RunCadre, tmp_path: Path
) -> None:
    banner_now(run_cadre, demo_db)
    plant_banner(demo_db, DEMO_TODAY.isoformat())
    os.chmod(demo_db, 0o644)  # the Store tightens it and says so: the summary must not hide that
    shown = run_cadre("today", path=demo_db, today=DEMO_TODAY.isoformat())
    assert PLANTED not in shown.stdout and "0644" in shown.stderr
    link = tmp_path / "data" / "link.json"
    link.symlink_to(demo_db)
    shutil.copyfile(today.summary_path(demo_db), today.summary_path(link))
    refused = run_cadre("today", path=link, today=DEMO_TODAY.isoformat())
    assert refused.returncode == 3 and PLANTED not in refused.stdout


def test_only_today_takes_the_quick_way(demo_db: Path, run_cadre: RunCadre) -> None:
    banner_now(run_cadre, demo_db)
    plant_banner(demo_db, DEMO_TODAY.isoformat())
    helped = run_cadre("today", "--help", path=demo_db, today=DEMO_TODAY.isoformat())
    assert helped.returncode == 0 and PLANTED not in helped.stdout
    for args in (("--db", str(demo_db), "today"), (f"--db={demo_db}", "--lang=en", "today")):
        quick = subprocess.run(
            [*CADRE, *args],
            env=cadre_env(None, DEMO_TODAY.isoformat()),
            capture_output=True,
            text=True,
            check=False,
        )
        assert quick.stdout == PLANTED + "\n", args


def test_without_a_fixed_day_the_summary_finds_today_by_the_clock_in_the_files_time_zone(
    demo_db: Path, run_cadre: RunCadre
) -> None:
    store = Store(demo_db)
    store.save_settings({"timezone": "Pacific/Kiritimati"})  # UTC+14: often a day ahead of UTC
    day = pendulum.now("Pacific/Kiritimati").date()
    summarise(Store(demo_db), day)
    plant_banner(demo_db, day.isoformat())
    shown = run_cadre("today", path=demo_db, today=None)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == PLANTED + "\n"


def test_a_summary_spoiled_by_hand_is_passed_over(demo_db: Path, run_cadre: RunCadre) -> None:
    first = banner_now(run_cadre, demo_db)
    path = Path(today.summary_path(demo_db))
    summary = orjson.loads(path.read_bytes())
    summary["days"] = {DEMO_TODAY.isoformat(): {"zh": 5, "en": ["x"]}, "later": "not a day"}
    path.write_bytes(orjson.dumps(summary))
    assert banner_now(run_cadre, demo_db) == first
    path.write_bytes(b"\x00 not json")
    assert banner_now(run_cadre, demo_db) == first
