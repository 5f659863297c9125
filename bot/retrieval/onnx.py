"""A sentence-embedding model run with onnxruntime, tokenised with Hugging Face ``tokenizers``.

Both libraries are imported here and only here, when a model is loaded, so commands that never
embed (``kb check``, ``stats import``) do not pay for them.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.retrieval.vectors import Matrix

MAX_TOKENS = 128  # residents' questions are short; the tail of a rambling one adds little


@dataclass(frozen=True)
class ModelFiles:
    model: Path  # the .onnx graph
    tokenizer: Path  # tokenizer.json
    model_id: str  # names the vectors in the cache: change it when the weights change
    prefix: str = ""  # some models (E5) expect "query: " before every text


class OnnxEmbedder:
    """Mean-pooled, L2-normalised token embeddings, one thread: a message costs milliseconds.

    The session is made on first use (or by :meth:`warm`): a one-off ``localbeat ask`` whose
    answer needs no model never pays the half second it takes; the running bot warms it at
    start-up so no resident waits for it.
    """

    def __init__(self, files: ModelFiles, threads: int = 1) -> None:
        for needed in (files.model, files.tokenizer):
            if not needed.is_file():
                raise FileNotFoundError(f"{needed} not found")
        self._files = files
        self._threads = threads
        self._lock = threading.Lock()
        self._loaded: tuple[Any, Any, frozenset[str]] | None = None

    def warm(self) -> None:
        self._load()

    def _load(self) -> tuple[Any, Any, frozenset[str]]:
        with self._lock:
            if self._loaded is None:
                import onnxruntime as ort
                from tokenizers import Tokenizer

                options = ort.SessionOptions()
                options.intra_op_num_threads = self._threads
                options.inter_op_num_threads = 1
                options.log_severity_level = 3
                session = ort.InferenceSession(
                    str(self._files.model), options, providers=["CPUExecutionProvider"]
                )
                tokenizer = Tokenizer.from_file(str(self._files.tokenizer))
                tokenizer.enable_truncation(MAX_TOKENS)
                tokenizer.enable_padding()
                inputs = frozenset(i.name for i in session.get_inputs())
                self._loaded = (session, tokenizer, inputs)
            return self._loaded

    @property
    def model_id(self) -> str:
        return self._files.model_id

    def embed(self, texts: Sequence[str]) -> Matrix:
        rows = [self._run(texts[i : i + 64]) for i in range(0, len(texts), 64)]
        return np.concatenate(rows) if rows else np.zeros((0, 0), dtype=np.float32)

    def _run(self, texts: Sequence[str]) -> Matrix:
        session, tokenizer, inputs = self._load()
        encoded = tokenizer.encode_batch([self._files.prefix + t for t in texts])
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = session.run(None, {k: v for k, v in feed.items() if k in inputs})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
