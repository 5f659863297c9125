"""The emergency guard: spot messages that describe danger happening now, before anything else runs.

A resident in trouble writes in a hurry ("sum1 got a nife outside", "HELP!!!", "im bein followed"),
so the guard first *normalises* the text: Unicode and case folding, control characters and
punctuation dropped, repeated letters squeezed ("helppp"), text-speak and a curated list of
misspellings mapped ("sum1" -> "someone", "nife" -> "knife"), and a strict fuzzy match for long
danger words ("intrudrr", "atackign"): one edit with the same first letter (two from eight letters,
with the same first two letters and nearly the same letters), never onto a real English word.

Then hand-written rules run on each clause (the text between punctuation marks) and on the whole:

* **strong** patterns are emergencies on their own: "i am being followed", "someone has a gun",
  "house is on fire", "not breathing", "being stabbed", "threatening to jump", "my drink was
  spiked" (no time given: it has just happened);
* **weak** patterns name a danger ("a fight", "a knife", "burglars") and need a *now* signal in the
  same clause: "outside", "downstairs", "in my house", "right now", "is ...ing", an urgent plea;
* **vetoes** switch both off: how-to, hypothetical, statistical, media and legal framing ("how do
  i", "what should i do if", "tips", "stats", "course") in the same clause, and plainly past events
  ("last week", "yesterday", "ago") anywhere in the message. An explicit now ("right now", "as we
  speak") or an urgent plea for help ("help me please", "HELP!!!") overrides a veto.

A message that is not an emergency but asks to report a crime, or tells of being the victim of a
past one, gets ``Verdict.REPORT``. ``assess`` is pure, looks only at the first ``MAX_CHARS``
characters and never raises: on any internal failure it answers ``Verdict.NONE``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

# pills by the names residents give them, shared with the signs of danger told in pairs
from bot.danger_signs import PILLS as _PILLS
from bot.danger_signs import told_by_signs
from bot.pattern_cache import compiled
from bot.text import REPORT_ASK, WHAT_IF

MAX_CHARS = 1000

DANGER_FIRST = "If you or someone else is in danger right now, call 999."
EMERGENCY_REPLY = (
    f"{DANGER_FIRST}\n\n"
    "If you cannot speak, call 999, stay on the line and cough or tap the handset. On a mobile, "
    "press 55 when asked (the Silent Solution) and your call will be put through to the police.\n\n"
    "If you are deaf or speech-impaired, use text relay on 18000, or text 999 if you have "
    "registered with emergencySMS.\n\n"
    "This bot cannot send help or alert officers."
)

# A report reply opens and closes with these; the most specific route for the crime described
# (fraud, hate crime, domestic abuse...) goes between them when the knowledge base has one.
REPORT_HEAD = (
    "I can’t take crime reports here: a crime has to be reported to the police directly.\n\n"
    "If it is happening now or someone is in danger, call 999."
)
REPORT_TAIL = (
    "Otherwise call 101 or report online at https://www.met.police.uk/ro/report/\n\n"
    "To stay anonymous, contact Crimestoppers on 0800 555 111 or at https://crimestoppers-uk.org/"
)
REPORT_REPLY = f"{REPORT_HEAD}\n\n{REPORT_TAIL}"


class Verdict(StrEnum):
    EMERGENCY = "emergency"  # danger happening now: the reply starts with calling 999
    REPORT = "report"  # wants to report a non-urgent crime: 101, online, Crimestoppers
    NONE = "none"  # an ordinary message


@dataclass(frozen=True, slots=True)
class SafetyVerdict:
    verdict: Verdict
    reason: str  # a short label such as "weapon" or "report-crime"; "" for NONE


NONE_VERDICT = SafetyVerdict(Verdict.NONE, "")
REPORT_VERDICT = SafetyVerdict(Verdict.REPORT, "report-crime")

# ------------------------------------------------------------------------------------------------
# Normalisation
# ------------------------------------------------------------------------------------------------

# Control characters become spaces; invisible format characters (zero-width space, soft hyphen,
# bidi marks) vanish so that "he\u200blp" still reads "help".
_CONTROLS = {c: " " for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)}
_CONTROLS.update({c: " " for c in range(0x80, 0xA0)})
_CONTROLS.update(
    {
        c: None
        for c in (
            0xAD,
            0x180E,
            *range(0x200B, 0x2010),
            *range(0x202A, 0x202F),
            *range(0x2060, 0x2070),
            0xFEFF,
        )
    }
)

_COMMAND = re.compile(r"^\s*/[a-z0-9_]+(?:@\w+)?", re.IGNORECASE)
_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
# Laughing emoji, read as the "lol" they stand for: "my wife will kill me if im late again 😂"
# (not the crying face, which residents also use in distress)
_LAUGHING = re.compile("[\U0001f602\U0001f923\U0001f606\U0001f605\U0001f639]")
_CLAUSE_BREAK = re.compile(r"[.!?;:,()\[\]{}\n\r\t\u2026\u2013\u2014|/\\\"“”]+|\s-+\s")
_NON_WORD = re.compile(r"[^\w\s]|_")
_REPEAT3 = re.compile(r"(\w)\1{2,}")
_REPEAT2 = re.compile(r"(\w)\1+")

# Text-speak, contractions (apostrophes are already gone) and curated misspellings. A value may be
# several words. Only unambiguous forms belong here: "ill", "were", "id", "theirs" are real words.
TOKEN_FIXES: dict[str, str] = {
    # habits: "smeone keps tryin my car door" is the nuisance "keeps trying" is
    "keps": "keeps",
    "kepps": "keeps",
    # people and pronouns
    "sum1": "someone",
    "some1": "someone",
    "som1": "someone",
    "sumone": "someone",
    "somone": "someone",
    "someon": "someone",
    "smone": "someone",
    "sumwun": "someone",
    "sombody": "somebody",
    "sumbody": "somebody",
    "somebdy": "somebody",
    "sum1s": "someone is",
    "someones": "someone is",
    "somebodys": "somebody is",
    "any1": "anyone",
    "ne1": "anyone",
    "ppl": "people",
    "peeps": "people",
    "bloke": "man",
    "geezer": "man",
    "fella": "man",
    "guys": "men",
    "blokes": "men",
    "im": "i am",
    "iam": "i am",
    "ive": "i have",
    "theyve": "they have",
    "youve": "you have",
    "thems": "them is",
    "hes": "he is",
    "shes": "she is",
    "theyre": "they are",
    "thye": "they",
    "ther": "there",
    "thr": "there",
    "theres": "there is",
    "thers": "there is",
    "therez": "there is",
    "wheres": "where is",
    "whats": "what is",
    "wat": "what",
    "wot": "what",
    "its": "it is",
    "itz": "it is",
    "thats": "that is",
    "dats": "that is",
    "weve": "we have",
    "u": "you",
    "ya": "you",
    "ur": "your",
    "r": "are",
    "b": "be",
    "n": "and",
    "y": "why",
    "da": "the",
    "tha": "the",
    "teh": "the",
    "dis": "this",
    "dat": "that",
    "wiv": "with",
    "wid": "with",
    "w": "with",
    "bc": "because",
    "cos": "because",
    "cus": "because",
    "cuz": "because",
    "coz": "because",
    # verbs and negations
    "bein": "being",
    "goin": "going",
    "gonna": "going to",
    "gna": "going to",
    "gunna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "dont": "do not",
    "dnt": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "cannot",
    "cnt": "cannot",
    "carnt": "cannot",
    "couldnt": "could not",
    "wont": "will not",
    "isnt": "is not",
    "aint": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "havent": "have not",
    "hasnt": "has not",
    "shouldnt": "should not",
    "wouldnt": "would not",
    "tryin": "trying",
    "tring": "trying",
    "tryna": "trying to",
    "comin": "coming",
    "lookin": "looking",
    "waitin": "waiting",
    "hidin": "hiding",
    "shoutin": "shouting",
    "screamin": "screaming",
    "chasin": "chasing",
    "holdin": "holding",
    "wavin": "waving",
    "carryin": "carrying",
    "pointin": "pointing",
    "threatnin": "threatening",
    "threating": "threatening",
    "threatning": "threatening",
    "thretening": "threatening",
    "treatening": "threatening",
    # urgency
    "pls": "please",
    "plz": "please",
    "plez": "please",
    "pleas": "please",
    "pleez": "please",
    "pleeze": "please",
    "plse": "please",
    "hlp": "help",
    "halp": "help",
    "hepl": "help",
    "hepp": "help",
    "hep": "help",
    "hellp": "help",
    "helpp": "help",
    "hlep": "help",
    "hurri": "hurry",
    "hury": "hurry",
    "hurrey": "hurry",
    "quik": "quick",
    "qick": "quick",
    "quikly": "quickly",
    "qwik": "quick",
    "emergancy": "emergency",
    "emergeny": "emergency",
    "emergncy": "emergency",
    "emrgency": "emergency",
    "emergancey": "emergency",
    "nw": "now",
    "rite": "right",
    "ryt": "right",
    "rigt": "right",
    "rn": "right now",
    "atm": "at the moment",
    "rly": "really",
    # times, as thumbs and dictation spell them: "brake in to my car last nite"
    "nite": "night",
    "nyt": "night",
    "lastnight": "last night",
    "tonite": "tonight",
    "2nite": "tonight",
    "2night": "tonight",
    "yday": "yesterday",
    "yest": "yesterday",
    "yesterdy": "yesterday",
    "yesturday": "yesterday",
    "yestarday": "yesterday",
    "2day": "today",
    "tday": "today",
    # places
    "outsid": "outside",
    "outsde": "outside",
    "oustide": "outside",
    "outisde": "outside",
    "outide": "outside",
    "downstair": "downstairs",
    "dwnstairs": "downstairs",
    "downstares": "downstairs",
    "upstair": "upstairs",
    "upstares": "upstairs",
    "hous": "house",
    "hse": "house",
    "howse": "house",
    "gardan": "garden",
    "gardn": "garden",
    "dor": "door",
    "nxt": "next",
    "naybour": "neighbour",
    "neighbor": "neighbour",
    "neighbors": "neighbours",
    "nieghbour": "neighbour",
    "neibour": "neighbour",
    # weapons
    "nife": "knife",
    "nif": "knife",
    "knif": "knife",
    "kife": "knife",
    "knfe": "knife",
    "kinfe": "knife",
    "nyf": "knife",
    "nives": "knives",
    "knifes": "knives",
    "nifes": "knives",
    "shank": "knife",
    "shanks": "knives",
    "blaed": "blade",
    "machette": "machete",
    "machetty": "machete",
    "mashete": "machete",
    "machet": "machete",
    "mechete": "machete",
    "machettes": "machetes",
    "gunn": "gun",
    "shotty": "shotgun",
    "pistle": "pistol",
    "pistal": "pistol",
    "wepon": "weapon",
    "weopon": "weapon",
    "weppon": "weapon",
    "wepons": "weapons",
    # violence
    "fite": "fight",
    "fyt": "fight",
    "figth": "fight",
    "fihgt": "fight",
    "fitin": "fighting",
    "fiting": "fighting",
    "fiteing": "fighting",
    "fightin": "fighting",
    "fytin": "fighting",
    "stabed": "stabbed",
    "stabd": "stabbed",
    "stabbd": "stabbed",
    "stabing": "stabbing",
    "stabin": "stabbing",
    "stabbin": "stabbing",
    "atack": "attack",
    "attak": "attack",
    "atacked": "attacked",
    "attaked": "attacked",
    "attackd": "attacked",
    "attacted": "attacked",
    "atacking": "attacking",
    "attakin": "attacking",
    "attakking": "attacking",
    "atackin": "attacking",
    "attackin": "attacking",
    "attacing": "attacking",
    "beatin": "beating",
    "beetin": "beating",
    "beeting": "beating",
    "hittin": "hitting",
    "hiting": "hitting",
    "punchin": "punching",
    "kickin": "kicking",
    "kiking": "kicking",
    "shootin": "shooting",
    "shoting": "shooting",
    "chokin": "choking",
    "stranglin": "strangling",
    "assalted": "assaulted",
    "asaulted": "assaulted",
    "asalted": "assaulted",
    "muggin": "mugging",
    "mugd": "mugged",
    "hurtin": "hurting",
    "kil": "kill",
    "kiling": "killing",
    "killin": "killing",
    "murda": "murder",
    "merder": "murder",
    # break-ins
    "breakin": "breaking",
    "brakin": "breaking",
    "breakng": "breaking",
    "breking": "breaking",
    "brokin": "broken",
    "brokn": "broken",
    "intruda": "intruder",
    "intrudor": "intruder",
    "intrudr": "intruder",
    "intrudder": "intruder",
    "intuder": "intruder",
    "burgler": "burglar",
    "burgular": "burglar",
    "burglr": "burglar",
    "burgalar": "burglar",
    "burglers": "burglars",
    "burgulars": "burglars",
    "burgalry": "burglary",
    "burgulary": "burglary",
    "burglery": "burglary",
    "buglary": "burglary",
    "theif": "thief",
    "theifs": "thieves",
    "theives": "thieves",
    "robers": "robbers",
    "rober": "robber",
    # following
    "folowed": "followed",
    "follwed": "followed",
    "followd": "followed",
    "folowd": "followed",
    "follod": "followed",
    "follwd": "followed",
    "folloed": "followed",
    "foloed": "followed",
    "folowing": "following",
    "follwing": "following",
    "followin": "following",
    "folloing": "following",
    "folowin": "following",
    "follwoing": "following",
    "followng": "following",
    "stalkin": "stalking",
    "stalkd": "stalked",
    "chaseing": "chasing",
    "chasd": "chased",
    # fire
    "fier": "fire",
    "fyre": "fire",
    "fyer": "fire",
    "fiyah": "fire",
    "fiyer": "fire",
    "smok": "smoke",
    "smoak": "smoke",
    "burnin": "burning",
    "burining": "burning",
    "flams": "flames",
    "flamez": "flames",
    # crashes and medical
    "crashd": "crashed",
    "chrash": "crash",
    "acident": "accident",
    "accidnt": "accident",
    "accedent": "accident",
    "colision": "collision",
    "injerd": "injured",
    "injred": "injured",
    "injurd": "injured",
    "hurted": "hurt",
    "unconcious": "unconscious",
    "unconsious": "unconscious",
    "unconscius": "unconscious",
    "unconshus": "unconscious",
    "unconcsious": "unconscious",
    "unconsciuos": "unconscious",
    "breathin": "breathing",
    "breething": "breathing",
    "breatheing": "breathing",
    "breating": "breathing",
    "brething": "breathing",
    "breath": "breathe",
    "breahe": "breathe",
    "bleedin": "bleeding",
    "bleding": "bleeding",
    "bledding": "bleeding",
    "colapsed": "collapsed",
    "collasped": "collapsed",
    "colasped": "collapsed",
    "collapsd": "collapsed",
    "siezure": "seizure",
    "seizur": "seizure",
    "ambulence": "ambulance",
    "ambulanse": "ambulance",
    "amblance": "ambulance",
    "ambulnce": "ambulance",
    "respondin": "responding",
    # danger
    "kidnaped": "kidnapped",
    "kidnappd": "kidnapped",
    "kidnapt": "kidnapped",
    "kidnaping": "kidnapping",
    "abductd": "abducted",
    "drownin": "drowning",
    "drowing": "drowning",
    "drownding": "drowning",
    "drowining": "drowning",
    "missin": "missing",
    "mising": "missing",
    "jumpin": "jumping",
    "danga": "danger",
    "scard": "scared",
    "terified": "terrified",
    "trapt": "trapped",
    "traped": "trapped",
    "hostige": "hostage",
    "sucidal": "suicidal",
    "suicidle": "suicidal",
    # spiking and sexual offences
    "spikd": "spiked",
    "spiekd": "spiked",
    "spkied": "spiked",
    "spikde": "spiked",
    "spikked": "spiked",
    "spicked": "spiked",
    "spyked": "spiked",
    "spikin": "spiking",
    "spikeing": "spiking",
    "drugd": "drugged",
    "druged": "drugged",
    "drnk": "drink",
    "dirnk": "drink",
    "drikn": "drink",
    "exposd": "exposed",
    "exposin": "exposing",
    "flashin": "flashing",
    "hisself": "himself",
    "himslef": "himself",
    # police and reporting
    "polise": "police",
    "pollice": "police",
    "polis": "police",
    "feds": "police",
    "cops": "police",
    "repot": "report",
    "reprot": "report",
    "raport": "report",
    "stollen": "stolen",
    "stolan": "stolen",
    "nicked": "stolen",
    "pinched": "stolen",
    "scamed": "scammed",
    "scamd": "scammed",
    "anonymusly": "anonymously",
    "anonomously": "anonymously",
    "anonymosly": "anonymously",
    "anon": "anonymously",
    "dealin": "dealing",
}

# Phrase-level repairs, applied to the space-padded text after the token fixes.
_PHRASE_FIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r" (he|she|it|someone|somebody|there|who|that) is (got|been) "), r" \1 has \2 "),
    (re.compile(r" (?:braking|brake|brakes) (in|into|down) "), r" breaking \1 "),
    (re.compile(r" (a|the|been an?) breaking(?: in)? "), r" \1 break in "),
    (re.compile(r" break ins? "), " break in "),
    (re.compile(r" (broke|broken) in (?:to|2) "), r" \1 into "),
    (re.compile(r" some (one|body) "), r" some\1 "),
    (re.compile(r" set (?:on )?fire "), " set fire "),
    (re.compile(r" fire fighters? "), " firefighter "),
    (re.compile(r" (?:little|lil) (?:1|one|un) "), " little one "),
    (re.compile(r" (every|each|last|this|next) weak "), r" \1 week "),
    # "he'll" with its apostrophe dropped: "says if i leave hell kill me"
    (
        re.compile(r" (he|she)ll (kill|hurt|stab|hit|shoot|burn|do|come|find|get|beat|smash) "),
        r" \1 will \2 ",
    ),
)

# Canonical danger words that the strict fuzzy match may recover from an unknown, long token.
FUZZY_VOCAB: tuple[str, ...] = (
    "ambulance",
    "assaulted",
    "attacked",
    "attacking",
    "bleeding",
    "breaking",
    "breathing",
    "burglar",
    "burglars",
    "collapsed",
    "downstairs",
    "drowning",
    "emergency",
    "fighting",
    "followed",
    "following",
    "intruder",
    "intruders",
    "kidnapped",
    "machete",
    "missing",
    "outside",
    "overdose",
    "screaming",
    "seizure",
    "shooting",
    "somebody",
    "someone",
    "stabbed",
    "stabbing",
    "stalked",
    "stalking",
    "strangling",
    "suicidal",
    "terrified",
    "threatening",
    "trapped",
    "unconscious",
    "unresponsive",
)

# Real words within one edit of a danger word (found by checking British and American word
# lists): the fuzzy match must never "correct" these.
FUZZY_STOP: frozenset[str] = frozenset(
    (
        "ambulances assaulter assaults attached attaching attacker attackers bleaker bleedings "
        "bleeping blending braking breaching breading breathings breeding burglared burglaries "
        "burglarys collapse collapses creaming downing downstairss dreaming droning drownings "
        "drowsing emergence emergencys fallowed fallowing fightings fitting flighting follower "
        "followers followings frighting intrude intruded intrudes intruding kidnapper "
        "kidnappers lighting massing messing misting misusing mussing outsider outsiders "
        "outsides outsize overdoes overdone overdoses overdue pleased pleaser pleases release "
        "scabbed scabbing scheming scooting screamer seizing seizures shooing shooter shooters "
        "shootings shorting shouting slabbed slabbing someday somehow someplace sometime "
        "somewhat stabbings stabled stabling stacked stacking staked staking staled staling "
        "stalker stalkers stalkings stalled stalling steaming straggling stranding stranger "
        "strangers streaming stubbed stubbing swabbed swabbing tapped terrifies tramped trapper "
        "trapping tripped tripping wrangling burglarise outsized overrode scramming "
        "threateningly unconsciously"
    ).split()
)


def _vocabulary() -> frozenset[str]:
    words: set[str] = set(TOKEN_FIXES) | set(FUZZY_VOCAB)
    for value in TOKEN_FIXES.values():
        words.update(value.split())
    return frozenset(words)


def _collapse(token: str, known: frozenset[str]) -> str:
    """Squeeze runs of three or more letters ("helppp"), down to one if that makes a known word."""
    squeezed = _REPEAT3.sub(r"\1\1", token)
    if squeezed == token or squeezed in known:
        return squeezed
    single = _REPEAT2.sub(r"\1", squeezed)
    return single if single in known else squeezed


@lru_cache(maxsize=8192)
def _fix_token(token: str) -> str:
    if token.isdigit() or len(token) > 30:
        return token
    token = _collapse(token, _KNOWN)
    fixed = TOKEN_FIXES.get(token)
    if fixed is not None:
        return fixed
    if token in _KNOWN:
        return token
    if token.endswith("in") and token + "g" in _FUZZY_SET:  # "stabbin", "followin"
        return token + "g"
    if len(token) >= 6 and token.isascii() and token.isalpha() and token not in FUZZY_STOP:
        return _fuzzy(token) or token
    return token


def _fuzzy(token: str) -> str | None:
    """The danger word ``token`` misspells, if any: one edit with the same first letter, or (from
    eight letters) two edits with the same first two letters and nearly the same letters, as a
    slip of the thumb makes ("atackign", "folowwing") and a different word seldom does."""
    limit = 2 if len(token) >= 8 else 1
    found = extractOne(token, FUZZY_VOCAB, scorer=OSA.distance, score_cutoff=limit)
    if found is None:
        return None
    word, distance = str(found[0]), found[1]
    if distance <= 1:
        return word if word[0] == token[0] else None
    if word[:2] != token[:2]:
        return None
    spare, missing = Counter(token), Counter(word)
    return word if (spare - missing).total() + (missing - spare).total() <= 2 else None


def _normalise_clause(clause: str) -> str:
    words = _NON_WORD.sub(" ", clause).split()
    text = " " + " ".join(_fix_token(w) for w in words) + " "
    for pattern, repl in _PHRASE_FIXES:
        text = pattern.sub(repl, text)
    return text


def _prepare(text: str) -> tuple[str, list[str]]:
    """The lightly cleaned original (for "HELP!") and the normalised, space-padded clauses."""
    raw = unicodedata.normalize("NFKC", text[:MAX_CHARS].translate(_CONTROLS))
    raw = _COMMAND.sub(" ", raw, count=1).strip()
    folded = _LAUGHING.sub(" lol ", _APOSTROPHES.sub("", raw.casefold()))
    clauses = [_normalise_clause(part) for part in _CLAUSE_BREAK.split(folded)]
    return raw, [c for c in clauses if c.strip()]


# ------------------------------------------------------------------------------------------------
# Vocabulary shared by the rules (which all run on " normalised text " padded with spaces)
# ------------------------------------------------------------------------------------------------


# A joke marker turns danger words into a figure of speech ("send help lol").
_JOKE = r"(?:lo+l|lmf?a+o+|(?:ha){2,}h?|jk|rofl)"


def _alt(words: str) -> str:
    """A non-capturing alternation from a space-separated list; "_" stands for a space."""
    return "(?:" + "|".join(w.replace("_", " ") for w in words.split()) + ")"


_KIN = _alt(
    "mum mom mother dad father son daughter child children kid kids baby toddler boy girl husband "
    "wife partner friend mate brother sister nan nanny gran granny grandma grandad grandpa "
    "grandson granddaughter nephew niece cousin uncle aunt auntie neighbour flatmate boyfriend "
    "girlfriend ex sons daughters friends mates family little_one little_boy little_girl "
    "teenager carer housemate stepdad step_dad stepmum step_mum colleague"
)
_PERSON = _alt(
    "man woman boy girl child kid guy lady person lad teenager teen youth stranger baby cyclist "
    "driver pedestrian biker motorcyclist old_man old_lady student pupil shopkeeper "
    "homeless_man homeless_woman security_guard bus_driver"
)
_WHO = (
    r"(?:someone|somebody|anyone|people|men|women|youths|lads|boys|girls|kids|a gang|gang|"
    r"he|she|they|we|i|strangers|a group|two men|2 men|three men|some men|some lads|some kids|"
    r"some boys|some people|someone i do not know|one of them|one of the \w+|"
    rf"(?:a|an|the|this|that) (?:\w+ )?{_PERSON}|(?:my|our|his|her|their|a|the) {_KIN})"
)
_PLACE = _alt(
    "house home flat garden back_garden front_garden room bedroom kitchen bathroom loft attic "
    "shed garage hallway hall building property yard stairwell block driveway drive porch "
    "doorstep door front_door back_door window balcony living_room lounge basement cellar "
    "landing office shop car street road close estate park playground station bus_stop alley "
    "underpass car_park"
)
_NOT_PROGRESSIVE = _alt(
    "being going doing getting thinking wondering planning asking hoping reading writing working "
    "living moving rising increasing falling decreasing growing looking saying talking "
    "happening closing opening running coming starting becoming trying using wanting waiting "
    "offering providing holding_a_meeting taking_place printing sending bringing anything "
    "something nothing everything carrying"
)
# Signals that the danger is happening now (for weak rules): a time or a place, or a verb in the
# present progressive ("they are fighting"), which is too loose for burglars and flashers ("are
# targeting", "police are investigating").
# "Quick" urges ("come quick", "hes got a knife quick"), but not as an opener or a modifier:
# "quick question, is the domestic abuse helpline free" had read as danger now.
# Nor a manner told of the past: "the teacher catch her very quick and she is fine".
_QUICK = (
    r"(?<!very )(?<!so )"
    r"quick(?! (?:question|questions|one|q|query|thing|note|check|ask|look|chat|word))"
)
# "need to report asap" hurries the report, not the police: the crime is over
_ASAP = r"(?<!report )(?<!reported )(?<!reporting )asap"
# not "nothing's happening now" nor "it's not happening now"
_HAPPENING_NOW = r"(?<!nothings )(?<!nothing is )(?<!not )happening now"
_NOW_PLACE = re.compile(
    rf" (?:right now|{_HAPPENING_NOW}|going on now|as we speak|at the moment|currently|this minute|"
    r"this second|as i (?:type|write)(?: this)?|"
    r"(?:is|are|has|have|has come|have come|came) back|back again|still here|"
    rf"still there|still outside|still inside|hurry|{_QUICK}|quickly|{_ASAP}|urgent|"
    r"urgently|immediately|come quick|come now|just now|just happened|has just|have just|"
    r"minutes ago|a minute ago|seconds ago|mins ago|"
    r"is just|are just|just got|just been|just seen|just saw|just started|outside|downstairs|"
    r"upstairs|next door|here|over here|in here|out here|emergency|999|sos|call the police|"
    # a place named with what it belongs to: "in the mosque car park", "at the school gate"
    rf"(?:in|inside|at|on|by|near|outside|round|around|behind|through) (?:my|our|the) "
    rf"(?:(?:mosque|temple|mandir|church|gurdwara|synagogue|school|college|nursery) )?"
    rf"{_PLACE}) "
)
_NOW_PROGRESSIVE = re.compile(rf" (?:is|are|am) (?:now |still )?(?!{_NOT_PROGRESSIVE}\b)\w+ing ")
_NEEDS_PLACE = frozenset({"break-in-now", "sexual-offence"})

# What a child owns and a parent loses track of: "lost my son's passport" is no lost child.
_CHILDS_THINGS = (
    r"passport|passports|phone|phones|keys|key|bag|coat|shoe|shoes|birth certificate|id|card|"
    r"cards|toy|toys|bike|scooter|jacket|homework|book|books|lunch|trainers|uniform|tablet|"
    r"ipad|laptop|wallet|purse|money|ticket|tickets|oyster|glasses|teddy|dummy|pram|buggy|"
    r"car seat|school bag|football|watch|console|switch|headphones|airpods|jumper|school "
    r"jumper|hat|gloves|scarf|water bottle|lunchbox|lunch box|book bag|pe kit|kit"
)

_WEAPON = _alt(
    "knife knives gun guns machete machetes blade blades sword swords firearm firearms pistol "
    "pistols shotgun rifle crossbow axe weapon weapons zombie_knife cleaver handgun"
)
_WEAPON_FRAME = _WEAPON[:-1] + (
    r"|bat|bats|baseball bat|baseball bats|hammer|hammers|crowbar|crowbars|acid|bottle|"
    r"screwdriver|screwdrivers|brick|bricks)"
)
_NOT_WEAPON_NOUN = (
    r"(?! (?:crime|crimes|amnesty|arch|arches|bin|bins|surrender|licence|license|law|laws|"
    r"offence|offences|control|sales|shop|shops|club|range|safety|attacks|violence|incidents|"
    r"possession|sharpener|set|block|skills|point|wound|wounds|injuries|carrying|stats|"
    r"statistics|figures|awareness|education|campaign|sharpening|drawer|collection|"
    r"collector|collectors|cases|case|charges|offenders|offences|seizures|arrests|outcomes|"
    r"sentences|sentencing|related)\b)"
)
_POSSESS = (
    r"(?:has|have|had|got|has got|have got|holding|waving|wielding|brandishing|"
    r"pointing|pulled|pulling|pulled out|pulling out|flashing|showing|armed with|swinging|"
    r"threatening (?:me|us|him|her|them|people|someone|my \w+|the \w+(?: \w+)?) with|"
    r"came at me with|"
    r"coming at (?:me|us) with|chasing (?:me|us|him|her|them|people) with)"
)
_DET = r"(?: (?:a|an|the|his|her|their|some|big|huge|massive|long|large|small|little)){0,3}"

_VIOLENT_PP = _alt(
    "attacked stabbed shot beaten beaten_up beat_up assaulted mugged jumped glassed bottled "
    "slashed strangled choked punched kicked hit raped battered set_upon shot_at knifed"
)
_VIOLENT_ING = _alt(
    "attacking stabbing hitting beating beating_up punching kicking strangling choking hurting "
    "assaulting raping shooting_at battering slapping mugging robbing smashing "
    "throttling slashing bottling knifing"
)
_VICTIM = (
    rf"(?:me|us|him|her|them|someone|somebody|people|each other|everyone|"
    rf"(?:a|an|the|this|that) (?:\w+ )?{_PERSON}|(?:my|his|her|their|our|this|that|the) "
    rf"(?:\w+ )?{_KIN}|(?:my|our) (?:car|door|window|house|flat|shop|van))"
)
_FIGHT = (
    r"(?:fight|fights|brawl|punch up|scrap|riot|stabbing|shooting|(?<!panic )(?<!heart )attack)"
)
_FIRE_NOUN_NOT = (
    r"(?! (?:station|hazard|safety|alarm|drill|exit|door|extinguisher|brigade|service|risk|pit|"
    r"place|work|engine|escape|officer|check|test|regulation|warden|blanket|marshal|assessment|"
    r"certificate|cracker|fighter|department|detector|course|pits|display|evacuation|"
    r"procedure|plan|policy|emergency (?:procedure|plan|exit|number)))"
)
_DRINK = _alt(
    "drink drinks pint pints glass cocktail cocktails beer wine vodka gin coke water "
    "punch shot shots bottle"
)
# Who can be spiked. A leading "worried"/"think" belongs to the match, so that "worried my drink
# has been spiked" (a fear that it has happened) escapes the "worried my" frame, while "worried
# about being spiked" (a general fear) does not match at all.
_SPIKE_VICTIM = (
    r"(?:(?:worried|scared|afraid|think|reckon|sure|feel like)(?: that)? )?"
    r"(?:i|we|he|she|they|someone|somebody|(?:(?:my|our|his|her|their|a|the|this|that) "
    rf"(?:\w+ )?)?{_DRINK}|(?:my|our|his|her|their|a|the|this|that) (?:\w+ )?(?:{_KIN}|{_PERSON}))"
)


def _rx(pattern: str) -> re.Pattern[str]:
    return compiled(pattern)


# Dogs, by the breeds residents name them by.
_DOGS = _alt(
    "dog dogs pitbull pit_bull xl_bully bully staffy staffie staffies rottweiler alsatian akita "
    "mastiff german_shepherd"
)

# Who a courier fraudster says they are, and what they send for.
_CLAIMED_OFFICIAL = (
    r"(?:bank|banks|bank s|police|policeman|policewoman|fraud|detective|officer|hmrc|security|"
    r"compromised|safe account)"
)
_VALUABLES = r"(?:cards?|pin|pins|cash|savings|envelope|money|gold|jewellery|valuables)"

# Strong rules: an emergency on their own, unless vetoed. Order decides the reason.
_STRONG: tuple[tuple[str, re.Pattern[str] | None], ...] = (
    # weapons present now
    # a robbery at knife- or gunpoint just now: the robbers are close, and may be caught
    (
        "weapon",
        _rx(
            r" (?:just|only just) (?:been|got|gotten|was) (?:robbed|mugged|held up|attacked|"
            r"threatened|stabbed|slashed|jumped)(?: \w+){0,3} (?:at knife ?point|at gun ?point|"
            r"at knifepoint|at gunpoint|with an? (?:knife|gun|blade|machete|hammer|bat|"
            r"screwdriver|crowbar)) "
        ),
    ),
    ("weapon", _rx(rf" {_WHO}(?: \w+){{0,3}} {_POSSESS}{_DET} {_WEAPON}{_NOT_WEAPON_NOUN} ")),
    # armed strangers just gone in somewhere: "boys with their faces covered just ran into the
    # off licence with bats" (not "my son just came into the kitchen with a bat and ball")
    (
        "weapon",
        _rx(
            r" (?:men|lads|boys|guys|youths|a gang|gang|a man|a lad|a guy|a bloke|blokes|someone|"
            r"somebody|two \w+|three \w+|some \w+)(?: \w+){0,6} just (?:ran|run|stormed|burst|"
            r"barged|piled|went|walked|came|come) (?:into|in to|inside)(?: \w+){0,4} (?:with|"
            rf"holding|carrying|waving){_DET} {_WEAPON_FRAME}{_NOT_WEAPON_NOUN} "
        ),
    ),
    (
        "weapon",
        _rx(
            rf" (?:there is|there are|i see|i can see) (?:a |an |some )?(?:\w+ )?"
            rf"(?:{_PERSON}|men|guys|people|lads|boys|youths|gang) "
            rf"(?:with|holding|waving|carrying){_DET} {_WEAPON_FRAME}{_NOT_WEAPON_NOUN} "
        ),
    ),
    # a weapon half-seen, as frightened people tell it: "lifted his hoodie, something black in
    # his waistband, looked like a gun handle" (told with a date, it is for 101: see the rules
    # for reports)
    (
        "weapon",
        _rx(
            r" (?:(?:what )?(?:looks|looked|looking) like|(?:i )?think (?:it was|it is|its)|"
            r"(?:what )?(?:appears|appeared|seems|seemed) to be) "
            r"(?:a |an )?(?:gun|pistol|handgun|firearm|knife|machete|zombie knife|blade)"
            r"(?: handle| grip| butt)?(?! (?:crime|toy|on tv|in a film|emoji)) |"
            r" (?:gun|pistol|handgun|firearm|knife|machete|blade)(?: handle| grip| butt)? (?:in|"
            r"tucked in|"
            r"tucked into|sticking out of|sticking out|down) (?:his|her|their|the) (?:waistband|"
            r"belt|trousers|jeans|tracksuit|joggers|socks?|jacket|coat|hoodie) "
        ),
    ),
    # someone being abducted, told in the present: "someone is abducting a woman right now"
    (
        "danger",
        _rx(
            r" (?:is|are|they are|he is|she is) (?:abducting|kidnapping|snatching|dragging|"
            r"bundling|forcing) (?:a |an |the |this |that |my |our |some |his |her )?(?:\w+ )?"
            r"(?:woman|women|girl|girls|child|children|kid|kids|boy|boys|man|person|someone|"
            r"somebody|lady|teenager|her|him|them)(?! (?:out of|off) (?:the|my|our) (?:house|"
            r"garden|shop|pub|party))"
        ),
    ),
    # a weapon brought to school or somewhere today: "says hes bringing his brothers gun in today"
    (
        "weapon",
        _rx(
            r" (?:bringing|bring|taking|take) (?:a |his |her |their |the |\w+s )?(?:\w+ )?(?:gun|"
            r"guns|knife|knives|machete|blade|weapon|firearm) (?:in|into|to school|to the school|"
            r"to college|to the party|to the match)(?: \w+){0,3} (?:today|tomorrow|tonight|now) "
        ),
    ),
    # someone through the ice: "child fall in the ice on the lake at canons park"
    (
        "danger",
        _rx(r" (?:fell|fall|fallen|falls|gone|went|go) (?:in|into|through) (?:the )?ice "),
    ),
    # a stroke, told by its signs: "his face has dropped on one side and hes talking gibberish"
    (
        "medical",
        _rx(
            r" (?:face (?:has |is )?(?:dropped|drooping|droopy|gone droopy|fallen|slipped)|"
            # "his face looks a bit lopsided and hes slurring"
            r"face (?:\w+ ){0,3}(?:lopsided|crooked|wonky|uneven)(?: \w+){0,6} (?:slurring|slurred|"
            r"cannot talk|cant talk|cannot speak|arm|confused)|"
            r"(?:gone |is |has )?(?:droopy|drooping|dropped) on one side|"
            # "a very droopy face on one side all of a sudden", "one side of his mouth is
            # drooping", "her words are coming out wrong"
            r"(?:droopy|drooping|dropped|lopsided) (?:face|mouth|smile)|(?:mouth|smile|lip) (?:is |"
            r"has )?(?:drooping|droopy|dropped|dropping)|(?:words|speech) (?:are |is )?coming out "
            r"(?:all )?(?:wrong|jumbled|muddled|slurred|funny|strange)|"
            r"(?:talking|speaking) (?:gibberish|slurred)|slurring (?:his|her|their) "
            r"words|(?:cannot|cant|can not) lift (?:his|her|their) arm) "
        ),
    ),
    # someone face down in water: "he was in the paddling pool and hes lying face down"
    (
        "danger",
        _rx(
            r" (?:lying |floating )?face down (?:in (?:the )?(?:water|pool|pond|bath|canal|"
            r"river|lake|paddling pool)|and not moving)|lying face down "
        ),
    ),
    # a fire told by what is burning: "the grass on the common is burning and spreading"
    (
        "fire",
        _rx(
            r" (?:grass|field|common|trees?|hedge|hedges|bushes|shed|garage|car|van|bin|bins|"
            r"house|flat|roof|building|kitchen|curtains|sofa|mattress) (?:\w+ ){0,4}(?:is|are) "
            r"(?:on fire|burning|alight|in flames|going up)(?! (?:down|low|well|fine|nicely)) "
        ),
    ),
    # a lock being cut now: "a bloke with an angle grinder going at the bikes on the racks"
    (
        "break-in-now",
        _rx(
            r" (?:with|using|has got|has|got) (?:an |a |some )?(?:angle grinder|grinder|"
            r"bolt cutters?|bolt croppers?)(?: \w+){0,3} (?:going at|cutting|sawing|"
            r"working on|on the|at the) |"
            # damage being done now: "someone is slashing tyres on our road right now"
            r" (?:is|are|s|re) (?:slashing|smashing|keying|kicking in|smashing up) (?:\w+ ){0,2}"
            r"(?:tyres|tires|cars?|windows?|windscreens?)(?: \w+){0,6} (?:right now|now|as we "
            r"speak) "
        ),
    ),
    # a door or window being forced now: "the skylight is being forced"
    (
        "break-in-now",
        _rx(
            r" (?:door|doors|window|windows|skylight|lock|gate|patio door|back door|front door)"
            r" (?:is|are) being (?:forced|jemmied|kicked in|smashed|prised|pried|broken) "
        ),
    ),
    # a suspicious package: "rucksack under the bench, wires poking out and its beeping"
    (
        "danger",
        _rx(
            # not the meter's: "the electric box has wires coming out" (a cannabis farm's sign)
            r" (?:bag|rucksack|backpack|package|parcel|suitcase|(?<!electric )(?<!electricity )"
            r"(?<!electrical )(?<!fuse )(?<!meter )(?<!junction )box|holdall)(?: \w+){0,20} "
            r"(?:beeping|ticking|wires? (?:poking|sticking|hanging|coming) out|wires? (?:taped|"
            r"tied|wrapped|wound|stuck)|(?:taped|tied|wrapped) (?:with|in) wires?)(?: |$)"
        ),
    ),
    # a power cable down and sparking: "cable has come down across the pavement and its sparking"
    (
        "danger",
        _rx(
            r" (?:cable|cables|wire|wires|power lines?|electricity lines?|overhead lines?)"
            r"(?: \w+){0,3} (?:down|come down|fallen|fell|hanging|snapped|across the)(?: \w+){0,10}"
            r" (?:sparking|sparks|fizzing|arcing|crackling) "
        ),
    ),
    # someone taken just now: "the driver just dragged a teenage girl into the back of the van"
    (
        "danger",
        _rx(
            r" just (?:dragged|pulled|bundled|forced|pushed|shoved|threw|thrown|grabbed) (?:a |an "
            r"|the |this |that |my |our |some )?(?:\w+ ){0,2}(?:woman|girl|child|kid|boy|man|"
            r"person|teenager|lady|her|him)(?: \w+){0,5} (?:into|in) (?:the |a |his |their )?"
            r"(?:\w+ )?(?:car|van|boot|back|vehicle|motor) "
        ),
    ),
    # held in a vehicle or a room by the person in charge of it: "he wont unlock", "the driver
    # is swerving all over the road and wont pull over"
    (
        "danger",
        _rx(
            r" (?:he|she|they|driver|cabbie|cab driver|taxi driver|minicab driver|man|guy|bloke) "
            r"(?:wont|will not|won t|refuses to|is refusing to|isnt letting|is not letting) "
            r"(?:unlock|unlock the doors?|let me out|let us out|open the doors?|pull over|"
            r"stop the car) | and (?:wont|will not|won t|refuses to) (?:pull over|let me out|"
            r"let us out|stop the car) "
        ),
    ),
    # someone shut in behind a jammed door, heard: "the door is jammed from outside and i can
    # hear banging"
    (
        "danger",
        _rx(
            r" (?:door|doors|hatch) (?:is |s |are |has )?(?:jammed|stuck|locked|got stuck|"
            r"been locked|shut)(?: \w+){0,6} (?:i can hear|we can hear|can hear|i hear|hear|"
            r"hearing) (?:(?:my|the|our|a|his|her) \w+ )?(?:banging|knocking|screaming|shouting|"
            r"someone|him|her|them|crying)"
        ),
    ),
    # someone seen on the floor who does not answer: "has been lying on her kitchen floor since
    # I looked through the window and she does not respond to my knocking"
    (
        "medical",
        _rx(
            r" (?:lying|lay|laid|laying|collapsed|slumped|sprawled) on (?:her|his|their|the|my) "
            r"(?:\w+ )?floor(?: \w+){0,16} (?:does not|doesnt|is not|isnt|not|will not|wont|did "
            r"not|didnt) (?:respond|responding|answer|answering|move|moving|wake|waking|get up|"
            r"getting up|react|reacting) "
        ),
    ),
    # a fit that goes on, in a parent's words: "shaking all over eyes rolled back been going like
    # 4 mins", "been fitting for nearly 10 minutes"
    (
        "medical",
        _rx(
            r" (?:eyes (?:rolled|rolling|rolled back|gone) (?:back|up|into)|(?:been |is |s )"
            r"(?:fitting|seizing|having a fit|having a seizure)(?: for)? (?:nearly |almost |over "
            r"|about |like |more than )?(?:\d+|two|three|four|five|ten|fifteen) (?:mins?|minutes))"
        ),
    ),
    # drugs taken and the body overheating: "took some stuff at a party and now she's shaking
    # and her heart is racing and she's really hot and not making sense"
    (
        "medical",
        _rx(
            r"^(?=.* (?:took|taken|had|dropped|necked|swallowed) (?:some |a |an )?(?:stuff|drugs|"
            r"pills|something|mdma|molly|ecstasy|ket|ketamine|coke|cocaine|speed|pingers) )"
            r"(?=.* (?:heart (?:is |s )?(?:racing|pounding|going mad)|not making sense|burning up|"
            r"really hot|so hot|fitting|seizure) )(?=.* (?:shaking|racing|hot|confused|not making "
            r"sense|fitting) )"
        ),
    ),
    # someone being taken as the resident watches: "a man pulling her towards a van by her hair"
    (
        "danger",
        _rx(
            r" (?:is |are |s )?(?:pulling|dragging|bundling|forcing|shoving|pushing|carrying) "
            r"(?:a |an |the |this |that |some )?(?:\w+ )?(?:woman|girl|child|kid|boy|lady|her|"
            r"him|teenager|teen)(?: \w+){0,3} (?:towards|into|in|to|in to) (?:the |a |his |their "
            r"|an )?(?:\w+ )?(?:car|van|boot|vehicle|motor|minicab|cab)(?! park)(?= )"
        ),
    ),
    # a burglary seen from across the road: "just climbed the scaffolding and is handing things
    # down to a second man beside a van"
    (
        "break-in-now",
        _rx(
            r" (?:just |has just |have just |is |are |s |re )?(?:climbed|climbing|gone up|going up|"
            r"got up|getting up)(?: up)? (?:the |some |their )?scaffold(?:ing)?(?: \w+){0,14} "
            r"(?:handing|passing|throwing|chucking|lowering|dropping) (?:\w+ )?(?:things|stuff|"
            r"bags|items|boxes|tvs?|laptops?|it) (?:down|out|over) "
        ),
    ),
    # an assistance dog taken from its owner's hand: "just pulled my guide dogs harness out of my
    # hand and are walking off with him"
    (
        "danger",
        _rx(
            r" (?:took|taken|pulled|grabbed|snatched|stole|stolen|yanked|ripped|taking|pulling|"
            r"grabbing|snatching|stealing) (?:my|our|his|her) (?:guide|assistance|hearing) dogs?"
            r"(?: \w+){0,16} (?:walking|running|riding|driving|going|went|ran|drove|rode) "
            r"(?:off|away) "
        ),
    ),
    # a pursuer waiting for the teller now: "he followed me from the station and hes standing
    # right outside the shop door waiting"
    (
        "followed",
        _rx(
            r" (?:followed|following|chased|chasing) me(?: \w+){0,40} (?:he is|she is|they are|"
            r"hes|shes|theyre|he s|she s) (?:still )?(?:standing|waiting|stood|sitting|sat|"
            r"hanging around|lurking) (?:right )?(?:outside|by|at|near) "
        ),
    ),
    # an intruder trying to get in now, told formally: "is presently attempting to climb in"
    (
        "break-in-now",
        _rx(
            r" (?:is|are) (?:presently |currently |now )?(?:attempting|trying) to (?:climb|get|"
            r"break|force (?:his|her|their) way) (?:in|into|through) "
        ),
    ),
    # threatening to jump: "up on the roof saying hes going to throw himself off"
    (
        "danger",
        _rx(
            r" (?:going to|gonna|about to|threatening to|says? (?:he|she|they) will|saying "
            r"(?:he|she|they) will|saying (?:hes|shes|he is|she is) going to|wants to) (?:throw|"
            r"hurl|fling) (?:himself|herself|themselves|myself) (?:off|from|in front of|under) "
        ),
    ),
    # pills set out and a farewell before taking them: "ive got the pills lined up on the
    # table, i just wanted someone to know before i take them"
    (
        "danger",
        _rx(
            rf" {_PILLS} (?:all )?(?:lined up|set out|counted|ready)(?: \w+){{0,12}} "
            r"(?:before i take them|going to take them|gonna take them|"
            r"about to take them|i am taking them|i will take them|i ll take them) | before i "
            r"take (?:them|the pills|the tablets|my pills) "
        ),
    ),
    # found on the floor and in a bad way, as a carer finds a client: "my lady is on the kitchen
    # floor, freezing cold, can barely get words out, she's been down there all night"
    (
        "medical",
        _rx(
            r" on the (?:\w+ )?floor(?: \w+){0,12} (?:(?<!it is )(?<!its )(?:freezing|ice|stone) "
            r"cold|can (?:barely|hardly) (?:speak|talk|breathe|get (?:any |her |his )?words out)|"
            r"(?:cant|cannot|can not) (?:speak|talk|get up|move)|been (?:down )?there (?:all "
            r"night|for hours|since)) "
        ),
    ),
    # a row that ends in a thud and silence: "rowing for an hour and its just gone dead quiet
    # after a massive thud" (not fireworks that went bang and then quiet)
    (
        "danger",
        _rx(
            r" (?:row|rowing|arguing|argument|screaming|shouting|fighting|yelling)(?: \w+){0,25} "
            r"(?:(?:thud|bang|crash|smash)(?: \w+){0,8} (?:gone|went|is|now|all) (?:dead |all |"
            r"completely |really )?(?:quiet|silent)|(?:gone|went) (?:dead |all |completely |"
            r"really )?(?:quiet|silent) after (?:a |the |her |his )?(?:\w+ )?(?:thud|bang|crash|"
            r"smash|scream)) "
        ),
    ),
    # robbed at knifepoint seconds or minutes ago: the robbers are close
    (
        "weapon",
        _rx(
            r" at (?:knife ?point|gun ?point|knifepoint|gunpoint)(?: \w+){0,25} (?:\d+|a few|few|"
            r"two|thirty|ten|five|a couple of) (?:seconds|secs|minutes|mins) ago "
        ),
    ),
    # metal stripped from a roof as it happens: "stripping the lead off the church roof as we
    # speak"
    (
        "break-in-now",
        _rx(
            r" (?:stripping|ripping|taking|nicking|stealing|pulling|cutting) (?:off |out |up )?"
            r"(?:the |all the |some )?(?:lead|copper|cables?|wires?)(?: \w+){0,10} (?:right now|"
            r"as we speak|now) "
        ),
    ),
    # an ex under a court order there now: "my ex who I've got a restraining order against is
    # parked across the road right now"
    (
        "danger",
        _rx(
            r" (?:restraining order|non molestation order|nonmolestation order|injunction|"
            r"protective order|bail conditions)(?: \w+){0,20} (?:right now|outside|across the "
            r"road|over the road|at (?:my|the) (?:door|window|gate)|here now|just got out) "
        ),
    ),
    # a child being taken from school or a playground: "a parent subject to a court order is
    # attempting to remove a child"
    (
        "danger",
        _rx(
            r" (?:attempting|trying) to (?:remove|take|snatch|grab|drag|abduct) (?:a|the|"
            r"my|our|her|his|their|one) (?:\w+ )?(?:child|kid|pupil|son|daughter|boy|girl|baby|"
            r"toddler|little one) "
        ),
    ),
    # a hand kept inside a jacket, as if on a weapon: "staring at us with his hand inside his
    # jacket like he is holding something"
    (
        "weapon",
        _rx(
            r" hands? (?:inside|in|down) (?:his|her|their) (?:jacket|coat|hoodie|pocket|"
            r"waistband|bag)(?: \w+){0,3} (?:like|as if|as though) (?:he|she|they) (?:is|are|s|"
            r"re|was|were|has|had) (?:holding|got|hiding|gripping) "
        ),
    ),
    # a smell of gas with a flame or a cigarette near it
    (
        "fire",
        _rx(
            r" (?:smell of gas|smells of gas|gas smell|smell gas|gas leak)(?: \w+){0,12} "
            r"(?:smoking|a cigarette|lighter|lit|lighting|a flame|candles?|sparks?) "
        ),
    ),
    # a threat made to force money now: "man next to me at the cashpoint says hell cut me if i
    # dont take out 500"
    (
        "weapon",
        _rx(
            r" (?:says|saying|is saying|threatening|threatens) (?:he|she|they)? ?(?:will|ll|is "
            r"going to|are going to|gonna) (?:cut|stab|kill|hurt|shoot|slash|beat|smash) "
            r"(?:me|us|her|him) if (?:i|we|she|he) (?:do not|dont|wont|will not) "
        ),
    ),
    # broken into and someone still inside: "the back door's been forced and i think they're
    # still upstairs"
    (
        "break-in-now",
        _rx(
            r" (?:forced|broken into|broke in|burgled|smashed|kicked in)(?: \w+){0,12} (?:they "
            r"are|theyre|someone is|somebody is|he is|hes|someones) still (?:inside|in the house|"
            r"in there|upstairs|downstairs|in the flat|here) "
        ),
    ),
    # someone at the door with something to throw or hit with: "someone's standing outside my
    # house with a brick"
    (
        "weapon",
        _rx(
            rf" {_WHO}(?: \w+){{0,4}} (?:outside|at) (?:my|the|our) (?:house|door|front door|"
            rf"window|flat|gate)(?: \w+){{0,3}} with{_DET} {_WEAPON_FRAME}{_NOT_WEAPON_NOUN} "
        ),
    ),
    # someone pushed around as it is watched: "someone is pushing him around in his hallway right
    # now"
    (
        "violence-now",
        _rx(
            r"^(?=.* (?:right now|as we speak|now|tonight|at the moment) ).* (?:pushing|shoving|"
            r"throwing|dragging|knocking) (?:me|us|him|her|them|my \w+|an? (?:old )?\w+) "
            r"(?:around|about) "
        ),
    ),
    # a baby shaken: "the baby monitor shows the nanny shaking my baby really hard"
    (
        "violence-now",
        _rx(r" (?:is |s |keeps )?shaking (?:my|the|a|our|her|his|their) (?:baby|newborn|toddler) "),
    ),
    # a beating going on: "one bloke's on the floor getting his head kicked in"
    (
        "violence-now",
        _rx(
            r" (?:getting|being|is getting|is being) (?:his |her |their |the )?(?:head )?"
            r"(?:kicked|stamped on|stamped|beaten|battered|smashed)(?: in)? "
        ),
    ),
    # in the water and cannot swim: "my son fell in the river, cant swim"
    (
        "danger",
        _rx(
            r"^(?!.* (?:dog|dogs|puppy|cat|pet|horse|pony)(?: \w+){0,2} (?:fell|fallen|has gone|"
            r"gone|went|slipped|jumped) in)"
            r".* (?:fell|fallen|has gone|gone|went|slipped|jumped) in(?:to)?(?: the)?(?: \w+){0,3} "
            r"(?:\w+ ){0,6}(?:cant|can t|cannot|can not|doesnt|does not|dont|don t) swim "
        ),
    ),
    # someone on an edge: "sitting on the edge of the top deck with her legs over the side"
    (
        "danger",
        _rx(
            r" (?:legs|feet) (?:dangling )?over the (?:side|edge|railings?|barrier) | (?:sitting|"
            r"standing|sat|stood|perched|climbing) (?:on|over) the (?:edge|ledge|railings?|"
            r"parapet|barrier|wrong side) of (?:the |a )?(?:\w+ )?(?:deck|roof|bridge|car park|"
            r"multistorey|building|balcony|flyover|footbridge|platform) "
        ),
    ),
    # a farewell with the arrangements made: "decided tonight's the night, just wanted someone
    # to know so my cat gets fed"; "took them all to sleep forever"
    (
        "danger",
        _rx(
            r" (?:tonight is the night|tonights the night)(?: \w+){0,20} (?:cat|dog|kids|"
            r"someone to know|goodbye|bridge|footbridge|edge) | (?:decided|made up my mind)"
            r"(?: \w+){0,3} (?:tonight is the night|tonights the night|to end it|to go through "
            r"with it) |so (?:my|the) (?:cat|cats|dog|dogs|pets?|kids|children) (?:gets?|will "
            r"get|is|are|will be) (?:fed|looked after|taken care of|walked) | (?:to )?sleep "
            r"forever |never wake up again "
        ),
    ),
    # a car driven off with someone locked in: "the drivers locked the doors and wont let her
    # out and is driving somewhere she doesnt know"
    (
        "danger",
        _rx(
            r" (?:locked the doors|wont let (?:her|him|me|us|them) out|will not let (?:her|him|"
            r"me|us|them) out)(?: \w+){0,12} (?:driving|drove|taking (?:her|him|me|us)|"
            r"speeding) "
        ),
    ),
    # something across a fast road and cars hitting it: "a sheet of metal has come off a lorry
    # across both lanes of the a2 and cars are hitting it"
    (
        "danger",
        _rx(
            r" (?:across|blocking|in the middle of) (?:both|all|the|two|three) (?:lanes|"
            r"carriageway|carriageways|motorway|road|dual carriageway)(?: \w+){0,12} (?:cars|"
            r"traffic|vehicles|lorries|people) (?:are |keep |keeps )?(?:hitting|swerving|crashing|"
            r"slamming|driving into) "
        ),
    ),
    # a courier sent for the cash or cards: "is sending a courier in the next half an hour to
    # collect her bank cards", "give 5000 pounds to courier today, courier coming at 4"
    (
        "fraud-now",
        _rx(
            r" (?:sending|send|sent) (?:a |the )?(?:courier|driver)(?: \w+){0,8} (?:collect|"
            r"pick up|pick|take|get)(?: \w+){0,4} (?:cards?|cash|money|pin|pins|gold|jewellery|"
            r"valuables|savings) | (?:give|hand|hand over|pass)(?: \w+){0,4} to (?:a |the |his |"
            r"their )?courier(?: \w+){0,10} (?:today|now|coming|arriving|on (?:his|her|the|"
            r"their) way) |"
            # ... or to a driver waiting now: "told by hmrc to withdraw 8k and hand it to driver
            # whos parked outside right now"
            r"(?:give|hand|hand over|pass)(?: \w+){0,4} to (?:a |the |his |their )?(?:driver|"
            r"taxi driver|man|someone)(?: \w+){0,6} (?:outside|waiting|parked)(?: \w+){0,3} "
            r"(?:right now|now|as we speak) |"
            r"(?!.* (?:tomorrow|next week) ) collect(?: \w+){0,6} (?:cards?|cash|money|pin|gold|"
            r"jewellery|valuables|savings)(?: \w+){0,20} courier (?:is |s )?(?:coming|arriving|"
            r"on (?:his|her|the|their) way|due) "
        ),
    ),
    # a caller posing as an official still on the line while money moves: "mum is on the phone
    # right now to someone saying they are from hmrc and she is about to transfer her savings"
    (
        "fraud-now",
        _rx(
            r"(?=.* (?:hmrc|tax office|police|detective|officer|arrest|arrested|bank security|"
            r"fraud team|fraud department) ) (?:on (?:the |other |another )?(?:phone|line|"
            r"landline|call)|still talking to)(?: \w+){0,6} (?:right now|now|still)(?: \w+){0,25} "
            r"(?:about to|going to|trying to|is|she is|he is) (?:transfer|move|send|pay|withdraw)"
        ),
    ),
    # sent to the bank by a caller still on the line: "im in the queue at the bank and the
    # officer is still on the phone, he said not to tell the cashier"
    (
        "fraud-now",
        _rx(
            r" (?:in the queue at|at|in|inside) the (?:bank|post office)(?: \w+){0,12} (?:is |"
            r"are )?still on the (?:phone|line) | (?:said|told me|tells me|says) not to tell "
            r"(?:the )?(?:cashier|bank|bank staff|teller|bank staff) "
        ),
    ),
    # a fraud under way on the phone now: "mum is on the landline right now with a man who
    # says she has to move her savings into a safe account"
    (
        "fraud-now",
        _rx(
            r" (?:on (?:the |other |another |the other )?(?:phone|landline|line|call)|as i type|"
            r"right now|still talking to)"
            r"(?: \w+){0,25} safe account | safe account(?: \w+){0,25} (?:on the (?:phone|"
            r"landline|line)|as i type|right now) "
        ),
    ),
    # flames in a room now: "the pan caught fire and now the kitchen is full of flames"
    (
        "fire",
        _rx(r" (?:is|are|s|re) (?:now )?(?:full of|engulfed in|going up in) flames "),
    ),
    # a large animal loose among traffic: "horse is loose on common road and cars are swerving
    # round it" (not a horse ridden on the road, nor one that got out of its field last year)
    (
        "danger",
        _rx(
            r" (?:horse|horses|pony|ponies|cow|cows|cattle|bull|sheep|deer)(?: \w+){0,2} "
            r"(?:is |are |has |have |got |gotten )?(?:loose|escaped|got out|running loose|"
            r"wandering)(?: \w+){0,6} (?:road|rd|lane|carriageway|motorway|dual carriageway|"
            r"roundabout|traffic|cars|a40|a41|a404|a409|a410) "
        ),
    ),
    # someone heard but not seen, too weak to come to the door: "i can hear her calling out
    # faintly from inside" (not "i can hear the people upstairs banging from inside their flat")
    (
        "danger",
        _rx(
            r" (?:hear|hearing|heard|can hear) (?:her|him|them|someone|somebody|a (?:man|woman|"
            r"person|child|kid|baby|lady)|an? (?:old|elderly|older) \w+|my \w+|the \w+)"
            # told with who they are: "hear my neighbour, a widow of some eighty years, calling"
            r"(?: \w+){0,8} (?:(?:calling|moaning|groaning)(?: out)? (?:faintly|weakly|for help|"
            r"from (?:inside|in there|the (?:bathroom|bedroom|flat|house|loft|shed)))|"
            r"(?:crying|shouting|screaming|banging)(?: out)? (?:faintly|weakly|for help)) "
        ),
    ),
    # covered in blood: "one man face is full of blood"
    (
        "medical",
        _rx(r" (?:full of|covered in|pouring with|pissing) blood "),
    ),
    # someone found hanging, or who has hanged themselves
    (
        "danger",
        _rx(
            r" (?:(?:found|find|finding|just found) (?:(?:my|a|the|his|her|our|their) (?:\w+ )?"
            r"(?:brother|sister|son|daughter|dad|father|mum|mother|husband|wife|partner|friend|"
            r"boyfriend|girlfriend|man|woman|boy|girl|neighbour|flatmate|uncle|aunt|cousin|grandad|"
            r"nan|person|body|lad|teenager)|someone|somebody|him|her|them) hanging|"
            r"hanged (?:himself|herself|themselves|themself)|"
            r"(?:is|are|was) hanging (?:from|by|off) (?:a|the|his|her|their) (?:rope|belt|cord|"
            r"neck|tree|banister|bannister|beam|door|ceiling|loft hatch)) "
        ),
    ),
    # hit by a partner or family, just now, told subject first: "my husband hit me with belt now
    # he sleep"
    (
        "violence-now",
        _rx(
            r" (?:husband|wife|partner|boyfriend|girlfriend|ex|dad|father|stepdad|mum|mother|son|"
            r"brother|he|she) (?:just )?(?:hit|hits|beat|beats|punched|punches|kicked|kicks|"
            r"attacked|attacks|strangled|choked|slapped|battered) (?:me|us|my \w+)(?: with (?:a |"
            r"his |her |the )?\w+)? (?:now|just now|again now|tonight|right now|a minute ago|"
            r"minutes ago) "
        ),
    ),
    # a brick through the window with them still outside; someone on a roof who wants to
    # jump; breathing gone strange
    (
        "danger",
        _rx(
            r" (?:throw|throws|threw|thrown|throwing|put|chucked|chucking) (?:a |some )?(?:brick|"
            r"bricks|stone|stones|rock|rocks|bottle|bottles) (?:through|in|into|at) (?:my|our|the) "
            r"(?:window|windows|door|front door|house|flat|car)(?: \w+){0,6} (?:now|right now|"
            r"still outside|(?:they|he|she) (?:is|are|re|s) (?:still )?(?:outside|here|there))|"
            r"(?:on|at) (?:the |a )?(?:roof|bridge|ledge|balcony|edge|top of \w+)(?: \w+){0,8} "
            r"(?:want|wants|wanting) to jump|(?:want|wants|wanting) to jump (?:off|from) "
        ),
    ),
    (
        "medical",
        _rx(r" breathing (?:very |really |so )?(?:strange|strangely|funny|weird|oddly|odd) "),
    ),
    # a crowd crushing people now; carbon monoxide's signs beside a boiler, fire or heater
    (
        "danger",
        _rx(
            r" (?:(?:being|getting|are|is) (?:crushed|squashed|trampled)(?: \w+){0,3} (?:against|"
            r"in|at|by|under|on)|crowd (?:is |are )?(?:crushing|surging|trampling)|"
            # someone pinned by a machine or a load now: "a forklift has pinned a lad against the
            # racking"
            r"(?:has |have |is |just )?(?:pinned|crushed|trapped) (?:a|an|the|my|his|her|our|"
            r"some|two|one of) (?:\w+ ){0,2}(?:lad|lads|man|men|woman|boy|girl|kid|child|worker|"
            r"workers|guy|bloke|colleague|person|someone|somebody|driver|cyclist|people|him|her)"
            r" (?:against|under|between|beneath|underneath|in)(?! (?:the )?(?:past|game|film))|"
            r"(?:cant|cannot|can not|can t) breathe in the crowd) "
        ),
    ),
    (
        "medical",
        _rx(
            r" (?:headaches?|dizzy|being sick|vomiting|throwing up|drowsy|passing out|confused)"
            r"(?: \w+){0,10} (?:(?:the )?(?:boiler|gas fire|heater|carbon monoxide|co alarm|"
            r"generator|bbq indoors)(?! (?:last|was|service|check|is old|might|could|broke))"
            r"(?: \w+){0,4} (?:is|s|are|has|was|keeps|going|beeping|making|on|off)|carbon monoxide"
            r" alarm (?:is )?(?:going|beeping|sounding))|"
            r"(?:carbon monoxide|co) alarm (?:is |s )?(?:going off|beeping|sounding)(?: \w+){0,10} "
            r"(?:headaches?|dizzy|being sick|vomiting|throwing up|drowsy|confused|passed out) "
        ),
    ),
    # someone hit on the road and not getting up, a baby coming, petrol through the letterbox
    (
        "medical",
        _rx(
            r" (?:(?:has|have|just) (?:just )?(?:hit|knocked (?:down|over)|run over|ran over) "
            r"(?:a|an|the|my|our|this) (?:\w+ )?(?:cyclist|pedestrian|child|kid|man|woman|boy|"
            r"girl|person|lady|biker|motorcyclist|old man|old lady)|"
            r"(?:(?:he|she|they) (?:is|s|are|re) not|(?:isnt|arent)) getting up(?! (?:for|in the|"
            r"early|on time|til|till|until|before))|"
            r"(?:the )?baby (?:is|s) coming(?! (?:in|next|soon|on|at|this|home))|"
            r"having (?:the|a|her|my|our) baby (?:and (?:it|its|it s|she|the baby) (?:is |s )?"
            r"coming|now|right now|here|at home|in the car)|"
            r"giving birth (?:now|here|at home|in the car|on the)|"
            r"waters (?:have )?(?:just )?broken) "
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:poured|pouring|put|pushed|threw|throwing|posted) (?:some )?(?:petrol|fuel|"
            r"lighter fluid|paraffin|something burning|a lit \w+|fireworks?|a rag)(?: \w+){0,3} "
            r"(?:through|in|into) (?:(?:my|our|the|her|his|their) )?(?:letterbox|letter box|door|"
            r"window) "
        ),
    ),
    # violence just done and still going on: "a man has just punched our security guard and
    # he's still swinging at him"
    (
        "violence-now",
        _rx(
            r" (?:has|have) just (?:punched|hit|stabbed|attacked|glassed|headbutted|kicked|"
            r"slashed|battered|knocked out|beaten)(?! (?:a |the |my )?(?:ball|wall|record|target|"
            r"button|jackpot|snooze|send|post|like))|(?:is|s|are|re) still (?:swinging at|"
            r"punching|hitting|kicking|attacking|beating|laying into|going for) "
        ),
    ),
    # a row that stopped dead: "a loud thud, her screaming stopped dead and now i can hear him
    # dragging something heavy"
    (
        "danger",
        _rx(
            r" (?:her|his|the|their) (?:screaming|screams|shouting|crying|yelling) (?:has |just )?"
            r"(?:stopped|went) (?:dead|suddenly|abruptly) "
        ),
    ),
    # said where the one who hurts can see: "he is stood behind me, he has hit me, please send
    # someone"; a call for help in code: "i'd like to order a pizza, he's right here"
    (
        "urgent-help",
        _rx(
            r" (?:please|pls|plz) send (?:someone|somebody|help|police|the police|an officer|"
            r"officers|a car)(?! (?:an? )?(?:email|letter|leaflet|form|link|info|information|"
            r"details|round (?:about|to|tomorrow|next)|to (?:talk|discuss|fix|look at|check|"
            r"explain)|tomorrow|next week|when)) |"
            r" (?:order|ordering) (?:a |an |two |some )?(?:large |small |medium |big )?pizzas?"
            r"(?: \w+){0,8} (?:(?:he|she|they) (?:is|s|are|re) (?:right )?(?:here|next to me|"
            r"behind me|watching)|(?:cant|cannot|can not) (?:say|talk|speak)) "
        ),
    ),
    # a threat to end a life tonight: "he's in the next room, he said tonight is the night he
    # finishes it"
    (
        "danger",
        _rx(
            r" (?:tonight|today) (?:is|s) the (?:night|day) (?:he|she|they|i)(?: \w+){0,3} "
            r"(?:finish|finishes|end|ends|kill|kills|do|does) (?:it|me|us|her|him|this|them) "
        ),
    ),
    # a farewell made ready: "written letters for everyone, wanted someone to know before i go",
    # "given all my things away, tonight's the night", "tablets lined up, after tonight" (its own
    # reason: the pets it names are no animal matter)
    # at a drop, not wanting to go on: "im on the footbridge over the tracks and i dont think i
    # want to go back home"
    (
        "self-harm",
        _rx(
            rf"^(?!.* {_JOKE} )(?=.* (?:(?:i am|im|i m) (?:\w+ )?)?(?:on|standing on|sat on|"
            r"sitting on|"
            r"up on) (?:the|a|this) (?:footbridge|bridge|railway bridge|platform edge|edge of the "
            r"platform|railway line|tracks|train tracks|roof|rooftop|car park roof|cliff|edge) )"
            r"(?=.* (?:do not|dont|don t) (?:think i |really )?(?:want|wanna) (?:to )?(?:go "
            r"(?:back )?home|be here|live|carry on|go on|do this anymore|be alive) |.* (?:do not|"
            r"dont|"
            r"cant|cannot) (?:really )?see (?:the|any) point )"
        ),
    ),
    (
        "self-harm",
        _rx(
            r"^(?=.* (?:written|wrote|left|leaving) (?:letters|notes|a letter|a note|goodbye "
            r"letters) (?:for|to) (?:everyone|everybody|my (?:family|kids|children|mum|dad|wife|"
            r"husband|partner)|the kids)|.* (?:given|giving|gave) (?:all )?(?:my (?:things|stuff|"
            r"belongings)|(?:all )?my \w+ away|away all my|away my (?:things|stuff|belongings))|"
            r".* (?:sorted|arranged|found) (?:out )?(?:who (?:gets|will have|takes|will take)|"
            r"(?:a )?(?:home|someone) for) (?:the |my )?(?:cat|dog|pets?|kids))"
            r"(?=.* (?:before i go|tonight|tonights the night|im ready|i am ready|goodbye|bye|"
            r"wanted (?:someone|"
            r"somebody|you) to know|after today|wont be (?:here|around|a problem)) )"
        ),
    ),
    (
        "medical",
        _rx(
            rf" {_PILLS} (?:are |all )?(?:lined up|counted out|laid out|set out|ready)(?: \w+)"
            r"{0,10} (?:tonight|after tonight|goodbye|wont be|before i go) |(?:wont|will not|"
            rf"won t) be (?:a problem|a burden|around|here)(?: \w+){{0,6}} after tonight(?: \w+)"
            rf"{{0,8}} {_PILLS} "
        ),
    ),
    # a child held till a debt is paid: "im 15, in a flat, they wont let me leave till ive paid
    # back what i owe, they took my phone"
    (
        "danger",
        _rx(
            r"^(?!.* (?:mum|mom|mam|dad|mother|father|parents|stepdad|stepmum|nan|gran|teacher|"
            r"lol|haha) )(?=.* (?:wont|will not|won t|wouldnt|dont|do not|not) let (?:me|us|her|"
            r"him) (?:leave|go|out)(?! (?:to|on|at night|after dark|with)\b))(?=.* (?:owe|owes|"
            r"owed|paid back|pay back|pay off|paid off|debt))"
        ),
    ),
    # a heart attack's signs told by the one having it: "a tightness in my chest going down my
    # left arm and i feel cold and clammy"; a sudden worst headache (not the morning after a
    # party: "worst headache ever after the party, been sick all morning")
    (
        "medical",
        _rx(
            r" (?:tightness|tight|pressure|crushing|heaviness|heavy|pain|ache|aching) (?:in|across|"
            r"on) (?:my|his|her|their) chest(?: \w+){0,8} (?:arm|jaw|clammy|sweaty|sweating|cold|"
            r"short of breath|breathless) |(?:never had a|worst) headache (?:like (?:it|this|that)|"
            r"of my life|ever)(?! (?:after|from) (?:the|a|last|my) (?:party|night|drinks|drinking|"
            r"session|wedding|work do|do))(?!.* hangover)|headache (?:that )?came on (?:all of a )?"
            r"sudden "
        ),
    ),
    # someone being moved on tonight with their papers taken: "they've taken her passport and
    # they're moving her tonight"
    (
        "danger",
        _rx(
            r"^(?=.* (?:taken|took|have|has|kept) (?:her|his|my|their) (?:passport|passports|"
            r"papers|documents))(?=.* (?:moving|taking|sending) (?:her|him|me|them) (?:tonight|"
            r"today|now|somewhere))"
        ),
    ),
    # a threat with its hour: "they said they'll come for him at 8 and it's half 7"
    (
        "danger",
        _rx(
            r" (?:(?:they|he|she|you|we|i)(?:ll| will)|are going to|re going to|gonna|are coming "
            r"to|re coming to) (?:come for|"
            r"come back for|get|sort out|do|jump|stab) (?:him|her|me|us|them|my \w+) (?:at \d+|"
            r"tonight|in (?:an|half an|\d+) (?:hour|minutes?|mins)) "
        ),
    ),
    # told after an everyday question or a story that is over, in their own words: heat that
    # leaves someone "not waking properly", someone gone into a lake who "hasn't come back up",
    # a car "trying to ram" someone, a passenger "pulled in screaming", an owner "going for" a
    # child, a child who "might have eaten" poison, "the whole packet" taken, someone in a
    # balaclava at the back of the house, flames "started again"
    (
        "medical",
        _rx(
            r" (?:she|he|they|(?:my|our) \w+) (?:is |are |s )?not waking (?:up )?properly |"
            r"(?:cant|cannot|can not) wake (?:her|him|them) (?:up )?properly |"
            r"(?:taken|took|swallowed|had|necked) (?:the |a )?whole (?:packet|box|bottle|pack|"
            r"strip|lot)(?! of (?:sweets|biscuits|crisps|chocolate))"
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:gone|went|fallen|fell|jumped|walked) (?:into|in) the (?:lake|river|pond|canal|"
            r"reservoir|water|sea|brook)(?: \w+){0,10} (?:has not|hasnt|not|did not|didnt|"
            r"never) (?:come|came) (?:back )?up |"
            r"(?:trying to|tried to|keeps trying to|is going to) (?:ram|run over|run down) "
            r"(?:my|our|me|us|him|her|them|the)(?: \w+){0,4} (?:with (?:me|us|him|her|them) in|"
            r"car|van) |"
            r"(?:pulled|dragged|bundled|forced|pushed|shoved) in(?:to)? (?:\w+ ){0,3}screaming |"
            r"(?:is|s|are|re) (?:now )?going for (?:me|us|him|her|them|my (?:little |\d+ year "
            r"old )?(?:son|daughter|girl|boy|kid|child|baby|wife|husband|mum|dad)) |"
            r"(?:someone|somebody|a man|a guy|men|two men|people|they|lads) (?:in|wearing) "
            r"(?:a |an )?(?:balaclava|balaclavas|ski mask|ski masks)(?: \w+){0,8} (?:right now|"
            r"now|at the (?:back|front|door|window)) "
        ),
    ),
    # a fire that has started again: "we put it out, its started again and now the flames are on
    # the fence"
    ("fire", _rx(r" (?:fire|flames|it) (?:has |is |s )?(?:started|starting|going) (?:up )?again ")),
    # a child who may have swallowed poison (its own reason: a pet that ate it too is no animal
    # matter)
    (
        "poisoned",
        _rx(
            r"^(?=.* (?:poison|rat poison|bleach|tablets|pills|battery|batteries|detergent|"
            r"capsules?|medicine|weed killer|antifreeze|slug pellets) )(?=.* (?:might|may|could) "
            r"have (?:eaten|swallowed|drunk|drank|licked|had) )(?=.* (?:son|daughter|baby|toddler|"
            r"child|kid|grandson|granddaughter|little one|(?:he|she) is [1-9]|(?:he|she) is "
            r"(?:one|two|three|four|five)) )"
        ),
    ),
    # someone under what fell: "wall collapse on the building site, worker is underneath"
    (
        "danger",
        _rx(
            r"^(?=.* (?:collapse|collapsed|collapsing|fell|fallen|came down|come down|caved in|"
            r"gave way|given way) )(?=.* (?:worker|workers|man|men|woman|someone|somebody|person|"
            r"people|lad|guy|bloke|child|kid|boy|girl|he|she|they)(?: \w+){0,2} (?:is |are |s "
            r")?(?:trapped |stuck |pinned |buried )?(?:underneath|under (?:it|the rubble|rubble|"
            r"the wall|the bricks|the debris|the scaffolding|the roof|the ceiling)) )"
        ),
    ),
    # a child of primary age not to be found where they should be: "one of our year 1s, he's 5,
    # isn't anywhere in the building or the playground"
    (
        "danger",
        _rx(
            r" (?:he is|she is|hes|shes|aged|age) (?:only |just )?(?:[1-9]|1[0-2])(?: (?:years?|"
            r"yr|yrs)(?: old)?| yo)?(?: \w+){0,3} (?:is not|isnt|not|cannot be|cant be|can not be) "
            r"(?:anywhere|found) "
        ),
    ),
    # gas that is making someone ill: "strong smell of gas on the 2nd floor and the other
    # cleaner has gone dizzy"
    (
        "medical",
        _rx(
            r" (?:smell of gas|gas smell|smells of gas|smelling gas|smell gas|reeks of gas|stinks "
            r"of gas|gas leak|gas leaking)(?: \w+){0,14} (?:dizzy|being sick|vomiting|passed out|"
            r"passing out|not making (?:much |any )?sense|confused|drowsy|collapsed|fainted|"
            r"headaches?|cant breathe|cannot breathe|struggling to breathe) "
        ),
    ),
    # a threat to burn people inside: "they'll burn the place with me in it"
    (
        "danger",
        _rx(
            r" (?:burn|torch|set fire to|petrol bomb) (?:the place|the shop|my shop|our shop|the "
            r"house|my house|our house|the flat|my flat|our flat|it|us)(?: down)? with (?:me|us|"
            r"him|her|them|my family|the kids|my kids|the children) (?:in it|inside|in there|in) "
        ),
    ),
    # on a bridge, a roof or an edge, saying why or goodbye: "i am standing on the bridge over
    # the railway and i just wanted someone to know why"
    (
        "danger",
        _rx(
            r" (?:i am|im|i m) (?:standing|sat|sitting|stood|up|stuck) on (?:the|a|top of the) "
            r"(?:\w+ )?(?:bridge|edge|ledge|roof|railway|parapet|tracks|multi storey)"
            r"(?=.* (?:(?:wanted|want) (?:someone|somebody|you|people) to know|goodbye|bye|"
            r"(?:cant|cannot|can not) (?:do this|go on|take (?:it|this))|end (?:it|this)|jump|"
            r"sorry|why) )"
        ),
    ),
    # a heart attack's signs: "on the kitchen floor clutching his chest, gone grey and sweaty"
    (
        "medical",
        _rx(
            r" (?:clutching|gripping|holding) (?:his|her|their|my) (?:chest|heart)(?!(?: \w+){0,4} "
            r"(?:laughing|lol|haha))|(?:gone|going|turned|is|looks) (?:grey|gray|pale|white) and "
            r"(?:sweaty|clammy|sweating) "
        ),
    ),
    # a fit, a diabetic's hypo, a car into people, thieves in masks at work, hiding from an
    # intruder, water rising round someone who cannot get out
    (
        "medical",
        _rx(
            r" (?:she|he|they|someone|somebody|(?:my|our|the|a) \w+) (?:is|s|are|keeps|has started|"
            r"started|starts) (?:fitting|seizing|convulsing)(?! (?:new|a|an|the|some|locks|"
            r"carpets?|windows|cameras|alarms|doors|kitchens?|in)) |having convulsions|"
            r"(?:shaking|jerking|twitching) and (?:fitting|seizing|convulsing)|"
            r"(?:has been|have been|been) (?:fitting|seizing|convulsing|having (?:a )?(?:fit|"
            r"seizure|seizures)) for|(?:is not|isnt|not) coming out of (?:it|the fit|the "
            r"seizure)|"
            r"(?:diabetic|insulin)(?: \w+){0,6} (?:is|s|and|keeps|has gone|gone) (?:\w+ )?"
            r"(?:shaking and sweating|sweating and shaking|not making sense|(?:very |really |so )?"
            r"confused|going grey|"
            r"having a hypo|drowsy and)|having a (?:bad )?hypo "
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:just |has just |has )?(?:drove|driven|crashed|ploughed|smashed|gone) into "
            r"(?:the |a )?(?:bus stop|crowd|people|pedestrians|group of people|queue)"
            r"(?! (?:last|every|once|years?|months?|in (?:19|20)\d\d)) |"
            r"(?:someone|somebody|people|a person|a child|a kid|a man|a woman|a boy|a girl|kids) "
            r"(?:is |are )?(?:trapped |stuck |pinned )?under (?:it|the car|a car|the bus|the van|"
            r"the lorry)|"
            r"(?:men|lads|boys|people|guys|two|three|four|someone|a man|a guy|they) (?:in|wearing|"
            r"with) (?:balaclavas?|masks) (?:are|is) (?:loading|taking|stealing|breaking|smashing|"
            r"trying|climbing|carrying|towing|lifting|forcing|kicking|getting into|going into) |"
            r"(?:im|i am|we are|were|i m) hiding (?:under|behind) (?:the|my|our|a) (?:bed|sofa|"
            r"stairs|desk|table|counter|car)(?!(?: \w+){0,3} (?:for a game|playing|hide and seek|"
            r"lol|haha))|"
            r"water (?:is )?(?:coming in|rising|pouring in)(?: \w+){0,8} (?:cannot|can not|cant) "
            r"get out "
        ),
    ),
    # someone put in a car boot, on the railway tracks, a small child at an open window, a hose
    # from an exhaust, hiding from someone in the home
    (
        "danger",
        _rx(
            r" (?:(?:put|putting|puts|pushed|shoved|bundled|forced|throw|threw) (?:a |an |the |"
            r"this |that |some |my |our )?(?:\w+ ){0,2}(?:girl|boy|woman|man|child|kid|lady|person|"
            r"someone|somebody|her|him) in(?:to)? (?:the|a|his|their|her) boot|"
            r"(?:pushed|pushing|shoved|fell|fallen|jumped|lying|standing|walking|is) (?:\w+ ){0,3}"
            r"(?:on|onto|on to) the (?:tracks|track|railway line|railway|line at)|"
            r"(?:toddler|baby|child|kid|little boy|little girl|little one|boy|girl)(?: \w+){0,8} "
            r"(?:on|out of|hanging out of|climbing out of|sitting on|standing on) the "
            r"(?:window ledge|windowsill|window sill|balcony ledge|balcony railing|"
            r"balcony railings|roof edge|roof ledge|ledge|edge of the roof)|"
            r"(?:hose|hosepipe|pipe|tube) (?:\w+ ){0,6}(?:exhaust|from the car into)|"
            r"engine running(?: \w+){0,6} (?:hose|hosepipe|pipe|tube) (?:\w+ ){0,3}(?:into|in) the "
            r"(?:car )?window|"
            r"(?:im|i am|we are|were|i m) (?:locked|hiding|barricaded|trapped) in (?:the|my|a|our) "
            r"(?:bathroom|bedroom|toilet|room|cupboard|wardrobe|loft|attic))"
            r"(?! (?:for a game|playing|hide and seek|lol|haha)) "
        ),
    ),
    # a dog attacking someone now: "a dog has got a kid pinned down in the park and is biting
    # his arm" (a dog that bit someone is a story to report)
    (
        "danger",
        _rx(
            # "neighbours staffie got out and has my son pinned on the pavement"
            rf" {_DOGS}(?: \w+){{0,4}} (?:has|have|s got|has got|got) "
            r"(?:a |the |my |our |his |her |this |that )?(?:\w+ )?(?:kid|child|son|daughter|boy|"
            r"girl|baby|man|woman|lady|him|her|me|us) (?:pinned|cornered|trapped|by the (?:arm|leg|"
            r"neck|face|throat)) |"
            rf" {_DOGS}"
            r"(?: \w+){0,6} (?:(?:is|are|keeps|keep|still) )?(?:attacking|biting|mauling|savaging|"
            r"has got|have got|got hold of|will not let go of|wont let go of) (?:\w+ ){0,3}"
            r"(?:a |the |my |our |this |that |some |his |her )?(?:kid|kids|child|children|boy|girl|"
            r"baby|toddler|"
            r"man|woman|person|someone|somebody|lady|him|her|me|us|people|arm|leg|face|neck) "
        ),
    ),
    # someone armed and where, told without a verb: "man with a knife in wealdstone library",
    # "lads with machetes outside the chicken shop"
    (
        "weapon",
        _rx(
            rf" (?:(?:a|an|the|this|that|some|two|three|four|2|3|4) )?(?:\w+ )?(?:{_PERSON}|men|"
            r"guys|lads|boys|youths|gang|people|kids) (?:with|holding|carrying|waving)"
            rf"{_DET} {_WEAPON}{_NOT_WEAPON_NOUN} (?:in|inside|at|on|outside|near|by|round|"
            r"around|behind|in front of|down|up|going|walking|running) "
            # on screen, not in the street: "lads with knives in drill videos"
            r"(?!(?:\w+ ){0,2}(?:videos?|films?|movies?|games?|pictures?|photos?|pics|posts?|"
            r"songs?|music|tv|shows?|the news|the paper|books?|cartoons?)\b)"
        ),
    ),
    # someone armed, and where they are or have just gone: "a man with a gun is in the post
    # office", "two lads with machetes have just gone into the chicken shop"
    (
        "weapon",
        _rx(
            rf" {_WHO} (?:with|holding|carrying){_DET} {_WEAPON}{_NOT_WEAPON_NOUN} "
            r"(?:is|are|has|have|just)(?: just| now| still)? (?:in|inside|at|outside|"
            r"in front of|gone into|gone in|walked into|walked in|come into|come in|went into|"
            r"went in|ran into|run into|going into|walking into|walking round|walking around|"
            r"running round|running around|hanging around|hanging round|standing) "
        ),
    ),
    (
        "weapon",
        _rx(
            rf" (?:waving|brandishing|wielding|swinging|pointing|pulled out|pulling out)"
            rf"{_DET} {_WEAPON}{_NOT_WEAPON_NOUN} "
        ),
    ),
    # armed and going for someone, told as a scene: "a gang with knives chasing a boy"
    (
        "weapon",
        _rx(
            rf" with{_DET} {_WEAPON}{_NOT_WEAPON_NOUN} (?:is |are )?(?:chasing|attacking|"
            r"stabbing|threatening|running after|going for|going after|hitting|beating|"
            r"cornering|surrounding) "
        ),
    ),
    (
        "weapon",
        _rx(
            r" (?:armed (?:man|men|person|people|gang|robbers?|youths?)|threw acid|"
            r"throwing acid|acid thrown|"
            r"(?:is|are) armed|gunman|gunmen|gun shots|gunshots|gunfire|shots fired|"
            r"being shot at|acid attack) "
        ),
    ),
    # a crime named as happening now: "robbery in progress at the post office", "there's a
    # burglary going on next door right now"
    (
        "crime-now",
        _rx(
            r" (?:robbery|robberies|burglary|break in|ram raid|mugging|smash and grab|"
            r"hold up|stick up|stabbing|shooting|assault|attack|kidnapping|abduction|"
            # where, between: "armed robbery at the petrol station on the a404 happening now"
            r"car jacking|carjacking)(?: (?:at|in|on|outside|near|by|behind|opposite) "
            r"(?:the |a |my |our )?\w+(?: (?!(?:what|whats|how|why|who|is|was|s|any)\b)\w+)"
            r"{0,4}?)? (?:is |are )?(?:in progress|"
            r"(?:happening|going on|"
            r"taking place|kicking off) (?:right )?now|happening as we speak|going on as we "
            r"speak|happening outside (?:right )?now) "
        ),
    ),
    # a fraud under way that police advise calling 999 for: a "courier" coming to collect cards
    # or cash, or a caller sending someone to draw cash out and hand it over
    (
        "fraud-now",
        _rx(
            # from its article: "how do i sign up, and a man from the bank is coming to collect
            # my cards" is a new clause, not a how-to question's object
            r"(?: (?:a|an|the))? (?:courier|driver|man|woman|lady|guy|bloke|someone|somebody|"
            r"officer|detective|they|he|she|colleague)(?: \w+){0,3} (?:is|are|s|re) (?:coming|"
            # "a young man is calling at four o'clock to collect my bank cards as evidence"
            r"calling|calling round|calling by|popping round|dropping by|stopping by|"
            r"on (?:his|her|their|the) way|coming round|outside (?:my|the|her|his) door|at (?:my|"
            r"the|her|his) door|"
            r"coming over|being sent|due|arriving|sending (?:someone|a courier|a driver|an officer|"
            r"a policeman|a man|a colleague))"
            r"(?: \w+){0,8} (?:collect|pick up|pick|take|get)(?: \w+){0,4} (?:cards?|cash|money|"
            r"pin|pins|gold|jewellery|watch|valuables|savings) "
        ),
    ),
    # told as learners tell it, by the scam's own words or its minutes: "his colleague come in
    # 20 minute to take my gold for keep safe" (not "my colleague comes at 5 to take the cash to
    # the bank")
    (
        "fraud-now",
        _rx(
            r" (?:courier|colleague|driver|officer|detective|man|woman|someone|somebody|person|"
            r"he|she|they)(?: \w+){0,3} (?:come|comes|coming|will come|arrive|arrives|arriving|"
            r"on (?:his|her|their|the) way)(?: \w+){0,8} (?:collect|pick up|pick|take|get)"
            r"(?: \w+){0,4} (?:cards?|cash|money|pin|pins|gold|jewellery|valuables|savings)"
            r"(?: (?:for (?:keep|keeping) safe|for safe ?keeping|to keep (?:it |them )?safe|"
            r"as evidence|for evidence)| (?:in|within) (?:\d+|a|an|one|two|ten|fifteen|twenty|"
            r"thirty|half an) (?:min|mins|minute|minutes|hour|hours)) "
            r"| (?:give|hand|hand over|pass)(?: \w+){0,3} (?:cards?|cash|money|gold|jewellery|"
            r"valuables|savings|watch)(?: \w+){0,2} to (?:his|her|their|a|the) (?:colleague|"
            r"courier|officer|driver|detective)(?: \w+){0,2} (?:to keep (?:it |them )?safe|for "
            r"safe ?keeping|for keep safe|as evidence)(?: \w+){0,6} (?:is |are )?(?:coming|"
            r"on (?:his|her|their|the) way|arriving) "
            r"| (?:courier|driver|officer|detective)(?: \w+){0,2} (?:come|comes|"
            r"coming|arrive|arrives|arriving) (?:in|within) (?:\d+|a|an|one|two|ten|fifteen|"
            r"twenty|thirty|half an) (?:min|mins|minute|minutes|hour|hours)(?: \w+){0,4} "
            r"(?:collect|pick up|pick|take|get)(?: \w+){0,4} (?:cards?|cash|money|pin|pins|gold|"
            r"jewellery|valuables|savings) "
        ),
    ),
    # the caller's words passed on: "they say police courier coming 4 oclock to collect her cards",
    # "a courier is collecting them from her at 5"
    (
        "fraud-now",
        _rx(
            r" courier (?:is |s |are )?(?:collecting|picking up|coming for) (?:them|it|the \w+|"
            r"her \w+|"
            r"his \w+|my \w+)(?: from (?:her|him|me|them|us))? (?:at \d|in \d|in (?:an|half an|ten|"
            r"twenty) |today|tonight|this (?:afternoon|evening|morning)|now) |"
            r" courier (?:coming|on (?:his|her|their|the) way|coming round|coming over|"
            r"being sent|arriving|will come|will be (?:there|here|round))(?: \w+){0,8} "
            r"(?:collect|pick up|pick|take|get)(?: (?!your )\w+){0,4} (?:cards?|cash|money|pin|"
            r"pins|gold|jewellery|valuables|savings) "
        ),
    ),
    (
        "fraud-now",
        _rx(
            r" (?:told|telling|asked|asking|instructed|want|wants) (?:me|her|him|them|us|my \w+) "
            r"to (?:go to the bank(?: \w+){0,4} and )?(?:withdraw|take out|draw out|get out)"
            r"(?: \w+){0,6} (?:cash|money|savings|thousand|grand|pounds)(?: \w+){0,4} and "
            r"(?:give|hand|pass)(?: it| them)? (?:over )?to (?:a|the|their) (?:man|courier|"
            r"driver|officer|detective|someone|person) "
        ),
    ),
    # the caller still on the line, sending the victim to the bank: "he still on phone with me,
    # he tell me go Barclays now and take all money"
    (
        "fraud-now",
        _rx(
            r" (?:still|is|s|are|re) on (?:the )?phone(?: \w+){0,10} (?:go|going|to go|goes) "
            r"(?:to )?(?:the |my |her |his )?(?:bank|barclays|hsbc|lloyds|natwest|santander|"
            r"nationwide|halifax|metro bank|tsb|post office|cash machine|cashpoint|atm) "
        ),
    ),
    # the place between the happening and the now: "armed robbery happening at the jewellers on
    # st anns road now"
    (
        "crime-now",
        _rx(
            r" (?:robbery|burglary|break in|ram raid|mugging|smash and grab|hold up|stick up|"
            r"stabbing|shooting|kidnapping|abduction|car jacking|carjacking) (?:is |are )?"
            r"(?:happening|going on|taking place|kicking off) (?:at|in|on|outside|near|by|"
            r"behind|opposite) (?:the |a |my |our )?\w+(?: (?!(?:what|whats|how|why|who|is|was|"
            r"s|any)\b)\w+){0,5}? (?:right )?now "
        ),
    ),
    # break-ins now
    (
        "break-in-now",
        _rx(
            r" (?:breaking in|breaking into|breaking down (?:my|our|the)|"
            r"trying to (?:break|force|kick|smash|climb|jimmy|pry|prise) "
            r"(?:in|into|down|open|through|(?:my|our|the) \w+)|"
            r"(?:has|have) (?:just )?(?:broken|broke) in|just (?:broke|broken) in|"
            r"(?:kicking|smashing|forcing) (?:in |down |open )?(?:my|our|the) "
            r"(?:front |back )?(?:door|window|gate|lock)|"
            # a break-in seen but not named: "a bloke in next doors garden doing something to
            # their patio door with a bar"
            r"(?:bloke|man|men|guy|guys|lad|lads|someone|somebody|stranger|strangers)"
            r"(?! (?:from|says|said|who says|who said))(?: \w+){0,8} (?:doing something|"
            r"fiddling|tampering|messing about|messing around|messing) (?:to|with|at) "
            r"(?:the|their|next doors?|our|my|his|her) (?:\w+ )?(?:door|"
            r"doors|window|windows|lock|locks)|"
            # as many residents write it: "help man breaking my door", "he break our window now"
            r"(?<!keeps )(?<!keep )(?<!always )(?<!wind )(?<!storm )(?:break|breaks|breaking) "
            r"(?:down |in |open )?(?:my|our) (?:front |back )?"
            r"(?:door|window|windows|gate)) "
        ),
    ),
    # told in the present: "my house is being burgled right now", "we're being robbed"
    (
        "break-in-now",
        _rx(
            r" (?:is|are|am|im|i m|were|we re|s|re) (?:getting |being )(?:burgled|broken into|"
            r"robbed|raided by (?:burglars|robbers|thieves)) "
        ),
    ),
    (
        "break-in-now",
        _rx(
            r" (?:trying|testing|checking|pulling) (?:my |our |the |all the |every |each )?"
            r"(?:front |back )?(?:door handles|doors|door handle|door|handles|windows) |"
            # cars' doors tried night after night are a nuisance to report, not one to 999:
            # "someone keeps trying car door handles on our street at night"
            r"(?<!keeps )(?<!keep )(?<!always )(?:trying|testing|checking|pulling) (?:my |our |"
            r"the |all the |every |each )?(?:car |car s |cars )(?:door handles|doors|"
            r"door handle|door|handles|windows) "
        ),
    ),
    (
        "break-in-now",
        _rx(
            r" (?:(?:can )?(?:hear|heard|hearing) (?:someone|somebody|people|a man|"
            r"men|noises|a noise|footsteps|voices|glass breaking|someone moving)(?: \w+){0,3} "
            r"(?:downstairs|upstairs|in my|in our|in the (?:house|flat|kitchen|loft|"
            r"attic|garden|hall|hallway|living room))|climbing (?:through|in|into|"
            r"over|up) (?:my|our|the) (?:window|windows|fence|wall|gate|balcony|"
            r"drainpipe|back wall)|"
            # someone else's window: "a man climbing in my neighbours back window"
            r"(?<!cat )(?<!cats )(?<!fox )(?<!cat keeps )(?<!cats keep )climbing (?:through|in|"
            r"into|in through|up to) (?:a|their|his|her|someones|next doors|(?:my |our |the )?"
            r"neighbours|(?:my |our |the )?neighbour s|(?:the|my|our) (?:back|front|side|"
            r"bedroom|kitchen|bathroom|upstairs|downstairs|open)) (?:(?:back|front|side|bedroom|"
            r"kitchen|bathroom|upstairs|downstairs|open) )?(?:window|windows|balcony)) "
        ),
    ),
    (
        "break-in-now",
        _rx(
            r" (?:someone|somebody|they|the burglars?|burglars?|a man|men|intruders?|he|she) "
            r"(?:is|are|s|re) still (?:inside|in there|in the (?:house|flat|shop|building)|"
            r"in (?:my|our) (?:house|flat|home|shop)) |"
            # "two men forced their way into my nans flat and are still inside"
            r" forced (?:their|his|her|the) way (?:in|into)(?: \w+){0,4} (?:and )?(?:are|is|s|re) "
            r"still (?:inside|in there|there|in) "
        ),
    ),
    # someone hiding by the teller's home now: "he hit me last week and he is still hiding outside"
    (
        "danger",
        _rx(
            r" (?:he|she|they|someone|somebody|(?:a|an|the|this|that|some|two) (?:\w+ )?(?:man|"
            r"men|guy|guys|bloke|blokes|woman|stranger|strangers|person|people|lad|lads)|"
            r"(?:my|her|his) ex(?: husband| partner| boyfriend| wife| girlfriend)?) "
            r"(?:is|are|s|re) (?:still |now )?(?:hiding|lurking|crouching|hiding out) "
            rf"(?:outside|in the bushes|behind (?:my|our|the) \w+|(?:in|at|by|near|round|around) "
            rf"(?:my|our|the) {_PLACE}) "
        ),
    ),
    # petrol poured on a car, a door or a person, with someone still there: a fire about to be set
    (
        "fire",
        _rx(
            r" (?:poured|pouring|splashed|splashing|doused|dousing|thrown|threw|throwing) "
            r"(?:petrol|fuel|lighter fluid|paraffin|diesel) (?:over|on|onto|all over|through|"
            r"at|in) (?:my|our|the|his|her|their|me|him|her) "
        ),
    ),
    # torchlight inside a house whose people are away: someone is in there now
    (
        "break-in-now",
        _rx(
            r" (?:torch|torches|torchlight|torch light|torch lights)(?: \w+){0,3} (?:inside|"
            r"in there|in the (?:house|flat|shop|building)|in (?:their|next doors|the neighbours) "
            r"(?:house|flat|place)|moving about|moving around|going round) "
        ),
    ),
    (
        "break-in-now",
        _rx(
            r" trying to get in(?:to)?(?: (?:my|our|the) (?:house|home|flat|door|"
            r"window|garden|building|back|front|property)| through|) "
        ),
    ),
    # forcing a door with a tool as it is told: "someone trying open my door with tool right now"
    (
        "break-in-now",
        _rx(
            r" (?:someone|somebody|a man|men|people|they|he) (?:is |are )?trying (?:to )?"
            r"(?:open|force|break|prise|prize|jemmy|kick in|get through) (?:my|our|the) (?:front "
            r"|back )?(?:door|window|lock|patio door)(?: \w+){0,4} (?:with|using) (?:a |an )?"
            r"(?:tool|tools|crowbar|screwdriver|bar|drill|something)"
        ),
    ),
    (
        "break-in-now",
        _rx(
            r" (?:(?:there is|there are|i have|we have|got) (?:an? )?intruders?|"
            r"intruders? (?:in|inside|downstairs|upstairs|on)) "
        ),
    ),
    (
        "break-in-now",
        _rx(
            r" (?:someone|somebody|a man|a stranger|strangers|people|men|a guy|"
            r"a person|someone i do not know|a burglar|burglars|intruders?|a woman|"
            r"they|someone else|a group|some men|some people|youths) "
            r"(?:is |are |has got |have got |got |has |have |just |still )?"
            r"(?:in|inside|into|climbing into|climbing in|climbing over|hiding in|"
            r"walking around|upstairs in|downstairs in|in the back of|"
            r"at the back of|creeping around|snooping around|trying my) "
            # not a housemate or neighbour told of: "someone in my shared house went in my room
            # and took my card", "somebody in our building stealing my parcels"
            r"(?:my|our) (?!(?:shared \w+|building|block|estate|hmo) (?:went|took|stole|steals|"
            r"stealing|has been|have been|keeps|keep|who|that|nicked|nicks|nicking|used|uses|"
            r"is stealing|has taken|takes|taking) )"
            # over a neighbour's fence too: "a man climbing over my neighbours back fence"
            rf"(?:neighbours? |next doors )?(?:\w+ )?(?:{_PLACE}|fence|wall|gate) "
            # people about in the street doing what is no break-in: "some people in my road
            # selling drugs"
            r"(?!(?:selling|dealing|smoking|drinking|parking|parked|sells|deals|smoke) )"
        ),
    ),
    # being followed now
    (
        "followed",
        _rx(
            r" (?:being|getting|am|is|are) (?:followed|stalked|chased|hunted|tailed)"
            r"(?! on (?:instagram|twitter|tiktok|facebook|snapchat|social|x|youtube|"
            r"insta|ig|threads|twitch|linkedin))"
        ),
    ),
    (
        "followed",
        _rx(
            r" (?:following|stalking|chasing|tailing) (?:me|us|my \w+|her|him|them)"
            r"(?! (?:on|online|back|at))"
        ),
    ),
    # fire
    ("fire", _rx(r" (?:is|are|caught|catching|went|gone|going up) on fire ")),
    (
        "fire",
        _rx(
            rf" {_PLACE[:-1]}|building|block|flats|tree|bins|bin|van|lorry|bus|roof|school|"
            r"pub|warehouse)(?: next door| upstairs| downstairs| opposite)? (?:is |are )?"
            r"(?:on fire|burning|burning down|in flames|alight|ablaze) "
        ),
    ),
    (
        "fire",
        _rx(
            r" (?:smoke|flames|fire) (?:is |are |to be |to keep |keeps |still )?(?:coming|"
            r"pouring|billowing|everywhere|spreading|pumping|bellowing) | (?:is |are )?(?:pouring|"
            r"billowing|belching|spewing) (?:out )?(?:black |thick |grey |white |dark )*smoke "
        ),
    ),
    (
        "fire",
        _rx(
            r" (?:(?:i|we) (?:can )?(?:smell|see) (?:smoke|burning|flames)|"
            r"(?:full of|lots of|loads of|thick) smoke) "
        ),
    ),
    (
        "fire",
        _rx(
            r" (?:setting fire|set fire|started a fire|starting a fire|setting alight|"
            r"set alight|petrol bomb|arson attack) "
        ),
    ),
    # an electrical fire starting: a sparking plug, a smoking charger, smouldering curtains
    (
        "fire",
        _rx(
            r" (?:plug|plugs|socket|sockets|charger|wire|wires|wiring|cable|heater|dryer|"
            r"washing machine|battery|e bike|ebike|scooter|fuse box|extension lead|toaster|"
            r"microwave|fridge|boiler|meter)(?: \w+){0,3} (?:is |are |keeps |keep |has started |"
            r"started |just started )?(?:sparking|smoking|smouldering|smoldering|melting) "
        ),
    ),
    (
        "fire",
        _rx(
            r" (?:curtains?|sofa|settee|carpet|mattress|bed|duvet|ceiling|wall|walls)"
            r" (?:is |are )?(?:smouldering|smoldering|smoking|scorching|charring) "
        ),
    ),
    (
        "fire",
        _rx(
            r" (?:there is|there are|we have|i have) (?:a |an )?(?:big |huge |massive |"
            rf"house |car |kitchen |chip pan )?fire{_FIRE_NOUN_NOT}"
        ),
    ),
    ("fire", _rx(rf" fire (?:in|at) (?:my|our|the|a) (?:\w+ )?{_PLACE}(?! safety)")),
    (
        "fire",
        _rx(
            r" fire (?:next door|upstairs|downstairs|outside|across the road|"
            r"over the road|in the flat|in the block) "
        ),
    ),
    # a crash with someone hurt comes before the medical words it contains
    ("crash-injury", None),
    # spiking: someone spiked may soon be unable to ask for help, so the past tense counts unless
    # the message dates it ("last week" vetoes it as past; a question frame vetoes it as general)
    (
        "spiking",
        _rx(
            rf" {_SPIKE_VICTIM}(?: (?:think|just|definitely|probably|maybe|might|may|"
            r"must|could|have|has|had|def|really|already))* (?:been|bin|got|gotten|was|"
            r"were|is|am|are) (?:spiked|drugged) (?!(?:hair|heels|collar|shoes|boots|"
            rf"railings|fence|fencing|up) )| {_DRINK} spiked "
        ),
    ),
    (
        "spiking",
        _rx(
            r" (?:spiked|drugged) (?:me|us|him|them|her(?! (?:interest|curiosity|hair) )|"
            r"(?:my|our|his|her|their|a|the|someones) (?:\w+ )?"
            rf"(?:{_DRINK}|{_KIN}|{_PERSON})) "
        ),
    ),
    (
        "spiking",
        _rx(
            r" (?:someone|somebody|he|she|they|(?:a|the|this|that|some) (?:\w+ )?"
            rf"(?:{_PERSON}|men|guys|lads|boys))(?: \w+){{0,2}} (?:put|putting|slipped|"
            r"slipping|dropped|dropping|added|adding|tipped|poured)(?: \w+)? (?:something|"
            r"stuff|a pill|pills|a tablet|tablets|powder|a powder|drugs|a drug|"
            r"a substance|ketamine|ket|ghb|rohypnol|roofies|a roofie) (?:in|into) "
            rf"(?:my|our|his|her|their|a|the|someones) (?:\w+ )?{_DRINK} "
        ),
    ),
    (
        "spiking",
        _rx(
            r" (?:is|are|keeps|keep|just|has been|have been) (?:spiking|drugging) "
            r"(?:drinks|people|girls|women|me|us|him|her|them|someone|my|our|his|their) "
        ),
    ),
    (
        "spiking",
        _rx(
            r" (?:(?:(?:injected|jabbed|spiked|stabbed) (?:me|us|him|her|them|my \w+)|"
            r"(?:been|was|got) (?:injected|jabbed|spiked|stabbed))(?: \w+){0,3} with "
            r"(?:a |an )?(?:needle|syringe)|needle spiked) "
        ),
    ),
    # a fire lit on purpose that has got away: "the bonfire next door has spread to our fence"
    (
        "fire",
        _rx(
            r" (?:fire|bonfire|flames|bbq|barbecue|it)(?: \w+){0,2}? (?:has |have |is |are )?"
            r"(?:spread|spreading|jumped|caught|catching) (?:to |onto |into |on )?"
            r"(?:our|my|the|their|next doors?|the neighbours?) (?:\w+ )?(?:fence|fences|shed|house|"
            r"roof|garage|car|"
            r"cars|hedge|garden|trees?|flat|building|wall|decking|bins?) "
        ),
    ),
    # a fire the resident cannot put out: "fire in kitchen cannot put out"
    (
        "fire",
        _rx(
            r" fire (?:in|on) (?:my |our |the )?(?:kitchen|house|flat|room|bedroom|building|"
            r"block|stairs|garage|shop|car)(?: \w+){0,3} (?:cannot|can not|cant|can t|not|wont|"
            r"won t|will not) (?:put (?:it )?out|stop|control|get out) "
        ),
    ),
    # medical
    (
        "medical",
        _rx(
            r" (?:not breathing|stopped breathing|cannot breathe|can not breathe|"
            r"struggling to breathe|cannot get (?:any )?air in|unconscious|unresponsive|"
            r"not responding|"
            r"not moving|collapsed|heart attack|"
            # not for school: "my teenager will not wake up for school"
            r"(?:will not|cannot|can not|is not|has not) (?:wake|waking|woken)(?![\w ]{0,20} "
            r"(?:for (?:school|work|college|the school)|in time|on time|early|til|till|until) )|"
            r"cardiac arrest|having a (?:seizure|fit|stroke)|overdosed|overdose|"
            r"taken an overdose|choking|passed out|fainted|"
            r"bleeding (?:(?:quite|really|very|so|pretty|rather|extremely) )?(?:heavily|heavy|"
            r"badly|a lot|everywhere|out|loads|lots|so much|"
            r"profusely|too much|"
            r"very much|very bad|non stop)|"
            r"lots of blood|loads of blood|blood everywhere|so much blood|too much blood|"
            r"(?:very much|a lot of) blood|"
            r"(?:need|needs|call|get|send) (?:an )?ambulance|call for an ambulance|"
            # a fall someone cannot get up from ("an old lady has fallen outside the post office,
            # she cannot get up"), or a limb at an odd angle
            r"(?:fell|fallen|had a fall|slipped|tripped)(?: \w+){0,12} (?:(?:cannot|can not|is "
            r"unable to|unable to) (?:get up|stand|stand up|move|breathe|(?:reach|get to) (?:the "
            r"|my )?(?:door|phone|pendant|alarm|cord))|(?:has not|hasnt|have "
            r"not|not) (?:got up|moved|woken)|(?:is |s )?not (?:answering|responding)|"
            r"(?:screams|screaming|cries out) when (?:we|i|they) "
            r"(?:try|tried) to move)|"
            r"(?:leg|arm|ankle|hip|neck|foot|wrist) (?:is |was |s )?(?:lying |bent |twisted )?"
            r"(?:at|in) (?:an? )?(?:odd|funny|weird|strange|horrible|wrong) (?:angle|position|"
            r"way)|(?:leg|hip|neck) (?:looks |is )(?:twisted|broken|deformed)|"
            # not woken by those with them: "making a strange snoring noise and i cannot rouse
            # him"
            r"(?:cannot|can not|cant|unable to) (?:rouse|wake|wake up) (?:him|her|them)(?! up "
            r"for| for| in the morning)) "
        ),
    ),
    (
        "medical",
        _rx(
            rf" {_WHO} (?:is|are|am) (?:dying|dead|badly hurt|seriously hurt|"
            r"badly injured|seriously injured) (?!to |for |of |laughing )"
        ),
    ),
    (
        "medical",
        _rx(
            r" (?:chest pains?|pains? in (?:his|her|my|their) chest|"
            # a heart attack played down: "a bit of chest tightness and hes sweaty and feels sick"
            r"(?:chest tightness|tight chest|tightness in (?:his|her|my|their) chest|chest (?:is |"
            r"feels )?tight)(?: \w+){0,10} (?:sweaty|sweating|clammy|feels sick|being sick|grey|"
            r"pale|arm|jaw|short of breath|getting worse)|"
            r"(?:an? )?(?:allergic reaction|anaphylactic shock|anaphylaxis)|"
            # an allergy taking hold: "his lips are massive and his throat feels tight"
            r"throat (?:feels |is |s )?(?:tight|closing|closing up|swelling|swollen)|"
            r"(?:lips|lip|tongue|face) (?:are |is |s |have |has )?(?:gone |going |very |so |really "
            r"|all )*(?:swelling|swollen|massive|puffed up|puffy|big|huge)(?: \w+){0,10} "
            r"(?:wheezing|wheezy|whistling|cant breathe|cannot breathe|struggling to breathe|"
            r"breathing (?:like|funny|weird|strange|noisy|badly|fast))|"
            # a baby gone floppy or blue round the mouth
            r"(?:blue|bluey|bluish|grey|purple)(?: \w+){0,2} (?:round|around) (?:the|his|her) "
            r"(?:mouth|lips)|(?:really|very|all|gone|so) (?:floppy|limp)|(?:red|pale|grey|white|"
            r"hot|sweaty|sleepy|quiet|blue) and (?:floppy|limp)|"
            r"(?:floppy|limp) and (?:a bit |slightly |a little |kind of |sort of |quite )?"
            r"(?:blue|bluey|bluish|grey|purple)|"
            # heat or cold taking hold: "very confused, hot dry skin, cant keep her eyes open"
            r"confused(?: \w+){0,12} (?:cant|cannot|can not) keep (?:her|his|their) eyes open|"
            r"having a heart attack|face is drooping|turning blue|gone blue|"
            r"bleeding will not stop|will not stop bleeding) "
        ),
    ),
    # told without "is" or "has", as many residents write: "my husband fall down not wake up",
    # "my baby swallow battery"
    (
        "medical",
        _rx(
            r" (?:fall|fell|fallen|falled|collapse|collapsed)(?: (?!asleep)\w+){0,3} (?:not|wont|"
            r"won t|will not|cannot|cant|can t|doesnt|does not|is not|isnt) (?:wake|waking|respond|"
            r"responding|breathing|breathe|moving|move|talking|talk|answer|answering) "
        ),
    ),
    (
        "medical",
        _rx(
            r" (?:baby|toddler|child|son|daughter|kid|boy|girl|little one|he|she|mum|dad|nan|"
            r"grandad|grandma|husband|wife|brother|sister|friend|partner|boyfriend|girlfriend|"
            r"nephew|niece|grandson|granddaughter|cousin|i|\d+ (?:year|yr) old) (?:has |have |"
            r"just |has just |have just |maybe |might have |think has |may have )?"
            r"(?:swallow|swallowed|swallows|ate|eaten|eat|drank|drunk|drink) (?:a |an |some |the |"
            r"my |his |her |all )?(?:of (?:my |his |her |the |\w+s )?)?"
            # "one of those little round batteries out of the car key"
            r"(?:(?:one|two|some|a couple) of (?:those|these|the|my|his|her|our) )?"
            r"(?:(?:button|small|little|tiny|round|flat|coin|watch|lithium) )*"
            r"(?:battery|batteries|bleach|magnets?|poison|"
            r"rat poison|weed killer|washing tablets?|washing capsules?|liquitabs?|detergent|"
            r"pills|tablets|medicine|paracetamol|cleaning liquid|antifreeze) "
        ),
    ),
    # a whole packet being taken: "a message from her friend saying shes taking the whole packet"
    (
        "medical",
        _rx(
            r" (?:is|are|am|going to|gonna|about to) (?:taking|take|swallowing|swallow) (?:the |a |"
            r"her |his |my )?whole (?:packet|pack|box|bottle|strip)(?: of (?:\w+ )?(?:pills|"
            r"tablets|paracetamol|painkillers|meds|medication))? (?!of )"
        ),
    ),
    # a swelling airway is anaphylaxis whether or not the resident names it
    (
        "medical",
        _rx(
            r" (?:lips|tongue|throat|mouth)(?: and (?:\w+ ){0,2}(?:lips|tongue|throat|face|eyes))?"
            r" (?:is |are |keeps |keep |started |have |has )?(?:swelling|swelled|swollen|"
            r"closing up|blowing up|puffing up) "
        ),
    ),
    # violence now
    (
        "violence-now",
        _rx(
            # not "support after being mugged" or "scared of getting jumped"
            rf"(?<! after)(?<! since)(?<! from)(?<! of)(?<! over)(?<! about)"
            rf" (?:being|getting|been|just got|just been|has been|have been|"
            rf"was just|were just) {_VIOLENT_PP} "
        ),
    ),
    (
        "violence-now",
        _rx(
            # abuse kept up ("passengers keep abusing me") is mostly words, not an attack now
            rf" (?:{_VIOLENT_ING}|(?<!keeps )(?<!keep )(?<!always )(?<!constantly )abusing) "
            rf"{_VICTIM} "
        ),
    ),
    # kept up now: "a dad has just punched our coach and is still going at him"
    (
        "violence-now",
        _rx(
            # (not siblings squabbling, nor "my boss is still going at me about the rota")
            r"(?<! kids)(?<! children)(?<! twins)(?<! brothers)(?<! sisters)"
            r" (?:is|are|s|re) still (?:going at|laying into|hitting|punching|kicking|beating|"
            r"attacking|on top of|battering|stamping on) (?:him|her|them|each other|the|a|my|our|"
            r"his) "
        ),
    ),
    # a robbery as it happens: "two men have stopped me and want my bike, one has a hammer"
    (
        "crime-now",
        _rx(
            r" (?:have|has|are|is|just) (?:stopped|cornered|surrounded|boxed in|blocked) "
            r"(?:me|us|my \w+)(?: \w+){0,3} (?:and )?(?:want|wants|are demanding|is demanding|"
            r"demanding|asking for|telling me to give them|saying give) (?:my|our|me|his|her) "
        ),
    ),
    # told without "is", with now: "help man hit my wife now", "he beat his wife now"
    (
        "violence-now",
        _rx(
            r" (?:hit|hits|beat|beats|punch|punches|kick|kicks|attack|attacks|stab|stabs|"
            r"strangle|strangles|choke|chokes) (?:my|our|his|her|their|the) (?:\w+ )?(?:wife|"
            r"husband|mum|mother|dad|father|partner|girlfriend|boyfriend|neighbour|woman|man|"
            r"baby|child) (?:(?:now|right now|again now) $|as we speak )"
        ),
    ),
    (
        "violence-now",
        _rx(
            rf" (?:there is|there are) (?:a |an |some )?(?:big |huge |massive |"
            rf"mass |gang |knife |street )?{_FIGHT} "
        ),
    ),
    (
        "violence-now",
        _rx(
            r" (?:people|men|lads|boys|girls|youths|kids|gangs?|they|two men|"
            r"a group|groups) (?:are )?(?:fighting|brawling|attacking|stabbing)"
            r"(?! (?:crime|for|against|over|back|fit))"
        ),
    ),
    # someone in danger
    (
        "danger",
        _rx(
            r" (?:threatening to|threatened to|threatens to|says he will|"
            r"said he will|says she will|said she will|says they will|wants to|"
            r"trying to|about to) (?:kill|stab|shoot|murder|hurt|burn|rape|attack) "
            r"(?:me|us|him|her|them|my|himself|herself|themselves|myself|someone|"
            r"everyone) "
        ),
    ),
    # told without "that" or "is going to": "my brother say he kill himself tonight"
    (
        "danger",
        _rx(
            r" (?:say|says|said|saying|told me|tell me|telling me|texted|messaged) (?:he|she|"
            r"they) (?:will |going to |gonna |want to |wants to |is going to |is gonna )?(?:kill|"
            r"end|hurt) (?:himself|herself|themselves|his life|her life|their life) "
        ),
    ),
    # a child or a dog shut in a car in the heat
    (
        "danger",
        _rx(
            r" (?:child|baby|toddler|kid|little one|dog|puppy)(?: \w+){0,3} (?:alone |left |"
            r"locked |shut )?in (?:a |the |hot |their |this |that )?(?:car|van)(?: \w+){0,10} "
            r"(?:very hot|so hot|too hot|boiling|hot sun|in the sun|heat|sweating|not moving|"
            r"crying and|windows up|bright red|red faced|stopped crying|floppy) |"
            # "a car in the car park has a baby in it in the sun, windows shut"
            r" (?:car|van) (?:\w+ ){0,6}(?:has |with )(?:a |the )?(?:baby|toddler|child|kid|little "
            r"one|dog) in it(?: \w+){0,8} (?:very hot|so hot|boiling|in the sun|windows up|windows "
            r"shut|bright red|red faced|stopped crying|floppy|not moving|sweating) "
        ),
    ),
    # someone in the water and struggling
    (
        "danger",
        _rx(
            r" in(?:to)? (?:the )?(?:river|canal|lake|pond|water|reservoir|sea)(?: \w+){0,4} "
            r"(?:not swimming|cant swim|can t swim|cannot swim|struggling|going under|cant get out|"
            r"can t get out|shouting for help|screaming) "
        ),
    ),
    # "going to"/"will" with a named victim; "they are going to kill someone" is a foreseen
    # hazard in a complaint (e-scooters, speeding) far more often than a threat now
    (
        "danger",
        _rx(
            r" (?:going to|will) (?:kill|stab|shoot|murder|hurt|burn|rape|attack) "
            r"(?:me|us|him|her|them|my(?! (?:dog|dogs|cat|cats|pet|pets|puppy|kitten|bird|birds|"
            r"tortoise|rabbit|horse|pony)\b)|himself|herself|themselves|myself) "
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:threatening to|threatened to|threatens to) (?:jump|end it|end (?:his|"
            r"her|their) life|set (?:himself|herself) alight) "
        ),
    ),
    ("danger", _rx(r" (?:going|about|threatening|trying) to jump $")),
    # said while up high: "sitting on the roof edge of our block and says he will jump if anyone
    # comes up"
    (
        "danger",
        _rx(
            r" (?:roof|rooftop|ledge|edge|balcony|railing|railings|bridge|parapet|top floor|"
            r"top deck|multi storey|cliff|scaffolding)(?: \w+){0,16} (?:says|said|saying|keeps "
            r"saying|is saying|shouting|screaming|telling (?:us|me|everyone)) (?:that )?(?:he|she|"
            r"they) (?:will|ll|is going to|s going to|are going to|is gonna|gonna) jump(?! (?:on|"
            r"at|in the queue|the queue|ship|to conclusions))(?= )"
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:going to|about to|trying to|wants to|ready to|is) jump(?:ing)? "
            r"(?:off|from|in front of|into the (?:river|canal|water)) "
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:kill myself|killing myself|end my life|ending my life|"
            # "i dont trust myself with it tonight, i keep thinking about using it on myself"
            r"(?:using|use) (?:it|the knife|a knife|the blade|a blade|them) on myself|"
            r"(?:dont|do not|cannot|cant|can not) trust myself with (?:it|the knife|a knife|"
            r"the blade|them|the pills|my pills|the tablets)(?: \w+){0,3} (?:tonight|right now|"
            r"at the moment|anymore|any more)|"
            r"take my own life|taking my own life|suicidal|want to die|going to die|"
            r"wants to die|wanna die|"
            r"(?:dont|do not|doesnt|does not|didnt|did not) (?:want|wanna) (?:to )?(?:live|"
            r"be alive) (?:anymore|any more|no more)|"
            r"(?:dont|do not|doesnt|does not) (?:want|wanna) (?:to )?be alive|"
            # not to wake from tonight's sleep, not "my teenager will not wake up for school"
            r"(?:dont|do not|doesnt|does not) (?:want|wanna) (?:to )?wake up (?:tomorrow|again|"
            r"anymore|any more|ever again|in the morning)|"
            r"(?:do not|dont|cannot|can not) (?:really )?see (?:the|any) point (?:in|of) "
            r"(?:being here|living|going on|life|carrying on)|end it all|ending it all|"
            r"better off without me|better off dead|"
            r"(?:no one|noone|nobody) (?:would|will|d|is going to|gonna) (?:even )?miss "
            r"(?:me|her|him|them)|"
            # a farewell note: warning signs whether or not it names dying
            r"(?:you all|you lot|everyone|you|they all) deserves? better than me|"
            r"this is (?:my )?goodbye|goodbye forever|"
            r"sorry for everything(?: \w+){0,12} (?:goodbye|bye|love you|forgive me)|"
            # pills made ready ("all my tablets counted out on the table"), not a week's dosette
            r"(?:pills|tablets|meds|medication|painkillers) (?:are )?(?:all )?(?:counted|lined|"
            r"laid) out (?:on|in front of|next to|beside|ready)|(?:counted|lined|laid) out all "
            r"(?:my|the|his|her) (?:pills|tablets|meds|medication|painkillers)|"
            r"(?:been )?(?:saving|stockpiling|hoarding) (?:up )?(?:my |all my |his |her )?"
            rf"{_PILLS}|"
            r"(?:going to|gonna|about to|wants to|want to|will) end it(?! (?:with|between|for))|"
            r"jump off (?:a|the|this) (?:bridge|roof|building|balcony|cliff)|"
            r"jumping off (?:a|the|this) (?:bridge|roof|building|balcony|cliff)|"
            r"on the edge of (?:a|the) (?:bridge|roof|building|platform)) "
        ),
    ),
    ("danger", _rx(r" (?:is|are) threatening (?:me|us|to)|threatening my life ")),
    (
        "danger",
        _rx(
            r" (?:(?:screaming|shouting|crying|calling|yelling) (?:for help|help)|"
            r"(?:hear|hearing|heard) (?:someone |a woman |a man |a child |a kid |a baby "
            r"|her |him )?(?:screaming|screams|scream|crying for help))"
        ),
    ),
    # sexual offences: past tense needs "just" here, or a now signal in the weak rule
    (
        "sexual-offence",
        _rx(
            r" (?:exposing (?:himself|herself|themselves)|flashing (?:me|us|"
            r"people|kids|children|girls|women|schoolgirls)|(?:man|men|guy|someone|"
            r"somebody|stranger|he)(?: \w+){0,2} flashing at (?:me|us|people|kids|"
            rf"children|girls|women|(?:a|an|the|some|my|our) (?:\w+ )?(?:{_PERSON}|"
            rf"{_KIN}))|"
            r"groping (?:me|her|us|people)|(?:is|are|keeps|keep) touching "
            r"(?:me|her|my)|sexually assaulting|being groped|being touched|just "
            r"(?:exposed|flashed) (?:himself|herself|themselves)|"
            r"(?:man|men|guy|someone|somebody|stranger|flasher)(?: \w+)? just "
            r"(?:exposed (?:himself|herself) to|flashed(?: at)?) (?:me|us|her|them)|"
            r"just groped (?:me|her|us|him|my)|"
            r"(?:is|are|keeps|keep|and|started|sitting there|standing there) "
            r"(?:touching (?:himself|herself|themselves)|masturbating|wanking|"
            r"playing with (?:himself|herself))) "
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:banging|hammering|kicking|pounding|bashing|smashing) (?:on|at) "
            r"(?:(?:my|our|the) (?:front |back |bedroom |bathroom |toilet |kitchen |flat )?(?:door|"
            # the door named before: "hes outside ... hes banging on it now"
            r"window|windows)|it (?:now|right now|as we speak)) "
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:kidnapped|abducted|being taken (?:away|by)|dragged into|bundled into|"
            # "a man push a young girl into a white van"
            r"(?:push|pushed|pushing|shove|shoved|shoving|throw|threw|throwing|pull|pulled|"
            r"pulling|grab|grabbed|grabbing|force|forced|forcing|drag|dragging|bundle|bundling)"
            r" (?:(?:a|an|the|this|that|some|my|our|his|her) )?(?:\w+ ){0,2}(?:girl|boy|woman|"
            r"man|child|kid|lady|teenager|teen|person|someone|somebody|her|him) into (?:a|an|the|"
            r"his|their|her) (?:\w+ ){0,2}(?:car|van|vehicle|motor|boot|truck|lorry|taxi|cab)|"
            r"forced into (?:a|the|his|their) (?:car|van)|held hostage|taken hostage|"
            # "men put him in a car and take him" (not a parent who puts a child in the car)
            r"(?:men|strangers|some men|two men|three men|a man|a stranger|they) (?:put|putting|"
            r"puts) (?:him|her|them|my (?:\w+ )?\w+|a (?:\w+ )?(?:boy|girl|child|kid)) in(?:to)? "
            r"(?:a|an|the|their|his|a white|a black) "
            r"(?:\w+ )?(?:car|van|vehicle) and (?:take|took|taken|drive|drove|driving|drive off|"
            r"drove off|sped off|went|gone)|"
            r"hostage|held against (?:my|her|his|their) will|"
            r"locked (?:me|us|him|her|them) in|"
            # a learner's present: "the boss lock me and two other in back room and take our
            # phone", "he say we not go out until we pay him the debt"
            r"(?:lock|locks) (?:me|us|him|her|them)(?: and (?:\w+ ){1,3})? in (?:the |a |his |"
            r"their )?(?:back )?(?:room|basement|cellar|shed|garage|office|cupboard|toilet|"
            r"bathroom|container|van)|"
            r"(?:say|says|said|tell|tells|told) (?:we|i|us|me) (?:can not|cannot|cant|can t|not|no|"
            r"will not|wont|must not|are not allowed to|not allowed to) (?:to )?(?:go|get) out "
            r"(?:until|till|unless|before) (?:we|i) (?:pay|paid|give|work)|"
            # (not where work or the road holds someone up: "says he's stuck in a meeting")
            # locked in a room no one will open, as a learner may write it: "i am lock in the
            # cold room at work, the handle inside is broken"
            r"(?:am|are|is|m|got|been) (?:locked|lock) (?:in|inside) (?:the|a|my|our|this) "
            r"(?:\w+ )?(?:freezer|fridge|cold room|cold store|walk in|storeroom|store room|"
            r"container|boot|lift|cellar|basement|vault)|"
            r"(?:am|are|is) (?:trapped|stuck|pinned) (?:in|inside|under|underneath|beneath)"
            r"(?! (?:a |an |the |his |her |my |their )?(?:meeting|meetings|traffic|queue|queues|"
            r"call|conference|work|office|class|lesson|lessons|exam|court|airport|abroad|rut|loop|"
            r"hospital|overtime|jam|tailback|delays?) )) "
        ),
    ),
    (
        "danger",
        _rx(
            # not a drowning as a subject: "what do police need after a drowning incident"
            r" (?:drowning(?! (?:incident|incidents|prevention|awareness|course|training|"
            r"statistics|risk))"
            # not work piling up: "drowning in paperwork atm"
            r"(?! in (?:\w+ )?(?:paperwork|work|debt|debts|emails|bills|admin|homework|assignments|"
            r"coursework|marking|laundry|washing|orders|meetings|deadlines|revision|forms))"
            r"|fell in the (?:river|canal|lake|pond|water|reservoir)|"
            r"fallen in the (?:river|canal|lake|pond|water|reservoir)|"
            r"fell into the (?:river|canal|lake|pond|water|reservoir)|"
            r"under the ice|through the ice) "
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:i am|we are|i feel|someone is|he is|she is|they are|my \w+ is|"
            r"my \w+ are|life is|lives are) (?:in (?:real |serious )?danger|"
            r"not safe (?:right now|now|here)|in fear of (?:my|his|her|their) life) "
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:scared for my life|fear for my life|fearing for my life|"
            r"afraid for my life|terrified for my life|hiding from (?:him|her|them|"
            r"a man|someone|my \w+)|(?:he|she|they) (?:is|are) going to hurt) "
        ),
    ),
    # stabbed or shot and bleeding: "got stabbed in leg bleeding bad im in alley"
    (
        "violence-now",
        _rx(
            r" (?:got|been|was|just been|has been|have been|is) (?:stabbed|shot|slashed|glassed)"
            r"(?: \w+){0,5} (?:bleeding|blood|losing blood) "
        ),
    ),
    # held by the throat, a head stamped on, a child dangled: "holding my wife against the wall
    # by her throat", "lads stamping on a man's head by the garages", "dangling a kid over the edge"
    (
        "violence-now",
        _rx(
            r" (?:holding|got|has|grabbed|pinning|pinned) (?:my|his|her|a|the|our) (?:\w+ )?"
            r"(?:\w+ )?(?:against (?:the|a) (?:wall|door|fence|car|floor) )?by (?:the|her|his|my|"
            r"their) (?:throat|neck) | (?:stamping|stomping|jumping) on (?:a|the|his|her|my|"
            r"someone s|a man s|a woman s|the man s|this man s)(?: \w+)? head | dangling (?:a|the|"
            r"his|her|my|their) (?:kid|child|baby|toddler|boy|girl) (?:over|out of|off) "
        ),
    ),
    # a face doused: "she threw bleach at my face over the fence 5 min ago, my eyes are burning"
    (
        "violence-now",
        _rx(
            r" (?:threw|thrown|chucked|sprayed|splashed) (?:bleach|acid|ammonia|a liquid|liquid|"
            r"something)(?: \w+){0,3} (?:at|in|on|over) (?:my|his|her|their|our) (?:face|eyes) "
        ),
    ),
    # someone heard or seen down and calling: "i can see her through the letterbox lying on the
    # floor, she moved a bit and groaned"
    (
        "medical",
        _rx(
            r" (?:lying|laid|collapsed) on (?:the|her|his|their) (?:floor|ground|kitchen floor|"
            r"bathroom floor)(?: \w+){0,8} (?:groan|groaned|groaning|moaning|moaned|calling out|"
            r"crying out|(?:cant|cannot|can not) get up|not getting up|moved a bit) "
        ),
    ),
    # ... or seen down through a letterbox or window: "now i can see her through the letterbox
    # lying on the floor"
    (
        "medical",
        _rx(
            r"^(?=.* (?:letterbox|letter box|window|glass) )(?=.* (?:can see|see|saw|seen|spot|"
            r"spotted) ).* (?:lying|laid|collapsed|slumped) on (?:the|her|his|their) (?:\w+ )?"
            r"(?:floor|ground) "
        ),
    ),
    # a fall down the stairs, then no answer: "my mum just fell down the stairs and isnt
    # answering me, theres blood on her head"
    (
        "medical",
        _rx(
            r" (?:fell|fallen) (?:down|off|from) (?:the |a |her |his )?(?:stairs|ladder|roof|loft|"
            r"balcony|scaffold|scaffolding)(?: \w+){0,6} (?:(?:isnt|is not|not|wont|won t) "
            r"(?:answering|"
            r"responding|moving|breathing|waking)|blood|bleeding|unconscious|lying (?:very "
            r")?still) "
        ),
    ),
    # someone unwelcome inside now: "the man he told me not to worry about is now in my hallway"
    (
        "break-in-now",
        _rx(
            r" (?:man|guy|bloke|stranger|intruder|ex|he|she|they|someone|somebody)(?: \w+){0,8} "
            r"(?:is|s|are) now in (?:my|our) (?:hallway|hall|house|flat|kitchen|bedroom|living "
            r"room|front room|stairwell) "
        ),
    ),
    # a small child alone on a road: "my neighbour's toddler is wandering alone on the main road
    # right now, cars are swerving"
    (
        "danger",
        _rx(
            r" (?:toddler|baby|little one|little boy|little girl|(?:[1-5]|two|three|four|five) "
            r"(?:year old|yr old|yo))(?: \w+){0,2} (?:is|s|are) (?:wandering|walking|running|"
            r"crawling|playing|standing|sitting)(?: alone| on (?:his|her|their) own| by "
            r"(?:himself|herself))? (?:on|in|into|along|across) (?:the |a )?(?:main |busy |dual "
            r"carriageway |middle of the )?(?:road|street|carriageway|a\d+)"
            r"(?! (?:mat|map|toy|game|rug|set|track|safety)) "
        ),
    ),
    # burnt with the skin coming away: "burned with hot oil whole arm skin coming off"
    (
        "medical",
        _rx(
            r" (?:burned|burnt|scalded)(?: \w+){0,8} (?:skin (?:is )?(?:coming|peeling|falling) "
            r"off|skin peeling|blistering all|whole (?:arm|leg|face|hand|back|chest)) "
        ),
    ),
    # swallowed what poisons: "my 3 yr old has swallowed some of the dishwasher tablets and is
    # being sick", "drank bleach by mistake she vomiting"
    (
        "poisoned",
        _rx(
            r" (?:swallowed|drank|drunk|eaten|ate|has eaten|has drunk|has swallowed)(?: \w+){0,3} "
            r"(?:bleach|dishwasher tablets?|dishwasher pods?|washing (?:tablets?|pods?|capsules?)|"
            r"laundry (?:pods?|capsules?)|detergent|antifreeze|weed ?killer|rat poison|slug "
            r"pellets|drain cleaner|white spirit|batteries|a battery|button battery)\b"
        ),
    ),
    # gone to fetch what he will hurt with: "he's gone to get his belt and said when he comes
    # back ill regret it"
    (
        "danger",
        _rx(
            r" (?:gone|went|going) to (?:get|fetch|grab) (?:his|her|their|a|the) (?:belt|knife|"
            r"bat|gun|hammer|machete|crowbar|baseball bat|weapon|blade|axe) "
        ),
    ),
    # a car taken with a child inside: "someone stealing my car my kid in back seat"
    (
        "danger",
        _rx(
            r" (?:stealing|stole|stolen|taking|took|drove off in|driving off in|drove off with|"
            r"driving off with|nicked|nicking) (?:my|our|the) (?:car|van)(?: \w+){0,6} (?:my|our|"
            r"the) (?:kid|kids|child|children|son|daughter|baby|toddler|little one)"
            r"(?: is| are| s)? (?:still )?(?:in|inside)"
        ),
    ),
    # someone inside now, come in through a window: "the man ... is now in my hallway, he got in
    # through the window"
    (
        "break-in-now",
        _rx(
            r" (?:is|s|are) (?:now )?in (?:my|our|the) (?:hallway|hall|house|flat|kitchen|"
            r"bedroom|living room|front room|garden|stairwell)(?: \w+){0,8} (?:got|climbed|broke|"
            r"came) in (?:through|via|by) (?:the|a|my|our) (?:window|back door|door|garden) "
        ),
    ),
    # an order breached now: "my ex is outside my work right now even tho he has a restraining
    # order"
    (
        "danger",
        _rx(
            r"^(?=.* (?:restraining order|non molestation order|court order|injunction|bail "
            r"conditions) )(?=.* (?:right now|now|at the moment|as we speak) ).* (?:is|s|are) "
            r"(?:outside|at|in|by) (?:my|our|the) (?:work|house|door|flat|school|gate|window|"
            r"building|office|car) "
        ),
    ),
    # in a window with smoke behind: "one of the tenants is hanging out of a top window with
    # smoke behind him"
    (
        "fire",
        _rx(
            r" (?:hanging|leaning|climbing) out of (?:a|the|his|her|their) (?:\w+ )?window(?: \w+)"
            r"{0,4} (?:smoke|flames|fire) | (?:filling|filled|full) (?:up )?with smoke | smoke "
            r"(?:is )?(?:pouring|coming|billowing) (?:in|into|under|through) "
        ),
    ),
    # a farewell with a time or an instruction: "my life finish today, i write letter for my son",
    # "tonights the night dont try find me", "this is the last time u hear from me"
    (
        "self-harm",
        _rx(
            r" (?:my life|it all|everything) (?:finish|finishes|ends|end|will end|is ending|is "
            r"over) (?:today|tonight|now) | (?:dont|don t|do not) (?:try (?:to )?|bother (?:to )?|"
            r"come )?(?:find|finding|look for|looking for|come looking for) me | (?:the )?last "
            r"time (?:you|u|anyone|you ll|u ll|you will) (?:hear|hears|will hear) from me "
        ),
    ),
    # a young child missing at nursery, school or on a trip: "one of our 3yr olds not in garden,
    # we have searched everywhere", "cant find one of my year 4 boys for 20 min"; or got out of
    # the house: "my son is 4 and he got out the front gate ..., ive checked the whole street"
    (
        "danger",
        _rx(
            r"^(?=.* (?:[1-9] ?(?:yr|year|years) olds?|year [1-6]|nursery|reception|toddler|little "
            r"(?:boy|girl)|(?:son|daughter|boy|girl|kid|child) is (?:[1-6]|two|three|four|five|"
            r"six)) )(?=.* (?:searched everywhere|searched all|searching|looked everywhere|"
            r"looking everywhere|checked (?:the whole|everywhere|all)) ).* (?:cant find|can t "
            r"find|can not find|cannot find|missing|not in (?:the )?(?:garden|playground|room|"
            r"class|classroom|hall|changing (?:area|room)|building)|gone missing|lost one of|lost "
            r"a child|got out (?:of )?(?:the )?(?:front |back |garden )?(?:gate|door)) "
        ),
    ),
    # crushed under something: "forklift toppled onto customer, legs crushed under it"
    (
        "medical",
        _rx(
            r" (?:crushed|pinned|trapped|stuck) (?:under|underneath|beneath|by) (?:it|the|a|an|"
            r"them|him|her)\b"
        ),
    ),
    # smoke spreading in a building: "electrical fire in laundry, smoke going up stairs"
    (
        "fire",
        _rx(
            r" smoke (?:is )?(?:going|spreading|coming|rising|moving) (?:up|into|through|under|"
            r"along|down) (?:the )?(?:stairs|stairwell|corridors?|hall|hallway|building|flats?|"
            r"rooms?|landing) "
        ),
    ),
    # a blade waved at people or held to someone: "landlord came in drunk waving a kitchen knife
    # at everyone", "neighbour got knife to his gf now" (a kitchen knife is no kitchen matter
    # then)
    (
        "weapon-held",
        _rx(
            r" (?:waving|brandishing|swinging|pointing|jabbing|thrusting) (?:a|an|the|his|her|"
            r"their|this) (?:\w+ )?(?:knife|knives|machete|blade|gun|axe|hammer|bat|sword|cleaver|"
            r"screwdriver)(?: \w+){0,2} (?:at|around|about|in (?:my|our|his|her|their) face) | "
            r"(?:got|has|holding|held|pulled|put|pressing|pressed) (?:a |the |his |her )?(?:\w+ )?"
            r"(?:knife|blade|gun|machete|screwdriver) (?:to|at|against) (?:his|her|my|their|the|"
            r"our) (?:\w+ )?(?:gf|girlfriend|wife|husband|partner|bf|boyfriend|neck|throat|head|"
            r"chest|mum|dad|son|daughter|brother|sister|friend|kid|child|face|back|side)s? "
        ),
    ),
    # something in flames as it is told: "how do you put out a chip pan fire cos ours is in
    # flames now"
    (
        "fire",
        _rx(
            r" (?:is|are|s) (?:now |all |still )?(?:in flames|ablaze|alight) (?:now|right now|and) "
        ),
    ),
    # signs told in everyday words: sepsis ("burning hot, shivering, skin all mottled and not
    # making sense"), a cord seen after the waters broke, foaming at the mouth, a rash that does
    # not fade under a glass, a fit now or in pregnancy
    (
        "medical",
        _rx(
            r" (?:skin (?:is )?(?:all )?mottled|mottled skin|(?:can see|see|seeing) the "
            r"(?:umbilical )?cord|cord (?:is )?(?:coming out|hanging out|showing)|foaming at the "
            r"mouth|rash "
            r"(?:that )?(?:doesnt|does not|wont|won t|will not|didnt|did not) (?:fade|go away) "
            r"(?:when|under)|(?:pregnant|weeks gone)(?: \w+){0,4} (?:just )?(?:had a fit|having a "
            r"fit|fitting|had a seizure|having a seizure)|(?:someone|somebody|a man|a woman|a lady|"
            r"a boy|a girl|a kid|he|she|my \w+) (?:is )?(?:fitting|having a fit|having a seizure) "
            r"(?:right now|now|on the|in the)) "
        ),
    ),
    # a fight called with knives, someone on the way to it now: "group chat says meet at the rec
    # 4pm bring ur shanks, its 3.50 and her boyfriend just left to go there"
    (
        "weapon",
        _rx(
            r"^(?=.* bring (?:your |ur |their |the |ya |yr )?(?:knives|knife|blades|shanks|"
            r"weapons|machetes|machete) )"
            r".* (?:just left|has (?:just )?left|is on (?:his|her|their) way|on (?:his|her|their) "
            r"way|heading|has gone|just gone|just went)(?: \w+){0,6} (?:to go there|there|"
            r"to (?:the|that) (?:fight|rec|park|meet)) "
        ),
    ),
    # courier fraud under way: someone who said they were the bank or the police sends for the
    # cards, the PIN or the cash within the hour, or their courier is at the door ("he is sending
    # a taxi to collect it and the PIN in twenty minutes", "the taxi he sent is outside now")
    (
        "fraud-now",
        _rx(
            rf"^(?=.* {_CLAIMED_OFFICIAL} )"
            r".* (?:taxi|courier|driver|cab|man|woman|lady|someone|somebody|he|she|they)"
            r"(?: \w+){0,4} (?:to|will|is going to|gonna|is coming to|coming to|come to|has to|"
            r"wants to|is here to|here to) (?:collect|pick up|take|fetch|come for|come and get|"
            rf"come and collect)(?: \w+){{0,6}} {_VALUABLES}(?: \w+){{0,8}} (?:in (?:\d+|a few|"
            r"ten|fifteen|twenty|thirty|forty|half an hour|an hour)|now|at \d+|outside|waiting|"
            r"at the door|on (?:my|the) doorstep) "
        ),
    ),
    (
        "fraud-now",
        _rx(
            rf"^(?=.* {_CLAIMED_OFFICIAL} )(?=.* (?:collect|pick up|hand over|envelope|safe "
            r"keeping|safekeeping|evidence|compromised|safe account|withdraw|draw out|"
            # sent to the bank for cash: "telling him go to bank now and take 5000 pound cash"
            r"go to (?:the )?bank|go bank|going to (?:the )?bank|take \d+|take out) )"
            r"(?!.* new (?:bank )?card )"
            r".* (?:taxi|courier|driver|cab)(?: \w+){0,5} (?:is |s )?(?:outside|here now|at the "
            r"door|at my door|knocking|waiting outside|on (?:his|its|their|the) way) "
        ),
    ),
    # ... told as who is coming now: "say they are police and bank, coming to his house now to
    # collect his card and cash"
    (
        "fraud-now",
        _rx(
            rf"^(?=.* {_CLAIMED_OFFICIAL} )(?=.* {_VALUABLES} )"
            r".* (?:coming|on (?:their|his|her|the) way|arriving|will come)(?: \w+){0,5} (?:now|"
            r"today|tonight|in (?:\d+|a few|ten|twenty|thirty|half an hour|an hour))(?: \w+){0,3}"
            r" (?:to )?(?:collect|pick up|take|get) |"
            # "a man is coming to her house to pick it up now"
            rf"^(?=.* {_CLAIMED_OFFICIAL} )(?=.* {_VALUABLES} | .* (?:take out|withdraw) )"
            r".* (?:coming|on (?:their|his|her|the) way)(?: \w+){0,5} (?:to )?(?:collect|pick|"
            r"take|get) (?:it|them|the \w+)(?: up)? (?:now|today|tonight|in \w+) "
        ),
    ),
    # ... told as the courier's errand: "someone from hmrc is making him withdraw 8k, a courier
    # is picking it up in an hour"
    (
        "fraud-now",
        _rx(
            rf"^(?=.* {_CLAIMED_OFFICIAL} )(?=.* {_VALUABLES}|.* (?:withdraw|\d+k|£) )"
            r".* (?:courier|taxi|driver|someone|somebody) (?:is |s |will be )?(?:picking|"
            r"collecting|coming for|coming to collect|coming to pick)(?: (?:it|them|the \w+))?"
            r"(?: up)? (?:in (?:\d+|a few|ten|fifteen|twenty|thirty|forty|half an hour|an hour)|"
            r"now|at \d+) "
        ),
    ),
    # money moved by a caller with remote access, now: "fake amazon people got remote access to
    # her laptop and are moving money between her accounts as we speak"
    (
        "fraud-now",
        _rx(
            r"^(?=.* (?:remote access|remote control|control of (?:her|his|my|the|our) (?:laptop|"
            r"computer|pc|phone)|anydesk|teamviewer) ).* (?:moving|transferring|taking|sending|"
            r"emptying)(?: \w+){0,4} (?:money|savings|cash|funds|accounts?)(?: \w+){0,8} "
            r"(?:as we speak|right now|now|at the moment) "
        ),
    ),
    # ... or at the door now himself: "a man is on my doorstep saying he's from the bank's fraud
    # team and he has to take my bank cards away"
    (
        "fraud-now",
        _rx(
            r" (?:is|are|s|now|standing|waiting) (?:on (?:my|the|our) doorstep|at (?:my|the|our) "
            r"door)(?: \w+){0,10} (?:from|says|saying|claims|claiming)(?: \w+){0,6} "
            rf"{_CLAIMED_OFFICIAL}(?: \w+){{0,20}} {_VALUABLES} | (?:saying|says|claiming|"
            rf"claims) (?:\w+ ){{0,4}}from (?:the |my |his |her )?{_CLAIMED_OFFICIAL}"
            r"(?: \w+){0,4} (?:is|are|s) (?:now )?(?:on (?:my|the|our) doorstep|at (?:my|the|our) "
            r"door)(?: \w+){0,8} "
            rf"{_VALUABLES} "
        ),
    ),
    # a plea for help with no detail
    (
        "urgent-help",
        _rx(
            r" (?:(?:this|it) is an emergency|i have an emergency|"
            r"we have an emergency|there is an emergency|emergency emergency|"
            r"need (?:the )?police (?:now|right now|urgently|quick|asap|immediately)|"
            r"send (?:the )?(?:police|help|an officer|officers|an ambulance)"
            r"(?!(?: round| over)? (?:about|to (?:talk|discuss|look|check)|tomorrow|"
            r"next week|some ?time|when)| (?:my|a|an|some|this|footage|video|videos|"
            r"evidence|photos?|pictures?|details|info|information|an? email|"
            rf"a message)\b| {_JOKE}\b)|"
            r"(?:someone|somebody|please) call (?:the )?(?:police|999|ambulance)|"
            r"call the police now|call 999 now) "
        ),
    ),
    # danger told in the borough's other languages, in Latin letters, as residents type them
    # ("kuch log ghar mein ghus gaye abhi", "un barbat il bate pe vecinul meu acum cu cutit",
    # "amar bhai shash nite parchhe na"): what happens, in phrases that mean only that
    (
        "danger",
        _rx(
            # Hindi, Urdu, Punjabi, Gujarati: broken in, fire, stabbed, bleeding, breathless,
            # being beaten, unconscious, shot
            r" (?:ghus (?:gaye|gaya|gayi|gai|aaye|aaya|aye|aya)|aag (?:lagi|lag gayi|lag gai|"
            r"laagi|lagi hai)|(?:chaku|chaaku|chhura|churi|chappu) (?:laga|lagaya|maara|mara|mar "
            r"diya|maar diya|maari)|khoon (?:aa raha|aa rha|nikal raha|beh raha|bah raha|bahut)|"
            r"saans (?:nahi|nahin|nai|nhi) (?:le|aa|aa rahi|aa raha|le raha|le rahi)|maar (?:rahe|"
            r"raha|rahi|rhe|rha) (?:hai|hain|he|hein)|behosh (?:ho gaya|ho gayi|ho gaye|hai|pada|"
            r"padi)|goli (?:maar|chali|lagi|maari)|"
            # Bengali: breathless, fire, stabbed
            r"(?:shash|shwash|nishash) (?:nite|night|nit|nitey) (?:parchhe|parche|parchi|parchhi|"
            r"parse) ?na|agun (?:lagse|legeche|lagche|legese|lagche)|chhuri (?:mereche|marse|"
            r"diye|merechhe)|"
            # Romanian: broken in, not breathing, beaten or cut with a weapon, unconscious, fire
            r"(?:a|au) intrat (?:in casa|pe geam|prin geam|pe fereastra|prin fereastra|peste noi|"
            r"in apartament)|nu (?:mai )?respira|(?:il|o|ii|ma|ne|le) (?:bate|loveste|ameninta|"
            r"injunghie|taie)(?: \w+){0,8} cu (?:cutit|cuțit|cutitul|cuțitul|arma|toporul|bata)|"
            r"(?:a lesinat|e inconstient|e inconstienta|este inconstient|a luat foc|ia foc|arde "
            r"casa)|"
            # Polish: not breathing, fire, a break-in, bleeding, unconscious, a knife
            r"nie oddycha|pali (?:sie|się)|po[zż]ar|w[lł]ama(?:[lł]|nie|uje|li)|krwawi|"
            r"nieprzytomn\w+|(?:ma|z) (?:noz|nóż|nozem|nożem)|"
            # Portuguese: not breathing, bleeding, a knife, fire, broken in
            r"n[aã]o (?:est[aá] )?respira|(?:est[aá] )?sangrando|(?:com|tem) (?:uma )?faca|"
            r"pegando fogo|invadi(?:u|ram) (?:a|minha|nossa) casa|"
            # Somali and Tamil: not breathing, bleeding
            r"neefsan (?:waayay|kari waayay|karin)|dhiig (?:badan|baxaya|ka yimid)|moochu "
            r"(?:vidala|vida mudiyala|illa|varala)|ratham (?:varudhu|kottudhu|pogudhu)|"
            # Hindi and Urdu: a knife drawn, threats to kill, a door being broken, a gun shown
            r"(?:chaku|chaaku|chhura|churi|chhuri) (?:nikala|nikal|nikaal|nikali|nikal liya)|"
            r"maarne ki dhamki|jaan se maar|darwaza tod (?:raha|rahe|rahi|rha|rhe|diya)|(?:gun|"
            r"bandook|bandooq|pistol|katta|tamancha) dikha (?:raha|rahe|rahi|rha|rhe)|"
            # Bengali: a door being broken, hiding from it
            r"(?:darja|dorja|dorza) (?:bhangche|bhangchhe|bhenge|bhangse|bhangtese)|"
            r"lukiye (?:achi|aachi|asi|achhi)(?: \w+){0,6} (?:darja|dorja|bhang\w*|marche|"
            r"marchhe)|"
            # Albanian: a knife in hand, threatened, beaten or followed now
            r"thike ne dore|thik[eë] n[eë] dor[eë]|po me (?:kercenon|kërcënon|rreh|rrah|ndjek)|"
            r"me kercenon tani|"
            # Portuguese: followed, not let out
            r"(?:a seguir|seguindo|est[aá] seguindo) me|me (?:est[aá] a )?(?:seguir|seguindo)|"
            r"n[aã]o me deixa sair) "
        ),
    ),
    # a cry for help in another language with a weapon, fire or now: "ajutor", "pomocy",
    # "bachao", "socorro"
    (
        "danger",
        _rx(
            r"^(?=.* (?:bachao|bachaao|bachavo|ajutor|pomocy|socorro|madad karo|dopomozhit\w*|"
            r"dopomozhit|pomogite|i caawi) )(?=.* (?:abhi|acum|teraz|agora|ekhon|now|right now|"
            r"knife|blood|fire|smoke|gun|chaku|cutit|cuțit|noz|nóż|faca|aag|khoon|sange|sânge|"
            r"krew|sangue|geam|upstairs|breathing) )"
        ),
    ),
    # a knife named in another language, now: "chaku ... abhi", "cutit ... acum", "noz teraz"
    (
        "weapon",
        _rx(
            r"^(?=.* (?:chaku|chaaku|chhura|churi|chhuri|chappu|cutit|cuțit|cutitul|cuțitul|noz|"
            r"nóż|nozem|nożem|faca|mindi|kathi|nizh) )(?=.* (?:abhi|acum|teraz|agora|ekhon|hadda|"
            r"ippo|ippodhu|zaraz|now|right now) )"
        ),
    ),
    # someone the resident fears, at their place now: "some guy from insta ive blocked twice and
    # now hes at the end of my road", "my sisters ex sent her his location and its literally our
    # back garden"
    (
        "followed",
        _rx(
            # not a habit: "my ex keeps turning up and sitting outside my house, weeks now"
            r"^(?!.* (?:keeps|keep|kept|every (?:night|day|week|morning|evening|weekend)|for "
            r"(?:weeks|months)|(?:weeks|months) now|all the time|always|most nights|"
            r"most days|again and again) )"
            r"(?=.* (?:stalker|stalking|my ex|her ex|his ex|an ex|blocked|matched with|from "
            r"(?:insta|instagram|snap|snapchat|tiktok|the app|tinder|hinge|bumble|facebook)|the "
            r"(?:man|guy|bloke) who (?:attacked|attack|hit|assaulted|robbed|followed|threatened)) )"
            r"(?=.* (?:(?:he is|hes|he s|she is|shes|they are|theyre|is) (?:now |still |right |"
            r"literally |standing |sat |sitting |waiting |parked )*|(?:standing|sat|sitting|"
            r"waiting|parked) )(?:at the end of|outside|at|by|"
            r"in|on|across from|opposite) (?:my|our) (?:road|street|door|front door|house|flat|"
            r"building|garden|back garden|work|window|gate|drive|block) )"
            r"|(?:location|live location|pin)(?: \w+){0,6} (?:is|its|it is|shows|showing|says|"
            r"getting) (?:literally |right |now )?(?:closer|(?:(?:in|at|on|outside) )?(?:our|my) "
            r"(?:back garden|garden|road|street|house|door|building|drive)) "
        ),
    ),
    # a threat sent to someone alone at home: "posted a pic of my front door with 'see you
    # soon', im home alone", "sat in a car outside for 2 hours and just messaged me 'nice
    # curtains'. im alone"
    (
        "followed",
        _rx(
            r"^(?=.* (?:see you soon|see you tonight|coming for you|im coming for|i am coming for|"
            r"im outside|i am outside|look outside|i know where you (?:live|are)|nice curtains|"
            r"nice door|i can see you) )(?=.* (?:home alone|alone|on my own|by myself) )"
        ),
    ),
    # a follower still there: "a man got off the same night bus as me and crossed the road when
    # i did?? hes still there"
    (
        "followed",
        _rx(
            r"^(?=.* (?:a man|a guy|someone|somebody|a bloke|some guy|this man|this guy|the man|"
            r"the guy|the bloke|that man|a car|a van) (?:\w+ ){0,4}(?:got off|crossed|followed|"
            r"walking behind|walked behind|keeps passing|kept passing|drove past|driving past|"
            # "a guy jumped out the bushes and grabbed my arm ... hes still behind me"
            r"jumped out|grabbed|attacked|came up behind) )"
            r"(?=.* (?:(?:he|they|it) (?:is|s|are)|hes|theyre|its|(?:man|guy|bloke|car|van) who "
            r"(?:\w+ ){1,8}(?:is|s)) still (?:there|behind me|following|outside|waiting|behind|"
            r"here) )"
        ),
    ),
    # a tracker moving with the resident: "an unknown airtag has been moving with me for an hour"
    (
        "followed",
        _rx(
            r" (?:unknown |an |someones |strange |a )?(?:airtag|air tag|tracker|tile)(?: \w+){0,4} "
            r"(?:has been |is |been |keeps )?(?:moving|travelling|traveling|following|tracking) "
            r"(?:with|me)"
        ),
    ),
    # self-harm shown live: "a girl on tiktok live rn cutting herself and saying its her last
    # stream"
    (
        "self-harm",
        _rx(
            r" (?:live|livestream|live stream|streaming|on stream)(?: \w+){0,8} (?:cutting|hurting|"
            r"harming|burning) (?:herself|himself|themselves|themself)| (?:her|his|their|my) "
            r"(?:last|final) (?:stream|live|livestream|video|post|tiktok) "
        ),
    ),
    # a child about to meet an adult met online: "hes meeting someone at the station in 10
    # mins who said hes 15 but the voice note is a grown man"
    (
        "danger",
        _rx(
            r"^(?=.* (?:meeting|meet|going to meet|gone to meet|on (?:his|her) way to meet) "
            r"(?:someone|a man|a guy|him|a stranger|this (?:man|guy|person)|a boy)(?: \w+){0,8} "
            r"(?:in (?:\d+|ten|five|fifteen|twenty|half an hour|an hour)|now|right now|tonight) )"
            r"(?=.* (?:grown man|grown up|older man|an adult|old man|way older|not (?:15|16|14|13)|"
            r"lying about (?:his|her) age|voice (?:is|of) (?:a )?(?:man|grown)) )"
        ),
    ),
    # a safety check-in missed: "if i dont text in 10 mins call police ... its been 30 mins and
    # her phone goes to voicemail"
    (
        "danger",
        _rx(
            r"^(?=.* if (?:i|she|he|they) (?:dont|do not|don t|does not|doesnt|did not|didnt|"
            r"havent|have not|has not|hasnt) (?:text|message|"
            r"call|ring|reply|check in)(?: \w+){0,4} (?:call|ring|phone) (?:the )?police )"
        ),
    ),
    # a group armed or masked on its way to a fight: "loads of boys in balaclavas heading to the
    # rec saying tonight we finish it"
    (
        "danger",
        _rx(
            r" (?:loads of|lots of|a group of|a gang of|gang of|bunch of|some|about \d+|\d+) "
            r"(?:boys|lads|men|youths|guys|kids|people) (?:in|wearing|with) (?:balaclavas|masks|"
            r"ski masks|knives|machetes|blades|bats)(?: \w+){0,4} (?:heading|going|walking|running|"
            r"on (?:their|the) way|coming) "
        ),
    ),
    # someone stabbed, with a plea: "somebody stabbed in the leisure centre car park, please send"
    (
        "violence-now",
        _rx(
            r" (?:someone|somebody|a man|a boy|a guy|a lad|a woman|my \w+) (?:just |has been |"
            r"got )?(?:stabbed|shot)(?: \w+){0,8} (?:please send|send (?:someone|help|police|an "
            r"ambulance)|come quick|hurry) "
        ),
    ),
    # the means of self-harm at hand: "got the knife in my hand keep looking at my wrists" (a rope
    # made ready, with despair or a farewell, is _MEANS_READY's, whatever the message dates)
    (
        "self-harm",
        _rx(
            r" (?:knife|blade|razor|razor blade|scissors) in my hand(?: \w+){0,8} (?:my )?wrists? |"
            r" (?:looking at|staring at|slit|slitting|cut|cutting) my wrists? (?!(?:\w+ ){0,3}"
            r"(?:when i was|years ago|as a|in the past|used to))"
        ),
    ),
    # an asthma attack that the inhaler does not stop: "asthma attack inhaler empty cant get
    # air in"
    (
        "medical",
        _rx(
            r" (?:asthma attack|having an? asthma|asthma)(?: \w+){0,6} (?:inhaler (?:is |s |has )?"
            r"(?:empty|not working|run out|ran out|finished|useless|gone)|inhaler does not work|"
            r"cannot get (?:any )?air|(?:cannot|can not) breathe|struggling to breathe|gasping|"
            r"turning blue|lips (?:are |going )?blue) "
        ),
    ),
    # an armed person told as a headline, the place after it: "man with knife tesco"
    (
        "weapon",
        _rx(
            # not once gone: "the man with the knife has gone now"
            r"^(?!.* (?:gone|left|arrested|caught|ran off|run off|was|were|had|did|yesterday|ago|"
            r"last|videos?|films?|movies?|tiktok|youtube|games?|shows?) ) (?:a |an |some |this |"
            r"the )?(?:man|men|guy|guys|bloke|blokes|lad|lads|boy|boys|"
            r"youth|youths|gang|someone|somebody|woman|person|people) (?:with|holding|waving|"
            rf"carrying){_DET} {_WEAPON_FRAME}{_NOT_WEAPON_NOUN} "
        ),
    ),
    # a weapon and where, in three or four words: "knife. kitchen. now."
    (
        "weapon",
        _rx(rf"^ (?:\w+ ){{0,2}}{_WEAPON}{_NOT_WEAPON_NOUN}(?: \w+){{0,2}} (?:now|right now) $"),
    ),
    # robbed and the robbers still about: "they jumped me in the park got my phone and keys ...
    # they still circlin on bikes"
    (
        "violence-now",
        _rx(
            r"^(?=.* (?:jumped|robbed|mugged|rushed|attacked|battered|stabbed|beat up|beaten up) "
            r"(?:me|him|her|us|my \w+) )(?=.* (?:they|he|she) (?:are |is |s |re )?still "
            r"(?:circling|circlin|riding round|riding around|driving round|driving around|around|"
            r"about|nearby|outside|here|there|hanging about|hanging around|waiting|watching) )"
        ),
    ),
    # someone face down in water, or going under: "theres a kid in the water face down his mate
    # is shouting"
    (
        "danger",
        _rx(
            r" face down in (?:the )?(?:water|canal|river|pond|lake|pool|reservoir|brook|stream)"
            r"| in (?:the )?(?:water|canal|river|pond|lake|pool|reservoir) face down |"
            r" (?:is|are) in (?:the )?(?:water|canal|river|pond|lake|reservoir)(?: \w+){0,3} "
            r"(?:not moving|struggling|going under|cannot swim|splashing) "
        ),
    ),
    # a call in disguise, someone listening: "yes id like to order a pizza, 41 headstone drive
    # flat b, as quick as u can, no i cant chat"; "send the boiler engineer asap ... hes reading
    # over my shoulder"
    (
        "danger",
        _rx(
            rf"^(?!.* {_JOKE} )(?=.* (?:order|ordering) (?:a |some )?pizzas? )(?=.* \d+[a-z]? "
            r"(?:\w+ ){1,3}(?:road|rd|street|drive|avenue|close|lane|way|gardens|crescent|hill|"
            r"grove|court|place|flat) )(?=.* (?:as quick as|quick|asap|now|cannot (?:chat|talk|"
            r"speak)) )|"
            r"^(?=.* (?:reading|looking|watching) over my shoulder )(?=.* (?:asap|now|urgent|"
            r"quick|hurry|\d+[a-z]? (?:\w+ ){1,3}(?:road|street|drive|avenue|hill|close|lane|"
            r"way|gardens|crescent)) )"
        ),
    ),
    # one of a group armed, as residents tell it: "the men from the loan are in my front garden
    # now, one have baseball bat"
    (
        "weapon",
        _rx(
            # ("one of them has a bat" is _WHO's, in the rule for someone armed)
            r" (?:one|another|the other|the other one) (?:has|have|got|has got|is "
            rf"holding|holding|with|carrying|waving){_DET} {_WEAPON_FRAME}{_NOT_WEAPON_NOUN} "
        ),
    ),
    # an opioid overdose by its signs: "slumped against a tree, lips blue, pinpoint pupils,
    # maybe 4 breaths a minute"
    (
        "medical",
        _rx(
            r" (?:lips (?:are |is |gone |going |turning |look |looking )?(?:a bit |slightly |very |"
            r"quite |really )?(?:blue|purple|grey)|"
            r"pinpoint pupils|(?:\d+|one|two|three|four|five|six) breaths? (?:a|per|every) "
            r"minute|(?:barely|hardly) breathing) "
        ),
    ),
    # armed, with a threat to kill: "he has the kitchen knife and says if i leave he will kill me
    # and the kids" (a threat alone, "if im late my mum will kill me", is a figure of speech)
    (
        "danger",
        _rx(
            r"^(?=.* (?:has|got|holding|with|picked up|grabbed|showed|showed me|showed us|"
            r"showing|showing me|flashed) (?:the |a |his |her |a big )?"
            r"(?:kitchen )?(?:knife|knives|gun|machete|hammer|axe|blade|crowbar) )(?=.* (?:will|is "
            # "said hes going to 'finish' his ex tonight and showed me a knife in his bag"
            r"going to|gonna|going to) (?:(?:kill|stab|shoot|finish|finish off|do in) (?:me|us|the "
            r"kids|the children|my \w+|his \w+|her \w+|him|her|them)|use it(?: on (?:me|us|him|"
            r"her|them))?) )"
        ),
    ),
    # masked people in a garden or at a door now: "2 men in balaclavas in my back garden trying
    # the patio door"
    (
        "break-in-now",
        _rx(
            r" (?:men|lads|guys|people|someone|somebody|a man|two \w+|\d+ \w+) (?:in|wearing) "
            r"(?:balaclavas|masks|ski masks|hoods|hoodies) (?:is |are )?(?:in|inside|at|on) "
            r"(?:my|our|the) (?:\w+ )?(?:garden|house|flat|door|window|drive|driveway|yard|shed|"
            r"garage|roof|balcony) "
        ),
    ),
    # a door being tried as it is told: "i think someone is trying the handle of my back door
    # and there is a torch light in the garden"
    (
        "break-in-now",
        _rx(
            r" (?:someone|somebody|a man|a guy|a bloke|some \w+|two \w+|three \w+|people|men) "
            r"(?:is|s|are|re) (?:now )?(?:trying|rattling|pulling at|turning|jiggling|twisting|"
            r"testing|yanking) (?:the|my|our) (?:\w+ )?(?:handle|handles|door|doors|lock|locks|"
            r"window|windows|gate)(?! (?:every|each|most|all) )(?= )"
        ),
    ),
    # trying a door or gate with "right now" or "this second" said: "the people who did the
    # burglary at no 12 are back right now and trying our side gate"
    (
        "break-in-now",
        _rx(
            r"^(?=.* (?:right now|this second|this minute|as we speak|at the moment) )(?=.* "
            r"(?:trying|tried|rattling|pulling at|forcing) (?:the|my|our) (?:\w+ )?(?:door|doors|"
            r"gate|window|windows|handle|handles|lock|locks) )"
        ),
    ),
    # smashing things with a bar and threatening anyone near: "one man is breaking all car
    # windows with big rod and shouting he will hit anyone who come near"
    (
        "violence-now",
        _rx(
            r" (?:is|are) (?:smashing|breaking|kicking in|bashing|hitting) (?:\w+ ){0,4}"
            r"(?:windows?|doors?|cars?|windscreens?|shop fronts?)(?: \w+){0,3} with (?:a |an |his |"
            r"their |some "
            r")?(?:big |metal |iron |huge |long )?(?:rod|bar|pole|bat|hammer|crowbar|brick|bricks|"
            r"axe|machete|knife|stick|pipe) "
        ),
    ),
    # a child taken by a stranger: "a man in the playground who just picked up a little girl and
    # is walking out the gate with her"
    (
        "danger",
        _rx(
            r" (?:just )?(?:picked up|grabbed|took|taken|lifted|carried|is carrying|is taking) "
            r"(?:a |this |that |some )(?:little |small |young )?(?:girl|boy|child|kid|toddler|"
            r"baby) "
            r"(?:\w+ ){0,3}(?:and|who) (?:is )?(?:walking|walked|running|ran|driving|carrying|"
            r"taking|heading|going) (?:out|off|away|towards|to) "
        ),
    ),
    # a diabetic's hypo by its signs: "my mums type 1 and shes gone really confused and shaky
    # and now shes not making sense, her sugar monitor says 1.9"
    (
        "medical",
        _rx(
            r" (?:diabetic|diabetes|type 1|type one|insulin|hypo)(?: \w+){0,20} (?:confused|not "
            r"making sense|talking nonsense|chatting nonsense|acting (?:mad |really |very )?drunk|"
            r"flopping|floppy|unconscious|will not wake|passed out|fitting|collapsed|"
            r"(?:sugar|glucose|bm|reading|monitor)(?: \w+){0,3} [12](?: [0-9])?) "
        ),
    ),
    # armed, with a night for it: "got the hammer from the shed saying tonights the night"
    (
        "danger",
        _rx(
            r"^(?=.* (?:tonight is|today is|tonights|tonight s) the (?:night|day) )(?=.* "
            r"(?:hammer|knife|knives|gun|machete|axe|crowbar|blade) )"
        ),
    ),
    # a drunk driver about to drive, which the drink-driving entry says is for 999: "a bloke
    # whos had about 8 pints is getting into his car in the pub car park" (not "how many pints
    # can i have and still drive", nor a story of last night)
    (
        "danger",
        _rx(
            r" (?:drunk|hammered|wasted|smashed|plastered|legless|paralytic|steaming|bladdered|"
            r"off (?:his|her|their) face|had (?:about |like |at least |over )?(?:\d+|five|six|"
            r"seven|eight|nine|ten|loads of|several) (?:pints|drinks|beers|cans|shots))"
            r"(?: \w+){0,10} (?:is |s |are |just )?(?:getting (?:in|into) (?:his|her|their|the|a) "
            r"(?:car|van|motor|lorry|cab|taxi)|about to drive|starting (?:his|her|their|the) "
            r"(?:car|van|engine|motor)|revving (?:his|her|their|the) (?:car|van|engine)|(?:sat|"
            r"sitting) behind the wheel|pulling out of the (?:car park|pub car park|drive)|"
            r"driving off) "
        ),
    ),
    # threats at the door now: "stood outside my hostel now with 2 others saying come out or
    # they're coming in"
    (
        "danger",
        _rx(
            # "he's outside and coming in whether i open the door or not"
            r" (?:outside|at (?:the|my|our) door)(?: \w+){0,4} (?:and )?(?:is |s )?coming in "
            r"(?:whether|if i|anyway|regardless|no matter)|"
            r" (?:come out|open (?:the|this|up|the door)|let (?:us|me) in)(?: \w+){0,2} or "
            r"(?:they|we|he|she|ill|i will|we will|they will|he will|theyll|well|hell|i m|im|"
            r"we are|were|they are|theyre|he is|hes)(?: \w+){0,2} (?:coming in|come in|kick|"
            r"break|smash|burn|kill|stab|get (?:you|in)|do (?:you|him|her)|hurt) "
        ),
    ),
    # a weapon named, then held out: "is it illegal to carry a machete? asking cos the guy on the
    # bus opposite me has one out on his lap" (read where it is held out, after the question about
    # the law; its veto is a message naming no weapon)
    (
        "weapon-out",
        _rx(
            r" (?:has|got|s got|is holding|holding|pulled|took|waving) (?:one|it) out (?:on|in|at|"
            r"and|from|of|now) "
        ),
    ),
    # pleading heard with the blows, still going: "i hear banging and she say please stop many
    # times, now she crying and the child also crying, it still going now"
    (
        "violence-now",
        _rx(
            r"^(?=.* (?:say|says|saying|said|shouting|screaming|crying|begging|yelling|hear|heard)"
            r" (?:\w+ ){0,3}please (?:stop|dont|no more|help) )(?=.* (?:banging|crying|screaming|"
            r"hitting|smashing|thud|thuds|slap|slapping|thumping) )(?=.* (?:still going|still "
            r"happening|going on|still now|right now|it is still|its still|still) )"
        ),
    ),
    # a theft told by what the thieves are doing: "two blokes are leading my mare and the cob
    # into a horsebox", "two men in the temple car park forcing the boot of the priest's car
    # with a bar" (not removal men, a tow truck or the bailiffs)
    (
        "break-in-now",
        _rx(
            r" (?:someone|somebody|some (?:men|guys|lads|blokes|people|youths|kids|boys)|a (?:man|"
            r"guy|bloke|lad|woman|stranger)|(?:two|three|four|2|3|4) (?:men|blokes|guys|lads|"
            r"people|youths|boys|figures)|men|blokes|lads|strangers)"
            # (not a habit or the past: "someone's been forcing the padlocks on sheds")
            r"(?: (?!(?:been|was|were|had|has|have|used|keeps?|kept)\b)\w+){0,6} (?:is |are |s |"
            r"re )?(?:now |still )?(?:(?:loading|putting|carrying|wheeling|pushing|lifting|"
            r"leading|dragging|towing) (?:my|our|the|his|her|their|next doors?|the neighbours?|all "
            r"the) (?:\w+ ){0,4}(?:into|onto|in|on to) (?:the back of )?(?:a|an|the|their|his|"
            r"her) (?:\w+ ){0,2}(?:van|truck|lorry|horsebox|horse box|trailer|pickup|pick up|"
            r"transit|car)|"
            r"(?:forcing|jemmying|jimmying|prising|prying|levering|crowbarring|smashing|drilling) "
            r"(?:open )?(?:the|a|an|my|our|his|her|their|someone s|\w+ s)(?: \w+){0,3} (?:boot|"
            r"door|doors|window|windows|lock|locks|padlock|padlocks|shutter|shutters|gate))(?= )"
        ),
    ),
    # a threat to kill, and its means being made ready now: "said he'll kill me and the kids
    # tonight and now he's in the garage sharpening something"
    (
        "danger",
        _rx(
            r"(?=.* (?:kill|hurt|stab|murder|burn|shoot|finish off|do in) (?:me|us|you|her|him|"
            r"them|the kids|the children|my \w+) )(?:now |and now |right now )?(?:he|she|they) "
            r"(?:is|s|are|re) (?:now )?(?:in (?:the|his|her|their) \w+ )?(?:sharpening|getting|"
            r"fetching|grabbing|looking for|loading|filling) (?:something|a knife|knives|the "
            r"knife|his knife|a machete|an axe|the axe|a hammer|his gun|a gun|the gun|petrol|a "
            r"can of petrol|the petrol|a blade|the blade)(?= )"
        ),
    ),
    # intruders watched on a camera now, or someone who went to look not answering: "on cctv i
    # can see 3 people inside cutting the cage, my colleague went to check and hes not answering
    # his radio"
    (
        "break-in-now",
        _rx(
            r" (?:on (?:the )?(?:cctv|camera|cameras|monitor|monitors|screen)) (?:i )?(?:can )?"
            r"(?:see|watching|watch) (?:\d+|two|three|four|five|some|a few|a couple of) (?:people|"
            r"men|guys|lads|blokes|figures|hoods) (?:inside|in the \w+|breaking|cutting|climbing|"
            r"smashing|forcing|loading) "
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:colleague|partner|mate|friend|husband|wife|son|dad|he|she)(?: \w+){0,3} (?:went|"
            r"gone|has gone|had gone) (?:to )?(?:check|look|see|investigate)(?: \w+){0,12} (?:not "
            r"answering|isnt answering|is not answering|not responding|no answer|hasnt come back|"
            r"has not come back|not come back) "
        ),
    ),
    # a small child at a balcony's edge, or left out in the cold: "a toddler on that balcony
    # standing on a chair at the railing, 7th floor", "the little girl next door is sat on the
    # front step in just a nappy, its freezing and dark, no adult answers"
    (
        "danger",
        _rx(
            r"^(?=.* balcony )(?=.* (?:toddler|baby|child|kid|little boy|little girl|little one) )"
            r"(?=.* (?:standing|climbing|sitting|leaning|stood) (?:up )?(?:on |over )?(?:a chair|a "
            r"stool|a box|the railing|the railings|the edge|the rail) )"
        ),
    ),
    (
        "danger",
        _rx(
            r"^(?=.* (?:toddler|baby|little girl|little boy|little one|small child|child) )"
            r"(?=.* (?:in (?:just )?(?:a|her|his) (?:nappy|pyjamas|pjs|vest)|no coat|no shoes|"
            r"barefoot) )(?=.* (?:freezing|cold|dark|raining|snowing) )(?=.* (?:no adult|nobody "
            r"answers|no one answers|noone answers|no answer|on (?:her|his) own|alone) )"
        ),
    ),
    # followers arming themselves, or stopping behind: "4 guys have followed us 3 streets, one of
    # them just picked up a bottle", "2 lads on a moped circling me for 10 min, now theyve
    # stopped right behind me"
    (
        "followed",
        _rx(
            r" (?:followed|following|circling|circled|chasing|chased) (?:us|me)(?: \w+){0,20} "
            r"(?:just )?(?:picked up|grabbed|pulled out|took out|got out) (?:a |an )?(?:bottle|"
            r"brick|"
            r"stone|rock|bat|stick|knife|bar|pole|blade) |"
            r" (?:followed|following|circling|circled) (?:us|me)(?: \w+){0,20} (?:stopped|pulled "
            r"up|"
            r"parked|waiting|standing|stood) (?:right )?(?:behind|next to|beside|in front of) "
            r"(?:me|"
            r"us) "
        ),
    ),
    # ready to end it: the pills set out and letters written
    (
        "self-harm",
        _rx(
            rf"^(?=.* (?:{_PILLS}|tablets|boxes|packets|packs|strips) (?:\w+ ){{0,4}}(?:out|ready|"
            r"lined up|counted out) "
            rf")(?=.* "
            r"(?:written|wrote|writing|left) (?:\w+ ){0,3}(?:letters|letter|notes|note|goodbyes?) )"
        ),
    ),
    # a robbery with a weapon under way: "one has put a machete on the counter and told my boss
    # open the till"
    (
        "weapon",
        _rx(
            r"^(?=.* (?:machete|knife|gun|blade|hammer|axe|crowbar|bat) )(?=.* (?:open the till|"
            r"empty the till|open the safe|give (?:me|us|them|him) the (?:money|cash|till)|hand "
            r"over "
            r"the (?:money|cash|till)) )"
        ),
    ),
    # a stalker outside now, told by his photos: "photos of my front door from outside, the
    # latest one was 2 mins ago"
    (
        "followed",
        _rx(
            r"^(?=.* (?:photo|photos|pic|pics|picture|pictures|video|videos) of (?:my|our) "
            r"(?:front "
            r")?(?:door|house|window|windows|flat|car) (?:\w+ ){0,2}from outside )(?=.* (?:(?:\d+|"
            r"a "
            r"few|two|five|ten) (?:mins?|minutes?) ago|right now|just now) )"
        ),
    ),
    # someone in the home now: "heard glass break downstairs and now there are footsteps in my
    # kitchen" (heard, with words between, is the rule above)
    (
        "break-in-now",
        _rx(
            r" (?:there are|there is|theres) (?:footsteps|noises|voices|someone|somebody) (?:in|"
            r"downstairs|upstairs)(?: (?:my|our|the) (?:kitchen|house|flat|hall|hallway|living "
            r"room|lounge|loft|garden))? "
        ),
    ),
    # a small child into medicine, drowsy: "my grandson is 2, got into my tablets box, the blister
    # pack is half empty and he is very sleepy"
    (
        "medical",
        _rx(
            r"^(?=.* (?:toddler|baby|grandson|granddaughter|son|daughter|child|kid|little one|"
            r"little "
            r"boy|little girl|\d+ year old|\d+ yr old) )(?=.* (?:got into|got hold of|ate|"
            r"swallowed|"
            r"eaten|has taken|took|chewed) (?:\w+ ){0,4}(?:tablets|pills|meds|medicine|medication|"
            r"blister pack|blister packs|capsules) )(?=.* (?:very |really |so )?(?:sleepy|drowsy|"
            r"floppy|not waking|wont wake|will not wake|vomiting|being sick|unresponsive) )"
        ),
    ),
    # hands round a neck, a weapon swung at people, a gas main hit, smoke at a window, someone
    # under a wheel, a cry for a parent
    (
        "violence-now",
        _rx(
            r" (?:has |had |got )?(?:his |her |their )?(?:hands?|arm) (?:round|around) (?:her|his|"
            r"my|their) (?:neck|throat) "
        ),
    ),
    (
        "weapon",
        _rx(
            r" (?:swinging|waving|brandishing|lashing out with) (?:a |an |his |her )?(?:\w+ "
            r")?(?:bar|"
            r"pole|bat|stick|hammer|axe|chain|machete|knife|crowbar|golf club|shovel|spade) (?:at|"
            r"around|about|towards) "
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:hit|dug into|damaged|broke|burst|cut through|ruptured|struck|went through) (?:a |"
            r"the )?gas (?:main|pipe|line|mains) "
        ),
    ),
    (
        "fire",
        _rx(
            r" (?:black|thick|grey|lots of|loads of|billowing) smoke (?:at|from|out of|coming "
            r"(?:out "
            r"of|from)|pouring (?:out of|from)) (?:the|his|her|their|a|next doors|the neighbours) "
            r"(?:window|windows|door|flat|roof|house|letterbox) "
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:leg|legs|arm|foot|feet|he|she|someone|somebody|a man|a woman|a kid|a child|"
            r"cyclist)"
            r" (?:is |s |are )?(?:under|trapped under|stuck under|pinned under|caught under) "
            r"(?:the|a)"
            r" (?:wheel|wheels|lorry|car|bus|van|truck|tractor) "
        ),
    ),
    ("urgent-help", _rx(rf"^ (?:please )?help (?:my|our) {_KIN}(?: please)? $")),
    # locked in, asked about as a question: "can you get done for staying if theyve got you
    # locked in the loft? asking cus im up here and he took my phone"
    (
        "danger",
        _rx(
            r" (?:im|i am|i m|we are|were) (?:up here|in here|stuck up here|stuck in here|locked "
            r"in)(?: \w+){0,4} (?:he|she|they) (?:took|has|have|taken|got) (?:my|our) phones? "
        ),
    ),
    # petrol brought to a threat to burn: "they say pay or they burn the restaurant, and now they
    # are outside with the petrol cans"
    (
        "fire",
        _rx(
            r"^(?=.* (?:petrol|petrol cans?|jerry cans?|fuel cans?|lighter fluid) )(?=.* (?:burn|"
            r"set "
            r"fire|torch|set light) )(?=.* (?:outside|here|now|at the door|in the shop) )"
        ),
    ),
    # a car that keeps passing and stops ahead: "the same car has passed me four times now,
    # slow, and just pulled up ahead with the lights off"
    (
        "followed",
        _rx(
            r" (?:car|van|motorbike|moped)(?: \w+){0,3} (?:has )?(?:passed|driven past|gone past|"
            r"drove past|come past) (?:me |us )?(?:\d+|two|three|four|five|six|several) times"
            r"(?: \w+){0,8} (?:pulled up|stopped|parked|waiting|pulled in) "
        ),
    ),
    # cornered, a threat on a move: "3 boys have us cornered in the underpass, said if we move
    # theyll stab us"
    (
        "danger",
        _rx(
            r" (?:have|has|got) (?:us|me|my \w+) cornered |cornered (?:us|me) | if (?:we|i) "
            r"(?:move|run|shout|scream|call|phone|ring)(?: \w+){0,2} (?:they|he|she) (?:will|ll|"
            r"are going to|is going to|gonna) (?:stab|kill|hurt|shoot|cut) "
        ),
    ),
    # a flame near a gas smell: "the smell of gas is really strong and the man on the 2nd floor is
    # trying to light a cigarette"
    (
        "fire",
        _rx(
            r"^(?=.* (?:smell of gas|gas smell|smells of gas|smelling gas|gas leak|gas is) )(?=.* "
            r"(?:light|lighting|lit|strike|striking|spark) (?:a |his |her |up a |up )?(?:cigarette|"
            r"fag|match|matches|lighter|candle|hob|cooker|spliff) )"
        ),
    ),
    # a weapon and a street, as a headline: "machete greenhill way"
    (
        "weapon",
        _rx(
            r"^ (?:machete|knife|gun|axe|sword|shotgun|zombie knife) (?:\w+ ){0,3}(?:way|road|rd|"
            r"street|st|avenue|ave|lane|close|park|station|high street|drive|crescent|gardens) $"
        ),
    ),
    # hit with a weapon, down and bleeding: "my boss hit my friend with metal pipe just now, he
    # is on the floor, blood from his head, not talk"
    (
        "violence-now",
        _rx(
            r" (?:hit|hits|hitting|struck|smashed|beat|beating|bashed) (?:my |his |her |a |the |"
            r"him |her )?(?:\w+ )?(?:with|using) (?:a |the |his |her )?(?:metal )?(?:pipe|bar|bat|"
            r"hammer|brick|bottle|chair|plank|pole|stick|crowbar|spanner)(?: \w+){0,10} (?:on the "
            r"floor|on the ground|blood|bleeding|not talk|not talking|not moving|unconscious|"
            r"knocked "
            r"out) "
        ),
    ),
    # someone at the door who has just tried it: "a man standing at the bottom of our drive for
    # 40 minutes looking at the house, he tried the side gate a minute ago"
    (
        "break-in-now",
        _rx(
            r" (?:he|she|they|someone|somebody|a man|the man) (?:just )?(?:tried|was trying|has "
            r"tried) (?:the |our |my )?(?:side |back |front |garden )?(?:gate|door|door handle|"
            r"window|windows)(?: \w+){0,2} (?:a minute ago|a few minutes ago|just now|seconds ago|"
            r"(?:\d+|two|five) (?:mins?|minutes) ago) "
        ),
    ),
    # "come get me" sent, then silence: "she just texted come get me and dropped a pin, and now
    # her phone goes straight to voicemail"
    (
        "danger",
        _rx(
            r"^(?=.* (?:texted|text|messaged|rang|called|sent|said)(?: me)? (?:come get me|come "
            r"and "
            r"get me|help me|sos|get me out) )(?=.* (?:(?:goes|going|went) (?:straight )?to "
            r"voicemail|phone (?:is |s )?(?:off|dead|switched off)|not answering|no answer) )"
        ),
    ),
    # armed and gone to someone: "he just went next door with the bread knife to sort it out" (a
    # kitchen knife's vetoes are for one found or used to cook)
    (
        "danger",
        _rx(
            r" (?:went|gone|going|headed|heading|ran|run|stormed) (?:next door|round|over|outside|"
            r"upstairs|downstairs|to (?:his|her|their|the) (?:house|flat|door))(?: \w+){0,3} with "
            r"(?:a |the |his |her )?(?:bread |kitchen )?(?:knife|machete|hammer|axe|bat|gun|blade) "
        ),
    ),
    # locked in with burning: "the carer locked mum in her room and left, the house smells of
    # burning"
    (
        "fire",
        _rx(
            r"^(?=.* (?:lock|locks|locked|locking) (?:my |her |his |the |him |her )?(?:\w+ )?(?:in|"
            r"inside) )(?=.* (?:smells? of burning|burning smell|smell of smoke|smells of smoke|"
            r"smoke "
            r"everywhere) )"
        ),
    ),
    # cries heard: "screaming 'get off me' for 10 mins and now theres banging against the wall",
    # "screaming 'fire fire' and i can smell burning plastic"
    (
        "violence-now",
        _rx(
            r" (?:screaming|shouting|yelling|crying|begging)(?: \w+){0,2} (?:get off me|let go of "
            r"me|leave me alone|stop hitting me|dont hurt me|do not hurt me) "
        ),
    ),
    (
        "fire",
        _rx(
            r"^(?=.* (?:screaming|shouting|yelling|crying) fire )(?=.* (?:smell|smells|smelling|"
            r"can "
            r"smell) (?:of )?(?:burning|smoke) )"
        ),
    ),
    # a theft going on, watched: "two blokes loading tools from the back of my van into a transit
    # for 10 mins, im watching from upstairs, theyve just smashed the side window"
    (
        "break-in-now",
        _rx(
            r"^(?=.* (?:loading|taking|carrying|emptying|stripping|unloading) (?:\w+ ){0,3}(?:from|"
            r"out "
            r"of|off) (?:the back of )?(?:my|our) (?:\w+ )?(?:van|shop|car|garage|shed|lorry) "
            r")(?=.* "
            r"(?:watching|i can see|just smashed|right now|still (?:here|there|at it|going)) )"
        ),
    ),
    # gone into the water after a dog: "my husband has gone in after it and hes struggling"
    (
        "danger",
        _rx(
            r" (?:gone|went|jumped|fallen|fell) in after (?:it|him|her|them|the dog|our dog)"
            r"(?: \w+){0,6} (?:struggling|cant get out|can t get out|cannot get out|going under|"
            r"shouting for help|stuck) "
        ),
    ),
    # pushed about in a robbery: "two lads filling bags and ones just pushed my wife against the
    # shelves, theyre still here"
    (
        "violence-now",
        _rx(
            r" just (?:pushed|shoved|slammed|thrown|threw|punched|hit|grabbed) (?:my |the |a |his |"
            r"her "
            r")?(?:\w+ )?(?:against|into|onto) (?:the )?(?:shelves|shelf|wall|floor|ground|counter|"
            r"door|car|fridge|window) "
        ),
    ),
    # bleeding told without the word: "cant stop the bleeding", "a lot of blood coming from her
    # arm" (a deep cut that will not stop is two signs, bot/danger_signs.py)
    (
        "medical",
        _rx(
            r" (?:cant|cannot|can not) stop (?:the|her|his|my|their) bleeding |"
            r" (?:a lot of|lot of|lots of|loads of|so much) blood (?:is )?(?:coming|pouring|"
            r"gushing|"
            r"spurting|running) "
        ),
    ),
    # a stroke told in other words: "her face has gone funny on one side", "her words are all
    # muddled"
    (
        "medical",
        _rx(
            r" face (?:has |is )?(?:gone|went|looks|is) (?:all )?(?:funny|weird|strange|odd|droopy|"
            r"lopsided|wonky|crooked|numb) on one side |(?:words|speech) (?:are|is) (?:all )?"
            r"(?:muddled|jumbled|garbled|mixed up|slurred|coming out wrong) "
        ),
    ),
    # a baby limp or breathing too slowly: "gone limp and bluish round the mouth", "floppy and
    # breathing really slowly"
    (
        "medical",
        _rx(
            r"^(?=.* (?:limp|floppy|blue|bluish|blueish|grey|gray|not waking|wont wake|"
            r"unresponsive) )"
            r"(?=.* breathing (?:is )?(?:really |very |so )?(?:slow|slowly|shallow|funny|strange|"
            r"weird) )| (?:bluish|blueish|blue|grey|gray) (?:round|around) (?:the |her |his )?"
            r"(?:mouth|lips) "
        ),
    ),
    # someone who has not woken since yesterday and is cold: "mum hasnt woken up since yesterday
    # and shes really cold"
    (
        "medical",
        _rx(
            r"^(?=.* (?:hasnt|has not|havent|have not) (?:woken|woke|got up|moved) (?:up )?since )"
            r"(?=.* (?:cold|not breathing|wont wake|will not wake|wont move|not moving|stiff) )"
        ),
    ),
    # fumes from a gas appliance and someone down: "she use the gas cooker for heating ... now she
    # is on the floor, very red face"
    (
        "medical",
        _rx(
            r"^(?=.* (?:gas (?:cooker|oven|hob|heater|fire|boiler)|cooker|oven|hob|rings|boiler|"
            r"heater|fumes|carbon monoxide) )(?=.* (?:is|are|s) (?:lying |"
            r"collapsed )?on the floor |"
            r".* (?:collapsed|passed out|fainted|wont wake|cant wake|unconscious) )"
        ),
    ),
    # someone held and taken to cash machines: "some men have his bank card and are taking him
    # round the cash machines in their car"
    (
        "danger",
        _rx(
            r"^(?=.* (?:cash ?machines?|cashpoints?|atms?|hole in the wall) )(?=.* (?:taken|took|"
            r"got|have|has|grabbed) (?:his|her|their|my)(?: \w+)? (?:bank )?(?:card|"
            r"cards) )(?=.* (?:with "
            r"(?:him|her|them|me) now|standing with|(?:getting|get|got|put|putting) (?:him|her|"
            r"them|"
            r"me)? ?in (?:their|the|a) car|in their car|making (?:him|her|me|them)|forcing) )"
        ),
    ),
    # pushed down by someone still in the home: "hes pushed me down in the hallway and my wrist is
    # bent"
    (
        "violence-now",
        _rx(
            r" (?:he|she|they|\w+) (?:has|is|have|ve) (?:just )?(?:pushed|shoved|knocked|thrown) "
            r"(?:me|mum|mom|dad|nan|gran|her|him) (?:down|over|to the (?:floor|ground)|into|"
            r"against) "
        ),
    ),
    # a deadline to a threat: "if im not out in one hour they come back and break my legs"
    (
        "danger",
        _rx(
            r"^(?=.* (?:in|within) (?:an?|one|two|three|\d+|half an|half a) (?:hour|hours|hr|hrs|"
            r"minutes|mins|min) )(?=.* (?:come|coming|be|came) back(?: \w+){0,3} (?:and )?(?:break|"
            r"smash) (?:my|your|his|her|our|their) (?:legs|arms|face|head|knees|fingers|jaw|bones)|"
            r".* (?:come|coming|be|came) back(?: \w+){0,3} (?:and )?(?:kill|hurt|stab|beat|burn|"
            r"do) "
            r"(?:me|us|you|him|her|them) )"
        ),
    ),
    # hanging on at a height: "the branch cracked and hes hanging on by his hands"
    (
        "danger",
        _rx(r" hanging (?:on )?by (?:his|her|their|my|its) (?:hands|fingers|fingertips|arms) "),
    ),
    # a farewell written and the writer at a height: "ive written it all in the letters in my
    # drawer. im on the roof of the car park"
    (
        "self-harm",
        _rx(
            r"^(?=.* (?:letters?|notes?) )(?=.* (?:written|wrote|left|leaving) )(?=.* (?:i am|im|"
            r"i m) (?:\w+ )?(?:on|up on|at the top of|sat on|sitting on|standing on) (?:the|a) "
            r"(?:roof|rooftop|top (?:deck|floor|level)|edge|bridge|footbridge|cliff|ledge|"
            r"multi ?storey|car park) )"
        ),
    ),
    # sitting at a drop with one's legs over it: "sat on the top deck of the multi storey with my
    # legs over the wall"
    (
        "self-harm",
        _rx(
            r"^(?=.* (?:roof|rooftop|top deck|top floor|top level|multi ?storey|car park|bridge|"
            r"footbridge|balcony|ledge|cliff|tower) )(?=.* my (?:legs|feet) (?:are )?(?:dangling |"
            r"hanging )?over (?:the )?(?:wall|edge|side|railings?|barrier|ledge|parapet) )"
        ),
    ),
    # a driver slumped at the wheel and weaving: "the drivers slumped over and weaving, up on the
    # pavement twice"
    (
        "danger",
        _rx(
            r"^(?=.* (?:drivers?|car|van|wheel|driving) )(?=.* (?:slumped|nodding off|"
            r"falling asleep|"
            r"passed out) )(?=.* (?:weaving|swerving|up on the pavement|mounted the (?:pavement|"
            r"kerb)|all over the road|doing laps) )"
        ),
    ),
    # a phone or bag taken a minute ago, the thieves in sight or fleeing: "took my phone from my
    # hand one minute ago, they go to greenhill way", "taken off him 10 mins ago and now theyre
    # stood outside the chicken shop showing it off"
    (
        "violence-now",
        _rx(
            r"^(?=.* (?:just now|(?:about |like |only )?(?:one|a|1|2|3|4|5|10|two|three|four|five|"
            r"ten|a few|a couple of) (?:min|mins|minute|minutes) ago|just (?:grabbed|snatched|took|"
            r"nicked|stole)|just (?:had|got) (?:my |his |her )?(?:\w+ ){0,3}(?:snatched|taken|"
            r"grabbed|nicked|stolen)) )(?=.* (?:took|take|taken|"
            r"snatched|snatch|grabbed|stole|stolen|nicked|robbed)(?: \w+){0,6} (?:phone|bag|purse|"
            r"wallet|handbag|chain|watch|necklace) |.* (?:phone|bag|purse|wallet|handbag|chain|"
            r"watch|"
            r"necklace) (?:got |was |been |has been )?(?:taken|snatched|grabbed|stolen|"
            r"nicked) )(?=.* (?:they|he|she|theyre|hes|shes)(?: are|"
            r" is|"
            r" re| s)?(?: \w+){0,2} (?:go|went|gone|ran|running|cycled|rode|riding|heading|headed|"
            r"stood|standing|sat|sitting|hanging around|hanging about|doing) (?:to|towards|off|"
            r"down|"
            r"up|outside|opposite|across|by|near|at|round|over|on|in|circles) )"
        ),
    ),
    # someone pulled or dragged into a car: "he just pulled a girl in school uniform off the
    # pavement into the back seat", "pulled a little girl in by her arm"
    (
        "danger",
        _rx(
            r" (?:pulled|dragged|bundled|pushed|forced|grabbed|snatched|shoved) (?:a|the|this|that|"
            r"some|my|our|her|his)(?: \w+){0,4}? (?:girl|boy|woman|child|kid|lady|teenager|toddler|"
            r"baby|person|someone) (?:\w+ ){0,8}?(?:into|in to|in) (?:the |a |his |their |an |by )?"
            r"(?:\w+ )?(?:car|van|back seat|backseat|boot|vehicle|motor|her arm|his arm|the arm) "
        ),
    ),
    # a threat to stab someone made aloud where the teller is: "shouting he'll stab the next nurse"
    (
        "danger",
        _rx(
            r" (?:shouting|screaming|yelling|saying|says|threatening|"
            r"swearing)(?: that)?(?: \w+){0,2} "
            r"(?:he ll|he will|he is going to|hes going to|hes gonna|he s gonna|she ll|she will|"
            r"they ll|they will|theyre going to|going to|gonna) (?:stab|shank|knife|shoot|slash|"
            r"glass|cut) (?:me|him|her|us|you|them|someone|somebody|anyone|everyone|my|the (?:next|"
            r"receptionist|nurses?|doctors?|staff|driver|manager|guard|security|teacher|cashier|"
            r"shopkeeper|owner|barman|bouncer|man|woman|lad|girl|boy|kid)|"
            r"his) "
        ),
    ),
    # a weapon half-seen under clothes: "something long under his coat", "something long up his
    # sleeve", "tucked in his trousers, black and L shaped"
    (
        "weapon",
        _rx(
            r" something (?:\w+ ){0,2}(?:long|black|shiny|metal|sharp|heavy)(?: and \w+)? (?:under|"
            r"up|in|inside|down) (?:his|her|their) (?:coat|jacket|sleeve|hoodie|top|waistband|"
            r"trousers|jeans|joggers|belt) | tucked (?:in|into) (?:his|her|their) (?:trousers|"
            r"waistband|belt|jeans|joggers) | (?:black|metal|something)(?: and)? l ?shaped "
        ),
    ),
    # a drunk at the wheel seen: "all over the road ... i can see him necking from a can",
    # "drivers swaying when he gets out, now hes got back in"
    (
        "danger",
        _rx(
            r"^(?=.* (?:drivers?|behind the wheel|at the wheel|got back in|getting back in|driving "
            r"off|drove off) )(?=.* (?:swaying|staggering|stumbling|can barely stand|necking|"
            r"swigging|drinking from|drunk|pissed|hammered|off (?:his|"
            r"her) face) )(?=.* (?:all over "
            r"the road|swerving|weaving|up the kerb|mounted the (?:kerb|pavement)|nearly (?:hit|"
            r"hitting|taking out|took out|ran over)|heading (?:for|towards|to)|driving off|"
            r"drove off|"
            r"got back in) )"
        ),
    ),
    # a threat to break bones from someone there now: "a man at my door right now saying hell
    # break my legs"
    (
        "danger",
        _rx(
            r"^(?=.* (?:will|ll|gonna|going to|says|saying|said|threatening to|threatens to) "
            r"(?:\w+ ){0,3}(?:break|smash) (?:my|your|his|her|our) (?:legs|arms|face|head|knees|"
            r"jaw|bones) )(?=.* (?:right now|at (?:my|the|our) door|kicked|kicking|banging|is "
            r"here|outside (?:now|my|the)) )"
        ),
    ),
    # held by the neck now: "hes got her up against the shed by the neck"
    (
        "violence-now",
        _rx(
            r" (?:has|got|s got|has got|is holding|holding|pinned|pinning|pushed) (?:her|him|me|my "
            r"\w+|them) (?:up )?(?:against (?:the|a) (?:\w+ )?\w+ )?by (?:the|her|his|my|their) "
            r"(?:neck|throat) "
        ),
    ),
    # a house whose owners are away, torches inside: "they are in spain two weeks ... i see two
    # persons with torches"
    (
        "break-in-now",
        _rx(
            r"^(?=.* (?:away|on holiday|abroad|in spain|in india|in pakistan|in poland) )(?=.* "
            r"(?:persons?|people|men|figures|someone|somebody|man) (?:with|using|holding) "
            r"torch(?:es)? | torch(?:es)? (?:moving|inside|going round|flashing) )"
        ),
    ),
    # a child up scaffolding or a crane: "kid maybe 10 has climbed the scaffolding, on the top
    # level walking along the planks"
    (
        "danger",
        _rx(
            r"^(?=.* (?:kid|child|boy|girl|toddler|lad|\d+ ?(?:year old|yr old|yo)|maybe \d+) )"
            r"(?=.* (?:climbed|climbing|up on|on top of|on the top of|at the top of) (?:the |a )?"
            r"(?:scaffolding|scaffold|crane) )"
        ),
    ),
    # a child taken by a parent against a court order, or "you'll never see him again" (not a
    # weekend the order allows)
    (
        "danger",
        _rx(
            r"^(?=.* (?:took|taken|grabbed|snatched|picked up) (?:our|my) (?:son|daughter|child|"
            r"kid|baby|boy|girl|toddler|little one) )(?=.* (?:never see (?:him|her|them) again|on "
            r"(?:his|her|their) way to (?:heathrow|gatwick|the airport|stansted|luton)|(?:despite|"
            r"even though|against|breaking|broke) (?:there is |theres )?(?:a |the )?(?:court "
            r"order|no contact)|not allowed (?:contact|to see)) )"
        ),
    ),
    # a bath run and a blade at hand, sitting there: "ive run a bath and ive got the razor and
    # ive just been sitting here for a while"
    (
        "self-harm",
        _rx(
            r"^(?=.* (?:run|ran|running|filled) (?:a|the|myself a) bath )(?=.* (?:razor|razors|"
            r"blade|blades|knife|pills|tablets) )(?=.* (?:sitting here|sat here|been sitting|for a "
            r"while|for hours|staring|cant (?:do|go on|stop)|goodbye|no point|had enough|end it|"
            r"tonight) )"
        ),
    ),
    # a threat with a time it is to be carried out, the threateners there: "back with 3 mates
    # blocking the door saying theyll smash the place up and do me when i lock up in 10 mins"
    (
        "danger",
        _rx(
            r"^(?=.* (?:theyll|they will|they ll|he ll|hell|he will|going to|gonna) (?:\w+ ){0,4}"
            r"(?:do me|get me|hurt me|stab me|jump me|smash (?:the place|the shop|it|"
            r"us) up) )(?=.* "
            r"(?:blocking the door|outside|back with|waiting|in \d+ (?:mins?|minutes)|"
            r"when i (?:lock "
            r"up|finish|close|leave)) )"
        ),
    ),
    # a weapon implied: "hand inside his jacket saying hell use it if i dont open the drawer"
    (
        "weapon",
        _rx(
            r" (?:he ll|he will|hell|she ll|she will|they ll|they will|going to|"
            r"gonna) use it (?:on "
            r"(?:me|us|you|her|him) )?(?:if|unless) (?:i|you|we|she|he|they) (?:dont|do not|"
            r"doesnt|does not|wont|will not|try|move|call|scream|shout|say|tell) "
        ),
    ),
    # a child led off by a stranger: "a man none of us recognise has just walked off with one of
    # our reception children"
    (
        "danger",
        _rx(
            r"^(?=.* (?:walked|went|ran|drove|driven|taken|led|gone) off with (?:one of (?:our|the|"
            r"my) )?(?:\w+ ){0,3}(?:child|children|kid|kids|pupils?|girls?|boys?|toddler|daughter|"
            r"son) )(?=.* (?:(?:none|nobody|no one) (?:of (?:us|the \w+) )?(?:recognise|recognises|"
            r"knows|know)|"
            r"stranger|dont know (?:him|her|them)|not (?:her|his) (?:mum|dad|parent)) )"
        ),
    ),
    # a weapon taken somewhere for someone: "bringing his brothers blade to the bus stop after
    # school to do jayden"
    (
        "weapon",
        _rx(
            r"^(?=.* (?:bringing|bring|taking|brought) (?:\w+ ){0,3}(?:blade|knife|gun|machete|"
            r"shank|strap) )(?=.* (?:to do (?!some )\w+|to stab|to use (?:it )?on|to sort \w+ "
            r"out) )(?=.* (?:today|tonight|after school|in \d+ (?:mins?|minutes)|now|later) )"
        ),
    ),
    # knocked down and unable to get up: "snatched it and knocked me down, i cannot get up"
    (
        "medical",
        _rx(
            r"^(?=.* (?:knocked|pushed|shoved|thrown|threw) (?:me|her|him|them|my \w+) (?:down|"
            r"over|"
            r"to the (?:ground|floor)) )(?=.* (?:cannot|cant|can not|unable to) (?:get up|stand|"
            r"move) )"
        ),
    ),
    # held in a flat with what she needs taken: "the men there have taken her shoes and will
    # not let her leave, and then the line went dead" (not a teenager kept in by a parent)
    (
        "danger",
        _rx(
            r"^(?!.* (?:mum|mom|dad|parents|mother|father|stepdad|stepmum|teacher|school|grounded|"
            r"punishment|punished) )(?=.* (?:will not|wont|won t|not) let (?:me|us|her|him|them) "
            r"(?:leave|go|out) )(?=.* (?:taken (?:my|her|his|their) (?:shoes|phone|keys|passport|"
            r"clothes)|line went dead|whispering|whispered|men there|in a flat|outside the door "
            r"now|with (?:his|a) (?:belt|knife|bat)) )"
        ),
    ),
    # gas smelt and people ill: "smells like rotten eggs and my mums gone really sleepy and
    # confused"
    (
        "medical",
        _rx(
            r"^(?=.* (?:rotten eggs?|smell of gas|smells of gas|gas smell|smell gas|"
            r"smells like gas) )"
            r"(?=.* (?:sleepy|drowsy|confused|being sick|vomiting|dizzy|collapsed|passed out|wont "
            r"wake|cant wake) )"
        ),
    ),
    # someone else lying still: "has been lying at the bottom of her front steps for about 10
    # minutes not moving" (not "i was lying in bed not moving")
    (
        "medical",
        _rx(
            r"(?<! i)(?<! i am)(?<! im)(?<! i was)(?<! i ve been)(?<! i have been) (?:lying|lay|"
            r"laid) (?:\w+ ){1,10}not (?:moving|responding|answering) "
        ),
    ),
    # hanging on at a height: "slipped, he is hanging on to the guttering"
    (
        "danger",
        _rx(
            r" hanging on (?:to|onto) (?:the )?(?:guttering|gutter|ledge|edge|railing|railings|"
            r"branch|window ?sill|balcony|scaffolding|roof) "
        ),
    ),
    # a dog holding a child: "has my neighbours small boy pinned, it is biting his arm and not
    # letting go"
    (
        "danger",
        _rx(
            rf"^(?=.* (?:dog|dogs|{_DOGS}) )(?=.* (?:boy|girl|child|kid|baby|toddler|son|"
            r"daughter) )"
            r"(?=.* (?:pinned|biting (?:his|her|the|their) (?:arm|leg|face|hand|neck)|mauling|"
            r"savaging|got hold of) )(?=.* (?:not letting go|wont let go|will not let go|blood|"
            r"bleeding|pinned|screaming) )"
        ),
    ),
    # an inhaler that does nothing: "had like 20 puffs, she can only say one word at a time"
    (
        "medical",
        _rx(
            r" inhaler (?:isnt|is not|not|doesnt|does not|aint|wont|will not) (?:doing anything|"
            r"working|helping)| (?:can only|only able to|only) (?:say|speak|talk) (?:in )?(?:one|a "
            r"few|single) words?(?: at a time)? "
        ),
    ),
    # the worst headache of a life come on suddenly, or with a stiff neck, the light or
    # confusion (meningitis' signs too); not one after a party
    (
        "medical",
        _rx(
            r"^(?=.* (?:worst headache (?:of (?:her|his|my|their) life|ever|shes ever had|hes ever "
            r"had|ive ever had)|neck is stiff|stiff neck) )(?=.* (?:stiff|light|confused|slurring|"
            r"passed out|collapsed|rash|suddenly|came on|out of nowhere|like being hit) )"
        ),
    ),
    # a fall from a height, lying hurt: "fell from scaffolding second floor, he is lying on ground
    # and his leg is bent wrong way and he is not talking"
    (
        "medical",
        _rx(
            r"^(?=.* (?:fell|fallen|falls|come off|came off) (?:from |off )?(?:the |a )?(?:\w+ )?"
            r"(?:scaffolding|scaffold|ladder|roof|balcony|window|first floor|second floor|"
            r"third floor|height) )(?=.* (?:lying|not talking|not moving|unconscious|bent|bleeding|"
            r"not responding|wont wake) )"
        ),
    ),
    # bleeding like a fountain, a chainsaw into a leg
    (
        "medical",
        _rx(
            r" blood (?:is )?(?:coming|pouring|spurting|gushing|squirting|pumping)(?: out)? like "
            r"(?:a )?(?:fountain|tap|hose)| (?:chainsaw|saw|angle grinder|grinder|axe) (?:\w+ )?"
            r"(?:went|go|gone|slipped|cut) (?:in|into|through) (?:his|her|my|their) (?:leg|arm|"
            r"hand|neck|foot) "
        ),
    ),
    # letters written and a farewell: "wont need it after tonight. letters are written, the cats
    # going to my neighbour"; "you wont have to worry about me anymore" from a height
    (
        "self-harm",
        _rx(
            r"^(?=.* (?:letters|notes|goodbye letters) (?:are |is )?(?:all )?(?:written|done|"
            r"ready|sorted) )(?=.* (?:tonight|goodbye|wont (?:need|be needing)|before i go|"
            r"(?:cat|dog|pets?) (?:is |s )?going to|sorted) )|"
            r"^(?=.* (?:you|u|yall) (?:wont|will not|won t) (?:have to |need to )?worry about me "
            r"(?:any ?more|again) )(?=.* (?:top of|roof|bridge|car park|multi ?storey|tracks|"
            r"location|platform|goodbye|sorry|love you) )"
        ),
    ),
    # pregnant, bleeding, and pale or in pain
    (
        "medical",
        _rx(
            r"^(?=.* pregnant )(?=.* (?:bleeding|much blood|lot of blood|lots of blood|losing "
            r"blood|blood everywhere|blood coming) )(?=.* (?:pain|white|pale|cold|sleepy|faint|"
            r"fainted|dizzy|collapsed|cant stand|very weak) )"
        ),
    ),
    # smoke coming through with a burning smell: "burning smell and grey stuff coming through my
    # ceiling light"
    (
        "fire",
        _rx(
            r"^(?=.* (?:burning smell|smell of burning|smells? (?:of )?burning|smell of smoke) )"
            r"(?=.* (?:smoke|grey stuff|black stuff|fumes) (?:\w+ ){0,3}coming (?:through|under|"
            r"in|out of|from) )"
        ),
    ),
    # shut in with the means: "my brothers locked himself in the bathroom with dads tablets"
    (
        "self-harm",
        _rx(
            r" locked (?:himself|herself|themselves|themself|myself) in(?: \w+){0,4} with "
            rf"(?:\w+ ){{0,2}}(?:tablets|pills|{_PILLS}|a knife|knives|a razor|razors|a blade|"
            r"blades|rope|a rope) "
        ),
    ),
)

# A missing person stays missing: these still count when the message says "since last night".
_VULNERABLE = (
    r"(?:dementia|alzheimers|alzheimer s|learning difficulties|learning disabilities|"
    r"learning disability|autism|autistic|epilepsy|epileptic|insulin|diabetic)"
)
_GONE = (
    r"(?:walked out|wandered off|wandered away|gone missing|went missing|has gone out|"
    r"left the (?:house|building|home|care home|ward|unit)|got out of the house|cannot find|"
    r"got out (?:of|through) (?:the |a )?(?:\w+ )?(?:door|window|gate|exit|house|building|home)|"
    r"can not find|could not find|"
    r"disappeared|vanished|(?:is|are|has|have) not (?:back|come back|come home|returned)|"
    r"not back yet|still not back|"
    # "he went out from house 2 hour ago in his slipper only ... my brother still searching"
    r"went out (?:from|of) (?:the |his |her |their |our )?(?:house|home|flat)|"
    r"went out (?:\w+ ){0,3}in (?:his|her|their) (?:slippers?|slipper|pyjamas|dressing gown)|"
    r"(?:still|are|been|we are|i am) (?:searching|looking for (?:him|her|them))|"
    r"searched (?:everywhere|all (?:round|around))|"
    r"went (?:out )?for (?:a )?walk (?:\w+ ){0,2}(?:\d+|two|three|four|five|six|several) hours? "
    r"ago)"
)
# Gone on other days, counted: "twice now", "a few times before", "more than once".
_TIMES_BEFORE = (
    r" (?:(?:\w+ )?(?:twice|(?:two|three|four|five|several|a few|a couple of|many|\d+) times)|"
    r"more than once|in the past)\b"
)
# ...unless the message says they were found again: "thanks to the PC who found my son when he
# wandered off" is thanks, not a missing child.
_FOUND_AGAIN = _rx(
    r" (?:(?:who|police|officers?|pcs?|pcsos?|they|someone|somebody|security|staff|we|i) "
    r"(?:found|brought back|tracked down) (?:my|our|him|her|them)(?! (?:\w+ )?(?:shoe|shoes|"
    r"bag|phone|coat|scarf|slippers?|hat|glasses|keys|purse|bike|scooter|jacket|dog|stick|"
    r"walker|things|stuff))|(?:was|were|has been|"
    r"have been|got) found (?:safe|fine|ok|okay|alive|and|at|in|by|later|after)|(?:came|come|"
    r"turned up|is|was|are|were) (?:back|home) (?:safe|fine|ok|okay|now|later|after)|turned up "
    r"(?:safe|fine|ok|okay|at|later|after)) "
)
# Danger that lasts after what was told, read whatever the message dates earlier today and
# whoever was found: too many pills or a poison taken, told without "overdose" ("my son has
# taken loads of pills", "my mums swallowed a whole bottle of paracetamol about an hour ago").
_LASTING: tuple[tuple[str, re.Pattern[str]], ...] = (
    # a poison eaten, a child drowsy or racing: "ate some berries off the bush half an hour ago,
    # now hes really drowsy and his heart is going so fast"
    (
        "medical",
        _rx(
            r"^(?=.* (?:ate|eaten|swallowed|drank|drunk|chewed) (?:some |a |the |a whole |half a )?"
            r"(?:\w+ ){0,3}(?:berries|mushrooms|toadstools|bleach|cleaner|detergent|liquitab|"
            r"washing tablet|button battery|battery|plant|leaves|weed killer|antifreeze|"
            r"e ?liquid) )(?=.* (?:drowsy|sleepy|heart (?:is )?(?:going|racing|pounding)|"
            r"vomiting|being sick|floppy|not waking|cant breathe|struggling to breathe|fitting) )"
        ),
    ),
    # what was saved up, taken: "ive already swallowed everything id saved up, just wanted
    # someone to know"
    (
        "self-harm",
        _rx(
            r" (?:swallowed|taken|took|necked|downed) (?:everything|all of it|the lot|all the \w+) "
            r"(?:i d |i had |i have |id |ive |i ve )?(?:been )?(?:saved|saving|stockpiled|"
            r"stockpiling|kept|collected) "
        ),
    ),
    # still on the floor from a fall: "hes on the kitchen floor, says he fell this morning, hes
    # very cold and confused and theres blood under his head"; a weak voice behind a door nobody
    # answers: "has not answered her door for two days ... a faint knocking from inside"
    (
        "medical",
        _rx(
            r"^(?=.* (?:fell|fallen|had a fall|collapsed|found (?:him|her|them)) )(?=.* (?:on|"
            r"lying "
            r"on) the (?:kitchen |bathroom |bedroom |hall |living room )?floor(?: \w+){0,14} "
            r"(?:very cold|freezing|confused|blood|bleeding|not making sense|cant get up|can t get "
            r"up|cannot get up) )|"
            r"^(?=.* (?:faint|weak) (?:knocking|tapping|voice|cry|cries|calling|banging) )(?=.* "
            r"(?:not answered|not answering|hasnt answered|has not answered|no answer|doesnt "
            r"answer|does not answer) )"
        ),
    ),
    # many pills taken, with intent, drowsiness or a farewell, as residents of any English write
    # it: "my uncle he drink many many tablets, he say he want to finish his life, now he is very
    # sleepy", "ive taken all my tablets like 30 about 10 mins ago starting to feel weird"
    (
        "medical",
        _rx(
            r"^(?=.* (?:took|taken|take|swallowed|swallow|drank|drink|drunk|ate|eat|eaten|had) "
            r"(?:so |too |to )?(?:many|all|all of|all my|all his|all her|a lot of|lots of|loads of|"
            r"whole)"
            rf"(?: many)? (?:\w+ ){{0,2}}(?:sleeping )?(?:{_PILLS}|tablet|pill) )"
            r"(?=.* (?:want(?:s|ed)? (?:to )?(?:finish|die|end it|sleep forever)|wanna (?:finish|"
            r"die)|finish (?:my|his|her) (?:own )?life|"
            # a secret asked: "thanks for always being nice to me miss, ive taken all of mums
            # tablets, dont tell anyone"
            r"(?:do not|dont) tell (?:anyone|anybody|my \w+)|"
            # taken with drink, the body answering: "had to many of my pills with the wine.
            # heart going mad cant feel my hands"
            r"heart (?:is )?(?:going mad|racing|pounding|going crazy|beating really fast)|"
            r"cannot feel my (?:hands|arms|legs|face|fingers)|"
            r"(?:very |so |really )?(?:sleepy|drowsy)|not waking|(?:starting to |i )?feel(?:ing)? "
            r"(?:very |really |so )?(?:weird|strange|funny|dizzy|odd|sick)|sorry for (?:the |all "
            r"the |this )?trouble|goodbye) )"
        ),
    ),
    # waking where one does not know after a drink: "woke up in a strangers flat dont know how i
    # got here" (still there, so it counts whenever the drink was)
    (
        "spiking",
        _rx(
            r" woke up in (?:a |some )?(?:strangers|stranger s|someones|random|a mans|a guys|"
            r"unknown) (?:\w+ )?(?:flat|house|room|bed|car|place)"
        ),
    ),
    (
        "medical",
        _rx(
            r" (?:swallowed|taken|took|eaten|ate|drank|drunk) (?:a |the )?(?:whole |full )?"
            r"(?:loads of|lots of|a lot of|a load of|too many|a handful of|bottle of|packet of|"
            r"pack of|box of|strip of|(?:both|two|three|four|several|all the|\d+) (?:boxes|"
            r"packets|packs|bottles|strips) of) (?:his |her |my |their |the )?(?:\w+ ){0,2}"
            r"(?:pills|tablets|"
            r"paracetamol|"
            r"painkillers|sleeping pills|sleeping tablets|meds|medication|insulin|"
            r"antidepressants|bleach) "
        ),
    ),
    # a count no dose comes to ("i have taken 20 paracetamol"); all of them swallowed ("just
    # swallowed a bottle of vodka and all my antidepressants"); all of them taken, at once or
    # with drowsiness after ("my wife took all her tablets and is very sleepy"; not "... for
    # the day, as the doctor said")
    (
        "medical",
        _rx(
            r" (?:swallowed|taken|took|eaten|ate|had|necked|downed) (?:about |like |over |around |"
            r"nearly |almost )?(?:9|[1-9]\d|\d{3}|nine|ten|eleven|twelve|fifteen|sixteen|"
            rf"twenty|thirty|forty|fifty) (?:of (?:my |his |her |their |the )?)?{_PILLS} |"
            r" (?:swallowed|necked|downed) (?:\w+ ){0,6}?all (?:of )?(?:my|his|her|their|the) "
            rf"{_PILLS} |"
            rf" (?:taken|took) all (?:of )?(?:my|his|her|their|the) {_PILLS} (?:(?:at once|"
            r"in one go|all together|together|at the same time|with (?:the |some |a bottle of |a "
            r"|my )?(?:vodka|alcohol|drink|booze|wine|whisky|gin|rum|beer|cider)) |"
            r"(?:\w+ ){0,3}(?:and|now) "
            r"(?:she |he |they |is |are |s )*(?:very |really |so )?(?:sleepy|drowsy|not waking|"
            r"wont wake|unconscious|being sick|vomiting|confused|not making sense))"
        ),
    ),
    # pills or something else taken to end it, or taken with a farewell: "took something to make
    # it all go away", "already took them like 20 min ago and feel weird", "took them all lol
    # nobody cares"
    (
        "self-harm",
        _rx(
            r" (?:took|taken|swallowed|drank|had) (?:something|some|stuff|pills|tablets|them|the "
            r"lot|it all)(?: \w+){0,3} to (?:make (?:it|everything) (?:all )?(?:go away|stop|end)|"
            r"end it|sleep forever|not wake up|never wake up)|"
            r" (?:already )?(?:took|taken|swallowed) (?:them|the lot|it all|them all|all of them)"
            r"(?: \w+){0,6} (?:feel|feeling|i feel|i am feeling) (?:really |so |very )?(?:weird|"
            r"sick|strange|funny|dizzy|drowsy|odd|sleepy) |"
            # "took all of my late wifes sleeping tablets half an hour ago and i am feeling rather
            # drowsy"
            rf" (?:already )?(?:took|taken|swallowed) all (?:of )?(?:\w+ ){{0,3}}{_PILLS}"
            r"(?: \w+){0,10} (?:drowsy|sleepy|dizzy|sick|weird|woozy|strange) |"
            # "took the whole box a bit ago ... just really sleepy and sick"
            r" (?:already )?(?:took|taken|swallowed|necked|downed) (?:the|a) whole (?:box|packet|"
            rf"pack|bottle|strip|tub)(?! of (?!{_PILLS}))(?: \w+){{0,12}} (?:sleepy|drowsy|sick|"
            r"dizzy|weird|strange|woozy) |"
            # "i took everything in the cupboard about an hour ago. just wanted to tell someone
            # before i go to sleep" (not everything taken out of a cupboard to clean it)
            r" (?:took|taken|swallowed|necked|downed) (?:everything|every pill|every tablet|all "
            r"the (?:pills|tablets|meds)) (?:i had |i could find |that was )?in (?:the|my|our|"
            r"mums|dads|his|her) (?:\w+ )?(?:cupboard|cabinet|drawer|box|first aid kit)"
            r"(?! out| off| down| to | and (?:put|threw|cleaned|sorted|washed))(?: \w+){0,12} "
            r"(?:tell someone|tell somebody|before i (?:go to )?sleep|goodbye|bye|sorry|feel|"
            r"feeling|sleepy|drowsy|dizzy|nobody cares|no one cares|want(?:ed)? to (?:die|sleep))"
            r" |"
            r" (?:took|taken|swallowed) (?:them all|all of them|the lot|the whole lot)"
            r"(?: \w+){0,4} (?:nobody cares|no one cares|noone cares|bye|goodbye|dont care|"
            r"done with) "
        ),
    ),
    # "took an overdose about an hour ago": within the day, still an emergency
    (
        "medical",
        _rx(
            r" (?:(?:took|taken|had|has taken|have taken|has had|swallowed) (?:an |another |a big |"
            r"a massive )?overdose|overdosed) "
        ),
    ),
    # someone lying still since earlier today: "the man next door has been lying in his front
    # garden since i got home an hour ago, he hasnt moved" (not a cat, nor a sunbather who
    # "hasnt moved all day")
    (
        "medical",
        _rx(
            r" (?:man|woman|lady|guy|bloke|lad|person|someone|somebody|neighbour|he|she|old "
            r"\w+|(?:my|our|his|her) (?:mum|dad|nan|grandad|husband|wife|partner|son|daughter|"
            r"brother|sister|friend|flatmate))(?: \w+){0,3} (?:is |has been |been |was )?(?:lying|"
            r"laid|slumped|collapsed)(?!(?: \w+){0,6} (?:sofa|couch|settee|bed|sunbed|deckchair|"
            r"hammock|sun lounger|all day|all morning|all afternoon))(?: \w+){0,14} (?:he|she|"
            r"they|and)? ?(?:still )?(?:has not|have not|"
            r"hasnt|is not|isnt|not) (?:moved|moving|responded|responding|woken|got up)"
            r"(?! (?:all day|from the sofa|off the sofa|off the couch|since lunch)) "
        ),
    ),
)
# Held captive by whoever keeps the teller's papers: a state that lasts whatever the message
# dates ("every night he lock us in the room at the back of the yard and he keep my passport"),
# unless told as over (escaped, years ago). One who keeps a passport but lets the worker come
# and go is a crime to report, not 999.
_CAPTIVE = _rx(
    r"(?!.* (?:escaped|got out|ran away|got away|rescued|last year|years ago|months ago|when i "
    r"was) )(?: (?:lock|locks|locked|locking|keep|keeps|kept) (?:us|me|them|him|her) (?:locked )?"
    r"(?:in|inside|up)(?: \w+){0,30} (?:passport|passports|id card|documents|papers) | "
    r"(?:passport|passports|id card|documents|papers)(?: \w+){0,30} (?:lock|locks|locked|"
    r"locking|keep|keeps|kept) (?:us|me|them|him|her) (?:locked )?(?:in|inside|up) | "
    r"(?:i am|we are|i m|im|we re|were) locked (?:in|inside|up)(?: \w+){0,30} (?:passport|"
    r"passports|id card|documents|papers) | (?:passport|passports|id card|documents|papers)"
    r"(?: \w+){0,30} (?:i am|we are|i m|im|we re|were) locked (?:in|inside|up) | "
    # "my boss he take our passports and he lock the door of room where we sleep, we cant go out"
    r"(?:passport|passports|id card|documents|papers)(?: \w+){0,30} (?:lock|locks|locked) the "
    r"door(?: \w+){0,10} (?:we|i) (?:cant|can not|cannot|can t|are not allowed to) (?:go|get) "
    r"out )"
)
# Pills saved up and all of them to be taken, an intention whatever the message dates ("been
# saving my antidepressants for weeks and im going to take the lot tonight"; not "take them all
# back to the chemist", "am i going to take them all at once", nor one told as over).
_HARM_AHEAD = _rx(
    r"(?!.* (?:years ago|last year|when i was|in recovery|got help|getting help) )"
    rf"(?: {_PILLS}(?: \w+){{0,12}} (?<!am i )(?<!was )(?<!were )(?:going to|gonna|about to|"
    r"planning to|plan to|will) (?:take|swallow|down) (?:the lot|them all|all of them|every "
    r"(?:one|last one)(?: of them)?)(?! (?:back|to|into|in|out|with|at once or)\b) | "
    r"(?<! am i )(?<! was )(?<! were )(?:going to|gonna|about to|planning to|plan to) (?:take|"
    rf"swallow|down) all (?:of )?my {_PILLS}(?! (?:back|to|into|in|out|with|at once or)\b) )"
)
# The one met earlier at the door now: "same man from the bus this morning is pressing my buzzer
# again" (the morning dates the meeting, not the buzzer)
_BACK_AT_THE_DOOR = _rx(
    r" (?:same|that|the) (?:man|guy|bloke|woman|person|lad|men|guys)(?: \w+){0,8} (?:is|s|are) "
    r"(?:pressing|ringing|buzzing|knocking on|banging on|trying|at) (?:my|our|the) (?:buzzer|bell|"
    r"doorbell|door|intercom|door handle|window) "
)
# Pills taken by the count, the pills named anywhere, even in a question before: "how long does
# paracetamol take to kick in? took about 40 an hour ago and starting to feel really sick", "how
# many paracetamol is too many? took like 30 earlier and my stomach hurts" (not a dose spread
# over days, nor "took 40 minutes to work").
_PILLS_BY_COUNT = _rx(
    rf"^(?=.* {_PILLS} )(?!.* (?:over|across|in) (?:a|the|one|two|three|\d+) (?:week|weeks|days|"
    r"month|months|fortnight) )(?!.* (?:a|per|each|every) (?:day|week) )(?=.* (?:took|taken|"
    r"swallowed|had|necked|downed) (?:about |like |over |around |nearly |maybe )?(?:[2-9]\d|"
    r"\d{3}|twenty|thirty|forty|fifty)(?! (?:mins?|minutes|seconds|secs|hours?|hrs|days|weeks|"
    r"years|pounds|quid|mg|ml) ) )(?=.* (?:ago|earlier|today|tonight|this morning|last night|"
    r"stomach|sick|vomit|vomiting|dizzy|drowsy|sleepy|hurts|pain|weird|strange|heart|cant "
    r"breathe) )"
)
# The means made ready, with despair or a farewell, whatever else the message dates: "they were
# always kind to me. i wont be needing my card after tonight. the rope is sorted"
_MEANS_READY = _rx(
    r"^(?=.* (?:rope|noose) (?:is |s )?(?:ready|up|tied|hanging|set up|sorted|bought) )(?=.* "
    r"(?:cannot (?:do this|go on|take (?:it|this|any more|anymore))|had enough|wanted (?:someone|"
    r"somebody|you) to know|goodbye|bye|no point|end it|finish it|tonight|sorry|(?:wont|will not) "
    r"be needing) )|"
    # tablets lined up and counted: "got them all lined up on my desk, counted 48"
    rf"^(?=.* (?:{_PILLS}|tablets|them|them all) (?:\w+ ){{0,3}}(?:lined up|laid out|set out) )"
    r"(?=.* counted (?:out )?(?:about |like |over |nearly )?(?:[2-9]\d|\d{3}|twenty|thirty|forty|"
    r"fifty) )"
)
# A farewell sent, then silence, whatever the message dates ("last week she said she thought
# about the bridge"): "she texted goodbye, thanks for everything, sorry, and now she isnt picking
# up" (not a phone that "was" off, which is over)
_FAREWELL_UNANSWERED = _rx(
    r"^(?=.* (?:thanks|thank you) for everything | sorry for everything | goodbye forever | "
    r"i love you all | look after (?:mum|dad|the kids|my kids|the dog|the cat|yourselves) )"
    r"(?=.*(?<! was)(?<! wasnt)(?<! were) (?:not|isnt|is not|wont|will not|never) (?:picking up|"
    r"pick up|answering|answer|replying|reply|responding) |.* (?:phone|mobile) (?:is )?(?:off|dead|"
    r"going to voicemail|goes to voicemail) |.* (?:cant|cannot|can not) (?:reach|get hold of|"
    r"get through to) )"
)
# Driving off drunk, told by two details apart: "my son took my car keys an hour ago after a row
# ... he said hed had a few with his mates before he stormed out and now hes not picking up"
_DRUNK_AT_THE_WHEEL = _rx(
    r"^(?!.* (?:got home|came home|came back|is home|is back|home safe|got back|was fine|years ago|"
    r"last year|last week) )(?=.* (?:took|taken|grabbed|drove off in|gone off in|went off in) "
    r"(?:my |the |our |his |her )?(?:car keys|keys|car|van) )(?=.* (?:had a few|had a drink|been "
    r"drinking|drinking|drunk|had (?:\d+|a few|some|loads of) (?:drinks|pints|beers|cans)|"
    r"smashed|wasted|high|stoned) )"
)
# A baby left: "crying for about 6 hours non stop, i saw the mum leave with bags yesterday and
# nobody has gone back in"
_LEFT_ALONE = _rx(
    r"^(?!.* (?:came back|is back|come back now|returned|got back) )(?=.* (?:baby|toddler|"
    r"little one|child|kids)(?: \w+){0,6} (?:crying|screaming)(?: \w+){0,6} (?:hours|all night|all "
    r"day|non stop|nonstop) )(?=.* (?:leave|left|went out|go out)(?: \w+){0,6} (?:bags|suitcase|"
    r"suitcases) )"
)
# On the way with a menace: "my ex keeps texting 'im 5 min away, you'll see what happens'" (a
# beating last year does not date it)
_ON_THE_WAY = _rx(
    r"^(?=.* (?:im|i am|i m|he is|hes|he s) (?:\d+|two|five|ten) (?:min|mins|minutes) away )(?=.* "
    r"(?:you will see|you ll see|youll see|what happens|you will regret|you ll regret|youll "
    r"regret|watch what|you are dead|youre dead|your dead|coming for you|sort you out) )"
)
# Danger that holds whatever the message dates: held captive, all the pills to be taken or
# taken by the count, the one met earlier back at the door, a drunk at the wheel, a baby left.
_WHATEVER_THE_DATE = (
    _CAPTIVE, _HARM_AHEAD, _BACK_AT_THE_DOOR, _PILLS_BY_COUNT, _DRUNK_AT_THE_WHEEL, _LEFT_ALONE,
    _ON_THE_WAY, _MEANS_READY, _FAREWELL_UNANSWERED,
)  # fmt: skip
_MISSING: tuple[tuple[str, re.Pattern[str]], ...] = (
    # someone with dementia gone for hours, in the dark or the cold: "my mum has dementia and
    # shes been gone since lunchtime, its getting dark and she only had a cardigan"
    (
        "danger",
        _rx(
            r"^(?=.* (?:dementia|alzheimers|alzheimer s) )(?=.* (?:been gone|gone missing|missing|"
            r"wandered off|not come back|not back|cant find (?:her|him)|went out) )(?=.* (?:since|"
            r"hours|getting dark|dark now|cold|only (?:had|wearing)|no coat|cardigan|pyjamas|"
            r"nightie|slippers) )"
        ),
    ),
    # a child gone, in few words: "my son 6 year gone, he was with me 10 minute before, now not
    # anywhere"
    (
        "danger",
        _rx(
            r"^(?=.* (?:my|our) (?:(?:\d+ (?:year|yr)s? old )?(?:son|daughter|child|kid|boy|girl|"
            r"little one|toddler)(?: \d+ (?:year|yr)s?(?: old)?)?) )(?=.* (?:not anywhere|nowhere "
            r"to be (?:seen|found)|(?:cant|cannot|can not) find (?:him|her) anywhere|"
            r"(?:year|yr)s? (?:old )?gone) )"
        ),
    ),
    # someone confused who does not know who they are, found (missing, so it counts however
    # long ago they were last seen): "sat in the car park confused,
    # doesnt know her own name"
    (
        "danger",
        _rx(
            r" (?:confused|wandering|lost|disoriented|disorientated)(?: \w+){0,8} (?:does not|"
            r"doesnt|can not|cannot|cant|could not|couldnt) (?:know|remember|tell (?:me|us)) "
            r"(?:her|his|their) (?:own )?(?:name|address|way home|where (?:she|he|they) lives?) "
        ),
    ),
    # a child taken by someone, within the hour or since this morning: "I think my 15 year old
    # has been taken by a man she met online, she left with him an hour ago"
    (
        "danger",
        _rx(
            r" (?:(?:my|our) (?:\d+ year old|(?:son|daughter|child|kid|boy|girl|grandson|"
            r"granddaughter|little one|nephew|niece|brother|sister|teenager|baby|toddler))|"
            r"(?:a|the) (?:child|kid|little (?:boy|girl)|baby|toddler))(?: \w+){0,3} "
            r"(?:has been|have been|was|got|been|is being) (?:taken|snatched|lured) "
            r"(?:away )?by (?:a|an|some|this|that|two|older|an older|a strange|someone|"
            r"somebody|strangers?|men|man) "
        ),
    ),
    # ... or gone off with someone met online: "she got in a car with a man she met online"
    (
        "danger",
        _rx(
            r" (?:got|get|gets|getting|went|gone|has gone) (?:in|into|off in|off with)"
            r"(?: \w+){0,3} (?:a |the |some |an older |this )?(?:man|guy|bloke|lad|boy|men|"
            r"someone|somebody|stranger|older \w+)(?: \w+){0,2} (?:she|he|they) (?:met|has "
            r"met|had met|was talking to|been talking to) (?:online|on (?:snapchat|snap|tiktok|"
            r"instagram|insta|discord|roblox|the internet|an app|a game)) "
        ),
    ),
    # a child of primary-school age not home when they should be: "my son is 10 and he has not
    # come home from school", "our 8 year old hasnt come back from the park"
    (
        "danger",
        _rx(
            r" (?:(?:my|our) (?:son|daughter|child|kid|boy|girl|grandson|granddaughter|"
            r"little one|nephew|niece|brother|sister)(?: \w+){0,4}|(?:my|our)) "
            r"(?:[1-9]|1[0-2])(?: (?:years?|yr|yrs)(?: old)?| yo)?(?: \w+){0,5} "
            r"(?:(?:has|have|is|are|still|did|does)? ?not|never) (?:come|came|got|arrived|"
            r"returned|coming) (?:home|back) "
        ),
    ),
    # ... told at length, with how they have looked: "my son he is 9 year, school say he leave
    # at 3 alone, now is half past 5, he not come home, his phone is off, we look every street"
    (
        "danger",
        _rx(
            r"^(?=.* (?:my|our) (?:son|daughter|child|kid|boy|girl|grandson|granddaughter|"
            r"little one|nephew|niece|brother|sister)(?: \w+){0,3} (?:[1-9]|1[0-2])"
            r"(?: (?:years?|yr|yrs)(?: old)?| yo)? )"
            r"(?=.*(?<! will)(?<! wont) (?:not|never) (?:come|came|got|returned) (?:home|back) )"
            r"(?=.* (?:(?:his|her|their) phone (?:is |s |goes |went )?(?:off|dead|straight to "
            r"voicemail)|(?:not|isnt|stopped) answering|we (?:have )?(?:look|looked|searched|"
            r"search) (?:in )?(?:every|all|everywhere)|(?:cant|cannot|can t) find (?:him|her|"
            r"them)) )"
        ),
    ),
    # ... with the age said after: "she went to school this morning and never came home, shes 9"
    (
        "danger",
        _rx(
            r" (?:my|our) (?:son|daughter|child|kid|boy|girl|grandson|granddaughter|little one|"
            r"nephew|niece|brother|sister)(?: \w+){0,10} (?:(?:has|have|is|are|still|did|does)? ?"
            r"not|never) (?:come|came|got|arrived|returned|coming) (?:home|back)(?: \w+){0,6} "
            r"(?:he is|she is|they are|who is|aged|age|is|and) (?:only |just )?(?:[1-9]|1[0-2])"
            r"(?: (?:years?|yr|yrs)(?: old)?| yo)? "
        ),
    ),
    # ... gone since, with the age said after: "my son has been gone since 8 this morning hes 11"
    (
        "danger",
        _rx(
            r" (?:my|our) (?:son|daughter|child|kid|boy|girl|grandson|granddaughter|little one|"
            r"nephew|niece|brother|sister)(?: \w+){0,3} (?:has been|have been|been) gone "
            r"(?:since|for)(?! (?:\w+ ){0,5}(?:trip|holiday|holidays|camp|residential|sleepover|"
            r"visit))(?: \w+){0,6} (?:he is|she is|hes|he s|shes|she s|they are|aged|age) "
            r"(?:only |just )?(?:[1-9]|1[0-2])(?: (?:years?|yr|yrs)(?: old)?| yo)? "
        ),
    ),
    # ... or said in other words: "my boy is 9, went out on his bike at 4 and its gone 8, not at
    # any of his mates houses"; a neighbour's child too ("our neighbour's girl is 9 and she's
    # been gone over an hour")
    (
        "danger",
        _rx(
            r" (?:my|our|(?:my|our|a|the) (?:neighbours?|friends?|sisters?|brothers?|cousins?)"
            r"(?: s)?) (?:(?:son|daughter|child|kid|boy|girl|lad|lass|grandson|granddaughter|"
            r"little one|nephew|niece|brother|sister) (?:is |who is |aged |age )?)?(?:[1-9]|1[0-2])"
            r"(?: (?:years?|yr|yrs)(?: old)?| yo)?(?: \w+){0,10} (?:not at any (?:of )?"
            r"(?:his |her |their )?(?:mates|friends)|nowhere to be (?:found|seen)|"
            r"(?:cant|can t|cannot|can not) find (?:him|her|them)|(?:no one|nobody|noone) knows "
            r"where (?:he|she|they) (?:is|are)|(?:it is|its|it s) (?:gone|past|now) "
            r"(?:\d+|midnight)|still not (?:back|home)|"
            r"should (?:have|of) been (?:home|back) (?:at|by|hours)|"
            r"(?:has been|have been|been) gone (?:since|for|over|more than|nearly|almost|about)"
            r"(?! (?:\w+ ){0,5}(?:trip|holiday|holidays|camp|residential|sleepover|visit|mates|"
            r"friends|nans|grans|party|practice|training|club))|"
            r"(?:now |and )?(?:she is|he is|they are) gone|now (?:she is|he is|they are) "
            r"(?:not|nowhere) (?:there|here|around|anywhere)|(?:the )?whole (?:road|street|estate|"
            r"park|house|block) (?:has been |is )?searched)"
        ),
    ),
    # a child gone to meet someone from online who cannot now be reached: "my daughter is 13
    # she went to meet a boy from snapchat 3 hours ago and now her phone goes to voicemail"
    (
        "danger",
        _rx(
            r" (?:my|our) (?:(?:son|daughter|child|kid|boy|girl|grandson|granddaughter|nephew|"
            r"niece|brother|sister) (?:is |who is |aged |age )?)?(?:1[0-5]|[1-9])(?: (?:years?|yr|"
            r"yrs)(?: old)?| yo)?(?: \w+){0,8} (?:went|gone|has gone|left|snuck out|sneaked out|"
            r"is meeting|was meeting|going) (?:out |off )?(?:to meet|meeting|to see)(?: \w+){1,4} "
            r"(?:from|off|on|via|through) (?:snapchat|snap|instagram|insta|tiktok|online|the "
            r"internet|discord|roblox|fortnite|a game|an app|whatsapp|facebook)(?: \w+){0,14} "
            r"(?:phone (?:is |goes |went |has gone |is going )?(?:off|dead|straight to "
            r"voicemail|to voicemail)|(?:not|isnt|wont|stopped) (?:answering|replying|"
            r"picking up)|no answer|(?:cant|can t|cannot) (?:reach|get hold of|contact) "
            r"(?:her|him|them)|"
            r"(?:not|never) (?:come|came) (?:home|back)|still not (?:home|back))"
        ),
    ),
    # someone shut in a room who has stopped answering, since earlier today or now: their life
    # may be at risk
    (
        "danger",
        _rx(
            r" (?:locked|shut|barricaded) (?:himself |herself |themselves |themself )?in "
            r"(?:the |her |his |their )?(?:bathroom|toilet|loo|room|bedroom|garage|shed|car)"
            r"(?: \w+){0,8} "
            r"(?:not|no longer|wont|won t|will not|isnt|is not|stopped) (?:answering|responding|"
            r"answer|respond|opening|open|replying|reply)"
        ),
    ),
    # someone who cannot look after themselves gone, in either order; not gone on other days
    # ("has wandered off twice now, is there a form you fill in ahead")
    (
        "danger",
        _rx(
            rf" {_VULNERABLE} (?:\w+ ){{0,8}}{_GONE}(?!{_TIMES_BEFORE}) | "
            rf"{_GONE}(?!{_TIMES_BEFORE}) (?:\w+ ){{0,8}}{_VULNERABLE} "
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:(?:my|our|a|the|his|her) (?:\d+ year old |little |young )?"
            r"(?:son|daughter|child|kid|baby|toddler|boy|girl|grandson|granddaughter|"
            r"little one|children|kids|nephew|niece|brother|sister|\w+ with dementia|"
            rf"{_KIN})|"
            r"\d+ year old) (?:is |are |has |has gone |have gone |gone |went |"
            r"just went |has just gone |has been |have been |is still |still |)missing"
            r"(?! (?:school|out|his|her|their|the|a|my|lessons|class|work|you|home)\b)"
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:my|our) (?:\d+ year old|" + _KIN[3:-1] + r")(?: (?!bike|phone|car|"
            r"wallet|bag|keys|cat|dog|purse|laptop|parcel|package|bicycle|van)\w+){0,6} "
            r"(?:has gone|have gone|went|has been|is|are|is still) missing"
            r"(?! (?:school|out|his|her|their|the|a|my|lessons|class|work|you|home)\b)"
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:my|our) (?:\d+ year old|(?:little |young )?(?:son|daughter|child|kid|"
            r"baby|toddler|boy|girl|grandson|granddaughter|little one|nan|grandad|"
            r"grandma|mum|dad)(?: \w+){0,4}) (?:has |have |just )?(?:wandered off|"
            r"wandered away|ran off|run off|disappeared|vanished) "
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:cannot|can not|could not) find (?:my|our) (?:(?:\d+|one|two|three|four|five) "
            r"(?:year|yr|years|yrs) old(?= )"
            r"(?! (?:son|daughter|child|kid|boy|girl|baby|toddler)s? )"
            r"|(?:\d+ (?:year|yr) old |little |"
            r"young )?(?:son|daughter|child|kid|kids|baby|toddler|boy|girl|grandson|"
            r"granddaughter|little one|children)) "
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:lost|lost sight of) (?:my|our) (?:(?:\d+|one|two|three|four|five) "
            r"(?:year|yr|years|yrs) old(?= )"
            r"(?! (?:son|daughter|child|kid|boy|girl|baby|toddler)s? )"
            r"|(?:\d+ (?:year|yr) old |little |young )?"
            r"(?:son|daughter|child|kid|kids|baby|toddler|boy|girl|little one|children))"
            # a child's thing lost, not the child: "lost my son's passport"
            rf"(?! to )(?!s? (?:{_CHILDS_THINGS}) )"
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:(?:my|our|a|the|his|her) (?:\d+ year old |little |young |teenage )?"
            r"(?:son|daughter|child|kid|boy|girl|grandson|granddaughter|teenager|teen)|"
            # "my 14 year old daughter not come home from school", as many residents write it
            r"\d+ year old) (?:has not|have not|did not|is not|not) (?:come|came|got|been) "
            r"(?:home|back)"
        ),
    ),
    (
        "danger",
        _rx(
            r" (?:my|our) (?:\d+ year old |little |young |teenage )?(?:son|daughter|"
            r"child|kid|boy|girl|teenager|grandson|granddaughter) (?:has )?(?:run|ran) "
            r"away "
        ),
    ),
)

# A crash is an emergency when someone is hurt (or it is plainly happening now).
_CRASH = _rx(
    r" (?:crash|crashed|collision|accident|pile up|hit and run|run over|ran over|"
    # a vehicle that struck someone: "the van hit a woman on the crossing"
    r"(?:car|van|lorry|bus|truck|driver|motorbike|moped|taxi|cab)(?: \w+){0,2} (?:has |just )?"
    r"(?:hit|ploughed into|smashed into|mowed down)|"
    r"knocked (?:down|over|off)|hit by (?:a|the) (?:car|bus|van|lorry|truck|vehicle|"
    r"motorbike|moped|bike|taxi|train)|car flipped|overturned|(?:car|van|vehicle|lorry) "
    r"(?:\w+ )?(?:on (?:its|it is|it s) (?:roof|side)|upside down)|came off (?:his|her|"
    r"their) (?:bike|motorbike|moped)|mounted the pavement|went under (?:a|the) (?:lorry|bus|"
    r"car|van|truck|train|tram))(?= )(?! course)"  # whole words: not "knocked offering"
)
# Hurt, injured, not said to be denied: not "nobody hurt", "no one was injured", "no injuries".
_UNDENIED = (
    r"(?<!nobody )(?<!no one )(?<!noone )(?<!not )(?<!no )(?<!nobody was )(?<!no one was )"
    r"(?<!noone was )(?<!nobody got )(?<!no one got )(?<!nobody is )(?<!no one is )"
    r"(?<!wasnt )(?<!werent )(?<!isnt )(?<!arent )"
)
_INJURY = _rx(
    # people struck: "a car has mounted the pavement outside the school and hit some kids"
    r" (?:(?:hit|hitting|ran over|run over|knocked down|mowed down|ploughed into|smashed into) "
    r"(?:some |a |an |two |three |a few |several |the |loads of )?(?:\w+ )?(?:kids|children|child|"
    r"kid|people|pedestrians|person|woman|man|boy|girl|lady|someone|somebody|cyclist|pupils)|"
    rf"{_UNDENIED}(?:hurt|injured|injury|injuries)|"
    r"unconscious|not breathing|bleeding|blood|"
    r"dead|dying|trapped|not moving|cannot move|can not move|badly|seriously|"
    r"ambulance|screaming|lying in the road|on the ground|broken (?:leg|arm|neck)|"
    r"unresponsive|on fire|smoke|"
    # someone still in a vehicle on its roof: "car on its roof in the ditch, someone still inside"
    r"(?:someone|somebody|people|driver|passengers?|a man|a woman|kids) (?:is |are )?still "
    r"(?:inside|in it|in there|in the car)) "
)

# Weak rules: a danger term that needs a now-signal in the same clause.
_WEAK: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("weapon", _rx(rf" {_WEAPON}{_NOT_WEAPON_NOUN} ")),
    (
        "weapon",
        _rx(
            # "he waved a hammer at me", "in my room right now with a claw hammer"
            r" (?:with|holding|waving|waved|carrying|brandishing|brandished|swinging|swung)"
            rf"{_DET} (?:claw |lump |sledge |meat |kitchen |hunting |samurai )?{_WEAPON_FRAME}"
            rf"{_NOT_WEAPON_NOUN} "
        ),
    ),
    (
        "break-in-now",
        _rx(
            r" (?:burglar|burglars|robber|robbers|thief|thieves|intruder|"
            r"intruders|broke in|broken in|being stolen|stealing|being robbed|getting robbed|"
            r"being burgled|getting burgled|"
            r"nicking|robbing|shoplifting|smashing(?! (?:bottles|bottle|glass|glasses|cans))|"
            r"vandalising|breaking into|"
            r"broke into|broken into)"
            r"(?! alarm)(?= )"
        ),
    ),
    # "break in", not one someone did, dealt with or came after: "know who did the break ins on
    # our road", "how the officers handled the break in at my shop"
    (
        "break-in-now",
        _rx(
            r"(?<! did the)(?<! done the)(?<! did those)(?<! of the)(?<! handled the)"
            r"(?<! after the)(?<! since the)(?<! about the)(?<! spate of)(?<! lot of)"
            r"(?<! series of)(?<! reports of)(?<! number of)(?<! wave of)(?<! rash of)"
            r" break in(?! alarm)(?= )"
        ),
    ),
    (
        "followed",
        _rx(
            # not the preposition: "following several burglaries on our road"
            r" (?:followed|following(?! (?:up|the|rules|guidance|advice|on|you|several|a few|"
            r"recent|numerous|multiple|reports|news|these|those|last|a spate|a series|a number) )|"
            r"stalked|stalking|stalker|chased|chasing) "
        ),
    ),
    ("fire", _rx(rf" (?:fire|flames|blaze|alight)\b{_FIRE_NOUN_NOT}")),  # not "fireworks"
    # someone there now with a weapon: "they have just come back in, one has a hammer"
    (
        "weapon",
        _rx(
            rf" (?:one|he|she|they|someone) (?:has|have|has got|have got|got) (?:a|an) "
            rf"{_WEAPON_FRAME}{_NOT_WEAPON_NOUN} "
        ),
    ),
    # a door being kicked in: "my ex is outside my door kicking it"
    (
        "break-in-now",
        _rx(
            r" (?:is |s |are )?(?:kicking|booting|battering|ramming|shoulder barging) (?:in )?"
            r"(?:it|(?:the|my|our|her|his) (?:door|front door|back door|window|gate))"
            r"(?: in| down)? "
        ),
    ),
    (
        "crash-injury",
        _rx(
            r" (?:crash|collision|(?<! by )accident|pile up|hit and run|run over|ran over|"
            r"knocked (?:down|over|off)|hit by (?:a|the) (?:car|bus|van|lorry|"
            r"truck|vehicle|motorbike|moped|bike|taxi|train))(?= )(?! course)"
        ),
    ),
    (
        "violence-now",
        _rx(
            rf" (?:{_FIGHT}(?! (?:against|for|crime|club|night|back|fit))|"
            r"fighting(?! (?:crime|for|against|over|back|fit))|brawling|"
            r"stabbed|attacked|beaten|assaulted|assaulting|mugged|mugging|"
            r"punching|beating|kicking off|kicked off|violence|violent|domestic|"
            r"punched (?:me|him|her|us)|"
            r"shots|shot at|gunshot|throwing (?:stones|rocks|bricks|bottles|"
            r"things|eggs|fireworks))(?: |$)"
        ),
    ),
    (
        "medical",
        _rx(
            r" (?:bleeding|seizure|passed out|fainted|"
            rf"{_UNDENIED}(?:injured|hurt)) "
        ),
    ),
    # children lured to a stranger's car: "a man keeps calling the year 7s over to his van"
    (
        "danger",
        _rx(
            r" (?:(?:calling|waving|beckoning|luring|trying to (?:get|lure|coax|entice)) "
            r"(?:the |some |two |a |young |little |school )?(?:kids|children|child|kid|girls|"
            r"boys|girl|boy|pupils|schoolkids|year \d+s?)(?: \w+){0,3} (?:over|into|in|to come)|"
            r"offering (?:sweets|money|cash|a lift|lifts|vapes) to (?:the |some |two |a |young |"
            r"little |school )?(?:kids|children|child|kid|girls|boys|girl|boy|pupils|schoolkids)) "
        ),
    ),
    (
        "sexual-offence",
        _rx(
            r" (?:flasher|flashers|(?:exposed|exposing|indecently exposed|"
            r"indecently exposing) (?:himself|herself|themselves)|groped|groping|"
            r"touching (?:himself|herself|themselves)|masturbating|wanking) "
        ),
    ),
    (
        "danger",
        _rx(
            # not "she is not in danger", "out of danger", "not threatening or anything", nor
            # a learner's "in my country police are danger" (dangerous)
            r" (?:(?<! not )(?<! never )(?<! nothing )threatening|(?<!not in )(?<!not in any )"
            r"(?<! no )(?<!out of )(?<!police are )(?<!police is )danger|"
            # not a craving: "i could murder a curry right now"
            r"(?:kill|murder)(?! (?:a|an|for a|some) (?:curry|pint|drink|burger|kebab|pizza|coffee|"
            r"tea|beer|cuppa|takeaway|chippy|sandwich|chocolate|biryani|nap|sleep|holiday))|"
            r"kidnap|kidnapping|abduction|lost child|suicide) "
        ),
    ),
)

# Vetoes. A *frame* ("how do i", "what if", "tips") vetoes a danger named after it in the same
# clause; a *topic* ("stats", "film", "online", "course") vetoes the whole clause; _PAST vetoes the
# whole message.
_HYPO_FRAME = _rx(
    r" (?:how do i|how do you|how do we|how can i|how can you|how can we|how to|how should i|"
    r"how would|how does|how do (?:thieves|burglars|robbers|criminals|crooks|scammers|they|"
    r"people)|what should i do if|what should you do if|what should we do if|"
    r"what to do if|what to do when|what do i do if|what do you do if|what do i do when|"
    r"what do you do when|what would|what if|what happens if|what happens when|in case|"
    # not a threat's condition: "if i don't have 2k cash when they come back they'll burn the
    # place with me in it"
    r"if someone|if somebody|if anyone|if i am|"
    r"if i(?! (?:do not|dont|don t|cannot|cant|can not|wont|will not) (?:pay|have|give|hand|get|"
    r"bring|find))|if a|if an|if you|if my|if there|if they|"
    # without the article, as many residents write: "if thief come in my house"
    r"if (?:thief|thieves|burglar|burglars|robber|robbers|intruder|intruders|man|men|woman|"
    r"people|police|kids|child|children|stranger|strangers|fight|fights|fighting|trouble)|"
    r"if he|if she|if his|if her|if their|when someone|when somebody|when you|supposing|suppose|"
    r"hypothetically|"
    # supposed formally: "should anyone break in during the night, may i use it"
    r"should (?:anyone|anybody|a burglar|burglars|an intruder|intruders|a thief|thieves)|"
    r"should (?:they|we|i|you|one|residents|people|staff) (?:ever )?(?:encounter|see|come across|"
    r"meet|find|witness)|what procedure|"
    # supposed without a subject: "riders should call 999 if hit by a car"
    r"if (?:hit|knocked|run over|injured|hurt|attacked|robbed|mugged|stabbed|bitten|followed|"
    r"threatened)|"
    r"were (?:anyone|anybody|someone|somebody|a burglar|an intruder) to|in the event (?:of|that)|"
    # what officials ever do, asked in general: "would the police ever send a courier to
    # collect my bank card"
    r"(?:would|do|does|will|can) (?:the |a |an |my |your |real )?(?:police|officers?|police "
    r"officers?|detectives?|banks?|bank staff|hmrc|council|courts?) (?:ever|really|actually|"
    r"normally|usually|ordinarily)|"
    # what a behaviour counts as, asked at the clause's start: "is shouting and threatening me
    # domestic abuse", not "is he shouting"
    r"(?<=^ )is(?= (?!(?:he|she|they|someone|somebody|there|it|that|this|my|our|his|her|their|"
    r"a|an|the|your) )(?:\w+ ){1,8}(?:domestic abuse|abuse|abusive|harassment|stalking|"
    r"coercive control|controlling behaviour|a hate crime|hate crime|assault|common assault)"
    r"(?: (?:or not|too|then|as well))? $)|"
    r"imagine|tips|tip|advice|advise|guidance|guide|is it safe|safe to|when should i|"
    r"what is|what are|what counts as|is it a crime|is that a crime|is \w+ a crime|a crime|"
    r"is it (?:an? )?(?:offence|offences|offense|illegal|against the law)|is (?:that|this) "
    r"(?:an? )?(?:offence|offense|illegal)|"
    r"signs|signs of|sign of|symptoms|"
    r"should i call|should i ring|what number|which number|do i call|do i ring|number to call|"
    r"is it true|is that true|anyone know|does anyone|is there a|are there any|why do|why are|"
    r"why is|what happened|explain|understand|meaning of|definition|define|scared of|"
    r"afraid of|worried about|worried that|worried my|fear of|frightened of|nervous about|"
    r"concerned about|worry about) "
)
_HOWTO_FRAME = _rx(r" (?:how do i|how do we|how can i|how can we|how should i) ")
# Frames that ask without supposing ("if", "when", "in case" and fears suppose), and a clause
# with its own subject and verb told after one.
_ASKING_FRAME = _rx(
    r" (?:how do i|how do we|how can i|how can we|how should i|tips|tip|advice|advise|guidance|"
    r"guide|is it safe|safe to|what is|what are|should i call|should i ring|what number|"
    r"which number|do i call|do i ring|number to call|anyone know|does anyone|what happened|"
    r"explain|understand) "
)
_SUPPOSING_WORD = _rx(r" (?:if|when|whenever|in case|suppose|supposing|imagine) ")
_NEW_CLAUSE = _rx(
    r" (?:someone|somebody|there|he|she|they|my \w+|our \w+|his \w+|her \w+|a man|a woman|"
    r"some \w+|people|men|i|we) (?:\w+ )?(?:is|are|am|has|have|keeps|keep) "
)
# After "how do i ...", a new clause with its own subject is a real situation ("how do i get out
# someone is in my house"), unless the words before it make it the object of the question.
_SUBJECT_START = _rx(
    r" (?:someone|somebody|there|he|she|they|a|an|my|our|his|her|people|men|"
    r"i|we|burglars|intruders?) "
)
_OBJECT_LINK = frozenset(
    "if when whether who that with about from against for stop of on to deter catch handle "
    "spot tell know avoid report help protect recognise recognize".split()
)
_HYPO_TOPIC = _rx(
    r" (?:prevent|prevention|preventing|protect|protecting|deter|deterrent|stop burglars|course|"
    r"courses|training|workshop|lessons|awareness|stats|statistics|figures|data|numbers|"
    r"theory test|driving test|exam|quiz|homework|revision|"
    # a lesson taught, not a threat's idiom: "says he's going to teach me a lesson"
    r"(?<!teach me a )(?<!teach him a )(?<!teach her a )(?<!teach you a )(?<!teach them a )"
    r"(?<!teach us a )(?<!learn my )(?<!learn your )(?<!learn her )(?<!learn his )lesson|"
    r"rate|rates|trend|trends|how many|how much|how often|"
    # (not eyes rolling: "shaking all over and her eyes go up")
    r"(?<!eyes )(?<!eye )(?:going up|go up|gone up)(?! (?:the )?(?:stairs|stairwell|staircase|"
    r"walls?|curtains|"
    r"ceiling|scaffold|scaffolding|ladder|drainpipe|roof))|rising|"
    r"increase|increasing|decrease|film|movie|tv show|series|episode|video game|novel|"
    # not a post to followers: "posted a pic of my front door on his story"
    r"(?<!snap )(?<!snapchat )(?<!insta )(?<!instagram )(?<!whatsapp )(?<!facebook )(?<!fb )"
    r"(?<!on his )(?<!on her )(?<!on their )(?<!on my )story|"
    r"song|lyrics|news|article|podcast|documentary|joke|rumour|rumours|heard that|petition|"
    r"campaign|amnesty|sentence|illegal|legal|the law|penalty|instagram|twitter|tiktok|"
    r"facebook|snapchat|online|social media|youtube|whatsapp|fortnite|minecraft|roblox|"
    r"netflix|in my game|in the game|my character|police and robbers|cowboys and indians|"
    r"crime map|police plan|strategy|generally|in general|commonly|"
    # not the usual set against now: "he has epilepsy but usually stops after 2 (minutes)"
    r"usually(?! (?:stops|stop|lasts|is over|passes|goes|calms|settles|wears off|comes round|"
    r"comes to|is fine|is ok|only lasts))|"
    # "how common is it", but not a place: "swinging an axe on harrow weald common"
    r"(?:how|so|very|more|less|most|quite|really|is it|it is|that) common|"
    r"common (?:for|in|round|around|these days|now)) "
)
# Habits date a message too, but what follows one is part of it (_HABIT_DATE, below).
_HABITS = (
    # not thanks: "thanks for always being nice to me"
    r"every night|most nights|(?<! who )(?<! that )(?<! for )always|"
    # "threatens to kill me every time i walk past (by barking)"
    r"every time (?:i|we|she|he|they|you) (?:walk|go|pass|come|see|leave)|"
    r"all the time|every day|every week|every weekend|regularly|constantly|sometimes|"
    r"every (?:evening|morning|afternoon)|most (?:evenings|mornings|days|weekends|weeks)|"
    r"each (?:night|evening)|"
    r"in the (?:evenings|mornings|afternoons)|(?:at|on) (?:the )?weekends|"
    # a standing lack of patrols: "after 6pm we never see police, drunk people fighting"
    r"(?:we|i|you) (?:never|hardly ever|rarely|barely) see (?:any |the |a )?(?:police|"
    r"officers?|coppers|pcsos?|patrols?)|"
    # what happens at closing time, night after night: "when the bars kick out at 1, theres fights"
    r"(?:when|after|once) the (?:bars|pubs|clubs) (?:kick|chuck|empty|let|turn|throw) out|"
    r"(?:chucking|kicking) out time|closing time every|"
    r"the (?:bars|pubs|clubs) (?:kick|chuck|empty|let|turn|throw) out at"
)
# Seen on a recording, which tells of what has happened (if only minutes ago): "my ring camera
# caught someone trying my car door handles at 3am"
_RECORDED = (
    r"(?:camera|cam|cctv|doorbell|ring|dashcam|footage|video)(?: (?!just )\w+){0,2} (?:caught|"
    r"recorded|filmed|picked up|showed|shows|shown)(?!(?: \w+){0,8} just now )"
)
_PAST = _rx(
    # not one's last ("he said tonight is my last night", "this is your last day")
    r" (?:(?<! my )(?<! your )(?<! his )(?<! her )(?<! our )(?<! their )(?<! is the )"
    r"(?<! be the )"
    r"last (?:week|month|year|nights?|evening|afternoon|weekend|time|term|semester|summer|"
    r"winter|"
    r"spring|autumn|"
    r"christmas|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|"
    r"(?<!minutes )(?<!minute )(?<!mins )(?<! min )(?<!seconds )(?<!secs )ago|earlier|"
    r"previously|the other day|(?:\d+|two|three|four|five|six|ten|many|few|some) (?:years|months|"
    r"weeks) back|"
    # "back in 2019", not "he is back in the garden now"
    r"the other night|in (?:19|20)\d\d|back in(?= (?:(?:19|20)\d\d|january|february|march|april|"
    r"may|june|july|august|september|october|november|december|the day|the summer|the winter|"
    r"the spring|the autumn|those days|my day|school|uni|college))|used to|a while back|"
    # a month named ("assaulted outside a club in january"); "in may" is also "let him in may i"
    r"(?:in|last|since) (?:january|february|march|april|june|july|august|september|october|"
    r"november|december)|in may(?= (?:and|but|so|it|he|she|they|i|we|,|\.))|"
    # a crime not reported is over: "was assaulted ... and never reported it"
    r"never (?:reported|told (?:the )?police)|(?:didnt|did not) report|"
    r"(?:at|over) (?:christmas|new year|easter|eid|diwali)|"
    r"while (?:i|we) (?:was|were) (?:away|out|on holiday)|overnight|this morning|"
    r"over the weekend|at the weekend|on the weekend|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    # "there was a fire in the flats opposite this afternoon", "before, the men in my room was
    # taking my food" (not "before you answer")
    r"this afternoon|(?<=^ )before(?! (?:you|u|i|we|anything|that|this|answering|replying) )|"
    r"before (?:the|my|he|she|they|we|i) (?:\w+ ){1,14}now (?:i|we|he|she|they|it|is|everything) "
    r"(?:\w+ ){0,4}(?:fine|ok|okay|safe|better|change|changed|moved)|"
    # "tuesday evening on kenton road i think i saw...", "spiked at a club saturday ... its
    # wednesday now", "two houses broken into this year"
    # (not a habit: "on a tuesday afternoon there's 3 of you chatting", "every friday night")
    r"(?<! a )(?<!every )(?<!on )(?:mon|tues|wednes|thurs|fri|satur|sun)day (?:morning|afternoon|"
    r"evening|night|just gone)|"
    r"(?:it is|its) (?:now )?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?: now)?|"
    # a call made and nobody sent: "called about a fight outside my house, nobody turned up"
    r"(?:nobody|no one|noone|no officers?|no police) (?:ever )?(?:turned up|came|showed up|came "
    r"out|attended)|(?:police|officers|they) never (?:turned up|came|showed up)|"
    # dated by the teller afterwards: "this was friday", "nothing on the news about it"
    r"(?:this|that|it) (?:was|happened)(?: on| last)? (?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"nothing (?:on|in) the (?:news|papers)|(?:was|wasnt|was not) (?:on|in) the (?:news|papers)|"
    r"(?:earlier )?this (?:year|month)|"
    # "on holiday" dates a story ("burgled while on holiday"), not "they are away on holiday"
    r"(?<!are away )(?<!is away )(?<!re away )(?<!s away )(?<! is )(?<! are )on holiday|lately|"
    r"recently|these days|"
    rf"{_HABITS}|"
    r"in the (?:summer|spring|autumn|winter|holidays|summer holidays)|"
    # a pattern over weeks ("been following me home for months"), not days (a person missing)
    r"for (?:weeks|months|years|ages|(?:a few|two|three|four|five|six|several|many|\d+) "
    r"(?:weeks|months|years))|"
    # times counted over days: "tried my car door at 3am, two times this week already"
    r"(?:(?:twice|(?:two|three|four|five|several|a few|a couple of|\d+) times)|(?:the )?"
    r"(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time) (?:this|last|in the last|in the "
    r"past|in a|since) (?:week|fortnight|month|year|few weeks|summer|christmas|xmas|easter|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)|"
    r"(?:on|over) (?:different|separate) days|"
    rf"{_RECORDED}) "
)
# Only recently past: a missing person may still be missing.
_PAST_RECENT = _rx(
    rf" (?:last nights?|yesterday|earlier|earlier today|overnight|this morning|this afternoon|"
    r"half an hour ago|"
    r"a (?:little )?bit ago|a little while ago|not long ago|a moment ago|"
    rf"{_RECORDED}|"
    r"(?:an|one|two|three|four|five|six|a few|\d+) hours? ago) "
)
_CLAUSE_OVERRIDE = _rx(
    rf" (?:right now|as we speak|{_HAPPENING_NOW}|at the moment|this minute|this second|currently|"
    r"as i (?:type|write)(?: this)?|at this (?:very )?(?:moment|minute)|"
    r"still here|still there|still outside|still inside|hurry|"
    rf"come quick|{_ASAP}|immediately|"
    rf"urgently|send help(?! {_JOKE} )) "
)
_MESSAGE_OVERRIDE = _rx(
    r" (?:(?<! ok )(?<! okay )(?<! fine )(?<! safe )(?<! alright )(?<! not there )"
    r"(?<! not here )(?<! not around )right now|as we speak|"
    rf"{_HAPPENING_NOW}|at the moment|currently|"
    r"(?:as|while) i (?:am )?(?:type|write|typing|writing)(?: this)?|at this (?:very )?(?:moment|"
    r"minute)|"
    # back, told now: "the man who attack me last week is at my door again now"
    r"(?<! years )(?<! months )(?<! weeks )(?<! friends )again now|"
    r"still here|still there|still outside|still inside|still in|"
    r"still upstairs|still downstairs|out there now|"
    # not "he is not here now", which says the opposite
    # nor "a heart attack 2 years back now fine"
    # nor "collapsed two month back, now he is okay", as many residents write the unit
    r"(?<! not )(?<! nobody )(?<! no one )(?<! years )(?<! months )(?<! weeks )(?<! year )"
    r"(?<! month )(?<! week )(?<! day )(?<! days )(?:back now|here now)|"
    # not "she is now seeing her gp" or "he is now in hospital"
    r"outside now|(?:is|are) now(?! (?:seeing|getting|receiving|in (?:hospital|care|treatment)|"
    r"under|fine|ok|okay|safe|better|home|back home|doing|staying|living|with|a bit|"
    # a fear left behind: "she is now scared to walk home"
    r"(?:too )?(?:scared|afraid|frightened|terrified|worried|nervous|anxious)))|"
    rf"hurry|{_QUICK}|"
    # "is still" carries a past danger into the present only with a place or a state of danger:
    # not "the dealer is still selling" or "there is still needles in the stairwell"
    # (an institution is not: "the insurance is still fighting it")
    r"(?<!insurance )(?<!insurer )(?<!insurers )(?<!council )(?<!bank )(?<!company )"
    r"(?<!claim )(?<!case )(?:is|are) still (?:at|on|around|about|nearby|near|hiding|waiting|"
    r"lurking|hanging|stood|sat|"
    r"standing|sitting|following|chasing|missing|not|unconscious|bleeding|trapped|stuck|armed|"
    r"shouting|screaming|threatening|hitting|attacking|fighting|burning|on fire|smoking|"
    r"locked|gone|out|asleep|unresponsive|coming|driving|riding|running|here|there|inside|in)|"
    # (not an end told: "it was broken up quickly and they went home")
    r"(?<! up )(?<! over )(?<! ended )(?<! stopped )(?<! sorted )(?<! calmed down )quickly|"
    rf"{_ASAP}|immediately|urgently|send help(?! {_JOKE} )) "
)
# A story dated before today ("few months back", "earlier this year", "last week"): stricter than
# _PAST, which also reads habit ("always") and the recent past ("this morning") as past. The
# emergency net asks this; the rules have their own past veto.
_OLDER = _rx(
    r" (?:last (?:week|month|year|weekend|term|summer|winter|spring|autumn|christmas|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?:\d+|a|an|one|two|three|four|five|six|few|a few|couple of|a couple of|several|some|"
    r"many) (?:days?|weeks?|months?|years?) (?:ago|back|before)|years ago|months ago|"
    r"earlier (?:this|in the) (?:week|month|year)|in (?:19|20)\d\d|"
    r"back in (?:(?:19|20)\d\d|january|february|march|april|may|june|july|august|september|"
    r"october|november|december|the (?:day|summer|winter|spring|autumn))|"
    r"when i was (?:a kid|young|little|younger|at school)|as a (?:kid|child|teenager)|"
    # a day of this week or last, named: "he grabbed her by the throat on sunday night"
    r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?<!since )yesterday) "
)
# ...and what carries such a story into the present: "it started yesterday and now he's back".
_TODAY = _rx(r" (?:now|today|tonight|this evening|still) ")
# A feeling that stays is not the scene carried into the present: "yesterday a man hit the bus
# window, police took him away. i am still a bit scared to take this bus"
_STILL_FELT = _rx(
    r" still (?:a |so |very |quite |really )?(?:little |bit |a bit )*(?:scared|shaken|shaky|upset|"
    r"worried|nervous|afraid|frightened|anxious|traumatised|traumatized|angry|annoyed|"
    r"in shock) "
)
# For the rules, tonight carries a story told over weeks into the present: "been saving my meds
# for weeks and tonights the night", "threatening me for months and tonight he is at my door".
# Not "... months ago, tonight im fitting new locks": tonight must bring someone back, or be "the
# night".
_CARRIED = _rx(
    r" (?:tonight|this evening) (?:he|she|they|someone|somebody|there|is the night|s the night)"
    r" | tonights the night | (?:but )?tonight (?:is|its|it is) different |"
    # round again: "last time one of them held something out of the window ... theyve gone round
    # the block again"
    r" (?:they|he|she) (?:have|has|ve|s|are|is|re) (?:just )?(?:gone|come|driven|going|coming|"
    r"driving) (?:round|past|by|back)(?: \w+){0,3} again "
)
# A clause told in the present tense, and one told in the past or dated, for a message that
# dates something: only a clause of the first kind, with no date of its own, can be danger now.
_TOLD_NOW = _rx(
    r" (?:is|are|am|is not|are not|isnt|arent|there is|there are|theres|cannot|cant|will not|"
    r"wont|(?:has|have) been \w+ing|(?:has|have) (?:just )?(?:taken|swallowed|got|gone (?:limp|"
    r"floppy|blue|grey|white|"
    r"cold|quiet|still|unconscious))|(?:has|have) (?:a|an)|can (?:hear|see|"
    r"smell)) "
)
_TOLD_PAST = _rx(r" (?:was|were|had|did|did not|didnt|happened) ")
_MINUTES_AGO = _rx(
    r" (?:(?:a few|a couple of|couple of|\d+|one|two|three|four|five|ten|fifteen) (?:minutes|mins|"
    r"min|seconds|secs) ago|a minute ago|seconds ago|just now) "
)
_NOW_WORD = _rx(r" (?:now|today|tonight) ")
# Done a moment ago, so told of now: "the guy from the flat above has just come down and punched
# through my door"
_JUST_DONE = _rx(r" (?:has|have|s|ve) just (?!been )\w+")
# The habits among the dates: "every night", "always", "when the bars kick out"
_HABIT_DATE = re.compile(rf" (?:{_HABITS})(?= )")
# Dates and habits that are not when the scene happened, taken out before the message is dated:
# "since this morning" is a time up to now ("he hasnt woken up since this morning")
_OTHER_DATES = re.compile(
    r" since (?:this morning|last night|yesterday|earlier(?: today)?|lunch(?:time)?|breakfast)"
    r"(?= )|"
    # a message or a person referred back to: "going back to my earlier question about the bins",
    # "the two lads from earlier are back"
    r" (?:(?:my|the|your|our) )?earlier (?:question|message|messages|msg|text|chat|post|email|"
    r"query|enquiry)(?= )| from earlier(?= )|"
    # "so earlier i asked about reporting noise but now theyre screaming fire"
    r" earlier i (?:asked|messaged|wrote|said)(?= )| i (?:asked|messaged) (?:you )?earlier(?= )|"
    # a service described: "a number to talk to that isnt always busy"
    r" (?:is|isnt|is not|are|arent|are not) always (?:busy|engaged|full|closed|open)(?= )|"
    # today named: "no builders, its sunday"
    r" (?:it is|its|today is) (?:a )?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)(?= )(?! now)|"
    # an earlier time the resident asked for help: "you just want me to fill in a form like last
    # time"
    r" (?:like|same as|as) (?:the )?last time(?= )|"
    # a habit that says who someone is, not when it happened: "the elderly lady who comes to
    # the temple every morning is sat in the car park confused"
    r" who (?:\w+ ){1,6}every (?:morning|day|evening|week|sunday|saturday|friday)(?= )|"
    # when the resident met someone, not when what they tell happened: "why is a guy i matched
    # with 3 weeks ago standing outside my work"
    r" (?:i|we|she|he) (?:matched|met|dated|went out|split up|broke up|used to go out)"
    r"(?: with)?(?: \w+){0,3} (?:\d+|a|an|two|three|four|five|six|a few|few|a couple of|couple "
    r"of) (?:days?|weeks?|months?|years?) ago(?= )"
)
# "... yesterday and today they are back": what follows is told of today
_NOW_BREAK = re.compile(r" (?:and|but|so|then) (?=(?:now|today|tonight) )")
_AFTERMATH = _rx(r" (?:still|going to|gonna|will|might|could|would) ")
# The danger is over: a weak signal alone no longer counts ("the man with the knife has gone").
_OVER = _rx(
    r" (?:has|have|is|are|it is|its) (?:gone|left|over|finished|stopped|fine|safe|ok|"
    r"okay|all good|sorted)(?: now)? "
)
# Told in so many words that nothing is happening now: "not now but it happens often", "it is
# not happening now", or a story that ends "he is ok now". Unless the message also carries the
# danger into the present ("... but he is still outside") or pleads for help now, the rules give
# no 999, and the net needs to be near certain. Not "nobody is in danger" or "I am not in
# danger": told beside a scene ("... nobody is in danger in my house but please come"), someone
# else may be.
# What a noise or a knock turned out to be: "just the tesco delivery", "its pigeons"
_HARMLESS = (
    r"(?:delivery|delivery driver|postman|postie|courier|neighbours?|cat|dog|fox|foxes|wind|tv|"
    r"radio|pigeons|birds|squirrels|rats|mice|pipes|boiler)"
)
_SAFE_NOW = _rx(
    r" (?:(?:it is|its) not happening (?:right )?now|"
    # grown since, and well: "an allergic reaction to peanuts when he was 2, he's 8 now and fine"
    r"(?:(?:he is|she is|they are) (?:\d+|a teenager|grown up|an adult) now|now (?:he is|she is|"
    r"they are) (?:\d+|a teenager|grown up|an adult)) and (?:fine|ok|okay|well|healthy|doing "
    r"well|absolutely fine|totally fine)|"
    # a drama on television: "watching line of duty and theyve got a hostage in a car park"
    r"watching (?:line of duty|casualty|eastenders|coronation street|corrie|emmerdale|hollyoaks|"
    r"the bill|happy valley|top boy|luther|bodyguard|vigil|crimewatch|police interceptors|"
    r"traffic cops|24 hours in police custody)|"
    # found to be fake: "someone got stabbed at the station but turns out it was fake"
    r"turn(?:s|ed) out (?:it was|it is|its|it s) (?:fake|a hoax|a prank|not real|made up)|"
    # dealt with by the school: "school have already called both parents in, boy excluded"
    r"(?:has been|was|got|is|been) excluded|school (?:have|has) already|"
    # a rumour said to be one: "a gang with knives going round the school? my mum says its just
    # rumours"
    r"(?:it is|its|that is|thats) (?:just|only) (?:a )?rumou?rs?|"
    # a threat over food: "im going to kill my brother, he ate my leftover curry again"
    rf"(?:kill|murder) (?:me|him|her|you|my {_KIN})(?: \w+){{0,6}} (?:(?:ate|eaten|eating) (?:my|"
    r"his|her|the|all|our)|(?:finished|finishing|drank|drinking|had|having) (?:my|his|her|the|all|"
    r"our) (?:\w+ ){0,2}(?:food|curry|"
    r"leftovers|pizza|dinner|lunch|chocolate|sweets|crisps|snacks|chips|biscuits|cake|cereal|milk|"
    r"drink|takeaway))|"
    # a fire out, everyone safe: "the fire brigade put it out and everyone got out safe"
    r"(?:put it out|put the fire out|have put it out)(?: \w+){0,4} everyone (?:got out|is|was) "
    r"(?:safe|ok|fine)|"
    # a bonfire's smoke asked about: "neighbours having a massive bonfire, smoke is coming in our
    # windows, is that allowed"; the meme "me watching line of duty: someone call 999"
    r"bonfire(?: \w+){0,16} (?:is that|is it|are they) (?:allowed|legal)|(?<=^ )me watching|"
    # taken away by police: "a lad had a knife at school today, police came and took him away"
    r"police (?:came|have come|arrived|turned up) and (?:took|arrested|caught|removed|have taken|"
    r"taken) (?:him|her|them|the \w+)|"
    # a child taught when to call, a number asked with no fire now, a study: "teaching my 6 year
    # old when to ring 999", "now no fire, only i want to know", "for my dissertation"
    r"(?:teaching|teach|explaining|explain|showing|show)(?: \w+){0,4} (?:when|how) to (?:ring|"
    r"call|dial|phone) 999|now no (?:fire|danger|emergency)|no (?:fire|danger|"
    r"emergency) (?:right )?"
    r"now|for my (?:dissertation|essay|coursework|assignment|thesis|project|studies)|asking "
    r"academically|"
    # all right after the scare: "my mate fell in the pond, hes fine just soaked"
    r"(?:he is|she is|they are|hes|shes) (?:totally |completely )?(?:fine|ok|okay|alright) just "
    r"(?:soaked|wet|embarrassed|shaken|cold|muddy|a bit \w+)|"
    # what a noise turned out to be: "i creep down with a rolling pin and its the cat", "then
    # realised its the new couples baby"
    rf"(?:and )?(?:it was|it is|its|it s) (?:only |just )?(?:the|our|my) (?:\w+ )?{_HARMLESS}"
    r"(?!.* (?:but|still|now|actually|again) )|(?:realised|realized|turned out|turns out) "
    r"(?:it was|it is|its|it s|that it was) (?:just |only )?(?:the|a|our|their|my) |"
    # asked to be ready: "what should i do if i find someone unconscious? want to be prepared",
    # "now he is fine, sleeping"
    r"(?:want|wanted|like) to be (?:prepared|ready)|now (?:he|she|they) (?:is|are) (?:fine|ok|"
    r"okay|alright|well) |"
    # a phrase, not an intent: "keeps saying im gonna kill myself whenever he loses at fifa, its
    # just a phrase with him"
    r"(?:just|only) a (?:phrase|saying|figure of speech|expression)|"
    # all right now, said so: "shes ok right now watching telly"; a fear the illness makes:
    # "a man lives in his loft and is going to kill him. theres no one, its the dementia"
    r"(?:he is|she is|they are|i am|we are) (?:ok|okay|fine|safe|alright) right now|(?:it is|"
    r"its|it s) (?:just )?(?:the|his|her) (?:dementia|alzheimers|illness|psychosis)|"
    # another's lapse: "im going to murder my brother, hes left the back door unlocked again"
    rf"(?:kill|murder) (?:my {_KIN}|him|her)(?: \w+){{0,3}} (?:he|she|they) (?:has|s|is|have|ve) "
    r"(?:left|forgot|forgotten|lost|broken|eaten|used|taken|crashed)|"
    # in trouble for a lapse, told in the next breath: "my daughter is going to murder me, ive
    # lost the key to her bike lock"
    r"(?:gonna|going to|will) (?:kill|murder) me(?: \w+){0,3} (?:i|we) (?:have |ve |had )?"
    r"(?:forgot|forget|forgotten|didnt|did not|broke|lost|ate|spent|missed|crashed)|"
    # a complaint that officers are never seen: "after 11 its lawless, fights outside the bars,
    # never see a single officer"
    r"(?:never|rarely|hardly ever|hardly|never ever) see (?:a single |any |an |one |a )?"
    r"(?:officer|officers|police|copper|coppers|bobby|pcso|pcsos|patrol|patrols)|"
    # made up since: "threatened to kill her over a game, theyre both 8 and best friends again",
    # "the head sorted it today and they shook hands"
    r"(?:best )?friends again|shook hands|(?:the )?(?:head|headteacher|head teacher|school|"
    r"teachers?) (?:has |have |had )?(?:already )?(?:sorted|dealt with|handled|resolved) "
    r"(?:it|this|that|things)|"
    # food burnt, the smoke let out: "burnt the toast, kitchen full of smoke, windows open now and
    # the alarms stopped"
    r"(?:burnt|burned) (?:the |my |some |our )?(?:\w+ )?(?:toast|onions|pan|dinner|tea|food|"
    r"rice|chips|bacon|popcorn|pizza|curry|sausages|garlic|cake|oil)(?: \w+){0,20} (?:windows? "
    r"(?:are |is )?(?:now )?(?:open|opened)|alarms? (?:has |have )?stopped|(?:everyone|everybody) "
    r"(?:is |s )?(?:fine|ok|okay|safe|out)|smoke (?:has )?(?:cleared|gone))|"
    # a story being written: "writing a crime novel ... purely for research"
    r"(?:writing|write|wrote) (?:a|my) (?:crime )?(?:novel|book|screenplay|script|short story)|"
    r"purely for research|"
    r"(?:nothing|nobody|no one) is happening (?:right )?now|nothings happening (?:right )?now|"
    # told to be gone: "he keeps turning up outside her flat, hes not there now"
    r"(?:he is|she is|they are) not (?:there|here|outside) (?:now|any more|anymore)|"
    # away from the abuser now: "before husband beat her, now she leave him"
    r"now (?:she|he|they) (?:has |have )?(?:leave|left|moved out|got away)(?: from)? (?:him|her|"
    r"them)|"
    # dealt with by the teller: "the charger was sparking so i unplugged it and threw it away"
    r"(?:i|we|he|she) (?:have |has |had )?(?:(?:unplugged|switched off|turned off|threw away|"
    r"thrown away|binned|chucked) (?:it|them|the (?:plug|charger|cable|lead|heater|socket|wire|"
    r"power))|(?:threw|thrown|chucked|binned|put) (?:it|them) (?:away|out|in the bin)|"
    r"(?:switched|turned|shut) (?:it|them) off)"
    r"(?!.* (?:but|still|now) )|"
    # explained as nothing: "someone was banging on the door, just the tesco delivery lol"
    rf"(?:it was |it is |its |was |were )?(?:just|only) the (?:\w+ )?{_HARMLESS}"
    r"(?!.* (?:but|still|now|actually|again) )|"
    r"not (?:right )?now but it (?:happens|"
    r"happened|keeps|is)|(?:everyone|everybody) is (?:all )?(?:ok|okay|fine|safe|alright) now|"
    r"(?:he|she|they) (?:is|are) (?:all )?(?:ok|okay|fine|safe|alright) now (?:$|(?=(?:is|are|"
    r"can|should|what|how|do|does|will|would) ))|"
    # "went round and they dropped a mirror moving it, all fine"
    r"(?:it is |its |everything is |everyones )?all (?:fine|ok|okay|good) (?:$|now |sorry )|"
    # cared for already: "she overdosed last night and is in hospital now"
    r"(?:is|are) (?:now )?in (?:the )?hospital (?:now |already )?$|"
    # home after it: "a car keeps following me home ... im home safe now but im scared"
    r"(?:i am|we are|i got|we got) (?:now )?(?:back )?(?:home|indoors|inside) (?:and )?"
    r"(?:safe|safely|ok|okay|fine)(?: now)?(?!.* (?:outside|banging|knocking|still|"
    r"at (?:the|my|our) (?:door|window)|following|waiting|watching|here|trying) ))"
)
# A scam message quoted and asked about: "got this text: your son has been in an accident, send
# money now to this account. scam?"
_SCAM_QUOTED = _rx(
    r"^(?=.* (?:got|received|had|getting|get) (?:this|a|an|these) (?:text|message|email|whatsapp|"
    r"voicemail) )(?=.* (?:send|transfer|pay) (?:money|cash|the money|\d+|it) )(?=.* (?:scam|is "
    r"this real|is it real|legit|fake) )"
)
# Threats that keep coming by message are reported (online harassment), not a call for 999: "my
# ex keeps sending voice notes saying he will burn my house", "a man keeps texting me saying i owe
# 500 or they will hurt him". Unless the sender is said to be near now: "he keeps texting that
# he's outside", "just sent a photo of my front door".
_THREATS_KEEP_COMING = _rx(
    r"^(?=.* (?:keeps?|kept|been|keeping) (?:on )?(?:texting|messaging|dming|dm ing|emailing|"
    r"phoning|ringing|calling|voice noting|sending (?:me |her |him |us |my \w+ )?(?:\w+ )?"
    r"(?:texts|messages|voice notes|voicemails|dms|emails|threats))(?: \w+){0,6} (?:saying|says|"
    r"that|threat|threats|threatening|he will|she will|they will|he ll|she ll|they ll|voice "
    r"notes?|texts?|messages?|dms?) | (?:keeps?|kept|been|keeping) (?:on )?sending (?:me |her |"
    r"him |us )?(?:threatening|abusive|nasty|death|horrible) (?:texts|messages|voice notes|dms|"
    r"emails|threats) )(?!.* (?:outside|at (?:my|the|our|her|his) (?:door|house|"
    r"flat|window|gate|work|school)|on (?:his|her|their|the) way|(?:coming|come|came) (?:round|"
    r"over|here|back)|downstairs|upstairs|(?:minutes?|mins?) away|nearby|across the road|"
    r"round the corner|photo of (?:my|our|her|his) (?:front )?(?:door|house|flat|car)|can see "
    r"(?:me|us|where)|tonight|right now|here now|now outside|in a car|have (?:him|her|my \w+)|"
    r"has (?:him|her|my \w+)|locked) )"
)
# Said to be over, for the emergency net (it then needs to be near certain), not a veto for the
# rules: narrower than _OVER, whose "gone" and "stopped" also tell of danger ("now he's gone",
# "he's stopped moving"). "She is not in danger but she is not herself" says no danger now of the
# one told about, and a story that ends "... i went to a&e, i am ok" is over for the teller.
_ENDED = _rx(
    r" (?:(?:is|are|was|were) long gone|(?:everyone|everybody|we|i) (?:is|are|am) (?:all )?"
    r"(?:fine|ok|okay|safe) now|all quiet now|"
    # nobody hurt, said outright: "faint smell of gas by the meter box, everyone's fine"
    r"(?:nobody|no one|noone)(?: else)? (?:is |was |got |feels |seems |looks )?(?:hurt|ill|"
    r"unwell|injured|poorly|sick|harmed)|(?:everyones|everybodys|(?:everyone|everybody) "
    r"(?:is|seems|feels|looks)) (?:all )?"
    r"(?:fine|ok|okay|alright|safe)(?!.* (?:but|except) )|"
    r"(?:is|am|are) not in (?:any )?danger|(?:nobody|no one|noone) (?:is )?(?:inside|in there|"
    r"in the house|in the flat|there|here) now|"
    # home again: "a man followed me from the station yesterday shouting, i am home now" (not
    # "... i am home now but he is outside")
    r"(?:i am|we are) (?:now )?(?:back )?(?:home|indoors|inside)(?: now)?(?!.* (?:outside|"
    r"banging|knocking|still|at (?:the|my|our) (?:door|window)|following|waiting|watching|here|"
    r"trying) )|"
    # the attacker gone his way: "headbutted me on the night bus, he got off at the next stop"
    r"(?:he|she|they) (?:got|jumped|hopped) off (?:the bus|the train|at the next stop|at \w+)|"
    # the one hurt somewhere safe now: "she is at our mums now but he keeps ringing her"
    r"(?:(?:he|she|they|my \w+) (?:is|are) (?:now )?(?:staying )?(?:at|with) (?:our|my|her|his|"
    r"their|a) (?:mums|mum|dads|parents|friends|friend|sisters|brothers|nans|grans|family|refuge|"
    r"aunts|aunties)(?: house| place| flat)?(?: now)?|(?:he|she|they|my \w+) (?:is|are) (?:now )?"
    r"staying with (?:us|me))(?!.* (?:outside|banging|knocking|at (?:the|my|our|her|his) (?:door|"
    r"window)|following|waiting|watching|trying) )) |"
    r"(?:i am|we are) (?:ok|okay|fine|alright|safe)"
    r"(?: now)? $"
)
# Thinking a scene over rather than living it: "it's been bugging me", "probably nothing",
# "does that count as abuse". Not "what do I do", which people also say in danger.
_REFLECTIVE = _rx(
    r" (?:(?:been|keeps|is|its|still) bugging me|(?:a )?bit shaken|shaken up|(?:probably|prob) "
    r"(?:nothing|overreacting|being paranoid)|overthinking|over thinking|"
    r"(?:is|was) (?:it|this|that) (?:normal|a crime|illegal|abuse)|"
    r"does (?:that|this|it) count|can (?:a|an) (?:man|woman|boy|girl|husband|wife|\w+) be "
    r"(?:a )?victims?|should i (?:have|of|ve|tell someone|tell anyone|say something)|"
    r"who do i even (?:tell|call)|(?:cant|can not|cannot) stop thinking|"
    r"keeps? me (?:up|awake)(?: at night)?|not sure if (?:i should|it is|its|this is)) "
)
# A scene that happens every night, one only likened to danger, or a danger foreseen: "racing
# up and down every weekend", "fireworks that sound like gunshots", "someone will fall in". Not
# "keeps ...ing" ("her head keeps hitting the kerb" is now) nor a closing "again" ("said I'd
# never see her again").
_HABITUAL = _rx(
    r" (?:again and again|every (?:single )?(?:night|evening|day|morning|weekend|week)|"
    r"each (?:night|evening|day)|all the time|most (?:nights|evenings|days|weekends|mornings)|"
    # while the teller is away: "lets himself into my room when im at work"
    r"(?:when|while|whenever) (?:i am|we are|i m) (?:at work|out|away|at school|asleep|on "
    r"holiday|on shift)|"
    r"(?:sounds|sounded|looks|looked) (?:exactly |just )?like|"
    # a game: "he is gaming" (its voice chat, "over the mic", is _IN_A_GAME's)
    r"gaming|"
    r"(?:someone|somebody|someones|somebodys) (?:will|is going to|is gonna|gonna|going to) "
    r"(?:fall|die|get hurt|get killed|be killed|get seriously hurt)|"
    r"(?:going to|gonna) kill someone|"
    # in a game: "my little brother keeps saying he's gonna shoot me in fortnite"
    r"in (?:fortnite|minecraft|roblox|gta|call of duty|the game|a game|the video game)|"
    # trade that goes on: "a guy at my gym keeps offering the young lads gear and pills"
    r"keeps? (?:on )?(?:offering|selling|dealing|pushing|trying to sell)|"
    # feared, not told: "she tries to open the front door at night, what if she gets out"
    rf"{WHAT_IF}) "
)
# A scene that has gone on night after night, or at all hours: "young lads in and out of his
# flat at all hours", "rings the bell at 2am and runs off, 3 nights running". Not how long
# someone has been missing (a child or someone at risk is 999 however long), nor "keeps ...ing",
# which is often now ("he keeps hitting her").
_NIGHT_AFTER_NIGHT = _rx(
    r" (?:(?:\d+|two|three|four|five|six|several|a few|few) (?:nights|evenings|days|mornings|"
    r"weeks) (?:running|in a row)|(?:at )?all hours(?: of the (?:day|night))?|"
    # counted over days: "3rd time since summer", "it's happened on different days"; not "twice
    # already" or "4th time now", said of a scene still going on ("nearly hit a pram twice
    # already")
    r"(?:twice|(?:\d+|two|three|four|five|six|several|a few) times|(?:the )?(?:second|third|"
    r"fourth|fifth|\d+(?:st|nd|rd|th)) time) (?:this (?:week|month|year)|since)|"
    r"(?:on|over) (?:different|separate) days|"
    # gone on for weeks: "for weeks now there have been different men staying in his flat"
    r"for (?:weeks|months) now) "
)
# Told once it is over, by how it came to light: seen on a recording ("my ring doorbell filmed a
# guy smashing a car window"), things found missing ("her purse and her gold rings are
# missing"), a stolen device traced ("find my iphone shows it in a house in wealdstone"; not
# "find my iphone shows her phone at a house", a child's phone traced). For the net, which reads
# such a story much like the scene itself; the rules keep their own dates.
_CAME_TO_LIGHT = _rx(
    rf" (?:{_RECORDED}|"
    # a home found broken into on coming back, nobody there: "just come back from my mums and
    # the back doors been forced ... nobodys inside, ive checked"
    r"(?:came|come|got|get|getting) (?:back|home)(?: \w+){0,8} (?:been|was|were|is|are) "
    r"(?:forced|broken into|smashed|kicked in|ransacked|open)|"
    r"(?:nobody|no one|noone) (?:is |s )?(?:inside|in there|in the house|in the flat)(?: now)? "
    r"(?:i|we) (?:have |ve )?checked|"
    r"(?:purse|wallet|handbag|bag|rings?|jewellery|jewelry|gold|money|cash|laptop|watch|"
    r"passport|keys|cards?|bike|tools)(?: and (?:her|his|my|our|their|the) \w+){0,2} "
    r"(?:is|are|was|were|has been|have been|went|gone) missing|"
    # signs noticed over days at a neighbour's door: "she did not take her milk inside since
    # tuesday, 3 bottles and letters stuck in the door" (a welfare concern; one heard calling
    # out, or seen on the floor, the rules read)
    r"(?:milk|post|letters|papers|parcels)(?: \w+){0,6} (?:piling up|piled up|stuck in|"
    r"still on|not taken in|left on)|(?:take|taken|took|bring|brought) (?:her|his|their|the) "
    r"(?:milk|post|letters|papers|parcels) (?:in|inside)|"
    # money paid to someone who then vanished: "builder took our deposit and never came back"
    r"(?:took|taken|kept|pocketed|ran off with|disappeared with|vanished with) (?:my|our|the|a|"
    r"her|his|their) (?:\w+ ){0,2}(?:deposit|payment|money up front|upfront payment)|"
    r"(?:find my (?:iphone|phone|ipad|device|mac|laptop)|airtag|air tag|tile tracker|tracker|"
    r"tracking app)(?: \w+){0,2} (?:shows|showing|says|saying|pinging|puts|put|has) (?:it|"
    r"them|my (?:phone|iphone|laptop|bike|car|bag|ipad))|"
    # a card used, seen on a statement: "theres 340 of payments on it now from the shop"
    r"(?:payments|transactions|charges|withdrawals|purchases) (?:\w+ ){0,2}(?:on|from|off) "
    r"(?:it|my card|my account|the card|the account|my statement|my app)|"
    r"(?:payments|transactions) (?:i|we) (?:did not|didnt|never) make|"
    # a weapon found put away, nobody holding it: "theres a big kitchen knife in his gym bag
    # wrapped in a t-shirt", "found bullets behind the garages"
    r"(?:found|find|there is|theres|there was) (?:a |an |the |some )?(?:\w+ ){0,3}(?:knife|"
    r"knives|blade|machete|gun|bullets|ammo|ammunition)(?: \w+){0,3} (?:in|inside|under|behind)"
    r" (?:(?:his|her|their|my|the|a|our) (?:\w+ )?(?:bag|rucksack|backpack|room|drawer|pocket|"
    r"coat|jacket|car|bin|wardrobe|bed|shed|loft|bush|bushes|hedge|garages?)|it (?:wrapped|"
    r"hidden|rolled))|"
    # a face known from the press or the courts: "i recognise him from a court case in the paper"
    r"recogni[sz]e(?:d)? (?:him|her|them|his face|her face|the \w+|the new \w+)(?: \w+){0,2} "
    r"from (?:a |the |an )?"
    r"(?:\w+ )?(?:court|paper|papers|newspaper|news|article|prison|jail|trial))(?= )"
)
# Someone said not to be at risk ("he is not sick or anything but this is not like him"): a
# missing adult to report, not a search to start now.
_NOT_AT_RISK = _rx(
    r" (?:(?:he|she|they) (?:is|are|s) not (?:sick|ill|vulnerable|at risk|disabled)|"
    r"(?:he|she|they) (?:is|are|s) not (?:\w+ )?(?:vulnerable|at risk)|"
    r"nothing (?:is )?wrong with (?:him|her|them)|(?:not|no) (?:vulnerable|at risk)(?! (?:adult|"
    r"person|people|child|children))|"
    # "faint gas smell by the meter cupboard, nobody feeling ill, windows open"
    r"(?:nobody|no one|noone) (?:is |s )?(?:feeling |feels |felt )?(?:ill|unwell|sick|poorly|"
    r"dizzy|hurt|injured)) "
)
# Well again, or said not to be dangerous: "she's laughing now, should i still take her to the
# doctor", "he isnt violent just rude", "he wouldn't really"
_WELL_AGAIN = _rx(
    # "hes fine just embarrassed", "now she is sit and ok", "windows are open and its cold"
    r" (?:fine|ok|okay) just (?:embarrassed|shaken|a bit shaken|bruised)| now (?:she|he|they) "
    r"(?:is "
    r"|s |are )?(?:\w+ )?(?:and )?(?:ok|okay|fine|better|alright) |(?:windows|window) (?:are |is )?"
    r"(?:open|down)(?: \w+){0,6} (?:cold|cool|cloudy)|"
    r" (?:(?:she|he|they|baby|it) (?:is|s|are|re) (?:laughing|smiling|giggling|feeding|playing|"
    r"eating|chatting|babbling) (?:now|again|away)|(?:is not|isnt|not|never) (?:violent|"
    r"aggressive|dangerous|armed)|(?:he|she|they) (?:would not|wouldnt|will not|wont) (?:really|"
    r"actually|ever)) "
)
# A fright explained, or a message taken back: "someone in her loft but its pigeons, we
# checked", "the man shouting in the stairwell was just my neighbour on the phone, all sorted"
_EXPLAINED = _rx(
    # taken back: "sorry, i messaged earlier about my husband ... hes fine. please ignore!"
    r" please ignore| ignore (?:my|that|the) (?:last |earlier )?message| false alarm|"
    # a smoke alarm that wants a battery: "beeping beeping ... someone who come and fit new one"
    r" (?:smoke alarm|fire alarm|smoke detector|co alarm)(?: \w+){0,6} (?:beeping|chirping|"
    r"bleeping)(?: \w+){0,14} (?:battery|batteries|new one|replace|replaced|fit|fitted|fix)|"
    # the prank: "kids knocking on doors and running off again"
    r" (?:knocking|banging|ringing)(?: on)? (?:\w+ )?(?:doors|doorbells|bells) and running off|"
    r" (?:(?:but |turns out |turned out )?(?:it is|it was|was|were) (?:just |only )?(?:a |the )?"
    rf"{_HARMLESS}|"
    r"(?:was|were|it was) (?:just|only) (?:my|our|a|the) (?:neighbours?|son|daughter|husband|"
    r"wife|partner|flatmate|housemate|friend|brother|sister|dad|mum|cat|dog|fox|tv|radio)|"
    r"we checked|all sorted|false alarm|sorry about my (?:earlier|last|previous) message) "
)
# A camera pointed at a home: a question of privacy, not a weapon ("a doorbell cam pointed straight
# into my window, is he allowed?")
_CAMERA_AIMED = _rx(
    r" (?:camera|cameras|cam|cams|cctv|doorbell|ring doorbell|ring camera|webcam|drone)"
    r"(?: \w+){0,3} (?:pointed|pointing|points|point|facing|faces|aimed|aiming|looking) "
    r"(?:\w+ ){0,2}(?:into|at|onto|towards|over|in to) "
)
# A dose, not an overdose: "i took 2 paracetamol and my headache is still bad"
_DOSE = _rx(
    r" (?:took|taken|had|take|taking) (?:a|an|one|two|1|2) (?:paracetamol|paracetamols|"
    r"ibuprofen|painkillers?|tablets?|pills?|aspirin|lemsip|co codamol|antihistamines?)"
    r"(?! (?:and|now) (?:\w+ ){0,3}(?:not breathing|unconscious|collapsed|fitting)) "
)
# Smoke from a fire lit on purpose (a bonfire, a barbecue, a chimney): a nuisance, not a fire
# out of control, unless the message says more ("the bonfire has spread to the fence" names it).
_MEANT_TO_BURN = _rx(
    r" (?:bonfire|bonfires|bbq|bbqs|barbecue|barbecues|barbeque|chimney|wood burner|log burner|"
    r"chiminea|fire pit|firepit|incense|garden waste burning|burning (?:leaves|rubbish|garden "
    r"waste)) "
)
# Telling how a report already made went is a follow-up, not a new report ("why did nobody come
# when i reported my car stolen").
_FOLLOW_UP = _rx(
    r" (?:(?:when|after|since|before) (?:i|we) (?:reported|rang|called|phoned)|"
    r"(?:i|we) (?:have |had )?already reported|(?:i|we) reported it|"
    # "reported my tools stolen online yesterday, insurer keeps asking for the crime ref"
    r"(?:(?:i|we) )?(?:have |had |already )?reported (?:my|our|the) (?:\w+ ){1,3}(?:stolen|"
    r"missing|online|to (?:the )?police)|"
    # how the police dealt with it: "police never came back to me", "the officer who took my
    # statement was really rude" (a complaint, the IOPC entry's, or feedback for the team)
    r"(?:police|they|nobody|no one|noone|officers?|detectives?) (?:\w+ )?(?:never|didnt|did not|"
    r"have not|havent|has not|hasnt) (?:came|come|got|get|rang|ring|called|call) back|"
    # "i reported losing 8k in august and no one has ever got back to me"
    r"(?:nobody|no one|noone) (?:has|have) (?:ever )?(?:got|gotten|come|came|rung|called) back|"
    # "it took three weeks for anyone to call me back about my stolen bike"
    r"took (?:\w+ ){0,2}(?:days|weeks|months|hours) for (?:anyone|someone|somebody|the police|"
    r"an officer|officers|them|you) to (?:call|ring|get back|come|reply|respond)|"
    r"(?:officers?|pcs?|pcsos?|police|coppers?|detectives?|call handlers?) (?:\w+ ){0,8}"
    r"(?:was|were) (?:really |so |very |quite |extremely )?(?:rude|dismissive|unhelpful|"
    r"aggressive|disrespectful|patronising|condescending|racist|sexist|horrible|useless)) "
)
# Reason-specific vetoes: a found or kitchen knife, a bereavement, a team "on fire", online
# followers, a sedative or a jab given in care, news of a flasher already sought by police.
# A wild or stray animal hurt or stuck is the RSPCA's, not 999's ("an injured fox in my garden").
_ANIMAL = _rx(
    r" (?:an? |the |some )?(?:injured |wild |stray |baby )?(?:fox|foxes|badger|badgers|"
    r"hedgehog|hedgehogs|deer|pigeon|pigeons|bird|birds|squirrel|squirrels|swan|swans|"
    r"duck|ducks|wild animal|animal|wildlife|cat|kitten|rat|rats|mouse|parrot|budgie|"
    r"cockatoo) "
)
# Thieves' ways told as what they can do, not done now: "my friend say thieves can open keyless
# car from outside the house with a gadget", "burglars can open patio doors with a screwdriver".
_THIEVES_WAYS = (
    r" (?:thieves|burglars|robbers|criminals|crooks) (?:can|could|are able to|know how to) "
    r"(?:open|get into|get in|break|steal|clone|unlock|bypass|pick|force|take|lift|snap) |"
    # heard of: "i heard thieves take them from outside the house with some gadget"
    r" (?:heard|hear|read|reading|been told|saying|says) (?:that )?(?:the )?(?:thieves|burglars|"
    r"robbers|criminals|crooks|gangs) (?:\w+ )?(?:take|steal|nick|open|clone|unlock|use|get "
    r"into|break into|target|go for) "
)
# A stage's or a film's: "the play has a stabbing scene with a prop knife"
_STAGED = (
    r" (?:prop|fake|rubber|plastic|toy) (?:knife|knives|gun|guns|sword|swords|blade|blades) |"
    r" (?:stabbing|fight|shooting) scene | murder mystery | (?:in|for) (?:drama|a play|the play"
    r"|our play|the school play) | (?:did|do|doing|put on|acted in|acting in|rehearsing) (?:a|"
    r"the|our) (?:school )?(?:play|drama|sketch) | (?:watched|watching|saw|seen) (?:a |the |this "
    r"|that )?"
    r"(?:drama|film|movie|programme|documentary|show|series|soap|episode) |"
    # a game or a drill: "playing gta and he smashed a window with an axe", "a fire drill where we
    # pretend there are flames"
    r" (?:playing|played|play) (?:gta|grand theft auto|call of duty|cod|fortnite|minecraft|"
    r"roblox|a game|the game|video games?|on the (?:xbox|playstation|ps5|ps4|switch)) |"
    r" (?:fire drill|evacuation drill|drill|exercise|rehearsal) (?:\w+ ){0,4}(?:pretend|"
    r"pretending|pretends|scenario|smoke machine) "
)
# Whenever one happens, not one that did: "could you post on the ward page when there has been a
# break in on our road"
_WHENEVER = r" (?:when|whenever|every time|each time|once) there (?:has|have) been "
# Said in so many words: "HELPPP not an emergency lol just need to know where to report fly
# tipping" (for a cry for help, and for the rules that read one)
_NOT_URGENT_SAID = (
    r" (?:not an emergency|no emergency|not urgent|not life or death|looks like a (?:murder|crime) "
    r"scene) "
)
# A boast kept up is no weapon drawn: "a man on our corridor keeps saying hes got a blade and will
# use it on anyone who touches his food"
_BOAST = (
    r" keeps? (?:saying|telling (?:people|everyone|us)) (?:that )?(?:he|she|they) (?:has|have|s) "
    r"got "
)
_REASON_VETO: dict[str, re.Pattern[str]] = {
    # "has one out" is a weapon's only where one is named
    "weapon-out": _rx(
        r"^(?!.* (?:machete|machetes|knife|knives|blade|blades|gun|guns|sword|axe|hammer|"
        r"crowbar) )"
    ),
    # the police's or an insurer's work on a crime that is over: "the investigation into my
    # burglary is in progress"
    "crime-now": _rx(
        r" (?:investigation|investigations|inquiry|enquiry|enquiries|claim|case|trial|court|"
        r"insurance|insurers?|appeal|film|movie|show|series|episode|game|podcast) "
    ),
    "medical": _rx(
        # "our goalie is dead on his feet", "my mate is dead, failed his test again haha"
        r" dead on (?:his|her|my|their|our) feet |"
        rf" (?:is|s|am|im) (?:literally )?dead(?: \w+){{0,12}} {_JOKE} |"
        # learning it, or dreading it: "a first aid course for babies? im terrified of my son
        # choking"
        r" first aid (?:course|courses|class|classes|training|lesson|lessons) |"
        r" (?:terrified|scared|worried|afraid) of (?:my |him |her |them )?(?:\w+ )?(?:choking|"
        r"drowning) |"
        r" (?:nearly|almost) (?:had|gave me) a heart attack |"
        # snoring likened to choking: "snores so loud it sounds like hes choking, hes fine" (not
        # "a weird snoring sound and i cant wake him")
        r" (?:snore|snores|snoring|snored) (?:so |really |very |that )?(?:loud|loudly)(?: \w+){0,4}"
        r" sounds? like |"
        r" (?:nearly|almost) (?:fainted|passed out|collapsed) |"
        # slight and passing: "choking slightly on her tablets, she coughs and it clears"; a
        # known pain: "gets chest pain walking uphill"
        r" (?:choking|chokes|choke) slightly | (?:it )?clears (?:straight away|on its own|quickly|"
        r"by itself) | (?:gets|get) chest pains? (?:when|walking|going|climbing|on exertion) |"
        # a panic attack the resident knows: "i get panic attacks where i feel like im dying"
        r" (?:i get|i have|i suffer from|i suffer with|i keep getting|i have been getting) "
        r"(?:\w+ )?panic attacks |"
        # "lol im dying, my brother just tried to cook noodles in the kettle"
        rf" {_JOKE}(?: \w+){{0,2}} (?:i am|im) dying | (?:i am|im) dying(?: \w+){{0,3}} {_JOKE} |"
        # "the parking on my road is giving me chest pains lol"
        rf" giving me (?:chest pains?|a stroke|palpitations)(?: \w+){{0,2}} {_JOKE} |"
        # talked of: "kids at school talk about overdose and vaping"
        r" (?:talk|talks|talking|talked|learn|learning|learnt|lesson|lessons|read|reading|heard|"
        r"hear|know|worried|worry|video|videos|assembly) about (?:an? )?(?:overdose|overdoses|"
        r"overdosing) |"
        # red that is not blood: "blood everywhere lol beetroot juice exploded"
        r" (?:beetroot|ketchup|tomato sauce|tomato juice|red paint|fake blood|red wine|nail "
        r"varnish|halloween make ?up) |"
        # waited for, or seen on screen: "gp has referred him, were just waiting for the
        # appointment", "in films they shock someone having a heart attack"
        r" (?:referred|waiting for (?:the|an|his|her|my) appointment|in (?:films|the films|movies|"
        r"a film|the film|tv shows)) |"
        # learning the signs: "first aid refreshers, is FAST still what you look for"
        r" (?:do|does|would|will) (?:the )?police (?:ever )?(?:get involved|attend|come|"
        r"investigate|turn up) |"
        # a reaction to what is watched: "she cant breathe when she watches horror films lol"
        r" (?:when|whenever|every time) (?:she|he|i|they|we) (?:watches|watch|sees|see|hears|"
        r"hear)(?: \w+){0,3} (?:films?|movies?|horror|tv|shows?|the news) |"
        r" first aid (?:course|courses|refresher|refreshers|training|class|classes) | what (?:you|"
        r"to|we|i) (?:look|watch) (?:out )?for |"
        # "the arsenal game is going to give me a heart attack tonight lol"
        r" (?:going to|gonna|will|would|is giving|gives) give (?:me|him|her|us|you) a heart "
        r"attack | giving (?:me|him|her|us) a heart attack |"
        # asking whether to call one, the danger told (if at all) in a clause of its own: "do i
        # ask the driver to stop or call an ambulance straight away"
        r" (?:do|should|shall|would) (?:i|we|you)(?: \w+){0,8} (?:call|ring|phone|get) "
        r"(?:for )?an ambulance |" + _ANIMAL.pattern
    ),
    # a near miss on the road, told after it ("dashcam of a van nearly hitting a kid"); told
    # with "right now" the clause's override keeps it 999
    # ... and one that there "has been" ("theres been a stabbing on our estate, police tape
    # everywhere"): over, though the place is near, unless the clause says it goes on
    "crash-injury": _rx(
        # a scam text quoted: "got this text: your son has been in an accident, send money"
        r" (?:got|received|had|getting|get) (?:this|a|an|these) (?:text|message|email|whatsapp|"
        r"call|voicemail) | send (?:money|cash|£|the money) | scam "
    ),
    "violence-now": _rx(
        # people described, not a scene: "support for workers whove been assaulted"; a fear of
        # what may come: "maybe one day shooting"
        r" (?:who (?:have|ve|has|s)|whove|whos) been (?:assaulted|attacked|stabbed|hurt|threatened|"
        r"mugged|"
        r"robbed) | (?:maybe|might|could|one day|someday|some day) (?:be )?(?:a )?(?:shooting|"
        r"stabbing|fight|fighting) |"
        # read about: "i have read that people in north london are being attacked for watches"
        r" (?:i have read|i ve read|i read|read that|reading that|in the news|on the news|news "
        r"says|reports say|reported that) |"
        # a fight foretold: "heard on the group chat theres gonna be a fight after school friday"
        r" (?:gonna|going to|will) be a (?:fight|scrap|brawl|beef) |"
        # drinks: "he had eight shots"
        r" (?:had|drank|downed|did|doing|after|few|some|\d+|two|three|four|five|six|seven|eight|"
        r"nine|ten) (?:\w+ )?shots(?! (?:fired|at|into|through|in the)) |"
        r" (?:nearly|almost) (?:hitting|hit|ran over|running over) | play (?:fighting|fight) |"
        # a policy drafted: "drafting a workplace violence policy, what if staff restrain"
        r" (?:policy|policies|legal position|risk assessment|drafting|procedure) |"
        # said not to be violence: "no violence just raised voices", "definitely not an attack"
        r" (?:no|not|nothing) (?:violence|violent|physical|an attack|a fight|abuse) | loud sex |"
        rf"{_STAGED}|"
        # said not to be happening: "cars pulling up at all hours, nothing kicking off"
        r" (?:nothing|nothing is|nothings|no one|nobody|no ones) kicking off |"
        # the teller's own children squabbling: "my kids are still hitting each other over the
        # ipad", "screaming stop at each other over the telly"
        r" (?:my|our) (?:kids|children|boys|girls|sons|daughters|twins)(?: \w+){0,2} (?:screaming|"
        r"shouting|yelling)(?: \w+){0,2} at each other |"
        r" (?:my|our) (?:two |three |\d+ )?(?:kids|children|boys|girls|sons|daughters|twins|little "
        r"ones|grandkids|grandchildren)(?: \w+){0,3} (?:still )?(?:hitting|kicking|punching|"
        r"slapping|scrapping with|fighting with|thumping) each other |"
        r" (?:has|have) been (?:a |an |some |another )?(?:stabbing|stabbings|shooting|shootings|"
        r"fight|fights|attack|attacks|brawl|mugging|muggings) |"
        # a record, not a scene: "somebody told me he has previous for hurting a woman"
        r" (?:previous|a record|record|convictions?|done time|served time|did time|jailed|"
        r"arrested|charged|convicted|sentenced|known|history|form) (?:for|of) (?:\w+ )?"
        r"(?:hurting|hitting|beating|attacking|assaulting|assault|stabbing|violence|battering|"
        r"strangling|punching|abusing) "
    ),
    "weapon": _rx(
        # a boast kept up, or praise: "our opening bowler is an absolute weapon"
        rf"{_BOAST}| (?:an|a) (?:absolute|total|proper|real|utter) weapon |"
        rf"{_THIEVES_WAYS}|"
        rf"{_STAGED}|"
        # handing one in, not a hand kept in a pocket
        r" (?:found|find|finding|handed in|(?<!his )(?<!her )(?<!their )hand in|dispose|"
        r"disposing|get rid of|buy|hand (?:it|them|this|that|one|the \w+) in|"
        # a dead relative's: "my late husband's shotgun is in the loft"
        r"(?:my|our|her|his) late \w+|"
        r"taken off|taken away|confiscated|seized|"
        r"buying|bought|sharpen|sharpening|kitchen knife|kitchen knives|cut myself|chopping|"
        r"cooking|"
        r"butter knife|bread knife|knife and fork|toy gun|water gun|nerf|fireworks?|"
        # play or show: "it was a larp group with foam ones lol", "a cosplayer's prop sword"
        r"larp|larping|cosplay|cosplayer|cosplayers|foam|replica|replicas|prop|props|"
        r"re enactment|reenactment|reenactors|re enactors|"
        # likened, with what it was or a laugh: "drums next door, honestly sounds like gunfire
        # lol" (shots that only sound like gunfire, with nothing else said, are 999)
        r"(?:drums|drummer|drumming|nail gun|fireworks|backfiring|backfire|exhaust|hammering)"
        r"(?: \w+){0,4} (?:sounds|sounded|sound|sounding) (?:exactly |just |honestly )?like "
        r"(?:gunfire|gun shots|gunshots|shots|a gun|guns|a shooting)|"
        r"(?:sounds|sounded|sound|sounding) (?:exactly |just |honestly )?like (?:gunfire|gun "
        rf"shots|gunshots|shots|a gun|guns|a shooting)(?: \w+){{0,3}} {_JOKE}|"
        # a child's toy that looks like one: "my sons toy looks like a gun"
        r"(?:my|his|her|our|their) (?:\w+ )?toy|"
        # a weapon someone left behind: "my dad left an old shotgun in the loft"
        r"(?:left|kept|had|found) (?:us |me |behind )?(?:an|a|his|her|some) old "
        r"(?:shotgun|shotguns|gun|guns|rifle|rifles|sword|swords|pistol|air rifle|bayonet)|"
        r"inherited|"
        # one lying where it was dumped, with nobody said to hold it: "the kids spotted a massive
        # knife in the hedge by the bus stop", "a machete lying in the long grass"
        r"(?:spotted|noticed|saw|seen|see|spot|there is|theres) (?:a|an|some|two) (?:\w+ )?"
        rf"{_WEAPON}(?: \w+){{0,8}} (?:in|under|behind|inside) (?:the|a|some) (?:long )?(?:hedge|"
        r"hedges|bush|bushes|grass|undergrowth|bin|drain|verge|flowerbed|flower bed|shrubs|"
        r"hedgerow|gutter|brambles|leaves|stream|brook)|"
        rf"{_WEAPON} (?:just )?(?:lying|dumped|hidden|stashed|left|abandoned) (?:in|under|behind|"
        r"on|by|near)|"
        # meat cut for a festival or a meal: "cutting the lamb for eid with a big knife"
        r"(?:cutting|cut|carving|butchering|slaughtering) (?:up )?(?:the |a |some |our )?(?:lamb|"
        r"goat|sheep|meat|chicken|fish|turkey|joint|vegetables|veg|onions)|"
        # whether the law allows it: "he has a folding knife for fishing, is he allowed to carry
        # it"
        r"(?:allowed|legal|illegal|against the law) to (?:carry|have|keep|take|own)|"
        r"folding knife for (?:fishing|work|camping)|"
        # on sale: "the hunting shop has crossbows in the window, is that legal to sell"
        r"in the (?:shop )?window|for sale|on sale|legal to sell|allowed to sell) "
    ),
    # break-ins that keep happening to other people's things: "someone keeps breaking into cars
    # on our road, how do i protect mine" (the place is the road, not a scene now)
    "break-in-now": _rx(
        # said not to be one: "car alarm going off all night again, nobody breaking in"
        r" (?:nobody|no one|noone|nobodys|no ones|not) (?:is )?(?:breaking|trying to break|"
        r"getting) in |"
        # caught already: "police come already and take the man who break my window"
        r" police (?:came|come|have come|has come|already came) (?:already )?and (?:took|take|"
        r"taken|arrested|arrest|caught) |"
        r" keeps? (?:on )?breaking into (?:the |peoples |people s )?(?:cars|vans|sheds|houses|"
        r"garages|flats|bikes|lock ups|lockups) |"
        # a fear dreamt, not a sound heard: "nightmares that someones in the house"
        r" (?:having |had |have |get |getting )?(?:nightmares|bad dreams)(?: about| that)? |"
        # a crime's trend, asked about: "has shoplifting really gone down? in my shop its the same"
        r" (?:shoplifting|burglaries|burglary|break ins|thefts|theft|robberies|robbery|crime)"
        r"(?: \w+){0,2} (?:go|goes|gone|going|come|coming|went|gets|getting|got) (?:down|up) |"
        r" (?:dreamt|dreamed|dreaming|i dream) that |"
        # the burglars' chalk marks a resident has heard of: "thieves put chalk sign on the house?"
        r" chalk (?:sign|signs|mark|marks|symbol|symbols) |(?:sign|signs|mark|marks|symbol|"
        r"symbols) on (?:the |our |my )?(?:wall|walls|house|door|gate|fence|pavement) |"
        rf"{_THIEVES_WAYS}|{_WHENEVER}|{_STAGED}|"
        # planning for one: "updating our lockdown policy for intruders on site"
        r" (?:policy|policies|procedure|procedures|drill|drills|risk assessment) |"
        # sent to take things away: "the removal men are loading my sofa into their van"
        r" (?:removal|removals|movers|bailiff|bailiffs|tow truck|recovery truck|scrap man|"
        r"scrap men|locksmith|mechanic|mechanics) "
    ),
    "danger": _rx(
        # made safe beforehand: "my toddler keeps climbing on the window sill, what locks do people
        # recommend? just want to be safe before it happens"
        r" (?:window|door|safety) (?:locks|restrictors|catches) | what locks | which locks | "
        r"before "
        r"it happens | keeps climbing (?:up )?(?:on|onto) |"
        # a teenager's reaction to a punishment: "said she wants to die when i took her phone"
        r" (?:when|because|after) (?:i|we) (?:took|take|confiscated|grounded) (?:her|his|their|"
        r"him|them) |"
        # a joke: "joke for you, a roll was being held hostage"
        r" (?:joke|jokes|pun|riddle|knock knock) |"
        # a threat of a complaint: "keeps threatening to call the police on us for noise"
        r" (?:threatening|threatened|threatens|threaten) to (?:call|ring|phone|report|tell|sue|"
        r"evict|complain|take (?:us|me|him|her) to court|get (?:us|me) evicted) |"
        # a scam caller's words: "calls saying i am in danger and must move my money"
        r" (?:saying|says|said|claiming|claim|claims|telling me|tell me) (?:that )?(?:i am|im|"
        r"you are|my \w+ (?:is|are)) in danger |"
        # a feeling: "just feel like im drowning since she was born"
        r" (?:feel|feels|feeling|felt) like (?:i am|i have been|she is|he is) drowning |"
        r" (?:lost my \w+ to|passed away|died|funeral|rip|drowning in (?:(?:the )?paperwork|"
        r"work|debt|emails|homework|bills|(?:the )?papers|(?:the )?forms|(?:the )?documents|"
        r"(?:the )?letters)|drowning my sorrows|"
        # in trouble, not in danger: "my flatmate is gonna kill me when he sees i ate his curry"
        r"(?:kill|murder) me when (?:he|she|they|my \w+|mum|dad) (?:sees|finds out|hears|gets "
        r"home|realises|notices|gets back)|"
        # hyperbole with a joke marker: "my sister is going to kill me when she sees... lol"
        rf"(?:gonna|going to|will) (?:kill|murder) (?:me|my {_KIN})(?: \w+)* {_JOKE}|"
        rf"{_JOKE}(?: \w+){{0,6}} (?:gonna|going to|will) (?:kill|murder) (?:me|my {_KIN})|"
        # said in temper or in jest: "i swear im going to murder him", "hell kill himself laughing",
        # "he say i will kill you but he is laughing, it is joke" (a lapse owned up to in the same
        # breath is the message's calm, _SAFE_NOW)
        r"(?:i swear|swear) (?:i am|im|i m|i ll|ill|i will) (?:going to |gonna )?(?:murder|kill|"
        r"strangle)|(?:kill|kills|killing|killed) (?:himself|herself|myself|themselves|yourself) "
        r"laughing|(?:but|and) (?:he|she|they) (?:is|was|were|are) laughing|(?:it is|its|it was) "
        r"(?:only |just )?(?:a )?joke|"
        # a book's plot: "a book where a girl gets kidnapped"
        r"(?:reading|read|watching|"
        r"watched) (?:a |the )?(?:book|story|novel|film|movie|show|series) (?:where|about|"
        r"in which)|"
        rf"{_BOAST.strip()}|"
        # a rumour passed on: "a message going round the pta whatsapp that a white van has been
        # trying to get children into it"
        r"message (?:going round|going around|doing the rounds)|(?:is it|is this|is that) true|"
        # an animal killed for the table: "in my country we kill the chicken at home for the
        # festival"
        r"(?:kill|kills|killing|slaughter|slaughtering) (?:the |a |our |an |their )?(?:chickens?|"
        r"goats?|lambs?|sheep|turkeys?|hens?|cockerels?|fish|animals?)|"
        # shouted at a screen: "shouting 'ill kill you' at the darts on telly"
        r"(?:shouting|shouts|shouted|yelling|screaming|swearing)(?: \w+){0,6} at (?:the |his |"
        r"her )?"
        r"(?:darts|football|telly|tv|television|match|game|screen|ref|referee|snooker|boxing|"
        r"rugby|cricket|xbox|playstation)|"
        # "held hostage by my cat who has decided to sleep on my laptop"
        r"hostage by (?:my|the|our|a) (?:cat|dog|kitten|puppy|pet|hamster|parrot|rabbit|baby|"
        r"toddler|kids|homework|work|laptop)|"
        # a fan's despair, laughed at: "says he'll jump off the roof if arsenal lose again haha"
        r"(?:jump|jumping|kill (?:myself|himself|herself)|end it)(?: \w+){0,6} if (?:\w+ ){1,3}"
        rf"(?:lose|lost|loses|draw|draws|go down|get relegated|dont win|do not win)(?: \w+)* "
        rf"{_JOKE}|"
        # and the boss who will "kill me" for being late
        r"(?:boss|manager|teacher|coach|tutor|supervisor|lecturer)(?:s|es)?(?: \w+){0,4} "
        r"(?:is |are )?(?:gonna|going to|will) (?:kill|murder) me|"
        # a break-up, not a life: "sent me 'im gonna end it' about his girlfriend lol he means
        # dumping her"
        r"(?:means|meant|mean|meaning) (?:dumping|breaking up|finishing with|splitting up|ending "
        r"it with|leaving)|"
        # asked what police do after one: "do police get involved after a drowning at a pool"
        r"(?:do|does|would|will) (?:the )?police (?:ever )?(?:get involved|attend|come|"
        r"investigate|turn up)|murder mystery|"
        # a game: "we play game in car pretending satnav is kidnapping us"
        r"(?:play|playing|played|plays) (?:a )?game(?: \w+){0,8} pretend(?:ing)?|"
        r"if (?:\w+ ){1,3}(?:lose|lost|loses|draw|draws|go down|get relegated)(?: \w+){0,5} "
        rf"(?:jump|jumping|kill himself|kill herself|end it)(?: \w+)* {_JOKE}|"
        # idioms: "the queue is absolute murder, someone is going to die of old age in there"
        r"(?:die|dying|died) of (?:old age|boredom|embarrassment|shame|laughter|laughing|cringe|"
        r"hunger|thirst|"
        r"the heat)|(?:is|was) (?:absolute |total |pure |sheer )?murder) |" + _ANIMAL.pattern
    ),
    # a joke's plea: "she is screaming at me cuz i forgot her birthday lol send help"
    "urgent-help": _rx(
        rf" {_JOKE} (?:send|sos|please|pls|plz)? ?help | help (?:me )?{_JOKE} |{_NOT_URGENT_SAID}|"
        + _ANIMAL.pattern
    ),
    "fire": _rx(
        r" (?:this season|season|in form|the match|the game|team|striker|player|playing|"
        r"scoring|goals|on a roll|so hot|lol|haha) |"
        rf"{_STAGED}|"
        # a barbecue's smoke, nothing caught: "smoke from next door's bbq all over my washing"
        r"^(?!.* (?:spread|spreading|spreads|caught|catching|out of control|on fire) ).* (?:bbq|"
        r"bbqs|barbecue|barbecues|barbeque|chiminea|fire pit|firepit|smoker) |"
        # a threat at the council: "shell set fire to the lot of them if the council doesnt fix it"
        r" (?:if|unless) (?:the )?(?:council|landlord|government|they) (?:doesnt|does not|dont|"
        r"do not|wont|will not|fixes|fix|sorts) |"
        # put out already: "burnt rubbish in the alley, fire is out, just mess", "the fire in the
        # bins is out now, the caretaker put it out"
        r" fire(?: \w+){0,7} (?:is|s|was|has been|had been|has gone|went|got) (?:now )?(?:out(?! "
        r"of)|put out|extinguished) | (?:caretaker|fire brigade|firefighters|firemen|neighbour|i|"
        r"we|he|she|they) (?:has |have |had )?put (?:it|the fire) out |"
        # a fire lit to cook on, asked about: "we do pongal cooking outside with fire in the
        # garden, we need permission?"
        r" (?:cook|cooks|cooking|cooked)(?: \w+){0,3} (?:outside |outdoors )?(?:with|on|over) "
        r"(?:a |an |the )?(?:open )?fire |"
        # a habit of the neighbourhood's: "kids keep setting bins on fire behind the flats"
        r" keeps? (?:on )?(?:setting|lighting|starting|putting) (?!.* (?:now|spreading|out of "
        r"control|still burning|right now) )|"
        # a fire supposed: "if the hmo next door ever caught fire the tenants would be trapped"
        r" if (?:\w+ ){0,6}(?:ever |was to |were to )?(?:caught|catches|catch) fire | fire "
        r"(?:for|to) (?:cook|cooking) |"
        # a fear kept awake by, not a fire: "lying awake thinking about fire, how many alarms"
        r" (?:thinking|think|thought|worried|worrying|worry|scared|afraid|frightened|terrified|"
        r"anxious|paranoid|nervous|obsessing|fear|fears|fearing) (?:about|of) (?:a |the |house "
        r")?(?:fire|fires) "
    ),
    "followed": _rx(
        # asked whether a pattern counts: "keeps turning up at the gym ... is that stalking"
        r" (?:is|would|could) (?:that|this|it) (?:be |count as |classed as )?(?:stalking|"
        r"harassment) |"
        r" followed by (?:debt collectors|bailiffs|the council|emails|ads|adverts|"
        r"spam|calls|bots|a fake account|an account) |"
        # a rumour asked about: "in temple they say thief is following old ladies, is it true?"
        r" (?:they say|people say|people are saying|everyone is saying|is it true|is this true|"
        r"rumours?|rumors?) "
    ),
    "spiking": _rx(
        # laughed off: "lol my mate says he got spiked but he had 9 pints"
        rf" {_JOKE} |"
        # told of many, as a trend at work: "we keep getting girls saying their drinks were spiked"
        r" (?:keep|keeps|kept) (?:on )?(?:getting|having|seeing|hearing) (?:\w+ )?(?:girls|women|"
        r"people|customers|students|guests|lads|reports|cases|stories) |"
        r" (?:hospital|surgery|operation|anaesthetic|sedated|dentist|vet|nurse|doctor|"
        r"pharmacy|vaccine|vaccination|jab|flu|covid|blood test|sewing|knitting) "
    ),
    "sexual-offence": _rx(
        r" (?:reports of|any news|any update|police appeal|been arrested|"
        r"been caught|been charged) "
    ),
}

# ------------------------------------------------------------------------------------------------
# Urgent pleas for help
# ------------------------------------------------------------------------------------------------

_HELP_WORD = r"(?:h+e+l+p+|halp|hlp|hepl|hlep)"
_RAW_HELP_ONLY = re.compile(
    rf"^\W*(?:(?:please|pls|plz|somebody|someone|some1|sum1|any ?one|any ?body|oh god|god|omg|"
    rf"oh my god)\W+)*(?:{_HELP_WORD}\W*)+(?:(?:me|us|please|pls|plz|now|quick|quickly|"
    rf"someone|somebody|anyone|him|her|them|asap)\W*)*$",
    re.IGNORECASE,
)
_RAW_HELP_EXCLAIM = re.compile(
    rf"^\W*(?:(?:please|pls|plz|oh god|god|omg|oh my god)\W+)?{_HELP_WORD}\W*(?:(?:me|us)\W*)?!",
    re.IGNORECASE,
)
_RAW_SHOUTED_HELP = re.compile(
    r"(?:^|\W)HE+L+P+(?: ME| US)?(?!\s+(?:WITH|FOR|ON|ABOUT|PAGE|DESK|"
    r"MENU|SECTION|COMMAND)\b)(?:\W|$)"
)
_HELP_URGENT = _rx(
    r" help(?: me| us)?(?: please)? (?:quick|quickly|now|right now|fast|hurry|asap|immediately|"
    r"urgently|urgent|someone|somebody|there is|there are|he|she|they|i am being|i am scared|"
    r"i am hurt|i am trapped|i am in|we are in|i think someone|i can hear|a man|a guy|a woman|"
    rf"men|people|this man|this guy|call|999|emergency|ambulance|anyone|anybody|"
    rf"(?:my|our) (?:\w+ )?{_KIN} (?:is|has|got|cannot|can not|fell|collapsed|just|was))"
)
_HELP_NEED_URGENT = _rx(
    r"(?:^|(?<= i)|(?<= we)) (?:need|needs|want) (?:some )?(?:help|police|the police|"
    r"an ambulance|ambulance)"
    r"(?: (?:now|right now|quick|quickly|asap|urgently|immediately|please|fast|here))+"
    r"(?! (?:with|to|for|finding|find|getting|understanding|on|about|using|setting|choosing)) "
)
_HELP_ENDING = _rx(
    r" (?:please help(?: me| us)?|help me please|help us please|help me now|"
    r"someone help(?: me| us)?|somebody help(?: me| us)?|help help|help me|"
    r"help us) $"
)
_HELP_NOT_URGENT = _rx(
    r" (?:(?:can|could|would|will|cannot|can not) (?:you|this bot|the bot|anyone|someone|"
    r"somebody)(?: \w+)?(?: please)?|to|for|with|of|your|the|some|any|more|extra|"
    r"can i|could i|can we|how do i|how can i|how i can|how we can|how can we|how could i|how to|"
    r"ways to|thanks for|thank you for|getting|"
    r"gets|got|receiving|having) help|"
    rf" help (?:me )?{_JOKE} |"  # "drowning in emails, send help lol"
    rf"{_NOT_URGENT_SAID}|"
    rf" {_JOKE} (?:send|sos|please|pls|plz)? ?help "  # "forgot her birthday lol send help"
    # said by a bird: "neighbours parrot shouts help help help all day"
    r"| (?:parrot|budgie|cockatoo|mynah|bird)(?: \w+){0,3} (?:shouts|says|screams|squawks|keeps "
    r"saying|keeps shouting|shouting|saying) help "
    # said by an advert or a programme: "the speaker keeps saying help ive fallen from that
    # advert on tv"
    r"| help(?: \w+){0,8} (?:from|in|on) (?:that |the |an? )?(?:advert|ad|programme|film|"
    r"movie|show|tv|telly|radio) "
)
_EMERGENCY_ONLY = _rx(
    r"^ (?:emergency|it is an emergency|urgent emergency|"
    r"(?:help )?(?:police|999) (?:help|please|now|quick)) $"
)


def _urgent_help(raw: str, clauses: list[str], whole: str) -> bool:
    """An insistent plea for help ("HELP!!!", "help me please", "pls help quick")."""
    if _RAW_HELP_ONLY.match(raw):
        # A bare "help" (or "help?") asks how to use the bot; anything more insistent is a plea.
        plain = raw.rstrip(" .?").casefold()
        return not (plain == "help" and not raw.isupper())
    if _HELP_NOT_URGENT.search(whole) and not _RAW_HELP_EXCLAIM.match(raw):
        return False
    if _RAW_HELP_EXCLAIM.match(raw) or _RAW_SHOUTED_HELP.search(raw):
        return True
    if len(whole.split()) <= 5 and _HELP_ENDING.search(whole):
        return True
    return any(
        _HELP_URGENT.search(c) or _HELP_NEED_URGENT.search(c) or _EMERGENCY_ONLY.match(c)
        for c in (*clauses, whole)
    )


# ------------------------------------------------------------------------------------------------
# Reports
# ------------------------------------------------------------------------------------------------

_CRIME = _alt(
    "crime crimes theft thefts stolen steal stealing stole burglary burglaries burgled burglar "
    "burglars robbery robbed mugging mugged assault assaulted scam scams scammed scammer "
    "scammers fraud fraudster drug drugs dealing dealer dealers vandalism vandalised vandalized "
    "criminal_damage graffiti anti_social antisocial asb harassment harassed hate_crime racist "
    "racism shoplifting shoplifter abuse abused domestic break_in broken_into broke_into "
    "hit_and_run stalking stalker threats threatened cybercrime cyber_crime phishing extortion "
    "blackmail speeding dangerous_driving joyriding car_crime catalytic_converter knife weapon "
    "gun cannabis weed anonymously anonymous crimestoppers incident offence offender suspicious "
    "someone somebody neighbour a_man a_woman a_person a_car a_driver a_van a_shop people "
    "missing_person exploitation grooming county_lines modern_slavery trafficking spiking spiked "
    "drink_spiking needle_spiking indecent_exposure flasher exposed_himself exposed_herself "
    "groping groped"
)
# Crimes someone could know the doer of (not _CRIME, which also holds "anonymous" and "people").
_CRIME_WORD = _rx(
    r" (?:crimes?|thefts?|stolen|stole|stealing|burglary|burglaries|burglars?|"
    r"robbery|robberies|robbed|mugging|mugged|muggings|assault|attack|attacked|stabbing|"
    r"dealers?|dealing|drugs?|drug house|crack house|knife|knives|guns?|fraud|scams?|vandalism|"
    r"graffiti|arson|"
    r"shoplifting|break ins?|breaking into|broke into|nicking|nicked) "
)
_REPORT = _rx(
    r" (?:report|reporting|reported|to report|file a report|make a report|"
    r"tell (?:the )?police about|let (?:the )?police know about|inform (?:the )?police about|"
    r"get in touch with (?:the )?police about|"
    rf"contact (?:the )?police about)\b.*\b{_CRIME} "
)
# Knowing who did a crime and wanting to stay unnamed: Crimestoppers' case exactly.
_ANONYMOUS = _rx(
    r" (?:(?:dont|do not|wont|will not) (?:want to |wanna )?(?:give|say|leave|tell them) my name|"
    r"without (?:giving|leaving) my name|(?:stay|staying|remain|be) anonymous|"
    r"(?:dont|do not) want (?:them|anyone|him|her|people) (?:to )?know it was me|"
    r"(?:cant|can not|cannot|dont want to) have my name (?:on it|on this|on anything|involved|"
    r"mentioned)|keep my name out of it|(?:leave|keep) me out of it) "
)
# Wanting to tell of a crime, in other words than "report": "want to tell you about the dealing"
_TELL_ABOUT = _rx(
    r" (?:want to|wanna|need to|would like to|like to|have to|going to|gonna|wish to) "
    r"(?:tell|let) (?:you|u|someone|somebody|the police|police|the team) (?:know )?about "
)
# Knowing who did a crime or where a wanted person is: Crimestoppers' case, or 101's.
_KNOWS_WHO = _rx(
    r" (?:i|we|my \w+|he|she|they|someone|somebody) (?:know|knows|knew) (?:who|where) "
    r"(?:\w+ ){0,6}?(?:did|done|stole|nicked|took|robbed|burgled|stabbed|attacked|shot|mugged|"
    r"wanted|is hiding|is staying|is dealing|deals) "
)
# Saying so is enough: "i want to report the lads doing wheelies round the rec" names no crime.
_REPORT_WISH = _rx(
    r"^ (?:(?:i |we )?(?:want to|need to|would like to|wanna|wish to|have to)|id like to|"
    r"i must) report "
)
_REPORT_BARE = _rx(
    r"^ (?:report|report (?:a|it|this)|reporting|how do i report|"
    r"where do i report|where can i report|can i report|i want to report|"
    r"i would like to report|i need to report|how to report|report to police|"
    r"report to the police) $"
)
_VICTIM_PAST = _rx(
    r" (?:(?:was|were|been|got|has been|have been|had|get|gets|keep getting) "
    r"(?:stolen|robbed|burgled|mugged|broken into|vandalised|vandalized|keyed|smashed|damaged|"
    r"scammed|defrauded|conned|hacked|attacked|assaulted|threatened|harassed|pickpocketed|"
    r"taken|broke into|snatched|spiked|groped|nicked|pinched|swiped|punched|kicked|beaten up|"
    r"battered|glassed|headbutted|slapped|jumped|forced|forced open|kicked in|jemmied)|"
    r"(?:sawn|cut|ripped) off (?:my|our|the|his|her)|"
    # the state it was left in: "somebody take our dog from the garden, the side gate is forced
    # open"
    r"(?:gate|door|window|lock|shed|garage) (?:is|are) (?:forced|smashed|kicked|broken|jemmied) "
    r"(?:open|in)|"
    r"(?:had|got) (?:my|our|his|her) (?:\w+ ){1,2}(?:stolen|nicked|pinched|swiped|snatched|taken|"
    r"pickpocketed|lifted|robbed|"
    r"smashed|keyed|broken into|vandalised|damaged|slashed)|"
    r"(?:being|getting) (?:scammed|defrauded|conned|hacked|harassed|threatened|blackmailed)|"
    r"(?:keeps|keep) (?:threatening|harassing|abusing|intimidating) (?:me|us|my)|"
    r"(?:trying to|tried to) (?:scam|con|defraud|blackmail) (?:me|us|my)|"
    r"(?:using|used|stole) my (?:credit card|bank card|card|identity|bank details)|"
    # taken by someone trusted, in everyday words: "her carer has been helping herself to cash
    # from her purse"
    r"(?:been|keeps|keep|was|were|is|are) helping (?:himself|herself|themselves|themself) to "
    r"(?:\w+ ){0,3}(?:money|cash|savings|pension|jewellery|jewelry|purse|wallet|bank card|card)|"
    # credit taken out in the teller's name: "someone open 2 credit card with my name"
    r"(?:someone|somebody|they|he|she|scammers?|fraudsters?|criminals|a man|a woman|people) "
    r"(?:has |have |had )?(?:open|opened|opens|took out|taken out|take out|takes out|"
    r"applied for) (?:\w+ ){0,3}(?:credit cards?|"
    r"loans?|accounts?|bank accounts?|phone contracts?|contracts?|mortgages?) (?:in|with|on|"
    r"using|under) my (?:name|details|identity|address)|"
    # told in the present, as many residents whose first language is not English tell it: "my
    # cycle is stolen from outside the leisure centre"
    r"(?:my|our) (?:\w+ ){0,2}(?:is|are) (?:stolen|robbed|burgled|broken into|snatched|nicked)|"
    # parts thieves take, told tersely: "catalytic converter gone", "number plates missing"
    r"(?:catalytic converter|cat converter|number plates?|alloy wheels|wing mirrors?) "
    r"(?:is |are |has |have |all )?(?:gone|missing|cut off|sawn off)|"
    # a stranger watching children: "one man sit in parked car opposite the school gate, only
    # watching the children" (happening now, with a place, the emergency rules' job)
    r"(?:man|men|guy|bloke|stranger|someone|somebody|woman) (?:\w+ ){0,16}?(?:watching|"
    r"staring at|filming|photographing) (?:the |our |my |young |little |school )?(?:children|"
    r"kids|pupils|schoolkids|schoolgirls|girls|boys)|"
    # followed home, told with when: "a bloke followed me off the 258 last tuesday" (without a
    # date it may be going on: "3 men followed me out the station, every time i speed up...")
    r"(?:someone|somebody|a man|a guy|a bloke|a lad|a woman|a stranger|some \w+|two \w+|"
    r"three \w+|he|she|they) followed (?:me|us|my \w+)(?: \w+){0,14} (?:last (?:night|week|"
    r"weekend|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|"
    r"\w+ (?:days|weeks|months) ago|the other (?:day|night)|on (?:mon|tues|wednes|thurs|fri|"
    r"satur|sun)day)|"
    # a threat told without the word: "say he know where i live and i will regret"
    r"(?:he|she|they|someone|somebody|man|guy|bloke|people) (?:\w+ )?(?:know|knows|knew|"
    r"found out|has found out|have found out) where (?:i|we) (?:live|stay|work)|"
    # a worker's documents held: a sign of forced labour ("the boss keeps his passport")
    r"(?:boss|bosses|employer|gangmaster|manager|landlord|he|she|they) (?:is |are )?(?:keeps|keep|"
    r"kept|keeping|took|takes|taken|has|have|holds|holding|wont give back|will not give back) "
    r"(?:his|her|their|my|our) (?:passports?|id|documents|papers|visa)|"
    # hands to the neck: a strangling told after it happened (now, it is the emergency rules')
    r"(?:hands?|arm) (?:round|around|on|at) (?:my|her|his) (?:neck|throat)|"
    r"(?:strangled|choked|throttled) (?:me|her|him)|"
    r"(?:a|their|his|her|the) dog (?:attacked|bit) (?:me|us|my)|"
    r"(?:someone|somebody|they|thieves|a thief|a man|a woman|people|kids|youths|he|she|lads|"
    r"boys|men|a gang|a group|(?:a|some|two|three) (?:lad|lads|bloke|blokes|guy|guys|boy|boys|"
    r"kids|youths|teenagers|men)|(?:the )?same (?:man|woman|lad|guy|bloke|kids|boys|girl)) "
    r"(?:(?:has|have|had) )?"
    r"(?:stole|snatched|grabbed|took|robbed|burgled|mugged|broke into|broken into|smashed|keyed|"
    r"damaged|"
    r"vandalised|scammed|attacked|assaulted|threatened|spray painted|slashed|spiked|groped|"
    r"stolen|nicked|pinched|swiped|punched|kicked|battered|"
    r"exposed himself to|exposed herself to) "
    r"(?:from )?(?:my|our|me|us|the|his|her)|"
    r"(?:i|we) (?:was|were|have been|got|been) (?:a victim|the victim|victim)|"
    # a way forced in, told after: "two men forced their way in last week and took the tv"
    # (still inside, it is the emergency rules')
    r"forced (?:their|his|her|the|a) way (?:in|into)|kicked (?:the|my|our) (?:front |back )?"
    r"door in|kicked in (?:the|my|our) (?:front |back )?door|"
    # "my daughter says a teacher touched her inappropriately at school"
    r"(?:touched|touching|groped|molested|abused) (?:me|us|her|him|them|my \w+)(?: \w+)? "
    r"(?:inappropriately|sexually|in (?:a|an) (?:sexual|inappropriate|wrong) way|"
    r"(?:on|under) (?:her|his|my|their) (?:private|privates|clothes|skirt|top))|"
    # hurt by someone the teller knows, after it happened: "my neighbour hit me during an
    # argument yesterday" is an assault to report, not a dispute for the council's mediators
    # ("hit the roof", "pushed my shift back": only a person can be the one hit or pushed)
    r"(?:he|she|they|(?:(?:my|our|the|a|an) (?:\w+ )?)?(?:partner|husband|wife|boyfriend|"
    r"girlfriend|ex|fiance|fiancee|neighbour|neighbours|flatmate|housemate|landlord|landlady|"
    r"lodger|tenant|colleague|coworker|boss|manager|customer|passenger|bouncer|security guard|"
    r"brother|sister|cousin|uncle|aunt|auntie|stepdad|step dad|stepmum|step mum|"
    r"(?:brother|sister|father|mother|son|daughter) in law|(?:man|woman|guy|lady|bloke|lad|"
    r"family|people) (?:next door|upstairs|downstairs|opposite)))"
    r"(?: \w+){0,2}? (?:hit|punched|slapped|kicked|pushed|shoved|attacked|assaulted|"
    r"headbutted|head butted|bit|beat up|beat|battered|spat at|spat on|strangled|choked|"
    r"threatened to (?:kill|stab|hurt|beat|smash|burn|shoot|knife|cut)|"
    # the threat in their words: "i asked him to turn it down and he said he would stab me"
    r"(?:said|says|say|told me|told us) (?:that )?(?:he|she|they) (?:would|will|ll|d|is going "
    r"to|s going to|are going to|re going to|gonna|was going to|were going to) (?:kill|stab|"
    r"hurt|beat up|beat|smash|burn|shoot|knife|cut|batter)) "
    rf"(?:me|us|(?:my|our) {_KIN})"
    # said in jest of lateness: "my boss said he would kill me if i was late again"
    r"(?! if (?:i|we|you) (?:\w+ ){0,2}(?:late|forget|forgot))"
    # "pushed me to apply for the job" is encouragement; "pushed me to the ground" is not
    r"(?! (?:to|into) (?!the |a |an |my |his |her |our )\w+)|"
    # a missile at one's home or car: "threw a brick at my car after we argued"
    r"(?:threw|thrown|chucked|lobbed) (?:(?:a|an|some|the|two|three|\d+|big|huge|lit) )?"
    r"(?:bricks?|stones?|rocks?|bottles?|eggs?|fireworks?|paint|acid|bleach|glass|glasses|cans?|"
    r"chairs?|hammers?|knife|knives|something|things|stuff|drinks?|milkshakes?|petrol) "
    r"(?:at|through|over) (?:me|us|my|our)|"
    # told tersely, with no one in it: "garden shed broken into in north harrow, tools gone"
    r"(?:shed|garage|car|van|lorry|house|flat|home|office|shop|locker|allotment|caravan)"
    r"(?: (?!being|getting|get|be )\w+){0,4} (?:broken into|broke into|forced open|done over|"
    r"ransacked)|"
    # paid and the seller vanished: "paid 600 for a puppy online and they ve vanished"
    r"(?:paid|sent|transferred|gave) (?:\w+ ){0,8}?(?:and|but|then) (?:now )?(?:they|he|she|"
    r"the \w+) (?:have |has |had |"
    r"ve |s )?(?:vanished|disappeared|gone quiet|blocked me|blocked us|stopped replying|"
    r"never (?:sent|delivered|arrived|turned up|showed up|replied))|"
    r"(?:there has been|there was) (?:a )?(?:break in|burglary|robbery|theft|mugging)|"
    r"drug dealing|dealing drugs|selling drugs|drug dealers?|"
    # seen photographing children, or filming up a skirt: for 101 to know about
    r"(?:(?:a|an|some|this|that|the same) (?:\w+ )?(?:man|men|guy|guys|bloke|stranger|woman|"
    r"fella|geezer)|someone|somebody) (?:\w+ ){0,12}?(?:(?:taking|took|filming|filmed|recording) "
    r"(?:photos|pictures|pics|videos?|footage) of|filming|filmed|photographing|photographed) "
    r"(?:the |my |our |young |little |school )?(?:kids|children|girls|boys|pupils|schoolkids)|"
    r"(?:filming|filmed|photographing|photographed|taking pictures) (?:up|under) (?:\w+ ){0,2}"
    r"(?:skirts?|dresses?)|upskirting|"
    # a witness to danger that is over: "saw a lad with a gun in his waistband yesterday",
    # "heard what sounded like gunshots last night" (danger now is the emergency rules' job)
    r"(?:saw|seen|spotted|noticed) (?:someone|somebody|(?:a|an|some|this|two|three|a few) "
    r"(?:\w+ ){0,2}(?:lad|lads|man|men|guy|guys|bloke|blokes|boy|boys|youth|youths|kid|kids|"
    r"person|people|woman|women|girl|girls|gang|group|teenager|teenagers|fella|geezer)) "
    r"(?:\w+ ){0,3}(?:with|carrying|holding|waving) "
    r"(?:what looked like |what looks like |what i think was )?"
    r"(?:a |an )?(?:guns?|knife|knives|machetes?|blades?|weapons?|firearms?|zombie knife|"
    r"crossbows?)(?!(?: \w+){0,4} (?:on (?:tv|the news|tiktok|youtube|instagram|telly)|in (?:a|"
    r"the) (?:film|video|movie)))|"
    r"(?:heard|hear) (?:what sounded like |what sounds like |what i think were )?(?:\d+ |two |"
    r"three |four |five |a few |some |several )?(?:gunshots|gun shots|gun shot|shots fired|"
    r"a gunshot|a gun shot|shots)) "
)
# A theft told tersely, first: "phone stolen and find my shows it near northwick park"
_TERSE_THEFT = _rx(
    r"^ (?:my )?(?:phone|mobile|iphone|bike|car|van|wallet|purse|bag|handbag|laptop|scooter|"
    r"moped|passport|keys) (?:was |got |has been )?(?:stolen|nicked|snatched|pinched|"
    # "car taken off the drive in the night", "phone swiped off my table in costa", "purse gone
    # from my bag on the bus"
    r"(?:taken|swiped|lifted|nicked|pinched) (?:off|from|out of)|gone (?:from|out of) (?:my|her|"
    r"his|our) (?:bag|handbag|pocket|coat|jacket|rucksack|backpack|locker|car|van)) |"
    # damage found: "all 4 tyres of my car is cut and scratched"
    r"^ (?:\w+ ){0,8}(?:tyres|tires) (?:\w+ ){0,4}(?:is |are |was |were |got |have been |"
    r"been )?(?:cut|slashed|punctured|let down|stabbed) |"
    # a witness: "witnessed a hit and run on honeypot lane yesterday"
    r"^ (?:i )?(?:witnessed|saw|seen) (?:a |the )?(?:hit and run|hit n run|crash|robbery|mugging|"
    r"assault|fight|stabbing|theft|break in|burglary)(?! (?:on (?:tv|the news|tiktok|youtube)|"
    r"in (?:a|the) (?:film|video|movie))) |"
    # money gone to a scam, told in notes: "ps5 scam on insta, paid 350, blocked"
    r"^ (?:\w+ ){0,3}scam(?: \w+){0,4} (?:paid|sent|transferred|lost) (?:them |him |her )?\d+ |"
    # what was taken, all of it: "thief take all my tools from van in night", "... last week,
    # all the gold jewellery gone"
    r"^ (?:\w+ ){0,3}(?:take|took|taken|stole|steal|nick|nicked) all (?:my|our|the|his|her) "
    r"(?:tools|jewellery|jewelry|gold|stuff|things|money|cash|equipment) (?:from|out of|off) |"
    r"^ (?:\w+ ){0,12}all (?:the |my |our |her |his )?(?:gold )?(?:jewellery|jewelry|tools|cash|"
    r"savings) (?:is |are |was |were |has been |have been )?(?:gone|taken|stolen|nicked) "
)
_NOT_REPORT = _rx(
    # a message that opens with "if" supposes: "if someone broke into my house could i...",
    # as does "what do i do if someone grabbed my bag"
    r"^ if | (?:do|should|would|can) (?:i|we|you) (?:do )?if | happens if | to do if |"
    # and others' what-ifs: "what should my staff look out for if a customer's been spiked"
    r" (?:do|should|would|can) (?:my|our|the) (?:\w+ )?(?:staff|team|workers|employees|"
    r"colleagues|kids|children|students|pupils|members|volunteers) (?:do|look out for|look for|"
    r"watch for|watch out for) if |"
    r" can (?:someone|somebody|anyone|they|people|scammers|criminals) |"
    rf"{_WHENEVER}|"
    r" (?:stats|statistics|figures|data|how many|how much|rate|rates|trend|"
    r"trends|going up|rising|prevention|tips|advice|how do i stop|"
    r"how can i stop|protect|"
    # prevention asked after the story: "shed broken into twice, what can i do to stop it"
    r"(?:i|we) do to (?:stop|prevent)|(?:stop|prevent) (?:it|this|that) (?:happening|again)|"
    # a fear for the future, not a story: "worried my dad might get scammed"
    r"(?:might|may|could|will|would|gonna|going to) (?:get|be|fall for|end up)|in case|what if|"
    # kept from happening: "best lock so my bike does not get stolen"
    r"so (?:that )?(?:\w+ ){1,2}(?:does not|do not|will not|is not|are not|never) (?:gets?|be) "
    r"(?:stolen|nicked|taken|robbed|broken into|burgled|pinched|scammed)|"
    # arrested, in slang: "my brother got nicked by the feds"
    r"(?:got|been|was|were|get|gets) (?:nicked|stolen|lifted|pulled|picked up) by (?:the )?"
    r"(?:police|feds|cops|old bill|coppers|met|law|boys in blue)|"
    # a figure of speech: "robbed by the ref", "daylight robbery"
    r"by the (?:ref|referee|umpire|bookies)|daylight robbery|police and robbers) "
)

# Every word the rules spell out: the fuzzy match and the letter squeezing leave these alone.
_KNOWN: frozenset[str] = _vocabulary() | frozenset(
    word
    for pattern in (
        *(p for _, p in _STRONG if p is not None),
        *(p for _, p in _WEAK),
        *(p for _, p in (*_MISSING, *_LASTING)),
        _NOW_PLACE,
        _HYPO_FRAME,
        _HYPO_TOPIC,
        _PAST,
        _CRASH,
        _INJURY,
        _REPORT,
        _VICTIM_PAST,
        _HELP_URGENT,
    )
    for word in re.findall(r"(?<![\\?])\b[a-z]{2,}\b", pattern.pattern)
)
_FUZZY_SET: frozenset[str] = frozenset(FUZZY_VOCAB)

# ------------------------------------------------------------------------------------------------
# The verdict
# ------------------------------------------------------------------------------------------------


_NOW_AFTER_FRAME = _rx(
    r" (?:right now|as we speak|at the moment|currently|just (?:tried|heard|sent|saw|seen|"
    r"started|came|got|said|broke|pulled|grabbed|hit|punched|kicked)|is (?:now|still) "
    r"(?:outside|here|there|inside|in|at|on)|(?:he|she|they) (?:is|s|are) back(?: again)? now|"
    # the supposing explained away: "... cos mine is in flames now", "what if i told you"
    r"(?:cos|because|coz|cause) (?:there is|mine is|ours is|he is|she is|they are|it is|"
    r"my \w+ is|our \w+ is)|"
    # the question's reason, a scene: "is it illegal to carry a machete? asking cos the guy on
    # the bus opposite me has one out"
    r"(?:asking|i ask|i am asking|im asking) (?:because|as|since) (?:the|a|this|that|some|there)"
    r" (?:\w+ ){0,8}(?:has|have|is|are|got)|"
    r"(?:asking|i ask) (?:because|as) (?:im|i am|i m|we are|were) (?:up here|in here|here|stuck|"
    r"locked|trapped)|"
    # what the threatener is doing now, told after the threat's condition: "said if i leave
    # he'll kill me and the kids tonight and now he's in the garage sharpening something"
    r"and now (?:he|she|they) (?:is|s|are|re) (?:in (?:the|his|her|their) \w+ )?(?:sharpening|"
    r"getting|fetching|grabbing|looking for|loading|filling)|"
    r"i told you) "
)
# Asking whether what is going on counts: "would it be an emergency if my stepdad is drunk and
# chasing my mum round the kitchen with a knife"
_COUNTS_IF_NOW = _rx(
    r" (?:would it be|is it|would that be|is that|would this be|is this) (?:considered |classed "
    r"as |counted as )?(?:an emergency|a crime|normal|wasting (?:police|your) time|ok|okay) if"
    r"(?: \w+){1,6} (?:is|are) (?:\w+ )?(?:and )?(?:chasing|hitting|attacking|kicking|punching|"
    r"beating|stabbing|strangling|choking|holding|dragging|threatening|banging|smashing|waving|"
    r"trying to (?:get|break|kick))"
)


def _framed(clause: str, start: int) -> bool:
    """Whether a how-to or hypothetical frame governs the danger found at ``start``."""
    frame = None
    for found in _HYPO_FRAME.finditer(clause):
        if found.start() >= start:
            break
        frame = found
    if frame is None:
        return False
    # told as happening after all: "is it normal that a man has sat outside for an hour and he
    # just tried my door", "what if someone is in my garden right now with a torch"
    if _NOW_AFTER_FRAME.search(clause, frame.end() - 1) or _COUNTS_IF_NOW.search(clause):
        return False
    if _HOWTO_FRAME.fullmatch(frame.group(0)):
        between = clause[frame.end() : start].split()
        if between and between[-1] not in _OBJECT_LINK and _SUBJECT_START.match(clause, start):
            return False
    # "need advice my husband is hitting me", "is it safe to go out theres a man with a gun":
    # a frame that asks without supposing does not govern a new clause told after it
    if _ASKING_FRAME.fullmatch(frame.group(0)):
        told = clause[frame.end() - 1 : start + 1]
        if _NEW_CLAUSE.search(told) and not _SUPPOSING_WORD.search(told):
            return False
    return True


def _candidates(
    clause: str, now_override: bool, past: bool, found_again: bool = False, reporting: bool = False
) -> list[tuple[str, int]]:
    """Every rule that fires in ``clause``, in priority order, with where its match starts.

    For a message about the recent past (``past``) only a person still missing (not one the
    message says was found again) or pills or poison taken, which go on working, count. A
    message asking how to report what it tells (``reporting``) tells of a break-in that is over:
    a thief's words and a place ("van broken into outside my house, tools gone, how do i
    report") are not one happening now."""
    found: list[tuple[str, int]] = []
    for reason, pattern in (*(() if found_again else _MISSING), *_LASTING):
        missing = pattern.search(clause)
        if missing is not None:
            found.append((reason, missing.start()))
    if past:
        return found
    crash = _CRASH.search(clause) if _INJURY.search(clause) else None
    for reason, strong in _STRONG:
        match = strong.search(clause) if strong is not None else crash
        if match is not None:
            found.append((reason, match.start()))
    found += told_by_signs(clause)  # two signs of one danger, in any words
    # Said to be over ("he is ok now"), only what is told after that can be danger now: "he is
    # ok now but she is bleeding". "... but he is still outside" carries it all into the present.
    over = None
    if not now_override and not _CLAUSE_OVERRIDE.search(clause):
        over = _OVER.search(clause)
    start = over.end() - 1 if over is not None else 0
    told = clause[start:]
    weak: tuple[tuple[str, re.Pattern[str]], ...]
    if now_override or _NOW_PLACE.search(told):
        weak = _WEAK
    elif _NOW_PROGRESSIVE.search(told):
        weak = tuple((r, p) for r, p in _WEAK if r not in _NEEDS_PLACE)
    else:
        weak = ()
    for reason, pattern in weak:
        if reporting and reason == "break-in-now" and not now_override:
            continue
        match = pattern.search(clause, start)
        if match is not None:
            found.append((reason, match.start()))
    return found


# Where someone was met, or how word came, is not what the message is about: "a man she met
# online" or "she messaged me on instagram saying she will kill herself" is no more about the
# internet than "a man she met in town" or "she told me".
_MET_ONLINE = re.compile(
    r" (?:met|meet|meeting|messaged|message|messages|messaging|texted|text|posted|posting|sent|"
    r"reading|read|checking|checked|went through|going through|looking through|"
    r"send|sends|dm|dmd|dmed|wrote|put|said|says|saying|called|rang|facetimed|video called)"
    r"(?: \w+){0,4} (?:(?:on|in|over|via|through|by|a|an|from|off) (?:an? )?)?(?:online|app|apps|"
    r"instagram|insta|snapchat|"
    r"snap|tiktok|facebook|fb|whatsapp|social media|dating app|group chat|twitter|messenger|"
    r"facetime|roblox|discord|fortnite|minecraft|xbox|playstation|a game)(?= )"
)


# Threats sent by message are reported (online harassment), not a call for 999: the channel
# stays in them ("my ex keeps sending threatening messages on whatsapp saying he'll come round").
_THREAT_SENT = re.compile(r" (?:threat|threats|threaten|threatens|threatening|threatened)(?= )")


def _how_word_came(clause: str) -> str:
    return clause if _THREAT_SENT.search(clause) else _MET_ONLINE.sub(" ", clause)


def _match_clause(
    clause: str, now_override: bool, past: bool, found_again: bool = False, reporting: bool = False
) -> str | None:
    """The reason of the first rule that fires in ``clause`` and survives its vetoes."""
    overridden = now_override or bool(_CLAUSE_OVERRIDE.search(clause))
    turn = _turn_at(clause)
    topic_before = not overridden and bool(_HYPO_TOPIC.search(_how_word_came(clause[:turn])))
    topic_after = not overridden and bool(_HYPO_TOPIC.search(_how_word_came(clause[turn:])))
    if topic_after:
        return None
    for reason, start in _candidates(clause, now_override, past, found_again, reporting):
        if topic_before and start < turn:
            continue  # the topic asked about before the turn is this danger's
        if overridden:
            return reason
        veto = _REASON_VETO.get(reason)
        if not _framed(clause, start) and (veto is None or not _vetoes(veto, clause, start)):
            return reason
    return None


# Someone named between an animal and the danger is the one in it: "thought it was the fox at
# the bins again but there's a man lying on my drive covered in blood".
_PERSON_NAMED = _rx(rf" (?:{_PERSON}|{_KIN}|bloke|gentleman|pensioner|jogger|runner|walker) ")


def _vetoes(veto: re.Pattern[str], clause: str, start: int) -> bool:
    """Whether ``veto`` rules out the danger found at ``start``. An animal does not when a
    person is named after it and at or before the danger."""
    for match in veto.finditer(clause):
        animal = _ANIMAL.fullmatch(match.group(0))
        if animal is None or not _PERSON_NAMED.search(clause, match.end() - 1, start + 12):
            return True
    return False


# Where a clause turns from what the resident meant to ask ("was going to ask about the youth club
# stats but there's a dog attacking a kid"): the topic asked about is not the scene's.
_CLAUSE_TURN = _rx(r" (?:but|anyway|anyways|on another note|btw|by the way|omg|actually|because) ")


def _turn_at(clause: str) -> int:
    """Where the clause's last turn starts (0 if it has none: the topic then covers it all)."""
    turns = list(_CLAUSE_TURN.finditer(clause))
    return turns[-1].start() if turns else 0


# A single danger word, shouted ("FIRE!!!", "KNIFE", "intruder!") rather than asked ("knife?").
_SHOUTED: dict[str, str] = {
    "fire": "fire",
    "knife": "weapon",
    "knives": "weapon",
    "gun": "weapon",
    "guns": "weapon",
    "machete": "weapon",
    "gunman": "weapon",
    "intruder": "break-in-now",
    "intruders": "break-in-now",
    "burglar": "break-in-now",
    "burglars": "break-in-now",
    "fight": "violence-now",
    "stabbing": "violence-now",
    "shooting": "violence-now",
    "murder": "danger",
    "rape": "violence-now",
    "police": "urgent-help",
    "ambulance": "medical",
    "emergency": "urgent-help",
    "danger": "danger",
    "spiked": "spiking",
    "flasher": "sexual-offence",
}


def _shouted(raw: str, words: list[str]) -> str | None:
    if not 1 <= len(words) <= 3 or len(set(words)) != 1 or "?" in raw:
        return None
    if "!" in raw or (raw.isupper() and len(raw) >= 3):
        return _SHOUTED.get(words[0])
    return None


def _whole(clauses: list[str]) -> str:
    """The message as one clause, padded like each clause, for patterns that read all of it."""
    return " " + " ".join(c.strip() for c in clauses) + " "


def _told_now_before_the_past(
    clauses: list[str], dating: str, found_again: bool, reporting: bool
) -> str | None:
    """The reason a part of a message told in the present gives, read without the message's
    date: "my dad isnt breathing, he had a heart attack last year", "he is beating her, he did it
    last week too", "we moved here last year, theres a man trying to get in my back door" and "i
    called 101 yesterday and now he has a knife" tell of danger now. After a dated story, a part
    in the present that says "still" or looks ahead is its aftermath ("... yesterday, my wrist
    is hurt and im still shaking", "... every weekend, someones gonna die"), unless it says now.
    """
    parts = [f" {p.strip()} " for c in clauses for p in _NOW_BREAK.split(c) if p.strip()]
    if len(parts) < 2:
        return None
    # Dated only by a habit ("the bars kick out at 1, theres fights"), a part in the present told
    # after it tells of the habit, unless it is told as going on or now.
    habit = not _PAST.search(_HABIT_DATE.sub(" ", dating))
    dated = False
    fresh = False  # told as minutes old: "a few minutes ago there was a thud, her screaming
    # stopped dead" tells of now, though the message began "I moved here last year"
    for part in parts:
        if _MINUTES_AGO.search(part):
            fresh = True
        if fresh and not _PAST.search(part):
            reason = _match_clause(part, False, False, found_again, reporting)
            if reason is not None:
                return reason
            continue
        fresh = False
        if _PAST.search(part) or _TOLD_PAST.search(part):
            dated = True
        elif habit and dated and not (_NOW_PROGRESSIVE.search(part) or _NOW_WORD.search(part)):
            continue
        elif _TOLD_NOW.search(part) and (
            not dated
            or _NOW_WORD.search(part)
            or _JUST_DONE.search(part)
            or not _AFTERMATH.search(part)
        ):
            reason = _match_clause(part, False, False, found_again, reporting)
            if reason is not None:
                return reason
    return None


# Words shouted in a game, told anywhere in the message: "he is playing a game where he keeps
# yelling 'hes got a gun' into his headset" (the quoted cry is a clause of its own).
_IN_A_GAME = _rx(
    r" in (?:minecraft|fortnite|roblox|gta|call of duty|fifa|the game|a game) |"
    r" (?:playing|plays|played) (?:a |the |his |her |their |on |on the |on his |on her )?(?:\w+ )?"
    r"(?:game|games|video game|fortnite|minecraft|roblox|gta|call of duty|cod|xbox|playstation|"
    r"ps5|ps4|switch)|(?:into|on) (?:his|her|their|the) headset|over the mic|on the mic |"
    r" at (?:his|her|their|the) (?:xbox|playstation|ps5|ps4|switch|console|game|computer) "
)
_GAME_REASONS = frozenset({"weapon", "weapon-out", "danger", "violence-now"})


# A supposing answered in the next clause: "what if hes already in the garden? cos he is".
_SUPPOSING_ANSWERED = _rx(
    r" (?:because|cos|coz|which|and|well) (?:he|she|they|someone|somebody|there) (?:is|are)"
    r"(?: actually| really| already| now| right now)? "
)


def _answered(clauses: list[str]) -> list[str]:
    """The clauses with a supposing that the next clause answers told as happening now."""
    told = list(clauses)
    for n in range(1, len(told)):
        if _SUPPOSING_ANSWERED.fullmatch(told[n]):
            told[n - 1] = told[n - 1] + "right now "
    return told


# A clause that turns to another subject: what follows it is read apart from what came before,
# whose question does not frame it ("how to appeal a parking ticket. one more thing, my
# neighbour fell down in the bathroom just now ... she is not answering").
_TURN_START = _rx(
    r"^ (?:also|anyway|anyways|btw|by the way|one more thing|another thing|on another note|oh "
    r"and|oh also|and also|ps|p s|separately|unrelated but|different question|actually) "
)


def _tails(clauses: list[str]) -> list[str]:
    """The rest of the message from each clause that turns to another subject, as one clause."""
    return [
        _whole(clauses[n:]) for n in range(1, len(clauses) - 1) if _TURN_START.match(clauses[n])
    ]


def _emergency(raw: str, clauses: list[str]) -> str | None:
    clauses = _answered(clauses)
    whole = _whole(clauses)
    shouted = _shouted(raw, whole.split())
    if shouted is not None:
        return shouted
    help_now = _urgent_help(raw, clauses, whole)
    calm = (
        _SAFE_NOW.search(whole) or _SCAM_QUOTED.search(whole) or _THREATS_KEEP_COMING.search(whole)
    )
    if not help_now and calm and not _MESSAGE_OVERRIDE.search(whole):
        return None
    if any(p.search(whole) for p in _WHATEVER_THE_DATE):
        return "danger"
    past = False
    carried = _CARRIED.search(whole)
    found_again = not help_now and bool(_FOUND_AGAIN.search(whole))
    # asking how to report what it tells ("... tools gone, how do i report"), or wishing to
    reporting = not _MESSAGE_OVERRIDE.search(whole) and bool(
        REPORT_ASK.search(whole) or any(map(_REPORT_WISH.match, clauses))
    )
    dating = _OTHER_DATES.sub(" ", whole)
    now = help_now or bool(_MESSAGE_OVERRIDE.search(whole)) or bool(carried)
    if not now and _PAST.search(dating):
        reason = _told_now_before_the_past(clauses, dating, found_again, reporting)
        if reason is not None:
            return reason
        if _PAST.search(_PAST_RECENT.sub(" ", dating)):
            return None  # something older than today: not an emergency now
        past = True
    in_a_game = not help_now and bool(_IN_A_GAME.search(whole))
    for clause in (*clauses, *_tails(clauses), whole) if len(clauses) > 1 else clauses:
        reason = _match_clause(clause, help_now, past, found_again, reporting)
        if reason is not None and not (in_a_game and reason in _GAME_REASONS):
            return reason
    return "urgent-help" if help_now else None


def _assess(text: str) -> SafetyVerdict:
    raw, clauses = _prepare(text)
    if not clauses:
        return NONE_VERDICT
    reason = _emergency(raw, clauses)
    if reason is not None:
        return SafetyVerdict(Verdict.EMERGENCY, reason)
    whole = _whole(clauses)
    if _FOLLOW_UP.search(whole):
        return NONE_VERDICT
    if _REPORT.search(whole) or _REPORT_BARE.match(whole) or _REPORT_WISH.match(whole):
        return REPORT_VERDICT
    # the wish said last: "back door forced, jewellery gone, want to report"
    wish = any(map(_REPORT_WISH.match, clauses[1:]))
    told = _VICTIM_PAST.search(whole) or _TERSE_THEFT.match(whole)
    if (wish or told) and not _NOT_REPORT.search(whole):
        return REPORT_VERDICT
    if _ANONYMOUS.search(whole) and _CRIME_WORD.search(whole):
        return REPORT_VERDICT
    if _TELL_ABOUT.search(whole) and _CRIME_WORD.search(whole) and not _NOT_REPORT.search(whole):
        return REPORT_VERDICT
    if _KNOWS_WHO.search(whole) and not _NOT_REPORT.search(whole):
        return REPORT_VERDICT
    return NONE_VERDICT


def _whole_of(text: str) -> str:
    """A message prepared as the rules read it, as one clause; "" for no text."""
    if not isinstance(text, str) or not text:
        return ""
    return _whole(_answered(_prepare(text)[1]))


def follows_up(text: str) -> bool:
    """Whether a message tells how a report already made went ("nobody rang me back after I
    reported it"): a follow-up for the team, not a new crime to report, whoever reads it."""
    return bool(_FOLLOW_UP.search(_whole_of(text)))


def _past(whole: str) -> bool:
    today = _TODAY.search(_STILL_FELT.sub(" ", whole))
    return bool(_ENDED.search(whole)) or (not today and bool(_OLDER.search(whole)))


def told_as_past(text: str) -> bool:
    """Whether a message tells of something over: dated before today with nothing that carries
    it into the present ("he is still outside"), or said to be over ("he's long gone"). A scene
    from months ago, or one that has ended, is not a call for 999 now."""
    whole = _whole_of(text)
    return bool(whole) and not _MESSAGE_OVERRIDE.search(whole) and _past(whole)


def reflects(text: str) -> bool:
    """Whether a message thinks a scene over ("saw a woman with a black eye earlier, it's been
    bugging me") rather than tells of one happening."""
    whole = _whole_of(text)
    return bool(whole) and not _MESSAGE_OVERRIDE.search(whole) and bool(_REFLECTIVE.search(whole))


# Watched on a screen: "watching a film where the girl is on the bridge about to jump"; or
# explained as something else: "'im gonna end it' about his girlfriend lol he means dumping her"
_ON_SCREEN = _rx(
    r" (?:watching|watched|in) (?:a|the|this|that) (?:film|movie|show|series|programme|episode|"
    r"documentary|soap|drama)(?: where| when| in which| about)? | (?:means|meant|meaning) "
    r"(?:dumping|breaking up with|finishing with|splitting up with|ending it with|leaving) "
)
# Something to be put right by whoever runs it: "whoever runs the front counter, the door is
# impossible in a wheelchair and nobody came to help. please sort it"
# Gone now: "drunk man was shouting in the street an hour ago but hes gone now, quiet again"
_LEFT_NOW = _rx(
    r" (?:he is|she is|they are|he s|she s|they re) (?:gone|long gone|gone home) now | (?:all )?"
    r"quiet again |"
    # a habit told, then its absence now: "sits on the outside of the railings most evenings.
    # not there right now"
    r"^ (?:he is |she is |they are |he s |she s |they re )?not (?:there|here|around) (?:right )?"
    r"now "
)
_TO_PUT_RIGHT = _rx(
    r" whoever (?:runs|is in charge of|manages|looks after) | (?:please |pls |plz )?(?:sort|fix) "
    r"(?:it|this|that)(?: out)?(?: please| pls| plz)? $|"
    # asked first: "plz sort the lighting on the path down to the station, girls are scared"
    r"^ (?:please |pls |plz )?(?:sort|fix) (?:out )?(?:the|our|this|that) "
)
# A neighbour not seen for days, told by the signs of it: a worry for their welfare, whose
# answer starts with the 999 line for someone hurt inside (the rules still read a fall seen or
# heard): "I don't see him 5 days, curtains always closed, no answer when I knock"
_UNSEEN_FOR_DAYS = _rx(
    # (not with a sign of someone inside: "TV is loud and bad smell is coming")
    r"^(?!.* (?:smell|smells|smelling|stink|stinks|stench|tv|television|radio|light|lights|"
    r"hear|heard|hearing|lying|on the floor|groaning|moaning|calling|crying|barking|whining|"
    r"flies|can see (?:him|her|them|someone|a body)|blood) ).* (?:(?:not|haven t|have not|"
    r"hasn t|has not|didn t|did not|don t|do not|no one has|nobody has|not been) (?:seen|see|"
    r"heard from|heard|answered|answer)(?: \w+){0,3} (?:for |in |since )?(?:\d+|two|three|four|"
    r"five|six|seven|several|a few|few|many|some) (?:days|day)|"
    r"curtains (?:have been |are |been |always |still |all )?(?:closed|shut|drawn)(?: \w+){0,3} "
    r"(?:for |since )?(?:\d+|two|three|four|five|six|several|a few|few|days|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)|"
    r"(?:milk|post|letters|papers|newspapers|parcels|bottles) (?:piling|building|stacking|"
    r"stuck|still)) "
)
_AT_A_DISTANCE = (
    _REFLECTIVE, _HABITUAL, _NIGHT_AFTER_NIGHT, _MEANT_TO_BURN, _SAFE_NOW, _DOSE, _CAME_TO_LIGHT,
    _SCAM_QUOTED, _ON_SCREEN, _NOT_AT_RISK, _CAMERA_AIMED, _WELL_AGAIN, _IN_A_GAME, _EXPLAINED,
    _TO_PUT_RIGHT, _LEFT_NOW, _THREATS_KEEP_COMING, _UNSEEN_FOR_DAYS,
)  # fmt: skip


def at_a_distance(text: str) -> bool:
    """Told as past or over, or thought over (:func:`told_as_past`, :func:`reflects`), or said
    not to be happening now, or told as happening every night or at all hours, likened to
    danger or foreseen ("sounds like gunshots", "someone will fall in"), smoke from a fire
    lit on purpose (a bonfire), or told by how it came to light afterwards (a recording, things
    found missing, a stolen device traced, a home found broken into), read in one pass: the
    emergency net then needs to be near certain. The rules do not ask: danger they name gets 999
    whatever the tense or tone."""
    whole = _whole_of(text)
    if not whole or _MESSAGE_OVERRIDE.search(whole):
        return False
    return _past(whole) or any(p.search(whole) for p in _AT_A_DISTANCE)


def assess(text: str) -> SafetyVerdict:
    """Classify one message: an emergency now, a wish to report a crime, or neither.

    Pure and fast; it looks at the first ``MAX_CHARS`` characters only and never raises.
    """
    if not isinstance(text, str) or not text:
        return NONE_VERDICT
    try:
        return _assess(text)
    except Exception:  # the guard must never take the bot down: an odd input is just ordinary
        return NONE_VERDICT
