"""Street CSV rows read by pyarrow and converted column by column, as ``RowParser`` would.

Only a file the careful path would store unchanged is converted here: the first row that path
would skip or report (wrong number of fields, bad month, bad or half coordinates, no crime type,
broken quoting or encoding, a damaged zip member) raises ``NotClean`` and the importing side
imports the file the careful way, which names every skipped line.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable, Iterator
from typing import IO, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from bot.stats.street_layout import RowParser, StreetColumns

# Arrow reads several blocks ahead on each thread; 512 KiB blocks keep that small while still
# parsing a million rows in about half a second.
BLOCK_BYTES = 512 * 1024


class NotClean(Exception):
    """A row the careful path would skip or report: the file is not for the bulk path."""


def read_header(stream: io.BufferedIOBase) -> list[str] | None:
    """The header row, or None when anything about it needs the careful path's judgement."""
    line = stream.readline()
    if b'"' in line:  # a quoted header may span lines; police.uk's never is quoted
        return None
    try:
        text = line.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        return None
    return next(csv.reader([text]), None) or None


@functools.cache
def crime_schema() -> Any:
    """What the bulk path inserts, in the order ADBC's INSERT names the columns."""
    text = pa.string()
    return pa.schema(
        [
            ("source_id", pa.int64()),
            ("crime_id", text),
            ("month", text),
            ("category", text),
            ("latitude", pa.float64()),
            ("longitude", pa.float64()),
            ("location", text),
            ("lsoa_code", text),
            ("lsoa_name", text),
            ("ward_code", text),
            ("outcome", text),
        ]
    )


class ArrowColumns:
    """Street CSV columns read by Arrow and converted the way ``RowParser`` converts one row."""

    def __init__(self, cols: StreetColumns, parser: RowParser) -> None:
        self.cols = cols
        self.parser = parser
        self.unclean: str | None = None
        self._lookups: dict[str, tuple[Any, Any]] = {}
        self._months: dict[str, str] = {}
        self._categories: dict[str, str] = {}
        self._wards: tuple[Any, Any] | None = None

    def fail(self, reason: str) -> NotClean:
        self.unclean = reason
        return NotClean(reason)

    def batches(self, stream: IO[bytes]) -> Iterator[Any]:
        c = self.cols
        assert c.crime_id is not None and c.outcome is not None  # checked by worker.load
        wanted = [c.crime_id, c.month, c.lon, c.lat, c.location, c.lsoa_code, c.lsoa_name]
        wanted += [c.crime_type, c.outcome]
        names = [f"c{i}" for i in range(c.width)]
        try:
            reader = pcsv.open_csv(
                stream,
                read_options=pcsv.ReadOptions(
                    column_names=names, block_size=BLOCK_BYTES, use_threads=True
                ),
                parse_options=pcsv.ParseOptions(newlines_in_values=True),
                convert_options=pcsv.ConvertOptions(
                    column_types={names[i]: pa.string() for i in wanted},
                    include_columns=[names[i] for i in wanted],
                    strings_can_be_null=True,
                    null_values=[""],
                    quoted_strings_can_be_null=True,
                ),
            )
            for batch in reader:
                self.parser.summary.rows_read += batch.num_rows
                yield batch
        except NotClean:
            raise
        except Exception as exc:  # parse errors, bad UTF-8, a damaged zip member...
            raise self.fail(f"the careful path must read this file ({exc})") from exc

    def set_wards(self, lsoa_to_ward: dict[str, str]) -> None:
        self.parser.lsoa_to_ward = lsoa_to_ward
        self._wards = (
            pa.array(list(lsoa_to_ward), pa.string()),
            pa.array(list(lsoa_to_ward.values()), pa.string()),
        )

    def to_crimes(self, batch: Any, source_id: int) -> Any:
        c = self.cols

        def col(index: int | None) -> Any:
            return batch.column(f"c{index}")

        n = batch.num_rows
        month = self._mapped("month", col(c.month), self._months, self._month)
        category = self._mapped("category", col(c.crime_type), self._categories, self._category)
        latitude, longitude = self._coordinates(col(c.lat), col(c.lon))
        lsoa = col(c.lsoa_code)
        assert self._wards is not None
        ward = pc.take(self._wards[1], pc.index_in(lsoa, value_set=self._wards[0]))
        return pa.record_batch(
            [
                pc.fill_null(pa.nulls(n, pa.int64()), source_id),
                col(c.crime_id),
                month,
                category,
                latitude,
                longitude,
                pc.utf8_slice_codeunits(col(c.location), 0, 200),
                lsoa,
                col(c.lsoa_name),
                ward,
                col(c.outcome),
            ],
            schema=crime_schema(),
        )

    def _month(self, text: str) -> str:
        month = self.parser.month(text)
        if month is None:
            raise self.fail("bad month")
        return str(month[1])

    def _category(self, text: str) -> str:
        if not text.strip():
            raise self.fail("no crime type")
        return self.parser.category(text)

    def _mapped(
        self, name: str, values: Any, known: dict[str, str], convert: Callable[[str], str]
    ) -> Any:
        """Convert each distinct value once (a month or crime type repeats thousands of times)."""
        if values.null_count:
            raise self.fail(f"empty {name}")
        grew = False
        for text in pc.unique(values).to_pylist():
            if text not in known:
                known[text] = convert(text)
                grew = True
        if grew or name not in self._lookups:
            self._lookups[name] = (
                pa.array(list(known), pa.string()),
                pa.array(list(known.values()), pa.string()),
            )
        keys, converted = self._lookups[name]
        return pc.take(converted, pc.index_in(values, value_set=keys))

    def _coordinates(self, lat_text: Any, lon_text: Any) -> tuple[Any, Any]:
        """Both empty is "No Location"; otherwise both must be numbers on the globe."""
        if not pc.all(pc.equal(pc.is_null(lat_text), pc.is_null(lon_text))).as_py():
            raise self.fail("bad coordinates")
        try:
            lat = pc.cast(lat_text, pa.float64())
            lon = pc.cast(lon_text, pa.float64())
        except pa.ArrowInvalid as exc:
            raise self.fail("bad coordinates") from exc
        inside = pc.and_(
            pc.and_(pc.greater_equal(lat, -90.0), pc.less_equal(lat, 90.0)),
            pc.and_(pc.greater_equal(lon, -180.0), pc.less_equal(lon, 180.0)),
        )
        if not pc.all(pc.fill_null(inside, True)).as_py():  # NaN compares false: refused too
            raise self.fail("bad coordinates")
        return lat, lon
