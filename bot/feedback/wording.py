"""What a resident reads while sending feedback, shared by every front end (Telegram, web).

Front-end-specific steps (sharing a location or a photo on Telegram, the key that opens replies
on the web) keep their own words beside their flow.
"""

from __future__ import annotations

from bot.feedback.service import Refusal

INTRO = (
    "Tell the {borough} team what matters to you: your priorities for policing where you live. "
    "The team reads everything but will not see your name or username.\n\n"
    "This is not for reporting crime: nothing sent here is treated as a crime report. "
    "In an emergency call 999. To report a crime call 101 or go to "
    "https://www.met.police.uk/ro/report/ . To stay anonymous, call Crimestoppers on "
    "0800 555 111.\n\nWhat is it about?"
)
ASK_REPLY = "May the team reply to you here about this? They will never see who you are."
TOO_LONG = (
    "That message is {n:,} characters long; the limit is {limit:,}. I’ve kept what you wrote: "
    "send a shorter version, or use the first {limit:,} characters."
)
EMPTY = "Please type a few words about what you’d like the team to know."
USE_BUTTONS = "Please choose one of the buttons above, or send /cancel to stop."
CANCELLED = "Cancelled: nothing was sent to the team."
NOTHING_TO_CANCEL = "There is nothing to cancel."
EXPIRED = "That button belongs to an earlier message. Send /feedback to start again."
REFUSALS = {
    Refusal.BLOCKED: (
        "Sorry, you can’t send feedback through Local Beat at the moment. You can still contact "
        "the {borough} team on 101. In an emergency call 999."
    ),
    Refusal.DAILY_LIMIT: (
        "You’ve sent {limit} items in the last 24 hours, the most we accept in a day so the "
        "team can read everything properly. Please try again tomorrow. "
        "In an emergency call 999; to report a crime call 101."
    ),
}
RELAYED = "Sent to the team with your reference {ref}."
RELAY_CLOSED = "{ref} is closed, so this was not sent. Send /feedback to raise something new."
NO_OPEN_ITEMS = "You have no open feedback. Send /feedback to tell the team what matters to you."

PREFILLED = "I’ll send the team what you wrote:\n“{text}”"
BACK_TO_DRAFT = "Back to my feedback"
# One line under an answer given while a draft is open, so the draft is neither lost nor in the way.
DRAFT_OPEN = (
    "📝 Your feedback to the team is still open. Tap “"
    + BACK_TO_DRAFT
    + ("” to carry on, or send /cancel.")
)
PHOTO_KEPT = "Thanks: the photo will go with your feedback."
WARD_WORDS = 4  # typed at the ward step, this many words or fewer (and no question) is a ward


def intro(borough: str, prefill: str = "") -> str:
    """The first step's words; with the message the resident was offered to send, quoted."""
    text = INTRO.format(borough=borough)
    if not prefill:
        return text
    head, _, question = text.rpartition("\n\n")
    return f"{head}\n\n{PREFILLED.format(text=prefill)}\n\n{question}"
