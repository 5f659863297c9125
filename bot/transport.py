"""How a bus, train or Tube service ran, or how its staff behaved: TfL's and the train companies'.

A resident fed up with a late train sounds just like one fed up with the police, so the feedback
offer would send it to a team that cannot act on it, while the knowledge base names who can; and
a mother left at a stop in the cold reads to the emergency net much like an older person in
danger, so such a story needs a near-certain reading before it gets the 999 reply.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.text import normalise

TRANSPORT = re.compile(
    r"\b(bus|buses|tube|tubes|train|trains|overground|underground|tram|trams|dlr|rail|railway|"
    r"(met|metropolitan|jubilee|bakerloo|northern|piccadilly|central|district|victoria|circle|"
    r"elizabeth|chiltern) line|(the|route|bus|number) ([hn]\d{1,3}|(?!101\b|99\b|11\b)\d{2,3}))\b"
)
# What goes wrong with a service rather than on it: lateness, cancellations, a driver who would
# not stop or was rude. Trouble on a bus (fights, dealing, knives) is not in it: that is the team's.
RUNNING = re.compile(
    r"\b((running|being|always|so|too|again|really|very|\d+ (mins?|minutes)|is|are|was|were|"
    r"came|comes|(turn|turns|turned|turning|show|shows|showed|showing) up|arrived|arrives) "
    r"late\b(?! (at )?(night|evening))|delayed|delays?|cancelled|canceled|cancellations?|on time|"
    r"timetabled?|(never|hardly ever|rarely) (comes?|came|turns? up|turned up|shows? up|"
    r"showed up|arrives?|runs?)|(bus|driver|train|it|he|she|they|\d{2,3})( just| even| then)? "
    r"(didnt|did not|doesnt|does not|wont|wouldnt|would not|refused to) "
    r"(stop|wait|pull in|let (me|us|him|her|them|my \w+) on|"
    r"open the doors?|lower the ramp|put the ramp)|(just )?(drove|drives|went|goes|sailed|sails) "
    r"((straight|right) past|past (me|us|the stop|our stop))|"
    r"(skips?|skipped) (our|my|the) stops?|"
    r"(drove|drives|pulled|pulls) (off|away) (just )?(as|before|when|while|without)|"
    r"on strike|strikes|engineering works|signal failures?|replacement bus(es)?|"
    r"(shut|closed) the doors? (on|in)|"
    # "the 140 bus driver shouted at my nan for being slow with her trolley"
    r"drivers? (shout|shouts|shouted|shouting|yelled|yells|swore|swears|screamed) at|"
    r"drivers? (was|were|is|are|has been|have been) "
    r"(so |really |very |always |extremely )?(rude|horrible|nasty|unhelpful|dismissive))"
)


@lru_cache(maxsize=256)  # asked of one message by the feedback offer, the net and the story
def how_transport_ran(text: str) -> bool:
    """Whether the message names a bus, train or line and what went wrong with how it ran."""
    if len(text) > 2000:  # as the feedback rules: a long message is read by meaning alone
        return False
    words = normalise(text)
    return bool(TRANSPORT.search(words) and RUNNING.search(words))
