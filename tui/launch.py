"""The `cadre` command's entry point (and the TUI's 50 ms Esc): `cadre today` and the TUI's first
screen from the fresh summary beside the data file, the record commands (and `today` when the
summary is stale) in the quick lane (no click), else via click."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core import dates
    from tui.core.store import Store
    from tui.preview import FirstScreen, Preview

# Esc: after a lone ESC byte Textual waits ESCDELAY ms for the rest of a key's sequence (an arrow
# key is ESC [ A). A terminal writes a key's sequence at once and over SSH it travels in one
# packet, so 50 ms is ample (neovim's ttimeoutlen; tmux 3.5 waits 10 ms), where Textual's 100 ms
# made every Esc feel slow. A user's own ESCDELAY (a link that splits sequences) still wins.
# Set here, before anything imports Textual (it reads the variable once, at its import).
os.environ.setdefault("ESCDELAY", "50")


def main() -> None:
    """Print the banner from the summary, or run the command line as usual. A Ctrl-C that the
    command line has not taken over (one while Python loads it) ends with 130, and no traceback.

    The cyclic garbage collector is off: loading Python modules and reading a file make many
    objects and few cycles, and a command ends soon after (full collections took 30-50 ms of
    the TUI's first screen). The TUI turns it back on once its first screen is drawn."""
    gc.disable()
    try:
        start()
    except KeyboardInterrupt:
        os._exit(130)


def start() -> None:
    """The banner or the TUI from the summary, a record command in the quick lane, else the
    command line."""
    found = global_options(sys.argv[1:])
    if found is not None:
        options, words = found
        if words == ["today"] and print_quick_today(options):
            return
        if not words and on_a_terminal() and open_quick_tui(options):
            return
        if words:  # the quick lane takes what it reads; the command line loads it anyway
            from tui.cli_quick import run_quick
            from tui.cli_session import leave

            code = run_quick(data_path(options), options.get("--lang"), words)
            if code is not None:
                leave(code)
    from tui.cli import main as command_line

    command_line()


def global_options(argv: Sequence[str]) -> tuple[dict[str, str], list[str]] | None:
    """`[--db PATH] [--lang zh|en]` at the front of `argv`, and the words after them; None when
    anything else comes first (click then reads it all)."""
    options: dict[str, str] = {}
    words = list(argv)
    while words and words[0].startswith("-"):
        name, _, value = words.pop(0).partition("=")
        if name not in ("--db", "--lang"):
            return None
        if not value:
            if not words:
                return None
            value = words.pop(0)
        options[name] = value
    if options.get("--lang", "zh") not in ("zh", "en"):
        return None
    return options, words


def data_path(options: dict[str, str]) -> str:
    """The data file `--db`, CADRE_DB or the default name."""
    return options.get("--db") or os.environ.get("CADRE_DB") or default_data_path()


def print_quick_today(options: dict[str, str]) -> bool:
    """Print the banner when the summary holds it; False when the full way must run."""
    from tui.core.today import quick_banner

    try:
        text = quick_banner(data_path(options), options.get("--lang"), os.environ)
    except (
        Exception
    ):  # a summary spoiled by hand: the full way reads the file and says what is wrong
        return False
    if text is None:
        return False
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # `cadre today | head -1`
        os._exit(0)
    except OSError:  # stdout is full or gone: the command line says so, in the user's words
        return False
    return True


def open_quick_tui(options: dict[str, str]) -> bool:
    """Open the TUI without the command line: on the Overview the summary holds for today, or on
    one worked out by a child forked at once (a large file changed since the summary: the app
    starts meanwhile in the summary's settings, and draws the child's figures when they come);
    the app reads the file once that first screen is drawn. False when the command line must
    run (a small file, a bad one)."""
    from tui.preview import Preview

    path = data_path(options)
    fixed = os.environ.get("CADRE_TODAY")
    first = summary_first_screen(path)
    held = first is not None and first.figures is not None
    preview = None if held else Preview.start(path, fixed)
    if not held and preview is None:
        return False
    import tui.app  # noqa: F401 - loads while the child reads the file
    from tui.core import dates
    from tui.core.i18n import choose_language, set_language
    from tui.core.store import Store

    if preview is not None and (first is None or (fixed and not dates.is_iso_date(fixed))):
        first, preview = preview.result(), None  # nothing to draw the first frame in: wait
    if first is None:  # the command line reads the file and says what is wrong with it
        return False
    language = options.get("--lang")
    set_language(choose_language(language, first.settings.get("language")))
    today = dates.to_date(fixed) if fixed else None  # the summary or the child took it: valid
    return open_app(Store(path, today=today), today, first, preview, language)


def summary_first_screen(path: str) -> FirstScreen | None:
    """The settings and today's Overview figures from the summary beside the file at `path`; the
    figures are None when it is not stamped with the file as it is now or does not hold today (a
    child works them out, while the settings draw the first frame). None without a summary."""
    from tui.core.today import summary_as_read

    try:
        found = summary_as_read(path, os.environ)
        if found is None:
            return None
        summary, held = found
        from tui.core.overview import figures_from_json
        from tui.preview import FirstScreen

        settings = summary["settings"]
        if not isinstance(settings, dict):
            return None
        return FirstScreen(settings, None if held is None else figures_from_json(held["figures"]))
    except Exception:  # a summary spoiled by hand: the file is read instead
        return None


def open_app(
    store: Store,
    today: dates.Date | None,
    first: FirstScreen | None,
    coming: Preview | None = None,
    language: str | None = None,
) -> bool:
    """Run the TUI; on its way out, keep the summary beside the file for the next start. False
    when the child `coming` failed (a bad file) and the app ended for the command line to say why;
    `language` is `--lang`, which wins over the language of the settings the child reads."""
    from tui.app import CadreApp
    from tui.core.storage import DataFileError
    from tui.core.today import refresh_summary

    read_keys_on_time()
    app = CadreApp(store, today=today, first=first, coming=coming, language=language)
    app.run()
    if app.first_screen_failed:
        return False
    with contextlib.suppress(DataFileError, OSError):  # the app said what is wrong with the file
        refresh_summary(store)
    return True


def read_keys_on_time() -> None:
    """Have Textual's key reader end an escape delay when it is due. It looks at the clock only
    when its wait for input ends, at most every 0.1 s (Textual 8.2.8, `run_input_thread` in
    drivers/linux_driver.py), so an Esc came 0.1 s late whatever ESCDELAY said: its waits are cut
    to the escape delay (idle, it then wakes 20 times a second rather than 10)."""
    import selectors
    from types import SimpleNamespace

    from textual import constants
    from textual.drivers import linux_driver

    class Selector(selectors.SelectSelector):
        def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
            delay = constants.ESCAPE_DELAY
            return super().select(delay if timeout is None else min(timeout, delay))

    # the `selectors` module as that driver sees it: the only names it takes from it
    linux_driver.selectors = SimpleNamespace(  # type: ignore[assignment]
        SelectSelector=Selector, EVENT_READ=selectors.EVENT_READ
    )


def on_a_terminal() -> bool:
    """True when the app can read keys and draw: Textual reads stdin and draws on stderr."""
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.__stderr__))


def default_data_path() -> str:
    """`platformdirs.user_data_path("cadre") / "cadre.json"`, as the command line has it."""
    import platformdirs

    return os.path.join(platformdirs.user_data_dir("cadre"), "cadre.json")
