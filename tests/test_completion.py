"""Shell completion through click's protocol, in real processes: `_CADRE_COMPLETE=bash_complete`
(value lines) and `zsh_complete` (value and help) give the kinds, the choices from the
settings and record ids, and exit 0 even when the data file cannot be used."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import TODAY, RunCadre

from tui.core.store import Store


def complete(run_cadre: RunCadre, line: str, shell: str = "bash", **env: str) -> list[str]:
    """What the shell is offered for the last word of `line` (bash: values; zsh: value, help)."""
    words = line.split()
    current = len(words) if line.endswith(" ") else len(words) - 1
    done = run_cadre(
        _CADRE_COMPLETE=f"{shell}_complete", COMP_WORDS=line, COMP_CWORD=str(current), **env
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    if shell == "bash":
        return [entry.split(",", 1)[1] for entry in done.stdout.splitlines() if entry]
    lines = done.stdout.splitlines()  # zsh: type, value, help; three lines each
    return [f"{value} {help_}" for value, help_ in zip(lines[1::3], lines[2::3], strict=True)]


@pytest.fixture
def records(db: Path) -> dict[str, str]:
    """A talk campaign, a talk in it and a visit; their ids by kind."""
    store = Store(db, today=TODAY)
    campaign = store.add(
        "campaign",
        {
            "kind": "talk",
            "title": "谈心2026",
            "start": "2026-01",
            "end": "2026-12",
            "monthly_quota": 2,
        },
    )
    talk = store.add("talk", {"date": "2026-03-01", "person": "王芳\x1b[2J", "dept": "办公室"})
    visit = store.add("visit", {"date": "2026-03-02", "occasion": "住院", "person": "赵磊"})
    return {"campaign": campaign["id"], "talk": talk["id"], "visit": visit["id"]}


def test_kinds_are_completed_wherever_a_kind_is_taken(run_cadre: RunCadre) -> None:
    assert complete(run_cadre, "cadre add ta") == ["talk"]
    assert complete(run_cadre, "cadre list ") == [
        "study", "session", "campaign", "essay", "talk", "event", "visit", "person",
    ]  # fmt: skip
    assert complete(run_cadre, "cadre export --kind v") == ["visit"]
    assert complete(run_cadre, "cadre add ", "zsh", CADRE_LANG="zh")[:2] == [
        "study 学习积分",
        "session 集中学习",
    ]
    assert "edit" in complete(run_cadre, "cadre ed")


def test_choices_come_from_the_settings(run_cadre: RunCadre, db: Path) -> None:
    assert complete(run_cadre, "cadre add talk --talk-type ") == [
        "日常谈心",
        "提醒",
        "勉励",
        "关怀",
        "年度",
    ]
    Store(db, today=TODAY).save_settings({"categories": {"talk_types": ["谈心", "家访", "家长会"]}})
    assert complete(run_cadre, "cadre add talk --talk-type 家") == ["家访", "家长会"]
    assert complete(run_cadre, "cadre add visit --occasion 生") == ["生病", "生育", "生日"]
    assert complete(run_cadre, "cadre add campaign --kind ") == ["essay", "talk"]


def test_record_ids_are_completed_with_what_each_record_is(
    run_cadre: RunCadre, records: dict[str, str]
) -> None:
    talk, visit = records["talk"], records["visit"]
    offered = complete(run_cadre, "cadre show ", "zsh")
    assert f"{talk[:8]} talk 2026-03-01 王芳\\x1b[2J 办公室" in offered  # escaped, never a control
    assert f"{visit[:8]} visit 2026-03-02 住院 赵磊" in offered
    assert len(offered) == 3
    followed_up = complete(run_cadre, "cadre done ")  # only talks and visits have a follow-up
    assert sorted(followed_up) == sorted([talk[:8], visit[:8]])
    assert complete(run_cadre, f"cadre edit {talk[:3]}") == [talk[:8]]
    assert complete(run_cadre, f"cadre delete {visit[:10]}") == [visit[:10]]
    assert complete(run_cadre, f"cadre done {talk[:2]}", "zsh", CADRE_LANG="zh") == [
        f"{talk[:8]} 谈心谈话 2026-03-01 王芳\\x1b[2J 办公室"
    ]
    campaigns = complete(run_cadre, "cadre add talk --campaign-id ", "zsh")
    assert campaigns == [f"{records['campaign'][:8]} campaign talk 谈心2026 2026-01"]


def test_edit_completes_the_options_and_choices_of_the_records_kind(
    run_cadre: RunCadre, records: dict[str, str]
) -> None:
    talk = records["talk"][:6]
    assert complete(run_cadre, f"cadre edit {talk} --talk-type 勉") == ["勉励"]
    assert complete(run_cadre, f"cadre edit {talk} --clear follow-up-d") == [
        "follow-up-due",
        "follow-up-done",
    ]
    options = complete(run_cadre, f"cadre edit {talk} --follow-up-d", "zsh")
    assert [option.split()[0] for option in options] == ["--follow-up-due", "--follow-up-done"]
    assert options[1] == "--follow-up-done follow-up done: a flag: given means yes"
    assert complete(run_cadre, f"cadre edit {records['visit'][:6]} --occ") == ["--occasion"]


@pytest.mark.parametrize("content", [b"not json", b""])
def test_completion_survives_a_data_file_that_cannot_be_used(
    run_cadre: RunCadre, db: Path, content: bytes
) -> None:
    db.parent.mkdir(mode=0o700)
    db.write_bytes(content)
    assert complete(run_cadre, "cadre show ") == []
    assert complete(run_cadre, "cadre edit abcd --note ") == []
    assert complete(run_cadre, "cadre add talk --talk-type 提") == ["提醒"]
    assert complete(run_cadre, "cadre add vi") == ["visit"]
    assert db.read_bytes() == content


def test_the_shell_scripts_are_printed(run_cadre: RunCadre) -> None:
    for shell, marker in (("bash", "complete -o"), ("zsh", "compdef"), ("fish", "complete")):
        done = run_cadre(_CADRE_COMPLETE=f"{shell}_source")
        assert done.returncode == 0 and marker in done.stdout, done.stderr
