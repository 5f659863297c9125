"""Write ``bot/common_english.txt``: English words too common to be anyone's typo, for the
typo second look of the emergency rules (``bot/spelling.py``), which must never put "a small
folding knife to cut twine" right as "a small holding knife to cut twice".

    python tools/build_common_english.py            # write it afresh
    python tools/build_common_english.py --check    # fail if it is out of date (run by the tests)

The words come from pyspellchecker's English frequency list (MIT, counts from subtitles; a dev
dependency): those used at least ``COMMON`` times, about 26,000, with the British spellings of
those words that breame lists (Apache-2.0; a dev dependency too). The bot reads this short list
rather than the library's 160,000 words, which held about 20 MB of every process for good
after one lookup. Rarer words stay correctable: "robed" is "robbed", "chocking" "choking".
"""

from __future__ import annotations

import sys
from pathlib import Path

from generated import write_or_check  # tools/generated.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bot" / "common_english.txt"
COMMON = 500  # keeps "folding", "twine", "string" and "ledge"; leaves "robed" and "chocking"
HEADER = (
    "# English words used at least {common} times in pyspellchecker's English frequency list\n"
    "# (MIT, https://github.com/barrust/pyspellchecker), with the British spellings of those\n"
    "# words that breame lists (Apache-2.0, https://github.com/cdpierse/breame), one per line:\n"
    "# the typo second look never changes them. Written by tools/build_common_english.py; do\n"
    "# not edit by hand.\n"
)


def render() -> str:
    from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS
    from spellchecker import SpellChecker

    counts = SpellChecker(language="en", distance=1).word_frequency.dictionary
    common = {w for w, n in counts.items() if n >= COMMON and w.isalpha() and w.isascii()}
    # The frequency list counts subtitles, mostly American, and has no British spellings:
    # "offence", "colour" and "neighbour" were correctable, and the typo second look put "is
    # it an offence" right as "offences". A British spelling of a common word is common too.
    british = {b for b, a in BRITISH_ENGLISH_SPELLINGS.items() if a in common and b.isalpha()}
    return HEADER.format(common=COMMON) + "\n".join(sorted(common | british)) + "\n"


def main(argv: list[str] | None = None) -> int:
    lines = HEADER.count("\n")
    return write_or_check(OUTPUT, render, lambda text: f"{text.count(chr(10)) - lines} words", argv)


if __name__ == "__main__":
    sys.exit(main())
