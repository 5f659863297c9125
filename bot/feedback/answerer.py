"""Noticing a priority or complaint in free text and offering to pass it to the team.

Deliberately conservative: only plain demands and complaints about policing where the resident
lives ("we need more police on Station Road at night", "not enough patrols in Wealdstone") are
offered; anything phrased as a question is left to the knowledge base, so an ordinary question
is never turned into a feedback offer.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers import FEEDBACK, Button, Reply, ReplyKind
from bot.pattern_cache import compiled
from bot.retrieval.trained import Trained
from bot.router import Proposal, Query
from bot.text import normalise
from bot.transport import how_transport_ran

POLICING = (
    r"(police|policing|officers?|patrols?|bobby|bobbies|coppers?|cops|pcsos?|presence|cctv|"
    r"lighting)"
)
ADJECTIVE = r"(visible|uniformed|local|street|foot|neighbourhood|regular)"
ENGAGEMENT_WORDS = (
    r"(ward panels?|panel meetings?|walk and talks?|events?|surgery|surgeries|coffee mornings?|"
    r"meetings?|stalls?|drop ins?|open days?|street briefings?|briefings?)"
)
# The borough's other languages, in which residents ask for the bot and the team's words.
LANGS = (
    "tamil|gujarati|urdu|polish|romanian|arabic|hindi|punjabi|somali|bengali|portuguese|farsi|"
    "pashto|bulgarian"
)
# The bot and the team's own tools, spoken of as the team's work.
THE_BOT = r"((this|the|your) (bot|app)|local beat)"
THE_TOOL = (
    r"(bot|chatbot|chat bot|app|website|online form|form|forms|answers|replies|local beat|"
    r"reporting form|report form)"
)
# The people a resident meets on the phone or at the counter rather than on patrol.
STAFF = (
    r"(call handlers?|operators?|(lady|man|woman|guy|bloke|person|fella|officer) "
    r"(on|at|from) (101|the phone|the front counter|the desk|the station))"
)
# How "they" dealt with a report or a call, which only the police did here: "how they handled my
# report was fantastic".
HANDLED = (
    r"(how|the way) (they|you|you all|you guys) (handled|dealt with|treated|looked after|supported)"
)
# Praise for officers: "the cops on bikes at the rec were ace with the kids". Like thanks, its
# point is how the police did, even when it tells of a day out or a crime.
PRAISE = compiled(
    rf"\b({POLICING}|{STAFF}|pcs?|constables?|sergeants?|{HANDLED})\b(?: \w+){{0,12}} (is|are|was|"
    r"were|has been|have been) ((really|so|very|absolutely|incredibly) )*(brilliant|amazing|"
    r"fantastic|excellent|great|lovely|so kind|kind|helpful|patient|reassuring|a star|ace|brill|"
    r"superb|spot on|professional|well run|(much|so much|a lot|loads|way) better|"
    # manners praised: "the two officers who came on tuesday were respectful for once"
    r"respectful|polite|courteous|decent|friendly|considerate|understanding)\b|"
    # told how quick they were, then the verdict: "officers were at my gym in about 4 minutes
    # when that fight kicked off. properly impressed"
    rf"\b({POLICING}|pcs?|pcsos?)\b.{{0,120}}\b(properly|really|very|so|well|massively|hugely|"
    r"genuinely|seriously) impressed\b"
)
# Told to the team about its own work: what it should do or stop doing, that it never answers,
# an event to hold again. Such a message is for the team even when it names a crime ("you should
# focus on the dealing in the park, not parking tickets"): the offer answers, not a crime report.
ADDRESSED = tuple(
    compiled(p)
    for p in (
        rf"^((i think|i reckon|i feel|honestly|tbh|imo|seriously) )?(you|the police|police|"
        rf"{POLICING}|the met|they|you lot|{THE_BOT}) ((really|honestly|seriously|actually|just|"
        r"definitely|"
        r"genuinely) )?(should|need to|ought "
        r"to|must|have to|want to) ((actually|really|just|definitely|seriously) )?(tell|let|be|do|"
        r"put|have|patrol|come|post|share|start|get|"
        r"focus|concentrate|prioritise|prioritize|spend|stop|catch|listen|sort|deal|crack|"
        r"answer|reply|respond|work|look|target|go after|bother)\b",
        # told what to stop and what to do instead: "stop wasting time on twitter and catch
        # the burglars", "focus on the dealing, not parking tickets"
        r"^(just |please |pls )?(stop|quit) (wasting|messing|faffing|posting|tweeting|giving)\b",
        r"\b(focus|concentrate|spend (more )?time) on\b.{0,60}\b(not|instead of|rather than)\b",
        # nobody answering the residents who wrote
        r"\b(you|police|they|nobody|no one|noone) (never|dont|don t|do not|doesnt|does not) "
        r"(reply|replies|respond|responds|answer|answers|get back|gets back|write back)\b",
        # handed to the team in so many words: "can you pass on to the team that...", "tell the
        # local team the lights are out"
        r"\b(pass (this |it |that )?on to|pass (this |it |that )?to|tell|let) "
        r"(the |your |my |our )?(local |neighbourhood |ward )?(team|officers|pcsos?|sergeant|"
        r"safer neighbourhood team)"
        r"( know)?\b",
        # passed up to whoever leads the officer: "very good work, please tell her boss"
        r"\b(tell|let) (her|his|their) (boss|sergeant|inspector|manager|superiors?|bosses)\b",
        r"\b(want|wanted|would like|like|d like) (her|his|their|the) (boss|sergeant|inspector|"
        r"manager|superiors?|bosses|commander) to know\b",
        # someone asked to watch a place: "someone needs to be watching those roads at night"
        r"\b(someone|somebody) (needs to|should|has to|ought to|must) (be )?(watching|patrolling|"
        r"watch|patrol|keep an eye on|keeping an eye on)\b",
        # the bot or the newsletter in residents' languages: "please make this in tamil
        # also", "could you put the bot in gujarati" (asked, still a request to the team)
        r"\b(make|put|have|do|send|write|translate) (this|it|the bot|the newsletter|the app|"
        r"them|these|the messages)?( \w+){0,4} (in|into) (other languages|more languages|"
        rf"different languages|my language|our language|{LANGS})\b",
        # made a priority, asked for in other words: "can you put the motorbikes on northolt road
        # on your list of priorities?", "i'd like this to be a ward priority please"
        r"\b((on|to) (your|the) (list of )?priorit(y|ies)|(as|be|become|adopted as|treated as|"
        r"treat (it|this|them) as) (a |an |the |one of (your|the) )?(ward |top |local |police |"
        r"real )?priorit(y|ies))\b",
        # patrols asked for as a question: "could we get a few more foot patrols on the hill?"
        r"^(please |pls |so )?(can|could|would) (we|you|u|the team|your team|the police|police|"
        r"officers) (please |pls )?(get|have|put|add|arrange) (a few |some |more |extra |regular "
        r"|a )?(more )?(foot |regular |evening |weekend )?(patrols?|police presence|presence)\b",
        # the team's words in residents' languages, asked for in other forms: "could your
        # leaflets be translated into gujarati?", "can the bot get a polish language option?"
        rf"\b(translated|available|printed|written|published|informations?|leaflets?) (in|into) "
        rf"(other languages|more languages|different languages|my language|our language|"
        rf"{LANGS})\b|\b({LANGS}) (language )?(option|version)\b|\bin ({LANGS}) language\b",
        # handed back in so many words: "please feed back to whoever designed it"
        r"\bplease (feed ?back|pass (this|it|that) back)\b",
        # the team's priority for a place: "the priority for wealdstone should be the dealing"
        r"\b(priority|priorities) (for|in) (\w+ ){1,4}(should|must|has to|needs to|ought to) be\b",
        r"^(the |your |police |the police s )?(priority|priorities|focus) (should|must|has to|"
        r"needs to|ought to) be\b",
        # a complaint said to be one: "complaint. police car parked on double yellows"
        r"^(complaint|formal complaint|a complaint)\b",
        # made a priority, or sorted, in so many words: "the dealing in the park is getting worse,
        # make it a priority", "the lads hanging round the bus station needs sorting"
        r"\b(make|making) (it|this|that|them) (a|your|the|a top|your top) priority\b",
        r"\b(lads|kids|youths|teenagers|boys|gangs?|dealers?|dealing|drinkers|drinking|speeding|"
        r"racing|asb|anti social)\b.{0,80}\b(needs|need) (sorting|sorting out|dealing with|"
        r"tackling|clamping down on)\W*$",
        # wished for in other words: "it'd be brilliant if a local officer could come and talk
        # to our year 6s", "would the team run a session for venue owners about spiking?"
        rf"\b(it d|it would|itd|would) be (really |so |very )?(brilliant|great|good|nice|lovely|"
        r"amazing|helpful|useful|fab|ace) if (a|an|the|some|you|your|our|one of your)( \w+){0,2} "
        rf"({POLICING}|pcs?|team|sergeant|bobby) (could|would|came|come|can|were|visited|did)\b",
        r"\b(would|could|can|will) (the team|you|your team|the police|an officer|officers|a pcso|"
        r"the pcsos|your officers) (run|do|hold|give|put on|come and (do|give|run|talk)|come in "
        r"and (do|give|talk)|come and speak) (a |an |some )?(\w+ )?(session|talk|workshop|"
        r"training|briefing|assembly|visit)\b",
        # an invitation: "we would like to invite the local officers to our community iftar"
        rf"\b(invite|inviting|invitation (for|to)) (the |your |our |some )?(local )?({POLICING}|"
        r"pcs?|team|sergeant|neighbourhood team|safer neighbourhood team)\b",
        # asked of the team straight out: "please patrol the car park more at weekends"
        r"^(please|pls|plz|can you|could you|would you)( please)? (patrol|come and patrol|send "
        r"(more (officers|police|patrols)|a patrol|patrols)|put (more )?(officers|police|"
        r"patrols))\b",
        # passed up by name: "please could this be passed to the borough commander"
        r"\b(pass|passed|forward|forwarded|send|sent|escalate|escalated) (this |it |that )?(on )?"
        r"(to|up to) (the )?(borough commander|commander|superintendent|chief inspector|"
        r"inspector|borough command|chief superintendent)\b",
        # praise for an event, asking for more: "loved the meet the police morning, more please"
        r"\b(loved|enjoyed|really liked|great|brilliant|very good|really good|excellent|"
        r"amazing|fantastic)\b.{0,60}\b(more (please|pls|of (that|these|those|them))|do (it|that|"
        r"more|one) again|again soon)\b",
        # how the team's events should be: "please make your events accessible for wheelchairs"
        rf"\bplease (make|hold|run|have|put on|organise|keep) (your|the|future|more) (\w+ )?"
        rf"{ENGAGEMENT_WORDS}\b",
    )
)
DEMANDS = tuple(
    compiled(p)
    for p in (
        rf"\b(need|needs|want|wants|deserve|should be|should have)\b.{{0,20}}"
        rf"\b(more|better|extra|a (proper|permanent|dedicated|regular)) ({ADJECTIVE} )?"
        rf"{POLICING}\b",
        rf"\bnot enough\b.{{0,15}}\b{POLICING}\b",
        # "more police please", "would love more patrols round the alleys", "need police
        # outside the schools at home time"
        rf"\b(more|extra) ({ADJECTIVE} )?{POLICING} (please|pls|plz|needed|wanted)\b",
        rf"\b(would love|would like|d love|d like|wish there were|wish there was)\b.{{0,12}}"
        rf"\b(more|extra|some|a few) ({ADJECTIVE} )?{POLICING}\b",
        # any place: "harrow on the hill station needs police at night"
        rf"\b(need|needs) ({ADJECTIVE} )?(police|officers|patrols|bobbies|pcsos) (outside|at|in|"
        r"on|round|around|near|by|here|there)\b",
        rf"\b(never|rarely|hardly ever|no)\b.{{0,12}}\b(see|seen|any)\b.{{0,12}}\b{POLICING}\b",
        # "i write to complain about...", "id like to raise a concern that..."
        r"\b(i|we|id) (am |are )?(want|would like|d like|like|wish|write|writing) to (complain|"
        r"make a complaint|raise|give feedback|register a complaint|lodge a complaint)\b",
        # "my priority for harrow is the young people"
        r"\b(my|our) (main |top |biggest )?(priority|priorities|concern|concerns) "
        r"((for|in) (\w+ ){1,3})?(is|are|would be|has to be|would have to be)\b",
        r"\b(please|can you|could you) (do something|sort out|deal with|crack down)\b",
        r"\b(fed up|sick and tired|sick) (of|with)\b",
        # thanks and praise for officers, to pass on (a complaint about one is complaints-police)
        r"^(a )?(big |huge )?(thank you|thanks|thank|thx) (so much |very much )?(to )?(you |your |"
        rf"the |all the |our |those )?(local )?(team|{POLICING}|neighbourhood team)\b",
        # thanks, anywhere in the message, for the team or what it did
        r"\b(thank you|thanks|thank u|thx|cheers)( so much| very much| again)? (to|for) "
        r"(the |your |all the |those |our )?(local )?(officers?|pcsos?|pcs?|constables?|"
        r"sergeants?|team|neighbourhood team|police|walk and talks?|ward panel|panel meeting|"
        rf"meeting|visit|patrols?|talk at|{STAFF})\b",
        PRAISE.pattern,
        # praise for one of the team's events: "the walk and talk in kenton was brilliant"
        rf"\b{ENGAGEMENT_WORDS}\b(?: \w+){{0,6}} (was|were|is|are) (really |so |absolutely |"
        r"very )?(brilliant|great|excellent|fantastic|amazing|lovely|helpful|useful|so useful|"
        r"really good|very good)\b",
        # praise for what the team did: "well done on all the arrests"
        r"\b(well done|great work|good work|great job|good job|nice one|hats off) (on|for|to|"
        r"with) (all )?(the |your |those |you |everyone )?\w+",
        # police who never come round: "nobody ever comes round our way"
        r"\b(nobody|no one|noone|police|you|they|officers) (ever |never |hardly ever |rarely )"
        r"(comes?|came|patrols?|walks?|visits?|drives?) (round|around|down|by|past|through|here)\b",
        # about this bot, good or bad
        r"\b(this|the|your) (bot|chatbot|app|service) (is|was|s) (useless|rubbish|crap|"
        r"pointless|terrible|awful|no help|not helpful|unhelpful|brilliant|great|"
        r"really helpful|so helpful)\b",
        r"\b(this|the|your) (bot|chatbot) (didnt|didn t|did not|doesnt|doesn t|does not|never|"
        r"cant|can t|cannot|couldnt|couldn t|could not) (understand|understood|help|helped|get|"
        r"got|answer|answered|work|worked)\b",
        # praise said last: "... we see them around a lot more. well done"
        r"\b(well done|great work|good work|keep it up)( everyone| all| guys| team| lads)?\W*$",
        # a contact residents would like: "our group would like a named officer to talk to"
        r"\b(would|d) (like|love) (a|an|our own) (named |dedicated |regular |local )?"
        r"(officer|pcso|contact|point of contact|liaison)\b",
        # said last, after a problem: "...women are scared to walk there, you need to look at it"
        # (not firm: after a crime told, the reporting reply still answers, with the offer)
        r"(?<!do )(?<!if )(?<!would )(?<!can )(?<!will )(?<!did )(?<!are )\b(you|you lot|the "
        r"police) (really )?(need to|should|must|have to|ought to) (look at|look into|do "
        r"something|sort|deal with|fix|act|step up|get a grip|take (this|it) seriously|be (there|"
        r"here|around|about|out|seen|visible|on the streets)( more)?)\b",
        # news residents want from the team
        r"\b(i would like|i d like|id like|we would like|we d like|i want|we want|wish there were|"
        r"wish we had) (more|regular|better) "
        r"(updates|news|communication)\b",
        # requests and suggestions as residents put them
        rf"^((please|pls|plz|we need|need) )?(more|extra|better) ({ADJECTIVE} |\w+ )?{POLICING}\b",
        r"\b(i|id|may i|can i|could i) (would )?(like to )?suggest\b",
        # priorities as residents put them: "please make speeding on the a404 a priority", "my
        # biggest worry is knife crime near the schools, please focus on it"
        r"\b(make|put) (\w+ ){1,8}(a |your |the |top )?(priority|priorities)\b",
        # where residents want officers: "please keep police outside schools at home time"
        rf"\b(keep|put|send|station|have) (more |some )?({POLICING}|pcsos?) (outside|at|near|by|"
        r"around|round) (the |our )?(\w+ )?(schools?|school gates|station|park|shops|parade)\b",
        r"\bplease (focus|concentrate|crack down|do more|do something) (on|about)\b",
        r"\b(my|our|the) (biggest |main |top |real |only )?(worry|worries|problem|issue|concern) "
        r"(round here |here |in \w+ )?(is|are)\b",
        # ("bobbies" and "coppers" read as "police" here)
        rf"\b(bring back|we want|we need) (the |our |more )?({POLICING}|beat officers|"
        r"foot patrols|police boxes|police station|front counter)\b",
        rf"\b(nobody|no one|noone) (has |have |ever )?(seen|sees) (a |an |any )?"
        rf"({POLICING}|pcs?|pcsos?)\b",
        rf"\bnever (see|seen) (a |an |any )?({POLICING}|pcs?|pcsos?) (round|around|on (our|my|the)|"
        r"in (our|my|the)|here|anymore|any more|these days|patrolling|walking)\b",
        rf"\b({POLICING}|they|you) (never|hardly ever|rarely) (show|shows|turn|turns|come|comes) "
        r"(up|round|out)\b",
        # praise, to pass on: "doing a great job lately, keep it up", "great to see officers"
        r"\b(doing|done) (a |such a )?(great|good|brilliant|fantastic|amazing|grand|cracking) "
        r"job\b",
        r"\b(keep it up|keep up the (good|great) work)\b",
        rf"\b(great|good|nice|lovely|reassuring) to see ({ADJECTIVE} )?(the )?({POLICING}|pcs?|"
        r"officers? on foot|bobbies on the beat)\b",
        # what would help, and what residents would like the team to do
        r"\b(it would|would|it d|itd) (really )?(help|be (great|good|nice|better|helpful|useful))"
        rf"( if| to have)\b.{{0,60}}\b({POLICING}|team|ward panels?|panels?|meetings?|surgery|"
        r"surgeries|events?|pcsos?)\b",
        rf"\b({POLICING}|surgery|surgeries|meetings?|panels?|events?|stalls?|drop ins?)\b.{{0,60}}"
        r"\bwould be (really )?(great|good|nice|helpful|useful|brilliant|lovely)\b",
        rf"\b(i d|id|i would|we d|we would) (really )?(love|like) (to see )?(the |our |more )?"
        # not action on a crime the resident suffered: "i would like the police to come and
        # arrest the man who stole my bike"
        rf"({POLICING}|team|pcsos?)\b(?! to (come (and|to) |please )?(arrest|catch|charge|find|"
        r"recover|get back|investigate|take|look at my|check my|deal with (him|her|them|the man)))",
        rf"\b(the council and (the )?police|police and (the )?council|{POLICING}|the team) "
        r"(really )?(should|need to|ought to|must)\b",
        # presence wanted in other words: "stanmore broadway needs a proper police presence"
        r"\b(need|needs|want|wants|deserve|deserves) ((a|some|more|proper|real|regular|visible|"
        r"bigger|dedicated) )*(police presence|policing|patrols|foot patrols|presence|officer "
        r"again)\b",
        # praise and thanks for officers in other words: "i would like to commend sgt okafor",
        # "the officers who came were there in minutes and so kind to my mum. thank you"
        r"\b(commend|five stars|5 stars|hats off|kudos|shout out)\b",
        rf"^(?=.*\b({POLICING}|pcs?|pcsos?|sergeants?|sgt|constables?|policem[ae]n|policewom[ae]n|"
        r"police lady|call handlers?)\b).*\b(thank you|thanks|thank u|grateful|appreciate)\b"
        # not the bot thanked for its answer ("thanks for the info. when is the next event")
        r"(?! for (the|your|this) (info|information|answer|answers|reply|help|link|number|tip|"
        r"tips|advice))"
        # nor a question's courtesy ("I should be grateful if you would advise how far ahead a
        # shotgun certificate is renewed")
        r"(?!( it)? if (you|someone|somebody|an officer|the team) (would|could|can|will) "
        r"(kindly )?(advise|tell|explain|let me know|confirm|clarify|inform|say))",
        # more of what the team runs: "more community events like the fun day please", "please
        # more youth clubs", "please continue this"
        r"\b(more|another) (community |youth )?(events?|fun days?|meetings?|walk and talks?|"
        r"panels?|youth clubs?|clubs?|surgeries|drop ins?|talks?|visits?)\b.{0,40}\b(please|pls|"
        r"plz)\b|^(please |pls )?more (community |youth )?(events?|youth clubs?|clubs?|fun days?|"
        r"meetings?)\b|\bplease continue (this|it|them)\b",
        # suggestions in other forms: "newsletter idea: ...", "it would be really helpful if the
        # minutes went online"
        r"^(\w+ ){0,2}(idea|suggestion)\b(?! for\b)|\bwould be (really |very |so )(helpful|great|"
        r"useful|good|nice) if\b",
        # how the team's words read: "larger print please", "too many difficult english words"
        r"\b(larger|bigger) (print|font|text|writing)\b|\b(print|font|text|writing)\b.{0,40}"
        r"\btoo small\b|\btoo many (difficult|hard|long) (english )?words\b|\b(simple|simpler|"
        r"plain|easier) (words|english|language) please\b",
        r"\b(that|this|it|things|something) (really )?(needs|has|have|must) (to )?change\b",
        r"\b(nobody|no one|noone) ever (answers|replies|responds|gets back|reads)\b|^why (you|u) "
        r"(not|dont|don t|never) (answer|reply|respond)\b",
        r"\b(please |pls |you need to |you must |must )do better\b|\bplease (have a word|speak "
        r"to (them|him|her|your officers|your colleagues))\b",
        # where residents want officers, in other words: "pls put a patrol outside the leisure
        # centre at chucking out time", "please make patrol"
        rf"\b(put|station|keep|get) (a |more |some |extra |regular )?({POLICING}|pcsos?)( car| "
        r"officer| officers| patrol| patrols| van)? (outside|at|near|by|around|round|on)\b|"
        r"\bplease (make|do|put|have|start) (a |some |more |regular )?patrols?\b",
        r"\b(is|are) not (a|the|your) (real |top )?priority\b",
        rf"\b({POLICING}|presence|patrols?)\b.{{0,60}}\bwould make a (real |big |huge |massive )?"
        r"difference\b",
        # the service as it was: "a waste of time", "took three weeks for anyone to call me back"
        rf"\b({POLICING}|{ENGAGEMENT_WORDS}|101)\b.{{0,40}}\b(was|were|is|are) (a )?(complete |"
        r"total |bit of a )?waste of time\b",
        r"\btook (\w+ ){0,2}(days|weeks|months|hours) for (anyone|someone|somebody|the police|"
        r"an officer|officers|you) to\b",
    )
)
# A rhetorical "why did nobody come" is a complaint about the service, even beside a crime.
NOBODY_CAME = compiled(
    r"^why (did|does|do|has|have|had|didnt|did not) (nobody|no one|noone|no officers?|"
    r"no police|anyone|the police|you|they)\b.{0,20}\b(come|came|turn up|turned up|call|"
    r"ring|rang|get back|got back|bother|respond|responded|attend|attended)\b"
)
# Statements that start like questions: "why are there never any police about" is a complaint,
# "would be great if officers..." a suggestion.
STATEMENTS = tuple(
    compiled(p)
    for p in (
        rf"^why (is|are) there (never|no|hardly ever|hardly|not enough) (any )?({ADJECTIVE} )?"
        rf"{POLICING}\b",
        rf"^(it )?(would be|itd be|it d be) (great|good|nice|helpful|better) if\b.{{0,30}}"
        rf"\b{POLICING}\b",
        r"^(a |one |my |just an? |quick |an )?(suggestion|idea)\b(?! for\b)",
        # labelled first: "feedback!! the answers are really long"
        r"^(some |quick |my )?feedback\b(?! (form|forms|page|button|for|about|on|to|how|what|"
        r"where|can|do|is)\b)",
        # the bot or the team's forms, found wanting: "your bot didnt have a clue when i asked
        # about vinted scams", "your online form for reporting is too difficult"
        rf"^(your|this|the) {THE_TOOL}\b(?! (in|for) ({LANGS})\b).{{0,80}}\b(didnt|did not|doesnt|"
        r"does not|had no|has no|is (too|so|really|very|useless|rubbish|terrible|hopeless|a joke)|"
        r"are (too|so|really|very|useless|rubbish)|keeps|kept|crashed|crashes|crash|needs|could be"
        r"|would be better)\b",
        # the wrong answer, told: "your bot sent me the events list when i asked about scams,
        # sort it out"
        rf"^(your|this|the) {THE_TOOL}\b.{{0,40}}\b(sent|gave|showed|answered) me\b.{{0,80}}\b("
        r"when i asked|instead of|sort it out|fix it|wrong|useless|rubbish|not what i asked)\b",
        # would be good to hear: "would be nice to hear when you actually catch someone"
        rf"^(it )?(would be|itd be|it d be) (great|good|nice|helpful|better) to (hear|know|see|"
        rf"get|have)\b.{{0,60}}\b({POLICING}|you|team|catch|caught|arrests?|updates?|posts?)\b",
        # labelled so by the resident: "suggestion for local police: make bsl videos",
        # "feedback about this bot: long links are read out letter by letter"
        rf"^(a |one |my |some |quick |an )?(suggestion|idea|feedback|complaint|compliment)s? "
        rf"(for|about|on|to) (the |your |our |this )?(local )?({POLICING}|police|team|met|bot|"
        r"service|app|chat|you|local beat)\b",
        # an invitation: "our shul would love the local team to come to our commemoration"
        rf"^.{{0,60}}\b(would love|would like|d love|d like|invite|inviting) (the |your |our |"
        rf"some )?(local )?({POLICING}|police|team|officers?|pcsos?) to (come (to|along|and (meet|"
        r"speak|talk|say|give|do))|visit|attend|join|speak (to|at|with)|talk (to|at|with)|drop in|"
        r"pop in)\b",
        # a suggestion about how the team keeps residents informed
        r"^(it )?(would be|itd be|it d be) (great|good|nice|helpful|better) if\b.{0,40}"
        r"\b(newsletter|newsletters|updates?|emails?|texts?|meetings?|panels?|events?|website)\b",
        NOBODY_CAME.pattern,
        # a request put as a question: "can the team do something about the parking"
        r"^(please |pls |plz )?(can|could) (the|your|our) (local )?(team|police|officers|pcsos) "
        r"(please )?"
        r"(do something|look into|sort out|sort|deal with|crack down|patrol|come)\b",
        # a rhetorical complaint: "why do the police only turn up after something bad happens"
        r"^why (do |does |did )?(the )?(police|officers|you|you lot|you guys|u lot|they) (only|"
        r"never|always|not)\b",
        # thanks to whoever did something, to pass on
        r"^(a )?(big |huge |massive |special )?(thanks|thank you|shout out|shoutout|kudos|"
        r"well done) to (whoever|the officers?|everyone who|the people who|the pcsos?|the team)\b",
    )
)
# Thanks to pass on: "please pass on our thanks to the officers who came".
THANKS = compiled(
    r"\b((pass|passing) on (my|our|a|the) (thanks|thank yous?|gratitude|appreciation)|"
    r"(please |can you |could you )(thank|say thank you to|say thanks to) (the|them|those|your|"
    r"all|everyone|her|him)|(want|wanted|like) to (say )?(a )?(big |huge )?(thanks|thank you) "
    r"to (the|your|those|all) (officers?|pcsos?|pcs?|sergeants?|constables?|detectives?|team|"
    r"police))\b|"
    # thanks to the officer who helped, in English or the borough's other languages (read as
    # "thanks" by bot.text, whose THANKS_WORDS hold them): "thank you to the officer who helped
    # me when my van was stolen", "shukriya to the officers"
    r"^(a )?(big |huge )?(thanks|thank you|thank u)( so much| very much| bardzo)? to (the|that|"
    r"this|those|your|"
    r"all the) (officers?|pcsos?|pcs?|policem[ae]n|policewom[ae]n|sergeants?|constables?|"
    r"detectives?|team)\b|"
    # passed on in so many words, said last: "... is brilliant, please pass on"
    r"\b(please |pls |can you |could you )(pass (this |it |that )?on|pass (it|this|that) "
    r"along)\W*$|"
    # "... talked to us like people. want that passed on"
    r"\b(want|wanted|would like|d like|like) (that|this|it) (passed on|passing on)\W*$|"
    # the bot's makers thanked: "this bot actually helped me loads, tell whoever made it ty"
    r"\b(tell|thank) (whoever|the people who|the person who|the team who) (made|built|runs|"
    r"created|designed) (it|this|the bot|this bot|you)\b"
)
# A complaint about the service the resident had: both the verdict and what it is about.
VERDICT = compiled(
    r"\b(not good enough|not acceptable|unacceptable|disgraceful|appalling|let down|"
    r"really disappointed|so disappointed|very disappointed|not impressed|"
    # of the service, not of an officer's manner: "rude" is a complaint, which complaints-police
    # answers with how to make one
    r"(very |so |really |totally |completely )?(useless|terrible))\b"
)
SERVICE = compiled(
    rf"\b({POLICING}|front counter|front desk|response|ring me back|rang me back|call me back|"
    r"called me back|"
    r"get back to me|got back to me|no one came|nobody came|never came|(nobody|no one|noone|"
    r"never) turned up|"
    r"took \d+ (mins|minutes|hours|days|weeks)|101|on hold|"
    r"(waited|waiting|hung on) (for )?\d+ (mins|minutes|hours))\b"
)
QUESTION_START = compiled(
    r"^(how|what|whats|where|when|who|which|is|are|can|could|do|does|did|will|"
    r"would(?! (love|like|be (great|nice|good)))|why|should)\b"
)
# A problem that keeps happening where someone lives is something the local team should hear,
# even when the message is also a crime to report ("drug dealing in the park every evening").
RECURRING = compiled(
    r"\b(every (?:single )?(?:day|night|evening|morning|weekend|week)|each (?:day|night|evening)|"
    r"most (?:days|nights|evenings)|all the time|constantly|day and night|night after night|"
    r"again and again|keeps? (?:happening|coming back)|(?:is|are) always|always (?:here|there))\b"
)

# Any word of the police keeps the offer: "more officers on the night buses" is for the team.
OFFICERS = compiled(rf"\b({POLICING}|pcs?|constables?|sergeants?|the met(?! line)|btp|{STAFF})\b")

OFFER_TEXT = (
    "It sounds like you’d like the {borough} team to hear this. I can pass it on as feedback: "
    "the team will not see your name or username.\n\n"
    "This is not a crime report. To report a crime call 101 or go to "
    "https://www.met.police.uk/ro/report/ . In an emergency call 999."
)
OFFER_BUTTONS = (Button("Send this to the team", "fb:offer"), Button("No thanks", "menu:main"))


# The team's own meetings and events: a word on them ("the walk and talk was a waste of time",
# "it would help if the ward panel met in the evenings") is feedback, not a search for events.
ENGAGEMENT = compiled(rf"\b{ENGAGEMENT_WORDS}\b")


@dataclass(frozen=True, slots=True)
class Said:
    """A message as the rules here read it, normalised once for all of them."""

    words: str
    asked: bool  # it ends with a question mark

    @classmethod
    def of(cls, text: str) -> Said | None:
        """None for an empty message or one too long to read (over 2,000 characters)."""
        stripped = text.strip()
        if not stripped or len(stripped) > 2000:
            return None
        return cls(normalise(stripped), stripped.endswith("?"))

    def about_the_service(self) -> bool:
        """Thanks to pass on, or a verdict on the service the resident had: the message's point
        is how the police did, even when it tells of a crime ("we were burgled in the summer and
        the officers who came were brilliant, please pass on our thanks"), so the offer to tell
        the team answers it rather than how to report the crime."""
        if THANKS.search(self.words) or NOBODY_CAME.match(self.words):
            return True
        if PRAISE.search(self.words) and not self.asked:
            return True
        return bool(VERDICT.search(self.words) and SERVICE.search(self.words))

    def addressed(self) -> bool:
        return any(p.search(self.words) for p in ADDRESSED)

    def feedback(self) -> bool:
        words = self.words
        if THANKS.search(words) or any(p.match(words) for p in STATEMENTS):
            return True
        if self.addressed():  # "can you pass on to the team..." too
            return True
        if PRAISE.search(words) and not self.asked:  # "how the officers handled it was great"
            return True
        if self.asked or QUESTION_START.match(words):
            return False
        if VERDICT.search(words) and SERVICE.search(words):
            return True
        return any(p.search(words) for p in DEMANDS)

    def recurring(self) -> bool:
        """A local problem that keeps happening, told rather than asked."""
        if self.asked or QUESTION_START.match(self.words):
            return False
        return bool(RECURRING.search(self.words))


def about_transport(text: str, said: Said) -> bool:
    """A complaint about how a bus, train or Tube service ran, or how its staff behaved, with
    no word of the police in it: the transport operator's to hear, not the team's."""
    return how_transport_ran(text) and not OFFICERS.search(said.words)


def sounds_like_feedback(text: str) -> bool:
    said = Said.of(text)
    return said is not None and said.feedback()


SCORE_RECURRING = 30.0  # answers only when nothing else does; offered beside a reporting reply
# A plain demand or complaint (the rules above) is offered to the team before advice on the same
# subject; only a near-exact entry answers first, with the offer beside it as the runner-up.
SCORE = 96.0
# Read as feedback by the classifier alone: just above the answer threshold, so it wins over a
# half-understood entry or a fallback, never over a confident answer or crime figures.
SCORE_SEMANTIC = 58.0
PROBABILITY = 0.95  # chosen on the development questions


def feedback_classifier() -> Trained:
    return Trained("bot.feedback", "exemplars.yaml", "feedback", "not_feedback")


class FeedbackAnswerer:
    """Offers to pass a message to the team when it reads like a priority, complaint,
    suggestion or thanks: by the plain rules above, or by a classifier trained on hand-written
    exemplars (``exemplars.yaml``) when the model is loaded. The words offered are kept by the
    front end that shows the button (``bot.feedback.offers`` for Telegram, the session's state for
    the web), wherever the button appears: as the answer, beside one, or under a reporting reply."""

    def __init__(self, borough: str, classifier: Trained | None = None) -> None:
        self._borough = borough
        self._classifier = classifier

    def _score(self, query: Query, said: Said) -> float | None:
        if about_transport(query.text, said):
            return None
        if said.feedback():
            return SCORE
        exemplars = self._classifier.exemplars if self._classifier is not None else None
        if exemplars is None or query.vector is None:
            return SCORE_RECURRING if said.recurring() else None
        if exemplars.probability(query.vector) >= PROBABILITY:
            return SCORE_SEMANTIC
        return SCORE_RECURRING if said.recurring() else None

    async def propose(self, query: Query) -> Proposal | None:
        said = Said.of(query.text)
        score = None if said is None else self._score(query, said)
        if said is None or score is None:
            return None
        reply = Reply(ReplyKind.FEEDBACK, OFFER_TEXT.format(borough=self._borough), OFFER_BUTTONS)

        async def make() -> Reply:
            return reply

        firm = score == SCORE and (
            said.about_the_service() or said.addressed() or bool(ENGAGEMENT.search(said.words))
        )
        return Proposal(FEEDBACK, score, make, OFFER_BUTTONS[0], "offer", firm=firm)
