"""`cadre today` as a login banner: points, streak, open quotas and what is coming up.

Runs the real `cadre` command on a file built through the Store, with today fixed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pendulum

from tui.core.store import Store

TODAY = pendulum.date(2026, 11, 27)


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"CADRE_DB": str(db), "CADRE_TODAY": TODAY.to_date_string()}
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], env=env, capture_output=True, text=True, check=False
    )


def test_today_reports_points_streak_quota_and_upcoming(tmp_path: Path) -> None:
    db = tmp_path / "cadre.json"
    store = Store(db, today=TODAY)
    for back, points in enumerate([34, 30, 41, 12]):
        store.add("study", {"date": TODAY.subtract(days=back).to_date_string(), "points": points})
    campaign = store.add(
        "campaign",
        {
            "kind": "talk",
            "title": "年终谈心",
            "start": "2026-11",
            "end": "2026-12",
            "monthly_quota": 3,
        },
    )
    store.add(
        "talk",
        {
            "campaign_id": campaign["id"],
            "date": "2026-11-03",
            "person": "赵敏",
            "follow_up_due": "2026-11-20",
        },
    )
    done = store.add(
        "campaign",
        {
            "kind": "essay",
            "title": "已完成征文",
            "start": "2026-11",
            "end": "2026-11",
            "monthly_quota": 1,
        },
    )
    store.add("essay", {"campaign_id": done["id"], "title": "初心", "date": "2026-11-10"})
    store.add("person", {"name": "王芳", "birthday": "11-29"})
    store.add("event", {"date": "2027-01-20", "sport": "拔河"})

    result = run(db, "--lang", "zh", "today")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "学习强国：今天 34/30 分，连续达标 3 天"
    # from Friday 2026-11-27 to the month's end: 4 days, of which the 27th and the 30th are workdays
    assert "年终谈心：本月 1/3，还剩 4 天 · 2 个工作日" in lines
    assert not any("已完成征文" in line for line in lines)  # its quota is met
    assert "  11-20 跟进谈话：赵敏（逾期 7 天）" in lines
    assert "  11-29 王芳 生日（2 天后）" in lines
    assert not any("拔河" in line for line in lines)  # beyond the 14 days ahead

    english = run(db, "--lang", "en", "today")
    assert english.stdout.splitlines()[0] == "Study: 34/30 points today, 3-day streak"


def test_today_on_a_missing_file_says_nothing_is_logged(tmp_path: Path) -> None:
    result = run(tmp_path / "none.json", "--lang", "en", "today")
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["Study: nothing logged today (target 30), 0-day streak"]
    assert not (tmp_path / "none.json").exists()


def test_today_escapes_terminal_control_in_record_text(tmp_path: Path) -> None:
    db = tmp_path / "cadre.json"
    Store(db, today=TODAY).add("person", {"name": "王\x1b]0;pwned\x07芳", "birthday": "11-28"})
    result = run(db, "--lang", "en", "today")
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "王\\x1b]0;pwned\\x07芳" in result.stdout


def test_today_lists_the_latest_overdue_follow_ups_as_the_overview_does(tmp_path: Path) -> None:
    db = tmp_path / "cadre.json"
    store = Store(db, today=TODAY)
    for day, person in (
        ("2023-05-02", "旧甲"),
        ("2024-01-09", "旧乙"),
        ("2026-10-01", "钱进"),
        ("2026-11-02", "孙丽"),
        ("2026-11-20", "赵敏"),
    ):
        store.add("talk", {"date": day, "person": person, "follow_up_due": day})
    lines = run(db, "--lang", "en", "today").stdout.splitlines()
    assert [line.split(": ")[1].split(" (")[0] for line in lines[2:]] == ["钱进", "孙丽", "赵敏"]
