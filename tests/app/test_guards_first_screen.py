"""The app draws its first Overview from the figures it is handed (a forked child's, for a large
file), then reads the file itself and redraws from what it holds.

Seen to fail with CadreApp ignoring `first` (the Overview then works its figures out at once)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pilot_support import APP_TODAY, SIZE, shown, wait_until
from textual.widgets import Static

from tui.app import CadreApp
from tui.core.overview import OverviewFigures, overview_figures
from tui.core.store import Store
from tui.panes.overview import OverviewPane
from tui.preview import FirstScreen


async def test_the_first_overview_is_drawn_from_the_figures_handed_over(
    app_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app_store.add("study", {"date": APP_TODAY.to_date_string(), "points": 33, "total": 8000})
    reader = Store(app_store.path, today=APP_TODAY)
    computed = overview_figures(reader, APP_TODAY)
    handed = replace(computed, logged=77, total=9999)  # what only the child could have said
    drawn: list[OverviewFigures] = []
    draw = OverviewPane.draw

    def spy(pane: OverviewPane, figures: OverviewFigures) -> None:
        drawn.append(figures)
        draw(pane, figures)

    monkeypatch.setattr(OverviewPane, "draw", spy)
    fresh = Store(app_store.path, today=APP_TODAY)  # has not read the file
    app = CadreApp(fresh, first=FirstScreen(reader.settings, handed))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: len(drawn) >= 2)  # then it read the file and redrew
        line = shown(app.screen.query_one("#today-line", Static))
        assert line.startswith("Today 33 / 30 points") and line.endswith("total 8000")
    assert drawn[0] is handed
    assert drawn[-1] == computed
