"""Entry point for `python -m tui`.

It runs the same entry point as the `cadre` script."""

from tui.launch import main

main()
