"""The web chat's side of the services: sessions, the conversation, limits and the page.

Handlers turn HTTP into calls on :class:`WebChat` and its answers back into HTTP; nothing here
knows about requests. A turn loads the session's conversation state, lets the shared
conversation answer (emergency guard first), and writes the state back only if it changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from string import Template

from bot.answers import Reply, ReplyKind
from bot.config import RateConfig, WebConfig
from bot.conversation import Conversation, FrontEnd, Said, State, Who
from bot.conversation.feedback import submits
from bot.conversation.menus import MENU_BUTTON
from bot.feedback.catalogue import Channel
from bot.feedback.service import ItemView, Refusal
from bot.feedback.wording import REFUSALS
from bot.metrics import Metrics
from bot.services import Services
from bot.storage.models import utcnow
from bot.web import assets, security
from bot.web.limits import SlidingWindow
from bot.web.sessions import SessionStore, SessionView

PRIVACY = (
    "What this web chat keeps, and why:\n\n"
    "• A random session number, so the chat can follow your conversation. It ends {idle} "
    "minutes after you last use it, and after {hours} hours at most. Your browser keeps it for "
    "this tab only: there are no cookies. Until then it also holds a feedback message you are "
    "writing, and nothing else you typed.\n"
    "• Your questions are answered, not kept with anything that could identify you. Questions "
    "the chat could not answer, or was unsure about, are kept as text only, so the team can add "
    "answers.\n"
    "• Feedback you choose to send: your words, topic and ward, for the {borough} team, who never "
    "see who you are; and the team’s replies, so you can read them with your reference and key.\n"
    "• Your network address is held in memory only, never stored, for a day at most, to stop "
    "floods of messages and feedback.\n\n"
    "This page asks nothing of any other website and has no tracking. “Delete my feedback” "
    "removes the feedback sent from this chat session."
)
DAY_S = 86_400.0


@dataclass(frozen=True)
class Limits:
    per_session: SlidingWindow
    per_address: SlidingWindow
    new_sessions: SlidingWindow
    feedback_per_address: SlidingWindow  # items sent from one address in a day, all sessions
    lookups: SlidingWindow  # reference-and-key checks from one address

    @classmethod
    def from_config(cls, web: WebConfig, daily_feedback: int) -> Limits:
        # a household or a library shares one address: four residents' worth a day
        per_day = RateConfig(max_requests=daily_feedback * 4, per_seconds=DAY_S)
        lookups = RateConfig(max_requests=20, per_seconds=600)
        return cls(
            SlidingWindow(web.per_session),
            SlidingWindow(web.per_address),
            SlidingWindow(web.new_sessions_per_address),
            SlidingWindow(per_day),
            SlidingWindow(lookups),
        )


@dataclass(frozen=True)
class Lookup:
    item: ItemView
    replies: list[Said]


class WebChat:
    def __init__(
        self,
        services: Services,
        on_queued: Callable[[], None] | None = None,
        clock: Callable[[], datetime] = utcnow,
        metrics: Metrics | None = None,
    ) -> None:
        config = services.config
        self.metrics = metrics or Metrics()  # replies by kind, beside Telegram's on /metrics
        web = config.web
        self.services = services
        self.config = web
        self.borough = config.borough.name
        self.sessions = SessionStore(
            services.db,
            timedelta(minutes=web.session_idle_minutes),
            timedelta(hours=web.session_max_hours),
            clock,
        )
        privacy = PRIVACY.format(
            idle=web.session_idle_minutes, hours=web.session_max_hours, borough=self.borough
        )
        front = FrontEnd(privacy=privacy, shares_location=True, forgets=True)
        self.conversation = Conversation(services, front, on_queued)
        self.limits = Limits.from_config(web, config.feedback.daily_limit)
        self.headers = security.headers(web)  # the same on every response
        self.page = Template(assets.text("chat.html"))

    async def turn(
        self,
        view: SessionView,
        address: str,
        text: str | None = None,
        action: str | None = None,
        location: tuple[float, float] | None = None,
    ) -> list[Said]:
        """One message or button press in a session; the session's state is saved if it moved.

        Sending feedback also counts against the address's daily cap, so opening new sessions
        does not lift Telegram's daily limit per resident.
        """
        if action is not None and submits(action) and self._over_daily_cap(address):
            text_ = REFUSALS[Refusal.DAILY_LIMIT].format(
                limit=self.services.config.feedback.daily_limit, borough=self.borough
            )
            return [Said(Reply(ReplyKind.FEEDBACK, text_, (MENU_BUTTON,)))]
        state = State.loads(view.state)
        before = state.dumps()  # normalised: an untouched new session's "{}" is no change
        who = Who(Channel.WEB, view.id)
        if text is not None:
            said = await self.conversation.say(text, state, who)
        else:
            said = await self.conversation.press(action or "", state, who, location)
        after = state.dumps()
        if after != before:
            await self.sessions.save_state(view.id, after)
        for one in said:
            self.metrics.answers.labels(kind=one.reply.kind).inc()
        return said

    def _over_daily_cap(self, address: str) -> bool:
        return self.limits.feedback_per_address.hit(address) is not None

    async def updates(self, view: SessionView, after: int) -> tuple[list[Said], int]:
        """The team's messages for this session newer than ``after``, and the newest id."""
        messages = await self.services.feedback.inbox_since(view.id, after)
        shown = [self.conversation.feedback.team_reply(m, m.purpose == "relay") for m in messages]
        return shown, max([after, *(m.id for m in messages)])

    async def lookup(self, reference: str, key: str) -> Lookup | None:
        found = await self.services.feedback.unlock(reference, key)
        if found is None:
            return None
        item, messages = found
        team = self.conversation.feedback
        return Lookup(item, [team.team_reply(m, may_answer=False) for m in messages])
