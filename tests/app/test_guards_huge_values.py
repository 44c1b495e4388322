"""Huge and odd values in the TUI: every tab opens on them; the lists cut a 200-character CJK name
with … within a 24-cell column and show the years 1 and 9999; the form holds each value whole (a
1 MB note, 10,000 visitors) and saving it untouched changes nothing.

The records are those of tests/test_huge_values.py."""

from __future__ import annotations

from pilot_support import APP_TODAY, SIZE, listed, shown, wait_until
from test_huge_values import EDGE_DAYS, NAME, NOTE, VISITORS, odd_records
from textual.pilot import Pilot
from textual.widgets import Input, Static
from textual.widgets.data_table import ColumnKey

from tui.app import CadreApp
from tui.core.store import Store
from tui.forms import RecordForm
from tui.record_table import RecordTable

CUT = "王" * 11 + "…"  # 22 cells of CJK and the ellipsis, padded to the 24 cells of a column


async def open_form_on_selected(app: CadreApp, pilot: Pilot[None]) -> RecordForm:
    """Press `e` on the row under the cursor; the form it opens."""
    await pilot.press("e")
    await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
    form = app.screen
    assert isinstance(form, RecordForm)
    return form


def value_of(form: RecordForm, name: str) -> str:
    """What the one-line input of the field `name` holds."""
    control = form.control(name)
    assert isinstance(control, Input)
    return control.value


async def test_the_tabs_list_odd_values_cut_and_the_form_holds_them_whole(
    app_store: Store,
) -> None:
    made = odd_records(app_store)
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await wait_until(pilot, lambda: bool(app.screen.query("#days")))
        await pilot.press("p", "p")  # a month, a year, then every day
        await wait_until(pilot, lambda: listed(app, "days", "date") == EDGE_DAYS[::-1])

        await pilot.press("3")
        await wait_until(pilot, lambda: bool(app.screen.query("#campaign-list")))
        await pilot.pause()
        assert [title.rstrip() for title in listed(app, "campaign-list", "title")] == [
            "九九九九",
            CUT,
        ]

        await pilot.press("4")
        await wait_until(pilot, lambda: bool(app.screen.query("#event-list")))
        await pilot.press("p")  # the events start a year at a time: then every one
        await wait_until(pilot, lambda: listed(app, "event-list", "date") == ["9999-12-31"])
        assert [cell.rstrip() for cell in listed(app, "event-list", "sub_event")] == [CUT]

        await pilot.press("5")
        await wait_until(pilot, lambda: bool(app.screen.query("#visit-list")))
        await pilot.press("p")  # the visits start a year at a time: then every one
        await wait_until(pilot, lambda: listed(app, "visit-list", "date") == ["0001-01-01"])
        assert [cell.rstrip() for cell in listed(app, "visit-list", "person")] == [CUT]
        form = await open_form_on_selected(app, pilot)
        assert value_of(form, "visitors") == "、".join(VISITORS)
        assert value_of(form, "person") == NAME
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))

        await pilot.press("v")  # the address book
        await wait_until(
            pilot, lambda: [c.rstrip() for c in listed(app, "person-list", "name")] == [CUT]
        )
        names = app.screen.query_one("#person-list", RecordTable).data_table.columns
        assert names[ColumnKey("name")].content_width == 24
        form = await open_form_on_selected(app, pilot)
        assert value_of(form, "name") == NAME
        assert value_of(form, "note") == NOTE  # 1 MB, its line breaks kept
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))
    stored = Store(app_store.path, today=app_store.today())
    assert stored.get("person", made["person"]["id"]) == made["person"]
    assert stored.get("visit", made["visit"]["id"]) == made["visit"]


async def test_the_form_refuses_an_amount_past_the_cent(app_store: Store) -> None:
    app_store.add(
        "visit",
        {
            "date": APP_TODAY.to_date_string(),
            "occasion": "住院",
            "person": "王芳",
            "amount": "0.01",
        },
    )
    before = app_store.path.read_bytes()
    app = CadreApp(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await wait_until(pilot, lambda: bool(app.screen.query("#visit-list")))
        await wait_until(pilot, lambda: listed(app, "visit-list", "amount") == ["0.01"])
        form = await open_form_on_selected(app, pilot)
        amount = form.control("amount")
        assert isinstance(amount, Input)
        amount.value = "0.005"
        await pilot.press("ctrl+s")
        error = form.query_one("#error-amount", Static)
        expected = "! at most 2 decimals (an amount is to the cent), got '0.005'"
        await wait_until(pilot, lambda: shown(error) == expected)
        assert app.screen is form  # not saved: the form stays open with what was typed
    assert app_store.path.read_bytes() == before
