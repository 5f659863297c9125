"""What understanding residents costs at start-up, each figure beside a baseline from the same run.

1. ``localbeat ask "hi"`` wall time against ``python -c "import telegram.ext, sqlalchemy"``
   (the imports any bot on this stack pays), runs alternating, medians. Both sides run from
   compiled bytecode, as installed packages and the Docker image do: with
   ``PYTHONDONTWRITEBYTECODE`` set (some machines set it), the project's own modules would be
   compiled from source at every run while the baseline's never are. Likewise the rules'
   compiled patterns (``bot/pattern_cache.py``) come from the warm-up run's file; the same
   command compiling them afresh is timed alongside.
2. Loading the model and indexing the knowledge base (phrase vectors, the two exemplar
   classifiers): from an empty vector cache (a fresh machine), and from a warm one (every later
   start and every /reload).
3. Memory: peak RSS of a process that opens the services with the model (warmed) against the
   same process with ``matcher.model: none``.

Run: .venv/bin/python bench/startup.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
LOCALBEAT = str(Path(PYTHON).with_name("localbeat"))
RUNS = 5

PROBE = """
import asyncio, json, sys, time
sys.path.insert(0, {root!r})
from bot.config import Config
from bot.services import open_services

def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024

async def main():
    config = Config.model_validate({config})
    started = time.perf_counter()
    services = await open_services(config)
    took = time.perf_counter() - started
    await services.answers.answer("someone keeps ringing saying they're my bank")
    print(json.dumps({{"seconds": took, "peak_mb": peak_mb(),
                      "model": services.semantics.status.state}}))
    await services.close()

asyncio.run(main())
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def probe(folder: Path, model: str, cache: Path) -> dict[str, float | str]:
    config = {
        "database": {"url": f"sqlite+aiosqlite:///{folder / f'{model}.db'}"},
        "knowledge_dir": str(ROOT / "knowledge"),
        "matcher": {"model": model, "vector_cache": str(cache)},
    }
    code = PROBE.format(root=str(ROOT), config=repr(config))
    out = subprocess.run([PYTHON, "-c", code], check=True, capture_output=True, text=True).stdout
    result: dict[str, float | str] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "LOCALBEAT_DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'ask.db'}",
            "XDG_CACHE_HOME": str(folder / "cache"),  # compiled patterns: this run's own
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # the warm-up run below leaves the bytecode
        env.pop("LOCALBEAT_PATTERN_CACHE", None)  # and the compiled patterns
        subprocess.run([LOCALBEAT, "ask", "hi"], env=env, check=True, stdout=subprocess.DEVNULL)
        uncached = {**env, "LOCALBEAT_PATTERN_CACHE": "off"}
        ask, base, plain = [], [], []
        for _ in range(RUNS):
            ask.append(timed([LOCALBEAT, "ask", "hi"], env))
            base.append(timed([PYTHON, "-c", "import telegram.ext, sqlalchemy"], env))
            plain.append(timed([LOCALBEAT, "ask", "hi"], uncached))
        a, b, c = statistics.median(ask), statistics.median(base), statistics.median(plain)
        print(f"ask 'hi': {a:.2f} s; import baseline: {b:.2f} s; ratio {a / b:.2f}x "
              f"(target <= 2x); medians of {RUNS} alternating runs")  # fmt: skip
        print(f"ask 'hi' compiling its patterns afresh (LOCALBEAT_PATTERN_CACHE=off): {c:.2f} s, "
              f"{c / b:.2f}x")  # fmt: skip

        cold = probe(folder, "default", folder / "cold-cache")
        warm = probe(folder, "default", folder / "cold-cache")
        lexical = probe(folder, "none", folder / "cold-cache")
        print(f"open services with the model, empty vector cache: {cold['seconds']:.2f} s; "
              f"warm cache: {warm['seconds']:.2f} s; without the model: "
              f"{lexical['seconds']:.2f} s (target: model load + indexing <= 3 s)")  # fmt: skip
        grew = float(warm["peak_mb"]) - float(lexical["peak_mb"])
        print(f"peak RSS with the model: {warm['peak_mb']:.0f} MB; without: "
              f"{lexical['peak_mb']:.0f} MB; growth {grew:.0f} MB (target <= 150 MB)")  # fmt: skip


if __name__ == "__main__":
    main()
