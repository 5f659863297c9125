"""London wall-clock time: stored as UTC, shown and entered as Europe/London.

Everything that is "at 10:00" or "the day before" is worked out on the London wall clock, so it
stays right across the clock changes; everything stored or compared is an aware UTC datetime. The
clock is injected (``Clock``) so tests move time without waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


class LocalTimeError(ValueError):
    """A London wall-clock time that does not exist or cannot be pinned to one instant."""


def as_utc(value: datetime) -> datetime:
    """Aware UTC; a naive value read back from SQLite is UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def london(value: datetime) -> datetime:
    return as_utc(value).astimezone(LONDON)


def exists_in_london(local: datetime) -> bool:
    """False for wall-clock times skipped when the clocks go forward (e.g. 01:30 in late March)."""
    aware = local.replace(tzinfo=LONDON)
    return aware.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) == local.replace(
        tzinfo=None
    )


def london_to_utc(local: datetime) -> datetime:
    """A naive London wall-clock time to UTC; refuses times that never happen in London.

    An ambiguous time (the repeated hour in late October) means its first occurrence (BST).
    """
    naive = local.replace(tzinfo=None)
    if not exists_in_london(naive):
        raise LocalTimeError(
            f"{naive:%d %B %Y %H:%M} does not exist in London (the clocks go forward that night)"
        )
    return naive.replace(tzinfo=LONDON, fold=0).astimezone(UTC)


def wall_clock_shift(instant: datetime, days: int) -> datetime:
    """The same London wall-clock time ``days`` later (negative: earlier), as UTC.

    The day before a 10:00 event on the Sunday the clocks change is 10:00 on Saturday, which is
    23 or 25 hours earlier, not 24. A wall time that does not exist moves forward an hour.
    """
    local = london(instant).replace(tzinfo=None) + timedelta(days=days)
    if not exists_in_london(local):
        local += timedelta(hours=1)
    return local.replace(tzinfo=LONDON, fold=0).astimezone(UTC)


def at_london_time(day: date, at: time) -> datetime:
    """``at`` on ``day`` in London as UTC; a time the clocks skip becomes the hour after."""
    local = datetime.combine(day, at)
    if not exists_in_london(local):
        local += timedelta(hours=1)
    return local.replace(tzinfo=LONDON, fold=0).astimezone(UTC)


def describe_local(instant: datetime, with_year: bool = False) -> str:
    """'Sun 28 Mar, 10:00' in London time."""
    local = london(instant)
    text = f"{local:%a} {local.day} {local:%b}"
    if with_year:
        text += f" {local.year}"
    return f"{text}, {local:%H:%M}"
