"""A Telegram Bot API emulator for end-to-end tests of the real python-telegram-bot stack.

Typical use::

    emu = BotApiEmulator(token="123:ABC")       # bot id 123, @localbeat_test_bot
    await emu.start()                            # 127.0.0.1:<random port>, see emu.url
    app = (
        ApplicationBuilder().token(emu.token)
        .base_url(emu.base_url).base_file_url(emu.base_file_url)   # f"{emu.url}/bot", .../file/bot
        .build()
    )
    ...start polling...
    emu.send_text(42, "/start tips_burglary")    # what a user does (an update is queued)
    reply = await emu.next_bot_message(42)       # what the bot answered (per-chat cursor)
    emu.press_button(42, reply, "yes")           # tap an inline button of that message
    assert emu.chat(42)[-1]["text"] == "Thanks"  # the chat as the person sees it now

Injection (synchronous; each returns the message / callback_query it created):
    send_text, send_location, send_document, send_photo, send_sticker, send_voice, edit_text,
    channel_post, press_button, inject_update (raw), inject_texts (bulk), add_user, create_group,
    set_member.
Observation:
    calls, calls_to(method), callback_answers, chat(id), message(id, mid), bot_messages(id),
    keyboard(id), transcript(id), commands(), stats, pending_updates, control_stats(),
    await next_bot_message / expect_no_bot_message / wait_for_call / wait_for_answer /
    wait_until / settle.
Faults:
    fail_next(method, "429"|"500"|"403"|"400"|"timeout"|"drop", times=1, retry_after=3,
    description=, apply=, hold=, chat_id=), timeout_delay, block_user / unblock_user,
    remove_from_chat, rate_limits(...), blocked_fraction.
Webhooks:
    setWebhook makes the emulator POST queued updates to the URL (with the secret token);
    await post_webhook(url, update, secret_token) posts one by hand and returns the status.

Run standalone (for benchmarks): ``python -m tests.emulator --port 0 --token T``; see
``tests/emulator/__main__.py`` for the ``/_control/*`` endpoints.
"""

from tests.emulator.server import ApiError, BotApiEmulator, Call, EmulatorTimeout, UploadedFile

__all__ = ["ApiError", "BotApiEmulator", "Call", "EmulatorTimeout", "UploadedFile"]
