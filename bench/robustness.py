"""Does an emergency still get 999 when it is told the way residents tell it?

Residents wrap a scene in a courtesy ("sorry to bother you but"), end it with a question ("what
should I do", "should I ring someone?", "is that normal") or make typos in a hurry. This takes
every emergency of an evaluation part that Local Beat answers with 999 as written, wraps or
misspells it, and counts how many still get 999; and wraps every other message that does not get
999 and counts how many then do (false alarms). "999 first" also counts an emergency whose reply
keeps its kind but starts with the 999 line, because the exemplar net was unsure of it. The first
frames were written while the rules were changed against them ("quick", being scared); the last
four were written afterwards, to see how far a change carries. Typos swap two letters inside up
to two longer words, with a fixed seed.

    .venv/bin/python bench/robustness.py                   # every dev part's emergencies
    .venv/bin/python bench/robustness.py --split heldout-5 # a held-out part: totals only
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import accuracy  # noqa: E402

from bot.config import MatcherConfig  # noqa: E402


def _typos(text: str, rng: random.Random) -> str:
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    for i in rng.sample(long, min(2, len(long))):
        w = words[i]
        j = rng.randrange(1, len(w) - 2)
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


Frame = Callable[[str], str]
FRAMES: dict[str, Frame] = {
    "sorry to bother you but ... what should i do": lambda q: (
        f"sorry to bother you but {q} what should i do"
    ),
    "... should i ring someone?": lambda q: f"{q} should i ring someone?",
    "quick one, ... what am i supposed to do": lambda q: f"quick one, {q} what am i supposed to do",
    "not sure who to tell but ... im so scared": lambda q: (
        f"not sure who to tell but {q} im so scared"
    ),
    "... is that normal": lambda q: f"{q} is that normal",
    "this might be silly but ..., do i need to do anything": lambda q: (
        f"this might be silly but {q}, do i need to do anything"
    ),
    "evening all. ... can the police come": lambda q: f"evening all. {q}. can the police come",
}
# Written after the changes the frames above were used for.
LATER: dict[str, Frame] = {
    "... any idea?": lambda q: f"{q} any idea?",
    "bit worried, ... not sure what to make of it": lambda q: (
        f"bit worried, {q} not sure what to make of it"
    ),
    "... is anyone around who can help": lambda q: f"{q} is anyone around who can help",
    "right so ... anyone else seen this?": lambda q: f"right so {q} anyone else seen this?",
}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev-all", choices=accuracy.SPLITS)
    args = parser.parse_args()
    items = accuracy.load(args.split)
    with tempfile.TemporaryDirectory() as folder:
        services = await accuracy.open_bench_services(
            Path(folder), MatcherConfig(), ROOT / "knowledge"
        )
        answer = services.answers.answer

        async def caught(text: str) -> bool:
            return str((await answer(text)).kind) == "emergency"

        async def first_line(text: str) -> bool:
            """999 first: the 999 reply, or another with the 999 line first (net unsure)."""
            return accuracy.Outcome.of(await answer(text)).says_999_first

        urgent = [i.q for i in items if i.expect == {"emergency"}]
        calm_all = [i.q for i in items if "emergency" not in i.expect]
        plain = [q for q in urgent if await caught(q)]
        calm = [q for q in calm_all if not await caught(q)]
        print(
            f"{args.split}: {len(plain)} of {len(urgent)} emergencies get 999 as written; "
            f"{len(calm)} of {len(calm_all)} other messages do not. In each frame: emergencies "
            "that still get 999, and other messages that now do (false alarms)."
        )
        rng = random.Random(7)
        groups = (("frames", FRAMES), ("frames written later", LATER))
        for title, frames in groups:
            print(f"\n{title}:")
            for name, frame in frames.items():
                kept = sum([await caught(frame(q)) for q in plain])
                first = sum([await first_line(frame(q)) for q in plain])
                alarms = sum([await caught(frame(q)) for q in calm])
                print(
                    f"  {name:58s} {kept:4d}/{len(plain)} {kept / len(plain):.3f}"
                    f"   999 first {first:4d}   false alarms {alarms:3d}/{len(calm)}"
                )
        changed = [c for c in (_typos(q, rng) for q in plain) if c not in plain]
        kept = sum([await caught(c) for c in changed])
        print(
            f"\ntypos (two letters swapped in up to two words): {kept}/{len(changed)} "
            f"{kept / max(len(changed), 1):.3f}"
        )
        await services.close()


if __name__ == "__main__":
    asyncio.run(main())
