"""What `cadre today` says (a login banner), and the summary beside the data file that holds it
and the Overview's figures for each of the coming days, so that a login (and the TUI's first
screen) never parses the data file.

The summary is stamped with the data file's (inode, size, mtime_ns): any other file, or a day it
does not cover, and it is not used. Reading it imports nothing heavy (it runs at every login)."""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tui.core.notes import own_bytes

if TYPE_CHECKING:
    import datetime

    from tui.core.overview import OverviewFigures
    from tui.core.store import Store

SUMMARY_VERSION = 3  # 2: each day carries its bounds in epoch seconds; 3: figures, settings
HORIZON_DAYS = 14  # the days, from the day it is made, that a summary holds the banner of
TODAY_ITEMS = 5  # lines of what is due or coming up

Signature = tuple[int, int, int]


def summary_path(data_path: str | os.PathLike[str]) -> str:
    """`cadre.json.summary` beside `cadre.json`."""
    return os.fspath(data_path) + ".summary"


def banner(figures: OverviewFigures, day: datetime.date) -> str:
    """The banner's lines in the current language: today's points, open quotas, what is due."""
    from tui.core import dates, display, stats
    from tui.core.i18n import t

    streak, target = figures.streak, figures.target
    if figures.logged is None:
        lines = [t("today.not_logged", target=target, streak=streak)]
    else:
        lines = [stats.counted("today.points", target, points=figures.logged, streak=streak)]
    this_month = dates.month_of(day)
    lines += [
        t("today.quota", title=title, done=q.done, quota=q.quota, left=stats.days_left_text(q))
        for title, q in figures.quotas
        if q.month == this_month and q.done < q.quota
    ]
    if figures.upcoming:
        lines.append(t("today.upcoming"))
        lines += ["  " + stats.describe(item) for item in figures.upcoming[:TODAY_ITEMS]]
    return "\n".join(display.escape(line) for line in lines)


class Snapshot:
    """The few records the Overview's figures read on any of the coming days, taken from a Store
    in one pass: it answers `settings` and `records(kind)` as the Store does. (A plain class:
    dataclasses would cost every login 15 ms of imports.)"""

    def __init__(self, settings: dict[str, Any], tables: dict[str, list[dict[str, Any]]]) -> None:
        self.settings = settings
        self.tables = tables

    def records(self, kind: str) -> list[dict[str, Any]]:
        return self.tables.get(kind, [])


def snapshot(store: Store, first: datetime.date) -> Snapshot:
    """What `overview_figures` needs for `first` and the HORIZON_DAYS after it: study days from
    the sparkline's first day (and the run of days at target before it, for the streak) and the
    highest lifetime total; campaigns still running last month with their records since then;
    the events, birthdays and open follow-ups that can come up in that time, and the latest
    overdue follow-ups (the Overview shows the newest few)."""
    import datetime

    from tui.core import dates, overview, stats

    settings = store.settings
    last_month = dates.shift_month(dates.month_of(first), -1)
    spark_start = dates.date_string(first - datetime.timedelta(days=overview.SPARK_DAYS))
    end = dates.date_string(
        first + datetime.timedelta(days=HORIZON_DAYS + settings["upcoming_days"])
    )
    kept_studies = _studies_for_streaks(
        store.records("study"), spark_start, settings["study_target"]
    )
    campaigns = [c for c in store.records("campaign") if c["end"] >= last_month]
    running = {c["id"] for c in campaigns}
    start = dates.date_string(first)
    follow_ups = {  # the open follow-ups, and the records of the campaigns running last month on
        kind: [
            r
            for r in store.records(kind)
            if (r.get("follow_up_due") and not r.get("follow_up_done"))
            or (r.get("campaign_id") in running and r["date"][:7] >= last_month)
        ]
        for kind in ("essay", "talk", "visit")
    }
    due_cutoff = _overdue_cutoff(follow_ups, start)
    tables = {
        "study": kept_studies,
        "campaign": campaigns,
        "event": [e for e in store.records("event") if start <= e["date"] <= end],
        "person": [
            p
            for p in store.records("person")
            if p.get("birthday")
            and dates.date_string(stats.next_birthday(p["birthday"], first)) <= end
        ],
    }
    for kind, rows in follow_ups.items():
        tables[kind] = [
            r
            for r in rows
            if (r.get("campaign_id") in running and r["date"][:7] >= last_month)
            or (
                r.get("follow_up_due")
                and not r.get("follow_up_done")
                and due_cutoff <= r["follow_up_due"] <= end
            )
        ]
    return Snapshot(settings, tables)


def _overdue_cutoff(follow_ups: dict[str, list[dict[str, Any]]], first: str) -> str:
    """The due date from which on the open `follow_ups` overdue on `first` may still be among the
    newest few the Overview shows (every one due that day is kept, so ties cannot matter)."""
    from tui.core.overview import MAX_OVERDUE

    overdue = sorted(
        r["follow_up_due"]
        for rows in follow_ups.values()
        for r in rows
        if r.get("follow_up_due") and not r.get("follow_up_done") and r["follow_up_due"] < first
    )
    return overdue[-MAX_OVERDUE] if len(overdue) >= MAX_OVERDUE else ""


def _studies_for_streaks(
    studies: Sequence[dict[str, Any]], start: str, target: int
) -> list[dict[str, Any]]:
    """The study days from `start` on, the unbroken run of days at target just before it, and the
    day with the highest lifetime total."""
    import datetime

    kept, before, highest = [], {}, None
    for s in studies:  # one pass: a login after each change walks every study day
        if s["date"] >= start:
            kept.append(s)
        else:
            before[s["date"]] = s
        total = s.get("total")
        if total is not None and (highest is None or total > highest["total"]):
            highest = s
    day = datetime.date.fromisoformat(start) - datetime.timedelta(days=1)
    while (earlier := before.get(day.isoformat())) is not None and earlier["points"] >= target:
        kept.append(earlier)
        day -= datetime.timedelta(days=1)
    if highest is not None:
        kept.append(highest)
    return kept


def coming_days(store: Store, first: datetime.date) -> dict[str, dict[str, Any]]:
    """The banner of `first` and of each day after it up to HORIZON_DAYS, in both languages, and
    the Overview's figures, with each day's bounds in epoch seconds (in the file's time zone), by
    date; all worked out from one `snapshot` of the store, without pendulum."""
    from tui.core import dates
    from tui.core.i18n import LANGUAGES, get_language, set_language
    from tui.core.overview import figures_as_json, overview_figures

    source = snapshot(store, first)
    timezone = store.settings.get("timezone")
    language = get_language()
    days: dict[str, dict[str, Any]] = {}
    try:
        for offset in range(HORIZON_DAYS):
            day = first + dates.ONE_DAY * offset
            figures = overview_figures(source, day)  # type: ignore[arg-type]
            held: dict[str, Any] = {
                "from": dates.day_start(day, timezone),
                "to": dates.day_start(day + dates.ONE_DAY, timezone),
                "figures": figures_as_json(figures),
            }
            for each in LANGUAGES:
                set_language(each)
                held[each] = banner(figures, day)
            days[day.isoformat()] = held
    finally:
        set_language(language)
    return days


def write_summary(store: Store, stamp: Signature | None, days: dict[str, dict[str, Any]]) -> None:
    """Keep `days` beside the data file, stamped with `stamp`, the signature of the file they were
    worked out from (taken before reading it): nothing when the file has changed since, or is
    read-only. A summary that cannot be written is only a slower next login."""
    import contextlib

    import orjson

    from tui.core.storage import atomic_write

    if stamp is None or store.storage.signature() != stamp or not os.access(store.file, os.W_OK):
        return
    summary = {
        "version": SUMMARY_VERSION,
        "stamp": list(stamp),
        "language": store.settings.get("language"),
        "settings": store.settings,
        "days": days,
    }
    with contextlib.suppress(OSError):
        atomic_write(summary_path(store.file), orjson.dumps(summary))


def quick_banner(data_path: str, language: str | None, environ: Mapping[str, str]) -> str | None:
    """The banner from the summary, when it is stamped with the data file as it is now and holds
    today; None whenever the full way must decide (no summary, a changed or doubtful file)."""
    found = summary_of_today(data_path, environ)
    if found is None:
        return None
    summary, held = found
    from tui.core.i18n import choose_language

    shown = held.get(choose_language(language, summary.get("language"), dict(environ)))
    return shown if isinstance(shown, str) else None


def summary_of_today(
    data_path: str, environ: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(the summary, what it holds for today) when it is stamped with the data file as it is now
    and covers today (CADRE_TODAY, or now between a day's bounds); else None."""
    found = summary_as_read(data_path, environ)
    if found is None or found[1] is None:
        return None
    return found[0], found[1]


def summary_as_read(
    data_path: str, environ: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
    """(the summary beside the data file, what it holds for today): today's part is None when the
    summary is not stamped with the file as it is now or does not cover today (its settings still
    draw the TUI's first frame while the file is read); None without a summary to trust."""
    found = _trusted_summary(data_path)
    if found is None:
        return None
    summary, signature = found
    if summary.get("stamp") != signature:
        return summary, None
    fixed = environ.get("CADRE_TODAY")
    now = time.time()
    for date, held in summary["days"].items():
        if not isinstance(held, dict):
            return summary, None
        if date == fixed if fixed else held.get("from", now + 1) <= now < held.get("to", 0):
            return summary, held
    return summary, None


def refresh_summary(store: Store) -> None:
    """Write the summary anew when the one beside the file is not stamped with it as it is now
    (the TUI, on its way out, after changes): the next start and login then need not parse it."""
    stamp = store.storage.signature()
    if stamp is None or summary_of_today(store.file, os.environ) is not None:
        return
    write_summary(store, stamp, coming_days(store, store.day()))


def _trusted_summary(data_path: str) -> tuple[dict[str, Any], list[int]] | None:
    """(the summary of this version beside the data file at `data_path`, the file's signature as
    it is now) when the summary, the file and its folder pass the checks the Store makes."""
    try:
        info = os.lstat(data_path)
        folder = os.lstat(os.path.dirname(os.path.abspath(data_path)))
    except OSError:
        return None
    raw = own_bytes(summary_path(data_path))
    if raw is None:
        return None
    trusted = (
        stat.S_ISREG(info.st_mode)
        and info.st_uid == os.getuid()
        and not stat.S_IMODE(info.st_mode) & 0o077
        and not stat.S_ISLNK(folder.st_mode)
        and folder.st_uid in (os.getuid(), 0)
    )
    try:
        summary = json.loads(raw)  # the stdlib: importing orjson would cost a login more
    except ValueError:
        return None
    if not trusted or not isinstance(summary, dict):
        return None
    if summary.get("version") != SUMMARY_VERSION or not isinstance(summary.get("days"), dict):
        return None
    return summary, [info.st_ino, info.st_size, info.st_mtime_ns]
