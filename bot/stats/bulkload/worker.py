"""The bulk loader's worker: ``python -m bot.stats.bulkload.worker`` < job.json.

Reads one job (:class:`bot.stats.bulkload.job.Job`) from stdin, loads the file in one
transaction and prints events, one JSON object per line: ``progress`` as it goes, then ``done``
(committed) or ``careful`` (rolled back: the file needs the careful path). Anything else (a
traceback on stderr and a non-zero exit) also leaves nothing behind: nothing commits before the
last statement.
"""

from __future__ import annotations

import io
import resource
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import asdict
from typing import IO, Any

from bot.stats.bulkload.arrow import ArrowColumns, NotClean, crime_schema, read_header
from bot.stats.bulkload.job import (
    FINISH_FIELDS,
    FINISH_ID,
    Done,
    Job,
    event,
    finish_name,
)
from bot.stats.bulkload.sqlite import Writer, write_transaction
from bot.stats.parsing import CountingReader, ImportSummary, StatsImportError, note_if_truncated
from bot.stats.street_layout import RowParser, StreetColumns

Report = Callable[[int, int], None]


def open_source(job: Job, stack: ExitStack) -> IO[bytes]:
    if job.member is None:
        return stack.enter_context(open(job.path, "rb"))
    archive = stack.enter_context(zipfile.ZipFile(job.path))
    return stack.enter_context(archive.open(job.member))


def load(job: Job, report: Report) -> Done | str:
    """The file's outcome: ``Done`` once committed, or why the careful path must take it."""
    with ExitStack() as stack:
        counter = CountingReader(open_source(job, stack))
        stream = io.BufferedReader(counter, buffer_size=1 << 16)
        header = read_header(stream)
        if header is None:
            return "the header needs the careful path"
        try:
            cols = StreetColumns.from_header(header, job.label)
        except StatsImportError:
            return "not a police.uk street CSV header"
        if cols.crime_id is None or cols.outcome is None:
            return "not police.uk's column layout"
        summary = ImportSummary(file=job.label, format="street-csv")
        columns = ArrowColumns(cols, RowParser(cols, summary, iso_dates=True))
        try:
            with write_transaction(job.database) as db:
                replaced = _write(job, db, columns, stream, counter, report)
        except NotClean as exc:
            return str(exc)
        except Exception:
            if columns.unclean:  # raised inside the batch stream, reported back through ADBC
                return columns.unclean
            raise
        return Done(
            rows_read=summary.rows_read,
            imported=summary.imported,
            replaced_previous=replaced,
            months=[m.isoformat() for m in summary.months],
            notes=summary.notes,
            peak_rss_kb=peak_rss_kb(),
        )


def _write(
    job: Job,
    db: Writer,
    columns: ArrowColumns,
    stream: IO[bytes],
    counter: CountingReader,
    report: Report,
) -> bool:
    import pyarrow as pa

    summary = columns.parser.summary
    count, *middle, insert = job.claim
    replaced = int(db.scalar(count.sql, count.params)) > 0
    for statement in middle:
        db.run(statement.sql, statement.params)
    source_id = int(db.scalar(insert.sql, insert.params))
    rebuild = job.rebuild_at_most is not None and (
        int(db.scalar(job.count_crimes.sql)) <= job.rebuild_at_most
    )
    if rebuild:
        for sql in job.drop_indexes:
            db.run(sql)
    columns.set_wards({lsoa: ward for lsoa, ward in db.run(job.lsoa_wards.sql)})
    batches = columns.batches(stream)

    def crimes() -> Iterator[Any]:
        for batch in batches:
            yield columns.to_crimes(batch, source_id)
            report(counter.done, summary.rows_read)

    db.ingest(job.crimes_table, pa.RecordBatchReader.from_batches(crime_schema(), crimes()))
    summary.imported = summary.rows_read
    if rebuild:
        for sql in job.create_indexes:
            db.run(sql)
    note_if_truncated(summary, counter)
    summary.months = sorted({m[0] for m in columns.parser.months.values() if m})
    values: dict[str, Any] = {
        FINISH_ID: source_id,
        finish_name("first_month"): summary.months[0].isoformat() if summary.months else None,
        finish_name("last_month"): summary.months[-1].isoformat() if summary.months else None,
        finish_name("rows_read"): summary.rows_read,
        finish_name("rows_imported"): summary.imported,
        finish_name("rows_skipped"): 0,
    }
    assert set(values) == {FINISH_ID, *map(finish_name, FINISH_FIELDS)}
    db.run(job.finish.sql, [values[name] for name in job.finish.params])
    return replaced


def peak_rss_kb() -> int:
    """This process's own peak: ``ru_maxrss`` would also count the parent's size at the fork."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> int:
    job = Job.from_json(sys.stdin.read())

    def report(done: int, rows: int) -> None:
        print(event("progress", [done, rows]), flush=True)

    outcome = load(job, report)
    if isinstance(outcome, str):
        print(event("careful", outcome), flush=True)
    else:
        print(event("done", asdict(outcome)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
