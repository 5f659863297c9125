"""An in-process Telegram Bot API emulator for end-to-end tests of the real PTB ``Application``.

The emulator is an aiohttp server that speaks the Bot API the way ``telegram.request.HTTPXRequest``
calls it (``POST /bot<token>/<method>`` with ``application/x-www-form-urlencoded`` bodies, or
``multipart/form-data`` when files are uploaded; every non-string value is a JSON-encoded string)
and keeps a model of the chats a person would see. Tests inject what users do (``send_text``,
``press_button``, ...) and observe what the bot did (``chat``, ``next_bot_message``, ``calls``).

See ``tests/emulator/__init__.py`` for a short tour of the test-side API.
"""

# The test-side API deliberately takes ``timeout=`` arguments (``await emu.next_bot_message(chat,
# timeout=2)``) instead of making every test wrap calls in ``asyncio.timeout``.

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import mimetypes
import re
import socket
import time
import zlib
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, TypeVar

import aiohttp
from aiohttp import hdrs, web

from tests.emulator.formatting import (
    CAPTION_LIMIT,
    TEXT_LIMIT,
    Entity,
    ParseError,
    auto_entities,
    format_text,
    utf16_len,
)

JSON = dict[str, Any]
T = TypeVar("T")

BOT_USERNAME = "localbeat_test_bot"
BOT_FIRST_NAME = "Local Beat"

# Parameters Telegram types as String: PTB sends them raw (not JSON-encoded), so they must not be
# JSON-decoded here ("123" stays a string). Everything else arrives JSON-encoded.
STRING_PARAMS = frozenset(
    {
        "text", "caption", "parse_mode", "callback_query_id", "url", "secret_token", "ip_address",
        "name", "icon_custom_emoji_id", "action", "file_id", "language_code",
        "inline_message_id", "business_connection_id", "message_effect_id", "emoji", "title",
        "description", "short_description", "question", "address", "foursquare_id",
        "foursquare_type", "google_place_id", "google_place_type", "phone_number",
        "first_name", "last_name", "vcard", "photo", "document", "audio", "video", "voice",
        "animation", "sticker", "video_note", "thumbnail", "cover", "custom_title",
        "sticker_set_name", "explanation", "payload", "currency", "provider_token",
        "start_parameter", "invite_link", "performer",
    }
)  # fmt: skip

# Methods that deliver or change a message: subject to blocking, kicking and rate limits.
SENDING_METHODS = frozenset(
    {
        "sendmessage", "sendphoto", "senddocument", "sendaudio", "sendvideo", "sendanimation",
        "sendvoice", "sendvideonote", "sendsticker", "sendlocation", "copymessage",
        "forwardmessage", "editmessagetext", "editmessagecaption", "editmessagereplymarkup",
    }
)  # fmt: skip

# Keys of a Message that carry its content (what copyMessage / forwardMessage reproduce).
CONTENT_KEYS = (
    "text", "entities", "caption", "caption_entities", "show_caption_above_media", "photo",
    "document", "audio", "video", "animation", "voice", "video_note", "sticker", "location",
    "venue", "contact", "link_preview_options",
)  # fmt: skip

CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice",
        "upload_voice", "upload_document", "choose_sticker", "find_location",
        "record_video_note", "upload_video_note",
    }
)  # fmt: skip

# Update types Telegram leaves out unless they are listed in ``allowed_updates``.
OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

MEDIA_KINDS_ORDER = (
    "photo", "document", "audio", "video", "animation", "voice", "video_note", "sticker",
)  # fmt: skip

TRANSCRIPT_KINDS = (*MEDIA_KINDS_ORDER, "location", "venue", "contact", "forum_topic_created")

# kind -> (download folder, default MIME type, default extension)
MEDIA_KINDS: dict[str, tuple[str, str, str]] = {
    "photo": ("photos", "image/jpeg", ".jpg"),
    "document": ("documents", "application/octet-stream", ""),
    "audio": ("music", "audio/mpeg", ".mp3"),
    "video": ("videos", "video/mp4", ".mp4"),
    "animation": ("animations", "video/mp4", ".mp4"),
    "voice": ("voice", "audio/ogg", ".oga"),
    "video_note": ("video_notes", "video/mp4", ".mp4"),
    "sticker": ("stickers", "image/webp", ".webp"),
}

DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: chat not found",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
GETFILE_LIMIT = 20 * 1024 * 1024


# ------------------------------------------------------------------------------ public records


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    filename: str | None
    data: bytes
    mime: str | None


@dataclass
class Call:
    """One Bot API request the bot made, as the emulator received and answered it.

    ``status`` is the HTTP status answered (200 for success) or 0 when the request was held
    and dropped by a ``"timeout"`` fault or dropped at once by a ``"drop"`` fault.
    ``response`` is the JSON body sent back.
    """

    method: str
    params: JSON
    files: dict[str, UploadedFile]
    at: float
    status: int = 200
    response: JSON | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def result(self) -> Any:
        return None if self.response is None else self.response.get("result")

    @property
    def error(self) -> str | None:
        """The error description, e.g. ``"Bad Request: message is too long"``."""
        if self.response is None:
            return "timeout" if self.status == 0 else None
        description = self.response.get("description")
        return str(description) if description is not None else None


class EmulatorTimeout(AssertionError):
    """Something a test waited for did not happen in time."""


class ApiError(Exception):
    """A Telegram error answer: HTTP status == ``error_code``."""

    def __init__(
        self, code: int, description: str | None = None, parameters: JSON | None = None
    ) -> None:
        self.code = code
        self.description = description or DEFAULT_DESCRIPTIONS.get(code, "Error")
        self.parameters = parameters
        super().__init__(self.description)

    @classmethod
    def bad(cls, description: str) -> ApiError:
        return cls(400, f"Bad Request: {description}")

    @classmethod
    def too_many(cls, retry_after: int) -> ApiError:
        return cls(
            429,
            f"Too Many Requests: retry after {retry_after}",
            {"retry_after": retry_after},
        )

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


# ------------------------------------------------------------------------------ internal state


@dataclass
class _Fault:
    kind: str  # "timeout", "drop" or an HTTP status as a string
    remaining: int
    retry_after: int
    description: str | None
    apply: bool
    hold: float | None = None  # "timeout": seconds to hold instead of ``timeout_delay``
    chat: str | None = None  # only calls to this chat_id; None: any


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    kind: str
    data: bytes
    filename: str | None
    mime: str | None
    file_path: str
    photo_sizes: list[JSON] | None = None


@dataclass
class _Chat:
    info: JSON  # the Bot API Chat object
    messages: dict[int, JSON] = field(default_factory=dict)  # current versions, in order
    next_message_id: int = 1
    bot_messages: list[JSON] = field(default_factory=list)  # as sent, for the cursor
    cursor: int = 0
    kicked: bool = False
    keyboard: JSON | None = None  # the reply keyboard the person currently sees
    topics: dict[int, JSON] = field(default_factory=dict)
    members: dict[int, str] = field(default_factory=dict)
    inject_times: deque[float] = field(default_factory=deque)

    @property
    def id(self) -> int:
        return int(self.info["id"])

    @property
    def type(self) -> str:
        return str(self.info["type"])


class _RateWindow:
    """Sliding one-second window of accepted sends."""

    __slots__ = ("limit", "stamps", "window")

    def __init__(self, limit: float, window: float = 1.0) -> None:
        self.limit = limit
        self.window = window
        self.stamps: deque[float] = deque()

    def full(self, now: float) -> bool:
        while self.stamps and self.stamps[0] <= now - self.window:
            self.stamps.popleft()
        return len(self.stamps) >= self.limit


def _now() -> int:
    return int(time.time())


def _decode(name: str, raw: str) -> Any:
    if name in STRING_PARAMS:
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _as_int(value: Any, name: str) -> int:
    if isinstance(value, bool) or value is None or value == "":
        raise ApiError.bad(f"{name} is empty")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError.bad(f"wrong {name} specified") from None


def _as_float(value: Any, name: str) -> float:
    if value is None or value == "":
        raise ApiError.bad(f"{name} is empty")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ApiError.bad(f"wrong {name} specified") from None


def _strip_reply(message: JSON) -> JSON:
    """A message as embedded in ``reply_to_message`` (Telegram nests one level only)."""
    return {k: v for k, v in message.items() if k != "reply_to_message"}


def _inline_buttons(message: Mapping[str, Any]) -> list[JSON]:
    markup = message.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_INLINE_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game", "pay",
)  # fmt: skip


def _validate_inline_keyboard(markup: JSON) -> None:
    rows = markup.get("inline_keyboard")
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ApiError.bad("can't parse reply keyboard markup JSON object")
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not button.get("text"):
                raise ApiError.bad("can't parse inline keyboard button: Text must be non-empty")
            actions = [key for key in _INLINE_ACTIONS if key in button]
            if len(actions) != 1:
                raise ApiError.bad(
                    "can't parse inline keyboard button: Text buttons are unallowed in the "
                    "inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise ApiError.bad("BUTTON_DATA_INVALID")


# ------------------------------------------------------------------------------ the emulator


class BotApiEmulator:
    """A fake Telegram Bot API server plus a model of the chats a person would see.

    All test-side injection methods are synchronous: they enqueue an update and wake any
    pending ``getUpdates`` long poll (or the webhook delivery loop).
    """

    def __init__(
        self,
        token: str = "123:ABC",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_username: str = BOT_USERNAME,
        bot_first_name: str = BOT_FIRST_NAME,
    ) -> None:
        self.token = token
        head = token.split(":", 1)[0]
        self.bot_id = int(head) if head.isdigit() else 123
        self.bot_user: JSON = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.host = host
        self.port = port
        # observation
        self.calls: list[Call] = []
        self.callback_answers: list[Call] = []
        self.stats: Counter[str] = Counter()
        self.record_calls = True
        # fault injection and limits
        self.timeout_delay = 6.0
        self.blocked_fraction = 0.0
        self.blocked_seed = 0
        self._faults: dict[str, deque[_Fault]] = {}
        self._blocked_users: set[int] = set()
        self._fraction_cache: dict[int, bool] = {}
        self._global_window: _RateWindow | None = None
        self._chat_limit: float | None = None
        self._chat_windows: dict[int, _RateWindow] = {}
        self._retry_after = 1
        # world model
        self._chats: dict[int, _Chat] = {}
        self._users: dict[int, JSON] = {}
        self._files: dict[str, _StoredFile] = {}
        self._files_by_path: dict[str, _StoredFile] = {}
        self._file_counter = itertools.count(1)
        self._callback_counter = itertools.count(1)
        self._open_queries: dict[str, bool] = {}  # id -> answered
        self._commands: dict[tuple[str, str], list[JSON]] = {}
        self.bot_settings: dict[str, Any] = {}
        # updates and polling
        self._updates: deque[JSON] = deque()
        self._next_update_id = 1
        self._allowed_updates: frozenset[str] | None = None
        self._poll_generation = 0
        self._update_signal = asyncio.Event()
        self._signal = asyncio.Event()
        # webhook
        self._webhook: JSON = {}
        self._webhook_task: asyncio.Task[None] | None = None
        self.webhook_retry_delay = 0.2
        # Updates posted at once, as Telegram does over up to ``max_connections`` connections
        # (then updates of one chat may overtake each other); 1: one after another, in order.
        self.webhook_connections = 1
        # benchmark statistics
        self._sent_per_chat: Counter[int] = Counter()  # every message the bot delivered
        self._send_message_per_chat: Counter[int] = Counter()  # sendMessage successes only
        self._activity = 0  # answered calls other than getUpdates (for settle())
        self._in_flight = 0  # requests other than getUpdates being processed now
        self._latencies: list[float] = []
        self._first_inject_at: float | None = None
        self._first_reply_at: float | None = None
        self._last_reply_at: float | None = None
        # server
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._stop_event: asyncio.Event | None = None
        self._stopping = False
        self._methods: dict[str, Callable[[JSON, dict[str, UploadedFile]], Awaitable[Any]]] = {
            name.removeprefix("_m_"): getattr(self, name)
            for name in dir(self)
            if name.startswith("_m_")
        }

    # ---------------------------------------------------------------------------- lifecycle

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``; use ``f"{url}/bot"`` and ``f"{url}/file/bot"`` in PTB."""
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    async def start(self) -> None:
        self._stopping = False
        self._stop_event = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_download)
        app.router.add_post("/_control/inject", self._control_inject)
        app.router.add_get("/_control/stats", self._control_stats)
        app.router.add_post("/_control/reset", self._control_reset)
        app.router.add_post("/_control/config", self._control_config)
        app.router.add_get("/_control/chat/{chat_id}", self._control_chat)
        app.router.add_post("/_control/fault", self._control_fault)
        app.router.add_post("/_control/users", self._control_users)
        app.router.add_post("/_control/group", self._control_group)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        site = web.SockSite(self._runner, sock)
        await site.start()
        self._session = aiohttp.ClientSession()

    async def stop(self) -> None:
        self._stopping = True
        if self._stop_event is not None:
            self._stop_event.set()
        self._wake_pollers()
        self._notify()
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            await asyncio.gather(self._webhook_task, return_exceptions=True)
            self._webhook_task = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def __aenter__(self) -> BotApiEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # --------------------------------------------------------------------------- users, chats

    def add_user(
        self,
        user_id: int,
        *,
        first_name: str | None = None,
        username: str | None = None,
        last_name: str | None = None,
        language_code: str | None = "en",
    ) -> JSON:
        """Register a user and their private chat with the bot (as if they pressed Start).

        Injection methods take ``first_name`` too; leaving it out keeps the name the user
        already has (``"Alex"`` for a new user).
        """
        user = self._user(user_id, first_name, username, last_name, language_code)
        self._private_chat(user)
        return user

    def create_group(
        self,
        chat_id: int,
        title: str | None = None,
        *,
        chat_type: str = "supergroup",
        is_forum: bool = False,
        username: str | None = None,
    ) -> JSON:
        """Register a group, supergroup (optionally a forum) or channel; returns its Chat."""
        if chat_id >= 0:
            raise ValueError("group and channel ids are negative")
        info: JSON = {"id": chat_id, "type": chat_type, "title": title or f"Chat {chat_id}"}
        if username:
            info["username"] = username
        if is_forum:
            info["is_forum"] = True
        existing = self._chats.get(chat_id)
        if existing is not None:
            existing.info = info
        else:
            self._chats[chat_id] = _Chat(info=info)
        return info

    def set_member(self, chat_id: int, user_id: int, status: str) -> None:
        """Status getChatMember reports: creator/administrator/member/restricted/left/kicked."""
        self._chat_state(chat_id).members[user_id] = status

    def _user(
        self,
        user_id: int,
        first_name: str | None = None,
        username: str | None = None,
        last_name: str | None = None,
        language_code: str | None = "en",
    ) -> JSON:
        previous = self._users.get(user_id, {})
        name = first_name or previous.get("first_name") or "Alex"
        user: JSON = {"id": user_id, "is_bot": False, "first_name": name}
        last_name = last_name or previous.get("last_name")
        if last_name:
            user["last_name"] = last_name
        username = username or previous.get("username")
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        if user != previous:
            self._users[user_id] = user
        return self._users[user_id]

    def _private_chat(self, user: JSON) -> _Chat:
        info: JSON = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        for key in ("last_name", "username"):
            if key in user:
                info[key] = user[key]
        chat = self._chats.get(user["id"])
        if chat is None:
            chat = self._chats[user["id"]] = _Chat(info=info)
        elif chat.info != info:
            chat.info = info
        return chat

    def _chat_state(self, chat_id: int) -> _Chat:
        try:
            return self._chats[chat_id]
        except KeyError:
            raise KeyError(f"unknown chat {chat_id}") from None

    def _chat_for_user(self, user: JSON, chat_id: int | None, chat_type: str = "private") -> _Chat:
        if chat_id is None or chat_id == user["id"]:
            return self._private_chat(user)
        chat = self._chats.get(chat_id)
        if chat is None:
            self.create_group(
                chat_id, chat_type="supergroup" if chat_type == "private" else chat_type
            )
            chat = self._chats[chat_id]
        chat.members.setdefault(user["id"], "member")
        return chat

    # ------------------------------------------------------------------------ update queue

    def inject_update(self, update: JSON, *, wake: bool = True) -> JSON:
        """Enqueue a raw update (``update_id`` is assigned); returns the full update."""
        full = {"update_id": self._next_update_id, **update}
        self._next_update_id += 1
        self._updates.append(full)
        self.stats["updates_injected"] += 1
        if wake:
            self._wake_pollers()
            self._notify()
        return full

    @property
    def pending_updates(self) -> int:
        """Updates not yet confirmed by the bot (getUpdates offset) or delivered by webhook."""
        return len(self._updates)

    def _wake_pollers(self) -> None:
        self._update_signal.set()
        self._update_signal = asyncio.Event()

    def _notify(self) -> None:
        self._signal.set()
        self._signal = asyncio.Event()

    def _store_user_message(self, chat: _Chat, message: JSON) -> JSON:
        message_id = chat.next_message_id
        chat.next_message_id += 1
        full = {"message_id": message_id, **message}
        chat.messages[message_id] = full
        return full

    def _user_message(
        self,
        user_id: int,
        content: JSON,
        *,
        chat_id: int | None = None,
        first_name: str | None = None,
        username: str | None = None,
        reply_to: Mapping[str, Any] | int | None = None,
        chat_type: str = "private",
        message_thread_id: int | None = None,
        wake: bool = True,
    ) -> JSON:
        user = self._user(user_id, first_name, username)
        chat = self._chat_for_user(user, chat_id, chat_type)
        if chat.type == "private" and user_id in self._blocked_users:
            self.unblock_user(user_id)  # writing to the bot again means unblocking it
        message: JSON = {"from": user, "chat": chat.info, "date": _now(), **content}
        if message_thread_id is not None:
            message["message_thread_id"] = message_thread_id
            if chat.info.get("is_forum"):
                message["is_topic_message"] = True
                topic_start = chat.messages.get(message_thread_id)
                if topic_start is not None and reply_to is None:
                    message["reply_to_message"] = _strip_reply(topic_start)
        if reply_to is not None:
            target_id = reply_to if isinstance(reply_to, int) else int(reply_to["message_id"])
            target = chat.messages.get(target_id)
            if target is None:
                raise LookupError(f"no message {target_id} in chat {chat.id} to reply to")
            message["reply_to_message"] = _strip_reply(target)
        stored = self._store_user_message(chat, message)
        now = time.monotonic()
        chat.inject_times.append(now)
        if self._first_inject_at is None:
            self._first_inject_at = time.time()
        self.inject_update({"message": stored}, wake=wake)
        return stored

    # ------------------------------------------------------------------ what users do (inject)

    def send_text(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        first_name: str | None = None,
        username: str | None = None,
        reply_to: Mapping[str, Any] | int | None = None,
        chat_type: str = "private",
        message_thread_id: int | None = None,
        entities: list[Entity] | None = None,
    ) -> JSON:
        """A user sends a text message (commands get their ``bot_command`` entity)."""
        content: JSON = {"text": text}
        found = list(entities or []) + auto_entities(text, entities)
        if found:
            content["entities"] = sorted(found, key=lambda e: (e["offset"], -e["length"]))
        return self._user_message(
            user_id,
            content,
            chat_id=chat_id,
            first_name=first_name,
            username=username,
            reply_to=reply_to,
            chat_type=chat_type,
            message_thread_id=message_thread_id,
        )

    def send_location(
        self,
        user_id: int,
        lat: float,
        lon: float,
        *,
        chat_id: int | None = None,
        first_name: str | None = None,
        live_period: int | None = None,
    ) -> JSON:
        location: JSON = {"latitude": lat, "longitude": lon}
        if live_period:
            location["live_period"] = live_period
        return self._user_message(
            user_id, {"location": location}, chat_id=chat_id, first_name=first_name
        )

    def send_document(
        self,
        user_id: int,
        filename: str,
        data: bytes,
        mime: str = "application/x-yaml",
        caption: str | None = None,
        *,
        chat_id: int | None = None,
        first_name: str | None = None,
    ) -> JSON:
        """A user uploads a file; ``getFile`` and the download route then serve ``data``."""
        stored = self._register_file("document", data, filename, mime)
        content: JSON = {"document": self._media_object(stored, {})}
        self._add_user_caption(content, caption)
        return self._user_message(user_id, content, chat_id=chat_id, first_name=first_name)

    def send_photo(
        self,
        user_id: int,
        data: bytes,
        caption: str | None = None,
        *,
        chat_id: int | None = None,
        first_name: str | None = None,
        reply_to: Mapping[str, Any] | int | None = None,
    ) -> JSON:
        stored = self._register_file("photo", data, "photo.jpg", "image/jpeg")
        content: JSON = {"photo": self._media_object(stored, {})}
        self._add_user_caption(content, caption)
        return self._user_message(
            user_id, content, chat_id=chat_id, first_name=first_name, reply_to=reply_to
        )

    def send_sticker(
        self,
        user_id: int,
        emoji: str = "👍",
        *,
        chat_id: int | None = None,
        first_name: str | None = None,
    ) -> JSON:
        stored = self._register_file("sticker", b"RIFF\x00\x00\x00\x00WEBP", "sticker.webp", None)
        sticker = self._media_object(stored, {"emoji": emoji})
        return self._user_message(
            user_id, {"sticker": sticker}, chat_id=chat_id, first_name=first_name
        )

    def send_voice(
        self,
        user_id: int,
        duration: int = 2,
        data: bytes = b"OggS\x00voice",
        *,
        chat_id: int | None = None,
        first_name: str | None = None,
    ) -> JSON:
        stored = self._register_file("voice", data, None, "audio/ogg")
        voice = self._media_object(stored, {"duration": duration})
        return self._user_message(user_id, {"voice": voice}, chat_id=chat_id, first_name=first_name)

    def edit_text(self, user_id: int, message: Mapping[str, Any] | int, new_text: str) -> JSON:
        """The user edits one of their own text messages (an ``edited_message`` update)."""
        chat_id = user_id if isinstance(message, int) else int(message["chat"]["id"])
        message_id = message if isinstance(message, int) else int(message["message_id"])
        chat = self._chat_state(chat_id)
        current = chat.messages.get(message_id)
        if current is None or current.get("from", {}).get("id") != user_id:
            raise LookupError(f"user {user_id} has no message {message_id} in chat {chat_id}")
        if "text" not in current:
            raise LookupError("only text messages can be edited with edit_text")
        edited = {k: v for k, v in current.items() if k != "entities"}
        edited["text"] = new_text
        found = auto_entities(new_text)
        if found:
            edited["entities"] = found
        edited["edit_date"] = _now()
        chat.messages[message_id] = edited
        self.inject_update({"edited_message": edited})
        return edited

    def channel_post(self, chat_id: int, text: str, *, title: str = "Local Beat News") -> JSON:
        """A post in a channel the bot administers (a ``channel_post`` update)."""
        chat = self._chats.get(chat_id)
        if chat is None:
            self.create_group(chat_id, title, chat_type="channel")
            chat = self._chats[chat_id]
        content: JSON = {"sender_chat": chat.info, "chat": chat.info, "date": _now(), "text": text}
        found = auto_entities(text)
        if found:
            content["entities"] = found
        stored = self._store_user_message(chat, content)
        self.inject_update({"channel_post": stored})
        return stored

    def press_button(
        self,
        user_id: int,
        message: Mapping[str, Any],
        callback_data: str | None = None,
        *,
        text: str | None = None,
        force: bool = False,
        first_name: str | None = None,
    ) -> JSON:
        """The user taps an inline button of a bot message (matched by data or by label).

        The button must be on the message *as it is now* (edits applied) unless ``force``.
        Returns the ``callback_query`` dict (its ``id`` is what answerCallbackQuery must use).
        """
        chat = self._chat_state(int(message["chat"]["id"]))
        current = chat.messages.get(int(message["message_id"]))
        if current is None and not force:
            raise LookupError(f"message {message['message_id']} is no longer in the chat")
        # a deleted message reaches the bot as an InaccessibleMessage (date 0)
        shown = current or {"chat": chat.info, "message_id": message["message_id"], "date": 0}
        if callback_data is None:
            if text is None:
                raise ValueError("give callback_data or text")
            matches = [b for b in _inline_buttons(shown) if b.get("text") == text]
            if not matches or "callback_data" not in matches[0]:
                if not force:
                    labels = [b.get("text") for b in _inline_buttons(shown)]
                    raise LookupError(f"no callback button labelled {text!r}; buttons: {labels}")
                callback_data = text
            else:
                callback_data = str(matches[0]["callback_data"])
        elif not force and not any(
            b.get("callback_data") == callback_data for b in _inline_buttons(shown)
        ):
            data = [b.get("callback_data") for b in _inline_buttons(shown)]
            raise LookupError(f"no button with callback_data {callback_data!r}; buttons: {data}")
        user = self._user(user_id, first_name)
        query_id = f"{self.bot_id}{next(self._callback_counter):08d}"
        query: JSON = {
            "id": query_id,
            "from": user,
            "message": shown,
            "chat_instance": str(zlib.crc32(f"{chat.id}:{self.bot_id}".encode())),
            "data": callback_data,
        }
        self._open_queries[query_id] = False
        self.inject_update({"callback_query": query})
        return query

    # ------------------------------------------------------------------------------ observing

    def chat(self, chat_id: int) -> list[JSON]:
        """Messages in the chat as a person sees them now (edits applied, deletions gone)."""
        chat = self._chats.get(chat_id)
        return [] if chat is None else list(chat.messages.values())

    def message(self, chat_id: int, message_id: int) -> JSON | None:
        """The current version of one message, or None once deleted."""
        chat = self._chats.get(chat_id)
        return None if chat is None else chat.messages.get(message_id)

    def bot_messages(self, chat_id: int) -> list[JSON]:
        """Every message the bot sent to the chat, as sent (including later-deleted ones)."""
        chat = self._chats.get(chat_id)
        return [] if chat is None else list(chat.bot_messages)

    def keyboard(self, chat_id: int) -> JSON | None:
        """The reply keyboard (ReplyKeyboardMarkup) the person currently sees, if any."""
        chat = self._chats.get(chat_id)
        return None if chat is None else chat.keyboard

    def chat_info(self, chat_id: int) -> JSON:
        return self._chat_state(chat_id).info

    def commands(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        """The command list set by setMyCommands for a scope (default scope by default)."""
        return list(self._commands.get(self._scope_key(scope, language_code), []))

    def calls_to(self, method: str) -> list[Call]:
        name = method.lower()
        return [c for c in self.calls if c.method.lower() == name]

    def transcript(self, chat_id: int) -> str:
        """A readable dump of the chat for assertion messages."""
        lines = []
        for message in self.chat(chat_id):
            who = "bot" if message.get("from", {}).get("id") == self.bot_id else "user"
            body = message.get("text") or message.get("caption") or ""
            kind = next((k for k in TRANSCRIPT_KINDS if k in message), None)
            if kind:
                body = f"[{kind}] {body}".rstrip()
            buttons = [b.get("text") for b in _inline_buttons(message)]
            suffix = f"  {buttons}" if buttons else ""
            lines.append(f"#{message['message_id']} {who}: {body}{suffix}")
        return "\n".join(lines)

    def skip_bot_messages(self, chat_id: int) -> None:
        """Move the ``next_bot_message`` cursor past everything the bot has sent so far."""
        chat = self._chats.get(chat_id)
        if chat is not None:
            chat.cursor = len(chat.bot_messages)

    async def _wait(self, check: Callable[[], T | None], timeout: float) -> T | None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            value = check()
            if value is not None:
                return value
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            signal = self._signal
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(signal.wait(), remaining)

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait until ``predicate()`` holds; re-checked after every call and injected update."""
        if await self._wait(lambda: True if predicate() else None, timeout) is None:
            raise EmulatorTimeout(f"condition not met within {timeout}s")

    async def next_bot_message(self, chat_id: int, timeout: float = 5.0) -> JSON:
        """The next message the bot sends to the chat after the last one returned here."""

        def check() -> JSON | None:
            chat = self._chats.get(chat_id)
            if chat is None or chat.cursor >= len(chat.bot_messages):
                return None
            message = chat.bot_messages[chat.cursor]
            chat.cursor += 1
            return message

        message = await self._wait(check, timeout)
        if message is None:
            failures = [f"{c.method}: {c.error}" for c in self.calls[-20:] if not c.ok]
            raise EmulatorTimeout(
                f"the bot sent no new message to chat {chat_id} within {timeout}s\n"
                f"chat now:\n{self.transcript(chat_id)}\nrecent failed calls: {failures}"
            )
        return message

    async def expect_no_bot_message(self, chat_id: int, within: float = 0.3) -> None:
        """Assert that, ``within`` seconds from now, the bot has sent the chat nothing beyond
        what ``next_bot_message`` already returned."""
        chat = self._chats.get(chat_id)
        start = 0 if chat is None else chat.cursor
        await asyncio.sleep(within)
        chat = self._chats.get(chat_id)
        if chat is not None and len(chat.bot_messages) > start:
            extra = [m.get("text") or m.get("caption") for m in chat.bot_messages[start:]]
            raise AssertionError(f"unexpected bot message(s) in chat {chat_id}: {extra}")

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 5.0,
        count: int = 1,
        *,
        ok: bool | None = None,
    ) -> Call:
        """Wait until ``count`` recorded calls match; returns the ``count``-th match.

        Calls are counted from the start of the emulator (failed ones too unless ``ok=True``).
        """
        name = method.lower()
        scanned = seen = 0  # resume where the previous check stopped: O(calls) overall

        def check() -> Call | None:
            nonlocal scanned, seen
            calls = self.calls
            if scanned > len(calls):  # reset_stats() cleared the list
                scanned = seen = 0
            while scanned < len(calls):
                call = calls[scanned]
                scanned += 1
                if call.method.lower() != name or (ok is not None and call.ok != ok):
                    continue
                if predicate is not None and not predicate(call):
                    continue
                seen += 1
                if seen == count:
                    return call
            return None

        call = await self._wait(check, timeout)
        if call is None:
            recent = [f"{c.method}({c.status})" for c in self.calls[-15:]]
            raise EmulatorTimeout(
                f"no {count} matching {method} call(s) within {timeout}s; recent calls: {recent}"
            )
        return call

    async def wait_for_answer(self, query: Mapping[str, Any], timeout: float = 5.0) -> Call:
        """The answerCallbackQuery call for a query returned by ``press_button``."""
        query_id = str(query["id"])
        return await self.wait_for_call(
            "answerCallbackQuery",
            lambda c: str(c.params.get("callback_query_id")) == query_id,
            timeout,
        )

    async def settle(self, quiet: float = 0.1, timeout: float = 5.0) -> None:
        """Wait until every update is confirmed and the bot made no call for ``quiet`` seconds.

        getUpdates polls do not count as activity. A handler that works silently for longer
        than ``quiet`` before calling the API can still be missed.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            before = self._activity
            await asyncio.sleep(quiet)
            if not self._updates and not self._in_flight and self._activity == before:
                return
        raise EmulatorTimeout(
            f"not settled within {timeout}s ({len(self._updates)} updates pending)"
        )

    # ------------------------------------------------------------------------ fault injection

    def fail_next(
        self,
        method: str,
        error: str | int,
        times: int = 1,
        *,
        retry_after: int = 3,
        description: str | None = None,
        apply: bool = False,
        hold: float | None = None,
        chat_id: int | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (``"*"``: any but getUpdates) fail;
        with ``chat_id``, only calls to that chat (so faults on several chats can run at once).

        ``error`` is an HTTP status (``"429"``, ``"500"``, ``"403"``, ``"400"``, ...),
        ``"timeout"``: the request is held for ``hold`` (default ``timeout_delay``) seconds and
        then the connection is dropped without an answer, or ``"drop"``: the connection is
        dropped at once without an answer (a connection lost after the request was sent).
        With ``apply=True`` a timed-out or dropped call still takes effect (the message is
        delivered though the bot never hears so), like a real lost response.
        """
        kind = str(error).lower()
        if kind not in ("timeout", "drop") and not kind.isdigit():
            raise ValueError(f"unknown error kind {error!r}")
        self._faults.setdefault(method.lower(), deque()).append(
            _Fault(kind, times, retry_after, description, apply, hold,
                   None if chat_id is None else str(chat_id))
        )  # fmt: skip

    def clear_faults(self) -> None:
        self._faults.clear()

    def block_user(self, user_id: int, *, notify: bool = True) -> None:
        """The user blocks the bot: sends to them get 403 "bot was blocked by the user"."""
        self._blocked_users.add(user_id)
        chat = self._chats.get(user_id)
        if notify and chat is not None:
            self._member_update(chat, self._users.get(user_id), "member", "kicked")

    def unblock_user(self, user_id: int, *, notify: bool = True) -> None:
        if user_id not in self._blocked_users:
            return
        self._blocked_users.discard(user_id)
        chat = self._chats.get(user_id)
        if notify and chat is not None:
            self._member_update(chat, self._users.get(user_id), "kicked", "member")

    def remove_from_chat(self, chat_id: int, *, notify: bool = True) -> None:
        """The bot is removed from a group/channel: sends there get 403."""
        chat = self._chat_state(chat_id)
        chat.kicked = True
        if notify:
            admin = next((self._users[u] for u in chat.members if u in self._users), None)
            self._member_update(chat, admin, "member", "left")

    def rate_limits(
        self,
        global_per_second: float | None = None,
        per_chat_per_second: float | None = None,
        retry_after: int = 1,
    ) -> None:
        """Sliding one-second windows; exceeding one answers 429 with ``retry_after``."""
        self._global_window = _RateWindow(global_per_second) if global_per_second else None
        self._chat_limit = per_chat_per_second or None
        self._chat_windows.clear()
        self._retry_after = retry_after

    def is_blocked(self, user_id: int) -> bool:
        if user_id in self._blocked_users:
            return True
        if self.blocked_fraction <= 0 or user_id < 0:
            return False
        cached = self._fraction_cache.get(user_id)
        if cached is None:
            roll = zlib.crc32(f"{self.blocked_seed}:{user_id}".encode()) / 2**32
            cached = self._fraction_cache[user_id] = roll < self.blocked_fraction
        return cached

    def _member_update(
        self, chat: _Chat, actor: JSON | None, old_status: str, new_status: str
    ) -> None:
        actor = actor or {"id": 1, "is_bot": False, "first_name": "Admin"}
        self.inject_update(
            {
                "my_chat_member": {
                    "chat": chat.info,
                    "from": actor,
                    "date": _now(),
                    "old_chat_member": self._member_object(self.bot_user, old_status),
                    "new_chat_member": self._member_object(self.bot_user, new_status),
                }
            }
        )

    def _take_fault(self, method: str, chat: Any = None) -> _Fault | None:
        for key in (method, "*"):
            if key == "*" and method == "getupdates":
                continue
            for fault in self._faults.get(key, ()):
                if fault.chat is not None and fault.chat != str(chat):
                    continue
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults[key].remove(fault)
                return fault
        return None

    @staticmethod
    def _admit_kicked(chat: _Chat) -> None:
        if chat.kicked:
            if chat.type == "channel":
                raise ApiError(403, "Forbidden: bot is not a member of the channel chat")
            raise ApiError(403, f"Forbidden: bot was kicked from the {chat.type} chat")

    def _admit(self, chat: _Chat, method: str) -> None:
        """403 for blocked users / removed bot, then the rate limits (429)."""
        if chat.type == "private" and self.is_blocked(chat.id):
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        self._admit_kicked(chat)
        if method not in SENDING_METHODS:
            return
        now = time.monotonic()
        window = self._global_window
        chat_window: _RateWindow | None = None
        if self._chat_limit:
            chat_window = self._chat_windows.get(chat.id)
            if chat_window is None:
                chat_window = self._chat_windows[chat.id] = _RateWindow(self._chat_limit)
        if (window is not None and window.full(now)) or (
            chat_window is not None and chat_window.full(now)
        ):
            raise ApiError.too_many(self._retry_after)
        if window is not None:
            window.stamps.append(now)
        if chat_window is not None:
            chat_window.stamps.append(now)

    # -------------------------------------------------------------------------------- webhook

    async def post_webhook(
        self, url: str, update: JSON, secret_token: str | None = None, timeout: float = 10.0
    ) -> int:
        """POST an update to a webhook like Telegram does; returns the HTTP status."""
        if self._session is None:
            raise RuntimeError("start() the emulator first")
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret_token} if secret_token else {}
        async with self._session.post(
            url, json=update, headers=headers, timeout=aiohttp.ClientTimeout(total=timeout)
        ) as response:
            await response.read()
            return response.status

    async def _webhook_loop(self) -> None:
        if self.webhook_connections > 1:
            await self._webhook_parallel()
            return
        while self._webhook.get("url") and not self._stopping:
            update = next((u for u in self._updates if self._allowed(u)), None)
            if update is None:
                # confirm unwanted updates and wait for new ones
                while self._updates and not self._allowed(self._updates[0]):
                    self._updates.popleft()
                signal = self._update_signal
                await signal.wait()
                continue
            if await self._attempt(update):
                with_id = update["update_id"]
                while self._updates and self._updates[0]["update_id"] <= with_id:
                    self._updates.popleft()
                self._notify()

    async def _webhook_parallel(self) -> None:
        """Up to ``webhook_connections`` updates in flight; each is dropped once accepted and
        posted again after a refusal."""
        in_flight: dict[int, asyncio.Task[None]] = {}
        while self._webhook.get("url") and not self._stopping:
            while self._updates and not self._allowed(self._updates[0]):
                self._updates.popleft()
            limit = min(self.webhook_connections, int(self._webhook.get("max_connections", 40)))
            for update in [u for u in self._updates if self._allowed(u)]:
                if len(in_flight) >= limit:
                    break
                if update["update_id"] not in in_flight:
                    task = asyncio.create_task(self._post_one(update))
                    in_flight[update["update_id"]] = task
            signal = asyncio.ensure_future(self._update_signal.wait())
            waiting = [*in_flight.values(), signal]
            await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
            signal.cancel()
            for update_id in [i for i, t in in_flight.items() if t.done()]:
                del in_flight[update_id]
        for task in in_flight.values():
            task.cancel()

    async def _post_one(self, update: JSON) -> None:
        if await self._attempt(update):
            with contextlib.suppress(ValueError):
                self._updates.remove(update)
            self._notify()

    async def _attempt(self, update: JSON) -> bool:
        """One delivery as Telegram makes it: counted, and a refusal recorded for
        getWebhookInfo and followed by the retry delay. True when the bot accepted it."""
        try:
            status = await self.post_webhook(
                self._webhook["url"], update, self._webhook.get("secret_token")
            )
        except (aiohttp.ClientError, TimeoutError) as exc:
            status, error = 0, f"{type(exc).__name__}: {exc}"
        else:
            error = f"Wrong response from the webhook: {status}"
        if 200 <= status < 300:
            self.stats["webhook_delivered"] += 1
            return True
        self._webhook["last_error_date"] = _now()
        self._webhook["last_error_message"] = error
        self.stats["webhook_failed"] += 1
        await asyncio.sleep(self.webhook_retry_delay)
        return False

    def _allowed(self, update: JSON) -> bool:
        kind = next(k for k in update if k != "update_id")
        if self._allowed_updates:
            return kind in self._allowed_updates
        return kind not in OPT_IN_UPDATES

    # ------------------------------------------------------------------------- HTTP plumbing

    async def _read_params(self, request: web.Request) -> tuple[JSON, dict[str, UploadedFile]]:
        params: JSON = {key: _decode(key, value) for key, value in request.query.items()}
        files: dict[str, UploadedFile] = {}
        if request.method != "POST" or not request.body_exists:
            return params, files
        ctype = request.content_type
        if ctype == "multipart/form-data":
            reader = await request.multipart()
            while True:
                part = await reader.next()
                if part is None:
                    break
                if not isinstance(part, aiohttp.BodyPartReader) or part.name is None:
                    continue
                if part.filename is not None:
                    data = await part.read(decode=True)
                    mime = part.headers.get(hdrs.CONTENT_TYPE)
                    files[part.name] = UploadedFile(part.filename, bytes(data), mime)
                else:
                    params[part.name] = _decode(part.name, await part.text())
        elif ctype == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                params.update(body)
        else:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, str):
                    params[key] = _decode(key, value)
        return params, files

    @staticmethod
    def _json_response(body: JSON, status: int = 200) -> web.Response:
        return web.Response(
            body=json.dumps(body, ensure_ascii=False).encode(),
            status=status,
            content_type="application/json",
        )

    def _record(self, call: Call) -> None:
        if call.method.lower() != "getupdates":
            self._activity += 1
        if self.record_calls:
            self.calls.append(call)
        if call.method.lower() == "answercallbackquery" and call.ok:
            self.callback_answers.append(call)
        if call.status != 200:
            self.stats["timeout" if call.status == 0 else str(call.status)] += 1
        self._notify()

    async def _hold(self, seconds: float) -> None:
        if self._stop_event is None:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop_event.wait(), seconds)

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return self._json_response(ApiError(401).body(), 401)
        method = request.match_info["method"]
        key = method.lower()
        if key == "getupdates":
            return await self._answer(request, method, key)
        self._in_flight += 1
        try:
            return await self._answer(request, method, key)
        finally:
            self._in_flight -= 1

    async def _answer(self, request: web.Request, method: str, key: str) -> web.StreamResponse:
        params, files = await self._read_params(request)
        self.stats["requests"] += 1
        fault = self._take_fault(key, params.get("chat_id"))
        handler = self._methods.get(key)
        if fault is not None and fault.kind in ("timeout", "drop"):
            if fault.apply and handler is not None:
                with contextlib.suppress(ApiError):
                    await handler(params, files)
            self._record(Call(method, params, files, time.time(), 0, None))
            if fault.kind == "timeout":
                await self._hold(self.timeout_delay if fault.hold is None else fault.hold)
            if request.transport is not None:
                request.transport.close()
            return web.Response(status=504)
        try:
            if fault is not None:
                code = int(fault.kind)
                if code == 429:
                    raise ApiError.too_many(fault.retry_after)
                raise ApiError(code, fault.description)
            if handler is None:
                raise ApiError(404)
            body: JSON = {"ok": True, "result": await handler(params, files)}
            status = 200
        except ApiError as exc:
            body, status = exc.body(), exc.code
        if key == "getupdates" and (request.transport is None or request.transport.is_closing()):
            # A long poll the client abandoned (PTB cancels it on stop): nobody saw the answer.
            return web.Response(status=status)
        self._record(Call(method, params, files, time.time(), status, body))
        return self._json_response(body, status)

    async def _handle_download(self, request: web.Request) -> web.StreamResponse:
        stored = self._files_by_path.get(request.match_info["path"])
        if request.match_info["token"] != self.token or stored is None:
            return self._json_response(ApiError(404).body(), 404)
        return web.Response(body=stored.data, content_type="application/octet-stream")

    # ------------------------------------------------------------------------ method helpers

    def _resolve_chat(self, value: Any) -> _Chat:
        if value is None or value == "":
            raise ApiError.bad("chat_id is empty")
        if isinstance(value, str) and value.startswith("@"):
            name = value[1:].lower()
            for chat in self._chats.values():
                if str(chat.info.get("username", "")).lower() == name:
                    return chat
            raise ApiError.bad("chat not found")
        try:
            chat_id = int(value)
        except (TypeError, ValueError):
            raise ApiError.bad("chat not found") from None
        found = self._chats.get(chat_id)
        if found is None:
            raise ApiError.bad("chat not found")
        return found

    def _format(
        self, p: JSON, text_key: str, parse_key: str, entities_key: str
    ) -> tuple[str, list[Entity]]:
        source = p.get(text_key)
        source = "" if source is None else str(source)
        explicit = p.get(entities_key)
        try:
            return format_text(
                source, p.get(parse_key), explicit if isinstance(explicit, list) else None
            )
        except ParseError as exc:
            raise ApiError.bad(f"can't parse entities: {exc}") from None
        except ValueError:
            raise ApiError.bad("unsupported parse_mode") from None

    def _caption(self, p: JSON) -> JSON:
        if p.get("caption") in (None, ""):
            return {}
        text, entities = self._format(p, "caption", "parse_mode", "caption_entities")
        if utf16_len(text) > CAPTION_LIMIT:
            raise ApiError.bad("message caption is too long")
        content: JSON = {"caption": text} if text else {}
        if entities:
            content["caption_entities"] = entities
        if p.get("show_caption_above_media"):
            content["show_caption_above_media"] = True
        return content

    @staticmethod
    def _add_user_caption(content: JSON, caption: str | None) -> None:
        if caption:
            content["caption"] = caption
            found = auto_entities(caption)
            if found:
                content["caption_entities"] = found

    @staticmethod
    def _apply_keyboard(chat: _Chat, p: JSON) -> None:
        """A ReplyKeyboardMarkup / ReplyKeyboardRemove changes what the person sees."""
        markup = p.get("reply_markup")
        if isinstance(markup, dict):
            if "keyboard" in markup:
                chat.keyboard = markup
            elif markup.get("remove_keyboard"):
                chat.keyboard = None

    def _reply_target(self, chat: _Chat, p: JSON) -> JSON | None:
        params = p.get("reply_parameters")
        if isinstance(params, dict):
            message_id = params.get("message_id")
            allow = bool(params.get("allow_sending_without_reply"))
            source_chat = chat
            if params.get("chat_id") not in (None, chat.id):
                source_chat = self._resolve_chat(params.get("chat_id"))
        elif p.get("reply_to_message_id") is not None:
            message_id = p.get("reply_to_message_id")
            allow = bool(p.get("allow_sending_without_reply"))
            source_chat = chat
        else:
            return None
        target = source_chat.messages.get(_as_int(message_id, "message_id"))
        if target is None:
            if allow:
                return None
            raise ApiError.bad("message to be replied not found")
        return _strip_reply(target)

    def _thread(self, chat: _Chat, p: JSON) -> JSON:
        thread = p.get("message_thread_id")
        if thread in (None, "", 0):
            return {}
        thread_id = _as_int(thread, "message_thread_id")
        if chat.info.get("is_forum"):
            if thread_id not in chat.topics:
                raise ApiError.bad("message thread not found")
            extra: JSON = {"message_thread_id": thread_id, "is_topic_message": True}
            start = chat.messages.get(thread_id)
            if start is not None:
                extra["reply_to_message"] = _strip_reply(start)
            return extra
        return {"message_thread_id": thread_id}

    def _deliver(self, chat: _Chat, content: JSON, p: JSON, *, markup: JSON | None) -> JSON:
        """Store a bot message (everything validated) and return it."""
        message: JSON = {
            "message_id": chat.next_message_id,
            "from": self.bot_user,
            "chat": chat.info,
            "date": _now(),
        }
        chat.next_message_id += 1
        message.update(self._thread(chat, p))
        reply = self._reply_target(chat, p)
        if reply is not None:
            message["reply_to_message"] = reply
        message.update(content)
        if markup is not None:
            message["reply_markup"] = markup
        if p.get("protect_content"):
            message["has_protected_content"] = True
        chat.messages[message["message_id"]] = message
        chat.bot_messages.append(message)
        self._sent_per_chat[chat.id] += 1
        wall = time.time()
        if self._first_reply_at is None:
            self._first_reply_at = wall
        self._last_reply_at = wall
        if chat.inject_times:
            self._latencies.append(time.monotonic() - chat.inject_times.popleft())
        return message

    def _prepare_send(self, chat: _Chat, p: JSON, method: str) -> JSON | None:
        """Validate everything about a send that can fail; returns the inline keyboard."""
        markup = self._inline_markup(p)
        self._thread(chat, p)
        self._reply_target(chat, p)
        self._admit(chat, method)
        return markup

    @staticmethod
    def _inline_markup(p: JSON) -> JSON | None:
        """The validated inline keyboard of a request (the only markup kept on a Message)."""
        markup = p.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            _validate_inline_keyboard(markup)
            return markup
        if markup not in (None, "") and not isinstance(markup, dict):
            raise ApiError.bad("can't parse reply keyboard markup JSON object")
        return None

    def _register_file(
        self, kind: str, data: bytes, filename: str | None, mime: str | None
    ) -> _StoredFile:
        n = next(self._file_counter)
        folder, default_mime, default_ext = MEDIA_KINDS[kind]
        suffix = PurePosixPath(filename).suffix if filename else ""
        stored = _StoredFile(
            file_id=f"emu-{kind}-{n:05d}-{zlib.crc32(data) & 0xFFFF:04x}",
            file_unique_id=f"emuU{n:05d}",
            kind=kind,
            data=data,
            filename=filename,
            mime=mime or (mimetypes.guess_type(filename)[0] if filename else None) or default_mime,
            file_path=f"{folder}/file_{n}{suffix or default_ext}",
        )
        self._files[stored.file_id] = stored
        self._files_by_path[stored.file_path] = stored
        if kind == "photo":
            thumb = _StoredFile(
                file_id=f"emu-photo-{n:05d}-s",
                file_unique_id=f"emuU{n:05d}s",
                kind="photo",
                data=data,
                filename=filename,
                mime=stored.mime,
                file_path=f"{folder}/file_{n}_s{suffix or default_ext}",
            )
            sizes = [
                self._base_file(thumb) | {"width": 90, "height": 68},
                self._base_file(stored) | {"width": 1280, "height": 960},
            ]
            thumb.photo_sizes = stored.photo_sizes = sizes
            self._files[thumb.file_id] = thumb
            self._files_by_path[thumb.file_path] = thumb
        return stored

    @staticmethod
    def _base_file(stored: _StoredFile) -> JSON:
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
        }

    def _media_object(self, stored: _StoredFile, p: Mapping[str, Any]) -> Any:
        base = self._base_file(stored)
        kind = stored.kind
        if kind == "photo":
            return list(stored.photo_sizes or [base | {"width": 1280, "height": 960}])
        if kind == "sticker":
            return base | {
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "emoji": p.get("emoji") or "👍",
            }
        if kind in ("video", "animation"):
            base |= {
                "width": int(p.get("width") or 640),
                "height": int(p.get("height") or 480),
                "duration": int(p.get("duration") or 1),
            }
        elif kind in ("audio", "voice"):
            base["duration"] = int(p.get("duration") or 1)
            for key in ("performer", "title") if kind == "audio" else ():
                if p.get(key):
                    base[key] = p[key]
        elif kind == "video_note":
            base |= {"length": int(p.get("length") or 240), "duration": int(p.get("duration") or 1)}
        if kind in ("document", "audio", "video", "animation") and stored.filename:
            base["file_name"] = stored.filename
        if kind != "video_note" and stored.mime:
            base["mime_type"] = stored.mime
        return base

    def _input_file(self, kind: str, p: JSON, files: dict[str, UploadedFile]) -> _StoredFile:
        value = p.get(kind)
        upload = files.get(kind)
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value.removeprefix("attach://"))
        if upload is not None:
            return self._register_file(kind, upload.data, upload.filename, upload.mime)
        if value in (None, ""):
            raise ApiError.bad(f"there is no {kind} in the request")
        text = str(value)
        known = self._files.get(text)
        if known is not None:
            if known.kind != kind:
                raise ApiError.bad(
                    f"can't use file of type {known.kind.title()} as {kind.replace('_', ' ')}"
                )
            return known
        if text.startswith(("http://", "https://")):
            name = PurePosixPath(text.split("?", 1)[0]).name or None
            return self._register_file(kind, b"", name, None)
        raise ApiError.bad("wrong file identifier/HTTP URL specified")

    def _editable(self, p: JSON) -> tuple[_Chat, JSON]:
        if p.get("inline_message_id"):
            raise ApiError.bad("MESSAGE_ID_INVALID")
        chat = self._resolve_chat(p.get("chat_id"))
        message = chat.messages.get(_as_int(p.get("message_id"), "message_id"))
        if message is None:
            raise ApiError.bad("message to edit not found")
        if message.get("from", {}).get("id") != self.bot_id:
            raise ApiError.bad("message can't be edited")
        return chat, message

    def _replace(self, chat: _Chat, old: JSON, changes: JSON, markup: JSON | None) -> JSON:
        new = {k: v for k, v in old.items() if k not in changes and k != "reply_markup"}
        new.update({k: v for k, v in changes.items() if v is not None})
        if markup is not None:
            new["reply_markup"] = markup
        comparable = ("text", "entities", "caption", "caption_entities", "reply_markup")
        if all(old.get(k) == new.get(k) for k in comparable):
            raise ApiError.bad(NOT_MODIFIED)
        new["edit_date"] = _now()
        chat.messages[int(old["message_id"])] = new
        return new

    @staticmethod
    def _scope_key(scope: Any, language_code: Any) -> tuple[str, str]:
        scope = scope if isinstance(scope, dict) and scope else {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(language_code or "")

    def _member_object(self, user: JSON, status: str) -> JSON:
        member: JSON = {"status": status, "user": user}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member |= dict.fromkeys(
                (
                    "can_be_edited", "is_anonymous", "can_post_stories", "can_edit_stories",
                    "can_delete_stories", "can_promote_members",
                ),
                False,
            ) | dict.fromkeys(
                (
                    "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
                    "can_restrict_members", "can_change_info", "can_invite_users",
                    "can_pin_messages", "can_manage_topics",
                ),
                True,
            )  # fmt: skip
        elif status == "restricted":
            member |= {"is_member": True, "until_date": 0} | dict.fromkeys(
                (
                    "can_change_info", "can_invite_users", "can_pin_messages",
                    "can_send_messages", "can_send_polls", "can_send_other_messages",
                    "can_add_web_page_previews", "can_manage_topics", "can_send_audios",
                    "can_send_documents", "can_send_photos", "can_send_videos",
                    "can_send_video_notes", "can_send_voice_notes", "can_edit_tag",
                ),
                False,
            )  # fmt: skip
        elif status == "kicked":
            member["until_date"] = 0
        return member

    # ------------------------------------------------------------------------ Bot API methods
    # Each ``_m_<lowercased method>`` takes (params, files) and returns the ``result``.

    async def _m_getme(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        return self.bot_user | {
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _m_getupdates(self, p: JSON, files: dict[str, UploadedFile]) -> list[JSON]:
        if self._webhook.get("url"):
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(p.get("offset") or 0)
        limit = min(max(int(p.get("limit") or 100), 1), 100)
        timeout = max(float(p.get("timeout") or 0), 0.0)
        allowed = p.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) or None
        if offset > 0:
            while self._updates and self._updates[0]["update_id"] < offset:
                self._updates.popleft()
        elif offset < 0:
            while len(self._updates) > -offset:
                self._updates.popleft()
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake_pollers()  # an older long poll gets 409, as on Telegram
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if generation != self._poll_generation:
                raise ApiError(409)
            batch = list(itertools.islice((u for u in self._updates if self._allowed(u)), limit))
            remaining = deadline - loop.time()
            if batch or self._stopping or remaining <= 0:
                self.stats["updates_delivered"] += len(batch)
                return batch
            signal = self._update_signal
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(signal.wait(), remaining)

    async def _m_setwebhook(self, p: JSON, files: dict[str, UploadedFile]) -> bool:
        url = str(p.get("url") or "")
        if not url:
            return await self._m_deletewebhook(p, files)
        if not url.startswith(("http://", "https://")):
            raise ApiError.bad("bad webhook: Failed to resolve host: Name or service not known")
        secret = p.get("secret_token")
        if secret is not None and not _SECRET.fullmatch(str(secret)):
            raise ApiError.bad("secret token contains unallowed characters")
        if p.get("drop_pending_updates"):
            self._updates.clear()
        allowed = p.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) or None
        self._webhook = {
            "url": url,
            "secret_token": str(secret) if secret else None,
            "max_connections": int(p.get("max_connections") or 40),
            "has_custom_certificate": "certificate" in files,
        }
        if p.get("ip_address"):
            self._webhook["ip_address"] = p["ip_address"]
        self._poll_generation += 1
        self._wake_pollers()
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.create_task(self._webhook_loop())
        return True

    async def _m_deletewebhook(self, p: JSON, files: dict[str, UploadedFile]) -> bool:
        self._webhook = {}
        if p.get("drop_pending_updates"):
            self._updates.clear()
        self._wake_pollers()
        return True

    async def _m_getwebhookinfo(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        info: JSON = {
            "url": self._webhook.get("url", ""),
            "has_custom_certificate": bool(self._webhook.get("has_custom_certificate")),
            "pending_update_count": len(self._updates),
        }
        if info["url"]:
            for key in ("max_connections", "ip_address", "last_error_date", "last_error_message"):
                if self._webhook.get(key) is not None:
                    info[key] = self._webhook[key]
            if self._allowed_updates:
                info["allowed_updates"] = sorted(self._allowed_updates)
        return info

    async def _m_setmycommands(self, p: JSON, files: dict[str, UploadedFile]) -> bool:
        commands = p.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError.bad("BOT_COMMANDS_TOO_MUCH" if commands else "commands is empty")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND.fullmatch(
                str(command.get("command", ""))
            ):
                raise ApiError.bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError.bad("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._scope_key(p.get("scope"), p.get("language_code"))
        self._commands[key] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    async def _m_getmycommands(self, p: JSON, files: dict[str, UploadedFile]) -> list[JSON]:
        return self.commands(p.get("scope"), str(p.get("language_code") or ""))

    async def _m_deletemycommands(self, p: JSON, files: dict[str, UploadedFile]) -> bool:
        self._commands.pop(self._scope_key(p.get("scope"), p.get("language_code")), None)
        return True

    async def _m_sendmessage(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        chat = self._resolve_chat(p.get("chat_id"))
        text, entities = self._format(p, "text", "parse_mode", "entities")
        if not text:
            raise ApiError.bad("message text is empty")
        if utf16_len(text) > TEXT_LIMIT:
            raise ApiError.bad("message is too long")
        inline = self._prepare_send(chat, p, "sendmessage")
        self._apply_keyboard(chat, p)
        content: JSON = {"text": text}
        if entities:
            content["entities"] = entities
        if isinstance(p.get("link_preview_options"), dict):
            content["link_preview_options"] = p["link_preview_options"]
        message = self._deliver(chat, content, p, markup=inline)
        self._send_message_per_chat[chat.id] += 1
        return message

    async def _send_media(self, kind: str, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        chat = self._resolve_chat(p.get("chat_id"))
        caption = self._caption(p) if kind not in ("sticker", "video_note") else {}
        inline = self._prepare_send(chat, p, f"send{kind.replace('_', '')}")
        stored = self._input_file(kind, p, files)
        self._apply_keyboard(chat, p)
        content: JSON = {kind: self._media_object(stored, p), **caption}
        if p.get("has_spoiler"):
            content["has_media_spoiler"] = True
        return self._deliver(chat, content, p, markup=inline)

    async def _m_sendphoto(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        return await self._send_media("photo", p, files)

    async def _m_senddocument(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        return await self._send_media("document", p, files)

    async def _m_sendaudio(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        return await self._send_media("audio", p, files)

    async def _m_sendvideo(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        return await self._send_media("video", p, files)

    async def _m_sendanimation(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        return await self._send_media("animation", p, files)

    async def _m_sendvoice(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        return await self._send_media("voice", p, files)

    async def _m_sendvideonote(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        return await self._send_media("video_note", p, files)

    async def _m_sendsticker(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        return await self._send_media("sticker", p, files)

    async def _m_sendlocation(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        latitude = _as_float(p.get("latitude"), "latitude")
        longitude = _as_float(p.get("longitude"), "longitude")
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ApiError.bad("wrong location specified")
        chat = self._resolve_chat(p.get("chat_id"))
        inline = self._prepare_send(chat, p, "sendlocation")
        self._apply_keyboard(chat, p)
        location: JSON = {"latitude": latitude, "longitude": longitude}
        for key in ("horizontal_accuracy", "live_period", "heading", "proximity_alert_radius"):
            if p.get(key) is not None:
                location[key] = p[key]
        return self._deliver(chat, {"location": location}, p, markup=inline)

    async def _m_sendchataction(self, p: JSON, files: dict[str, UploadedFile]) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        if p.get("action") not in CHAT_ACTIONS:
            raise ApiError.bad("wrong parameter action in request")
        self._admit(chat, "sendchataction")
        return True

    def _source_message(self, p: JSON, verb: str, past: str) -> JSON:
        source_chat = self._resolve_chat(p.get("from_chat_id"))
        message = source_chat.messages.get(_as_int(p.get("message_id"), "message_id"))
        if message is None:
            raise ApiError.bad(f"message to {verb} not found")
        if not any(key in message for key in CONTENT_KEYS):
            raise ApiError.bad(f"message can't be {past}")
        return message

    async def _m_copymessage(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        source = self._source_message(p, "copy", "copied")
        content = {k: source[k] for k in CONTENT_KEYS if k in source}
        if "caption" in p and any(k in source for k in MEDIA_KINDS):
            content.pop("caption", None)
            content.pop("caption_entities", None)
            content.update(self._caption(p))
        chat = self._resolve_chat(p.get("chat_id"))
        inline = self._prepare_send(chat, p, "copymessage")
        self._apply_keyboard(chat, p)
        message = self._deliver(chat, content, p, markup=inline)
        return {"message_id": message["message_id"]}

    async def _m_forwardmessage(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        source = self._source_message(p, "forward", "forwarded")
        content = {k: source[k] for k in CONTENT_KEYS if k in source}
        origin_chat = source["chat"]
        if origin_chat["type"] == "channel":
            origin: JSON = {
                "type": "channel",
                "chat": origin_chat,
                "message_id": source["message_id"],
                "date": source["date"],
            }
        else:
            origin = {"type": "user", "sender_user": source["from"], "date": source["date"]}
        content["forward_origin"] = origin
        chat = self._resolve_chat(p.get("chat_id"))
        self._prepare_send(chat, p, "forwardmessage")
        return self._deliver(chat, content, p, markup=None)

    async def _m_editmessagetext(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        chat, old = self._editable(p)
        if "text" not in old:
            raise ApiError.bad("there is no text in the message to edit")
        text, entities = self._format(p, "text", "parse_mode", "entities")
        if not text:
            raise ApiError.bad("message text is empty")
        if utf16_len(text) > TEXT_LIMIT:
            raise ApiError.bad("message is too long")
        markup = self._inline_markup(p)
        self._admit(chat, "editmessagetext")
        changes: JSON = {"text": text, "entities": entities or None}
        if isinstance(p.get("link_preview_options"), dict):
            changes["link_preview_options"] = p["link_preview_options"]
        return self._replace(chat, old, changes, markup)

    async def _m_editmessagecaption(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        chat, old = self._editable(p)
        if not any(kind in old for kind in MEDIA_KINDS):
            raise ApiError.bad("there is no caption in the message to edit")
        caption = self._caption(p)
        markup = self._inline_markup(p)
        self._admit(chat, "editmessagecaption")
        changes: JSON = {
            "caption": caption.get("caption"),
            "caption_entities": caption.get("caption_entities"),
        }
        return self._replace(chat, old, changes, markup)

    async def _m_editmessagereplymarkup(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        chat, old = self._editable(p)
        markup = self._inline_markup(p)
        self._admit(chat, "editmessagereplymarkup")
        return self._replace(chat, old, {}, markup)

    def _can_delete(self, chat: _Chat, message: JSON) -> bool:
        if message.get("from", {}).get("id") == self.bot_id or chat.type == "private":
            return True
        return chat.members.get(self.bot_id) in ("administrator", "creator")

    async def _m_deletemessage(self, p: JSON, files: dict[str, UploadedFile]) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        message_id = _as_int(p.get("message_id"), "message_id")
        message = chat.messages.get(message_id)
        if message is None:
            raise ApiError.bad("message to delete not found")
        if not self._can_delete(chat, message):
            raise ApiError.bad("message can't be deleted")
        self._admit_kicked(chat)
        del chat.messages[message_id]
        return True

    async def _m_deletemessages(self, p: JSON, files: dict[str, UploadedFile]) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        ids = p.get("message_ids")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise ApiError.bad("message_ids is empty")
        self._admit_kicked(chat)
        for message_id in ids:
            message = chat.messages.get(int(message_id))
            if message is not None and self._can_delete(chat, message):
                del chat.messages[int(message_id)]
        return True

    async def _m_answercallbackquery(self, p: JSON, files: dict[str, UploadedFile]) -> bool:
        query_id = str(p.get("callback_query_id") or "")
        if self._open_queries.get(query_id) is not False:
            raise ApiError.bad(
                "query is too old and response timeout expired or query ID is invalid"
            )
        if len(str(p.get("text") or "")) > 200:
            raise ApiError.bad("MESSAGE_TOO_LONG")
        self._open_queries[query_id] = True
        return True

    async def _m_getfile(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        stored = self._files.get(str(p.get("file_id") or ""))
        if stored is None:
            raise ApiError.bad("invalid file_id")
        if len(stored.data) > GETFILE_LIMIT:
            raise ApiError.bad("file is too big")
        return self._base_file(stored) | {"file_path": stored.file_path}

    async def _m_getchat(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        chat = self._resolve_chat(p.get("chat_id"))
        full: JSON = dict(chat.info) | {
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }
        return full

    async def _m_getchatmember(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        chat = self._resolve_chat(p.get("chat_id"))
        user_id = _as_int(p.get("user_id"), "user_id")
        if user_id == self.bot_id:
            user = self.bot_user
            default = "left" if chat.kicked else "member"
        else:
            found = self._users.get(user_id)
            if found is None:
                raise ApiError.bad("user not found")
            user = found
            if chat.type == "private":
                default = "member" if user_id == chat.id else "left"
            else:
                default = "left"
        return self._member_object(user, chat.members.get(user_id, default))

    async def _m_createforumtopic(self, p: JSON, files: dict[str, UploadedFile]) -> JSON:
        chat = self._resolve_chat(p.get("chat_id"))
        if not chat.info.get("is_forum"):
            raise ApiError.bad("the chat is not a forum")
        name = str(p.get("name") or "")
        if not 1 <= len(name) <= 128:
            raise ApiError.bad("TOPIC_TITLE_EMPTY" if not name else "TOPIC_TITLE_TOO_LONG")
        self._admit(chat, "createforumtopic")
        icon_color = int(p.get("icon_color") or 7322096)
        thread_id = chat.next_message_id
        chat.next_message_id += 1
        created: JSON = {"name": name, "icon_color": icon_color}
        if p.get("icon_custom_emoji_id"):
            created["icon_custom_emoji_id"] = p["icon_custom_emoji_id"]
        chat.messages[thread_id] = {
            "message_id": thread_id,
            "from": self.bot_user,
            "chat": chat.info,
            "date": _now(),
            "message_thread_id": thread_id,
            "is_topic_message": True,
            "forum_topic_created": created,
        }
        topic = {"message_thread_id": thread_id, **created}
        chat.topics[thread_id] = topic
        return topic

    async def _m_logout(self, p: JSON, files: dict[str, UploadedFile]) -> bool:
        return True

    async def _m_close(self, p: JSON, files: dict[str, UploadedFile]) -> bool:
        return True

    async def _store_setting(self, name: str, p: JSON) -> bool:
        self.bot_settings[name] = p
        return True

    async def _m_setmydescription(self, p: JSON, files: dict[str, UploadedFile]) -> bool:
        return await self._store_setting("description", p)

    async def _m_setmyshortdescription(self, p: JSON, files: dict[str, UploadedFile]) -> bool:
        return await self._store_setting("short_description", p)

    async def _m_setmyname(self, p: JSON, files: dict[str, UploadedFile]) -> bool:
        return await self._store_setting("name", p)

    async def _m_setchatmenubutton(self, p: JSON, files: dict[str, UploadedFile]) -> bool:
        return await self._store_setting("menu_button", p)

    # -------------------------------------------------------------------- control endpoints

    def inject_texts(self, items: Iterable[Mapping[str, Any]]) -> list[int]:
        """Bulk-inject text messages: ``user_id``, ``text``, optional ``first_name``/``chat_id``."""
        ids = []
        for item in items:
            message = self._user_message(
                int(item["user_id"]),
                self._text_content(str(item["text"])),
                chat_id=item.get("chat_id"),
                first_name=item.get("first_name"),
                wake=False,
            )
            ids.append(int(message["message_id"]))
        self._wake_pollers()
        self._notify()
        return ids

    @staticmethod
    def _text_content(text: str) -> JSON:
        content: JSON = {"text": text}
        found = auto_entities(text)
        if found:
            content["entities"] = found
        return content

    def control_stats(self, raw: bool = False) -> JSON:
        """Throughput numbers for the benchmark (also served at ``GET /_control/stats``)."""
        latencies = sorted(self._latencies)

        def pct(q: float) -> float | None:
            if not latencies:
                return None
            return latencies[min(len(latencies) - 1, int(q * len(latencies)))]

        unmatched = sum(len(chat.inject_times) for chat in self._chats.values())
        by_method = Counter(call.method for call in self.calls)
        stats: JSON = {
            "send_message_per_chat": {str(k): v for k, v in self._send_message_per_chat.items()},
            "send_message_total": sum(self._send_message_per_chat.values()),
            "bot_messages_total": sum(self._sent_per_chat.values()),
            "429": self.stats["429"],
            "403": self.stats["403"],
            "errors": {k: v for k, v in self.stats.items() if k.isdigit() or k == "timeout"},
            "counters": dict(self.stats),
            "calls_by_method": dict(by_method),
            "pending_updates": len(self._updates),
            "first_inject_at": self._first_inject_at,
            "first_reply_at": self._first_reply_at,
            "last_reply_at": self._last_reply_at,
            "latency": {
                "count": len(latencies),
                "unmatched_injects": unmatched,
                "min": latencies[0] if latencies else None,
                "mean": sum(latencies) / len(latencies) if latencies else None,
                "p50": pct(0.5),
                "p90": pct(0.9),
                "p95": pct(0.95),
                "p99": pct(0.99),
                "max": latencies[-1] if latencies else None,
            },
        }
        if raw:
            stats["latencies"] = self._latencies
        return stats

    def reset_stats(self) -> None:
        self.calls.clear()
        self.callback_answers.clear()
        self.stats.clear()
        self._sent_per_chat.clear()
        self._send_message_per_chat.clear()
        self._activity = 0
        self._latencies.clear()
        self._first_inject_at = self._first_reply_at = self._last_reply_at = None
        for chat in self._chats.values():
            chat.inject_times.clear()

    async def _control_inject(self, request: web.Request) -> web.Response:
        body = await request.json()
        items = body.get("messages", []) if isinstance(body, dict) else body
        first = self._next_update_id
        ids = self.inject_texts(items)
        return self._json_response(
            {"ok": True, "count": len(ids), "first_update_id": first,
             "last_update_id": self._next_update_id - 1}
        )  # fmt: skip

    async def _control_stats(self, request: web.Request) -> web.Response:
        raw = request.query.get("raw", "") not in ("", "0", "false")
        return self._json_response(self.control_stats(raw=raw))

    async def _control_reset(self, request: web.Request) -> web.Response:
        self.reset_stats()
        return self._json_response({"ok": True})

    async def _control_config(self, request: web.Request) -> web.Response:
        body = await request.json()
        if "global_rate" in body or "chat_rate" in body or "retry_after" in body:
            self.rate_limits(
                body.get("global_rate"), body.get("chat_rate"), int(body.get("retry_after", 1))
            )
        if "blocked_fraction" in body:
            self.blocked_fraction = float(body["blocked_fraction"])
            self._fraction_cache.clear()
        if "record_calls" in body:
            self.record_calls = bool(body["record_calls"])
        return self._json_response({"ok": True})

    async def _control_chat(self, request: web.Request) -> web.Response:
        chat_id = int(request.match_info["chat_id"])
        return self._json_response({"ok": True, "messages": self.chat(chat_id)})

    async def _control_fault(self, request: web.Request) -> web.Response:
        body = await request.json()
        if body.get("clear"):
            self.clear_faults()
        if "method" in body:
            self.fail_next(
                str(body["method"]), str(body["error"]), int(body.get("times", 1)),
                retry_after=int(body.get("retry_after", 3)), description=body.get("description"),
                apply=bool(body.get("apply", False)), hold=body.get("hold"),
                chat_id=body.get("chat_id"),
            )  # fmt: skip
        return self._json_response({"ok": True})

    async def _control_users(self, request: web.Request) -> web.Response:
        body = await request.json()
        for user_id in body.get("users", []):
            self.add_user(int(user_id))
        return self._json_response({"ok": True})

    async def _control_group(self, request: web.Request) -> web.Response:
        body = await request.json()
        info = self.create_group(int(body["chat_id"]), body.get("title"))
        return self._json_response({"ok": True, "chat": info})
