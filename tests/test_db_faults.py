"""Database faults: bookkeeping never costs a resident their answer, busy writes are retried, and
a deployment mistake at start-up is one line naming the setting."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bot.config import ConfigError
from bot.storage import residents, unanswered
from bot.storage.db import Database
from bot.storage.models import Resident
from bot.storage.retry import retry_busy
from handlers.errors import SORRY
from tests.emulator import BotApiEmulator
from tests.live import RESIDENT, TOKEN, live_bot
from tests.prom import sample

ROOT = Path(__file__).resolve().parents[1]
LOCKED = OperationalError("UPDATE ...", {}, sqlite3.OperationalError("database is locked"))


def _always_locked(*_args: Any, **_kwargs: Any) -> Any:
    raise LOCKED


async def test_a_locked_last_seen_write_gives_the_answer_and_no_sorry(
    sqlite_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(residents, "touch", _always_locked)
    monkeypatch.setattr(unanswered, "record", _always_locked)
    async with live_bot(sqlite_db_url) as bot:
        answer = await bot.ask(RESIDENT, "burglary tips")
        assert "burglar" in answer["text"].lower()
        fallback = await bot.ask(RESIDENT, "xqzv wibble flarn")  # its gap count fails too
        assert fallback["text"].startswith("Sorry, I don’t have an answer to that yet")
        await bot.emu.expect_no_bot_message(RESIDENT, within=0.5)
        assert SORRY not in bot.emu.transcript(RESIDENT)
        metrics = bot.data.metrics.render().decode()
        assert sample(metrics, "localbeat_errors_total") == 0.0


async def test_the_fallback_does_not_wait_for_its_gap_to_be_counted(
    sqlite_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The count of an unanswered question is held until the resident has their reply: had the
    reply waited for it, it would never come. Once let go, the count lands and /gaps lists it."""
    real, release = unanswered.record, asyncio.Event()

    async def held(*args: Any, **kwargs: Any) -> Any:
        await release.wait()
        return await real(*args, **kwargs)

    monkeypatch.setattr(unanswered, "record", held)
    async with live_bot(sqlite_db_url) as bot:
        fallback = await bot.ask(RESIDENT, "xqzv wibble flarn")
        assert fallback["text"].startswith("Sorry, I don’t have an answer to that yet")
        release.set()
        await bot.data.services.gaps.settle()
        async with bot.data.services.db.sessions() as session:
            assert [g.text for g in await unanswered.top(session)] == ["xqzv wibble flarn"]


async def test_a_busy_write_is_retried_and_lands(
    sqlite_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real, calls = residents.touch, []

    async def busy_once(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise LOCKED
        return await real(*args, **kwargs)

    monkeypatch.setattr(residents, "touch", busy_once)
    async with live_bot(sqlite_db_url) as bot:
        await bot.ask(RESIDENT, "burglary tips")
        async with bot.data.services.db.sessions() as session:
            seen = (await session.scalars(select(Resident.telegram_id))).all()
    assert len(calls) == 2 and list(seen) == [RESIDENT]


async def test_a_real_lock_held_for_a_second_delays_but_does_not_break_the_answer(
    sqlite_db_url: str,
) -> None:
    path = sqlite_db_url.split("///", 1)[1]
    newcomer = RESIDENT + 1  # never seen: their first message writes "last seen"
    async with live_bot(sqlite_db_url) as bot:
        await bot.ask(RESIDENT, "hello")  # start-up writes are done
        holder = sqlite3.connect(path, timeout=5, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # the write lock: the bot's writes must wait
        try:
            bot.emu.send_text(newcomer, "xqzv wibble flarn")  # last seen and a gap: two writes
            await asyncio.sleep(1.0)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        answer = await bot.emu.next_bot_message(newcomer, timeout=8)
        assert answer["text"].startswith("Sorry, I don’t have an answer to that yet")
        await bot.emu.expect_no_bot_message(newcomer, within=0.5)


async def test_retry_gives_up_on_errors_that_are_not_busy() -> None:
    calls = []

    async def broken() -> None:
        calls.append(1)
        raise OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: x"))

    with pytest.raises(OperationalError):
        await retry_busy(broken)
    assert calls == [1]


# ------------------------------------------------------------------------------------ start-up


async def cli(tmp_path: Path, *args: str, **env: str) -> tuple[int, str]:
    """Run ``localbeat`` without blocking this event loop (the emulator lives in it)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LOCALBEAT_")}
    base = {
        "LOCALBEAT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'ok.db'}",
        "LOCALBEAT_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args, env={**clean, **base, **env}, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return proc.returncode, err.decode()


def _one_line(err: str) -> str:
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://x/y", "database.url (LOCALBEAT_DATABASE_URL): 'mysql://x/y' is not a database"),
        ("not a url", "is not a database Local Beat can use; use sqlite+aiosqlite:///"),
        ("sqlite:///plain.db", "'sqlite:///plain.db' is not a database Local Beat can use"),
        ("sqlite+aiosqlite:////no/such/folder/x.db",
         "the folder /no/such/folder for the SQLite file does not exist"),
        ("postgresql+asyncpg://postgres:hunter2@127.0.0.1:1/test",
         "cannot reach PostgreSQL at 127.0.0.1:1 (Connect call failed"),
    ],
)  # fmt: skip
async def test_database_mistakes_at_start_up_are_one_line(url: str, expected: str) -> None:
    with pytest.raises(ConfigError) as raised:
        db = Database(url)
        await db.migrate()
    line = str(raised.value)
    assert "\n" not in line
    assert line.startswith("database.url (LOCALBEAT_DATABASE_URL): "), line
    assert expected in line, line
    assert "hunter2" not in line


async def test_the_cli_prints_that_line_alone(tmp_path: Path) -> None:
    code, err = await cli(tmp_path, "db", "upgrade", LOCALBEAT_DATABASE_URL="mysql://x/y")
    assert code == 2
    assert _one_line(err).startswith("localbeat: database.url (LOCALBEAT_DATABASE_URL): ")


async def test_a_read_only_sqlite_file_is_named_before_the_bot_starts(tmp_path: Path) -> None:
    code, _ = await cli(tmp_path, "db", "upgrade")
    assert code == 0
    read_only = f"sqlite+aiosqlite:///file:{tmp_path / 'ok.db'}?mode=ro&uri=true"
    code, err = await cli(tmp_path, "ask", "hello", LOCALBEAT_DATABASE_URL=read_only)
    assert code == 2
    assert f"the SQLite file {tmp_path / 'ok.db'} is read-only" in _one_line(err)


async def test_run_explains_a_missing_folder_a_bad_database_and_a_refused_token(
    tmp_path: Path,
) -> None:
    async with BotApiEmulator(token=TOKEN) as emu:
        telegram = {"LOCALBEAT_TELEGRAM_TOKEN": TOKEN, "LOCALBEAT_TELEGRAM_BASE_URL": emu.url}
        code, err = await cli(tmp_path, "run", LOCALBEAT_KNOWLEDGE_DIR="/no/such/kb", **telegram)
        assert code == 2
        assert "knowledge_dir (LOCALBEAT_KNOWLEDGE_DIR): the folder /no/such/kb" in _one_line(err)
        code, err = await cli(
            tmp_path, "run", LOCALBEAT_DATABASE_URL="sqlite+aiosqlite:////nope/x.db", **telegram
        )
        assert code == 2
        assert "the folder /nope for the SQLite file does not exist" in _one_line(err)
        wrong = {**telegram, "LOCALBEAT_TELEGRAM_TOKEN": "999:WRONG"}
        code, err = await cli(tmp_path, "run", **wrong)
        assert code == 2
        assert "telegram.token (LOCALBEAT_TELEGRAM_TOKEN): Telegram refused" in _one_line(err)
