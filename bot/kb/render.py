"""How an entry reads to a resident: its answer, then where the facts come from and when."""

from __future__ import annotations

from datetime import date

from bot.kb.schema import Entry, Source


def human_date(value: str) -> str:
    """``2025-12`` → ``December 2025``; ``2025-12-03`` → ``3 December 2025``."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = date(parts[0], parts[1], 1).strftime("%B")
    return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def source_line(source: Source) -> str:
    line = f"Source: {source.title}, {human_date(source.date)}"
    return f"{line} – {source.url}" if source.url else line


def render_answer(entry: Entry) -> str:
    """The full text a resident receives for an entry (plain text, before any escaping)."""
    if entry.source is None:
        return entry.answer.strip()
    return f"{entry.answer.strip()}\n\n{source_line(entry.source)}"
