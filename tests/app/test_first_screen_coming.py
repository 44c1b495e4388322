"""A large file changed since its summary: the app starts at once in the summary's settings while
a forked child reads the file, and draws the Overview when the child's figures come, in the
language and theme of the file's settings (`--lang` still wins). A child that fails ends the app
for the command line to say what is wrong with the file.

Seen to fail with the Overview worked out in the app before the child answered, and with the
first frame's language kept after the file's settings changed it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_support import APP_TODAY, SIZE, shown, wait_until
from textual.widgets import Static

from tui.app import CadreApp
from tui.core.i18n import set_language
from tui.core.overview import OverviewFigures, overview_figures
from tui.core.store import Store
from tui.panes.overview import OverviewPane
from tui.preview import FirstScreen, Preview
from tui.widgets.tab_bar import TabBar


def coming_app(path: Path, drawn_in: dict[str, object], language: str | None = None) -> CadreApp:
    """The app as `cadre` opens it on a changed large file: the child started, the first frame
    in the settings `drawn_in` (the summary's), the file not read."""
    preview = Preview.start(path, APP_TODAY.isoformat(), large=0)
    assert preview is not None
    fresh = Store(path, today=APP_TODAY)
    return CadreApp(
        fresh,
        today=APP_TODAY,
        first=FirstScreen(drawn_in, None),
        coming=preview,
        language=language,
    )


@pytest.fixture
def spied(monkeypatch: pytest.MonkeyPatch) -> list[tuple[OverviewFigures, bool]]:
    """The figures the Overview draws, each with whether the app had read the file by then."""
    drawn: list[tuple[OverviewFigures, bool]] = []
    draw = OverviewPane.draw

    def spy(pane: OverviewPane, figures: OverviewFigures) -> None:
        drawn.append((figures, pane.store.storage._data is not None))
        draw(pane, figures)

    monkeypatch.setattr(OverviewPane, "draw", spy)
    return drawn


async def test_the_overview_comes_from_the_child_in_the_files_language_and_theme(
    app_store: Store, spied: list[tuple[OverviewFigures, bool]]
) -> None:
    app_store.add("study", {"date": APP_TODAY.to_date_string(), "points": 33, "total": 8000})
    app_store.save_settings({"language": "en", "theme": "gruvbox"})
    expected = overview_figures(Store(app_store.path, today=APP_TODAY), APP_TODAY)
    set_language("zh")
    summarys = {**app_store.settings, "language": "zh", "theme": "textual-dark"}
    app = coming_app(app_store.path, summarys)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: len(spied) >= 1)
        assert spied[0] == (expected, False)  # the child's, before the app read the file
        line = shown(app.screen.query_one("#today-line", Static))
        assert line.startswith("Today 33 / 30 points") and line.endswith("total 8000")
        assert app.theme == "gruvbox"
        assert "1 Overview" in str(app.screen.query_one(TabBar).render())
        await wait_until(pilot, lambda: app.store.storage._data is not None)  # then it reads
        assert app.first is None and app.coming is None


async def test_lang_given_on_the_command_line_wins_over_the_files_settings(
    app_store: Store, spied: list[tuple[OverviewFigures, bool]]
) -> None:
    app_store.save_settings({"language": "en"})
    set_language("zh")
    app = coming_app(app_store.path, {**app_store.settings, "language": "zh"}, language="zh")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: len(spied) >= 1)
        assert "1 概览" in str(app.screen.query_one(TabBar).render())
        assert shown(app.screen.query_one("#today-line", Static)).startswith("今日")


async def test_a_child_that_fails_ends_the_app_for_the_command_line(tmp_path: Path) -> None:
    bad = tmp_path / "cadre.json"
    bad.write_bytes(b'{"not": "cadre"}')
    bad.chmod(0o600)
    app = coming_app(bad, {"language": "en"})
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: not app.is_running)
    assert app.first_screen_failed
    assert bad.read_bytes() == b'{"not": "cadre"}'
