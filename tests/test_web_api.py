"""The web chat's JSON API and plain form over real HTTP: answers, the emergency guard, feedback
with its reference and key, the team's reply reaching the page, and the refusals the open web
needs (malformed, oversized, too fast, cross-site, forged form) while others keep being served."""

from __future__ import annotations

import asyncio
import logging
import re
import urllib.request
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.events.schema import EventInput
from bot.storage.db import Database
from bot.web.sessions import SessionStore
from tests.browser import localbeat_web
from tests.prom import sample
from tests.web_live import REPO_KB, LiveWeb, action_of, live_web, web_config

PHRASE = "purple elephants keep parking on Zebra Close"  # never to be seen in a log


@pytest.fixture
async def web(sqlite_db_url: str) -> AsyncIterator[LiveWeb]:
    config = web_config(sqlite_db_url, web={"allowed_origins": ["https://www.harrow.gov.uk"]})
    async with live_web(config) as live:
        yield live


async def test_a_question_is_answered_with_sources_and_buttons(web: LiveWeb) -> None:
    session = await web.session()
    replies = await web.say(session, "how do i stop my fone being nicked")
    assert len(replies) == 1
    reply = replies[0]
    assert reply["kind"] == "answer" and "phone" in reply["text"].lower()
    assert reply["sources"] and reply["sources"][0].startswith("Source:")
    assert all(set(b) >= {"label", "action"} for b in reply["buttons"]) and reply["buttons"]


async def test_an_emergency_gets_999_first_and_alone(web: LiveWeb) -> None:
    session = await web.session()
    replies = await web.say(session, "there's a man with a knife outside my house right now")
    assert [r["kind"] for r in replies] == ["emergency"]
    assert replies[0]["text"].startswith("If you or someone else is in danger right now, call 999")
    async with web.http.get(web.url + "/metrics") as response:
        text = await response.text()
        assert sample(text, "localbeat_answers_total", kind="emergency") == 1.0


async def test_a_danger_the_net_is_unsure_of_is_marked_to_show_its_999_line_first(
    web: LiveWeb,
) -> None:
    session = await web.session()
    replies = await web.say(
        session,
        "not sure if this is the place but my neighbour is screaming and something is smashing "
        "through the wall, what should i do",
    )
    assert len(replies) == 1 and replies[0]["kind"] != "emergency" and replies[0]["first"]
    assert replies[0]["text"].startswith("If you or someone else is in danger right now, call 999.")
    calm = await web.say(session, "how do i stop burglars")
    assert calm[0]["first"] is False


async def test_bad_requests_get_clear_json_errors_and_others_are_still_served(
    web: LiveWeb,
) -> None:
    good = await web.session()
    url = web.url + "/api/chat/messages"
    cases: list[tuple[dict[str, Any], int, str]] = [
        ({"data": b"{not json", "headers": {"Content-Type": "application/json"}}, 400, "malformed"),
        ({"json": [1, 2]}, 400, "malformed"),
        ({"json": {"text": "hi"}}, 400, "malformed"),  # no session
        ({"json": {"session": good, "text": "hi", "action": "menu:main"}}, 400, "malformed"),
        ({"json": {"session": good, "action": "crime:all.here", "location": "here"}}, 400,
         "malformed"),
        ({"json": {"session": good, "text": "x" * 3001}}, 400, "text_too_long"),
        ({"data": b"text=hi", "headers": {"Content-Type": "text/plain"}}, 415, "not_json"),
        ({"data": b"{" + b" " * 40_000 + b"}", "headers": {"Content-Type": "application/json"}},
         413, "too_large"),
        ({"json": {"session": "A" * 43, "text": "hi"}}, 404, "session_ended"),
        ({"json": {"session": good, "text": "hi"}, "headers": {"Sec-Fetch-Site": "cross-site"}},
         403, "cross_site"),
        ({"json": {"session": good, "text": "hi"}, "headers": {"Origin": "https://evil.example"}},
         403, "cross_site"),
    ]  # fmt: skip
    for kwargs, status, code in cases:
        async with web.http.post(url, **kwargs) as response:
            body = await response.json()
            assert (response.status, body["error"]) == (status, code), (kwargs, body)
            assert body["message"] and response.headers["Cache-Control"] == "no-store"
    assert (await web.say(good, "hello"))[0]["kind"] in ("smalltalk", "answer")


async def test_too_fast_is_429_with_retry_after_and_other_sessions_carry_on(
    sqlite_db_url: str,
) -> None:
    config = web_config(sqlite_db_url, web={"per_session": {"max_requests": 3, "per_seconds": 60}})
    async with live_web(config) as web:
        noisy, quiet = await web.session(), await web.session()
        results = await asyncio.gather(
            *(web.post("/api/chat/messages", {"session": noisy, "text": "hi"}) for _ in range(6))
        )
        statuses = sorted(status for status, _ in results)
        assert statuses == [200, 200, 200, 429, 429, 429]
        refused = next(body for status, body in results if status == 429)
        assert refused["error"] == "too_many_requests" and "999" in refused["message"]
        async with web.http.post(
            web.url + "/api/chat/messages", json={"session": noisy, "text": "hi"}
        ) as response:
            assert response.status == 429 and int(response.headers["Retry-After"]) >= 1
        assert (await web.say(quiet, "burglary tips"))[0]["kind"] == "answer"


async def test_one_address_cannot_open_endless_sessions(sqlite_db_url: str) -> None:
    config = web_config(
        sqlite_db_url, web={"new_sessions_per_address": {"max_requests": 2, "per_seconds": 600}}
    )
    async with live_web(config) as web:
        await web.session()
        await web.session()
        status, body = await web.post("/api/chat/sessions", {})
        assert (status, body["error"]) == (429, "too_many_requests")


async def test_sessions_expire_when_idle_and_at_most_after_their_lifetime(db: Database) -> None:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    clock = [now]
    store = SessionStore(db, timedelta(minutes=60), timedelta(hours=2), lambda: clock[0])
    token, view = await store.create()
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token) and view.expires_at == now + timedelta(hours=1)
    for minutes in (50, 100, 110):  # each use keeps it alive for another hour...
        clock[0] = now + timedelta(minutes=minutes)
        assert await store.find(token) is not None
    clock[0] = now + timedelta(minutes=121)  # ...but never past two hours from the start
    assert await store.find(token) is None
    other, _ = await store.create()
    clock[0] += timedelta(minutes=61)  # idle for an hour
    assert await store.find(other) is None
    assert await store.purge() == 2
    assert await store.find("not a token") is None


async def _send_feedback(web: LiveWeb, session: str, text: str) -> tuple[str, str]:
    intro = await web.say(session, "/feedback")
    ward = await web.press(
        session,
        action_of(intro, "Anti-social behaviour"),
    )
    ask = await web.press(session, action_of(ward, "Greenhill"))
    assert "own words" in ask[0]["text"]
    ask_reply = await web.say(session, text)
    summary = await web.press(session, action_of(ask_reply, "Yes, the team may reply"))
    receipt = await web.press(session, action_of(summary, "Send to the team"))
    text_ = receipt[0]["text"]
    reference = re.search(r"Your reference: (\S+)", text_)
    key = re.search(r"Your key: (\S+)", text_)
    assert reference and key
    return reference[1], key[1]


async def test_the_teams_reply_reaches_the_page_and_later_the_reference_and_key(
    web: LiveWeb,
) -> None:
    session = await web.session()
    reference, key = await _send_feedback(web, session, PHRASE)
    item = await web.services.feedback.by_reference(reference)
    assert item is not None and item.channel == "web" and item.text == PHRASE
    status, body = await web.post("/api/chat/updates", {"session": session, "after": 0})
    assert (status, body["replies"]) == (200, [])
    await web.services.feedback.relay_to_resident(item.id, "Thanks, we will look at it.", None)
    status, body = await web.post("/api/chat/updates", {"session": session, "after": 0})
    reply = body["replies"][0]
    assert reply["text"].startswith(f"Reply from the Harrow team about {reference}")
    assert [b["label"] for b in reply["buttons"]] == ["Answer the team"]
    status, again = await web.post(
        "/api/chat/updates", {"session": session, "after": body["after"]}
    )
    assert again["replies"] == []
    status, found = await web.post(
        "/api/chat/feedback/lookup", {"reference": reference.lower(), "key": key}
    )
    assert status == 200 and found["status"] == "new"
    assert "Thanks, we will look at it." in found["replies"][0]["text"]
    status, wrong = await web.post(
        "/api/chat/feedback/lookup", {"reference": reference, "key": "AAAA-BBBB-CCCC"}
    )
    assert (status, wrong["error"]) == (404, "not_found")


async def test_the_plain_form_asks_and_answers_and_refuses_a_forged_post(web: LiveWeb) -> None:
    async with web.http.get(web.url + "/chat") as response:
        page = await response.text()
        assert response.status == 200 and 'action="/chat"' in page
        assert "In an emergency call 999." in page and "Set-Cookie" not in response.headers
    async with web.http.post(web.url + "/chat", data={"text": "burglary tips"}) as response:
        answered = await response.text()
        assert response.status == 200 and response.headers["Cache-Control"] == "no-store"
    assert "You said:" in answered and "burglar" in answered.lower()
    session = re.search(r'name="session" value="([^"]+)"', answered)
    csrf = re.search(r'name="csrf" value="([^"]+)"', answered)
    assert session and csrf
    form = {"session": session[1], "csrf": csrf[1], "action": "menu:crime"}
    async with web.http.post(web.url + "/chat", data=form) as response:
        assert response.status == 200 and "crime figures" in (await response.text())
    forged = {"session": session[1], "csrf": "wrong", "text": "we need more police"}
    async with web.http.post(web.url + "/chat", data=forged) as response:
        assert response.status == 403
        assert "nothing was sent" in (await response.text())


async def test_every_response_is_locked_down(web: LiveWeb) -> None:
    for path in ("/chat", "/chat/static/chat.js", "/chat/static/chat.css"):
        async with web.http.get(web.url + path) as response:
            csp = response.headers["Content-Security-Policy"]
            assert "default-src 'none'" in csp and "script-src 'self'" in csp
            assert "frame-ancestors 'self' https://www.harrow.gov.uk" in csp
            assert "X-Frame-Options" not in response.headers  # frame-ancestors says who may
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert "Set-Cookie" not in response.headers
    async with web.http.get(web.url + "/chat/widget.js") as response:
        assert response.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    async with web.http.get(web.url + "/chat/static/../../bot/config.py") as response:
        assert response.status == 404


async def test_only_this_site_may_frame_the_chat_when_no_origins_are_allowed(
    sqlite_db_url: str,
) -> None:
    async with live_web(web_config(sqlite_db_url)) as web, web.http.get(web.url + "/chat") as r:
        assert r.headers["X-Frame-Options"] == "SAMEORIGIN"
        assert r.headers["Content-Security-Policy"].endswith("frame-ancestors 'self'")


async def test_the_page_and_its_script_fit_in_50_kb(web: LiveWeb) -> None:
    total = 0
    for path in ("/chat", "/chat/static/chat.css", "/chat/static/chat.js"):
        async with web.http.get(web.url + path, headers={"Accept-Encoding": "identity"}) as r:
            total += len(await r.read())
    assert total <= 50 * 1024, total


async def test_an_event_offers_a_calendar_link_that_downloads_an_ics(web: LiveWeb) -> None:
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    event = await web.services.engagement.events.create(
        7001,
        EventInput("Street briefing at St Ann's Road", "street-briefing", start,
                   start + timedelta(hours=1), ("Greenhill",), "St Ann's Road, Harrow",
                   latitude=51.58, longitude=-0.335),
    )  # fmt: skip
    session = await web.session()
    listing = await web.say(session, "/events")
    opened = await web.press(session, listing[0]["buttons"][0]["action"])
    buttons = {b["label"]: b for b in opened[0]["buttons"]}
    assert set(buttons) == {"Add to calendar", "Directions"}  # no reminders without push
    href = buttons["Add to calendar"]["href"]
    assert href == f"/chat/events/{event.id}.ics"
    async with web.http.get(web.url + href) as response:
        assert response.headers["Content-Type"].startswith("text/calendar")
        assert b"SUMMARY:Street briefing at St Ann" in await response.read()
    directions = await web.press(session, buttons["Directions"]["action"])
    assert "https://www.openstreetmap.org/?mlat=51.58000" in directions[0]["text"]


async def test_what_residents_write_never_reaches_the_logs(
    web: LiveWeb, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.INFO)  # the database drivers' DEBUG output quotes every query
    for ours in ("bot", "aiohttp"):
        caplog.set_level(logging.DEBUG, logger=ours)
    session = await web.session()
    await web.say(session, PHRASE)
    await _send_feedback(web, session, PHRASE + " again")

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise ValueError(f"could not handle {args[1]}")

    assert web.chat is not None
    monkeypatch.setattr(web.chat.conversation, "say", broken)
    status, body = await web.post("/api/chat/messages", {"session": session, "text": PHRASE})
    assert (status, body["error"]) == (500, "internal") and "999" in body["message"]
    assert "ValueError" in caplog.text  # the crash is logged...
    assert "purple elephants" not in caplog.text  # ...without what the resident wrote


async def test_a_web_resident_can_delete_their_feedback(web: LiveWeb) -> None:
    session = await web.session()
    reference, key = await _send_feedback(web, session, PHRASE)
    privacy = await web.press(session, "menu:privacy")
    assert "no cookies" in privacy[0]["text"]
    ask = await web.press(session, action_of(privacy, "Delete my feedback"))
    done = await web.press(session, action_of(ask, "Yes, delete it"))
    assert done[0]["text"].startswith("Done: the feedback sent from this chat has been deleted")
    item = await web.services.feedback.by_reference(reference)
    assert item is not None and item.text == "" and item.resident_id is None
    status, _ = await web.post("/api/chat/feedback/lookup", {"reference": reference, "key": key})
    assert status == 404


def test_localbeat_web_serves_the_chat_without_a_telegram_token(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"database:\n  url: sqlite+aiosqlite:///{tmp_path / 'web.db'}\n"
        f"knowledge_dir: {REPO_KB}\nhttp:\n  host: 127.0.0.1\n",
        encoding="utf-8",
    )
    with localbeat_web(config) as server:
        for path, expected in (("/healthz", '"status": "ok"'), ("/chat", "Ask the Harrow")):
            with urllib.request.urlopen(server.url + path, timeout=10) as response:
                assert expected in response.read().decode()


async def test_the_plain_form_checks_a_reference_and_shares_no_location(web: LiveWeb) -> None:
    session = await web.session()
    reference, key = await _send_feedback(web, session, PHRASE)
    item = await web.services.feedback.by_reference(reference)
    assert item is not None
    await web.services.feedback.relay_to_resident(item.id, "We will look this week.", None)
    form = {"reference": reference, "key": key}
    async with web.http.post(web.url + "/chat/lookup", data=form) as response:
        page = await response.text()
        assert response.status == 200 and '<details class="lb-lookup" id="lb-lookup" open>' in page
    assert f"{reference}: new" in page and "We will look this week." in page
    wrong = {"reference": reference, "key": "WRONG-KEY"}
    async with web.http.post(web.url + "/chat/lookup", data=wrong) as response:
        assert response.status == 404 and "No feedback matches" in await response.text()
    near = {"action": "location:crime:all.here"}  # a button that needs JavaScript to share
    async with web.http.post(web.url + "/chat", data=near) as response:
        assert "No location was shared" in await response.text()


async def test_new_sessions_do_not_lift_the_daily_feedback_limit(sqlite_db_url: str) -> None:
    config = web_config(sqlite_db_url, feedback={"daily_limit": 1})
    async with live_web(config) as web:
        first = await web.session()
        await _send_feedback(web, first, "One")
        refused = await web.say(first, "/feedback")  # Telegram's limit, per session
        assert "You’ve sent 1 items in the last 24 hours" in refused[0]["text"]
        for n in range(3):  # an address may send four residents' worth a day...
            await _send_feedback(web, await web.session(), f"Another {n}")
        fifth = await web.session()  # ...then a new session does not help
        intro = await web.say(fifth, "/feedback")
        ward = await web.press(fifth, action_of(intro, "Road safety"))
        await web.press(fifth, action_of(ward, "Pinner"))
        ask = await web.say(fifth, "Speeding on Bridge Street")
        summary = await web.press(fifth, action_of(ask, "No replies, please"))
        sent = await web.press(fifth, action_of(summary, "Send to the team"))
        assert "the most we accept in a day" in sent[0]["text"]
        assert len(await web.services.feedback.all_items()) == 4
