"""Every exit-3 message, in zh and en, says what happened once: only a file whose content cannot
be used names the newest backup and `cadre restore`; the others never advise a restore.

Messages of a held lock, a full disk, a size limit, a read-only file and a damaged backup are
asserted word for word in the other test_hardening_* files; here are the rest, and the rule."""

from __future__ import annotations

import errno
import fcntl
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pendulum
import pytest

from tui.core.i18n import set_language
from tui.core.storage import DAMAGED, DataFileError, list_backups
from tui.core.store import Store

TODAY = pendulum.date(2026, 3, 18)
Run = Callable[..., subprocess.CompletedProcess[str]]
UNCHANGED = (
    "as it was",
    "not changed",
    "Nothing was saved",
    "untouched",
    "保持原样",
    "未改动",
    "未能保存",
)


def with_backup(db: Path) -> Path:
    """A file changed on two days; returns its one backup."""
    Store(db, today=TODAY.subtract(days=1)).add("study", {"points": 1})
    Store(db, today=TODAY).add("study", {"points": 2})
    return list_backups(db)[0]


def empty(db: Path) -> Callable[[], object]:
    with_backup(db)
    db.write_bytes(b"")
    return lambda: Store(db).records("study")


def newer(db: Path) -> Callable[[], object]:
    with_backup(db)
    db.write_bytes(b'{"_meta": {"1": {"schema_version": 99}}}')
    return lambda: Store(db).add("study", {"points": 3})


def symlink(db: Path) -> Callable[[], object]:
    real = with_backup(db).with_name("elsewhere.json")
    db.rename(real)
    db.symlink_to(real)
    return lambda: Store(db).add("study", {"points": 3})


def stranger(db: Path) -> Callable[[], object]:
    with_backup(db)
    os.chown(db, 65534, 65534)
    return lambda: Store(db).records("study")


def folder_in_place(db: Path) -> Callable[[], object]:
    with_backup(db)
    db.unlink()
    db.mkdir()
    return lambda: Store(db).records("study")


def no_locks(db: Path) -> Callable[[], object]:
    with_backup(db)

    def refuse(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    def add() -> None:
        with pytest.MonkeyPatch.context() as patch:  # a file system without flock (some NFS)
            patch.setattr(fcntl, "flock", refuse)
            Store(db).add("study", {"points": 3})

    return add


def read_only(db: Path) -> Callable[[], object]:
    with_backup(db)
    db.chmod(0o400)
    return lambda: Store(db).save_settings({"study_target": 40})


MESSAGES = {
    "empty": (
        empty,
        "Cannot use the data file {db}: the file is empty (0 bytes). Newest good backup: {backup}"
        " (cadre restore brings it back).",
        "无法使用数据文件 {db}：文件是空的（0 字节）。最新的可用备份：{backup}"
        "（可用 cadre restore 恢复）。",
    ),
    "newer": (
        newer,
        "Cannot use the data file {db}: its schema version 99 is newer than this cadre supports"
        " (2); upgrade cadre. Newest good backup: {backup} (cadre restore brings it back).",
        "无法使用数据文件 {db}：它的数据版本 99 比本程序支持的 2 新；请升级 cadre。最新的可用备份："
        "{backup}（可用 cadre restore 恢复）。",
    ),
    "symlink": (
        symlink,
        "Cannot use the data file {db}: it is a symbolic link; cadre will not write through it.",
        "无法使用数据文件 {db}：它是一个符号链接，拒绝通过链接写入。",
    ),
    "stranger": (
        stranger,
        "Cannot use the data file {db}: it belongs to another user (uid 65534).",
        "无法使用数据文件 {db}：它属于另一个用户（uid 65534）。",
    ),
    "folder": (
        folder_in_place,
        "Cannot use the data file {db}: it is not a regular file.",
        "无法使用数据文件 {db}：它不是普通文件。",
    ),
    "no locks": (
        no_locks,
        "Nothing was saved to {db}: this file system does not support locking (No locks available);"
        " keep the data file on a local disk.",
        "未能保存到 {db}：此文件系统不支持文件锁（No locks available），请把数据文件放在本地磁盘上。",
    ),
    "read-only": (
        read_only,
        "Nothing was saved to {db}: it is read-only (mode 0400); to change it, make it writable"
        " first (chmod u+w).",
        "未能保存到 {db}：它是只读的（权限 0400）；要修改，请先让它可写（chmod u+w）。",
    ),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(MESSAGES))
def test_each_message_says_what_happened_once(db: Path, name: str, lang: str) -> None:
    make, english, chinese = MESSAGES[name]
    action = make(db)
    set_language(lang)
    with pytest.raises(DataFileError) as caught:
        action()
    message = str(caught.value)
    backup = list_backups(db)[0] if list_backups(db) else None
    expected = english if lang == "en" else chinese
    assert message == expected.format(db=db, backup=backup)
    advises = "cadre restore" in message
    assert advises == (caught.value.situation == DAMAGED)
    assert sum(message.count(words) for words in UNCHANGED) <= 1


def test_the_cli_prints_one_line_with_exit_3(run_cadre: Run, db: Path) -> None:
    with_backup(db)
    db.write_bytes(b"\x00 not json")
    done = run_cadre("add", "study", "--points", "3")
    assert done.returncode == 3
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: Cannot use the data")
