"""The first screen of a large file, worked out in a forked child process while the parent
imports Textual, so that parsing the file and loading Textual run on two cores at once.

The child is forked once the modules it needs are loaded (the parent needs them too), before the
parent imports Textual; the parent reads the file itself once the first screen is drawn. A child
that fails changes nothing (the parent then reads the file first and reports any problem as
usual)."""

from __future__ import annotations

import contextlib
import datetime
import os
import pickle
from dataclasses import dataclass
from typing import Any

from tui.core import dates
from tui.core.overview import OverviewFigures, overview_figures
from tui.core.store import Store

LARGE_FILE = 2_000_000  # bytes; below this, reading the file costs less than a fork


@dataclass(frozen=True)
class FirstScreen:
    """What the app needs before it has read the file: the settings and the Overview's figures
    (None while a child works them out)."""

    settings: dict[str, Any]
    figures: OverviewFigures | None


class Preview:
    """A child process computing the first screen; `result()` waits for its answer."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self.fd = fd

    @classmethod
    def start(
        cls, path: str | os.PathLike[str], today: str | None, large: int = LARGE_FILE
    ) -> Preview | None:
        """Fork the child when the data file at `path` is at least `large` bytes (else None).

        `today` is CADRE_TODAY's ISO date, or None for the store's today (its time zone is in the
        file: the child reads it); a date that is not ISO is for the command line to refuse."""
        try:
            if os.stat(path).st_size < large:
                return None
        except OSError:
            return None
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: answer, then leave without running the parent's cleanup
            os.close(read_end)
            status = 1
            try:
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(pickle.dumps(first_screen(path, today)))
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        return cls(pid, read_end)

    def result(self) -> FirstScreen | None:
        """The child's answer, or None when it failed (a bad file, say)."""
        chunks = []
        try:
            while chunk := os.read(self.fd, 1 << 16):
                chunks.append(chunk)
        finally:
            os.close(self.fd)
            _, status = os.waitpid(self.pid, 0)
        if status != 0 or not chunks:
            return None
        with contextlib.suppress(pickle.UnpicklingError, EOFError):
            answer = pickle.loads(b"".join(chunks))
            if isinstance(answer, FirstScreen):
                return answer
        return None


def first_screen(path: str | os.PathLike[str], today: str | None) -> FirstScreen:
    """The settings and the Overview's figures of the data file at `path` (ValueError when
    `today` is not an ISO date; the Store's errors when the file cannot be used)."""
    if today is not None and not dates.is_iso_date(today):
        raise ValueError(today)
    store = Store(path, today=datetime.date.fromisoformat(today) if today else None)
    return FirstScreen(store.settings, overview_figures(store, store.day()))  # without pendulum
