"""The loaded sentence-embedding model and what it powers, or nothing at all.

One object per process, made at start-up: it embeds each resident message once (shared by the
emergency net, the knowledge base search and the report routes) and the knowledge base's phrases
at every load. Every failure here degrades to lexical matching, logged once, never an error for
a resident: the model is an improvement, not a dependency.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from bot.text import courtesy_in_english

if TYPE_CHECKING:
    from bot.retrieval.vectors import Matrix, Vector, VectorIndex

log = logging.getLogger(__name__)


class Embedder(Protocol):
    """A sentence-embedding model: L2-normalised float32 rows, one per text."""

    @property
    def model_id(self) -> str: ...

    def embed(self, texts: Sequence[str]) -> Matrix: ...

    def warm(self) -> None: ...


@dataclass(frozen=True, slots=True)
class ModelStatus:
    # "loaded"; "ready" (found, loads at first use); "off" (configured off); "absent" (not
    # installed); "failed" (could not be loaded or run: answering lexically)
    state: str
    model: str = ""
    detail: str = ""

    @property
    def loaded(self) -> bool:
        return self.state in ("loaded", "ready")

    def as_dict(self) -> dict[str, str]:
        return {"state": self.state, "model": self.model, "detail": self.detail}


class Semantics:
    """``masked`` words (the borough's name) are taken out before embedding: a small model
    weighs a place name so heavily that "best curry house in Harrow" lands near "Harrow's
    results". Which borough a question is about is the lexical index's job."""

    def __init__(
        self,
        embedder: Embedder | None,
        status: ModelStatus,
        cache_dir: Path | None = None,
        masked: Sequence[str] = (),
    ) -> None:
        self._embedder = embedder
        self.status = status
        self._cache_dir = cache_dir
        self._query_failed = False
        self._worker: ThreadPoolExecutor | None = None  # the model's own thread, made at first use
        names = "|".join(re.escape(m) for m in masked if m.strip())
        self._mask = re.compile(rf"\b(?:{names})(?:'s|’s|s)?\b", re.IGNORECASE) if names else None

    def _masked(self, text: str) -> str:
        """What the model reads: the masked words out, and residents' courtesy words in other
        languages read in English (:func:`courtesy_in_english`), which a small English model
        otherwise weighs as words of the question."""
        text = courtesy_in_english(text)
        if self._mask is None:
            return text
        return " ".join(self._mask.sub(" ", text).split()) or text

    @classmethod
    def lexical_only(cls, status: ModelStatus | None = None) -> Semantics:
        return cls(None, status or ModelStatus("off"))

    @property
    def available(self) -> bool:
        return self._embedder is not None

    @property
    def cache_dir(self) -> Path | None:
        return self._cache_dir

    @property
    def model_id(self) -> str:
        return self._embedder.model_id if self._embedder is not None else ""

    @property
    def vectors_id(self) -> str:
        """Names the vectors this model gives as read here (the vector cache, the classifiers'
        fitted weights): a change in how a text is cut to length changes them."""
        from bot.retrieval.onnx import READING

        return f"{self.model_id}-{READING}"

    def warm(self) -> None:
        """Load the model now rather than at the first message (long-running front ends)."""
        if self._embedder is None:
            return
        try:
            self._embedder.warm()
        except Exception as exc:  # a broken model file must not stop the bot
            self._give_up(exc)
        else:
            self.status = ModelStatus("loaded", self._embedder.model_id)

    def _give_up(self, exc: Exception) -> None:
        detail = f"{type(exc).__name__}: {exc}"[:200]
        log.warning("semantic model failed (%s): answering lexically only", detail)
        self.status = ModelStatus("failed", self.status.model, detail)
        self._embedder = None

    def embed_query(self, text: str) -> Vector | None:
        """The message's vector, or None (lexical only) if there is no model or it failed."""
        if self._embedder is None:
            return None
        try:
            vector: Vector = self._embedder.embed([self._masked(text)])[0]
        except (ImportError, OSError) as exc:  # the model could not be loaded at first use
            self._give_up(exc)
            return None
        except Exception:
            if not self._query_failed:  # once: a broken model must not flood the log
                log.exception("embedding a message failed; answering lexically")
                self._query_failed = True
            return None
        if self.status.state == "ready":
            self.status = ModelStatus("loaded", self.status.model)
        return vector

    async def embed_off_loop(self, text: str) -> Vector | None:
        """:meth:`embed_query` in the model's own thread, so that while the model reads one
        resident's message (most of an answer's time; onnxruntime lets go of the interpreter
        while it runs) the event loop answers others instead of waiting behind it. One thread:
        a process keeps to two cores, its event loop and the model, however many residents
        write at once.

        Only the model runs aside: the rules and the lexical index read the message before and
        after it, not beside it. Beside it they were no faster on two cores (the model's thread
        waits for the interpreter at its start and end, the 5 ms switch interval each time), and
        a rule's emergency is answered before the model is asked at all."""
        if self._embedder is None:
            return None
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="model")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._worker, self.embed_query, text)

    def close(self) -> None:
        """Let the model's thread go once its last message is read (nothing waits for it)."""
        if self._worker is not None:
            self._worker.shutdown(wait=False)
            self._worker = None

    def index(self, items: Iterable[tuple[str, Iterable[str]]]) -> VectorIndex | None:
        """Vectors for every (key, phrases) pair; None, logged, if they cannot be built."""
        from bot.retrieval.cache import VectorCache  # numpy: only where there are vectors
        from bot.retrieval.vectors import VectorIndex

        if self._embedder is None:
            return None
        keys: list[str] = []
        phrases: list[str] = []
        for key, texts in items:
            for text in dict.fromkeys(self._masked(t.strip()) for t in texts if t.strip()):
                keys.append(key)
                phrases.append(text)
        if not phrases:
            return None
        cache = VectorCache(self._cache_dir, self.vectors_id)
        try:
            matrix = cache.vectors(phrases, self._embedder.embed)
        except Exception:
            log.exception("phrase vectors could not be built; this knowledge base is lexical")
            return None
        return VectorIndex(keys, phrases, matrix)
