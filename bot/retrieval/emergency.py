"""A second emergency net behind the rules: two classifiers trained on hand-written exemplars.

The rule-based guard (``bot/safety.py``) recognises danger that is named ("someone has a knife
outside"); residents also describe a scene ("a man is dragging a woman into a van and she's
screaming") that no rule names. This net was trained on over a thousand emergency phrasings and
as many calm ones that sound alike (past events, how-to questions, idioms, council matters). It
averages two readings of a message: a linear classifier over its sentence embedding (what it
means) and naive Bayes over its words and word pairs (the vocabulary of danger, which a small
embedding model blurs); their average must reach ``probability``.

It can add an emergency verdict, never remove one: it runs only when the rules said no. The
exemplars are hand-written and independent of the evaluation questions; the threshold was chosen
on the development questions (tests/eval/dev.yaml and dev-safety.yaml) only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.retrieval.trained import Trained

if TYPE_CHECKING:
    from bot.retrieval.vectors import Vector

# A scene takes words to describe: "my car" or "fireworks in the park" carry too little for the
# classifiers, which extrapolate wildly on them. Short urgent messages ("HELP!!", "fire!") are
# the rules' job.
MIN_WORDS = 5


class EmergencyNet:
    def __init__(self, probability: float) -> None:
        self.classifier = Trained("bot.retrieval", "exemplars.yaml", "emergency", "not_emergency")
        self.probability = probability  # the classifier must be at least this sure

    @property
    def ready(self) -> bool:
        return self.classifier.exemplars is not None

    def is_emergency(self, vector: Vector, text: str) -> bool:
        exemplars = self.classifier.exemplars
        if exemplars is None or len(text.split()) < MIN_WORDS:
            return False
        meaning = exemplars.probability(vector)
        wording = exemplars.words.probability(text)
        return (meaning + wording) / 2 >= self.probability
