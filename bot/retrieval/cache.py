"""Phrase vectors kept on disk between runs, so start-up and /reload embed only what changed.

Embedding every phrase of the knowledge base takes seconds; most reloads change a handful of
phrases. Vectors are stored per model, keyed by a digest of the phrase, and written
atomically (a temporary file renamed over the old one) so two processes sharing the folder never
read a torn file. A missing, unreadable or foreign cache is just an empty one.

Digests, not the phrases: stored as a fixed-width array, the phrases cost the width of the longest
one each (a resident's rambling example made the keys larger than the vectors), and every set
that is indexed at start-up reads the whole file.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from bot.retrieval.vectors import Matrix

log = logging.getLogger(__name__)

_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")
MAX_CACHED = 50_000  # phrases (about 75 MB of vectors at 384 dimensions)


def digest(text: str) -> bytes:
    """Hex, not raw bytes: numpy's fixed-width bytes drop a digest's trailing zero bytes."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest().encode("ascii")


def file_name(model_id: str) -> str:
    """A model id as a file name: ids of a configured folder carry its name, any characters."""
    return _SAFE_NAME.sub("_", model_id)


class VectorCache:
    def __init__(self, folder: Path | None, model_id: str) -> None:
        self._file = folder / f"{file_name(model_id)}.npz" if folder else None

    def vectors(self, texts: Sequence[str], embed: Callable[[Sequence[str]], Matrix]) -> Matrix:
        """Vectors for ``texts`` in order: cached ones read, the rest embedded and stored."""
        known = self._read()
        keys = [digest(t) for t in texts]
        missing = list(
            dict.fromkeys((k, t) for k, t in zip(keys, texts, strict=True) if k not in known)
        )
        if missing:
            fresh = embed([t for _, t in missing])
            # Several sets share one file (knowledge phrases, emergency exemplars): keep them all,
            # newest first, up to a bound so that years of edits do not grow it for ever.
            kept = dict(zip((k for k, _ in missing), fresh, strict=True))
            for key, vector in known.items():
                if len(kept) >= MAX_CACHED:
                    break
                kept.setdefault(key, vector)
            known = kept
            self._write(known)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([known[k] for k in keys]).astype(np.float32, copy=False)

    def _read(self) -> dict[bytes, np.ndarray]:
        if self._file is None or not self._file.exists():
            return {}
        try:
            with np.load(self._file, allow_pickle=False) as data:
                if "keys" in data:
                    keys = data["keys"].tolist()
                else:  # a cache written before digests: its phrases, digested once
                    keys = [digest(str(t)) for t in data["texts"].tolist()]
                return dict(zip(keys, data["vectors"], strict=True))
        except (OSError, ValueError, KeyError) as exc:
            log.warning("vector cache %s unreadable (%s); rebuilding it", self._file, exc)
            return {}

    def _write(self, vectors: dict[bytes, np.ndarray]) -> None:
        if self._file is None:
            return
        tmp: str | None = None
        try:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self._file.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as out:
                np.savez(
                    out,
                    keys=np.array(list(vectors), dtype="S32"),
                    vectors=np.stack(list(vectors.values())).astype(np.float32),
                )
            os.replace(tmp, self._file)
            tmp = None
        except OSError as exc:  # a read-only disk costs speed at the next start, nothing else
            log.warning("vector cache %s not written (%s)", self._file, exc)
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
