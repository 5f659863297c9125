"""The weekly note to comms staff: what residents asked that the bot could not answer (or only
offered suggestions for), and which answers are past their review date. Plain text, so nothing in
a question can break the message."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from bot.storage import unanswered
from bot.storage.db import Database
from bot.storage.unanswered import Gap

DIGEST_DAYS = 7
MAX_GAPS = 10
MAX_OVERDUE = 30

Overdue = tuple[str, str, date]  # file, entry id, review date


def compose(gaps: Sequence[Gap], overdue: Sequence[Overdue], today: date) -> str:
    start = today - timedelta(days=DIGEST_DAYS)
    lines = [
        f"Weekly knowledge-base digest, {start.day} {start:%b} to {today.day} {today:%b %Y}",
        "",
    ]
    if gaps:
        lines.append(
            f"Questions the bot could not answer, or only offered suggestions for, in the last "
            f"{DIGEST_DAYS} days:"
        )
        lines += [f"{n}. “{g.text}” – {g.tally()}" for n, g in enumerate(gaps, 1)]
        lines.append(
            "Add an answer where there was none, or the question as a paraphrase of the right "
            "entry where only suggestions were offered, then mark it handled in /gaps."
        )
    else:
        lines.append(f"Every question in the last {DIGEST_DAYS} days got an answer.")
    lines.append("")
    if overdue:
        lines.append(f"Answers past their review date ({len(overdue)}):")
        lines += [
            f"• {f}, entry {i}: review by {d.isoformat()}" for f, i, d in overdue[:MAX_OVERDUE]
        ]
        if len(overdue) > MAX_OVERDUE:
            lines.append(f"…and {len(overdue) - MAX_OVERDUE} more: send /kbcheck for the list.")
        lines.append("Check each one is still right and move its review_by date on.")
    else:
        lines.append("No answer is past its review date.")
    return "\n".join(lines)


async def weekly(db: Database, overdue: Sequence[Overdue], now: datetime) -> str:
    async with db.sessions() as session:
        gaps = await unanswered.top(session, days=DIGEST_DAYS, limit=MAX_GAPS, now=now)
    return compose(gaps, overdue, now.date())
