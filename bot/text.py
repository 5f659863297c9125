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

from bot.pattern_cache import compiled

MAX_MATCH_CHARS = 300

_REPEATS = compiled(r"(\w)\1{2,}")
_NON_WORD = compiled(r"[^\w\s]|_")
_SPACES = compiled(r"\s+")

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

# Forms of address, greetings and thanks from the borough's other languages, as residents
# transliterate them ("bhai which area has more robbery", "mahadsanid walaal, thank you"): a small
# English model and the spelling corrector read them as words of the question. Forms of address
# carry no topic and are dropped; greetings and thanks are what a greeting or a thanks says, and
# are read as their English. Words that are also English, names or makes ("anna", "beta", "saab")
# are left out.
ADDRESS_WORDS: frozenset[str] = frozenset(
    """bhai bhaiya bhaiyya bhaisaab bhaisahab behen behenji didi ji sahib yaar bhabhi habibi
    habibti akhi ukhti walaal walal abaayo""".split()
)
GREETING_WORDS: frozenset[str] = frozenset(
    """salaam salam asalam assalam assalamu asalamu salaamu alaikum alaykum walaikum namaste
    namaskar vanakkam""".split()
)
THANKS_WORDS: frozenset[str] = frozenset(
    """shukran shukriya dhanyavaad dhanyavad dhanyawad dhonnobad nandri nanri mahadsanid
    dziekuje dziękuję dzieki dzięki multumesc mulțumesc mulţumesc obrigado obrigada spasibo
    dyakuyu""".split()
)
COURTESY_WORDS = ADDRESS_WORDS | GREETING_WORDS | THANKS_WORDS
TOKEN_FIXES |= {w: "hello" for w in GREETING_WORDS} | {w: "thanks" for w in THANKS_WORDS}


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


_COURTESY = compiled(rf"\b(?:{'|'.join(sorted(COURTESY_WORDS))})\b[,.!]?", re.IGNORECASE)


def _in_english(found: re.Match[str]) -> str:
    word = found.group(0).rstrip(",.!").casefold()
    return "hello" if word in GREETING_WORDS else "thank you" if word in THANKS_WORDS else ""


def courtesy_in_english(text: str) -> str:
    """``text`` with the courtesy words of :data:`COURTESY_WORDS` read in English: forms of
    address dropped, greetings and thanks as "hello" and "thank you" (a greeting said twice over,
    "salaam alaikum", is "hello hello", which reads as a greeting still)."""
    return " ".join(_COURTESY.sub(_in_english, text).split()) or text


def content_tokens(words: Iterable[str]) -> list[str]:
    return [w for w in words if w not in STOPWORDS and w not in ADDRESS_WORDS]


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
_ASKING_START = compiled(
    r"^(?:how|what|whats|where|wheres|when|who|whom|whose|which|why|is|are|am|was|were|can|could|"
    r"do|does|did|should|shall|will|would|may|might|has|have|any|anyone|anybody|tell me|explain|"
    r"info|information|help me understand|please explain|i want to know|i would like to know|"
    r"wondering|quick question|question)\b"
)
# A danger feared, not told: "she tries the front door at night, what if she gets out". It makes
# a message a question (here) and, for the emergency net, a scene at a distance (bot/safety.py).
WHAT_IF = r"what if (?:he|she|they|i|we|my \w+|someone|somebody|it)"
# Unsure whether what was told counts: "idk if this is normal", "not sure if thats abuse". A
# question inside a story, and one about what it is, which the entry on it answers.
_UNSURE_WHETHER = (
    r"(?:idk|i dont know|dont know|not sure|unsure) (?:if|whether) (?:(?:this|that|it) "
    r"(?:is|was) |thats |its )(?:normal|ok|okay|abuse|abusive|a crime|legal|illegal|allowed|"
    r"harassment|stalking|controlling)"
)
_ASKING_INSIDE = compiled(
    r"\b(?:what (?:do|should|can|would) (?:i|we|you|she|he|they)|how (?:do|can|should|would) "
    r"(?:i|we|you|she|he|they)|who (?:do|can|should) (?:i|we)|where (?:do|can|should) (?:i|we)|"
    r"can (?:i|we|you|they|the police)|should (?:i|we)|do (?:i|we) (?:have|need)|is (?:it|that|"
    r"this) (?:even |actually |really )?(?:a crime|legal|illegal|normal|allowed|safe|true|abuse|"
    r"harassment|stalking|controlling|ok|okay|a police (?:thing|matter|issue|job)|police "
    r"business|something (?:the )?police|"
    # whether a message is a scam: "a text says my parcel is held, is this real"
    r"real|genuine|legit|legitimate|a scam|a fake|fake|a con)|real or (?:a )?(?:scam|fake)|"
    r"is there (?:anything|any)|"
    # asking how likely: "lost my wallet on the bus, is someone likely to hand it in"
    r"(?:is|are|will|would) (?:it|someone|anyone|somebody|they|he|she) (?:likely|going|gonna) "
    r"to|"
    # asking for someone to talk to: "burgled 3 weeks ago, cant sleep. anyone i can talk to"
    r"is there (?:anyone|anybody|someone|somebody)|(?:anyone|anybody|someone|somebody) "
    r"(?:i|we|he|she|they|you) (?:can|could) (?:talk|speak) to|"
    r"are (?:they|you) allowed|any (?:tips|advice)|whos job|whose job|who deals|"
    # a what-if about what is feared, not told: "dad has dementia ... what if he wanders off"
    rf"{WHAT_IF}|"
    # asking whether, inside a story: "idk if this is normal", "does that count as stalking"
    rf"{_UNSURE_WHETHER}|does (?:that|this|it) count)\b"
)


_TAG_QUESTION = compiled(
    r"\b(?:right|innit|isnt it|is it|or not|yeah|"
    # "someone mentioned met engage, wots that"
    r"(?:what|whats|wots|wats|wot|wat|wht)(?: is| s)? (?:that|this|it|they|that about))$"
)
# evidence the teller holds: "got dashcam of a bmw overtaking on the wrong side"
_EVIDENCE = compiled(
    r"^(?:got|have|caught) (?:\w+ )?(?:dashcam|dash cam|footage|video|cctv|photos?|pics?)\b"
)
_TELLER = compiled(
    r"\b(?:i|im|ive|me|my|we|us|our|someone|somebody|someones|he|hes|she|shes|they|theyre|his|"
    r"her|their|a man|a woman|a guy|some|kids|lads|people|neighbour|neighbours)\b|"
    + _EVIDENCE.pattern
)


# A story told tersely, with no one in it: "car broken into on station road last night, laptop
# taken". A question for figures names a crime and a place too, but never what was taken from
# someone, nor a night or a morning just gone.
_TERSE_STORY = compiled(
    r"\b(?:tools|laptop|mower|strimmer|bike|phone|bag|wallet|purse|tv|jewellery|cash|keys|"
    r"catalytic converter|number plates?|radio|sat nav|ipad|handbag|parcel|parcels) "
    r"(?:gone|taken|stolen|nicked|missing)\b|"
    r"\b(?:broken into|broke into|stolen|nicked|smashed|forced open|snatched|keyed|vandalised)\b"
    r".{0,60}\b(?:last night|this morning|overnight|yesterday|earlier today|an hour ago)\b"
)


# What officers did to the resident: a complaint, or a question about their powers, not a crime
# to report ("officer was well rude when he pulled me over", "got stopped and searched again").
_POLICE_CONDUCT = compiled(
    r"\b(?:officers?|police(?:man|woman|men)?|pcs?|pcsos?|cops?|coppers?|sergeant)\b(?: \w+){0,8} "
    r"(?:rude|aggressive|racist|swore|shouted at me|pulled me over|pulled us over|stopped me|"
    r"stopped us|searched me|searched my|searched us|arrested me|handcuffed|pushed me|"
    r"grabbed me|ignored me|laughed at me|"
    # not listening: "the officer who came was on his phone half the time"
    r"(?:was|were) on (?:his|her|their) phones?|dismissive|fobbed (?:me|us) off|"
    r"(?:wasnt|was not|werent|were not) (?:interested|bothered)|(?:couldnt|could not) care less|"
    # a raid on the wrong home: "police came to the wrong house and broke my door in"
    r"(?:came|went|turned up|raided)(?: to| at)? (?:the |my |our )?wrong "
    r"(?:house|flat|address|door))\b|"
    r"\b(?:officers?|police(?:man|woman|men)?|cops?|coppers?)\b(?: \w+){0,2} (?:broke|smashed|"
    r"kicked|bashed) (?:my|our|the) (?:front |back )?door (?:in|down)\b|"
    r"\b(?:pulled over|stopped and searched|stop and searched|searched|arrested|handcuffed) by "
    r"(?:the |an |two |some )?(?:police|officers?|cops|coppers|pcsos?)\b"
)


# ... by someone who was not an officer: "a man pretending to be a police officer stopped me"
_NOT_POLICE = compiled(
    r"\b(?:pretend\w*|fake|posing as|claim\w* to be|impersonat\w*|bogus|dressed as|"
    r"said (?:he|she|they) (?:was|were|is|are))\b"
)


def of_police_conduct(text: str) -> bool:
    """Whether a message tells what officers did to the resident: how they were treated is for
    the complaints and stop-and-search entries, never a crime for the reporting reply."""
    folded = fold(text)
    return bool(_POLICE_CONDUCT.search(folded)) and not _NOT_POLICE.search(folded)


def tells_of_event(text: str) -> bool:
    """A resident telling of something that happened to them or near them, not asking."""
    words = fold(text)
    if len(words.split()) < 5 or is_question(text):
        return False
    return bool(_TELLER.search(words) or _TERSE_STORY.search(words))


# An attempt that came to nothing for the teller: a scam call hung up on, a caller at the door
# sent away, a link not clicked. Told, but not a crime to report for them: the entry's advice
# (how to spot it, where to forward it) answers, unless something was lost after all.
_AVERTED = compiled(
    r"\b(?:(?:i|we|he|she|they|mum|dad|nan|grandad|my \w+) (?:just )?(?:hung up|hang up|hangs up|"
    r"put the phone down|cut (?:him|her|them|it) off|cut the (?:phone|call|line))|"
    # "she didnt do it thank god", "mum never fell for it"
    r"(?:didnt|did not|never) (?:do it|do that|fall for it|go through with it|go along with it)|"
    r"(?:didnt|did not) pay,? thank (?:god|goodness)|(?:nearly|almost) (?:agreed|paid|gave|fell "
    r"for|sent|clicked|let (?:him|her|them) in)|(?:i|we|he|she|mum|dad) (?:said|say|says|told "
    r"(?:him|her|them)) (?:no|come (?:back )?later|to go away|(?:we|i) (?:were|was|are|am) not "
    r"interested|not interested)|blocked (?:it|the number|the sender)|"
    r"(?:didnt|did not|never) (?:click|clicked|open|opened|reply|replied|let (?:him|her|them) in|"
    r"give (?:him|her|them) (?:anything|any)|pay (?:him|her|them)|send (?:him|her|them) "
    r"(?:anything|any|money))|"
    # nothing done yet: "she has not paid anything", "I haven't clicked yet"
    r"(?:hasnt|has not|havent|have not|hadnt|had not) (?:(?:paid|clicked|sent|given|replied|"
    r"opened|transferred)(?: (?:anything|it|them|him|her|the link|a penny|any money))?|"
    # money not moved, not a car that "hasnt moved" at a green light
    r"moved (?:anything|it|them|a penny|any money))(?: yet)?)\b"
)
# Something lost after all, or the attempt still going on: not turned away.
_NOT_AVERTED = compiled(
    r"\b(?:lost|emptied|drained|took (?:my|her|his|our|all|the money)|taken from|gone from|"
    r"transferred|(?:paid|gave|sent) (?:him|her|them|it|the money)|(?:i|we|he|she) (?:paid|gave|"
    r"sent|transferred)|stole|stolen|nicked|scammed out of|took (?:\d+|£)|"
    # money out of an account, not a caller "from my bank"
    r"(?<!were )(?<!was )(?<!are )(?<!is )(?<!calling )(?<!ringing )from (?:my|his|her|our|"
    r"their) (?:account|card|bank)|keeps|keep|still|again|every day|new (?:account|number)|"
    # a demand with a threat hanging over it: blackmail, whether or not anything was paid
    r"unless|or else|or (?:they|he|she|theyll|hell|shell) (?:will |ll |d )?(?:send|post|share|"
    r"show|tell|hurt|come))\b"
)


# Asked of a next time, "again" says nothing is going on now: "he hang up. what he do if they
# call again"
_IF_AGAIN = compiled(
    r"\bif (?:they|he|she|it|someone|somebody|anyone) (?:\w+ )?(?:call|calls|ring|rings|phone|"
    r"phones|text|texts|come|comes|try|tries|knock|knocks) (?:\w+ )?again\b"
)


def averted(text: str) -> bool:
    """Whether a message tells of an attempt (a scam call, a caller at the door) that the teller
    or their family turned away, with nothing lost and nothing still going on."""
    words = fold(text)
    return bool(_AVERTED.search(words)) and not _NOT_AVERTED.search(_IF_AGAIN.sub(" ", words))


# Something its owner left or lost somewhere, with no one said to have taken or damaged it:
# "left his work laptop on a train", "dropped my purse somewhere in the park". Lost property (TfL,
# the council, the place itself), not a crime to report. Money lost is not: "lost my savings in
# a crypto thing" is a fraud.
_LEFT_BEHIND = compiled(
    r"\b(?:left|forgot|forgotten|dropped|misplaced|lost) (?:my|his|her|our|their|a|the) "
    r"(?!money|cash|savings|pension|deposit|\d)(?:\w+ ){1,3}(?:on|in|at|somewhere)\b"
)
_TAKEN = compiled(
    r"\b(?:stole|stolen|steal|steals|nicked|taken|took|snatched|grabbed|pinched|robbed|thief|"
    r"thieves|pickpocket\w*|swiped|lifted|smashed|broken into|broke into|damaged|keyed|forced|"
    r"vandalised|scam\w*|fraud\w*|spend\w*|spent|"
    # a lock cut through: "left my bike locked at the racks and the lock was cut"
    r"(?:lock|locks|chain|padlock|d lock)(?: was| were| had been| has been)? (?:cut|snapped|sawn|"
    r"broken)|cut (?:through )?(?:the|my|his|her|its) (?:lock|chain|padlock|d lock))\b"
)


# Something come across, not taken from anyone: "found a kitchen knife in my front hedge", "found
# a needle in the stairwell". What to do with it (a surrender bin, the council, lost property)
# is the question, not a crime to report for the finder.
_FOUND = compiled(
    r"\b(?:found|find|spotted|came across|discovered) (?:a|an|some|the|this|these|two|loads of|"
    r"lots of|a load of)(?: \w+){0,3} (?:knife|knives|blade|machete|needle|needles|syringe|"
    r"syringes|spoon|powder|bag|wallet|purse|phone|bullet|bullets|cartridges?|pills|scales|"
    r"canisters?|passport|keys|bank card|card)\b"
)


def found_object(text: str) -> bool:
    """Whether a message tells of an object come across, with nobody said to have taken or
    damaged anything."""
    words = fold(text)
    return bool(_FOUND.search(words)) and not _TAKEN.search(words)


def left_behind(text: str) -> bool:
    """Whether a message tells of something left or lost, with nobody said to have taken it."""
    words = fold(text)
    return bool(_LEFT_BEHIND.search(words)) and not _TAKEN.search(words)


# Asking how to report what the message has told: "... flashed at me this morning, who do i
# report it to", "car taken off the drive, need a crime number for the insurance".
REPORT_ASK = compiled(
    r"\b(?:(?:how|where|who) (?:do|can|should|would|shall) (?:i|we) (?:report|make a report|tell|"
    r"send|contact|inform|give)|(?:where|who) (?:i|we|to) (?:report|tell|send|contact)|"
    # for someone else: "my cousin's shop got robbed ... how can he report"
    r"how (?:do|does|can|should) (?:he|she|they) report|"
    # "...she's left now. best way to report so it all gets linked up?"
    r"(?:the )?(?:best|right|proper|quickest) way to (?:report|tell)|"
    # which way: "I report online or call?", "I just ring 101?"
    r"(?:i|we) (?:just )?report (?:it |this )?online or (?:call|ring|phone)|"
    # whether the teller may still: "can we still report it?", "can i report it myself", "how
    # report" (as learners ask)
    r"(?:can|could|should|shall) (?:i|we|he|she|they) (?:still )?(?:report|reporting) (?:it|this|"
    r"that|him|her|them|what happened)|how report|"
    r"(?:do |should |can )?(?:i|we) just (?:ring|call|phone) (?:101|the police|police)|"
    r"what (?:is|s) (?:the )?(?:procedure|process)|"
    r"should (?:i|we) (?:tell|inform|ring|call|contact|report (?:it|this|that) to) (?:the )?"
    r"(?:police|cops|101)|"
    r"how (?:i|we) (?:can |should )?(?:report|tell|inform|contact)|who (?:deals "
    r"with|to tell)|(?P<number>(?:how (?:do|can) (?:i|we) |how to )?(?:get|need|needs|want|wants|"
    r"have|asking for|asks for|asked for|asking me for|asked me for) "
    r"(?:a |the )?crime (?:ref|reference|number|report)))\b"
)


_SUPPOSING = compiled(r"^if\b|\b(?:what if|in case|suppose|supposing)\b")
# Whether reporting is still worth it, asked after the story: "some lad pulled a blade on me and
# took my wallet last month, never told anyone. is it too late now", "got their faces on my
# dashcam, worth doing anything?". The teller is weighing a report, which the reporting reply
# answers. Not for the rules' reading of a scene ("broke in, is it too late to catch them").
_LATE_OR_WORTH = compiled(
    r"\b(?:too late|worth (?:doing anything|reporting|telling (?:anyone|someone|the police|"
    r"police)|going to the police)|any point (?:reporting|telling|going to the police)|"
    # as learners ask it: "is it worth to tell police for this?"
    r"worth (?:it )?to (?:tell|report|go to|call|ring|inform))\b"
)


def told_before_asking(text: str) -> str | None:
    """What a message told before asking how to report it, or None: "my car window broke and my
    bag taken, where i tell police?" is a story to report, though it ends with a question."""
    words = fold(text)
    asked = REPORT_ASK.search(words) or _LATE_OR_WORTH.search(words)
    if asked is None:
        return None
    told = words[: asked.start()].strip()
    # "have dashcam of ..." holds evidence; it does not ask "have you..."
    opens_asking = _ASKING_START.match(told) and not _EVIDENCE.match(told)
    if len(told.split()) < 4 or opens_asking or _SUPPOSING.search(told):
        return None
    # asking for a crime number, anywhere in the message, says the teller is the victim, however
    # the story is told ("garden shed broken into, mower and tools gone, need a crime number for
    # the insurance"; "...who do we report it to, and the insurers want a crime number")
    if not _TELLER.search(told) and not any(
        a.group("number") is not None for a in REPORT_ASK.finditer(words)
    ):
        return None
    return told


# Where a message's last sentence starts: after a full stop, question or exclamation mark, or a
# line break.
_LAST_SENTENCE = compiled(r"(?:[.!?]+\s+|\n+)(?=\S[^.!?\n]*[.!?]*\s*$)")


# Asking what it was, not what to do: "...does that count legally", "is that stalking?". The
# entry on it answers.
_WHETHER_IT_IS = compiled(
    r"\b(?:is|does|would|could|was|can) (?:it|that|this|he|she|they|what|any of this)"
    r"(?: \w+){0,2} (?:count|counts|a crime|criminal|legal|illegal|against the law|stalking|"
    r"harassment|abuse|assault|theft|fraud|a scam|normal|allowed|serious|enough)\b|"
    # unsure whether: "...wont let me go out without him, not sure if thats normal"
    rf"\b{_UNSURE_WHETHER}\b"
)


def told_then_asked(text: str) -> str | None:
    """What a message told before the question it ends with, where what it told is something
    that happened: "Somebody steal number plates from my car in Rayners Lane, I see this
    morning. What I must do?", or in one run of words, "my bike was stolen from outside tesco
    this morning what do i do". None otherwise, and for a question whether it counts as a crime
    ("...does that count as stalking?"), which the entry on it answers."""
    stripped = text.strip()
    found = _LAST_SENTENCE.search(stripped)
    if found is not None:
        told, last = stripped[: found.start()], stripped[found.end() :]
    else:  # no sentence of its own: the question starts where the last asking words do
        words = fold(stripped)
        asking = [*_ASKING_INSIDE.finditer(words)]
        if not asking or len(words[: asking[-1].start()].split()) < 6:
            return None
        told, last = words[: asking[-1].start()], words[asking[-1].start() :]
    if not is_question(last) or _WHETHER_IT_IS.search(fold(last)) or not tells_of_event(told):
        return None
    return told


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
