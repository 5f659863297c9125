"""Logging for a long-running bot: the same failure repeated thousands of times is one line a
minute, not hundreds of megabytes of log.

A resource problem (no file handles left, Telegram unreachable, a locked database) makes the same
line appear on every retry. ``RepeatFilter`` lets the first few of each kind through per window
and then says how many it held back, so the log stays readable and the disk does not fill.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

Clock = Callable[[], float]


@dataclass
class _Seen:
    window_start: float
    count: int = 0
    suppressed: int = 0


class RepeatFilter(logging.Filter):
    """At most ``burst`` records per (logger, level, message template) per ``window`` seconds."""

    def __init__(self, burst: int = 5, window: float = 60.0, clock: Clock = time.monotonic) -> None:
        super().__init__()
        self._burst = burst
        self._window = window
        self._clock = clock
        self._seen: dict[tuple[str, int, str], _Seen] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.levelno, str(record.msg))
        now = self._clock()
        seen = self._seen.get(key)
        if seen is None or now - seen.window_start >= self._window:
            held = seen.suppressed if seen else 0
            self._seen[key] = _Seen(now, 1)
            if len(self._seen) > 10_000:  # many distinct templates: forget the oldest
                self._seen.pop(next(iter(self._seen)))
            if held:
                record.msg = f"{record.msg} [{held} more like this held back]"
            return True
        seen.count += 1
        if seen.count <= self._burst:
            return True
        seen.suppressed += 1
        return False


# Their DEBUG lines carry whole updates and API calls, residents' words included: never below INFO.
WORDY_LIBRARIES = ("telegram", "httpx", "aiohttp.client")
# Their INFO lines already carry SQL with its parameters (residents' words among them), and they
# log at INFO whenever the root logger does: never below WARNING.
SQL_LIBRARIES = ("aiosqlite", "sqlalchemy.engine")


# Routine lines from schedulers and schema upgrades ("Running job...", "executed successfully"
# every few seconds were 412 of 421 lines of a long run): shown only when debugging.
ROUTINE_LIBRARIES = ("apscheduler", "telegram.ext.JobQueue", "alembic")


def set_library_levels(level: str) -> None:
    numeric = logging.getLevelName(level)
    for name in WORDY_LIBRARIES:
        logging.getLogger(name).setLevel(max(logging.INFO, numeric))
    for name in SQL_LIBRARIES:
        logging.getLogger(name).setLevel(max(logging.WARNING, numeric))
    if numeric > logging.DEBUG:
        for name in ROUTINE_LIBRARIES:
            logging.getLogger(name).setLevel(logging.WARNING)


def configure(level: str) -> None:
    """The process's logging: a format with times, quiet libraries, repeats held back.

    Like ``basicConfig``, it leaves handlers someone else installed (a test runner, an embedding
    program) as they are, and only filters the one it creates.
    """
    root = logging.getLogger()
    configured = bool(root.handlers)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    set_library_levels(level)
    if not configured:
        repeat = RepeatFilter()
        for handler in root.handlers:
            handler.addFilter(repeat)
