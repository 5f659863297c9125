"""A sentence-embedding model run with onnxruntime, tokenised with Hugging Face ``tokenizers``.

Both libraries are imported here and only here, when a model is loaded, so commands that never
embed (``kb check``, ``stats import``, an ``ask`` that needs no model) do not pay for them, nor
for numpy, imported when a text is first embedded.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.retrieval.vectors import Matrix

log = logging.getLogger(__name__)

# Residents' messages are short (p99 55 tokens over the evaluation sets), and a long one bounds
# the model's time per message (about 0.14 ms a token on one thread): a rambling one keeps its
# opening, where the scene is set, and its end, where the question usually is. Chosen on the
# dev questions: 64 tokens this way scored as 128 did (1,251 of 1,376 against 1,250).
MAX_TOKENS = 64
HEAD_TOKENS = 24
# Names the vectors this reading gives (in the vector cache): change it with the two above.
READING = f"head{HEAD_TOKENS}-tail{MAX_TOKENS - HEAD_TOKENS}"
# Every weight of the saved optimised graph goes to one file beside it, which onnxruntime maps
# into memory when it loads the graph instead of copying it.
_EXTERNAL_WEIGHTS = {
    "session.optimized_model_external_initializers_file_name": "model.data",
    "session.optimized_model_external_initializers_min_size_in_bytes": "1024",
}


def one_blas_thread() -> None:
    """numpy's BLAS on one thread for the rest of the process, set when the model loads.

    Every answer multiplies a message's vector by the phrases', examples' and route stories'
    matrices in the event loop's thread, while the model reads the next message in its own. By
    default OpenBLAS spreads each product over every core, where threads that hand a small
    product over cost more than they share: the examples' 5,016 rows took 0.33 ms on two cores
    against 0.16 ms on one, alternately on this project's two-core machine, and its threads
    would contend with the model's. A process keeps to two cores, its event loop and the model,
    and this keeps it so. A few tenths of a millisecond an answer: ``bench/blas_threads.py``
    finds the whole answer's time unchanged within its noise, and no reply changed."""
    import numpy  # noqa: F401  (loads the BLAS library that the limit applies to)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


@dataclass(frozen=True)
class ModelFiles:
    model: Path  # the .onnx graph
    tokenizer: Path  # tokenizer.json
    model_id: str  # names the vectors in the cache: change it when the weights change
    prefix: str = ""  # some models (E5) expect "query: " before every text


def kept(ids: list[int]) -> list[int]:
    """A message's tokens within ``MAX_TOKENS``: its opening and its end (the end of the
    tokenizer's output is its closing marker, which the model expects)."""
    if len(ids) <= MAX_TOKENS:
        return ids
    return ids[:HEAD_TOKENS] + ids[HEAD_TOKENS - MAX_TOKENS :]


class OnnxEmbedder:
    """Mean-pooled, L2-normalised token embeddings, one thread: a message costs milliseconds.

    The session is made on first use (or by :meth:`warm`): a one-off ``localbeat ask`` whose
    answer needs no model never pays the half second it takes; the running bot warms it at
    start-up so no resident waits for it.
    """

    def __init__(self, files: ModelFiles, threads: int = 1, cache_dir: Path | None = None) -> None:
        for needed in (files.model, files.tokenizer):
            if not needed.is_file():
                raise FileNotFoundError(f"{needed} not found")
        self._files = files
        self._threads = threads
        self._cache_dir = cache_dir  # where the optimised copy of the model is kept
        self._lock = threading.Lock()
        self._loaded: tuple[Any, Any, frozenset[str]] | None = None

    def warm(self) -> None:
        self._load()

    def _load(self) -> tuple[Any, Any, frozenset[str]]:
        with self._lock:
            if self._loaded is None:
                from tokenizers import Tokenizer

                one_blas_thread()

                session = self._session()
                tokenizer = Tokenizer.from_file(str(self._files.tokenizer))
                tokenizer.no_truncation()  # cut by :func:`kept` instead, keeping the end
                tokenizer.no_padding()
                inputs = frozenset(i.name for i in session.get_inputs())
                self._loaded = (session, tokenizer, inputs)
            return self._loaded

    def _session(self) -> Any:
        """The session from the optimised copy of the model when there is one.

        The packaged graph stores int8 weights that are cast to float and scaled on the way
        to each MatMul; onnxruntime folds those casts into float32 weights on every load, which
        peaks at four times the graph's size and keeps it all resident (the 47 MB word-embedding
        table included). Its optimised graph, saved once with the weights in a separate file, is
        memory-mapped instead: no folding, and only the rows of words actually seen are read.
        """
        import onnxruntime as ort

        saved = self._optimised_path(ort.__version__)
        if saved is not None and saved.is_file():
            try:
                return self._open(ort, saved)
            except Exception as exc:  # a damaged copy is only slower: made again below
                log.warning("optimised model %s unusable (%s); making it again", saved, exc)
                shutil.rmtree(saved.parent, ignore_errors=True)
        if saved is None:
            return self._open(ort, self._files.model)
        return self._optimise(ort, saved)

    def _optimised_path(self, runtime: str) -> Path | None:
        from bot.retrieval.cache import file_name

        if self._cache_dir is None:
            return None
        name = f"{file_name(self.model_id)}-onnxruntime-{file_name(runtime)}"
        return self._cache_dir / name / "model.onnx"

    def _open(self, ort: Any, model: Path, saving: Path | None = None) -> Any:
        options = ort.SessionOptions()
        options.intra_op_num_threads = self._threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        if saving is not None:
            # Extended, not all: the last level adds layouts specific to this processor, which
            # the saved copy must not carry (a cache folder may move); they are added at load.
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
            options.optimized_model_filepath = str(saving)
            for key, value in _EXTERNAL_WEIGHTS.items():
                options.add_session_config_entry(key, value)
        return ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])

    def _optimise(self, ort: Any, target: Path) -> Any:
        """A session from the packaged graph, leaving its optimised copy at ``target``, written
        in a folder of its own and renamed into place whole, so that two processes starting
        together never read half a copy. A copy that cannot be written costs memory, no more."""
        folder = target.parent
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            building = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".", suffix=".tmp"))
        except OSError as exc:
            log.warning("optimised model not saved in %s (%s)", folder.parent, exc)
            return self._open(ort, self._files.model)
        try:
            session = self._open(ort, self._files.model, saving=building / target.name)
        except Exception as exc:  # a full disk, say; a broken model fails here again, unsaved
            session = self._open(ort, self._files.model)
            log.warning("optimised model not saved in %s (%s)", folder.parent, exc)
            return session
        else:
            with contextlib.suppress(OSError):  # another process was first: its copy is as good
                building.rename(folder)
            self._prune(folder)
            return session
        finally:
            shutil.rmtree(building, ignore_errors=True)

    def _prune(self, current: Path) -> None:
        """Remove this model's copies made by other onnxruntime versions (90 MB each, left by
        an upgrade), once this version's copy is in place. A process still running an older
        version keeps the files it has mapped until it stops; at its next start it makes its
        own copy again."""
        prefix = current.name.rsplit("-onnxruntime-", 1)[0] + "-onnxruntime-"
        for other in current.parent.glob(f"{prefix}*"):
            if other != current and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)

    @property
    def model_id(self) -> str:
        return self._files.model_id

    def embed(self, texts: Sequence[str]) -> Matrix:
        import numpy as np

        rows = [self._run(texts[i : i + 64]) for i in range(0, len(texts), 64)]
        return np.concatenate(rows) if rows else np.zeros((0, 0), dtype=np.float32)

    def _run(self, texts: Sequence[str]) -> Matrix:
        import numpy as np

        session, tokenizer, inputs = self._load()
        encoded = tokenizer.encode_batch([self._files.prefix + t for t in texts])
        rows = [kept(e.ids) for e in encoded]
        ids = np.zeros((len(rows), max(map(len, rows))), dtype=np.int64)  # 0: padding, masked
        mask = np.zeros_like(ids)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = row
            mask[i, : len(row)] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = session.run(None, {k: v for k, v in feed.items() if k in inputs})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
