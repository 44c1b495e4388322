"""Pilot tests of the app as a whole: the language switch through the command palette, the
theme switch, and live refresh when another Store (another process) changes the same file."""

from __future__ import annotations

from pilot_support import (
    APP_TODAY,
    SIZE,
    footer_words,
    listed,
    run_command,
    shown,
    wait_until,
)
from textual.command import CommandList, CommandPalette
from textual.widgets import ContentSwitcher, Input, Static

from tui.app import CadreApp
from tui.core.i18n import get_language, set_language
from tui.core.store import Store
from tui.forms import RecordForm
from tui.widgets.follow_ups import FollowUpList
from tui.widgets.tab_bar import TabBar

TODAY = APP_TODAY.to_date_string()


def tab_labels(app: CadreApp) -> list[str]:
    """The tab names as drawn, first, second and last."""
    names = [shown.strip() for _, shown, _ in app.screen.query_one(TabBar).spans()]
    assert app.screen.query_one(TabBar).render().plain.split() == " ".join(names).split()
    return [names[0], names[1], names[4]]


async def test_the_palette_switches_the_language_live_and_keeps_it(app_store: Store) -> None:
    app_store.add("study", {"date": TODAY, "points": 33})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert tab_labels(app) == ["1 Overview", "2 Study", "5 Care"]
        assert {"add", "undo", "quit"} <= footer_words(app)
        assert not {"edit", "delete"} & footer_words(app)  # no list here: keys show where they work
        await run_command(app, pilot, "Chinese", "Language: 中文 (Chinese)")
        await pilot.pause()
        assert get_language() == "zh"
        assert tab_labels(app) == ["1 概览", "2 学习", "5 关爱"]
        await wait_until(pilot, lambda: {"新增", "撤销", "退出"} <= footer_words(app))
        assert "今日积分 33 / 目标 30" in shown(app.screen.query_one("#today-line", Static))
        await pilot.press("2")
        await pilot.pause()
        await wait_until(pilot, lambda: {"新增", "编辑", "删除", "筛选"} <= footer_words(app))
        caption = shown(app.screen.query_one("#days .caption", Static))
        assert caption.startswith("学习积分 2026-11（1 条）")
        assert Store(app_store.path).settings["language"] == "zh"
        await run_command(app, pilot, "English", "界面语言：English（英文）")
        await pilot.pause()
        assert tab_labels(app) == ["1 Overview", "2 Study", "5 Care"]
        assert shown(app.screen.query_one("#days .caption", Static)).startswith("study 2026-11 (1)")
    assert Store(app_store.path).settings["language"] == "en"


async def test_the_palette_goes_to_a_tab_and_switches_the_theme(app_store: Store) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_command(app, pilot, "Go to Sports", "Go to Sports (4)")
        assert app.screen.query_one("#tabs", ContentSwitcher).current == "sports"
        assert app.screen.query_one(TabBar).active == "sports"
        await run_command(app, pilot, "Theme: gruvbox", "Theme: gruvbox")
        assert app.theme == "gruvbox"
    assert Store(app_store.path).settings["theme"] == "gruvbox"
    again = CadreApp(Store(app_store.path, today=APP_TODAY))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "gruvbox"


async def test_a_record_added_by_another_process_shows_up(app_store: Store) -> None:
    app = CadreApp(app_store)
    other = Store(app_store.path, today=APP_TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#today-line", Static)
        assert "not logged" in shown(line)
        other.add("study", {"date": TODAY, "points": 52})
        await wait_until(pilot, lambda: "Today 52 / 30 points" in shown(line))


async def test_live_refresh_keeps_what_is_typed_in_an_open_form(app_store: Store) -> None:
    app = CadreApp(app_store)
    other = Store(app_store.path, today=APP_TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        await pilot.press("tab", "2", "9")
        other.add("event", {"date": "2026-11-30", "sport": "篮球"})
        upcoming = app.screen_stack[0].query_one("#upcoming", FollowUpList)
        await wait_until(pilot, lambda: any("篮球" in line for line in upcoming.lines()))
        assert app.screen is form
        assert form.query_one("#field-points", Input).value == "29"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not form)
    assert {r["points"] for r in Store(app_store.path).records("study")} == {29}
    assert [r["sport"] for r in Store(app_store.path).records("event")] == ["篮球"]


async def test_a_file_spoiled_by_another_process_is_reported_once_and_never_written(
    app_store: Store,
) -> None:
    app_store.add("study", {"date": TODAY, "points": 31})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#today-line", Static)
        app_store.path.write_bytes(b"")  # another program empties the file
        await wait_until(pilot, lambda: len(app._notifications) == 1)
        [note] = app._notifications
        assert str(app_store.path) in str(note.message) and note.severity == "error"
        await pilot.pause(2.5)  # two more checks of the file
        assert len(app._notifications) == 1
        assert "Today 31 / 30 points" in shown(line)  # what was last read stays on screen
        assert app_store.path.read_bytes() == b""
        app_store.path.write_bytes(b'{"_meta": {"1": {"schema_version": 1}}}')
        await wait_until(pilot, lambda: "not logged" in shown(line))


async def test_the_palette_says_no_match_in_the_users_language(app_store: Store) -> None:
    set_language("zh")
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"qqqzzz")
        hits = app.screen.query_one(CommandList)

        def first_hit() -> str:
            if not hits.option_count:
                return ""
            prompt = hits.get_option_at_index(0).prompt
            return str(getattr(prompt, "renderable", prompt))  # the no-match line is centred

        await wait_until(pilot, lambda: first_hit() == "没有匹配的命令")


async def test_a_click_on_a_tab_name_shows_that_tab(app_store: Store) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        bar = app.screen.query_one(TabBar)
        for name, shown, first in bar.spans()[::-1]:
            await pilot.click(TabBar, offset=(first + len(shown) // 2, 0))
            await pilot.pause()
            assert app.screen.query_one("#tabs", ContentSwitcher).current == name
            assert bar.active == name
        gap = bar.spans()[1][2] - 1  # the blank between the first two names chooses nothing
        await pilot.click(TabBar, offset=(gap, 0))
        await pilot.pause()
        assert bar.active == "overview"


async def test_the_other_tabs_are_made_unseen_after_the_first_screen(app_store: Store) -> None:
    app_store.add("event", {"date": "2026-11-30", "sport": "篮球"})
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        upcoming = app.screen.query_one("#upcoming", FollowUpList)
        assert set(app.panes) == {"overview"}
        await wait_until(pilot, lambda: len(app.panes) == 5)
        assert app.screen.focused is upcoming  # made out of sight: the cursor stayed
        assert app.screen.query_one(TabBar).active == "overview"
        await pilot.press("4")
        await pilot.pause()
        assert listed(app, "event-list", "sport") == ["篮球"]


async def test_a_tab_made_just_as_the_app_closes_does_not_fail_it(app_store: Store) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE):
        # The app closes before the pane's Mount: Textual no longer mounts its children then.
        app.warm_next_pane()
        app.warm_next_pane()
    assert app.return_code in (None, 0)  # run_test re-raises what failed while closing
