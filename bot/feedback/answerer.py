"""Noticing a priority or complaint in free text and offering to pass it to the team.

Deliberately conservative: only plain demands and complaints about policing where the resident
lives ("we need more police on Station Road at night", "not enough patrols in Wealdstone") are
offered; anything phrased as a question is left to the knowledge base, so an ordinary question
is never turned into a feedback offer.
"""

from __future__ import annotations

import re
from datetime import timedelta

from bot.answers import Button, Reply, ReplyKind
from bot.retrieval.classifier import Exemplars
from bot.router import Proposal, Query
from bot.storage.states import Slot, StateStore
from bot.text import normalise

POLICING = r"(police|policing|officers?|patrols?|bobbies|coppers|pcsos?|presence|cctv|lighting)"
ADJECTIVE = r"(visible|uniformed|local|street|foot|neighbourhood|regular)"
DEMANDS = tuple(
    re.compile(p)
    for p in (
        rf"\b(need|needs|want|wants|deserve|should be|should have)\b.{{0,20}}"
        rf"\b(more|better|extra) ({ADJECTIVE} )?{POLICING}\b",
        rf"\bnot enough\b.{{0,15}}\b{POLICING}\b",
        rf"\b(never|rarely|hardly ever|no)\b.{{0,12}}\b(see|seen|any)\b.{{0,12}}\b{POLICING}\b",
        r"\b(i|we) (want|would like|d like|wish) to "
        r"(complain|make a complaint|raise|give feedback)\b",
        r"\b(my|our) (main )?(priority|priorities|concern|concerns) (is|are)\b",
        r"\b(please|can you|could you) (do something|sort out|deal with|crack down)\b",
        r"\b(fed up|sick and tired|sick) (of|with)\b",
    )
)
QUESTION_START = re.compile(
    r"^(how|what|whats|where|when|who|which|is|are|can|could|do|does|did|will|would|why|should)\b"
)

OFFER_TEXT = (
    "It sounds like you’d like the {borough} team to hear this. I can pass it on as feedback: "
    "the team will not see your name or username.\n\n"
    "This is not a crime report. To report a crime call 101 or go to "
    "https://www.met.police.uk/ro/report/ . In an emergency call 999."
)
OFFER_BUTTONS = (Button("Send this to the team", "fb:offer"), Button("No thanks", "menu:main"))


def sounds_like_feedback(text: str) -> bool:
    stripped = text.strip()
    if not stripped or stripped.endswith("?") or len(stripped) > 2000:
        return False
    words = normalise(stripped)
    if QUESTION_START.match(words):
        return False
    return any(p.search(words) for p in DEMANDS)


OFFER: Slot[str] = Slot("feedback-offer", str, timedelta(hours=1))


class Offers:
    """The text each resident was last offered to send, until they press the button.

    Kept in the database (``bot.storage.states``), so the press may reach another process than
    the message did; taken once, so two presses never start two drafts with it.
    """

    def __init__(self, states: StateStore) -> None:
        self._states = states

    async def put(self, resident_id: int, text: str) -> None:
        await self._states.put(OFFER, resident_id, text)

    async def take(self, resident_id: int) -> str | None:
        return await self._states.take(OFFER, resident_id)


# A plain demand or complaint (the rules above) is offered to the team before advice on the same
# subject; only a near-exact entry answers first, with the offer beside it as the runner-up.
SCORE = 96.0
# Read as feedback by the classifier alone: just above the answer threshold, so it wins over a
# half-understood entry or a fallback, never over a confident answer or crime figures.
SCORE_SEMANTIC = 58.0
PROBABILITY = 0.95  # chosen on the development questions


class FeedbackAnswerer:
    """Offers to pass a message to the team when it reads like a priority, complaint,
    suggestion or thanks: by the plain rules above, or by a classifier trained on hand-written
    exemplars (``exemplars.yaml``) when the model is loaded."""

    def __init__(
        self, offers: Offers, borough: str, exemplars: Exemplars | None = None
    ) -> None:
        self._offers = offers
        self._borough = borough
        self._exemplars = exemplars

    def _score(self, query: Query) -> float | None:
        if sounds_like_feedback(query.text):
            return SCORE
        if self._exemplars is None or query.vector is None or len(query.text) > 2000:
            return None
        if self._exemplars.probability(query.vector) >= PROBABILITY:
            return SCORE_SEMANTIC
        return None

    async def propose(self, query: Query) -> Proposal | None:
        score = self._score(query)
        if score is None:
            return None
        # Remembered now, not only if chosen: a runner-up "Send this to the team" button needs it.
        if query.resident_id is not None:
            await self._offers.put(query.resident_id, query.text.strip())
        reply = Reply(ReplyKind.FEEDBACK, OFFER_TEXT.format(borough=self._borough), OFFER_BUTTONS)

        async def make() -> Reply:
            return reply

        return Proposal("feedback", score, make, OFFER_BUTTONS[0], "offer")
