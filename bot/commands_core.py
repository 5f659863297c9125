"""Core sub-commands: ``ask``, ``chat``, ``kb check`` and ``db upgrade``."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import date
from pathlib import Path

from bot import commands_kb
from bot.answers import Reply
from bot.config import Config
from bot.kb.base import load_directory
from bot.services import open_services
from bot.storage.db import Database


def _print_reply(reply: Reply) -> None:
    print(reply.text)
    for n, button in enumerate(reply.buttons, 1):
        print(f"  [{n}] {button.label}")


async def ask(args: argparse.Namespace, config: Config) -> int:
    services = await open_services(config)
    try:
        reply = await services.answers.answer(" ".join(args.text))
    finally:
        await services.close()
    if args.json:
        print(json.dumps(reply.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_reply(reply)
    return 0


async def chat(args: argparse.Namespace, config: Config) -> int:
    """A terminal conversation with the same services the Telegram bot uses."""
    services = await open_services(config)
    print(f"Local Beat ({config.borough.name}) – type a question, a number to pick an option, "
          "or 'quit'. In an emergency call 999.")  # fmt: skip
    reply: Reply | None = None
    try:
        while True:
            try:
                line = (await asyncio.to_thread(input, "> ")).strip()
            except EOFError:
                break
            if line.lower() in {"quit", "exit", "bye"}:
                break
            picked = _pick(reply, line)
            if picked is not None:
                reply = services.answers.entry_reply(picked) or services.answers.topic_reply(
                    picked.removeprefix("topic:")
                )
            else:
                reply = await services.answers.answer(line)
            if reply is None:
                print("That option is not available here; please type your question.")
                continue
            _print_reply(reply)
    finally:
        await services.close()
    return 0


def _pick(reply: Reply | None, line: str) -> str | None:
    if reply is None or not line.isdigit() or not 1 <= int(line) <= len(reply.buttons):
        return None
    action = reply.buttons[int(line) - 1].action
    return action.removeprefix("kb:")


async def kb_check(args: argparse.Namespace, config: Config) -> int:
    path = Path(args.path) if args.path else config.knowledge_dir
    result = load_directory(path, date.today())
    for problem in result.problems:
        print(problem.as_cli(), file=sys.stdout if problem.severity == "warning" else sys.stderr)
    if result.kb is None:
        print(f"{len(result.errors)} error(s): the knowledge base was not loaded.", file=sys.stderr)
        return 1
    print(f"OK: {len(result.kb)} entries, {len(result.warnings)} warning(s).")
    return 0


async def db_upgrade(args: argparse.Namespace, config: Config) -> int:
    db = Database(config.database.url)
    try:
        await db.migrate()
    finally:
        await db.close()
    print("Database is up to date.")
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("ask", help="print the reply a resident would get")
    p.add_argument("text", nargs="+")
    p.add_argument("--json", action="store_true", help="print the reply's fields as JSON")
    p.set_defaults(func=ask)

    p = sub.add_parser("chat", help="talk to the bot in this terminal (no Telegram needed)")
    p.set_defaults(func=chat)

    kb = sub.add_parser("kb", help="knowledge base tools").add_subparsers(
        dest="kb_command", required=True, metavar="KB_COMMAND"
    )
    p = kb.add_parser("check", help="validate the knowledge base and list problems")
    p.add_argument("path", nargs="?", help="folder to check (default: knowledge_dir)")
    p.set_defaults(func=kb_check)
    commands_kb.add_parsers(kb)

    db = sub.add_parser("db", help="database tools").add_subparsers(
        dest="db_command", required=True, metavar="DB_COMMAND"
    )
    p = db.add_parser("upgrade", help="apply database migrations")
    p.set_defaults(func=db_upgrade)
