"""Comms staff change the live knowledge base through the bot, and residents notice at once.

Each test runs the real application against a copy of the repository's knowledge folder, so
uploads, reloads and rollbacks write files there and never touch the real one.
"""

from __future__ import annotations

import io
import shutil
import stat
import zipfile
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import CallbackContext

from bot.kb.base import load_directory, read_directory
from bot.kb.wording import EXPIRED as PROPOSAL_EXPIRED
from bot.storage import kb_versions, unanswered
from bot.storage.kb_versions import KnowledgeVersion
from bot.storage.models import AuditEntry, UnansweredQuestion
from handlers import knowledge
from handlers.unsupported import CANNOT_READ
from tests.live import ADMIN, COMMS, REPO_KB, RESIDENT, LiveBot, buttons, live_bot


def _shipped() -> tuple[int, int]:
    """Entries and files of the repository's knowledge folder, which each test starts from."""
    kb = load_directory(REPO_KB).kb
    assert kb is not None
    return len(kb), len(read_directory(REPO_KB))


SHIPPED, SHIPPED_FILES = _shipped()
SCOOTER_QUESTION = "how do I stop my e-scooter being stolen"
SCOOTER_ANSWER = "Lock your e-scooter to something fixed"
SCOOTER = """
  - id: e-scooter-theft
    topic: prevention
    title: "E-scooter theft"
    questions:
      - "how do I stop my e-scooter being stolen"
      - "e-scooter security"
    keywords: ["e-scooter", "scooter"]
    answer: |-
      Lock your e-scooter to something fixed with a good lock, even for a minute, and keep it
      indoors overnight.
    source:
      title: "Metropolitan Police: crime prevention advice"
      date: "2026-11"
    scope: met
    review_by: 2027-05-01
    related: [bike-theft]
"""
BURGLARY_QUESTION = "how do i stop burglars"
BURGLARY_OLD = "Most burglars look for an easy opportunity."
BURGLARY_NEW = "Lock every door and window, even when you pop out."
REFUSED = "Sorry, that is only for communications staff of the policing team."
STAFF_NOT_COMMS = 7010  # a second comms id who never opened the bot


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(REPO_KB, target)
    return target


@pytest.fixture
async def bot(sqlite_db_url: str, kb_dir: Path) -> AsyncIterator[LiveBot]:
    async with live_bot(sqlite_db_url, knowledge_dir=str(kb_dir)) as live:
        yield live


async def send_file(
    bot: LiveBot, name: str, data: bytes, mime: str = "application/x-yaml", user: int = COMMS
) -> dict[str, Any]:
    bot.emu.send_document(user, name, data, mime=mime)
    return await bot.emu.next_bot_message(user)


async def press(bot: LiveBot, message: dict[str, Any], label: str) -> dict[str, Any]:
    """Tap a button; returns the bot's next message after the button was answered."""
    query = bot.emu.press_button(COMMS, message, text=label)
    await bot.emu.wait_for_answer(query)
    return await bot.emu.next_bot_message(COMMS)


async def audit_rows(bot: LiveBot) -> list[tuple[int | None, str, str]]:
    async with bot.data.services.db.sessions() as session:
        rows = (await session.scalars(select(AuditEntry).order_by(AuditEntry.id))).all()
    return [(r.actor_id, r.action, r.outcome) for r in rows]


def names_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def with_burglary_answer(kb_dir: Path, text: str) -> bytes:
    original = (kb_dir / "prevention.yaml").read_text(encoding="utf-8")
    assert BURGLARY_OLD in original
    return original.replace(BURGLARY_OLD, text).encode()


def zipped(members: dict[str, bytes], symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return buffer.getvalue()


async def test_upload_goes_live_for_residents_without_a_restart(bot: LiveBot, kb_dir: Path) -> None:
    before = await bot.ask(RESIDENT, SCOOTER_QUESTION)
    assert SCOOTER_ANSWER not in before["text"]
    changed = (kb_dir / "prevention.yaml").read_bytes() + SCOOTER.encode()

    shown = await send_file(bot, "prevention.yaml", changed)
    assert shown["text"].startswith("Checked prevention.yaml: no problems.")
    assert "Added (1): e-scooter-theft\nChanged: none\nRemoved: none" in shown["text"]
    assert [label for label, _ in buttons(shown)] == ["Apply", "Cancel"]
    assert SCOOTER_ANSWER not in (await bot.ask(RESIDENT, SCOOTER_QUESTION))["text"]

    done = await press(bot, shown, "Apply")
    assert done["text"].startswith(
        f"Applied prevention.yaml: residents now get {SHIPPED + 1} entries"
    )
    assert bot.emu.message(COMMS, shown["message_id"]).get("reply_markup") is None
    assert SCOOTER_ANSWER in (await bot.ask(RESIDENT, SCOOTER_QUESTION))["text"]
    assert (kb_dir / "prevention.yaml").read_bytes() == changed
    assert not [n for n in names_in(kb_dir) if n.endswith(".tmp")]
    async with bot.data.services.db.sessions() as session:
        versions = (await session.scalars(select(KnowledgeVersion))).all()
    assert [(v.action, v.actor_id, v.entry_count) for v in versions] == [
        ("startup", None, SHIPPED), ("upload", COMMS, SHIPPED + 1),
    ]  # fmt: skip
    assert versions[1].summary == "1 added, 0 changed, 0 removed: added e-scooter-theft"
    assert (COMMS, "kb-upload", "applied") in await audit_rows(bot)


async def test_a_zip_of_the_folder_replaces_the_whole_set(bot: LiveBot, kb_dir: Path) -> None:
    files = read_directory(kb_dir)
    (kb_dir / "gates.yaml").write_text(_entry())
    assert "Added (1): gate-advice" in (await bot.ask(COMMS, "/reload"))["text"]
    files["prevention.yaml"] += SCOOTER.encode()
    members = {f"knowledge/{n}": d for n, d in files.items()}
    members["knowledge/README.md"] = b"# guide"
    members["knowledge/events/events.yaml"] = b"not: read"
    shown = await send_file(bot, "knowledge.zip", zipped(members), "application/zip")
    assert "Added (1): e-scooter-theft\nChanged: none\nRemoved (1): gate-advice" in shown["text"]
    assert "Not knowledge files, left out: knowledge/README.md, knowledge/events/events.yaml" \
        in shown["text"]  # fmt: skip
    done = await press(bot, shown, "Apply")
    assert done["text"].startswith("Applied knowledge.zip")
    assert not (kb_dir / "gates.yaml").exists()
    assert (kb_dir / "README.md").exists()
    assert SCOOTER_ANSWER in (await bot.ask(RESIDENT, SCOOTER_QUESTION))["text"]


async def test_cancel_changes_nothing(bot: LiveBot, kb_dir: Path) -> None:
    before = read_directory(kb_dir)
    shown = await send_file(bot, "prevention.yaml", with_burglary_answer(kb_dir, BURGLARY_NEW))
    done = await press(bot, shown, "Cancel")
    assert done["text"] == "Cancelled: nothing was changed."
    assert read_directory(kb_dir) == before
    assert BURGLARY_OLD in (await bot.ask(RESIDENT, BURGLARY_QUESTION))["text"]
    apply = next(data for label, data in buttons(shown) if label == "Apply")
    query = bot.emu.press_button(COMMS, shown, apply, force=True)  # the buttons are gone
    assert (await bot.emu.wait_for_answer(query)).params["text"] == "Not applied."
    stale = await bot.emu.next_bot_message(COMMS)
    assert stale["text"].startswith("That change is no longer waiting")


async def test_invalid_upload_is_refused_with_file_and_line(bot: LiveBot, kb_dir: Path) -> None:
    text = (kb_dir / "prevention.yaml").read_text(encoding="utf-8")
    broken = text.replace("    answer: |-", "    anwser: |-", 1).encode()
    reply = await send_file(bot, "prevention.yaml", broken)
    assert reply["text"] == (
        "I can’t use “prevention.yaml”: 2 problem(s) to fix:\n\n"
        "• prevention.yaml line 3, entry phone-snatching: `answer` is missing\n"
        "• prevention.yaml line 18, entry phone-snatching: `anwser` is not a known field "
        "(check the spelling)\n\n"
        "Nothing was changed: residents still get the current answers."
    )
    assert buttons(reply) == []
    assert (kb_dir / "prevention.yaml").read_text(encoding="utf-8") == text
    assert (
        "Phone snatchers" in (await bot.ask(RESIDENT, "how do i stop my fone being nicked"))["text"]
    )
    assert (COMMS, "kb-upload", "refused") in await audit_rows(bot)


def _entry(extra: str = "", answer: str = "Keep your gate locked.") -> str:
    return (
        "entries:\n  - id: gate-advice\n    topic: prevention\n    title: Gates\n"
        f"    questions: [gate advice]\n    answer: {answer}\n    scope: borough\n"
        f"    review_by: 2027-05-01\n{extra}"
    )


BAD_UPLOADS: list[tuple[str, bytes, str, str]] = [
    ("tabs.yaml", b"entries:\n\t- id: x\n", "application/x-yaml",
     "tabs.yaml line 2: not valid YAML: a tab character is used for indenting; use spaces"),
    ("twice.yaml", _entry("    title: Again\n").encode(), "application/x-yaml",
     "twice.yaml line 9: `title` appears twice in one place"),
    ("types.yaml", _entry().replace("2027-05-01", "next spring").encode(), "application/x-yaml",
     "types.yaml line 8, entry gate-advice: `review_by`: Input should be a valid date"),
    ("latin.yaml", _entry(answer="Caf\xe9 advice").encode("latin-1"), "application/x-yaml",
     "latin.yaml line 6: text is not UTF-8; save the file as UTF-8 and try again"),
    ("bell.yaml", _entry(answer='"Ring \\a now"').encode(), "application/x-yaml",
     "bell.yaml line 6, entry gate-advice: the answer contains an invisible character U+0007"),
    ("long.yaml", _entry(answer="x" * 4100).encode(), "application/x-yaml",
     "the answer is 4,100 characters with its source; Telegram allows 4,096"),
    ("notes.pdf", b"%PDF-1.4", "application/pdf",
     "I can’t use “notes.pdf”: “notes.pdf” is not a knowledge file. Send one .yaml file, or a "
     ".zip of the knowledge folder."),
    ("huge.yaml", bytes(50_000_000), "application/x-yaml",
     "“huge.yaml” is 50.0 MB; a .yaml file may be at most 1.0 MB."),
    ("huge.zip", bytes(6_000_000), "application/zip",
     "“huge.zip” is 6.0 MB; a .zip file may be at most 5.0 MB."),
    ("escape.zip", zipped({"../prevention.yaml": b"entries: []"}), "application/zip",
     "the zip contains “../prevention.yaml”, which points outside the knowledge folder (../)"),
    ("absolute.zip", zipped({"/etc/cron.d/x.yaml": b"x"}), "application/zip",
     "the zip contains “/etc/cron.d/x.yaml”, which is an absolute path"),
    ("link.zip", zipped({"a.yaml": _entry().encode()}, symlink="b.yaml"), "application/zip",
     "the zip contains “b.yaml”, which is a symbolic link"),
    ("broken.zip", b"PK\x03\x04 not really", "application/zip",
     "“broken.zip” is not a zip file I can open (it may be damaged)."),
    ("../../etc.yaml", _entry().encode(), "application/x-yaml",
     "is not a name I can save"),
]  # fmt: skip


async def test_bad_uploads_are_refused_and_the_live_kb_is_untouched(
    bot: LiveBot, kb_dir: Path
) -> None:
    before = read_directory(kb_dir)
    names = names_in(kb_dir)
    live_hash = bot.data.services.kb.current.content_hash
    big = set()
    for name, data, mime, reason in BAD_UPLOADS:
        sent = bot.emu.send_document(COMMS, name, data, mime=mime)
        if len(data) > 1_000_000:
            big.add(sent["document"]["file_id"])
        reply = await bot.emu.next_bot_message(COMMS)
        assert reason in reply["text"], (name, reply["text"])
        assert reply["text"].endswith("residents still get the current answers."), name
        assert buttons(reply) == [], name
    assert read_directory(kb_dir) == before
    assert names_in(kb_dir) == names  # nothing written, nothing left behind
    assert bot.data.services.kb.current.content_hash == live_hash
    fetched = {c.params.get("file_id") for c in bot.emu.calls_to("getFile")}
    assert fetched and not big & fetched  # the 50 MB and 6 MB files were never downloaded
    assert BURGLARY_OLD in (await bot.ask(RESIDENT, BURGLARY_QUESTION))["text"]
    refusals = [r for r in await audit_rows(bot) if r == (COMMS, "kb-upload", "refused")]
    assert len(refusals) == len(BAD_UPLOADS)


async def test_rollback_restores_the_previous_answer(bot: LiveBot, kb_dir: Path) -> None:
    bot.emu.add_user(COMMS, first_name="Sam", last_name="Patel")
    original = (kb_dir / "prevention.yaml").read_bytes()
    shown = await send_file(bot, "prevention.yaml", with_burglary_answer(kb_dir, BURGLARY_NEW))
    assert "Changed (1): burglary-home-security (answer)" in shown["text"]
    await press(bot, shown, "Apply")
    assert BURGLARY_NEW in (await bot.ask(RESIDENT, BURGLARY_QUESTION))["text"]

    history = await bot.ask(COMMS, "/kbhistory")
    lines = history["text"].splitlines()
    assert lines[0] == "Recent knowledge-base versions (newest first):"
    assert lines[2].startswith("2. ") and lines[2].endswith(
        f"(London time), upload by Sam Patel (communications staff), {SHIPPED} entries  ← live now"
    )
    assert lines[3] == "   0 added, 1 changed, 0 removed: changed burglary-home-security"
    assert str(COMMS) not in history["text"]
    assert lines[4].startswith("1. ") and lines[4].endswith(f"startup, {SHIPPED} entries")

    proposal = await bot.ask(COMMS, "/rollback 1")
    assert proposal["text"].startswith("Rolling back to version 1: no problems.")
    assert "Changed (1): burglary-home-security (answer)" in proposal["text"]
    assert BURGLARY_NEW in (await bot.ask(RESIDENT, BURGLARY_QUESTION))["text"]
    done = await press(bot, proposal, "Apply")
    assert done["text"].startswith(f"Rolled back to version 1: residents now get {SHIPPED} entries "
                                   "(version 3).")  # fmt: skip
    assert BURGLARY_OLD in (await bot.ask(RESIDENT, BURGLARY_QUESTION))["text"]
    assert (kb_dir / "prevention.yaml").read_bytes() == original
    assert (COMMS, "kb-rollback", "applied") in await audit_rows(bot)

    same = await bot.ask(COMMS, "/rollback 3")
    assert same["text"] == "version 3 is exactly what residents get now: nothing to change."
    missing = await bot.ask(COMMS, "/rollback 99")
    assert missing["text"].startswith("I can’t use version 99: there is no version 99.")
    usage = await bot.ask(COMMS, "/rollback")
    assert usage["text"] == knowledge.ROLLBACK_USAGE


async def test_a_confirm_button_goes_stale_when_the_kb_changes_first(
    bot: LiveBot, kb_dir: Path
) -> None:
    shown = await send_file(bot, "prevention.yaml", with_burglary_answer(kb_dir, BURGLARY_NEW))
    (kb_dir / "scooter.yaml").write_text("entries:" + SCOOTER)
    assert "Added (1)" in (await bot.ask(COMMS, "/reload"))["text"]
    done = await press(bot, shown, "Apply")
    assert "the live knowledge base changed after you were shown this change" in done["text"]
    assert BURGLARY_OLD in (await bot.ask(RESIDENT, BURGLARY_QUESTION))["text"]


async def test_reload_reports_added_changed_and_removed(bot: LiveBot, kb_dir: Path) -> None:
    unchanged = await bot.ask(COMMS, "/reload")
    assert unchanged["text"] == "The knowledge folder is exactly what residents get now: " \
        "nothing to change."  # fmt: skip
    (kb_dir / "scooter.yaml").write_text("entries:" + SCOOTER)
    talk = (kb_dir / "smalltalk.yaml").read_text(encoding="utf-8")
    start = talk.index("  - id: goodbye\n")
    end = talk.index("  - id: ", start + 5)
    talk = talk[:start] + talk[end:]
    talk = talk.replace("You're welcome! If there's anything else", "Glad to help! If there's more")
    (kb_dir / "smalltalk.yaml").write_text(talk)

    reply = await bot.ask(COMMS, "/reload")
    assert reply["text"] == (
        f"Reloaded the knowledge folder: residents now get {SHIPPED} entries (version 2).\n\n"
        "Added (1): e-scooter-theft\nChanged (1): thanks (answer)\nRemoved (1): goodbye"
    )
    assert SCOOTER_ANSWER in (await bot.ask(RESIDENT, SCOOTER_QUESTION))["text"]
    assert "Glad to help" in (await bot.ask(RESIDENT, "thank you very much"))["text"]

    (kb_dir / "broken.yaml").write_text("entries:\n  - id: gate-x\n")
    refused = await bot.ask(COMMS, "/reload")
    assert refused["text"].startswith("I can’t reload the knowledge folder: 6 problem(s) to fix:")
    assert "• broken.yaml line 2, entry gate-x: `topic` is missing" in refused["text"]
    assert SCOOTER_ANSWER in (await bot.ask(RESIDENT, SCOOTER_QUESTION))["text"]
    outcomes = [r for r in await audit_rows(bot) if r[1] == "kb-reload"]
    assert outcomes == [
        (COMMS, "kb-reload", "unchanged"), (COMMS, "kb-reload", "applied"),
        (COMMS, "kb-reload", "refused"),
    ]  # fmt: skip


async def test_kbcheck_names_problems_and_passed_review_dates(bot: LiveBot, kb_dir: Path) -> None:
    fine = await bot.ask(COMMS, "/kbcheck")
    assert fine["text"] == (
        f"The knowledge folder is fine: {SHIPPED} entries in {SHIPPED_FILES} file(s).\n\n"
        "Residents get exactly these files now."
    )
    (kb_dir / "old.yaml").write_text(_entry().replace("2027-05-01", "2020-01-31"))
    warned = await bot.ask(COMMS, "/kbcheck")
    assert warned["text"] == (
        f"The knowledge folder is fine: {SHIPPED + 1} entries in {SHIPPED_FILES + 1} file(s).\n\n"
        "Review dates passed (1):\n"
        "• old.yaml line 8, entry gate-advice: Warning: review date 2020-01-31 has passed; "
        "please check it\n\n"
        "The folder differs from what residents get now: send /reload to make it live."
    )
    (kb_dir / "old.yaml").write_text(_entry().replace("prevention", "preventing"))
    broken = await bot.ask(COMMS, "/kbcheck")
    assert broken["text"].startswith("The knowledge folder has 1 problem(s) to fix:\n\n"
                                     "• old.yaml line 3, entry gate-advice: `topic`: ")  # fmt: skip


async def test_residents_cannot_use_comms_tools(bot: LiveBot, kb_dir: Path) -> None:
    for command in ("/kbcheck", "/reload", "/kbhistory", "/rollback 1"):
        assert (await bot.ask(RESIDENT, command))["text"] == REFUSED, command
    reply = await send_file(bot, "prevention.yaml", SCOOTER.encode(), user=RESIDENT)
    assert reply["text"] == CANNOT_READ
    shown = await send_file(bot, "prevention.yaml", with_burglary_answer(kb_dir, BURGLARY_NEW))
    token = buttons(shown)[0][1]
    query = bot.emu.press_button(RESIDENT, shown, token, force=True)
    answer = await bot.emu.wait_for_answer(query)
    assert answer.params["text"] == REFUSED
    assert BURGLARY_OLD in (await bot.ask(RESIDENT, BURGLARY_QUESTION))["text"]
    refused = [r for r in await audit_rows(bot) if r[0] == RESIDENT]
    assert refused == [
        (RESIDENT, "kb-check", "refused"), (RESIDENT, "kb-reload", "refused"),
        (RESIDENT, "kb-history", "refused"), (RESIDENT, "kb-rollback", "refused"),
        (RESIDENT, "kb-upload", "refused"), (RESIDENT, "kb-apply", "refused"),
    ]  # fmt: skip
    done = await press(bot, shown, "Apply")  # the comms user who sent it still can
    assert done["text"].startswith("Applied prevention.yaml")


async def test_comms_staff_get_their_command_menu(bot: LiveBot) -> None:
    scope = {"type": "chat", "chat_id": COMMS}
    commands = {c["command"] for c in bot.emu.commands(scope)}
    assert {"kbcheck", "reload", "kbhistory", "rollback", "gaps", "start"} <= commands
    assert "reload" not in {c["command"] for c in bot.emu.commands()}


async def test_gaps_lists_questions_that_fell_back(bot: LiveBot) -> None:
    fallback = await bot.ask(RESIDENT, "can you recommend a good pizza place")
    assert fallback["text"].startswith("Sorry, I don’t have an answer to that yet.")
    reply = await bot.ask(COMMS, "/gaps")
    assert "“can you recommend a good pizza place” – asked 1×" in reply["text"]


async def test_gaps_tell_half_understood_questions_from_unanswered_ones(bot: LiveBot) -> None:
    for wording in ("I want to buy a car", "i want to buy a CAR?"):
        unsure = await bot.ask(RESIDENT, wording)
        assert unsure["text"] == "I’m not sure I understood. Did you mean one of these?"
        offered = buttons(unsure)
        assert "Car theft and keyless relay theft" in [label for label, _ in offered]
        assert all(data.startswith("kb:") for _, data in offered)
    fallback = await bot.ask(RESIDENT, "can you recommend a good pizza place")
    assert fallback["text"].startswith("Sorry, I don’t have an answer to that yet.")

    reply = await bot.ask(COMMS, "/gaps")
    lines = reply["text"].split("\n")
    assert lines[:4] == [
        "Most asked questions without a clear answer (last 30 days)",
        "",
        "1. “i want to buy a car” – asked 2×: only suggestions offered",
        "2. “can you recommend a good pizza place” – asked 1×: no answer",
    ]
    assert lines[5].startswith("No answer: nothing in the knowledge base came close")
    assert "Only suggestions offered: the bot asked “Did you mean…”" in lines[5]
    styles = {(e["type"], reply["text"][e["offset"] : e["offset"] + e["length"]])
              for e in reply.get("entities", [])}  # fmt: skip
    assert ("italic", "Only suggestions offered") in styles and ("italic", "No answer") in styles
    assert [label for label, _ in buttons(reply)] == ["1 handled", "2 handled"]
    async with bot.data.services.db.sessions() as session:
        rows = (await session.scalars(select(UnansweredQuestion))).all()
    assert sorted((r.normalised_text, r.count, r.suggested_count) for r in rows) == [
        ("can you recommend a good pizza place", 1, 0), ("i want to buy a car", 2, 2),
    ]  # fmt: skip

    handled = await bot.emu.wait_for_answer(
        bot.emu.press_button(COMMS, reply, buttons(reply)[0][1])
    )
    assert handled.params["text"] == "Marked as handled."
    again = await bot.ask(COMMS, "/gaps")
    assert "buy a car" not in again["text"]
    assert "1. “can you recommend a good pizza place” – asked 1×: no answer" in again["text"]


async def test_gaps_fit_one_message_even_when_every_question_is_long(bot: LiveBot) -> None:
    async with bot.data.services.db.sessions.begin() as session:
        for n in range(12):
            await unanswered.record(session, f"question {n} " + "blah " * 120)
    reply = await bot.ask(COMMS, "/gaps")
    assert len(reply["text"]) <= 4096
    questions = [line for line in reply["text"].split("\n") if line[:1].isdigit()]
    assert len(questions) == 10 and all("blah blah…” – asked 1×" in q for q in questions)


async def test_weekly_digest_reaches_each_comms_user(sqlite_db_url: str, kb_dir: Path) -> None:
    roles = {"comms": [COMMS, STAFF_NOT_COMMS]}
    async with live_bot(sqlite_db_url, knowledge_dir=str(kb_dir), roles=roles) as bot:
        job = bot.app.job_queue.get_jobs_by_name("comms-digest")[0]
        runs = job.callback.due(datetime(2027, 2, 11, tzinfo=UTC)).astimezone(knowledge.LONDON)
        assert (runs.strftime("%A"), runs.hour, runs.minute) == ("Monday", 9, 0)
        assert job.next_t - datetime.now(UTC) <= timedelta(minutes=1)  # looked for each minute

        now = datetime(2027, 2, 8, 9, 0, tzinfo=UTC)
        async with bot.data.services.db.sessions.begin() as session:
            session.add_all([
                UnansweredQuestion(normalised_text="where can i park my horse", count=3,
                                   first_seen_at=now - timedelta(days=3),
                                   last_seen_at=now - timedelta(days=1)),
                UnansweredQuestion(normalised_text="is the library open", count=1,
                                   first_seen_at=now - timedelta(days=2),
                                   last_seen_at=now - timedelta(days=2)),
                UnansweredQuestion(normalised_text="i want to buy a car", count=4,
                                   suggested_count=3, first_seen_at=now - timedelta(days=6),
                                   last_seen_at=now - timedelta(days=1)),
                UnansweredQuestion(normalised_text="bike lock advise", count=2,
                                   suggested_count=2, first_seen_at=now - timedelta(days=5),
                                   last_seen_at=now - timedelta(days=4)),
                UnansweredQuestion(normalised_text="last month question", count=9,
                                   first_seen_at=now - timedelta(days=30),
                                   last_seen_at=now - timedelta(days=20)),
                UnansweredQuestion(normalised_text="already answered", count=5,
                                   first_seen_at=now - timedelta(days=2),
                                   last_seen_at=now - timedelta(days=1),
                                   handled_at=now - timedelta(hours=1)),
            ])  # fmt: skip
        bot.emu.add_user(COMMS)
        await knowledge.send_digest(CallbackContext(bot.app), now=now)

        message = await bot.emu.next_bot_message(COMMS)
        text = message["text"]
        assert text.startswith(
            "Weekly knowledge-base digest, 1 Feb to 8 Feb 2027\n\n"
            "Questions the bot could not answer, or only offered suggestions for, in the last "
            "7 days:\n"
            "1. “i want to buy a car” – asked 4×: 1× no answer, 3× only suggestions offered\n"
            "2. “where can i park my horse” – asked 3×: no answer\n"
            "3. “bike lock advise” – asked 2×: only suggestions offered\n"
            "4. “is the library open” – asked 1×: no answer\n"
            "Add an answer where there was none, or the question as a paraphrase of the right "
            "entry where only suggestions were offered, then mark it handled in /gaps.\n\n"
            "Answers past their review date (24):\n"
            "• engagement.yaml, entry engagement-events: review by 2027-01-31\n"
        )
        assert "last month" not in text and "already answered" not in text
        assert text.endswith("Check each one is still right and move its review_by date on.")
        assert text.count(": review by 2027-01-31") == 24
        await bot.emu.expect_no_bot_message(ADMIN, within=0.05)
        rows = await audit_rows(bot)
        assert (None, "comms-digest", "failed") in rows  # 7010 never opened the bot
        assert (None, "comms-digest", "sent") in rows


async def test_folder_watcher_reloads_once_the_file_settles(
    sqlite_db_url: str, kb_dir: Path
) -> None:
    settings: dict[str, Any] = {"knowledge_watch": True, "knowledge_watch_seconds": 3600}
    async with live_bot(sqlite_db_url, knowledge_dir=str(kb_dir), **settings) as bot:
        assert bot.app.job_queue.get_jobs_by_name("kb-watch")
        bot.emu.add_user(COMMS)
        context = CallbackContext(bot.app)
        (kb_dir / "scooter.yaml").write_text("entries:" + SCOOTER)
        await knowledge.watch_folder(context)  # changed: wait one tick for the save to finish
        assert SCOOTER_ANSWER not in (await bot.ask(RESIDENT, SCOOTER_QUESTION))["text"]
        await knowledge.watch_folder(context)
        notice = await bot.emu.next_bot_message(COMMS)
        assert notice["text"].startswith(
            f"The knowledge folder changed: residents now get {SHIPPED + 1}"
        )
        assert SCOOTER_ANSWER in (await bot.ask(RESIDENT, SCOOTER_QUESTION))["text"]

        (kb_dir / "scooter.yaml").write_text("entries:\n\t- id: x\n")
        await knowledge.watch_folder(context)
        await knowledge.watch_folder(context)
        broken = await bot.emu.next_bot_message(COMMS)
        assert broken["text"].startswith("The knowledge folder changed, but I can’t use it")
        assert "scooter.yaml line 2" in broken["text"]
        await knowledge.watch_folder(context)  # reported once, not every tick
        await bot.emu.expect_no_bot_message(COMMS, within=0.05)
        assert SCOOTER_ANSWER in (await bot.ask(RESIDENT, SCOOTER_QUESTION))["text"]


async def _one_entry_zip(bot: LiveBot, user: int) -> dict[str, Any]:
    members = {"knowledge/gates.yaml": _entry().encode()}
    bot.emu.send_document(user, "tiny.zip", zipped(members), mime="application/zip")
    return await bot.emu.next_bot_message(user)


async def test_removing_most_answers_needs_a_second_explicit_yes(
    bot: LiveBot, kb_dir: Path
) -> None:
    shown = await _one_entry_zip(bot, COMMS)
    assert (f"Careful: this removes {SHIPPED} of the {SHIPPED} answers residents get now. "
            "You will be asked to confirm again.") in shown["text"]  # fmt: skip
    again = await press(bot, shown, "Apply")
    assert again["text"].startswith(f"Are you sure? tiny.zip removes {SHIPPED} of the {SHIPPED} "
                                    "answers residents get now, leaving 1:")  # fmt: skip
    assert f"Removed ({SHIPPED}): " in again["text"]
    assert [label for label, _ in buttons(again)] == [f"Yes, remove {SHIPPED} answers", "Cancel"]
    assert BURGLARY_OLD in (await bot.ask(RESIDENT, BURGLARY_QUESTION))["text"]  # not yet
    assert (kb_dir / "prevention.yaml").exists()
    done = await press(bot, again, f"Yes, remove {SHIPPED} answers")
    assert done["text"].startswith("Applied tiny.zip: residents now get 1 entries")
    assert (COMMS, "kb-upload", "asked-again") in await audit_rows(bot)


async def test_the_second_yes_cannot_be_skipped_and_cancel_still_works(bot: LiveBot) -> None:
    shown = await _one_entry_zip(bot, COMMS)
    token = buttons(shown)[0][1].split(":")[1]
    query = bot.emu.press_button(COMMS, shown, f"kbsure:{token}", force=True)  # forged
    await bot.emu.wait_for_answer(query)
    assert (await bot.emu.next_bot_message(COMMS))["text"] == PROPOSAL_EXPIRED
    shown = await _one_entry_zip(bot, COMMS)
    again = await press(bot, shown, "Apply")
    done = await press(bot, again, "Cancel")
    assert done["text"] == "Cancelled: nothing was changed."
    assert BURGLARY_OLD in (await bot.ask(RESIDENT, BURGLARY_QUESTION))["text"]


async def test_an_admin_confirms_a_large_removal_with_one_press(bot: LiveBot) -> None:
    shown = await _one_entry_zip(bot, ADMIN)
    query = bot.emu.press_button(ADMIN, shown, text="Apply")
    await bot.emu.wait_for_answer(query)
    done = await bot.emu.next_bot_message(ADMIN)
    assert done["text"].startswith("Applied tiny.zip: residents now get 1 entries")


async def test_history_names_staff_by_role_and_never_shows_anyone_elses_id(
    bot: LiveBot, kb_dir: Path
) -> None:
    """Versions recorded before the history was in words, and by someone who has since left
    the staff list, read as words too."""
    async with bot.data.services.db.sessions.begin() as session:
        await kb_versions.add(
            session, files={}, content_hash="old", entry_count=3, action="upload",
            actor_id=RESIDENT, summary="+1 ~0 -2: +new-entry -gone-one -gone-two",
        )  # fmt: skip
    history = await bot.ask(COMMS, "/kbhistory")
    lines = history["text"].splitlines()
    assert lines[2].endswith(", upload by someone no longer on the staff list, 3 entries")
    assert lines[3] == (
        "   1 added, 0 changed, 2 removed: added new-entry; removed gone-one, gone-two"
    )
    assert str(RESIDENT) not in history["text"]
