"""The reply retry layer against the emulator: each fault gets the message through once, or
fails once with what happened, and a call is never retried by two layers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram.constants import ParseMode
from telegram.error import Forbidden, NetworkError, TimedOut
from telegram.ext import ExtBot

from bot.tg_request import AiohttpRequest, NotSent, ResponseLost
from bot.tg_retry import Retrying, plain_text
from tests.emulator import BotApiEmulator

TOKEN = "123:RETRY"
RESIDENT = 5001


class Waits:
    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(round(seconds, 2))


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    emulator = BotApiEmulator(token=TOKEN)
    await emulator.start()
    emulator.add_user(RESIDENT)
    yield emulator
    await emulator.stop()


@pytest.fixture
def waits() -> Waits:
    return Waits()


@pytest.fixture
async def bot(emu: BotApiEmulator, waits: Waits) -> AsyncIterator[ExtBot[None]]:
    limiter = Retrying(retries=3, sleep=waits)
    reasons: list[str] = []
    limiter.observer = reasons.append
    # A second: a loaded machine still answers in time, so only an injected fault times out.
    request = AiohttpRequest(read_timeout=1.0, connect_timeout=1.0)
    async with ExtBot(TOKEN, base_url=emu.base_url, request=request, rate_limiter=limiter) as b:
        b._reasons = reasons  # type: ignore[attr-defined]
        yield b


def texts(emu: BotApiEmulator) -> list[str]:
    return [m["text"] for m in emu.chat(RESIDENT)]


async def test_five_429s_in_a_row_wait_retry_after_and_deliver_once(
    emu: BotApiEmulator, bot: ExtBot[None], waits: Waits
) -> None:
    emu.fail_next("sendMessage", "429", times=5, retry_after=2)
    await bot.send_message(RESIDENT, "the answer")
    assert texts(emu) == ["the answer"]
    assert waits.seconds == [2.1] * 5


@pytest.mark.parametrize("status", ["500", "502"])
async def test_server_errors_are_retried_with_backoff(
    emu: BotApiEmulator, bot: ExtBot[None], waits: Waits, status: str
) -> None:
    emu.fail_next("sendMessage", status, times=2)
    await bot.send_message(RESIDENT, "the answer")
    assert texts(emu) == ["the answer"]
    assert waits.seconds == [0.5, 1.0]


async def test_retries_are_bounded(emu: BotApiEmulator, bot: ExtBot[None]) -> None:
    emu.fail_next("sendMessage", "500", times=10)
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(RESIDENT, "the answer")
    assert len(emu.calls_to("sendMessage")) == 4  # the first try and three retries


@pytest.mark.parametrize("fault", ["timeout", "drop"])
async def test_a_lost_answer_is_sent_again_once(
    emu: BotApiEmulator, bot: ExtBot[None], fault: str
) -> None:
    emu.fail_next("sendMessage", fault, hold=2.5)
    await bot.send_message(RESIDENT, "the answer")
    assert texts(emu) == ["the answer"]
    emu.fail_next("sendMessage", fault, apply=True, hold=2.5)
    await bot.send_message(RESIDENT, "applied, answer lost")
    assert texts(emu)[1:] == ["applied, answer lost"] * 2  # a repeat, never a loss


async def test_a_send_is_never_made_a_third_time(emu: BotApiEmulator, bot: ExtBot[None]) -> None:
    emu.fail_next("sendMessage", "drop", times=2, apply=True)
    with pytest.raises(TimedOut):
        await bot.send_message(RESIDENT, "twice at most")
    assert texts(emu) == ["twice at most"] * 2
    assert len(emu.calls_to("sendMessage")) == 2


async def test_an_edit_whose_answer_was_lost_is_taken_as_done(
    emu: BotApiEmulator, bot: ExtBot[None]
) -> None:
    message = await bot.send_message(RESIDENT, "draft")
    emu.fail_next("editMessageText", "drop", apply=True)
    assert await bot.edit_message_text("final", RESIDENT, message.message_id) is True
    assert texts(emu) == ["final"]


async def test_unparseable_formatting_is_sent_as_the_same_plain_text(
    emu: BotApiEmulator, bot: ExtBot[None]
) -> None:
    broken = "Fish &amp; chips <b>tonight at 8 <i>Pinner</b>"
    await bot.send_message(RESIDENT, broken, parse_mode=ParseMode.HTML)
    assert texts(emu) == ["Fish & chips tonight at 8 Pinner"]
    assert "entities" not in emu.chat(RESIDENT)[0]
    assert bot._reasons == ["plain_text"]  # type: ignore[attr-defined]


async def test_a_blocked_resident_is_not_retried(emu: BotApiEmulator, bot: ExtBot[None]) -> None:
    emu.block_user(RESIDENT, notify=False)
    with pytest.raises(Forbidden):
        await bot.send_message(RESIDENT, "the answer")
    assert len(emu.calls_to("sendMessage")) == 1


async def test_the_transport_says_whether_a_request_left() -> None:
    request = AiohttpRequest(connect_timeout=0.5)
    await request.initialize()
    try:
        with pytest.raises(NotSent):  # nothing listens on port 9: refused, never sent
            await request.do_request("http://127.0.0.1:9/bot/x", "POST")
    finally:
        await request.shutdown()
    assert issubclass(ResponseLost, TimedOut) and not issubclass(NotSent, TimedOut)


def test_plain_text_keeps_the_words() -> None:
    assert plain_text("<b>Call 101</b> &amp; <a href='https://x'>report</a> &lt;now&gt;") == (
        "Call 101 & report <now>"
    )
