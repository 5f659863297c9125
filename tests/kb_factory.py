"""Small knowledge bases written to a temporary folder, for tests of loading and checking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def entry(entry_id: str, **overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": entry_id,
        "topic": "prevention",
        "title": f"Title {entry_id}",
        "questions": [f"question about {entry_id.replace('-', ' ')}"],
        "answer": f"Advice about {entry_id}.",
        "scope": "borough",
        "review_by": "2099-01-01",
    }
    base.update(overrides)
    return base


def write_kb(folder: Path, files: dict[str, list[dict[str, Any]]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, entries in files.items():
        (folder / name).write_text(yaml.safe_dump({"entries": entries}, sort_keys=False))
    return folder
