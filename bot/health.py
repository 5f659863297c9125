"""The operator's view: ``/healthz`` for load balancers and ``/metrics`` for Prometheus."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from sqlalchemy import text

from bot.metrics import Metrics
from bot.services import Services
from bot.storage import kb_versions

log = logging.getLogger(__name__)
SERVICES: web.AppKey[Services] = web.AppKey("services")
METRICS: web.AppKey[Metrics] = web.AppKey("metrics")
# This process among the replicas: its id and the job leases it holds (None: not a bot process).
ReplicaView = Callable[[], Awaitable[dict[str, Any] | None]]
REPLICA: web.AppKey[ReplicaView] = web.AppKey("replica")


async def _database_ok(services: Services) -> bool:
    try:
        async with services.db.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception:
        log.exception("health check: database unreachable")
        return False
    return True


async def _kb_versions(services: Services, live_hash: str) -> dict[str, Any]:
    """The version this process serves and the latest recorded: equal unless it is catching up
    with a change another process made (``KnowledgeManager.follow``)."""
    async with services.db.sessions() as session:
        latest = await kb_versions.latest_hash(session)
        serving = await kb_versions.version_of(session, live_hash)
    return {"version": serving, "latest_version": latest[0] if latest else None}


async def healthz(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    kb = services.kb.current
    db_ok = await _database_ok(services)
    body: dict[str, Any] = {
        "status": "ok" if db_ok else "degraded",
        "database": "ok" if db_ok else "unreachable",
        "knowledge_base": {
            "entries": len(kb),
            "hash": kb.content_hash[:12],
            "matching": "semantic+lexical" if kb.vectors is not None else "lexical",
        },
        "model": services.semantics.status.as_dict(),
    }
    try:
        replica = await request.app[REPLICA]()
    except Exception:  # the database: its status above says so
        replica = {"error": "database unreachable"}
    if replica is not None:
        body["replica"] = replica
    if db_ok:
        body["knowledge_base"].update(await _kb_versions(services, kb.content_hash))
        # Posts to the team chat that have waited too long (bot removed, Telegram down) make the
        # bot "degraded" but still 200: restarting it would not help. Each outbox also counts
        # sends marked as possible repeats ("resent") and those that may or may not have
        # arrived ("uncertain"), after Telegram's answer was lost.
        outbox = await services.feedback.outbox.health()
        body["feedback_outbox"] = outbox.as_dict()
        scheduled = await services.engagement.delivery.outbox.health()
        body["scheduled_outbox"] = scheduled.as_dict()
        body["announcement_outbox"] = (await services.announcements.outbox_health()).as_dict()
        if outbox.flagged:
            body["status"] = "degraded"
    return web.json_response(body, status=200 if db_ok else 503)


async def metrics(request: web.Request) -> web.Response:
    body = request.app[METRICS].render()
    return web.Response(body=body, content_type="text/plain", charset="utf-8")


async def _no_replica() -> None:
    return None


class HealthServer:
    """``extend`` adds more to the same port (the web chat), so one process opens one port."""

    def __init__(
        self,
        services: Services,
        metrics_: Metrics,
        host: str,
        port: int,
        extend: Callable[[web.Application], object] | None = None,
        replica: ReplicaView | None = None,
    ) -> None:
        self._app = web.Application()
        self._app[SERVICES] = services
        self._app[METRICS] = metrics_
        self._app[REPLICA] = replica or _no_replica
        self._app.add_routes([web.get("/healthz", healthz), web.get("/metrics", metrics)])
        if extend is not None:
            extend(self._app)
        self._host, self._port = host, port
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    async def start(self) -> None:
        self._runner = web.AppRunner(self._app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        log.info("health and metrics on http://%s:%s", self._host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
