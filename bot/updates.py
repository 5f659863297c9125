"""Reading raw updates from Telegram so that one bad update never stops the others.

An unreadable update is counted and logged by id and type only, never with its text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from telegram import Update

log = logging.getLogger("localbeat.updates")

_KIND = re.compile(r"^[a-z_]{1,40}$")

OnUnreadable = Callable[[], None]


def describe(data: object) -> tuple[int | None, str]:
    """The update's id and type (its first field after ``update_id``), safe to log."""
    if not isinstance(data, dict):
        return None, type(data).__name__
    update_id = data.get("update_id")
    uid = update_id if isinstance(update_id, int) and not isinstance(update_id, bool) else None
    kind = next((k for k in data if k != "update_id"), "none")
    return uid, kind if isinstance(kind, str) and _KIND.match(kind) else "unknown"


def read_update(data: object, bot: Any = None) -> Update | None:
    """The update, or ``None`` (logged by id and type) when it cannot be read."""
    try:
        if not isinstance(data, dict):
            raise TypeError("an update must be a JSON object")
        return Update.de_json(data, bot)
    except Exception as exc:  # any malformed field: PTB raises many kinds
        uid, kind = describe(data)
        log.warning("skipped update %s (%s): cannot be read (%s)", uid, kind, type(exc).__name__)
        return None
