"""Core sub-commands: ``ask``, ``chat``, ``kb check`` and ``db upgrade``."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bot import commands_kb
from bot.config import Config
from bot.services import open_services

if TYPE_CHECKING:
    from bot.answers import Reply


def _print_reply(reply: Reply) -> None:
    print(reply.text)
    for n, button in enumerate(reply.buttons, 1):
        print(f"  [{n}] {button.label}")


async def ask(args: argparse.Namespace, config: Config) -> int:
    services = await open_services(config, wait=None)
    text = " ".join(args.text)
    try:
        if services.answers.needs_model(text):  # "hi", "what is 101", a named emergency: no
            await services.understand(warm=False)  # the model loads only if the text needs it
        reply = await services.answers.answer(text)
    finally:
        await services.close()
    if args.json:
        print(json.dumps(reply.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_reply(reply)
    return 0


async def chat(args: argparse.Namespace, config: Config) -> int:
    from bot.terminal_chat import converse  # the conversation layer, only for this command

    services = await open_services(config, wait=False)  # answers at once, the model joins in
    try:
        await converse(services, config)
    finally:
        await services.close()
    return 0


async def kb_check(args: argparse.Namespace, config: Config) -> int:
    from bot.kb.base import load_directory

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
    from bot.storage.db import Database

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
