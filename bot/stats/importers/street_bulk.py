"""Importing a street CSV into a SQLite file through the bulk loader's worker process.

This side owns the database's shape: it compiles every statement the worker will run with the
engine's own dialect (the same statements the careful path runs through SQLAlchemy), starts
``python -m bot.stats.bulkload.worker``, relays its progress, and turns its answer into the
usual ``ImportSummary``. ``None`` means "import it the careful way": the database is not a
SQLite file, the bulk loader is not installed (the ``bulk`` extra; said once), the file has a row
the careful path must report, or the worker failed (logged).
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import functools
import importlib.util
import json
import logging
import os
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import IO, Any, cast

from sqlalchemy import Dialect, Executable
from sqlalchemy.sql.compiler import SQLCompiler

import bot
from bot.stats.bulkload.job import Done, Job, Statement
from bot.stats.importers import crime_indexes
from bot.stats.importers.base import (
    SourceSpec,
    claim_statements,
    finish_statement,
    lsoa_ward_statement,
)
from bot.stats.importers.formats import STREET_CSV
from bot.stats.models import CRIMES
from bot.stats.parsing import ImportSummary, Progress, StatsImportError, text_stream
from bot.stats.street_layout import (
    StreetColumns,
    force_from_falls_within,
    force_from_name,
    read_rows,
)
from bot.storage.db import Database

log = logging.getLogger(__name__)

WORKER = "bot.stats.bulkload.worker"
WORKER_PACKAGES = ("pyarrow", "adbc_driver_sqlite")  # the ``bulk`` extra
SOURCE_ROOT = str(Path(bot.__file__).resolve().parents[1])  # the worker runs from a checkout too


def sqlite_file(db: Database) -> str | None:
    """The database's file, if it is a SQLite file another process can open."""
    url = db.engine.url
    name = url.database
    if url.get_backend_name() != "sqlite" or not name or name == ":memory:":
        return None
    if name.startswith("file:"):  # URI filenames carry options a plain path would lose
        return None
    return name


@functools.cache
def bulk_loader_installed() -> bool:
    """Whether the worker's packages are installed, found without importing them (Arrow would
    cost this process some 60 MB). Asked once per process, so said once when they are not."""
    missing = [name for name in WORKER_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        log.info(
            "The bulk loader for street CSVs is not installed (%s missing), so they are imported "
            "row by row: the same result, only slower for a large file. To install it: "
            "pip install 'localbeat[bulk]'",
            ", ".join(missing),
        )
    return not missing


def compile_sqlite(statement: Executable, dialect: Dialect, *, bind: bool = True) -> Statement:
    """SQL and values exactly as SQLAlchemy would send them (dates as SQLite's text, etc.).

    With ``bind=False`` the params are the bind names, in order, for the worker to fill in.
    """
    compiled = cast(SQLCompiler, statement.compile(dialect=dialect))  # type: ignore[attr-defined]
    names = list(compiled.positiontup or ())
    if not bind:
        return Statement(str(compiled), names)
    params = compiled.construct_params() or {}
    values: list[Any] = []
    for name in names:
        processor = compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
        values.append(processor(params[name]) if processor is not None else params[name])
    return Statement(str(compiled), values)


def first_row_force(raw: IO[bytes]) -> str | None:
    """The force named in the first row's "Falls within", as the careful path reads it."""
    try:
        text, _ = text_stream(raw)
        reader = csv.reader(text)
        header = next(reader, None)
        cols = StreetColumns.from_header(header or [], "")
        first = next(read_rows(reader, ""), None)
    except (StatsImportError, UnicodeDecodeError):
        return None  # the worker will find the file unclean and the careful path report it
    if first is None or cols.falls_within is None or len(first[1]) <= cols.falls_within:
        return None
    return force_from_falls_within(first[1][cols.falls_within])


def _peek_force(path: Path, member: str | None) -> str | None:
    if member is None:
        with path.open("rb") as raw:
            return first_row_force(raw)
    with zipfile.ZipFile(path) as archive, archive.open(member) as raw:
        return first_row_force(raw)


async def import_street_csv_bulk(
    db: Database,
    path: Path,
    *,
    member: str | None = None,
    label: str,
    file_name: str,
    content_hash: str,
    total_bytes: int,
    force_id: str | None = None,
    progress: Progress | None = None,
) -> ImportSummary | None:
    """Import one clean street CSV (or zip ``member``) in one transaction, or return None."""
    database = sqlite_file(db)
    if database is None or not bulk_loader_installed():
        return None
    force = force_id or force_from_name(file_name)
    if force is None:
        try:
            force = await asyncio.to_thread(_peek_force, path, member)
        except (OSError, zipfile.BadZipFile, EOFError):
            return None  # the careful path reports the damage
    dialect = db.engine.dialect
    spec = SourceSpec(STREET_CSV, file_name, content_hash, force)
    job = Job(
        database=database,
        path=str(path),
        member=member,
        label=label,
        total_bytes=total_bytes,
        claim=[compile_sqlite(s, dialect) for s in claim_statements(spec)],
        lsoa_wards=compile_sqlite(lsoa_ward_statement(), dialect),
        count_crimes=compile_sqlite(crime_indexes.rows_held(), dialect),
        rebuild_at_most=(
            total_bytes // crime_indexes.ROW_BYTES
            if crime_indexes.might_rebuild(total_bytes)
            else None
        ),
        drop_indexes=crime_indexes.drop_statements(dialect),
        create_indexes=crime_indexes.create_statements(dialect),
        finish=compile_sqlite(finish_statement(), dialect, bind=False),
        crimes_table=CRIMES.name,
    )
    done = await run_worker(job, progress)
    if done is None:
        return None
    return ImportSummary(
        file=label,
        format=STREET_CSV,
        rows_read=done.rows_read,
        imported=done.imported,
        replaced_previous=done.replaced_previous,
        months=[date.fromisoformat(m) for m in done.months],
        notes=done.notes,
    )


async def run_worker(job: Job, progress: Progress | None) -> Done | None:
    """Run the worker to the end, relaying progress; killed (so rolled back) if cancelled."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (SOURCE_ROOT, env.get("PYTHONPATH")) if p)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", WORKER,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env=env, limit=1 << 20,
    )  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    errors = asyncio.create_task(proc.stderr.read())
    outcome: dict[str, Any] = {}
    try:
        proc.stdin.write(job.to_json().encode())
        await proc.stdin.drain()
        proc.stdin.close()
        async for line in proc.stdout:
            message = _message(line)
            if "progress" in message:
                if progress is not None:
                    done_bytes, rows = message["progress"]
                    progress(job.label, done_bytes, job.total_bytes, rows)
            else:
                outcome = message
        code = await proc.wait()
        stderr = (await errors).decode(errors="replace").strip()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        if not errors.done():
            errors.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await errors
    if "done" in outcome and code == 0:
        done = Done(**outcome["done"])
        log.debug("bulk import of %s: peak RSS %d MB", job.label, done.peak_rss_kb // 1024)
        return done
    if "careful" in outcome and code == 0:
        log.debug("%s: importing the careful way (%s)", job.label, outcome["careful"])
        return None
    tail = stderr.splitlines()[-1] if stderr else f"exit code {code}"
    log.warning("%s: bulk import worker failed (%s); importing the careful way", job.label, tail)
    return None


def _message(line: bytes) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
