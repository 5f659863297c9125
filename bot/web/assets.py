"""The page, its stylesheet and scripts, read once from the package and served from memory."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

TYPES = {
    "chat.css": "text/css",
    "chat.js": "text/javascript",
    "widget.js": "text/javascript",
}


@dataclass(frozen=True)
class Asset:
    body: bytes
    content_type: str
    etag: str


def text(name: str) -> str:
    return resources.files("bot.web").joinpath("static", name).read_text(encoding="utf-8")


@cache
def asset(name: str) -> Asset | None:
    """A static file by name, or None for anything not on the list."""
    kind = TYPES.get(name)
    if kind is None:
        return None
    body = text(name).encode("utf-8")
    return Asset(body, kind, '"' + hashlib.sha256(body).hexdigest()[:20] + '"')
