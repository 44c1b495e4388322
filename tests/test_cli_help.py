"""Help in the user's language, in real processes: `cadre --help`, each kind's options with
their types in words, the date forms, the current choices from the settings, the kinds.

The language follows --lang, CADRE_LANG, the settings and the locale, as for every command;
a missing or unusable data file gives the default choices and never breaks --help."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_support import TODAY, RunCadre

from tui.cli_help import wrap_cells
from tui.core import dates, display
from tui.core.store import Store

TALK_TYPES = "[日常谈心|提醒|勉励|关怀|年度]"


def has_chinese(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


def unwrapped(text: str) -> str:
    """Help text with each wrapped paragraph or option help joined back into one line."""
    lines: list[str] = []
    for line in text.splitlines():
        if lines and lines[-1].strip() and line.startswith("    ") and line.strip():
            before, after = lines[-1][-1], line.strip()[0]
            cjk = before == "|" or display.char_width(before) == 2 or display.char_width(after) == 2
            lines[-1] += ("" if cjk else " ") + line.strip()
        else:
            lines.append(line)
    return "\n".join(lines)


def test_cadre_help_is_chinese_with_lang_zh(run_cadre: RunCadre) -> None:
    done = run_cadre("--lang", "zh", "--help")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert text.startswith("用法：cadre [OPTIONS] COMMAND [ARGS]...\n")
    for words in ("选项：", "命令：", "显示本帮助并退出", "显示版本并退出", "数据文件"):
        assert words in text
    for english in ("Usage:", "Options:", "Commands:", "Show this message", "Data file"):
        assert english not in text
    commands = text.split("命令：\n")[1]
    names = [line.split()[0] for line in commands.splitlines() if line[2:3] != " "]
    assert {"add", "edit", "delete", "done", "show", "list", "export", "undo"} <= set(names)
    for line in commands.splitlines():  # every command says what it does in Chinese
        assert has_chinese(line), line


def test_cadre_help_follows_the_environment_and_the_settings(run_cadre: RunCadre) -> None:
    assert run_cadre("--help").stdout.startswith("Usage: cadre [OPTIONS]")
    assert run_cadre("--help", CADRE_LANG="zh").stdout.startswith("用法：cadre")
    assert run_cadre("--help", LANG="zh_CN.UTF-8").stdout.startswith("用法：cadre")
    assert run_cadre("settings", "set", "language", "zh").returncode == 0
    assert run_cadre("--help").stdout.startswith("用法：cadre")
    assert "新增一条谈心谈话记录" in run_cadre("add", "talk", "--help").stdout
    english = run_cadre("--lang", "en", "add", "event", "--help").stdout
    assert "Add one event record and print its id." in english  # not "a event"
    assert run_cadre("--lang", "en", "--help").stdout.startswith("Usage: cadre")
    assert run_cadre("--help", CADRE_LANG="en").stdout.startswith("Usage: cadre")


@pytest.mark.parametrize(
    ("lang", "talk_type", "person"),
    [
        ("zh", f"谈话类型：可选 {TALK_TYPES}", "对象：文字（必填）"),
        ("en", f"talk type: one of {TALK_TYPES}", "person: text (required)"),
    ],
)
def test_add_talk_help_lists_the_talk_types(
    run_cadre: RunCadre, lang: str, talk_type: str, person: str
) -> None:
    done = run_cadre("--lang", lang, "add", "talk", "--help")
    assert done.returncode == 0, done.stderr
    shown = unwrapped(done.stdout)
    options = {line.split()[0]: line for line in shown.splitlines() if "  --" in line}
    assert options["--talk-type"].split(None, 2)[1:] == ["CHOICE", talk_type]
    assert options["--person"].split(None, 2)[1:] == ["TEXT", person]
    assert {"--follow-up-done", "--campaign-id", "--note"} <= set(options)


def test_choices_come_from_the_settings(run_cadre: RunCadre, db: Path) -> None:
    Store(db, today=TODAY).save_settings({"categories": {"talk_types": ["谈心", "家访"]}})
    shown = unwrapped(run_cadre("add", "talk", "--help").stdout)
    assert "talk type: one of [谈心|家访]" in shown
    assert "occasion: one of [住院|生病|" in unwrapped(run_cadre("add", "visit", "-h").stdout)


def test_a_date_option_lists_the_forms_parse_date_takes(run_cadre: RunCadre) -> None:
    shown = unwrapped(run_cadre("add", "study", "--help").stdout)
    line = next(line for line in shown.splitlines() if line.lstrip().startswith("--date"))
    for words in (dates.WORDS_TODAY, dates.WORDS_YESTERDAY, dates.WORDS_TOMORROW):
        assert "/".join(sorted(words)) in line
    forms = ["YYYY-MM-DD", "YYYY-M-D", "YYYYMMDD", "M-D (this year)", "-N or +N", "/ or ."]
    assert all(form in line for form in forms), line
    assert line.endswith("(required)")
    examples = ["2026-03-05", "2026-3-5", "2026/3/5", "2026.3.5", "20260305", "3-5", "3/5"]
    for text in [*examples, "3.5", "-3", "+2", "-9999", *dates.WORDS_TOMORROW]:
        dates.parse_date(text, TODAY)  # every form the help names is taken
    zh = unwrapped(run_cadre("add", "study", "--help", CADRE_LANG="zh").stdout)
    assert "日期：日期，可写 YYYY-MM-DD、YYYY-M-D、YYYYMMDD、M-D（今年）" in zh


def test_other_types_are_said_in_words(run_cadre: RunCadre) -> None:
    helps = {
        kind: unwrapped(run_cadre("add", kind, "--help").stdout) for kind in ("campaign", "visit")
    }
    assert "per month: a whole number ≥ 1 (required)" in helps["campaign"]
    assert "start: a month: YYYY-MM" in helps["campaign"]
    assert "kind: one of [essay|talk] (required)" in helps["campaign"]
    assert "amount: a number ≥ 0, such as 500 or 1.5" in helps["visit"]
    assert "--visitor NAME" in helps["visit"] and "repeat the option" in helps["visit"]


def test_add_without_a_kind_lists_the_kinds_with_their_names(run_cadre: RunCadre) -> None:
    done = run_cadre("--lang", "zh", "add")
    assert done.returncode == 2
    assert "用法：cadre add [OPTIONS] KIND [OPTIONS]..." in done.stderr
    kinds = done.stderr.split("记录类别：\n")[1].splitlines()
    assert [line.split() for line in kinds] == [
        ["study", "学习积分"],
        ["session", "集中学习"],
        ["campaign", "征文·谈心活动"],
        ["essay", "征文"],
        ["talk", "谈心谈话"],
        ["event", "文体活动"],
        ["visit", "关爱慰问"],
        ["person", "通讯录"],
    ]


def test_edit_help_shows_the_options_of_the_records_kind(run_cadre: RunCadre, db: Path) -> None:
    talk = Store(db, today=TODAY).add("talk", {"date": "2026-03-01", "person": "王芳"})["id"]
    shown = unwrapped(run_cadre("edit", talk[:6], "--help").stdout)
    assert f"talk type: one of {TALK_TYPES}" in shown
    assert "person: text\n" in shown  # not required: an edit changes only what it is given
    assert "--points" not in shown
    assert "--clear FIELD" in shown and "campaign-id, dept, place, talk-type" in shown
    general = " ".join(run_cadre("edit", "--help").stdout.split())
    assert "cadre edit ID --help lists the options of its kind" in general
    assert "--talk-type" not in general
    unknown = run_cadre("edit", "ffff", "--help")
    assert unknown.returncode == 0 and "Usage: cadre edit [OPTIONS] ID" in unknown.stdout


@pytest.mark.parametrize("content", [b"", b"not json", b'{"_meta": {"1": {"schema_version": 99}}}'])
def test_help_survives_a_data_file_that_cannot_be_used(
    run_cadre: RunCadre, db: Path, content: bytes
) -> None:
    db.parent.mkdir(mode=0o700)
    db.write_bytes(content)
    db.chmod(0o600)
    talk = run_cadre("--lang", "zh", "add", "talk", "--help")
    assert talk.returncode == 0, talk.stderr
    assert f"谈话类型：可选 {TALK_TYPES}" in unwrapped(talk.stdout)
    assert run_cadre("--help").returncode == 0
    assert db.read_bytes() == content


def test_help_creates_no_data_file(run_cadre: RunCadre, db: Path) -> None:
    assert run_cadre("add", "visit", "--help").returncode == 0
    assert run_cadre("--help").returncode == 0
    assert not db.parent.exists()


def test_other_commands_options_follow_the_language(run_cadre: RunCadre) -> None:
    shown = unwrapped(run_cadre("--lang", "zh", "list", "--help").stdout)
    assert "列出某类记录" in shown and "--since TEXT  起始日期（含），可写 YYYY-MM-DD" in shown
    assert "输出记录的 JSON 数组" in shown
    assert "只检查文件" in run_cadre("--lang", "zh", "import", "--help").stdout


@pytest.mark.parametrize(
    "command", [(), ("add", "visit"), ("add", "talk"), ("edit",), ("list",), ("report",)]
)
def test_chinese_help_fits_80_columns(run_cadre: RunCadre, command: tuple[str, ...]) -> None:
    shown = run_cadre("--lang", "zh", *command, "--help").stdout
    assert has_chinese(shown)
    for line in shown.splitlines():
        assert display.width(line) <= 80, line


def test_wrapping_counts_cells_and_keeps_each_choice_whole() -> None:
    text = "事由：可选 [住院|生病|结婚|生育|丧事|困难帮扶|退休|生日|节日|女职工关爱|其他]（必填）"
    for width in range(12, 60):
        lines = wrap_cells(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert all(display.width(line) <= width for line in lines)
        assert not any(line.startswith(("）", "|")) or line.endswith("（") for line in lines)
        pieces = re.split(r"[\[\]|]", "|".join(lines))
        assert {"困难帮扶", "女职工关爱", "退休"} <= set(pieces), lines
