"""``localbeat events import PATH...`` and ``localbeat events check PATH...``.

``import`` reads the comms team's YAML file or police.uk neighbourhood event lists (JSON) and
applies each file in one transaction; notices for changed or cancelled events are queued for the
running bot to send. ``check`` only validates.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.config import Config
from bot.engagement import open_engagement
from bot.events.sources import EventFileError, read_any
from bot.localtime import system_clock
from bot.storage.db import Database


def add_parser(sub: argparse._SubParsersAction) -> None:
    events = sub.add_parser("events", help="engagement events: import and check event files")
    commands = events.add_subparsers(dest="events_command", required=True, metavar="ACTION")
    imp = commands.add_parser("import", help="import the events YAML or police.uk events JSON")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imp.add_argument(
        "--ward",
        action="append",
        default=[],
        help="ward for police.uk events (repeatable; default: wards named in the address)",
    )
    imp.set_defaults(func=import_command)
    check = commands.add_parser("check", help="check event files without importing them")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    check.set_defaults(func=check_command)


async def import_command(args: argparse.Namespace, config: Config) -> int:
    db = Database(config.database.url)
    failed = False
    try:
        await db.migrate()
        events = open_engagement(db, config, system_clock).events
        for path in args.paths:
            report = await events.import_file(path, args.ward)
            stream = sys.stderr if report.problems else sys.stdout
            print(f"{path}: {report.render()}", file=stream)
            failed = failed or bool(report.problems)
    finally:
        await db.close()
    return 1 if failed else 0


async def check_command(args: argparse.Namespace, config: Config) -> int:
    resolver = {w.casefold(): w for w in config.borough.wards}

    def resolve(name: str) -> str:
        found = resolver.get(name.strip().casefold())
        if found is None:
            raise ValueError(f"ward: “{name}” is not one of the borough's wards")
        return found

    failed = False
    for path in args.paths:
        try:
            found = read_any(path, resolve, config.borough.wards)
        except EventFileError as exc:
            failed = True
            print("\n".join(exc.problems), file=sys.stderr)
            continue
        print(f"{path}: {len(found)} events, no problems")
    return 1 if failed else 0
