"""Crime-figure questions inside the answer service: recognised, answered, or passed on.

When no crime data has been imported yet, a figures question is told so plainly and offered the
newsletter's headline figures and the prevention advice, rather than a guess from the knowledge
base that answers a different question.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

from bot.answers import STATS, Button, Reply, ReplyKind
from bot.router import Proposal, Query
from bot.stats.answers import StatsAnswer, StatsAnswerer
from bot.stats.menu import (
    BOROUGH,
    HEADLINES,
    HERE,
    NEAR_ME_LABEL,
    PERIODS,
    CrimeChoice,
    chart_button,
)
from bot.stats.postcodes import only_postcode
from bot.stats.questions import StatsQuery, is_strong, normalise, parse_stats_question

NEAR_YOU = "near you"
NO_DATA = Reply(
    ReplyKind.STATS,
    "I don’t have police.uk crime figures loaded yet, so I can’t count that for you. "
    "You can see the latest figures for your area on https://www.police.uk/ .\n\n"
    "I can show the headline figures from the borough’s newsletter, or crime prevention advice.",
    (HEADLINES, Button("Safety tips", "topic:prevention")),
    meta={"no_data": True},
)


def _chart_area(answer: StatsAnswer, borough: str, wards: Sequence[str]) -> str | None:
    """The menu area a chart of this answer's series can be drawn for, if any."""
    if answer.area == borough:
        return BOROUGH
    configured = {w.casefold(): w for w in wards}
    return configured.get(answer.area.casefold())


def _wards_named(place: str, wards: Sequence[str]) -> list[str]:
    """Wards whose name holds every word of the place: "Wealdstone" was split into two."""
    words = set(normalise(place).split())
    return [w for w in wards if words and words <= set(normalise(w).split())]


def _elsewhere(
    answer: StatsAnswer, place: str, borough: str, wards: Sequence[str]
) -> tuple[str, list[Button]]:
    """Where a resident who named a place we hold no figures for can go next: the menu's paths.

    The buttons are the /crime menu's own (a ward's period picker, the ward picker, near me), so
    the reply leads into figures the store does have rather than guessing which ward was meant.
    """
    named = _wards_named(place, wards)
    buttons = [Button(w, CrimeChoice(answer.category, w).data()) for w in named]
    buttons.append(Button("Choose a ward", CrimeChoice(answer.category).data()))
    buttons.append(Button(NEAR_ME_LABEL, CrimeChoice(answer.category, HERE).data()))
    text = "Choose a ward below for its own figures, or share your location for crimes near you."
    if len(named) == 1:
        text = f"{borough} has a ward called {named[0]}. {text}"
    elif named:
        names = ", ".join(named[:-1]) + f" and {named[-1]}"
        text = f"{borough} has wards called {names}. {text}"
    return text, buttons


def _place_buttons(answer: StatsAnswer, borough: str, wards: Sequence[str]) -> list[Button]:
    """The next steps after a postcode or a location: a ward's figures, the picker, the trend."""
    configured = {w.casefold(): w for w in wards}
    buttons: list[Button] = []
    for name in answer.offers:
        ward = configured.get(name.casefold())
        if ward is not None:
            buttons.append(Button(ward, CrimeChoice(answer.category, ward, "l").data()))
    ward = configured.get(answer.area.casefold())
    if answer.more_trend and ward is not None:
        buttons.append(Button(PERIODS["t"], CrimeChoice(answer.category, ward, "t").data()))
    if answer.choose_ward:
        buttons.append(Button("Choose a ward", CrimeChoice(answer.category).data()))
    if answer.outside:
        label = f"{borough or answer.area} crime figures"
        buttons.append(Button(label, CrimeChoice(answer.category).data()))
    return buttons


def stats_reply(
    answer: StatsAnswer, borough: str = "", wards: Sequence[str] = (), headlines: bool = True
) -> Reply:
    """A STATS reply: the answer's text, its figures in ``meta`` and the next useful buttons."""
    meta = {
        "area": answer.area,
        "category": answer.category,
        "month": answer.month.isoformat() if answer.month else None,
        "series": [(m.isoformat(), n) for m, n in answer.series],
    }
    text = answer.text
    buttons: list[Button] = []
    area = _chart_area(answer, borough, wards)
    if answer.trend and len(answer.series) > 1 and area is not None:
        buttons.append(chart_button(answer.category, area))
    if answer.unknown_place:
        meta["unknown_place"] = answer.unknown_place
        more, elsewhere = _elsewhere(answer, answer.unknown_place, borough or answer.area, wards)
        text = f"{text}\n\n{more}"
        buttons += elsewhere
    if answer.area == NEAR_YOU and answer.month is None:
        buttons.append(Button("Share my location", CrimeChoice(answer.category, HERE).data()))
    buttons += _place_buttons(answer, borough, wards)
    if headlines:
        buttons.append(HEADLINES)
    return Reply(ReplyKind.STATS, text, tuple(buttons), sources=tuple(answer.sources), meta=meta)


# Scores on the router's 0-100 scale (bot/router.py), tuned on the development questions. A
# figures question with a place, period or "how many" is the store's; a vaguer one ("is burglary
# bad round here") yields to a confident knowledge-base entry; with no figures loaded at all, a
# newsletter entry that answers the question does better than "no figures yet".
SCORE_STRONG = 88.0
SCORE_WEAK = 72.0
SCORE_NO_DATA = 60.0
# A figure quoted back ("neighbourhood crime is down 14%?", "67 offences, is that this year")
# asks about a published figure, which a newsletter entry explains; the store only offers.
SCORE_QUOTED = 50.0
RE_QUOTED = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b)|"
    # "67 child exploitation offences were reported, is that more than last year"
    r"\b\d{2,}(?<!\b\d{4}) (?:\w+ ){0,3}(?:offences|crimes|arrests|reports|incidents|cases|"
    r"warrants)\b|"
    # "i read shoplifting in harrow is 500 less than last year, is true?"
    r"\b\d{2,}(?<!\b\d{4}) (?:less|fewer|more|lower|higher|down|up)\b",
    re.IGNORECASE,
)
DATA_CHECK_S = 30.0


class StatsResponder:
    def __init__(self, answerer: StatsAnswerer, wards: Sequence[str], borough: str = "") -> None:
        self._answerer = answerer
        self._wards = tuple(wards)
        self._borough = borough or answerer.queries.borough
        self._loaded_at: float | None = None  # when figures were last seen loaded

    async def propose(self, query: Query) -> Proposal | None:
        parsed = parse_stats_question(query.text, self._wards, borough=self._borough)
        bare = False
        if parsed is None:
            postcode = only_postcode(query.text)
            if postcode is None:
                return None
            # A postcode on its own, as typed where "near me" asks for a location: its figures.
            parsed, bare = StatsQuery(text=query.text, postcode=postcode), True
        await self._answerer.queries.prepare()
        has_data = await self._has_data()
        quoted = RE_QUOTED.search(query.text) is not None
        strong = is_strong(parsed) and not bare and not quoted
        score = (SCORE_STRONG if strong else SCORE_WEAK) if has_data else SCORE_NO_DATA
        if quoted:
            score = min(score, SCORE_QUOTED)

        async def make() -> Reply:
            return await self.answer(parsed) if has_data else NO_DATA

        area = parsed.ward or (HERE if parsed.near_me else BOROUGH)
        where = parsed.postcode.text if parsed.postcode else None
        where = where or parsed.ward or ("near you" if parsed.near_me else self._borough)
        label = f"Crime figures: {where}"
        offer = Button(label[:60], CrimeChoice(parsed.category, area).data())
        return Proposal(STATS, score, make, offer, parsed.text, firm=strong, ready=has_data)

    async def _has_data(self) -> bool:
        """Whether any figures are loaded. Once they are, the database is asked again only every
        DATA_CHECK_S (figures are replaced, not removed); until then, every time, so figures
        imported a moment ago are used at once."""
        now = time.monotonic()
        if self._loaded_at is not None and now - self._loaded_at < DATA_CHECK_S:
            return True
        found = await self._answerer.queries.latest_month() is not None
        self._loaded_at = now if found else None
        return found

    async def answer(self, query: StatsQuery) -> Reply:
        answer = await self._answerer.answer(query)
        return stats_reply(answer, self._borough, self._wards)

    async def near(self, latitude: float, longitude: float) -> Reply:
        query = StatsQuery(text="", near_me=True, latitude=latitude, longitude=longitude)
        return stats_reply(await self._answerer.answer(query), self._borough, self._wards)
