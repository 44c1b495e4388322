"""The column-by-column import checks on the values their shortcuts decide in bulk: dates (shape,
month and day, 29 February, year 0), record ids, and values a set would take as one.

Each verdict must be the one Kind.validate gives the record on its own."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import SETTINGS

from tui.core import import_checks
from tui.core.records import KINDS, MAX_INT, UUID

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


GOOD_ID = "3c002a92-1f0e-4b7a-9c3d-0123456789ab"


@pytest.mark.parametrize(
    "record_id",
    [
        GOOD_ID,
        "ffffffff-ffff-4fff-bfff-ffffffffffff",
        "3C002A92-1F0E-4B7A-9C3D-0123456789AB",
        "3c002a92-1f0e-5b7a-9c3d-0123456789ab",
        "3c002a92-1f0e-4b7a-cc3d-0123456789ab",
        "3c002a92-1f0e-4b7a-9c3d-0123456789a",
        "3c002a92-1f0e-4b7a-9c3d-0123456789abc",
        "3c002a92-1f0e-4b7a-9c3d-0123456789ab\n",
        "3c002a92+1f0e-4b7a-9c3d-0123456789ab",
        "3c002a92-1f0e-4b7a-9c3d-０123456789ab",
        "g0000000-0000-4000-8000-000000000000",
        "",
        None,
        7,
        ["3c002a92-1f0e-4b7a-9c3d-0123456789ab"],
    ],
)
def test_an_id_column_is_judged_as_kind_validate_judges_each_id(record_id: Any) -> None:
    rows = [study(good) for good in GOOD_DATES] + [study("2026-01-01") | {"id": record_id}]
    valid, problems = import_checks.check_records({"study": rows}, SETTINGS)
    expected = KINDS["study"].validate(rows[-1], SETTINGS)
    assert [p.reason for p in problems] == [e.reason for e in expected]
    assert len(valid["study"]) == len(rows) - bool(expected)


@given(st.text(alphabet="0123456789abcdefAB-4\n", min_size=30, max_size=40))
def test_the_id_shapes_say_what_matching_each_id_says(text: str) -> None:
    for values in ([text], [GOOD_ID, text], [text, GOOD_ID], [GOOD_ID, text, GOOD_ID]):
        assert import_checks._ids(values) == all(UUID.match(value) for value in values)


def test_two_good_ids_joined_by_a_newline_are_not_two_ids() -> None:
    assert not import_checks._ids([GOOD_ID, f"{GOOD_ID}\n{GOOD_ID}"])
    assert not import_checks._ids([f"{GOOD_ID}\n{GOOD_ID}"[:36] + "\n"])


class Points(int):
    """An int subclass, as a value in a map."""


@pytest.mark.parametrize(
    "items",
    [
        {"登录": 1, "订阅": 2},
        {"订阅": 2, "登录": 1},
        {"登录": True},
        {"登录": 1.0},
        {"登录": 2},
        {"登录": -1},
        {"登录": 2**70},
        {"登录": Points(1)},
        {"登录": Points(9)},
        {"没有": 1},
        {"登录": "1"},
        [],
    ],
)
def test_a_map_column_is_judged_as_kind_validate_judges_each_map(items: Any) -> None:
    """A map like one already seen (True or 1.0 for 1, keys in another order) is judged alike."""
    seen = [{"登录": 1}, {"登录": 1, "订阅": 2}, {}, items]
    rows = [study(f"2026-01-0{n}", _points(m)) | {"items": m} for n, m in enumerate(seen, 1)]
    valid, problems = import_checks.check_records({"study": rows}, SETTINGS)
    expected = KINDS["study"].validate(rows[-1], SETTINGS)
    assert [p.reason for p in problems] == [e.reason for e in expected]
    assert len(valid["study"]) == len(rows) - bool(expected)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("total", 0),
        ("total", MAX_INT),
        ("total", MAX_INT + 1),
        ("total", -1),
        ("total", True),
        ("total", Points(3)),
        ("total", 2.0),
        ("points", -1),
        ("note", "中文 note"),
        ("note", ""),
        ("note", "\ud800"),
        ("note", 7),
    ],
)
def test_an_int_or_text_column_is_judged_as_kind_validate_judges_each_value(
    field: str, value: Any
) -> None:
    rows = [study(day, points=n) | {"total": 10 * n} for n, day in enumerate(GOOD_DATES)]
    rows.append(study("2026-01-01", points=value if field == "points" else 5) | {field: value})
    valid, problems = import_checks.check_records({"study": rows}, SETTINGS)
    expected = KINDS["study"].validate(rows[-1], SETTINGS)
    assert [p.reason for p in problems] == [e.reason for e in expected]
    assert len(valid["study"]) == len(rows) - bool(expected)


@pytest.mark.parametrize("person", ["王芳", " ", "", "\ud800", None, 3])
def test_a_required_text_column_is_judged_as_kind_validate_judges_each_value(person: Any) -> None:
    kind = KINDS["visit"]
    rows = [
        kind.canonical(
            {
                "id": GOOD_ID,
                **{f.name: f.empty(SETTINGS) for f in kind.fields},
                "date": "2026-01-01",
                "person": name,
                "occasion": "生日",
                "note": "",
                "created_at": "2026-11-30T08:00:00+08:00",
                "updated_at": "2026-11-30T08:00:00+08:00",
            }
        )
        for name in ("李强", "王芳 ", person)
    ]
    valid, problems = import_checks.check_records({"visit": rows}, SETTINGS)
    expected = kind.validate(rows[-1], SETTINGS)
    assert [p.reason for p in problems] == [e.reason for e in expected]
    assert bool(expected) == (person not in ("王芳",))


def _points(items: Any) -> int:
    """What the points of a study with these items must be (0 when they are not whole numbers)."""
    values = list(items.values()) if isinstance(items, dict) else []
    return sum(values) if all(type(v) is int for v in values) else 0


@pytest.mark.parametrize("odd", [["王芳", ""], ["王芳", None], ["王芳", 1], [["王芳"]], ["\ud800"]])
def test_a_list_column_is_judged_as_kind_validate_judges_each_list(odd: list[Any]) -> None:
    checker = import_checks._Columns(SETTINGS)
    kind = KINDS["visit"]
    rows = [
        kind.canonical(
            {
                "id": GOOD_ID,
                **{f.name: f.empty(SETTINGS) for f in kind.fields},
                "date": "2026-01-01",
                "person": "王芳",
                "occasion": "生日",
                "note": "",
                "created_at": "2026-11-30T08:00:00+08:00",
                "updated_at": "2026-11-30T08:00:00+08:00",
            }
        )
        | {"visitors": names}
        for names in (["王芳", "李强"], ["王芳"], odd)
    ]
    assert not kind.validate(rows[0], SETTINGS) and not kind.validate(rows[1], SETTINGS)
    assert checker.all_valid(kind, rows[:2])
    assert checker.all_valid(kind, rows) == (not kind.validate(rows[2], SETTINGS))
    assert checker.all_valid(kind, rows[:2])  # what was seen is still known


DATE_LIKE = st.one_of(
    st.from_regex(
        r"(0000|1900|2000|2024|2026)-(0[0-9]|1[0-3])-(0[0-9]|[123][0-9])", fullmatch=True
    ),
    st.sampled_from(["2026-02-29", "0000-02-29", "2024-02-29", "2026-01-01\n", "2026-1-01"]),
)


@given(st.lists(DATE_LIKE, min_size=1, max_size=6))
def test_the_date_shapes_say_what_checking_each_date_says(values: list[str]) -> None:
    """Months and days by slices, and only year 0 or 29 February checked one by one."""
    check = KINDS["study"].field("date").check
    assert import_checks._dates(values) == all(
        import_checks._passes(check, value, SETTINGS) for value in values
    )
