"""The Sports tab (文体): for now the events as a paged list.

Totals by sport and by month and the upcoming events come with the next issue."""

from tui.panes.lists import ListsPane


class SportsPane(ListsPane):
    """Group-sports events."""

    tab = "sports"
    default_kind = "event"
    kinds = ("event",)


PANE = SportsPane
