"""Importing crime data files: detect the format, stream the rows, replace the previous import.

Each file (or zip member, or API response) is one source imported in one transaction: whatever
the same source brought before is deleted and the new rows inserted, so importing twice changes
nothing and a failed import leaves the previous data in place. Street CSVs into a SQLite file try
the bulk path (``street_bulk``, when the ``bulk`` extra is installed) first and fall back to the
careful path (``street_csv``).
"""

from __future__ import annotations

import asyncio
import csv
import logging
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.stats.importers.api_json import (
    api_file_spec,
    import_api_items,
    parse_payload,
    ward_from_name,
)
from bot.stats.importers.base import SourceSpec, file_hash
from bot.stats.importers.counts import (
    import_lookup,
    import_lsoa_counts,
    import_mps_wards,
    import_ward_list,
)
from bot.stats.importers.formats import (
    API_JSON,
    LSOA_COUNTS,
    LSOA_WARD_LOOKUP,
    MPS_WARDS,
    STREET_CSV,
    WARD_CENTROIDS,
    WARD_NAMES,
    ZIP,
    UnknownFormat,
    detect_format,
)
from bot.stats.importers.street_bulk import import_street_csv_bulk
from bot.stats.importers.street_csv import import_street_csv
from bot.stats.models import STATS_TABLES
from bot.stats.parsing import ImportSummary, Progress, StatsImportError
from bot.storage.db import Database

log = logging.getLogger(__name__)

__all__ = [
    "ImportReport",
    "ImportSummary",
    "StatsImportError",
    "detect_format",
    "import_file",
    "import_paths",
]

# Reference data first, so street rows can be tagged with wards and counts aggregated.
ORDER = {
    WARD_NAMES: 0,
    WARD_CENTROIDS: 0,
    MPS_WARDS: 1,
    LSOA_WARD_LOOKUP: 2,
    LSOA_COUNTS: 3,
    ZIP: 4,
    STREET_CSV: 4,
    API_JSON: 5,
}
KNOWN_SUFFIXES = {".csv", ".json", ".zip"}


@dataclass
class ImportReport:
    summaries: list[ImportSummary] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES
            )
        else:
            yield path


async def import_paths(
    db: Database,
    paths: Iterable[Path],
    *,
    force_id: str | None = None,
    default_force: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import files and directories (searched for .csv/.json/.zip), reference data first."""
    report = ImportReport()
    planned: list[tuple[int, str, Path]] = []
    for path in expand(paths):
        try:
            kind = detect_format(path)
        except (UnknownFormat, OSError) as exc:
            report.errors.append(str(exc) if isinstance(exc, UnknownFormat) else f"{path}: {exc}")
            continue
        planned.append((ORDER[kind], str(path), path))
    for _, _, path in sorted(planned):
        try:
            report.summaries.extend(
                await import_file(
                    db, path, force_id=force_id, default_force=default_force, progress=progress
                )
            )
        except (StatsImportError, UnknownFormat) as exc:
            report.errors.append(str(exc))
        except OSError as exc:
            report.errors.append(f"{path}: cannot be read ({exc})")
        except UnicodeDecodeError as exc:
            report.errors.append(
                f"{path}: not UTF-8 text (byte {exc.start:,}); save it as UTF-8 and import again"
            )
        except (ValueError, LookupError, TypeError, csv.Error) as exc:
            # A shape no check foresaw: the file's transaction was rolled back, so say so plainly.
            log.debug("import of %s failed", path, exc_info=exc)
            report.errors.append(
                f"{path}: could not be imported ({type(exc).__name__}); nothing from it was kept"
            )
    if report.summaries:
        await db.analyze(*STATS_TABLES)
    return report


async def import_file(
    db: Database,
    path: Path,
    *,
    force_id: str | None = None,
    default_force: str | None = None,
    progress: Progress | None = None,
) -> list[ImportSummary]:
    """Import one file; a zip gives one summary per street CSV inside it."""
    kind = detect_format(path)
    if kind == ZIP:
        return await _import_zip(db, path, force_id=force_id, progress=progress)
    digest = await asyncio.to_thread(file_hash, path)
    label = str(path)
    size = (await asyncio.to_thread(path.stat)).st_size
    if kind == STREET_CSV:
        bulk = await import_street_csv_bulk(
            db, path, label=label, file_name=path.name, content_hash=digest, total_bytes=size,
            force_id=force_id, progress=progress,
        )  # fmt: skip
        if bulk is not None:
            return [bulk]
    async with db.engine.begin() as conn:
        if kind == API_JSON:
            items = parse_payload(await asyncio.to_thread(path.read_bytes), label)
            spec = api_file_spec(path.name, digest, force_id or default_force)
            return [
                await import_api_items(
                    conn, items, label=label, spec=spec, ward_code=ward_from_name(path.name)
                )
            ]
        with path.open("rb") as raw:
            if kind == STREET_CSV:
                summary = await import_street_csv(
                    conn, raw, label=label, file_name=path.name, content_hash=digest,
                    total_bytes=size, force_id=force_id, progress=progress,
                )  # fmt: skip
            elif kind == LSOA_COUNTS:
                spec = SourceSpec(kind, path.name, digest)
                summary = await import_lsoa_counts(
                    conn, raw, label=label, spec=spec, total_bytes=size, progress=progress
                )
            elif kind == MPS_WARDS:
                spec = SourceSpec(kind, path.name, digest, "metropolitan")
                summary = await import_mps_wards(
                    conn, raw, label=label, spec=spec, total_bytes=size, progress=progress
                )
            elif kind == LSOA_WARD_LOOKUP:
                spec = SourceSpec(kind, path.name, digest)
                summary = await import_lookup(conn, raw, label=label, spec=spec)
            else:
                spec = SourceSpec(kind, path.name, digest)
                summary = await import_ward_list(conn, raw, label=label, spec=spec, kind=kind)
    return [summary]


def _is_street_member(name: str) -> bool:
    return name.lower().endswith("-street.csv") and not name.endswith("/")


async def _import_zip(
    db: Database, path: Path, *, force_id: str | None, progress: Progress | None
) -> list[ImportSummary]:
    summaries: list[ImportSummary] = []
    ignored: list[str] = []
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise StatsImportError(f"{path}: not a readable zip archive (truncated?): {exc}") from exc
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            if not _is_street_member(info.filename):
                ignored.append(info.filename)
                continue
            label = f"{path}!{info.filename}"
            member = info.filename.rsplit("/", 1)[-1]
            digest = f"zip-crc32:{info.CRC:08x}:{info.file_size}"
            try:
                bulk = await import_street_csv_bulk(
                    db, path, member=info.filename, label=label, file_name=member,
                    content_hash=digest, total_bytes=info.file_size, force_id=force_id,
                    progress=progress,
                )  # fmt: skip
                if bulk is not None:
                    summaries.append(bulk)
                    continue
                async with db.engine.begin() as conn:
                    with archive.open(info) as raw:
                        summaries.append(
                            await import_street_csv(
                                conn,
                                raw,
                                label=label,
                                file_name=member,
                                content_hash=digest,
                                total_bytes=info.file_size,
                                force_id=force_id,
                                progress=progress,
                            )
                        )
            except (zipfile.BadZipFile, EOFError) as exc:
                raise StatsImportError(
                    f"{label}: the archive member is damaged or truncated ({exc})"
                ) from exc
    if not summaries:
        raise StatsImportError(
            f"{path}: no police.uk street CSV (*-street.csv) inside; found: "
            + (", ".join(ignored[:10]) or "nothing")
        )
    if ignored:
        summaries[0].notes.append(
            f"ignored {len(ignored)} other member(s) of the zip: {', '.join(ignored[:5])}"
            + (", ..." if len(ignored) > 5 else "")
        )
    return summaries
