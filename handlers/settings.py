"""``/settings``: wards, topics, quiet hours, a week's pause and unsubscribing in one tap.

Each tap changes one thing and redraws the same message, so the screen always shows what is
stored. Button data is ``set:ACTION`` with indexes into the configured wards and known topics.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.answers import Button
from bot.localtime import describe_local
from bot.subscriptions.service import TOPICS, Settings, SubscriptionService
from handlers.context import Context
from handlers.pickers import page_of_ward, ward_markup

QUIET_PRESETS = {"2200-0700": "22:00–07:00", "2100-0800": "21:00–08:00", "2300-0600": "23:00–06:00"}
TOPIC_KEYS = tuple(TOPICS)
STOP_ASK = (
    "Unsubscribe from everything? You will get no more announcements, summaries, tips, "
    "new-event alerts or event reminders. You can subscribe again at any time."
)
STOPPED = (
    "Done: you are unsubscribed from everything and nothing more will be sent. "
    "Use /settings to subscribe again."
)

Markup = InlineKeyboardMarkup


def _subs(context: Context) -> SubscriptionService:
    return context.bot_data.services.engagement.subscriptions


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def summary_text(settings: Settings) -> str:
    topics = ", ".join(TOPICS[t] for t in settings.topics) or "nothing yet"
    wards = ", ".join(settings.wards) or "none chosen (you hear about the whole borough)"
    quiet = (
        f"{settings.quiet[0]:%H:%M}–{settings.quiet[1]:%H:%M} (messages wait until after)"
        if settings.quiet
        else "off"
    )
    lines = [
        "Your settings",
        f"• Topics: {topics}",
        f"• Wards: {wards}",
        f"• Quiet hours: {quiet}",
    ]
    if settings.paused_until:
        lines.append(f"• Paused until {describe_local(settings.paused_until)} (messages wait)")
    lines.append("\nEvent reminders you asked for are sent whatever your topics.")
    return "\n".join(lines)


def main_markup(settings: Settings) -> Markup:
    pause = (
        _button("Resume messages", "set:resume")
        if settings.paused_until
        else _button("Pause for a week", "set:pause")
    )
    return Markup([
        [_button("Topics", "set:topics"), _button(f"Wards ({len(settings.wards)})", "set:wards")],
        [_button("Quiet hours", "set:quiet"), pause],
        [_button("Unsubscribe from everything", "set:stop")],
    ])  # fmt: skip


def wards_markup(settings: Settings, wards: tuple[str, ...], page: int = 0) -> Markup:
    return ward_markup(
        wards, page, lambda i: f"set:w{i}", lambda n: f"set:wp{n}",
        below=[[Button("Done", "set:main")]],
        mark=lambda w: ("✓ " if w in settings.wards else "") + w,
    )  # fmt: skip


def topics_markup(settings: Settings) -> Markup:
    rows = [
        [_button(("✓ " if t in settings.topics else "") + TOPICS[t], f"set:t{i}")]
        for i, t in enumerate(TOPIC_KEYS)
    ]
    return Markup([*rows, [_button("Done", "set:main")]])


def quiet_markup() -> Markup:
    rows = [[_button(label, f"set:q{key}")] for key, label in QUIET_PRESETS.items()]
    return Markup([*rows, [_button("No quiet hours", "set:qoff")], [_button("Done", "set:main")]])


async def settings_command(update: Update, context: Context) -> None:
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    settings = await _subs(context).settings(user.id)
    await message.reply_text(summary_text(settings), reply_markup=main_markup(settings))


async def settings_menu(update: Update, context: Context) -> None:
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    if query is None or user is None or chat is None:
        return
    await query.answer()
    settings = await _subs(context).settings(user.id)
    await context.bot.send_message(
        chat.id, summary_text(settings), reply_markup=main_markup(settings)
    )


async def _show(update: Update, text: str, markup: Markup | None) -> None:
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:  # pressing the same option twice leaves the message unchanged
        if "not modified" not in exc.message.lower():
            raise


async def _act(subs: SubscriptionService, user_id: int, action: str) -> tuple[Settings, str]:
    """Apply one button; returns the new settings and which screen to show."""
    if action[:2] == "wp" and action[2:].isdigit():
        return await subs.settings(user_id), f"wards:{int(action[2:])}"
    if action[0] == "w" and action[1:].isdigit():
        index = int(action[1:])
        return await subs.toggle_ward(user_id, subs.wards[index]), f"wards:{page_of_ward(index)}"
    if action[0] == "t" and action[1:].isdigit():
        return await subs.toggle_topic(user_id, TOPIC_KEYS[int(action[1:])]), "topics"
    if action == "qoff":
        return await subs.set_quiet(user_id, None, None), "main"
    if action[0] == "q" and action[1:2].isdigit():
        if action[1:] not in QUIET_PRESETS:
            raise ValueError(action)
        start, end = action[1:].split("-")
        begin, finish = time(int(start[:2]), int(start[2:])), time(int(end[:2]), int(end[2:]))
        return await subs.set_quiet(user_id, begin, finish), "main"
    if action == "pause":
        return await subs.pause(user_id), "main"
    if action == "resume":
        return await subs.resume(user_id), "main"
    return await subs.settings(user_id), action


async def settings_button(update: Update, context: Context) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    subs = _subs(context)
    action = (query.data or "").removeprefix("set:")
    if action == "stopyes":
        await subs.unsubscribe_all(user.id)
        await query.answer("Unsubscribed.")
        await _show(update, STOPPED, None)
        return
    try:
        settings, screen = await _act(subs, user.id, action)
    except (IndexError, ValueError):
        await query.answer("Sorry, that option has expired.")
        settings, screen = await subs.settings(user.id), "main"
    else:
        await query.answer()
    if screen.startswith("wards"):
        text = "Choose the wards you want news about (tap again to remove):"
        page = int(screen.partition(":")[2] or 0)
        await _show(update, text, wards_markup(settings, subs.wards, page))
    elif screen == "topics":
        await _show(update, "Choose what you want to receive:", topics_markup(settings))
    elif screen == "quiet":
        text = "Quiet hours (London time): messages due then wait until they end; none is lost."
        await _show(update, text, quiet_markup())
    elif screen == "stop":
        yes_no = [[_button("Yes, unsubscribe", "set:stopyes"), _button("No", "set:main")]]
        await _show(update, STOP_ASK, Markup(yes_no))
    else:
        await _show(update, summary_text(settings), main_markup(settings))


COMMANDS = [("settings", "What you get from us, and when")]


def handlers() -> list[BaseHandler[Any, Context, Any]]:
    actions = (
        r"(main|wards|topics|quiet|stop|stopyes|pause|resume|qoff|q\d{4}-\d{4}|w\d{1,3}|wp\d{1,2}"
        r"|t\d)"
    )
    return [
        CommandHandler("settings", settings_command),
        CallbackQueryHandler(settings_menu, pattern=r"^menu:settings$"),
        CallbackQueryHandler(settings_button, pattern=rf"^set:{actions}$"),
    ]
