"""The /crime menu's buttons: the same choices and answers as on Telegram, charts as images.

"Near me" needs a location the resident shares: a front end that can ask for one (the web page,
through the browser) gets a ``location:`` button; the answer uses the location once and keeps it
nowhere. Elsewhere the option is left out and a ward is the way in.
"""

from __future__ import annotations

from dataclasses import replace

from bot.answers import Button, Reply, ReplyKind
from bot.conversation.said import LOCATION_PREFIX, Image, Said
from bot.stats.menu import HERE, CrimeChoice, parse_choice, what
from bot.stats.service import CrimeService

SHARE = "Share my location"
NO_LOCATION = (
    "No location was shared, so I can’t count crimes near you. Choose your ward instead, or the "
    "whole of {borough}:"
)
NO_CHART = "Sorry, I have no figures to draw a chart of {what} for that area."
Location = tuple[float, float]


def _without_near_me(reply: Reply) -> Reply:
    return replace(reply, buttons=tuple(b for b in reply.buttons if not b.action.endswith(HERE)))


async def press(
    crime: CrimeService, data: str, location: Location | None = None
) -> list[Said] | None:
    """A crime menu button (``crime:...``); None when it names something that no longer exists."""
    choice = parse_choice(data, crime.wards)
    if choice is None:
        return None
    if choice.area is None:
        return [Said(crime.areas(choice))]
    if choice.area == HERE:
        return [Said(await _near(crime, choice, location))]
    if choice.period is None:
        return [Said(crime.periods(choice))]
    if choice.period == "g":
        return [await chart(crime, choice)]
    return [Said(await crime.answer(choice))]


async def _near(crime: CrimeService, choice: CrimeChoice, location: Location | None) -> Reply:
    if location is None:
        text = crime.ask_location(choice)
        share = Button(SHARE, LOCATION_PREFIX + choice.data())
        return Reply(ReplyKind.STATS, text, (share,))
    return await crime.near(location[0], location[1], choice.category)


async def without_location(crime: CrimeService, data: str) -> list[Said] | None:
    """A ``location:`` button sent back with no location (refused, or no JavaScript)."""
    choice = parse_choice(data, crime.wards)
    if choice is None or choice.area != HERE:
        return None
    areas = _without_near_me(crime.areas(replace(choice, area=None)))
    return [Said(replace(areas, text=NO_LOCATION.format(borough=crime.borough)))]


async def chart(crime: CrimeService, choice: CrimeChoice) -> Said:
    found = await crime.chart(choice)  # renders in a worker thread
    if found is None:
        return Said(Reply(ReplyKind.STATS, NO_CHART.format(what=what(choice.category).lower())))
    alt = found.caption.splitlines()[0].removeprefix("Chart: ").rstrip(".")
    image = Image(found.png, f"Line chart: {alt}", found.caption)
    return Said(Reply(ReplyKind.STATS, found.caption), image=image)
