"""The bot object PTB calls Telegram through, remembering which button presses were answered.

Telegram shows a spinner on a button until the bot answers the press. Many handlers answer it
themselves; this record lets a last handler answer any press that nothing else did (an early
return, a failure), so no resident is left watching a spinner.

While an update taken over from a stopped process is handled (``POSSIBLE_REPEAT``), every new
message starts "(possible repeat)": the stopped process may have answered it before it died.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from contextvars import ContextVar
from typing import Any

from telegram.ext import ExtBot

REMEMBERED = 10_000  # presses are answered within seconds: the last few thousand suffice
POSSIBLE_REPEAT: ContextVar[bool] = ContextVar("localbeat_possible_repeat", default=False)
REPEAT_NOTE = "(possible repeat) "
MARKED = {"sendMessage": "text", "sendPhoto": "caption", "sendDocument": "caption"}


def marked(endpoint: str, data: dict[str, Any]) -> dict[str, Any]:
    """The same request, its text or caption starting with the repeat note."""
    key = MARKED.get(endpoint)
    if key is None:
        return data
    text = data.get(key)
    return {**data, key: REPEAT_NOTE + text if isinstance(text, str) else REPEAT_NOTE.strip()}


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

    async def _post(self, endpoint: str, data: dict[str, Any] | None = None, *args: Any,
                    **kwargs: Any) -> Any:  # fmt: skip
        if data is not None and POSSIBLE_REPEAT.get():
            data = marked(endpoint, data)
        return await super()._post(endpoint, data, *args, **kwargs)

    def was_answered(self, callback_query_id: str) -> bool:
        return callback_query_id in self._answered
