"""A conversation's memory between two messages, as plain JSON the front end keeps.

The web chat stores it with its session in the database, so any process can continue a
conversation; the terminal keeps it in memory. A value that cannot be read (an older shape, a
corrupt row) starts afresh rather than failing the resident's message.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from bot.feedback.catalogue import Channel


@dataclass(frozen=True, slots=True)
class Who:
    """The resident as the feedback service knows them; None where nobody can be reached."""

    channel: Channel
    id: int


@dataclass
class FeedbackDraft:
    token: str  # in every button of this draft, so an earlier draft's buttons go stale
    step: str
    started: float  # wall-clock seconds: another process may continue the draft
    priority: str | None = None
    ward: str | None = None
    text: str = ""
    overlong: str = ""
    may_reply: bool = False
    away: bool = False  # the resident went to another menu: typed text is a question again


@dataclass
class State:
    draft: FeedbackDraft | None = None
    offer: str = ""  # what the resident wrote that was offered to the team as feedback
    answering: int | None = None  # the feedback item whose team reply the next text answers

    def dumps(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def loads(cls, text: str | None) -> State:
        try:
            raw = json.loads(text or "{}")
            draft = raw.get("draft")
            return cls(
                draft=FeedbackDraft(**draft) if isinstance(draft, dict) else None,
                offer=str(raw.get("offer") or ""),
                answering=int(raw["answering"]) if raw.get("answering") is not None else None,
            )
        except (ValueError, TypeError, AttributeError, KeyError):
            return cls()
