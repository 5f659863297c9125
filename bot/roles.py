"""Who may do what. Roles come from configuration (Telegram user ids), never from the chat."""

from __future__ import annotations

from enum import StrEnum

from bot.config import RolesConfig


class Role(StrEnum):
    RESIDENT = "resident"
    OFFICER = "officer"
    COMMS = "comms"
    ADMIN = "admin"


def roles_of(user_id: int | None, config: RolesConfig) -> frozenset[Role]:
    if user_id is None:
        return frozenset()
    roles = {Role.RESIDENT}
    if user_id in config.admins:
        return frozenset(Role)  # an admin can act in every role
    if user_id in config.officers:
        roles.add(Role.OFFICER)
    if user_id in config.comms:
        roles.add(Role.COMMS)
    return frozenset(roles)


def has_role(user_id: int | None, role: Role, config: RolesConfig) -> bool:
    return role in roles_of(user_id, config)


def describe(user_id: int | None, config: RolesConfig) -> str:
    roles = roles_of(user_id, config) - {Role.RESIDENT}
    if not roles:
        return "resident"
    order = [Role.ADMIN, Role.OFFICER, Role.COMMS]
    return ", ".join(str(r) for r in order if r in roles)
