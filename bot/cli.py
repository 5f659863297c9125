"""The ``localbeat`` command: one argparse tree, each feature adding its own sub-commands.

Feature modules expose ``add_parser(subparsers)`` and set ``func`` on their parsers to an async
callable ``(args, config) -> exit code``, so this module only wires and reports errors.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from bot import commands_core, commands_run, logs
from bot.config import Config, ConfigError, load_config
from bot.events import commands as events_commands
from bot.feedback import commands as feedback_commands
from bot.stats import commands as stats_commands
from bot.web import commands as web_commands

Command = Callable[[argparse.Namespace, Config], Coroutine[Any, Any, int]]
FEATURES = (
    commands_core,
    commands_run,
    stats_commands,
    events_commands,
    feedback_commands,
    web_commands,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="localbeat", description="Local Beat command line")
    parser.add_argument("--config", help="settings file (default: $LOCALBEAT_CONFIG, config.yaml)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for feature in FEATURES:
        feature.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # PTB 23's behaviour (retry_after as a timedelta), without PTB 22's deprecation warnings.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
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
