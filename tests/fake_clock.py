"""A clock tests move by hand, so scheduled work is tested without waiting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self._now = start.astimezone(UTC)

    @property
    def now(self) -> datetime:
        return self._now

    @now.setter
    def now(self, value: datetime) -> None:
        self._now = value.astimezone(UTC)

    def __call__(self) -> datetime:
        return self._now

    def set_london(self, *parts: int) -> None:
        self.now = datetime(*parts, tzinfo=LONDON).astimezone(UTC)  # type: ignore[misc]

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def london(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)  # type: ignore[misc]
