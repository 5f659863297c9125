"""From a resident's words to the reply they should get, with no knowledge of Telegram.

The order is the product's safety policy: the emergency guard runs before anything else and, when it
fires, nothing else is matched; crime reports are redirected; then specialised answerers (crime
figures, events, feedback) get a look; then the knowledge base.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from bot.config import MatcherConfig
from bot.kb.base import KnowledgeBase, KnowledgeStore
from bot.kb.render import render_answer, source_line
from bot.kb.schema import Entry, Topic
from bot.matcher import Candidate
from bot.safety import EMERGENCY_REPLY, REPORT_REPLY, Verdict, assess
from bot.text import has_letters, normalise


class ReplyKind(StrEnum):
    EMERGENCY = "emergency"
    REPORT = "report"
    ANSWER = "answer"
    SUGGESTIONS = "suggestions"
    FALLBACK = "fallback"
    SMALLTALK = "smalltalk"
    STATS = "stats"
    EVENTS = "events"
    FEEDBACK = "feedback"


@dataclass(frozen=True, slots=True)
class Button:
    """A choice offered with a reply; ``action`` is a short token the front end maps back."""

    label: str
    action: str


@dataclass(frozen=True, slots=True)
class Reply:
    kind: ReplyKind
    text: str
    buttons: tuple[Button, ...] = ()
    sources: tuple[str, ...] = ()
    entry_id: str | None = None
    score: float | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = str(self.kind)
        return data


class GapRecorder(Protocol):
    """Keeps questions the knowledge base served badly; ``suggested`` tells "Did you mean…" (a
    missing question variant, usually) from no answer at all (a missing entry)."""

    async def record(self, normalised_text: str, suggested: bool = False) -> None: ...


class Answerer(Protocol):
    """A specialised answerer (crime figures, events, ...): ``None`` means "not mine"."""

    async def try_answer(self, text: str, resident_id: int | None) -> Reply | None: ...


TOPIC_BUTTONS: tuple[Button, ...] = (
    Button("Crime in my area", "menu:crime"),
    Button("Events near me", "menu:events"),
    Button("Safety tips", f"topic:{Topic.PREVENTION}"),
    Button("The police plan", f"topic:{Topic.PLAN}"),
    Button("Give feedback", "menu:feedback"),
    Button("Settings", "menu:settings"),
)

EMPTY_TEXT = (
    "Please type your question in a few words, for example “how do I stop my phone being "
    "snatched?” or “what is the police plan for London?”."
)

FALLBACK_TEXT = (
    "Sorry, I don’t have an answer to that yet. I’ve passed the question on so the team can add "
    "one.\n\nI can help with crime figures for your area, local police events, crime prevention "
    "tips, the Met’s plan for London, and passing your priorities to the {borough} team. "
    "Choose a topic below or type /help.\n\n"
    "To report a crime: 101 or online at https://www.met.police.uk/ro/report/ . "
    "In an emergency always call 999."
)

SUGGEST_TEXT = "I’m not sure I understood. Did you mean one of these?"


class AnswerService:
    def __init__(
        self,
        store: KnowledgeStore,
        matcher: MatcherConfig,
        borough_name: str,
        gaps: GapRecorder | None = None,
        answerers: Sequence[Answerer] = (),
    ) -> None:
        self._store = store
        self._matcher = matcher
        self._borough = borough_name
        self._gaps = gaps
        self._answerers = tuple(answerers)

    async def answer(self, text: str, resident_id: int | None = None) -> Reply:
        verdict = assess(text)
        if verdict.verdict is Verdict.EMERGENCY:
            return Reply(ReplyKind.EMERGENCY, EMERGENCY_REPLY, meta={"reason": verdict.reason})
        if not has_letters(text):
            return Reply(ReplyKind.FALLBACK, EMPTY_TEXT, TOPIC_BUTTONS)
        kb = self._store.current  # one snapshot per question, so a reload never tears an answer
        if verdict.verdict is Verdict.REPORT:
            return self._report(kb, text)
        for answerer in self._answerers:
            reply = await answerer.try_answer(text, resident_id)
            if reply is not None:
                return reply
        return await self._from_kb(kb, text)

    def entry_reply(self, entry_id: str, score: float | None = None) -> Reply | None:
        """The reply for one entry, as opened from a button or a deep link."""
        entry = self._store.current.get(entry_id)
        return self._entry(self._store.current, entry, score) if entry else None

    def topic_reply(self, topic: str) -> Reply | None:
        kb = self._store.current
        entries = [e for e in kb.entries.values() if e.topic == topic]
        if not entries:
            return None
        buttons = tuple(Button(e.title, f"kb:{e.id}") for e in entries[:12])
        return Reply(ReplyKind.ANSWER, f"Choose a topic ({len(entries)}):", buttons)

    def _entry(self, kb: KnowledgeBase, entry: Entry, score: float | None) -> Reply:
        related = tuple(
            Button(r.title, f"kb:{r.id}") for r in (kb.get(i) for i in entry.related) if r
        )
        kind = ReplyKind.SMALLTALK if entry.topic == Topic.SMALLTALK else ReplyKind.ANSWER
        sources = (source_line(entry.source),) if entry.source else ()
        return Reply(kind, render_answer(entry), related, sources, entry.id, score)

    def _search(self, kb: KnowledgeBase, text: str) -> list[Candidate]:
        return kb.index.search(
            text, limit=self._matcher.max_suggestions, score_cutoff=self._matcher.suggest_threshold
        )

    def _report(self, kb: KnowledgeBase, text: str) -> Reply:
        related = [c for c in self._search(kb, text) if c.score >= self._matcher.threshold]
        buttons = tuple(Button(kb.entries[c.key].title, f"kb:{c.key}") for c in related[:2])
        return Reply(ReplyKind.REPORT, REPORT_REPLY, buttons)

    async def _from_kb(self, kb: KnowledgeBase, text: str) -> Reply:
        found = self._search(kb, text)
        if found and found[0].score >= self._matcher.threshold:
            return self._entry(kb, kb.entries[found[0].key], found[0].score)
        if found:
            if self._gaps is not None:
                await self._gaps.record(normalise(text), suggested=True)
            buttons = tuple(Button(kb.entries[c.key].title, f"kb:{c.key}") for c in found)
            return Reply(ReplyKind.SUGGESTIONS, SUGGEST_TEXT, buttons, score=found[0].score)
        if self._gaps is not None:
            await self._gaps.record(normalise(text))
        return Reply(
            ReplyKind.FALLBACK, FALLBACK_TEXT.format(borough=self._borough), TOPIC_BUTTONS, score=0
        )
