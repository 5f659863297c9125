"""A conversation with a resident for a front end that is not Telegram: text or a button's
action in, the messages to show out, its memory (``State``) kept by the caller.

The order is the product's safety policy, as on Telegram: every text meets the emergency guard
before anything else (a feedback draft or an answer to the team in progress ends there, and the
999 reply stands alone); then typed commands; then the step of a flow in progress; then the
answer service. Buttons carry the same short actions as Telegram's and are checked against what
exists now; anything else gets the polite "expired" reply and the menu.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from bot.answers import Button, Reply, ReplyKind
from bot.conversation import crime, events, menus
from bot.conversation.feedback import FeedbackFlow, current
from bot.conversation.said import LOCATION_PREFIX, Said
from bot.conversation.state import State, Who
from bot.coordinates import parse_coordinates
from bot.feedback.answerer import OFFER_BUTTONS
from bot.safety import EMERGENCY_REPLY, Verdict, assess
from bot.services import Services
from bot.stats.menu import HERE

COMMAND = re.compile(r"^/([a-z]{1,20})(?:@\w+)?(?:\s+(.*))?$", re.DOTALL)
ACTION = re.compile(r"^[a-z]{1,12}:[A-Za-z0-9_.:-]{1,80}$")
Location = tuple[float, float]


@dataclass(frozen=True)
class FrontEnd:
    """What the front end can do and what it tells residents about itself."""

    privacy: str  # its privacy notice: what it keeps and for how long
    shares_location: bool = False  # can send a location back for a ``location:`` button
    forgets: bool = False  # offers to delete the resident's feedback from it


Route = Callable[[str, State, "Who | None", "Location | None"], Awaitable["list[Said] | None"]]


class Conversation:
    def __init__(
        self, services: Services, front: FrontEnd, on_queued: Callable[[], None] | None = None
    ) -> None:
        """``on_queued`` is called when something was queued for the team chat, so a process
        that delivers it can do so at once."""
        self._services = services
        self._front = front
        self.feedback = FeedbackFlow(services.feedback, services.config, on_queued)
        self._borough = services.config.borough.name
        self._routes: dict[str, Route] = {
            "menu": self._menu, "kb": self._entry, "topic": self._topic,
            "crime": self._crime, "location": self._location,
            "evl": self._events, "evward": self._events, "evtype": self._events,
            "evopen": self._events, "evcal": self._events, "evdir": self._events,
            "evrem": self._events, "evunr": self._events,
            "fb": self._feedback, "fbans": self._answer, "forget": self._forget,
        }  # fmt: skip

    # -- entry points ----------------------------------------------------------------------

    async def say(self, text: str, state: State, who: Who | None = None) -> list[Said]:
        verdict = assess(text)
        if verdict.verdict is Verdict.EMERGENCY:
            state.draft, state.answering = None, None
            reason = {"reason": verdict.reason}
            return [Said(Reply(ReplyKind.EMERGENCY, EMERGENCY_REPLY, meta=reason))]
        command = COMMAND.match(text.strip())
        if command is not None:
            if command[1] not in ("feedback", "cancel"):
                self.feedback.leave(state)  # gone elsewhere: the draft waits
            return self._adapt(await self._command(command[1], command[2] or "", state, who))
        if current(state) is not None:
            if self.feedback.takes(text, state):
                return self._adapt(self.feedback.typed(text, state))
            note, back = self.feedback.reminder(state)  # a question: answered beside the draft
            reply = await self._ask(text, state)
            reply = replace(reply, text=f"{reply.text}\n\n{note}", buttons=(*reply.buttons, back))
            return self._adapt([Said(reply)])
        if state.answering is not None:
            return await self.feedback.answer_team(text, state, who)
        typed = parse_coordinates(text)
        if typed is not None:  # a location typed where one cannot be shared: crimes near it
            return self._adapt([Said(await self._services.crime.near(*typed))])
        return self._adapt([Said(await self._ask(text, state))])

    async def _ask(self, text: str, state: State) -> Reply:
        reply = await self._services.answers.answer(text, None)
        if any(b.action == OFFER_BUTTONS[0].action for b in reply.buttons):
            state.offer = text.strip()  # offered to the team, as the answer or beside it
        return reply

    async def press(
        self,
        action: str,
        state: State,
        who: Who | None = None,
        location: Location | None = None,
    ) -> list[Said]:
        prefix = action.partition(":")[0]
        if prefix != "fb" and action != "menu:feedback":
            self.feedback.leave(state)  # another menu: the draft waits, questions are answered
        route = self._routes.get(prefix) if ACTION.match(action) else None
        said = await route(action, state, who, location) if route is not None else None
        return self._adapt(said if said is not None else [Said(menus.expired())])

    def welcome(self) -> list[Said]:
        return [Said(menus.welcome(self._borough))]

    # -- commands --------------------------------------------------------------------------

    async def _command(self, name: str, rest: str, state: State, who: Who | None) -> list[Said]:
        services = self._services
        if name == "start":
            return self.welcome()
        if name == "help":
            return [Said(menus.help_reply())]
        if name == "crime":
            return [Said(await services.crime.menu())]
        if name == "events":
            return [await events.listing(services.engagement.events, rest)]
        if name == "feedback":
            return await self.feedback.begin(state, who)
        if name == "myfeedback":
            return await self.feedback.open_items(who)
        if name == "cancel":
            return self.feedback.cancel(state)
        if name == "privacy":
            return [Said(self._privacy())]
        if name in ("settings", "updates"):  # named in some answers written for Telegram
            return [Said(menus.no_push())]
        if name == "forget" and self._front.forgets:
            return [Said(self._forget_ask())]
        return [Said(replace(menus.help_reply(), text=f"{menus.UNKNOWN_COMMAND}\n\n{menus.HELP}"))]

    # -- buttons ---------------------------------------------------------------------------

    async def _menu(
        self, action: str, state: State, who: Who | None, location: Location | None
    ) -> list[Said] | None:
        name = action.removeprefix("menu:")
        if name == "main":
            return self.welcome()
        if name == "settings":
            return [Said(menus.no_push())]
        if name in ("crime", "events", "feedback", "privacy", "help"):
            return await self._command(name, "", state, who)
        return None

    async def _entry(
        self, action: str, state: State, who: Who | None, location: Location | None
    ) -> list[Said] | None:
        reply = self._services.answers.entry_reply(action.removeprefix("kb:"))
        return [Said(reply)] if reply is not None else None

    async def _topic(
        self, action: str, state: State, who: Who | None, location: Location | None
    ) -> list[Said] | None:
        name, _, page = action.removeprefix("topic:").partition(".")
        number = int(page) if page.isdigit() and len(page) <= 2 else 0
        reply = self._services.answers.topic_reply(name, number)
        return [Said(reply)] if reply is not None else None

    async def _crime(
        self, action: str, state: State, who: Who | None, location: Location | None
    ) -> list[Said] | None:
        return await crime.press(self._services.crime, action)

    async def _location(
        self, action: str, state: State, who: Who | None, location: Location | None
    ) -> list[Said] | None:
        inner = action.removeprefix(LOCATION_PREFIX)
        if location is None or not self._front.shares_location:
            return await crime.without_location(self._services.crime, inner)
        return await crime.press(self._services.crime, inner, location)

    async def _events(
        self, action: str, state: State, who: Who | None, location: Location | None
    ) -> list[Said] | None:
        return await events.press(self._services.engagement.events, action)

    async def _feedback(
        self, action: str, state: State, who: Who | None, location: Location | None
    ) -> list[Said] | None:
        if action == "fb:offer":
            prefill, state.offer = state.offer, ""
            return await self.feedback.begin(state, who, prefill)
        return await self.feedback.press(action, state, who)

    async def _answer(
        self, action: str, state: State, who: Who | None, location: Location | None
    ) -> list[Said] | None:
        return await self.feedback.start_answer(action, state, who)

    # -- privacy ---------------------------------------------------------------------------

    def _privacy(self) -> Reply:
        buttons = (Button("Delete my feedback", "forget:ask"),) if self._front.forgets else ()
        return Reply(ReplyKind.SMALLTALK, self._front.privacy, (*buttons, menus.MENU_BUTTON))

    def _forget_ask(self) -> Reply:
        return Reply(ReplyKind.SMALLTALK, FORGET_ASK, (
            Button("Yes, delete it", "forget:yes"), Button("No, keep it", "forget:no"),
        ))  # fmt: skip

    async def _forget(
        self, action: str, state: State, who: Who | None, location: Location | None
    ) -> list[Said] | None:
        if not self._front.forgets or who is None or action not in ("forget:ask", "forget:yes",
                                                                     "forget:no"):  # fmt: skip
            return None
        if action == "forget:ask":
            return [Said(self._forget_ask())]
        if action == "forget:no":
            return [Said(Reply(ReplyKind.SMALLTALK, FORGET_KEPT, (menus.MENU_BUTTON,)))]
        state.draft, state.answering, state.offer = None, None, ""
        rows = await self._services.feedback.forget(who.id, who.channel)
        return [Said(Reply(ReplyKind.SMALLTALK, FORGET_DONE.format(rows=rows),
                           (menus.MENU_BUTTON,)))]  # fmt: skip

    # -- what this front end can show ------------------------------------------------------

    def _adapt(self, said: list[Said]) -> list[Said]:
        return [replace(s, reply=self._buttons(s.reply)) for s in said]

    def _buttons(self, reply: Reply) -> Reply:
        kept: list[Button] = []
        for button in reply.buttons:
            if button.action == "menu:settings":
                button = menus.PRIVACY_BUTTON
            elif not self._can_show(button):
                continue
            kept.append(button)
        return replace(reply, buttons=tuple(kept))

    def _can_show(self, button: Button) -> bool:
        """Reminders need push; "near me" needs a front end that can send a location."""
        if button.action.startswith(events.NOT_HERE):
            return False
        near_me = button.action.startswith("crime:") and button.action.endswith(f".{HERE}")
        return self._front.shares_location or not near_me


FORGET_ASK = (
    "This deletes the feedback you sent from this chat session: your words, the ward and the "
    "team’s replies. The team keeps only its reference, topic, date and status, and your words "
    "are withdrawn from the team’s chat. It cannot be undone. Are you sure?"
)
FORGET_DONE = "Done: the feedback sent from this chat has been deleted ({rows} records)."
FORGET_KEPT = "Nothing was deleted."
