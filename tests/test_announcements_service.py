"""Composing rules (text, time, audience, approval) and the outbox with real subscriptions."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.announcements import store
from bot.announcements.audience import Audience, AudienceKind
from bot.announcements.outbox import OutboxSettings, OutboxWorker
from bot.announcements.service import (
    AnnouncementError,
    AnnouncementService,
    check_text,
    parse_send_time,
)
from bot.announcements.subscribers import SubscriberPolicy
from bot.config import HARROW_WARDS, AnnouncementsConfig
from bot.storage.db import Database
from bot.subscriptions.service import SubscriptionService
from tests.announce_fakes import FakeMessenger, FakeTime

NOON = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # London is on GMT


def test_send_time_is_london_and_never_in_the_past() -> None:
    assert parse_send_time("now", NOON) == NOON
    assert parse_send_time("18:30", NOON) == datetime(2026, 11, 30, 18, 30, tzinfo=UTC)
    assert parse_send_time("tomorrow 09:00", NOON) == datetime(2026, 12, 1, 9, tzinfo=UTC)
    summer = datetime(2026, 7, 1, 8, tzinfo=UTC)
    assert parse_send_time("2026-07-01 18:30", summer) == datetime(2026, 7, 1, 17, 30, tzinfo=UTC)
    assert parse_send_time("09:00", NOON) == datetime(2026, 12, 1, 9, tzinfo=UTC)  # the next 09:00
    with pytest.raises(AnnouncementError, match="in the past"):
        parse_send_time("2026-11-30 09:00", NOON)
    with pytest.raises(AnnouncementError, match="does not exist in London"):
        parse_send_time("2027-03-28 01:30", NOON)
    with pytest.raises(AnnouncementError, match="I could not read “teatime” as a day and time"):
        parse_send_time("teatime", NOON)


def test_text_limits_and_formatting() -> None:
    assert check_text("<i>ok</i> &amp; fine", None).length == len("ok & fine")
    assert check_text("<b>" + "x" * 4096 + "</b>", None).length == 4096
    with pytest.raises(AnnouncementError, match="at most 1024"):
        check_text("x" * 1025, "photo-file-id")
    with pytest.raises(AnnouncementError, match="</b> found where </i> was expected"):
        check_text("<b><i>x</b></i>", None)
    with pytest.raises(AnnouncementError, match="takes no attributes"):
        check_text('<b class="x">x</b>', None)
    with pytest.raises(AnnouncementError, match="empty"):
        check_text("   ", None)


async def _subscribed(db: Database, clock: FakeTime) -> tuple[SubscriptionService, list[int]]:
    subs = SubscriptionService(db, HARROW_WARDS, clock.wall)
    residents = [11, 12, 13, 14]
    for resident, ward in zip(residents, ("Pinner", "Pinner", "Stanmore", None), strict=True):
        await subs.subscribe(resident, "announcements")
        if ward:
            await subs.toggle_ward(resident, ward)
    await subs.subscribe(15, "tips")
    return subs, residents


async def test_real_subscriptions_decide_audience_quiet_hours_and_pause(db: Database) -> None:
    clock = FakeTime()
    subs, _ = await _subscribed(db, clock)
    policy = SubscriberPolicy(subs)
    service = AnnouncementService(
        db, policy, AnnouncementsConfig(), HARROW_WARDS, clock.wall, policy.topics()
    )
    pinner = Audience(AudienceKind.WARDS, ("Pinner",))
    assert await service.audience_size(pinner) == 3  # 14 chose no ward: the whole borough
    assert await service.audience_size(Audience(AudienceKind.EVERYONE)) == 4
    assert await service.audience_size(Audience(AudienceKind.TOPIC, topic="tips")) == 1
    record = await service.confirm(store.Draft(7001, "<b>Briefing</b>", None, pinner, clock.wall()))
    await subs.set_quiet(11, time(11, 0), time(13, 0))  # quiet now, until 13:00 London
    await subs.pause(12)
    messenger = FakeMessenger(clock)
    worker = OutboxWorker(
        db, policy, messenger, OutboxSettings(), timer=clock.timer, wall=clock.wall
    )
    await worker.start()
    await worker.drain(max_wait=2 * 3600)
    await worker.stop()
    assert [c for _, c, _ in messenger.sent] == [14, 11]
    assert next(t for t, c, _ in messenger.sent if c == 11) >= 3600
    progress = await service.progress(record.id)
    assert (progress.sent, progress.skipped, progress.remaining) == (2, 1, 0)


async def test_unreachable_resident_is_unsubscribed_everywhere(db: Database) -> None:
    clock = FakeTime()
    subs, _ = await _subscribed(db, clock)
    await SubscriberPolicy(subs).mark_unreachable(11)
    assert (await subs.settings(11)).topics == ()


async def test_approval_rules(db: Database) -> None:
    clock = FakeTime()
    subs, _ = await _subscribed(db, clock)
    config = AnnouncementsConfig(require_second_approval_for_borough_wide=True)
    service = AnnouncementService(db, SubscriberPolicy(subs), config, HARROW_WARDS, clock.wall)
    ward = await service.confirm(
        store.Draft(1, "x", None, Audience(AudienceKind.WARDS, ("Pinner",)), clock.wall())
    )
    assert ward.status == "sending"  # limited to wards: no second officer needed
    wide = await service.confirm(
        store.Draft(1, "x", None, Audience(AudienceKind.EVERYONE), clock.wall())
    )
    assert wide.status == "awaiting_approval"
    with pytest.raises(AnnouncementError, match="second officer"):
        await service.approve(wide.id, 1)
    assert (await service.approve(wide.id, 2)).status == "sending"
    with pytest.raises(AnnouncementError, match="no longer waiting"):
        await service.approve(wide.id, 3)
    with pytest.raises(AnnouncementError, match="Nobody is subscribed"):
        await service.confirm(
            store.Draft(1, "x", None, Audience(AudienceKind.TOPIC, topic="events"), clock.wall())
        )
    with pytest.raises(AnnouncementError, match="has passed"):
        await service.confirm(
            store.Draft(1, "x", None, Audience(AudienceKind.EVERYONE),
                        clock.wall() - timedelta(hours=1))
        )  # fmt: skip
