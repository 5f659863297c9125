"""A loaded, checked knowledge base and the checks that decide whether it may go live."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from bot.kb.loader import MAX_FILE_BYTES, ParsedFile, load_file
from bot.kb.problems import Problem
from bot.kb.render import render_answer
from bot.kb.schema import MAX_ANSWER_CHARS, Entry
from bot.matcher import MatchIndex
from bot.text import normalise

if TYPE_CHECKING:
    from bot.retrieval.semantics import Semantics
    from bot.retrieval.vectors import VectorIndex

# Service numbers and addresses are not figures; anything else with a digit states one.
_NOT_FIGURES = re.compile(
    r"https?://\S+|\b0\d{3} ?\d{3} ?\d{3,4}\b|\b(?:999|101|111|112|159|7726|18000|55)\b"
    r"|/\w+|\b24/7\b"
)


# Text we send is escaped, so markup cannot break a message; invisible control characters and
# direction overrides still can (garbled or reversed text), so they are refused.
_UNSAFE_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def states_figure(answer: str) -> bool:
    return any(ch.isdigit() for ch in _NOT_FIGURES.sub(" ", answer))


def unsafe_character(text: str) -> str | None:
    """Describe the first character that would garble a Telegram message, if any."""
    found = _UNSAFE_CHARS.search(text)
    if found is None:
        return None
    char, at = found.group(), found.start()
    name = unicodedata.name(char, "control character")
    near = text[max(0, at - 20) : at].split("\n")[-1].strip()
    where = f" just after “{near}”" if near else ""
    return f"an invisible character U+{ord(char):04X} ({name.lower()}){where}"


def content_hash(files: Mapping[str, bytes]) -> str:
    """One fingerprint for a whole set of files: the same files always give the same hash."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class KnowledgeBase:
    """Immutable once built: a reload builds a new one beside it and swaps the reference."""

    entries: Mapping[str, Entry]
    files: Mapping[str, str]  # entry id → file name
    index: MatchIndex
    content_hash: str
    warnings: tuple[Problem, ...] = ()
    sources: Mapping[str, bytes] = field(default_factory=dict)  # file name → bytes it came from
    vectors: VectorIndex | None = None  # phrase embeddings; None when serving lexically

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    @cached_property
    def with_reports(self) -> tuple[str, ...]:
        """Entries offered beside every reporting reply, found once per snapshot rather than at
        every reply."""
        return tuple(e.id for e in self.entries.values() if e.with_reports)


@dataclass
class LoadResult:
    kb: KnowledgeBase | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def _check(parsed: list[ParsedFile], today: date) -> list[Problem]:
    problems: list[Problem] = []
    owner: dict[str, tuple[str, int | None]] = {}
    questions: dict[str, str] = {}
    all_ids = {e.id for p in parsed for e in p.entries}
    for pf in parsed:
        for i, entry in enumerate(pf.entries):
            line = pf.line_of(("entries", i))

            def at(key: str, i: int = i, pf: ParsedFile = pf) -> int | None:
                return pf.line_of(("entries", i, key))

            if entry.id in owner:
                first_file, first_line = owner[entry.id]
                problems.append(Problem.error(
                    pf.name, at("id"),
                    f"id `{entry.id}` is already used in {first_file} line {first_line}",
                    entry.id,
                ))  # fmt: skip
            owner.setdefault(entry.id, (pf.name, line))
            for q in entry.questions:
                key = normalise(q)
                other = questions.setdefault(key, entry.id)
                if other != entry.id:
                    problems.append(Problem.error(
                        pf.name, at("questions"),
                        f"question “{q}” is also a question of entry {other}", entry.id,
                    ))  # fmt: skip
            if entry.source is None and states_figure(f"{entry.answer}\n{entry.route or ''}"):
                problems.append(Problem.error(
                    pf.name, at("answer"),
                    "the answer states a figure but has no `source` (title and date)", entry.id,
                ))  # fmt: skip
            length = len(render_answer(entry))
            if length > MAX_ANSWER_CHARS:
                problems.append(Problem.error(
                    pf.name, at("answer"),
                    f"the answer is {length:,} characters with its source; "
                    f"Telegram allows {MAX_ANSWER_CHARS:,}",
                    entry.id,
                ))  # fmt: skip
            for rel in entry.related:
                if rel not in all_ids:
                    problems.append(Problem.error(
                        pf.name, at("related"), f"`related` names unknown entry `{rel}`", entry.id
                    ))  # fmt: skip
            texts = (("title", entry.title), ("answer", render_answer(entry)),
                     ("route", entry.route or ""))  # fmt: skip
            for key, text in texts:
                bad = unsafe_character(text)
                if bad:
                    problems.append(Problem.error(
                        pf.name, at(key),
                        f"the {key} contains {bad}; delete that spot and type it again", entry.id,
                    ))  # fmt: skip
            if entry.review_by < today:
                problems.append(Problem.warning(
                    pf.name, at("review_by"),
                    f"review date {entry.review_by.isoformat()} has passed; please check it",
                    entry.id,
                ))  # fmt: skip
    return problems


def semantic_phrases(entry: Entry) -> tuple[str, ...]:
    """What a resident's question is compared with by meaning: the ways of asking, and the title."""
    return (*entry.questions, entry.title)


def build(
    files: Mapping[str, bytes], today: date | None = None, semantics: Semantics | None = None
) -> LoadResult:
    """Validate a set of files (name → bytes) and build a knowledge base if nothing is wrong.

    With ``semantics``, phrase vectors are built too (seconds the first time, then from the
    cache); if they cannot be, the knowledge base still loads and is matched lexically.
    """
    if not files:
        return LoadResult(None, [Problem.error("knowledge", None, "no .yaml files found")])
    parsed = [load_file(name, files[name]) for name in sorted(files)]
    problems = [p for pf in parsed for p in pf.problems]
    if not problems:
        problems = _check(parsed, today or date.today())
    if any(p.severity == "error" for p in problems):
        return LoadResult(None, problems)
    entries = {e.id: e for pf in parsed for e in pf.entries}
    index = MatchIndex((e.id, (*e.questions, *e.keywords, e.title)) for e in entries.values())
    vectors = (
        semantics.index((e.id, semantic_phrases(e)) for e in entries.values())
        if semantics is not None
        else None
    )
    kb = KnowledgeBase(
        entries=entries,
        files={e.id: pf.name for pf in parsed for e in pf.entries},
        index=index,
        content_hash=content_hash(files),
        warnings=tuple(problems),
        sources=dict(files),
        vectors=vectors,
    )
    return LoadResult(kb, problems)


def _read(path: Path, limit: int | None) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(-1 if limit is None else limit)


def read_directory(path: Path, limit: int | None = None) -> dict[str, bytes]:
    """The knowledge files of a folder: its top-level ``*.yaml``/``*.yml`` files.

    With ``limit``, no more than that many bytes of each are read: enough to check, while a huge
    file dropped in the folder by mistake costs nothing.
    """
    if not path.is_dir():
        return {}
    return {
        p.name: _read(p, limit)
        for p in sorted(path.iterdir())
        if p.suffix in {".yaml", ".yml"} and p.is_file()
    }


CHECK_LIMIT = MAX_FILE_BYTES + 1  # one byte past the largest file allowed: enough to refuse it


def load_directory(
    path: Path, today: date | None = None, semantics: Semantics | None = None
) -> LoadResult:
    return build(read_directory(path, CHECK_LIMIT), today, semantics)


class KnowledgeStore:
    """Holds the live knowledge base; a broken candidate never replaces it."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb

    @property
    def current(self) -> KnowledgeBase:
        return self._kb

    def replace(self, result: LoadResult) -> bool:
        if result.kb is None:
            return False
        self._kb = result.kb
        return True
