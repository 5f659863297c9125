"""Time and memory to check hostile knowledge files, against checking the shipped folder.

Each case is one file put beside a copy of the shipped knowledge folder and checked as
``localbeat kb check`` does (``load_directory``), in a fresh process that did not write the file,
so that its peak memory (VmHWM) is the check's alone. The target is any file up to 50 MB
checked in at most 2 s with at most 100 MB beyond the process's memory before the check; the
baseline is the same check of the shipped folder with no extra file. Cases: the alias bomb
(591 bytes), a self-referencing alias, 5,000 levels of nesting, a NUL byte, files near the 1 MB
limit built to be slow (entries valid and not, many keys, deep-but-allowed flow nesting, one long
line), and 10 MB and 50 MB files.

Run: .venv/bin/python bench/kb_hostile.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.test_kb_hostile import BILLION_LAUGHS, DEEP, NUL, SELF_ALIAS  # noqa: E402

MB = 1_000_000


def _word(n: int) -> str:
    """A distinct made-up word for each number (questions must not repeat)."""
    syllables = ("bo", "da", "fe", "gu", "ki", "lo", "ma", "ne", "pi", "ru", "sa", "te")
    word = ""
    while True:
        n, r = divmod(n, len(syllables))
        word += syllables[r]
        if not n:
            return word + "x"


def _entries(limit: int, answer: str = "Advice {n}.") -> bytes:
    one = (
        '  - id: e{n}\n    topic: prevention\n    title: "Title {n}"\n'
        '    questions: ["question {w}", "another {w}"]\n    answer: "' + answer + '"\n'
        "    scope: borough\n    review_by: 2099-01-01\n"
    )
    parts, size, n = ["entries:\n"], 9, 0
    while True:
        chunk = one.format(n=n, w=_word(n))
        if size + len(chunk) > limit:
            return "".join(parts).encode()
        parts.append(chunk)
        size += len(chunk)
        n += 1


def _keys(limit: int) -> bytes:
    rows = [f"k{n}: v\n" for n in range(limit // 9)]
    return ("".join(rows))[:limit].rsplit("\n", 1)[0].encode() + b"\n"


def _flow(limit: int) -> bytes:
    unit = b"[" * 15 + b"1" + b"]" * 15 + b", "
    return b"entries: [" + unit * ((limit - 20) // len(unit)) + b"1]\n"


def _long_line(limit: int) -> bytes:
    return b'entries: "' + b"x" * (limit - 20) + b'"\n'


def _big(size: int) -> Callable[[], bytes]:
    return lambda: b"entries: []\n" + b"#" * (size - 13) + b"\n"


CASES: dict[str, Callable[[], bytes]] = {
    "none (shipped folder only)": lambda: b"",
    "alias bomb (591 bytes)": lambda: BILLION_LAUGHS,
    "self-referencing alias": lambda: SELF_ALIAS,
    "5,000-deep nesting": lambda: DEEP,
    "NUL byte": lambda: NUL,
    "1 MB of entries, all valid": lambda: _entries(MB, "Lock your doors."),
    "1 MB of entries, all wrong": lambda: _entries(MB),
    "1 MB of keys": lambda: _keys(MB),
    "1 MB of 15-deep flow lists": lambda: _flow(MB),
    "1 MB single line": lambda: _long_line(MB),
    "10 MB file": _big(10 * MB),
    "50 MB file": _big(50 * MB),
}


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(field)


def one(folder: str) -> None:
    """Child process: check the folder; print seconds and bytes beyond the memory before."""
    from bot.kb.base import load_directory

    before = _status("VmRSS")
    started = time.perf_counter()
    result = load_directory(Path(folder))
    elapsed = time.perf_counter() - started
    extra = _status("VmHWM") - before
    problems = [p.as_cli() for p in result.errors if p.file == "hostile.yaml"]
    print(json.dumps({"seconds": elapsed, "extra": extra, "problem": problems[:1]}))


def _measure(case: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "knowledge"
        shutil.copytree(ROOT / "knowledge", folder)
        data = CASES[case]()
        if data:
            (folder / "hostile.yaml").write_bytes(data)
        del data
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(folder)],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    row: dict[str, object] = json.loads(out)
    return row


def main() -> None:
    print(f"{'case':32} {'seconds':>8} {'x base':>7} {'extra MB':>9}  problem")
    base = None
    for case in CASES:
        row: dict[str, Any] = _measure(case)
        base = base or row["seconds"]
        problem = row["problem"][0][:70] if row["problem"] else "(none)"
        print(f"{case:32} {row['seconds']:8.3f} {row['seconds'] / base:7.1f} "
              f"{row['extra'] / MB:9.1f}  {problem}")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        one(sys.argv[2])
    else:
        main()
