"""The words of the feedback feature: priorities, statuses and references.

The first three priorities are the ones residents named at the Community Crime-Fighting event
(3 November 2025); the others cover what residents most often raise besides.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Priority(StrEnum):
    HIGH_STREET = "street"
    WOMEN_GIRLS = "women"
    COMMUNICATION = "comms"
    ASB = "asb"
    ROAD_SAFETY = "road"
    OTHER = "other"


PRIORITY_LABELS: dict[Priority, str] = {
    Priority.HIGH_STREET: "Police on the high street and at night",
    Priority.WOMEN_GIRLS: "Safety of women and girls",
    Priority.COMMUNICATION: "Communication with residents",
    Priority.ASB: "Anti-social behaviour",
    Priority.ROAD_SAFETY: "Road safety",
    Priority.OTHER: "Something else",
}


class Status(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


STATUS_LABELS: dict[Status, str] = {
    Status.NEW: "new",
    Status.ACKNOWLEDGED: "acknowledged",
    Status.IN_PROGRESS: "in progress",
    Status.CLOSED: "closed",
}


class Channel(StrEnum):
    """Where a resident wrote from. ``resident_id`` means a Telegram user id on Telegram and a
    web chat session's id on the web, so every lookup by resident names its channel too."""

    TELEGRAM = "telegram"
    WEB = "web"


REFERENCE = re.compile(r"^([A-Z]{2,4})-(\d{4})-(\d{5,})$")


def priority_label(code: str) -> str:
    try:
        return PRIORITY_LABELS[Priority(code)]
    except ValueError:
        return code


def status_label(code: str) -> str:
    try:
        return STATUS_LABELS[Status(code)]
    except ValueError:
        return code


def format_reference(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:05d}"


def parse_reference(text: str) -> str | None:
    """The reference in canonical form, or None if ``text`` is not one."""
    candidate = text.strip().upper()
    return candidate if REFERENCE.match(candidate) else None
