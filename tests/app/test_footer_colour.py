"""The key bar's key colour comes from the theme, and follows it when the theme changes (it is
kept between redraws, which happen on every key press)."""

from __future__ import annotations

from pilot_support import SIZE
from rich.color import Color

from tui.app import CadreApp
from tui.core.store import Store
from tui.widgets.footer import KeyBar


async def test_the_keys_take_the_colour_of_the_theme_in_use(app_store: Store) -> None:
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen_stack[0].query_one(KeyBar)
        for theme in ("textual-light", "gruvbox", "textual-dark"):
            app.theme = theme
            await pilot.pause()
            bar.show_keys()
            expected = Color.parse(app.get_css_variables()["footer-key-foreground"])
            assert bar.line is not None
            first_key = bar.line.spans[0].style
            assert first_key.color == expected, theme
