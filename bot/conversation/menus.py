"""The menus and notices of a front end that cannot message residents first (web, terminal).

The topics are Telegram's main menu, except that settings (alerts, reminders and ward
subscriptions, which need the bot to write first) become this front end's privacy notice.
"""

from __future__ import annotations

from bot.answers import TOPIC_BUTTONS, Button, Reply, ReplyKind

PRIVACY_BUTTON = Button("Privacy", "menu:privacy")
MENU_BUTTON = Button("Main menu", "menu:main")
MENU_BUTTONS: tuple[Button, ...] = tuple(
    PRIVACY_BUTTON if b.action == "menu:settings" else b for b in TOPIC_BUTTONS
)

WELCOME = (
    "Welcome to Local Beat, the {borough} neighbourhood policing team’s assistant.\n\n"
    "Ask me about crime in your area, local police events, staying safe or the Met’s plan for "
    "London, and tell the team what matters to you.\n\n"
    "This chat cannot take crime reports and is not watched around the clock. In an emergency "
    "call 999. Otherwise call 101 or report online at https://www.met.police.uk/ro/report/ ."
)
HELP = (
    "Type a question in your own words, for example:\n"
    "• how do I stop my phone being snatched?\n"
    "• what is the New Met for London plan?\n"
    "• any police events this week?\n\n"
    "You can also type:\n"
    "/crime – crime figures for your area, and charts\n"
    "/events – upcoming police events, with calendar files\n"
    "/feedback – tell the team your priorities (not for reporting crime)\n"
    "/myfeedback – the feedback you sent from this chat\n"
    "/cancel – stop sending feedback\n"
    "/privacy – what this chat keeps and why\n"
    "/help – this message\n\n"
    "Emergency: 999. Non-emergency: 101 or https://www.met.police.uk/ro/report/ . "
    "Anonymously: Crimestoppers 0800 555 111."
)
NO_PUSH = (
    "Alerts, event reminders and ward subscriptions need Telegram, where Local Beat can write "
    "to you first. Here you can add an event to your own calendar instead, and ask about crime "
    "and events whenever you like."
)
EXPIRED = "Sorry, that option has expired. Here is the menu again."
UNKNOWN_COMMAND = "I don’t know that command. Here is what you can type:"


def welcome(borough: str) -> Reply:
    return Reply(ReplyKind.SMALLTALK, WELCOME.format(borough=borough), MENU_BUTTONS)


def help_reply() -> Reply:
    return Reply(ReplyKind.SMALLTALK, HELP, MENU_BUTTONS)


def no_push() -> Reply:
    return Reply(ReplyKind.SMALLTALK, NO_PUSH, (Button("Events near me", "menu:events"),
                                                 MENU_BUTTON))  # fmt: skip


def expired() -> Reply:
    return Reply(ReplyKind.SMALLTALK, EXPIRED, MENU_BUTTONS)
