"""What every web chat response carries, and what every request must show, on the open web.

* A strict Content-Security-Policy: our own scripts, styles and images only (charts are inline
  ``data:`` images), no inline script, no third parties; ``frame-ancestors`` names the borough
  pages allowed to embed the chat (``web.allowed_origins``). X-Frame-Options says the same to
  browsers too old for ``frame-ancestors`` when only this site may frame the chat.
* Requests from other sites are refused: browsers say where a request comes from in
  ``Sec-Fetch-Site`` (or ``Origin``), and a page on another site must not post into a resident's
  session. The plain form carries a CSRF token as well; the JSON API needs a JSON body, which a
  cross-site form cannot send.
* The client's address (for rate limits) is the connection's, or the last hop of
  X-Forwarded-For when ``web.trust_forwarded_for`` says a proxy of ours adds it.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from aiohttp import web

from bot.config import WebConfig

CHAT_PATHS = ("/chat", "/api/chat")


def content_security_policy(allowed_origins: Sequence[str]) -> str:
    ancestors = " ".join(("'self'", *allowed_origins))
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; manifest-src 'none'; "
        f"frame-ancestors {ancestors}"
    )


def headers(config: WebConfig) -> dict[str, str]:
    out = {
        "Content-Security-Policy": content_security_policy(config.allowed_origins),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Permissions-Policy": "geolocation=(self), camera=(), microphone=(), payment=(), usb=()",
    }
    if not config.allowed_origins:
        out["X-Frame-Options"] = "SAMEORIGIN"
    return out


def is_chat_path(path: str) -> bool:
    return any(path == p or path.startswith(p + "/") for p in CHAT_PATHS)


def cross_site(request: web.Request) -> bool:
    """Whether a browser says this request was made by a page on another site."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return origin == "null"
    return urlsplit(origin).netloc.lower() != request.host.lower()


def client_address(request: web.Request, trust_forwarded_for: bool) -> str:
    if trust_forwarded_for:
        forwarded = request.headers.get("X-Forwarded-For", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1]
    return request.remote or "unknown"
