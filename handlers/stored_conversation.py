"""PTB's ConversationHandler contract with its state in the database instead of one process.

Entry points, states and fallbacks are PTB handlers as in ``ConversationHandler``; each callback
returns the next state, ``None`` to stay, or ``END``. The current state and the conversation's
data (a JSON-able dict the callbacks fill in) are one record in the conversation store
(``handlers.state``), written after every step, so the next answer may reach any process. Keyed by
the sender, so it suits conversations held in a private chat.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import Application, BaseHandler, ConversationHandler

from bot.storage.states import Slot
from handlers import state
from handlers.context import Context

END = ConversationHandler.END
TTL = timedelta(hours=2)
Handlers = Sequence[BaseHandler[Any, Any, Any]]


@dataclass
class Step:
    state: int | None  # None: just entered, no step answered yet
    data: dict[str, Any] = field(default_factory=dict)


def conversation(name: str, ttl: timedelta = TTL) -> Slot[Step]:
    return Slot(f"conversation:{name}", Step, ttl)


def data(slot: Slot[Step]) -> dict[str, Any]:
    """The conversation's data for this update (empty outside one)."""
    step = state.current(slot)
    return step.data if step is not None else {}


async def _noop(update: object, context: object) -> None:
    """Never called: ``handle_update`` hands the update to the matched inner handler."""


class StoredConversation(BaseHandler[Update, Context, Any]):
    def __init__(
        self,
        slot: Slot[Step],
        entry_points: Handlers,
        states: Mapping[int, Handlers],
        fallbacks: Handlers,
    ) -> None:
        super().__init__(_noop)
        self.slot = slot
        self.entry_points = list(entry_points)
        self.states = {k: list(v) for k, v in states.items()}
        self.fallbacks = list(fallbacks)

    def check_update(self, update: object) -> Any:
        if not isinstance(update, Update) or update.effective_user is None:
            return None
        step = state.current(self.slot)
        if step is None or step.state is None:
            candidates = self.entry_points
        else:
            candidates = [*self.states.get(step.state, ()), *self.fallbacks]
        for handler in candidates:
            check = handler.check_update(update)
            if check is not None and check is not False:
                return handler, check
        return None

    async def handle_update(  # type: ignore[override]
        self,
        update: Update,
        application: Application[Any, Any, Any, Any, Any, Any],
        check_result: tuple[BaseHandler[Any, Any, Any], Any],
        context: Context,
    ) -> None:
        handler, check = check_result
        step = state.current(self.slot)
        if step is None or step.state is None:
            step = Step(None)
            state.stage(self.slot, step)  # the entry callback fills in a fresh record
        new_state = await handler.handle_update(update, application, check, context)
        if new_state == END:
            await state.drop(context, self.slot)
        elif new_state is not None or step.state is not None:
            after = step.state if new_state is None else int(new_state)
            await state.put(context, self.slot, Step(after, step.data))
