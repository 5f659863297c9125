"""Telegram side of the feedback outbox: turns a queued row into sends, Telegram errors into
retry/wait/give-up, and drains the queue from the JobQueue (at start-up, on a timer and right
after something is queued).

After /forget a relayed answer or photo is deleted. Telegram refuses that for good (400) once a
group message is older than 48 hours unless the bot may delete messages there; the row then
overwrites the text or caption and ends failed, so it is not retried and the refusal shows in
``/healthz``. A photo's image cannot be overwritten that way and stays visible.
"""

from __future__ import annotations

import logging
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application

from bot.feedback import tallies
from bot.feedback.catalogue import Status, priority_label, status_label
from bot.feedback.outbox import (
    ANSWER_LINK,
    PHOTO_LINK,
    POST_LINK,
    Job,
    Kind,
    Link,
    Outcome,
    PostPlace,
    Result,
)
from bot.feedback.place import DECIMALS, rounded
from bot.feedback.service import ItemView, receipt_text
from bot.outbox import Verdict
from bot.services import Services
from bot.tg_outcome import attempt_for
from handlers.context import BotData, Context
from handlers.render import escape, split_message
from handlers.replica import CalendarJob, every_minute, exclusive, iso_week, weekly

log = logging.getLogger(__name__)

CAPTION_LIMIT = 1024
DRAIN_NOW = "feedback-outbox-now"
WITHDRAWN = "<i>(withdrawn by the resident)</i>"
RECEIPT_LINK = "receipt"  # replying to it answers the team
# Doing these twice leaves one result, so a lost answer is a plain retry, never a repeat.
REPEATABLE = frozenset({Kind.EDIT_POST, Kind.DELETE_RELAYED})


def repeat_note(reference: str | None) -> str:
    """The first words of a send that may repeat one that arrived."""
    return f"(possible repeat of {reference})" if reference else "(possible repeat)"


# ----------------------------------------------------------------------------- rendering


def _where(item: ItemView) -> str:
    """The ward, and a shared location only as a point rounded to about 100 m: the exact place
    may be the resident's home."""
    if item.latitude is None or item.longitude is None:
        return escape(item.ward) if item.ward else "not given"
    lat, lon = (f"{v:.{DECIMALS}f}" for v in rounded(item.latitude, item.longitude))
    url = f"https://www.openstreetmap.org/?mlat={lat}&amp;mlon={lon}#map=16/{lat}/{lon}"
    point = f'shared location near <a href="{url}">{lat}, {lon}</a>, to about 100 m'
    return f"{escape(item.ward)} ({point})" if item.ward else f"{point}; ward not known"


def render_post(item: ItemView, zone: str, repeat: bool = False) -> str:
    """The team's view of an item: no name, username or id of the resident, ever."""
    received = item.created_at.astimezone(ZoneInfo(zone)).strftime("%d %b %Y %H:%M")
    status = status_label(item.status)
    if item.assigned_name and item.status != Status.NEW:
        status += f" (assigned to {escape(item.assigned_name)})"
    if item.resident_id is None:  # /forget: nobody left to reply to, by the resident's choice
        replies = "not possible: the resident withdrew this feedback"
    elif item.may_reply:
        replies = "allowed"
    else:
        replies = "not allowed: the resident asked not to be contacted"
    body = escape(item.text) if item.text else WITHDRAWN
    lines = [
        *([f"<i>{repeat_note(item.reference)}</i>"] if repeat else []),
        f"<b>Feedback {item.reference}</b>",
        f"Priority: {escape(priority_label(item.priority))}",
        f"Where: {_where(item)}",
        f"Received: {received}",
        f"Replies: {replies}",
        f"Status: {status}",
        "",
        body,
    ]
    if item.status == Status.CLOSED and item.close_note:
        lines += ["", f"Closing note: {escape(item.close_note)}"]
    if item.may_reply and item.is_open:
        lines += ["", "<i>Reply to this message to answer the resident.</i>"]
    return "\n".join(lines)


def team_buttons(item: ItemView) -> InlineKeyboardMarkup | None:
    """Status buttons while the item is open; none once closed or withdrawn by the resident."""
    if not item.is_open or item.resident_id is None:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Acknowledge", callback_data=f"fbt:ack.{item.id}"),
                InlineKeyboardButton("Assign to me", callback_data=f"fbt:mine.{item.id}"),
            ],
            [InlineKeyboardButton("Close with a note", callback_data=f"fbt:close.{item.id}")],
        ]
    )


# -------------------------------------------------------------------------------- sending


class TelegramSender:
    """One drain's worth of sends; created per pass so it holds nothing between passes."""

    def __init__(self, bot: Bot, services: Services) -> None:
        self._bot = bot
        self._services = services
        self._feedback = services.feedback
        self._config = services.config
        self._timeout = services.config.feedback.send_timeout_s
        self._forum: dict[int, bool] = {}

    @property
    def _timeouts(self) -> dict[str, Any]:
        t = self._timeout
        return {"read_timeout": t, "write_timeout": t, "connect_timeout": t, "pool_timeout": t}

    async def deliver(self, job: Job) -> Result:
        try:
            return await self._dispatch(job)
        except TelegramError as exc:
            return _result(job, exc)

    async def _dispatch(self, job: Job) -> Result:
        if job.kind in (Kind.TEAM_TEXT, Kind.DIGEST):
            return await self._team_text(job)
        item = await self._feedback.item(job.item_id) if job.item_id is not None else None
        if item is None:
            return Result(Outcome.FAILED, error="the item no longer exists")
        if job.kind is Kind.TO_RESIDENT:
            return await self._to_resident(job, item)
        if job.kind is Kind.RECEIPT:
            return await self._receipt(job, item)
        if job.kind is Kind.DELETE_RELAYED:  # the chat it went to, even if the team moved since
            return await self._delete_relayed(job)
        chat = self._config.telegram.team_chat_id
        if chat is None:
            return Result.retry("no team chat configured (telegram.team_chat_id)")
        if job.kind is Kind.POST:
            return await self._post(chat, item, job.possible_repeat)
        if job.kind is Kind.EDIT_POST:
            return await self._edit(item)
        if item.team_message_id is None or item.team_chat_id is None:
            return Result(Outcome.WAIT, error="waiting for the item's post")
        repeat = f"{repeat_note(item.reference)} " if job.possible_repeat else ""
        if job.kind is Kind.TEAM_PHOTO:
            caption = f"{repeat}Photo sent with {item.reference}"
            sent = await self._photo_or_text(
                item.team_chat_id, job.payload.get("photo"), caption, item
            )
            return Result.sent(*(Link(m.chat_id, m.message_id, PHOTO_LINK) for m in sent))
        answer = job.payload.get("text") or ""
        text = f"{repeat}Resident’s answer about {item.reference}:\n\n{answer}"
        sent = await self._photo_or_text(item.team_chat_id, job.payload.get("photo"), text, item)
        return Result.sent(*(Link(m.chat_id, m.message_id, ANSWER_LINK) for m in sent))

    async def _thread(self, chat: int, priority: str) -> int | None:
        stored = await self._feedback.topic(chat, priority)
        if stored is not None:
            return stored
        if chat not in self._forum:
            self._forum[chat] = bool((await self._bot.get_chat(chat, **self._timeouts)).is_forum)
        if not self._forum[chat]:
            return None
        topic = await self._bot.create_forum_topic(chat, priority_label(priority), **self._timeouts)
        await self._feedback.save_topic(chat, priority, topic.message_thread_id)
        return topic.message_thread_id

    async def _post(self, chat: int, item: ItemView, repeat: bool) -> Result:
        thread = await self._thread(chat, item.priority)
        try:
            message = await self._bot.send_message(
                chat, render_post(item, self._config.feedback.timezone, repeat),
                parse_mode=ParseMode.HTML, reply_markup=team_buttons(item),
                message_thread_id=thread, **self._timeouts,
            )  # fmt: skip
        except BadRequest as exc:
            if thread is not None and "thread not found" in exc.message.lower():
                await self._feedback.forget_topic(chat, item.priority)  # deleted: make a new one
            raise
        link = Link(chat, message.message_id, POST_LINK)
        place = PostPlace(chat, message.message_id, thread, personal=item.resident_id is not None)
        return Result.sent(link, post=place)

    async def _edit(self, item: ItemView) -> Result:
        if item.team_chat_id is None or item.team_message_id is None:
            return Result.sent()  # not posted yet: the post will show the current status
        try:
            await self._bot.edit_message_text(
                render_post(item, self._config.feedback.timezone),
                chat_id=item.team_chat_id, message_id=item.team_message_id,
                parse_mode=ParseMode.HTML, reply_markup=team_buttons(item), **self._timeouts,
            )  # fmt: skip
        except BadRequest as exc:
            # "not modified" or the post was deleted by an admin: nothing left to update.
            log.info("feedback post for %s not edited: %s", item.reference, exc.message)
        return Result.sent()

    async def _delete_relayed(self, job: Job) -> Result:
        chat, message = int(job.payload["chat_id"]), int(job.payload["message_id"])
        try:
            await self._bot.delete_message(chat, message, **self._timeouts)
        except BadRequest as exc:
            if "not found" in exc.message.lower():
                return Result.sent()  # someone in the team chat already deleted it
            refused = f"400 {exc.message}"
        else:
            return Result.sent()
        # Deletion will not succeed later either; a bot may edit its own messages at any age.
        problem = await self._overwrite(
            chat, message, photo=job.payload.get("purpose") == PHOTO_LINK
        )
        outcome = "overwritten instead" if not problem else f"not overwritten either: {problem}"
        return Result(Outcome.FAILED, error=f"{refused}; {outcome}")

    async def _overwrite(self, chat: int, message: int, photo: bool) -> str:
        """Replace a message's text or caption with the withdrawn note; the problem, if any.

        An answer with a photo is stored as an answer, so whichever of text or caption the
        message has is found by trying the other when Telegram says it has none.
        """
        target: dict[str, Any] = {"chat_id": chat, "message_id": message, **self._timeouts}

        async def caption() -> object:
            return await self._bot.edit_message_caption(
                caption=WITHDRAWN, parse_mode=ParseMode.HTML, **target
            )

        async def text() -> object:
            return await self._bot.edit_message_text(WITHDRAWN, parse_mode=ParseMode.HTML, **target)

        problem = ""
        for edit in (caption, text) if photo else (text, caption):
            try:
                await edit()
                return ""
            except BadRequest as exc:
                if "not modified" in exc.message.lower():  # a retry after a lost answer
                    return ""
                problem = f"400 {exc.message}"
        return problem

    async def _to_resident(self, job: Job, item: ItemView) -> Result:
        if item.resident_id is None:
            return Result(Outcome.FAILED, error="the resident asked to be forgotten")
        purpose = str(job.payload.get("purpose") or "notice")
        text = str(job.payload.get("text") or "")
        borough = self._config.borough.name
        if purpose == "relay":
            text = f"Reply from the {borough} team about {item.reference}:\n\n{text}"
        if item.is_open and item.may_reply:  # "no replies" means no conversation either way
            text += "\n\nReply to this message to answer the team."
        if job.possible_repeat:
            text = f"{repeat_note(item.reference)}\n{text}"
        sent = await self._photo_or_text(item.resident_id, job.payload.get("photo"), text, None)
        return Result.sent(*(Link(m.chat_id, m.message_id, purpose) for m in sent))

    async def _receipt(self, job: Job, item: ItemView) -> Result:
        """Turn the resident's confirmation into the receipt (its buttons go), or send it."""
        if item.resident_id is None:
            return Result(Outcome.FAILED, error="the resident asked to be forgotten")
        chat, shown = int(job.payload["chat_id"]), job.payload.get("message_id")
        text = receipt_text(item.reference, item.may_reply, self._config.borough.name)
        if job.possible_repeat:
            text = f"{repeat_note(item.reference)}\n{text}"
        if shown is not None:
            try:
                await self._bot.edit_message_text(
                    escape(text), chat_id=chat, message_id=int(shown), parse_mode=ParseMode.HTML,
                    **self._timeouts,
                )  # fmt: skip
                return Result.sent(Link(chat, int(shown), RECEIPT_LINK))
            except BadRequest as exc:
                if "not modified" in exc.message.lower():  # done by a try whose answer was lost
                    return Result.sent(Link(chat, int(shown), RECEIPT_LINK))
        message = await self._bot.send_message(
            chat, escape(text), parse_mode=ParseMode.HTML, **self._timeouts
        )
        return Result.sent(Link(chat, message.message_id, RECEIPT_LINK))

    async def _photo_or_text(
        self, chat: int, photo: object, text: str, under: ItemView | None
    ) -> list[Message]:
        """A photo with the text as caption if it fits, else the photo then the text."""
        extra: dict[str, Any] = dict(self._timeouts)
        if under is not None and under.team_message_id is not None:
            extra["reply_parameters"] = ReplyParameters(
                under.team_message_id, allow_sending_without_reply=True
            )
            extra["message_thread_id"] = under.team_thread_id
        html = escape(text)
        sent: list[Message] = []
        if isinstance(photo, str) and photo:
            fits = len(text) <= CAPTION_LIMIT
            caption = html if fits else None
            sent.append(
                await self._bot.send_photo(
                    chat,
                    photo,
                    caption=caption,
                    parse_mode=ParseMode.HTML,
                    **extra,
                )
            )
            if fits:
                return sent
        for chunk in split_message(html):
            sent.append(
                await self._bot.send_message(chat, chunk, parse_mode=ParseMode.HTML, **extra)
            )
        return sent

    async def _team_text(self, job: Job) -> Result:
        chat = self._config.telegram.team_chat_id
        if chat is None:
            return Result.retry("no team chat configured (telegram.team_chat_id)")
        text = str(job.payload.get("text") or "")
        if job.possible_repeat:
            text = f"{repeat_note(None)}\n{text}"
        for chunk in split_message(escape(text)):
            await self._bot.send_message(chat, chunk, parse_mode=ParseMode.HTML, **self._timeouts)
        return Result.sent()


def _result(job: Job, exc: TelegramError) -> Result:
    """A Telegram error in the feedback outbox's words.

    Only the resident can be unreachable for good; the team chat is retried until the bot is
    back in it (``/healthz`` flags what waits too long).
    """
    attempt = attempt_for(exc, repeatable=job.kind in REPEATABLE)
    verdict = attempt.verdict
    if verdict in (Verdict.GONE, Verdict.REJECTED) and job.kind is Kind.TO_RESIDENT:
        return Result(Outcome.FAILED, error=attempt.error)
    if verdict is Verdict.AMBIGUOUS:
        return Result.ambiguous(attempt.error)
    if verdict is Verdict.RATE_LIMITED:
        return Result.retry("429 too many requests", attempt.retry_after)
    return Result.retry(attempt.error)


# ----------------------------------------------------------------------------------- jobs


async def drain(context: Context) -> None:
    data = context.bot_data
    bot = data.outbox_bot or context.bot
    await data.services.feedback.outbox.drain(TelegramSender(bot, data.services))


def drain_soon(context: Context) -> None:
    """Deliver what was just queued without waiting for the timer."""
    if context.job_queue is not None:
        context.job_queue.run_once(drain, 0, name=DRAIN_NOW)


async def weekly_digest(context: Context) -> None:
    services = context.bot_data.services
    now = services.feedback.clock()
    week = await tallies.period(services.db, now, 7)
    text = "Weekly feedback digest\n\n" + tallies.render(
        [week], now, services.config.feedback.timezone
    )
    if await services.feedback.queue_digest(text):
        drain_soon(context)
    else:
        log.info("this week's feedback digest was already queued; not posting it again")


async def purge_drafts(context: Context) -> None:
    """Drafts nobody came back to hold residents' words: they go when they expire."""
    purged = await context.bot_data.services.feedback.drafts.purge()
    if purged:
        log.info("%d expired feedback drafts removed", purged)


def digest_time(hour_minute: time, zone: str) -> time:
    return hour_minute.replace(tzinfo=ZoneInfo(zone))


async def start_jobs(app: Application) -> None:
    """Drain the outbox now (items queued before a restart) and then on a timer."""
    jobs = app.job_queue
    if jobs is None:
        log.warning("no JobQueue: the feedback outbox is only drained when something is queued")
        return
    data: BotData = app.bot_data
    services = data.services
    services.feedback.outbox.shared.observer = data.metrics.outbox_event
    await services.feedback.outbox.release_stopped()
    cfg = services.config.feedback
    if services.config.telegram.team_chat_id is None:
        log.warning("telegram.team_chat_id is not set: feedback waits in the outbox")
    jobs.run_repeating(
        exclusive("feedback-outbox", drain), interval=cfg.outbox_poll_s, first=0.0,
        name="feedback-outbox",
    )  # fmt: skip
    jobs.run_repeating(
        exclusive("feedback-drafts", purge_drafts), interval=3600, first=60,
        name="feedback-drafts",
    )  # fmt: skip
    due = weekly(cfg.digest_weekday, digest_time(cfg.digest_time, cfg.timezone))
    feedback = services.feedback  # its clock read at each run: tests swap it
    job = CalendarJob("feedback-digest", due, iso_week, weekly_digest, lambda: feedback.clock())
    every_minute(app, job)
