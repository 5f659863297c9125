"""Welcome, help, the main menu and deep links (``/start tips_burglary``)."""

from __future__ import annotations

import re
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.answers import TOPIC_BUTTONS, Reply, ReplyKind
from bot.roles import roles_of
from bot.staff_guide import is_staff, staff_help
from handlers.context import Context
from handlers.menus import refresh_if_staff
from handlers.send import send_reply
from handlers.updates import OFFER

DEEP_LINK = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

WELCOME = (
    "Welcome to Local Beat, the {borough} neighbourhood policing team’s assistant.\n\n"
    "Ask me about crime in your area, local police events, staying safe or the Met’s plan for "
    "London, and tell the team what matters to you. Tap “🔔 Get local updates” to hear about "
    "news and events in your ward: two taps.\n\n"
    "This bot cannot take crime reports and is not watched around the clock. In an emergency "
    "call 999. Otherwise call 101 or report online at https://www.met.police.uk/ro/report/ .\n\n"
    "We keep only what is needed to answer you: see /privacy."
)

HELP = (
    "Type a question in your own words, for example:\n"
    "• how do I stop my phone being snatched?\n"
    "• what is the New Met for London plan?\n"
    "• what did residents ask for at the crime-fighting event?\n\n"
    "Commands:\n"
    "/start – the main menu\n"
    "/updates – local news and events for your ward, in two taps\n"
    "/crime – crime figures for your area, near you, and charts\n"
    "/events – upcoming police events; reminders and calendar files\n"
    "/settings – choose wards and topics, quiet hours, pause or unsubscribe\n"
    "/feedback – tell the team your priorities (not for reporting crime)\n"
    "/myfeedback – your open feedback and its status\n"
    "/help – this message\n"
    "/privacy – what we store and why\n"
    "/mydata – a copy of everything we hold about you\n"
    "/forget – delete everything we hold about you\n"
    "/whoami – your role in this bot\n\n"
    "Emergency: 999. Non-emergency: 101 or https://www.met.police.uk/ro/report/ . "
    "Anonymously: Crimestoppers 0800 555 111."
)

COMMANDS = [
    ("start", "Main menu"),
    ("help", "How to use Local Beat"),
    ("privacy", "What we store and why"),
    ("mydata", "Get a copy of your data"),
    ("forget", "Delete your data"),
    ("whoami", "Your role in this bot"),
]


def welcome_reply(borough: str) -> Reply:
    """The main menu, led by the way to local updates (a ward, then topics: two taps)."""
    return Reply(ReplyKind.SMALLTALK, WELCOME.format(borough=borough), (OFFER, *TOPIC_BUTTONS))


async def start(update: Update, context: Context) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    services = context.bot_data.services
    payload = context.args[0] if context.args else ""
    if payload and DEEP_LINK.match(payload):
        reply = services.answers.entry_reply(payload.replace("_", "-"))
        if reply is None:
            found = await services.answers.answer(payload.replace("_", " ").replace("-", " "))
            reply = found if found.entry_id else None
        if reply is not None:
            await send_reply(context.bot, chat.id, reply)
            return
    await send_reply(context.bot, chat.id, welcome_reply(services.config.borough.name))


async def help_command(update: Update, context: Context) -> None:
    """Residents' help; staff also get what each of their roles can do."""
    if update.effective_chat is None:
        return
    text, user = HELP, update.effective_user
    roles = roles_of(user.id, context.bot_data.config.roles) if user else frozenset()
    if user is not None and is_staff(roles):
        text = f"{HELP}\n\n{staff_help(roles)}"
        await refresh_if_staff(context.bot, context.bot_data, user.id)
    await send_reply(context.bot, update.effective_chat.id, Reply(ReplyKind.SMALLTALK, text,
                                                                   TOPIC_BUTTONS))  # fmt: skip


async def main_menu(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None or update.effective_chat is None:
        return
    await query.answer()
    await send_reply(
        context.bot, update.effective_chat.id, welcome_reply(context.bot_data.config.borough.name)
    )


def handlers() -> list[BaseHandler[Any, Context, Any]]:
    return [
        CommandHandler("start", start),
        CommandHandler("help", help_command),
        CallbackQueryHandler(main_menu, pattern=r"^menu:main$"),
    ]
