"""Which reporting route a crime story calls for, read from stories told for each route.

A reporting reply names the most specific route the knowledge base has (fraud, hate crime,
domestic abuse, crime on trains...). The entry search picks entries by how residents *ask* about
them, and a story shares words with the wrong one too easily: a handbag snatched outside a bank
came close to the trains' route, being called names and spat at close to domestic abuse. This
reading compares the story with stories told for each route (``routes.yaml``), and with stories
of crimes that have no route of their own (``plain``), for which the plain reply (101, online,
Crimestoppers) is right. It is asked only once the answer is already a reporting reply, so it can
never delay or replace a 999 reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.retrieval.shipped_index import ShippedIndex

if TYPE_CHECKING:
    from bot.retrieval.vectors import Vector

PLAIN = "plain"  # a crime with no route of its own: the plain reporting reply
NEAREST = 3  # a route's closeness: the mean of its three stories nearest the message


@dataclass(frozen=True, slots=True)
class RouteRead:
    key: str  # a route entry's id, or PLAIN
    closeness: float  # mean cosine of the key's nearest stories
    lead: float  # over the next key's closeness
    scores: dict[str, float]  # every key's closeness, leaning included
    # The general route of the family ``key`` belongs to (routes that send a victim the same
    # way), and the family's lead over every route outside it; None outside a family.
    family: str | None = None
    family_lead: float = 0.0


# A story that names a route's place or means ("on the Jubilee line", "a train") leans that way
# by this much, which in practice decides (0.15 and 0.3 tried on the dev questions; 0.3 one
# better): a small model hears "Jubilee line" as little more than a name, and crime on the
# railway is British Transport Police's whatever else it is.
WORD_LEAN = 0.3


class RouteReading(ShippedIndex):
    what = "route stories"

    def __init__(self, package: str = "bot.retrieval", filename: str = "routes.yaml") -> None:
        super().__init__(package, filename)
        self._words: dict[str, re.Pattern[str]] = {}
        self._family: dict[str, str] = {}  # a member route's id -> its family's general route

    def _items(self, data: Any) -> list[tuple[str, list[str]]]:
        routes = data["routes"]
        items = [(str(key), [str(t) for t in stories]) for key, stories in routes.items()]
        self._words = {
            str(key): re.compile(
                r"\b(?:" + "|".join(re.escape(str(w).casefold()) for w in listed) + r")\b"
            )
            for key, listed in (data.get("words") or {}).items()
            if listed
        }
        self._family = {
            str(member): str(general)
            for general, members in (data.get("families") or {}).items()
            for member in [general, *members]
        }
        return items

    def general(self, key: str) -> str | None:
        """The general route of the family ``key`` belongs to (itself if it is the general one);
        None outside a family or before the stories are loaded."""
        return self._family.get(key)

    def read(self, vector: Vector, text: str = "") -> RouteRead | None:
        """The closest route (or PLAIN) and by how much it leads; None untrained."""
        index = self._index
        if index is None:
            return None
        scores = index.closeness(vector, NEAREST)
        said = " ".join(text.casefold().split())
        leaning = {key for key, words in self._words.items() if words.search(said)}
        closeness = {
            key: (scores.get(key) or 0.0) + (WORD_LEAN if key in leaning else 0.0)
            for key in index.keys
        }
        ranked = sorted(closeness.items(), key=lambda kv: -kv[1])
        first, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        family = self.general(first)
        if family is None:
            return RouteRead(first, top, top - second, closeness)
        outside = next((c for k, c in ranked if self.general(k) != family), 0.0)
        return RouteRead(first, top, top - second, closeness, family, top - outside)
