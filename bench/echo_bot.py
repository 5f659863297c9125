"""The throughput baseline: a bare python-telegram-bot echo bot with PTB's defaults.

Run by bench/throughput.py as ``python bench/echo_bot.py BASE_URL TOKEN``.
"""

from __future__ import annotations

import sys

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is not None and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text)


def main() -> None:
    url, token = sys.argv[1], sys.argv[2]
    app = ApplicationBuilder().token(token).base_url(f"{url}/bot").base_file_url(f"{url}/file/bot")
    bot = app.build()
    bot.add_handler(MessageHandler(filters.TEXT, echo))
    bot.run_polling(poll_interval=0, timeout=10)


if __name__ == "__main__":
    main()
