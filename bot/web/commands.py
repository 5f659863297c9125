"""``localbeat web``: the web chat on its own, with no Telegram token.

It serves ``/chat``, its API and widget, and ``/healthz`` and ``/metrics``, on
``http.host:http.port``. Feedback sent from it waits in the database's outbox until a process
running ``localbeat run`` (with the token, on the same database) posts it to the team chat.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from bot.config import Config
from bot.health import HealthServer
from bot.metrics import Metrics
from bot.services import open_services
from bot.web.app import mount

log = logging.getLogger(__name__)


async def serve(args: argparse.Namespace, config: Config) -> int:
    services = await open_services(config, wait=False)  # serves at once; the model joins in
    host = args.host or config.http.host
    port = config.http.port if args.port is None else args.port
    server = HealthServer(services, Metrics(), host, port, lambda app: mount(app, services))
    try:
        await server.start()
        print(f"Local Beat web chat: http://{host}:{server.port}/chat", flush=True)
        await _until_stopped()
    finally:
        await server.stop()
        await services.close()
    return 0


async def _until_stopped() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("web", help="serve the web chat (no Telegram token needed)")
    p.add_argument("--host", help="address to listen on (default: http.host)")
    p.add_argument("--port", type=int, help="port to listen on (default: http.port; 0 = any)")
    p.set_defaults(func=serve)
