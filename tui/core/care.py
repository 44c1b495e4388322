"""Figures for the Care tab: money by occasion and year, birthdays coming up, a person's history.

Pure functions over plain record dicts; namesakes in the address book are told apart by dept."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from tui.core import stats

if TYPE_CHECKING:
    from pendulum import Date

Record = Mapping[str, Any]
CENT = Decimal("0.01")


def _amounts_by(visits: Iterable[Record], group: Callable[[Record], str]) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for visit in visits:
        if visit.get("amount") is not None:
            sums[group(visit)] += Decimal(visit["amount"])
    return dict(sums)


def amounts_by_occasion(visits: Iterable[Record]) -> dict[str, Decimal]:
    """Money given per occasion, the largest sum first (ties by occasion); visits without an
    amount (a gift, a cake voucher) add nothing, and an occasion with no money is left out."""
    sums = _amounts_by(visits, lambda v: v["occasion"])
    return dict(sorted(sums.items(), key=lambda pair: (-pair[1], pair[0])))


def amounts_by_year(visits: Iterable[Record]) -> dict[str, Decimal]:
    """Money given per year (`YYYY`), oldest first; visits without an amount add nothing."""
    return dict(sorted(_amounts_by(visits, lambda v: v["date"][:4]).items()))


def money(value: Decimal) -> str:
    """An amount with two decimals and thousands separators: `1,234.50`, `0.30`.

    Rounded half up to the cent; the separators make sums over years readable at a glance."""
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"


def birthdays_within(people: Iterable[Record], today: Date, days: int) -> list[tuple[Date, Record]]:
    """(next birthday, person) for everyone whose birthday falls today … today+days inclusive,
    by that date, then name; 29 February falls on 28 February in common years."""
    end = today.add(days=days)
    found = [
        (stats.next_birthday(person["birthday"], today), person)
        for person in people
        if person.get("birthday")
    ]
    return sorted(
        ((day, person) for day, person in found if day <= end),
        key=lambda pair: (pair[0], pair[1]["name"]),
    )


@dataclass(frozen=True)
class PersonHistory:
    """A person's visits and talks, newest first, their next birthday, and whether some records
    under their name could not be told apart from a namesake's."""

    visits: list[Record]
    talks: list[Record]
    ambiguous: bool
    next_birthday: Date | None


def person_history(
    person: Record,
    people: Iterable[Record],
    visits: Iterable[Record],
    talks: Iterable[Record],
    today: Date,
) -> PersonHistory:
    """The visits and talks of `person`, linked by name.

    When the address book holds namesakes, a record is theirs only if its `dept` names this
    person's dept and no other namesake's; a record with that name whose dept is empty, or
    matches none or several of the namesakes, cannot be told apart and makes `ambiguous` True."""
    name = person["name"]
    namesakes = [p for p in people if p["name"] == name and p["id"] != person["id"]]
    depts = [person.get("dept") or "", *(p.get("dept") or "" for p in namesakes)]
    ambiguous = False

    def theirs(records: Iterable[Record]) -> list[Record]:
        nonlocal ambiguous
        kept = []
        for record in records:
            if record.get("person") != name:
                continue
            dept = record.get("dept") or ""
            if not namesakes:
                kept.append(record)
            elif not dept or depts.count(dept) != 1:
                ambiguous = True
            elif dept == depts[0]:
                kept.append(record)
        return _newest_first(kept)

    own_visits, own_talks = theirs(visits), theirs(talks)
    birthday = person.get("birthday")
    return PersonHistory(
        visits=own_visits,
        talks=own_talks,
        ambiguous=ambiguous,
        next_birthday=stats.next_birthday(birthday, today) if birthday else None,
    )


def _newest_first(records: Sequence[Record]) -> list[Record]:
    return sorted(records, key=lambda r: (r["date"], r.get("created_at") or ""), reverse=True)
