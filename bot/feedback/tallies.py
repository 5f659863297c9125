"""Counts of feedback by priority and ward, against the period before, and the CSV export."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.feedback.catalogue import priority_label, status_label
from bot.feedback.models import FeedbackItem
from bot.feedback.service import ItemView
from bot.storage.db import Database

NO_WARD = "(ward not given)"
LOCATION_ONLY = "(location shared)"
SOURCE = "Source: Local Beat feedback records, counted {when}."
CSV_COLUMNS = (
    "reference", "received", "priority", "ward", "location_shared", "status", "may_reply",
    "has_photo", "text",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Period:
    days: int
    current: Counter[str]
    previous: Counter[str]
    by_priority: dict[str, tuple[int, int]]
    by_ward: dict[str, tuple[int, int]]

    @property
    def total(self) -> tuple[int, int]:
        return sum(self.current.values()), sum(self.previous.values())


def ward_of(ward: str | None, latitude: float | None) -> str:
    if ward:
        return ward
    return LOCATION_ONLY if latitude is not None else NO_WARD


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


async def _rows(db: Database, since: datetime) -> list[tuple[str, str, datetime]]:
    async with db.sessions() as session:
        result = await session.execute(
            select(
                FeedbackItem.priority,
                FeedbackItem.ward,
                FeedbackItem.latitude,
                FeedbackItem.created_at,
            ).where(FeedbackItem.created_at >= since)
        )
        return [(p, ward_of(w, lat), _aware(at)) for p, w, lat, at in result]


def _pairs(now: Counter[str], before: Counter[str]) -> dict[str, tuple[int, int]]:
    keys = sorted(set(now) | set(before), key=lambda k: (-now[k], -before[k], k))
    return {k: (now[k], before[k]) for k in keys}


async def period(db: Database, now: datetime, days: int) -> Period:
    start, earlier = now - timedelta(days=days), now - timedelta(days=2 * days)
    rows = [r for r in await _rows(db, earlier) if r[2] <= now]
    current = [r for r in rows if r[2] >= start]
    previous = [r for r in rows if r[2] < start]
    return Period(
        days,
        Counter(r[0] for r in current),
        Counter(r[0] for r in previous),
        _pairs(Counter(r[0] for r in current), Counter(r[0] for r in previous)),
        _pairs(Counter(r[1] for r in current), Counter(r[1] for r in previous)),
    )


def _change(now: int, before: int) -> str:
    diff = now - before
    return (
        f"{now} (previous {before}, {'+' if diff > 0 else ''}{diff})" if diff else f"{now} (same)"
    )


def render_period(p: Period) -> list[str]:
    now, before = p.total
    lines = [f"Last {p.days} days: {_change(now, before)}"]
    if not now and not before:
        return lines
    lines.append("By priority:")
    by_priority = {priority_label(k): v for k, v in p.by_priority.items()}
    lines += [f"• {label}: {_change(*v)}" for label, v in by_priority.items()]
    lines.append("By ward:")
    lines += [f"• {ward}: {_change(*v)}" for ward, v in p.by_ward.items()]
    return lines


def render(periods: Sequence[Period], now: datetime, zone: str) -> str:
    when = now.astimezone(ZoneInfo(zone)).strftime("%d %b %Y %H:%M")
    lines = ["Feedback from residents, by when it was received", ""]
    for p in periods:
        lines += [*render_period(p), ""]
    lines.append(SOURCE.format(when=when))
    return "\n".join(lines)


def to_csv(items: Iterable[ItemView], zone: str) -> str:
    """One row per item, with no resident identifiers, for analysis in a spreadsheet."""
    tz = ZoneInfo(zone)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        writer.writerow(
            (
                item.reference,
                item.created_at.astimezone(tz).isoformat(timespec="minutes"),
                priority_label(item.priority),
                item.ward or "",
                "yes" if item.latitude is not None else "no",
                status_label(item.status),
                "yes" if item.may_reply else "no",
                "yes" if item.photo_file_id else "no",
                item.text,
            )
        )
    return out.getvalue()
