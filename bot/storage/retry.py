"""Retrying a write that met a busy or locked database, briefly.

SQLite allows one writer at a time (it already waits up to ``busy_timeout`` for the lock), and
PostgreSQL can end a transaction for a deadlock or a serialization conflict. Either clears in a
moment, so such a write is tried again a couple of times before the error is let through.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

T = TypeVar("T")

# serialization_failure, deadlock_detected, lock_not_available
TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
_SQLITE_BUSY = ("database is locked", "database is busy", "database table is locked")


def is_transient(exc: BaseException) -> bool:
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    if any(words in str(orig).lower() for words in _SQLITE_BUSY):
        return True
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    return sqlstate in TRANSIENT_SQLSTATES


async def retry_busy(
    work: Callable[[], Awaitable[T]], attempts: int = 3, first_delay: float = 0.1
) -> T:
    """Run ``work``; on a busy or locked database wait 0.1 s, then 0.3 s, and run it again."""
    for attempt in range(attempts):
        try:
            return await work()
        except DBAPIError as exc:
            if attempt + 1 == attempts or not is_transient(exc):
                raise
            await asyncio.sleep(first_delay * 3**attempt)
    raise AssertionError("unreachable")
