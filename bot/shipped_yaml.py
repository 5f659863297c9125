"""The YAML files that ship inside the package (the classifiers' exemplars, the route stories, the
typo vocabulary), read with libyaml's parser where it is installed.

PyYAML's own parser takes 230 ms over those files, libyaml's 10: they are read at every start
before the model's part of understanding is ready, and before a one-off ``localbeat ask`` that
needs the model answers. The knowledge loader composes its nodes with the same parser.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read(package: str, filename: str) -> Any:
    """A packaged file's data; raises OSError or yaml.YAMLError as reading and parsing do."""
    text = resources.files(package).joinpath(filename).read_text("utf-8")
    return yaml.load(text, Loader=LOADER)
