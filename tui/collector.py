"""When the TUI collects cycles: the young generations as Python does, a full collection only once
no key or click has come for a moment (at 50,000 records one takes 35-65 ms, a key's worth)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

QUIET_SECONDS = 2.0  # a full collection waits until no input came for this long
CHECK_SECONDS = 0.25  # how often the app asks whether it is quiet
LONGEST_WITHOUT_FULL = 60.0  # seconds: with no input at all, timers' garbage is still collected
NO_AUTOMATIC_FULL = 2**30  # middle-generation collections before Python starts a full one


class QuietCollector:
    """Python's collector for a program a person types into: its full collections (which walk
    every object made since the last freeze) are taken out of Python's hands and run when the
    person has been quiet for QUIET_SECONDS."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.input_at: float | None = None  # the last key or click, if any came
        self.collected_at = clock()
        self.thresholds = gc.get_threshold()  # Python's, put back by `stop`

    def start(self) -> None:
        """Turn the collector on (`cadre` starts with it off), leaving what start-up made out of
        its scans: the app, its modules and its first screen live as long as the process."""
        gc.freeze()
        young, middle, _ = self.thresholds
        gc.set_threshold(young, middle, NO_AUTOMATIC_FULL)
        gc.enable()

    def stop(self) -> None:
        """Give full collections back to Python (the app has ended)."""
        gc.set_threshold(*self.thresholds)

    def noticed_input(self) -> None:
        """A key or a click came: a full collection waits for the next quiet moment."""
        self.input_at = self.clock()

    def collect_if_quiet(self) -> bool:
        """Run a full collection when input came since the last one (or none came for a minute)
        and none came for QUIET_SECONDS; True when it ran."""
        now = self.clock()
        if self.input_at is not None and now - self.input_at < QUIET_SECONDS:
            return False
        typed_since = self.input_at is not None and self.input_at > self.collected_at
        if not typed_since and now - self.collected_at < LONGEST_WITHOUT_FULL:
            return False
        gc.collect()
        self.collected_at = self.clock()
        return True
