"""police.uk API ``/crimes-street`` responses: a JSON array of crime objects per file.

The same crime comes back for every polygon it touches (876 boundary crimes appear in two
Harrow ward files), so records are de-duplicated on the API's numeric ``id`` within a file and
against everything already stored (``stats_crimes.api_id`` is unique).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.stats.categories import CATEGORY_NAMES
from bot.stats.importers.base import (
    BATCH_SIZE,
    SourceSpec,
    claim_source,
    finish_source,
    insert_rows,
)
from bot.stats.importers.formats import API_JSON
from bot.stats.models import CRIMES
from bot.stats.parsing import (
    BadCoordinates,
    ImportSummary,
    StatsImportError,
    parse_coordinates,
    parse_month,
)

WARD_IN_NAME = re.compile(r"_area_(?P<ward>[EWSN]\d{8})")

DUPLICATE = "duplicate id (already imported)"


def ward_from_name(file_name: str) -> str | None:
    match = WARD_IN_NAME.search(file_name)
    return match.group("ward") if match else None


def parse_payload(data: bytes, label: str) -> list[Any]:
    """The crimes in a response body; a single crime object counts as a list of one."""
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise StatsImportError(f"{label}: not UTF-8 text ({exc})") from exc
    except json.JSONDecodeError as exc:
        hint = " (the file looks truncated)" if exc.pos >= len(data.rstrip()) - 1 else ""
        raise StatsImportError(
            f"{label}: not valid JSON{hint}: {exc.msg} at line {exc.lineno} column {exc.colno}; "
            "expected the JSON array returned by /api/crimes-street"
        ) from exc
    if isinstance(payload, dict) and "category" in payload and "month" in payload:
        return [payload]
    if not isinstance(payload, list):
        raise StatsImportError(
            f"{label}: expected a JSON array of crimes (the /api/crimes-street response), "
            f"found a JSON {type(payload).__name__}"
        )
    return payload


def _record(
    item: Any, index: int, summary: ImportSummary, source_id: int, ward: str | None
) -> dict[str, Any] | None:
    if not isinstance(item, dict) or not isinstance(item.get("id"), int):
        summary.skip("not a crime object with a numeric id", index)
        return None
    month = parse_month(str(item.get("month") or ""))
    if month is None:
        summary.skip("bad month", index)
        return None
    location = item.get("location") or {}
    if not isinstance(location, dict):
        location = {}
    try:
        lat, lon = parse_coordinates(location.get("latitude"), location.get("longitude"))
    except (BadCoordinates, AttributeError, TypeError):
        summary.skip("bad coordinates", index)
        return None
    category = str(item.get("category") or "").strip()
    if not category:
        summary.skip("no category", index)
        return None
    if category not in CATEGORY_NAMES and f"unknown category {category!r}" not in summary.notes:
        summary.notes.append(f"unknown category {category!r}")
    street = location.get("street") or {}
    outcome = item.get("outcome_status") or {}
    return {
        "source_id": source_id,
        "crime_id": item.get("persistent_id") or None,
        "api_id": item["id"],
        "month": month,
        "category": category[:64],
        "latitude": lat,
        "longitude": lon,
        "location": (str(street.get("name") or "")[:200] or None)
        if isinstance(street, dict)
        else None,
        "lsoa_code": None,
        "lsoa_name": None,
        "ward_code": ward,
        "outcome": (str(outcome.get("category") or "")[:200] or None)
        if isinstance(outcome, dict)
        else None,
    }


async def _existing_ids(conn: AsyncConnection, ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        rows = await conn.execute(select(CRIMES.c.api_id).where(CRIMES.c.api_id.in_(chunk)))
        found.update(r[0] for r in rows)
    return found


async def import_api_items(
    conn: AsyncConnection,
    items: list[Any],
    *,
    label: str,
    spec: SourceSpec,
    ward_code: str | None = None,
) -> ImportSummary:
    """Store one response's crimes as one source, inside the caller's transaction.

    The "line" reported for a skipped record is its 1-based position in the array.
    """
    summary = ImportSummary(file=label, format=spec.kind, position="item")
    source_id, summary.replaced_previous = await claim_source(conn, spec)
    records: list[tuple[int, dict[str, Any]]] = []
    seen: set[int] = set()
    months: set[date] = set()
    for index, item in enumerate(items, start=1):
        summary.rows_read += 1
        record = _record(item, index, summary, source_id, ward_code)
        if record is None:
            continue
        months.add(record["month"])
        if record["api_id"] in seen:
            summary.skip(DUPLICATE, index)
            continue
        seen.add(record["api_id"])
        records.append((index, record))
    existing = await _existing_ids(conn, [r["api_id"] for _, r in records])
    fresh: list[dict[str, Any]] = []
    for index, record in records:
        if record["api_id"] in existing:
            summary.skip(DUPLICATE, index)
        else:
            fresh.append(record)
    for start in range(0, len(fresh), BATCH_SIZE):
        await insert_rows(conn, CRIMES, fresh[start : start + BATCH_SIZE])
    summary.imported = len(fresh)
    summary.months = sorted(months)
    await finish_source(conn, source_id, summary)
    return summary


def api_file_spec(file_name: str, content_hash: str, force: str | None) -> SourceSpec:
    return SourceSpec(API_JSON, file_name, content_hash, force, match_hash=False)
