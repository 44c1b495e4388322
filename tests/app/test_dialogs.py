"""Pilot tests of the confirm dialog (its answers by key) and the help screen (the live keys, zh and en).

A bare app pushes each screen and keeps what it was dismissed with."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import Static

from tui.app import CadreApp
from tui.core.i18n import set_language
from tui.core.store import Store
from tui.dialogs import ConfirmDialog, HelpScreen
from tui.forms import RecordForm

SIZE = (80, 24)


class DialogApp(App[None]):
    """Opens one screen and keeps its result."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.dialog = screen
        self.result: Any = "open"

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.closed)

    def closed(self, result: Any) -> None:
        self.result = result


def shown_text(screen: Screen[Any]) -> str:
    return "\n".join(str(static.content) for static in screen.query(Static))


@pytest.mark.parametrize(
    ("keys", "answer"),
    [(("y",), True), (("enter",), True), (("n",), False), (("escape",), False)],
)
async def test_confirm_answers_by_key(keys: tuple[str, ...], answer: bool) -> None:
    app = DialogApp(ConfirmDialog("Delete the study record of 2026-11-27?"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Delete the study record of 2026-11-27?" in shown_text(app.screen)
        await pilot.press(*keys)
        await pilot.pause()
        assert app.screen is not app.dialog
    assert app.result is answer


async def test_confirm_tab_to_no_then_enter_answers_no() -> None:
    app = DialogApp(ConfirmDialog("?"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "enter")
        await pilot.pause()
    assert app.result is False


async def test_confirm_shows_control_characters_escaped() -> None:
    app = DialogApp(ConfirmDialog("删除 “王\x1b]0;pwned\x07芳”？\n第二行\u202e"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = shown_text(app.screen)
    assert "王\\x1b]0;pwned\\x07芳" in text
    assert "第二行\\u202e" in text
    assert "\x1b" not in text and "\u202e" not in text


def help_lines(app: App[Any]) -> list[str]:
    """The lines of the open help screen, stripped."""
    assert isinstance(app.screen, HelpScreen)
    return [line.strip() for line in shown_text(app.screen).splitlines()]


def has_row(lines: list[str], key: str, what: str) -> bool:
    return any(line.startswith(key + " ") and what in line for line in lines)


@pytest.mark.parametrize(
    ("language", "everywhere", "in_a_list", "in_a_form"),
    [
        (
            "zh",
            [
                ("a", "新增记录"),
                ("u", "撤销上一次修改"),
                ("1-5", "切换标签页"),
                ("ctrl+p", "命令面板"),
                ("?", "显示本帮助"),
                ("q", "退出"),
            ],
            [
                ("e / Enter", "编辑选中的记录"),
                ("d", "删除选中的记录"),
                ("/", "筛选"),
                ("[ / ]", "上一月 / 下一月"),
                ("p", "按月 / 按年 / 全部记录"),
            ],
            [("Tab / Shift+Tab", "下一项 / 上一项"), ("ctrl+s", "保存"), ("Esc", "取消")],
        ),
        (
            "en",
            [
                ("a", "add a record"),
                ("u", "undo the last change"),
                ("1-5", "switch tabs"),
                ("ctrl+p", "command palette"),
                ("?", "show this help"),
                ("q", "quit"),
            ],
            [
                ("e / Enter", "edit the selected record"),
                ("d", "delete the selected record"),
                ("/", "filter"),
                ("[ / ]", "previous / next month"),
                ("p", "a month / a year"),
            ],
            [("Tab / Shift+Tab", "next / previous field"), ("ctrl+s", "save"), ("Esc", "cancel")],
        ),
    ],
)
async def test_help_lists_the_live_bindings_in_the_language(
    app_store: Store,
    language: str,
    everywhere: list[tuple[str, str]],
    in_a_list: list[tuple[str, str]],
    in_a_form: list[tuple[str, str]],
) -> None:
    """The help shows the keys that work where the cursor is: no record keys on the Overview."""
    set_language(language)
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        lines = help_lines(app)
        box = app.screen.query_one("#help-box")
        assert box.region.bottom <= SIZE[1] and box.region.right <= SIZE[0]
        for key, what in everywhere + in_a_form:
            assert has_row(lines, key, what), (key, what)
        for key, what in in_a_list:
            assert not has_row(lines, key, what), (key, what)
        await pilot.press("escape", "2")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        lines = help_lines(app)
        for key, what in everywhere + in_a_list + in_a_form:
            assert has_row(lines, key, what), (key, what)


@pytest.mark.parametrize("key", ["escape", "question_mark"])
async def test_help_closes_on_escape_or_question_mark(key: str) -> None:
    app = DialogApp(HelpScreen([], RecordForm.BINDINGS))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen is app.dialog
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is not app.dialog
