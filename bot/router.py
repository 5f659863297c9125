"""Choosing who answers: every answerer proposes, the most confident proposal answers.

Answerers used to be asked in a fixed order and the first to claim a question won, so the crime
figures parser took "has shoplifting gone down in Harrow?" even with no figures loaded, although
a newsletter entry answers it. Now the knowledge base, crime figures, events and feedback each
propose a reply with a score on one 0-100 scale; the best answers, and a runner-up within
``margin`` is offered as a button so a resident who meant the other thing is one tap away.

Proposals are cheap: building the reply (database queries, side effects such as remembering a
feedback offer) happens only for the one chosen.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.answers import Button, Reply
    from bot.retrieval.vectors import Vector


@dataclass(frozen=True, slots=True)
class Query:
    """One resident message as every answerer sees it."""

    text: str
    resident_id: int | None = None
    vector: Vector | None = None  # its sentence embedding; None when serving lexically


@dataclass(frozen=True, slots=True)
class Proposal:
    source: str  # "kb", "stats", "events", "feedback": who proposes
    score: float  # 0-100 on the router's common scale
    make: Callable[[], Awaitable[Reply]]
    offer: Button | None = None  # how to offer this as a second choice, if it can be
    key: str = ""  # what is proposed (an entry id, a query); equal keys are one proposal
    firm: bool = False  # the answerer is sure the question is of its kind (see AnswerService)
    ready: bool = True  # False: its kind, but it cannot answer it now (no figures loaded)


class Proposer(Protocol):
    """A specialised answerer (crime figures, events, feedback): ``None`` means "not mine"."""

    async def propose(self, query: Query) -> Proposal | None: ...


def rank(proposals: Sequence[Proposal | None]) -> list[Proposal]:
    """Best first; on a tie the earlier proposer wins, so the order is still a tie-break."""
    found = [(p, i) for i, p in enumerate(proposals) if p is not None]
    found.sort(key=lambda pi: (-pi[0].score, pi[1]))
    return [p for p, _ in found]


def runner_up(ranked: Sequence[Proposal], margin: float, floor: float) -> Proposal | None:
    """A second proposal close enough to the best to offer, from another answerer or entry."""
    if len(ranked) < 2:
        return None
    best = ranked[0]
    for other in ranked[1:]:
        if other.offer is None or (other.source, other.key) == (best.source, best.key):
            continue
        if other.score >= floor and best.score - other.score <= margin:
            return other
        return None
    return None
