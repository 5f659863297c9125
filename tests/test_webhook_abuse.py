"""Anyone can reach a webhook: abuse without the secret must cost little and never stop residents
being answered.

Each kind of abuse runs against the real ``localbeat run --webhook`` lifecycle while a resident
writes; the process's resident memory (VmRSS) is sampled throughout and may grow by at most
20 MB. Limits are scaled down (1 s timeouts, 30 connections) so the suite stays quick.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Webhook, build_application, running
from bot.webhook import WebhookLimits
from tests.emulator import BotApiEmulator
from tests.live import RESIDENT, TOKEN, make_config
from tests.prom import sample
from tests.test_e2e_operations import free_port

SECRET = "right-secret"
LIMITS = WebhookLimits(max_connections=30, idle_timeout_s=1.0, body_timeout_s=1.0)
MB = 1_000_000


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


class Sampler:
    """Peak RSS while the abuse runs."""

    def __init__(self) -> None:
        self.peak = rss_bytes()
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            self.peak = max(self.peak, rss_bytes())
            await asyncio.sleep(0.02)

    async def __aenter__(self) -> Sampler:
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self.peak = max(self.peak, rss_bytes())


def _head(port: int, length: int | None, secret: str | None, path: str = "/telegram") -> bytes:
    lines = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Content-Type: application/json"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    if secret is not None:
        lines.append(f"X-Telegram-Bot-Api-Secret-Token: {secret}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def _status(reader: asyncio.StreamReader, timeout: float = 5.0) -> int:
    """The response's status code, or 0 if the server closed the connection without one."""
    try:
        line = await asyncio.wait_for(reader.readline(), timeout)
    except (ConnectionError, TimeoutError):
        return 0
    return int(line.split()[1]) if line.startswith(b"HTTP/1.1") else 0


async def _close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(ConnectionError, OSError):
        await writer.wait_closed()


async def big_post(port: int, secret: str | None, size: int) -> tuple[int, int]:
    """Stream a body of ``size`` bytes (never held in memory) as a flood of garbage.

    Returns the status (0 when the server's close reset the connection before the client read
    it) and how many bytes the server let through before it closed the connection.
    """
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    chunk = b"x" * 65536
    try:
        writer.write(_head(port, size, secret))
        sent = 0
        while sent < size:
            writer.write(chunk)
            sent += len(chunk)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    status = await _status(reader)
    await _close(writer)
    return status, sent


async def slow_post(port: int, secret: str | None, size: int = 2000) -> int:
    """Headers at once, then the body ten bytes every 0.1 s until the server answers."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    status = 0
    try:
        writer.write(_head(port, size, secret))
        await writer.drain()
        for _ in range(size // 10):
            try:
                line = await asyncio.wait_for(reader.readline(), 0.1)
            except TimeoutError:
                writer.write(b"{" * 10)
                await writer.drain()
                continue
            status = int(line.split()[1]) if line.startswith(b"HTTP/1.1") else 0
            break
    except (ConnectionError, OSError):
        pass
    await _close(writer)
    return status


async def idle(port: int, partial: bytes, hold: float) -> bool:
    """Open a connection, send ``partial`` and wait; True if the server closed it first."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(partial)
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), hold)
        return data == b"" or data.startswith(b"HTTP/1.1 4")
    except TimeoutError:
        return False
    except (ConnectionError, OSError):
        return True
    finally:
        await _close(writer)


@pytest.fixture
async def hooked(sqlite_db_url: str) -> AsyncIterator[tuple[BotApiEmulator, int, object]]:
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    emu.webhook_retry_delay = 0.1
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    try:
        app = build_application(make_config(sqlite_db_url, emu.url))
        hook = Webhook("127.0.0.1", port, "telegram", SECRET, url, LIMITS)
        async with running(app, webhook=hook):
            await emu.wait_for_call("setWebhook")
            yield emu, port, app
    finally:
        await emu.stop()


async def _resident_answered(emu: BotApiEmulator, text: str, timeout: float = 8.0) -> None:
    emu.send_text(RESIDENT, text)
    reply = await emu.next_bot_message(RESIDENT, timeout)
    assert reply["text"], reply


async def _warm(emu: BotApiEmulator) -> None:
    """One answer first, so lazily loaded code and caches are not counted as growth."""
    await _resident_answered(emu, "burglary tips")
    gc.collect()


def _refused(app: object, reason: str) -> float:
    metrics = app.bot_data.metrics.render().decode()  # type: ignore[attr-defined]
    return sample(metrics, "localbeat_webhook_refused_total", reason=reason) or 0.0


async def test_oversized_and_unauthenticated_bodies_are_refused_unread(
    hooked: tuple[BotApiEmulator, int, object],
) -> None:
    emu, port, app = hooked
    await _warm(emu)
    base = rss_bytes()
    async with Sampler() as sampler:
        floods = [big_post(port, None, 90 * MB) for _ in range(3)]
        floods += [big_post(port, "wrong", 90 * MB) for _ in range(3)]
        floods += [big_post(port, SECRET, 50 * MB)]  # even with the secret: too large
        results = asyncio.gather(*floods)
        await _resident_answered(emu, "how do i stop my fone being nicked")
        outcomes = await results
    assert {status for status, _ in outcomes} <= {0, 403, 413}
    sizes = [90 * MB] * 6 + [50 * MB]
    assert all(sent < size for (_, sent), size in zip(outcomes, sizes, strict=True))
    assert _refused(app, "secret") == 6
    assert _refused(app, "too_large") == 1
    assert sampler.peak - base <= 20 * MB, f"grew {(sampler.peak - base) / MB:.1f} MB"


async def test_slow_bodies_and_headers_are_cut_off(
    hooked: tuple[BotApiEmulator, int, object],
) -> None:
    emu, port, app = hooked
    await _warm(emu)
    base = rss_bytes()
    async with Sampler() as sampler:
        slow = asyncio.gather(
            slow_post(port, None),  # no secret: refused on its headers
            slow_post(port, SECRET),  # the secret, but a body too slow to be Telegram
            idle(port, b"POST /telegram HTTP/1.1\r\nHost: x\r\n", hold=5.0),  # never finishes
        )
        await _resident_answered(emu, "burglary tips")
        no_secret, with_secret, header_closed = await slow
    assert no_secret == 403
    assert with_secret == 408
    assert header_closed
    assert _refused(app, "slow_body") == 1
    assert sampler.peak - base <= 20 * MB


async def test_many_idle_connections_never_keep_residents_out(
    hooked: tuple[BotApiEmulator, int, object],
) -> None:
    emu, port, app = hooked
    await _warm(emu)
    base = rss_bytes()
    async with Sampler() as sampler:
        crowd = [idle(port, b"", hold=4.0) for _ in range(300)]  # ten times the cap
        crowding = asyncio.gather(*crowd)
        await asyncio.sleep(0.3)
        await _resident_answered(emu, "burglary tips")
        await _resident_answered(emu, "what is the police plan")
        closed = await crowding
    assert all(closed), f"{closed.count(False)} idle connections were never closed"
    # wrong path and a body that is not an update, with the secret: no harm done
    assert await emu.post_webhook(f"http://127.0.0.1:{port}/elsewhere", {}, SECRET) == 404
    not_an_update = {"hello": "world"}
    assert await emu.post_webhook(f"http://127.0.0.1:{port}/telegram", not_an_update, SECRET) == 200
    assert _refused(app, "evicted") >= 300 - LIMITS.max_connections
    assert sampler.peak - base <= 20 * MB
