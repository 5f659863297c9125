"""Normalising what residents type, so that matching sees words rather than keystrokes.

Residents write in a hurry: "fone nicked", "burgalry", "HELPPP", emoji and stray control characters.
Normalisation is deliberately conservative (it never invents content): it folds case and Unicode,
drops punctuation and controls, squeezes repeated letters, and maps a short list of common
misspellings and slang to the words the knowledge base uses.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

import snowballstemmer

MAX_MATCH_CHARS = 300

_REPEATS = re.compile(r"(\w)\1{2,}")
_NON_WORD = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")

# Misspellings and slang residents use, mapped to the knowledge base's words. Kept short and
# obvious: anything subtler is left to the fuzzy scorer.
TOKEN_FIXES: dict[str, str] = {
    "fone": "phone", "fon": "phone", "phne": "phone", "mobile": "phone", "mob": "phone",
    "burgalry": "burglary", "burgulary": "burglary", "burglery": "burglary", "buglary": "burglary",
    "burgler": "burglar", "burgular": "burglar", "burglers": "burglars", "theif": "thief",
    "theives": "thieves", "stollen": "stolen", "nicked": "stolen", "robbed": "stolen",
    "pinched": "stolen", "snatched": "snatching", "grabbed": "snatching",
    "polise": "police", "pollice": "police", "plod": "police", "cops": "police", "cop": "police",
    "bobbies": "police", "feds": "police", "offcer": "officer", "oficer": "officer",
    "numbr": "number", "nmbr": "number", "tel": "phone",
    "u": "you", "ur": "your", "pls": "please", "plz": "please", "thx": "thanks", "ty": "thanks",
    "cheers": "thanks", "tnx": "thanks", "wat": "what", "wot": "what", "whats": "what is",
    "hw": "how", "im": "i am", "dont": "do not", "cant": "cannot", "wont": "will not",
    "bike": "bicycle", "bikes": "bicycles", "cycle": "bicycle", "asb": "anti social behaviour",
    "antisocial": "anti social", "scamm": "scam", "scammed": "scam", "scammers": "scam",
    "fraudster": "fraud", "fraudsters": "fraud", "knifes": "knives", "nife": "knife",
    "womens": "women", "girls": "girls", "harow": "harrow", "harro": "harrow",
    "crimestopers": "crimestoppers", "crime-stoppers": "crimestoppers",
    "stratergy": "strategy", "startegy": "strategy", "plann": "plan",
    "eventz": "events", "meetings": "events", "meeting": "event",
    "stuff": "things", "belongings": "things", "valuables": "things",
    "rang": "called", "phoned": "called", "ringing": "calling", "dodgy": "suspicious",
    "gone": "go", "went": "go", "fell": "fall", "fallen": "fall", "dropped": "drop",
    "hi": "hello", "hiya": "hello", "hey": "hello", "helo": "hello", "hallo": "hello",
}  # fmt: skip

# Words that carry no topic: dropped before scoring so that "how do I ..." does not dominate.
STOPWORDS: frozenset[str] = frozenset(
    """a an the and or of to in on at for from by with about into is are was were be been am do
    does did i me my we our you your it its this that these those there here can could would
    should will shall may might must what how when where which who whom why please tell know
    want like get got any some just so if then than also too very really being has have had
    think""".split()
)


def fold(text: str) -> str:
    """Case- and accent-fold, drop control characters, keep letters, digits and spaces."""
    text = unicodedata.normalize("NFKC", text)[: MAX_MATCH_CHARS * 2]
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    text = text.replace("’", "'").replace("'", "").replace("%", " percent ").casefold()
    text = _NON_WORD.sub(" ", text)
    text = _REPEATS.sub(r"\1\1", text)
    return _SPACES.sub(" ", text).strip()[:MAX_MATCH_CHARS]


def tokens(text: str) -> list[str]:
    """Folded tokens with misspellings and slang mapped to canonical words."""
    out: list[str] = []
    for token in fold(text).split():
        out.extend(TOKEN_FIXES.get(token, token).split())
    return out


def normalise(text: str) -> str:
    """The form stored for unanswered questions and used as the matcher's full text."""
    return " ".join(tokens(text))


def content_tokens(words: Iterable[str]) -> list[str]:
    return [w for w in words if w not in STOPWORDS]


_STEMMER = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter2 stem, so "scams", "scammed" and "scam" are one word to the matcher."""
    return str(_STEMMER.stemWord(word))


def content_form(text: str) -> str:
    """Stemmed topic words; falls back to all words for phrases made only of stopwords."""
    words = tokens(text)
    return " ".join(stem(w) for w in (content_tokens(words) or words))


def has_letters(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


# How a message opens when it asks rather than tells: "what do i do if...", "can i...", "tell me".
_ASKING_START = re.compile(
    r"^(?:how|what|whats|where|wheres|when|who|whom|whose|which|why|is|are|am|was|were|can|could|"
    r"do|does|did|should|shall|will|would|may|might|has|have|any|anyone|anybody|tell me|explain|"
    r"info|information|help me understand|please explain|i want to know|i would like to know|"
    r"wondering|quick question|question)\b"
)
_ASKING_INSIDE = re.compile(
    r"\b(?:what (?:do|should|can|would) (?:i|we|you|she|he|they)|how (?:do|can|should|would) "
    r"(?:i|we|you|she|he|they)|who (?:do|can|should) (?:i|we)|where (?:do|can|should) (?:i|we)|"
    r"can (?:i|we|you|they|the police)|should (?:i|we)|do (?:i|we) (?:have|need)|is (?:it|that|"
    r"this) (?:even |actually |really )?(?:a crime|legal|illegal|normal|allowed|safe|true|abuse|"
    r"harassment|stalking|controlling|ok|okay|a police (?:thing|matter|issue|job)|police "
    r"business|something (?:the )?police)|is there (?:anything|any)|"
    r"are (?:they|you) allowed|any (?:tips|advice)|whos job|whose job|who deals|"
    # asking whether, inside a story: "idk if this is normal", "does that count as stalking"
    r"(?:idk|i dont know|dont know|not sure|unsure) (?:if|whether) (?:(?:this|that|it) "
    r"(?:is|was) |thats |its )(?:normal|ok|okay|abuse|abusive|a crime|legal|illegal|allowed|"
    r"harassment|stalking|controlling)|does (?:that|this|it) count)\b"
)


_TAG_QUESTION = re.compile(
    r"\b(?:right|innit|isnt it|is it|or not|yeah|"
    # "someone mentioned met engage, wots that"
    r"(?:what|whats|wots|wats|wot|wat|wht)(?: is| s)? (?:that|this|it|they|that about))$"
)
_TELLER = re.compile(
    r"\b(?:i|im|ive|me|my|we|us|our|someone|somebody|someones|he|hes|she|shes|they|theyre|his|"
    r"her|their|a man|a woman|a guy|some|kids|lads|people|neighbour|neighbours)\b"
)


def tells_of_event(text: str) -> bool:
    """A resident telling of something that happened to them or near them, not asking."""
    words = fold(text)
    return len(words.split()) >= 5 and not is_question(text) and bool(_TELLER.search(words))


# Asking how to report what the message has told: "... flashed at me this morning, who do i
# report it to", "car taken off the drive, need a crime number for the insurance".
REPORT_ASK = re.compile(
    r"\b(?:(?:how|where|who) (?:do|can|should|would|shall) (?:i|we) (?:report|make a report|tell|"
    r"send|contact|inform|give)|(?:where|who) (?:i|to) (?:report|tell|send|contact)|who (?:deals "
    r"with|to tell)|(?:how (?:do|can) (?:i|we) |how to )?(?:get|need|want|have) (?:a |the )?crime "
    r"(?:ref|reference|number|report))\b"
)


_SUPPOSING = re.compile(r"^if\b|\b(?:what if|in case|suppose|supposing)\b")


def _told_before(text: str, asking: re.Pattern[str], least: int) -> str | None:
    """The folded words a message tells before ``asking`` first matches: at least ``least`` of
    them, not themselves a question or a supposition; None otherwise."""
    words = fold(text)
    asked = asking.search(words)
    if asked is None:
        return None
    told = words[: asked.start()].strip()
    if len(told.split()) < least or _ASKING_START.match(told) or _SUPPOSING.search(told):
        return None
    return told


def told_before_asking(text: str) -> str | None:
    """What a message told before asking how to report it, or None: "my car window broke and my
    bag taken, where i tell police?" is a story to report, though it ends with a question."""
    told = _told_before(text, REPORT_ASK, 4)
    return told if told is not None and _TELLER.search(told) else None


def is_question(text: str) -> bool:
    """Whether a message asks about something rather than tells what happened.

    "My partner hit me last night" tells (and gets the reporting routes); "what is coercive
    control" and "my ex keeps turning up, is that stalking?" ask (and get the answer).
    """
    stripped = text.strip()
    if stripped.rstrip("!. )").endswith("?"):
        return True
    words = fold(stripped)
    return bool(
        _ASKING_START.match(words) or _ASKING_INSIDE.search(words) or _TAG_QUESTION.search(words)
    )


# What frames a message rather than tells it: a courtesy before ("sorry to bother you but") and
# an ask or a feeling after ("what should I do", "should I ring someone?", "I'm so scared"). The
# small model and the word view read such a frame as a how-to question and lose the scene inside
# it: "a car just ploughed into people outside the shops, should I ring someone?" was answered
# with an entry. Whom to ring is kept when it is the question itself ("who do I ring").
_OPENER = re.compile(
    r"^\W*(?:(?:sorry to (?:bother|trouble) you|i dont know (?:who else to ask|if this is the "
    r"right place)|not sure (?:if this is the right place|who (?:else )?to (?:tell|ask))|"
    r"quick (?:one|question)|hi|hello|hey|hiya|excuse me|um+|erm+|ok(?:ay)? so|so|please|pls|"
    r"sorry)\b(?: but\b)?[\s,.!:-]*)+",
    re.IGNORECASE,
)
_CALL = r"(?:call|ring|phone|contact|get)"  # not "tell": "should I tell someone" thinks it over
_WHOM = r"(?:someone|somebody|anyone|anybody|the police|police|999|101|you|an ambulance|help)"
_CLOSER = re.compile(
    r"[\s,.!?:-]*(?:\b(?:so|and|but|ok|please|pls|plz)\b[\s,]*)*(?:\b(?:"
    r"what (?:should|do|can|shall|would) (?:i|we|you) do(?: now| about it)?|what do i do now|"
    r"what (?:am i|are we) (?:supposed|meant) to do|what now|any advice|please advise|"
    r"what are my options|(?:please |pls |plz )?help(?: me| us)?(?: please| pls| plz)?|"
    r"can (?:you|u|someone) help(?: me| us)?|"
    rf"(?:should|do|can|shall) (?:i|we) {_CALL} {_WHOM}(?: or not| now)?|"
    r"is (?:this|that|it) an emergency|am i overreacting|"
    r"(?:im|i am|were|we are) (?:so |really |actually )?(?:scared|terrified|frightened|panicking|"
    r"freaking out|shaking|in shock))\b[\s,.!?]*)+$",
    re.IGNORECASE,
)


def scene(text: str) -> str:
    """The message without a courtesy before it or an ask after it, as the model and the
    emergency net read it; the message itself if fewer than three words would be left."""
    inner = _CLOSER.sub("", _OPENER.sub("", text, count=1), count=1).strip()
    return inner if len(inner.split()) >= 3 else text



# A closing question that doubts what was told rather than asks how to act on it: "is that
# normal", "should I...", "do I need to...". "How do I..." and "can I check..." ask for advice
# and stay part of what the emergency net reads: they mark a worry, not a scene.
_DOUBT = re.compile(
    r"\b(?:is (?:it|that|this) (?:even |actually |really )?(?:normal|ok|okay|serious|bad|"
    r"an emergency|something)|should (?:i|we) (?:do|call|ring|phone|go|help|step in|intervene|"
    r"get involved|get help)|do (?:i|we) (?:need|have) to|(?:can|could|will) "
    r"(?:the police|you|someone|anyone|somebody) (?:come|send|help|do)|what happens now|"
    r"am i (?:overreacting|being silly|being paranoid))\b"
)


def before_the_question(text: str) -> str | None:
    """What a message tells before a doubting question it closes with ("someone is lying in the
    road not moving, do I need to do anything"), folded; None if it does not tell, then doubt."""
    return _told_before(text, _DOUBT, 5)
