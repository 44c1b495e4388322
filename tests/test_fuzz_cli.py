"""Random argument lists to every CLI command (hypothesis, bounded): in-process through
`tui.cli.run`, the very handling `cadre` runs, and a few through the real `cadre`.

The arguments are mostly well formed (each option with a value, often one its field accepts), so
that the commands get past click to their own checks and writes; some are any words at all.
None may give a traceback or an "internal error", exit other than 0-3, or change the data file
unless it exits 0 (and then every record in it still keeps the rules)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import click
import pytest
from cli_support import CADRE, TODAY, TODAY_TEXT, cadre_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import LINK, field_value

from tui.cli import FieldOption, cli, record_options, run
from tui.core.import_checks import invalid_in
from tui.core.records import KINDS
from tui.core.store import Store

FEW = settings(max_examples=24, deadline=None, suppress_health_check=list(HealthCheck))
FEWER = settings(FEW, max_examples=6)  # each a real process
FAILURES = ("Traceback", "internal error", "内部错误")

# No "/" anywhere: every path an argument names stays inside the test's own folders.
words = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), max_size=12
)
hostile = st.sampled_from(["\x1b]0;x\x07", "\x1b[2J", "\u202e", "\udcff", "\x9b", " ", ""])
plausible = st.sampled_from(
    [
        *KINDS,
        "today", "yesterday", "昨天", "2026-03-18", "2026-02-30", "0001-01-01", "9999-12-31",
        "2026-03", "0001-01", "9999-12", "13", "0", "-1", "38", "3.5", "0.005", "1e3",
        "99999999999999999999", "json", "csv", "xlsx", "text", "markdown", "zh", "en", "auto",
        "拔河", "住院", "党课", "谈心月", "每日答题=5", "x=1", "study_target", "upcoming_days",
        "sports", "occasions", "study_items", "language", "timezone", "Asia/Shanghai", "note",
        "amount", "points", "--", "-", "out.json", "cadre.json", "backups", ".", "..",
    ]
)  # fmt: skip
values = st.one_of(words, hostile, plausible, st.integers(-(10**20), 10**20).map(str))


def command_paths(group: click.Group, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command and group under `group`, as the words that name it."""
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from command_paths(command, (*path, name))


PATHS = list(command_paths(cli))


def command_at(path: tuple[str, ...]) -> click.Command:
    """The command that the words `path` name."""
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(click.Context(command), name)
        assert found is not None
        command = found
    return command


def field_text(option: FieldOption, campaign: str) -> st.SearchStrategy[str]:
    """What a user could type for the field: a valid value as the field shows it."""
    valid = field_value(option.field).map(
        lambda value: campaign if value == LINK else option.field.show(value)
    )
    return valid.map(lambda text: text.replace("/", "-").replace("\x00", ""))


def option_words(param: click.Option, ids: dict[str, str]) -> st.SearchStrategy[list[str]]:
    """The option as typed: its name, then (unless a flag) a value, two times in three one it
    takes (a field's, a choice); a required field's option is there more often than not."""
    name = st.sampled_from([*param.opts, *param.secondary_opts])
    if param.is_flag:
        return st.just([]) | name.map(lambda option: [option])
    junk = st.one_of(values, st.sampled_from(list(ids.values()))).map(str)  # one branch
    if isinstance(param, FieldOption):
        takes = field_text(param, ids["campaign"])
    elif isinstance(param.type, click.Choice):
        takes = st.sampled_from([str(choice) for choice in param.type.choices])
    else:
        takes = plausible
    given = st.tuples(name, st.one_of(takes, takes, junk)).map(list)
    required = isinstance(param, FieldOption) and param.field.required
    return given if required else st.just([]) | given


def arguments(path: tuple[str, ...], ids: dict[str, str]) -> st.SearchStrategy[list[str]]:
    """Argument lists for the command at `path`: mostly its arguments then its options with
    values (`edit` an id, then the options of that record's kind); else any of its option names
    and any words, in any order."""
    if path == ("edit",):
        return st.sampled_from(list(ids)).flatmap(lambda kind: edit_arguments(kind, ids))
    references = st.sampled_from(list(ids.values())).flatmap(
        lambda i: st.sampled_from([i, i[:4], i[:8]])
    )
    anything = st.one_of(values, references)
    command = command_at(path)
    arguments = [anything for p in command.params if isinstance(p, click.Argument)]
    options = [option_words(p, ids) for p in command.params if isinstance(p, click.Option)]
    well_formed = st.tuples(*arguments, *options).map(
        lambda parts: [
            word for part in parts for word in ([part] if isinstance(part, str) else part)
        ]
    )
    names = sorted({"--help", *(o for p in command.params for o in (*p.opts, *p.secondary_opts))})
    loose = st.lists(st.sampled_from(names) | anything, max_size=7)
    return st.one_of(well_formed, well_formed, well_formed, loose)


def edit_arguments(kind: str, ids: dict[str, str]) -> st.SearchStrategy[list[str]]:
    """`edit ID …` for the record of `kind`: its options, and --clear with a field or a word."""
    options = [option_words(p, ids) for p in record_options(KINDS[kind], editing=True)]
    fields = st.sampled_from([f.option[2:] for f in KINDS[kind].fields] + ["note"]) | values
    clear = st.just([]) | fields.map(lambda field: ["--clear", field])
    return st.tuples(st.just([ids[kind][:8]]), *options, clear).map(
        lambda parts: [word for part in parts for word in part]
    )


def seeded(folder: Path) -> tuple[Path, dict[str, str]]:
    """A data file holding a record of every kind (with its journal and backups), and their ids
    by kind."""
    db = folder / "cadre.json"
    store = Store(db, today=TODAY)

    def campaign(kind: str, title: str) -> str:
        values = {"kind": kind, "title": title, "start": "2026-03", "end": "2026-04"}
        return store.add("campaign", values | {"monthly_quota": 2})["id"]

    essays, talks = campaign("essay", "征文季"), campaign("talk", "谈心月")
    made = {
        "study": {"date": TODAY_TEXT, "points": 5, "items": {"每日答题": 5}},
        "session": {"date": "2026-03-02", "kind": "党课", "topic": "党章"},
        "essay": {"campaign_id": essays, "title": "初心", "date": "2026-03-03"},
        "talk": {"campaign_id": talks, "person": "赵敏", "date": TODAY_TEXT},
        "event": {"date": "2026-03-05", "sport": "拔河"},
        "visit": {"person": "王芳", "occasion": "住院", "date": "2026-03-10"},
        "person": {"name": "李强", "birthday": "03-20"},
    }
    ids = {kind: store.add(kind, values)["id"] for kind, values in made.items()}
    return db, ids | {"campaign": talks}


@contextmanager
def captured() -> Iterator[tuple[io.BytesIO, io.BytesIO]]:
    """stdout and stderr as a process has them (bytes underneath; stdin no terminal)."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="surrogateescape", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True)
    stdin, sys.stdin = sys.stdin, io.StringIO("")
    try:
        with redirect_stdout(stdout), redirect_stderr(stderr):
            yield out, err
    finally:
        sys.stdin = stdin


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, dict[str, str]]:
    """A seeded data folder kept aside, the data file the commands use, and the records' ids.
    The commands run in tmp_path: what they write by a relative name stays there."""
    base, ids = seeded(tmp_path / "base")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CADRE_TODAY", TODAY_TEXT)
    monkeypatch.setenv("CADRE_LOCK_TIMEOUT", "1")
    return base.parent, tmp_path / "data" / "cadre.json", ids


def fresh(base: Path, db: Path) -> bytes:
    """The seeded folder copied to the data file's place; the file's bytes."""
    shutil.rmtree(db.parent, ignore_errors=True)
    shutil.copytree(base, db.parent)
    return db.read_bytes()


@pytest.mark.parametrize("path", [(), *PATHS], ids=lambda path: " ".join(path) or "cadre")
@FEW
@given(data=st.data())
def test_random_arguments_never_break_a_command(
    workspace: tuple[Path, Path, dict[str, str]], path: tuple[str, ...], data: st.DataObject
) -> None:
    base, db, ids = workspace
    before = fresh(base, db)
    args = data.draw(arguments(path, ids))
    with captured() as (out, err):
        code = run(["--db", str(db), *path, *args])
        said = (out.getvalue() + err.getvalue()).decode(errors="replace")
    assert code in (0, 1, 2, 3), said
    assert not [failure for failure in FAILURES if failure in said], said
    if code != 0:
        assert db.read_bytes() == before, said
    after = Store(db)
    assert invalid_in(after.data, after.settings) == [], said


@FEWER
@given(data=st.data())
def test_random_arguments_never_break_the_real_cadre(
    workspace: tuple[Path, Path, dict[str, str]], data: st.DataObject
) -> None:
    base, db, ids = workspace
    before = fresh(base, db)
    path = data.draw(st.sampled_from(PATHS))
    args = [arg.encode(errors="surrogateescape") for arg in data.draw(arguments(path, ids))]
    done = subprocess.run(
        [*CADRE, *path, *args],
        env=cadre_env(db, CADRE_LOCK_TIMEOUT="1"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=60,
        cwd=os.getcwd(),
    )
    said = (done.stdout + done.stderr).decode(errors="replace")
    assert done.returncode in (0, 1, 2, 3), said
    assert not [failure for failure in FAILURES if failure in said], said
    if done.returncode != 0:
        assert db.read_bytes() == before, said
