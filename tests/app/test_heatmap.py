"""The heatmap's month header: every month of the year is named, at the week it begins.

A month cut off at the left edge gives way when naming it would hide the next one."""

from __future__ import annotations

import datetime

import pytest

from tui.core.i18n import set_language
from tui.widgets.heatmap import LABEL_CELLS, heatmap_text


@pytest.mark.parametrize(
    ("today", "language", "header"),
    [
        (
            datetime.date(2026, 11, 27),
            "en",
            "    Dec Jan Feb Mar  Apr May  Jun Jul Aug  Sep Oct Nov",
        ),
        (
            datetime.date(2026, 11, 27),
            "zh",
            "    12月1月 2月 3月  4月 5月  6月 7月 8月  9月 10月11月",
        ),
        (datetime.date(2026, 3, 2), "en", "   Mar Apr May Jun  Jul Aug  Sep Oct Nov  Dec Jan Feb"),
    ],
)
def test_the_header_names_every_month(today: datetime.date, language: str, header: str) -> None:
    set_language(language)
    assert heatmap_text({}, 30, today).plain.splitlines()[0] == header


def test_a_label_stands_over_the_first_week_of_its_month() -> None:
    set_language("en")
    today = datetime.date(2026, 11, 27)
    header = heatmap_text({}, 30, today).plain.splitlines()[0]
    monday = today - datetime.timedelta(days=today.weekday() + 7 * 52)
    june = next(w for w in range(53) if (monday + datetime.timedelta(days=7 * w + 6)).month == 6)
    assert header[LABEL_CELLS + june :].startswith("Jun")
