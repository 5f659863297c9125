"""What an announcement is doing right now, as an officer would say it.

The stored status says where an announcement is in its life (``sending`` from confirmation until
nothing is left to send); the phase adds what the moment makes true: a send confirmed for
tomorrow is *scheduled*, and one whose remaining residents are all in their quiet hours is
*waiting for quiet hours*, not sending. The progress message, the final report and
/announcements all read it from here, so they never disagree.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from bot.announcements import store
from bot.announcements.service import Progress
from bot.localtime import as_utc


class Phase(StrEnum):
    AWAITING_APPROVAL = "awaiting approval"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    QUIET_HOURS = "waiting for quiet hours"
    RETRYING = "waiting to try again"
    FINISHED = "finished"
    CANCELLED = "cancelled"
    DELETING = "deleting"
    DELETED = "deleted"


SETTLED = {
    store.AWAITING_APPROVAL: Phase.AWAITING_APPROVAL,
    store.DONE: Phase.FINISHED,
    store.CANCELLED: Phase.CANCELLED,
    store.DELETING: Phase.DELETING,
    store.DELETED: Phase.DELETED,
}


def phase_of(record: store.AnnouncementRecord, progress: Progress, now: datetime) -> Phase:
    if record.status != store.SENDING:
        return SETTLED.get(record.status, Phase.FINISHED)
    if as_utc(record.send_at) > now:
        return Phase.SCHEDULED
    if progress.remaining and progress.remaining == progress.waiting:
        return Phase.QUIET_HOURS if progress.quiet else Phase.RETRYING
    return Phase.SENDING
