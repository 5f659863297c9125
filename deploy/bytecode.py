"""Bytecode for what the bot's start paths import, and for nothing else (the image's build stage).

    VENV/bin/python deploy/bytecode.py VENV KNOWLEDGE_DIR

Deletes every ``__pycache__`` in the environment, runs the start paths with bytecode writing on
(``localbeat ask`` with the model, ``localbeat web`` answering over HTTP with httpx as the
Telegram client does, ``localbeat run`` as far as Telegram, a chart, a street CSV import, an
engine for PostgreSQL), then
rewrites what they left as checked-hash .pyc files. Those stay valid whatever timestamps the
copy into the next stage gives the sources: podman's copy rounds them to the second, which made
about half of pip's timestamp-checked .pyc files stale, so every start compiled them again.
Modules none of these paths import compile on first use instead.
"""

from __future__ import annotations

import importlib.util
import json
import os
import py_compile
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

QUESTION = "how can I stop my push bike being pinched"
CHART = (
    "from datetime import date; from bot.stats.chart import render_png; "
    "assert render_png('Burglary', [(date(2025, m, 1), m) for m in range(1, 13)], 'police.uk')"
    ".startswith(b'\\x89PNG')"
)
# The web chat's API through httpx, which loads the HTTP transport modules Telegram's client uses.
ASK_OVER_HTTP = """
import asyncio, sys, httpx
async def main(base):
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        session = (await client.post("/api/chat/sessions", json={})).json()["session"]
        body = {"session": session, "text": sys.argv[2]}
        (await client.post("/api/chat/messages", json=body)).raise_for_status()
asyncio.run(main(sys.argv[1]))
"""
POSTGRES = (
    "from bot.storage.db import Database; "
    "Database('postgresql+asyncpg://localbeat@127.0.0.1:9/localbeat').engine.dialect.dbapi"
)
STREET_CSV = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context\n"
    + "c1,2025-03,Metropolitan Police Service,Metropolitan Police Service,-0.33,51.58,"
    "On or near High Street,E01002106,Harrow 008A,Burglary,Under investigation,\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_semantic(url: str, proc: subprocess.Popen[bytes], seconds: float = 300) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and proc.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if json.load(resp)["knowledge_base"]["matching"] == "semantic+lexical":
                    return
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"localbeat web did not answer semantically at {url}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def start_paths(venv: Path, knowledge: Path, work: Path) -> None:
    port = free_port()
    config = work / "config.yaml"
    config.write_text(f"knowledge_dir: {knowledge}\nhttp:\n  port: {port}\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        HOME=str(work), LOCALBEAT_CONFIG=str(config), MPLBACKEND="Agg",
        LOCALBEAT_DATABASE_URL=f"sqlite+aiosqlite:///{work / 'warm.db'}",
    )  # fmt: skip
    bin_ = venv / "bin"

    def run(*cmd: str | Path) -> None:
        done = subprocess.run(cmd, env=env, cwd=work, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"{' '.join(map(str, cmd))[:80]} failed:\n{done.stderr[-3000:]}")

    run(bin_ / "localbeat", "ask", QUESTION)
    run(bin_ / "python", "-c", CHART)
    (work / "2025-03-metropolitan-street.csv").write_text(STREET_CSV)
    run(bin_ / "localbeat", "stats", "import", work / "2025-03-metropolitan-street.csv")
    web = subprocess.Popen(
        [bin_ / "localbeat", "web"], env=env, cwd=work,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for_semantic(f"http://127.0.0.1:{port}/healthz", web)
        run(bin_ / "python", "-c", ASK_OVER_HTTP, f"http://127.0.0.1:{port}", QUESTION)
    finally:
        stop(web)
    # No Telegram here: `run` loads its modules, then stops at the unreachable Bot API; the job
    # queue's triggers, which it imports once Telegram has answered, are imported by name.
    env.update(LOCALBEAT_TELEGRAM_TOKEN="1:build", LOCALBEAT_TELEGRAM_BASE_URL="http://127.0.0.1:9")
    subprocess.run([bin_ / "localbeat", "run"], env=env, cwd=work, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    run(bin_ / "python", "-c", "import apscheduler.triggers.cron, apscheduler.triggers.interval")
    # PostgreSQL instead of SQLite: its driver and dialect, loaded by making the engine.
    run(bin_ / "python", "-c", POSTGRES)


def main(venv: Path, knowledge: Path) -> None:
    site = next((venv / "lib").glob("python3*/site-packages"))
    for cache in list(site.rglob("__pycache__")):
        shutil.rmtree(cache)
    with tempfile.TemporaryDirectory() as work:
        start_paths(venv, knowledge, Path(work))
    kept = 0
    for pyc in site.rglob("__pycache__/*.pyc"):
        source = importlib.util.source_from_cache(str(pyc))
        py_compile.compile(
            source, cfile=str(pyc), doraise=True,
            invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH,
        )  # fmt: skip
        kept += 1
    sources = sum(1 for _ in site.rglob("*.py"))
    print(f"bytecode kept for {kept} of {sources} modules: those the start paths imported")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]).resolve())
