"""Pilot tests of the Campaigns tab: the campaigns in phase order, the month grid's verdicts and
days left (calendar and working days), a campaign's talks, `a` there, and `x` on a follow-up.

Expected figures are worked out here by hand (the official 2026 calendar) or by plain counting;
changes made by keys are read back through a fresh Store."""

from __future__ import annotations

from typing import Any

import pendulum
from pilot_support import APP_TODAY, SIZE, footer_words, listed, shown, wait_until
from textual.widgets import Input, Select, Static
from textual.widgets.data_table import ColumnKey

from tui.app import CadreApp
from tui.core.display import width
from tui.core.i18n import set_language
from tui.core.store import Store
from tui.dialogs import HelpScreen
from tui.forms import RecordForm
from tui.panes.campaigns import CampaignTable
from tui.record_table import RecordTable
from tui.widgets.follow_ups import FollowUpList
from tui.widgets.quota import QuotaGrid


def add_campaign(store: Store, title: str, start: str, end: str, **values: Any) -> dict[str, Any]:
    fields = {"kind": "talk", "title": title, "start": start, "end": end, "monthly_quota": 3}
    return store.add("campaign", fields | values)


def add_talks(store: Store, campaign: dict[str, Any], dates: list[str]) -> None:
    for number, date in enumerate(dates):
        store.add("talk", {"date": date, "person": f"对象{number}", "campaign_id": campaign["id"]})


def grid_lines(app: CadreApp) -> list[str]:
    return shown(app.screen.query_one(QuotaGrid)).splitlines()


async def open_tab(app: CadreApp, pilot: Any) -> None:
    await pilot.press("3")
    await wait_until(pilot, lambda: bool(app.screen.query(QuotaGrid)))
    await pilot.pause()


async def test_campaigns_come_running_then_to_come_then_ended(app_store: Store) -> None:
    add_campaign(app_store, "早结束", "2026-01", "2026-03")
    running = add_campaign(app_store, "进行中", "2026-10", "2026-12")
    add_campaign(app_store, "明年", "2027-01", "2027-03")
    add_campaign(app_store, "刚结束", "2026-05", "2026-10")
    add_campaign(app_store, "下月", "2026-12", "2027-01", kind="essay", monthly_quota=2)
    add_talks(app_store, running, ["2026-11-02", "2026-11-20", "2026-10-05"])  # 2 this month
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(app, pilot)
        # running; to come, soonest first; ended, latest first
        assert listed(app, "campaign-list", "title") == [
            "进行中",
            "下月",
            "明年",
            "刚结束",
            "早结束",
        ]
        assert listed(app, "campaign-list", "this_month") == [
            "2/3",
            "to come",
            "to come",
            "ended",
            "ended",
        ]


async def test_a_list_longer_than_a_page_is_in_phase_order_across_its_pages(
    app_store: Store,
) -> None:
    """The list is ordered before it is cut into pages: with more campaigns than a page holds,
    the running one comes first on the first page (it was on the last: the oldest page came
    first, each page ordered on its own)."""
    for n in range(24):  # ended ones, a month each, from January 2000 on
        month = f"{2000 + n // 12}-{n % 12 + 1:02}"
        add_campaign(app_store, f"旧{n:03}", month, month, kind="essay", monthly_quota=1)
    running = add_campaign(app_store, "进行中", "2026-10", "2026-12")
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(app, pilot)
        titles = listed(app, "campaign-list", "title")
        assert len(titles) == CampaignTable.page_size == 20  # its box shows five
        assert titles[:3] == [running["title"], "旧023", "旧022"]  # then the latest ended
        await pilot.press("]")
        await wait_until(pilot, lambda: len(listed(app, "campaign-list", "title")) == 5)
        assert listed(app, "campaign-list", "title") == [
            "旧004",
            "旧003",
            "旧002",
            "旧001",
            "旧000",
        ]


async def test_the_grid_says_met_short_days_left_and_to_come(app_store: Store) -> None:
    campaign = add_campaign(app_store, "谈心月", "2026-08", "2026-12")
    add_talks(app_store, campaign, ["2026-08-03", "2026-08-12", "2026-08-30", "2026-09-09"])
    add_talks(app_store, campaign, ["2026-10-10", "2026-11-26"])
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(app, pilot)
        lines = grid_lines(app)
        assert lines[0] == "Month by month (3 talks a month)"
        text = " ".join(lines)
        assert "2026-08  3/3  met" in text
        assert "2026-09  1/3  short by 2" in text
        assert "2026-10  1/3  short by 2" in text
        # Fri 27 to Mon 30 November: 4 days, 2 of them working days (27 and 30)
        assert "2026-11  1/3  4 days left · 2 working days" in text
        assert "2026-12  0/3  to come" in text
        assert "estimated" not in text and "Mon–Fri" not in text
        set_language("zh")
        app.relabel_everything()
        await pilot.pause()
        text = " ".join(grid_lines(app))
        assert "2026-09  1/3  差 2 次" in text
        assert "2026-08  3/3  已完成" in text
        assert "2026-11  1/3  还剩 4 天 · 2 个工作日" in text
        assert "2026-12  0/3  未开始" in text


async def test_october_2026_counts_its_holidays_and_make_up_saturday(app_store: Store) -> None:
    """12 to 31 October 2026: 20 days. 1–8 October are holidays (before the span); Saturday 10th
    is a make-up workday (before it too); from Monday 12th: 12–16, 19–23, 26–30 are 15 working
    days, Saturday 31st is not one."""
    campaign = add_campaign(app_store, "国庆后", "2026-10", "2026-10", monthly_quota=2)
    add_talks(app_store, campaign, ["2026-10-10"])
    app = CadreApp(app_store, today=pendulum.date(2026, 10, 12))
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(app, pilot)
        text = " ".join(grid_lines(app))
        assert "2026-10  1/2  20 days left · 15 working days" in text
        assert "estimated" not in text


async def test_a_2027_month_counts_monday_to_friday_and_says_so_once(app_store: Store) -> None:
    """3 to 31 March 2027 (no official calendar yet): 29 days; Mon–Fri from Wednesday 3rd:
    3–5 (3), 8–12, 15–19, 22–26, 29–31 (3) = 21 working days."""
    add_campaign(app_store, "明年春", "2027-02", "2027-04", kind="essay", monthly_quota=1)
    app = CadreApp(app_store, today=pendulum.date(2027, 3, 3))
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(app, pilot)
        lines = grid_lines(app)
        text = " ".join(lines)
        assert lines[0] == "Month by month (1 essay a month)"
        assert "2027-02  0/1  short by 1" in text
        assert "2027-03  0/1  29 days left · 21 working days" in text
        assert "2027-04  0/1  to come" in text
        assert (
            lines[-1] == "working days counted Mon–Fri: no official holiday calendar for 2027 yet"
        )
        assert text.count("Mon–Fri") == 1


async def test_the_working_days_setting_off_shows_calendar_days_only(app_store: Store) -> None:
    add_campaign(app_store, "谈心月", "2026-11", "2026-11")
    app_store.save_settings({"working_days": False})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(app, pilot)
        text = " ".join(grid_lines(app))
        assert "2026-11  0/3  4 days left" in text
        assert "working" not in text


async def test_the_campaigns_talks_follow_the_cursor_and_a_adds_one_to_it(
    app_store: Store,
) -> None:
    essays = add_campaign(app_store, "征文", "2026-09", "2026-12", kind="essay", monthly_quota=1)
    talks = add_campaign(app_store, "谈心", "2026-10", "2026-12")
    app_store.add("essay", {"campaign_id": essays["id"], "title": "初心", "date": "2026-11-05"})
    add_talks(app_store, talks, ["2026-10-08", "2026-11-03"])
    app_store.add("talk", {"date": "2026-11-04", "person": "不在活动里"})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(app, pilot)
        talk_list = app.screen.query_one("#talk-list", RecordTable)
        essay_list = app.screen.query_one("#essay-list", RecordTable)
        assert listed(app, "campaign-list", "title") == ["征文", "谈心"]  # both running, by title
        assert essay_list.display and not talk_list.display
        assert listed(app, "essay-list", "title") == ["初心"]
        await pilot.press("down")
        await wait_until(pilot, lambda: talk_list.display)
        assert not essay_list.display
        assert listed(app, "talk-list", "person") == ["对象1"]  # this month's
        columns = [str(column.key.value) for column in talk_list.data_table.ordered_columns]
        assert columns == [
            "date",
            "person",
            "topic",
            "follow_up",
            "follow_up_due",
            "follow_up_done",
        ]
        talk_list.data_table.focus()
        await pilot.press("left_square_bracket")
        assert listed(app, "talk-list", "person") == ["对象0"]  # October's
        await pilot.press("p", "p")
        assert listed(app, "talk-list", "person") == ["对象1", "对象0"]  # all, newest first
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.control("campaign_id").value == talks["id"]
        assert isinstance(form.control("campaign_id"), Select)
        person = form.control("person")
        assert isinstance(person, Input)
        person.value = "新对象"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))
        await wait_until(pilot, lambda: "新对象" in listed(app, "talk-list", "person"))
        assert "2026-11  2/3" in " ".join(grid_lines(app))  # the grid counts it at once
    added = [r for r in Store(app_store.path).records("talk") if r["person"] == "新对象"]
    assert [r["campaign_id"] for r in added] == [talks["id"]]
    assert added[0]["date"] == APP_TODAY.to_date_string()


async def test_long_topics_are_cut_with_an_ellipsis_to_fit_the_width(app_store: Store) -> None:
    talks = add_campaign(app_store, "谈心", "2026-10", "2026-12")
    topic, follow_up = "家中变故后的情绪与生活安排", "协助办理年休假手续并跟进落实情况"
    values = {"topic": topic, "follow_up": follow_up, "follow_up_due": "2026-12-01"}
    app_store.add(
        "talk", {"date": "2026-11-03", "person": "王芳", "campaign_id": talks["id"]} | values
    )
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(app, pilot)
        table = app.screen.query_one("#talk-list", RecordTable).data_table
        await wait_until(pilot, lambda: bool(table.row_count))
        for key, full in (("topic", topic), ("follow_up", follow_up)):
            [cut] = [text.rstrip() for text in listed(app, "talk-list", key)]
            assert cut.endswith("…") and full.startswith(cut[:-1]), (key, cut)
            column = table.columns[ColumnKey(key)]
            assert column.get_render_width(table) - 2 * table.cell_padding >= width(cut)
        room = table.scrollable_content_region.width
        assert sum(column.get_render_width(table) for column in table.ordered_columns) <= room


async def test_x_marks_a_follow_up_done_and_u_brings_it_back(app_store: Store) -> None:
    late = app_store.add(
        "talk", {"date": "2026-10-01", "person": "赵敏", "follow_up_due": "2026-11-20"}
    )
    app_store.add("talk", {"date": "2026-10-02", "person": "钱亮", "follow_up_due": "2026-12-05"})
    app_store.add(
        "talk",
        {"date": "2026-10-03", "person": "孙丽", "follow_up_due": "2026-11-01"},
    )
    app_store.add(
        "talk",
        {
            "date": "2026-10-04",
            "person": "已办",
            "follow_up_due": "2026-11-02",
            "follow_up_done": True,
        },
    )
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(app, pilot)
        follow_ups = app.screen.query_one("#follow-ups", FollowUpList)
        # the most overdue first; the one done is not listed
        assert follow_ups.lines() == [
            "11-01 talk follow-up: 孙丽 (26 days overdue)",
            "11-20 talk follow-up: 赵敏 (7 days overdue)",
            "12-05 talk follow-up: 钱亮 (in 8 days)",
        ]
        assert shown(app.screen.query_one("#follow-ups-title")) == (
            "3 open follow-ups (overdue first)"
        )
        follow_ups.focus()
        follow_ups.highlighted = 1
        await pilot.pause()
        assert "x" in footer_words(app)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert "mark the selected follow-up done" in " ".join(
            shown(static) for static in app.screen.query(Static)
        )
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen))
        await pilot.press("x")
        await wait_until(pilot, lambda: len(follow_ups.lines()) == 2)
        assert Store(app_store.path).get("talk", late["id"])["follow_up_done"] is True
        await pilot.press("u")
        await wait_until(pilot, lambda: len(follow_ups.lines()) == 3)
    assert Store(app_store.path).get("talk", late["id"])["follow_up_done"] is False
