"""The column-by-column import checks on the values their shortcuts decide in bulk: dates (shape,
month and day, 29 February, year 0) and values of different types that a set would take as one.

Each verdict must be the one Kind.validate gives the record on its own."""

from __future__ import annotations

from typing import Any

import pytest
from strategies import SETTINGS

from tui.core import import_checks
from tui.core.records import KINDS

GOOD_DATES = ["2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "2026-04-30"]


def study(day: Any, points: Any = 5) -> dict[str, Any]:
    stamp = "2026-11-30T08:00:00+08:00"
    return KINDS["study"].canonical(
        {
            "id": f"0000000{len(str(day)) % 10}-0000-4000-8000-{abs(hash(repr(day))) % 10**12:012d}",
            "date": day,
            "points": points,
            "total": None,
            "items": {},
            "note": "",
            "created_at": stamp,
            "updated_at": stamp,
        }
    )


@pytest.mark.parametrize(
    "day",
    [
        *GOOD_DATES,
        "2023-02-29",
        "1900-02-29",
        "0000-01-01",
        "2026-13-01",
        "2026-00-10",
        "2026-04-31",
        "2026-1-01",
        "2026-01-01\n",
        "2026-01-01x",
        "٢٠٢٦-01-01",
        "",
        None,
        20260101,
    ],
)
def test_a_date_column_is_judged_as_kind_validate_judges_each_date(day: Any) -> None:
    rows = [study(good) for good in GOOD_DATES if good != day] + [study(day)]
    valid, problems = import_checks.check_records({"study": rows}, SETTINGS)
    expected = KINDS["study"].validate(rows[-1], SETTINGS)
    assert [p.reason for p in problems] == [e.reason for e in expected]
    assert len(valid["study"]) == len(rows) - bool(expected)


def test_a_newline_between_two_good_dates_is_not_two_dates() -> None:
    rows = [study("2026-01-01"), study("2026-01-02\n2026-01-03")]
    _, problems = import_checks.check_records({"study": rows}, SETTINGS)
    assert [p.path for p in problems] == ["records.study[1].date"]


@pytest.mark.parametrize("odd", [True, 1.0, False])
def test_a_value_equal_to_one_already_seen_but_of_another_type_is_checked(odd: Any) -> None:
    """1 == True == 1.0 in a set: each type is remembered apart, so True is not taken for 1."""
    rows = [study("2026-01-01", 1), study("2026-01-02", 0), study("2026-01-03", odd)]
    _, problems = import_checks.check_records({"study": rows}, SETTINGS)
    assert [p.path for p in problems] == ["records.study[2].points"]


def test_what_a_column_has_seen_is_kept_per_rule_and_type() -> None:
    """Dates seen in one kind count for the next; a bad one later is still found."""
    checker = import_checks._Columns(SETTINGS)
    assert checker.all_valid(KINDS["study"], [study(day) for day in GOOD_DATES])
    assert not checker.all_valid(KINDS["study"], [study("2023-02-29")])
    assert checker.all_valid(KINDS["study"], [study("2024-02-29")])
