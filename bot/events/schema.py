"""What an event is, and turning what people type or write in files into one, field by field.

Every problem names its field ("start: ...") so comms staff and officers can fix it. Times are
London wall-clock times unless they carry an offset, which must then be London's own offset on that
date (a file written in another time zone is refused rather than shifted silently).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from bot.localtime import LONDON, LocalTimeError, london, london_to_utc

EVENT_TYPES: dict[str, str] = {
    "street-briefing": "Street briefing",
    "ward-panel": "Ward panel meeting",
    "walk-and-talk": "Walk and talk",
    "crime-prevention-stall": "Crime prevention stall",
    "contact-point": "Contact point",
    "community-meeting": "Community meeting",
    "other": "Community event",
}
STATUSES = ("scheduled", "changed", "cancelled")
DEFAULT_LENGTH = timedelta(hours=1)
TIMEZONE = "Europe/London"

FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
           "%d/%m/%Y %H:%M", "%d/%m/%Y %H.%M", "%d-%m-%Y %H:%M")  # fmt: skip
OFFSET = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")


class EventInputError(ValueError):
    """One or more problems, each ``field: what is wrong``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class EventInput:
    title: str
    type: str
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC
    wards: tuple[str, ...] = ()
    address: str = ""
    description: str = ""
    latitude: float | None = None
    longitude: float | None = None
    contact: str = ""
    capacity_note: str = ""
    status: str = "scheduled"
    extra: dict[str, Any] = field(default_factory=dict)


WardResolver = Callable[[str], str]


def _check_offset(value: datetime, name: str) -> datetime:
    """An aware time must carry London's offset at that moment."""
    expected = london(value).utcoffset()
    if value.utcoffset() != expected:
        raise LocalTimeError(
            f"{name}: {value.isoformat()} is not London time (London is UTC"
            f"{_offset_text(expected)} then); write the local time without an offset"
        )
    return value.astimezone(UTC)


def _offset_text(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta()).total_seconds() // 60)
    return f"{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def parse_when(value: Any, name: str) -> datetime:
    """A London date and time (string or YAML timestamp) to UTC, or ``LocalTimeError``."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return _check_offset(value, name)
        return london_to_utc(value)
    if isinstance(value, date) or not isinstance(value, str) or not value.strip():
        raise LocalTimeError(f"{name}: expected a date and time like 2027-03-28 10:00")
    text = value.strip()
    if OFFSET.search(text):
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise LocalTimeError(f"{name}: “{text}” is not a date and time") from None
        return _check_offset(parsed, name)
    for fmt in FORMATS:
        try:
            local = datetime.strptime(text, fmt)
        except ValueError:
            continue
        try:
            return london_to_utc(local)
        except LocalTimeError as exc:
            raise LocalTimeError(f"{name}: {exc}") from None
    raise LocalTimeError(f"{name}: “{text}” is not a date and time like 2027-03-28 10:00")


def parse_end(value: Any, start: datetime, name: str = "end") -> datetime:
    """The end: a full date and time, or just a time on the start's day ("11:30")."""
    if isinstance(value, str) and re.fullmatch(r"\d{1,2}[:.]\d{2}", value.strip()):
        hours, minutes = (int(p) for p in re.split(r"[:.]", value.strip()))
        if hours > 23 or minutes > 59:
            raise LocalTimeError(f"{name}: “{value}” is not a time of day")
        local = datetime.combine(london(start).date(), time(hours, minutes))
        try:
            return london_to_utc(local)
        except LocalTimeError as exc:
            raise LocalTimeError(f"{name}: {exc}") from None
    return parse_when(value, name)


def _text(raw: Mapping[str, Any], key: str, limit: int, problems: list[str]) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        problems.append(f"{key}: expected text")
        return ""
    text = " ".join(str(value).split()) if key != "description" else str(value).strip()
    if len(text) > limit:
        problems.append(f"{key}: too long ({len(text)} characters, at most {limit})")
    return text


def _coordinate(
    raw: Mapping[str, Any], key: str, bound: float, problems: list[str]
) -> float | None:
    value = raw.get(key)
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        problems.append(f"{key}: expected a number")
        return None
    if not -bound <= number <= bound:
        problems.append(f"{key}: {number} is out of range")
        return None
    return number


def _wards(raw: Mapping[str, Any], resolve: WardResolver, problems: list[str]) -> tuple[str, ...]:
    value = raw.get("wards", raw.get("ward"))
    if value is None or value == "":
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(w, str) for w in items):
        problems.append("wards: expected a list of ward names")
        return ()
    found: list[str] = []
    for item in items:
        try:
            found.append(resolve(item))
        except ValueError as exc:
            problems.append(str(exc))
    return tuple(dict.fromkeys(found))


def _times(raw: Mapping[str, Any], problems: list[str]) -> tuple[datetime, datetime] | None:
    zone = raw.get("timezone")
    if zone not in (None, TIMEZONE):
        problems.append(f"timezone: “{zone}” is not supported; events are in {TIMEZONE}")
        return None
    if raw.get("start") in (None, ""):
        problems.append("start: missing (a date and time like 2027-03-28 10:00)")
        return None
    try:
        start = parse_when(raw["start"], "start")
        end = (
            start + DEFAULT_LENGTH if raw.get("end") in (None, "") else parse_end(raw["end"], start)
        )
    except LocalTimeError as exc:
        problems.append(str(exc))
        return None
    if end <= start:
        problems.append("end: must be after the start")
        return None
    return start, end


def build_event(raw: Mapping[str, Any], resolve_ward: WardResolver) -> EventInput:
    """Validate one event given as a mapping (YAML, import or a finished conversation)."""
    problems: list[str] = []
    title = _text(raw, "title", 200, problems)
    if not title:
        problems.append("title: missing")
    kind = str(raw.get("type") or "").strip()
    if kind not in EVENT_TYPES:
        problems.append(f"type: “{kind}” is not one of {', '.join(EVENT_TYPES)}")
    status = str(raw.get("status") or "scheduled")
    if status not in ("scheduled", "cancelled"):
        problems.append(f"status: “{status}” must be scheduled or cancelled")
    wards = _wards(raw, resolve_ward, problems)
    times = _times(raw, problems)
    values = {
        key: _text(raw, key, limit, problems)
        for key, limit in (("address", 300), ("description", 4000), ("contact", 300))
    }
    capacity = _text(raw, "capacity", 200, problems)
    lat = _coordinate(raw, "latitude", 90, problems)
    lon = _coordinate(raw, "longitude", 180, problems)
    if (lat is None) != (lon is None):
        problems.append("latitude: give both latitude and longitude, or neither")
        lat = lon = None
    if problems or times is None:
        raise EventInputError(problems)
    return EventInput(
        title=title, type=kind, starts_at=times[0], ends_at=times[1], wards=wards,
        address=values["address"], description=values["description"], latitude=lat,
        longitude=lon, contact=values["contact"], capacity_note=capacity, status=status,
    )  # fmt: skip


def type_label(kind: str) -> str:
    return EVENT_TYPES.get(kind, EVENT_TYPES["other"])


__all__ = ["EVENT_TYPES", "LONDON", "EventInput", "EventInputError", "build_event", "parse_when"]
