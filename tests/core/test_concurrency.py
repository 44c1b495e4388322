"""No lost updates between real processes: two writers add 150 study records each at once,
with and without a third process listing the file in a loop; all 300 are there afterwards.

Each `cadre add` is a fresh read-modify-write; one variant pits it against a long-lived Store."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.core.records import KINDS
from tui.core.store import Store, merge_settings

DRIVE = Path(__file__).with_name("drive.py")
PER_WRITER = 150


def start(mode: str, *args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(DRIVE), mode, *args],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize(
    ("modes", "with_reader"),
    [(("adds", "store-adds"), False), (("adds", "adds"), True)],
    ids=["cadre add + long-lived Store", "cadre add x2 + cadre list"],
)
def test_two_writers_lose_nothing(
    db: Path, make_env: Callable[..., dict[str, str]], modes: tuple[str, str], with_reader: bool
) -> None:
    env = make_env(db)
    writers = [
        start(mode, str(n * PER_WRITER), str(PER_WRITER), env=env) for n, mode in enumerate(modes)
    ]
    reader = start("lists", env=env) if with_reader else None
    for writer in writers:  # both are imported and waiting: let them go at the same moment
        writer.stdin.write("go\n")
    for writer in writers:
        writer.stdin.flush()
    results = [writer.communicate(timeout=120) for writer in writers]
    for writer, (out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err
        assert "Traceback" not in err
        assert len(out.split()) == PER_WRITER
    if reader is not None:
        out, err = reader.communicate(input="", timeout=60)
        assert reader.returncode == 0, err
        reads, last_seen = (int(n) for n in out.split())
        assert reads > 0 and last_seen == 2 * PER_WRITER
    acknowledged = {line for out, _ in results for line in out.split()}
    stored = Store(db).records("study")
    assert {r["id"] for r in stored} == acknowledged
    assert len({r["date"] for r in stored}) == 2 * PER_WRITER
    settings = merge_settings(None)
    assert all(KINDS["study"].validate(r, settings) == [] for r in stored)
    on_disk = json.loads(db.read_bytes())
    assert len(on_disk["study"]) == 2 * PER_WRITER
