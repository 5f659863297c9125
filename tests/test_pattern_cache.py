"""The compiled-pattern file makes start-up faster and never changes what a rule matches."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot import pattern_cache
from bot.pattern_cache import ENGINE, PatternCache

pytestmark = pytest.mark.skipif(ENGINE is None, reason="an interpreter without CPython's re")

ROOT = Path(__file__).resolve().parents[1]

# Patterns with what the rules use: alternations, named and numbered groups, back references,
# look-arounds, flags inline and passed.
SAMPLES: list[tuple[str, int]] = [
    (r" (?:someone|a man) (?:is )?(?:trying to )?(?:break|get) in(?:to)? (?:right )?now ", 0),
    (r"(?P<who>my (?:son|daughter)) (?:has|hasn t) (?:come|been) home", 0),
    (r"(\w)\1{2,}", 0),
    (r"(?<!not )\bon fire\b(?! (?:safety|alarm))", 0),
    (r"^\s*/[a-z0-9_]+(?:@\w+)?", re.IGNORECASE),
    (r"(?i)stabbed|knife ?point", 0),
]
TEXTS = [
    " someone is trying to break in right now ",
    "my son hasn t come home",
    "heyyyy",
    "the shed is on fire",
    "the fire safety visit: is the shed on fire safety list",
    "/START@LocalBeatBot",
    "he was STABBED at knifepoint",
    "",
]


def behaviour(pattern: re.Pattern[str]) -> list[object]:
    """What a resident's message would meet: every match, its groups and where it falls."""
    seen: list[object] = [pattern.flags, pattern.groups, dict(pattern.groupindex)]
    for text in TEXTS:
        seen.append([(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)])
        seen.append(pattern.sub("_", text))
    return seen


def test_patterns_read_back_from_the_file_match_as_freshly_compiled_ones(tmp_path: Path) -> None:
    path = tmp_path / "patterns.json"
    first = PatternCache(path)
    for pattern, flags in SAMPLES:
        assert behaviour(first.compile(pattern, flags)) == behaviour(re.compile(pattern, flags))
    first.save()
    assert path.exists()

    second = PatternCache(path)
    for pattern, flags in SAMPLES:
        assert behaviour(second.compile(pattern, flags)) == behaviour(re.compile(pattern, flags))
    before = path.stat().st_mtime_ns
    second.save()  # it held every pattern: nothing to write
    assert path.stat().st_mtime_ns == before


def test_the_programs_kept_are_those_the_regex_compiler_hands_the_engine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Checked on every pattern of the emergency rules and the feedback reading."""
    import _sre

    for rules in ("bot.safety", "bot.feedback.answerer"):  # their patterns join the cache
        importlib.import_module(rules)

    handed: list[tuple[object, ...]] = []

    class Recorder:
        def __getattr__(self, name: str) -> object:
            return getattr(_sre, name)

        @staticmethod
        def compile(*args: object) -> re.Pattern[str]:
            handed.append(args)
            return _sre.compile(*args)

    from re import _compiler  # type: ignore[attr-defined]

    monkeypatch.setattr(_compiler, "_sre", Recorder())
    cache = pattern_cache.PATTERNS
    keys = sorted({*(cache._stored or {}), *cache._added} & cache._used)
    assert len(keys) > 250
    for key in keys:
        flags, pattern = key.split(":", 1)
        handed.clear()
        _compiler.compile(pattern, int(flags))
        program = pattern_cache._program(pattern, int(flags))
        built = pattern_cache._build(pattern, program)
        (args,) = handed
        assert (built.pattern, built.flags, built.groups, dict(built.groupindex)) == (
            args[0],
            args[1],
            args[3],
            dict(args[4]),  # type: ignore[call-overload]
        )
        code = pattern_cache.array.array("I" if _sre.CODESIZE == 4 else "H")
        code.frombytes(pattern_cache.base64.b64decode(program[1]))
        assert code.tolist() == args[2]


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"engine": "another-python", "programs": {}}),
        json.dumps({"engine": ENGINE, "programs": "not a table"}),
    ],
)
def test_an_unreadable_or_foreign_file_is_ignored_and_replaced(
    tmp_path: Path, content: str
) -> None:
    path = tmp_path / "patterns.json"
    path.write_text(content, encoding="utf-8")
    cache = PatternCache(path)
    for pattern, flags in SAMPLES:
        assert behaviour(cache.compile(pattern, flags)) == behaviour(re.compile(pattern, flags))
    cache.save()
    assert json.loads(path.read_text(encoding="utf-8"))["engine"] == ENGINE


def test_a_damaged_program_is_compiled_again(tmp_path: Path) -> None:
    path = tmp_path / "patterns.json"
    cache = PatternCache(path)
    pattern, flags = SAMPLES[0]
    cache.compile(pattern, flags)
    cache.save()
    data = json.loads(path.read_text(encoding="utf-8"))
    (key,) = data["programs"]
    data["programs"][key][1] = "AAAA"  # a program of one word the engine cannot run
    path.write_text(json.dumps(data), encoding="utf-8")

    again = PatternCache(path).compile(pattern, flags)
    assert behaviour(again) == behaviour(re.compile(pattern, flags))


def test_a_folder_that_cannot_be_written_costs_only_the_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    cache = PatternCache(blocked / "patterns.json")
    pattern, flags = SAMPLES[1]
    assert behaviour(cache.compile(pattern, flags)) == behaviour(re.compile(pattern, flags))
    cache.save()  # no error, nothing written
    assert list(tmp_path.iterdir()) == [blocked]


def test_switched_off_it_compiles_as_usual_and_writes_nothing(tmp_path: Path) -> None:
    cache = PatternCache(None)
    pattern, flags = SAMPLES[2]
    assert behaviour(cache.compile(pattern, flags)) == behaviour(re.compile(pattern, flags))
    cache.save()


SCRIPT = """
from bot.safety import assess
for text in ("someone is trying to break in right now", "how do i stop burglars"):
    print(assess(text).verdict)
"""


def test_the_guard_gives_the_same_verdicts_on_the_first_run_and_from_the_file(
    tmp_path: Path,
) -> None:
    """Two processes, as two `localbeat ask` would be: the first writes the file, the second
    reads its rules from it."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("LOCALBEAT_PATTERN_CACHE", None)
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        runs.append(done.stdout.split())
    (kept,) = (tmp_path / "localbeat").glob("patterns-*.json")
    assert len(json.loads(kept.read_text(encoding="utf-8"))["programs"]) > 150
    assert runs[0] == runs[1] == ["emergency", "none"]
