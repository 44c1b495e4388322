"""Validation of every record kind: each refused value raises a FieldError naming its field.

Covers types, ranges, dates, enumerations from settings, required text, birthdays, decimal
amounts, study items and caps, campaign months, one study a day and campaign links."""

from __future__ import annotations

from typing import Any

import pendulum
import pytest

from tui.core import records
from tui.core.i18n import set_language
from tui.core.records import KINDS, FieldError, kind_named
from tui.core.store import RecordError, Store, merge_settings

SETTINGS = merge_settings(None)
TODAY = pendulum.date(2026, 3, 18)


def example(kind: str, store: Store) -> dict[str, Any]:
    """Complete valid values for one record of `kind` (campaigns created as needed)."""
    if kind in {"essay", "talk"}:
        campaign = store.add("campaign", example("campaign", store) | {"kind": kind})
    values: dict[str, dict[str, Any]] = {
        "study": {
            "date": "2026-03-17",
            "points": 16,
            "total": 5021,
            "items": {"登录": 1, "每日答题": 5, "四人赛": 10},
        },
        "session": {
            "date": "2026-03-10",
            "kind": "党课",
            "topic": "学习二十大精神",
            "hours": "1.5",
            "role": "主讲",
        },
        "campaign": {
            "kind": "essay",
            "title": "“我与党旗”征文",
            "start": "2026-01",
            "end": "2026-06",
            "monthly_quota": 2,
            "organizer": "机关党委",
        },
        "event": {
            "date": "2026-03-08",
            "time": "09:30",
            "sport": "拔河",
            "sub_event": "男女混合",
            "location": "体育馆",
            "team": "第三支部",
            "role": "运动员",
            "result": "2:1",
            "rank": 1,
            "award": "冠军",
        },
        "visit": {
            "date": "2026-03-12",
            "occasion": "住院",
            "person": "王芳",
            "dept": "办公室",
            "my_role": "慰问人",
            "visitors": ["李强", "张伟"],
            "form": "慰问金",
            "amount": "500.00",
            "fund_source": "工会经费",
            "follow_up_due": "2026-03-26",
            "follow_up_done": True,
        },
        "person": {"name": "李强", "dept": "财务科", "birthday": "02-29", "phone": "138 0000 0000"},
    }
    if kind == "essay":
        return {
            "campaign_id": campaign["id"],
            "title": "初心",
            "date": "2026-03-01",
            "words": 2400,
            "status": "获奖",
            "award": "二等",
        }
    if kind == "talk":
        return {
            "campaign_id": campaign["id"],
            "date": "2026-03-02",
            "person": "张伟",
            "dept": "人事科",
            "place": "会议室",
            "talk_type": "关怀",
            "topic": "家庭困难",
            "concerns": "孩子上学\n老人住院",
            "follow_up": "联系工会",
            "follow_up_due": "2026-03-20",
            "follow_up_done": False,
        }
    return values[kind]


def refused(store: Store, kind: str, values: dict[str, Any]) -> list[str]:
    """The fields named when adding `values` is refused (fails the test if it is accepted)."""
    with pytest.raises(RecordError) as caught:
        store.add(kind, values)
    for problem in caught.value.problems:
        assert isinstance(problem, FieldError) and problem.reason
    return [problem.field for problem in caught.value.problems]


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_complete_record_of_every_kind_is_kept_as_given(store: Store, kind: str) -> None:
    values = example(kind, store)
    record = store.add(kind, values | {"note": "备注\tnote"})
    assert {key: record[key] for key in values} == values
    assert record["note"] == "备注\tnote"
    assert list(record) == list(KINDS[kind].field_names)
    assert Store(store.path, today=TODAY).get(kind, record["id"]) == record


@pytest.mark.parametrize("kind", list(KINDS))
def test_optional_fields_may_be_left_out(store: Store, kind: str) -> None:
    full = example(kind, store)
    required = {f.name for f in KINDS[kind].fields if f.required}
    record = store.add(kind, {k: v for k, v in full.items() if k in required})
    for field in KINDS[kind].fields:
        if not field.required:
            assert record[field.name] == field.empty(store.settings)


# kind, field, refused value: exactly that field is named
BAD_VALUES: list[tuple[str, str, Any]] = [
    ("study", "date", "2026-13-45"),
    ("study", "date", "2026-02-30"),
    ("study", "date", "2026-3-5"),
    ("study", "date", "2026-03-05\n"),
    ("study", "date", "２０２６-０３-０５"),
    ("study", "date", 20260305),
    ("study", "date", None),
    ("study", "points", -5),
    ("study", "points", "16"),
    ("study", "points", 16.0),
    ("study", "points", True),
    ("study", "points", 2**53),
    ("study", "points", 10**30),
    ("study", "total", -1),
    ("study", "total", "5021"),
    ("study", "items", {"不存在": 1}),
    ("study", "items", {"登录": 2}),
    ("study", "items", {"登录": -1}),
    ("study", "items", {"登录": True}),
    ("study", "items", [["登录", 1]]),
    ("study", "note", 5),
    ("study", "note", "bad \ud800 surrogate"),
    ("session", "kind", "读书会"),
    ("session", "kind", ""),
    ("session", "hours", "1.5.2"),
    ("session", "hours", "-1"),
    ("session", "hours", "1e3"),
    ("session", "hours", 1.5),
    ("session", "hours", "１.５"),
    ("session", "hours", "1.5\n"),
    ("session", "role", "主持"),
    ("session", "topic", 7),
    ("campaign", "kind", "poem"),
    ("campaign", "title", ""),
    ("campaign", "title", "   "),
    ("campaign", "start", "2026-13"),
    ("campaign", "start", "2026-1"),
    ("campaign", "end", "2026-06-30"),
    ("campaign", "monthly_quota", 0),
    ("campaign", "monthly_quota", -2),
    ("campaign", "monthly_quota", None),
    ("campaign", "end", "2025-12"),  # before start
    ("essay", "campaign_id", "abc"),
    ("essay", "campaign_id", None),
    ("essay", "campaign_id", "0b3c6f7e-8f1a-4c2d-9e3f-1a2b3c4d5e6f"),  # no such campaign
    ("essay", "title", ""),
    ("essay", "words", -1),
    ("essay", "status", "已发表"),
    ("essay", "award", "特等"),
    ("talk", "person", ""),
    ("talk", "person", None),
    ("talk", "talk_type", "闲聊"),
    ("talk", "follow_up_due", "tomorrow"),
    ("talk", "follow_up_done", "yes"),
    ("talk", "follow_up_done", 1),
    ("visit", "follow_up_done", "yes"),
    ("talk", "campaign_id", "0b3c6f7e-8f1a-4c2d-9e3f-1a2b3c4d5e6f\n"),
    ("event", "time", "24:00"),
    ("event", "time", "9:30"),
    ("event", "time", "09:３０"),
    ("event", "sport", "冰壶"),
    ("event", "rank", 0),
    ("event", "role", "队长"),
    ("visit", "occasion", "搬家"),
    ("visit", "amount", "500."),
    ("visit", "amount", "-5"),
    ("visit", "amount", "1,000"),
    ("visit", "amount", 500),
    ("visit", "amount", "５００"),
    ("visit", "visitors", "李强"),
    ("visit", "visitors", ["李强", " "]),
    ("visit", "visitors", ["李强", 3]),
    ("visit", "form", "现金"),
    ("visit", "follow_up_due", "2026-02-30"),
    ("visit", "my_role", "旁观"),
    ("person", "name", ""),
    ("person", "birthday", "02-30"),
    ("person", "birthday", "13-01"),
    ("person", "birthday", "2-29"),
    ("person", "birthday", "1990-02-01"),
    ("person", "phone", 13800000000),
]


@pytest.mark.parametrize(("kind", "field", "value"), BAD_VALUES)
def test_a_refused_value_names_its_field(store: Store, kind: str, field: str, value: Any) -> None:
    values = example(kind, store)
    if field == "points":
        values["items"] = {}  # else the items' sum rule would refuse a wrong total by itself
    values[field] = value
    before = store.path.read_bytes() if store.path.exists() else None
    assert refused(store, kind, values) == [field]
    assert (store.path.read_bytes() if store.path.exists() else None) == before


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_required_field_is_named_when_missing(store: Store, kind: str) -> None:
    definition = KINDS[kind]
    required = [f.name for f in definition.fields if f.required]
    values = {k: v for k, v in example(kind, store).items() if k in required}
    for name in required:
        if definition.field(name).type != "date":  # a required date left out is today
            left_out = {k: v for k, v in values.items() if k != name}
            assert refused(store, kind, left_out) == [name]
            assert refused(store, kind, left_out | {name: None}) == [name]


def test_an_unknown_key_is_refused_not_dropped(store: Store) -> None:
    assert refused(store, "study", {"points": 5, "pionts": 6}) == ["pionts"]
    record = store.add("study", {"points": 5})
    with pytest.raises(RecordError) as caught:
        store.update("study", record["id"], {"pionts": 6})
    assert [p.field for p in caught.value.problems] == ["pionts"]
    assert store.get("study", record["id"]) == record


def test_common_fields_are_checked() -> None:
    study = KINDS["study"]
    good = {
        "id": records.new_id(),
        "date": "2026-03-18",
        "points": 3,
        "total": None,
        "items": {},
        "note": "",
        "created_at": "2026-03-18T09:00:00+08:00",
        "updated_at": "2026-03-18T09:00:00Z",
    }
    assert study.validate(good, SETTINGS) == []
    cases = {
        "id": "not-a-uuid",
        "created_at": "2026-03-18T09:00:00",  # no offset: naive times are never stored
        "updated_at": "2026-03-18 09:00:00+08:00",
        "note": None,
    }
    for key, value in cases.items():
        assert [p.field for p in study.validate(good | {key: value}, SETTINGS)] == [key]
    assert [p.field for p in study.validate(good | {"extra": 1}, SETTINGS)] == ["extra"]
    missing = {k: v for k, v in good.items() if k != "created_at"}
    assert [p.field for p in study.validate(missing, SETTINGS)] == ["created_at"]


def test_items_must_sum_to_points_and_stay_within_caps(store: Store) -> None:
    assert refused(store, "study", {"points": 20, "items": {"每日答题": 5, "四人赛": 10}}) == [
        "points"
    ]
    set_language("en")
    with pytest.raises(RecordError, match="capped at 5"):
        store.add("study", {"points": 6, "items": {"每日答题": 6}})
    record = store.add("study", {"items": {"每日答题": 5, "四人赛": 10}})
    assert record["points"] == 15  # points left out: the sum of the items
    assert store.add("study", {"date": "2026-03-01", "points": 40, "items": {}})["points"] == 40


def test_caps_and_categories_come_from_the_settings(store: Store) -> None:
    assert refused(store, "event", example("event", store) | {"sport": "冰壶"}) == ["sport"]
    assert refused(store, "study", {"points": 3, "items": {"登录": 3}}) == ["items"]
    categories = store.settings["categories"] | {"sports": ["冰壶", "拔河"]}
    store.save_settings({"categories": categories, "study_items": {"登录": 3, "午间学习": 8}})
    assert store.add("event", example("event", store) | {"sport": "冰壶"})["sport"] == "冰壶"
    assert store.add("study", {"points": 11, "items": {"登录": 3, "午间学习": 8}})["points"] == 11
    assert refused(
        store, "study", {"date": "2026-03-01", "points": 5, "items": {"每日答题": 5}}
    ) == ["items"]
    assert refused(store, "event", example("event", store) | {"sport": "足球"}) == ["sport"]


def test_one_study_record_per_date(store: Store) -> None:
    first = store.add("study", {"date": "2026-03-10", "points": 30})
    with pytest.raises(RecordError) as caught:
        store.add("study", {"date": "2026-03-10", "points": 12})
    assert [p.field for p in caught.value.problems] == ["date"]
    assert first["id"] in caught.value.problems[0].reason
    second = store.add("study", {"date": "2026-03-11", "points": 12})
    with pytest.raises(RecordError):
        store.update("study", second["id"], {"date": "2026-03-10"})
    assert store.update("study", first["id"], {"points": 31})["date"] == "2026-03-10"
    assert len(store.records("study")) == 2


def test_campaign_start_may_equal_end(store: Store) -> None:
    values = example("campaign", store) | {"start": "2026-05", "end": "2026-05"}
    assert store.add("campaign", values)["end"] == "2026-05"


@pytest.mark.parametrize(("kind", "other"), [("essay", "talk"), ("talk", "essay")])
def test_essay_and_talk_must_point_to_their_own_kind_of_campaign(
    store: Store, kind: str, other: str
) -> None:
    wrong = store.add("campaign", example("campaign", store) | {"kind": other})
    values = example(kind, store) | {"campaign_id": wrong["id"]}
    set_language("en")
    with pytest.raises(RecordError, match=f"not a campaign for {kind}$"):
        store.add(kind, values)
    assert refused(store, kind, values) == ["campaign_id"]


def test_a_talk_may_belong_to_no_campaign(store: Store) -> None:
    assert store.add("talk", example("talk", store) | {"campaign_id": None})["campaign_id"] is None


def test_a_campaign_in_use_cannot_be_deleted(store: Store) -> None:
    essay = store.add("essay", example("essay", store))
    with pytest.raises(RecordError):
        store.delete("campaign", essay["campaign_id"])
    store.delete("essay", essay["id"])
    store.delete("campaign", essay["campaign_id"])
    assert store.records("campaign") == []


def test_reasons_are_in_chinese_with_zh(store: Store) -> None:
    set_language("zh")
    with pytest.raises(RecordError) as caught:
        store.add("study", {"points": -5})
    assert caught.value.problems[0].reason == "应为不小于 0 的整数"


# parsing what a user typed -------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "field", "text", "value"),
    [
        ("study", "points", " 38 ", 38),
        ("study", "points", "", None),
        ("study", "date", "昨天", "2026-03-17"),
        (
            "study",
            "items",
            "每日答题=5, 挑战答题：10；登录:1",
            {"每日答题": 5, "挑战答题": 10, "登录": 1},
        ),
        ("campaign", "start", "2026-3", "2026-03"),
        ("campaign", "kind", "essay", "essay"),
        ("campaign", "kind", "talk", "talk"),
        ("visit", "visitors", "李强,张伟、王芳", ["李强", "张伟", "王芳"]),
        ("visit", "amount", " 500 ", "500"),
        ("visit", "occasion", "", ""),
        ("session", "role", "", "参加"),
        ("talk", "follow_up_done", "是", True),
        ("talk", "follow_up_done", "no", False),
        ("event", "time", "9:30", "09:30"),
        ("person", "birthday", "2-29", "02-29"),
    ],
)
def test_field_parse(kind: str, field: str, text: str, value: Any) -> None:
    assert kind_named(kind).field(field).parse(text, SETTINGS, TODAY) == value


@pytest.mark.parametrize(
    ("kind", "field", "text"),
    [
        ("study", "points", "abc"),
        ("study", "points", "3.5"),
        ("study", "date", "2026-13-45"),
        ("study", "items", "每日答题"),
        ("campaign", "end", "2026-13"),
        ("talk", "follow_up_done", "maybe"),
        ("event", "time", "25:00"),
        ("person", "birthday", "02-30"),
    ],
)
def test_field_parse_refuses_naming_the_field(kind: str, field: str, text: str) -> None:
    with pytest.raises(FieldError) as caught:
        kind_named(kind).field(field).parse(text, SETTINGS, TODAY)
    assert caught.value.field == field
    assert text in caught.value.reason


def test_field_show_is_the_inverse_of_parse() -> None:
    kind = kind_named("campaign").field("kind")
    set_language("zh")
    assert [kind.parse(kind.show(c), SETTINGS, TODAY) for c in ("essay", "talk")] == [
        "essay",
        "talk",
    ]
    done = kind_named("talk").field("follow_up_done")
    assert [done.parse(done.show(v), SETTINGS, TODAY) for v in (True, False)] == [True, False]
    visitors = kind_named("visit").field("visitors")
    assert visitors.parse(visitors.show(["李强", "张伟"]), SETTINGS, TODAY) == ["李强", "张伟"]
    items = kind_named("study").field("items")
    assert items.parse(items.show({"登录": 1, "四人赛": 10}), SETTINGS, TODAY) == {
        "登录": 1,
        "四人赛": 10,
    }


def test_unknown_kind_names_the_kind() -> None:
    with pytest.raises(FieldError) as caught:
        kind_named("foo")
    assert caught.value.field == "kind"
    assert "study" in caught.value.reason


def test_money_in_a_table_is_grouped_to_the_cent_and_the_form_keeps_what_is_stored() -> None:
    amount = KINDS["visit"].field("amount")
    assert [amount.cell(v) for v in ("2000", "0.5", "1234567.89", None)] == [
        "2,000.00",
        "0.50",
        "1,234,567.89",
        "",
    ]
    assert amount.show("2000") == "2000"  # what the form's input holds, and parses back
    hours = KINDS["session"].field("hours")
    assert hours.cell("1.25") == hours.show("1.25") == "1.25"  # not money: as stored
