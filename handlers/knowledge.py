"""Comms staff and the knowledge base in Telegram: check, reload, upload, history, rollback.

Thin adapters over ``bot.kb.manager``: they read the update, call the service and send its wording
as plain text (no parse mode, so nothing in a file name or an answer can break the message).
Uploads and rollbacks wait for an Apply button; the weekly digest and the optional folder watcher
run from the JobQueue.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, time
from pathlib import PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.kb import digest, wording
from bot.kb.manager import Outcome, Report
from bot.roles import Role, has_role, roles_of
from handlers.context import BotData, Context
from handlers.render import split_plain
from handlers.replica import CalendarJob, every_minute, exclusive, iso_week, weekly
from handlers.roles import require_role
from handlers.unsupported import CANNOT_READ

log = logging.getLogger(__name__)

LONDON = ZoneInfo("Europe/London")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
KNOWLEDGE_FILES = (
    filters.Document.FileExtension("yaml") | filters.Document.FileExtension("yml")
    | filters.Document.FileExtension("zip")
)  # fmt: skip
CONFIRM = re.compile(r"^kb(ok|no|sure):([0-9a-f]{8})$")
VERSION = re.compile(r"[0-9]{1,9}")
ROLE_WORDS = {Role.ADMIN: "administrator", Role.COMMS: "communications staff",
              Role.OFFICER: "officer"}  # fmt: skip
ROLLBACK_USAGE = "Send /rollback followed by a version number from /kbhistory, e.g. /rollback 3."


class _HasRole(filters.MessageFilter):
    """Lets only ``role`` reach a handler, so everyone else falls through to the next one."""

    def __init__(self, data: BotData, role: Role) -> None:
        super().__init__(name=f"HasRole({role})")
        self._data = data
        self._role = role

    def filter(self, message: Message) -> bool:
        user = message.from_user
        if user is None or not self._data.attached:
            return False
        return has_role(user.id, self._role, self._data.config.roles)


def _actor(update: Update) -> int:
    return update.effective_user.id if update.effective_user else 0


async def _say(message: Message, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    chunks = split_plain(text)
    for n, chunk in enumerate(chunks):
        await message.reply_text(chunk, reply_markup=markup if n == len(chunks) - 1 else None)


def _buttons(report: Report) -> InlineKeyboardMarkup | None:
    if report.proposal is None:
        return None
    token = report.proposal.token
    if report.outcome is Outcome.PROPOSED:
        yes = InlineKeyboardButton("Apply", callback_data=f"kbok:{token}")
    elif report.outcome is Outcome.CONFIRM_AGAIN:
        yes = InlineKeyboardButton(wording.remove_label(report), callback_data=f"kbsure:{token}")
    else:
        return None
    cancel = InlineKeyboardButton("Cancel", callback_data=f"kbno:{token}")
    return InlineKeyboardMarkup([[yes, cancel]])


async def _show(message: Message, report: Report) -> None:
    await _say(message, wording.report_text(report), _buttons(report))


@require_role(Role.COMMS, "kb-check")
async def kbcheck(update: Update, context: Context) -> None:
    if update.effective_message is None:
        return
    report = await context.bot_data.services.knowledge.check()
    await _say(update.effective_message, wording.check_text(report))


@require_role(Role.COMMS, "kb-reload")
async def reload(update: Update, context: Context) -> None:
    if update.effective_message is None:
        return
    report = await context.bot_data.services.knowledge.reload(_actor(update))
    await _say(update.effective_message, wording.report_text(report))


@require_role(Role.COMMS, "kb-history")
async def kbhistory(update: Update, context: Context) -> None:
    if update.effective_message is None:
        return
    knowledge = context.bot_data.services.knowledge
    versions = await knowledge.history(10)
    actors = {v.actor_id for v in versions if v.actor_id}
    who = {a: label for a in actors if (label := await _staff_label(context, a))}
    await _say(
        update.effective_message, wording.history_text(versions, knowledge.live.content_hash, who)
    )


async def _staff_label(context: Context, user_id: int) -> str | None:
    """'Sam Patel, communications staff' for someone in a staff role now; None for anyone else
    (never a resident's id). The name is what Telegram shows for their chat, when it knows it."""
    roles = roles_of(user_id, context.bot_data.config.roles)
    role = next((ROLE_WORDS[r] for r in (Role.ADMIN, Role.COMMS, Role.OFFICER) if r in roles), None)
    if role is None:
        return None
    try:
        chat = await context.bot.get_chat(user_id)
    except TelegramError:
        return f"a member of staff ({role})"
    name = " ".join(p for p in (chat.first_name, chat.last_name) if p)
    return f"{name} ({role})" if name else f"a member of staff ({role})"


@require_role(Role.COMMS, "kb-rollback")
async def rollback(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    args = context.args or []
    if len(args) != 1 or not VERSION.fullmatch(args[0]):
        await message.reply_text(ROLLBACK_USAGE)
        return
    report = await context.bot_data.services.knowledge.propose_rollback(
        _actor(update), int(args[0])
    )
    await _show(message, report)


@require_role(Role.COMMS, "kb-upload")
async def upload(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None or message.document is None:
        return
    document, actor = message.document, _actor(update)
    knowledge = context.bot_data.services.knowledge
    name = document.file_name or ""
    refused = await knowledge.precheck_upload(actor, name, document.file_size)
    if refused is not None:
        await _say(message, wording.report_text(refused))
        return
    file = await document.get_file()
    refused = await knowledge.precheck_upload(actor, name, file.file_size)
    if refused is not None:
        await _say(message, wording.report_text(refused))
        return
    data = bytes(await file.download_as_bytearray())
    await _show(message, await knowledge.propose_upload(actor, name, data))


@require_role(Role.COMMS, "kb-apply")
async def confirm(update: Update, context: Context) -> None:
    query = update.callback_query
    found = CONFIRM.match(query.data or "") if query else None
    if query is None or found is None or not isinstance(query.message, Message):
        return
    knowledge, actor = context.bot_data.services.knowledge, _actor(update)
    markup = None
    if found.group(1) in {"ok", "sure"}:
        admin = has_role(actor, Role.ADMIN, context.bot_data.config.roles)
        report = await knowledge.apply(
            actor, found.group(2), second=found.group(1) == "sure", admin=admin
        )
        await query.answer(_press_answer(report))
        text, markup = wording.report_text(report), _buttons(report)
    else:
        cancelled = await knowledge.cancel(actor, found.group(2))
        await query.answer("Cancelled." if cancelled else "Nothing to cancel.")
        text = "Cancelled: nothing was changed." if cancelled else wording.EXPIRED
    try:
        await query.edit_message_reply_markup(None)
    except TelegramError as exc:  # cosmetic: the buttons no longer work anyway
        log.info("could not remove the confirm buttons: %s", type(exc).__name__)
    await _say(query.message, text, markup)


def _press_answer(report: Report) -> str:
    if report.outcome is Outcome.APPLIED:
        return "Applied."
    return "Please confirm again." if report.outcome is Outcome.CONFIRM_AGAIN else "Not applied."


async def refused_upload(update: Update, context: Context) -> None:
    """A knowledge file from someone who is not comms staff: refused, as before, and audited."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    kind = PurePosixPath(message.document.file_name or "").suffix.lower().lstrip(".")
    await context.bot_data.services.audit(
        _actor(update), "kb-upload", "refused", f"a .{kind} file from someone not in comms staff"
    )
    await message.reply_text(CANNOT_READ)


async def _tell_comms(context: Context, text: str, action: str) -> None:
    """Send to every comms user id; a failure is logged and audited, never silently dropped."""
    services = context.bot_data.services
    staff = sorted(services.config.roles.comms)
    sent = 0
    for user_id in staff:
        try:
            for chunk in split_plain(text):
                await context.bot.send_message(user_id, chunk)
            sent += 1
        except TelegramError as exc:
            log.warning("%s: could not reach comms user %s: %s", action, user_id, exc)
            await services.audit(None, action, "failed", f"to {user_id}: {type(exc).__name__}")
    await services.audit(None, action, "sent", f"to {sent} of {len(staff)} comms staff")


async def send_digest(context: Context, now: datetime | None = None) -> None:
    """The weekly job; tests call it with a fixed ``now``."""
    services = context.bot_data.services
    when = now or datetime.now(UTC)
    overdue = services.knowledge.overdue(when.date())
    await _tell_comms(context, await digest.weekly(services.db, overdue, when), "comms-digest")


async def watch_folder(context: Context) -> None:
    report = await context.bot_data.services.knowledge.watch_tick()
    if report is not None:
        await _tell_comms(context, wording.report_text(report), "kb-watch-notice")


async def follow_versions(context: Context) -> None:
    """On every process: serve a knowledge-base version another process made live."""
    await context.bot_data.services.knowledge.follow()


async def start_jobs(app: Application) -> None:
    """Record the version the bot starts with, then schedule the digest and the watcher."""
    data: BotData = app.bot_data
    config, knowledge = data.config, data.services.knowledge
    await knowledge.record_startup()
    await knowledge.start_watching()
    if app.job_queue is None:
        log.warning("the job queue is not installed: no weekly digest or folder watching")
        return
    follow = config.replicas.kb_poll_seconds
    app.job_queue.run_repeating(follow_versions, follow, first=follow, name="kb-follow")
    if config.knowledge_watch:
        seconds = config.knowledge_watch_seconds
        app.job_queue.run_repeating(
            exclusive("kb-watch", watch_folder), seconds, first=seconds, name="kb-watch"
        )
    digest_at = config.comms_digest
    if digest_at.enabled:
        due = weekly(WEEKDAYS.index(digest_at.weekday), time(hour=digest_at.hour, tzinfo=LONDON))
        services = data.services  # its clock read at each run: tests swap it
        job = CalendarJob("comms-digest", due, iso_week, send_digest, lambda: services.clock())
        every_minute(app, job)


def handlers(data: BotData) -> list[BaseHandler[Any, Context, Any]]:
    """``data`` lets the upload filter see roles, so residents' files reach the usual reply."""
    private = filters.ChatType.PRIVATE
    documents = filters.Document.ALL & private & ~filters.UpdateType.EDITED
    return [
        CommandHandler("kbcheck", kbcheck, filters=private),
        CommandHandler("reload", reload, filters=private),
        CommandHandler("kbhistory", kbhistory, filters=private),
        CommandHandler("rollback", rollback, filters=private),
        MessageHandler(documents & _HasRole(data, Role.COMMS), upload),
        MessageHandler(documents & KNOWLEDGE_FILES, refused_upload),
        CallbackQueryHandler(confirm, pattern=CONFIRM),
    ]
