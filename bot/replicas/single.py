"""Configurations that cannot run as more than one process, refused at start-up in one line.

* SQLite serves one ``localbeat run`` at a time: its write lock and in-process ordering assume
  it. The first process holds an exclusive lock on a file beside the database; a second is
  refused. (``localbeat web`` and the CLI may still share the file, as before.)
* Telegram lets one process receive updates by polling: the polling process holds the
  ``telegram-polling`` lease; a second one on the same database waits up to one lease period
  (a process that just died hands it over) and is then refused.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
from typing import IO

from sqlalchemy import select
from sqlalchemy.engine import make_url

from bot.config import Config, ConfigError
from bot.replicas.leases import Leases
from bot.replicas.models import JobLease
from bot.storage import startup

POLLING_LEASE = "telegram-polling"
HOW_TO = "see “Running several replicas” in the README"


def sqlite_run_lock(config: Config) -> IO[str] | None:
    """Hold the SQLite file's run lock for the life of the process; refuse if it is taken."""
    url = config.database.url
    if make_url(url).get_backend_name() != "sqlite" or not make_url(url).database:
        return None
    path = startup.sqlite_path(url)
    lock_path = path.with_name(path.name + ".run-lock")
    if not lock_path.parent.is_dir():
        return None  # the database check names the missing folder
    handle = lock_path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        other = handle.read().strip() or "another process"
        handle.close()
        raise ConfigError(
            f"{startup.SETTING}: the SQLite file {path} is already used by `localbeat run` "
            f"({other}); SQLite serves one bot process: stop that one, or use PostgreSQL to run "
            f"several ({HOW_TO})"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()}")
    handle.flush()
    return handle


async def claim_polling(leases: Leases) -> None:
    """Take the polling lease, waiting out one lease period for a process that just died."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + leases.ttl_s * 1.5
    while not await leases.claim(POLLING_LEASE):
        if loop.time() > deadline:
            async with leases.db.sessions() as session:
                holder = await session.scalar(
                    select(JobLease.holder).where(JobLease.name == POLLING_LEASE)
                )
            raise ConfigError(
                f"telegram (polling): another `localbeat run` ({holder}) is already receiving "
                "updates by polling for this database, and Telegram allows one; run one process, "
                f"or several with `localbeat run --webhook` behind a load balancer ({HOW_TO})"
            )
        await asyncio.sleep(0.5)
