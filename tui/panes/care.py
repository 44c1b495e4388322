"""The Care tab (关爱): for now the visits and the address book as paged lists.

Birthdays coming up and follow-ups come with the next issue."""

from tui.panes.lists import ListsPane


class CarePane(ListsPane):
    """Care visits and the address book."""

    tab = "care"
    default_kind = "visit"
    kinds = ("visit", "person")


PANE = CarePane
