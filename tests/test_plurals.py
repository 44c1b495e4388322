"""English counts agree with their nouns everywhere: 1 day, 2 days; 1 talk, 2 talks.

Each place is shown a count of 1 and of 2: `cadre today`, `report` and `check` in real processes,
the TUI, the core's phrases and messages in-process; then the catalog as a whole."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pendulum
import pytest
from textual.widgets import Static

from tui.app import CadreApp
from tui.core import dates, stats
from tui.core.i18n import CATALOG
from tui.core.importer import Counts, ImportSummary
from tui.core.sports import SportTotals
from tui.core.store import RecordError, Store
from tui.panes.sports import totals_table

RunMany = Callable[..., list[CompletedProcess[str]]]
TODAY = pendulum.date(2026, 3, 18)  # the day the report files are made and read on
COUNTS = (1, 2)


def day(offset: int, today: pendulum.Date = TODAY) -> str:
    return today.add(days=offset).to_date_string()


# cadre today --------------------------------------------------------------------------------


def today_file(path: Path, n: int) -> pendulum.Date:
    """A file where `today` counts `n` of everything: a target of n, n points today, a streak of
    n days, n days left in the month (n working days), and a follow-up n days overdue."""
    today = pendulum.date(2026, 3, 31).subtract(days=n - 1)  # Tue 31 or Mon 30 March
    store = Store(path, today=today)
    store.save_settings({"study_target": n})
    for back in range(n):
        store.add("study", {"date": day(-back, today), "points": n})
    quota = {"kind": "talk", "title": "Talks", "start": "2026-03", "end": "2026-03"}
    store.add("campaign", quota | {"monthly_quota": 3})
    store.add("talk", {"date": "2026-03-02", "person": "赵敏", "follow_up_due": day(-n, today)})
    return today


@pytest.mark.parametrize("n", COUNTS)
def test_cadre_today_counts_in_english(n: int, tmp_path: Path, run_many: RunMany) -> None:
    db = tmp_path / "cadre.json"
    today = today_file(db, n)
    (english,) = run_many([("--lang", "en", "today")], path=db, CADRE_TODAY=str(today))
    assert english.returncode == 0, english.stderr
    lines = english.stdout.splitlines()
    s = "" if n == 1 else "s"
    assert lines[0] == f"Study: {n}/{n} point{s} today, {n}-day streak"
    assert f"Talks: 0/3 this month, {n} day{s} left · {n} working day{s}" in lines
    assert f"  {day(-n, today)[5:]} talk follow-up: 赵敏 ({n} day{s} overdue)" in lines


# cadre report -------------------------------------------------------------------------------


def report_file(path: Path, n: int) -> None:
    """A file whose March 2026 counts `n` of everything the report counts."""
    store = Store(path, today=TODAY)
    store.save_settings({"study_target": 1})
    campaign = store.add(
        "campaign",
        {
            "kind": "essay",
            "title": "征文",
            "start": "2026-03",
            "end": "2026-03",
            "monthly_quota": 1,
        },
    )
    for i in range(n):
        store.add("study", {"date": day(-i), "points": 1})
        store.add("session", {"date": f"2026-03-0{i + 1}", "kind": "党课", "hours": "1"})
        essay = {"campaign_id": campaign["id"], "title": f"篇{i}", "date": "2026-03-03"}
        store.add("essay", essay | {"words": 1})
        store.add("talk", {"date": "2026-03-04", "person": f"人{i}", "follow_up": "回访"})
        store.add("event", {"date": f"2026-03-0{i + 5}", "sport": "拔河"})
        store.add(
            "visit", {"date": "2026-03-07", "occasion": "住院", "person": f"人{i}", "amount": "5"}
        )


def report_lines(n: int) -> list[str]:
    """What the report's English prose says for a count of `n` of everything."""
    s = "" if n == 1 else "s"
    return [
        f"{n} point{s} over {n} logged day{s}",
        f"{n} day{s} at the target of 1",
        f"current streak {n} day{s}, longest in the period {n} day{s}",
        f"{n} session{s}, {n} hour{s}",
        f"{n} essay{s}, {n} word{s}",
        f"{n} talk{s}, {n} follow-up{s} open",
        f"{n} event{s}",
        f"{n} visit{s}, {5 * n} yuan in all",
    ]


@pytest.mark.parametrize("n", COUNTS)
def test_cadre_report_counts_in_english(n: int, tmp_path: Path, run_many: RunMany) -> None:
    db = tmp_path / "cadre.json"
    report_file(db, n)
    text, markdown, chinese = run_many(
        [
            ("--lang", "en", "report"),
            ("--lang", "en", "report", "--format", "markdown"),
            ("--lang", "zh", "report"),
        ],
        path=db,
    )
    assert text.returncode == markdown.returncode == chinese.returncode == 0, text.stderr
    for line in report_lines(n):
        assert f"\n  {line}\n" in text.stdout
        assert f"\n- {line}\n" in markdown.stdout
    for line in [  # Chinese has no plural: the same words for any count
        f"积分合计 {n} 分，记录 {n} 天",
        f"当前连续达标 {n} 天，期间最长连续 {n} 天",
        f"集中学习 {n} 次，共 {n} 学时",
        f"谈心谈话 {n} 次，待跟进 {n} 项",
        f"关爱慰问 {n} 次，金额合计 {5 * n} 元",
    ]:
        assert f"\n  {line}\n" in chinese.stdout


# cadre check --records ----------------------------------------------------------------------


@pytest.mark.parametrize("n", COUNTS)
def test_cadre_check_counts_the_records_with_problems(
    n: int, tmp_path: Path, run_many: RunMany
) -> None:
    db = tmp_path / "cadre.json"
    good = Store(db, today=TODAY).add("study", {"date": day(0), "points": 2})
    data = json.loads(db.read_bytes())
    for i in range(n):
        data["study"][str(i + 2)] = good | {"id": f"5d6c1a3e-0c1f-4f59-8a2b-3c4d5e6f7a8{i}"}
        data["study"][str(i + 2)] |= {"date": day(-1 - i), "points": -1}
    db.write_bytes(json.dumps(data, ensure_ascii=False).encode())
    (checked,) = run_many([("--lang", "en", "check", "--records")], path=db)
    assert checked.returncode == 0, checked.stderr
    expected = "1 record has problems:" if n == 1 else "2 records have problems:"
    assert f"\n{expected}\n" in checked.stdout


# the core's phrases -------------------------------------------------------------------------


@pytest.mark.parametrize("n", COUNTS)
def test_overdue_follow_ups_and_days_left(n: int) -> None:
    s = "" if n == 1 else "s"
    overdue = stats.Upcoming(day(-n), -n, "visit_follow_up", "孙浩", "v1")
    assert stats.describe(overdue) == f"{day(-n)[5:]} visit follow-up: 孙浩 ({n} day{s} overdue)"
    month = stats.QuotaMonth("2026-03", 0, 1, n, "running", n, estimated=False)
    assert stats.days_left_text(month) == f"{n} day{s} left · {n} working day{s}"


def test_one_day_away_is_tomorrow_or_yesterday_never_in_1_days() -> None:
    """`days.in` and `days.ago` only ever get 2 or more (the catalog check below relies on it)."""
    assert dates.humanize_days(TODAY.add(days=1), TODAY) == "tomorrow"
    assert dates.humanize_days(TODAY.subtract(days=1), TODAY) == "yesterday"
    assert dates.humanize_days(TODAY.add(days=2), TODAY) == "in 2 days"
    assert dates.humanize_days(TODAY.subtract(days=2), TODAY) == "2 days ago"


@pytest.mark.parametrize("n", COUNTS)
def test_import_messages_read_right_for_any_count(n: int) -> None:
    dry = ImportSummary("x.json", dry_run=True, counts={"talk": Counts(added=n)})
    assert dry.report().endswith(f"\ndry run: {n} to add or replace; nothing was written")
    done = ImportSummary("x.json", dry_run=False, counts={"talk": Counts(replaced=n)})
    done.written = True
    assert done.report().endswith(f"\nimported from x.json: {n} added or replaced")


@pytest.mark.parametrize("n", COUNTS)
def test_a_campaign_in_use_is_refused_with_its_count(n: int, store: Store) -> None:
    campaign = store.add(
        "campaign",
        {"kind": "talk", "title": "谈心", "start": "2026-03", "end": "2026-03", "monthly_quota": 1},
    )
    for i in range(n):
        store.add("talk", {"campaign_id": campaign["id"], "date": day(-i), "person": "赵敏"})
    with pytest.raises(RecordError) as refused:
        store.delete("campaign", campaign["id"])
    assert f"records still in this campaign: {n}; delete them first" in str(refused.value)


# the TUI ------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", COUNTS)
async def test_the_overview_and_care_tabs_count_in_english(n: int, store: Store) -> None:
    store.save_settings({"study_target": n, "upcoming_days": n})
    for back in range(n):
        store.add("study", {"date": day(-back), "points": n})
    s = "" if n == 1 else "s"
    app = CadreApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        line = str(app.screen.query_one("#today-line", Static).content)
        assert f"Today {n} / {n} point{s}" in line and f"streak {n} day{s}" in line
        spark = str(app.screen.query_one("#spark-title", Static).content)
        assert spark.endswith(f", {n} day{s} at target") and spark.startswith("Last 30 days:")
        upcoming = str(app.screen.query_one("#upcoming-title", Static).content)
        assert upcoming == f"Coming up and due (next {n} day{s})"
        await pilot.press("5", "v")
        await pilot.pause()
        birthdays = str(app.screen.query_one("#birthdays-title", Static).content)
        assert birthdays == f"Birthdays in the next {n} day{s}"


def test_the_sports_totals_count_the_sports_left_out() -> None:
    """Seven sports fit; from eight on, the seventh row counts the rest (so never `1 others`)."""
    sports = ["拔河", "跳绳", "羽毛球", "乒乓球", "足球", "篮球", "健步走", "象棋", "围棋"]

    def totals(count: int) -> str:
        this_year = {name: SportTotals(1, None, "") for name in sports[:count]}
        return totals_table([2026], [this_year], None).plain

    assert "other" not in totals(7)
    assert "\n2 others " in totals(8) and "\n3 others " in totals(9)


# the catalog --------------------------------------------------------------------------------

# `1` then a noun that takes an -s after any count but 1 (an adjective may come between)
COUNT_NOUNS = (
    "days|records|talks|visits|events|essays|sessions|hours|points|words|fields|follow-ups|"
    "backups|changes|items|problems|others|bytes|people|entries|candidates|months|years|weeks|"
    "times|campaigns|kinds|results|sports|occasions"
)
ONE_WITH_A_PLURAL = re.compile(rf"(?<![\d.,])1 (?:[a-z-]+ )?(?:{COUNT_NOUNS})\b")
NEVER_ONE = {
    "days.in",  # humanize_days says tomorrow and yesterday for one day (tested above)
    "days.ago",
    "ref.ambiguous",  # an ambiguous id fits two records or more
}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_one_has_its_other_and_chinese_has_no_plural() -> None:
    ones = {key.removesuffix(".one") for key in CATALOG if key.endswith(".one")}
    others = {key.removesuffix(".other") for key in CATALOG if key.endswith(".other")}
    assert sorted(ones ^ others) == []
    assert [k for k in ones if CATALOG[f"{k}.one"][0] != CATALOG[f"{k}.other"][0]] == []
    assert [k for k in ones if "n" not in placeholders(CATALOG[f"{k}.one"][1])] == []


def test_the_check_below_tells_the_old_wording_from_the_right_one() -> None:
    for old in ("1 days left", "imported 1 records from x", "current streak 1 days", "1 talks"):
        assert ONE_WITH_A_PLURAL.search(old), old
    for right in ("1 day left", "1 logged day", "21 days", "1.5 hours", "10 talks", "1-day"):
        assert not ONE_WITH_A_PLURAL.search(right), right


def test_no_english_message_puts_a_plural_noun_after_1() -> None:
    """Every message but the plural forms, each of its numbers 1: `1 days` is never said."""
    said = {
        key: en.format(**dict.fromkeys(placeholders(en), 1))
        for key, (_, en) in CATALOG.items()
        if not key.endswith(".other") and key not in NEVER_ONE
    }
    assert {key: text for key, text in said.items() if ONE_WITH_A_PLURAL.search(text)} == {}
