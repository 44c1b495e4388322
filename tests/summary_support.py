"""What the tests of the summary beside the data file share: a private copy of the demo, a
planted value nobody could work out from the file, and every way the file can change behind it."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import orjson
import pendulum
from cli_support import RunCadre

from tui.core import today
from tui.core.store import Store

DEMO = Path(str(resources.files("tui.data").joinpath("demo.json")))
DEMO_TODAY = pendulum.date(2026, 11, 27)
FIXTURES = Path(__file__).parent / "fixtures"


def copy_demo(folder: Path) -> Path:
    """The demo file, 0600, in a new 0700 `folder`."""
    folder.mkdir(mode=0o700)
    db = folder / "cadre.json"
    shutil.copyfile(DEMO, db)
    os.chmod(db, 0o600)
    return db


def summarise(store: Store, day: pendulum.Date) -> None:
    """What `cadre today` does after printing: keep the coming days beside the file."""
    today.write_summary(store, store.storage.signature(), today.coming_days(store, day))


def plant(db: Path, day: str, **held: object) -> None:
    """Put values nobody could work out from the file into what the summary holds for `day`."""
    path = Path(today.summary_path(db))
    summary = orjson.loads(path.read_bytes())
    summary["days"][day] |= held
    path.write_bytes(orjson.dumps(summary))


def hand_edit(db: Path, run_cadre: RunCadre) -> None:
    raw = json.loads(db.read_bytes())
    next(iter(raw["study"].values()))["points"] = 1
    db.write_text(json.dumps(raw, ensure_ascii=False))


def another_writer(db: Path, run_cadre: RunCadre) -> None:
    Store(db, today=DEMO_TODAY).add("person", {"name": "新同事", "birthday": "11-28"})


def restore(db: Path, run_cadre: RunCadre) -> None:
    Store(db, today=DEMO_TODAY).add("person", {"name": "新同事", "birthday": "11-28"})
    backup = sorted((db.parent / "backups").iterdir())[-1]
    assert run_cadre("restore", str(backup), path=db).returncode == 0


def older_version(db: Path, run_cadre: RunCadre) -> None:
    shutil.copyfile(FIXTURES / "schema1.json", db)


def same_size_same_second(db: Path, run_cadre: RunCadre) -> None:
    """The same number of bytes written in place (a new mtime_ns, same inode and size)."""
    raw = db.read_bytes()
    with open(db, "r+b") as handle:
        handle.write(raw.replace(b'"points": 3', b'"points": 4', 1))


CHANGES: list[Callable[[Path, RunCadre], None]] = [
    hand_edit,
    another_writer,
    restore,
    older_version,
    same_size_same_second,
]
