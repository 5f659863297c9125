"""Running the bot in production: webhook mode with a secret, health and metrics endpoints."""

from __future__ import annotations

import socket
from typing import Any

import aiohttp

from bot.app import Webhook, build_application, running
from tests.emulator import BotApiEmulator
from tests.live import RESIDENT, TOKEN, live_bot, make_config
from tests.prom import sample


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def update_from(user_id: int, text: str, update_id: int = 9_000) -> dict[str, Any]:
    user = {"id": user_id, "is_bot": False, "first_name": "Alex"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": user_id, "type": "private", "first_name": "Alex"},
            "from": user,
            "text": text,
        },
    }


async def test_webhook_accepts_telegram_and_rejects_a_wrong_secret(sqlite_db_url: str) -> None:
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    try:
        app = build_application(make_config(sqlite_db_url, emu.url))
        hook = Webhook("127.0.0.1", port, "telegram", "right-secret", url)
        async with running(app, webhook=hook):
            set_hook = await emu.wait_for_call("setWebhook")
            assert set_hook.params["secret_token"] == "right-secret"
            # Telegram's own delivery (the emulator posts with the registered secret):
            emu.send_text(RESIDENT, "hello")
            reply = await emu.next_bot_message(RESIDENT)
            assert reply["text"].startswith("Hello! I'm Local Beat")
            # Anyone else:
            assert await emu.post_webhook(url, update_from(RESIDENT, "hi"), "wrong") == 403
            assert await emu.post_webhook(url, update_from(RESIDENT, "hi")) == 403
            await emu.expect_no_bot_message(RESIDENT, within=0.5)
    finally:
        await emu.stop()


async def test_healthz_and_metrics(sqlite_db_url: str) -> None:
    async with live_bot(sqlite_db_url) as bot:
        await bot.ask(RESIDENT, "burglary tips")
        await bot.ask(RESIDENT, "tell me a joke")
        assert bot.data.health is not None
        base = f"http://127.0.0.1:{bot.data.health.port}"
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/healthz") as resp:
                assert resp.status == 200
                health = await resp.json()
            async with http.get(f"{base}/metrics") as resp:
                metrics = await resp.text()
    assert health["status"] == "ok" and health["database"] == "ok"
    assert health["knowledge_base"]["entries"] >= 50
    assert sample(metrics, "localbeat_updates_total") == 2.0
    assert sample(metrics, "localbeat_answers_total", kind="answer") == 1.0
    assert sample(metrics, "localbeat_fallbacks_total") == 1.0
    assert sample(metrics, "localbeat_reply_latency_seconds_count") == 2.0
    assert 'replica="' in metrics  # each process's samples carry its replica id
    assert sample(metrics, "localbeat_errors_total") == 0.0
