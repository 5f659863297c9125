"""Staff commands end to end: roles are checked, refusals audited, comms see the gaps, and
each staff member finds their tools in the menu, /help and /whoami."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.app import build_application, running
from bot.storage.models import AuditEntry, UnansweredQuestion
from tests.emulator import BotApiEmulator
from tests.live import (
    ADMIN,
    COMMS,
    OFFICER,
    RESIDENT,
    TOKEN,
    LiveBot,
    buttons,
    live_bot,
    make_config,
)

SCOPE = {"type": "chat", "chat_id": OFFICER}


@pytest.fixture
async def bot(sqlite_db_url: str) -> AsyncIterator[LiveBot]:
    async with live_bot(sqlite_db_url) as live:
        yield live


async def test_resident_is_refused_staff_command_and_audited(bot: LiveBot) -> None:
    reply = await bot.ask(RESIDENT, "/gaps")
    assert reply["text"] == "Sorry, that is only for communications staff of the policing team."
    async with bot.data.services.db.sessions() as session:
        rows = (await session.scalars(select(AuditEntry))).all()
    assert [(r.actor_id, r.action, r.outcome) for r in rows] == [(RESIDENT, "gaps", "refused")]


async def test_comms_sees_fallback_questions_and_marks_one_handled(bot: LiveBot) -> None:
    for _ in range(2):
        await bot.ask(RESIDENT, "can you recommend a good pizza place")
    await bot.ask(RESIDENT, "tell me a joke")
    reply = await bot.ask(COMMS, "/gaps")
    assert "“can you recommend a good pizza place” – asked 2×" in reply["text"]
    assert "tell me a joke" in reply["text"]
    first = buttons(reply)[0]
    assert first[0] == "1 handled"
    query = bot.emu.press_button(COMMS, reply, first[1])
    answer = await bot.emu.wait_for_answer(query)
    assert answer.params["text"] == "Marked as handled."
    async with bot.data.services.db.sessions() as session:
        pizza = await session.scalar(
            select(UnansweredQuestion).where(
                UnansweredQuestion.normalised_text == "can you recommend a good pizza place"
            )
        )
    assert pizza is not None and pizza.handled_at is not None
    again = await bot.ask(COMMS, "/gaps")
    assert "pizza" not in again["text"]


async def test_resident_cannot_press_a_comms_button(bot: LiveBot) -> None:
    await bot.ask(RESIDENT, "can you recommend a good pizza place")
    reply = await bot.ask(COMMS, "/gaps")
    query = bot.emu.press_button(RESIDENT, reply, buttons(reply)[0][1], force=True)
    answer = await bot.emu.wait_for_answer(query)
    assert "only for communications staff" in answer.params["text"]


RESIDENT_MENU = ["start", "help", "privacy", "mydata", "forget", "whoami", "updates", "events",
                 "settings", "crime", "feedback", "myfeedback"]  # fmt: skip
OFFICER_MENU = ["announce", "announcements", "addevent", "cancelevent", "priorities",
                "blockfeedback", "unblockfeedback"]  # fmt: skip
COMMS_MENU = ["kbcheck", "reload", "kbhistory", "rollback", "gaps"]


def menu(bot: LiveBot, user_id: int | None = None) -> list[str]:
    scope = None if user_id is None else {"type": "chat", "chat_id": user_id}
    return [c["command"] for c in bot.emu.commands(scope)]


async def test_each_staff_member_gets_their_roles_commands_in_the_menu(bot: LiveBot) -> None:
    assert menu(bot) == RESIDENT_MENU
    assert menu(bot, OFFICER) == RESIDENT_MENU + OFFICER_MENU
    assert menu(bot, COMMS) == RESIDENT_MENU + COMMS_MENU
    assert menu(bot, ADMIN) == RESIDENT_MENU + OFFICER_MENU + COMMS_MENU
    assert menu(bot, RESIDENT) == []  # residents keep the default menu
    labels = {c["command"]: c["description"] for c in bot.emu.commands(
        {"type": "chat", "chat_id": OFFICER})}  # fmt: skip
    assert labels["announce"] == "Send an announcement to residents"


async def test_officer_help_and_whoami_list_what_they_can_do(bot: LiveBot) -> None:
    help_text = (await bot.ask(OFFICER, "/help"))["text"]
    assert help_text.startswith("Type a question in your own words")
    assert "As an officer you can use:\n/announce – write an announcement, tap the wards" in (
        help_text
    )
    assert "/cancelevent – cancel an upcoming event" in help_text
    assert "/blockfeedback – stop the sender of an item sending more" in help_text
    assert "As communications staff" not in help_text
    whoami = (await bot.ask(OFFICER, "/whoami"))["text"]
    assert whoami == (
        f"You are using Local Beat as: officer.\nYour Telegram user id is {OFFICER}.\n\n"
        "Your staff commands (also in the menu beside the message box):\n"
        "/announce – Send an announcement to residents\n"
        "/announcements – Recent announcements: progress, approve, cancel, delete\n"
        "/addevent – Add a police event\n"
        "/cancelevent – Cancel an event\n"
        "/priorities – Residents’ feedback by priority and ward\n"
        "/blockfeedback – Stop a resident sending feedback\n"
        "/unblockfeedback – Let a blocked resident send feedback again\n\n"
        "Send /help for what each one does."
    )


async def test_comms_and_admin_help_and_residents_see_no_staff_tools(bot: LiveBot) -> None:
    comms = (await bot.ask(COMMS, "/help"))["text"]
    assert "As communications staff you can use:\n/kbcheck – check the knowledge folder" in comms
    assert "Send a .yaml file or a .zip of the knowledge folder" in comms
    assert "As an officer" not in comms
    admin = (await bot.ask(ADMIN, "/help"))["text"]
    for heading in ("As an officer you can use:", "As communications staff you can use:",
                    "As an administrator you can use:"):  # fmt: skip
        assert heading in admin
    assert "your confirmation alone applies a knowledge change" in admin
    whoami = (await bot.ask(ADMIN, "/whoami"))["text"]
    assert whoami.startswith("You are using Local Beat as: admin, officer, comms.")
    assert "/announce – " in whoami and "/rollback – " in whoami
    resident = (await bot.ask(RESIDENT, "/help"))["text"]
    assert "As an officer" not in resident and "/announce" not in resident
    assert (await bot.ask(RESIDENT, "/whoami"))["text"] == (
        f"You are using Local Beat as: resident.\nYour Telegram user id is {RESIDENT}."
    )


async def test_a_resident_is_refused_every_staff_command(bot: LiveBot) -> None:
    for command in OFFICER_MENU + COMMS_MENU:
        reply = await bot.ask(RESIDENT, f"/{command}")
        who = "officers" if command in OFFICER_MENU else "communications staff"
        assert reply["text"] == f"Sorry, that is only for {who} of the policing team.", command
    async with bot.data.services.db.sessions() as session:
        rows = (await session.scalars(select(AuditEntry))).all()
    assert len(rows) == len(OFFICER_MENU + COMMS_MENU)
    assert {(r.actor_id, r.outcome) for r in rows} == {(RESIDENT, "refused")}


async def test_a_former_officer_loses_the_menu_after_roles_change(sqlite_db_url: str) -> None:
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    try:
        async with running(build_application(make_config(sqlite_db_url, emu.url)),
                           poll_timeout=1):  # fmt: skip
            await emu.settle()
            assert "announce" in [c["command"] for c in emu.commands(SCOPE)]
        moved = make_config(sqlite_db_url, emu.url, roles={"officers": [], "comms": [OFFICER]})
        async with running(build_application(moved), poll_timeout=1):  # restarted, new roles
            await emu.settle()
            commands = [c["command"] for c in emu.commands(SCOPE)]
            assert "announce" not in commands and "kbhistory" in commands
        gone = make_config(sqlite_db_url, emu.url, roles={"officers": [], "comms": []})
        async with running(build_application(gone), poll_timeout=1):
            await emu.settle()
            emu.send_text(OFFICER, "/kbhistory")  # the stale menu still offers it
            reply = await emu.next_bot_message(OFFICER)
            assert reply["text"] == (
                "Sorry, that is only for communications staff of the policing team."
            )
            await emu.wait_until(lambda: emu.commands(SCOPE) == [])
    finally:
        await emu.stop()
