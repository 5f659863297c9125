"""One outbox for everything sent later: feedback to the team chat, scheduled messages and
announcements each keep their own table and decide what a message says; this package claims a
row, sends it through a callable, records the outcome and decides when it goes again.

Guarantees, and the one thing Telegram does not let us guarantee
-----------------------------------------------------------------
* A row is **claimed** (one conditional ``UPDATE``) immediately before its send, with a claimant
  id and a **lease**. On PostgreSQL the row is picked with ``FOR UPDATE SKIP LOCKED``, so
  processes sharing the database never wait on, or take, each other's rows; on SQLite the single
  writer makes the guarded ``UPDATE`` atomic. An outcome is recorded only while the claim is
  still the claimant's.
* A **clean failure** (no connection made, 429, 5xx, an explicit refusal) means nothing was
  delivered: the row is retried with backoff (never sooner than Telegram's ``retry_after``).
* An **ambiguous failure** (the request went out and its answer was lost: a timeout or a dropped
  connection) may have delivered the message, and the Bot API has no idempotency key to ask.
  The row is sent **at most once more**, and the feature marks that send as a possible repeat
  with the item's reference. A claim whose lease expired (its process was killed mid-send) is
  the same case. A second ambiguous failure leaves the row ``uncertain``: it is not sent again,
  and ``/healthz`` and ``/metrics`` count it.
* A claimant is ``pid@host#random``: a restarted process on the same host takes over the claims
  of a stopped one at once; claims of another host's process are taken over when their lease
  expires. Each send is cut off before its lease runs out, so a live claim is never taken over.
"""

from bot.outbox.attempt import Attempt, Verdict
from bot.outbox.backoff import Backoff
from bot.outbox.runner import Claimed, Outbox, OutboxHealth, Report, table_health
from bot.outbox.table import Table

__all__ = [
    "Attempt",
    "Backoff",
    "Claimed",
    "Outbox",
    "OutboxHealth",
    "Report",
    "Table",
    "Verdict",
    "table_health",
]
