"""Role checks for privileged handlers, with refusals written to the audit log."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import CommandHandler

from bot.roles import Role, describe, has_role
from handlers.context import Context

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
    role = describe(user.id, context.bot_data.config.roles)
    await update.effective_message.reply_text(
        f"You are using Local Beat as: {role}.\nYour Telegram user id is {user.id}."
    )


def handlers() -> list[CommandHandler[Context, Any]]:
    return [CommandHandler("whoami", whoami)]
