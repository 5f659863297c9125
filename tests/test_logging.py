"""The default log of a running bot says what happened, not that a job ran every few seconds."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import pytest

from bot.logs import ROUTINE_LIBRARIES, WORDY_LIBRARIES, set_library_levels
from tests.live import RESIDENT, live_bot


@pytest.fixture
def library_levels() -> Iterator[None]:
    names = (*ROUTINE_LIBRARIES, *WORDY_LIBRARIES)
    before = {name: logging.getLogger(name).level for name in names}
    for name in names:  # as a library leaves them, whatever ran before in this process
        logging.getLogger(name).setLevel(logging.NOTSET)
    yield
    for name, level in before.items():
        logging.getLogger(name).setLevel(level)


def _scheduler_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name.startswith("apscheduler") and r.levelno == logging.INFO]  # fmt: skip


async def test_scheduler_routine_is_debug_only(
    sqlite_db_url: str, caplog: pytest.LogCaptureFixture, library_levels: None
) -> None:
    caplog.set_level(logging.INFO)
    fast = {"dispatch_interval_s": 0.1}
    async with live_bot(sqlite_db_url, events=fast, feedback={"outbox_poll_s": 0.1}) as bot:
        await asyncio.sleep(0.5)
        assert _scheduler_lines(caplog), "the jobs should be running and the library chatty"
        caplog.clear()
        set_library_levels("INFO")
        await asyncio.sleep(0.5)
        await bot.ask(RESIDENT, "burglary tips")
        assert _scheduler_lines(caplog) == []
        assert all(r.levelno >= logging.INFO for r in caplog.records)
        set_library_levels("DEBUG")  # when debugging, they are back
        caplog.set_level(logging.DEBUG, logger="apscheduler")
        await asyncio.sleep(0.3)
        assert any(r.name.startswith("apscheduler") for r in caplog.records)
