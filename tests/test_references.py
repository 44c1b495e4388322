"""References people type (tui/core/references.py): id prefixes of 4+ characters, campaign
titles, and refusals that say why: too short, unknown, or ambiguous with the candidates listed."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.i18n import set_language
from tui.core.records import FieldError
from tui.core.references import MAX_CANDIDATES, AmbiguousReference, Found, resolve

TALK_A = "abcd1111-0000-4000-8000-000000000001"
TALK_B = "abcd2222-0000-4000-8000-000000000002"
VISIT = "abcd3333-0000-4000-8000-000000000003"
CAMPAIGN = "c0ffee01-0000-4000-8000-000000000001"
OTHER_CAMPAIGN = "c0ffee02-0000-4000-8000-000000000002"

TABLES: dict[str, dict[str, dict[str, Any]]] = {
    "talk": {
        "1": {"id": TALK_A, "date": "2026-03-01", "person": "王芳", "dept": "办公室"},
        "2": {"id": TALK_B, "date": "2026-03-02", "person": "李强", "dept": ""},
    },
    "visit": {"1": {"id": VISIT, "date": "2026-03-03", "occasion": "住院", "person": "赵磊"}},
    "campaign": {
        "1": {"id": CAMPAIGN, "kind": "talk", "title": "谈心2026", "start": "2026-01"},
        "2": {"id": OTHER_CAMPAIGN, "kind": "essay", "title": "征文2026", "start": "2026-01"},
    },
}


def refusal(text: str, **options: Any) -> FieldError:
    with pytest.raises(FieldError) as raised:
        resolve(TABLES, text, **options)
    return raised.value


def test_a_unique_prefix_of_four_or_more_characters_names_its_record() -> None:
    for text in ("abcd1", "ABCD1111", " abcd1111-0000 ", TALK_A):
        found = resolve(TABLES, text)
        assert (found.kind.name, found.record["id"]) == ("talk", TALK_A)
    assert resolve(TABLES, "c0ffee02").kind.name == "campaign"


def test_a_prefix_shorter_than_four_is_refused_saying_the_minimum() -> None:
    problem = refusal("abc")
    assert problem.field == "ID"
    assert "at least 4 characters" in problem.reason and "'abc'" in problem.reason
    set_language("zh")
    assert "至少要写 4 位" in refusal("a").reason


def test_an_unknown_id_is_refused_naming_what_was_looked_for() -> None:
    assert refusal("ffff").reason == "no record has an id beginning with 'ffff'"
    problem = refusal("abcd3", kinds=("talk",), field="campaign_id")
    assert problem.field == "campaign_id"
    assert problem.reason == "no talk has an id beginning with 'abcd3'"
    set_language("zh")
    assert (
        refusal("ffff", kinds=("talk", "visit")).reason
        == "没有编号以 “ffff” 开头的谈心谈话或关爱慰问"
    )


def test_an_ambiguous_prefix_lists_every_candidate_with_what_tells_them_apart() -> None:
    problem = refusal("abcd")
    assert isinstance(problem, AmbiguousReference)
    assert problem.reason == "'abcd' fits 3 records; give more of the id:"
    assert problem.candidates == [
        "talk abcd1111 2026-03-01 王芳 办公室",
        "talk abcd2222 2026-03-02 李强",
        "visit abcd3333 2026-03-03 住院 赵磊",
    ]
    set_language("zh")
    assert refusal("abcd").candidates[0] == "谈心谈话 abcd1111 2026-03-01 王芳 办公室"


def test_limiting_the_kinds_settles_what_all_kinds_leave_open() -> None:
    assert resolve(TABLES, "abcd3", kinds=("talk", "visit")).kind.name == "visit"
    assert resolve(TABLES, "abcd", kinds=("visit",)).record["id"] == VISIT
    assert len(refusal("abcd", kinds=("talk", "visit")).candidates) == 3


def test_a_campaign_is_also_named_by_its_exact_title() -> None:
    found = resolve(TABLES, "谈心2026", kinds=("campaign",), by_title=True)
    assert found == Found(found.kind, TABLES["campaign"]["1"])
    problem = refusal("谈心", kinds=("campaign",), by_title=True)  # a title is matched whole
    assert "the campaign's exact title" in problem.reason
    assert "'谈心2026'" in refusal("谈心2026", kinds=("campaign",)).reason  # titles only when asked
    problem = refusal("c0ff", kinds=("campaign",), by_title=True)
    assert [line.split()[1] for line in problem.candidates] == ["c0ffee01", "c0ffee02"]


def test_two_campaigns_of_one_title_are_ambiguous() -> None:
    twin = {"id": "0123abcd-0000-4000-8000-000000000009", "kind": "talk", "title": "谈心2026"}
    tables = TABLES | {"campaign": TABLES["campaign"] | {"3": twin}}
    with pytest.raises(AmbiguousReference) as raised:
        resolve(tables, "谈心2026", kinds=("campaign",), by_title=True)
    assert [line.split()[1] for line in raised.value.candidates] == ["c0ffee01", "0123abcd"]


def test_a_long_list_of_candidates_is_cut_and_says_how_many_more() -> None:
    many = {
        str(n): {"id": f"abcd{n:04x}-0000-4000-8000-000000000000", "person": f"P{n}"}
        for n in range(MAX_CANDIDATES + 5)
    }
    with pytest.raises(AmbiguousReference) as raised:
        resolve({"talk": many}, "abcd")
    assert len(raised.value.candidates) == MAX_CANDIDATES + 1
    assert raised.value.candidates[-1] == "… and 5 more"


hex_ids = st.lists(
    st.from_regex(r"[0-9a-f]{8}", fullmatch=True).map(
        lambda head: f"{head}-0000-4000-8000-000000000000"
    ),
    min_size=1,
    max_size=6,
    unique=True,
)


@settings(max_examples=60, deadline=None)
@given(ids=hex_ids, pick=st.integers(0, 5), length=st.integers(4, 36))
def test_a_prefix_names_one_record_exactly_when_no_other_id_begins_with_it(
    ids: list[str], pick: int, length: int
) -> None:
    wanted = ids[pick % len(ids)]
    prefix = wanted[:length]
    tables = {"person": {str(n): {"id": i, "name": "x"} for n, i in enumerate(ids)}}
    sharing = [i for i in ids if i.startswith(prefix)]
    if len(sharing) == 1:
        assert resolve(tables, prefix).record["id"] == wanted
    else:
        with pytest.raises(AmbiguousReference) as raised:
            resolve(tables, prefix)
        assert [line.split()[1] for line in raised.value.candidates] == [i[:8] for i in sharing]
