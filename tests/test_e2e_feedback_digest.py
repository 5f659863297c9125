"""The weekly feedback digest end to end: residents file items through the bot, the scheduled job
runs, and the team chat reads counts by priority and ward, never who sent them, and reads them
once a week however often the job runs or the bot restarts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tests.emulator import BotApiEmulator
from tests.live import OFFICER, RESIDENT, TOKEN, LiveBot
from tests.test_e2e_feedback import (
    NAME,
    TEAM,
    USERNAME,
    _text,
    delivered,
    feedback_bot,
    press,
    team_post,
)

# The digest's slot: Mondays at 09:00 in London, which is 09:00 UTC in March.
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# Ward names come from the configuration; HTML-special characters must reach the team as written.
ODD_WARD = "Pinner & Hatch End <North>"
WARDS = {"wards": ["Wealdstone South", "Harrow on the Hill", ODD_WARD]}
NEIGHBOURS = {RESIDENT: (NAME, USERNAME), 5002: ("Tomasz", "tomasz_w"), 5003: ("Grace", "grace_o")}
HIGH_STREET = "Police on the high street and at night"
ASB = "Anti-social behaviour"
DIGEST = (
    "Weekly feedback digest\n\n"
    "Feedback from residents, by when it was received\n\n"
    "Last 7 days: 5 (previous 1, +4)\n"
    "By priority:\n"
    "• Police on the high street and at night: 2 (previous 0, +2)\n"
    "• Anti-social behaviour: 1 (same)\n"
    "• Road safety: 1 (previous 0, +1)\n"
    "• Safety of women and girls: 1 (previous 0, +1)\n"
    "By ward:\n"
    "• Pinner & Hatch End <North>: 2 (previous 0, +2)\n"
    "• Wealdstone South: 2 (previous 0, +2)\n"
    "• (ward not given): 1 (previous 0, +1)\n"
    "• Harrow on the Hill: 0 (previous 1, -1)\n\n"
    "Source: Local Beat feedback records, counted 02 Mar 2026 09:00."
)


class Clock:
    """The feedback service's clock, set by the test: which week it is is the test's choice."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def digests(bot: LiveBot) -> list[dict[str, Any]]:
    return [m for m in bot.emu.chat(TEAM) if _text(m).startswith("Weekly feedback digest")]


async def file_as(bot: LiveBot, resident: int, priority: str, ward: str | None, text: str) -> str:
    """File an item through the bot as ``resident``; returns its reference from the receipt."""
    intro = await bot.ask(resident, "/feedback")
    ward_q = await press(bot, resident, intro, priority)
    ask_text = await press(bot, resident, ward_q, ward or "Not sure / the whole borough")
    assert "own words" in ask_text["text"]
    ask_reply = await bot.ask(resident, text)
    summary = await press(bot, resident, ask_reply, "Yes, the team may reply")
    bot.emu.press_button(resident, summary, text="Send to the team")
    await bot.emu.wait_until(
        lambda: "Your reference" in _text(bot.emu.message(resident, summary["message_id"]))
    )
    receipt = _text(bot.emu.message(resident, summary["message_id"]))
    return next(w for w in receipt.split() if w.startswith("HW-"))


async def close(bot: LiveBot, reference: str, note: str) -> None:
    post = await team_post(bot, reference)
    bot.emu.skip_bot_messages(TEAM)
    await bot.emu.wait_for_answer(bot.emu.press_button(OFFICER, post, text="Close with a note"))
    prompt = next(m for m in reversed(bot.emu.chat(TEAM)) if "closing note for" in _text(m))
    assert reference in prompt["text"]
    bot.emu.send_text(OFFICER, note, chat_id=TEAM, reply_to=prompt)
    await bot.emu.wait_until(
        lambda: "Status: closed" in _text(bot.emu.message(TEAM, post["message_id"]))
    )


async def run_digest(bot: LiveBot) -> None:
    """Run the job the way the job queue does at its time, then let any send finish."""
    job = bot.app.job_queue.get_jobs_by_name("feedback-digest")[0]
    await job.run(bot.app)
    await delivered(bot)
    await bot.emu.settle(quiet=0.3)


async def test_weekly_digest_counts_by_priority_and_ward_without_residents_once_a_week(
    sqlite_db_url: str,
) -> None:
    clock = Clock(MONDAY - timedelta(days=8, hours=15))  # the week before last
    async with BotApiEmulator(token=TOKEN) as emu:
        for user, (name, username) in NEIGHBOURS.items():
            emu.add_user(user, first_name=name, username=username)
        async with feedback_bot(sqlite_db_url, emu=emu, clock=clock, borough=WARDS) as bot:
            job = bot.app.job_queue.get_jobs_by_name("feedback-digest")[0]
            runs = job.callback.due(MONDAY + timedelta(days=3))
            runs = runs.astimezone(ZoneInfo("Europe/London"))
            assert (runs.strftime("%A"), runs.hour, runs.minute) == ("Monday", 9, 0)
            assert job.next_t - datetime.now(UTC) <= timedelta(minutes=1)  # looked for each minute

            await file_as(bot, 5003, ASB, "Harrow on the Hill", "Bikes ridden on the pavement.")
            clock.now = MONDAY - timedelta(days=3)
            await file_as(bot, RESIDENT, HIGH_STREET, "Wealdstone South", "Police on Station Road.")
            await file_as(bot, RESIDENT, HIGH_STREET, ODD_WARD, "Nobody patrols after 9pm.")
            park = await file_as(bot, 5002, ASB, "Wealdstone South", "Fireworks in the park.")
            await file_as(bot, 5002, "Safety of women and girls", ODD_WARD, "Light the underpass.")
            school = await file_as(bot, 5003, "Road safety", None, "Cars speed past the school.")
            await close(bot, park, "Patrols added in the park.")
            await close(bot, school, "Passed to the council's road safety team.")

            clock.now = MONDAY
            await run_digest(bot)
            [digest] = digests(bot)
            assert digest["text"] == DIGEST  # closed items still count: it is what was received
            assert "reply_markup" not in digest
            for user, (name, username) in NEIGHBOURS.items():
                assert str(user) not in digest["text"]
                assert name not in digest["text"] and username not in digest["text"]
            assert "Station Road" not in digest["text"]  # residents' words stay in their posts
            [call] = [
                c
                for c in bot.emu.calls_to("sendMessage")
                if str(c.params.get("text", "")).startswith("Weekly feedback digest")
            ]
            assert call.params["parse_mode"] == "HTML"
            assert (
                "• Pinner &amp; Hatch End &lt;North&gt;: 2 (previous 0, +2)" in call.params["text"]
            )

            clock.now = MONDAY + timedelta(hours=2)  # the job runs again the same week
            await run_digest(bot)
            assert len(digests(bot)) == 1

        async with feedback_bot(sqlite_db_url, emu=emu, clock=clock, borough=WARDS) as bot:
            clock.now = MONDAY + timedelta(days=2)  # restarted mid-week: still this week's digest
            await run_digest(bot)
            assert len(digests(bot)) == 1

            clock.now = MONDAY + timedelta(days=7)
            await run_digest(bot)
            first, second = digests(bot)
            assert first["message_id"] == digest["message_id"]
            assert second["text"].startswith(
                "Weekly feedback digest\n\n"
                "Feedback from residents, by when it was received\n\n"
                "Last 7 days: 0 (previous 5, -5)\n"
            )
            assert second["text"].endswith("counted 09 Mar 2026 09:00.")
