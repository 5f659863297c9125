"""Phrases from one of the package's YAML files, embedded when the model is ready.

The route stories and residents' examples are both texts grouped by a key (a route, an entry)
that the bot compares a message with. They exist from start-up and are embedded with the rest of
understanding (seconds the first time, then from the vector cache); until then, for good
without a model, and if their file cannot be read (logged once), they are simply not used.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import yaml

from bot import shipped_yaml

if TYPE_CHECKING:
    from bot.retrieval.semantics import Semantics
    from bot.retrieval.vectors import VectorIndex

log = logging.getLogger(__name__)


class ShippedIndex:
    what = "phrases"  # how the log names them when their file cannot be read

    def __init__(self, package: str, filename: str) -> None:
        self._source = (package, filename)
        self._index: VectorIndex | None = None

    @property
    def ready(self) -> bool:
        return self._index is not None

    def train(self, semantics: Semantics) -> None:
        if self._index is not None or not semantics.available:
            return
        package, filename = self._source
        try:
            items = self._items(shipped_yaml.read(package, filename))
        except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
            log.warning("%s %s/%s unreadable (%s): not used", self.what, package, filename, exc)
            return
        if items:
            self._index = semantics.index(items)

    def _items(self, data: Any) -> list[tuple[str, list[str]]]:
        """The file's texts grouped by key; raises KeyError, TypeError... on a malformed file."""
        raise NotImplementedError
