"""What the importing process asks of the bulk loader's worker, and what the worker answers.

Plain JSON: the job on the worker's stdin, one event per line on its stdout. Statements arrive
compiled for SQLite with their values bound, except the finishing UPDATE, whose values only the
worker knows; it binds them by the names below, which the importing side uses to build it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

# Bind names of the statement that finishes a source (bot.stats.importers.base.finish_statement).
FINISH_ID = "finish_id"
FINISH_FIELDS = ("first_month", "last_month", "rows_read", "rows_imported", "rows_skipped")


def finish_name(column: str) -> str:
    return f"finish_{column}"


@dataclass
class Statement:
    sql: str
    params: list[Any] = field(default_factory=list)


@dataclass
class Job:
    database: str  # the SQLite file
    path: str  # the CSV, or the zip holding it
    member: str | None  # the CSV's name inside the zip
    label: str
    total_bytes: int
    claim: list[Statement]  # a count of previous imports first, the new source's id last
    lsoa_wards: Statement
    count_crimes: Statement
    rebuild_at_most: int | None  # rebuild the indexes if the table holds at most this many rows
    drop_indexes: list[str]
    create_indexes: list[str]
    finish: Statement  # its params are bind names: FINISH_ID and finish_name(FINISH_FIELDS)
    crimes_table: str

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Job:
        data = json.loads(text)
        statements = ("lsoa_wards", "count_crimes", "finish")
        for name in statements:
            data[name] = Statement(**data[name])
        data["claim"] = [Statement(**s) for s in data["claim"]]
        return cls(**data)


@dataclass
class Done:
    """The file is in, committed. Months as ``YYYY-MM-DD``."""

    rows_read: int
    imported: int
    replaced_previous: bool
    months: list[str]
    notes: list[str]
    peak_rss_kb: int


def event(kind: str, value: Any) -> str:
    """One line of the worker's stdout: ``progress`` [bytes, rows], ``careful`` or ``done``."""
    return json.dumps({kind: value})
