"""The Campaigns tab (征文·谈心): for now the campaigns, essays and talks as paged lists.

The month-by-month quota grid and open follow-ups come with the next issue."""

from tui.panes.lists import ListsPane


class CampaignsPane(ListsPane):
    """Campaigns with their essays and talks."""

    tab = "campaigns"
    default_kind = "campaign"
    kinds = ("campaign", "essay", "talk")


PANE = CampaignsPane
