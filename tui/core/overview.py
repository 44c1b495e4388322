"""What the Overview and `cadre today` show, as plain values worked out from a Store (picklable,
and kept as JSON in the summary beside the data file). Textual-free: a child process computes them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from tui.core import dates, stats
from tui.core.store import Store

SPARK_DAYS = 30
MAX_UPCOMING = 10  # lines of the upcoming list; the rest is counted
MAX_OVERDUE = 3  # of which overdue follow-ups (the most recent ones)


@dataclass(frozen=True)
class OverviewFigures:
    """Today's points, streak and lifetime total, the sparkline, the quotas and what is due."""

    today: str
    target: int
    logged: int | None  # today's points, None when not logged yet
    streak: int
    total: int | None  # the newest lifetime total shown in the 学习强国 app, if any
    spark: list[int]  # the last SPARK_DAYS days, oldest first
    quotas: list[tuple[str, stats.QuotaMonth]]  # (campaign title, this or last month)
    upcoming: list[stats.Upcoming]  # the latest overdue items, then what is coming, by date
    more: int  # items left out of `upcoming` (older overdue ones, or beyond MAX_UPCOMING)
    upcoming_days: int


def overview_figures(store: Store, today: datetime.date) -> OverviewFigures:
    """Everything the Overview draws, from the store's records on `today` (a plain date or a
    pendulum Date: none of pendulum's own methods is used)."""
    settings = store.settings
    target = settings["study_target"]
    studies = store.records("study")
    points = stats.points_by_date(studies)
    totals = [s["total"] for s in studies if s.get("total") is not None]
    due, older = stats.upcoming(
        store.records("event"),
        store.records("person"),
        store.records("talk"),
        store.records("visit"),
        today,
        settings["upcoming_days"],
        overdue_kept=MAX_OVERDUE,
    )
    overdue = [item for item in due if item.days < 0]
    shown = overdue + [item for item in due if item.days >= 0][: MAX_UPCOMING - len(overdue)]
    day = dates.date_string(today)
    return OverviewFigures(
        today=day,
        target=target,
        logged=points.get(day),
        streak=stats.current_streak(points, target, today),
        total=max(totals) if totals else None,
        spark=stats.sparkline(points, today, SPARK_DAYS),
        quotas=quota_rows(store, today),
        upcoming=shown,
        more=older + len(due) - len(shown),
        upcoming_days=settings["upcoming_days"],
    )


def figures_as_json(figures: OverviewFigures) -> dict[str, Any]:
    """`figures` as plain JSON values, for the summary beside the data file."""
    held = {name: getattr(figures, name) for name in OverviewFigures.__annotations__}
    held["quotas"] = [(title, dict(quota.__dict__)) for title, quota in figures.quotas]
    held["upcoming"] = [list(item) for item in figures.upcoming]
    return held


def figures_from_json(held: dict[str, Any]) -> OverviewFigures:
    """The figures `figures_as_json` kept. A value of the wrong type (a summary spoiled by hand)
    raises TypeError, ValueError or KeyError: the caller then reads the data file instead."""
    values = dict(held)
    values["quotas"] = [
        (_typed(str, title), _made(stats.QuotaMonth, quota)) for title, quota in held["quotas"]
    ]
    values["upcoming"] = [
        _made(stats.Upcoming, dict(zip(stats.Upcoming._fields, item, strict=True)))
        for item in held["upcoming"]
    ]
    values["spark"] = [_typed(int, value) for value in held["spark"]]
    if not values["spark"]:
        raise ValueError("spark")
    return _made(OverviewFigures, values)


PLAIN_TYPES = {"str": (str,), "int": (int,), "int | None": (int, type(None)), "bool": (bool,)}


def _made(cls: Any, values: dict[str, Any]) -> Any:
    """`cls(**values)` once every plain field (str, int, bool) holds a value of its type."""
    for name, annotation in cls.__annotations__.items():  # a dataclass's or a NamedTuple's
        allowed = PLAIN_TYPES.get(annotation)
        if allowed is not None:
            _typed(allowed, values[name])
    return cls(**values)


def _typed(allowed: type | tuple[type, ...], value: Any) -> Any:
    """`value` when it is of an `allowed` type (a bool is not an int here), else ValueError."""
    kinds = allowed if isinstance(allowed, tuple) else (allowed,)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise ValueError(value)
    return value


def quota_rows(store: Store, today: datetime.date) -> list[tuple[str, stats.QuotaMonth]]:
    """This month of every running campaign, and last month of those that ran then."""
    month = dates.month_of(today)
    last_month = dates.shift_month(month, -1)
    campaigns = sorted(
        (c for c in store.records("campaign") if c["start"] <= month and c["end"] >= last_month),
        key=lambda c: (c["start"], c["title"], c["id"]),
    )
    wanted: dict[str, list[dict]] = {c["id"]: [] for c in campaigns}
    for kind in {c["kind"] for c in campaigns}:
        for record in store.records(kind):
            if record.get("campaign_id") in wanted and record["date"][:7] >= last_month:
                wanted[record["campaign_id"]].append(record)
    working_days = store.settings.get("working_days", True)
    rows = []
    for campaign in campaigns:
        for shown in (month, last_month):
            if campaign["start"] <= shown <= campaign["end"]:
                records = wanted[campaign["id"]]
                quota = stats.quota_month(campaign, records, shown, today, working_days)
                rows.append((campaign["title"], quota))
    return rows
