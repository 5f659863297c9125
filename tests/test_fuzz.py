"""Hypothesis-driven fuzzing: hostile or random input never raises, never leaves a traceback in
the log and never puts a resident's words there.

Bounded for CI: a fixed seed (``derandomize``), a few hundred examples per target, no example
database on disk. Each target is what a person outside can reach: the answer service and the
emergency guard (any text), the knowledge-base loader (any bytes), the crime-data importers (any
CSV or JSON) and the update handlers through the Bot API emulator (text, entities, buttons).
"""

from __future__ import annotations

import asyncio
import csv
import io
import itertools
import logging
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.answers import AnswerService, Reply
from bot.config import MatcherConfig
from bot.kb.base import KnowledgeStore, build, load_directory
from bot.kb.loader import load_file
from bot.safety import assess
from bot.stats.importers import import_paths
from bot.stats.importers.formats import CSV_HEADERS, MPS_WARDS, STREET_CSV
from bot.storage.db import Database
from tests.live import REPO_KB, RESIDENT, LiveBot, live_bot

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text a resident might send: any unicode (controls, surrogate-free astral, RTL overrides,
# zero-width joiners), with extra weight on words the answerers look for.
WORDS = [
    "burglary",
    "knife",
    "999",
    "help",
    "now",
    "scam",
    "/start",
    "@",
    "&amp;",
    "<b>",
    "ward",
    "Harrow",
    "crime",
    "stats",
    "events",
    "feedback",
    "\u202e",
    "\u200d",
    "🚓",
    "\x00",
    "\n",
]
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
wordy_text = st.lists(st.one_of(st.sampled_from(WORDS), any_text), max_size=12).map(" ".join)
resident_text = st.one_of(any_text, wordy_text)


# ------------------------------------------------------------------------ the answer service


class Gaps:
    def __init__(self) -> None:
        self.recorded = 0

    async def record(self, normalised_text: str, suggested: bool = False) -> None:
        self.recorded += 1


@pytest.fixture(scope="module")
def answers() -> AnswerService:
    kb = load_directory(REPO_KB).kb
    assert kb is not None
    return AnswerService(KnowledgeStore(kb), MatcherConfig(), "Harrow", gaps=Gaps())


@settings(FUZZ, max_examples=400)
@given(text=resident_text)
def test_the_answer_service_always_answers_in_words(answers: AnswerService, text: str) -> None:
    reply = asyncio.run(answers.answer(text, RESIDENT))
    assert isinstance(reply, Reply)
    assert reply.text.strip()


@settings(FUZZ, max_examples=600)
@given(text=resident_text)
def test_the_emergency_guard_never_raises(text: str) -> None:
    verdict = assess(text)
    assert verdict.verdict is not None


# --------------------------------------------------------------------- the knowledge loader

YAML_BITS = ["entries:", "\n", "  ", "- ", ": ", "id: ", "answer: ", "questions: ", "[", "]", "{",
             "}", ",", "&a ", "*a", "!!str ", "!!binary ", "!!python/object ", "? ", "|", ">",
             "'", '"', "#", "---", "...", "\t", "%YAML 1.1", "~", "2026-02-30", "1e999",
             "\x00", "\ufeff", "\u2028", "é", "🚓"]  # fmt: skip
yaml_ish = st.lists(st.one_of(st.sampled_from(YAML_BITS), any_text), max_size=60).map(
    lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
)


@settings(FUZZ, max_examples=500)
@given(data=st.one_of(st.binary(max_size=2000), yaml_ish))
def test_the_knowledge_loader_turns_any_bytes_into_problems(data: bytes) -> None:
    parsed = load_file("fuzz.yaml", data)
    for problem in parsed.problems:
        assert problem.file == "fuzz.yaml" and problem.message
    result = build({"fuzz.yaml": data})
    assert result.kb is not None or result.errors


# ------------------------------------------------------------------------- the importers

field_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


def _csv(header: tuple[str, ...], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


def csv_file(kinds: list[str]) -> st.SearchStrategy[tuple[str, bytes]]:
    def header(kind: str) -> tuple[str, ...]:
        if kind == MPS_WARDS:
            return (*CSV_HEADERS[MPS_WARDS][:5], "202401", "202402")
        return CSV_HEADERS[kind]

    return st.sampled_from(kinds).flatmap(
        lambda kind: st.tuples(
            st.just(f"{kind}.csv"),
            st.one_of(
                st.lists(st.lists(field_text, max_size=len(header(kind)) + 2), max_size=8).map(
                    lambda rows, k=kind: _csv(header(k), rows)
                ),
                st.binary(max_size=400).map(lambda raw, k=kind: _csv(header(k), []) + raw),
            ),
        )
    )


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | field_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(field_text, inner, max_size=4),
    max_leaves=20,
)
api_items = st.lists(
    st.fixed_dictionaries(
        {"category": field_text, "month": st.one_of(field_text, st.just("2024-01"))},
        optional={"location": json_value, "id": json_value, "outcome_status": json_value,
                  "persistent_id": json_value, "location_type": json_value},
    ),
    max_size=5,
)  # fmt: skip
json_file = st.tuples(
    st.just("crimes.json"),
    st.one_of(
        st.binary(max_size=400),
        json_value.map(lambda v: repr(v).encode()),
        api_items.map(lambda items: repr(items).replace("'", '"').replace("None", "null").encode()),
    ),
)
other_kinds = [k for k in CSV_HEADERS if k != STREET_CSV]


@pytest.fixture
def import_db(tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    target = tmp_path / "fuzz.db"
    shutil.copy(sqlite_template, target)
    yield f"sqlite+aiosqlite:///{target}"


def _import(url: str, folder: Path, name: str, data: bytes) -> Any:
    path = folder / name
    path.write_bytes(data)

    async def run() -> Any:
        db = Database(url)
        try:
            return await import_paths(db, [path])
        finally:
            await db.close()

    return asyncio.run(run())


def _assert_clear(report: Any, caplog: pytest.LogCaptureFixture) -> None:
    assert report.summaries or report.errors
    for error in report.errors:
        assert isinstance(error, str) and error and "Traceback" not in error
    assert not [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]


@settings(FUZZ, max_examples=120)
@given(file=st.one_of(csv_file(other_kinds), json_file))
def test_the_importers_summarise_any_csv_or_json(
    import_db: str, tmp_path: Path, caplog: pytest.LogCaptureFixture, file: tuple[str, bytes]
) -> None:
    report = _import(import_db, tmp_path, *file)
    _assert_clear(report, caplog)


@settings(FUZZ, max_examples=8)  # each goes through the bulk worker process: slower
@given(file=csv_file([STREET_CSV]))
def test_the_street_importer_summarises_any_csv(
    import_db: str, tmp_path: Path, caplog: pytest.LogCaptureFixture, file: tuple[str, bytes]
) -> None:
    report = _import(import_db, tmp_path, *file)
    _assert_clear(report, caplog)


# --------------------------------------------------------- the update handlers, end to end

ENTITY_TYPES = ["bot_command", "bold", "url", "text_link", "mention", "code", "custom_emoji",
                "nonsense"]  # fmt: skip
entities = st.lists(
    st.fixed_dictionaries(
        {"type": st.sampled_from(ENTITY_TYPES), "offset": st.integers(-2, 40),
         "length": st.integers(-2, 40)},
        optional={"url": field_text, "custom_emoji_id": field_text},
    ),
    max_size=4,
)  # fmt: skip
callback_data = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=80),
    st.sampled_from(["kb:", "topic:", "menu:", "kbok:", "kbsure:", "kbno:", "fb:", "ev:", "set:",
                     "st:", "ann:"]).flatmap(
        lambda prefix: st.text(st.characters(exclude_categories=("Cs",)), max_size=30).map(
            lambda rest: prefix + rest
        )
    ),
)  # fmt: skip
_marks = itertools.count()


@pytest.fixture
async def fuzz_bot(sqlite_db_url: str) -> AsyncIterator[LiveBot]:
    async with live_bot(sqlite_db_url, throttle={"max_messages": 10_000}) as bot:
        yield bot


def _private_words_in_log(caplog: pytest.LogCaptureFixture, mark: str, text: str) -> list[str]:
    found = []
    for record in caplog.records:
        line = record.getMessage()
        if mark in line or (len(text.strip()) >= 12 and text.strip() in line):
            found.append(line)
    return found


@settings(FUZZ, max_examples=150)
@given(text=resident_text, marks=entities, data=callback_data)
@example(text="🚓/x", marks=[{"type": "bot_command", "offset": 0, "length": 1}], data="kb:x")
@example(text="/menu", marks=[{"type": "bot_command", "offset": 0, "length": 99}], data="")
async def test_update_handlers_through_the_emulator(
    fuzz_bot: LiveBot, caplog: pytest.LogCaptureFixture, text: str, marks: list[Any], data: str
) -> None:
    caplog.set_level(logging.INFO)
    caplog.clear()
    emu = fuzz_bot.emu
    mark = f"zqx{next(_marks)}qz"
    user = RESIDENT + 1 + next(_marks) % 50  # several residents, none throttled
    words = f"{text} {mark}"
    emu.send_text(user, words, entities=_valid_for_emulator(words, marks))
    await emu.next_bot_message(user, timeout=10)
    menu = emu.bot_messages(user)[-1]
    query = emu.press_button(user, menu, data, force=True)
    await emu.wait_for_answer(query, timeout=10)
    await emu.settle(quiet=0.05, timeout=10)
    assert _private_words_in_log(caplog, mark, text) == []
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]
    assert "Traceback" not in caplog.text


def _valid_for_emulator(text: str, marks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Odd entities, as a broken client might send them, but ones the emulator can store."""
    out = []
    for mark in marks:
        entity = dict(mark)
        if entity["type"] == "text_link":
            entity.setdefault("url", "http://example.com")
        if entity["type"] == "custom_emoji":
            entity.setdefault("custom_emoji_id", "1")
        out.append(entity)
    return out
