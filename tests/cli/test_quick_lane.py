"""The quick lane of `cadre add`, `edit`, `delete`, `done`, `show`, `undo`, `list`, `export`,
`import`, `check` and `today`: it reads what click reads, or leaves the words to click.

Whatever the lane takes, click (given the same words) runs the same work with the same values, and
a failure reads the same. That it loads no click is in tests/test_import_hygiene.py."""

from __future__ import annotations

import inspect
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tui.cli
import tui.cli_quick
from tui.cli_quick import (
    CHECK_FLAGS,
    CLEAR_OPTION,
    DELETE_FLAGS,
    EXPORT_OPTIONS,
    IMPORT_FLAGS,
    LIST_FLAGS,
    LIST_OPTIONS,
    NOTE_OPTION,
    LeaveToClick,
    clearable,
    option_tables,
    quick_command,
)
from tui.cli_session import new_session
from tui.core.records import KINDS
from tui.core.store import Store

# what click's commands run
WORKS = (
    "add_record",
    "edit_record",
    "delete_record",
    "mark_done",
    "show_record",
    "undo_newest",
    "list_records",
    "export_file",
    "import_file",
    "check_file",
    "today_banner",
)


def normalised(arguments: dict[str, Any]) -> dict[str, Any]:
    """The arguments of a command's work, without the options of `add` that click set to nothing
    (None, or no values), as the lane never sets them."""
    if "given" in arguments:
        given = arguments["given"]
        arguments = arguments | {"given": {k: v for k, v in given.items() if v not in (None, ())}}
    return arguments


Reading = tuple[str, dict[str, Any]]


def recorder(name: str, seen: list[Reading]) -> Callable[..., None]:
    """A stand-in for the work `name` that notes its arguments (but the session) in `seen`."""
    signature = inspect.signature(getattr(tui.cli_quick, name))

    def record(*args: Any, **kwargs: Any) -> None:
        arguments = dict(signature.bind(*args, **kwargs).arguments)
        del arguments["session"]
        seen.append((name, normalised(arguments)))

    return record


def clicks_reading(words: list[str], db: Path) -> Reading | None:
    """The work click runs for `words` and its arguments (None when it refuses them): each work
    is replaced by a recorder, so nothing is written."""
    seen: list[Reading] = []
    with pytest.MonkeyPatch.context() as patch:
        for name in WORKS:
            patch.setattr(tui.cli, name, recorder(name, seen))
        patch.setenv("CADRE_DB", str(db))
        code = tui.cli.run(words)
    return seen[0] if code == 0 and seen else None


def lanes_reading(words: list[str], db: Path | None = None) -> Reading | None:
    """The work the quick lane runs for `words` and its arguments, as `clicks_reading` has them.
    `edit` reads its options once its record is found in `db`: it runs, with a recorder."""
    command = quick_command(words)
    if command is None:
        return None
    assert isinstance(command, tui.cli_quick.partial)
    if command.func is not tui.cli_quick.edit_quickly:
        return command.func.__name__, normalised(command.keywords)
    assert db is not None
    seen: list[Reading] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tui.cli_quick, "edit_record", recorder("edit_record", seen))
        try:
            command(new_session(db, None))
        except LeaveToClick:
            return None
    return seen[0]


# the words a user might type: every command's options, right and wrong
OPTIONS = sorted(
    {f.option for kind in KINDS.values() for f in kind.fields}
    | {NOTE_OPTION, *LIST_OPTIONS, *LIST_FLAGS, *EXPORT_OPTIONS, *IMPORT_FLAGS, *CHECK_FLAGS}
    | {CLEAR_OPTION, *DELETE_FLAGS, "--help", "-h", "--", "--bogus", "-", "-o=x", "-ox", "-yy"}
)
VALUES = st.sampled_from(
    ["5", "-5", "", "a=b", "--note", "2026-03-01", "王芳", "-", "x y", "json", "csv", "out.json"]
) | st.text(max_size=6)
FLAGS = {f.option for kind in KINDS.values() for f in kind.fields if f.type == "bool"}
FLAGS |= {*LIST_FLAGS, *IMPORT_FLAGS, *CHECK_FLAGS, *DELETE_FLAGS}
REPEATABLE = {
    f.option for kind in KINDS.values() for f in kind.fields if f.type in {"names", "items"}
}
REPEATABLE |= {"--kind", CLEAR_OPTION}
CLEARED = sorted({name for kind in KINDS.values() for name in clearable(kind)} | {"points", "x"})
SPECIAL_VALUES = {
    CLEAR_OPTION: st.sampled_from(CLEARED),
    "--format": st.sampled_from(["json", "csv", "xlsx", "JSON", ""]),
    "-o": st.sampled_from(["out.json", "out.json", "out.json", "out.csv", ".", "", "-", "=x"]),
    "--output": st.sampled_from(["out.json", "."]),
}
COMMAND_OPTIONS = {
    "list": [*LIST_OPTIONS, *LIST_FLAGS],
    "export": list(EXPORT_OPTIONS),
    "import": list(IMPORT_FLAGS),
    "check": list(CHECK_FLAGS),
    "today": [],
    "delete": list(DELETE_FLAGS),
    "done": [],
    "show": [],
    "undo": ["--list"],
}
# the records `edit`, `delete` and `done` name in the data file (ids made by `data_file`)
IDS: dict[str, str] = {}


@st.composite
def command_words(draw: st.DrawFn) -> list[str]:
    """`add KIND …`, `edit ID …`, `delete ID …`, `done ID`, `show ID`, `undo …`, `list KIND …`,
    `export …`, `import FILE …`, `check …` or `today`: mostly the command's own options, each once, in both forms, a
    flag alone; sometimes a word that click must judge (another option, a repeat, a flag with a
    value, a word too many)."""
    commands = ["add", "edit", "delete", "done", "show", "undo", "list", "export", "import"]
    commands += ["check", "today"]
    command = draw(st.sampled_from(commands))
    ids = sorted(IDS)
    second = {
        "add": [*KINDS, *KINDS, "stud", "学习", "--help"],
        "edit": [*ids, *ids, "--help", "--points"],
        "delete": [*ids, "-y"],
        "done": [*ids, "-"],
        "show": [*ids, "study", "--help"],
        "list": [*KINDS, "stud", "学习", "--help"],
        "import": ["in.json", "in.json", "", ".", "--dry-run", "-"],
    }
    words = [command, draw(st.sampled_from(second[command]))] if command in second else [command]
    if command in ("add", "edit"):
        kind = KINDS.get(words[1]) if command == "add" else KINDS.get(IDS.get(words[1], ""))
        tables = option_tables(kind, editing=command == "edit") if kind else ({NOTE_OPTION: ""}, {})
        own = [*tables[0], *tables[1]]
    else:
        own = COMMAND_OPTIONS[command]
    options = draw(st.lists(st.sampled_from(own), unique=True, max_size=5)) if own else []
    options += [o for o in options if o in REPEATABLE]  # a repeatable option, again
    options += draw(st.lists(st.sampled_from(OPTIONS + own), max_size=1))
    for option in draw(st.permutations(options)):
        value = draw(SPECIAL_VALUES.get(option, VALUES))
        form = "alone" if option in FLAGS else draw(st.sampled_from(["apart", "joined"]))
        if not draw(st.integers(0, 3)):
            form = draw(st.sampled_from(["apart", "joined", "alone"]))
        shapes = {"apart": [option, value], "joined": [f"{option}={value}"], "alone": [option]}
        words += shapes[form]
    if command in second and command not in ("add", "edit") and draw(st.booleans()):
        words.insert(draw(st.integers(1, len(words))), words.pop(1))  # among the options
    return words


@pytest.fixture(scope="module")
def data_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    db = tmp_path_factory.mktemp("lane") / "cadre.json"
    store = Store(db)
    store.save_settings({"study_target": 30})
    for kind, values in (
        ("study", {"points": 5, "date": "2026-03-01"}),
        ("talk", {"person": "王芳", "follow_up_due": "2026-03-20"}),
        ("visit", {"person": "张伟", "occasion": "住院", "visitors": ["李强"]}),
    ):
        IDS[store.add(kind, values)["id"][:8]] = kind
    yield db


@settings(max_examples=700, deadline=None)
@given(words=command_words())
def test_what_the_lane_reads_click_reads_the_same(words: list[str], data_file: Path) -> None:
    lane = lanes_reading(words, data_file)
    if lane is not None:
        assert clicks_reading(words, data_file) == lane


def study(**given: Any) -> tuple[str, dict[str, Any]]:
    return "add_record", {"kind": KINDS["study"], "given": given}


def listing(kind_name: str, **options: Any) -> tuple[str, dict[str, Any]]:
    defaults = {"since": None, "until": None, "as_json": False}
    return "list_records", {"kind_name": kind_name} | defaults | options


@pytest.mark.parametrize(
    ("words", "reading"),
    [
        (["add", "study", "--points", "5"], study(points="5")),
        (["add", "study", "--date", "-1", "--note", "--help"], study(date="-1", note="--help")),
        (
            ["add", "visit", "--person=王芳", "--visitor", "李强", "--visitor", "张伟"],
            (
                "add_record",
                {"kind": KINDS["visit"], "given": {"person": "王芳", "visitors": ("李强", "张伟")}},
            ),
        ),
        (
            ["add", "talk", "--person", "王芳", "--follow-up-done", "--note", ""],
            (
                "add_record",
                {
                    "kind": KINDS["talk"],
                    "given": {"person": "王芳", "follow_up_done": True, "note": ""},
                },
            ),
        ),
        (
            ["list", "--since", "2026-03-01", "study", "--json"],
            listing("study", since="2026-03-01", as_json=True),
        ),
        (["list", "学习", "--until=-3"], listing("学习", until="-3")),
        (
            ["export", "-o", "out.json", "--kind", "study", "--kind=talk", "--format", "csv"],
            (
                "export_file",
                {
                    "output": "out.json",
                    "kinds": ("study", "talk"),
                    "since": None,
                    "until": None,
                    "fmt": "csv",
                },
            ),
        ),
        (
            ["export", "--since=2026-01-01"],
            (
                "export_file",
                {"output": None, "kinds": (), "since": "2026-01-01", "until": None, "fmt": "json"},
            ),
        ),
        (
            ["import", "--dry-run", "in.json"],
            ("import_file", {"file": "in.json", "dry_run": True}),
        ),
        (["today"], ("today_banner", {})),
        (["undo"], ("undo_newest", {})),
        (["check"], ("check_file", {"every_record": False})),
        (["check", "--records"], ("check_file", {"every_record": True})),
    ],
)
def test_the_lane_takes_the_plain_forms(
    words: list[str], reading: tuple[str, dict[str, Any]], data_file: Path
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
        ["export", "-o=out.json"],  # click reads "=out.json"
        ["export", "-oout.json"],
        ["export", "-o", "."],  # a folder
        ["export", "-o", ""],
        ["export", "--format", "JSON"],
        ["export", "extra"],
        ["import"],
        ["import", "a.json", "b.json"],
        ["import", "."],
        ["import", "a.json", "--dry-run=yes"],
        ["today", "--help"],
        ["check", "--records=1"],
        ["check", "extra"],
        ["today", "extra"],
        ["show"],
        ["show", "--help"],
        ["undo", "--list"],
        ["undo", "extra"],
        ["report", "--month", "2026-03"],
    ],
)
def test_the_lane_leaves_the_rest_to_click(words: list[str]) -> None:
    assert lanes_reading(words) is None


def with_ids(words: list[str]) -> list[str]:
    """`words` with STUDY, TALK and VISIT replaced by the id of that record in the data file."""
    ids = {kind.upper(): ident for ident, kind in IDS.items()}
    return [ids.get(word, word) for word in words]


@pytest.mark.parametrize(
    ("words", "clear", "given"),
    [
        (["edit", "STUDY", "--points", "7"], (), {"points": "7"}),
        (
            ["edit", "TALK", "--clear", "follow-up-due", "--note=x", "--clear", "note"],
            ("follow-up-due", "note"),
            {"note": "x"},
        ),
        (
            ["edit", "VISIT", "--visitor", "王芳", "--follow-up-done"],
            (),
            {"visitors": ("王芳",), "follow_up_done": True},
        ),
    ],
)
def test_the_lane_reads_edit_once_its_record_is_found(
    words: list[str], clear: tuple[str, ...], given: dict[str, Any], data_file: Path
) -> None:
    words = with_ids(words)
    reading = lanes_reading(words, data_file)
    assert reading is not None and reading[0] == "edit_record"
    assert reading[1]["found"].record["id"].startswith(words[1])
    assert (reading[1]["clear"], reading[1]["given"]) == (clear, given)
    assert clicks_reading(words, data_file) == reading


@pytest.mark.parametrize(
    ("words", "reading"),
    [
        (["delete", "STUDY", "--yes"], ("delete_record", {"reference": "STUDY", "yes": True})),
        (["delete", "-y", "TALK"], ("delete_record", {"reference": "TALK", "yes": True})),
        (["done", "TALK"], ("mark_done", {"reference": "TALK"})),
        (["show", "VISIT"], ("show_record", {"reference": "VISIT"})),
        (["show", "nothing"], ("show_record", {"reference": "nothing"})),  # refused by either
    ],
)
def test_the_lane_takes_delete_yes_done_and_show(
    words: list[str], reading: Reading, data_file: Path
) -> None:
    words = with_ids(words)
    reading = (reading[0], {**reading[1], "reference": with_ids([reading[1]["reference"]])[0]})
    assert lanes_reading(words, data_file) == reading
    assert clicks_reading(words, data_file) == reading


@pytest.mark.parametrize(
    "words",
    [
        ["edit", "STUDY"],  # nothing to change: click says so
        ["edit", "STUDY", "--topic", "x"],  # another kind's option
        ["edit", "STUDY", "--points"],
        ["edit", "STUDY", "--points", "1", "--points", "2"],
        ["edit", "STUDY", "--help"],
        ["edit", "nothing", "-h"],  # click shows the help, whatever the ID names
        ["edit", "--points", "5", "STUDY"],  # the ID after its options
        ["edit", "STUDY", "extra", "--points", "1"],
        ["edit", "TALK", "--follow-up-done=1"],
        ["delete", "STUDY"],  # click asks first
        ["delete", "STUDY", "--yes=1"],
        ["delete", "STUDY", "TALK", "--yes"],
        ["delete", "STUDY", "-yy"],
        ["done"],
        ["done", "TALK", "VISIT"],
        ["done", "--help"],
        ["done", "TALK", "--yes"],
        ["show", "TALK", "VISIT"],
        ["show", "TALK", "--help"],
    ],
)
def test_the_lane_leaves_other_record_commands_to_click(words: list[str], data_file: Path) -> None:
    assert lanes_reading(with_ids(words), data_file) is None


def click_options(command: click.Command) -> dict[str, tuple[str | None, bool, bool]]:
    """Each option of `command` (each of its names): the parameter it sets, whether it is a flag,
    whether it may be given more than once."""
    return {
        opt: (param.name, param.is_flag, param.multiple)
        for param in command.params
        if isinstance(param, click.Option) and not param.hidden and param.name != "help"
        for opt in param.opts
    }


def test_the_lane_knows_the_options_click_has() -> None:
    """Each `add KIND`'s options, `edit`'s on a record of each kind, and those of the other
    commands of the lane, as click has them."""
    context = click.Context(tui.cli.cli)
    add_group = tui.cli.cli.get_command(context, "add")
    assert isinstance(add_group, click.Group)
    for name, kind in KINDS.items():
        command = add_group.get_command(context, name)
        assert command is not None
        expected = {
            f.option: (f.name, f.type == "bool", f.type in {"names", "items"}) for f in kind.fields
        } | {NOTE_OPTION: ("note", False, False)}
        assert click_options(command) == expected
        edit = tui.cli.cli.get_command(context, "edit")
        assert edit is not None
        of_record = click.Command(
            "edit", params=[*tui.cli.record_options(kind, True), *edit.params]
        )
        values, flags, repeats = option_tables(kind, editing=True)
        assert click_options(of_record) == {
            **{option: (name, False, name in repeats) for option, name in values.items()},
            **{option: (name, True, False) for option, name in flags.items()},
        }
    for name, values, flags, repeats in (
        ("delete", {}, DELETE_FLAGS, set()),
        ("done", {}, {}, set()),
        ("show", {}, {}, set()),
        ("list", LIST_OPTIONS, LIST_FLAGS, set()),
        ("export", EXPORT_OPTIONS, {}, {"kinds"}),
        ("import", {}, IMPORT_FLAGS, set()),
        ("check", {}, CHECK_FLAGS, set()),
        ("today", {}, {}, set()),
    ):
        command = tui.cli.cli.get_command(context, name)
        assert command is not None
        assert click_options(command) == {
            **{option: (name, False, name in repeats) for option, name in values.items()},
            **{option: (name, True, False) for option, name in flags.items()},
        }


@pytest.mark.parametrize(
    ("args", "broken", "code"),
    [
        (["add", "study", "--points", "x"], False, 1),
        (["add", "talk", "--person", "王芳", "--campaign-id", "zzzz"], False, 1),
        (["list", "study", "--since", "someday"], False, 1),
        (["export", "--kind", "nope"], False, 1),
        (["export", "-o", "out.json", "--until", "someday"], False, 1),
        (["import", "missing.json"], False, 1),
        (["edit", "ADDED", "--points", "x"], False, 1),
        (["edit", "ADDED", "--clear", "points"], False, 1),  # a field that must have a value
        (["edit", "zzzz", "--points", "5"], False, 1),
        (["delete", "zzzz", "--yes"], False, 1),
        (["done", "ADDED"], False, 1),  # a study day has no follow-up
        (["show", "zzzz"], False, 1),
        (["show", "ADDED"], True, 3),
        (["undo"], True, 3),
        (["add", "study", "--points", "5"], True, 3),
        (["edit", "zzzz", "--points", "5"], True, 3),
        (["done", "zzzz"], True, 3),
        (["list", "study"], True, 3),
        (["export", "-o", "out.json"], True, 3),
    ],
)
def test_a_failure_in_the_lane_reads_as_through_click(
    run_cadre: Callable[..., subprocess.CompletedProcess[str]],
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    broken: bool,
    code: int,
) -> None:
    """A value that does not parse, or a data file that cannot be trusted: the lane says what
    click says, with its exit code; the data file is unchanged and no export is written."""
    added = run_cadre("add", "study", "--points", "5", "--date", "2026-03-01")
    assert added.returncode == 0
    args = [str(tmp_path / arg) if arg.endswith(".json") else arg for arg in args]
    args = [added.stdout.strip()[:8] if arg == "ADDED" else arg for arg in args]
    if broken:
        db.write_bytes(db.read_bytes()[:-20])
    before = db.read_bytes()
    quick = run_cadre(*args)
    assert quick.returncode == code and quick.stdout == ""
    assert quick.stderr and "Traceback" not in quick.stderr
    monkeypatch.setenv("CADRE_DB", str(db))
    monkeypatch.setenv("CADRE_TODAY", "2026-03-18")
    capsys.readouterr()
    assert tui.cli.run(args) == code
    assert capsys.readouterr() == ("", quick.stderr)
    assert db.read_bytes() == before and not (tmp_path / "out.json").exists()
