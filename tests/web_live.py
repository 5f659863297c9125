"""A running web chat: the real aiohttp application on a real port, on the real services."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bot.config import Config
from bot.health import HealthServer
from bot.metrics import Metrics
from bot.services import Services, open_services
from bot.web.app import mount
from bot.web.chat import WebChat

REPO_KB = Path(__file__).resolve().parents[1] / "knowledge"


def web_config(db_url: str, **overrides: Any) -> Config:
    raw: dict[str, Any] = {
        "database": {"url": db_url},
        "knowledge_dir": str(REPO_KB),
        "http": {"host": "127.0.0.1", "port": 0},
        "web": {"enabled": True},
        "stats": {"snapshot": False},  # as in tests/live.py: figures only where a test asks
    }
    for key, value in overrides.items():
        raw[key] = {**raw.get(key, {}), **value} if isinstance(value, dict) else value
    return Config.model_validate(raw)


@dataclass
class LiveWeb:
    url: str
    services: Services
    chat: WebChat | None  # None when the chat runs inside the Telegram bot's process
    http: aiohttp.ClientSession

    async def post(self, path: str, body: Any, **headers: str) -> tuple[int, dict[str, Any]]:
        async with self.http.post(self.url + path, json=body, headers=headers) as response:
            return response.status, await response.json()

    async def session(self) -> str:
        status, body = await self.post("/api/chat/sessions", {})
        assert status == 201, body
        token: str = body["session"]
        return token

    async def say(self, session: str, text: str) -> list[dict[str, Any]]:
        status, body = await self.post("/api/chat/messages", {"session": session, "text": text})
        assert status == 200, body
        replies: list[dict[str, Any]] = body["replies"]
        return replies

    async def press(self, session: str, action: str, **extra: Any) -> list[dict[str, Any]]:
        payload = {"session": session, "action": action, **extra}
        status, body = await self.post("/api/chat/messages", payload)
        assert status == 200, body
        replies: list[dict[str, Any]] = body["replies"]
        return replies


@asynccontextmanager
async def live_web(config: Config, services: Services | None = None) -> AsyncIterator[LiveWeb]:
    """``localbeat web`` in-process: the health server's port with the chat mounted."""
    opened = services or await open_services(config)
    chats: list[WebChat] = []

    def extend(app: web.Application) -> None:
        chats.append(mount(app, opened))

    server = HealthServer(opened, Metrics(), config.http.host, config.http.port, extend)
    await server.start()
    try:
        async with aiohttp.ClientSession() as http:
            yield LiveWeb(f"http://127.0.0.1:{server.port}", opened, chats[0], http)
    finally:
        await server.stop()
        if services is None:
            await opened.close()


def action_of(replies: list[dict[str, Any]], label: str) -> str:
    for reply in replies:
        for button in reply["buttons"]:
            if button["label"] == label:
                found: str = button["action"]
                return found
    raise AssertionError(
        f"no button {label!r} in {[b['label'] for r in replies for b in r['buttons']]}"
    )
