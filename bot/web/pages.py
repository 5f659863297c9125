"""The page itself, for the first visit and for the plain form used without JavaScript.

Without JavaScript the page shows the latest exchange (what the resident sent, the answer, and
any reply from the team since), with the session and a CSRF token in hidden fields: no cookie is
needed, so it works inside another site's frame too. Nothing is cached.
"""

from __future__ import annotations

import hmac
import html
from urllib.parse import parse_qsl

from aiohttp import web

from bot.conversation import Said
from bot.feedback.catalogue import status_label
from bot.web import api
from bot.web.chat import Lookup, WebChat
from bot.web.context import address, chat_of
from bot.web.errors import ApiError
from bot.web.render import resident_html, said_html
from bot.web.sessions import SessionView

SESSION_RESTARTED = "Your earlier chat session had ended, so a new one has started."
FORM_EXPIRED = "This page had expired, so nothing was sent. Please send your message again."
EMPTY = "Please type a question first."
NOT_FOUND = api.NOT_FOUND.message


def render(
    chat: WebChat,
    log: str,
    *,
    embed: bool = False,
    token: str = "",
    view: SessionView | None = None,
    status: str = "",
    lookup: str = "",
    after: int = 0,
) -> str:
    return chat.page.substitute(
        borough=html.escape(chat.borough),
        body_class="lb lb-embed" if embed else "lb",
        log=log,
        status=html.escape(status),
        poll=str(int(chat.config.poll_seconds)),
        max_text=str(chat.config.max_text),
        session=html.escape(token, quote=True),
        csrf=html.escape(view.csrf if view else "", quote=True),
        embed="1" if embed else "",
        after=str(after),
        lookup=lookup,
        lookup_open=" open" if lookup else "",
    )


def page_response(body: str, status: int = 200, store: bool = False) -> web.Response:
    cache = "no-store" if store else "no-cache"
    return web.Response(
        text=body, status=status, content_type="text/html", charset="utf-8",
        headers={"Cache-Control": cache},
    )  # fmt: skip


def log_html(said: list[Said], you: str = "") -> str:
    return (resident_html(you) if you else "") + "".join(said_html(s) for s in said)


async def show(request: web.Request) -> web.Response:
    """GET /chat: the welcome and the menu; a session starts only when the resident writes."""
    chat = chat_of(request)
    embed = request.query.get("embed") == "1"
    return page_response(render(chat, log_html(chat.conversation.welcome()), embed=embed))


async def _form(request: web.Request) -> dict[str, str]:
    raw = await api.read_body(request, chat_of(request).config.max_body_bytes)
    return dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))


async def _session(
    request: web.Request, form: dict[str, str]
) -> tuple[str, SessionView | None, str]:
    """The form's session (checking its CSRF token), or a new one; and a notice, if any."""
    chat = chat_of(request)
    token = form.get("session", "")
    view = await chat.sessions.find(token) if token else None
    if view is not None:
        if not hmac.compare_digest(form.get("csrf", ""), view.csrf):
            return token, None, FORM_EXPIRED
        return token, view, ""
    api.check(chat.limits.new_sessions.hit(address(request)))
    token, view = await chat.sessions.create()
    return token, view, SESSION_RESTARTED if form.get("session") else ""


async def send(request: web.Request) -> web.Response:
    """POST /chat: the plain form (text, or a button's action)."""
    chat = chat_of(request)
    form = await _form(request)
    embed = form.get("embed") == "1"
    try:
        api.check(chat.limits.per_address.hit(address(request)))
        token, view, notice = await _session(request, form)
    except ApiError as refused:
        return page_response(render(chat, "", embed=embed, status=refused.message), 429, True)
    if view is None:
        body = render(chat, log_html(chat.conversation.welcome()), embed=embed, status=notice)
        return page_response(body, 403, True)
    limited = chat.limits.per_session.hit(str(view.id))
    if limited is not None:
        body = render(chat, "", embed=embed, token=token, view=view, status=api.TOO_FAST)
        return page_response(body, 429, True)
    action, text = form.get("action", ""), form.get("text", "").strip()
    you, said = "", []
    if action:
        said = await chat.turn(view, address(request), action=action[: api.ACTION_LIMIT])
    elif text:
        you = text[: chat.config.max_text]
        said = await chat.turn(view, address(request), text=you)
    else:
        notice = notice or EMPTY
    after = _after(form)
    team, after = await chat.updates(view, after)
    body = render(
        chat, log_html(team + said, you), embed=embed, token=token, view=view, status=notice,
        after=after,
    )  # fmt: skip
    return page_response(body, store=True)


def _after(form: dict[str, str]) -> int:
    value = form.get("after", "0")
    return int(value) if value.isdigit() and len(value) < 12 else 0


def lookup_html(found: Lookup | None) -> str:
    if found is None:
        return f'<p class="lb-error">{html.escape(NOT_FOUND)}</p>'
    head = f"{found.item.reference}: {status_label(found.item.status)}"
    return f'<p class="lb-ref">{html.escape(head)}</p>' + log_html(found.replies)


async def lookup(request: web.Request) -> web.Response:
    """POST /chat/lookup: a reference and its key, from the plain form."""
    chat = chat_of(request)
    form = await _form(request)
    embed = form.get("embed") == "1"
    token = form.get("session", "")
    view = await chat.sessions.find(token) if token else None
    if view is not None and not hmac.compare_digest(form.get("csrf", ""), view.csrf):
        view, token = None, ""
    welcome = log_html(chat.conversation.welcome())
    for window in (chat.limits.per_address, chat.limits.lookups):
        if window.hit(address(request)) is not None:
            body = render(chat, welcome, embed=embed, token=token, view=view,
                          lookup=f'<p class="lb-error">{api.TOO_FAST}</p>')  # fmt: skip
            return page_response(body, 429, True)
    found = await chat.lookup(form.get("reference", "")[:40], form.get("key", "")[:40])
    body = render(chat, welcome, embed=embed, token=token, view=view, lookup=lookup_html(found))
    return page_response(body, 200 if found else 404, True)
