"""A running Local Beat: the real PTB application polling the Bot API emulator over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.app import build_application, running
from bot.config import Config
from handlers.context import BotData
from tests.emulator import BotApiEmulator

REPO_KB = Path(__file__).resolve().parents[1] / "knowledge"
RESIDENT = 5001
OFFICER = 7001
COMMS = 7002
ADMIN = 7003
TOKEN = "123:TEST"


def make_config(db_url: str, base_url: str, **overrides: Any) -> Config:
    raw: dict[str, Any] = {
        "telegram": {"token": TOKEN, "base_url": base_url},
        "database": {"url": db_url},
        "roles": {"officers": [OFFICER], "comms": [COMMS], "admins": [ADMIN]},
        "knowledge_dir": str(REPO_KB),
        "http": {"host": "127.0.0.1", "port": 0},
        # Each test sets up the crime figures it needs; the packaged figures load only where a
        # test asks for them (tests/test_e2e_figures_places.py), never behind another's back.
        "stats": {"snapshot": False},
    }
    for key, value in overrides.items():
        raw[key] = {**raw.get(key, {}), **value} if isinstance(value, dict) else value
    return Config.model_validate(raw)


@dataclass
class LiveBot:
    emu: BotApiEmulator
    app: Application  # type: ignore[type-arg]
    config: Config

    @property
    def data(self) -> BotData:
        data: BotData = self.app.bot_data
        return data

    async def ask(self, user_id: int, text: str, timeout: float = 5.0) -> dict[str, Any]:
        """Send a message as a user and return the bot's next message to them."""
        self.emu.send_text(user_id, text)
        return await self.emu.next_bot_message(user_id, timeout)


@asynccontextmanager
async def live_bot(
    db_url: str, emu: BotApiEmulator | None = None, **overrides: Any
) -> AsyncIterator[LiveBot]:
    """Pass ``emu`` to keep the chats across a restart of the bot (a new process)."""
    own = emu is None
    emulator = emu or BotApiEmulator(token=TOKEN)
    if own:
        await emulator.start()
    try:
        config = make_config(db_url, emulator.url, **overrides)
        app = build_application(config)
        async with running(app, poll_timeout=1):
            yield LiveBot(emulator, app, config)
    finally:
        if own:
            await emulator.stop()


def buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, callback data) of every inline button on a bot message."""
    markup = message.get("reply_markup") or {}
    return [
        (b["text"], b.get("callback_data", ""))
        for row in markup.get("inline_keyboard", [])
        for b in row
    ]
