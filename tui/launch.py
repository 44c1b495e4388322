"""The `cadre` command's entry point: `cadre today` straight from the summary beside the data file
when it is fresh (a login banner then costs about a Python start), anything else through click."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def main() -> None:
    """Print the banner from the summary, or run the command line as usual. A Ctrl-C that the
    command line has not taken over (one while Python loads it) ends with 130, and no traceback."""
    try:
        start()
    except KeyboardInterrupt:
        os._exit(130)


def start() -> None:
    """The banner from the summary, else the command line."""
    text = quick_today(sys.argv[1:])
    if text is not None:
        try:
            sys.stdout.write(text + "\n")
            sys.stdout.flush()
            return
        except BrokenPipeError:  # `cadre today | head -1`
            os._exit(0)
        except OSError:  # stdout is full or gone: the command line says so, in the user's words
            pass
    from tui.cli import main as command_line

    command_line()


def quick_today(argv: Sequence[str]) -> str | None:
    """The banner when `argv` is `[--db PATH] [--lang L] today` and the summary holds it."""
    options: dict[str, str] = {}
    words = list(argv)
    while len(words) > 1:
        word = words.pop(0)
        name, _, value = word.partition("=")
        if name not in ("--db", "--lang"):
            return None
        if not value:
            if not words:
                return None
            value = words.pop(0)
        options[name] = value
    if words != ["today"] or options.get("--lang", "zh") not in ("zh", "en"):
        return None
    from tui.core.today import quick_banner

    path = options.get("--db") or os.environ.get("CADRE_DB") or default_data_path()
    try:
        return quick_banner(path, options.get("--lang"), os.environ)
    except (
        Exception
    ):  # a summary spoiled by hand: the full way reads the file and says what is wrong
        return None


def default_data_path() -> str:
    """`platformdirs.user_data_path("cadre") / "cadre.json"`, as the command line has it."""
    import platformdirs

    return os.path.join(platformdirs.user_data_dir("cadre"), "cadre.json")
