"""Finding and loading the sentence-embedding model, or saying plainly why there is none.

The default model comes from a package installed from the registry with its weights inside, so
nothing is ever downloaded at run time; a deployment can point ``matcher.model_path`` at a folder
of its own (``model.onnx`` and ``tokenizer.json``) to use another model.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Sequence
from pathlib import Path

from bot.config import MatcherConfig
from bot.retrieval.onnx import ModelFiles, OnnxEmbedder
from bot.retrieval.semantics import ModelStatus, Semantics

log = logging.getLogger(__name__)


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "localbeat"


def _folder_files(folder: Path) -> ModelFiles:
    onnx = folder / "model.onnx"
    tokenizer = folder / "tokenizer.json"
    for needed in (onnx, tokenizer):
        if not needed.is_file():
            raise FileNotFoundError(f"{needed} not found")
    prefix_file = folder / "prefix.txt"
    prefix = prefix_file.read_text(encoding="utf-8").rstrip("\n") if prefix_file.exists() else ""
    stat = onnx.stat()
    return ModelFiles(onnx, tokenizer, f"{folder.name}-{stat.st_size}-{int(stat.st_mtime)}", prefix)


def load_semantics(config: MatcherConfig, masked: Sequence[str] = ()) -> Semantics:
    """The configured model, loaded; on any problem a lexical-only Semantics that says why."""
    if config.model == "none" and config.model_path is None:
        return Semantics.lexical_only(ModelStatus("off", detail="matcher.model is none"))
    cache = config.vector_cache or default_cache_dir()
    try:
        from bot.retrieval import packaged

        files = _folder_files(config.model_path) if config.model_path else packaged.files()
        if importlib.util.find_spec("onnxruntime") is None:
            raise ImportError("onnxruntime is not installed", name="onnxruntime")
        if importlib.util.find_spec("tokenizers") is None:
            raise ImportError("tokenizers is not installed", name="tokenizers")
        embedder = OnnxEmbedder(files, threads=config.model_threads, cache_dir=cache)
    except ImportError as exc:
        status = ModelStatus("absent", detail=f"not installed ({exc.name or exc})")
        log.warning("semantic model not installed (%s): answering lexically only", status.detail)
        return Semantics.lexical_only(status)
    except Exception as exc:  # a broken model folder must not stop the bot
        status = ModelStatus("failed", detail=f"{type(exc).__name__}: {exc}"[:200])
        log.warning("semantic model unusable (%s): answering lexically only", status.detail)
        return Semantics.lexical_only(status)
    return Semantics(embedder, ModelStatus("ready", files.model_id), cache, masked)
