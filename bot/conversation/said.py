"""What a conversation hands its front end: replies, with a chart or a file where there is one."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers import Reply


@dataclass(frozen=True, slots=True)
class Image:
    png: bytes
    alt: str  # one line: what the picture shows
    caption: str  # the same figures in words, for everyone


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    media_type: str
    body: bytes


@dataclass(frozen=True, slots=True)
class Said:
    """One message to show. Buttons whose action starts with ``location:`` ask the front end to
    send that action back with a location the resident chose to share."""

    reply: Reply
    image: Image | None = None
    attachment: Attachment | None = None


LOCATION_PREFIX = "location:"
