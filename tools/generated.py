"""Writing a file a tool generates into the package, or checking it is current (the tests run
every such tool with ``--check``, so a shipped file never drifts from its source)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def write_or_check(
    output: Path, render: Callable[[], str], summary: Callable[[str], str], argv: list[str] | None
) -> int:
    parser = argparse.ArgumentParser(description=f"Write {output.name}, or check it is current")
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            print(f"{output} is out of date: run python {sys.argv[0]}", file=sys.stderr)
            return 1
        return 0
    output.write_text(text, encoding="utf-8")
    print(f"{output.name}: {summary(text)}")
    return 0
