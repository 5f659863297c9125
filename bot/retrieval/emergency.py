"""A second emergency net behind the rules: a classifier and nearest neighbours over exemplars.

The rule-based guard (``bot/safety.py``) recognises danger that is named ("someone has a knife
outside"); residents also describe a scene ("a man is dragging a woman into a van and she's
screaming") that no rule names. This net compares the message's embedding with a few hundred
emergency phrasings and as many calm ones that sound alike (past events, how-to questions,
idioms), and says "emergency" only when two views agree: a linear classifier trained on them is
nearly sure, and the message's nearest exemplars are mostly emergencies, closer than any calm
one. The classifier generalises from wording; the neighbours stop it firing on a message that
merely shares the emergencies' style (short, breathless, about a street).

It can add an emergency verdict, never remove one: it runs only when the rules said no. The
exemplars are hand-written and independent of the evaluation questions; the thresholds were
chosen on the development questions only.
"""

from __future__ import annotations

import numpy as np

from bot.retrieval.classifier import Trained
from bot.retrieval.vectors import Vector

NEIGHBOURS = 5
# A scene takes words to describe: "my car" or "my phone" carry too little for the classifier,
# which extrapolates wildly on them. Short urgent messages ("HELP!", "fire!!") are the rules' job.
MIN_WORDS = 4
MIN_SIMILARITY = 0.4  # and the closest emergency exemplar must be at least this close


class EmergencyNet:
    def __init__(self, probability: float, neighbours: int = NEIGHBOURS) -> None:
        self.classifier = Trained("bot.retrieval", "exemplars.yaml", "emergency", "not_emergency")
        self.probability = probability  # the classifier must be at least this sure
        self.neighbours = neighbours

    @property
    def ready(self) -> bool:
        return self.classifier.exemplars is not None

    def is_emergency(self, vector: Vector, words: int) -> bool:
        exemplars = self.classifier.exemplars
        if exemplars is None or words < MIN_WORDS:
            return False
        if exemplars.probability(vector) < self.probability:
            return False
        near_danger = exemplars.yes @ vector
        near_calm = exemplars.no @ vector
        best = float(near_danger.max())
        if best < MIN_SIMILARITY or best <= float(near_calm.max()):
            return False
        both = np.concatenate((near_danger, near_calm))
        k = min(self.neighbours, both.shape[0])
        closest = np.argpartition(-both, k - 1)[:k]
        return int((closest < near_danger.shape[0]).sum()) >= k - 1
