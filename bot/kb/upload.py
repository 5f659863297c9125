"""Turning a file comms staff sent into knowledge files, or a plain reason why not.

Only two shapes are taken: one ``.yaml`` file (it replaces or adds that file) or a ``.zip`` of the
folder (it replaces the whole set of top-level files). Sizes are checked from the upload's declared
size before anything is downloaded, and again while unpacking, so a huge or hostile file costs
nothing. Zip members must be plain file names: anything that could land outside the knowledge
folder (``../``, absolute paths, symlinks) makes the whole zip refused, not just skipped.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from enum import StrEnum
from io import BytesIO
from pathlib import PurePosixPath

from bot.kb.loader import MAX_FILE_BYTES

MAX_ZIP_BYTES = 5_000_000
MAX_ZIP_MEMBERS = 200
MAX_UNPACKED_BYTES = 20_000_000
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,60}\.ya?ml$")
_IGNORED = re.compile(r"(^|/)(__MACOSX/|\.)")  # macOS resource forks and hidden files


class UploadKind(StrEnum):
    YAML = "yaml"
    ZIP = "zip"


class UploadRefused(Exception):
    """The upload cannot be used; ``str(exc)`` is a sentence for comms staff."""


@dataclass(frozen=True)
class Unpacked:
    kind: UploadKind
    label: str
    files: dict[str, bytes]
    ignored: tuple[str, ...] = field(default=())  # zip members that are not knowledge files


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def kind_of(filename: str | None) -> UploadKind:
    suffix = PurePosixPath(filename or "").suffix.lower()
    if suffix in {".yaml", ".yml"}:
        return UploadKind.YAML
    if suffix == ".zip":
        return UploadKind.ZIP
    shown = f"“{filename}”" if filename else "This file"
    raise UploadRefused(
        f"{shown} is not a knowledge file. Send one .yaml file, or a .zip of the knowledge folder."
    )


def check_size(filename: str | None, size: int | None) -> UploadKind:
    """Refuse by type and declared size, before downloading anything."""
    kind = kind_of(filename)
    limit = MAX_FILE_BYTES if kind is UploadKind.YAML else MAX_ZIP_BYTES
    if size is not None and size > limit:
        raise UploadRefused(
            f"“{filename}” is {_megabytes(size)}; a .{kind} file may be at most "
            f"{_megabytes(limit)}."
        )
    if kind is UploadKind.YAML:
        yaml_name(filename or "")
    return kind


def yaml_name(filename: str) -> str:
    """The name the file will have in the folder (extension in lower case)."""
    path = PurePosixPath(filename)
    name = path.stem + path.suffix.lower()
    if "/" in filename or "\\" in filename or not SAFE_NAME.match(name):
        raise UploadRefused(
            f"“{filename}” is not a name I can save: use letters, digits, hyphens or underscores "
            "and end it with .yaml, for example prevention.yaml."
        )
    return name


def unpack(filename: str, data: bytes) -> Unpacked:
    kind = check_size(filename, len(data))
    if kind is UploadKind.YAML:
        return Unpacked(kind, filename, {yaml_name(filename): data})
    return _unpack_zip(filename, data)


def _unsafe(info: zipfile.ZipInfo) -> str | None:
    name = info.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or (parts and re.match(r"^[A-Za-z]:", parts[0])):
        return "is an absolute path"
    if ".." in parts:
        return "points outside the knowledge folder (../)"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "is a symbolic link"
    if info.flag_bits & 0x1:
        return "is encrypted"
    return None


def _members(zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise UploadRefused(f"the zip holds {len(infos)} files; at most {MAX_ZIP_MEMBERS}.")
    for info in infos:
        problem = _unsafe(info)
        if problem:
            raise UploadRefused(
                f"the zip contains “{info.filename}”, which {problem}. I only accept a zip "
                "of plain .yaml files (optionally inside one folder)."
            )
    return [i for i in infos if not i.is_dir() and not _IGNORED.search(i.filename)]


def _place(infos: list[zipfile.ZipInfo]) -> tuple[dict[str, zipfile.ZipInfo], list[str]]:
    """Knowledge files by name: the .yaml files of the shallowest folder that has any.

    Sub-folders (such as the events list) are left out, as the bot reads only the top level.
    """
    paths = [(PurePosixPath(i.filename.replace("\\", "/")), i) for i in infos]
    knowledge = [(p, i) for p, i in paths if p.suffix.lower() in {".yaml", ".yml"}]
    if not knowledge:
        raise UploadRefused("the zip contains no .yaml files.")
    depth = min(len(p.parts) for p, _ in knowledge)
    roots = {p.parent for p, _ in knowledge if len(p.parts) == depth}
    if len(roots) > 1:
        raise UploadRefused("the .yaml files in the zip are in different folders; use one.")
    root = roots.pop()
    chosen: dict[str, zipfile.ZipInfo] = {}
    for path, info in knowledge:
        if path.parent != root:
            continue
        name = yaml_name(path.name)
        if name in chosen:
            raise UploadRefused(f"the zip contains {name} twice.")
        chosen[name] = info
    ignored = [i.filename for i in infos if i not in chosen.values()]
    return chosen, ignored


def _read(zf: zipfile.ZipFile, chosen: dict[str, zipfile.ZipInfo]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    total = 0
    for name, info in sorted(chosen.items()):
        with zf.open(info) as member:
            data = member.read(MAX_FILE_BYTES + 1)  # never more, whatever the header claims
        total += len(data)
        if total > MAX_UNPACKED_BYTES:
            raise UploadRefused(f"the zip unpacks to more than {_megabytes(MAX_UNPACKED_BYTES)}.")
        files[name] = data  # an over-long file is reported by the checks with its name
    return files


def _unpack_zip(filename: str, data: bytes) -> Unpacked:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            chosen, ignored = _place(_members(zf))
            files = _read(zf, chosen)
    except UploadRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError,
            RuntimeError, EOFError, ValueError, OSError) as exc:  # fmt: skip
        raise UploadRefused(
            f"“{filename}” is not a zip file I can open (it may be damaged)."
        ) from exc
    return Unpacked(UploadKind.ZIP, filename, files, tuple(ignored))
