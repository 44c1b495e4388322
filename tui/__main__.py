"""Entry point for `python -m tui`.

It runs the same click command line as the `cadre` script."""

from tui.cli import main

main()
