"""Telegram's command menu per staff member: the residents' commands and then their role's.

Telegram shows a chat-scoped list (``BotCommandScopeChat``) instead of the default one, so each
officer, comms member and administrator named in the configuration gets their own at start-up,
which is when roles change. Someone who has left every staff role loses theirs the first time a
staff command refuses them; residents keep the default menu.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError
from telegram.ext import Application

from bot.roles import Role, roles_of
from bot.staff_guide import is_staff, staff_commands
from handlers.context import BotData

log = logging.getLogger(__name__)


def _resident_commands() -> list[tuple[str, str]]:
    from handlers import RESIDENT_COMMANDS  # the registry imports this module

    return list(RESIDENT_COMMANDS)


async def set_staff_menu(bot: Bot, user_id: int, roles: frozenset[Role]) -> bool:
    """Their menu: the residents' commands, then every command their roles allow."""
    pairs = _resident_commands() + [(c.command, c.menu) for c in staff_commands(roles)]
    try:
        await bot.set_my_commands(
            [BotCommand(c, d) for c, d in pairs], scope=BotCommandScopeChat(user_id)
        )
    except TelegramError as exc:  # e.g. they have not opened the bot yet: /help sets it later
        log.info("no command menu for staff user %s: %s", user_id, exc.message)
        return False
    return True


async def clear_staff_menu(bot: Bot, user_id: int) -> None:
    """Back to the residents' menu, for someone no longer in any staff role."""
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(user_id))
    except TelegramError as exc:
        log.info("could not reset the command menu of user %s: %s", user_id, exc.message)


async def refresh_if_staff(bot: Bot, data: BotData, user_id: int) -> None:
    """Set a staff member's menu again (start-up may have run before they opened the bot)."""
    roles = roles_of(user_id, data.config.roles)
    if is_staff(roles):
        await set_staff_menu(bot, user_id, roles)


async def start_jobs(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    data: BotData = app.bot_data
    config = data.config.roles
    staff = sorted(config.officers | config.comms | config.admins)
    done = [await set_staff_menu(app.bot, u, roles_of(u, config)) for u in staff]
    log.info("staff command menus set for %d of %d staff", sum(done), len(staff))
