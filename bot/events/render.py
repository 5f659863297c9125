"""Events in plain words: the card a resident sees, with where it came from and when."""

from __future__ import annotations

from bot.events.schema import type_label
from bot.events.store import EventView
from bot.localtime import london

SOURCES = {
    "yaml": "the borough team's events list",
    "police-uk": "police.uk neighbourhood events",
    "officer": "added by a local officer",
}


def when(event: EventView) -> str:
    start, end = london(event.starts_at), london(event.ends_at)
    text = f"{start:%a} {start.day} {start:%b %Y}, {start:%H:%M}"
    if end.date() == start.date():
        return f"{text}–{end:%H:%M}"
    return f"{text} to {end:%a} {end.day} {end:%b}, {end:%H:%M}"


def source_label(event: EventView) -> str:
    updated = london(event.updated_at)
    return f"{SOURCES.get(event.source, event.source)}, updated {updated.day} {updated:%b %Y}"


def wards_text(event: EventView) -> str:
    return ", ".join(event.wards) if event.wards else "Borough-wide"


def card(event: EventView, short: bool = False) -> str:
    flag = {"changed": " (CHANGED)", "cancelled": " (CANCELLED)"}.get(event.status, "")
    lines = [f"{event.title}{flag}", f"{type_label(event.type)} · {wards_text(event)}"]
    lines.append(f"When: {when(event)}")
    if event.address:
        lines.append(f"Where: {event.address}")
    if not short and event.description:
        lines.append(event.description)
    if event.contact:
        lines.append(f"Contact: {event.contact}")
    if event.capacity_note:
        lines.append(f"Places: {event.capacity_note}")
    lines.append(f"Source: {source_label(event)}")
    return "\n".join(lines)
