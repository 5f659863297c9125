"""Reading knowledge YAML with line numbers, so every problem can point at the line to fix.

PyYAML forgets positions once it builds Python objects and silently keeps the last of two equal
keys; both would leave comms staff guessing. This loader walks the composed node tree itself,
recording the line of every key and refusing duplicates.

It also composes that tree itself, from the parser's event stream and without recursion, because
PyYAML's own composer trusts its input: an alias can refer to a node that refers to it again (a
591-byte "billion laughs" file grew past 2.5 GB), and 5,000 levels of nesting overflow Python's
stack. The schema has no use for anchors and aliases, so they are refused; nesting deeper than the
schema could ever need, and more nodes than a 1 MB file of entries could hold, are refused before
anything is built. Every refusal names the file and line, and nothing here raises.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import ValidationError

from bot import shipped_yaml
from bot.kb.problems import Problem
from bot.kb.schema import Entry, KnowledgeFile

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20  # the schema needs 5: entries, the list, an entry, its source, a value
MAX_NODES = 100_000  # 1 MB of real entries has about 90,000 (entries of ~190 bytes)

_Loader = shipped_yaml.LOADER  # libyaml's parser when it is installed (ten times faster)
# Control characters YAML forbids (tab, newline and carriage return are fine); libyaml and PyYAML
# word them differently, so they are found here first and named plainly.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")

_TOO_DEEP = f"values are nested more than {MAX_DEPTH} levels deep; entries need only a few levels"

Path_ = tuple[str | int, ...]


class _Refused(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


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


def _indented_with_tab(text: str, line: int) -> bool:
    lines = text.splitlines()
    if not 0 <= line < len(lines):
        return False
    row = lines[line]
    return "\t" in row[: len(row) - len(row.lstrip())]


def _yaml_problem(name: str, exc: yaml.YAMLError, text: str = "") -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    line = mark.line + 1 if mark else None
    tab = "\\t" in str(problem) or "tab" in str(problem)
    if tab or (mark is not None and _indented_with_tab(text, mark.line)):
        problem = "a tab character is used for indenting; use spaces instead"
    if "nesting depth" in str(problem):  # libyaml's own limit, met before ours
        return Problem.error(name, line, _TOO_DEEP)
    return Problem.error(name, line, f"not valid YAML: {problem}")


def _line(event: Any) -> int:
    return int(event.start_mark.line) + 1


class _Frame:
    """A list or mapping being filled, and (for a mapping) the key waiting for its value."""

    __slots__ = ("has_key", "key", "path", "value")

    def __init__(self, value: list[Any] | dict[Any, Any], path: Path_) -> None:
        self.value = value
        self.path = path
        self.key: Any = None
        self.has_key = False

    def add(self, item: Any) -> None:
        if isinstance(self.value, dict):
            self.value[self.key] = item
            self.has_key = False
        else:
            self.value.append(item)


class _Builder:
    """Builds plain values straight from the parser's events, noting the line of each one.

    One pass with an explicit stack, so no input can exhaust Python's own; no node tree is kept.
    """

    STR = "tag:yaml.org,2002:str"

    def __init__(self, loader: Any, parsed: ParsedFile) -> None:
        self.loader = loader
        self.parsed = parsed
        self.nodes = 0
        resolvers = loader.yaml_implicit_resolvers
        # Plain scalars whose first character no resolver looks at are text: skip the regexes.
        self._resolvable = None if None in resolvers else frozenset(resolvers)

    def _check(self, event: Any, depth: int) -> None:
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(_line(event), f"`*{event.anchor}` repeats another part of the file "
                           "(a YAML alias); write the value out in full instead")  # fmt: skip
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(_line(event), f"`&{anchor}` marks a part of the file for reuse "
                           "(a YAML anchor); remove it and write values out in full")  # fmt: skip
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(_line(event), f"the file has more than {MAX_NODES:,} values; "
                           "split it into several files")  # fmt: skip
        if depth > MAX_DEPTH:
            raise _Refused(_line(event), _TOO_DEEP)

    def _scalar(self, event: Any) -> Any:
        tag, value = event.tag, event.value
        if tag is None or tag == "!":
            if not event.implicit[0]:  # quoted, or a block of text
                return value
            if self._resolvable is not None and (value[:1] or "") not in self._resolvable:
                return value
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == self.STR:
            return value
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, style=event.style)
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError) as exc:  # 2026-02-30, a 5,000-digit number...
            raise _Refused(_line(event), f"“{value[:40]}” cannot be read as a "
                           f"{tag.rsplit(':', 1)[-1]} value") from exc  # fmt: skip

    def _key(self, frame: _Frame, event: Any) -> None:
        line = _line(event)
        if not isinstance(event, yaml.ScalarEvent):
            raise _Refused(line, "a key must be a plain word, not a list or a mapping")
        key = self._scalar(event)
        assert isinstance(frame.value, dict)
        if key in frame.value:
            self.parsed.problems.append(
                Problem.error(self.parsed.name, line, f"`{key}` appears twice in one place")
            )
        self.parsed.lines[(*frame.path, key)] = line
        frame.key, frame.has_key = key, True

    def build(self) -> Any:
        loader, lines = self.loader, self.parsed.lines
        loader.get_event()  # the stream's start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # the document's start
        stack: list[_Frame] = []
        while True:
            event: Any = loader.get_event()
            if isinstance(event, yaml.CollectionEndEvent):
                done = stack.pop().value
                if not stack:
                    root = done
                    break
                stack[-1].add(done)
                continue
            self._check(event, len(stack))
            parent = stack[-1] if stack else None
            if parent is not None and isinstance(parent.value, dict) and not parent.has_key:
                self._key(parent, event)
                continue
            if parent is None:
                path: Path_ = ()
            else:
                last = parent.key if isinstance(parent.value, dict) else len(parent.value)
                path = (*parent.path, last)
            lines[path] = _line(event)
            if isinstance(event, yaml.ScalarEvent):
                value = self._scalar(event)
                if parent is None:
                    root = value
                    break
                parent.add(value)
            elif isinstance(event, yaml.SequenceStartEvent):
                stack.append(_Frame([], path))
            elif isinstance(event, yaml.MappingStartEvent):
                stack.append(_Frame({}, path))
            else:
                raise _Refused(_line(event), "the file has a part YAML does not allow here")
        loader.get_event()  # the document's end
        if not loader.check_event(yaml.StreamEndEvent):
            raise _Refused(
                _line(loader.get_event()),
                "the file holds more than one YAML document (`---`); keep one",
            )
        return root


def _control_problem(name: str, text: str) -> Problem | None:
    found = _CONTROL.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    code = f"U+{ord(found.group()):04X}"
    return Problem.error(name, line, f"the file contains an invisible control character ({code}); "
                         "delete it, or save the file again as plain UTF-8 text")  # fmt: skip


def parse_yaml(name: str, data: bytes) -> tuple[Any, ParsedFile]:
    parsed = ParsedFile(name)
    if len(data) > MAX_FILE_BYTES:
        # Files are read only up to one byte past the limit, so that is all that is known.
        size = "more than 1 MB" if len(data) == MAX_FILE_BYTES + 1 else f"{len(data):,} bytes"
        parsed.problems.append(
            Problem.error(name, None, f"file is too large ({size}; at most 1 MB)")
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
    control = _control_problem(name, text)
    if control is not None:
        parsed.problems.append(control)
        return None, parsed
    try:
        loader = _Loader(text)
    except yaml.YAMLError as exc:
        parsed.problems.append(_yaml_problem(name, exc))
        return None, parsed
    try:
        value = _Builder(loader, parsed).build()
    except yaml.YAMLError as exc:
        parsed.problems.append(_yaml_problem(name, exc, text))
        return None, parsed
    except _Refused as exc:
        parsed.problems.append(Problem.error(name, exc.line, exc.message))
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
    try:
        return _load_file(name, data)
    except Exception as exc:  # a case the checks above missed: still a problem, not a crash
        parsed = ParsedFile(name)
        parsed.problems.append(Problem.error(
            name, None, f"this file could not be checked ({type(exc).__name__}); "
            "please send it to a developer",
        ))  # fmt: skip
        return parsed


def _load_file(name: str, data: bytes) -> ParsedFile:
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
