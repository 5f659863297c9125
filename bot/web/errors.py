"""Clear, polite 4xx answers for the JSON API, each with a stable ``error`` code for scripts."""

from __future__ import annotations

import math

from aiohttp import web


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, message: str, retry_after: float | None = None
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.retry_after = retry_after

    def response(self) -> web.Response:
        headers = {"Cache-Control": "no-store"}
        if self.retry_after is not None:
            headers["Retry-After"] = str(max(1, math.ceil(self.retry_after)))
        body = {"error": self.code, "message": self.message}
        return web.json_response(body, status=self.status, headers=headers)


def too_fast(retry_after: float) -> ApiError:
    return ApiError(
        429, "too_many_requests",
        "You’re sending messages faster than I can answer. Please wait a few seconds and try "
        "again. In an emergency call 999.",
        retry_after,
    )  # fmt: skip


def too_large(limit: int) -> ApiError:
    return ApiError(413, "too_large", f"That request is too large (the limit is {limit:,} bytes).")


def malformed(message: str) -> ApiError:
    return ApiError(400, "malformed", message)


SESSION_ENDED = ApiError(
    404, "session_ended", "This chat session has ended. A new one will start when you send again."
)
CROSS_SITE = ApiError(403, "cross_site", "Requests from other websites are not accepted.")
NOT_JSON = ApiError(415, "not_json", "Please send JSON (Content-Type: application/json).")
INTERNAL = ApiError(
    500, "internal",
    "Sorry, something went wrong on our side. Please try again. In an emergency call 999.",
)  # fmt: skip
