"""What every command of the `cadre` command line shares, free of click (the quick lane runs
without it): the exit codes, the Session the global options choose, and how text is printed."""

from __future__ import annotations

import contextlib
import datetime
import os
import signal
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from tui.core import dates, display, references
from tui.core.i18n import choose_language, set_language, t
from tui.core.records import FieldError, Kind
from tui.core.storage import AnyPath, DataFileError, plain_path
from tui.core.store import Store

EXIT_REFUSED = 1
EXIT_DATA_FILE = 3


class Session:
    """What the global options chose: the data file, the language and a fixed day, if any."""

    def __init__(self, db: AnyPath, lang: str | None, today: datetime.date | None) -> None:
        self.db = db
        self.lang = lang
        self.today = today
        self._store: Store | None = None

    def store(self) -> Store:
        """The Store on the chosen file (its settings may choose the language)."""
        if self._store is None:
            self._store = Store(self.db, today=self.today)
            if self.language_from_settings:
                with contextlib.suppress(DataFileError):  # the command itself reports it
                    set_language(choose_language(None, self._store.settings.get("language")))
        return self._store

    @property
    def language_from_settings(self) -> bool:
        """True unless --lang or CADRE_LANG chose the language."""
        return self.lang is None and not os.environ.get("CADRE_LANG")

    def day(self) -> datetime.date:
        """Today for this command (a plain date: pendulum is loaded only for the figures)."""
        return self.today or self.store().day()

    @property
    def saved(self) -> bool:
        """True once this command has saved a change to the data file."""
        return self._store is not None and self._store.storage.saved

    def invalid_records(self) -> list[tuple[str, Any, list[FieldError]]]:
        """(kind, id, problems) of every record that breaks the rules of its kind, as `cadre check
        --records` lists them; none when the file was not read."""
        if self._store is None:
            return []
        from tui.core.import_checks import invalid_in

        return invalid_in(self._store.data, self._store.settings)


SESSIONS: list[Session] = []  # the sessions of the command being run, for `run` to ask after


def new_session(db: AnyPath, lang: str | None) -> Session:
    """The Session of the command being run, on the day CADRE_TODAY fixes (a UsageError when it
    is not a date), kept in SESSIONS."""
    session = Session(db=plain_path(db), lang=lang, today=fixed_today())
    SESSIONS.append(session)
    return session


def fixed_today() -> datetime.date | None:
    """The day set by CADRE_TODAY (YYYY-MM-DD), used by tests and the demo."""
    value = os.environ.get("CADRE_TODAY")
    if not value:
        return None
    if not dates.is_iso_date(value):
        import click  # the quick lane leaves such a day to click

        raise click.UsageError(f"CADRE_TODAY: {t('err.date', value=value)}")
    return datetime.date.fromisoformat(value)


def refuse(problems: Sequence[FieldError], kind: Kind | None = None) -> NoReturn:
    """Report input problems on stderr, each naming its field, and exit 1."""
    for problem in problems:
        name = problem.field
        if kind is not None and name in {f.name for f in kind.fields}:
            name = f"{kind.field(name).option} ({kind.field(name).label()})"
        echo(t("cli.error", message=display.escape(f"{name}: {problem.reason}")), err=True)
        if isinstance(problem, references.AmbiguousReference):
            for line in problem.candidates:
                echo("  " + display.escape(line), err=True)
    sys.exit(EXIT_REFUSED)


def echo_warnings(store: Store) -> None:
    """Print (once) what the storage warned about."""
    for warning in store.warnings:
        echo(display.escape(warning), err=True)
    store.warnings.clear()


def echo(text: str, err: bool = False) -> None:
    """Print a line of cadre's own text (escaped, unstyled) on stdout or stderr, and flush it, as
    click.echo does on a UTF-8 or other real encoding; nothing when there is no such stream."""
    stream = sys.stderr if err else sys.stdout
    if stream is not None:
        stream.write(text + "\n")
        stream.flush()


def leave(code: int) -> NoReturn:
    """End the command with `code`, its output flushed. A late Ctrl-C changes nothing, and every
    write is already fsynced, so a large parsed file is not freed object by object."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):
            stream.flush()
    os._exit(code)
