"""Would int8 arithmetic bring the answer time within its target? The packaged model quantised.

The packaged graph stores its weights as int8, but onnxruntime turns them into float32 when it
loads them and every MatMul runs in float32: on one thread the model alone takes most of an
answer's time, and nearly all of a long message's. onnxruntime's dynamic quantisation
(``onnxruntime.quantization.quantize_dynamic``; it needs ``onnx``, in the dev extras) rewrites
each MatMul that has a constant weight as an int8 MatMulInteger, per output channel, whose input
is quantised afresh for each message. This script makes that graph from the optimised copy of the
packaged model in the vector cache and prints, for every dev message:

* the model's time a message, float32 and int8, run alternately on the same messages so that the
  machine's noise falls on both alike, and their ratio;
* how far the vectors move: the cosine between a message's two vectors.

With ``--accuracy``, it then runs ``bench/accuracy.py`` unchanged (every option after
``--accuracy`` is its own) with the int8 graph in place of the packaged one: the same rules,
exemplars and thresholds, all chosen with the float32 vectors. It is a measurement, not a
candidate: Local Beat keeps the float32 graph (see the README for the figures and why).

    .venv/bin/python bench/quantised_model.py
    .venv/bin/python bench/quantised_model.py --accuracy --split dev-all --passes 1
"""

from __future__ import annotations

import logging
import runpy
import shutil
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.retrieval import packaged  # noqa: E402
from bot.retrieval.model import default_cache_dir  # noqa: E402
from bot.retrieval.onnx import ModelFiles, OnnxEmbedder  # noqa: E402

FOLDER = default_cache_dir() / "bench-dynamic-int8"  # the int8 graph, made once, kept for reruns


def dev_messages() -> list[str]:
    return [
        str(item["q"])
        for path in sorted((ROOT / "tests" / "eval").glob("dev*.yaml"))
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    ]


def int8_files(packaged_files: ModelFiles) -> ModelFiles:
    """The packaged model quantised, made from its optimised copy (whose weights are already
    folded to float32, where the quantiser can read them) on first use."""
    model = FOLDER / "model.onnx"
    if not model.is_file():
        import onnx
        import onnxruntime as ort
        from onnxruntime.quantization import QuantType, quantize_dynamic

        embedder = OnnxEmbedder(packaged_files, cache_dir=default_cache_dir())
        embedder.warm()  # leaves the optimised copy in the cache
        source = embedder._optimised_path(ort.__version__)
        if source is None or not source.is_file():
            sys.exit("the optimised copy of the packaged model was not saved: cannot quantise")
        graph = onnx.load(str(source), load_external_data=False)
        constant = {i.name for i in graph.graph.initializer}
        by_activation = [
            n.name for n in graph.graph.node if n.op_type == "MatMul" and n.input[1] not in constant
        ]  # attention's two products of activations stay float32
        FOLDER.mkdir(parents=True, exist_ok=True)
        quantize_dynamic(
            str(source),
            str(model),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],
            nodes_to_exclude=by_activation,
        )
    tokenizer = FOLDER / "tokenizer.json"
    if not tokenizer.is_file():
        shutil.copyfile(packaged_files.tokenizer, tokenizer)
    return ModelFiles(model, tokenizer, f"{packaged_files.model_id}-dynamic-int8")


def percentiles(ms: Sequence[float]) -> str:
    ordered = sorted(ms)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {statistics.median(ordered):.2f} ms, p99 {p99:.2f} ms"


def compare(base: OnnxEmbedder, int8: OnnxEmbedder, texts: Sequence[str]) -> None:
    import numpy as np

    for embedder in (base, int8):
        embedder.embed(texts[:20])  # warm
    timings: dict[str, list[float]] = {"float32": [], "int8": []}
    for text in texts:
        for name, embedder in (("float32", base), ("int8", int8)):
            started = time.perf_counter()
            embedder.embed([text])
            timings[name].append((time.perf_counter() - started) * 1000)
    for name, ms in timings.items():
        print(f"{name:8} model time a message: {percentiles(ms)}")
    f32, i8 = (sorted(timings[n]) for n in ("float32", "int8"))
    p99 = min(len(f32) - 1, int(len(f32) * 0.99))
    print(f"int8 / float32: p50 {statistics.median(i8) / statistics.median(f32):.2f}x, "
          f"p99 {i8[p99] / f32[p99]:.2f}x")  # fmt: skip
    cosines = (base.embed(texts) * int8.embed(texts)).sum(axis=1)
    low = np.percentile(cosines, 1)
    print(f"cosine between a message's two vectors: mean {cosines.mean():.4f}, "
          f"1st percentile {low:.4f}, lowest {cosines.min():.4f}")  # fmt: skip


def main() -> None:
    logging.basicConfig(level=logging.ERROR)  # the quantiser's advice on pre-processing
    files = packaged.files()
    quantised = int8_files(files)
    texts = dev_messages()
    print(f"{len(texts)} dev messages; one thread each, as the bot runs by default")
    compare(OnnxEmbedder(files, cache_dir=default_cache_dir()), OnnxEmbedder(quantised), texts)
    if "--accuracy" in sys.argv:
        packaged.files = lambda: quantised  # model.py asks the module for its files
        rest = sys.argv[sys.argv.index("--accuracy") + 1 :]
        sys.argv = [str(ROOT / "bench" / "accuracy.py"), *rest]
        print(f"\nbench/accuracy.py {' '.join(rest)} with the int8 graph:")
        runpy.run_path(sys.argv[0], run_name="__main__")


if __name__ == "__main__":
    main()
