"""``localbeat feedback export --csv``: every feedback item, without resident ids, for analysis."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path

from bot.config import Config
from bot.feedback import tallies
from bot.feedback.service import FeedbackService
from bot.storage.db import Database
from bot.storage.models import utcnow


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    feedback = sub.add_parser("feedback", help="residents' feedback: export")
    actions = feedback.add_subparsers(dest="feedback_command", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="export feedback items (no resident ids)")
    export.add_argument("--csv", action="store_true", required=True, help="as CSV (required)")
    export.add_argument("--days", type=int, help="only items received in the last N days")
    export.add_argument("-o", "--output", type=Path, help="write to this file (default: stdout)")
    export.set_defaults(func=export_command)


async def export_command(args: argparse.Namespace, config: Config) -> int:
    db = Database(config.database.url)
    try:
        await db.migrate()
        since = utcnow() - timedelta(days=args.days) if args.days else None
        items = await FeedbackService(db, config).all_items(since)
    finally:
        await db.close()
    text = tallies.to_csv(items, config.feedback.timezone)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"{len(items)} items written to {args.output}", file=sys.stderr)
    return 0
