"""Compiled regular expressions kept between runs.

The emergency rules and the feedback reading are some 300 long regular expressions (about
90,000 characters). Compiling them is pure Python and took about 0.18 s of every ``localbeat
ask``, a sixth of its time, and Python keeps compiled patterns only for the life of a process.
This module keeps the compiler's output (the program the regex engine runs) in a file beside
the vector cache, keyed by the pattern, its flags, the interpreter and the engine's version,
and builds a pattern from it with the engine's own constructor, which checks the program
before it runs it.

The cache can make start-up faster; it can never change what a pattern matches. Anything amiss
(no file, a file from another Python, a damaged file, a program the engine refuses, a folder
that cannot be written) falls back to ``re.compile``, silently: the rules must load whatever
the disk holds. The file is JSON, never pickle, so a file someone else wrote cannot run code;
like Python's own bytecode cache, it is trusted as far as the account that writes it (which can
change the code itself), and the Docker image writes it at build time as the bot's own user.
"""

from __future__ import annotations

import array
import atexit
import base64
import contextlib
import json
import logging
import os
import re
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

try:  # the engine's own parser, code generator and constructor (CPython 3.11 and later)
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]

    ENGINE: str | None = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"
except (ImportError, AttributeError):  # another Python: compile as usual, keep nothing
    ENGINE = None

# A file holds the patterns of the last runs; entries of patterns since edited would otherwise
# pile up, so past this many the ones this process did not use are dropped.
MAX_PATTERNS = 4000


def default_cache_dir() -> Path:
    """Where Local Beat keeps what it can rebuild (phrase vectors, compiled patterns)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "localbeat"


Program = list[Any]  # [flags, code (base64 of the engine's words), groups, groupindex, names]


def _program(pattern: str, flags: int) -> Program:
    """What ``re.compile`` hands the engine for ``pattern``, worked out the same way."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    names: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        names[index] = name
    words = array.array("I" if _sre.CODESIZE == 4 else "H", code).tobytes()
    return [
        flags | parsed.state.flags,
        base64.b64encode(words).decode("ascii"),
        parsed.state.groups - 1,
        groupindex,
        names,
    ]


def _build(pattern: str, program: Program) -> re.Pattern[str]:
    flags, words, groups, groupindex, names = program
    code = array.array("I" if _sre.CODESIZE == 4 else "H")
    code.frombytes(base64.b64decode(words))
    built: re.Pattern[str] = _sre.compile(
        pattern, flags, code.tolist(), groups, dict(groupindex), tuple(names)
    )
    return built


class PatternCache:
    """Compiled patterns for one process, read from and written back to one file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path if ENGINE is not None else None
        self._stored: dict[str, Program] | None = None
        self._added: dict[str, Program] = {}
        self._used: set[str] = set()
        self._lock = threading.Lock()
        self._registered = False

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        flags = int(flags)
        if self.path is None:
            return re.compile(pattern, flags)
        key = f"{flags}:{pattern}"
        with self._lock:
            stored = self._load()
            program = stored.get(key) or self._added.get(key)
            self._used.add(key)
        if program is not None:
            try:
                return _build(pattern, program)
            except Exception:  # damaged or foreign: the engine refused it
                log.debug("a cached pattern program was refused; compiling it again")
        try:
            program = _program(pattern, flags)
            compiled = _build(pattern, program)
        except Exception:  # an engine this module does not know: compile as usual
            return re.compile(pattern, flags)
        with self._lock:
            self._added[key] = program
            if not self._registered:
                self._registered = True
                atexit.register(self.save)
        return compiled

    def _load(self) -> dict[str, Program]:
        if self._stored is None:
            self._stored = {}
            try:
                assert self.path is not None
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if isinstance(data, dict) and data.get("engine") == ENGINE:
                    programs = data.get("programs")
                    if isinstance(programs, dict):
                        self._stored = programs
            except (OSError, ValueError):
                pass  # none yet, or unreadable: every pattern compiles as usual
        return self._stored

    def save(self) -> None:
        """Write the file if this process compiled a pattern it did not hold."""
        with self._lock:
            if self.path is None or not self._added:
                return
            programs = {**(self._stored or {}), **self._added}
            if len(programs) > MAX_PATTERNS:
                programs = {k: v for k, v in programs.items() if k in self._used}
            self._added = {}
            self._stored = programs
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        except OSError as exc:
            log.debug("compiled patterns not kept: %s", exc)
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"engine": ENGINE, "programs": programs}, out)
            os.replace(temp, self.path)  # atomic: a reader sees the old file or the new one
        except OSError as exc:
            log.debug("compiled patterns not kept: %s", exc)
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _default() -> PatternCache:
    if ENGINE is None or os.environ.get("LOCALBEAT_PATTERN_CACHE", "").lower() in ("0", "off"):
        return PatternCache(None)
    return PatternCache(default_cache_dir() / f"patterns-{ENGINE}.json")


PATTERNS = _default()


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the file of compiled patterns when it holds it."""
    return PATTERNS.compile(pattern, flags)
