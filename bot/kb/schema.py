"""What one knowledge entry may hold.

The schema is strict (unknown keys are refused) because comms staff are not developers: a typo such
as ``anwser`` must be reported, not silently ignored.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

MAX_ANSWER_CHARS = 4096
ENTRY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,49}$")  # fits in a button's 64-byte callback data
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Topic(StrEnum):
    HELP = "help"  # how to get help: 999, 101, online, Crimestoppers...
    PREVENTION = "prevention"  # crime prevention tips
    PLAN = "plan"  # New Met for London and the Met's strategy
    PERFORMANCE = "performance"  # figures and results from the newsletter
    PRIORITIES = "priorities"  # what residents asked for and what the team does
    ENGAGEMENT = "engagement"  # events, Met Engage, meeting the team
    ABOUT = "about"  # the bot itself and privacy
    SMALLTALK = "smalltalk"  # greetings and thanks
    ELSEWHERE = "elsewhere"  # what belongs to other services: the council, TfL, the NHS, GOV.UK


class Scope(StrEnum):
    BOROUGH = "borough"  # the borough's own team or figures
    MET = "met"  # Metropolitan Police Service, London-wide
    NATIONAL = "national"  # UK-wide services such as 999, 101, Crimestoppers


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=3)
    date: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD: when the source said it")
    url: HttpUrl | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _partial_iso(cls, value: object) -> str:
        text = value.isoformat() if isinstance(value, date) else str(value)
        if not PARTIAL_DATE.match(text):
            raise ValueError("must be a date written YYYY, YYYY-MM or YYYY-MM-DD")
        return text


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    topic: Topic
    title: str = Field(min_length=3, max_length=80)
    questions: tuple[str, ...] = Field(min_length=1)
    keywords: tuple[str, ...] = ()
    answer: str = Field(min_length=1)
    source: Source | None = None
    scope: Scope
    review_by: date
    related: tuple[str, ...] = ()
    # For an entry that is a way of reporting something (fraud, hate crime, domestic abuse...):
    # the few lines quoted in the reply to a resident who wants to report it, so the specific
    # route is in the same message as 999 and 101, not behind a button.
    route: str | None = Field(default=None, min_length=10, max_length=700)
    # Words one of which the resident's message must hold for the route to be named, where it
    # covers only some places ("train", "tube", "station": the transport police's route is not
    # for a bag taken on a bus, which the Met deals with). Empty: the route fits any story.
    route_when: tuple[str, ...] = ()
    # Words of a motive that make this route the one named whatever crime the story tells
    # ("racist", "about my hijab": a hate crime is reported as one, whether it was a following,
    # graffiti or an assault). Empty: the route is chosen by what the story reads as.
    route_first_when: tuple[str, ...] = ()
    # Offered as a button beside every reporting reply (support for victims of any crime): the
    # entries nearest a story in words are often another crime's, and a victim always needs this.
    with_reports: bool = False

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not ENTRY_ID.match(value):
            raise ValueError(
                "must be 2 to 50 lower-case letters, digits or hyphens, e.g. burglary-locks"
            )
        return value

    @field_validator("questions", "keywords", "route_when", "route_first_when")
    @classmethod
    def _no_blank(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        if any(not v.strip() for v in values):
            raise ValueError("must not contain empty items")
        return tuple(v.strip() for v in values)

    @model_validator(mode="after")
    def _motive_needs_a_route(self) -> Entry:
        if self.route_first_when and self.route is None:
            raise ValueError("route_first_when needs a route to name")
        return self


class KnowledgeFile(BaseModel):
    """One YAML file: a list of entries under ``entries``."""

    model_config = ConfigDict(extra="forbid")

    entries: list[Entry] = Field(min_length=1)
