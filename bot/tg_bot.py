"""The bot object PTB calls Telegram through, remembering which button presses were answered.

Telegram shows a spinner on a button until the bot answers the press. Many handlers answer it
themselves; this record lets a last handler answer any press that nothing else did (an early
return, a failure), so no resident is left watching a spinner.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import Any

from telegram.ext import ExtBot

REMEMBERED = 10_000  # presses are answered within seconds: the last few thousand suffice


class LocalBeatBot(ExtBot[None]):
    __slots__ = ("_answered",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with self._unfrozen():
            self._answered: OrderedDict[str, None] = OrderedDict()

    async def initialize(self) -> None:
        """If start-up fails (a refused token, no network), close the connections it opened."""
        try:
            await super().initialize()
        except BaseException:
            await asyncio.gather(*(r.shutdown() for r in self._request), return_exceptions=True)
            raise

    async def answer_callback_query(
        self, callback_query_id: str, *args: Any, **kwargs: Any
    ) -> bool:
        result = await super().answer_callback_query(callback_query_id, *args, **kwargs)
        self._answered[callback_query_id] = None
        while len(self._answered) > REMEMBERED:
            self._answered.popitem(last=False)
        return result

    def was_answered(self, callback_query_id: str) -> bool:
        return callback_query_id in self._answered
