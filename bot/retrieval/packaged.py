"""Where the default model's files are inside its installed package (filled in below)."""

from __future__ import annotations

from bot.retrieval.onnx import ModelFiles


def files() -> ModelFiles:
    raise ImportError("no packaged model", name="packaged-model")
