"""Conversation state for Telegram handlers, loaded once per update before any handler matches.

PTB matches handlers synchronously (filters, ``check_update``), while the state of a conversation
lives in the database (``bot.storage.states``) so the next message may land on any process. So
the update processor loads everything the sender has in progress, in one query, before the
update is matched (``loading``); filters and handlers then read it with ``current`` and change it
with ``put``/``drop``/``take``, which write to the database at once and keep the loaded copy in
step for the rest of the update.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError
from telegram import Update

from bot.storage.states import Slot, StateStore
from handlers.context import Context

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class Loaded:
    owner: int
    bodies: dict[str, str]
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, slot: Slot[T]) -> T | None:
        if slot.kind not in self.values:
            body = self.bodies.get(slot.kind)
            self.values[slot.kind] = None if body is None else slot.decode(body)
        value: T | None = self.values[slot.kind]
        return value


_LOADED: ContextVar[Loaded | None] = ContextVar("localbeat_conversation_state", default=None)


def owner_of(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_user is not None:
        return update.effective_user.id
    return None


def loading(store: Callable[[], StateStore | None]) -> Callable[[object], Any]:
    """For the update processor: load the sender's state around the handling of an update."""

    @asynccontextmanager
    async def around(update: object) -> AsyncIterator[None]:
        owner, states = owner_of(update), store()
        if owner is None or states is None:
            yield
            return
        try:
            bodies = await states.bodies(owner)
        except SQLAlchemyError as exc:  # answered without it: a flow step may be asked again
            log.warning("conversation state not loaded for user %s: %s", owner,
                        type(exc).__name__)  # fmt: skip
            bodies = {}
        token = _LOADED.set(Loaded(owner, bodies))
        try:
            yield
        finally:
            _LOADED.reset(token)

    return around


def current(slot: Slot[T]) -> T | None:
    """The sender's value in ``slot`` for this update (None outside an update, or none kept)."""
    loaded = _LOADED.get()
    return None if loaded is None else loaded.get(slot)


def _loaded() -> Loaded:
    loaded = _LOADED.get()
    if loaded is None:
        raise RuntimeError(
            "conversation state is kept only while an update with a sender is handled"
        )
    return loaded


def stage(slot: Slot[T], value: T) -> None:
    """Show ``value`` for the rest of this update without storing it (a record being made)."""
    _loaded().values[slot.kind] = value


async def put(context: Context, slot: Slot[T], value: T) -> None:
    loaded = _loaded()
    await context.bot_data.services.states.put(slot, loaded.owner, value)
    loaded.values[slot.kind] = value


async def drop(context: Context, slot: Slot[Any]) -> bool:
    loaded = _loaded()
    loaded.values[slot.kind] = None
    return await context.bot_data.services.states.drop(slot, loaded.owner)


async def take(context: Context, slot: Slot[T]) -> T | None:
    """The value, removed: two processes never both take one."""
    loaded = _loaded()
    loaded.values[slot.kind] = None
    return await context.bot_data.services.states.take(slot, loaded.owner)
