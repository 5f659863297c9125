"""The web chat in a real browser (headless Chromium): what a resident sees and can do, with
screenshots at 360 px and 1280 px in test-artifacts/web/.

One ``localbeat web`` process serves the module on a database holding the real police.uk files
(when ../shared/data has them) and one event; a second tiny server plays the borough's own
site, on another origin, embedding the chat with its one script tag.
"""

from __future__ import annotations

import shutil
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.config import Config
from bot.engagement import open_engagement
from bot.events.schema import EventInput
from bot.feedback.service import FeedbackService
from bot.localtime import system_clock
from bot.stats.importers import import_paths
from bot.storage.db import Database
from tests.browser import chrome, localbeat_web, require_chromium, run, screenshot, viewport
from tests.conftest import SHARED_DATA
from tests.test_e2e_crime import FILES

pytestmark = pytest.mark.usefixtures("browser_available")
REPO_KB = Path(__file__).resolve().parents[1] / "knowledge"
WIDTHS = (360, 1280)
HARROW_ON_THE_HILL = (51.5733, -0.3366)
EVENT_TITLE = "Street briefing at St Ann's Road"


@pytest.fixture(scope="module")
def browser_available() -> None:
    require_chromium()


# -- the borough's site, on another origin ------------------------------------------------------


class HostSite:
    """Serves a borough page that embeds the chat from ``chat_url`` (set once it is known)."""

    def __init__(self) -> None:
        self.chat_url = ""
        site = self

        class Page(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = (
                    "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
                    "<meta name='viewport' content='width=device-width, initial-scale=1'>"
                    "<title>Harrow Council: Community safety</title></head>"
                    "<body style='font-family:Arial;margin:2rem'><h1>Community safety</h1>"
                    "<p>Information about community safety in Harrow.</p>"
                    f"<script src='{site.chat_url}/chat/widget.js' defer></script></body></html>"
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def borough_site() -> Iterator[HostSite]:
    site = HostSite()
    yield site
    site.close()


@pytest.fixture(scope="module")
def stranger_site() -> Iterator[HostSite]:
    site = HostSite()
    yield site
    site.close()


# -- the chat server ----------------------------------------------------------------------------


async def _prepare(url: str, with_crime: bool) -> None:
    db = Database(url)
    try:
        if with_crime:
            report = await import_paths(db, [SHARED_DATA / "police-uk" / n for n in FILES])
            assert report.errors == []
        events = open_engagement(db, Config(), system_clock).events
        start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=2)
        await events.create(
            7001,
            EventInput(EVENT_TITLE, "street-briefing", start, start + timedelta(hours=1),
                       ("Greenhill",), "St Ann's Road, Harrow HA1 1AA",
                       "Meet your local officers and ask about crime near you.",
                       latitude=51.5806, longitude=-0.3345),
        )  # fmt: skip
    finally:
        await db.close()


@pytest.fixture(scope="module")
def chat_server(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory, borough_site: HostSite,
    browser_available: None,
) -> Iterator[dict[str, Any]]:  # fmt: skip
    folder = tmp_path_factory.mktemp("webchat")
    db_path = folder / "web.db"
    shutil.copy(sqlite_template, db_path)
    url = f"sqlite+aiosqlite:///{db_path}"
    with_crime = (SHARED_DATA / "police-uk" / FILES[0]).exists()
    run(_prepare(url, with_crime))
    config = folder / "config.yaml"
    config.write_text(
        f"database:\n  url: {url}\nknowledge_dir: {REPO_KB}\n"
        "http:\n  host: 127.0.0.1\n  port: 0\n"
        f"web:\n  enabled: true\n  allowed_origins: ['{borough_site.origin}']\n"
        "  poll_seconds: 2\nlog_level: WARNING\n",
        encoding="utf-8",
    )
    with localbeat_web(config) as server:
        borough_site.chat_url = server.url
        yield {"url": server.url, "db": url, "crime": with_crime}


@pytest.fixture(scope="module")
def driver(chat_server: dict[str, Any]) -> Iterator[Any]:
    with chrome() as found:
        yield found


@pytest.fixture(scope="module")
def plain_driver(chat_server: dict[str, Any]) -> Iterator[Any]:
    with chrome(javascript=False) as found:
        yield found


# -- helpers ------------------------------------------------------------------------------------


def wait(condition: Callable[[], Any], timeout: float = 10.0, what: str = "") -> Any:
    """Poll ``condition`` until it is truthy; a page being replaced meanwhile is no failure."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = condition()
        except (StaleElementReferenceException, NoSuchElementException):
            found = None
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what or condition}")


def fresh(driver: Any, url: str, width: int = 1280) -> None:
    """A new tab's worth of chat: no session, the welcome only."""
    viewport(driver, width)
    driver.get(url + "/chat")
    driver.execute_script("sessionStorage.clear()")
    driver.get(url + "/chat")
    wait(lambda: driver.execute_script("return document.readyState") == "complete")
    driver.get_log("browser")  # start the console afresh too


def bot_messages(driver: Any) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(driver.find_elements(By.CSS_SELECTOR, "#lb-log .lb-bot"))


def ask(driver: Any, text: str) -> list[Any]:
    """Type into the message box and press Enter, as a resident does; the new replies."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    before = len(bot_messages(driver))
    box = driver.find_element(By.ID, "lb-text")
    box.click()
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    wait(lambda: len(bot_messages(driver)) > before, what=f"a reply to {text!r}")
    time.sleep(0.1)  # a reply may come in several messages
    return bot_messages(driver)[before:]


def press(driver: Any, label: str) -> list[Any]:
    """Click the last button (or link) with this label in the conversation; the new replies."""
    from selenium.webdriver.common.by import By

    before = len(bot_messages(driver))
    buttons = [b for b in driver.find_elements(By.CSS_SELECTOR, ".lb-choice") if b.text == label]
    assert buttons, f"no button {label!r}"
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", buttons[-1])
    buttons[-1].click()
    wait(lambda: len(bot_messages(driver)) > before, what=f"a reply to pressing {label!r}")
    time.sleep(0.1)
    return bot_messages(driver)[before:]


def both_widths(driver: Any, name: str) -> None:
    for width in WIDTHS:
        screenshot(driver, name, width)
    viewport(driver, 1280)


TIMING = """
window.__lb = {sent: 0, shown: 0};
document.getElementById('lb-form').addEventListener('submit', function () {
  window.__lb.sent = performance.now(); window.__lb.shown = 0;
}, true);
new MutationObserver(function (changes) {
  if (!window.__lb.sent || window.__lb.shown) return;
  changes.forEach(function (c) { c.addedNodes.forEach(function (n) {
    if (n.classList && n.classList.contains('lb-bot') && !window.__lb.shown) {
      window.__lb.shown = -1;
      requestAnimationFrame(function () { window.__lb.shown = performance.now(); });
    }
  }); });
}).observe(document.getElementById('lb-log'), {childList: true});
"""


# -- tests --------------------------------------------------------------------------------------


def test_a_question_gets_its_answer_within_300_ms(driver: Any, chat_server: dict[str, Any]) -> None:
    timings = []
    for question in ("how do i stop my fone being nicked", "burglary tips", "what is met engage"):
        fresh(driver, chat_server["url"])
        driver.execute_script(TIMING)
        replies = ask(driver, question)
        assert replies[0].get_attribute("class").split()[-1] == "lb-answer"
        shown = wait(lambda: driver.execute_script("return window.__lb.shown") > 0)
        assert shown
        timings.append(driver.execute_script("return window.__lb.shown - window.__lb.sent"))
    print(f"\nfirst reply visible after sending, ms: {[round(t) for t in timings]}")
    assert statistics.median(timings) <= 300, timings
    assert "Source:" in replies[0].text
    both_widths(driver, "answer")


def test_an_emergency_gets_999_first(driver: Any, chat_server: dict[str, Any]) -> None:
    fresh(driver, chat_server["url"])
    replies = ask(driver, "someone is breaking into my house right now")
    assert len(replies) == 1 and "lb-emergency" in replies[0].get_attribute("class")
    from selenium.webdriver.common.by import By

    first = replies[0].find_element(By.CSS_SELECTOR, "p.lb-first")
    assert first.text == "If you or someone else is in danger right now, call 999."
    assert first.value_of_css_property("font-weight") == "700"
    both_widths(driver, "emergency")


def test_a_danger_the_net_is_unsure_of_shows_the_999_line_first_in_bold(
    driver: Any, chat_server: dict[str, Any]
) -> None:
    fresh(driver, chat_server["url"])
    replies = ask(
        driver,
        "not sure if this is the place but my neighbour is screaming and something is smashing "
        "through the wall, what should i do",
    )
    assert len(replies) == 1 and "lb-emergency" not in replies[0].get_attribute("class")
    from selenium.webdriver.common.by import By

    first = replies[0].find_element(By.CSS_SELECTOR, "p.lb-first")
    assert first.text == "If you or someone else is in danger right now, call 999."
    assert first.value_of_css_property("font-weight") == "700"
    both_widths(driver, "unsure")


def test_a_button_opens_its_answer(driver: Any, chat_server: dict[str, Any]) -> None:
    fresh(driver, chat_server["url"])
    press(driver, "Safety tips")
    replies = press(driver, "Phone snatching")
    assert "phone" in replies[0].text.lower()
    from selenium.webdriver.common.by import By

    you = driver.find_elements(By.CSS_SELECTOR, "#lb-log .lb-you")
    assert you[-1].text.endswith("Phone snatching")


def test_crime_figures_as_a_chart_and_near_me(driver: Any, chat_server: dict[str, Any]) -> None:
    if not chat_server["crime"]:
        pytest.skip(f"shared police.uk data not available in {SHARED_DATA}")
    from selenium.webdriver.common.by import By

    fresh(driver, chat_server["url"])
    press(driver, "Crime in my area")
    press(driver, "All crime")
    press(driver, "All of Harrow")
    trend = press(driver, "Last 12 months (trend)")
    assert "Harrow" in trend[0].text
    chart = press(driver, "Show chart")
    image = chart[0].find_element(By.CSS_SELECTOR, "figure img")
    assert image.get_attribute("alt").startswith("Line chart: All crime in Harrow, monthly")
    assert driver.execute_script("return arguments[0].naturalWidth", image) == 800
    caption = chart[0].find_element(By.TAG_NAME, "figcaption").text
    assert "Highest:" in caption and "Source:" in caption
    both_widths(driver, "chart")

    driver.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": chat_server["url"], "permissions": ["geolocation"]},
    )
    lat, lon = HARROW_ON_THE_HILL
    driver.execute_cdp_cmd(
        "Emulation.setGeolocationOverride", {"latitude": lat, "longitude": lon, "accuracy": 10}
    )
    press(driver, "Crime in my area")
    press(driver, "Burglary")
    ask_location = press(driver, "Near me (share location)")
    assert "not stored" in ask_location[0].text
    near = press(driver, "Share my location")
    # The street records near the point are from 2018, the ward figures from 2026: the fresher
    # figures, for today's ward (issue 16), with their month.
    assert near[0].text.startswith("The location you shared is in Harrow on the Hill ward.")
    assert "Burglary in Harrow on the Hill ward, March 2026" in near[0].text


def test_an_event_has_an_add_to_calendar_link(driver: Any, chat_server: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    fresh(driver, chat_server["url"])
    listing = ask(driver, "/events")
    assert EVENT_TITLE in listing[0].text
    opened = press(driver, listing[0].find_elements(By.CSS_SELECTOR, ".lb-choice")[0].text)
    link = opened[0].find_element(By.LINK_TEXT, "Add to calendar")
    assert link.get_attribute("download") is not None
    href = link.get_attribute("href")
    assert href.startswith(chat_server["url"] + "/chat/events/") and href.endswith(".ics")
    body = driver.execute_async_script(
        "var done = arguments[1]; fetch(arguments[0]).then(r => r.text()).then(done)", href
    )
    assert body.startswith("BEGIN:VCALENDAR") and EVENT_TITLE in body
    assert "Remind me" not in opened[0].text
    both_widths(driver, "event")


def test_feedback_gets_a_reference_and_the_teams_reply_arrives(
    driver: Any, chat_server: dict[str, Any]
) -> None:
    from selenium.webdriver.common.by import By

    fresh(driver, chat_server["url"])
    press(driver, "Give feedback")
    press(driver, "Anti-social behaviour")
    press(driver, "Greenhill")
    ask(driver, "Scooters ride on the pavement outside the library every evening.")
    press(driver, "Yes, the team may reply")
    receipt = press(driver, "Send to the team")[0].text
    reference = receipt.split("Your reference: ")[1].split()[0]
    key = receipt.split("Your key: ")[1].split()[0]
    both_widths(driver, "feedback")

    async def reply() -> None:
        db = Database(chat_server["db"])
        try:
            service = FeedbackService(db, Config())
            item = await service.by_reference(reference)
            assert item is not None and item.channel == "web"
            await service.relay_to_resident(item.id, "Thank you. We will patrol there.", None)
        finally:
            await db.close()

    run(reply())
    arrived = wait(
        lambda: [m for m in bot_messages(driver) if "We will patrol there." in m.text],
        what="the team's reply (the page polls)",
    )
    assert arrived[0].text.startswith(f"Reply from the Harrow team about {reference}")
    both_widths(driver, "team-reply")

    fresh(driver, chat_server["url"])  # later, in a new tab: by reference and key
    driver.find_element(By.CSS_SELECTOR, "#lb-lookup summary").click()
    driver.find_element(By.ID, "lb-ref").send_keys(reference)
    driver.find_element(By.ID, "lb-key").send_keys(key)
    driver.find_element(By.CSS_SELECTOR, "#lb-lookup-form button").click()
    result = wait(
        lambda: (
            driver.find_element(By.ID, "lb-lookup-result").text.strip()
            if "patrol" in driver.find_element(By.ID, "lb-lookup-result").text
            else ""
        )
    )
    assert result.startswith(f"{reference}: new")


def test_without_javascript_the_plain_form_asks_and_answers(
    plain_driver: Any, chat_server: dict[str, Any]
) -> None:
    from selenium.webdriver.common.by import By

    driver = plain_driver
    viewport(driver, 1280)
    driver.get(chat_server["url"] + "/chat")
    driver.find_element(By.ID, "lb-text").send_keys("how do i report a crime online")
    driver.find_element(By.CSS_SELECTOR, ".lb-send").click()

    def session() -> str:
        found = driver.find_element(By.CSS_SELECTOR, "#lb-form input[name=session]")
        return str(found.get_attribute("value"))

    wait(session, what="the page the server sent back")  # only the server fills it in
    log = driver.find_element(By.ID, "lb-log").text
    assert "how do i report a crime online" in log and "101" in log
    first = session()
    driver.find_elements(By.CSS_SELECTOR, "#lb-log .lb-choice")[0].click()
    wait(lambda: "how do i report" not in driver.find_element(By.ID, "lb-log").text)
    assert session() == first  # the same conversation continues
    both_widths(driver, "no-javascript")


def test_the_widget_embeds_the_chat_on_an_allowed_site_only(
    driver: Any, chat_server: dict[str, Any], borough_site: HostSite, stranger_site: HostSite
) -> None:
    from selenium.webdriver.common.by import By

    viewport(driver, 1280)
    driver.get(borough_site.origin + "/")
    launcher = wait(lambda: driver.find_elements(By.ID, "localbeat-chat-button"))[0]
    assert launcher.text == "Chat with the police team"
    assert launcher.get_attribute("aria-expanded") == "false"
    both_widths(driver, "widget-closed")
    launcher.click()
    assert launcher.get_attribute("aria-expanded") == "true"
    frame = driver.find_element(By.CSS_SELECTOR, "#localbeat-chat-panel iframe")
    driver.switch_to.frame(frame)
    wait(lambda: driver.find_elements(By.ID, "lb-form"), what="the chat inside the frame")
    replies = ask(driver, "what is met engage")
    assert "Met Engage" in replies[0].text
    driver.switch_to.default_content()
    screenshot(driver, "widget-open", 1280, full=False)
    viewport(driver, 360)
    driver.get(borough_site.origin + "/")
    wait(lambda: driver.find_elements(By.ID, "localbeat-chat-button"))[0].click()
    driver.switch_to.frame(driver.find_element(By.CSS_SELECTOR, "#localbeat-chat-panel iframe"))
    wait(lambda: driver.find_elements(By.ID, "lb-form"))
    driver.switch_to.default_content()
    screenshot(driver, "widget-open", 360, full=False)
    driver.find_element(By.XPATH, "//button[text()='Close chat']").click()
    launcher = driver.find_element(By.ID, "localbeat-chat-button")
    assert launcher.get_attribute("aria-expanded") == "false"

    viewport(driver, 1280)
    stranger_site.chat_url = chat_server["url"]
    driver.get(stranger_site.origin + "/")  # not in web.allowed_origins
    wait(lambda: driver.find_elements(By.ID, "localbeat-chat-button"))[0].click()
    driver.switch_to.frame(driver.find_element(By.CSS_SELECTOR, "#localbeat-chat-panel iframe"))
    time.sleep(1)
    assert driver.find_elements(By.ID, "lb-form") == []  # the browser refused to show it
    driver.switch_to.default_content()
    refusals = [e["message"] for e in driver.get_log("browser") if e["source"] == "security"]
    assert any("frame-ancestors" in m and borough_site.origin in m for m in refusals), refusals


def test_keyboard_only(driver: Any, chat_server: dict[str, Any]) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    fresh(driver, chat_server["url"])
    keys = ActionChains(driver)
    keys.send_keys(Keys.TAB).perform()
    active = driver.switch_to.active_element
    assert active.text == "Skip to the message box"
    assert active.value_of_css_property("background-color") == "rgba(255, 221, 0, 1)"
    keys.send_keys(Keys.ENTER).perform()
    assert driver.switch_to.active_element.get_attribute("id") == "lb-text"
    before = len(bot_messages(driver))
    ActionChains(driver).send_keys("bike theft").send_keys(Keys.ENTER).perform()
    wait(lambda: len(bot_messages(driver)) > before)
    time.sleep(0.1)
    ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    focused = driver.switch_to.active_element
    assert "lb-choice" in focused.get_attribute("class")  # the answer's last button
    assert focused.value_of_css_property("background-color") == "rgba(255, 221, 0, 1)"
    both_widths(driver, "keyboard-focus")
    label = focused.text
    before = len(bot_messages(driver))
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    wait(lambda: len(bot_messages(driver)) > before, what=f"the answer to {label!r}")


CONTRAST = """
function lum(c) {
  var v = c.match(/[\\d.]+/g).slice(0, 3).map(function (x) {
    x = x / 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}
function bg(el) {
  for (; el; el = el.parentElement) {
    var c = getComputedStyle(el).backgroundColor;
    if (c && !/rgba\\(.*, 0\\)$/.test(c) && c !== 'transparent') return c;
  }
  return 'rgb(255, 255, 255)';
}
var bad = [];
document.querySelectorAll('p, a, button, label, summary, figcaption, li, strong, h1, span')
  .forEach(function (el) {
    if (!el.offsetParent && getComputedStyle(el).position !== 'sticky') return;
    if (!el.textContent.trim()) return;
    var s = getComputedStyle(el), a = lum(s.color), b = lum(bg(el));
    var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    var size = parseFloat(s.fontSize);
    var large = size >= 24 || (size >= 18.66 && +s.fontWeight >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      bad.push(el.tagName + ' ' + el.textContent.trim().slice(0, 30) + ' ' + ratio.toFixed(2));
    }
  });
return bad;
"""


def test_contrast_labels_live_region_and_nothing_from_elsewhere(
    driver: Any, chat_server: dict[str, Any]
) -> None:
    from selenium.webdriver.common.by import By

    fresh(driver, chat_server["url"])
    ask(driver, "/feedback")  # buttons, links and the emergency banner all on screen
    ask(driver, "there is a fight outside right now")
    assert driver.execute_script(CONTRAST) == []
    log = driver.find_element(By.ID, "lb-log")
    assert (log.get_attribute("role"), log.get_attribute("aria-live")) == ("log", "polite")
    for field in driver.find_elements(By.CSS_SELECTOR, "textarea, input:not([type=hidden])"):
        label = driver.find_elements(By.CSS_SELECTOR, f"label[for='{field.get_attribute('id')}']")
        assert label and label[0].get_attribute("textContent"), field.get_attribute("id")
    assert driver.execute_script("return document.cookie") == ""
    origins = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).origin)"
    )
    assert set(origins) <= {chat_server["url"]}
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
