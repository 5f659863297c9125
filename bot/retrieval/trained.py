"""Apart from :mod:`bot.retrieval.classifier` so that holding a classifier costs no numpy: a
one-off ``localbeat ask`` whose message needs no model never imports it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.retrieval.classifier import Exemplars
    from bot.retrieval.semantics import Semantics
    from bot.retrieval.vectors import Vector


class Trained:
    """A classifier that exists from start-up and is trained when its exemplars are embedded.

    Embedding a few hundred exemplars takes seconds on a fresh machine (then they come from the
    vector cache): the bot starts answering at once, and the classifier joins in when ready.
    Until then, and for good if there is no model, ``exemplars`` is None and callers skip it.
    ``more_no`` names lists in other files of the package, (file, key), that are also "no";
    ``more`` reads more texts of each side from elsewhere, when the classifier is trained,
    beside which the package's own count ``own_weight`` times each.
    """

    def __init__(
        self,
        package: str,
        filename: str,
        yes: str,
        no: str,
        more_no: Sequence[tuple[str, str]] = (),
        more: Callable[[], tuple[Sequence[str], Sequence[str]]] | None = None,
        own_weight: int = 1,
    ) -> None:
        self._source = (package, filename, yes, no)
        self._more_no = tuple(more_no)
        self._more = more
        self._own_weight = own_weight
        self.exemplars: Exemplars | None = None

    def train(self, semantics: Semantics) -> None:
        from bot.retrieval.classifier import Exemplars

        if self.exemplars is None:
            self.exemplars = Exemplars.load(
                semantics,
                *self._source,
                more_no=self._more_no,
                more=self._more,
                own_weight=self._own_weight,
            )


# A reading takes words to describe: "my car" or "fireworks in the park" carry too little for the
# classifiers, which extrapolate wildly on them. Short urgent messages ("HELP!!", "fire!") are
# the rules' job.
MIN_WORDS = 5


class Reading:
    """A yes/no reading of a message that averages two views of the same exemplars: a linear
    classifier over its sentence embedding (what it means) and naive Bayes over its words and
    word pairs (the vocabulary, which a small embedding model blurs); their average must reach
    ``probability``. Each view alone was wrong too often on the development questions: the
    embedding on idioms ("I could strangle my brother"), the words on long rambling messages."""

    def __init__(self, classifier: Trained, probability: float) -> None:
        self.classifier = classifier
        self.probability = probability  # the average must be at least this sure

    @property
    def ready(self) -> bool:
        return self.classifier.exemplars is not None

    def train(self, semantics: Semantics) -> None:
        self.classifier.train(semantics)

    def holds(self, vector: Vector, text: str) -> bool:
        return self.likelihood(vector, text) >= self.probability

    def likelihood(self, vector: Vector, text: str) -> float:
        """The average of the two views; 0 untrained or for a message too short to read."""
        exemplars = self.classifier.exemplars
        if exemplars is None or len(text.split()) < MIN_WORDS:
            return 0.0
        return (exemplars.probability(vector) + exemplars.words.probability(text)) / 2
