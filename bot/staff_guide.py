"""What each staff role can do, in one list: Telegram's command menus, /help and /whoami read it.

Officers could not find their tools because nothing listed them; keeping every staff command
here, with a short label for the menu and a line for /help, means a command added to a role is
offered everywhere at once. Roles come from the configuration (``bot.roles``); an administrator
acts in every role, so gets every list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.roles import Role


@dataclass(frozen=True, slots=True)
class StaffCommand:
    command: str
    menu: str  # Telegram's command menu: short
    help: str  # one line in /help


OFFICER_COMMANDS = (
    StaffCommand("announce", "Send an announcement to residents",
                 "write an announcement, tap the wards (or everyone, or a topic), say when in "
                 "words (“tomorrow 9am”), check the preview and confirm"),
    StaffCommand("announcements", "Recent announcements: progress, approve, cancel, delete",
                 "the last ten announcements and their state; approve, cancel, or delete one "
                 "from residents’ chats"),
    StaffCommand("addevent", "Add a police event",
                 "add an event step by step; times in words (“next tuesday 7pm-9pm”)"),
    StaffCommand("cancelevent", "Cancel an event",
                 "cancel an upcoming event; residents who asked for a reminder are told"),
    StaffCommand("priorities", "Residents’ feedback by priority and ward",
                 "feedback counts by priority and ward for 7 and 30 days (/priorities csv: "
                 "every item as a file)"),
    StaffCommand("blockfeedback", "Stop a resident sending feedback",
                 "stop the sender of an item sending more: /blockfeedback HW-2026-00042 reason"),
    StaffCommand("unblockfeedback", "Let a blocked resident send feedback again",
                 "undo a block: /unblockfeedback HW-2026-00042"),
)  # fmt: skip
COMMS_COMMANDS = (
    StaffCommand("kbcheck", "Check the knowledge files",
                 "check the knowledge folder for problems and review dates passed"),
    StaffCommand("reload", "Make the knowledge folder live",
                 "make the knowledge folder live after checking it"),
    StaffCommand("kbhistory", "Recent knowledge-base versions",
                 "the last ten versions: when, who, and how many answers changed"),
    StaffCommand("rollback", "Go back to a version: /rollback 3",
                 "go back to a version from /kbhistory, after a preview: /rollback 3"),
    StaffCommand("gaps", "Questions the bot could not answer or was unsure about",
                 "the questions residents asked most that had no clear answer"),
)  # fmt: skip
BY_ROLE: dict[Role, tuple[StaffCommand, ...]] = {
    Role.OFFICER: OFFICER_COMMANDS,
    Role.COMMS: COMMS_COMMANDS,
}
HEADINGS = {
    Role.OFFICER: "As an officer",
    Role.COMMS: "As communications staff",
    Role.ADMIN: "As an administrator",
}
MORE = {
    Role.OFFICER: "In the team chat: the buttons under each feedback post (acknowledge, "
                  "assign, close), and a reply to a post goes to the resident.",
    Role.COMMS: "Send a .yaml file or a .zip of the knowledge folder to update the answers; "
                "nothing changes until you tap Apply.",
    Role.ADMIN: "You can act in every role above, and your confirmation alone applies a "
                "knowledge change that removes more than half the answers.",
}  # fmt: skip
ORDER = (Role.OFFICER, Role.COMMS, Role.ADMIN)


def is_staff(roles: Iterable[Role]) -> bool:
    return bool(set(roles) - {Role.RESIDENT})


def staff_commands(roles: Iterable[Role]) -> list[StaffCommand]:
    """Every command the roles allow, officers' first, each once."""
    held = set(roles)
    return [c for role in ORDER if role in held for c in BY_ROLE.get(role, ())]


def staff_help(roles: Iterable[Role]) -> str:
    """What each of the roles held can do, a section per role, for /help."""
    held = set(roles)
    sections = []
    for role in ORDER:
        if role not in held:
            continue
        lines = [f"{HEADINGS[role]} you can use:"]
        lines += [f"/{c.command} – {c.help}" for c in BY_ROLE.get(role, ())]
        lines.append(MORE[role])
        sections.append("\n".join(lines))
    return "\n\n".join(sections)


def command_list(roles: Iterable[Role]) -> str:
    """One line per command, for /whoami."""
    return "\n".join(f"/{c.command} – {c.menu}" for c in staff_commands(roles))
