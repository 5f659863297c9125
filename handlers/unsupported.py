"""Messages the bot cannot read (stickers, voice, photos...) and commands it does not know: one
short helpful reply.

Edited messages and channel posts are ignored by design: answering an edit would duplicate the
first answer, and the bot has nothing to say in channels. A command addressed to another bot
(``/start@otherbot``) is not ours to answer, and in a group a bare unknown command may be meant
for another bot, so there only ``/cmd@thisbot`` gets the reply.
"""

from __future__ import annotations

from typing import Any

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.ext import (
    Application,
    BaseHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from handlers.context import Context

CANNOT_READ = (
    "Sorry, I can only read text. Please type your question in words. In an emergency call 999."
)


async def cannot_read(update: Update, context: Context) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(CANNOT_READ)


UNKNOWN_COMMAND = "Sorry, I don’t know /{name}. Send /help to see what I can do."
UNKNOWN_UNNAMED = "Sorry, I don’t know that command. Send /help to see what I can do."


def _commands_of(handler: BaseHandler[Any, Any, Any]) -> set[str]:
    if isinstance(handler, CommandHandler):
        return set(handler.commands)
    if isinstance(handler, ConversationHandler):
        inner = [*handler.entry_points, *handler.fallbacks]
        inner += [h for state in handler.states.values() for h in state]
        return {c for h in inner for c in _commands_of(h)}
    return set()


def known_commands(app: Application[Any, Any, Any, Any, Any, Any]) -> set[str]:
    """Every command some handler answers (in some chat, for some role, in some step)."""
    return {c for group in app.handlers.values() for h in group for c in _commands_of(h)}


def _command(message: Message) -> tuple[str, str] | None:
    """(name, addressee) of the command that starts the message, both in lower case."""
    if not message.text or not message.entities:
        return None
    first = message.entities[0]
    if first.type != MessageEntity.BOT_COMMAND or first.offset != 0:
        return None
    try:
        command = message.parse_entity(first)
    except UnicodeDecodeError:  # an entity that cuts a character in two (a broken client)
        return "", ""
    name, _, addressee = command[1:].partition("@")
    return name.lower(), addressee.lower()


class _UnknownCommand(filters.MessageFilter):
    """A command no handler knows, meant for this bot. Checked when the message arrives, so
    commands registered later (or inside conversations) are never called unknown."""

    def __init__(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        super().__init__(name="UnknownCommand")
        self._app = app

    def filter(self, message: Message) -> bool:
        found = _command(message)
        if found is None:
            return False
        name, addressee = found
        if addressee and addressee != (self._app.bot.username or "").lower():
            return False  # another bot's command
        if message.chat.type != ChatType.PRIVATE and not addressee:
            return False  # in a group, a bare command may be another bot's
        return name not in known_commands(self._app)


async def unknown_command(update: Update, context: Context) -> None:
    message = update.effective_message
    found = _command(message) if message is not None else None
    if message is None or found is None:
        return
    name = found[0][:32]
    await message.reply_text(UNKNOWN_COMMAND.format(name=name) if name else UNKNOWN_UNNAMED)


def handlers(
    app: Application[Any, Any, Any, Any, Any, Any],
) -> list[BaseHandler[Any, Context, Any]]:
    media = (
        filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.UpdateType.EDITED
        & ~filters.StatusUpdate.ALL
    )  # fmt: skip
    unknown = filters.COMMAND & ~filters.UpdateType.EDITED & _UnknownCommand(app)
    return [MessageHandler(media, cannot_read), MessageHandler(unknown, unknown_command)]
