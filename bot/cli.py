"""The ``localbeat`` command: one argparse tree, each feature adding its own sub-commands.

Feature modules expose ``add_parser(subparsers)`` and set ``func`` on their parsers to an async
callable ``(args, config) -> exit code``, so this module only wires and reports errors.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import os
import sys
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from bot import logs
from bot.config import Config, ConfigError, load_config

Command = Callable[[argparse.Namespace, Config], Coroutine[Any, Any, int]]
# Each feature's module and the sub-commands it adds. A command imports only its own module:
# `localbeat ask` never loads the Telegram application, the web server or the importers.
FEATURES: dict[str, tuple[str, ...]] = {
    "bot.commands_core": ("ask", "chat", "kb", "db"),
    "bot.commands_run": ("run",),
    "bot.stats.commands": ("stats",),
    "bot.events.commands": ("events",),
    "bot.feedback.commands": ("feedback",),
    "bot.web.commands": ("web",),
}


def _wanted(argv: Sequence[str]) -> list[str]:
    """The feature modules a command line needs: its command's, or all of them (for help)."""
    words = [a for a in argv if not a.startswith("-")]
    if "--config" in argv:  # its value is not a command
        at = list(argv).index("--config") + 1
        words = [a for i, a in enumerate(argv) if not a.startswith("-") and i != at]
    found = [m for m, commands in FEATURES.items() if words and words[0] in commands]
    return found or list(FEATURES)


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="localbeat", description="Local Beat command line")
    parser.add_argument("--config", help="settings file (default: $LOCALBEAT_CONFIG, config.yaml)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in _wanted(argv):
        importlib.import_module(name).add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # PTB 23's behaviour (retry_after as a timedelta), without PTB 22's deprecation warnings.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(f"localbeat: {exc}", file=sys.stderr)
        return 2
    logs.configure(config.log_level)
    func: Command = args.func
    try:
        return asyncio.run(func(args, config))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except ConfigError as exc:
        print(f"localbeat: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
