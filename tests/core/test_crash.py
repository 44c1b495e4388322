"""Crash safety: a writer killed with SIGKILL at random moments, 50 times on one file.

After each kill the file parses (through the Store and as plain JSON) and holds a prefix of
the writes: every acknowledged record and nothing half-written. The undo journal beside it
reads, names only records that are in the file, and `cadre undo` then takes the newest away."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pendulum

from tui.core.journal import Journal
from tui.core.records import KINDS
from tui.core.store import Store, merge_settings

DRIVE = Path(__file__).with_name("drive.py")
KILLS = 50
BASE = pendulum.date(2000, 1, 1)  # the driver writes study N on BASE + N days


def test_sigkill_at_random_moments_never_loses_an_acknowledged_write(
    db: Path,
    make_env: Callable[..., dict[str, str]],
    run_cadre: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    seed = random.randrange(2**32)
    chance = random.Random(seed)
    zygote = subprocess.Popen(
        [sys.executable, str(DRIVE), "crash-writer"],
        env=make_env(db),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    settings = merge_settings(None)
    written = 0  # records in the file after the last round
    acknowledged: dict[int, str] = {}
    try:
        for kill in range(KILLS):
            zygote.stdin.write(f"go {written}\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline().split()[1])
            lines = [] if kill % 5 == 0 else [zygote.stdout.readline()]  # mostly: once it writes
            time.sleep(chance.uniform(0, 0.02))
            os.kill(pid, signal.SIGKILL)
            lines += iter(zygote.stdout.readline, "done\n")
            for line in lines:
                _, index, record_id = line.split()
                acknowledged[int(index)] = record_id
            this_round = len(lines)
            context = f"seed {seed}, kill {kill}"
            plain = json.loads(db.read_bytes()) if db.exists() else {}
            stored = Store(db).records("study")
            assert len(stored) == len(plain.get("study", {})), context
            dates = sorted(r["date"] for r in stored)
            assert dates == [BASE.add(days=n).to_date_string() for n in range(len(stored))], context
            assert all(KINDS["study"].validate(r, settings) == [] for r in stored), context
            ids = {r["id"] for r in stored}
            assert set(acknowledged.values()) <= ids, context
            # besides what it acknowledged, the writer may have saved one more before dying
            assert len(stored) - written - this_round in (0, 1), context
            written = len(stored)
            in_order = [r["id"] for r in sorted(stored, key=lambda r: r["date"])]
            journaled = [entry.changes[0][1] for entry in Journal(db).entries()]
            assert journaled == [i for i in in_order if i in set(journaled)], context
            # a kill between the file and the journal loses at most that change's undo
            assert len(journaled) >= min(written, 50) - kill - 1, context
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
    assert written >= KILLS * 4 // 5  # the kills did land among writes
    leftovers = [p.name for p in db.parent.iterdir() if p.name.endswith(".tmp")]
    added = run_cadre("add", "study", "--points", "5")
    assert added.returncode == 0, added.stderr
    checked = run_cadre("check")
    assert checked.returncode == 0, checked.stderr
    assert f"study: {written + 1}" in checked.stdout
    for left in (written, written - 1):  # the new one, then the newest the writer noted
        newest = Journal(db).entries()[-1].changes[0][1]
        assert run_cadre("undo").returncode == 0
        assert newest not in {r["id"] for r in Store(db).records("study")}
        assert len(Store(db).records("study")) == left
    assert [p.name for p in db.parent.iterdir() if p.name.endswith(".tmp")] == [], leftovers
