"""Configurations that cannot run as several processes are refused at start-up in one line.

A second ``localbeat run`` on the same SQLite file, and a second polling process on the same
PostgreSQL database, stop with exit code 2 and a line naming the setting and how to run
replicas; the first one keeps running.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import yaml

from tests.conftest import POSTGRES_URL
from tests.emulator import BotApiEmulator
from tests.live import REPO_KB
from tests.test_kill_restart import LOCALBEAT, REPO_ROOT, free_port

TOKEN = "123:REFUSE"


def config(tmp_path: Path, name: str, db_url: str, emu: BotApiEmulator) -> Path:
    raw: dict[str, Any] = {
        "telegram": {"base_url": emu.url, "team_chat_id": -100_1},
        "database": {"url": db_url},
        "knowledge_dir": str(REPO_KB),
        "matcher": {"model": "none"},
        "http": {"host": "127.0.0.1", "port": free_port()},
        "replicas": {"lease_seconds": 1},
        "log_level": "ERROR",
    }
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


def health_port(path: Path) -> int:
    return int(yaml.safe_load(path.read_text())["http"]["port"])


@asynccontextmanager
async def first_process(path: Path) -> AsyncIterator[None]:
    env = {**os.environ, "LOCALBEAT_TELEGRAM_TOKEN": TOKEN}
    proc = await asyncio.create_subprocess_exec(
        *LOCALBEAT, "--config", str(path), "run", cwd=REPO_ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(300):
                try:
                    async with http.get(f"http://127.0.0.1:{health_port(path)}/healthz") as r:
                        if r.status == 200:
                            break
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)
        yield
        assert proc.returncode is None, "the first process keeps running"
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(proc.wait(), 30)


async def second_process(path: Path) -> tuple[int, str]:
    env = {**os.environ, "LOCALBEAT_TELEGRAM_TOKEN": TOKEN}
    proc = await asyncio.create_subprocess_exec(
        *LOCALBEAT, "--config", str(path), "run", cwd=REPO_ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return proc.returncode, err.decode()


def one_line(err: str) -> str:
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


async def refusal(tmp_path: Path, url: str) -> str:
    """What a second `localbeat run` on the same database says, one running already; it must
    exit with 2 and one line, no traceback."""
    async with (
        BotApiEmulator(token=TOKEN) as emu,
        first_process(config(tmp_path, "first", url, emu)),
    ):
        code, err = await second_process(config(tmp_path, "second", url, emu))
    assert code == 2
    return one_line(err)


async def test_a_second_bot_process_on_one_sqlite_file_is_refused(tmp_path: Path) -> None:
    line = await refusal(tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'localbeat.db'}")
    assert line.startswith("localbeat: database.url (LOCALBEAT_DATABASE_URL): the SQLite file")
    assert "is already used by `localbeat run` (pid " in line
    assert "use PostgreSQL to run several" in line and "Running several replicas" in line


@pytest.mark.skipif(not POSTGRES_URL, reason="LOCALBEAT_TEST_POSTGRES_URL not set")
async def test_a_second_polling_process_on_one_database_is_refused(
    tmp_path: Path, postgres_migrated: str
) -> None:
    line = await refusal(tmp_path, postgres_migrated)
    assert line.startswith("localbeat: telegram (polling): another `localbeat run`")
    assert "`localbeat run --webhook` behind a load balancer" in line
