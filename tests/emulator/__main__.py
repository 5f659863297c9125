"""Run the emulator as its own process: ``python -m tests.emulator --port 0 --token T``.

The first line printed on stdout is the base URL (``http://127.0.0.1:<port>``). Besides the Bot
API (``/bot<token>/<method>``, ``/file/bot<token>/<path>``) it serves control endpoints:

* ``POST /_control/inject`` -- JSON list of ``{"user_id": int, "text": str}`` (optionally
  ``first_name``, ``chat_id``) or ``{"messages": [...]}``: enqueue text messages at once.
* ``GET /_control/stats`` -- bot messages per chat, 429/403 counts, first/last reply timestamps
  and inject-to-reply latency percentiles (``?raw=1`` adds every latency).
* ``POST /_control/reset`` -- forget recorded calls and statistics.
* ``POST /_control/config`` -- ``{"global_rate", "chat_rate", "retry_after",
  "blocked_fraction", "record_calls"}``.
* ``GET /_control/chat/<chat_id>`` -- the chat as a person sees it.
* ``POST /_control/fault`` -- ``{"method", "error", "times", "retry_after", "description",
  "apply", "hold", "chat_id"}`` as ``fail_next`` takes them; ``{"clear": true}`` forgets
  queued faults.
* ``POST /_control/users`` -- ``{"users": [id, ...]}``: residents who have started the bot.
* ``POST /_control/group`` -- ``{"chat_id": -100..., "title": ...}``: a group the bot is in.

Stops cleanly on SIGINT / SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys

from tests.emulator.server import BotApiEmulator


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--token", default="123:ABC")
    parser.add_argument("--global-rate", type=float, default=None, help="sends/s, all chats")
    parser.add_argument("--chat-rate", type=float, default=None, help="sends/s per chat")
    parser.add_argument("--retry-after", type=int, default=1, help="seconds in 429 answers")
    parser.add_argument(
        "--blocked-fraction", type=float, default=0.0, help="share of users who blocked the bot"
    )
    parser.add_argument("--seed", type=int, default=0, help="which users count as blocked")
    parser.add_argument(
        "--no-record", action="store_true", help="do not keep every call (saves memory)"
    )
    parser.add_argument(
        "--webhook-connections",
        type=int,
        default=1,
        help="webhook updates posted at once, as Telegram does (1: one after another)",
    )
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    emu = BotApiEmulator(token=args.token, host=args.host, port=args.port)
    if args.global_rate or args.chat_rate:
        emu.rate_limits(args.global_rate, args.chat_rate, args.retry_after)
    emu.blocked_fraction = args.blocked_fraction
    emu.blocked_seed = args.seed
    emu.record_calls = not args.no_record
    emu.webhook_connections = args.webhook_connections
    await emu.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    print(emu.url, flush=True)
    try:
        await stop.wait()
    finally:
        await emu.stop()


def main(argv: list[str] | None = None) -> int:
    asyncio.run(serve(parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
