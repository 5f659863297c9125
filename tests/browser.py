"""Real Chromium for the web chat's browser tests: Debian's package, driven by Selenium through
Debian's chromedriver. Nothing is downloaded: without /usr/bin/chromium the tests skip, saying
how to install it. Screenshots go to test-artifacts/web/ (not committed)."""

from __future__ import annotations

import asyncio
import base64
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "web"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,900",
)  # fmt: skip


def require_chromium() -> None:
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip(
            "Chromium is not installed: apt-get install -y chromium chromium-driver "
            "(.ci/run does this when apt is available)"
        )
    pytest.importorskip("selenium", reason="selenium is in the test extras: pip install -e .[test]")


@contextmanager
def chrome(javascript: bool = True) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="localbeat-chrome-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd(  # smooth scrolling would move buttons while they are clicked
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]},
    )
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()


def viewport(driver: Any, width: int, height: int = 800) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def screenshot(driver: Any, name: str, width: int, full: bool = True) -> Path:
    """A screenshot at ``width`` CSS pixels (the whole page when ``full``)."""
    viewport(driver, width)
    if full:  # a viewport as tall as the page, so sticky parts sit where they belong
        height = driver.execute_script("return document.documentElement.scrollHeight")
        viewport(driver, width, min(max(int(height), 200), 6000))
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}-{width}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


@dataclass
class WebProcess:
    url: str
    proc: subprocess.Popen[str]


@contextmanager
def localbeat_web(config: Path, env: dict[str, str] | None = None) -> Iterator[WebProcess]:
    """``localbeat web`` as a resident's browser meets it: its own process, a free port."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "--config", str(config), "web", "--port", "0"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("LOCALBEAT_")},
             **(env or {})},
    )  # fmt: skip
    assert proc.stdout is not None
    try:
        line = proc.stdout.readline().strip()
        assert line.startswith("Local Beat web chat: "), line
        yield WebProcess(line.removeprefix("Local Beat web chat: ").removesuffix("/chat"), proc)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        proc.stdout.close()


def run(coro: Any) -> Any:
    """Run a coroutine from a synchronous browser test (the server is another process)."""
    return asyncio.run(coro)
