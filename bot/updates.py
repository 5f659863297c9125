"""Reading raw updates from Telegram so that one bad update never stops the others.

PTB parses a whole ``getUpdates`` batch at once: one update it cannot read makes the batch fail,
the same batch is fetched again and again, and PTB logs the raw batch (residents' words included)
each time. Every update is therefore read here first, one by one, both for polling (through the
``getUpdates`` transport) and for the webhook. An unreadable update is counted and logged by id
and type only; in a polling batch it is replaced by an empty update with the same id, so the
offset still moves past it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from telegram import Update

from bot.tg_request import AiohttpRequest

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


def update_kind(update: Update) -> str:
    """The type of a parsed update (``message``, ``callback_query``...), safe to log."""
    for name, value in update.to_dict(recursive=False).items():
        if name != "update_id" and value is not None:
            return name if _KIND.match(name) else "unknown"
    return "none"


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


def screen_batch(result: list[Any], on_unreadable: OnUnreadable | None) -> list[Any]:
    """Keep readable updates; an unreadable one becomes ``{"update_id": id}`` (or goes)."""
    kept: list[Any] = []
    for data in result:
        if read_update(data) is not None:
            kept.append(data)
            continue
        if on_unreadable is not None:
            on_unreadable()
        uid, _ = describe(data)
        if uid is not None:
            kept.append({"update_id": uid})  # moves the offset on; no handler acts on it
    return kept


class UpdatesRequest(AiohttpRequest):
    """The ``getUpdates`` transport: screens each batch before PTB parses it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.on_unreadable: OnUnreadable | None = None

    def parse_json_payload(self, payload: bytes) -> dict[str, Any]:  # type: ignore[override]
        data = super().parse_json_payload(payload)
        result = data.get("result") if isinstance(data, dict) else None
        if isinstance(result, list):
            data["result"] = screen_batch(result, self.on_unreadable)
        return data
