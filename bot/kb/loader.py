"""Reading knowledge YAML with line numbers, so every problem can point at the line to fix.

PyYAML forgets positions once it builds Python objects and silently keeps the last of two equal
keys; both would leave comms staff guessing. This loader walks the composed node tree itself,
recording the line of every key and refusing duplicates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import ValidationError

from bot.kb.problems import Problem
from bot.kb.schema import Entry, KnowledgeFile

MAX_FILE_BYTES = 1_000_000

Path_ = tuple[str | int, ...]


@dataclass
class ParsedFile:
    name: str
    entries: list[Entry] = field(default_factory=list)
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: Path_) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


class _Walker:
    """Builds plain Python values from YAML nodes while noting where each one starts."""

    def __init__(self, loader: yaml.SafeLoader, parsed: ParsedFile) -> None:
        self.loader = loader
        self.parsed = parsed

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.parsed.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in result:
                self.parsed.problems.append(
                    Problem.error(self.parsed.name, line, f"`{key}` appears twice in one place")
                )
            self.parsed.lines[(*path, key)] = line
            result[key] = self.build(value_node, (*path, key))
        return result


def _yaml_problem(name: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if "\\t" in str(problem) or "tab" in str(problem):
        problem = "a tab character is used for indenting; use spaces instead"
    return Problem.error(name, mark.line + 1 if mark else None, f"not valid YAML: {problem}")


def parse_yaml(name: str, data: bytes) -> tuple[Any, ParsedFile]:
    parsed = ParsedFile(name)
    if len(data) > MAX_FILE_BYTES:
        parsed.problems.append(
            Problem.error(name, None, f"file is too large ({len(data):,} bytes; at most 1 MB)")
        )
        return None, parsed
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        parsed.problems.append(
            Problem.error(name, line, "text is not UTF-8; save the file as UTF-8 and try again")
        )
        return None, parsed
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        value = _Walker(loader, parsed).build(node, ()) if node is not None else None
    except yaml.YAMLError as exc:
        parsed.problems.append(_yaml_problem(name, exc))
        return None, parsed
    finally:
        loader.dispose()
    return value, parsed


def _plain(error: Mapping[str, Any]) -> str:
    loc = [p for p in error["loc"] if isinstance(p, str) and p != "entries"]
    name = f"`{'.'.join(loc)}`" if loc else "this entry"
    kind = error["type"]
    if kind == "missing":
        return f"{name} is missing"
    if kind == "extra_forbidden":
        return f"{name} is not a known field (check the spelling)"
    return f"{name}: {error['msg']}"


def _entry_id(raw: Any, path: tuple[Any, ...]) -> str | None:
    if len(path) >= 2 and path[0] == "entries" and isinstance(path[1], int):
        try:
            entry = raw["entries"][path[1]]
            return str(entry["id"]) if isinstance(entry, dict) and "id" in entry else None
        except (KeyError, IndexError, TypeError):
            return None
    return None


def load_file(name: str, data: bytes) -> ParsedFile:
    """Parse and validate one file; problems are collected, never raised."""
    raw, parsed = parse_yaml(name, data)
    if parsed.problems:
        return parsed
    if raw is None:
        parsed.problems.append(Problem.error(name, None, "file is empty"))
        return parsed
    try:
        parsed.entries = KnowledgeFile.model_validate(raw).entries
    except ValidationError as exc:
        for error in exc.errors():
            path = tuple(error["loc"])
            parsed.problems.append(
                Problem.error(name, parsed.line_of(path), _plain(error), _entry_id(raw, path))
            )
    return parsed
