"""The core commands in real processes: add, list, check, backups and restore, exit codes 0-3.

Refused input and unusable files are checked byte for byte: nothing may change on disk."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pendulum
import pytest

from tui import __version__
from tui.core.store import Store

Run = Callable[..., subprocess.CompletedProcess[str]]
RunMany = Callable[..., list[subprocess.CompletedProcess[str]]]
TODAY = pendulum.date(2026, 3, 18)  # CADRE_TODAY of the run_cadre fixture


def clean(process: subprocess.CompletedProcess[str]) -> None:
    """No traceback in anything the user sees."""
    assert "Traceback" not in process.stdout + process.stderr


def snapshot(db: Path) -> dict[str, bytes]:
    """Every file in the data folder (the lock file aside) and its bytes."""
    return {
        str(p.relative_to(db.parent)): p.read_bytes()
        for p in sorted(db.parent.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


# adding and listing --------------------------------------------------------------------


def test_add_prints_the_id_and_list_shows_the_record(run_cadre: Run, db: Path) -> None:
    added = run_cadre("add", "study", "--points", "38", "--date", "yesterday", "--note", "通勤路上")
    assert added.returncode == 0, added.stderr
    record_id = added.stdout.strip()
    assert Store(db).get("study", record_id)["date"] == "2026-03-17"
    table = run_cadre("list", "study")
    assert table.returncode == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["id", "date", "points", "total", "note"]
    assert lines[1].split() == [record_id[:8], "2026-03-17", "38", "通勤路上"]
    listed = json.loads(run_cadre("list", "study", "--json").stdout)
    assert listed == [Store(db).get("study", record_id)]
    assert list(listed[0]) == [
        "id",
        "date",
        "points",
        "total",
        "items",
        "note",
        "created_at",
        "updated_at",
    ]


def test_every_kind_can_be_added_from_the_command_line(run_cadre: Run, db: Path) -> None:
    def add(*args: str) -> str:
        done = run_cadre("add", *args)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    essays = add(
        "campaign",
        "--kind",
        "essay",
        "--title",
        "我与党旗",
        "--start",
        "2026-1",
        "--end",
        "2026-6",
        "--monthly-quota",
        "2",
    )
    talks = add(
        "campaign",
        "--kind",
        "talk",
        "--title",
        "谈心",
        "--start",
        "2026-01",
        "--end",
        "2026-12",
        "--monthly-quota",
        "4",
        "--organizer",
        "机关党委",
    )
    ids = {
        "study": add(
            "study", "--item", "每日答题=5", "--item", "四人赛=10, 登录=1", "--total", "5021"
        ),
        "session": add(
            "session", "--kind", "党课", "--topic", "学习", "--hours", "1.5", "--date", "3-10"
        ),
        "essay": add(
            "essay",
            "--campaign-id",
            essays,
            "--title",
            "初心",
            "--words",
            "2400",
            "--status",
            "获奖",
            "--award",
            "二等",
        ),
        "talk": add(
            "talk",
            "--campaign-id",
            talks,
            "--person",
            "张伟",
            "--follow-up-due",
            "2026-03-25",
            "--follow-up-done",
        ),
        "event": add(
            "event", "--sport", "拔河", "--time", "9:30", "--rank", "1", "--result", "2:1"
        ),
        "visit": add(
            "visit",
            "--person",
            "王芳",
            "--occasion",
            "住院",
            "--date",
            "2026-03-01",
            "--amount",
            "500",
            "--visitor",
            "李强",
            "--visitor",
            "张伟",
        ),
        "person": add("person", "--name", "李强", "--birthday", "2-29", "--phone", "138"),
    }
    store = Store(db)
    assert store.get("study", ids["study"])["points"] == 16
    assert store.get("study", ids["study"])["items"] == {"每日答题": 5, "四人赛": 10, "登录": 1}
    assert store.get("session", ids["session"])["date"] == "2026-03-10"
    assert store.get("essay", ids["essay"])["campaign_id"] == essays
    talk = store.get("talk", ids["talk"])
    assert (talk["follow_up_done"], talk["follow_up_due"], talk["date"]) == (
        True,
        "2026-03-25",
        "2026-03-18",
    )
    assert store.get("event", ids["event"])["time"] == "09:30"
    assert store.get("visit", ids["visit"])["visitors"] == ["李强", "张伟"]
    assert store.get("visit", ids["visit"])["amount"] == "500"
    assert store.get("person", ids["person"])["birthday"] == "02-29"
    assert store.get("campaign", essays)["start"] == "2026-01"
    assert store.get("session", ids["session"])["role"] == "参加"  # the first of its category


def test_list_filters_by_date(run_cadre: Run, db: Path) -> None:
    store = Store(db, today=TODAY)
    for day in ("2026-02-27", "2026-03-01", "2026-03-05", "2026-03-18"):
        store.add("study", {"date": day, "points": 1})
    listed = json.loads(
        run_cadre("list", "study", "--json", "--since", "3-1", "--until", "-13").stdout
    )
    assert [r["date"] for r in listed] == ["2026-03-01", "2026-03-05"]
    assert run_cadre("list", "session").stdout.strip() == "(no records)"


def test_db_option_wins_over_the_environment(run_cadre: Run, db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other" / "mine.json"
    assert run_cadre("--db", str(other), "add", "study", "--points", "5").returncode == 0
    assert other.exists() and not db.exists()


def test_version(run_cadre: Run) -> None:
    done = run_cadre("--version")
    assert done.returncode == 0 and __version__ in done.stdout


def test_text_from_a_record_cannot_steer_the_terminal(run_cadre: Run, db: Path) -> None:
    hostile = "\x1b]0;owned\x07\x1b[2J\u202e"
    assert run_cadre("add", "person", "--name", hostile).returncode == 0
    assert Store(db).records("person")[0]["name"] == hostile  # stored exactly as given
    for args in (("list", "person"), ("list", "person", "--json")):
        shown = run_cadre(*args).stdout
        assert "\x1b" not in shown and "\u202e" not in shown and "\x07" not in shown


# refused input: exit 1, the field named, nothing changed ------------------------------

BAD_INPUT: list[tuple[tuple[str | bytes, ...], str]] = [
    (("add", "study", "--points", "-5"), "--points"),
    (("add", "study", "--points", "abc"), "--points"),
    (("add", "study", "--points", "99999999999999999999999"), "--points"),
    (("add", "study", "--points", "5", "--date", "2026-13-45"), "--date"),
    (("add", "study", "--points", "5"), "--date"),  # a second record for today
    (("add", "foo"), "kind"),
    (("list", "foo"), "kind"),
    (("add", "study", "--item", "不存在=3", "--date", "-1"), "--item"),
    (("add", "study", "--item", "登录=3", "--date", "-1"), "--item"),
    (("add", "study", "--item", "每日答题", "--date", "-1"), "--item"),
    (("add", "person", "--name", " "), "--name"),
    (("add", "person", "--name", b"\xff\xfe"), "--name"),  # not UTF-8
    (("add", "person", "--name", "李强", "--birthday", "02-30"), "--birthday"),
    (("add", "visit", "--person", "王芳", "--occasion", "搬家"), "--occasion"),
    (("add", "visit", "--person", "王芳", "--occasion", "住院", "--amount", "5e2"), "--amount"),
    (("add", "event", "--sport", "拔河", "--time", "25:00"), "--time"),
    (
        (
            "add",
            "campaign",
            "--kind",
            "essay",
            "--title",
            "t",
            "--start",
            "2026-06",
            "--end",
            "2026-01",
            "--monthly-quota",
            "1",
        ),
        "--end",
    ),
    (
        ("add", "essay", "--campaign-id", "0b3c6f7e-8f1a-4c2d-9e3f-1a2b3c4d5e6f", "--title", "x"),
        "--campaign-id",
    ),
    (("list", "study", "--since", "someday"), "--since"),
]


def test_refused_input_exits_1_naming_the_field_and_changes_nothing(
    db: Path, run_many: RunMany
) -> None:
    Store(db, today=TODAY).add("study", {"points": 30})
    Store(db, today=TODAY.subtract(days=1)).add("study", {"date": "2026-03-01", "points": 30})
    before = snapshot(db)
    results = run_many([args for args, _ in BAD_INPUT])
    for (args, field), done in zip(BAD_INPUT, results, strict=True):
        assert done.returncode == 1, (args, done.stderr)
        assert field in done.stderr, (args, done.stderr)
        assert done.stderr.startswith("error: "), (args, done.stderr)
        assert done.stdout == "", args
        clean(done)
    assert snapshot(db) == before


def test_refusals_are_in_chinese_with_lang_zh(db: Path, run_many: RunMany) -> None:
    Store(db, today=TODAY).add("study", {"points": 30})
    before = snapshot(db)
    by_option, by_env, kind = run_many(
        [
            ("--lang", "zh", "add", "study", "--points", "-5", "--date", "-1"),
            ("add", "study", "--points", "abc"),
            ("--lang", "zh", "list", "foo"),
        ],
        CADRE_LANG="zh",
    )
    assert by_option.returncode == 1
    assert by_option.stderr.strip() == "错误：--points (当日积分): 应为不小于 0 的整数"
    assert by_env.returncode == 1 and "应为整数" in by_env.stderr and "--points" in by_env.stderr
    assert kind.returncode == 1 and "未知的记录类别" in kind.stderr
    assert snapshot(db) == before


def test_usage_errors_exit_2(db: Path, run_many: RunMany) -> None:
    Store(db, today=TODAY).add("study", {"points": 30})
    before = snapshot(db)
    for done in run_many(
        [("add", "study", "--bogus", "1"), ("list",), ("--lang", "fr", "list", "study")]
    ):
        assert done.returncode == 2, (done.args, done.stderr)
        clean(done)
    assert snapshot(db) == before


# files cadre must not use: exit 3, the file named, byte-identical afterwards ------------

BAD_FILES = {
    "empty": (b"", "empty"),
    "garbage": (b"\x89PNG\r\n\x1a\n\x00\xff garbage", "not valid JSON"),
    "other json": (b'{"frames": [{"project": "x"}], "version": 3}', "not a cadre data file"),
    "newer": (b'{"_meta": {"1": {"schema_version": 999}}, "study": {}}', "schema version 999"),
}
COMMANDS = [("list", "study"), ("add", "study", "--points", "5"), ("check",)]


@pytest.mark.parametrize("name", list(BAD_FILES))
@pytest.mark.parametrize("with_backup", [False, True], ids=["no backup", "backup"])
def test_an_unusable_file_exits_3_and_is_left_alone(
    db: Path, run_many: RunMany, name: str, with_backup: bool
) -> None:
    raw, problem = BAD_FILES[name]
    if with_backup:
        Store(db, today=TODAY.subtract(days=1)).add("study", {"points": 1})
        Store(db, today=TODAY).add("study", {"points": 2})
        newest = sorted((db.parent / "backups").iterdir())[-1]
    db.parent.mkdir(mode=0o700, exist_ok=True)
    db.write_bytes(raw)
    before = snapshot(db)
    for done in run_many(COMMANDS):
        assert done.returncode == 3, (done.args, done.stderr)
        assert str(db) in done.stderr and problem in done.stderr, (done.args, done.stderr)
        if with_backup:
            assert str(newest) in done.stderr and "cadre restore" in done.stderr
        else:
            assert "no backup" in done.stderr
        assert len(done.stderr.strip().splitlines()) <= 2, done.stderr
        clean(done)
    assert snapshot(db) == before


def test_check_reports_a_good_file(run_cadre: Run, db: Path) -> None:
    assert run_cadre("check").returncode == 0  # no file yet: nothing wrong
    Store(db, today=TODAY).add("study", {"points": 2})
    Store(db, today=TODAY).add("person", {"name": "李强"})
    done = run_cadre("check")
    assert done.returncode == 0, done.stderr
    for line in (
        f"data file: {db}",
        "state: ok",
        "schema version: 2",
        "mode 0600",
        "study: 1",
        "person: 1",
        "lock: free",
    ):
        assert line in done.stdout


def test_check_lists_records_that_break_the_rules(run_cadre: Run, db: Path) -> None:
    good = Store(db, today=TODAY).add("study", {"points": 2})
    data = json.loads(db.read_bytes())
    data["study"]["2"] = good | {"id": "5d6c1a3e-0c1f-4f59-8a2b-3c4d5e6f7a8b", "points": -1}
    data["person"] = {"1": {"id": "\x1b[2J", "name": "李强"}}
    db.write_bytes(json.dumps(data, ensure_ascii=False).encode())
    before = db.read_bytes()
    quick = run_cadre("check")  # the file's structure only, within the read budget
    assert quick.returncode == 0 and "state: ok" in quick.stdout
    assert "problems" not in quick.stdout
    done = run_cadre("check", "--records")
    assert done.returncode == 0, done.stderr
    assert "2 records have problems:" in done.stdout
    assert (
        "study 5d6c1a3e-0c1f-4f59-8a2b-3c4d5e6f7a8b: points: expected an integer ≥ 0" in done.stdout
    )
    assert "person \\x1b[2J: note: is missing" in done.stdout
    assert "\x1b" not in done.stdout
    assert good["id"] not in done.stdout
    assert db.read_bytes() == before


def test_check_reports_a_dangling_link(run_cadre: Run, db: Path, tmp_path: Path) -> None:
    db.parent.mkdir(mode=0o700)
    db.symlink_to(tmp_path / "planted.json")
    done = run_cadre("check")
    assert done.returncode == 3 and "symbolic link" in done.stderr
    assert not (tmp_path / "planted.json").exists()


# permissions and links -----------------------------------------------------------------


def test_new_files_are_private(run_cadre: Run, db: Path) -> None:
    assert run_cadre("add", "study", "--points", "5", today="2026-03-01").returncode == 0
    assert run_cadre("add", "study", "--points", "5").returncode == 0
    backups = list((db.parent / "backups").iterdir())
    assert len(backups) == 1
    assert (mode(db.parent), mode(db), mode(db.with_name("cadre.json.lock"))) == (
        0o700,
        0o600,
        0o600,
    )
    assert (mode(backups[0].parent), mode(backups[0])) == (0o700, 0o600)


@pytest.mark.parametrize(
    "command", [("list", "study"), ("add", "study", "--points", "5", "--date", "-1")]
)
def test_a_loose_file_is_tightened_with_a_warning(
    run_cadre: Run, db: Path, command: tuple[str, ...]
) -> None:
    Store(db, today=TODAY).add("study", {"points": 2})
    db.chmod(0o644)
    done = run_cadre(*command)
    assert done.returncode == 0, done.stderr
    assert "warning" in done.stderr and "0644" in done.stderr and str(db) in done.stderr
    assert mode(db) == 0o600


def test_links_are_refused_and_never_written_through(
    db: Path, tmp_path: Path, run_many: RunMany
) -> None:
    elsewhere = tmp_path / "elsewhere" / "cadre.json"
    Store(elsewhere, today=TODAY).add("study", {"points": 1})
    kept = elsewhere.read_bytes()
    db.parent.mkdir(mode=0o700)
    db.symlink_to(elsewhere)
    other = tmp_path / "other" / "cadre.json"
    other.parent.mkdir(mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    other.with_name("cadre.json.lock").symlink_to(victim)
    results = run_many(
        [("add", "study", "--points", "5", "--date", "-1"), ("list", "study"), ("check",)]
    )
    results += run_many([("add", "study", "--points", "5")], path=other)
    for done in results:
        assert done.returncode == 3, (done.args, done.stderr)
        assert "symbolic link" in done.stderr
        clean(done)
    assert elsewhere.read_bytes() == kept and db.is_symlink()
    assert victim.read_text() == "precious" and not other.exists()


def hold_lock(db: Path) -> subprocess.Popen[str]:
    """Another process that takes the lock, says its pid and keeps the lock until stdin closes."""
    code = (
        "import fcntl, os, sys\n"
        "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "os.ftruncate(fd, 0); os.write(fd, f'{os.getpid()}\\n'.encode())\n"
        "print(os.getpid(), flush=True)\n"
        "sys.stdin.read()\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, str(db) + ".lock"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_a_held_lock_ends_in_exit_3_naming_the_holder(run_cadre: Run, db: Path) -> None:
    Store(db, today=TODAY).add("study", {"points": 1})
    before = snapshot(db)
    holder = hold_lock(db)
    try:
        pid = holder.stdout.readline().strip()
        done = run_cadre("add", "study", "--points", "5", "--date", "-1", CADRE_LOCK_TIMEOUT="1")
        listed = run_cadre("list", "study", "--json")  # reading needs no lock
        checked = run_cadre("check")
    finally:
        holder.communicate(input="", timeout=10)
    assert done.returncode == 3, done.stderr
    assert f"process {pid}" in done.stderr
    clean(done)
    assert len(json.loads(listed.stdout)) == 1
    assert f"lock: held by process {pid}" in checked.stdout
    assert snapshot(db) == before
    assert run_cadre("add", "study", "--points", "5", "--date", "-1").returncode == 0


# backups and restore -------------------------------------------------------------------


def test_backups_are_daily_kept_to_a_number_listed_and_restored(run_cadre: Run, db: Path) -> None:
    Store(db, today=pendulum.date(2026, 3, 1)).save_settings({"backups_keep": 2})
    for day in ("2026-03-02", "2026-03-02", "2026-03-03", "2026-03-04"):
        assert run_cadre("add", "person", "--name", day, today=day).returncode == 0
    listing = run_cadre("backups")
    assert listing.returncode == 0
    names = sorted(p.name for p in (db.parent / "backups").iterdir())
    assert [n.split("-")[1] for n in names] == ["20260303", "20260304"]
    assert all(name in listing.stdout for name in names)
    oldest = (db.parent / "backups" / names[0]).read_bytes()
    assert [p["name"] for p in json.loads(oldest)["person"].values()] == [
        "2026-03-02",
        "2026-03-02",
    ]

    db.write_bytes(b"\x00 broken")
    restored = run_cadre("restore", names[0], today="2026-03-05")
    assert restored.returncode == 0, restored.stderr
    assert db.read_bytes() == oldest
    assert len(json.loads(run_cadre("list", "person", "--json").stdout)) == 2
    kept = [p for p in (db.parent / "backups").iterdir() if "before-restore" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == b"\x00 broken"
    assert kept[0].name in run_cadre("backups").stdout
    assert mode(db) == 0o600


def test_restore_refuses_an_unknown_or_bad_backup(run_cadre: Run, db: Path, tmp_path: Path) -> None:
    Store(db, today=TODAY).add("study", {"points": 1})
    before = snapshot(db)
    unknown = run_cadre("restore", "cadre-19990101-000000-daily.json")
    assert unknown.returncode == 1 and "BACKUP" in unknown.stderr
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"[1, 2]")
    refused = run_cadre("restore", str(bad))
    assert refused.returncode == 3 and str(bad) in refused.stderr
    for done in (unknown, refused):
        clean(done)
    assert snapshot(db) == before
    assert run_cadre("backups").stdout.strip() == "no backups"


def test_check_tells_a_schema_1_file_from_its_migrated_view(run_cadre: Run, db: Path) -> None:
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "schema1.json"
    db.parent.mkdir(mode=0o700)
    db.write_bytes(fixture.read_bytes())
    db.chmod(0o600)
    older = run_cadre("check")
    assert older.returncode == 0, older.stderr
    assert "schema version: 1 (brought up to 2, after a backup, by the next change)" in older.stdout
    assert db.read_bytes() == fixture.read_bytes()
    assert run_cadre("add", "study", "--points", "3").returncode == 0
    assert "schema version: 2" in run_cadre("check").stdout.splitlines()
