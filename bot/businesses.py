"""A tradesperson or business to recommend, or when a shop or a leisure centre opens.

Residents ask a local bot what they would ask a neighbour: "can you recommend a good plumber in
Rayners Lane", "what time does the big Tesco close tonight". The knowledge base has entries that
share those words (bad traders, the police station's opening hours), close enough in meaning to be
offered as "Did you mean…" or, for a locksmith, answered with home security. The honest reply is
that the bot cannot help with businesses, without recording the question as a gap for comms staff
to fill. Trades and places the police do advise on stay the knowledge base's: locks, alarms and
cameras (home security), minicabs (getting home safely), and the police station itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.text import normalise

TRADES = (
    r"(locksmiths?|plumbers?|electricians?|builders?|roofers?|mechanics?|garages?|solicitors?|"
    r"lawyers?|accountants?|dentists?|restaurants?|takeaways?|curry (house|houses|place)|"
    r"cafes?|pubs?|hairdressers?|barbers?|gyms?|nurser(y|ies)|tutors?|cleaners?|gardeners?|"
    r"painters?|decorators?|handym[ae]n|carpet fitters?|estate agents?|letting agents?|"
    r"driving instructors?|vets?|childminders?|dog walkers?|removals? (firm|company|men)|"
    r"man with a van|tradesm[ae]n|tradespeople|tradesperson|window cleaners?|car wash)"
)
RECOMMEND = re.compile(
    rf"\b(recommend|suggest|know of|know|knows|find me|tell me) (me )?(a|an|any|some)( really)?"
    rf"( good| decent| reliable| trusted| cheap| local| honest| nice)* {TRADES}\b"
    rf"|\b(best|good|decent|cheapest|cheap|reliable) {TRADES} (in|near|round|around)\b"
)
HOURS = re.compile(
    r"\b(what time|when) (does|do|is|will) (the )?[a-z' ]{1,40}? (open|close|shut)\b"
    r"|\bopening (hours|times)\b"
)
# The police station and its front counter, 101, the team's own events, a road closed by a
# police cordon: theirs to answer.
POLICE_PLACES = re.compile(
    r"\b(police|station|front counter|front desk|101|ward panel|meeting|surgery|walk and talk|"
    r"coffee with a cop|cafe with a cop|event|events|team|road|street|cordon|crime scene)\b"
)


@lru_cache(maxsize=256)
def asks_about_a_business(text: str) -> bool:
    """Whether the message asks for a trade or business to use, or a non-police place's hours."""
    if len(text) > 500:  # a long message tells a story; a request for a plumber is short
        return False
    words = normalise(text)
    if RECOMMEND.search(words):
        return True
    return bool(HOURS.search(words)) and not POLICE_PLACES.search(words)
