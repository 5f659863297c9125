"""A second emergency net behind the rules: two classifiers trained on hand-written exemplars.

The rule-based guard (``bot/safety.py``) recognises danger that is named ("someone has a knife
outside"); residents also describe a scene ("a man is dragging a woman into a van and she's
screaming") that no rule names. This net was trained on over a thousand emergency phrasings and
as many calm ones that sound alike (past events, how-to questions, idioms, council matters).

It can add an emergency verdict, never remove one: it runs only when the rules said no. Its own
exemplars are hand-written and independent of the evaluation questions; it also learns from
residents' messages labelled emergencies or not (``examples.yaml``, the dev parts of the
evaluation set, :func:`~bot.retrieval.examples.dangers_told`), and its thresholds were chosen on
the dev parts only, each measured without its own round's messages.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import Enum
from typing import TYPE_CHECKING

from bot.exploitation import signs_of_exploitation
from bot.retrieval.examples import dangers_told
from bot.retrieval.trained import Reading, Trained
from bot.safety import at_a_distance
from bot.text import averted
from bot.transport import how_transport_ran

if TYPE_CHECKING:
    from bot.retrieval.semantics import Semantics
    from bot.retrieval.vectors import Vector

# A scene the message dates before today ("few months back a man tried to drag my sister into
# his car") or says is over ("he's long gone") reads much like one happening now, and so does a
# complaint about a bus that left someone at the stop; only a near-certain reading calls 999 for
# them.
PAST_PROBABILITY = 0.9

# Residents' messages hold 1,040 emergencies and 3,965 calm ones, against the net's own 732
# scenes and 894 calm look-alikes (with the crimes told once over): beside them the own exemplars
# count eight times each. Learned together, some scenes only the exemplars describe fall below
# the line ("young man standing on the wrong side of the railings on the bridge ... staring down
# at the tracks"), so the own exemplars' reading still has its say: near certain, 999; unsure
# (its band before), the 999 line first. No message the net put the 999 line before loses it.
# Chosen on the dev parts, each without its own round (own weight 1, 2, 4 and 8; 999 from 0.5 to
# 0.65; the unsure band from 0.2 to 0.4): at eight, 999 at 0.6 and the band from 0.4, 1,035 of
# 1,041 dev emergencies got 999 and 43 calm messages did (1,038 and 50 before), and all but one
# emergency were told 999 first, as before; at four, 1,028 and 35.
OWN_WEIGHT = 8
OWN_SURE = 0.9
OWN_CAUTION = 0.5


class NetReading(Enum):
    EMERGENCY = "emergency"  # the 999 reply
    UNSURE = "unsure"  # the usual reply, with the 999 line first
    CALM = "calm"


class EmergencyNet(Reading):
    def __init__(
        self,
        probability: float,
        caution: float | None = None,
        residents: bool = False,
        leave_out: Collection[str] = (),
    ) -> None:
        """``caution``: from this likelihood up to the 999 reply's, the net is unsure, and the
        resident's reply starts with the 999 line (None: never). ``residents``: learn from
        residents' messages too, without the rounds ``leave_out`` (to measure those rounds)."""
        self.caution = caution
        self._residents = residents
        self._leave_out = frozenset(leave_out)
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
            more=(lambda: dangers_told(self._leave_out)) if residents else None,
            own_weight=OWN_WEIGHT if residents else 1,
        )
        super().__init__(classifier, probability)
        # the exemplars' own reading, asked where the residents' one is calm or unsure (with no
        # unsure band of its own where the band is turned off)
        own_caution = OWN_CAUTION if caution is not None else None
        self._own = EmergencyNet(OWN_SURE, own_caution) if residents else None

    def leaving_out(self, rounds: Collection[str]) -> EmergencyNet:
        """The same net without some rounds' messages, untrained: for measuring them."""
        return EmergencyNet(self.probability, self.caution, self._residents, rounds)

    def train(self, semantics: Semantics) -> None:
        super().train(semantics)
        if self._own is not None:
            self._own.train(semantics)

    def holds(self, vector: Vector, text: str) -> bool:
        return self.read(vector, text) is NetReading.EMERGENCY

    def read(self, vector: Vector, text: str) -> NetReading:
        """A scene the net is sure of gets 999. One it is unsure of, a danger told with a
        courtesy or a closing question ("sorry to bother you but ... what should i do"), which
        the net reads as half a how-to question, keeps its usual reply with the 999 line first:
        a calm message so read is told what it would anyway be told in danger, while a 999
        reply to it would be a false alarm."""
        reading = self._read(vector, text)
        if self._own is None or reading is NetReading.EMERGENCY:
            return reading
        own = self._own.read(vector, text)
        return reading if own is NetReading.CALM else own

    def _read(self, vector: Vector, text: str) -> NetReading:
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
        # an attempt turned away ("my nan hung up") reads like the same scam going on now, of
        # which residents' messages hold many ("the courier is coming at 3, its 2.45 now")
        calm = at_a_distance(text) or averted(text)
        return NetReading.EMERGENCY if likelihood >= PAST_PROBABILITY or not calm else unsure

    def _unsure(self, likelihood: float) -> bool:
        return self.caution is not None and likelihood >= self.caution
