"""The knowledge manager on each database engine: versions, confirmations, staleness, the CLI."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.kb.base import KnowledgeStore, build, load_directory, read_directory
from bot.kb.manager import KnowledgeManager, Outcome
from bot.privacy import PrivacyService
from bot.storage import kb_versions, unanswered
from bot.storage.db import Database
from bot.storage.models import UnansweredQuestion
from tests.kb_factory import entry, write_kb

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
STAFF = 7002
OTHER_STAFF = 7003


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def manager(db: Database, folder: Path, clock: Clock) -> KnowledgeManager:
    result = load_directory(folder, NOW.date())
    assert result.kb is not None
    return KnowledgeManager(KnowledgeStore(result.kb), folder, db, clock)


def new_file(entry_id: str) -> bytes:
    import yaml

    return yaml.safe_dump({"entries": [entry(entry_id)]}).encode()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_kb(tmp_path / "kb", {"a.yaml": [entry("first-one"), entry("second-one")]})


async def test_versions_startup_upload_rollback(db: Database, folder: Path) -> None:
    clock = Clock()
    kb = manager(db, folder, clock)
    assert await kb.record_startup() == 1
    assert await kb.record_startup() is None  # same files: not recorded twice
    original = read_directory(folder)

    shown = await kb.propose_upload(STAFF, "b.yaml", new_file("third-one"))
    assert shown.outcome is Outcome.PROPOSED and shown.proposal is not None
    assert shown.diff is not None and shown.diff.added == ("third-one",)
    clock.now += timedelta(minutes=5)
    applied = await kb.apply(STAFF, shown.proposal.token)
    assert (applied.outcome, applied.version_id, applied.entries) == (Outcome.APPLIED, 2, 3)
    assert kb.live.get("third-one") is not None
    assert (folder / "b.yaml").exists()

    back = await kb.propose_rollback(STAFF, 1)
    assert back.proposal is not None and back.diff is not None
    assert back.diff.removed == ("third-one",)
    assert (await kb.apply(STAFF, back.proposal.token)).outcome is Outcome.APPLIED
    assert read_directory(folder) == original
    assert kb.live.get("third-one") is None

    history = await kb.history()
    assert [(v.id, v.action, v.actor_id, v.entry_count) for v in history] == [
        (3, "rollback", STAFF, 2), (2, "upload", STAFF, 3), (1, "startup", None, 2),
    ]  # fmt: skip
    assert history[1].created_at.replace(tzinfo=UTC) == NOW + timedelta(minutes=5)
    assert history[0].content_hash == history[2].content_hash == kb.live.content_hash
    async with db.sessions() as session:
        restored = await kb_versions.files_of(session, 2)
    assert restored is not None and restored["b.yaml"] == new_file("third-one")


async def test_a_proposal_is_only_for_its_sender_and_expires(db: Database, folder: Path) -> None:
    clock = Clock()
    kb = manager(db, folder, clock)
    shown = await kb.propose_upload(STAFF, "b.yaml", new_file("third-one"))
    assert shown.proposal is not None
    assert (await kb.apply(OTHER_STAFF, shown.proposal.token)).outcome is Outcome.EXPIRED
    clock.now += timedelta(hours=2)
    assert (await kb.apply(STAFF, shown.proposal.token)).outcome is Outcome.EXPIRED
    assert kb.live.get("third-one") is None
    newer = await kb.propose_upload(STAFF, "c.yaml", new_file("fourth-one"))
    latest = await kb.propose_upload(STAFF, "d.yaml", new_file("fifth-one"))
    assert newer.proposal is not None and latest.proposal is not None
    assert (await kb.apply(STAFF, newer.proposal.token)).outcome is Outcome.EXPIRED  # replaced
    assert (await kb.apply(STAFF, latest.proposal.token)).outcome is Outcome.APPLIED


async def test_a_single_file_goes_stale_when_the_folder_changes(db: Database, folder: Path) -> None:
    kb = manager(db, folder, Clock())
    shown = await kb.propose_upload(STAFF, "b.yaml", new_file("third-one"))
    assert shown.proposal is not None
    (folder / "c.yaml").write_bytes(new_file("sneaked-in"))
    stale = await kb.apply(STAFF, shown.proposal.token)
    assert stale.outcome is Outcome.STALE
    assert "files in the knowledge folder changed" in stale.reason
    assert not (folder / "b.yaml").exists()


async def test_a_broken_reload_keeps_the_live_kb(db: Database, folder: Path) -> None:
    kb = manager(db, folder, Clock())
    live = kb.live
    (folder / "a.yaml").write_text("entries:\n  - id: first-one\n    topic: nonsense\n")
    report = await kb.reload(STAFF)
    assert report.outcome is Outcome.REFUSED
    assert kb.live is live
    assert any(p.file == "a.yaml" and p.line == 2 for p in report.problems)


async def test_staff_get_their_versions_in_mydata_and_keep_them_after_forget(
    db: Database, folder: Path
) -> None:
    kb = manager(db, folder, Clock())
    shown = await kb.propose_upload(STAFF, "b.yaml", new_file("third-one"))
    assert shown.proposal is not None
    await kb.apply(STAFF, shown.proposal.token)
    privacy = PrivacyService(db, [kb_versions.PRIVACY_SECTION])
    exported = await privacy.export(STAFF)
    assert [(v["version"], v["action"]) for v in exported["knowledge_versions"]] == [(1, "upload")]
    assert await privacy.forget(STAFF) == 0
    assert len(await kb.history()) == 1


def test_overdue_lists_entries_past_review_by_file(tmp_path: Path, db: Database) -> None:
    folder = write_kb(tmp_path / "kb", {
        "b.yaml": [entry("late-one", review_by="2026-01-01")],
        "a.yaml": [entry("later-one", review_by="2026-06-01"), entry("fine-one")],
    })  # fmt: skip
    result = build(read_directory(folder), NOW.date())
    assert result.kb is not None
    kb = KnowledgeManager(KnowledgeStore(result.kb), folder, db, Clock())
    assert [(f, i) for f, i, _ in kb.overdue()] == [("a.yaml", "later-one"), ("b.yaml", "late-one")]


def test_cli_kb_gaps_lists_and_writes_csv(
    tmp_path: Path, sqlite_db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    async def seed() -> None:
        db = Database(sqlite_db_url)
        async with db.sessions.begin() as session:
            await unanswered.record(session, "where can i park my horse")
            await unanswered.record(session, "where can i park my horse")
            for suggested in (True, True, False):
                await unanswered.record(session, "i want to buy a car", suggested=suggested)
            await unanswered.record(session, "bike lock advise", suggested=True)
            session.add(UnansweredQuestion(
                normalised_text="an old one, with a comma", count=4,
                first_seen_at=datetime.now(UTC) - timedelta(days=50),
                last_seen_at=datetime.now(UTC) - timedelta(days=40),
            ))  # fmt: skip
        await db.close()

    asyncio.run(seed())
    config = tmp_path / "config.yaml"
    config.write_text(f"database:\n  url: {sqlite_db_url}\n")
    assert main(["--config", str(config), "kb", "gaps"]) == 0
    out = capsys.readouterr().out
    assert "Unanswered questions in the last 30 days" in out
    assert "     2×  " in out and "where can i park my horse" in out and "old one" not in out
    today = f"{datetime.now(UTC):%Y-%m-%d}"
    assert out.splitlines()[1:] == [
        f"     3×  {today}  i want to buy a car — 1× no answer, 2× only suggestions offered",
        f"     2×  {today}  where can i park my horse — no answer",
        f"     1×  {today}  bike lock advise — only suggestions offered",
    ]

    assert main(["--config", str(config), "kb", "gaps", "--days", "60", "--csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == [
        "question", "times_asked", "first_asked", "last_asked",
        "times_no_answer", "times_only_suggestions",
    ]  # fmt: skip
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("an old one, with a comma", "4"), ("i want to buy a car", "3"),
        ("where can i park my horse", "2"), ("bike lock advise", "1"),
    ]  # fmt: skip
    assert [(r[0], r[4], r[5]) for r in rows[1:]] == [
        ("an old one, with a comma", "4", "0"), ("i want to buy a car", "1", "2"),
        ("where can i park my horse", "2", "0"), ("bike lock advise", "0", "1"),
    ]  # fmt: skip
    with pytest.raises(SystemExit):
        main(["--config", str(config), "kb", "gaps", "--days", "0"])
    assert "must be between 1 and 3650" in capsys.readouterr().err
