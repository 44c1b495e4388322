"""Tests of tui/core/care.py and tui/core/sports.py, and of the working_days setting.

Expected figures are worked out by hand from small, explicit records."""

from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest

from tui.core import care, sports
from tui.core.records import FieldError
from tui.core.settings import parse_scalar


def visit(date: str, occasion: str, amount: str | None, **fields: str) -> dict[str, object]:
    base = {"id": f"v-{date}-{occasion}", "date": date, "occasion": occasion, "amount": amount}
    return base | fields


def test_amounts_are_summed_as_decimals_by_occasion_and_year() -> None:
    visits = [
        visit("2025-03-01", "住院", "0.1"),
        visit("2026-05-02", "住院", "0.2"),
        visit("2026-06-01", "结婚", "500"),
        visit("2026-07-01", "生日", None),  # a cake voucher: no money
        visit("2025-12-31", "结婚", "200.50"),
    ]
    assert care.amounts_by_occasion(visits) == {
        "结婚": Decimal("700.50"),
        "住院": Decimal("0.3"),
    }
    assert list(care.amounts_by_year(visits).items()) == [
        ("2025", Decimal("200.60")),
        ("2026", Decimal("500.2")),
    ]
    assert care.amounts_by_occasion([]) == {}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("0.1") + Decimal("0.2"), "0.30"),
        (Decimal("0"), "0.00"),
        (Decimal("1234.5"), "1,234.50"),
        (Decimal("2.005"), "2.01"),
        (Decimal("1000000"), "1,000,000.00"),
    ],
)
def test_money_has_two_decimals_and_thousands_separators(value: Decimal, text: str) -> None:
    assert care.money(value) == text


PEOPLE = [
    {"id": "p1", "name": "王芳", "dept": "财务科", "birthday": "02-29"},
    {"id": "p2", "name": "李强", "dept": "办公室", "birthday": "01-03"},
    {"id": "p3", "name": "张伟", "dept": "办公室", "birthday": None},
    {"id": "p4", "name": "陈静", "dept": "工会", "birthday": "03-01"},
    {"id": "p5", "name": "王芳", "dept": "人事科", "birthday": "12-30"},
]


def test_leap_day_birthdays_fall_on_28_february_in_common_years() -> None:
    in_2027 = care.birthdays_within(PEOPLE, pendulum.date(2027, 2, 20), 10)
    assert [(day.to_date_string(), p["id"]) for day, p in in_2027] == [
        ("2027-02-28", "p1"),
        ("2027-03-01", "p4"),
    ]
    in_2028 = care.birthdays_within(PEOPLE, pendulum.date(2028, 2, 20), 10)
    assert [(day.to_date_string(), p["id"]) for day, p in in_2028] == [
        ("2028-02-29", "p1"),
        ("2028-03-01", "p4"),
    ]


def test_birthdays_cross_the_new_year_and_include_both_ends() -> None:
    found = care.birthdays_within(PEOPLE, pendulum.date(2026, 12, 28), 6)
    assert [(day.to_date_string(), p["id"]) for day, p in found] == [
        ("2026-12-30", "p5"),
        ("2027-01-03", "p2"),  # 6 days away: the last day of the window
    ]
    assert care.birthdays_within(PEOPLE, pendulum.date(2026, 12, 28), 5)[-1][1]["id"] == "p5"
    today = care.birthdays_within(PEOPLE, pendulum.date(2026, 12, 30), 0)
    assert [p["id"] for _, p in today] == ["p5"]


def test_birthdays_on_the_same_day_go_by_name() -> None:
    twins = [
        {"id": "b", "name": "赵敏", "birthday": "05-01"},
        {"id": "a", "name": "孙丽", "birthday": "05-01"},
    ]
    found = care.birthdays_within(twins, pendulum.date(2026, 4, 30), 1)
    assert [p["name"] for _, p in found] == ["孙丽", "赵敏"]  # by code point, as sorted


def test_person_history_of_someone_without_namesakes_takes_every_record_by_name() -> None:
    visits = [
        visit("2026-01-05", "生病", "300", person="李强", dept=""),
        visit("2026-04-01", "退休", None, person="李强", dept="别的科"),
        visit("2026-02-01", "生病", "300", person="张伟", dept="办公室"),
    ]
    talks = [{"id": "t1", "date": "2026-03-01", "person": "李强", "dept": "办公室"}]
    history = care.person_history(PEOPLE[1], PEOPLE, visits, talks, pendulum.date(2026, 12, 28))
    assert [v["date"] for v in history.visits] == ["2026-04-01", "2026-01-05"]
    assert [t["id"] for t in history.talks] == ["t1"]
    assert history.ambiguous is False
    assert history.next_birthday == pendulum.date(2027, 1, 3)


def test_person_history_tells_namesakes_apart_by_dept() -> None:
    visits = [
        visit("2026-01-05", "住院", "500", person="王芳", dept="财务科"),
        visit("2026-03-05", "生病", "200", person="王芳", dept="人事科"),
        visit("2026-06-05", "生日", None, person="王芳", dept="财务科"),
    ]
    talks = [
        {"id": "t1", "date": "2026-02-01", "person": "王芳", "dept": "人事科"},
        {"id": "t2", "date": "2026-02-02", "person": "王芳", "dept": "财务科"},
    ]
    today = pendulum.date(2026, 12, 1)
    finance = care.person_history(PEOPLE[0], PEOPLE, visits, talks, today)
    assert [v["date"] for v in finance.visits] == ["2026-06-05", "2026-01-05"]
    assert [t["id"] for t in finance.talks] == ["t2"]
    assert finance.ambiguous is False
    assert finance.next_birthday == pendulum.date(2027, 2, 28)
    personnel = care.person_history(PEOPLE[4], PEOPLE, visits, talks, today)
    assert [v["date"] for v in personnel.visits] == ["2026-03-05"]
    assert [t["id"] for t in personnel.talks] == ["t1"]
    assert personnel.next_birthday == pendulum.date(2026, 12, 30)


@pytest.mark.parametrize("dept", ["", "后勤科"])
def test_a_namesake_record_without_a_telling_dept_is_ambiguous(dept: str) -> None:
    visits = [
        visit("2026-01-05", "住院", "500", person="王芳", dept="财务科"),
        visit("2026-02-05", "生病", "100", person="王芳", dept=dept),
    ]
    for person in (PEOPLE[0], PEOPLE[4]):
        history = care.person_history(person, PEOPLE, visits, [], pendulum.date(2026, 12, 1))
        assert history.ambiguous is True
        assert "2026-02-05" not in [v["date"] for v in history.visits]


def event(date: str, sport: str, **fields: object) -> dict[str, object]:
    return {"id": f"e-{date}-{sport}", "date": date, "time": None, "sport": sport} | fields


EVENTS = [
    event("2026-03-01", "拔河", rank=2, result="2:1"),
    event("2026-05-01", "拔河", rank=1, result=""),
    event("2026-06-01", "拔河", rank=1, result="3:0"),
    event("2026-09-01", "拔河", rank=3, result="0:2"),
    event("2026-04-10", "团体跳绳", rank=None, result="142次"),
    event("2026-04-20", "团体跳绳", rank=None, result="150次"),
    event("2026-04-25", "团体跳绳", rank=None, result=""),
    event("2026-04-25", "健步走", rank=None, result=""),
    event("2025-12-31", "篮球", rank=1, result="冠军"),
    event("2027-01-01", "拔河", rank=1, result="x"),
]


def test_totals_by_sport_for_a_year() -> None:
    assert sports.totals_by_sport(EVENTS, 2026) == {
        "拔河": sports.SportTotals(events=4, best_rank=1, best_result="3:0"),
        "团体跳绳": sports.SportTotals(events=3, best_rank=None, best_result="150次"),
        "健步走": sports.SportTotals(events=1, best_rank=None, best_result=""),
    }
    assert list(sports.totals_by_sport(EVENTS, 2026)) == ["拔河", "团体跳绳", "健步走"]
    assert sports.totals_by_sport(EVENTS, 2024) == {}


def test_equal_ranks_prefer_a_result_then_the_latest() -> None:
    tied = [
        event("2026-03-01", "乒乓球", rank=1, result="11:9"),
        event("2026-08-01", "乒乓球", rank=1, result="11:5"),
        event("2026-10-01", "乒乓球", rank=1, result=""),
    ]
    assert sports.totals_by_sport(tied, 2026)["乒乓球"].best_result == "11:5"


def test_events_by_month_counts_twelve_months() -> None:
    assert sports.events_by_month(EVENTS, 2026) == [0, 0, 1, 4, 1, 1, 0, 0, 1, 0, 0, 0]
    assert sports.events_by_month([], 2026) == [0] * 12


def test_upcoming_events_include_both_ends_by_date_then_time() -> None:
    soon = [
        event("2026-11-27", "足球", time="15:00"),
        event("2026-11-27", "篮球", time="09:30"),
        event("2026-11-27", "健步走"),
        event("2026-12-11", "羽毛球", time="08:00"),
        event("2026-12-12", "乒乓球", time="08:00"),
        event("2026-11-26", "拔河", time="08:00"),
    ]
    found = sports.upcoming_events(soon, pendulum.date(2026, 11, 27), 14)
    assert [e["sport"] for e in found] == ["健步走", "篮球", "足球", "羽毛球"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("true", True), ("YES", True), ("是", True), ("on", True), ("false", False), ("否", False)],
)
def test_the_working_days_switch_takes_yes_and_no(text: str, value: bool) -> None:
    assert parse_scalar("working_days", text) is value


def test_the_working_days_switch_names_itself_on_bad_input() -> None:
    with pytest.raises(FieldError) as refused:
        parse_scalar("working_days", "maybe")
    assert refused.value.field == "working_days"
    assert "maybe" in str(refused.value)
