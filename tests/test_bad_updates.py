"""An update the bot cannot read is skipped and counted; the others are answered as usual.

Telegram only ever sends well-formed updates, but a Bot API server (self-hosted, or Telegram after
a schema change) can send one PTB cannot parse. Before, one such update stopped polling for good
and wrote the whole batch, residents' words included, to the log on every retry.
"""

from __future__ import annotations

import logging

import pytest

from bot.answers import Reply
from bot.app import Webhook, build_application, running
from bot.logs import RepeatFilter
from handlers.errors import SORRY
from tests.emulator import BotApiEmulator
from tests.live import RESIDENT, TOKEN, live_bot, make_config
from tests.prom import sample
from tests.test_e2e_operations import free_port

SECRET_WORDS = "my neighbour Jane Doe at 12 Acacia Avenue"

UNREADABLE = {
    "message": {
        "message_id": "not-a-number",
        "date": 1_700_000_000,
        "chat": {"id": RESIDENT, "type": "private"},
        "text": SECRET_WORDS,
        "entities": [{"type": "bold"}],  # offset and length missing: PTB cannot build it
    }
}


def _metric(text: str, name: str, **labels: str) -> float:
    return sample(text, name, **labels) or 0.0


async def test_polling_skips_an_unreadable_update_and_answers_the_rest(
    sqlite_db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with live_bot(sqlite_db_url) as bot:
        bot.emu.inject_update(UNREADABLE)
        bot.emu.send_text(RESIDENT, "burglary tips")  # same batch as the bad one
        reply = await bot.emu.next_bot_message(RESIDENT)
        assert "burglar" in reply["text"].lower()
        # polling goes on: the next question is answered too, and nothing is fetched twice
        assert "999" in (await bot.ask(RESIDENT, "someone is breaking in right now"))["text"]
        await bot.emu.wait_until(lambda: bot.emu.pending_updates == 0)
        metrics = bot.data.metrics.render().decode()
    assert _metric(metrics, "localbeat_bad_updates_total", reason="unreadable") == 1.0
    logged = caplog.text
    assert "skipped update" in logged and "(message): cannot be read" in logged
    assert SECRET_WORDS not in logged and "Acacia" not in logged
    assert "Error while parsing updates" not in logged


async def test_webhook_skips_an_unreadable_update_and_answers_the_rest(
    sqlite_db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    try:
        app = build_application(make_config(sqlite_db_url, emu.url))
        async with running(app, webhook=Webhook("127.0.0.1", port, "telegram", "s", url)):
            await emu.wait_for_call("setWebhook")
            bad = {"update_id": 77, **UNREADABLE}
            assert await emu.post_webhook(url, bad, "s") == 200  # not resent for ever
            emu.send_text(RESIDENT, "burglary tips")
            assert "burglar" in (await emu.next_bot_message(RESIDENT))["text"].lower()
            metrics = app.bot_data.metrics.render().decode()
    finally:
        await emu.stop()
    assert _metric(metrics, "localbeat_bad_updates_total", reason="unreadable") == 1.0
    assert "skipped update 77 (message)" in caplog.text
    assert SECRET_WORDS not in caplog.text


async def test_a_failing_handler_is_counted_logged_without_words_and_others_go_on(
    sqlite_db_url: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.INFO)
    async with live_bot(sqlite_db_url) as bot:
        answers = bot.data.services.answers
        real = answers.answer

        async def fragile(text: str, resident_id: int | None = None) -> Reply:
            if "Acacia" in text:
                raise ValueError(f"could not read {text!r}")  # quotes the resident
            return await real(text, resident_id)

        monkeypatch.setattr(answers, "answer", fragile)
        sorry = await bot.ask(RESIDENT, SECRET_WORDS)
        assert sorry["text"] == SORRY
        assert "burglar" in (await bot.ask(RESIDENT, "burglary tips"))["text"].lower()
        metrics = bot.data.metrics.render().decode()
    assert _metric(metrics, "localbeat_bad_updates_total", reason="failed") == 1.0
    assert "(message) in chat 5001: builtins.ValueError" in caplog.text
    assert "fragile" in caplog.text  # where it failed is kept
    assert "Acacia" not in caplog.text


def test_repeated_log_lines_are_held_back_and_then_summed_up() -> None:
    now = [0.0]
    repeat = RepeatFilter(burst=3, window=60.0, clock=lambda: now[0])

    def record(msg: str) -> logging.LogRecord:
        return logging.LogRecord("x", logging.ERROR, __file__, 1, msg, None, None)

    passed = [repeat.filter(record("Too many open files")) for _ in range(1000)]
    assert passed.count(True) == 3
    assert repeat.filter(record("another problem"))  # other lines are not held back
    now[0] = 61.0
    summary = record("Too many open files")
    assert repeat.filter(summary)
    assert summary.getMessage() == "Too many open files [997 more like this held back]"
