"""Hostile knowledge files: each is a problem naming file and line, never a crash or a hang.

The same loader serves the ``kb check`` command, start-up, the folder watcher and uploads in
Telegram, so each file is tried through all four.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Config, ConfigError
from bot.kb.base import load_directory
from bot.kb.manager import Outcome
from bot.services import load_knowledge
from tests.live import COMMS, REPO_KB, LiveBot, live_bot

ROOT = Path(__file__).resolve().parents[1]

SELF_ALIAS = b"entries: &loop\n  - *loop\n"
DEEP = b"entries:\n  - " + b"[" * 5000 + b"]" * 5000 + b"\n"
NUL = b'entries:\n  - id: nul-byte\n    title: "Safe\x00ty"\n'
BILLION_LAUGHS = b"""entries:
  - &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
  - &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
  - &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
  - &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
  - &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
  - &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
  - &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
  - &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
  - &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""
BAD_DATE = b"entries:\n  - id: x\n    review_by: 2026-02-30\n"
COMPLEX_KEY = b"entries:\n  - ? [a, b]\n    : value\n"
TWO_DOCS = b"entries: []\n---\nentries: []\n"

# (file, line of the problem, words that must be in it)
HOSTILE: dict[str, tuple[bytes, int | None, str]] = {
    "self-alias.yaml": (SELF_ALIAS, 1, "YAML anchor"),
    "deep.yaml": (DEEP, 2, "nested more than 20 levels"),
    "nul.yaml": (NUL, 3, "invisible control character (U+0000)"),
    "laughs.yaml": (BILLION_LAUGHS, 2, "YAML anchor"),
    "bad-date.yaml": (BAD_DATE, 3, "cannot be read as a timestamp"),
    "complex-key.yaml": (COMPLEX_KEY, 2, "a key must be a plain word"),
    "two-docs.yaml": (TWO_DOCS, 2, "more than one YAML document"),
}


def test_alias_bomb_is_the_reported_size() -> None:
    assert len(BILLION_LAUGHS) <= 600


@pytest.fixture
def hostile_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(REPO_KB, folder)
    return folder


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_file_is_one_problem_with_file_and_line(hostile_dir: Path, name: str) -> None:
    data, line, words = HOSTILE[name]
    (hostile_dir / name).write_bytes(data)
    result = load_directory(hostile_dir)
    assert result.kb is None
    (problem,) = [p for p in result.errors if p.file == name]
    assert problem.line == line, problem
    assert words in problem.message, problem


def test_a_50_mb_file_is_refused_by_size(hostile_dir: Path) -> None:
    with open(hostile_dir / "huge.yaml", "wb") as handle:
        handle.write(b"entries: []\n")
        handle.truncate(50_000_000)
    result = load_directory(hostile_dir)
    assert [p.as_cli() for p in result.errors] == [
        "huge.yaml: file is too large (more than 1 MB; at most 1 MB)"
    ]


def test_kb_check_names_every_file_and_line_without_a_traceback(hostile_dir: Path) -> None:
    for name, (data, _line, _words) in HOSTILE.items():
        (hostile_dir / name).write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "kb", "check", str(hostile_dir)],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    for name, (_data, line, words) in HOSTILE.items():
        assert any(
            row.startswith(f"{name}:{line}: ") and words in row for row in done.stderr.splitlines()
        ), (name, done.stderr)


def test_start_up_lists_the_problem_and_stops_cleanly(hostile_dir: Path) -> None:
    (hostile_dir / "laughs.yaml").write_bytes(BILLION_LAUGHS)
    config = Config.model_validate({"knowledge_dir": str(hostile_dir)})
    with pytest.raises(ConfigError, match=r"laughs\.yaml:2: `&a` marks a part of the file"):
        load_knowledge(config)


@pytest.fixture
async def bot(sqlite_db_url: str, hostile_dir: Path) -> AsyncIterator[LiveBot]:
    async with live_bot(sqlite_db_url, knowledge_dir=str(hostile_dir)) as live:
        yield live


async def test_uploads_and_the_watcher_refuse_them_with_the_line(
    bot: LiveBot, hostile_dir: Path
) -> None:
    for name, (data, line, words) in HOSTILE.items():
        bot.emu.send_document(COMMS, name, data, mime="application/x-yaml")
        reply = (await bot.emu.next_bot_message(COMMS))["text"]
        assert reply.startswith(f"I can’t use “{name}”: 1 problem(s) to fix:"), reply
        assert f"• {name} line {line}: " in reply and words in reply, reply
    manager = bot.data.services.knowledge
    live_entries = len(manager.live)
    (hostile_dir / "deep.yaml").write_bytes(DEEP)
    assert await manager.watch_tick() is None  # changed: wait one tick for the editor to finish
    report = await manager.watch_tick()
    assert report is not None and report.outcome is Outcome.REFUSED
    assert [(p.file, p.line) for p in report.problems] == [("deep.yaml", 2)]
    assert len(manager.live) == live_entries
