"""Turning a service ``Reply`` into Telegram messages: escaped HTML, split, with buttons.

Everything sent uses HTML parse mode and every piece of text passes through ``html.escape``, so
nothing a resident or comms staff wrote can break formatting or inject markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answers import Button, Reply, ReplyKind

MAX_MESSAGE = 4096
CALLBACK_DATA = re.compile(r"^[a-z]{1,12}:[A-Za-z0-9_.-]{1,50}$")
EMERGENCY_FIRST_LINE = re.compile(r"^([^\n]+)")


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def _cut_point(text: str, limit: int) -> int:
    for separator in ("\n", " "):
        cut = text.rfind(separator, 0, limit)
        if cut > 0:
            return cut
    return limit


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split at paragraph boundaries, then lines, then words, never exceeding ``limit``."""
    chunks: list[str] = []
    current = ""
    for part in text.split("\n\n"):
        candidate = f"{current}\n\n{part}" if current else part
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
        current = part
        while len(current) > limit:
            cut = _cut_point(current, limit)
            chunks.append(current[:cut].rstrip())
            current = current[cut:].lstrip()
    if current:
        chunks.append(current)
    return chunks


def keyboard(buttons: Sequence[Button], per_row: int = 1) -> InlineKeyboardMarkup | None:
    valid = [b for b in buttons if CALLBACK_DATA.match(b.action)]
    if not valid:
        return None
    rows = [valid[i : i + per_row] for i in range(0, len(valid), per_row)]
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label[:64], callback_data=b.action) for b in row] for row in rows]
    )


def reply_html(reply: Reply) -> str:
    """The escaped HTML body; an emergency's first line is bold so it is read first."""
    body = escape(reply.text)
    if reply.kind is ReplyKind.EMERGENCY:
        body = EMERGENCY_FIRST_LINE.sub(r"<b>\1</b>", body, count=1)
    return body


def render(reply: Reply) -> list[tuple[str, InlineKeyboardMarkup | None]]:
    """Messages to send in order; buttons go on the last one."""
    chunks = split_message(reply_html(reply))
    per_row = 2 if len(reply.buttons) > 4 else 1
    markup = keyboard(reply.buttons, per_row)
    return [(c, markup if i == len(chunks) - 1 else None) for i, c in enumerate(chunks)]
