"""The heatmap's month header: months are named at the week they begin, whole and apart.

Every label keeps a blank cell before the next, counted in display cells (`12月` takes four).
Where two would touch, the earlier month gives way: the month cut off at the left edge, or a
four-week month whose wide label would run into the next one's."""

from __future__ import annotations

import datetime

import pytest

from tui.core.display import width
from tui.core.i18n import set_language, t
from tui.widgets.heatmap import LABEL_CELLS, WEEKS, heatmap_text


def header_line(today: datetime.date) -> str:
    return heatmap_text({}, 30, today).plain.splitlines()[0]


def labels_at(header: str) -> list[tuple[int, str]]:
    """Each run of non-blank characters on the header line, with the display cell it starts at."""
    found: list[tuple[int, str]] = []
    cell, word, begun = 0, "", 0
    for char in header + " ":
        if char == " ":
            if word:
                found.append((begun, word))
            word = ""
        else:
            if not word:
                begun = cell
            word += char
        cell += width(char)
    return found


@pytest.mark.parametrize(
    ("today", "language", "header"),
    [
        (
            datetime.date(2026, 11, 27),
            "en",
            "    Dec Jan Feb Mar  Apr May  Jun Jul Aug  Sep Oct Nov",
        ),
        (
            # December (4 weeks, 4 cells) would touch January, November shows one week
            datetime.date(2026, 11, 27),
            "zh",
            "        1月 2月 3月  4月 5月  6月 7月 8月  9月     11月",
        ),
        (datetime.date(2026, 3, 2), "en", "   Mar Apr May Jun  Jul Aug  Sep Oct Nov  Dec Jan Feb"),
        (
            datetime.date(2030, 1, 20),
            "zh",
            "     2月 3月 4月  5月 6月 7月  8月 9月  10月    12月 1月",
        ),
    ],
)
def test_the_header_names_the_months_that_fit(
    today: datetime.date, language: str, header: str
) -> None:
    set_language(language)
    assert header_line(today) == header


def test_a_label_stands_over_the_first_week_of_its_month() -> None:
    set_language("en")
    today = datetime.date(2026, 11, 27)
    header = header_line(today)
    monday = today - datetime.timedelta(days=today.weekday() + 7 * 52)
    june = next(w for w in range(53) if (monday + datetime.timedelta(days=7 * w + 6)).month == 6)
    assert header[LABEL_CELLS + june :].startswith("Jun")


def month_of(monday: datetime.date, cell: int) -> int:
    """The month of the Sunday in the week column under header cell `cell`."""
    return (monday + datetime.timedelta(weeks=cell - LABEL_CELLS, days=6)).month


def every_day(*years: int) -> list[datetime.date]:
    first = datetime.date(years[0], 1, 1)
    last = datetime.date(years[-1], 12, 31)
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_labels_are_whole_month_names_apart_over_their_first_weeks(language: str) -> None:
    set_language(language)
    names = {t(f"month.short.{month}"): month for month in range(1, 13)}
    for today in every_day(2026, 2027):
        header = header_line(today)
        labels = labels_at(header)
        where = f"{language} {today}: {header!r}"
        # split on blanks: a label touching the next would come out as one unknown word
        assert [word for _, word in labels] == header.split(), where
        assert labels and all(word in names for _, word in labels), where
        assert width(header) <= LABEL_CELLS + WEEKS, where
        for (cell, word), (after, _) in zip(labels, labels[1:], strict=False):
            assert cell + width(word) < after, where  # at least one blank cell between
        monday = today - datetime.timedelta(days=today.weekday() + 7 * (WEEKS - 1))
        for cell, word in labels:
            month = names[word]
            assert cell >= LABEL_CELLS, where
            assert month_of(monday, cell) == month, where  # over its own month's weeks...
            assert month_of(monday, cell + width(word) - 1) == month, where
            if cell > LABEL_CELLS:
                assert month_of(monday, cell - 1) != month, where  # ...from the first of them
        assert len(labels) >= 9, where
