"""The Bot API emulator, proven against the real python-telegram-bot stack.

Every test talks to the emulator only through PTB (``Application`` with polling or a webhook, or
a bare ``Bot``), so whatever passes here is what PTB really sends and really accepts.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import socket
import sys
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    MessageEntity,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    EndPointNotFound,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.helpers import escape_markdown
from telegram.request import HTTPXRequest

from tests.emulator import BotApiEmulator, EmulatorTimeout

TOKEN = "123:ABC"
USER = 4242
REPO_ROOT = Path(__file__).resolve().parents[1]

AnyApp = Application[Any, Any, Any, Any, Any, Any]


# --------------------------------------------------------------------------------- fixtures


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    emulator = BotApiEmulator(token=TOKEN)
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture
async def bot(emu: BotApiEmulator) -> AsyncIterator[Bot]:
    """A bare PTB Bot against the emulator, for checking single calls."""
    async with Bot(TOKEN, base_url=emu.base_url, base_file_url=emu.base_file_url) as the_bot:
        yield the_bot


def build_app(emu: BotApiEmulator) -> AnyApp:
    return (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(f"{emu.url}/bot")
        .base_file_url(f"{emu.url}/file/bot")
        .build()
    )


@asynccontextmanager
async def polling(app: AnyApp) -> AsyncIterator[AnyApp]:
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# ---------------------------------------------------------------------------------- handlers


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(update.effective_message.text or "")


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"start args={context.args}")


async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton("Burglary", callback_data="topic:burglary")],
         [InlineKeyboardButton("Website", url="https://www.police.uk")]]
    )  # fmt: skip
    await update.effective_message.reply_text("Pick a topic", reply_markup=keyboard)


async def chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer("Noted")
    await query.edit_message_text(f"You picked <b>{query.data.split(':')[1]}</b>", "HTML")


# ------------------------------------------------------------------------- end-to-end (poll)


async def test_echo_round_trip_appears_in_chat(emu: BotApiEmulator) -> None:
    app = build_app(emu)
    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    async with polling(app):
        sent = emu.send_text(USER, "hello there", first_name="Sam", username="sam_w")
        reply = await emu.next_bot_message(USER)
        assert reply["text"] == "hello there"
        assert reply["from"]["username"] == "localbeat_test_bot"
        assert reply["chat"] == {
            "id": USER,
            "type": "private",
            "first_name": "Sam",
            "username": "sam_w",
        }

        emu.send_text(USER, "/start tips_burglary")
        reply = await emu.next_bot_message(USER)
        assert reply["text"] == "start args=['tips_burglary']"

        emu.send_text(USER, "second")
        assert (await emu.next_bot_message(USER))["text"] == "second"
        await emu.expect_no_bot_message(USER, within=0.2)

    texts = [(m["from"]["id"], m["text"]) for m in emu.chat(USER)]
    assert texts == [
        (USER, "hello there"),
        (123, "hello there"),
        (USER, "/start tips_burglary"),
        (123, "start args=['tips_burglary']"),
        (USER, "second"),
        (123, "second"),
    ]
    assert [m["message_id"] for m in emu.chat(USER)] == [1, 2, 3, 4, 5, 6]
    assert "entities" not in sent
    assert emu.chat(USER)[2]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    methods = [c.method for c in emu.calls]
    assert methods[:2] == ["getMe", "deleteWebhook"]
    assert methods.count("sendMessage") == 3
    assert all(c.ok for c in emu.calls)
    assert emu.pending_updates == 0  # PTB confirmed every update on the way out


async def test_inline_button_round_trip(emu: BotApiEmulator) -> None:
    app = build_app(emu)
    app.add_handler(CommandHandler("menu", menu))
    app.add_handler(CallbackQueryHandler(chosen, pattern=r"^topic:"))
    async with polling(app):
        emu.send_text(USER, "/menu")
        shown = await emu.next_bot_message(USER)
        labels = [b["text"] for row in shown["reply_markup"]["inline_keyboard"] for b in row]
        assert labels == ["Burglary", "Website"]

        query = emu.press_button(USER, shown, text="Burglary")
        answer = await emu.wait_for_answer(query)
        assert answer.params == {"callback_query_id": query["id"], "text": "Noted"}
        edit = await emu.wait_for_call("editMessageText", ok=True)
        assert edit.params["parse_mode"] == "HTML"

    assert emu.callback_answers == [answer]
    now = emu.message(USER, shown["message_id"])
    assert now is not None
    assert now["text"] == "You picked burglary"
    assert now["entities"] == [{"type": "bold", "offset": 11, "length": 8}]
    assert "reply_markup" not in now  # editMessageText without markup drops the keyboard
    assert "edit_date" in now
    assert shown["text"] == "Pick a topic"  # what next_bot_message returned is a snapshot
    with pytest.raises(LookupError, match="no button"):
        emu.press_button(USER, shown, "topic:burglary")  # the keyboard is gone now


async def test_document_upload_reaches_emulator_with_bytes(emu: BotApiEmulator) -> None:
    payload = b"date,crime\n2024-01,burglary\n"

    async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat is not None
        await context.bot.send_document(
            update.effective_chat.id, payload, filename="report.csv", caption="Your export"
        )

    app = build_app(emu)
    app.add_handler(CommandHandler("export", export))
    async with polling(app):
        emu.send_text(USER, "/export")
        message = await emu.next_bot_message(USER)
        call = await emu.wait_for_call("sendDocument")

    upload = call.files["document"]
    assert upload.data == payload
    assert upload.filename == "report.csv"
    assert upload.mime == "text/csv"
    assert call.params["caption"] == "Your export"
    assert message["document"]["file_name"] == "report.csv"
    assert message["document"]["file_size"] == len(payload)
    assert message["caption"] == "Your export"


async def test_injected_document_downloads_through_get_file(emu: BotApiEmulator) -> None:
    yaml_bytes = b"area: Camden\nofficers: 4\n"
    downloaded: list[bytes] = []

    async def receive(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None and message.document is not None
        file = await context.bot.get_file(message.document.file_id)
        downloaded.append(bytes(await file.download_as_bytearray()))
        await message.reply_text(f"got {message.document.file_name}")

    app = build_app(emu)
    app.add_handler(MessageHandler(filters.Document.ALL, receive))
    async with polling(app):
        sent = emu.send_document(USER, "area.yaml", yaml_bytes, caption="my area")
        assert (await emu.next_bot_message(USER))["text"] == "got area.yaml"
        # and straight from the Bot, as the brief's one-liner
        file_id = sent["document"]["file_id"]
        again = await (await app.bot.get_file(file_id)).download_as_bytearray()

    assert downloaded == [yaml_bytes]
    assert bytes(again) == yaml_bytes
    assert sent["document"]["mime_type"] == "application/x-yaml"


async def test_reply_keyboard_and_replies_are_visible(emu: BotApiEmulator) -> None:
    async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        keyboard = ReplyKeyboardMarkup(
            [[KeyboardButton("Share location", request_location=True)]], one_time_keyboard=True
        )
        await message.reply_text("Where are you?", reply_markup=keyboard, do_quote=True)

    async def located(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None and message.location is not None
        await message.reply_text(
            f"{message.location.latitude:.3f}", reply_markup=ReplyKeyboardRemove()
        )

    app = build_app(emu)
    app.add_handler(CommandHandler("near", ask))
    app.add_handler(MessageHandler(filters.LOCATION, located))
    async with polling(app):
        asked = emu.send_text(USER, "/near")
        question = await emu.next_bot_message(USER)
        assert question["reply_to_message"]["message_id"] == asked["message_id"]
        assert "reply_markup" not in question  # reply keyboards are not part of a Message
        keyboard = emu.keyboard(USER)
        assert keyboard is not None
        assert keyboard["keyboard"][0][0]["text"] == "Share location"
        emu.send_location(USER, 51.539, -0.142)
        assert (await emu.next_bot_message(USER))["text"] == "51.539"
        assert emu.keyboard(USER) is None


async def test_blocking_sends_my_chat_member_updates(emu: BotApiEmulator) -> None:
    seen: list[tuple[str, str]] = []

    async def member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        change = update.my_chat_member
        assert change is not None
        seen.append((change.old_chat_member.status, change.new_chat_member.status))

    app = build_app(emu)
    app.add_handler(ChatMemberHandler(member, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.TEXT, echo))
    async with polling(app):
        emu.add_user(USER)
        emu.block_user(USER)
        await emu.wait_until(lambda: seen == [("member", "kicked")])
        emu.send_text(USER, "I am back")  # writing again unblocks, as on Telegram
        assert (await emu.next_bot_message(USER))["text"] == "I am back"
    assert seen == [("member", "kicked"), ("kicked", "member")]


# -------------------------------------------------------------------------- errors via PTB


async def test_429_surfaces_as_retry_after(
    emu: BotApiEmulator, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PTB 22.8 reads its own deprecated int property inside RetryAfter.__init__; without
    # PTB_TIMEDELTA the PTBDeprecationWarning (an error under filterwarnings=error) is raised
    # instead of RetryAfter.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    emu.add_user(USER)
    emu.fail_next("sendMessage", "429", retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(USER, "hi")
    assert caught.value.retry_after == dtm.timedelta(seconds=3)
    failed = emu.calls_to("sendMessage")[-1]
    assert failed.status == 429
    assert failed.response == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }
    assert emu.chat(USER) == []
    await bot.send_message(USER, "hi")  # only the next call failed
    assert [m["text"] for m in emu.chat(USER)] == ["hi"]


async def test_rate_limits_answer_429_and_count(
    emu: BotApiEmulator, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    emu.add_user(USER)
    emu.add_user(USER + 1)
    emu.rate_limits(global_per_second=30, per_chat_per_second=1, retry_after=2)
    await bot.send_message(USER, "one")
    with pytest.raises(RetryAfter):
        await bot.send_message(USER, "two")
    await bot.send_message(USER + 1, "other chat is fine")
    assert emu.stats["429"] == 1
    await asyncio.sleep(1.05)
    await bot.send_message(USER, "three")  # the window slid
    assert [m["text"] for m in emu.chat(USER)] == ["one", "three"]


async def failure(call: Awaitable[object]) -> str:
    """What PTB raises for a call, as ``"<ExceptionClass>: <message>"``."""
    with pytest.raises(TelegramError) as caught:
        await call
    return f"{type(caught.value).__name__}: {caught.value.message}"


async def test_forbidden_and_bad_requests(emu: BotApiEmulator, bot: Bot) -> None:
    emu.add_user(USER)
    emu.block_user(USER)
    blocked = await failure(bot.send_message(USER, "hi"))
    assert blocked == "Forbidden: Forbidden: bot was blocked by the user"
    emu.unblock_user(USER)

    too_long = await failure(bot.send_message(USER, "x" * 5000))
    assert too_long == "BadRequest: Message is too long"
    await bot.send_message(USER, "x" * 4096)  # the limit itself is fine
    long_caption = await failure(bot.send_photo(USER, b"\xff\xd8jpeg", caption="c" * 1025))
    assert long_caption == "BadRequest: Message caption is too long"
    empty = await failure(bot.send_message(USER, "  \n "))
    assert empty == "BadRequest: Message text is empty"
    assert await failure(bot.send_message(999, "hi")) == "BadRequest: Chat not found"
    no_edit = await failure(bot.edit_message_text("new", chat_id=USER, message_id=77))
    assert no_edit == "BadRequest: Message to edit not found"
    no_delete = await failure(bot.delete_message(USER, 77))
    assert no_delete == "BadRequest: Message to delete not found"

    # PTB capitalises the description with str.capitalize(), which lower-cases the rest.
    prefix = "BadRequest: Can't parse entities: "
    cases = {
        "<foo>bar</foo>": 'unsupported start tag "foo" at byte offset 0',
        "<b>bold": 'can\'t find end tag corresponding to start tag "b"',
        "<b><i>x</b></i>": 'unmatched end tag at byte offset 7, expected "</i>", found "</b>"',
        "a < b": 'unsupported start tag "" at byte offset 2',
    }
    for source, expected in cases.items():
        assert await failure(bot.send_message(USER, source, parse_mode="HTML")) == (
            prefix + expected
        )
    cases = {
        "Stay safe.": "character '.' is reserved and must be escaped with the preceding '\\'",
        "*bold": "can't find end of bold entity at byte offset 0",
    }
    for source, expected in cases.items():
        assert await failure(bot.send_message(USER, source, parse_mode="MarkdownV2")) == (
            prefix + expected
        )
    keyboard = InlineKeyboardMarkup.from_button(InlineKeyboardButton("x", callback_data="d" * 65))
    bad_button = await failure(bot.send_message(USER, "x", reply_markup=keyboard))
    assert bad_button == "BadRequest: Button_data_invalid"

    sent = await bot.send_message(USER, "same")
    not_modified = await failure(
        bot.edit_message_text("same", chat_id=USER, message_id=sent.message_id)
    )
    assert not_modified.startswith("BadRequest: Message is not modified: specified new")

    group = emu.create_group(-1001, "Ward panel")
    emu.remove_from_chat(group["id"])
    assert await failure(bot.send_message(group["id"], "hi")) == (
        "Forbidden: Forbidden: bot was kicked from the supergroup chat"
    )

    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("noSuchMethod")
    assert emu.calls_to("noSuchMethod")[0].response == {
        "ok": False,
        "error_code": 404,
        "description": "Not Found",
    }


async def test_500_and_timeout_faults(emu: BotApiEmulator) -> None:
    emu.add_user(USER)
    emu.timeout_delay = 2.5
    request = HTTPXRequest(read_timeout=1.0)  # a loaded machine still answers within a second
    async with Bot(TOKEN, base_url=emu.base_url, request=request) as short_bot:
        emu.fail_next("sendMessage", "500")
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await short_bot.send_message(USER, "a")

        emu.fail_next("sendMessage", "timeout")
        with pytest.raises(TimedOut):
            await short_bot.send_message(USER, "lost")
        assert emu.chat(USER) == []

        emu.fail_next("sendMessage", "timeout", apply=True)  # delivered, but the answer is lost
        with pytest.raises(TimedOut):
            await short_bot.send_message(USER, "delivered anyway")
        assert [m["text"] for m in emu.chat(USER)] == ["delivered anyway"]
        assert emu.stats["timeout"] == 2
        await short_bot.send_message(USER, "back to normal")


async def test_drop_fault_loses_the_answer_at_once_with_or_without_applying(
    emu: BotApiEmulator,
) -> None:
    emu.add_user(USER)
    async with Bot(TOKEN, base_url=emu.base_url) as bot:
        emu.fail_next("sendMessage", "drop")
        with pytest.raises(NetworkError):
            await bot.send_message(USER, "never arrived")
        emu.fail_next("sendMessage", "drop", apply=True)
        with pytest.raises(NetworkError):
            await bot.send_message(USER, "arrived, answer lost")
        assert [m["text"] for m in emu.chat(USER)] == ["arrived, answer lost"]
        assert [c.status for c in emu.calls_to("sendMessage")] == [0, 0]


async def test_a_fault_can_be_kept_to_one_chat(emu: BotApiEmulator) -> None:
    emu.add_user(USER)
    emu.add_user(USER + 1)
    async with Bot(TOKEN, base_url=emu.base_url) as bot:
        emu.fail_next("sendMessage", "500", chat_id=USER + 1)
        await bot.send_message(USER, "not this chat")
        with pytest.raises(NetworkError):
            await bot.send_message(USER + 1, "this one")
        await bot.send_message(USER + 1, "once only")
    assert [m["text"] for m in emu.chat(USER + 1)] == ["once only"]


async def test_a_timeout_fault_can_hold_for_its_own_time(emu: BotApiEmulator) -> None:
    emu.add_user(USER)
    emu.timeout_delay = 30.0
    loop = asyncio.get_running_loop()
    async with Bot(TOKEN, base_url=emu.base_url, request=HTTPXRequest(read_timeout=2)) as bot:
        emu.fail_next("sendMessage", "timeout", hold=0.2)
        started = loop.time()
        with pytest.raises(NetworkError):
            await bot.send_message(USER, "held briefly")
        assert loop.time() - started < 1.5


async def test_html_and_markdown_become_text_and_entities(emu: BotApiEmulator, bot: Bot) -> None:
    emu.add_user(USER)
    html = await bot.send_message(
        USER,
        '<b>Camden</b> &amp; <a href="https://www.police.uk">police.uk</a> 👮 <i>now</i>\n',
        parse_mode=ParseMode.HTML,
    )
    assert html.text == "Camden & police.uk 👮 now"
    assert html.text_html == (
        '<b>Camden</b> &amp; <a href="https://www.police.uk">police.uk</a> 👮 <i>now</i>'
    )
    assert html.api_kwargs == {}

    md = await bot.send_message(
        USER, r"*Safe* _streets_ \- call `101`\.", parse_mode=ParseMode.MARKDOWN_V2
    )
    assert md.text == "Safe streets - call 101."
    assert [(e.type, e.offset, e.length) for e in md.entities] == [
        ("bold", 0, 4),
        ("italic", 5, 7),
        ("code", 20, 3),
    ]

    plain = await bot.send_message(USER, "Report at police.uk or call @met_police #safety /help")
    assert [e.type for e in plain.entities] == ["url", "mention", "hashtag", "bot_command"]


async def test_ptb_generated_markup_parses_back(emu: BotApiEmulator, bot: Bot) -> None:
    """What PTB's own helpers write (text_html, text_markdown_v2, escape_markdown) is accepted
    and yields the same text and entities."""
    emu.add_user(USER)
    text = "Call 101 (non-emergency) - or 999! Costs: £0.00 #safe_streets 👮 a_b*c [x] >q"
    entities = [
        MessageEntity("bold", 0, 8),
        MessageEntity("italic", 10, 13),
        MessageEntity("underline", 10, 3),
        MessageEntity("text_link", 30, 3, url="https://www.police.uk/a_(b)"),
        MessageEntity("code", 42, 5),
        MessageEntity("spoiler", 62, 2),
        MessageEntity("strikethrough", 65, 5),
    ]
    original = Message(
        1, dtm.datetime.now(dtm.UTC), Chat(USER, "private"), text=text, entities=entities
    )
    expected = sorted((e.type, e.offset, e.length) for e in entities)
    for markup, mode in (
        (original.text_html, ParseMode.HTML),
        (original.text_markdown_v2, ParseMode.MARKDOWN_V2),
    ):
        sent = await bot.send_message(USER, markup, parse_mode=mode)
        assert sent.text == text
        explicit = [e for e in sent.entities if e.type not in ("hashtag", "url")]
        assert sorted((e.type, e.offset, e.length) for e in explicit) == expected
    escaped = await bot.send_message(
        USER, escape_markdown(text, version=2), parse_mode=ParseMode.MARKDOWN_V2
    )
    assert escaped.text == text


async def test_result_objects_deserialize_cleanly(emu: BotApiEmulator, bot: Bot) -> None:
    """Every result shape PTB parses without api_kwargs left over (no invented fields)."""
    emu.add_user(USER, username="alex")
    emu.send_photo(USER, b"\xff\xd8user-photo", caption="look")
    user_photo = emu.chat(USER)[-1]
    forum = emu.create_group(-1002, "Neighbourhood forum", is_forum=True)
    emu.send_text(USER, "hi all", chat_id=forum["id"])

    me = await bot.get_me()
    assert (me.id, me.username, me.api_kwargs) == (123, "localbeat_test_bot", {})

    photo = await bot.send_photo(USER, b"\xff\xd8jpeg", caption="<i>map</i>", parse_mode="HTML")
    assert photo.photo[-1].width == 1280 and photo.caption == "map"
    reused = await bot.send_photo(USER, photo.photo[-1].file_id)
    assert reused.photo[-1].file_unique_id == photo.photo[-1].file_unique_id
    location = await bot.send_location(USER, 51.5, -0.14)
    assert location.location is not None and location.location.latitude == 51.5
    copied = await bot.copy_message(USER, USER, user_photo["message_id"], caption="copy")
    forwarded = await bot.forward_message(USER, USER, user_photo["message_id"])
    assert forwarded.forward_origin is not None
    assert forwarded.forward_origin.type == "user"
    assert emu.message(USER, copied.message_id) is not None
    caption_edit = await bot.edit_message_caption(USER, photo.message_id, caption="new")
    assert isinstance(caption_edit, Message) and caption_edit.caption == "new"
    buttons = InlineKeyboardMarkup.from_button(InlineKeyboardButton("ok", callback_data="ok"))
    markup_edit = await bot.edit_message_reply_markup(USER, photo.message_id, reply_markup=buttons)
    assert isinstance(markup_edit, Message) and markup_edit.reply_markup == buttons
    assert await bot.send_chat_action(USER, "typing")
    assert await bot.delete_message(USER, location.message_id)
    assert emu.message(USER, location.message_id) is None

    chat = await bot.get_chat(USER)
    assert (chat.id, chat.type, chat.username, chat.api_kwargs) == (USER, "private", "alex", {})
    member = await bot.get_chat_member(USER, USER)
    assert (member.status, member.api_kwargs) == ("member", {})
    emu.set_member(forum["id"], 123, "administrator")
    admin = await bot.get_chat_member(forum["id"], 123)
    assert (admin.status, admin.api_kwargs) == ("administrator", {})

    topic = await bot.create_forum_topic(forum["id"], "Burglary")
    in_topic = await bot.send_message(
        forum["id"], "Welcome", message_thread_id=topic.message_thread_id
    )
    assert in_topic.is_topic_message and in_topic.message_thread_id == topic.message_thread_id
    replied = await bot.send_message(
        forum["id"], "noted", reply_parameters=ReplyParameters(message_id=1)
    )
    assert replied.reply_to_message is not None
    assert replied.reply_to_message.text == "hi all"

    await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("help", "Help")])
    scoped = BotCommandScopeChat(USER)
    await bot.set_my_commands([BotCommand("admin", "Admin tools")], scope=scoped)
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert [c.command for c in await bot.get_my_commands(scope=scoped)] == ["admin"]
    assert emu.commands() == [
        {"command": "start", "description": "Start"},
        {"command": "help", "description": "Help"},
    ]
    await bot.delete_my_commands(scope=scoped)
    assert await bot.get_my_commands(scope=scoped) == ()

    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count, info.api_kwargs) == ("", 2, {})
    stored = await bot.get_file(user_photo["photo"][-1]["file_id"])
    assert bytes(await stored.download_as_bytearray()) == b"\xff\xd8user-photo"

    for message in emu.chat(USER) + emu.chat(forum["id"]):
        assert Message.de_json(message, bot).api_kwargs == {}
    assert all(c.ok for c in emu.calls), [c.error for c in emu.calls if not c.ok]


async def test_get_updates_long_polls_and_confirms(emu: BotApiEmulator, bot: Bot) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    waiting = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    emu.send_text(USER, "wake up")
    updates = await waiting
    assert loop.time() - started < 2  # the long poll returned as soon as the update arrived
    assert [u.message.text for u in updates if u.message] == ["wake up"]

    emu.send_text(USER, "second")
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [1, 2]  # nothing is dropped until confirmed
    confirmed = await bot.get_updates(offset=2, timeout=0)
    assert [u.update_id for u in confirmed] == [2]
    assert await bot.get_updates(offset=3, timeout=0) == ()
    assert emu.pending_updates == 0

    started = loop.time()
    assert await bot.get_updates(offset=3, timeout=1) == ()
    assert loop.time() - started >= 0.9


async def test_standalone_process_and_control_endpoints() -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.emulator", "--port", "0", "--token", TOKEN,
        cwd=REPO_ROOT, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        url = (await asyncio.wait_for(proc.stdout.readline(), 15)).decode().strip()
        assert url.startswith("http://127.0.0.1:")
        async with aiohttp.ClientSession() as session:
            inject = [{"user_id": 1000 + i, "text": f"msg {i}"} for i in range(3)]
            async with session.post(f"{url}/_control/inject", json=inject) as response:
                assert (await response.json())["count"] == 3
            async with session.post(f"{url}/bot{TOKEN}/getUpdates", data={"timeout": "0"}) as r:
                updates = (await r.json())["result"]
            for update in updates:
                message = update["message"]
                form = {"chat_id": str(message["chat"]["id"]), "text": "ack"}
                async with session.post(f"{url}/bot{TOKEN}/sendMessage", data=form) as r:
                    assert r.status == 200
            async with session.get(f"{url}/_control/stats") as response:
                stats = await response.json()
            await session.post(f"{url}/_control/users", json={"users": [77]})
            await session.post(f"{url}/_control/group", json={"chat_id": -100_5, "title": "Team"})
            fault = {"method": "sendMessage", "error": "drop", "apply": True}
            await session.post(f"{url}/_control/fault", json=fault)
            form = {"chat_id": "77", "text": "hello"}
            with pytest.raises(aiohttp.ServerDisconnectedError):  # applied, answer lost
                await session.post(f"{url}/bot{TOKEN}/sendMessage", data=form)
            form = {"chat_id": str(-100_5), "text": "hello team"}
            async with session.post(f"{url}/bot{TOKEN}/sendMessage", data=form) as r:
                assert r.status == 200  # the fault was for one call only
            async with session.get(f"{url}/_control/chat/77") as response:
                seen = [m["text"] for m in (await response.json())["messages"]]
    finally:
        proc.terminate()
        await proc.communicate()
    assert stats["send_message_per_chat"] == {"1000": 1, "1001": 1, "1002": 1}
    assert stats["latency"]["count"] == 3
    assert stats["latency"]["unmatched_injects"] == 0
    assert stats["first_reply_at"] <= stats["last_reply_at"]
    assert stats["429"] == 0
    assert seen == ["hello"]
    assert proc.returncode == 0


async def test_webhook_delivery_reaches_ptb(emu: BotApiEmulator) -> None:
    port = free_port()
    app = build_app(emu)
    app.add_handler(MessageHandler(filters.TEXT, echo))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_webhook(
        listen="127.0.0.1",
        port=port,
        url_path="hook",
        webhook_url=f"http://127.0.0.1:{port}/hook",
        secret_token="s3cret",
    )
    try:
        set_call = await emu.wait_for_call("setWebhook")
        assert set_call.params["url"] == f"http://127.0.0.1:{port}/hook"
        emu.send_text(USER, "via webhook")  # the emulator POSTs it to PTB's webhook server
        assert (await emu.next_bot_message(USER))["text"] == "via webhook"
        assert emu.stats["webhook_delivered"] == 1

        update = {"update_id": 999, "message": emu.chat(USER)[0]}
        wrong = await emu.post_webhook(f"http://127.0.0.1:{port}/hook", update, "wrong")
        assert wrong == 403
        manual = await emu.post_webhook(f"http://127.0.0.1:{port}/hook", update, "s3cret")
        assert manual == 200
        assert (await emu.next_bot_message(USER))["text"] == "via webhook"
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def test_waiting_helpers_explain_timeouts(emu: BotApiEmulator) -> None:
    emu.add_user(USER)
    with pytest.raises(EmulatorTimeout, match="sent no new message to chat 4242"):
        await emu.next_bot_message(USER, timeout=0.05)
    with pytest.raises(EmulatorTimeout, match="sendMessage"):
        await emu.wait_for_call("sendMessage", timeout=0.05)
    assert json.loads(json.dumps(emu.control_stats()))["bot_messages_total"] == 0
