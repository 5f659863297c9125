"""Replies as the web chat shows them: JSON for the page's script, HTML for the plain form.

Both carry the same things (text with its links, buttons, sources, a chart with its alt text, a
calendar link) and the script builds the same markup as :func:`said_html`, so the page looks the
same with or without JavaScript. Every piece of text is escaped; only ``http(s)`` links are made.
"""

from __future__ import annotations

import base64
import html
import re
from typing import Any

from bot.answers import Button
from bot.conversation import Said
from bot.conversation.said import LOCATION_PREFIX

URL = re.compile(r"https?://[^\s<>\"“”‘’]+")
SPACED = re.compile(r"(https?://\S+) ([.,;:])")  # "… /report/ ." was written so for Telegram
TRAILING = ".,;:!?)’”'"
CALENDAR = re.compile(r"^evcal:(\d{1,12})$")
FORM = "lb-form"


def data_url(media_type: str, body: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(body).decode('ascii')}"


def calendar_href(action: str) -> str | None:
    match = CALENDAR.match(action)
    return f"/chat/events/{match[1]}.ics" if match else None


def button_json(button: Button) -> dict[str, Any]:
    out: dict[str, Any] = {"label": button.label, "action": button.action}
    href = calendar_href(button.action)
    if href:
        out["href"] = href
    if button.action.startswith(LOCATION_PREFIX):
        out["location"] = True
    return out


def said_json(said: Said) -> dict[str, Any]:
    reply = said.reply
    out: dict[str, Any] = {
        "kind": str(reply.kind),
        "text": reply.text,
        "buttons": [button_json(b) for b in reply.buttons],
        "sources": list(reply.sources),
        "first": reply.danger_first,  # the first line is the 999 line: the page shows it first
    }
    if said.image is not None:
        out["image"] = {"src": data_url("image/png", said.image.png), "alt": said.image.alt}
    if said.attachment is not None:
        body = data_url(said.attachment.media_type, said.attachment.body)
        out["file"] = {"href": body, "name": said.attachment.filename}
    return out


# -- HTML -------------------------------------------------------------------------------------


def _link(url: str) -> str:
    core = url.rstrip(TRAILING)
    tail = url[len(core) :]
    href = html.escape(core, quote=True)
    link = f'<a href="{href}" rel="noopener noreferrer" target="_blank">{href}</a>'
    return link + html.escape(tail)


def text_html(text: str) -> str:
    """Paragraphs and line breaks of plain text, escaped, with its web addresses as links."""
    paragraphs = []
    for block in SPACED.sub(r"\1\2", text).strip().split("\n\n"):
        parts, last = [], 0
        for match in URL.finditer(block):
            parts.append(html.escape(block[last : match.start()]))
            parts.append(_link(match.group()))
            last = match.end()
        parts.append(html.escape(block[last:]))
        paragraphs.append("<p>" + "".join(parts).replace("\n", "<br>") + "</p>")
    return "".join(paragraphs)


def button_html(button: Button) -> str:
    label = html.escape(button.label)
    href = calendar_href(button.action)
    if href:
        return f'<a class="lb-choice" href="{href}" download>{label}</a>'
    extra = ' data-location="1"' if button.action.startswith(LOCATION_PREFIX) else ""
    value = html.escape(button.action, quote=True)
    return (
        f'<button class="lb-choice" type="submit" form="{FORM}" name="action" value="{value}"'
        f"{extra}>{label}</button>"
    )


def said_html(said: Said) -> str:
    reply = said.reply
    kind = str(reply.kind)
    parts = [f'<div class="lb-msg lb-bot lb-{kind}">']
    if said.image is not None:
        src = data_url("image/png", said.image.png)
        parts.append(
            f'<figure><img src="{src}" alt="{html.escape(said.image.alt, quote=True)}">'
            f"<figcaption>{text_html(reply.text)}</figcaption></figure>"
        )
    else:
        body = text_html(reply.text)
        if reply.danger_first:
            body = body.replace("<p>", '<p class="lb-first">', 1)
        parts.append(body)
    extra = [s for s in reply.sources if s not in reply.text]
    if extra:
        items = "".join(f"<li>{text_html(s)}</li>" for s in extra)
        parts.append(f'<ul class="lb-sources" aria-label="Sources">{items}</ul>')
    if said.attachment is not None:
        href = data_url(said.attachment.media_type, said.attachment.body)
        name = html.escape(said.attachment.filename, quote=True)
        parts.append(f'<p><a class="lb-file" href="{href}" download="{name}">{name}</a></p>')
    if reply.buttons:
        parts.append('<div class="lb-choices">')
        parts.extend(button_html(b) for b in reply.buttons)
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)


def resident_html(text: str) -> str:
    return f'<div class="lb-msg lb-you"><p class="lb-who">You said:</p>{text_html(text)}</div>'
