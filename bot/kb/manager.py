"""Changing the live knowledge base safely: reload, upload, rollback, and their history.

Every change follows one path: build the candidate beside the live knowledge base, refuse it if it
has errors, show what it changes, then (after confirmation for uploads and rollbacks) write the
files atomically, swap the live reference and record the version and an audit entry. One lock
serialises changes, so a reload, an upload and the folder watcher never interleave. Questions
already being answered keep the snapshot they started with.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from bot.kb import folder
from bot.kb.base import CHECK_LIMIT, KnowledgeBase, KnowledgeStore, LoadResult, build, content_hash
from bot.kb.base import read_directory as read_folder
from bot.kb.diff import KbDiff, diff
from bot.kb.problems import Problem
from bot.kb.upload import UploadKind, UploadRefused, check_size, unpack
from bot.retrieval.semantics import Semantics
from bot.storage import audit, kb_versions
from bot.storage.db import Database
from bot.storage.kb_versions import VersionRecord
from bot.storage.states import Slot, StateStore

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
PROPOSAL_TTL = timedelta(hours=1)


def system_clock() -> datetime:
    return datetime.now(UTC)


class Outcome(StrEnum):
    APPLIED = "applied"  # the live knowledge base changed
    PROPOSED = "proposed"  # checked and waiting for the confirm button
    UNCHANGED = "unchanged"  # the candidate is what residents already get
    REFUSED = "refused"  # not usable: ``problems`` or ``reason`` say why; live untouched
    EXPIRED = "expired"  # the confirm button no longer refers to a pending change
    CONFIRM_AGAIN = "confirm-again"  # removes most of the answers: asks for an explicit yes
    STALE = "stale"  # the live knowledge base changed since the proposal was shown


@dataclass(frozen=True)
class Proposal:
    token: str
    actor_id: int
    action: str  # upload or rollback
    label: str  # what was sent or chosen: "prevention.yaml", "version 3"
    files: Mapping[str, bytes]  # the complete set that will be live
    replace_all: bool  # a zip or rollback replaces the folder; one .yaml only adds or replaces
    kb: KnowledgeBase
    base_hash: str
    folder_hash: str  # the folder's files when proposed (a single .yaml combines with them)
    diff: KbDiff
    created_at: datetime
    live_entries: int = 0  # what residents got when it was proposed
    asked_again: bool = False  # the second, explicit confirmation has been asked for

    @property
    def removes_most(self) -> bool:
        """More than half of the live answers would go: one tap must not do that."""
        return len(self.diff.removed) * 2 > self.live_entries


@dataclass(frozen=True)
class Report:
    outcome: Outcome
    action: str
    label: str = ""
    diff: KbDiff | None = None
    problems: tuple[Problem, ...] = ()
    reason: str = ""
    proposal: Proposal | None = None
    version_id: int | None = None
    entries: int = 0
    ignored: tuple[str, ...] = ()

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


@dataclass(frozen=True)
class CheckReport:
    result: LoadResult
    files: int
    matches_live: bool  # False: the folder has edits that a reload would make live


@dataclass
class _Watch:
    seen: folder.Snapshot = field(default_factory=dict)
    settling: folder.Snapshot | None = None


class KnowledgeManager:
    def __init__(
        self,
        store: KnowledgeStore,
        path: Path,
        db: Database,
        clock: Clock = system_clock,
        semantics: Semantics | None = None,
    ) -> None:
        self.store = store
        self._semantics = semantics
        self.path = path
        self._db = db
        self._clock = clock
        self._lock = asyncio.Lock()
        # Waiting for their Apply button, in the database: the press may reach another process.
        self._pending = StateStore(db, clock)
        self._watch = _Watch()

    @property
    def live(self) -> KnowledgeBase:
        return self.store.current

    def _today(self) -> date:
        return self._clock().date()

    async def _build(self, files: Mapping[str, bytes], live: bool = True) -> LoadResult:
        """Check and build in a thread; only a candidate that may go ``live`` gets vectors."""
        semantics = self._semantics if live else None
        return await asyncio.to_thread(build, files, self._today(), semantics)

    async def add_vectors(self) -> bool:
        """Give the live knowledge base its phrase vectors, built in a thread beside it, unless
        it changed meanwhile (a reload that happened builds its own)."""
        live = self.live
        if live.vectors is not None or self._semantics is None or not self._semantics.available:
            return False
        result = await self._build(dict(live.sources))
        async with self._lock:
            if result.kb is None or result.kb.vectors is None:
                return False
            if self.live.content_hash != live.content_hash:
                return False
            return self.store.replace(result)

    async def _read_folder(self) -> dict[str, bytes]:
        return await asyncio.to_thread(read_folder, self.path, CHECK_LIMIT)

    async def _audit(self, actor_id: int | None, action: str, outcome: str, detail: str) -> None:
        async with self._db.sessions.begin() as session:
            await audit.record(session, actor_id, action, outcome, detail[:2000])

    # ------------------------------------------------------------------ check and reload

    async def check(self) -> CheckReport:
        files = await self._read_folder()
        result = await self._build(files, live=False)
        return CheckReport(result, len(files), content_hash(files) == self.live.content_hash)

    async def reload(self, actor_id: int | None, action: str = "reload") -> Report:
        """Make the folder live if it is valid; ``action`` is ``watch`` for the folder watcher."""
        async with self._lock:
            self._watch.seen = await asyncio.to_thread(folder.snapshot, self.path)
            self._watch.settling = None
            files = await self._read_folder()
            result = await self._build(files)
            if result.kb is None:
                await self._audit(actor_id, f"kb-{action}", "refused", _problem_detail(result))
                return Report(Outcome.REFUSED, action, problems=tuple(result.problems))
            if result.kb.content_hash == self.live.content_hash:
                await self._audit(actor_id, f"kb-{action}", "unchanged", "")
                return Report(Outcome.UNCHANGED, action, entries=len(result.kb))
            return await self._go_live(actor_id, action, "", result)

    async def _go_live(
        self, actor_id: int | None, action: str, label: str, result: LoadResult
    ) -> Report:
        assert result.kb is not None
        change = diff(self.live, result.kb)
        self.store.replace(result)
        async with self._db.sessions.begin() as session:
            version = await kb_versions.add(
                session, files=result.kb.sources, content_hash=result.kb.content_hash,
                entry_count=len(result.kb), action=action, actor_id=actor_id,
                summary=change.summary(), at=self._clock(),
            )  # fmt: skip
            detail = f"{label + ': ' if label else ''}version {version}, {change.summary()}"
            await audit.record(session, actor_id, f"kb-{action}", "applied", detail[:2000])
        log.info("knowledge base %s by %s: version %s, %s", action, actor_id, version,
                 change.counts())  # fmt: skip
        return Report(
            Outcome.APPLIED, action, label, change, tuple(result.problems),
            version_id=version, entries=len(result.kb),
        )  # fmt: skip

    # ------------------------------------------------------------------ watching the folder

    async def watch_tick(self) -> Report | None:
        """Reload once the folder changed and then stayed the same for one more tick.

        Waiting one tick means an editor that saves in several writes is read when it is done.
        """
        now = await asyncio.to_thread(folder.snapshot, self.path)
        if now == self._watch.seen:
            self._watch.settling = None
            return None
        if now != self._watch.settling:
            self._watch.settling = now
            return None
        report = await self.reload(None, "watch")
        return None if report.outcome is Outcome.UNCHANGED else report

    async def start_watching(self) -> None:
        self._watch.seen = await asyncio.to_thread(folder.snapshot, self.path)

    # ------------------------------------------------------------------ upload and rollback

    async def precheck_upload(
        self, actor_id: int, filename: str | None, size: int | None
    ) -> Report | None:
        """Refuse by name and declared size before anything is downloaded."""
        try:
            check_size(filename, size)
        except UploadRefused as exc:
            return await self._refuse(actor_id, "upload", filename or "", str(exc))
        return None

    async def _refuse(self, actor_id: int, action: str, label: str, reason: str) -> Report:
        await self._audit(actor_id, f"kb-{action}", "refused", f"{label}: {reason}")
        return Report(Outcome.REFUSED, action, label, reason=reason)

    async def propose_upload(self, actor_id: int, filename: str, data: bytes) -> Report:
        try:
            unpacked = await asyncio.to_thread(unpack, filename, data)
        except UploadRefused as exc:
            return await self._refuse(actor_id, "upload", filename, str(exc))
        current = await self._read_folder()
        replace_all = unpacked.kind is UploadKind.ZIP
        files = dict(unpacked.files) if replace_all else {**current, **unpacked.files}
        report = await self._propose(actor_id, "upload", filename, files, replace_all, current)
        return Report(
            report.outcome, report.action, report.label, report.diff, report.problems,
            report.reason, report.proposal, entries=report.entries, ignored=unpacked.ignored,
        )  # fmt: skip

    async def propose_rollback(self, actor_id: int, version_id: int) -> Report:
        label = f"version {version_id}"
        async with self._db.sessions() as session:
            files = await kb_versions.files_of(session, version_id)
        if files is None:
            return Report(Outcome.REFUSED, "rollback", label, reason=f"there is no {label}.")
        current = await self._read_folder()
        return await self._propose(actor_id, "rollback", label, files, True, current)

    async def _propose(
        self,
        actor_id: int,
        action: str,
        label: str,
        files: dict[str, bytes],
        replace_all: bool,
        current: Mapping[str, bytes],
    ) -> Report:
        result = await self._build(files)
        if result.kb is None:
            await self._audit(actor_id, f"kb-{action}", "refused",
                              f"{label}: {_problem_detail(result)}")  # fmt: skip
            return Report(Outcome.REFUSED, action, label, problems=tuple(result.problems))
        live = self.live
        if result.kb.content_hash == live.content_hash:
            return Report(Outcome.UNCHANGED, action, label, entries=len(result.kb))
        proposal = Proposal(
            token=secrets.token_hex(4), actor_id=actor_id, action=action, label=label,
            files=files, replace_all=replace_all, kb=result.kb, base_hash=live.content_hash,
            folder_hash=content_hash(current), diff=diff(live, result.kb),
            created_at=self._clock(), live_entries=len(live),
        )  # fmt: skip
        await self._keep(proposal)
        return Report(
            Outcome.PROPOSED, action, label, proposal.diff, tuple(result.problems),
            proposal=proposal, entries=len(result.kb),
        )  # fmt: skip

    async def _keep(self, proposal: Proposal) -> None:
        """One pending change per person: a newer upload replaces the one not yet confirmed."""
        await self._pending.put(PENDING, proposal.actor_id, Pending.of(proposal))

    async def _take(self, actor_id: int, token: str) -> Pending | None:
        """The person's pending change if ``token`` names it, removed so it is applied once."""
        pending = await self._pending.take(PENDING, actor_id)
        if pending is None:
            return None
        if pending.token != token:  # an older button: the newer change stays pending
            await self._pending.put(PENDING, actor_id, pending)
            return None
        if self._clock() - pending.created_at > PROPOSAL_TTL:
            return None
        return pending

    async def cancel(self, actor_id: int, token: str) -> bool:
        return await self._take(actor_id, token) is not None

    async def apply(
        self, actor_id: int, token: str, *, second: bool = False, admin: bool = False
    ) -> Report:
        """Apply a proposal. One removing most of the answers needs ``second`` (the explicit
        yes, after being asked again) unless an ``admin`` confirms it."""
        async with self._lock:
            pending = await self._take(actor_id, token)
            if pending is None or (second and not pending.asked_again):
                return Report(Outcome.EXPIRED, "apply")
            proposal = await self._rebuilt(pending)
            if proposal is None:
                return Report(Outcome.EXPIRED, "apply")
            if proposal.removes_most and not second and not admin:
                return await self._ask_again(actor_id, proposal)
            stale = await self._is_stale(proposal)
            if stale:
                await self._audit(actor_id, f"kb-{proposal.action}", "stale", proposal.label)
                return Report(Outcome.STALE, proposal.action, proposal.label, reason=stale)
            try:
                await asyncio.to_thread(
                    folder.write_files, self.path, proposal.files, proposal.replace_all
                )
            except OSError:
                log.exception("could not write the knowledge folder %s", self.path)
                return await self._refuse(
                    actor_id, proposal.action, proposal.label,
                    "the files could not be saved in the knowledge folder, so nothing changed. "
                    "Please ask a developer to check the folder.",
                )  # fmt: skip
            self._watch.seen = await asyncio.to_thread(folder.snapshot, self.path)
            self._watch.settling = None
            return await self._go_live(
                actor_id, proposal.action, proposal.label, LoadResult(proposal.kb)
            )

    async def _rebuilt(self, pending: Pending) -> Proposal | None:
        """The proposal with its knowledge base built again (vectors included), on whichever
        process the Apply button reached."""
        result = await self._build(pending.contents())
        if result.kb is None:  # cannot happen for files that built when proposed
            log.error("a pending knowledge-base change no longer builds; it is dropped")
            return None
        return pending.proposal(result.kb)

    async def _ask_again(self, actor_id: int, proposal: Proposal) -> Report:
        again = replace(proposal, asked_again=True)
        await self._keep(again)
        removed = len(proposal.diff.removed)
        await self._audit(
            actor_id,
            f"kb-{proposal.action}",
            "asked-again",
            f"{proposal.label}: removes {removed} of {proposal.live_entries}",
        )
        return Report(
            Outcome.CONFIRM_AGAIN, proposal.action, proposal.label, proposal.diff,
            proposal=again, entries=len(proposal.kb),
        )  # fmt: skip

    async def _is_stale(self, proposal: Proposal) -> str:
        if self.live.content_hash != proposal.base_hash:
            return "the live knowledge base changed after you were shown this change"
        current = await self._read_folder()
        if not proposal.replace_all and content_hash(current) != proposal.folder_hash:
            return "the files in the knowledge folder changed after you were shown this change"
        return ""

    # ------------------------------------------------------------------ history

    async def history(self, limit: int = 10) -> list[VersionRecord]:
        async with self._db.sessions() as session:
            return await kb_versions.recent(session, limit)

    async def record_startup(self) -> int | None:
        """Keep the knowledge base the bot started with, unless it is the last one recorded.

        On PostgreSQL (several processes), one starting from a folder that holds an older version
        (another process applied a change meanwhile) takes the latest version instead, rather
        than recording its old files as the newest: only files never seen before (edited by
        hand while it was stopped) become a new version that every process then follows.
        """
        kb = self.live
        async with self._db.sessions.begin() as session:
            last = await kb_versions.latest_hash(session)
            if last is not None and last[1] == kb.content_hash:
                return None
            shared = self._db.backend == "postgresql"  # SQLite: one process, its folder rules
            stale = (
                shared and last is not None and await kb_versions.has_hash(session, kb.content_hash)
            )
            if not stale:
                return await kb_versions.add(
                    session, files=kb.sources, content_hash=kb.content_hash,
                    entry_count=len(kb), action="startup", actor_id=None,
                    summary=f"loaded at start-up: {len(kb)} entries", at=self._clock(),
                )  # fmt: skip
        await self.follow()
        return None

    async def follow(self) -> int | None:
        """Serve the latest version if another process made it; its id, or None if nothing new.

        Built beside the live knowledge base in a thread (vectors included) and swapped in at
        once, as every change here is; its files are written to this process's folder too, so
        a reload or a restart here starts from them.
        """
        async with self._db.sessions() as session:
            last = await kb_versions.latest_hash(session)
        if last is None or last[1] == self.live.content_hash:
            return None
        async with self._lock:
            async with self._db.sessions() as session:
                files = await kb_versions.files_of(session, last[0])
            if files is None or last[1] == self.live.content_hash:
                return None
            result = await self._build(files)
            if result.kb is None:
                log.error("knowledge base version %d does not build here; still serving %s",
                          last[0], self.live.content_hash[:12])  # fmt: skip
                return None
            self.store.replace(result)
            await self._write_followed(files)
        log.info("knowledge base version %d, made live by another process, is live here",
                 last[0])  # fmt: skip
        return last[0]

    async def _write_followed(self, files: Mapping[str, bytes]) -> None:
        try:
            await asyncio.to_thread(folder.write_files, self.path, files, True)
        except OSError as exc:  # a read-only folder: served from memory, as recorded
            log.warning("could not write knowledge version files to %s: %s", self.path,
                        type(exc).__name__)  # fmt: skip
            return
        self._watch.seen = await asyncio.to_thread(folder.snapshot, self.path)
        self._watch.settling = None

    def overdue(self, today: date | None = None) -> list[tuple[str, str, date]]:
        """(file, entry id, review date) of live entries whose review date has passed."""
        day = today or self._today()
        kb = self.live
        found = [(kb.files[e.id], e.id, e.review_by) for e in kb.entries.values()
                 if e.review_by < day]  # fmt: skip
        return sorted(found)  # by file, so each file is opened once


@dataclass(frozen=True)
class Pending:
    """A proposal as the database keeps it: its files as text, its knowledge base rebuilt."""

    token: str
    actor_id: int
    action: str
    label: str
    files: dict[str, str]
    replace_all: bool
    base_hash: str
    folder_hash: str
    diff: KbDiff
    created_at: datetime
    live_entries: int
    asked_again: bool

    @classmethod
    def of(cls, p: Proposal) -> Pending:
        files = {name: data.decode("utf-8") for name, data in p.files.items()}
        return cls(
            p.token, p.actor_id, p.action, p.label, files, p.replace_all, p.base_hash,
            p.folder_hash, p.diff, p.created_at, p.live_entries, p.asked_again,
        )  # fmt: skip

    def contents(self) -> dict[str, bytes]:
        return {name: text.encode("utf-8") for name, text in self.files.items()}

    def proposal(self, kb: KnowledgeBase) -> Proposal:
        return Proposal(
            self.token, self.actor_id, self.action, self.label, self.contents(),
            self.replace_all, kb, self.base_hash, self.folder_hash, self.diff,
            self.created_at, self.live_entries, self.asked_again,
        )  # fmt: skip


PENDING: Slot[Pending] = Slot("kb-proposal", Pending, PROPOSAL_TTL)


def _problem_detail(result: LoadResult) -> str:
    errors = result.errors
    first = errors[0].as_cli() if errors else ""
    return f"{len(errors)} error(s); first: {first}"
