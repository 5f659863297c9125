"""The phase an officer is shown: what the moment makes true, not only the stored status."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.announcements import store
from bot.announcements.audience import Audience, AudienceKind
from bot.announcements.phase import Phase, phase_of
from bot.announcements.service import Progress

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
RECORD = store.AnnouncementRecord(
    1, 7001, "text", None, Audience(AudienceKind.EVERYONE), 3, NOW, store.SENDING, None, 1, 2,
    NOW, None, None,
)  # fmt: skip
UNDER_WAY = Progress(total=3, sent=1, blocked=0, failed=0, skipped=0, cancelled=0, remaining=2,
                     waiting=0, resent=0, eta_seconds=1.0, failures=())  # fmt: skip


@pytest.mark.parametrize(
    ("status", "send_at", "waiting", "quiet", "expected"),
    [
        (store.SENDING, NOW + timedelta(days=1), 0, 0, Phase.SCHEDULED),
        (store.SENDING, NOW, 0, 0, Phase.SENDING),
        (store.SENDING, NOW, 1, 1, Phase.SENDING),  # one still due now
        (store.SENDING, NOW, 2, 2, Phase.QUIET_HOURS),
        (store.SENDING, NOW, 2, 1, Phase.QUIET_HOURS),
        (store.SENDING, NOW, 2, 0, Phase.RETRYING),
        (store.AWAITING_APPROVAL, NOW + timedelta(days=1), 0, 0, Phase.AWAITING_APPROVAL),
        (store.DONE, NOW, 0, 0, Phase.FINISHED),
        (store.CANCELLED, NOW, 0, 0, Phase.CANCELLED),
        (store.DELETED, NOW, 0, 0, Phase.DELETED),
    ],
)
def test_phase(status: str, send_at: datetime, waiting: int, quiet: int, expected: Phase) -> None:
    record = replace(RECORD, status=status, send_at=send_at)
    progress = replace(UNDER_WAY, waiting=waiting, quiet=quiet)
    assert phase_of(record, progress, NOW) is expected
