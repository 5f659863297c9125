"""Recognising a file by its extension and header, with a clear message when it is not known."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

from bot.stats.street_layout import STREET_HEADER

STREET_CSV = "street-csv"
API_JSON = "api-json"
LSOA_COUNTS = "lsoa-counts"
MPS_WARDS = "mps-wards"
LSOA_WARD_LOOKUP = "lsoa-ward-lookup"
WARD_NAMES = "ward-names"
WARD_CENTROIDS = "ward-centroids"
ZIP = "zip"
SNAPSHOT = "snapshot"  # the package's own derived figures (bot/stats/snapshot.py), never a file

LSOA_COUNTS_HEADER = (
    "lsoa_code", "lsoa_name", "borough", "category", "year", "month", "crime_count",
)  # fmt: skip
MPS_FIXED_HEADER = ("MajorText", "MinorText", "WardName", "WardCode", "LookUp_BoroughName")
LOOKUP_HEADER = ("lsoa_code", "ward_code")
WARD_NAMES_HEADER = ("Unique Id", "Ward", "Area")
CENTROIDS_HEADER = ("GSS_CODE", "NAME", "lat", "lon")

YYYYMM = re.compile(r"^\d{6}$")

CSV_HEADERS: dict[str, tuple[str, ...]] = {
    STREET_CSV: STREET_HEADER,
    LSOA_COUNTS: LSOA_COUNTS_HEADER,
    MPS_WARDS: (*MPS_FIXED_HEADER, "YYYYMM", "..."),
    LSOA_WARD_LOOKUP: LOOKUP_HEADER,
    WARD_NAMES: WARD_NAMES_HEADER,
    WARD_CENTROIDS: CENTROIDS_HEADER,
}


def expected_headers() -> str:
    return "; ".join(f"{kind}: {','.join(cols)}" for kind, cols in CSV_HEADERS.items())


def format_of_header(header: Sequence[str]) -> str | None:
    cols = tuple(c.strip() for c in header)
    if cols[: len(STREET_HEADER)] == STREET_HEADER or {"Crime ID", "Month", "Crime type"} <= set(
        cols
    ):
        return STREET_CSV
    if cols == LSOA_COUNTS_HEADER:
        return LSOA_COUNTS
    if cols[:5] == MPS_FIXED_HEADER and len(cols) > 5 and all(YYYYMM.match(c) for c in cols[5:]):
        return MPS_WARDS
    for kind, expected in ((LSOA_WARD_LOOKUP, LOOKUP_HEADER), (WARD_NAMES, WARD_NAMES_HEADER)):
        if cols == expected:
            return kind
    if cols == CENTROIDS_HEADER:
        return WARD_CENTROIDS
    return None


def read_header(path: Path) -> list[str]:
    with path.open("rb") as raw:
        first = raw.readline(1 << 16)
    text = first.decode("utf-8-sig", errors="replace")
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0] if rows else []


def detect_format(path: Path) -> str:
    """The importer for ``path``: by extension for JSON and zip, by header for CSV."""
    suffix = path.suffix.lower()
    if path.is_dir():
        return API_JSON
    if suffix == ".zip":
        return ZIP
    if suffix == ".json":
        return API_JSON
    header = read_header(path)
    kind = format_of_header(header)
    if kind is None:
        found = ",".join(header)[:300] or "(empty file)"
        raise UnknownFormat(
            f"{path}: unrecognised header {found!r}; expected one of: {expected_headers()}"
        )
    return kind


class UnknownFormat(ValueError):
    pass
