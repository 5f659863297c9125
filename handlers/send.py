"""Sending a service ``Reply`` to a chat, as the one way every handler answers."""

from __future__ import annotations

from telegram import Bot, Message
from telegram.constants import ParseMode

from bot.answers import Reply
from handlers.render import render


async def send_reply(bot: Bot, chat_id: int, reply: Reply) -> list[Message]:
    sent = []
    for text, markup in render(reply):
        sent.append(
            await bot.send_message(
                chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup,
                link_preview_options=None,
            )
        )  # fmt: skip
    return sent
