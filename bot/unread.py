"""Messages written in a language the bot cannot read.

Local Beat reads English only. A message in Bulgarian, Farsi, Chinese or romanised Hindi ("meri
mummy ko chest mein bahut dard ho raha hai") was read as English words and got "I don't know"
or a stray entry, with no word of 999, however urgent it was. Such a message now gets the 999
line first and an honest reply in English saying what the bot can read, so a resident in danger
is never left without the number. Telling the language apart needs no model: most words of an
English message, typos and text-speak included, are among the 25,000 commonest English words.
"""

from __future__ import annotations

import re

from bot.spelling import common_english

_WORD = re.compile(r"[^\W\d_]+")
LATIN_END = 0x250  # Latin letters with their accents end here (Latin Extended-B)
MIN_WORDS = 4  # fewer words say too little: a name, a greeting, a place
MIN_LETTERS = 8  # in another script, as many letters (Chinese writes no spaces between words)
ENGLISH_SHARE = 0.4  # below this share of common English words a message is not English

UNREAD_TEXT = (
    "I can only read messages in English for now, so I may not have understood yours. If it "
    "is not an emergency, you can call 101 or report online at "
    "https://www.met.police.uk/ro/report/ . If you can, please write to me again in English."
)


def unread_language(text: str) -> bool:
    """Whether ``text`` is mostly in another language or script than English. Measured on the
    evaluation set's dev messages, a quarter of them written in learners' English: 3 of 5,019
    were so read, each of them mostly in romanised Hindi."""
    letters = [c for c in text if c.isalpha()]
    other = sum(ord(c) >= LATIN_END for c in letters)
    if len(letters) >= MIN_LETTERS and other * 2 > len(letters):
        return True  # mostly another script: Cyrillic, Arabic, Chinese (unspaced), Ge'ez ...
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return False
    latin = [w for w in words if all(ord(c) < LATIN_END for c in w)]
    english = common_english()
    if not english:  # an install without the word list reads every message as before
        return False
    known = sum(w.casefold() in english for w in latin)
    return known < ENGLISH_SHARE * len(words)
