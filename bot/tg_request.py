"""python-telegram-bot's HTTP transport on aiohttp.

PTB's default HTTPX transport serialises most of its time in httpcore's connection pool once
updates are handled concurrently; aiohttp (already a dependency for the health server and the
police.uk client) keeps a cheaper pool. PTB documents ``BaseRequest`` as the supported way to swap
the transport, so only ``do_request`` is implemented here.

The transport is the one place that knows whether a failed request ever left this machine, so it
says so with the error's type: ``NotSent`` when no connection was made (sending again cannot
repeat a message), ``ResponseLost`` when the request went out and no answer came back (Telegram
may have applied it, and the Bot API has no idempotency key to ask). Retry decisions are made
above the transport (``bot.tg_retry`` for replies, ``bot.outbox`` for queued messages), never here.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TelegramError, TimedOut
from telegram.request import BaseRequest, RequestData

log = logging.getLogger(__name__)


class NotSent(NetworkError):
    """No connection to Telegram was made: the request was never sent."""


class ResponseLost(TimedOut):
    """The request was sent and its answer never came (a timeout or a dropped connection)."""


class AiohttpRequest(BaseRequest):
    def __init__(
        self,
        connection_pool_size: int = 64,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._timeouts = {"read": read_timeout, "write": write_timeout, "connect": connect_timeout}
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._timeouts["read"]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    def _timeout(self, value: ODVInput[float], name: str) -> float | None:
        if isinstance(value, DefaultValue):
            return self._timeouts[name]
        return value

    def parse_json_payload(self, payload: bytes) -> dict[str, Any]:  # type: ignore[override]
        """PTB's parser logs an invalid payload in full; that could be residents' words."""
        try:
            data = json.loads(payload.decode("utf-8", "replace"))
        except ValueError as exc:
            log.error("Telegram sent a response that is not JSON (%s bytes)", len(payload))
            raise TelegramError("Invalid server response") from exc
        if not isinstance(data, dict):
            raise TelegramError("Invalid server response")
        return data

    @staticmethod
    def _form(request_data: RequestData) -> aiohttp.FormData:
        form = aiohttp.FormData()
        for name, value in request_data.json_parameters.items():
            form.add_field(name, value)
        for name, (filename, content, mime) in request_data.multipart_data.items():
            form.add_field(name, content, filename=filename, content_type=mime)
        return form

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        data: Any = None
        if request_data is not None:
            data = (
                self._form(request_data)
                if request_data.contains_files
                else request_data.json_parameters
            )
        timeout = aiohttp.ClientTimeout(
            sock_read=self._timeout(read_timeout, "read"),
            sock_connect=self._timeout(connect_timeout, "connect"),
        )
        try:
            async with self._session.request(method, url, data=data, timeout=timeout) as resp:
                return resp.status, await resp.read()
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as exc:
            raise NotSent(f"not sent: aiohttp.{type(exc).__name__}") from exc
        except TimeoutError as exc:
            raise ResponseLost("timed out waiting for Telegram's answer") from exc
        except aiohttp.ClientError as exc:
            raise ResponseLost(f"answer lost: aiohttp.{type(exc).__name__}") from exc
