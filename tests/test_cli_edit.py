"""`cadre edit`, `delete`, `done` and `show` in real processes, on records named by id prefixes.

A good change is read back with `list --json`; refused input exits 1, names the field or the
option, and leaves the data file's bytes as they were."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cli_support import CADRE, TODAY, RunCadre, cadre_env

from tui.core.store import Store

CAMPAIGN = "c0ffee01-0000-4000-8000-000000000001"  # talk campaign 谈心2026
ESSAYS = "c0ffee02-0000-4000-8000-000000000002"  # essay campaign 征文2026
TALK = "abcd1111-0000-4000-8000-000000000001"  # 王芳, a follow-up open
OTHER_TALK = "abcd2222-0000-4000-8000-000000000002"  # 李强
VISIT = "abcd3333-0000-4000-8000-000000000003"  # 赵磊, a follow-up open
STUDY = "5d0d0000-0000-4000-8000-000000000001"
AMBIGUOUS = "abcd"  # begins both talks and the visit
SEEDED_AT = "2026-03-01T09:00:00+08:00"  # before any change a test makes

SEED: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "campaign": [
        (CAMPAIGN, {"kind": "talk", "title": "谈心2026", "start": "2026-01", "end": "2026-12"}),
        (ESSAYS, {"kind": "essay", "title": "征文2026", "start": "2026-01", "end": "2026-06"}),
    ],
    "talk": [
        (
            TALK,
            {
                "campaign_id": CAMPAIGN,
                "date": "2026-03-10",
                "person": "王芳",
                "dept": "办公室",
                "concerns": "孩子上学\n老人住院\x1b[2J",
                "follow_up": "问问进展",
                "follow_up_due": "2026-03-20",
            },
        ),
        (OTHER_TALK, {"date": "2026-03-11", "person": "李强"}),
    ],
    "visit": [
        (
            VISIT,
            {"date": "2026-03-12", "occasion": "住院", "person": "赵磊", "amount": "500"},
        ),
    ],
    "study": [(STUDY, {"date": "2026-03-17", "points": 38})],
}


@pytest.fixture
def seeded(db: Path) -> Path:
    """The data file with the records of SEED, under ids chosen so that prefixes collide."""
    store = Store(db, today=TODAY)
    with store.transaction() as data:
        for kind, rows in SEED.items():
            table = {}
            for n, (record_id, values) in enumerate(rows, 1):
                quota = {"monthly_quota": 2} if kind == "campaign" else {}
                record = store.prepare(kind, values | quota) | {"id": record_id}
                record |= {"created_at": SEEDED_AT, "updated_at": SEEDED_AT}
                assert store.check(kind, record, data) == []
                table[str(n)] = record
                data[kind] = table
    return db


def listed(run_cadre: RunCadre, kind: str) -> dict[str, dict[str, Any]]:
    """The records of `kind` as `cadre list KIND --json` gives them, by id."""
    done = run_cadre("list", kind, "--json")
    assert done.returncode == 0, done.stderr
    return {record["id"]: record for record in json.loads(done.stdout)}


def refused(done: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 1 with a plain message holding `words`, and no traceback."""
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


# edit ---------------------------------------------------------------------------------------


def test_edit_changes_the_given_fields_and_clears_others(run_cadre: RunCadre, seeded: Path) -> None:
    before = listed(run_cadre, "talk")[TALK]
    done = run_cadre(
        "edit", "abcd1", "--talk-type", "勉励", "--date", "-1", "--clear", "dept",
        "--clear", "follow-up-due", "--note", "谈得很好",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == "edited: talk abcd1111 2026-03-17 王芳\n"
    after = listed(run_cadre, "talk")[TALK]
    changed = {key for key in after if after[key] != before[key]}
    assert changed == {"talk_type", "date", "dept", "follow_up_due", "note", "updated_at"}
    assert (after["talk_type"], after["date"], after["dept"]) == ("勉励", "2026-03-17", "")
    assert (after["follow_up_due"], after["note"]) == (None, "谈得很好")
    assert after["created_at"] == before["created_at"]


def test_edit_takes_the_options_of_the_records_kind(run_cadre: RunCadre, seeded: Path) -> None:
    done = run_cadre("edit", "5d0d", "--item", "每日答题=5", "--item", "挑战答题=10")
    assert done.returncode == 0, done.stderr
    study = listed(run_cadre, "study")[STUDY]
    assert (study["items"], study["points"]) == ({"每日答题": 5, "挑战答题": 10}, 15)
    assert listed(run_cadre, "visit")[VISIT]["visitors"] == []
    options_first = run_cadre("edit", "--visitor", "李强", "--visitor", "张伟", "abcd3")
    assert options_first.returncode == 0, options_first.stderr
    assert listed(run_cadre, "visit")[VISIT]["visitors"] == ["李强", "张伟"]
    wrong_kind = run_cadre("edit", "abcd3", "--talk-type", "勉励")  # a visit has no talk type
    assert wrong_kind.returncode == 2
    assert "No such option '--talk-type'" in wrong_kind.stderr


def test_bad_edits_are_refused_naming_the_field_and_change_nothing(
    run_many: Any, seeded: Path
) -> None:
    before = seeded.read_bytes()
    cases = {
        ("edit", "abcd1", "--talk-type", "闲聊"): "--talk-type (talk type): '闲聊' is not one of",
        ("edit", "abcd1", "--date", "2026-02-30"): "--date (date): not a date (2026-02-30)",
        ("edit", "abcd1", "--clear", "person"): "--person (person) is required",
        ("edit", "abcd1", "--clear", "mood"): "'mood' is not a field that can be cleared",
        ("edit", "abcd1", "--dept", "x", "--clear", "dept"): "--dept cannot be given a value",
        ("edit", "abcd1"): "nothing to change",
        ("edit", "5d0d", "--item", "登录=3"): "'登录' is capped at 1 a day",
        ("edit", "5d0d", "--points", "-1"): "--points (points): expected an integer ≥ 0",
        ("edit", "abcd3", "--amount", "五百"): "--amount (amount): expected a number",
    }
    for done, message in zip(run_many(list(cases)), cases.values(), strict=True):
        refused(done, message)
    assert seeded.read_bytes() == before


def test_a_study_date_taken_by_another_day_is_refused(run_cadre: RunCadre, seeded: Path) -> None:
    assert run_cadre("add", "study", "--points", "5", "--date", "2026-03-16").returncode == 0
    before = seeded.read_bytes()
    refused(run_cadre("edit", "5d0d", "--date", "2026-03-16"), "--date (date)")
    assert seeded.read_bytes() == before


# references: prefixes, ambiguity, campaign titles ----------------------------------------------


@pytest.mark.parametrize("command", ["show", "edit", "delete", "done"])
def test_every_command_refuses_an_ambiguous_short_or_unknown_id(
    run_many: Any, seeded: Path, command: str
) -> None:
    before = seeded.read_bytes()
    extra = ("--note", "x") if command == "edit" else ("--yes",) if command == "delete" else ()
    ambiguous, short, unknown = run_many(
        [(command, AMBIGUOUS, *extra), (command, "abc", *extra), (command, "ffff", *extra)]
    )
    refused(ambiguous, "ID: 'abcd' fits 3 records; give more of the id:")
    candidates = [line.strip() for line in ambiguous.stderr.splitlines()[1:]]
    assert candidates == [
        "talk abcd1111 2026-03-10 王芳 办公室",
        "talk abcd2222 2026-03-11 李强",
        "visit abcd3333 2026-03-12 住院 赵磊",
    ]
    refused(short, "ID: an id needs at least 4 characters ('abc' is too short)")
    refused(unknown, "ID: no ", "has an id beginning with 'ffff'")
    assert seeded.read_bytes() == before


def test_campaign_id_takes_a_prefix_or_the_exact_title(run_cadre: RunCadre, seeded: Path) -> None:
    by_prefix = run_cadre("add", "talk", "--person", "张伟", "--campaign-id", "C0FFEE01")
    by_title = run_cadre("add", "talk", "--person", "刘洋", "--campaign-id", "谈心2026")
    assert by_prefix.returncode == 0 and by_title.returncode == 0, (
        by_prefix.stderr + by_title.stderr
    )
    talks = listed(run_cadre, "talk")
    for added in (by_prefix, by_title):
        assert talks[added.stdout.strip()]["campaign_id"] == CAMPAIGN
    assert run_cadre("edit", "abcd2", "--campaign-id", "谈心2026").returncode == 0
    assert listed(run_cadre, "talk")[OTHER_TALK]["campaign_id"] == CAMPAIGN
    assert run_cadre("edit", "abcd2", "--clear", "campaign-id").returncode == 0
    assert listed(run_cadre, "talk")[OTHER_TALK]["campaign_id"] is None


def test_campaign_id_refusals_list_candidates_or_say_why(run_many: Any, seeded: Path) -> None:
    before = seeded.read_bytes()
    ambiguous, short, unknown, essay = run_many(
        [
            ("add", "talk", "--person", "x", "--campaign-id", "c0ff"),
            ("add", "talk", "--person", "x", "--campaign-id", "谈心"),
            ("edit", "abcd1", "--campaign-id", "谈心2027"),
            ("edit", "abcd1", "--campaign-id", "征文2026"),  # an essay campaign, for a talk
        ]
    )
    refused(ambiguous, "--campaign-id (campaign): 'c0ff' fits 2 records")
    assert "campaign c0ffee01 talk 谈心2026 2026-01" in ambiguous.stderr
    assert "campaign c0ffee02 essay 征文2026 2026-01" in ambiguous.stderr
    refused(short, "at least 4 characters of an id, or the campaign's exact title ('谈心'")
    refused(unknown, "no campaign has an id beginning with '谈心2027' or the title '谈心2027'")
    refused(essay, f"--campaign-id (campaign): campaign {ESSAYS}", "not a campaign for talk")
    assert seeded.read_bytes() == before


# done -----------------------------------------------------------------------------------------


def test_done_marks_a_talks_or_a_visits_follow_up_done(run_cadre: RunCadre, seeded: Path) -> None:
    talk = run_cadre("done", "abcd1")
    assert talk.stdout == "follow-up done: talk abcd1111 2026-03-10 王芳 办公室\n"
    assert listed(run_cadre, "talk")[TALK]["follow_up_done"] is True
    assert run_cadre("done", "abcd3", CADRE_LANG="zh").stdout.startswith("已完成跟进：关爱慰问")
    assert listed(run_cadre, "visit")[VISIT]["follow_up_done"] is True
    before = seeded.read_bytes()
    again = run_cadre("done", "abcd1")
    assert again.returncode == 0 and again.stdout.startswith("follow-up already done: talk")
    refused(run_cadre("done", "5d0d"), "ID: no talk or visit has an id beginning with '5d0d'")
    assert seeded.read_bytes() == before
    assert run_cadre("edit", "abcd1", "--clear", "follow-up-done").returncode == 0
    assert listed(run_cadre, "talk")[TALK]["follow_up_done"] is False


# delete ---------------------------------------------------------------------------------------


def test_delete_needs_yes_when_stdin_is_not_a_terminal(run_cadre: RunCadre, seeded: Path) -> None:
    before = seeded.read_bytes()
    refused(run_cadre("delete", "abcd2"), "--yes: stdin is not a terminal", "add --yes")
    refused(run_cadre("delete", "c0ffee01", "--yes"), "still in this campaign")
    assert seeded.read_bytes() == before
    done = run_cadre("delete", "abcd2", "--yes")
    assert done.stdout == "deleted: talk abcd2222 2026-03-11 李强\n"
    assert set(listed(run_cadre, "talk")) == {TALK}


def on_terminal(db: Path, answer: str, *args: str, **env: str) -> str:
    """Run cadre with a terminal as stdin and stdout, type `answer` at its prompt; its output."""
    main, terminal = pty.openpty()
    process = subprocess.Popen(
        [*CADRE, *args], stdin=terminal, stdout=terminal, stderr=terminal, env=cadre_env(db, **env)
    )
    os.close(terminal)
    output = b""
    answered = False
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        assert ready, output.decode()
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the other end closed: the process is done
            break
        if not chunk:
            break
        output += chunk
        if not answered and b"[y/N]" in output:
            os.write(main, answer.encode() + b"\n")
            answered = True
    os.close(main)
    assert process.wait(timeout=60) == (0 if answer == "y" else 1)
    return output.decode()


def test_delete_asks_first_on_a_terminal_in_the_users_language(seeded: Path) -> None:
    before = seeded.read_bytes()
    kept = on_terminal(seeded, "n", "delete", "abcd2", CADRE_LANG="zh")
    assert "删除 谈心谈话 abcd2222 2026-03-11 李强？ [y/N]" in kept
    assert "未删除" in kept
    assert seeded.read_bytes() == before
    gone = on_terminal(seeded, "y", "delete", "abcd2")
    assert "Delete talk abcd2222 2026-03-11 李强? [y/N]" in gone
    assert "deleted: talk abcd2222" in gone
    assert OTHER_TALK not in {r["id"] for r in Store(seeded).records("talk")}


# show -----------------------------------------------------------------------------------------


def test_show_prints_every_field_labelled_escaped_and_whole(
    run_cadre: RunCadre, seeded: Path
) -> None:
    topic = "关于" + "青年干部成长" * 20  # longer than any table cell
    assert run_cadre("edit", "abcd1", "--topic", topic).returncode == 0
    shown = run_cadre("show", "abcd1111").stdout.splitlines()
    assert shown[0] == "talk abcd1111"
    labels = [line.split("  ")[0].strip() for line in shown[1:] if not line.startswith(" ")]
    assert labels == [
        "id", "campaign", "date", "person", "dept", "place", "talk type", "topic", "concerns",
        "follow-up", "follow-up due", "follow-up done", "note", "created at", "updated at",
    ]  # fmt: skip
    assert f"campaign        {CAMPAIGN} (talk 谈心2026 2026-01)" in shown
    assert f"topic           {topic}" in shown
    concerns = shown.index("concerns        孩子上学")
    assert shown[concerns + 1] == "                老人住院\\x1b[2J"
    assert "follow-up done  no" in shown
    zh = run_cadre("show", "abcd1111", CADRE_LANG="zh").stdout.splitlines()
    assert zh[0] == "谈心谈话 abcd1111"
    assert f"所属活动  {CAMPAIGN} (谈心谈话 谈心2026 2026-01)" in zh
    assert "已跟进    否" in zh
