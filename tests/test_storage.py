"""Core repositories on every engine: residents, unanswered questions, audit log, privacy."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from bot.privacy import PrivacyService
from bot.storage import audit, residents, unanswered
from bot.storage.db import Database
from bot.storage.models import Resident, UnansweredQuestion


async def test_touch_creates_once_and_updates_last_seen(db: Database) -> None:
    async with db.sessions.begin() as session:
        await residents.touch(session, 42, "en")
    async with db.sessions() as session:
        first = await residents.get(session, 42)
    await asyncio.sleep(0.01)
    async with db.sessions.begin() as session:
        await residents.touch(session, 42, "cy")
    async with db.sessions() as session:
        again = await residents.get(session, 42)
        count = await session.scalar(select(func.count()).select_from(Resident))
    assert first is not None and again is not None
    assert count == 1
    assert again.created_at == first.created_at
    assert again.last_seen_at > first.last_seen_at
    assert again.language == "cy"


async def test_unanswered_questions_are_counted_and_handled(db: Database) -> None:
    for text in ["pizza places", "pizza places", "opening hours", "pizza places"]:
        async with db.sessions.begin() as session:
            await unanswered.record(session, text)
    async with db.sessions() as session:
        gaps = await unanswered.top(session)
    assert [(g.text, g.count) for g in gaps] == [("pizza places", 3), ("opening hours", 1)]
    async with db.sessions.begin() as session:
        assert await unanswered.mark_handled(session, gaps[0].id)
        assert not await unanswered.mark_handled(session, gaps[0].id)
    async with db.sessions() as session:
        assert [g.text for g in await unanswered.top(session)] == ["opening hours"]
    async with db.sessions.begin() as session:
        await unanswered.record(session, "pizza places")  # asked again: back on the list
    async with db.sessions() as session:
        assert [g.count for g in await unanswered.top(session)] == [4, 1]


async def test_concurrent_recording_loses_no_count(db: Database) -> None:
    async def one() -> None:
        async with db.sessions.begin() as session:
            await unanswered.record(session, "same question")

    await asyncio.gather(*(one() for _ in range(10)))
    async with db.sessions() as session:
        assert [g.count for g in await unanswered.top(session)] == [10]


async def test_suggested_and_unanswered_are_told_apart_in_one_row(db: Database) -> None:
    # "car" got suggestions, then nothing after a knowledge-base change, then suggestions again.
    asked = [("car", True), ("pizza", False), ("car", False), ("car", True), ("bus", True)]
    for text, suggested in asked:
        async with db.sessions.begin() as session:
            await unanswered.record(session, text, suggested=suggested)
    async with db.sessions() as session:
        rows = (await session.scalars(select(UnansweredQuestion))).all()
        gaps = await unanswered.top(session)
    assert sorted((r.normalised_text, r.count, r.suggested_count) for r in rows) == [
        ("bus", 1, 1), ("car", 3, 2), ("pizza", 1, 0),
    ]  # fmt: skip
    assert [(g.text, g.count, g.no_answer, g.suggested) for g in gaps] == [
        ("car", 3, 1, 2), ("bus", 1, 0, 1), ("pizza", 1, 1, 0),
    ]  # fmt: skip
    assert [g.tally() for g in gaps] == [
        "asked 3×: 1× no answer, 2× only suggestions offered",
        "asked 1×: only suggestions offered",
        "asked 1×: no answer",
    ]
    async with db.sessions.begin() as session:
        assert await unanswered.mark_handled(session, gaps[1].id)  # suggestions only
        assert await unanswered.mark_handled(session, gaps[0].id)  # both kinds
        assert not await unanswered.mark_handled(session, gaps[1].id)
    async with db.sessions() as session:
        assert [g.text for g in await unanswered.top(session)] == ["pizza"]
    async with db.sessions.begin() as session:
        await unanswered.record(session, "bus", suggested=True)  # asked again: back on the list
    async with db.sessions() as session:
        assert [(g.text, g.count, g.suggested) for g in await unanswered.top(session)] == [
            ("bus", 2, 2), ("pizza", 1, 0),
        ]  # fmt: skip


async def test_concurrent_mixed_recording_loses_no_count(db: Database) -> None:
    async def one(suggested: bool) -> None:
        async with db.sessions.begin() as session:
            await unanswered.record(session, "same question", suggested=suggested)

    await asyncio.gather(*(one(n % 3 == 0) for n in range(12)))
    async with db.sessions() as session:
        gaps = await unanswered.top(session)
    assert [(g.count, g.no_answer, g.suggested) for g in gaps] == [(12, 8, 4)]


async def test_export_and_forget_cover_resident_and_their_refusals(db: Database) -> None:
    async with db.sessions.begin() as session:
        await residents.touch(session, 42, "en")
        await audit.record(session, 42, "gaps", "refused", "needs role comms")
        await audit.record(session, 7, "reload", "ok")
    service = PrivacyService(db)
    exported = await service.export(42)
    assert exported["resident"]["telegram_id"] == 42
    assert [a["action"] for a in exported["audit_log"]] == ["gaps"]
    assert await service.forget(42) == 2
    assert (await service.export(42))["resident"] is None
    async with db.sessions() as session:
        left = await audit.recent(session)
    assert [(a.actor_id, a.action) for a in left] == [(7, "reload")]
