"""Pilot tests of the Care tab: money by occasion and by year, the occasion key, a person's
history (namesakes told apart, or said to be ambiguous), birthdays coming up and visit follow-ups.

Expected figures are worked out here by hand or with plain Python, not with tui.core.care."""

from __future__ import annotations

import re
from pathlib import Path

import pendulum
from pilot_support import SIZE, listed, shown, wait_until
from textual.widgets import Static

from tui.app import CadreApp
from tui.core.store import Store
from tui.record_table import RecordTable
from tui.widgets.follow_ups import FollowUpList

VISITS = [  # date, occasion, person, amount
    ("2025-03-02", "住院", "王芳", "1200"),
    ("2026-01-09", "住院", "王芳", "0.1"),
    ("2026-02-14", "住院", "李强", "0.2"),
    ("2026-05-01", "结婚", "赵敏", "800.5"),
    ("2025-12-30", "结婚", "孙浩", "300"),
    ("2026-06-06", "退休", "周敏", None),  # a gift: no money
]


def add_visits(store: Store) -> None:
    for date, occasion, person, amount in VISITS:
        store.add("visit", {"date": date, "occasion": occasion, "person": person, "amount": amount})


def sums_text(app: CadreApp) -> list[str]:
    return [line.strip() for line in shown(app.screen.query_one("#care-sums", Static)).splitlines()]


def cells(line: str) -> list[tuple[str, str]]:
    """`住院 1,200.30   结婚 1,100.50` as [(住院, 1,200.30), (结婚, 1,100.50)]."""
    words = line.replace(">", " ").split()
    return list(zip(words[::2], words[1::2], strict=True))


async def test_sums_by_occasion_and_by_year_add_decimals_exactly(app_store: Store) -> None:
    add_visits(app_store)
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        lines = sums_text(app)
        # by hand: 住院 1200 + 0.1 + 0.2, 结婚 800.5 + 300; 退休 gave no money
        assert "all years: 2,300.80" in lines[0]  # 1,200.30 + 1,100.50
        assert cells(lines[1]) == [("住院", "1,200.30"), ("结婚", "1,100.50")]
        assert lines[2] == "By year · all occasions"
        # 2026: 0.1 + 0.2 + 800.5; 2025: 1200 + 300 — the newest year first
        assert cells(lines[3]) == [("2026", "800.80"), ("2025", "1,500.00")]
        assert len(lines) == 4


async def test_point_one_and_point_two_show_as_point_three(app_store: Store) -> None:
    for amount in ("0.1", "0.2"):
        app_store.add(
            "visit", {"date": "2026-03-01", "occasion": "生日", "person": "王芳", "amount": amount}
        )
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        lines = sums_text(app)
        assert "all years: 0.30" in lines[0]
        assert cells(lines[1]) == [("生日", "0.30")]
        assert cells(lines[3]) == [("2026", "0.30")]


async def test_o_shows_each_occasion_with_visits_in_turn_then_all(app_store: Store) -> None:
    add_visits(app_store)
    with_visits = {occasion for _, occasion, _, _ in VISITS}
    order = [o for o in app_store.settings["categories"]["occasions"] if o in with_visits]
    assert sorted(order) == sorted(with_visits)  # the test's occasions are all in the settings
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        table = app.screen.query_one("#visit-list", RecordTable)
        table.period = "all"  # every year's visits, to count them by occasion
        table.load()
        assert len(listed(app, "visit-list", "occasion")) == len(VISITS)
        for occasion in order:
            await pilot.press("o")
            await pilot.pause()
            assert set(listed(app, "visit-list", "occasion")) == {occasion}
            count = sum(1 for _, o, _, _ in VISITS if o == occasion)
            assert len(listed(app, "visit-list", "occasion")) == count
            lines = sums_text(app)
            assert lines[2] == f"By year · {occasion}"
            marked = re.findall(r">(\S+)", lines[1])
            if occasion == "退休":  # no money: not among the sums, and no year has any
                assert marked == [] and lines[3] == "no visit with an amount yet"
            else:
                assert marked == [occasion]
        await pilot.press("o")
        await pilot.pause()
        assert len(listed(app, "visit-list", "occasion")) == len(VISITS)
        assert sums_text(app)[2] == "By year · all occasions"


def history(app: CadreApp) -> list[str]:
    return shown(app.screen.query_one("#care-history", Static)).splitlines()


async def test_choosing_a_person_shows_their_visits_talks_and_next_birthday(
    app_store: Store,
) -> None:
    app_store.add("person", {"name": "李强", "dept": "人事处", "birthday": "03-15"})
    app_store.add("person", {"name": "王芳", "dept": "财务处", "birthday": "12-02"})
    add_visits(app_store)
    app_store.add("talk", {"date": "2026-04-03", "person": "王芳", "topic": "工作调动"})
    app_store.add("talk", {"date": "2026-09-10", "person": "王芳", "topic": "家庭困难"})
    app_store.add("talk", {"date": "2026-09-11", "person": "赵敏", "topic": "别人的谈话"})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "v")
        await pilot.pause()
        assert listed(app, "person-list", "name") == ["李强", "王芳"]
        lines = history(app)
        assert lines[0] == "李强 · 人事处"
        # 2026-11-27 is past 03-15: the next one is 2027-03-15, 108 days away (34 + 31 + 28 + 15)
        assert lines[1:3] == ["birthday 03-15", "next 2027-03-15 (in 108 days)"]
        assert lines[3:] == ["1 visit", "  2026-02-14 住院 0.20", "0 talks"]
        await pilot.press("down")
        await pilot.pause()
        lines = history(app)
        assert lines[0] == "王芳 · 财务处"
        assert lines[1:3] == ["birthday 12-02", "next 2026-12-02 (in 5 days)"]
        assert lines[3:] == [
            "2 visits",
            "  2026-01-09 住院 0.10",
            "  2025-03-02 住院 1,200.00",
            "2 talks",
            "  2026-09-10 家庭困难",
            "  2026-04-03 工作调动",
        ]


async def test_namesakes_are_told_apart_by_dept_and_the_rest_is_called_ambiguous(
    app_store: Store,
) -> None:
    app_store.add("person", {"name": "王芳", "dept": "财务处"})
    app_store.add("person", {"name": "王芳", "dept": "人事处"})
    visit = {"occasion": "住院", "person": "王芳", "amount": "100"}
    app_store.add("visit", {**visit, "date": "2026-05-01", "dept": "财务处"})
    app_store.add("visit", {**visit, "date": "2026-06-01", "dept": "人事处"})
    app_store.add("visit", {**visit, "date": "2026-07-01"})  # whose? no dept says
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "v")
        await pilot.pause()
        depts = listed(app, "person-list", "dept")
        for row, dept in enumerate(depts):
            if row:
                await pilot.press("down")
                await pilot.pause()
            lines = history(app)
            assert lines[0] == f"王芳 · {dept}"
            assert lines[1].startswith("ambiguous: a namesake exists")
            own = "2026-05-01" if dept == "财务处" else "2026-06-01"
            assert lines[-3:] == ["1 visit", f"  {own} 住院 100.00", "0 talks"]
            assert not any("2026-07-01" in line for line in lines)


async def test_no_ambiguity_note_without_namesakes(app_store: Store) -> None:
    app_store.add("person", {"name": "王芳", "dept": "财务处"})
    app_store.add("visit", {"date": "2026-07-01", "occasion": "住院", "person": "王芳"})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "v")
        await pilot.pause()
        lines = history(app)
        assert not any("ambiguous" in line for line in lines)
        assert "  2026-07-01 住院" in lines  # no amount, no money shown


def birthdays(app: CadreApp) -> list[str]:
    return shown(app.screen.query_one("#care-birthdays", Static)).splitlines()


async def test_29_february_falls_on_the_28th_in_a_common_year(tmp_path: Path) -> None:
    store = Store(tmp_path / "cadre.json", today=pendulum.date(2027, 2, 20))  # 2027: common
    store.add("person", {"name": "闰日", "dept": "办公室", "birthday": "02-29"})
    store.add("person", {"name": "远的", "birthday": "03-20"})  # 28 days away: beyond 14
    app = CadreApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "v")
        await pilot.pause()
        assert birthdays(app) == ["02-28 闰日 办公室 in 8 days"]
        title = shown(app.screen.query_one("#birthdays-title", Static))
        assert title == f"Birthdays in the next {store.settings['upcoming_days']} days"


async def test_a_january_birthday_shows_in_late_december(tmp_path: Path) -> None:
    store = Store(tmp_path / "cadre.json", today=pendulum.date(2026, 12, 28))
    store.add("person", {"name": "元旦后", "birthday": "01-03"})
    store.add("person", {"name": "今天", "birthday": "12-28"})
    store.add("person", {"name": "昨天", "birthday": "12-27"})  # a year away
    app = CadreApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "v")
        await pilot.pause()
        lines = [line.split() for line in birthdays(app)]
        assert lines == [["12-28", "今天", "today"], ["01-03", "元旦后", "in", "6", "days"]]


async def test_x_marks_a_visit_follow_up_done_and_u_brings_it_back(app_store: Store) -> None:
    visit = app_store.add(
        "visit",
        {"date": "2026-11-01", "occasion": "住院", "person": "孙浩", "follow_up_due": "2026-11-20"},
    )
    app_store.add(
        "visit",
        {
            "date": "2026-10-01",
            "occasion": "生病",
            "person": "已回访",
            "follow_up_due": "2026-10-20",
            "follow_up_done": True,
        },
    )
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "v", "tab")
        await pilot.pause()
        follow_ups = app.screen.query_one("#care-follow-ups", FollowUpList)
        assert app.focused is follow_ups
        assert follow_ups.lines() == ["11-20 visit follow-up: 孙浩 (7 days overdue)"]
        await pilot.press("x")
        await wait_until(pilot, lambda: follow_ups.lines() == ["no visit follow-up due"])
        assert Store(app_store.path).get("visit", visit["id"])["follow_up_done"] is True
        await pilot.press("u")
        await wait_until(
            pilot, lambda: len(follow_ups.lines()) == 1 and "孙浩" in follow_ups.lines()[0]
        )
        assert Store(app_store.path).get("visit", visit["id"])["follow_up_done"] is False


async def test_v_switches_views_and_the_footer_names_the_other_one(app_store: Store) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        keys = {a.binding.description for a in app.screen.active_bindings.values()}
        assert "key.care_book" in keys and "key.care_occasion" in keys
        assert app.focused is app.screen.query_one("#visit-list", RecordTable).data_table
        await pilot.press("v")
        await pilot.pause()
        keys = {a.binding.description for a in app.screen.active_bindings.values()}
        assert "key.care_visits" in keys and "key.care_occasion" not in keys
        assert app.focused is app.screen.query_one("#person-list", RecordTable).data_table
        await pilot.press("a")
        await wait_until(pilot, lambda: app.screen is not app.screen_stack[0])
        assert app.screen.kind.name == "person"
