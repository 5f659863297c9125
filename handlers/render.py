"""Turning a service ``Reply`` into Telegram messages: escaped HTML, split, with buttons.

Everything sent uses HTML parse mode and every piece of text passes through ``html.escape``, so
nothing a resident or comms staff wrote can break formatting or inject markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answers import Button, Reply

MAX_MESSAGE = 4096
CALLBACK_DATA = re.compile(r"^[a-z]{1,12}:[A-Za-z0-9_.-]{1,50}$")
EMERGENCY_FIRST_LINE = re.compile(r"^([^\n]+)")


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def utf16_len(text: str) -> int:
    """Telegram counts a message's length in UTF-16 code units (an emoji is often 2)."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


# A tag, an HTML entity, or one character: the pieces a message may be cut between.
_TOKEN = re.compile(r"<[^<>]*>|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});|.", re.S)
_TAG_NAME = re.compile(r"^<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)")
_BREAKS = ("\n\n", "\n", " ")  # preferred cut points, best first


class _Piece:
    __slots__ = ("closes", "opens", "raw", "units")

    def __init__(self, raw: str, html_mode: bool) -> None:
        self.raw = raw
        self.opens: str | None = None  # the tag name this piece opens
        self.closes: str | None = None
        if html_mode and len(raw) > 1 and raw[0] == "<":
            found = _TAG_NAME.match(raw)
            if found:
                if found.group(1):
                    self.closes = found.group(2).lower()
                else:
                    self.opens = found.group(2).lower()
            self.units = 0
        elif html_mode and len(raw) > 1 and raw[0] == "&":
            self.units = utf16_len(html.unescape(raw))
        else:
            self.units = utf16_len(raw)


def _pieces(text: str, html_mode: bool) -> list[_Piece]:
    if not html_mode:
        return [_Piece(ch, False) for ch in text]
    return [_Piece(m.group(), True) for m in _TOKEN.finditer(text)]


def _cut(pieces: list[_Piece], start: int, end: int) -> tuple[int, int]:
    """Where to end this chunk and start the next, cutting at the best break in [start, end)."""
    text = [p.raw for p in pieces]
    for separator in _BREAKS:
        width = len(separator)
        for i in range(end - width, start, -1):
            if "".join(text[i : i + width]) == separator:
                return i, i + width
    return end, end  # no break at all: a hard cut between two pieces


def _open_tags(stack: list[_Piece], piece: _Piece) -> None:
    if piece.opens:
        stack.append(piece)
    elif piece.closes:
        for i in range(len(stack) - 1, -1, -1):
            if stack[i].opens == piece.closes:
                del stack[i:]
                break


def _render(pieces: list[_Piece], open_at_start: list[_Piece]) -> tuple[str, list[_Piece]]:
    stack = list(open_at_start)
    body = [p.raw for p in open_at_start]
    for piece in pieces:
        body.append(piece.raw)
        _open_tags(stack, piece)
    body += [f"</{p.opens}>" for p in reversed(stack)]
    return "".join(body), stack


def _strip(pieces: list[_Piece], start: int, end: int) -> tuple[int, int]:
    while start < end and pieces[start].units and pieces[start].raw.isspace():
        start += 1
    while end > start and pieces[end - 1].units and pieces[end - 1].raw.isspace():
        end -= 1
    return start, end


def _split(text: str, limit: int, html_mode: bool) -> list[str]:
    pieces = _pieces(text, html_mode)
    chunks: list[str] = []
    stack: list[_Piece] = []
    start = 0
    while start < len(pieces):
        used, end = 0, start
        while end < len(pieces) and used + pieces[end].units <= limit:
            used += pieces[end].units
            end += 1
        stop, resume = (end, end) if end == len(pieces) else _cut(pieces, start, end)
        if stop <= start:  # one piece wider than the limit cannot happen for limit >= 2
            stop = resume = max(end, start + 1)
        first, last = _strip(pieces, start, stop)
        chunk, stack_after = _render(pieces[first:last], stack)
        for piece in pieces[last:resume]:
            _open_tags(stack_after, piece)
        if last > first:
            chunks.append(chunk)
        stack, start = stack_after, resume
    return chunks


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split HTML for Telegram: at paragraphs, then lines, then words, never inside a tag or an
    entity such as ``&amp;``; lengths are what Telegram counts (visible text, in UTF-16 units).
    A tag open at a cut is closed at the end of the chunk and opened again in the next."""
    return _split(text, limit, html_mode=True)


def split_plain(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """The same for text sent without a parse mode, where ``<`` and ``&`` are just characters."""
    return _split(text, limit, html_mode=False)


def keyboard(buttons: Sequence[Button], per_row: int = 1) -> InlineKeyboardMarkup | None:
    valid = [b for b in buttons if CALLBACK_DATA.match(b.action)]
    if not valid:
        return None
    rows = [valid[i : i + per_row] for i in range(0, len(valid), per_row)]
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label[:64], callback_data=b.action) for b in row] for row in rows]
    )


def reply_html(reply: Reply) -> str:
    """The escaped HTML body; a first line telling to call 999 is bold so it is read first."""
    body = escape(reply.text)
    if reply.danger_first:
        body = EMERGENCY_FIRST_LINE.sub(r"<b>\1</b>", body, count=1)
    return body


def render(reply: Reply) -> list[tuple[str, InlineKeyboardMarkup | None]]:
    """Messages to send in order; buttons go on the last one."""
    chunks = split_message(reply_html(reply))
    per_row = 2 if len(reply.buttons) > 4 else 1
    markup = keyboard(reply.buttons, per_row)
    return [(c, markup if i == len(chunks) - 1 else None) for i, c in enumerate(chunks)]
