"""The first screen of a large file worked out in a forked child: the same figures as the app
computes itself, and nothing at all (so the parent reads and vets the file) when that fails."""

from __future__ import annotations

from pathlib import Path

from pilot_support import APP_TODAY

from tui.core.overview import overview_figures
from tui.core.store import Store
from tui.preview import FirstScreen, Preview


def test_the_child_answers_what_the_parent_would_compute(app_store: Store) -> None:
    app_store.save_settings({"language": "zh", "study_target": 25})
    app_store.add("study", {"date": APP_TODAY.to_date_string(), "points": 28})
    app_store.add("person", {"name": "王芳", "birthday": "11-29"})
    preview = Preview.start(app_store.path, APP_TODAY.isoformat(), large=0)
    assert preview is not None
    answer = preview.result()
    assert answer == FirstScreen(app_store.settings, overview_figures(app_store, APP_TODAY))
    assert answer.figures.logged == 28 and answer.figures.target == 25


def test_a_small_file_is_read_in_the_parent(app_store: Store) -> None:
    app_store.add("study", {"date": APP_TODAY.to_date_string(), "points": 28})
    assert Preview.start(app_store.path, APP_TODAY.isoformat()) is None


def test_a_bad_file_gives_no_answer_and_stays_as_it_was(tmp_path: Path) -> None:
    bad = tmp_path / "cadre.json"
    bad.write_bytes(b'{"not": "cadre"}')
    bad.chmod(0o600)
    preview = Preview.start(bad, APP_TODAY.isoformat(), large=0)
    assert preview is not None
    assert preview.result() is None
    assert bad.read_bytes() == b'{"not": "cadre"}'


def test_a_day_that_is_not_iso_gives_no_answer(app_store: Store) -> None:
    app_store.add("study", {"date": APP_TODAY.to_date_string(), "points": 28})
    preview = Preview.start(app_store.path, "2026-3-18", large=0)
    assert preview is not None and preview.result() is None
