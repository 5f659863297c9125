"""The web chat bench's baseline: the least an aiohttp JSON endpoint can do per message.

``POST /api/chat/sessions`` returns a made-up session and ``POST /api/chat/messages`` parses the
JSON body and returns the text in the shape the chat uses; no database, no answers. Run by
bench/webchat.py as ``python bench/echo_web.py`` (prints its URL, then serves until stopped).
"""

from __future__ import annotations

import asyncio
import secrets
import signal

from aiohttp import web


async def session(request: web.Request) -> web.Response:
    await request.json()
    return web.json_response({"session": secrets.token_urlsafe(32)}, status=201)


async def message(request: web.Request) -> web.Response:
    body = await request.json()
    reply = {"kind": "echo", "text": body.get("text", ""), "buttons": [], "sources": []}
    return web.json_response({"replies": [reply]})


async def main() -> None:
    app = web.Application()
    app.add_routes(
        [web.post("/api/chat/sessions", session), web.post("/api/chat/messages", message)]
    )
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    print(f"http://127.0.0.1:{runner.addresses[0][1]}", flush=True)
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    await stop.wait()
    await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(main())
