"""Feedback from a front end without push: the same steps and limits as Telegram's /feedback.

Priority, ward, the message, whether the team may reply, then a check before it goes. The draft
lives in the conversation's state, so another process can take the next step. The receipt gives
a reference and a key shown once: the team's replies appear in the page while its session lives,
and with the reference and key afterwards. No photos and no shared locations here: the web chat
accepts text only, which keeps it small and safe.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

from bot.answers import Button, Reply, ReplyKind
from bot.config import Config
from bot.conversation.menus import MENU_BUTTON
from bot.conversation.said import Said
from bot.conversation.state import FeedbackDraft, State, Who
from bot.feedback import inbox
from bot.feedback.catalogue import PRIORITY_LABELS, Priority, priority_label, status_label
from bot.feedback.service import Draft, FeedbackService, Refusal, Refused, Relay
from bot.feedback.wording import (
    ASK_REPLY,
    BACK_TO_DRAFT,
    CANCELLED,
    DRAFT_OPEN,
    EMPTY,
    EXPIRED,
    NO_OPEN_ITEMS,
    NOTHING_TO_CANCEL,
    REFUSALS,
    RELAY_CLOSED,
    RELAYED,
    TOO_LONG,
    USE_BUTTONS,
    WARD_WORDS,
    intro,
)
from bot.paging import WARDS_PER_PAGE, paged
from bot.text import is_question

DRAFT_TTL = 3600.0
BUTTON = re.compile(r"^fb:([0-9a-f]{6})\.([a-z])\.([A-Za-z0-9_-]{1,20})$")
ANSWER = re.compile(r"^fbans:(\d{1,12})$")
PRIORITY, WARD, MESSAGE, REPLY, CONFIRM = "p", "w", "m", "r", "c"
BACK = "b"  # "Back to my feedback", whatever step the draft is at

ASK_WARD = "Which ward is it about? Choose one below."
ASK_MESSAGE = (
    "Now tell the team in your own words (up to {limit:,} characters), in the message box. "
    "Please leave out names and anything that identifies other people."
)
WARD_UNKNOWN = "I don’t know that ward. Please choose one of the buttons."
RECEIPT = (
    "Thank you. Your feedback is with the {borough} team.\n\n"
    "Your reference: {ref}\nYour key: {key}\n\n{replies}\n\n"
    "This is not a crime report: in an emergency call 999."
)
REPLIES_YES = (
    "The team’s reply will appear here while this chat is open. To read it later, use "
    "“Check on your feedback” with your reference and key. Please note the key now: it is "
    "shown only once."
)
REPLIES_NO = (
    "You asked for no replies. To see its status later, use “Check on your feedback” with "
    "your reference and key. Please note the key now: it is shown only once."
)
NOBODY = (
    "Feedback can be sent from the web chat or from Telegram; this front end cannot send it. "
    "In an emergency call 999; to report a crime call 101."
)
ASK_ANSWER = "Type your answer to the team about {ref} in the message box. Send /cancel to stop."
TEAM_REPLY = "Reply from the {borough} team about {ref}:\n\n{text}"


def _reply(text: str, buttons: Sequence[Button] = ()) -> list[Said]:
    return [Said(Reply(ReplyKind.FEEDBACK, text, tuple(buttons)))]


def submits(action: str) -> bool:
    """Whether pressing ``action`` sends an item to the team (front ends may add limits)."""
    match = BUTTON.match(action)
    return match is not None and match[2] == CONFIRM and match[3] == "send"


class FeedbackFlow:
    def __init__(
        self,
        feedback: FeedbackService,
        config: Config,
        on_queued: Callable[[], None] | None = None,
    ) -> None:
        self._feedback = feedback
        self._queued = on_queued or (lambda: None)
        self._config = config
        self._borough = config.borough.name
        self._wards = config.borough.wards

    # -- steps -----------------------------------------------------------------------------

    async def begin(self, state: State, who: Who | None, prefill: str = "") -> list[Said]:
        if who is None:
            return _reply(NOBODY)
        refusal = await self._feedback.refusal(who.id, who.channel)
        if refusal is not None:
            return self._refuse(refusal)
        draft = FeedbackDraft(secrets.token_hex(3), PRIORITY, time.time(), text=prefill)
        state.draft, state.answering = draft, None
        return self._ask_priority(draft)

    def _ask_priority(self, draft: FeedbackDraft) -> list[Said]:
        buttons = [
            Button(label, _b(draft, PRIORITY, str(p))) for p, label in PRIORITY_LABELS.items()
        ]
        buttons.append(Button("Cancel", _b(draft, "x", "cancel")))
        return _reply(intro(self._borough, draft.text), buttons)

    # -- a draft beside other questions ----------------------------------------------------

    def takes(self, text: str, state: State) -> bool:
        """Whether typed text is the open draft's input: the message, or a ward's name (a short
        unknown name is told so); otherwise it is a question to answer beside the draft."""
        draft = current(state)
        if draft is None or draft.away:
            return False
        if draft.step == MESSAGE:
            return True
        if draft.step != WARD:
            return False
        typed = text.strip()
        named = typed.casefold() in {w.casefold() for w in self._wards}
        return named or (not is_question(typed) and len(typed.split()) <= WARD_WORDS)

    def reminder(self, state: State) -> tuple[str, Button]:
        """The line under an answer given while a draft is open, and the button back to it."""
        draft = current(state)
        assert draft is not None
        return DRAFT_OPEN, Button(BACK_TO_DRAFT, _b(draft, BACK, "back"))

    def leave(self, state: State) -> None:
        draft = current(state)
        if draft is not None:
            draft.away = True

    def _resume(self, draft: FeedbackDraft) -> list[Said]:
        draft.away = False
        if draft.step == PRIORITY:
            return self._ask_priority(draft)
        if draft.step == WARD:
            return self._ask_ward(draft)
        if draft.step == MESSAGE:
            return _reply(
                ASK_MESSAGE.format(limit=self._limit), (Button("Cancel", _b(draft, "x", "cancel")),)
            )
        if draft.step == REPLY:
            return self._ask_reply(draft)
        return self._ask_confirm(draft)

    def _refuse(self, refusal: Refusal) -> list[Said]:
        limit = self._config.feedback.daily_limit
        return _reply(REFUSALS[refusal].format(borough=self._borough, limit=limit), (MENU_BUTTON,))

    async def press(self, action: str, state: State, who: Who | None) -> list[Said]:
        match = BUTTON.match(action)
        draft = current(state)
        if match is None or draft is None or draft.token != match[1]:
            return _reply(EXPIRED, (MENU_BUTTON,))
        step, value = match[2], match[3]
        if step == "x":
            return self.cancel(state)
        if step == BACK:
            return self._resume(draft)
        if step == WARD and draft.step == WARD and value[:1] == "p" and value[1:].isdigit():
            return self._ask_ward(draft, int(value[1:]))
        if step != draft.step:
            return _reply("That choice is already made.")
        draft.away = False  # a tap on the draft's own buttons is coming back to it
        if step == PRIORITY and value in {str(p) for p in Priority}:
            draft.priority = value
            return self._ask_ward(draft)
        if step == WARD:
            return self._ward(draft, value)
        if step == MESSAGE and value == "trim" and draft.overlong:
            draft.text, draft.overlong = draft.overlong[: self._limit].rstrip(), ""
            return self._ask_reply(draft)
        if step == REPLY and value in ("yes", "no"):
            draft.may_reply = value == "yes"
            return self._ask_confirm(draft)
        if step == CONFIRM and value == "send":
            return await self._send(state, draft, who)
        return _reply(USE_BUTTONS)

    @property
    def _limit(self) -> int:
        return self._config.feedback.max_text

    def _ask_ward(self, draft: FeedbackDraft, page: int = 0) -> list[Said]:
        draft.step = WARD
        every = [Button(w, _b(draft, WARD, str(i))) for i, w in enumerate(self._wards)]
        buttons = list(paged(every, page, WARDS_PER_PAGE, lambda n: _b(draft, WARD, f"p{n}")))
        buttons.append(Button("Not sure / the whole borough", _b(draft, WARD, "none")))
        buttons.append(Button("Cancel", _b(draft, "x", "cancel")))
        return _reply(ASK_WARD, buttons)

    def _ward(self, draft: FeedbackDraft, value: str) -> list[Said]:
        if value != "none":
            if not value.isdigit() or int(value) >= len(self._wards):
                return _reply(WARD_UNKNOWN)
            draft.ward = self._wards[int(value)]
        if draft.text and self._problem(draft.text) is None:
            return self._ask_reply(draft)  # the offered text is the message
        draft.text, draft.step = "", MESSAGE
        return _reply(
            ASK_MESSAGE.format(limit=self._limit), (Button("Cancel", _b(draft, "x", "cancel")),)
        )

    def _ask_reply(self, draft: FeedbackDraft) -> list[Said]:
        draft.step = REPLY
        return _reply(ASK_REPLY, (
            Button("Yes, the team may reply", _b(draft, REPLY, "yes")),
            Button("No replies, please", _b(draft, REPLY, "no")),
        ))  # fmt: skip

    def _ask_confirm(self, draft: FeedbackDraft) -> list[Said]:
        draft.step = CONFIRM
        lines = [
            "Please check before it goes to the team:",
            f"About: {priority_label(draft.priority or '')}",
            f"Where: {draft.ward or 'not given'}",
            f"Replies: {'the team may reply' if draft.may_reply else 'no replies'}",
            "", f"“{draft.text}”", "", "Send this to the team?",
        ]  # fmt: skip
        return _reply("\n".join(lines), (
            Button("Send to the team", _b(draft, CONFIRM, "send")),
            Button("Cancel", _b(draft, "x", "cancel")),
        ))  # fmt: skip

    async def _send(self, state: State, draft: FeedbackDraft, who: Who | None) -> list[Said]:
        state.draft = None
        if who is None or not draft.priority:
            return _reply(NOBODY)
        key = inbox.new_key()
        try:
            item = await self._feedback.submit(
                Draft(who.id, Priority(draft.priority), draft.text, draft.may_reply, draft.ward,
                      channel=who.channel),
                key_hash=inbox.hash_key(key),
            )  # fmt: skip
        except Refused as refused:
            return self._refuse(refused.reason)
        self._queued()
        replies = REPLIES_YES if draft.may_reply else REPLIES_NO
        text = RECEIPT.format(borough=self._borough, ref=item.reference, key=key, replies=replies)
        return _reply(text, (MENU_BUTTON,))

    def cancel(self, state: State) -> list[Said]:
        had = state.draft is not None or state.answering is not None
        state.draft, state.answering = None, None
        return _reply(CANCELLED if had else NOTHING_TO_CANCEL, (MENU_BUTTON,))

    # -- typed input -------------------------------------------------------------------------

    def _problem(self, text: str) -> str | None:
        if not text.strip():
            return EMPTY
        if len(text) > self._limit:
            return TOO_LONG.format(n=len(text), limit=self._limit)
        return None

    def typed(self, text: str, state: State) -> list[Said]:
        """Typed text while a draft is open (the emergency guard has already looked at it)."""
        draft = current(state)
        assert draft is not None
        if draft.step == WARD:
            wards = {w.casefold(): i for i, w in enumerate(self._wards)}
            index = wards.get(text.strip().casefold())
            return self._ward(draft, str(index)) if index is not None else _reply(WARD_UNKNOWN)
        if draft.step != MESSAGE:
            return _reply(USE_BUTTONS)
        problem = self._problem(text)
        if problem is None:
            draft.text, draft.overlong = text.strip(), ""
            return self._ask_reply(draft)
        if problem is EMPTY:
            return _reply(EMPTY)
        draft.overlong = text
        return _reply(problem, (
            Button(f"Use the first {self._limit:,} characters", _b(draft, MESSAGE, "trim")),
            Button("Cancel", _b(draft, "x", "cancel")),
        ))  # fmt: skip

    # -- after sending -----------------------------------------------------------------------

    async def open_items(self, who: Who | None) -> list[Said]:
        if who is None:
            return _reply(NOBODY)
        items = await self._feedback.open_items(who.id, who.channel)
        if not items:
            return _reply(NO_OPEN_ITEMS)
        zone = ZoneInfo(self._config.feedback.timezone)
        lines = ["Your open feedback from this chat:"]
        for item in items:
            when = item.created_at.astimezone(zone).strftime("%d %b %Y")
            label = f"{priority_label(item.priority)}: {status_label(item.status)}"
            lines.append(f"• {item.reference} ({when}): {label}")
        return _reply("\n".join(lines))

    def team_reply(self, message: inbox.InboxMessage, may_answer: bool) -> Said:
        """A reply or notice from the team, as the resident sees it arrive."""
        text = message.text
        if message.purpose == "relay":
            text = TEAM_REPLY.format(borough=self._borough, ref=message.reference, text=text)
        buttons: tuple[Button, ...] = ()
        if may_answer:
            buttons = (Button("Answer the team", f"fbans:{message.item_id}"),)
        return Said(Reply(ReplyKind.FEEDBACK, text, buttons))

    async def start_answer(self, action: str, state: State, who: Who | None) -> list[Said]:
        match = ANSWER.match(action)
        if match is None or who is None:
            return _reply(EXPIRED, (MENU_BUTTON,))
        item = await self._feedback.item(int(match[1]))
        if item is None or item.resident_id != who.id or item.channel != who.channel:
            return _reply(EXPIRED, (MENU_BUTTON,))
        if not item.is_open:
            return _reply(RELAY_CLOSED.format(ref=item.reference))
        state.draft, state.answering = None, item.id
        return _reply(ASK_ANSWER.format(ref=item.reference))

    async def answer_team(self, text: str, state: State, who: Who | None) -> list[Said]:
        item_id, state.answering = state.answering, None
        if item_id is None or who is None:
            return _reply(EXPIRED, (MENU_BUTTON,))
        problem = self._problem(text)
        if problem is not None:
            state.answering = item_id  # keep listening for a better try
            return _reply(problem.split(" I’ve kept")[0] + " Please send a shorter version.")
        item = await self._feedback.item(item_id)
        ref = item.reference if item else ""
        outcome = await self._feedback.relay_to_team(item_id, who.id, text.strip(), None,
                                                     who.channel)  # fmt: skip
        if outcome is Relay.QUEUED:
            self._queued()
            return _reply(RELAYED.format(ref=ref))
        if outcome is Relay.BLOCKED:
            return self._refuse(Refusal.BLOCKED)
        return _reply(RELAY_CLOSED.format(ref=ref))


def current(state: State) -> FeedbackDraft | None:
    """The open draft, dropped once it is older than an hour (as on Telegram)."""
    if state.draft is not None and time.time() - state.draft.started > DRAFT_TTL:
        state.draft = None
    return state.draft


def _b(draft: FeedbackDraft, step: str, value: str) -> str:
    return f"fb:{draft.token}.{step}.{value}"
