"""A knowledge-base change made by one process reaches every other (``KnowledgeManager.follow``),
on each database engine; each process keeps its own folder in step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.kb.base import read_directory
from bot.kb.manager import KnowledgeManager, Outcome
from bot.storage.db import Database
from tests.kb_factory import entry, write_kb
from tests.test_kb_manager import STAFF, Clock, manager, new_file


def two_folders(tmp_path: Path) -> tuple[Path, Path]:
    first = write_kb(tmp_path / "one", {"a.yaml": [entry("first-one"), entry("second-one")]})
    second = tmp_path / "two"
    shutil.copytree(first, second)
    return first, second


def two_processes(db: Database, tmp_path: Path) -> tuple[KnowledgeManager, KnowledgeManager]:
    """Two bot processes' knowledge managers on one database, each with its own folder."""
    folder_one, folder_two = two_folders(tmp_path)
    clock = Clock()
    return manager(db, folder_one, clock), manager(db, folder_two, clock)


async def test_an_upload_on_one_process_is_served_by_the_other(
    db: Database, tmp_path: Path
) -> None:
    one, two = two_processes(db, tmp_path)
    await one.record_startup()
    assert await two.record_startup() is None  # same files: one version
    assert await two.follow() is None  # nothing new

    shown = await one.propose_upload(STAFF, "b.yaml", new_file("third-one"))
    assert shown.proposal is not None
    applied = await one.apply(STAFF, shown.proposal.token)
    assert applied.outcome is Outcome.APPLIED
    assert two.live.get("third-one") is None

    assert await two.follow() == applied.version_id
    assert two.live.get("third-one") is not None
    assert two.live.content_hash == one.live.content_hash
    # its folder is in step
    assert read_directory(tmp_path / "two") == read_directory(tmp_path / "one")
    assert await two.follow() is None


async def test_a_proposal_is_applied_by_whichever_process_the_button_reaches(
    db: Database, tmp_path: Path
) -> None:
    one, two = two_processes(db, tmp_path)
    shown = await one.propose_upload(STAFF, "b.yaml", new_file("third-one"))
    assert shown.proposal is not None
    assert (await two.apply(STAFF, shown.proposal.token)).outcome is Outcome.APPLIED
    assert two.live.get("third-one") is not None
    assert (await one.apply(STAFF, shown.proposal.token)).outcome is Outcome.EXPIRED  # once


async def test_a_process_starting_from_an_older_folder_serves_the_latest(
    db: Database, tmp_path: Path
) -> None:
    if db.backend != "postgresql":
        pytest.skip("SQLite runs one process: the folder it starts with is what it serves")
    folder_one, folder_two = two_folders(tmp_path)
    clock = Clock()
    one = manager(db, folder_one, clock)
    await one.record_startup()
    shown = await one.propose_upload(STAFF, "b.yaml", new_file("third-one"))
    assert shown.proposal is not None
    await one.apply(STAFF, shown.proposal.token)

    restarted = manager(db, folder_two, clock)  # its folder still holds version 1
    assert await restarted.record_startup() is None  # not recorded as the newest
    assert restarted.live.get("third-one") is not None
    assert [v.action for v in await restarted.history()] == ["upload", "startup"]
