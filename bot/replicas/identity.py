"""Who this process is among the replicas: a readable id for operators and a claimant for rows.

The claimant has the outbox's shape (``pid@host#random``), so claims and leases of a process that
stopped on this host are recognised at once; ``process`` (``pid@host``) is the prefix every
claimant of one process shares, whichever outbox it claims for.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass

from bot.outbox.claimant import new_claimant


def default_replica_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


@dataclass(frozen=True)
class Replica:
    id: str  # shown in /healthz and as the ``replica`` label of /metrics
    claimant: str  # pid@host#random

    @classmethod
    def here(cls, replica_id: str | None = None) -> Replica:
        return cls(replica_id or default_replica_id(), new_claimant())

    @property
    def process(self) -> str:
        return self.claimant.split("#", 1)[0]


def process_of(claimant: str) -> str:
    return claimant.split("#", 1)[0]
