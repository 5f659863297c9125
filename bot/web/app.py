"""The web chat's routes, in one place, on an aiohttp application.

``mount`` adds the chat to an application that may already serve ``/healthz`` and ``/metrics``
(``localbeat run`` shares its one port); ``localbeat web`` builds that application without
Telegram. Middlewares apply to the chat's paths only: security headers on every response,
cross-site requests refused, API errors as JSON, and a crash logged without what the resident
wrote (only the exception's type and where it happened) and answered politely.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import traceback
from collections.abc import AsyncIterator, Awaitable, Callable

from aiohttp import web

from bot.health import METRICS
from bot.services import Services
from bot.web import api, assets, pages
from bot.web.chat import WebChat
from bot.web.context import CHAT, chat_of
from bot.web.errors import CROSS_SITE, INTERNAL, ApiError
from bot.web.security import cross_site, is_chat_path

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
PURGE_EVERY_S = 600.0


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not is_chat_path(request.path):
        return await handler(request)
    chat = chat_of(request)
    try:
        if request.method == "POST" and cross_site(request):
            raise CROSS_SITE
        response = await handler(request)
    except ApiError as refused:
        response = refused.response()
    except web.HTTPException as http:
        response = ApiError(http.status, "http", http.reason).response()
    except Exception as exc:  # logged without its message, which may quote the resident
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("web chat %s failed with %s\n%s", request.path, type(exc).__name__, frames)
        response = INTERNAL.response()
    response.headers.update(chat.headers)
    if request.path == "/chat/widget.js":  # loaded by the borough's pages
        response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


async def static(request: web.Request) -> web.Response:
    found = assets.asset(request.match_info["name"])
    if found is None:
        raise ApiError(404, "not_found", "No such file.")
    return _asset(request, found)


async def widget(request: web.Request) -> web.Response:
    found = assets.asset("widget.js")
    assert found is not None
    return _asset(request, found)


def _asset(request: web.Request, found: assets.Asset) -> web.Response:
    cache = {"Cache-Control": "public, max-age=300", "ETag": found.etag}
    if request.headers.get("If-None-Match") == found.etag:
        return web.Response(status=304, headers=cache)
    return web.Response(body=found.body, content_type=found.content_type, charset="utf-8",
                        headers=cache)  # fmt: skip


async def calendar(request: web.Request) -> web.Response:
    event_id = int(request.match_info["id"])
    body = await chat_of(request).services.engagement.events.calendar(event_id)
    if body is None:
        raise ApiError(404, "not_found", "Sorry, that event is no longer available.")
    return web.Response(
        body=body, content_type="text/calendar", charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="event-{event_id}.ics"',
                 "Cache-Control": "no-cache"},
    )  # fmt: skip


def routes() -> list[web.AbstractRouteDef]:
    return [
        web.get("/chat", pages.show),
        web.post("/chat", pages.send),
        web.post("/chat/lookup", pages.lookup),
        web.get("/chat/widget.js", widget),
        web.get("/chat/static/{name}", static),
        web.get(r"/chat/events/{id:\d{1,12}}.ics", calendar),
        web.post("/api/chat/sessions", api.create_session),
        web.post("/api/chat/messages", api.post_message),
        web.post("/api/chat/updates", api.updates),
        web.post("/api/chat/feedback/lookup", api.lookup),
    ]


async def _purge(chat: WebChat) -> None:
    """Delete expired sessions now and then (any process may; it is one idempotent DELETE)."""
    while True:
        try:
            removed = await chat.sessions.purge()
            if removed:
                log.info("web chat: %d expired sessions removed", removed)
        except Exception:
            log.exception("web chat: purging expired sessions failed")
        await asyncio.sleep(PURGE_EVERY_S)


def mount(
    app: web.Application, services: Services, on_queued: Callable[[], None] | None = None
) -> WebChat:
    """Serve the web chat from ``app`` (before it starts); its replies are counted in the
    app's metrics when it has them (the health server's)."""
    chat = WebChat(services, on_queued, metrics=app.get(METRICS))
    app[CHAT] = chat
    app.middlewares.append(guard)
    app.add_routes(routes())

    async def purging(_app: web.Application) -> AsyncIterator[None]:
        task = asyncio.create_task(_purge(chat))
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    app.cleanup_ctx.append(purging)
    return chat
