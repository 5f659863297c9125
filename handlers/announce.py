"""Officers' ``/announce``: compose, preview, confirm; live progress, report, cancel, delete.

The draft is kept in the database (``handlers.state``) until they confirm, so each step may reach
any process; the input handlers come first in group 0 and match only while a draft is open, so
the free-text answerer never sees its text and nobody else's handlers are shadowed (the
emergency guard, group -3, still runs first).
Sending happens in the outbox worker (``bot.announcements.outbox``), started from ``post_init``.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from telegram import (
    Bot,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.announcements import store
from bot.announcements.audience import Audience, AudienceKind
from bot.announcements.outbox import OutboxSettings, OutboxWorker
from bot.announcements.service import (
    AnnouncementError,
    AnnouncementService,
    check_text,
    parse_send_time,
)
from bot.localtime import as_utc
from bot.roles import Role
from bot.staff_dates import in_words
from bot.storage.states import Slot
from handlers import state
from handlers.announce_render import (
    WARDS_PER_PAGE,
    delete_question,
    ended_note,
    is_reported,
    preview_note,
    progress_text,
    residents_chats,
    summary_line,
    ward_keyboard,
    ward_prompt,
)
from handlers.announce_sender import TelegramMessenger, broadcast_bot
from handlers.context import BotData, Context
from handlers.replica import exclusive
from handlers.roles import require_role

log = logging.getLogger(__name__)

PROGRESS_JOB = "announce:progress"
ASK_TEXT = (
    "Send the announcement as residents should see it: text (up to 4096 characters) or a photo "
    "with a caption (up to 1024). You may use <b>bold</b>, <i>italic</i>, <u>underline</u>, "
    '<s>strike</s>, <a href="https://...">links</a>, <code>code</code>, <pre>blocks</pre>, '
    "<blockquote>quotes</blockquote> and <tg-spoiler>spoilers</tg-spoiler>. /cancel stops."
)
ASK_WHEN = (
    "When should it go? Send “now”, or a London day and time in your own words, such as "
    "“tomorrow 9am”, “next tuesday 7pm” or “7 Dec 18:30”. You will see it in words before "
    "anything is sent."
)
NOTHING = "There is no announcement being written. Start one with /announce."


@dataclass
class Runtime:
    """This process's outbox worker and what each progress message last showed."""

    shown: dict[int, str] = field(default_factory=dict)
    worker: OutboxWorker | None = None
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None
    bot: Bot | None = None


def _runtime(data: BotData) -> Runtime:
    if not isinstance(data.announcements, Runtime):
        data.announcements = Runtime()
    return data.announcements


@dataclass
class Compose:
    step: str = "text"  # text, audience, wards, when, confirm
    text: str = ""
    photo: str | None = None
    audience: Audience | None = None
    send_at: datetime | None = None  # None: as soon as it is confirmed
    extra: dict[str, Any] = field(default_factory=dict)


DRAFT: Slot[Compose] = Slot("announce-draft", Compose, timedelta(hours=6))


def _service(context: Context) -> AnnouncementService:
    return context.bot_data.services.announcements


def _draft(context: Context) -> Compose | None:
    return state.current(DRAFT)


async def _keep(context: Context, draft: Compose) -> None:
    await state.put(context, DRAFT, draft)


def _buttons(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


AUDIENCE_BUTTONS = _buttons(
    [("Everyone subscribed", "ann:aud:everyone")],
    [("Chosen wards", "ann:aud:wards")],
    [("A topic", "ann:aud:topic")],
    [("Cancel", "ann:stop")],
)


# --------------------------------------------------------------------------------- compose


@require_role(Role.OFFICER, "announce")
async def announce(update: Update, context: Context) -> None:
    if update.effective_message is None:
        return
    await state.put(context, DRAFT, Compose())
    await update.effective_message.reply_text(ASK_TEXT)


async def cancel_draft(update: Update, context: Context) -> None:
    if _draft(context) is None:
        return
    await state.drop(context, DRAFT)
    if update.effective_message is not None:
        await update.effective_message.reply_text("Announcement discarded; nothing was sent.")
    raise ApplicationHandlerStop


async def compose_input(update: Update, context: Context) -> None:
    """Text, photo, wards or a time for a draft in progress; anything else passes through."""
    draft, message = _draft(context), update.effective_message
    if draft is None or message is None or draft.step not in ("text", "wards", "when"):
        return
    try:
        if draft.step == "text":
            await _take_text(message, draft)
        elif draft.step == "wards":
            await _take_wards(message, draft, context)
        else:
            await _take_time(message, draft, context)
    except AnnouncementError as exc:
        await message.reply_text(f"{exc}\nNothing has been sent.")
    await _keep(context, draft)
    raise ApplicationHandlerStop


async def _take_text(message: Message, draft: Compose) -> None:
    photo = message.photo[-1].file_id if message.photo else None
    text = (message.caption if photo else message.text) or ""
    check_text(text, photo)
    draft.text, draft.photo, draft.step = text, photo, "audience"
    await message.reply_text("Who should receive it?", reply_markup=AUDIENCE_BUTTONS)


def _match_wards(service: AnnouncementService, text: str) -> tuple[str, ...]:
    chosen: list[str] = []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        exact = service.ward_named(part)
        found = [exact] if exact else [w for w in service.wards if w.casefold().startswith(
            part.casefold() + " ")]  # fmt: skip
        if not found:
            raise AnnouncementError(
                f"“{part}” is not a ward of the borough. The wards are: "
                + ", ".join(service.wards)
                + "."
            )
        chosen += [w for w in found if w not in chosen]
    if not chosen:
        raise AnnouncementError("Please name at least one ward.")
    return tuple(chosen)


async def _take_wards(message: Message, draft: Compose, context: Context) -> None:
    wards = _match_wards(_service(context), message.text or "")
    draft.audience = Audience(AudienceKind.WARDS, wards)
    draft.step = "when"
    await message.reply_text(ASK_WHEN)


async def _take_time(message: Message, draft: Compose, context: Context) -> None:
    service = _service(context)
    now = service.clock()
    when = parse_send_time(message.text or "", now)
    draft.send_at = when if when > now else None
    await _preview(message, draft, context)


async def _preview(message: Message, draft: Compose, context: Context) -> None:
    """The announcement exactly as residents will get it, then the audience and the buttons."""
    service = _service(context)
    assert draft.audience is not None
    size = await service.audience_size(draft.audience)
    if size == 0:
        draft.step = "audience"
        await message.reply_text(
            "Nobody is subscribed to that audience, so there is no one to send it to. "
            "Choose another audience.",
            reply_markup=AUDIENCE_BUTTONS,
        )
        return
    draft.step = "confirm"
    chat_id = message.chat_id
    if draft.photo:
        await context.bot.send_photo(
            chat_id, draft.photo, caption=draft.text, parse_mode=ParseMode.HTML
        )
    else:
        await context.bot.send_message(chat_id, draft.text, parse_mode=ParseMode.HTML)
    note = preview_note(
        draft.audience.describe(context.bot_data.config.borough.name), size, draft.send_at,
        service.clock(), service.needs_approval(draft.audience),
    )  # fmt: skip
    await context.bot.send_message(
        chat_id, note, reply_markup=_buttons([("Confirm and send", "ann:go")],
                                             [("Change the time", "ann:when")],
                                             [("Cancel", "ann:stop")]),
    )  # fmt: skip


@require_role(Role.OFFICER, "announce")
async def compose_button(update: Update, context: Context) -> None:
    query, draft = update.callback_query, _draft(context)
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    if draft is None:
        await query.answer(NOTHING, show_alert=True)
        return
    action = query.data.removeprefix("ann:")
    message = query.message
    if action.startswith(("w:", "wp:")) or action == "wdone":
        await _ward_button(query, message, draft, action, context)
        await _keep(context, draft)  # ticks change the draft: kept for whichever process is next
        return
    await query.answer()
    if action == "stop":
        await state.drop(context, DRAFT)
        await message.edit_text("Announcement discarded; nothing was sent.")
    elif action == "aud:everyone":
        draft.audience, draft.step = Audience(AudienceKind.EVERYONE), "when"
        await message.reply_text(ASK_WHEN)
    elif action == "aud:wards":
        draft.step, draft.audience = "wards", None
        await message.reply_text(
            ward_prompt(()), reply_markup=ward_keyboard(_service(context).wards, (), 0)
        )
    elif action == "when" and draft.step == "confirm":
        draft.step = "when"
        await message.reply_text(ASK_WHEN)
    elif action == "aud:topic":
        topics = _service(context).topics
        rows = [[(label, f"ann:topic:{key}")] for key, label in topics.items()]
        await message.reply_text("Which topic's subscribers?", reply_markup=_buttons(*rows))
    elif action.startswith("topic:"):
        draft.audience = Audience(AudienceKind.TOPIC, topic=action.removeprefix("topic:"))
        draft.step = "when"
        await message.reply_text(ASK_WHEN)
    elif action == "go" and draft.step == "confirm":
        await _confirm(update, context, draft, message)
    if action not in ("stop", "go") and _draft(context) is not None:
        await _keep(context, draft)


def _chosen(draft: Compose) -> tuple[str, ...]:
    audience = draft.audience
    return audience.wards if audience is not None and audience.kind is AudienceKind.WARDS else ()


async def _ward_button(
    query: CallbackQuery, message: Message, draft: Compose, action: str, context: Context
) -> None:
    """Ward buttons: a tap ticks or unticks a ward, "More…" pages, Done moves on to the time."""
    wards, chosen = _service(context).wards, _chosen(draft)
    if draft.step != "wards":
        await query.answer("The wards are already chosen.")
        return
    if action == "wdone":
        if not chosen:
            await query.answer("Choose at least one ward first.", show_alert=True)
            return
        await query.answer()
        draft.step = "when"
        await message.edit_text(f"Wards: {', '.join(chosen)}.")
        await message.reply_text(ASK_WHEN)
        return
    verb, number = action.split(":")
    index = int(number)
    if verb == "w" and index < len(wards):
        ward = wards[index]
        picked = tuple(w for w in wards if (w in chosen) != (w == ward))
        draft.audience = Audience(AudienceKind.WARDS, picked) if picked else None
        chosen, page = picked, index // WARDS_PER_PAGE
    else:
        page = index
    await query.answer()
    await message.edit_text(ward_prompt(chosen), reply_markup=ward_keyboard(wards, chosen, page))


async def _confirm(update: Update, context: Context, draft: Compose, message: Message) -> None:
    service, user = _service(context), update.effective_user
    assert user is not None and draft.audience is not None
    try:
        record = await service.confirm(
            store.Draft(
                user.id, draft.text, draft.photo, draft.audience, draft.send_at or service.clock()
            )
        )
    except AnnouncementError as exc:
        await message.reply_text(f"{exc}\nNothing has been sent.")
        return
    await state.drop(context, DRAFT)
    await context.bot_data.services.audit(
        user.id, "announce", "queued", f"announcement {record.id} to {record.recipients}"
    )
    await service.set_progress_message(record.id, message.chat_id, message.message_id)
    progress = await service.progress(record.id)
    borough = context.bot_data.config.borough.name
    text, markup = progress_text(record, progress, borough, service.clock())
    await message.edit_text(text, reply_markup=markup)


# --------------------------------------------------------------------- running announcements


@require_role(Role.OFFICER, "announcement-action")
async def action_button(update: Update, context: Context) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None or query.data is None or user is None:
        return
    _, verb, number = query.data.split(":")
    service, announcement_id = _service(context), int(number)
    asked = _asked_to_delete(query.message, announcement_id)
    if verb in ("delask", "keep") or (verb == "delete" and not asked):  # older buttons ask too
        await _ask_before_deleting(query, verb, announcement_id, context)
        return
    try:
        if verb == "cancel":
            stopped = await service.cancel(announcement_id, user.id)
            answer = f"Cancelled: {stopped} residents will not get it."
        elif verb == "approve":
            approved = await service.approve(announcement_id, user.id)
            answer = "Approved: sending has started."
            if as_utc(approved.send_at) > service.clock():
                answer = f"Approved: it goes on {in_words(approved.send_at)}."
        else:
            queued = await service.delete(announcement_id, user.id)
            answer = f"Deleting it from {residents_chats(queued)}."
    except AnnouncementError as exc:
        await query.answer(str(exc), show_alert=True)
        return
    # recorded before any Telegram call that could fail: the action has already been taken
    await context.bot_data.services.audit(
        user.id, f"announcement-{verb}", "ok", f"announcement {announcement_id}"
    )
    if verb == "delete" and isinstance(query.message, Message):
        await query.message.edit_text(answer)
    await query.answer(answer, show_alert=True)
    await refresh_progress(context.application)


def _asked_to_delete(message: object, announcement_id: int) -> bool:
    """True for the "Delete … from residents' chats?" question, the only place "Yes" is."""
    markup = message.reply_markup if isinstance(message, Message) else None
    keep = f"ann:keep:{announcement_id}"
    return markup is not None and any(
        button.callback_data == keep for row in markup.inline_keyboard for button in row
    )


async def _ask_before_deleting(
    query: CallbackQuery, verb: str, announcement_id: int, context: Context
) -> None:
    """The Delete button asks first; "No, keep it" leaves residents' chats alone."""
    message = query.message
    if not isinstance(message, Message):
        return
    await query.answer()
    if verb == "keep":
        await message.edit_text("Kept: nothing was deleted from residents’ chats.")
        return
    service = _service(context)
    try:
        record = await service.get(announcement_id)
    except AnnouncementError as exc:
        await message.reply_text(str(exc))
        return
    text, markup = delete_question(record, await service.progress(announcement_id))
    await message.reply_text(text, reply_markup=markup)


@require_role(Role.OFFICER, "announcements")
async def list_announcements(update: Update, context: Context) -> None:
    if update.effective_message is None or update.effective_user is None:
        return
    service = _service(context)
    records = await service.recent(10)
    if not records:
        await update.effective_message.reply_text("No announcements yet. Start one with /announce.")
        return
    borough = context.bot_data.config.borough.name
    lines, rows = ["Recent announcements:"], []
    for record in records:
        progress = await service.progress(record.id)
        lines.append(summary_line(record, progress, borough, service.clock()))
        if (
            record.status == store.AWAITING_APPROVAL
            and record.author_id != update.effective_user.id
        ):
            rows.append([(f"Approve #{record.id}", f"ann:approve:{record.id}")])
        if record.status in (store.AWAITING_APPROVAL, store.SENDING):
            rows.append([(f"Cancel #{record.id}", f"ann:cancel:{record.id}")])
        if record.status in (store.DONE, store.CANCELLED) and progress.sent:
            rows.append([(f"Delete #{record.id} from residents’ chats", f"ann:delask:{record.id}")])
    await update.effective_message.reply_text(
        "\n\n".join(lines), reply_markup=_buttons(*rows) if rows else None
    )


# ------------------------------------------------------------------------------ progress


async def refresh_progress(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Edit each officer's live message; post the report once, below it, when one ends."""
    data: BotData = app.bot_data
    service: AnnouncementService = data.services.announcements
    borough = data.config.borough.name
    for record in await service.watched():
        if record.progress_chat_id is None or record.progress_message_id is None:
            continue
        progress, now = await service.progress(record.id), service.clock()
        text, markup = progress_text(record, progress, borough, now)
        if not is_reported(record, progress, now):
            await _show(app, record, text, markup)
            continue
        await _show(app, record, ended_note(record, progress, borough, now), None)
        if await service.claim_report(record.id):
            try:
                await app.bot.send_message(record.progress_chat_id, text, reply_markup=markup)
            except TelegramError as exc:
                log.warning("announcement %d: report not sent: %s", record.id, exc.message)


async def _show(
    app: Application[Any, Any, Any, Any, Any, Any],
    record: store.AnnouncementRecord,
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> None:
    """Edit the live message when what it should say has changed."""
    shown = _runtime(app.bot_data).shown
    if shown.get(record.id) == text:
        return
    shown[record.id] = text
    assert record.progress_chat_id is not None and record.progress_message_id is not None
    try:
        await app.bot.edit_message_text(
            text, record.progress_chat_id, record.progress_message_id, reply_markup=markup
        )
    except BadRequest as exc:
        if "not modified" not in exc.message:
            log.warning("announcement %d: progress not shown: %s", record.id, exc.message)
    except TelegramError as exc:
        log.warning("announcement %d: progress not shown: %s", record.id, exc.message)
        shown.pop(record.id, None)


async def _progress_job(context: Context) -> None:
    await refresh_progress(context.application)


async def start_jobs(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Start this process's outbox worker and the progress job (called from ``post_init``)."""
    data: BotData = app.bot_data
    services, config = data.services, data.config.announcements
    runtime = _runtime(data)
    if app.job_queue is not None:
        app.job_queue.run_repeating(
            exclusive(PROGRESS_JOB, _progress_job), interval=config.progress_every_seconds,
            first=1, name=PROGRESS_JOB,
        )  # fmt: skip
    if not config.worker_enabled:
        return
    bot = broadcast_bot(data.config, pool=config.concurrency + 2)
    await bot.initialize()
    settings = OutboxSettings(
        rate=config.rate_per_second, per_chat_interval=config.per_chat_interval_seconds,
        concurrency=config.concurrency, max_attempts=config.max_attempts,
    )  # fmt: skip
    service: AnnouncementService = services.announcements
    worker = OutboxWorker(services.db, service.policy, TelegramMessenger(bot), settings)
    worker.outbox.observer = data.metrics.outbox_event
    await worker.start()
    runtime.worker, runtime.bot = worker, bot
    runtime.task = asyncio.create_task(worker.run(runtime.stop), name="announcement-outbox")
    service.worker = worker


async def stop_jobs(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Called from ``post_shutdown`` before the database closes."""
    runtime = _runtime(app.bot_data)
    runtime.stop.set()
    if runtime.task is not None:
        await runtime.task
    if runtime.worker is not None:
        await runtime.worker.stop()
    if runtime.bot is not None:
        await runtime.bot.shutdown()
    runtime.task = runtime.worker = runtime.bot = None


def handlers() -> list[BaseHandler[Any, Context, Any]]:
    return [
        CommandHandler("announce", announce),
        CommandHandler("announcements", list_announcements),
        CallbackQueryHandler(
            compose_button,
            pattern=r"^ann:(go|stop|when|wdone|w:\d{1,3}|wp:\d{1,3}|aud:[a-z]{1,8}|topic:[a-z_]{1,32})$",
        ),
        CallbackQueryHandler(
            action_button, pattern=r"^ann:(cancel|approve|delete|delask|keep):\d{1,12}$"
        ),
    ]


class _Drafting(filters.MessageFilter):
    """True while the sender has an announcement draft open, so nothing else is shadowed."""

    def __init__(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        super().__init__(name="announce_drafting")
        self._app = app

    def filter(self, message: Message) -> bool:
        return state.current(DRAFT) is not None


def input_handlers(
    app: Application[Any, Any, Any, Any, Any, Any],
) -> list[BaseHandler[Any, Context, Any]]:
    """First in group 0, but only while a draft is open: its /cancel, text, photo, wards, time."""
    drafting = filters.ChatType.PRIVATE & _Drafting(app)
    return [
        CommandHandler("cancel", cancel_draft, filters=drafting),
        MessageHandler(
            drafting & ((filters.TEXT & ~filters.COMMAND) | filters.PHOTO), compose_input
        ),
    ]
