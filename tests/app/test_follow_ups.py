"""Pilot tests of `x` on the Overview's upcoming lines: a follow-up marked done leaves the list,
`u` brings it back, and `x` on a line that is no follow-up changes nothing.

Every change is read back through a fresh Store, as another process would see it."""

from __future__ import annotations

from pilot_support import APP_TODAY, SIZE, footer_words, wait_until

from tui.app import CadreApp
from tui.core.store import Store
from tui.widgets.follow_ups import FollowUpList


def day(offset: int) -> str:
    return APP_TODAY.add(days=offset).to_date_string()


async def test_x_marks_the_overviews_follow_up_done_and_u_brings_it_back(app_store: Store) -> None:
    talk = app_store.add(
        "talk", {"date": day(-10), "person": "赵敏", "follow_up": "回复", "follow_up_due": day(-2)}
    )
    app_store.add("event", {"date": day(3), "sport": "拔河"})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        upcoming = app.screen.query_one("#upcoming", FollowUpList)
        assert app.screen.focused is upcoming
        assert upcoming.lines()[0] == f"{day(-2)[5:]} talk follow-up: 赵敏 (2 days overdue)"
        upcoming.highlighted = 1  # the event: x does not apply and is not offered
        await pilot.pause()
        assert "x" not in footer_words(app)
        await pilot.press("x")
        await pilot.pause()
        assert Store(app_store.path).get("talk", talk["id"])["follow_up_done"] is False
        upcoming.highlighted = 0
        await pilot.pause()
        assert "x" in footer_words(app)
        await pilot.press("x")
        await wait_until(pilot, lambda: "赵敏" not in " ".join(upcoming.lines()))
        assert Store(app_store.path).get("talk", talk["id"])["follow_up_done"] is True
        await pilot.press("u")
        await wait_until(pilot, lambda: "赵敏" in " ".join(upcoming.lines()))
    assert Store(app_store.path).get("talk", talk["id"])["follow_up_done"] is False


async def test_x_on_a_visit_follow_up_marks_the_visit_done(app_store: Store) -> None:
    visit = app_store.add(
        "visit",
        {"date": day(-20), "occasion": "住院", "person": "孙浩", "follow_up_due": day(1)},
    )
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        upcoming = app.screen.query_one("#upcoming", FollowUpList)
        assert upcoming.lines() == [f"{day(1)[5:]} visit follow-up: 孙浩 (tomorrow)"]
        await pilot.press("x")
        await wait_until(pilot, lambda: upcoming.lines() == ["nothing coming up or due"])
    assert Store(app_store.path).get("visit", visit["id"])["follow_up_done"] is True
