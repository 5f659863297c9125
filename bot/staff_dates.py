"""Dates and times as staff type them ("next tuesday 7pm", "7 Dec 18:30"), read as London time.

Officers write times the way they say them, in /announce and /addevent alike, so both use this
one module and the same words mean the same moment in both. ``dateparser`` reads the words (it
knows weekdays, "tomorrow", month names, 12- and 24-hour clocks and day-first dates); this
module adds what it cannot know: that the words are London wall-clock time, that a time the
clocks skip or repeat must be refused or pinned down with GMT or BST, that "tomorrow" without a
time of day is not enough, and that the past is refused. The result is UTC, and ``in_words``
says it back so the officer confirms what was understood before anything is saved.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, tzinfo

from bot.localtime import LONDON, exists_in_london, london

EXAMPLES = "“tomorrow 9am”, “next tuesday 7pm” or “7 Dec 18:30”"
MAX_CHARS = 80
# "<start> - 21:00", "<start> to 9pm": an end time after the start, on the same day.
_END = re.compile(
    r"^(?P<start>.+?)\s*(?:-|–|—|\bto\b|\buntil\b|\btill\b)\s*"
    r"(?P<end>\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)|\d{1,2}[:.]\d{2})$",
    re.IGNORECASE,
)


class StaffDateError(ValueError):
    """A refusal worded for the officer: what was not understood and what to send instead."""


def in_words(instant: datetime) -> str:
    """'Tuesday 8 December 2026 at 19:00 (London time, GMT)'."""
    local = london(instant)
    return f"{local:%A} {local.day} {local:%B %Y} at {local:%H:%M} (London time, {local:%Z})"


def span_in_words(start: datetime, end: datetime) -> str:
    """'Friday 2 April 2027, 10:00 to 12:00 (London time, BST)' when both fall on one day."""
    first, last = london(start), london(end)
    if first.date() != last.date():
        return f"{in_words(start)} to {in_words(end)}"
    zone = first.strftime("%Z") if first.tzname() == last.tzname() else "GMT/BST"
    day = f"{first:%A} {first.day} {first:%B %Y}"
    return f"{day}, {first:%H:%M} to {last:%H:%M} (London time, {zone})"


def parse_time(text: str, now: datetime) -> datetime:
    """A moment from now on, given in words as London time, as aware UTC."""
    local, zone = _read(text, now)
    when = _pin(local, zone)
    if when < now - timedelta(minutes=1):
        raise StaffDateError(
            f"I read that as {in_words(when)}, which is in the past. "
            "Please give a time from now on."
        )
    return max(when, now)


def parse_span(text: str, now: datetime) -> tuple[datetime, datetime | None]:
    """A start in words with an optional end time on the same day ("tomorrow 10am-11:30")."""
    found = _END.match(" ".join(text.split()))
    if found is None:
        return parse_time(text, now), None
    start = parse_time(found.group("start"), now)
    day = london(start)
    local, zone = _read(f"{day.day} {day:%B %Y} {found.group('end')}", now, whole_day=True)
    end = _pin(local, zone)
    if end <= start:
        raise StaffDateError(
            f"The end ({london(end):%H:%M}) must be after the start ({day:%H:%M})."
        )
    return start, end


def _read(text: str, now: datetime, whole_day: bool = False) -> tuple[datetime, tzinfo | None]:
    """The London wall-clock time the words name (naive), and a zone if one was written."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise StaffDateError(f"Please give a day and a time, such as {EXAMPLES}.")
    if len(cleaned) > MAX_CHARS:
        raise StaffDateError(f"That is too long for a date. Send it short, such as {EXAMPLES}.")
    # Imported here, as below: only staff type dates, and dateparser costs every start 30 ms.
    from dateparser.timezone_parser import pop_tz_offset_from_string

    words, zone = pop_tz_offset_from_string(cleaned)
    words = words.strip() or cleaned
    base = london(now).replace(tzinfo=None, microsecond=0)
    found = _parse(words, base, "current_period")
    if found is None:
        raise StaffDateError(
            f"I could not read “{cleaned}” as a day and time. Try {EXAMPLES} (London time)."
        )
    if not isinstance(found, datetime):
        raise StaffDateError(
            f"I read “{cleaned}” as {found:%A} {found.day} {found:%B %Y}, but with no time of "
            "day. Please add one, such as 9am or 18:30."
        )
    if whole_day or found >= base - timedelta(minutes=1):
        return found, zone
    return _next(words, base, found), zone


def _next(words: str, base: datetime, found: datetime) -> datetime:
    """The next such time when the words name one that has passed ("tuesday 7pm", "9am").

    "today 7pm" stays in the past (and is refused). A bare time is moved to the next day here,
    not by dateparser, whose own rolling forward lands on the 1st of the same month when it
    crosses the end of one (dateparser 1.5: "9am" on 30 November gave 1 November).
    """
    ahead = _parse(words, base, "future")
    if not isinstance(ahead, datetime) or ahead == found:
        return found
    tomorrow = _parse(words, base + timedelta(days=1), "current_period")
    if tomorrow == found + timedelta(days=1):  # the words name a time of the current day
        return found + timedelta(days=1)
    return ahead


def _parse(words: str, base: datetime, prefer: str) -> datetime | date | None:
    """dateparser's reading: a naive datetime, a date when no time of day was given, or None."""
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": prefer,
            "DATE_ORDER": "DMY",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "RETURN_TIME_AS_PERIOD": True,
        },
    )
    data = parser.get_date_data(words)
    if data.date_obj is None:
        return None
    found: datetime = data.date_obj.replace(tzinfo=None, second=0, microsecond=0)
    return found if data.period == "time" else found.date()


def _pin(local: datetime, zone: tzinfo | None) -> datetime:
    """The one instant a London wall-clock time names, or a refusal that explains why not."""
    if zone is not None:
        return _with_zone(local, zone)
    if not exists_in_london(local):
        later = local + timedelta(hours=1)
        raise StaffDateError(
            f"{local:%H:%M} on {local:%A} {local.day} {local:%B %Y} does not exist in London: "
            f"the clocks go forward an hour that night. Choose another time, such as "
            f"{later:%H:%M}."
        )
    first = local.replace(tzinfo=LONDON, fold=0)
    second = local.replace(tzinfo=LONDON, fold=1)
    if first.utcoffset() != second.utcoffset():
        raise StaffDateError(
            f"{local:%H:%M} on {local:%A} {local.day} {local:%B %Y} happens twice in London: "
            f"the clocks go back an hour that night. Send “{local:%H:%M} BST” for the first "
            f"time or “{local:%H:%M} GMT” for the second."
        )
    return first.astimezone(UTC)


def _with_zone(local: datetime, zone: tzinfo) -> datetime:
    """A written zone only says which London time is meant (GMT or BST); others are refused."""
    offset = zone.utcoffset(None) or timedelta()
    instant = (local - offset).replace(tzinfo=UTC)
    actual = london(instant)
    if actual.utcoffset() != offset:
        raise StaffDateError(
            f"London is on {actual:%Z} then, not {_offset(offset)}. Please give the London time "
            "without a time zone."
        )
    return instant


def _offset(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return "UTC" if hours == 0 else f"UTC{hours:+g}"
