"""The report of a month or a year for 述职 / 民主评议: study, campaigns, essays, talks, sports, visits.

`build_report` computes the figures once as plain data; `render` writes them as text, markdown or JSON."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import orjson

from tui.core import dates, display, stats
from tui.core.i18n import t
from tui.core.stats import Record
from tui.core.store import Store

if TYPE_CHECKING:
    from pendulum import Date


@dataclass(frozen=True)
class Period:
    """A month (`2026-03`) or a year (`2026`), from its first to its last day."""

    label: str
    since: str
    until: str

    @property
    def months(self) -> list[str]:
        return dates.months_between(self.since[:7], self.until[:7])

    def holds(self, day: str | None) -> bool:
        return day is not None and self.since <= day <= self.until

    def title(self) -> str:
        if len(self.label) == 4:
            return t("report.year", year=self.label)
        return t("report.month", year=self.label[:4], month=int(self.label[5:]))


def month_period(month: str) -> Period:
    """The period of a `YYYY-MM` month."""
    first, last = dates.month_bounds(month)  # isoformat: the year 1 is 0001, not 1
    return Period(month, first.isoformat(), last.isoformat())


def year_period(year: int) -> Period:
    """The period of a year."""
    return Period(f"{year:04d}", f"{year:04d}-01-01", f"{year:04d}-12-31")


def _decimal(value: str | None) -> Decimal:
    return Decimal(value) if value else Decimal(0)


def _in_order(counts: Mapping[str, Any], order: Sequence[str]) -> list[str]:
    """The keys of `counts` in the order of a settings category, others after them by name."""
    return [k for k in order if k in counts] + sorted(k for k in counts if k not in order)


def build_report(store: Store, period: Period) -> dict[str, Any]:
    """Every figure of the report as JSON-ready data (amounts and hours as decimal strings)."""
    today, settings = store.today(), store.settings
    categories = settings["categories"]

    def within(kind: str) -> list[dict[str, Any]]:
        return store.list(kind, period.since, period.until)

    return {
        "period": {"label": period.label, "since": period.since, "until": period.until},
        "as_of": today.to_date_string(),
        "study": _study(store.records("study"), within("session"), period, settings, today),
        "campaigns": _campaigns(store, period, today),
        "essays": _essays(within("essay"), categories),
        "talks": _talks(within("talk"), today),
        "events": _events(within("event"), categories["sports"]),
        "visits": _visits(within("visit"), categories["occasions"]),
    }


def _study(
    studies: Iterable[Record],
    sessions: Sequence[Record],
    period: Period,
    settings: Mapping[str, Any],
    today: Date,
) -> dict[str, Any]:
    target = settings["study_target"]
    points = stats.points_by_date(studies)
    inside = {day: value for day, value in points.items() if period.holds(day)}
    as_of = min(today, dates.to_date(period.until))
    hours: dict[str, Decimal] = {}
    count: Counter[str] = Counter()
    for session in sessions:
        count[session["kind"]] += 1
        hours[session["kind"]] = hours.get(session["kind"], Decimal(0)) + _decimal(session["hours"])
    return {
        "target": target,
        "points": sum(inside.values()),
        "days_logged": len(inside),
        "days_at_target": stats.days_at_target(inside, target, period.since, period.until),
        "current_streak": stats.current_streak(points, target, as_of),
        "longest_streak": stats.longest_streak(inside, target),
        "sessions": len(sessions),
        "hours": str(sum(hours.values(), Decimal(0))),
        "by_kind": [
            {"kind": kind, "sessions": count[kind], "hours": str(hours[kind])}
            for kind in _in_order(count, settings["categories"]["session_kinds"])
        ],
    }


def _campaigns(store: Store, period: Period, today: Date) -> list[dict[str, Any]]:
    found = []
    for campaign in store.list("campaign"):
        months = [m for m in period.months if campaign["start"] <= m <= campaign["end"]]
        if not months:
            continue
        records = store.records(campaign["kind"])
        grid = [stats.quota_month(campaign, records, month, today) for month in months]
        found.append(
            {
                "title": campaign["title"],
                "kind": campaign["kind"],
                "months": [
                    {"month": q.month, "done": q.done, "quota": q.quota, "verdict": q.verdict}
                    for q in grid
                ],
            }
        )
    return found


def _essays(essays: Sequence[Record], categories: Mapping[str, list[str]]) -> dict[str, Any]:
    status = Counter(e["status"] for e in essays)
    award = Counter(e["award"] for e in essays if e["award"])
    return {
        "count": len(essays),
        "words": sum(e["words"] or 0 for e in essays),
        "by_status": {k: status[k] for k in _in_order(status, categories["essay_statuses"])},
        "by_award": {k: award[k] for k in _in_order(award, categories["awards"])},
    }


def _talks(talks: Sequence[Record], today: Date) -> dict[str, Any]:
    open_ones = [
        {
            "date": talk["date"],
            "person": talk["person"],
            "follow_up": talk["follow_up"],
            "due": talk["follow_up_due"],
            "overdue": bool(talk["follow_up_due"] and talk["follow_up_due"] < str(today)),
        }
        for talk in talks
        if (talk["follow_up"].strip() or talk["follow_up_due"]) and not talk["follow_up_done"]
    ]
    return {"count": len(talks), "open_follow_ups": open_ones}


def _events(events: Sequence[Record], sports: Sequence[str]) -> dict[str, Any]:
    by_sport: dict[str, list[Record]] = {}
    for event in events:
        by_sport.setdefault(event["sport"], []).append(event)
    rows = []
    for sport in _in_order(by_sport, sports):
        ranked = [e for e in by_sport[sport] if e["rank"] is not None]
        best = min(ranked, key=lambda e: (e["rank"], e["date"]), default=None)
        rows.append(
            {
                "sport": sport,
                "events": len(by_sport[sport]),
                "best": None
                if best is None
                else {key: best[key] for key in ("date", "sub_event", "result", "rank", "award")},
            }
        )
    return {"count": len(events), "by_sport": rows}


def _visits(visits: Sequence[Record], occasions: Sequence[str]) -> dict[str, Any]:
    amounts: dict[str, Decimal] = {}
    count: Counter[str] = Counter()
    for visit in visits:
        count[visit["occasion"]] += 1
        amounts[visit["occasion"]] = amounts.get(visit["occasion"], Decimal(0)) + _decimal(
            visit["amount"]
        )
    return {
        "count": len(visits),
        "amount": str(sum(amounts.values(), Decimal(0))),
        "by_occasion": [
            {"occasion": key, "visits": count[key], "amount": str(amounts[key])}
            for key in _in_order(count, occasions)
        ],
    }


# rendering -----------------------------------------------------------------------------------


def _verdict(month: Mapping[str, Any], this_month: str) -> str:
    if month["verdict"] is not None:
        return t(f"quota.{month['verdict']}")
    return t("report.running") if month["month"] == this_month else t("report.to_come")


def _pair(first: str, second: str) -> str:
    """Two counted phrases as one line: `3 sessions, 4.0 hours` / `集中学习 3 次，共 4.0 学时`."""
    return t("report.pair", first=first, second=second)


def _sections(report: Mapping[str, Any]) -> list[tuple[str, list[str], list[str], list[list[str]]]]:
    """Each section as (heading, lines of prose, table headers, table rows), text unescaped."""
    study, essays, talks = report["study"], report["essays"], report["talks"]
    this_month = report["as_of"][:7]
    events, visits = report["events"], report["visits"]
    best = [
        " ".join(
            part
            for part in (
                row["best"]["sub_event"],
                row["best"]["result"],
                t("report.rank", rank=row["best"]["rank"]),
                row["best"]["award"],
            )
            if part
        )
        if row["best"]
        else "-"
        for row in events["by_sport"]
    ]
    return [
        (
            t("report.study"),
            [
                t(
                    "report.points_over",
                    points=stats.counted("report.points", study["points"]),
                    days=stats.counted("report.days_logged", study["days_logged"]),
                ),
                stats.counted("report.at_target", study["days_at_target"], target=study["target"]),
                _pair(
                    stats.counted("report.current_streak", study["current_streak"]),
                    stats.counted("report.longest_streak", study["longest_streak"]),
                ),
                _pair(
                    stats.counted("report.sessions", study["sessions"]),
                    stats.counted("report.hours", Decimal(study["hours"])),
                ),
            ],
            [t("field.kind"), t("report.count"), t("field.hours")],
            [[r["kind"], str(r["sessions"]), r["hours"]] for r in study["by_kind"]],
        ),
        (
            t("report.campaigns"),
            [] if report["campaigns"] else [t("report.none")],
            [t("field.title"), t("report.month_column"), t("report.done"), t("report.verdict")],
            [
                [c["title"], m["month"], f"{m['done']}/{m['quota']}", _verdict(m, this_month)]
                for c in report["campaigns"]
                for m in c["months"]
            ],
        ),
        (
            t("report.essays_heading"),
            [
                _pair(
                    stats.counted("report.essays", essays["count"]),
                    stats.counted("report.words", essays["words"]),
                )
            ],
            [t("report.group"), t("report.count")],
            [[status, str(n)] for status, n in essays["by_status"].items()]
            + [[t("report.award", award=award), str(n)] for award, n in essays["by_award"].items()],
        ),
        (
            t("report.talks_heading"),
            [
                _pair(
                    stats.counted("report.talks", talks["count"]),
                    stats.counted("report.open_follow_ups", len(talks["open_follow_ups"])),
                )
            ],
            [t("field.date"), t("field.person"), t("field.follow_up"), t("field.follow_up_due")],
            [
                [
                    o["date"],
                    o["person"],
                    o["follow_up"],
                    t("report.overdue", due=o["due"]) if o["overdue"] else o["due"] or "-",
                ]
                for o in talks["open_follow_ups"]
            ],
        ),
        (
            t("report.events_heading"),
            [stats.counted("report.events", events["count"])],
            [t("field.sport"), t("report.count"), t("report.best")],
            [
                [row["sport"], str(row["events"]), text]
                for row, text in zip(events["by_sport"], best, strict=True)
            ],
        ),
        (
            t("report.visits_heading"),
            [stats.counted("report.visits", visits["count"], amount=visits["amount"])],
            [t("field.occasion"), t("report.count"), t("field.amount")],
            [[r["occasion"], str(r["visits"]), r["amount"]] for r in visits["by_occasion"]],
        ),
    ]


def render_text(report: Mapping[str, Any], title: str) -> str:
    """The report for a terminal: headings, lines and aligned tables, every character safe."""
    lines = [display.escape(title), ""]
    for heading, prose, headers, rows in _sections(report):
        lines.append(display.escape(heading))
        lines += ["  " + display.escape(line) for line in prose]
        if rows:
            lines += ["  " + line for line in display.table(headers, rows, max_cell=30).split("\n")]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    """A markdown table cell: terminal-safe, with `|` escaped so it cannot split the cell."""
    return display.escape(text).replace("|", "\\|")


def render_markdown(report: Mapping[str, Any], title: str) -> str:
    """The report as markdown that pastes cleanly: a heading per section, lists and pipe tables."""
    lines = [f"# {_cell(title)}", ""]
    for heading, prose, headers, rows in _sections(report):
        lines += [f"## {_cell(heading)}", ""]
        lines += [f"- {_cell(line)}" for line in prose]
        if prose:
            lines.append("")
        if rows:
            lines.append("| " + " | ".join(_cell(h) for h in headers) + " |")
            lines.append("|" + "|".join(" --- " for _ in headers) + "|")
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_json(report: Mapping[str, Any]) -> str:
    """The figures as indented JSON; text that could steer a terminal is written as \\u escapes."""
    return display.escape_json(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode()) + "\n"


def render(report: Mapping[str, Any], period: Period, fmt: str) -> str:
    """The report as `text`, `markdown` or `json`."""
    if fmt == "json":
        return render_json(report)
    title = t("report.title", period=period.title(), since=period.since, until=period.until)
    return render_markdown(report, title) if fmt == "markdown" else render_text(report, title)
