"""Reading crime data files: the summary of an import, its errors, and the small parsers.

Free of SQLAlchemy and Arrow on purpose: the bulk loader's worker process (``bot.stats.bulkload``)
uses these too and stays small because of it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

MAX_LINES_KEPT = 5

# (file label, bytes done, bytes total, rows done)
Progress = Callable[[str, int, int, int], None]


class StatsImportError(Exception):
    """A file that cannot be imported at all, worded for the person running the import."""


@dataclass
class Skipped:
    count: int = 0
    lines: list[int] = field(default_factory=list)


@dataclass
class ImportSummary:
    file: str
    format: str
    rows_read: int = 0
    imported: int = 0
    skipped: dict[str, Skipped] = field(default_factory=dict)
    replaced_previous: bool = False
    months: list[date] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    position: str = "line"  # what the numbers in ``skipped`` count: CSV lines or JSON items

    @property
    def skipped_total(self) -> int:
        return sum(s.count for s in self.skipped.values())

    def skip(self, reason: str, line: int) -> None:
        entry = self.skipped.setdefault(reason, Skipped())
        entry.count += 1
        if len(entry.lines) < MAX_LINES_KEPT:
            entry.lines.append(line)

    def render(self) -> str:
        span = ""
        if self.months:
            first, last = min(self.months), max(self.months)
            span = f", {first:%Y-%m}" + (f"..{last:%Y-%m}" if last != first else "")
        lines = [
            f"{self.file} [{self.format}{span}]: read {self.rows_read}, imported {self.imported}, "
            f"skipped {self.skipped_total}"
            + (" (replaced the previous import of this source)" if self.replaced_previous else "")
        ]
        for reason, entry in sorted(self.skipped.items()):
            where = ", ".join(str(n) for n in entry.lines)
            more = ", ..." if entry.count > len(entry.lines) else ""
            lines.append(f"  skipped {entry.count}: {reason} ({self.position} {where}{more})")
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)


class CountingReader(io.RawIOBase):
    """Wraps a binary stream, counting bytes for progress and remembering the last byte."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self._raw = raw
        self.done = 0
        self.last_byte = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.done += n
        if n:
            self.last_byte = data[-1:]
        return n


def text_stream(raw: IO[bytes]) -> tuple[io.TextIOWrapper, CountingReader]:
    """A text view of a byte stream that drops a UTF-8 BOM and keeps CRLF for the csv module."""
    counter = CountingReader(raw)
    buffered = io.BufferedReader(counter, buffer_size=1 << 16)
    return io.TextIOWrapper(buffered, encoding="utf-8-sig", newline=""), counter


def parse_month(text: str) -> date | None:
    """``YYYY-MM`` (police.uk) to the first day of that month; None if it is not one."""
    text = text.strip()
    if len(text) != 7 or text[4] != "-" or not (text[:4].isdigit() and text[5:].isdigit()):
        return None
    year, month = int(text[:4]), int(text[5:])
    if not (1 <= month <= 12 and 1990 <= year <= 2100):
        return None
    return date(year, month, 1)


class BadCoordinates(ValueError):
    pass


def parse_coordinates(lat: str | None, lon: str | None) -> tuple[float | None, float | None]:
    """Both empty means "No Location" (a valid record); anything else must be a real point."""
    lat = (lat or "").strip()
    lon = (lon or "").strip()
    if not lat and not lon:
        return None, None
    try:
        y, x = float(lat), float(lon)
    except ValueError as exc:
        raise BadCoordinates from exc
    if not (-90.0 <= y <= 90.0 and -180.0 <= x <= 180.0) or y != y or x != x:
        raise BadCoordinates
    return y, x


def note_if_truncated(summary: ImportSummary, counter: CountingReader) -> None:
    if counter.done and counter.last_byte not in (b"\n", b"\r"):
        summary.notes.append("the file does not end with a line break: it may be truncated")
