"""An officer adds events with times in words, confirms them said back, and the clock changes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.storage.models import AuditEntry
from tests.events_live import clocked_bot, event_yaml
from tests.fake_clock import FakeClock, london
from tests.live import OFFICER, RESIDENT, LiveBot, buttons


async def _press(bot: LiveBot, message: dict[str, Any], label: str) -> dict[str, Any]:
    bot.emu.press_button(OFFICER, message, text=label)
    return await bot.emu.next_bot_message(OFFICER)


async def _to_when(bot: LiveBot, title: str) -> None:
    await bot.ask(OFFICER, "/addevent")
    kinds = await bot.ask(OFFICER, title)
    wards = await _press(bot, kinds, "Street briefing")
    when = await _press(bot, wards, "Pinner")
    assert when["text"].startswith("When is it? Send the day and London time in your own words")


async def _published(bot: LiveBot, preview: dict[str, Any]) -> tuple[datetime, datetime]:
    bot.emu.press_button(OFFICER, preview, text="Publish")
    await bot.emu.wait_until(
        lambda: (bot.emu.chat(OFFICER)[-1].get("text") or "").startswith("Published (event")
    )
    [event] = await bot.data.services.engagement.events.upcoming_for_staff()
    return event.starts_at.astimezone(UTC), event.ends_at.astimezone(UTC)


async def test_officer_gives_times_in_words_and_changes_the_time_at_the_end(
    sqlite_db_url: str, tmp_path: Path
) -> None:
    clock = FakeClock(datetime(2027, 3, 20, 12, 0, tzinfo=UTC))  # Saturday, GMT
    async with clocked_bot(sqlite_db_url, clock, event_yaml(tmp_path / "e.yaml", [])) as bot:
        await _to_when(bot, "Street briefing, Pinner High Street")
        undated = await bot.ask(OFFICER, "tomorrow")
        assert undated["text"].startswith(
            "I read “tomorrow” as Sunday 21 March 2027, but with no time of day. "
            "Please add one, such as 9am or 18:30."
        )
        place = await bot.ask(OFFICER, "next tuesday 7pm-9pm")
        assert place["text"] == (
            "When: Tuesday 23 March 2027, 19:00 to 21:00 (London time, GMT).\n\n"
            "Where is it? Send the address or meeting point."
        )
        preview = await bot.ask(OFFICER, "Outside Pinner library, Marsh Road")
        assert preview["text"].endswith(
            "When, in words: Tuesday 23 March 2027, 19:00 to 21:00 (London time, GMT)."
        )
        assert [label for label, _ in buttons(preview)] == [
            "Publish", "Change the time", "Discard"
        ]  # fmt: skip
        again = await _press(bot, preview, "Change the time")
        assert again["text"].startswith("When is it?")
        preview = await bot.ask(OFFICER, "7 Apr 18:30")  # after the clocks go forward
        assert "Where: Outside Pinner library, Marsh Road" in preview["text"]
        assert preview["text"].endswith(
            "When, in words: Wednesday 7 April 2027, 18:30 to 19:30 (London time, BST)."
        )
        starts, ends = await _published(bot, preview)
        assert (starts, ends) == (
            datetime(2027, 4, 7, 17, 30, tzinfo=UTC),
            datetime(2027, 4, 7, 18, 30, tzinfo=UTC),
        )
        listing = await bot.ask(RESIDENT, "/events pinner")
        assert "Wed 7 Apr" in listing["text"] and "18:30" in listing["text"]


@pytest.mark.parametrize("words", ["tomorrow 9am", "tomorrow 09:00"])
async def test_tomorrow_across_the_spring_change_is_bst(
    sqlite_db_url: str, tmp_path: Path, words: str
) -> None:
    clock = FakeClock(london(2027, 3, 27, 12, 0))  # the clocks go forward tonight
    async with clocked_bot(sqlite_db_url, clock, event_yaml(tmp_path / "e.yaml", [])) as bot:
        await _to_when(bot, "Sunday street briefing, Pinner")
        skipped = await bot.ask(OFFICER, "tomorrow 01:30")
        assert skipped["text"].startswith(
            "01:30 on Sunday 28 March 2027 does not exist in London: the clocks go forward an "
            "hour that night. Choose another time, such as 02:30."
        )
        place = await bot.ask(OFFICER, words)
        assert place["text"].startswith(
            "When: Sunday 28 March 2027, 09:00 to 10:00 (London time, BST). No end time was "
            "given, so it is listed as one hour."
        )
        preview = await bot.ask(OFFICER, "Pinner library")
        starts, _ = await _published(bot, preview)
        assert starts == datetime(2027, 3, 28, 8, 0, tzinfo=UTC)


async def test_the_repeated_hour_in_october_must_say_which(
    sqlite_db_url: str, tmp_path: Path
) -> None:
    clock = FakeClock(london(2027, 10, 30, 12, 0))  # the clocks go back tonight
    async with clocked_bot(sqlite_db_url, clock, event_yaml(tmp_path / "e.yaml", [])) as bot:
        await _to_when(bot, "Night-time economy patrol briefing")
        twice = await bot.ask(OFFICER, "tomorrow 01:30")
        assert twice["text"].startswith(
            "01:30 on Sunday 31 October 2027 happens twice in London: the clocks go back an "
            "hour that night. Send “01:30 BST” for the first time or “01:30 GMT” for the second."
        )
        place = await bot.ask(OFFICER, "tomorrow 01:30 GMT")
        assert place["text"].startswith(
            "When: Sunday 31 October 2027, 01:30 to 02:30 (London time, GMT)."
        )
        preview = await bot.ask(OFFICER, "Harrow civic centre")
        starts, ends = await _published(bot, preview)
        assert (starts, ends) == (
            datetime(2027, 10, 31, 1, 30, tzinfo=UTC),
            datetime(2027, 10, 31, 2, 30, tzinfo=UTC),
        )
        async with bot.data.services.db.sessions() as session:
            actions = (await session.scalars(select(AuditEntry.action))).all()
        assert actions == ["addevent"]
