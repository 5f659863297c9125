"""The knowledge folder on disk: noticing edits and writing new files without tearing them.

Each file is written to a temporary file beside it and moved into place with ``os.replace``, so a
reader (the bot after a restart, the folder watcher, an editor) sees the old file or the new one,
never half of one. If writing a set of files fails part-way, the files already written are put
back, so the folder still matches the live knowledge base.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from bot.kb.base import read_directory

KNOWLEDGE_SUFFIXES = {".yaml", ".yml"}

Snapshot = dict[str, tuple[int, int]]


def snapshot(path: Path) -> Snapshot:
    """Name → (modification time, size) of each knowledge file: cheap to compare every few s."""
    if not path.is_dir():
        return {}
    found: Snapshot = {}
    with os.scandir(path) as entries:
        for entry in entries:
            if Path(entry.name).suffix in KNOWLEDGE_SUFFIXES and entry.is_file():
                info = entry.stat()
                found[entry.name] = (info.st_mtime_ns, info.st_size)
    return found


def _write_one(path: Path, name: str, data: bytes) -> None:
    target = path / name
    temp = path / f".{name}.{secrets.token_hex(4)}.tmp"
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _remove(path: Path, name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        (path / name).unlink()


def _sync_folder(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_files(path: Path, files: Mapping[str, bytes], replace_all: bool) -> None:
    """Make the folder hold ``files``; with ``replace_all`` other knowledge files are removed.

    Raises ``OSError`` after restoring what was there if any write fails.
    """
    before = read_directory(path)
    remove = [n for n in before if n not in files] if replace_all else []
    done: list[str] = []
    try:
        for name, data in sorted(files.items()):
            if before.get(name) != data:
                _write_one(path, name, data)
                done.append(name)
        for name in remove:
            _remove(path, name)
            done.append(name)
    except OSError:
        for name in done:
            with contextlib.suppress(OSError):
                if name in before:
                    _write_one(path, name, before[name])
                else:
                    _remove(path, name)
        raise
    _sync_folder(path)
