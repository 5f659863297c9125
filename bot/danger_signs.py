"""Danger told by two of its signs, in whatever words hold them together.

The emergency rules (``bot/safety.py``) mostly read one sign in one shape of sentence: "her
face has dropped on one side", "it won't stop bleeding". Residents tell the same scene in other
shapes and by other pairs of signs ("she can't lift her right arm and her speaking is coming
out all mixed", "cut it deep in the toilets and it's still pouring through the paper towels"),
and each probe written apart from the code showed a few more shapes than the rules knew. A
clinician or a call handler reads the signs, not the sentence: two different signs of a stroke,
a fit, a failing breath, heavy bleeding, a goodbye being made ready, a fight heard through a
wall or a fire in a room someone is in are enough, whatever links them.

Each family lists its signs; a clause (or the whole message) that shows two different ones,
one of them among the family's ``needs`` where it has any, is danger of that family's reason.
One sign alone is never enough here: "can't lift his arm above his head since the op" or "the
smoke alarm keeps beeping" stay what they are. The rules' vetoes, dates and frames still apply
to what this finds, as to every other rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.pattern_cache import compiled

# Pills and tablets, by the names residents give them.
PILLS = (
    "(?:pills|tablets|paracetamol|paracetamols|painkillers|sleeping pills|sleeping tablets|"
    "ibuprofen|co codamol|codeine|tramadol|diazepam|antidepressants|meds|medication)"
)
# The lips' or skin's colour when breath fails.
_LIPS = (
    r"(?:lips|face|skin) (?:are |is |look |looks |have |has )?(?:going |gone |turning |turned |"
    r"looking )?(?:a bit |a )?(?:blue|bluish|blueish|grey|gray|purple|a (?:weird|funny|strange) "
    r"colou?r)|(?:blue|bluish|blueish|grey|gray|purple) (?:lips|face|round the mouth|around "
    r"the mouth)"
)
_UNRESPONSIVE = (
    r"(?:not|isnt|is not|wont|cant|doesnt|does not) (?:answering|responding|respond|waking|wake)|"
    r"unresponsive|unconscious"
)


@dataclass(frozen=True)
class Signs:
    """One family of signs: two different ones (one of them in ``needs``, if any) are danger."""

    reason: str
    cues: tuple[re.Pattern[str], ...]
    needs: frozenset[int] = frozenset()

    def start(self, clause: str) -> int | None:
        """Where the first of two signs starts in ``clause``, or None for fewer than two."""
        found: dict[int, int] = {}
        for n, cue in enumerate(self.cues):
            match = cue.search(clause)
            if match is not None:
                found[n] = match.start()
        if len(found) < 2 or (self.needs and not self.needs & found.keys()):
            return None
        return min(found.values())


def _family(reason: str, *cues: str, needs: tuple[int, ...] = ()) -> Signs:
    return Signs(reason, tuple(compiled(rf" (?:{cue})(?= )") for cue in cues), frozenset(needs))


FAMILIES = (
    # a stroke: the face, an arm, the speech, an eye
    _family(
        "medical",
        r"face (?:\w+ ){0,3}(?:droopy|drooping|dropped|lopsided|crooked|wonky|fallen)|"
        r"(?:funny|weird|strange|numb|droopy|dropped) on one side|one side of (?:his|her|their|my) "
        r"(?:face|mouth)",
        r"(?:cant|cannot|can not|unable to|couldnt|could not) (?:lift|raise|move|use|grip with) "
        r"(?:his|her|their|my|the) (?:right |left )?(?:arm|hand)|(?:arm|hand) (?:has |is |s )?"
        r"(?:gone |going )?(?:weak|numb|dead|floppy|limp)",
        r"(?:speech|speaking|talking|words|voice) (?:is |are |has |have |s )?(?:gone |going |"
        r"coming out |come out |all )*(?:slurred|slurring|muddled|mixed|mixed up|jumbled|"
        r"garbled|wrong|nonsense)|slurring|talking (?:gibberish|nonsense)|(?:cant|cannot) get "
        r"(?:his|her|their|my) words out",
        r"(?:cant|cannot|can not) see (?:out of )?(?:one|his|her|their|my) (?:left |right )?eye|"
        r"lost (?:the )?(?:sight|vision) in",
    ),
    # a fit: the jerking, with the eyes, the lips, no answer or minutes gone
    _family(
        "medical",
        r"jerking|fitting|convulsing|seizing|having a (?:fit|seizure)|shaking all over|"
        r"(?:shaking|twitching) (?:all|her|his|their|the) (?:whole )?body",
        r"eyes (?:have |are |is )?(?:go|going|gone|went|rolled|rolling|roll) (?:up|back)",
        _LIPS,
        _UNRESPONSIVE,
        r"(?:for|been|about|over|like) (?:about |over |like )?(?:[3-9]|1\d|three|four|five|six|"
        r"ten) (?:mins?|minutes)|(?:wont|doesnt|isnt|not|dont|does not) stop(?:ping)?",
        needs=(0,),
    ),
    # breath failing: the words it leaves, the lips, the inhaler, a throat closing
    _family(
        "medical",
        r"(?:cant|cannot|can not|struggling to|fighting to|unable to) (?:breathe|breath|catch "
        r"(?:his|her|my|their) breath|get (?:his|her|my|their) breath)|gasping",
        _LIPS,
        r"inhaler (?:isnt|is not|not|doesnt|does not|wont) (?:doing anything|working|helping)|"
        r"(?:[5-9]|\d\d) puffs",
        r"(?:can only|only) (?:say|speak|get out) (?:one|a few|single) words?|(?:cant|cannot) "
        r"(?:speak|talk) (?:in )?(?:full )?sentences",
        r"(?:lips|tongue|throat|face) (?:is |are |s |has |have )?(?:swelling|swollen|swelled)",
        _UNRESPONSIVE,
    ),
    # a breath working too hard, as parents see it in a baby or a small child (the signs the
    # NHS asks them to call 999 for): fast breathing, grunting, the skin pulling in under the
    # ribs, the nostrils flaring, the lips' colour, a child floppy or hard to wake; fast
    # breathing and sleepiness alone (after a run) are not enough
    _family(
        "medical",
        r"breathing (?:\w+ )?(?:very |really |so |super )?(?:fast|quick|quickly|rapid|rapidly|"
        r"hard)",
        r"grunting|grunts (?:with|every|each)",
        r"(?:skin|chest|tummy|belly|stomach|ribs?) (?:\w+ ){0,2}(?:pulling|sucking|sinking|going|"
        r"caving|pulls|sucks|sinks|goes) in",
        r"nostrils (?:are |keep )?flaring",
        _LIPS,
        r"(?:very|really|so|unusually|too) (?:sleepy|drowsy|floppy)|floppy|hard to wake|"
        r"(?:wont|will not|cant|cannot) (?:stay awake|keep (?:his|her|their) eyes open)",
        needs=(1, 2, 3, 4),
    ),
    # heavy bleeding: a deep cut, that will not stop, how much, how faint
    _family(
        "medical",
        r"(?:cut|cuts|sliced|slit|gashed|slashed|stabbed)(?: \w+){0,4} (?:deep|deeper|too deep|"
        r"badly|right through|to the bone)",
        r"(?:wont|will not|doesnt|does not|cant|cannot|not|isnt) stop(?:ping)?(?: bleeding)?|"
        r"still (?:pouring|bleeding|gushing|spurting)",
        r"(?:pouring|gushing|spurting|pumping|soaked|soaking) (?:through|out|everywhere)|"
        r"blood (?:everywhere|all over)|(?:a lot of|lot of|lots of|loads of|so much) blood|"
        r"pool of blood",
        r"(?:feel|feeling|feels|going|looks?|is) (?:\w+ )?(?:faint|floaty|dizzy|light ?headed|"
        r"grey|white as)",
    ),
    # a goodbye made ready: thanks for everything, things given away, letters, "won't need it",
    # at a height, the means set out (one of the last four)
    _family(
        "self-harm",
        r"(?:thanks|thank you) for everything|sorry for everything|(?:i )?love you all|goodbye "
        r"(?:everyone|forever|all)|(?:you|u) (?:wont|will not) (?:have to |need to )?worry about "
        r"me|this is (?:the )?(?:last|final) (?:time|message)",
        r"(?:given|giving|gave) (?:away )?(?:my |the )?(?:cat|dog|pets?|things|stuff|belongings)|"
        r"(?:cat|dog|pets?) (?:is |s )?going to (?:my |the )?\w+|(?:sorted|found|arranged) (?:a )?"
        r"(?:home|someone) for (?:my |the )?(?:cat|dog|pets?|kids)",
        r"(?:goodbye|farewell|last) (?:letters?|notes?)|(?:letters?|notes?) (?:for|to) "
        r"(?:everyone|everybody|my (?:mum|dad|kids|children|family|wife|husband|sister|brother|"
        r"partner))|(?:letters|notes) (?:are |is )?(?:all )?(?:written|done|ready|on the side|"
        r"in the drawer|on the table)",
        r"(?:wont|will not) (?:need|be needing) (?:it|this|that|them|my \w+|the \w+|any)"
        r"(?: \w+){0,3} (?:after|from|past|any ?more|again)",
        r"(?:i am|im|i m) (?:\w+ ){0,3}(?:on|at|up on|sat on|sitting on|standing on) (?:the )?"
        r"(?:top (?:level|deck|floor)|roof|rooftop|edge|ledge|bridge|footbridge|platform edge|"
        r"railway|tracks|cliff)|top (?:level|deck|floor) of (?:the )?(?:multi ?storey|car park)",
        rf"(?:{PILLS}|boxes|packets|rope|noose|razor|blades?)(?: \w+){{0,4}} (?:ready|lined up|"
        rf"counted|set out)|(?:saved|saving|stockpiled|stockpiling) (?:up )?(?:my |all my )?"
        rf"(?:{PILLS})",
        needs=(2, 3, 4, 5),
    ),
    # a fight heard: cries to stop, thuds, a threat to kill, then quiet or a child left crying
    _family(
        "violence-now",
        r"(?:screaming|shouting|crying|yelling|begging|shrieking|screamed|shouted|cried|"
        r"shrieked)(?: \w+){0,3} "
        r"(?:stop|help|get off|let me go|leave me alone|dont hurt)",
        r"thudding|thuds|thumping|crash|crashing|smashing|slamming|banging against",
        r"(?:going to|gonna|will) kill (?:me|her|him|us)",
        r"(?:gone|went|is|its|it is) (?:totally |really |very |all |suddenly )?quiet|stopped "
        r"screaming",
        r"(?:baby|kids?|children) (?:is |are |s )?(?:screaming|crying)(?: \w+){0,4} (?:nobody|"
        r"no one|noone)",
        needs=(0, 2),
    ),
    # a fire in a room someone is in: the alarm, the smell, the smoke seen, a hot door, someone
    # inside (one of the last three)
    _family(
        "fire",
        r"(?:smoke |fire )?alarms? (?:is |are |has been |have been |keeps? |s )?(?:going off|"
        r"going|beeping|sounding|ringing)",
        r"burning smell|smell of (?:burning|smoke)|smells? (?:of )?(?:burning|smoke)",
        r"smoke (?:\w+ ){0,3}(?:coming|pouring|under|through|out of|filling)|(?:grey|black) "
        r"(?:smoke|stuff) (?:\w+ ){0,3}coming",
        r"door (?:is |s |feels )?(?:hot|warm)(?: to (?:the )?touch)?",
        r"(?:someone|somebody|she|he|they|people|kids|children|a resident|my \w+) (?:is |are |s |"
        r"re )?(?:still )?(?:in there|inside|trapped|stuck|cant get out)",
        needs=(2, 3, 4),
    ),
)


def told_by_signs(clause: str) -> list[tuple[str, int]]:
    """Each family's reason whose two signs ``clause`` shows, with where the first starts."""
    found = []
    for family in FAMILIES:
        start = family.start(clause)
        if start is not None:
            found.append((family.reason, start))
    return found
