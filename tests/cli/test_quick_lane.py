"""The quick lane of `cadre add` and `cadre list`: it reads what click reads, or leaves it to click.

Whatever the lane takes, click (given the same words) runs the same work with the same values, and
a failure reads the same. That it loads no click is in tests/test_import_hygiene.py."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tui.cli
from tui.cli_quick import LIST_FLAGS, LIST_OPTIONS, NOTE_OPTION, quick_add, quick_list
from tui.core.records import KINDS
from tui.core.store import Store


def clicks_reading(words: list[str], db: Path) -> tuple[str, Any] | None:
    """What click hands to the work of `add` or `list` for `words` (None when it refuses them):
    the work is replaced by a recorder, so nothing is written."""
    seen: list[tuple[str, Any]] = []

    def add_record(session: Any, kind: Any, given: dict[str, Any]) -> None:
        seen.append(("add", (kind.name, {k: v for k, v in given.items() if v not in (None, ())})))

    def list_records(
        session: Any, kind_name: str, since: str | None, until: str | None, as_json: bool
    ) -> None:
        given = {"kind_name": kind_name, "since": since, "until": until, "as_json": as_json}
        seen.append(("list", given))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tui.cli, "add_record", add_record)
        patch.setattr(tui.cli, "list_records", list_records)
        patch.setenv("CADRE_DB", str(db))
        code = tui.cli.run(words)
    return seen[0] if code == 0 and seen else None


def lanes_reading(words: list[str]) -> tuple[str, Any] | None:
    """What the quick lane reads in `words`, in the shape of `clicks_reading`."""
    added = quick_add(words)
    if added is not None:
        return "add", (added[0].name, added[1])
    listed = quick_list(words)
    return None if listed is None else ("list", listed)


# the words a user might type: every kind's options and the list's, right and wrong
OPTIONS = sorted(
    {f.option for kind in KINDS.values() for f in kind.fields}
    | {NOTE_OPTION, *LIST_OPTIONS, *LIST_FLAGS, "--help", "-h", "--", "--bogus", "-"}
)
VALUES = st.sampled_from(
    ["5", "-5", "", "a=b", "--note", "2026-03-01", "王芳", "-", "x y"]
) | st.text(max_size=6)


FLAGS = {f.option for kind in KINDS.values() for f in kind.fields if f.type == "bool"}
REPEATABLE = {
    f.option for kind in KINDS.values() for f in kind.fields if f.type in {"names", "items"}
}


@st.composite
def command_words(draw: st.DrawFn) -> list[str]:
    """`add KIND …` or `list …`: mostly the command's own options, each once, in both forms, a
    flag alone; sometimes a word that click must judge (another option, a repeat, a flag with a
    value, a word too many)."""
    command = draw(st.sampled_from(["add", "list"]))
    kind = draw(st.sampled_from([*KINDS, *KINDS, "stud", "学习", "--help"]))
    own = (
        [f.option for f in KINDS[kind].fields] + [NOTE_OPTION]
        if command == "add" and kind in KINDS
        else [*LIST_OPTIONS, *LIST_FLAGS]
    )
    options = draw(st.lists(st.sampled_from(own), unique=True, max_size=5))
    options += [o for o in options if o in REPEATABLE]  # a list field's option, again
    options += draw(st.lists(st.sampled_from(OPTIONS + own), max_size=1))
    words = [command, kind]
    for option in draw(st.permutations(options)):
        value = draw(VALUES)
        flag = option in FLAGS or option in LIST_FLAGS
        form = "alone" if flag else draw(st.sampled_from(["apart", "joined"]))
        if not draw(st.integers(0, 3)):
            form = draw(st.sampled_from(["apart", "joined", "alone"]))
        shapes = {"apart": [option, value], "joined": [f"{option}={value}"], "alone": [option]}
        words += shapes[form]
    if command == "list" and draw(st.booleans()):
        words.insert(draw(st.integers(1, len(words))), words.pop(1))  # the kind among the options
    return words


@pytest.fixture(scope="module")
def data_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    db = tmp_path_factory.mktemp("lane") / "cadre.json"
    Store(db).save_settings({"study_target": 30})
    yield db


@settings(max_examples=400, deadline=None)
@given(words=command_words())
def test_what_the_lane_reads_click_reads_the_same(words: list[str], data_file: Path) -> None:
    lane = lanes_reading(words)
    if lane is not None:
        assert clicks_reading(words, data_file) == lane


@pytest.mark.parametrize(
    ("words", "reading"),
    [
        (["add", "study", "--points", "5"], ("add", ("study", {"points": "5"}))),
        (
            ["add", "study", "--date", "-1", "--note", "--help"],
            ("add", ("study", {"date": "-1", "note": "--help"})),
        ),
        (
            ["add", "visit", "--person=王芳", "--visitor", "李强", "--visitor", "张伟"],
            ("add", ("visit", {"person": "王芳", "visitors": ("李强", "张伟")})),
        ),
        (
            ["add", "talk", "--person", "王芳", "--follow-up-done", "--note", ""],
            ("add", ("talk", {"person": "王芳", "follow_up_done": True, "note": ""})),
        ),
        (
            ["list", "--since", "2026-03-01", "study", "--json"],
            ("list", {"kind_name": "study", "since": "2026-03-01", "until": None, "as_json": True}),
        ),
        (
            ["list", "学习", "--until=-3"],
            ("list", {"kind_name": "学习", "since": None, "until": "-3", "as_json": False}),
        ),
    ],
)
def test_the_lane_takes_the_plain_forms(
    words: list[str], reading: tuple[str, Any], data_file: Path
) -> None:
    assert lanes_reading(words) == reading
    assert clicks_reading(words, data_file) == reading


@pytest.mark.parametrize(
    "words",
    [
        ["add"],
        ["add", "--help"],
        ["add", "stud", "--points", "5"],  # click says which kinds there are
        ["add", "study", "--help"],
        ["add", "study", "-h"],
        ["add", "study", "--points"],  # a value missing
        ["add", "study", "--points", "5", "--points", "6"],  # a single option twice
        ["add", "study", "--topic", "x"],  # another kind's option
        ["add", "study", "extra"],
        ["add", "talk", "--follow-up-done=yes"],
        ["add", "study", "--", "--points"],
        ["list"],
        ["list", "study", "talk"],
        ["list", "study", "--json=1"],
        ["list", "study", "--since"],
        ["list", "-", "study"],
        ["show", "study"],
    ],
)
def test_the_lane_leaves_the_rest_to_click(words: list[str]) -> None:
    assert lanes_reading(words) is None


def test_the_lane_knows_the_options_click_has() -> None:
    """Each `add KIND`'s options, and `list`'s, as click defines them: name, and flag or not."""

    def options(command: click.Command) -> dict[str, tuple[str | None, bool, bool]]:
        return {
            opt: (param.name, param.is_flag, param.multiple)
            for param in command.params
            if isinstance(param, click.Option) and not param.hidden and param.name != "help"
            for opt in param.opts
        }

    context = click.Context(tui.cli.cli)
    add_group = tui.cli.cli.get_command(context, "add")
    assert isinstance(add_group, click.Group)
    for name, kind in KINDS.items():
        command = add_group.get_command(context, name)
        assert command is not None
        expected = {
            f.option: (f.name, f.type == "bool", f.type in {"names", "items"}) for f in kind.fields
        } | {NOTE_OPTION: ("note", False, False)}
        assert options(command) == expected
    list_command = tui.cli.cli.get_command(context, "list")
    assert list_command is not None
    assert options(list_command) == {
        **{option: (name, False, False) for option, name in LIST_OPTIONS.items()},
        **{option: (name, True, False) for option, name in LIST_FLAGS.items()},
    }


@pytest.mark.parametrize(
    ("args", "broken", "code"),
    [
        (["add", "study", "--points", "x"], False, 1),
        (["add", "talk", "--person", "王芳", "--campaign-id", "zzzz"], False, 1),
        (["list", "study", "--since", "someday"], False, 1),
        (["add", "study", "--points", "5"], True, 3),
        (["list", "study"], True, 3),
    ],
)
def test_a_failure_in_the_lane_reads_as_through_click(
    run_cadre: Callable[..., subprocess.CompletedProcess[str]],
    db: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    broken: bool,
    code: int,
) -> None:
    """A value that does not parse, or a data file that cannot be trusted: the lane says what
    click says, with its exit code, and the file is unchanged."""
    assert run_cadre("add", "study", "--points", "5", "--date", "2026-03-01").returncode == 0
    if broken:
        db.write_bytes(db.read_bytes()[:-20])
    before = db.read_bytes()
    quick = run_cadre(*args)
    assert quick.returncode == code and quick.stdout == ""
    assert quick.stderr.startswith("error: ") and "Traceback" not in quick.stderr
    monkeypatch.setenv("CADRE_DB", str(db))
    monkeypatch.setenv("CADRE_TODAY", "2026-03-18")
    capsys.readouterr()
    assert tui.cli.run(args) == code
    assert capsys.readouterr() == ("", quick.stderr)
    assert db.read_bytes() == before
