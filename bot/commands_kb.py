"""``localbeat kb gaps``: questions the bot could not answer or only offered suggestions for, for
a spreadsheet or a terminal."""

from __future__ import annotations

import argparse
import csv
import sys

from bot.config import Config
from bot.storage import unanswered
from bot.storage.db import Database

MAX_ROWS = 10_000


async def kb_gaps(args: argparse.Namespace, config: Config) -> int:
    db = Database(config.database.url)
    try:
        await db.migrate()
        async with db.sessions() as session:
            gaps = await unanswered.top(session, days=args.days, limit=MAX_ROWS)
    finally:
        await db.close()
    if args.csv:
        writer = csv.writer(sys.stdout)
        # New columns go last so spreadsheets built on the first four keep working.
        writer.writerow(["question", "times_asked", "first_asked", "last_asked",
                         "times_no_answer", "times_only_suggestions"])  # fmt: skip
        for g in gaps:
            writer.writerow([g.text, g.count, g.first_seen_at.isoformat(),
                             g.last_seen_at.isoformat(), g.no_answer, g.suggested])  # fmt: skip
        return 0
    if not gaps:
        print(f"No unanswered questions in the last {args.days} days.")
        return 0
    print(
        f"Unanswered questions in the last {args.days} days, with those that only got "
        "suggestions (not yet marked handled):"
    )
    for g in gaps:
        print(f"{g.count:6}×  {g.last_seen_at:%Y-%m-%d}  {g.text} — {g.outcome()}")
    return 0


def _days(value: str) -> int:
    days = int(value)
    if not 1 <= days <= 3650:
        raise argparse.ArgumentTypeError("must be between 1 and 3650")
    return days


def add_parsers(kb: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = kb.add_parser(
        "gaps", help="list questions the bot could not answer or only offered suggestions for"
    )
    p.add_argument("--days", type=_days, default=30, help="look back this many days (default 30)")
    p.add_argument("--csv", action="store_true", help="write CSV (for a spreadsheet)")
    p.set_defaults(func=kb_gaps)
