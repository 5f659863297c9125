"""A live bot whose services run on a test clock, for events and settings end-to-end tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.app import build_application, running
from bot.config import Config
from bot.services import Services, open_services
from handlers.delivery import run_due_pass
from tests.emulator import BotApiEmulator
from tests.fake_clock import FakeClock
from tests.live import TOKEN, LiveBot, make_config


@asynccontextmanager
async def clocked_bot(
    db_url: str, clock: FakeClock, events_file: Path, emu: BotApiEmulator | None = None
) -> AsyncIterator[LiveBot]:
    """The real application against the emulator; pass ``emu`` to keep chats across restarts."""
    own = emu is None
    emulator = emu or BotApiEmulator(token=TOKEN)
    if own:
        await emulator.start()
    try:
        config = make_config(db_url, emulator.url, events={"file": str(events_file)})

        async def factory(cfg: Config) -> Services:
            return await open_services(cfg, clock=clock)

        app = build_application(config, factory, health=False)
        async with running(app, poll_timeout=1):
            await emulator.settle()
            yield LiveBot(emulator, app, config)
    finally:
        if own:
            await emulator.stop()


async def deliver(bot: LiveBot) -> Any:
    """Run the due-work pass now, as the job would."""
    report = await run_due_pass(bot.app)
    await bot.emu.settle()
    return report


def event_yaml(path: Path, events: list[dict[str, Any]]) -> Path:
    lines = ["timezone: Europe/London", "events:"]
    for event in events:
        item = {"type": "street-briefing", "end": "11:00", **event}
        lines.append(f"  - id: {item.pop('id')}")
        for key, value in item.items():
            rendered = f"[{', '.join(value)}]" if isinstance(value, list) else f'"{value}"'
            lines.append(f"    {key}: {rendered}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
