"""The police.uk street-level CSV layout and the row parser both import paths share.

Free of SQLAlchemy and Arrow (see :mod:`bot.stats.parsing`): the careful importer
(``bot.stats.importers.street_csv``) parses every row with ``RowParser``; the bulk loader's
worker uses its month and crime-type conversions, so the two store exactly the same values.
Every row is one crime or incident. Rows without a Crime ID (anti-social behaviour) may be
identical to the letter and are still separate incidents, so nothing is de-duplicated here.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.stats.categories import slug_for
from bot.stats.parsing import (
    BadCoordinates,
    ImportSummary,
    StatsImportError,
    parse_coordinates,
    parse_month,
)

STREET_HEADER = (
    "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
    "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context",
)  # fmt: skip
FILE_NAME = re.compile(r"^(?P<month>\d{4}-\d{2})-(?P<force>[a-z0-9-]+)-street\.csv$")
REQUIRED = ("Month", "Longitude", "Latitude", "Location", "LSOA code", "LSOA name", "Crime type")


def force_from_name(file_name: str) -> str | None:
    match = FILE_NAME.match(file_name.rsplit("/", 1)[-1])
    return match.group("force") if match else None


def force_from_falls_within(text: str) -> str | None:
    """'City of London Police' -> 'city-of-london' (the police.uk force id)."""
    words = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    for suffix in ("-police-service", "-police", "-constabulary"):
        words = words.removesuffix(suffix)
    return words or None


@dataclass
class StreetColumns:
    crime_id: int | None
    month: int
    falls_within: int | None
    lon: int
    lat: int
    location: int
    lsoa_code: int
    lsoa_name: int
    crime_type: int
    outcome: int | None
    width: int

    @classmethod
    def from_header(cls, header: list[str], label: str) -> StreetColumns:
        index = {name.strip(): i for i, name in enumerate(header)}
        missing = [c for c in REQUIRED if c not in index]
        if missing:
            raise StatsImportError(
                f"{label}: not a police.uk street-level CSV: missing column(s) "
                f"{', '.join(missing)}; expected header {','.join(STREET_HEADER)!r}, "
                f"found {','.join(header)[:300]!r}"
            )
        return cls(
            crime_id=index.get("Crime ID"),
            month=index["Month"],
            falls_within=index.get("Falls within"),
            lon=index["Longitude"],
            lat=index["Latitude"],
            location=index["Location"],
            lsoa_code=index["LSOA code"],
            lsoa_name=index["LSOA name"],
            crime_type=index["Crime type"],
            outcome=index.get("Last outcome category"),
            width=len(header),
        )


# Bound per row; source_id (one per file) and api_id (always NULL here) are in the statement.
COLUMNS = (
    "crime_id", "month", "category", "latitude", "longitude",
    "location", "lsoa_code", "lsoa_name", "ward_code", "outcome",
)  # fmt: skip


class RowParser:
    """Turns CSV rows into tuples in ``COLUMNS`` order; the hot loop of a million-row import."""

    def __init__(self, cols: StreetColumns, summary: ImportSummary, iso_dates: bool) -> None:
        self.cols = cols
        self.summary = summary
        self.iso_dates = iso_dates  # SQLite stores DATE as ISO text; bind it ready-made
        self.lsoa_to_ward: dict[str, str] = {}
        self.months: dict[str, tuple[date, date | str] | None] = {}
        self._categories: dict[str, str] = {}

    def month(self, text: str) -> tuple[date, date | str] | None:
        if text not in self.months:
            month = parse_month(text)
            stored: date | str | None = month.isoformat() if month and self.iso_dates else month
            self.months[text] = (month, stored) if month and stored else None
        return self.months[text]

    def category(self, text: str) -> str:
        slug = self._categories.get(text)
        if slug is None:
            slug = slug_for(text)
            if slug is None:
                slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:64] or "unknown"
                self.summary.notes.append(f"unknown crime type {text!r} kept as {slug!r}")
            self._categories[text] = slug
        return slug

    def parse(self, row: list[str], line: int) -> tuple[Any, ...] | None:
        c = self.cols
        if len(row) != c.width:
            reason = "truncated row" if len(row) < c.width else "too many fields"
            self.summary.skip(f"{reason} (expected {c.width} fields)", line)
            return None
        month = self.months.get(row[c.month]) or self.month(row[c.month])
        if month is None:
            self.summary.skip("bad month", line)
            return None
        lat_text, lon_text = row[c.lat], row[c.lon]
        if lat_text and lon_text:
            try:
                lat, lon = float(lat_text), float(lon_text)
            except ValueError:
                lat = lon = math.nan
            if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
                self.summary.skip("bad coordinates", line)
                return None
        else:
            try:
                lat, lon = parse_coordinates(lat_text, lon_text)  # type: ignore[assignment]
            except BadCoordinates:
                self.summary.skip("bad coordinates", line)
                return None
        crime_type = row[c.crime_type]
        category = self._categories.get(crime_type)
        if category is None:
            if not crime_type.strip():
                self.summary.skip("no crime type", line)
                return None
            category = self.category(crime_type)
        lsoa = row[c.lsoa_code] or None
        return (
            (row[c.crime_id] or None) if c.crime_id is not None else None,
            month[1],
            category,
            lat,
            lon,
            row[c.location][:200] or None,
            lsoa,
            row[c.lsoa_name] or None,
            self.lsoa_to_ward.get(lsoa) if lsoa else None,
            (row[c.outcome] or None) if c.outcome is not None else None,
        )

    def batches(
        self, reader: Any, first: tuple[int, list[str]] | None, label: str, size: int
    ) -> Iterator[list[tuple[Any, ...]]]:
        """Parsed rows in lists of ``size``; ordinary rows skip the per-field checks of ``parse``.

        A row takes the fast path only when its width, month and crime type are already known
        good and both coordinates are numbers in range: exactly the rows ``parse`` would accept
        unchanged. Anything else goes through ``parse``, which skips and counts it.
        """
        c, summary, parse = self.cols, self.summary, self.parse
        batch: list[tuple[Any, ...]] = []
        if first is not None:
            summary.rows_read += 1
            record = parse(first[1], first[0])
            if record is not None:
                batch.append(record)
        if c.crime_id is None or c.outcome is None:  # not police.uk's layout: the careful way
            for line, row in read_rows(reader, label):
                summary.rows_read += 1
                record = parse(row, line)
                if record is not None:
                    batch.append(record)
                    if len(batch) >= size:
                        yield batch
                        batch = []
            if batch:
                yield batch
            return
        width, months, categories, wards = c.width, self.months, self._categories, self.lsoa_to_ward
        i_id, i_month, i_lat, i_lon, i_loc = c.crime_id, c.month, c.lat, c.lon, c.location
        i_lsoa, i_name, i_type, i_outcome = c.lsoa_code, c.lsoa_name, c.crime_type, c.outcome
        read = 0
        append = batch.append
        try:
            for row in reader:
                if len(row) == width:
                    month = months.get(row[i_month])
                    category = categories.get(row[i_type])
                    lat_text, lon_text = row[i_lat], row[i_lon]
                    if month is not None and category is not None and lat_text and lon_text:
                        try:
                            lat, lon = float(lat_text), float(lon_text)
                        except ValueError:
                            lat = lon = math.nan
                        if -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0:
                            read += 1
                            lsoa = row[i_lsoa]
                            append(
                                (
                                    row[i_id] or None,
                                    month[1],
                                    category,
                                    lat,
                                    lon,
                                    row[i_loc][:200] or None,
                                    lsoa or None,
                                    row[i_name] or None,
                                    wards.get(lsoa) if lsoa else None,
                                    row[i_outcome] or None,
                                )
                            )
                            if len(batch) >= size:
                                summary.rows_read += read
                                read = 0
                                yield batch
                                batch = []
                                append = batch.append
                            continue
                if not row:
                    continue
                read += 1
                record = parse(row, reader.line_num)
                if record is not None:
                    append(record)
                    if len(batch) >= size:
                        summary.rows_read += read
                        read = 0
                        yield batch
                        batch = []
                        append = batch.append
        except csv.Error as exc:
            raise StatsImportError(f"{label}: line {reader.line_num}: broken CSV ({exc})") from exc
        except UnicodeDecodeError as exc:
            raise not_utf8(label, reader.line_num, exc) from exc
        finally:
            summary.rows_read += read
        if batch:
            yield batch


def read_rows(reader: Any, label: str) -> Iterator[tuple[int, list[str]]]:
    try:
        for row in reader:
            if row:
                yield reader.line_num, row
    except csv.Error as exc:
        raise StatsImportError(f"{label}: line {reader.line_num}: broken CSV ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise not_utf8(label, reader.line_num, exc) from exc


def not_utf8(label: str, line: int, exc: UnicodeDecodeError) -> StatsImportError:
    """Text is decoded in chunks, so the bad byte is only known to come after ``line``."""
    byte = exc.object[exc.start : exc.start + 1].hex()
    return StatsImportError(
        f"{label}: not UTF-8 text (byte 0x{byte} after line {line}); police.uk files are "
        "UTF-8: save the file as UTF-8 and import it again"
    )
