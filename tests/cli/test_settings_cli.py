"""`cadre settings`: show, set, add and remove, through the real command line.

A refused change names the setting, exits 1 and leaves the file's bytes as they were."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.core.store import Store

Run = Callable[..., subprocess.CompletedProcess[str]]


def test_show_lists_every_setting_and_category(run_cadre: Run) -> None:
    done = run_cadre("settings")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "study_target: 30" in lines
    assert "language: auto (en)" in lines
    assert any(line.startswith("study_items: 登录=1, 选读文章=12") for line in lines)
    assert "sports: 拔河、团体跳绳、羽毛球、乒乓球、足球、篮球、健步走" in lines


def test_a_new_sport_can_be_added_used_and_not_removed_while_used(run_cadre: Run, db: Path) -> None:
    refused = run_cadre("add", "event", "--sport", "冰壶")
    assert refused.returncode == 1
    assert "cadre settings add sports 冰壶" in refused.stderr
    assert run_cadre("settings", "add", "sports", "冰壶").returncode == 0
    added = run_cadre("add", "event", "--sport", "冰壶")
    assert added.returncode == 0, added.stderr
    before = db.read_bytes()
    kept = run_cadre("settings", "remove", "sports", "冰壶")
    assert kept.returncode == 1
    assert "sports: '冰壶' is still in use (records: 1); it stays" in kept.stderr
    assert db.read_bytes() == before
    Store(db).delete("event", added.stdout.strip())
    assert run_cadre("settings", "remove", "sports", "冰壶").returncode == 0
    assert "冰壶" not in Store(db).settings["categories"]["sports"]


def test_scalars_are_checked_and_saved(run_cadre: Run, db: Path) -> None:
    assert run_cadre("settings", "set", "study_target", "40").returncode == 0
    assert run_cadre("settings", "set", "timezone", "Asia/Shanghai").returncode == 0
    assert run_cadre("settings", "set", "language", "zh").returncode == 0
    settings = Store(db).settings
    assert (settings["study_target"], settings["timezone"], settings["language"]) == (
        40,
        "Asia/Shanghai",
        "zh",
    )
    assert "学习强国" in run_cadre("today").stdout  # the saved language is used
    assert run_cadre("settings", "set", "language", "auto").returncode == 0
    assert Store(db).settings["language"] is None


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("set", "study_target", "0"), "study_target: expected an integer ≥ 1"),
        (("set", "study_target", "many"), "study_target: expected an integer ≥ 1"),
        (("set", "timezone", "Mars/Base"), "timezone: is not a known time zone (Mars/Base)"),
        (("set", "language", "fr"), "language: 'fr' is not one of zh、en、auto"),
        (("set", "colour", "red"), "colour: is not a setting you can change"),
        (("add", "hobbies", "x"), "hobbies: is not a list of categories"),
        (("add", "sports", "拔河"), "sports: already holds '拔河'"),
        (("remove", "sports", "冰壶"), "sports: does not hold '冰壶'"),
        (("add", "study_items", "新项目"), "items: cannot read '新项目'"),
    ],
)
def test_bad_changes_are_refused_and_change_nothing(
    run_cadre: Run, db: Path, args: tuple[str, ...], named: str
) -> None:
    assert run_cadre("add", "study", "--points", "3").returncode == 0
    before = db.read_bytes()
    done = run_cadre("settings", *args)
    assert done.returncode == 1
    assert named in done.stderr
    assert "Traceback" not in done.stderr
    assert db.read_bytes() == before


def test_study_items_and_their_caps(run_cadre: Run, db: Path) -> None:
    assert run_cadre("settings", "add", "study_items", "学习新思想=6").returncode == 0
    assert run_cadre("add", "study", "--item", "学习新思想=6", "--item", "登录=1").returncode == 0
    before = db.read_bytes()
    lowered = run_cadre("settings", "add", "study_items", "学习新思想=5")
    assert lowered.returncode == 1
    assert "study records above the new daily cap: 1; change them first" in lowered.stderr
    assert run_cadre("settings", "remove", "study_items", "学习新思想").returncode == 1
    assert db.read_bytes() == before
    assert run_cadre("settings", "add", "study_items", "学习新思想=8").returncode == 0
    assert Store(db).settings["study_items"]["学习新思想"] == 8


def test_working_days_turn_off_and_on_in_words(run_cadre: Run, db: Path) -> None:
    assert "working_days: yes" in run_cadre("settings").stdout.splitlines()
    assert run_cadre("settings", "set", "working_days", "否").returncode == 0
    assert Store(db).settings["working_days"] is False
    assert "working_days: no" in run_cadre("settings").stdout.splitlines()
    before = db.read_bytes()
    refused = run_cadre("settings", "set", "working_days", "maybe")
    assert refused.returncode == 1 and "working_days" in refused.stderr
    assert db.read_bytes() == before
