"""``localbeat chat``: the terminal as a front end of the same conversation layer as the web."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from bot.config import Config
from bot.conversation import Conversation, FrontEnd, Said, State
from bot.conversation.said import LOCATION_PREFIX
from bot.coordinates import parse_coordinates
from bot.services import Services

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


async def converse(services: Services, config: Config) -> None:
    """A terminal conversation with the same services, menus and flows as the web chat: numbers
    pick options, and a location is typed as coordinates."""
    conversation = Conversation(services, TERMINAL)
    state = State()
    print(f"Local Beat ({config.borough.name}) – type a question, a number to pick an option, "
          "or 'quit'. In an emergency call 999.")  # fmt: skip
    shown: list[Said] = []
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
