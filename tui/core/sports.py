"""Figures for the Sports tab: totals by sport and by month for a year, and events coming up.

Pure functions over plain event dicts; each takes the year or `today` it is about."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pendulum import Date

Record = Mapping[str, Any]


@dataclass(frozen=True)
class SportTotals:
    """One sport in one year: how many events, the best rank, and the result that went with it.

    The best event is the lowest rank (1 is best); among equal ranks, one with a result, then
    the latest. `best_result` is that event's result; with no ranked event, the result of the
    latest event that has one; else "". Results are free text (142次, 45秒2), never compared."""

    events: int
    best_rank: int | None
    best_result: str


def _when(event: Record) -> tuple[str, str]:
    return event["date"], event.get("time") or ""


def _totals(events: list[Record]) -> SportTotals:
    ranked = [e for e in events if e.get("rank") is not None]
    if ranked:
        latest_first = sorted(ranked, key=_when, reverse=True)  # min keeps the first of ties
        best = min(latest_first, key=lambda e: (e["rank"], not e.get("result")))
        return SportTotals(len(events), best["rank"], best.get("result") or "")
    with_result = [e for e in events if e.get("result")]
    latest = max(with_result, key=_when)["result"] if with_result else ""
    return SportTotals(len(events), None, latest)


def totals_by_sport(events: Iterable[Record], year: int) -> dict[str, SportTotals]:
    """Each sport's totals over the events dated in `year`, the busiest sport first (ties by
    name)."""
    by_sport: dict[str, list[Record]] = defaultdict(list)
    prefix = f"{year:04d}-"
    for event in events:
        if event["date"].startswith(prefix):
            by_sport[event["sport"]].append(event)
    ordered = sorted(by_sport.items(), key=lambda pair: (-len(pair[1]), pair[0]))
    return {sport: _totals(found) for sport, found in ordered}


def events_by_month(events: Iterable[Record], year: int) -> list[int]:
    """How many events each month of `year` held, January first (12 counts)."""
    counts = [0] * 12
    prefix = f"{year:04d}-"
    for event in events:
        if event["date"].startswith(prefix):
            counts[int(event["date"][5:7]) - 1] += 1
    return counts


def upcoming_events(events: Iterable[Record], today: Date, days: int) -> list[Record]:
    """Events from today to today+days inclusive, by date then time (those without a time
    first on their day)."""
    start, end = today.to_date_string(), today.add(days=days).to_date_string()
    return sorted((e for e in events if start <= e["date"] <= end), key=_when)
