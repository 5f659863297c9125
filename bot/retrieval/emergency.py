"""A second emergency net behind the rules: two classifiers trained on hand-written exemplars.

The rule-based guard (``bot/safety.py``) recognises danger that is named ("someone has a knife
outside"); residents also describe a scene ("a man is dragging a woman into a van and she's
screaming") that no rule names. This net was trained on over a thousand emergency phrasings and
as many calm ones that sound alike (past events, how-to questions, idioms, council matters).

It can add an emergency verdict, never remove one: it runs only when the rules said no. The
exemplars are hand-written and independent of the evaluation questions; the threshold was chosen
on the development questions (tests/eval/dev.yaml and dev-safety.yaml) only.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from bot.exploitation import signs_of_exploitation
from bot.retrieval.trained import Reading, Trained
from bot.safety import at_a_distance
from bot.transport import how_transport_ran

if TYPE_CHECKING:
    from bot.retrieval.vectors import Vector

# A scene the message dates before today ("few months back a man tried to drag my sister into
# his car") or says is over ("he's long gone") reads much like one happening now, and so does a
# complaint about a bus that left someone at the stop; only a near-certain reading calls 999 for
# them.
PAST_PROBABILITY = 0.9


class NetReading(Enum):
    EMERGENCY = "emergency"  # the 999 reply
    UNSURE = "unsure"  # the usual reply, with the 999 line first
    CALM = "calm"


class EmergencyNet(Reading):
    def __init__(self, probability: float, caution: float | None = None) -> None:
        """``caution``: from this likelihood up to the 999 reply's, the net is unsure, and the
        resident's reply starts with the 999 line (None: never)."""
        self.caution = caution
        # Crimes told once they are over (reports.yaml) are calm too: they teach the net that
        # "came back to the car park and my boot had been forced" is not a scene to call 999
        # about. With them the threshold could come down (0.85 -> 0.75) and catch more scenes
        # for the same false alarms on the development questions; with calm exemplars of
        # blocked drives, street hazards and scenes told months later, 0.7.
        classifier = Trained(
            "bot.retrieval",
            "exemplars.yaml",
            "emergency",
            "not_emergency",
            more_no=(("reports.yaml", "report"),),
        )
        super().__init__(classifier, probability)

    def holds(self, vector: Vector, text: str) -> bool:
        return self.read(vector, text) is NetReading.EMERGENCY

    def read(self, vector: Vector, text: str) -> NetReading:
        """A scene the net is sure of gets 999. One it is unsure of, a danger told with a
        courtesy or a closing question ("sorry to bother you but ... what should i do"), which
        the net reads as half a how-to question, keeps its usual reply with the 999 line first:
        a calm message so read is told what it would anyway be told in danger, while a 999
        reply to it would be a false alarm."""
        likelihood = self.likelihood(vector, text)
        unsure = NetReading.UNSURE if self._unsure(likelihood) else NetReading.CALM
        if likelihood < self.probability:
            return unsure
        if signs_of_exploitation(text):
            return unsure  # the signs told calmly: advice, not 999 (the rules still run first)
        if how_transport_ran(text):
            # a driver who shut the doors on someone or drove past reads, even to a near-certain
            # net, like an older person in danger; danger on a bus has words the rules know
            return unsure
        calm = at_a_distance(text)
        return NetReading.EMERGENCY if likelihood >= PAST_PROBABILITY or not calm else unsure

    def _unsure(self, likelihood: float) -> bool:
        return self.caution is not None and likelihood >= self.caution
