"""The JSON API the page's script uses; each handler only turns HTTP into a WebChat call.

POST /api/chat/sessions                 -> 201 {"session", "expires_at", "poll_seconds"}
POST /api/chat/messages                 {"session", "text"} or {"session", "action"[, "location"]}
                                        -> {"replies": [{"kind", "text", "first", "buttons",
                                            "sources", "image"?, "file"?}]}
POST /api/chat/updates                  {"session", "after"} -> {"replies", "after"}
POST /api/chat/feedback/lookup          {"reference", "key"} -> {"reference", "status", "replies"}
"""

from __future__ import annotations

import functools
import json
import math
from typing import Any

from aiohttp import web

from bot.conversation.said import Said
from bot.feedback.catalogue import status_label
from bot.web.context import address, chat_of
from bot.web.errors import NOT_JSON, SESSION_ENDED, ApiError, malformed, too_fast, too_large
from bot.web.render import said_json
from bot.web.sessions import SessionView

ACTION_LIMIT = 100
dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
NOT_FOUND = ApiError(
    404, "not_found", "No feedback matches that reference and key. Please check both and try again."
)


async def read_body(request: web.Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it passes ``limit`` bytes (never read whole)."""
    if request.content_length is not None and request.content_length > limit:
        raise too_large(limit)
    data = bytearray()
    while chunk := await request.content.read(limit + 1 - len(data)):
        data += chunk
        if len(data) > limit:
            raise too_large(limit)
    return bytes(data)


async def read_json(request: web.Request) -> dict[str, Any]:
    limit = chat_of(request).config.max_body_bytes
    if request.content_type != "application/json":
        raise NOT_JSON
    raw = await read_body(request, limit)
    try:
        data = json.loads(raw or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise malformed("The body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise malformed("The body must be a JSON object.")
    return data


def _string(data: dict[str, Any], name: str, limit: int, required: bool = True) -> str | None:
    value = data.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value):
        raise malformed(f"“{name}” must be a non-empty string.")
    if len(value) > limit:
        raise ApiError(400, f"{name}_too_long", f"“{name}” is too long (the limit is {limit:,}).")
    return value


def check(window_hit: float | None) -> None:
    """Refuse with 429 when a rate limit's window is full."""
    if window_hit is not None:
        raise too_fast(window_hit)


TOO_FAST = too_fast(0).message


async def _session(request: web.Request, data: dict[str, Any]) -> SessionView:
    chat = chat_of(request)
    token = _string(data, "session", 64)
    assert token is not None
    view = await chat.sessions.find(token)
    if view is None:
        raise SESSION_ENDED
    check(chat.limits.per_session.hit(str(view.id)))
    return view


def _location(data: dict[str, Any]) -> tuple[float, float] | None:
    raw = data.get("location")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise malformed("“location” must be an object with latitude and longitude.")
    lat, lon = raw.get("latitude"), raw.get("longitude")
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon))
    if not numbers or not all(math.isfinite(v) for v in (lat, lon)):  # type: ignore[arg-type]
        raise malformed("“location” needs numeric latitude and longitude.")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # type: ignore[operator]
        raise malformed("“location” is not a place on Earth.")
    return float(lat), float(lon)  # type: ignore[arg-type]


def replies(said: list[Said]) -> list[dict[str, Any]]:
    return [said_json(s) for s in said]


def ok(body: dict[str, Any], status: int = 200) -> web.Response:
    return web.json_response(
        body, status=status, headers={"Cache-Control": "no-store"}, dumps=dumps
    )


async def create_session(request: web.Request) -> web.Response:
    chat = chat_of(request)
    await read_json(request)
    check(chat.limits.per_address.hit(address(request)))
    check(chat.limits.new_sessions.hit(address(request)))
    token, view = await chat.sessions.create()
    return ok(
        {
            "session": token,
            "expires_at": view.expires_at.isoformat(),
            "poll_seconds": chat.config.poll_seconds,
        },
        status=201,
    )


async def post_message(request: web.Request) -> web.Response:
    chat = chat_of(request)
    data = await read_json(request)
    text = _string(data, "text", chat.config.max_text, required=False)
    action = _string(data, "action", ACTION_LIMIT, required=False)
    if (text is None) == (action is None):
        raise malformed("Send either “text” or “action”, not both.")
    location = _location(data) if action is not None else None
    check(chat.limits.per_address.hit(address(request)))
    view = await _session(request, data)
    said = await chat.turn(view, address(request), text, action, location)
    return ok({"replies": replies(said)})


async def updates(request: web.Request) -> web.Response:
    chat = chat_of(request)
    data = await read_json(request)
    after = data.get("after", 0)
    if not isinstance(after, int) or isinstance(after, bool) or after < 0:
        raise malformed("“after” must be a whole number, 0 or more.")
    check(chat.limits.per_address.hit(address(request)))
    token = _string(data, "session", 64)
    view = await chat.sessions.find(token or "")
    if view is None:
        raise SESSION_ENDED
    said, newest = await chat.updates(view, after)
    return ok({"replies": replies(said), "after": newest})


async def lookup(request: web.Request) -> web.Response:
    chat = chat_of(request)
    data = await read_json(request)
    reference = _string(data, "reference", 40)
    key = _string(data, "key", 40)
    check(chat.limits.per_address.hit(address(request)))
    check(chat.limits.lookups.hit(address(request)))
    found = await chat.lookup(reference or "", key or "")
    if found is None:
        raise NOT_FOUND
    return ok(
        {
            "reference": found.item.reference,
            "status": status_label(found.item.status),
            "replies": replies(found.replies),
        }
    )
