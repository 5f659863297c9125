"""Role checks for privileged handlers, with refusals written to the audit log."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import CommandHandler

from bot.roles import Role, describe, has_role, roles_of
from bot.staff_guide import command_list, is_staff
from handlers.context import Context
from handlers.menus import clear_staff_menu, refresh_if_staff

Handler = Callable[[Update, Context], Coroutine[Any, Any, Any]]

REFUSED = "Sorry, that is only for {role} of the policing team."
ROLE_NAMES = {
    Role.OFFICER: "officers",
    Role.COMMS: "communications staff",
    Role.ADMIN: "administrators",
    Role.RESIDENT: "residents",
}


def require_role(role: Role, action: str) -> Callable[[Handler], Handler]:
    """Let the handler run only for ``role``; everyone else is told politely and audited."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def guarded(update: Update, context: Context) -> Any:
            user = update.effective_user
            services = context.bot_data.services
            user_id = user.id if user else None
            if has_role(user_id, role, services.config.roles):
                return await handler(update, context)
            await services.audit(user_id, action, "refused", f"needs role {role}")
            if user_id is not None and not is_staff(roles_of(user_id, services.config.roles)):
                await clear_staff_menu(context.bot, user_id)  # a menu left from a past role
            if update.callback_query is not None:
                await update.callback_query.answer(
                    REFUSED.format(role=ROLE_NAMES[role]), show_alert=True
                )
            elif update.effective_message is not None:
                await update.effective_message.reply_text(REFUSED.format(role=ROLE_NAMES[role]))
            return None

        return guarded

    return decorate


async def whoami(update: Update, context: Context) -> None:
    user = update.effective_user
    if user is None or update.effective_message is None:
        return
    config = context.bot_data.config.roles
    text = f"You are using Local Beat as: {describe(user.id, config)}.\n"
    text += f"Your Telegram user id is {user.id}."
    roles = roles_of(user.id, config)
    if is_staff(roles):
        text += (
            "\n\nYour staff commands (also in the menu beside the message box):\n"
            f"{command_list(roles)}\n\nSend /help for what each one does."
        )
        await refresh_if_staff(context.bot, context.bot_data, user.id)
    await update.effective_message.reply_text(text)


def handlers() -> list[CommandHandler[Context, Any]]:
    return [CommandHandler("whoami", whoami)]
