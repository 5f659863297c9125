"""Write ``bot/common_english.txt``: English words too common to be anyone's typo, for the
typo second look of the emergency rules (``bot/spelling.py``), which must never put "a small
folding knife to cut twine" right as "a small holding knife to cut twice".

    python tools/build_common_english.py            # write it afresh
    python tools/build_common_english.py --check    # fail if it is out of date (run by the tests)

The words come from pyspellchecker's English frequency list (MIT, counts from subtitles; a dev
dependency): those used at least ``COMMON`` times, about 26,000. The bot reads this short list
rather than the library's 160,000 words, which held about 20 MB of every process for good
after one lookup. Rarer words stay correctable: "robed" is "robbed", "chocking" "choking".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bot" / "common_english.txt"
COMMON = 500  # keeps "folding", "twine", "string" and "ledge"; leaves "robed" and "chocking"
HEADER = (
    "# English words used at least {common} times in pyspellchecker's English frequency list\n"
    "# (MIT, https://github.com/barrust/pyspellchecker), one per line: the typo second look\n"
    "# never changes them. Written by tools/build_common_english.py; do not edit by hand.\n"
)


def render() -> str:
    from spellchecker import SpellChecker

    counts = SpellChecker(language="en", distance=1).word_frequency.dictionary
    words = sorted(w for w, n in counts.items() if n >= COMMON and w.isalpha() and w.isascii())
    return HEADER.format(common=COMMON) + "\n".join(words) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is out of date: run python tools/build_common_english.py",
                  file=sys.stderr)  # fmt: skip
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"{OUTPUT.relative_to(ROOT)}: {text.count(chr(10)) - HEADER.count(chr(10))} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
