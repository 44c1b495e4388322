"""The Chinese README cannot drift: every `cadre …` it quotes is a real command with real options.

Each command's help runs in a real `cadre` process; the command paths come from click itself."""

from __future__ import annotations

import re
import shlex
import subprocess
from collections.abc import Callable
from pathlib import Path

import click

from tui.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README_ZH = ROOT / "README.zh.md"
README = ROOT / "README.md"
RunMany = Callable[..., list[subprocess.CompletedProcess[str]]]


def code_blocks(text: str) -> list[str]:
    """The bodies of the fenced code blocks of a markdown text."""
    return re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


def quoted_commands(text: str) -> list[list[str]]:
    """Every `cadre …` of a markdown text, in code blocks or inline code, as words."""
    lines = [line for block in code_blocks(text) for line in block.splitlines()]
    lines += re.findall(r"`(cadre(?: [^`]*)?)`", text)
    found = []
    for line in lines:
        words = shlex.split(line, comments=True)
        if words[:1] == ["cadre"]:
            found.append(words[1:])
    return found


Option = tuple[tuple[str, ...], str]  # (the path of the command it is given to, its name)


def resolved(words: list[str]) -> tuple[tuple[str, ...], list[Option]]:
    """The subcommand path of a command line, and each option with the command it is given to.

    A word where a group expects a subcommand is taken as one, so that a wrong one fails."""
    command: click.Command = cli
    context = click.Context(cli, info_name="cadre")
    path: tuple[str, ...] = ()
    options: list[Option] = []
    rest = iter(words)
    for word in rest:
        if word.startswith("-"):
            name = word.split("=", 1)[0]
            options.append((path, name))
            param = next((p for p in command.params if name in p.opts), None)
            if isinstance(param, click.Option) and not param.is_flag and "=" not in word:
                next(rest, None)  # the option's value
        elif isinstance(command, click.Group):
            path += (word,)
            sub = command.get_command(context, word)
            if sub is None:
                break
            command, context = sub, click.Context(sub, parent=context, info_name=word)
    return path, options


def record_options() -> set[str]:
    """The options of every `cadre add KIND`: `cadre edit ID` takes those of the record's kind."""
    add = cli.commands["add"]
    assert isinstance(add, click.Group)
    context = click.Context(add, info_name="add")
    kinds = [add.get_command(context, name) for name in add.list_commands(context)]
    return {opt for kind in kinds if kind for p in kind.params for opt in p.opts}


def helps(
    run_many: RunMany, paths: set[tuple[str, ...]]
) -> dict[tuple[str, ...], subprocess.CompletedProcess[str]]:
    """`cadre PATH --help` for each path, run side by side in real processes."""
    ordered = sorted(paths)
    return dict(zip(ordered, run_many([(*path, "--help") for path in ordered]), strict=True))


def test_every_command_the_chinese_readme_quotes_exists_with_its_options(run_many: RunMany) -> None:
    commands = [resolved(words) for words in quoted_commands(README_ZH.read_text("utf-8"))]
    paths = {path for path, _ in commands} | {
        path for _, options in commands for path, _ in options
    }
    assert {("add", "study"), ("report",), ("export",), ("import",), ("undo",)} <= paths
    shown = helps(run_many, paths)
    assert {path: run.stderr for path, run in shown.items() if run.returncode != 0} == {}
    by_kind = record_options()
    unknown = [
        (" ".join(path), option)
        for _, options in commands
        for path, option in options
        if not re.search(rf"(?<![\w-]){re.escape(option)}\b", shown[path].stdout)
        and not (path == ("edit",) and option in by_kind)
    ]
    assert unknown == []


def test_the_check_above_would_see_a_command_or_option_that_does_not_exist(
    run_many: RunMany,
) -> None:
    assert resolved(["--lang", "zh", "add", "visit", "--amount", "500", "--yes"]) == (
        ("add", "visit"),
        [((), "--lang"), (("add", "visit"), "--amount"), (("add", "visit"), "--yes")],
    )
    assert resolved(["settings", "set", "study_target", "40"])[0] == ("settings", "set")
    assert resolved(["nosuch", "--help"])[0] == ("nosuch",)
    (run,) = helps(run_many, {("nosuch",)}).values()
    assert run.returncode == 2
    assert "--yes" not in helps(run_many, {("add", "visit")})[("add", "visit")].stdout


def test_the_two_readmes_link_each_other_and_share_the_set_up_commands() -> None:
    english, chinese = README.read_text("utf-8"), README_ZH.read_text("utf-8")
    assert "(README.zh.md)" in "\n".join(english.splitlines()[:5])
    assert "(README.md)" in "\n".join(chinese.splitlines()[:5])
    set_up = english.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = code_blocks(set_up)
    assert len(commands) == 2
    assert all(f"```sh\n{block}```" in chinese for block in commands)
