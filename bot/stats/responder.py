"""Crime-figure questions inside the answer service: recognised, answered, or passed on.

When no crime data has been imported yet, questions pass through to the knowledge base, whose
newsletter headline figures are better than a "no data" reply.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.answers import Reply, ReplyKind
from bot.stats.answers import StatsAnswer, StatsAnswerer
from bot.stats.questions import StatsQuery, parse_stats_question


def stats_reply(answer: StatsAnswer) -> Reply:
    meta = {
        "area": answer.area,
        "category": answer.category,
        "month": answer.month.isoformat() if answer.month else None,
        "series": [(m.isoformat(), n) for m, n in answer.series],
    }
    return Reply(ReplyKind.STATS, answer.text, sources=tuple(answer.sources), meta=meta)


class StatsResponder:
    def __init__(self, answerer: StatsAnswerer, wards: Sequence[str]) -> None:
        self._answerer = answerer
        self._wards = tuple(wards)

    async def try_answer(self, text: str, resident_id: int | None) -> Reply | None:
        query = parse_stats_question(text, self._wards)
        if query is None or await self._answerer.queries.latest_month() is None:
            return None
        return stats_reply(await self._answerer.answer(query))

    async def near(self, latitude: float, longitude: float) -> Reply:
        query = StatsQuery(text="", near_me=True, latitude=latitude, longitude=longitude)
        return stats_reply(await self._answerer.answer(query))
