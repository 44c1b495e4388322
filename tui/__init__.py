"""cadre: one staff member's own record of study, campaigns, sports and care visits.

The package holds the CLI (`cli`), the Textual app and the Textual-free `core`."""

__version__ = "0.1.0"
