"""What a change to the knowledge base does for residents, by entry id.

Comms staff confirm a change by reading this summary, so it names entries (which they know) rather
than lines of YAML, and says which fields of a changed entry differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.kb.base import KnowledgeBase

MAX_LISTED = 25


@dataclass(frozen=True, slots=True)
class Changed:
    entry_id: str
    fields: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.entry_id} ({', '.join(self.fields)})"


@dataclass(frozen=True, slots=True)
class KbDiff:
    added: tuple[str, ...] = ()
    changed: tuple[Changed, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def counts(self) -> str:
        """``1 added, 2 changed, 0 removed``: short enough for a history line."""
        return counts_text(len(self.added), len(self.changed), len(self.removed))

    def lines(self) -> list[str]:
        if self.empty:
            return ["No answers change (only comments or layout differ)."]
        return [
            _listing("Added", list(self.added)),
            _listing("Changed", [str(c) for c in self.changed]),
            _listing("Removed", list(self.removed)),
        ]

    def summary(self, limit: int = 1000) -> str:
        """One line for the version history: the counts, then the entries by what happened."""
        if self.empty:
            return "no answers changed"
        groups = [("added", list(self.added)), ("changed", [c.entry_id for c in self.changed]),
                  ("removed", list(self.removed))]  # fmt: skip
        named = "; ".join(f"{verb} {', '.join(ids)}" for verb, ids in groups if ids)
        text = f"{self.counts()}: {named}"
        return text if len(text) <= limit else text[: limit - 1] + "…"


def counts_text(added: int, changed: int, removed: int) -> str:
    return f"{added} added, {changed} changed, {removed} removed"


_LEGACY = re.compile(r"^\+(\d+) ~(\d+) -(\d+)(?:: (.*))?$", re.S)
_LEGACY_VERBS = {"+": "added", "~": "changed", "-": "removed"}


def readable_summary(summary: str) -> str:
    """A stored history line in words; versions recorded before read ``+1 ~0 -0: +entry``."""
    found = _LEGACY.match(summary)
    if found is None:
        return summary
    added, changed, removed, listed = found.groups()
    grouped: dict[str, list[str]] = {}
    for item in (listed or "").split():
        if item[:1] in _LEGACY_VERBS:
            grouped.setdefault(_LEGACY_VERBS[item[0]], []).append(item[1:])
    named = "; ".join(f"{verb} {', '.join(ids)}" for verb, ids in grouped.items())
    counts = counts_text(int(added), int(changed), int(removed))
    return f"{counts}: {named}" if named else counts


def _listing(label: str, items: list[str]) -> str:
    if not items:
        return f"{label}: none"
    shown = ", ".join(items[:MAX_LISTED])
    more = f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else ""
    return f"{label} ({len(items)}): {shown}{more}"


def _changed_fields(old: KnowledgeBase, new: KnowledgeBase, entry_id: str) -> tuple[str, ...]:
    before, after = old.entries[entry_id].model_dump(), new.entries[entry_id].model_dump()
    fields = [name for name in after if before.get(name) != after[name]]
    if old.files.get(entry_id) != new.files.get(entry_id):
        fields.append(f"moved to {new.files.get(entry_id)}")
    return tuple(fields)


def diff(old: KnowledgeBase, new: KnowledgeBase) -> KbDiff:
    added = tuple(sorted(set(new.entries) - set(old.entries)))
    removed = tuple(sorted(set(old.entries) - set(new.entries)))
    changed = []
    for entry_id in sorted(set(old.entries) & set(new.entries)):
        fields = _changed_fields(old, new, entry_id)
        if fields:
            changed.append(Changed(entry_id, fields))
    return KbDiff(added, tuple(changed), removed)
