"""The webhook endpoint, served by aiohttp so that every limit is ours to set.

PTB's built-in webhook server reads a request's whole body before it checks the secret and keeps
idle connections open for ever, so anyone who can reach it can exhaust memory or file handles.
Here a request is refused on its headers alone (wrong path, wrong secret, no or too large
``Content-Length``) and the connection is closed without reading the body; the body of an
accepted request must arrive within a time limit; a connection that sends no request is closed
after an idle timeout; and the number of open connections is capped. When the cap is reached, the
oldest connection that is not in the middle of an accepted request is closed to make room, so a
crowd of idle connections cannot keep Telegram out.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from aiohttp.web_protocol import RequestHandler
from telegram import Update

from bot.updates import OnUnreadable, read_update

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

Deliver = Callable[[Update], Awaitable[None]]
Count = Callable[[str], None]


@dataclass(frozen=True)
class WebhookLimits:
    max_body_bytes: int = 1_000_000  # Telegram's updates are a few kB
    max_connections: int = 100
    idle_timeout_s: float = 10.0  # no complete request headers in this time: closed
    body_timeout_s: float = 10.0  # an accepted request's body must arrive in this time


def _refuse(status: int) -> web.Response:
    response = web.Response(status=status)
    response.force_close()  # the rest of the body is never read
    return response


class _CappedServer(web.Server):
    """aiohttp's low-level server with a cap on open connections."""

    def __init__(self, handler: Any, limit: int, on_evict: Callable[[], None], **kw: Any) -> None:
        super().__init__(handler, **kw)
        self._limit = limit
        self._on_evict = on_evict
        self.busy: set[RequestHandler] = set()

    def connection_made(self, handler: RequestHandler, transport: asyncio.Transport) -> None:
        super().connection_made(handler, transport)
        open_now = self.connections  # oldest first
        if len(open_now) <= self._limit:
            return
        victim = next((h for h in open_now if h not in self.busy and h is not handler), handler)
        self._on_evict()
        victim.force_close()


class WebhookServer:
    """Receives Telegram's POSTs on ``path`` and hands each readable update to ``deliver``."""

    def __init__(
        self,
        path: str,
        secret: str,
        deliver: Deliver,
        limits: WebhookLimits | None = None,
        refused: Count | None = None,
        on_unreadable: OnUnreadable | None = None,
        bot: Any = None,
    ) -> None:
        self._path = "/" + path.strip("/")
        self._secret = secret.encode()
        self._deliver = deliver
        self._limits = limits = limits or WebhookLimits()
        self._count = refused or (lambda _reason: None)
        self._on_unreadable = on_unreadable or (lambda: None)
        self._bot = bot
        self._server = _CappedServer(
            self._handle,
            limits.max_connections,
            lambda: self._count("evicted"),
            keepalive_timeout=limits.idle_timeout_s,
            lingering_time=0,
            access_log=None,
            max_line_size=4096,
            max_field_size=8190,
        )
        self._runner: web.ServerRunner | None = None
        self.port: int | None = None

    @property
    def open_connections(self) -> int:
        return len(self._server.connections)

    async def start(self, host: str, port: int) -> None:
        self._runner = web.ServerRunner(self._server, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port, backlog=1024)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        log.info("webhook listening on %s:%s", host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _authorised(self, request: web.BaseRequest) -> bool:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        return hmac.compare_digest(given, self._secret)

    async def _handle(self, request: web.BaseRequest) -> web.StreamResponse:
        if request.method != "POST" or request.path != self._path:
            self._count("not_found")
            return _refuse(404)
        if not self._authorised(request):
            self._count("secret")
            return _refuse(403)
        length = request.content_length
        if length is None:
            self._count("no_length")
            return _refuse(411)
        if length > self._limits.max_body_bytes:
            self._count("too_large")
            return _refuse(413)
        self._server.busy.add(request.protocol)
        try:
            return await self._accept(request, length)
        finally:
            self._server.busy.discard(request.protocol)

    async def _accept(self, request: web.BaseRequest, length: int) -> web.StreamResponse:
        try:
            async with asyncio.timeout(self._limits.body_timeout_s):
                body = await request.content.readexactly(length)
        except TimeoutError:
            self._count("slow_body")
            return _refuse(408)
        except (asyncio.IncompleteReadError, ConnectionError):
            self._count("broken_body")
            return _refuse(400)
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            data = None
        update = read_update(data, self._bot)
        if update is None:
            self._on_unreadable()
            return web.Response(status=200)  # refusing would make Telegram resend it for ever
        await self._deliver(update)
        return web.Response(status=200)
