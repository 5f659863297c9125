"""Core sub-commands: ``ask``, ``chat``, ``kb check`` and ``db upgrade``."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

from bot import commands_kb
from bot.answers import Reply
from bot.config import Config
from bot.conversation import Conversation, FrontEnd, Said, State
from bot.conversation.said import LOCATION_PREFIX
from bot.coordinates import parse_coordinates
from bot.kb.base import load_directory
from bot.services import open_services
from bot.storage.db import Database


def _print_reply(reply: Reply) -> None:
    print(reply.text)
    for n, button in enumerate(reply.buttons, 1):
        print(f"  [{n}] {button.label}")


async def ask(args: argparse.Namespace, config: Config) -> int:
    services = await open_services(config, warm=False)  # the model loads if the question needs it
    try:
        reply = await services.answers.answer(" ".join(args.text))
    finally:
        await services.close()
    if args.json:
        print(json.dumps(reply.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_reply(reply)
    return 0


TERMINAL = FrontEnd(
    privacy=(
        "This terminal chat keeps nothing about you: it talks to the database only to answer. "
        "Questions it could not answer are kept as text only, so the team can add answers. "
        "A location you type is used for that answer only."
    ),
    shares_location=True,  # typed as coordinates when a "Share my location" option is picked
)
ASK_LOCATION = "Your location as coordinates, e.g. 51.5806, -0.3420 (Enter to skip): "
NOT_COORDINATES = "That is not a pair of coordinates, so no location was used."
NO_OPTION = "There is no option {n} just now: type the number of one shown above, or a question."


async def chat(args: argparse.Namespace, config: Config) -> int:
    """A terminal conversation with the same services, menus and flows as the web chat: numbers
    pick options, and a location is typed as coordinates."""
    services = await open_services(config, wait=False)  # answers at once, the model joins in
    conversation = Conversation(services, TERMINAL)
    state = State()
    print(f"Local Beat ({config.borough.name}) – type a question, a number to pick an option, "
          "or 'quit'. In an emergency call 999.")  # fmt: skip
    shown: list[Said] = []
    try:
        while True:
            try:
                line = (await asyncio.to_thread(input, "> ")).strip()
            except EOFError:
                break
            if line.lower() in {"quit", "exit", "bye"}:
                break
            action = _pick(shown, line)
            if action is None and line.isdigit() and len(line) < 4:
                print(NO_OPTION.format(n=line))  # a slip, not a question to log as a gap
                continue
            if action is not None and action.startswith(LOCATION_PREFIX):
                shown = await conversation.press(action, state, location=await _typed_location())
            elif action is not None:
                shown = await conversation.press(action, state)
            else:
                shown = await conversation.say(line, state)
            await asyncio.to_thread(_print_said, shown)
    finally:
        await services.close()
    return 0


async def _typed_location() -> tuple[float, float] | None:
    """A terminal cannot share a location: the resident types one (or nothing)."""
    try:
        typed = (await asyncio.to_thread(input, ASK_LOCATION)).strip()
    except EOFError:
        return None
    point = parse_coordinates(typed) if typed else None
    if typed and point is None:
        print(NOT_COORDINATES)
    return point


def _pick(shown: list[Said], line: str) -> str | None:
    """The action of option ``line`` (numbered across the last messages), if it is one."""
    buttons = [b for said in shown for b in said.reply.buttons]
    if not line.isdigit() or not 1 <= int(line) <= len(buttons):
        return None
    return buttons[int(line) - 1].action


def _print_said(shown: list[Said]) -> None:
    number = 0
    for said in shown:
        print(said.reply.text)
        if said.image is not None:
            print(f"  (chart saved to {_save(said.image.png, '.png')})")
        if said.attachment is not None:
            suffix = Path(said.attachment.filename).suffix
            print(f"  (file saved to {_save(said.attachment.body, suffix)})")
        for button in said.reply.buttons:
            number += 1
            print(f"  [{number}] {button.label}")


def _save(body: bytes, suffix: str) -> str:
    with tempfile.NamedTemporaryFile(prefix="localbeat-", suffix=suffix, delete=False) as handle:
        handle.write(body)
        return handle.name


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
