"""Recognising "any police events near me this week?" and reading ward, type and dates from it.

Questions *about* events in general ("how many engagement events are there?", "what was the
crime-fighting event?") are left to the knowledge base, which has the newsletter's answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from bot.localtime import at_london_time, london

RANGES = ("all", "today", "tomorrow", "week", "weekend", "nextweek", "month")
RANGE_LABELS = {
    "all": "coming up", "today": "today", "tomorrow": "tomorrow", "week": "in the next 7 days",
    "weekend": "this weekend", "nextweek": "next week", "month": "in the next 30 days",
}  # fmt: skip
EVENT_WORDS = re.compile(
    r"\b(events?|briefings?|ward panels?|panel meetings?|walk (and|n) talks?|contact points?|"
    # not a doctor's or a vet's ("a purse on a bench outside the doctor surgery"), nor an
    # operation ("after my surgery", "i have surgery that week")
    r"stalls?|(?<!doctor )(?<!doctors )(?<!gp )(?<!dental )(?<!dentist )(?<!dentists )"
    r"(?<!vet )(?<!vets )(?<!had )(?<!after )(?<!my )(?<!from )(?<!have )(?<!having )"
    r"(?<!need )(?<!needs )(?<!for )(?<!major )(?<!minor )(?<!emergency )surger(y|ies)|"
    r"police meetings?|community meetings?|meetings?|what s on|whats on|"
    # as residents name them
    r"cuppa with a (copper|cop)|coffee with a (copper|cop)|coffee mornings?|drop ins?|open days?|"
    r"pop ups?|meet (((my|our|your|her|his|their|the|a|an) )?(local )?(police|officers?|team|"
    r"pcsos?|coppers?|bobby|bobbies))|"
    r"(talk|speak|chat) to (an? |the |some )?(local )?(officers?|police|pcsos?|coppers?|team) "
    r"(face to face|in person)|"
    # "owt on with the local bobbies over christmas" ("owt": anything, in the north's English)
    r"(anything|owt|something) (on|happening|going on) with (the |your )?(local )?(police|"
    r"officers?|bobby|bobbies|coppers?|cops|pcsos?|team))\b"
)
ASKING = re.compile(
    r"\b(any|anything|owt|upcoming|coming up|next|near me|nearby|near|today|tonight|tomorrow|week|"
    r"weekend|month|what s on|whats on|when|where|list|show|find|are there|is there|in)\b"
)
ABOUT = re.compile(
    r"\b(how many|what are|what is|what was|what were|what did|crime fighting|fifteen months|"
    r"500|twelve|a month|per month|how do i (see|find)|how can i (see|find)|"
    # an event that has been, praised or told of: feedback, not a wish to find the next one
    r"(was|were) (really |so |very |quite |absolutely )?(good|great|helpful|useful|brilliant|"
    r"lovely|interesting|fun|informative|excellent|amazing)|last (week|month|night|time|weekend)|"
    r"yesterday|"
    # the resident's own stall or pitch: "my stall at harrow market, worried about pickpockets"
    r"(my|our) (market |own )?(stall|stalls|pitch)|(run|have|got|own|rent) (a|my|our) (market )?"
    r"(stall|pitch))\b"
)
TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("street briefing", "street-briefing"), ("briefing", "street-briefing"),
    ("ward panel", "ward-panel"), ("panel", "ward-panel"),
    ("walk and talk", "walk-and-talk"), ("walk n talk", "walk-and-talk"),
    ("stall", "crime-prevention-stall"), ("contact point", "contact-point"),
    ("surgery", "contact-point"), ("surgeries", "contact-point"),
    ("community meeting", "community-meeting"),
)  # fmt: skip
RANGE_WORDS: tuple[tuple[str, str], ...] = (
    ("next week", "nextweek"), ("this weekend", "weekend"), ("weekend", "weekend"),
    ("today", "today"), ("tonight", "today"), ("tomorrow", "tomorrow"),
    ("this week", "week"), ("week", "week"), ("this month", "month"), ("month", "month"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventQuery:
    ward: str | None = None
    type: str | None = None
    range: str = "all"


def normalise(text: str) -> str:
    text = text.casefold().replace("’", "'").replace("'", " ").replace("-", " ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _phrase(text: str, phrase: str) -> bool:
    return re.search(rf"\b{re.escape(phrase)}\b", text) is not None


def read_filters(text: str, wards: Sequence[str]) -> EventQuery:
    """Ward, type and date range named anywhere in ``text`` (e.g. ``/events Pinner weekend``)."""
    norm = normalise(text)
    ward = next(
        (w for w in sorted(wards, key=len, reverse=True) if _phrase(norm, normalise(w))), None
    )
    kind = next((k for phrase, k in TYPE_WORDS if _phrase(norm, phrase)), None)
    span = next((r for phrase, r in RANGE_WORDS if _phrase(norm, phrase)), "all")
    return EventQuery(ward, kind, span)


def parse_events_question(text: str, wards: Sequence[str]) -> EventQuery | None:
    norm = normalise(text)
    if not EVENT_WORDS.search(norm) or ABOUT.search(norm) or not ASKING.search(norm):
        return None
    return read_filters(text, wards)


def date_range(span: str, now: datetime) -> tuple[datetime | None, datetime | None]:
    """A named range as UTC bounds, worked out on London calendar days."""
    today = london(now).date()
    midnight = time(0, 0)

    def day(offset: int) -> datetime:
        return at_london_time(today + timedelta(days=offset), midnight)

    if span == "today":
        return now, day(1)
    if span == "tomorrow":
        return day(1), day(2)
    if span == "week":
        return now, day(7)
    if span == "weekend":
        saturday = (5 - today.weekday()) % 7
        start = now if today.weekday() >= 5 else day(saturday)
        return start, day(saturday + 2 if today.weekday() < 5 else 7 - today.weekday())
    if span == "nextweek":
        monday = 7 - today.weekday()
        return day(monday), day(monday + 7)
    if span == "month":
        return now, day(30)
    return None, None
