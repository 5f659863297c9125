"""Questions the bot could not answer, or only offered suggestions for: text and counts only,
never who asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import UnansweredQuestion, utcnow
from bot.storage.upsert import insert_for

MAX_TEXT = 500

# Comms staff act differently on each: write an answer, or add the question to the right entry.
NO_ANSWER = "no answer"
SUGGESTED = "only suggestions offered"


@dataclass(frozen=True, slots=True)
class Gap:
    id: int
    text: str
    count: int  # times asked, whatever the bot replied
    suggested: int  # of those, times it offered "Did you mean…" and nothing more
    first_seen_at: datetime
    last_seen_at: datetime

    @property
    def no_answer(self) -> int:
        return self.count - self.suggested

    def outcome(self) -> str:
        """How the bot fared, e.g. "no answer" or "5× no answer, 2× only suggestions offered"."""
        if not self.suggested:
            return NO_ANSWER
        if not self.no_answer:
            return SUGGESTED
        return f"{self.no_answer}× {NO_ANSWER}, {self.suggested}× {SUGGESTED}"

    def tally(self) -> str:
        return f"asked {self.count}×: {self.outcome()}"


async def record(session: AsyncSession, normalised_text: str, suggested: bool = False) -> None:
    text = normalised_text[:MAX_TEXT]
    if not text:
        return
    now = utcnow()
    stmt = insert_for(session, UnansweredQuestion).values(
        normalised_text=text,
        count=1,
        suggested_count=int(suggested),
        first_seen_at=now,
        last_seen_at=now,
    )
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[UnansweredQuestion.normalised_text],
            set_={
                # One statement for both, so concurrent askers never lose a count and the
                # no-answer tally (count - suggested_count) never goes negative.
                "count": UnansweredQuestion.count + 1,
                "suggested_count": UnansweredQuestion.suggested_count
                + stmt.excluded.suggested_count,
                "last_seen_at": now,
                "handled_at": None,
            },
        )
    )


async def top(
    session: AsyncSession, days: int = 30, limit: int = 20, now: datetime | None = None
) -> list[Gap]:
    since = (now or utcnow()) - timedelta(days=days)
    rows = await session.scalars(
        select(UnansweredQuestion)
        .where(UnansweredQuestion.last_seen_at >= since, UnansweredQuestion.handled_at.is_(None))
        .order_by(UnansweredQuestion.count.desc(), UnansweredQuestion.last_seen_at.desc())
        .limit(limit)
    )
    return [
        Gap(r.id, r.normalised_text, r.count, r.suggested_count, r.first_seen_at, r.last_seen_at)
        for r in rows
    ]


async def mark_handled(session: AsyncSession, gap_id: int) -> bool:
    result = await session.execute(
        update(UnansweredQuestion)
        .where(UnansweredQuestion.id == gap_id, UnansweredQuestion.handled_at.is_(None))
        .values(handled_at=utcnow())
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
