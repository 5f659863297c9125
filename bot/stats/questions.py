"""Recognising crime-statistics questions in free text, without claiming advice questions.

``parse_stats_question("is burglary going up in Pinner?", wards)`` gives a :class:`StatsQuery`;
"how do I stop burglars?" gives None because it asks for prevention advice, which belongs to the
knowledge base.

A place the question names that is neither a configured ward nor the borough ("in Queensbury",
an old ward; "in Croydon") is kept as the resident wrote it, so the answer can say it has no
figures for that place instead of passing the borough's figures off as the place's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz

from bot.stats.postcodes import Postcode, find_postcode
from bot.text import STOPWORDS, courtesy_in_english, tells_of_event

CATEGORY_PHRASES: dict[str, tuple[str, ...]] = {
    # Longer phrases are tried first, so "car break ins" is vehicle crime, not burglary.
    "vehicle-crime": (
        "car crime", "vehicle crime", "car theft", "car thefts", "cars stolen", "stolen car",
        "stolen cars", "car break ins", "car break in", "theft from cars", "theft from vehicles",
        "catalytic converter", "catalytic converters", "vehicle theft", "vehicle crimes",
    ),
    "bicycle-theft": (
        "bike theft", "bike thefts", "bicycle theft", "bicycle thefts", "bikes stolen",
        "stolen bike", "stolen bikes", "cycle theft", "stolen bicycles",
    ),
    "theft-from-the-person": (
        "theft from the person", "pickpocketing", "pickpockets", "pickpocket", "phone snatching",
        "phone thefts", "snatch thefts", "phones snatched", "phones get snatched",
        "phones stolen", "phone snatches", "bag snatching", "snatchings",
    ),
    "anti-social-behaviour": (
        "anti social behaviour", "anti social behavior", "antisocial behaviour",
        "antisocial behavior", "anti social", "antisocial", "asb", "nuisance behaviour",
    ),
    "violent-crime": (
        "violence and sexual offences", "sexual offences", "violent crime", "violent crimes",
        "violence", "assaults", "assault", "attacks", "domestic violence", "sexual assaults",
    ),
    "possession-of-weapons": (
        "possession of weapons", "knife crime", "knife crimes", "knives", "knife", "weapons",
        "weapon", "guns", "gun crime",
    ),
    "criminal-damage-arson": (
        "criminal damage", "vandalism", "graffiti", "arson", "damage",
    ),
    "public-order": ("public order", "public disorder", "disorder"),
    "shoplifting": ("shoplifting", "shop lifting", "shoplifters", "shop theft", "shop thefts"),
    "robbery": ("robbery", "robberies", "muggings", "mugging", "mugged", "robbed", "robbers"),
    "burglary": (
        "burglary", "burglaries", "burgled", "burglars", "burglar", "break ins", "break in",
        "breakins", "broken into", "house breaking", "housebreaking",
    ),
    "drugs": ("drug dealing", "drugs", "drug", "cannabis", "dealing"),
    "other-theft": ("other theft", "theft", "thefts", "stealing"),
    "other-crime": ("other crime", "other crimes"),
}  # fmt: skip

ALL_CRIME = ("crime", "crimes", "offences", "offenses", "incidents", "criminal activity")

NEAR_ME = (
    "near me", "round here", "around here", "my area", "near here", "nearby", "my street",
    "my road", "where i live", "local area", "in my neighbourhood", "near my house",
)  # fmt: skip

# Asking which kinds of crime, not how many: the answer leads with the top categories.
TOP_INTENT = (
    "most common", "happens most", "happen most", "happening most", "most frequent", "most often",
    "what crime", "what crimes", "which crime", "which crimes", "what kind of crime",
    "what kinds of crime", "what type of crime", "what types of crime", "types of crime",
    "kinds of crime", "type of crime", "top crimes", "main crimes", "biggest crime",
    "biggest problem", "breakdown", "what happens", "mostly",
)  # fmt: skip

STATS_INTENT = (
    "how many", "how much", "number of", "numbers", "rate", "rates", "figures", "figure",
    "stats", "statistics", "statistic", "trend", "trends", "rising", "going up", "gone up",
    "going down", "gone down", "increase", "increasing", "increased", "decrease", "decreasing",
    "decreased", "up or down", "higher", "lower", "worse", "getting better", "levels", "data",
    "count", "compared", "compare", "how bad", "how common", "how safe", "a lot of", "is there",
    "are there", "per month", "total", "recorded", "reported crimes",
)  # fmt: skip
STRONG_INTENT = (
    "how many", "number of", "figures", "stats", "statistics", "rate", "trend", "rising",
    "going up", "gone up", "going down", "increase", "decrease", "levels",
)  # fmt: skip

# Where the teller lives, said to place a figures question ("crime near me please, I live in
# South Harrow close to the station"): context, not a story told.
_LIVES = re.compile(
    r"\b(?:i|we) (?:live|stay|am living|are living|have lived|moved)\b[^,.;!?]*?"
    r"(?=[,.;!?]| and | but |$)",
    re.IGNORECASE,
)

# A crime done to someone: a story, though dated like a figures question ("the man who robbed my
# shop last year"; not "car break ins near me this year").
_DONE_TO = re.compile(
    r" (?:robbed|mugged|burgled|stole|broke into|attacked|assaulted|stabbed|nicked|snatched|"
    r"scammed|conned|punched|beat up|beaten up) (?:my|our|me|us|his|her|their|him) "
)
# Thanks for what the team did ("thank you for coming to our meeting, the update on burglaries
# was much appreciated") ask for no figures: feedback to pass on.
THANKS = (
    "thank you", "thanks", "thankyou", "much appreciated", "really appreciated", "grateful",
    "well done", "great job", "fantastic job",
)  # fmt: skip

RUMOUR_CHECK = (
    "is this true", "is that true", "is it true", "actually true", "is this real", "wind up",
    "windup", "a hoax", "fake news",
)  # fmt: skip

# Crime words in a figure of speech, fiction or the kitchen: "the prices are daylight robbery".
FIGURES_OF_SPEECH = (
    "daylight robbery", "highway robbery", "robbed by the ref", "knife in the back",
    "stab in the back", "stabbed in the back", "carving knife", "bread knife", "kitchen knife",
    "crime novel", "crime drama", "crime show", "crime series", "true crime", "murder mystery",
    "stole the show", "steal the show", "what a steal", "killing it", "killed it",
    # illness, not violence: "attack" is near "attacks"
    "heart attack", "panic attack", "panic attacks", "asthma attack", "anxiety attack",
)  # fmt: skip

# Without a crime named, what makes "the safest area" or "the worst part" about crime, not
# about parking or schools.
SAFETY_WORDS = ("safe", "safest", "safer", "dangerous", "rough", "roughest", "dodgy", "dodgiest")

# "Canons ward stats": figures words that ask for all crime when a ward is named.
FIGURES_ALONE = ("stats", "statistics", "figures", "crime figures", "numbers", "crime rate")

PREVENTION = (
    "how do i stop", "how can i stop", "how to stop", "stop burglars", "prevent", "prevention",
    "tips", "advice", "protect", "secure", "security", "keep safe", "stay safe", "what should i",
    "what do i do", "how do i report", "how to report", "report a", "report it", "lock",
    "alarm", "deter", "avoid", "help me", "i was", "i ve been", "my car was", "my bike was",
    "someone stole", "hand in", "handing in", "surrender", "get rid of", "dispose of",
    "how do i get", "my stolen", "for sale", "worried", "scared", "afraid", "in case",
    "chuck", "throw away", "throw out", "bin them",
    # told, then asked how to stop it: "our shed got broken into twice this year, what can i do"
    "what can i do", "what can we do", "to stop it", "got broken into", "got burgled",
    "was burgled", "were burgled",
    # support after it: "robbed near the station in october, now i shake going out. is there
    # anyone who helps"
    "is there anyone", "anyone who helps", "anyone i can talk", "someone to talk to",
    "talk to someone", "cant sleep", "can t sleep", "i shake", "shaking",
    # asked how to do something else, or what the law allows, with a crime and a place as its
    # reason: "how to make neighbourhood watch for our close in pinner? 3 houses robbed",
    # "catalytic converter cut off in rayners lane, insurance want the number from police, how i
    # get" (not "crime number", which is inside "crime numbers", a figures question)
    "how to make", "how to join", "how to set up", "how to start", "how do we", "how can we",
    "how i get", "how i can", "how do i find", "within my rights", "allowed to", "would i be",
    "crime reference", "reference number", "number from the police", "number from police",
    "neighbourhood watch",
)  # fmt: skip

# How often something must happen before the law counts it: "what counts as stalking, how many
# times does it have to happen" asks about the law, not for a count.
HOW_OFTEN_BEFORE = (
    "how many times does", "how many times do", "how many times has it", "how many times before",
    "how many times it has to", "how many times it needs",
)  # fmt: skip

# What happened after a crime was recorded: the store counts crimes, not outcomes, so "what share
# of weapon cases led to action" is the newsletter's figure (the knowledge base), never a count.
OUTCOMES = (
    "led to action", "action taken", "outcome", "outcomes", "solved", "unsolved", "charged",
    "charges", "prosecuted", "prosecutions", "convicted", "convictions", "detection",
    "detection rate", "sanction", "sanctions", "caught", "cleared up", "clear up rate",
)  # fmt: skip

# Which wards have the most or the least crime: a superlative beside a word for a part of the
# borough ("which ward has the most crime", "safest area to live", "where is the roughest part").
RE_AREA_WORD = re.compile(
    r" (?:wards?|areas?|parts?|places?|neighbourhoods?|neighborhoods?|bits?|estates?|where) "
)
RE_MOST = re.compile(
    r" (?:most|highest|worst|roughest|dodgiest|most dangerous|biggest|busiest) "
    r"| (?:rank|ranked|ranking|league table) "
)
RE_LEAST = re.compile(r" (?:least|lowest|fewest|safest|quietest|best|nicest) ")
# Set beside others: "Kenton East vs Kenton West", "safer than", "compared to the rest".
RE_VERSUS = re.compile(r" (?:vs|v|versus|than|compared|compare|comparison|against|or|and) ")
RE_REST = re.compile(
    r" (?:rest of (?:the )?(?:borough|harrow)|other wards|other areas|average|rest of the wards) "
)

MONTH_NAMES = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"),
)  # fmt: skip
MONTHS = {name: i for i, names in enumerate(MONTH_NAMES, start=1) for name in names}
MONTHS_FULL = tuple(names[0] for names in MONTH_NAMES)
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty four": 24,
}  # fmt: skip

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
RE_MONTH_YEAR = re.compile(rf"\b(?:in |for |during )?({_MONTH_NAMES}) (\d{{4}})\b")
RE_ISO_MONTH = re.compile(r"\b(\d{4}) (\d{1,2})\b")
RE_SINCE = re.compile(rf"\bsince (?:({_MONTH_NAMES}) )?(\d{{4}})\b")
RE_IN_YEAR = re.compile(r"\b(?:in|during|for) (\d{4})\b")
# "in october": the last October there has been. Only after a word that leads into a time, so
# "may" the verb is never a month.
RE_MONTH_ALONE = re.compile(
    r"\b(?:in|for|during|last|of) (" + "|".join(sorted(MONTHS_FULL, key=len, reverse=True)) + r")\b"
)
RE_LAST_N = re.compile(
    r"\b(?:last|past|previous) (\d{1,2}|" + "|".join(NUMBER_WORDS) + r") months?\b"
)


@dataclass(frozen=True)
class StatsQuery:
    """What a statistics question asks: category (None = all crime), where, and when."""

    text: str
    category: str | None = None
    ward: str | None = None
    near_me: bool = False
    month: date | None = None
    since: date | None = None
    until: date | None = None
    months: int | None = None
    wants_trend: bool = False
    latitude: float | None = None
    longitude: float | None = None
    unknown_place: str | None = None  # named, but no ward or borough of ours, as written
    postcode: Postcode | None = None  # a full postcode or an outward code ("HA3")
    wants_top: bool = False  # which kinds of crime: lead with the top categories
    ranking: str | None = None  # "most" or "least": the wards ranked, that end first
    compared: tuple[str, ...] = ()  # wards set beside each other (one: beside the others)


def normalise(text: str) -> str:
    text = text.casefold().replace("’", "'").replace("'", " ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return f" {' '.join(text.split())} "


def _has(text: str, phrases: Sequence[str]) -> bool:
    return any(f" {p} " in text for p in phrases)


_SINGLE_WORDS = {
    p: slug for slug, phrases in CATEGORY_PHRASES.items() for p in phrases if " " not in p
}


# "cars got nicked", "bikes getting pinched": the thing stolen, said as residents say it, reads
# as the category's own phrase ("cars stolen").
RE_STOLEN = re.compile(
    r" (?:(?:got|get|gets|getting|were|was|been|being|are|is) )?(?:nicked|pinched|swiped) "
    r"| (?:got|get|gets|getting|were|was|been|being|are|is) stolen "
)


def find_category(text: str) -> str | None:
    """The police.uk slug a question is about, allowing for plurals, synonyms and typos."""
    text = RE_STOLEN.sub(" stolen ", text)
    found = [
        (len(p), slug)
        for slug, phrases in CATEGORY_PHRASES.items()
        for p in phrases
        if f" {p} " in text
    ]
    if found:
        return max(found)[1]
    for word in text.split():
        if len(word) < 6:
            continue
        best = max(
            ((fuzz.ratio(word, w), slug) for w, slug in _SINGLE_WORDS.items() if len(w) >= 6),
            default=(0.0, ""),
        )
        if best[0] >= 85:
            return best[1]
    return None


def find_ward(text: str, wards: Sequence[str], threshold: float = 86.0) -> str | None:
    """A configured ward named in the text: exact words first, then close spellings."""
    for ward in sorted(wards, key=len, reverse=True):
        if normalise(ward) in text:
            return ward
    words = text.split()
    best: tuple[float, str] | None = None
    for ward in wards:
        target = normalise(ward).strip()
        size = len(target.split())
        for i in range(len(words) - size + 1):
            gram = " ".join(words[i : i + size])
            if len(gram) < 5:
                continue
            score = fuzz.ratio(gram, target)
            if score >= threshold and (best is None or score > best[0]):
                best = (score, ward)
    return best[1] if best else None


# Words that lead into a place ("burglary in Queensbury") and that follow one ("Queensbury area").
PLACE_BEFORE = frozenset({"in", "around", "near", "round", "for", "across"})
PLACE_AFTER = frozenset({"area", "ward", "neighbourhood", "neighborhood", "district"})
# Inside a place only when more of the place follows: "Walton on Thames", "Isle of Dogs".
PLACE_JOINERS = frozenset({"on", "upon", "of", "the", "le", "en"})
# Words that end a place: periods, figures, filler, crime words. "in the last month", "in 2025",
# "in my area" and "for burglary" name no place.
NOT_PLACE = (
    STOPWORDS
    | frozenset(MONTHS)
    | frozenset(w for phrase in NUMBER_WORDS for w in phrase.split())
    | frozenset(w for p in (*ALL_CRIME, *STATS_INTENT) for w in p.split())
    | frozenset(w for ps in CATEGORY_PHRASES.values() for p in ps for w in p.split())
    | PLACE_BEFORE
    | PLACE_AFTER
    | frozenset(
        """last past previous recent recently lately ago since during over until till before
        after month months year years week weeks day days today yesterday tonight tomorrow now
        currently current far date time times moment period quarter winter summer spring autumn
        night nights daytime evening evenings morning mornings weekend weekends one totals overall
        average counts level rise rises rising fall falls falling dropped
        drop better worse up down vs versus per percent percentage general particular detail
        terms comparison reported report reports happening happened happen lot lots many much
        more most less fewer bad safe common whole entire same wider each every all which
        whose nearby local locally live us mine people residents police officers met news
        thanks hello saw seen heard read said says noticed case cases""".split()
    )
)
# On their own these are kinds of premises or streets, not places: "burglaries in houses".
NOT_PLACE_ALONE = frozenset(
    """house houses home homes flat flats shop shops store stores car cars vehicle vehicles
    street streets road roads public place places areas wards borough bin bins kitchen drawer
    drawers bag bags pocket pockets garden gardens shed sheds loft garage""".split()
)
# Wider than any borough: named alone, they leave a question to the knowledge base, which has
# the Met's London-wide figures; in a figures question they are still said to have no figures.
WIDE_AREAS = frozenset(
    {"london", "greater london", "uk", "england", "britain", "great britain", "wales"}
)
RE_PLACE_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
RE_OPENING = re.compile(r"\s+[\"“‘'(]?")  # "in “Queensbury”" still names Queensbury
MAX_PLACE_WORDS = 4


@dataclass(frozen=True)
class _Word:
    key: str  # casefolded, for the word lists
    start: int
    end: int
    gap: str  # the characters between the previous word and this one


def _place_words(text: str) -> list[_Word]:
    """Words with what separates them, since punctuation ends a place ("Queensbury, Stanmore")."""
    words: list[_Word] = []
    for m in RE_PLACE_WORD.finditer(text):
        gap = text[words[-1].end if words else 0 : m.start()]
        words.append(_Word(m.group().casefold().replace("’", "'"), m.start(), m.end(), gap))
    return words


def _ends_place(word: _Word) -> bool:
    """Whether a word cannot be part of a place's name: "burgalry" ends one as "burglary" does."""
    key = word.key
    if key in NOT_PLACE or any(c.isdigit() for c in key):
        return True
    return find_category(f" {key} ") is not None


def _span_after(words: list[_Word], i: int) -> tuple[int, int] | None:
    """The place after "in" and the like, as an index range.

    At most a few words, so a long clause is never quoted back to the resident as a place name.
    """
    if i < len(words) and words[i].key in ("the", "a", "an") and words[i].gap.isspace():
        i += 1
    if i >= len(words) or not RE_OPENING.fullmatch(words[i].gap):
        return None
    end = i
    while end < len(words) and end - i < MAX_PLACE_WORDS:
        word = words[end]
        if end > i and not word.gap.isspace():
            break  # punctuation ends a place: "in Queensbury, last month"
        if _ends_place(word) and not (word.key in PLACE_JOINERS and end > i):
            break
        end += 1
    while end > i and words[end - 1].key in PLACE_JOINERS:
        end -= 1
    return (i, end) if end > i else None


def _span_before(words: list[_Word], i: int) -> tuple[int, int] | None:
    """The place before "area" and the like ("Queensbury area"), as an index range."""
    start = i
    while (
        start > 0
        and i - start < MAX_PLACE_WORDS
        and words[start].gap.isspace()
        and not _ends_place(words[start - 1])
    ):
        start -= 1
    return (start, i) if start < i else None


def _names_borough(name: str, borough: str) -> bool:
    """Whether a place is the borough after all: its figures are the answer, so nothing to say."""
    own = normalise(borough).split()
    words = normalise(name).split()
    if not words or set(words) <= {"the", "borough", "council"}:
        return True
    if set(own) <= set(words) and set(words) - set(own) <= {"london", "borough", "of", "council"}:
        return True
    return fuzz.ratio(" ".join(words), " ".join(own)) >= 86


def find_unknown_place(
    text: str, wards: Sequence[str], borough: str = "Harrow", asks_figures: bool = True
) -> str | None:
    """A place named after "in", "near", "around"... (or before "area") that is not one of ours.

    After "for" only in a message that asks for figures ("crime stats for Croydon"): otherwise
    "call for help" or "a knife for carving the turkey" would name a place.
    Returned as the resident wrote it, so the reply can quote it back.
    """
    words = _place_words(text)
    for i, word in enumerate(words):
        if word.key == "for" and not asks_figures:
            continue
        if word.key in PLACE_BEFORE:
            span = _span_after(words, i + 1)
        elif word.key in PLACE_AFTER:
            span = _span_before(words, i)
        else:
            continue
        if span is None:
            continue
        first, last = words[span[0]], words[span[1] - 1]
        if {w.key for w in words[span[0] : span[1]]} <= NOT_PLACE_ALONE | PLACE_JOINERS:
            continue
        name = text[first.start : last.end]
        if _names_borough(name, borough) or find_ward(normalise(name), wards) is not None:
            continue
        return name
    return None


@lru_cache(maxsize=8)  # one borough's wards, asked of every figures-like question
def _shared_first_words(wards: tuple[str, ...], borough: str) -> frozenset[str]:
    own = normalise(borough).strip()
    firsts = Counter(words[0] for words in (normalise(w).split() for w in wards) if len(words) > 1)
    return frozenset(word for word, count in firsts.items() if count >= 2 and word != own)


def shared_ward_word(text: str, wards: Sequence[str], borough: str = "Harrow") -> str | None:
    """A word that begins the names of two or more wards, named with no ward of its own and no
    "in" before it ("burglary wealdstone this year"): which ward is meant is for the resident
    to choose. Not the borough's own name, which begins "Harrow Weald" and "Harrow on the
    Hill". Returned as written, so the reply can quote it back."""
    shared = _shared_first_words(tuple(wards), borough)
    for word in _place_words(text):
        if word.key in shared:
            return text[word.start : word.end]
    return None


def find_wards(text: str, wards: Sequence[str]) -> list[str]:
    """Every configured ward the normalised text names word for word, in the order written;
    a longer name first, so "Pinner South" is not also "Pinner"."""
    found: list[tuple[int, str]] = []
    for ward in sorted(wards, key=len, reverse=True):
        name = normalise(ward)
        at = text.find(name)
        if at >= 0:
            found.append((at, ward))
            text = text[:at] + " " * (len(name) - 1) + text[at + len(name) - 1 :]
    return [ward for _, ward in sorted(found)]


def find_ranking(norm: str, wards: Sequence[str]) -> tuple[str | None, tuple[str, ...]]:
    """Whether a question ranks the wards ("which ward has the most crime": ``"most"``; "the
    safest area": ``"least"``) or sets wards beside each other ("is Kenton East safer than
    Kenton West", "Headstone compared to the rest of the borough"), as (ranking, wards)."""
    named = find_wards(norm, wards)
    if len(named) >= 2 and RE_VERSUS.search(norm):
        return None, tuple(named)
    if len(named) == 1 and RE_REST.search(norm):
        return None, tuple(named)
    if named or not RE_AREA_WORD.search(norm) or _has(norm, TOP_INTENT + NEAR_ME):
        return None, ()
    if RE_LEAST.search(norm):
        return "least", ()
    if RE_MOST.search(norm):
        return "most", ()
    return None, ()


def _number(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[text]


def parse_period(text: str, today: date) -> dict[str, object]:
    """Period fields of a :class:`StatsQuery` from normalised text."""
    if match := RE_LAST_N.search(text):
        return {"months": max(1, min(_number(match.group(1)), 60)), "wants_trend": True}
    if _has(text, ("past year", "last 12 months", "last twelve months", "over the year")):
        return {"months": 12, "wants_trend": True}
    if match := RE_SINCE.search(text):
        month = MONTHS.get(match.group(1) or "", 1)
        return {"since": date(int(match.group(2)), month, 1), "wants_trend": True}
    if _has(text, ("this year", "so far this year", "year to date")):
        return {"since": date(today.year, 1, 1), "wants_trend": True}
    if _has(text, ("last year",)):
        return {
            "since": date(today.year - 1, 1, 1),
            "until": date(today.year - 1, 12, 1),
            "wants_trend": True,
        }
    if match := RE_MONTH_YEAR.search(text):
        return {"month": date(int(match.group(2)), MONTHS[match.group(1)], 1)}
    if (match := RE_ISO_MONTH.search(text)) and 1 <= int(match.group(2)) <= 12:
        return {"month": date(int(match.group(1)), int(match.group(2)), 1)}
    if match := RE_IN_YEAR.search(text):
        year = int(match.group(1))
        return {"since": date(year, 1, 1), "until": date(year, 12, 1), "wants_trend": True}
    return {}


def last_month_named(text: str, today: date) -> date | None:
    """The month of "in october": the last October there has been. It only says which month a
    figures question means; on its own it makes no question one ("the meeting in November")."""
    if match := RE_MONTH_ALONE.search(text):
        month = MONTHS[match.group(1)]
        return date(today.year if month <= today.month else today.year - 1, month, 1)
    return None


def parse_stats_question(
    text: str, wards: Sequence[str], today: date | None = None, borough: str = "Harrow"
) -> StatsQuery | None:
    """A :class:`StatsQuery` if ``text`` asks for crime figures, else None."""
    text = courtesy_in_english(text)  # "bhai which area has more robbery": no place called Bhai
    norm = normalise(text)
    category = find_category(norm)
    all_crime = _has(norm, ALL_CRIME)
    ranking, compared = find_ranking(norm, wards)
    about_crime = category is not None or all_crime or _has(norm, SAFETY_WORDS)
    thanked = _has(norm, THANKS) and len(norm.split()) > 8  # not "burglaries in pinner thanks"
    if thanked and not _has(norm, STATS_INTENT):
        return None
    if (ranking or compared) and about_crime and not _has(norm, PREVENTION + FIGURES_OF_SPEECH):
        return StatsQuery(text=text, category=category, ranking=ranking, compared=compared)
    if category is None and not all_crime and not _has(norm, FIGURES_ALONE):
        return None
    ward = find_ward(norm, wards)
    if category is None and not all_crime and ward is None:
        return None  # "stats" alone, without a ward, is not a figures question
    postcode = find_postcode(text) if ward is None else None
    near = _has(norm, NEAR_ME) and postcode is None
    intent = _has(norm, STATS_INTENT)
    today = today or date.today()
    period = parse_period(norm, today)
    if _has(norm, PREVENTION + FIGURES_OF_SPEECH) and not _has(norm, STRONG_INTENT):
        return None
    if _has(norm, OUTCOMES + HOW_OFTEN_BEFORE):
        return None
    told = tells_of_event(_LIVES.sub(" ", text))
    if told and not intent and (not period or _DONE_TO.search(norm)):
        # a story that names a crime and a place asks for no figures, dated or not: "the man who
        # robbed my shop last year never turned up to court"
        return None
    located = ward is not None or near or postcode is not None
    strong = _has(norm, STRONG_INTENT)
    unknown = None if located else find_unknown_place(text, wards, borough, strong)
    if not located and unknown is None and (intent or period or len(norm.split()) <= 5):
        # named as the place of a figures question only: "the shoplifting on wealdstone high
        # street is getting silly" asks for no figures of two wards
        unknown = shared_ward_word(text, wards, borough)
    story_place = (unknown is not None and not located) or (near and category is not None)
    if story_place and not (ward or intent or period) and len(norm.split()) > 12:
        # a place in a long message that asks for no figures is where something happened: "a
        # boy showed him a knife in the school toilets last week, should i tell the police", "a
        # van parked in my street for days, men looking at the houses, is this a burglary plan"
        return None
    if not (intent or period) and _has(norm, RUMOUR_CHECK):
        # a rumour to check asks for no figures: "warning going round, burglars marking houses
        # with chalk in pinner, is this true"
        return None
    wide = unknown is not None and normalise(unknown).strip() in WIDE_AREAS
    place = (
        located
        or _has(norm, (normalise(borough).strip(), "the borough", "borough"))
        or (unknown is not None and not wide)
    )
    if not (intent or period or place):
        return None
    if category is None and not (place or period):
        # "has neighbourhood crime gone down" asks about the Met's headline results, which the
        # knowledge base answers from the newsletter; figures need a place, period or category.
        return None
    month = None if period else last_month_named(norm, today)
    trend_words = _has(norm, ("trend", "rising", "going up", "gone up", "going down", "increase"))
    return StatsQuery(
        text=text,
        category=category,
        ward=ward,
        near_me=near and ward is None,
        wants_trend=bool(period.get("wants_trend")) or trend_words,
        month=period.get("month") or month,  # type: ignore[arg-type]
        since=period.get("since"),  # type: ignore[arg-type]
        until=period.get("until"),  # type: ignore[arg-type]
        months=period.get("months"),  # type: ignore[arg-type]
        unknown_place=unknown,
        postcode=postcode,
        wants_top=category is None and _has(norm, TOP_INTENT),
    )


def is_strong(query: StatsQuery) -> bool:
    """Whether a figures question says so plainly: "how many", a period, a place, near me."""
    norm = normalise(query.text)
    named_place = query.unknown_place is not None and (
        normalise(query.unknown_place).strip() not in WIDE_AREAS
    )
    return bool(
        _has(norm, STRONG_INTENT)
        or query.ranking
        or query.compared
        or query.wants_top
        or query.ward
        or query.near_me
        or query.postcode
        or named_place
        or query.month
        or query.since
        or query.months
    )
