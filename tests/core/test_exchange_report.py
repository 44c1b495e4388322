"""The month and year report from known records: every figure, and its text, markdown and JSON
forms in English and Chinese, with record text shown escaped."""

from __future__ import annotations

import orjson
import pendulum
import pytest

from tui.core import report
from tui.core.i18n import set_language
from tui.core.store import Store

TODAY = pendulum.date(2026, 3, 6)


@pytest.fixture
def known(store: Store) -> Store:
    """A store with known records, seen on 2026-03-06."""
    store = Store(store.path, today=TODAY)
    for day, points in [("02-27", 40), ("02-28", 50), ("03-01", 30), ("03-02", 35),
                        ("03-03", 10), ("03-04", 40), ("03-05", 45), ("03-06", 31)]:  # fmt: skip
        store.add("study", {"date": f"2026-{day}", "points": points})
    for day, kind, hours in [("03-02", "党课", "1.5"), ("03-03", "党课", "2"),
                             ("03-05", "主题党日", "0.5")]:  # fmt: skip
        store.add("session", {"date": f"2026-{day}", "kind": kind, "hours": hours})
    campaign = store.add(
        "campaign",
        {"kind": "essay", "title": "征文|活动", "start": "2026-01", "end": "2026-04",
         "monthly_quota": 1},
    )  # fmt: skip
    for day, status, award in [("01-10", "获奖", "一等"), ("03-02", "草稿", "")]:
        store.add(
            "essay",
            {"campaign_id": campaign["id"], "title": "文", "date": f"2026-{day}", "words": 1000,
             "status": status, "award": award},
        )  # fmt: skip
    store.add(
        "talk",
        {"date": "2026-03-03", "person": "王\x1b[31m芳", "follow_up": "联系\u202e医院",
         "follow_up_due": "2026-03-05"},
    )  # fmt: skip
    store.add("talk", {"date": "2026-03-04", "person": "李强", "follow_up": "已办",
                       "follow_up_done": True})  # fmt: skip
    store.add("event", {"date": "2026-03-01", "sport": "拔河", "result": "2:1", "rank": 2})
    store.add("event", {"date": "2026-03-02", "sport": "拔河", "sub_event": "混合",
                        "result": "3:0", "rank": 1, "award": "一等奖"})  # fmt: skip
    store.add("event", {"date": "2026-03-03", "sport": "羽毛球", "result": "1:2"})
    store.add("visit", {"date": "2026-03-01", "occasion": "住院", "person": "甲", "amount": "500"})
    store.add("visit", {"date": "2026-03-02", "occasion": "住院", "person": "乙",
                        "amount": "300.50"})  # fmt: skip
    store.add("visit", {"date": "2026-03-03", "occasion": "结婚", "person": "丙"})
    return store


def test_the_month_report_has_every_figure(known: Store) -> None:
    figures = report.build_report(known, report.month_period("2026-03"))
    assert figures["period"] == {"label": "2026-03", "since": "2026-03-01", "until": "2026-03-31"}
    assert figures["as_of"] == "2026-03-06"
    assert figures["study"] == {
        "target": 30,
        "points": 191,
        "days_logged": 6,
        "days_at_target": 5,
        "current_streak": 3,
        "longest_streak": 3,  # 02-27 … 03-02 runs 4 days, but only 2 of them are in March
        "sessions": 3,
        "hours": "4.0",
        "by_kind": [
            {"kind": "党课", "sessions": 2, "hours": "3.5"},
            {"kind": "主题党日", "sessions": 1, "hours": "0.5"},
        ],
    }
    (campaign,) = figures["campaigns"]
    assert campaign["months"] == [{"month": "2026-03", "done": 1, "quota": 1, "verdict": None}]
    assert figures["essays"] == {
        "count": 1,
        "words": 1000,
        "by_status": {"草稿": 1},
        "by_award": {},
    }
    assert figures["talks"] == {
        "count": 2,
        "open_follow_ups": [
            {"date": "2026-03-03", "person": "王\x1b[31m芳", "follow_up": "联系\u202e医院",
             "due": "2026-03-05", "overdue": True}
        ],
    }  # fmt: skip
    assert figures["events"]["by_sport"] == [
        {"sport": "拔河", "events": 2,
         "best": {"date": "2026-03-02", "sub_event": "混合", "result": "3:0", "rank": 1,
                  "award": "一等奖"}},
        {"sport": "羽毛球", "events": 1, "best": None},
    ]  # fmt: skip
    assert figures["visits"] == {
        "count": 3,
        "amount": "800.50",
        "by_occasion": [
            {"occasion": "住院", "visits": 2, "amount": "800.50"},
            {"occasion": "结婚", "visits": 1, "amount": "0"},
        ],
    }


def test_the_year_report_covers_every_month_of_each_campaign(known: Store) -> None:
    figures = report.build_report(known, report.year_period(2026))
    assert [(m["month"], m["done"], m["verdict"]) for m in figures["campaigns"][0]["months"]] == [
        ("2026-01", 1, "met"),
        ("2026-02", 0, "missed"),
        ("2026-03", 1, None),
        ("2026-04", 0, None),
    ]
    assert figures["essays"]["by_status"] == {"草稿": 1, "获奖": 1}
    assert figures["essays"]["by_award"] == {"一等": 1}
    assert figures["study"]["points"] == 281 and figures["study"]["longest_streak"] == 4


def test_the_text_report_in_english_and_chinese(known: Store) -> None:
    period = report.month_period("2026-03")
    figures = report.build_report(known, period)
    english = report.render(figures, period, "text")
    assert english.startswith("cadre report: 2026-03 (2026-03-01 to 2026-03-31)\n")
    for line in [
        "  191 points over 6 logged days",
        "  5 days at the target of 30",
        "  current streak 3 days, longest in the period 3 days",
        "  3 sessions, 4.0 hours",
        "  2 talks, 1 follow-up open",
        "  3 visits, 800.50 yuan in all",
    ]:
        assert line + "\n" in english
    assert "  拔河    2      混合 3:0 rank 1 一等奖\n" in english
    assert "2026-03  1/1         running" in english
    set_language("zh")
    chinese = report.render(figures, period, "text")
    assert chinese.startswith("cadre 工作小结：2026年3月（2026-03-01 至 2026-03-31）\n")
    assert "  积分合计 191 分，记录 6 天\n" in chinese
    assert "  当前连续达标 3 天，期间最长连续 3 天\n" in chinese
    assert "  关爱慰问 3 次，金额合计 800.50 元\n" in chinese
    assert "2026-03-05（已逾期）" in chinese
    for text in (english, chinese):
        assert "\x1b" not in text and "\u202e" not in text
        assert "王\\x1b[31m芳" in text and "联系\\u202e医院" in text


def test_the_markdown_report_is_tables_that_paste_cleanly(known: Store) -> None:
    period = report.month_period("2026-03")
    markdown = report.render(report.build_report(known, period), period, "markdown")
    lines = markdown.splitlines()
    assert lines[0] == "# cadre report: 2026-03 (2026-03-01 to 2026-03-31)"
    assert "## Care visits" in lines and "- 3 visits, 800.50 yuan in all" in lines
    assert "| occasion | count | amount |" in lines
    assert "| 住院 | 2 | 800.50 |" in lines
    assert "| 征文\\|活动 | 2026-03 | 1/1 | running |" in lines  # a | in a title is escaped
    tables = [line for line in lines if line.startswith("|")]
    assert all(line.endswith("|") and line.count(" | ") >= 1 for line in tables)
    assert "\x1b" not in markdown and "王\\x1b[31m芳" in markdown


def test_the_json_report_is_the_figures_with_terminal_controls_escaped(known: Store) -> None:
    period = report.year_period(2026)
    figures = report.build_report(known, period)
    text = report.render(figures, period, "json")
    assert "\x1b" not in text and "\u202e" not in text and "\\u202e" in text
    assert orjson.loads(text) == figures
