"""`cadre` on a large file really draws its first screen from the forked child (tui/preview.py):
the app is handed the child's figures and has not read the file itself when it starts.

`cadre` runs in a subprocess on a pseudo-terminal, with the app's `run` replaced by a probe that
writes what the app was given to a file. Seen to fail with the preview never started."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cli_support import TODAY, cadre_env

from tui.core import today
from tui.core.overview import overview_figures
from tui.core.store import Store
from tui.preview import LARGE_FILE

PROBE = """
import os, sys
from tui.app import CadreApp

def probe(app):
    first = app.first
    answer = {
        "first": None if first is None else repr(first.figures),
        "read_by_the_app": app.store.storage._data is not None,
        "settings": None if first is None else first.settings,
        "coming": app.coming is not None,
    }
    with open(os.environ["PROBE_OUT"], "w") as out:
        out.write(__import__("json").dumps(answer))

CadreApp.run = probe
master, terminal = os.openpty()  # what a user's cadre has: a terminal on 0, 1 and 2
for fd in (0, 1, 2):
    os.dup2(terminal, fd)
sys.argv = ["cadre", "--db", os.environ["PROBE_DB"], "--lang", "en"]
from tui.launch import main
main()
"""


def probe(db: Path, tmp_path: Path) -> dict[str, object]:
    """Start `cadre --db DB` with the probe in place of the app; what the app was given."""
    out = tmp_path / "probe.json"
    env = cadre_env(db, PROBE_DB=str(db), PROBE_OUT=str(out))
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and out.exists(), "cadre ended before it started the app"
    return json.loads(out.read_text())


def test_a_large_file_opens_on_the_childs_figures(tmp_path: Path) -> None:
    db = tmp_path / "cadre.json"
    store = Store(db, today=TODAY)
    store.add("study", {"date": TODAY.to_date_string(), "points": 33, "total": 8000})
    store.add("person", {"name": "王芳", "birthday": "03-20", "note": "备注" * 400_000})
    assert db.stat().st_size > LARGE_FILE
    answer = probe(db, tmp_path)
    assert answer["first"] == repr(overview_figures(Store(db, today=TODAY), TODAY))
    assert answer["read_by_the_app"] is False  # the parent left the file to the child
    assert answer["coming"] is False


def test_a_large_file_changed_since_its_summary_opens_at_once_in_the_summarys_settings(
    tmp_path: Path,
) -> None:
    db = tmp_path / "cadre.json"
    store = Store(db, today=TODAY)
    store.save_settings({"language": "en", "theme": "gruvbox"})
    store.add("person", {"name": "王芳", "birthday": "03-20", "note": "备注" * 400_000})
    today.write_summary(store, store.storage.signature(), today.coming_days(store, TODAY))
    drawn_in = store.settings
    store.save_settings({"theme": "textual-light"})  # behind the summary's back
    answer = probe(db, tmp_path)
    assert answer["coming"] is True  # the child's figures are still to come
    assert answer["first"] == "None" and answer["settings"] == drawn_in
    assert answer["read_by_the_app"] is False


def test_a_small_file_is_read_by_the_app_itself(tmp_path: Path) -> None:
    db = tmp_path / "cadre.json"
    Store(db, today=TODAY).add("study", {"date": TODAY.to_date_string(), "points": 33})
    answer = probe(db, tmp_path)
    assert (answer["first"], answer["read_by_the_app"], answer["coming"]) == (None, True, False)
