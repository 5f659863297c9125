"""The typed context every handler receives: services live in ``bot_data``, never in globals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.config import Config
from bot.health import HealthServer
from bot.metrics import Metrics
from bot.services import Services
from bot.throttle import Throttle

if TYPE_CHECKING:
    from handlers.replica import ReplicaRuntime


class BotData:
    """Created empty by PTB at build time; ``attach`` fills it in ``post_init``."""

    def __init__(self) -> None:
        self._services: Services | None = None
        self.metrics = Metrics()
        self.throttle: Throttle | None = None
        self.touched: dict[int, float] = {}
        self.health: HealthServer | None = None
        self.announcements: Any = None  # handlers.announce: outbox worker, progress shown
        # The feedback and scheduled-message outboxes' own bot: no retries of its own, since
        # the outbox decides (``bot.tg_retry``); opened in ``start_jobs``.
        self.outbox_bot: ExtBot[None] | None = None
        self.replica: ReplicaRuntime | None = None  # leases and heartbeat (``handlers.replica``)
        self.polling = False  # receiving by polling: one such process per database

    def attach(self, services: Services) -> None:
        self._services = services
        cfg = services.config.throttle
        self.throttle = Throttle(cfg.max_messages, cfg.per_seconds)

    async def replica_view(self) -> dict[str, Any] | None:
        """For /healthz: this process's replica id, the job leases it holds, and the updates
        accepted by any process and not yet handled (webhook on PostgreSQL)."""
        if self.replica is None:
            return None
        view: dict[str, Any] = {"id": self.replica.replica.id, "leases": self.replica.held}
        if self.replica.inbox is not None:
            view["update_inbox"] = await self.replica.inbox.backlog()
        return view

    @property
    def attached(self) -> bool:
        return self._services is not None

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("services are not attached yet (post_init has not run)")
        return self._services

    @property
    def config(self) -> Config:
        return self.services.config


Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
CONTEXT_TYPES: ContextTypes[Context, dict[Any, Any], dict[Any, Any], BotData] = ContextTypes(
    context=CallbackContext, bot_data=BotData
)
