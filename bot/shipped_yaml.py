"""The YAML files that ship inside the package (the classifiers' exemplars, the route stories, the
typo vocabulary), read with libyaml's parser where it is installed.

PyYAML's own parser takes 230 ms over those files, libyaml's 10: they are read at every start
before the model's part of understanding is ready, and before a one-off ``localbeat ask`` that
needs the model answers. The knowledge loader composes its nodes with the same parser.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

import yaml

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Files parsed while :func:`kept` is open, by (package, filename).
_kept: dict[tuple[str, str], Any] | None = None


@contextmanager
def kept() -> Iterator[None]:
    """Within it, each file is parsed once. Residents' examples (1 MB) are read by the entry
    search and the report reading as the model's part of understanding is trained, 0.3-0.5 s a
    parse; kept for that while only, so the parsed copy does not stay in memory. Callers only
    read what :func:`read` returns."""
    global _kept
    outer = _kept
    if outer is None:
        _kept = {}
    try:
        yield
    finally:
        _kept = outer


def read(package: str, filename: str) -> Any:
    """A packaged file's data; raises OSError or yaml.YAMLError as reading and parsing do."""
    kept_now = _kept
    if kept_now is not None and (package, filename) in kept_now:
        return kept_now[(package, filename)]
    text = resources.files(package).joinpath(filename).read_text("utf-8")
    data = yaml.load(text, Loader=LOADER)
    if kept_now is not None:
        kept_now[(package, filename)] = data
    return data
