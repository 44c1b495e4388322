"""Data shipped inside the package: defaults, the demo file and the export schema.

`data/` at the top of the repository is a link to this folder."""
