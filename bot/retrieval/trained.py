"""Apart from :mod:`bot.retrieval.classifier` so that holding a classifier costs no numpy: a
one-off ``localbeat ask`` whose message needs no model never imports it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.retrieval.classifier import Exemplars
    from bot.retrieval.semantics import Semantics


class Trained:
    """A classifier that exists from start-up and is trained when its exemplars are embedded.

    Embedding a few hundred exemplars takes seconds on a fresh machine (then they come from the
    vector cache): the bot starts answering at once, and the classifier joins in when ready.
    Until then, and for good if there is no model, ``exemplars`` is None and callers skip it.
    """

    def __init__(self, package: str, filename: str, yes: str, no: str) -> None:
        self._source = (package, filename, yes, no)
        self.exemplars: Exemplars | None = None

    def train(self, semantics: Semantics) -> None:
        from bot.retrieval.classifier import Exemplars

        if self.exemplars is None:
            self.exemplars = Exemplars.load(semantics, *self._source)
