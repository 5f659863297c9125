"""Where handlers find the web chat: in the aiohttp application, never in a global."""

from __future__ import annotations

from aiohttp import web

from bot.web.chat import WebChat
from bot.web.security import client_address

CHAT: web.AppKey[WebChat] = web.AppKey("web_chat", WebChat)


def chat_of(request: web.Request) -> WebChat:
    return request.app[CHAT]


def address(request: web.Request) -> str:
    return client_address(request, chat_of(request).config.trust_forwarded_for)
