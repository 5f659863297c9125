"""Concurrent update handling that still answers each chat in the order it wrote.

PTB's ``concurrent_updates=True`` lets a slow reply to one resident stop blocking everyone else,
but it would also let a resident's second message overtake their first. This processor runs
updates from different chats concurrently and updates from the same chat one after another.

With several processes, ``turn`` first waits for the chat's earlier updates wherever they were
received (``bot.replicas.inbox``), before the chat's lock here: an earlier update taken over from a
stopped process may be queued behind this one in this very process. ``around`` then wraps the
handling inside the chat's lock (loading the sender's conversation state, ``handlers.state``). A
wrapper that fails is logged and skipped: the update is still handled.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.replicas.inbox import InboxClosed

log = logging.getLogger(__name__)

Around = Callable[[object], AbstractAsyncContextManager[None]]


def chat_key(update: object) -> int | None:
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
    return None


WAITING_CAP = 4096  # updates held at once, most of them waiting for their chat's turn


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = 64) -> None:
        # PTB's own limit counts updates waiting for their turn too; ours counts only those
        # being handled, so waiting ones never keep an earlier one of their chat from a slot.
        super().__init__(WAITING_CAP)
        self._handling = asyncio.Semaphore(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}
        self.around: list[Around] = []
        self.turn: Around | None = None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if self.turn is None:
            await self._in_order(update, coroutine)
            return
        try:
            turn = self.turn(update)
            await turn.__aenter__()
        except InboxClosed:  # stopping: left in the inbox for another process
            if inspect.iscoroutine(coroutine):
                coroutine.close()
            return
        except Exception:
            log.exception("waiting for the chat's turn failed; the update is handled now")
            await self._in_order(update, coroutine)
            return
        try:
            await self._in_order(update, coroutine)
        finally:
            await turn.__aexit__(None, None, None)

    async def _in_order(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = chat_key(update)
        if key is None:
            async with self._handling:
                await self._handle(update, coroutine)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock, self._handling:
                await self._handle(update, coroutine)
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # forget idle chats so memory does not grow per resident
                del self._waiting[key], self._locks[key]

    async def _handle(self, update: object, coroutine: Awaitable[Any]) -> None:
        async with AsyncExitStack() as stack:
            for around in self.around:
                try:
                    await stack.enter_async_context(around(update))
                except Exception:
                    log.exception("preparing an update failed; it is handled without that step")
            await coroutine

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None
