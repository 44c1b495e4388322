"""The plain-Python core of cadre: records, storage, dates, statistics and exchange.

Nothing here imports Textual; the CLI and the TUI are both built on it."""
