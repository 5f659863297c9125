"""A problem found in the knowledge base, worded for comms staff rather than developers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int | None
    message: str
    entry_id: str | None = None
    severity: Severity = "error"

    @classmethod
    def error(
        cls, file: str, line: int | None, message: str, entry_id: str | None = None
    ) -> Problem:
        return cls(file, line, message, entry_id, "error")

    @classmethod
    def warning(
        cls, file: str, line: int | None, message: str, entry_id: str | None = None
    ) -> Problem:
        return cls(file, line, message, entry_id, "warning")

    def as_cli(self) -> str:
        """``file:line: message``, the form editors and CI logs link to."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        entry = f" (entry {self.entry_id})" if self.entry_id else ""
        label = "warning: " if self.severity == "warning" else ""
        return f"{where}: {label}{self.message}{entry}"

    def as_plain(self) -> str:
        """``burglary.yaml line 14, entry burglary-locks: `answer` is missing``."""
        parts = [self.file]
        if self.line:
            parts.append(f" line {self.line}")
        if self.entry_id:
            parts.append(f", entry {self.entry_id}")
        label = "Warning: " if self.severity == "warning" else ""
        return f"{''.join(parts)}: {label}{self.message}"
