"""Understanding residents' own words: the model, the router, report routes and the second
emergency net, as a resident would meet them through the answer service.

The phrasings here are written for these tests; they are neither knowledge-base questions nor
evaluation questions (tests/eval), which must stay independent of the code.
"""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
import pytest_asyncio

from bot import services as services_module
from bot.answers import ReplyKind
from bot.config import Config
from bot.retrieval import packaged
from bot.retrieval.cache import VectorCache
from bot.retrieval.emergency import EmergencyNet
from bot.retrieval.onnx import OnnxEmbedder
from bot.retrieval.vectors import Matrix
from bot.safety import Verdict, assess
from bot.services import Services, open_services
from bot.text import (
    averted,
    courtesy_in_english,
    found_object,
    left_behind,
    told_before_asking,
)

REPO_KB = Path(__file__).resolve().parents[1] / "knowledge"


def config(tmp_path: Path, **matcher: object) -> Config:
    return Config.model_validate(
        {
            "database": {"url": f"sqlite+aiosqlite:///{tmp_path / 'u.db'}"},
            "knowledge_dir": str(REPO_KB),
            "matcher": matcher,
        }
    )


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def services(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Services]:
    """One set of services for the module's tests, which only ask it questions: opening them
    (the model, the vectors, the nets trained) took most of each test's time."""
    opened = await open_services(config(tmp_path_factory.mktemp("understanding")))
    try:
        yield opened
    finally:
        await opened.close()


async def test_a_situation_described_in_own_words_reaches_its_entry(services: Services) -> None:
    reply = await services.answers.answer(
        "does my fella reading all my texts and stopping me seeing my mates count as abuse?"
    )
    assert reply.kind is ReplyKind.ANSWER
    assert reply.entry_id in {"coercive-control", "domestic-abuse"}
    assert "0808 2000 247" in reply.text and reply.sources


async def test_a_scene_the_rules_miss_gets_999_from_the_exemplar_net(services: Services) -> None:
    scene = "two men are marching a young girl towards a car by the shops and she is crying"
    assert assess(scene).verdict is not Verdict.EMERGENCY  # the rules alone would miss it
    reply = await services.answers.answer(scene)
    assert reply.kind is ReplyKind.EMERGENCY
    assert reply.text.startswith("If you or someone else is in danger right now, call 999")
    assert reply.meta == {"reason": "semantic"}


@pytest.mark.parametrize(
    "worry",
    [
        "my mum is 80 and lives alone and lets anyone in, should i be worried",
        # what happens often is no scene now
        "my neighbour shouts at his kids a lot, is that normal",
        "my dad shouts at my mum all the time, is that normal",
    ],
)
async def test_a_worry_closed_by_a_doubt_is_no_emergency(services: Services, worry: str) -> None:
    reply = await services.answers.answer(worry)
    assert reply.kind is not ReplyKind.EMERGENCY


async def test_a_past_crime_asked_about_politely_is_no_emergency(services: Services) -> None:
    reply = await services.answers.answer(
        "sorry to bother you but my car was keyed last week, what should i do"
    )
    assert reply.kind is not ReplyKind.EMERGENCY
    assert "999" not in reply.text.split("\n")[0]


async def test_a_scene_dated_months_ago_is_not_a_call_for_999_now(services: Services) -> None:
    scene = "bloke tried to bundle my cousin into his car near the park, she ran off"
    assert (await services.answers.answer(scene)).kind is ReplyKind.EMERGENCY
    reply = await services.answers.answer("a few months back " + scene)
    assert reply.kind is not ReplyKind.EMERGENCY
    assert not reply.text.startswith("If you or someone else is in danger right now")


async def test_how_a_report_went_is_offered_to_the_team_not_reported_again(
    services: Services,
) -> None:
    told = "nobody ever got back to me after i reported my van being broken into, so disappointed"
    reply = await services.answers.answer(told)
    assert reply.kind is ReplyKind.FEEDBACK
    assert "Send this to the team" in [b.label for b in reply.buttons]


async def test_told_to_the_team_about_its_work_the_offer_answers_not_a_report(
    services: Services,
) -> None:
    """What the police should do instead ("focus on the dealing, not parking tickets") names a
    crime, but it is a word to the team, not a crime to report."""
    for said in (
        "i reckon you should go after the dealers on the estate instead of parking tickets",
        "stop wasting time on speed traps and catch whoever is nicking the catalytic converters",
        "the priority for wealdstone has to be the drug dealing behind the leisure centre",
    ):
        reply = await services.answers.answer(said)
        assert reply.kind is ReplyKind.FEEDBACK, said
    # a word on the team's meetings is feedback, not a search for events
    for said in (
        "it would help if the ward panel met in the evenings so people who work can come",
        "the street briefing in hatch end was a waste of time, nobody listened to us",
    ):
        reply = await services.answers.answer(said)
        assert reply.kind is ReplyKind.FEEDBACK, said
    asked = await services.answers.answer("when is the next ward panel meeting in pinner")
    assert asked.kind is not ReplyKind.FEEDBACK
    # a crime told first is still a crime to report, with the offer beside the reply
    told = await services.answers.answer("my ex hit me again last night, you need to do something")
    assert told.kind is ReplyKind.REPORT


async def test_a_late_or_cancelled_service_is_not_offered_to_the_team(services: Services) -> None:
    """The team cannot make a bus come on time: a resident fed up with one is told nothing about
    sending it to the police, while a wish for officers on the buses still is."""
    for said in (
        "honestly fed up with the 114 turning up late every day",
        "sick of the overground getting cancelled every time it rains",
    ):
        reply = await services.answers.answer(said)
        assert reply.kind is not ReplyKind.FEEDBACK, said
        assert "Send this to the team" not in [b.label for b in reply.buttons], said
        assert reply.kind is ReplyKind.FALLBACK or reply.entry_id == "elsewhere-tfl", said
    reply = await services.answers.answer("we need more police on the buses after school")
    assert reply.kind is ReplyKind.FEEDBACK


async def test_a_bus_that_left_someone_at_the_stop_is_no_emergency(services: Services) -> None:
    """A complaint about how a bus ran reads to the emergency net much like an older person in
    danger; it needs a near-certain reading, which a child carried off on a bus still has."""
    for said in (
        "the bus pulled away just as my dad reached the stop, he waited an hour in the rain",
        "driver wouldnt let my nan on because the buggy space was full",
    ):
        assert (await services.answers.answer(said)).kind is not ReplyKind.EMERGENCY, said
    carried_off = "the bus drove off with my 4 year old still on it and me on the pavement"
    assert (await services.answers.answer(carried_off)).kind is ReplyKind.EMERGENCY


async def test_a_rude_bus_driver_is_tfls_to_hear_a_violent_one_is_a_crime(
    services: Services,
) -> None:
    rude = await services.answers.answer("the bus driver was really rude to my dad this morning")
    assert (rude.kind, rude.entry_id) == (ReplyKind.ANSWER, "elsewhere-tfl")
    hit = await services.answers.answer("the bus driver punched my son when he asked for help")
    assert hit.kind is ReplyKind.REPORT


async def test_something_left_on_a_train_gets_the_transport_entry_not_a_crime_report(
    services: Services,
) -> None:
    reply = await services.answers.answer(
        "my husband left his work laptop on a bakerloo line train last night"
    )
    assert reply.kind is ReplyKind.ANSWER and reply.entry_id == "elsewhere-tfl"
    assert "lost property" in reply.text


@pytest.mark.parametrize(
    ("text", "lost"),
    [
        ("dropped my purse somewhere in the park yesterday", True),
        ("lost my phone on the 140 bus", True),
        ("lost my savings in a crypto thing online", False),  # money lost is a fraud
        ("my mum lost 300 on a fake website", False),
        ("left my car in the car park and the window was smashed", False),
        ("I left my bag on the tube and someone took it", False),
        ("lost my phone on the bus and now someones spending on my bank", False),
        ("left my scooter chained up outside the gym and came back to the chain cut", False),
    ],
)
async def test_something_left_or_lost_is_no_crime_unless_someone_took_it(
    services: Services, text: str, lost: bool
) -> None:
    """Lost property gets the entry that says where to look, not the reporting reply; once
    someone took it, damaged it or spends on it, it is a crime again."""
    assert left_behind(text) is lost
    if lost:
        assert (await services.answers.answer(text)).kind is not ReplyKind.REPORT


async def test_short_messages_never_trip_the_exemplar_net(services: Services) -> None:
    for text in ("my car", "my phone", "the park", "my son"):
        assert (await services.answers.answer(text)).kind is not ReplyKind.EMERGENCY, text


@pytest.mark.parametrize(
    "story",
    [
        "I was scammed on Marketplace",
        "someone rang saying they were my bank and i moved two grand to a safe account",
    ],
)
async def test_a_scam_victim_gets_the_fraud_route_in_the_same_reply(
    services: Services, story: str
) -> None:
    reply = await services.answers.answer(story)
    assert reply.kind is ReplyKind.REPORT
    text = reply.text
    assert text.startswith("I can’t take crime reports here")
    assert text.index("999") < text.index("0300 123 2040") < text.index("Otherwise call 101")
    assert "Report Fraud" in text and "159" in text and "0800 555 111" in text
    assert reply.sources and reply.sources[0] in text


@pytest.mark.parametrize(
    ("story", "route"),
    [
        (
            "a courier rang my gran saying he was a detective and sent a taxi for her savings",
            "0300 123 2040",  # Report Fraud, from the courier scams entry's route
        ),
        ("my neighbour keeps leaving nasty notes about my religion on my car", "report-it.org.uk"),
        ("our garden furniture walked off the patio overnight", None),
    ],
)
async def test_a_crime_told_in_words_no_rule_knows_gets_the_reporting_reply(
    services: Services, story: str, route: str | None
) -> None:
    """The report reading hears a story by its meaning: the reply is how to report it, with
    the most specific route the knowledge base has (hate crime, not neighbour disputes)."""
    assert assess(story).verdict is Verdict.NONE  # the rules alone would miss it
    reply = await services.answers.answer(story)
    assert reply.kind is ReplyKind.REPORT, reply.entry_id
    assert reply.text.startswith("I can’t take crime reports here")
    assert "101" in reply.text and "0800 555 111" in reply.text
    if route is not None:
        assert route in reply.text


@pytest.mark.parametrize(
    ("story", "route", "learned"),
    [
        (
            "heard grinding under the cars in the night and now my hatchback roars like a lorry "
            "when i start it",
            None,
            True,
        ),
        ("somebody swapped my number plates for different ones overnight", None, True),
        (
            "a bloke on the bakerloo line pressed himself against me all the way to wembley this "
            "morning",
            "61016",  # British Transport Police, from the transport entry's route
            # without residents' messages the reading is nearly sure (0.84 against its 0.85), and
            # a story nothing else answers is reported from there
            False,
        ),
    ],
)
async def test_a_crime_told_as_residents_tell_it_is_read_from_their_messages(
    services: Services, tmp_path: Path, story: str, route: str | None, learned: bool
) -> None:
    """The report reading learns from residents' messages (``examples.yaml``) as well as from
    its own exemplars. Without them (``matcher.resident_examples: false``) a converter sawn off
    told by its sound got advice on preventing it, as did number plates swapped overnight
    (``learned``: the reporting reply comes from what residents' messages taught)."""
    reply = await services.answers.answer(story)
    assert reply.kind is ReplyKind.REPORT, (reply.kind, reply.entry_id)
    assert "101" in reply.text
    if route is not None:
        assert route in reply.text
    if not learned:
        return
    folder = tmp_path / "without"
    folder.mkdir()
    plain = await open_services(config(folder, resident_examples=False))
    try:
        assert (await plain.answers.answer(story)).kind is not ReplyKind.REPORT
    finally:
        await plain.close()


@pytest.mark.parametrize(
    "story",
    [
        "two lads ran off from my cab on the rank without paying the 30 quid fare, i have the "
        "footage, is it worth reporting",
        "a woman in the queue at the chemist spat at me and called me names on friday, is it too "
        "late now",
    ],
)
async def test_a_story_asking_whether_it_is_still_worth_reporting_gets_the_reporting_reply(
    services: Services, story: str
) -> None:
    """Written for this test, in the ways round 16's dev part showed: a victim weighing a report
    ("worth doing anything?", "is it too late now") got an entry's advice or "I don't know". A
    question with no story told before it still gets its entry."""
    reply = await services.answers.answer(story)
    assert reply.kind is ReplyKind.REPORT, (reply.kind, reply.entry_id)
    assert "101" in reply.text
    asked = await services.answers.answer("is forwarding scam texts to 7726 worth it")
    assert asked.kind is ReplyKind.ANSWER


@pytest.mark.parametrize(
    "story",
    [
        "three boys took my nephews phone and headphones at the park on sunday, one flashed a "
        "blade. can we still report it?",
        "two men pinched my dads wallet on the high street last week, he is 80. can i report it "
        "for him?",
        "a man has been taking parcels off doorsteps on our road all week, we have him on two "
        "doorbell cameras. best way to report it?",
    ],
)
async def test_a_story_asking_whether_we_may_report_it_gets_the_reporting_reply(
    services: Services, story: str
) -> None:
    """Written for this test, in the ways round 22's dev part showed: a robbery told, then "can
    we still report it?" or "can I report it myself?", got the knife-crime entry or the front
    counters' opening hours."""
    reply = await services.answers.answer(story)
    assert reply.kind is ReplyKind.REPORT, (reply.kind, reply.entry_id)
    assert "101" in reply.text


async def test_the_tracked_device_route_is_named_only_where_a_tracker_shows_it(
    services: Services,
) -> None:
    """Written for this test: a laptop taken from a cafe table, with nothing to follow, had got
    "tell police where the tracker shows it"; the plain reply is right for it."""
    tracked = await services.answers.answer(
        "my phone was nicked on the bus this morning and find my shows it at a house in kenton"
    )
    assert (tracked.kind, tracked.entry_id) == (ReplyKind.REPORT, "stolen-phone-tracking")
    assert "don't go there yourself" in tracked.text
    untracked = await services.answers.answer(
        "my laptop was taken off my table in a cafe on st anns road while i was ordering"
    )
    assert (untracked.kind, untracked.entry_id) == (ReplyKind.REPORT, None)
    assert "tracker" not in untracked.text


async def test_a_worker_whose_papers_are_held_gets_the_plain_reply_not_a_partners_route(
    services: Services,
) -> None:
    """Written for this test: a boss or an agent who keeps a worker's passport and pay read as
    coercive control (a partner's crime, with the domestic abuse helpline) or as a fraud. No
    route of the knowledge base is this crime's, so the plain reply (101, online,
    Crimestoppers) is right."""
    reply = await services.answers.answer(
        "my employer at the takeaway keeps my id and says I can have it back when i have paid off "
        "the cost of bringing me here"
    )
    assert (reply.kind, reply.entry_id) == (ReplyKind.REPORT, None)
    assert "101" in reply.text and "0808 2000 247" not in reply.text


@pytest.mark.parametrize(
    "story",
    [
        "paid a deposit of 400 for a holiday let in cornwall through a facebook page, the page has "
        "gone and so has my money",
        "a man selling a van online took a 2000 deposit from me by bank transfer then stopped "
        "answering",
        "someone used my card details to buy stuff online, about 600 quid, my card is still in my "
        "wallet",
    ],
)
async def test_a_fraud_the_reading_cannot_place_among_the_fraud_routes_gets_report_fraud(
    services: Services, story: str
) -> None:
    """Written for this test: frauds the route stories put about equally near two or three of
    the four fraud routes had got the plain reply (101), when every one of those routes sends
    the victim to Report Fraud and the bank. The family's general route names both; a theft
    by someone let into the home is no fraud and keeps the plain reply."""
    reply = await services.answers.answer(story)
    assert (reply.kind, reply.entry_id) == (ReplyKind.REPORT, "report-fraud")
    assert "0300 123 2040" in reply.text and "159" in reply.text
    theft = await services.answers.answer(
        "my lodger took 200 cash from my bedside drawer while i was out"
    )
    assert (theft.kind, theft.entry_id) == (ReplyKind.REPORT, None)
    assert "101" in theft.text and "0300 123 2040" not in theft.text


@pytest.mark.parametrize(
    "story",
    [
        "someone sawed the catalytic converter off my van on the drive overnight. what should i "
        "do now?",
        "my daughter's bike was stolen from the rack outside her school today, they cut the lock. "
        "what should we do?",
        "some lads nicked my sons scooter off him in the park after school what do we do",
    ],
)
async def test_a_crime_told_then_any_question_asked_gets_the_reporting_reply(
    services: Services, story: str
) -> None:
    """Written for this test, in the ways the dev parts of rounds 17 to 24 showed: a crime told
    in full, then "what do I do?" in a sentence of its own, got an entry's advice where its
    writers wanted the reporting reply (some twenty dev messages). A question after a worry, a
    loss or whether something counts as a crime still gets the entry."""
    reply = await services.answers.answer(story)
    assert reply.kind is ReplyKind.REPORT, (reply.kind, reply.entry_id)
    assert "101" in reply.text
    for calm in (
        "i left my purse on the 140 bus this morning. what should i do?",
        "a man from my gym keeps leaving notes on my windscreen after i said no. does that count "
        "as stalking?",
        "my neighbours keep putting their bins in front of my gate. what can i do?",
        "i left my phone on the seat of the 258 this morning what should i do",
    ):
        asked = await services.answers.answer(calm)
        assert asked.kind is not ReplyKind.REPORT, (calm, asked.kind, asked.entry_id)


@pytest.mark.parametrize(
    "story",
    [
        "a man kept walking behind me from the shops to my door on monday shouting about my turban",
        "lads keyed my car and wrote homophobic stuff on the windscreen last night",
        # a slur, written out or starred, says the motive as plainly as "racist" does
        "a lad at the bus stop called my son a p*ki and pushed him over yesterday",
        "my neighbour called me a cripple and kicked my wheelchair ramp over last night",
    ],
)
async def test_a_hate_motive_names_the_hate_crime_route_whatever_the_crime(
    services: Services, story: str
) -> None:
    """Written for this test, in the ways round 16's dev part showed: a following told with
    words about the teller's hijab got the stalking route, a racist shout the street harassment
    one. A crime told with the teller's faith but no hostility keeps its own route."""
    reply = await services.answers.answer(story)
    assert reply.kind is ReplyKind.REPORT and reply.entry_id == "hate-crime", reply.entry_id
    assert "report-it.org.uk" in reply.text
    plain = await services.answers.answer("my husband hit me last night, we are muslim")
    assert plain.kind is ReplyKind.REPORT and plain.entry_id == "domestic-abuse"


async def test_a_worry_about_a_crime_gets_advice_not_the_reporting_reply(
    services: Services,
) -> None:
    reply = await services.answers.answer(
        "my grandmother lives alone and i fear she'd hand her bank card to anyone claiming to be "
        "a detective"
    )
    assert reply.kind is ReplyKind.ANSWER
    assert reply.entry_id == "scams-romance-investment-courier"


@pytest.mark.parametrize(
    ("attempt", "entry", "lost"),
    [
        (
            "a woman rang my nan saying she was from her bank's fraud team and my nan hung up",
            "bank-scam-159",
            "a woman rang my nan saying she was from her bank's fraud team and my nan hung up, "
            "but they had already taken 900 pounds from her account",
        ),
        (
            "two lads knocked offering to jet wash our drive for cash today, my dad said no",
            "doorstep-callers",
            "two lads knocked offering to jet wash our drive for cash, my dad paid them 300 and "
            "they never came back",
        ),
    ],
)
async def test_an_attempt_turned_away_gets_advice_not_the_reporting_reply(
    services: Services, attempt: str, entry: str, lost: str
) -> None:
    """A scam call hung up on or a caller sent away is told, but nothing was lost: the entry's
    advice (how to spot it, what to do next time) answers, not the reporting reply. Money lost
    after all, or harassment that goes on, is not an attempt turned away. Any entry that advises
    on the call answers it: since round 22's examples the bank call gets the courier-fraud entry,
    whose answer covers "a caller pretends to be from the police or your bank" (hang up, call
    159)."""
    reply = await services.answers.answer(attempt)
    assert reply.kind is ReplyKind.ANSWER, reply.kind
    advice = {"fraud-scams", "doorstep-callers", "bank-scam-159"}
    advice.add("scams-romance-investment-courier")
    assert reply.entry_id in {entry, *advice}
    assert averted(attempt)
    assert not averted(lost)
    assert not averted("blocked his number but he made a new account and keeps messaging me")


async def test_a_scam_message_asked_about_or_not_yet_acted_on_gets_advice(
    services: Services,
) -> None:
    """Written for this test, in the ways the dev parts of rounds 5, 13 and 24 showed: a scam
    text asked about ("is this real") or not yet acted on ("I haven't clicked yet") got the
    reporting reply; the fraud entries' advice answers it. A demand with a threat hanging over
    it is blackmail, paid or not, and is reported."""
    for asked in (
        "had a text from 'hmrc' saying i'm owed a tax refund, just tap the link. is this legit",
        "an email says my netflix is suspended and to re-enter my card, i haven't clicked it yet",
    ):
        reply = await services.answers.answer(asked)
        assert reply.kind is ReplyKind.ANSWER, (asked, reply.kind, reply.entry_id)
        assert reply.entry_id in {"fraud-scams", "bank-scam-159", "report-fraud"}, reply.entry_id
    threat = (
        "someone on instagram got my brother to send photos and now says pay 300 by friday or "
        "they'll post them everywhere. he hasn't paid anything"
    )
    assert not averted(threat)
    reply = await services.answers.answer(threat)
    assert reply.kind is ReplyKind.REPORT, (reply.kind, reply.entry_id)


async def test_a_worry_asked_as_a_what_if_gets_the_entry_not_the_reporting_reply(
    services: Services,
) -> None:
    """ "... what if she gets out" fears something: it tells of no crime to report, and no
    scene for 999 (the exemplar net read this one as an emergency)."""
    reply = await services.answers.answer(
        "my gran has alzheimers and she tries to open the front door in the night, what if she "
        "gets out"
    )
    assert reply.kind is ReplyKind.ANSWER, reply.kind
    assert reply.entry_id == "missing-persons"
    assert "Herbert Protocol" in reply.text


async def test_the_knowledge_bases_own_questions_get_their_entry_not_the_reporting_reply(
    services: Services,
) -> None:
    """A question comms staff wrote for an entry that is no reporting route ("I reported a
    crime and heard nothing", "I want to report police misconduct") gets that entry, though its
    words ask to report; a victim's story written for a route entry still gets the reporting
    reply with that route."""
    kb = services.kb.current
    reported = []
    for entry in kb.entries.values():
        if entry.route is None:
            for question in entry.questions:
                reply = await services.answers.answer(question)
                if reply.kind is ReplyKind.REPORT:
                    reported.append((entry.id, question))
    assert reported == []
    story = await services.answers.answer("my car was broken into last night and my bag taken")
    assert story.kind is ReplyKind.REPORT


async def test_a_gas_smell_gets_the_gas_emergency_number_not_police_advice(
    services: Services,
) -> None:
    """Gas is the gas network's emergency, not a police one (the guard leaves it alone): the
    answer names 0800 111 999 and when 999 is right."""
    for text in ("who do i ring about a gas smell in our street", "number for a gas leak"):
        reply = await services.answers.answer(text)
        assert (reply.kind, reply.entry_id) == (ReplyKind.ANSWER, "elsewhere-gas"), text
        assert "0800 111 999" in reply.text and "999 if it's serious" in reply.text


async def test_the_report_reading_can_be_turned_off(tmp_path: Path) -> None:
    opened = await open_services(config(tmp_path, report_reading=False))
    try:
        reply = await opened.answers.answer("our garden furniture walked off the patio overnight")
        assert reply.kind is not ReplyKind.REPORT
    finally:
        await opened.close()


async def test_asking_how_to_report_gets_the_entry_itself(services: Services) -> None:
    reply = await services.answers.answer("how do you report someone missing")
    assert reply.kind is ReplyKind.ANSWER and reply.entry_id == "missing-persons"


async def test_a_local_problem_is_reported_and_offered_to_the_team(services: Services) -> None:
    reply = await services.answers.answer("people dealing drugs by the swings every evening")
    assert reply.kind is ReplyKind.REPORT
    assert "feedback" in reply.text and "not a crime report" in reply.text
    assert "fb:offer" in [b.action for b in reply.buttons]


async def test_other_services_are_named_not_guessed(services: Services) -> None:
    reply = await services.answers.answer("the bins on our road haven't been emptied in two weeks")
    assert reply.kind is ReplyKind.ANSWER and reply.entry_id == "elsewhere-council-waste"
    assert "https://www.harrow.gov.uk/" in reply.text


@pytest.mark.parametrize(
    ("asked", "service"),
    [
        ("can i get my money back on my oyster card", "elsewhere-tfl"),
        ("any chemist open late tonight", "elsewhere-health"),
        ("my aunt wants to come over from lagos for a month, which visa", "elsewhere-immigration"),
    ],
)
async def test_fares_pharmacies_and_visas_name_the_service_that_deals_with_them(
    services: Services, asked: str, service: str
) -> None:
    reply = await services.answers.answer(asked)
    assert (reply.kind, reply.entry_id) == (ReplyKind.ANSWER, service)


async def test_unrelated_questions_get_an_honest_fallback(services: Services) -> None:
    for text in ("best curry house in harrow?", "how many miles from harrow to heathrow"):
        reply = await services.answers.answer(text)
        assert reply.kind is ReplyKind.FALLBACK, (text, reply.entry_id)


async def test_without_the_model_the_bot_answers_by_words(tmp_path: Path) -> None:
    opened = await open_services(config(tmp_path, model="none"))
    try:
        assert opened.semantics.status.state == "off"
        assert opened.kb.current.vectors is None
        reply = await opened.answers.answer("how do i stop burglars")
        assert reply.kind is ReplyKind.ANSWER and reply.entry_id == "burglary-home-security"
    finally:
        await opened.close()


async def test_a_broken_model_folder_is_reported_and_words_still_work(tmp_path: Path) -> None:
    broken = tmp_path / "model"
    broken.mkdir()
    (broken / "model.onnx").write_bytes(b"not a model")
    (broken / "tokenizer.json").write_text("{}")
    opened = await open_services(config(tmp_path, model_path=str(broken)))
    try:
        assert opened.semantics.status.state == "failed"
        reply = await opened.answers.answer("how do i stop burglars")
        assert reply.kind is ReplyKind.ANSWER and reply.entry_id == "burglary-home-security"
    finally:
        await opened.close()


async def test_a_bot_answers_at_once_and_gains_the_model_in_the_background(
    tmp_path: Path,
) -> None:
    opened = await open_services(config(tmp_path, model_wait=0), wait=False)
    try:
        first = await opened.answers.answer("how do i stop burglars")
        assert first.kind is ReplyKind.ANSWER  # by words, not waiting for the model
        assert opened._background is not None
        await opened._background
        assert opened.kb.current.vectors is not None
        assert opened.semantics.status.state == "loaded"
    finally:
        await opened.close()


# Written for these tests: danger no rule names (the net's), and danger the rules name.
UNNAMED_SCENE = "a man is marching a little girl towards a white van by the school, she's crying"
NAMED_DANGER = "someone is stabbing a man outside the station right now"


@pytest.fixture
def slow_start(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """A start whose model is still loading until the test sets the returned event: the net
    is untrained until then, as in the first seconds after a real start."""
    shared = services_module.load_understanding
    release = threading.Event()

    def untrained(cfg: Config) -> services_module.Understanding:
        found = shared(cfg)
        net = EmergencyNet(cfg.matcher.emergency_probability, cfg.matcher.caution_probability)
        return dataclasses.replace(found, emergency_net=net)

    complete = services_module.Understanding.complete

    def held(self: services_module.Understanding, warm: bool = True) -> None:
        release.wait(timeout=30)
        complete(self, warm)

    monkeypatch.setattr(services_module, "load_understanding", untrained)
    monkeypatch.setattr(services_module.Understanding, "complete", held)
    yield release
    release.set()


async def test_a_scene_sent_while_the_model_loads_waits_for_it_and_gets_999(
    tmp_path: Path, slow_start: threading.Event
) -> None:
    assert assess(UNNAMED_SCENE).verdict is not Verdict.EMERGENCY  # the net's to catch
    opened = await open_services(config(tmp_path), wait=False)
    try:
        asking = asyncio.create_task(opened.answers.answer(UNNAMED_SCENE))
        await asyncio.sleep(0.3)
        assert not asking.done()  # held for the model, not answered by words
        slow_start.set()
        reply = await asyncio.wait_for(asking, 20)
        assert reply.kind is ReplyKind.EMERGENCY and "999" in reply.text
    finally:
        await opened.close()


async def test_danger_the_rules_name_is_answered_at_once_while_the_model_loads(
    tmp_path: Path, slow_start: threading.Event
) -> None:
    opened = await open_services(config(tmp_path), wait=False)
    try:
        reply = await asyncio.wait_for(opened.answers.answer(NAMED_DANGER), 1)
        assert reply.kind is ReplyKind.EMERGENCY
        assert not opened.understood.is_set()  # the model was still loading
    finally:
        await opened.close()


async def test_a_model_slower_than_the_wait_leaves_the_words_to_answer(
    tmp_path: Path, slow_start: threading.Event
) -> None:
    opened = await open_services(config(tmp_path, model_wait=0.2), wait=False)
    try:
        reply = await asyncio.wait_for(opened.answers.answer("how do i stop burglars"), 5)
        assert reply.kind is ReplyKind.ANSWER and reply.entry_id == "burglary-home-security"
        assert not opened.understood.is_set()
    finally:
        await opened.close()


# Written for these tests: a danger the net reads at 0.6-0.7 with the courtesy and closing
# question round it (0.5 is the unsure band's floor, 0.7 the 999 reply's).
UNSURE_SCENE = (
    "not sure if this is the place but my neighbour is screaming and something is smashing "
    "through the wall, what should i do"
)


async def test_a_danger_the_net_is_unsure_of_gets_its_answer_with_the_999_line_first(
    services: Services,
) -> None:
    reply = await services.answers.answer(UNSURE_SCENE)
    assert reply.kind is not ReplyKind.EMERGENCY  # not a false alarm's full 999 reply...
    first, rest = reply.text.split("\n\n", 1)
    assert first == "If you or someone else is in danger right now, call 999."  # ...but first
    assert rest and "999" not in rest.split("\n")[0]  # then the usual reply
    assert reply.danger_first


async def test_a_calm_question_gets_no_999_line(services: Services) -> None:
    for text in ("how do i stop burglars", "when is the next ward panel meeting in pinner"):
        reply = await services.answers.answer(text)
        assert not reply.text.startswith("If you or someone else is in danger"), text
        assert not reply.danger_first


async def test_the_unsure_band_can_be_turned_off(tmp_path: Path) -> None:
    opened = await open_services(config(tmp_path, caution_probability=1))
    try:
        reply = await opened.answers.answer(UNSURE_SCENE)
        assert not reply.text.startswith("If you or someone else is in danger")
    finally:
        await opened.close()


def test_phrase_vectors_come_from_the_cache_the_second_time(tmp_path: Path) -> None:
    calls: list[int] = []

    def embed(texts: Sequence[str]) -> Matrix:
        calls.append(len(texts))
        return np.ones((len(texts), 4), dtype=np.float32)

    cache = VectorCache(tmp_path, "test-model")
    cache.vectors(["a", "b", "c"], embed)
    cache.vectors(["a", "b", "c", "d"], embed)  # only the new phrase is embedded
    again = VectorCache(tmp_path, "test-model").vectors(["d", "a"], embed)
    assert calls == [3, 1] and again.shape == (2, 4)
    (tmp_path / "test-model.npz").write_bytes(b"torn")  # a broken cache is only slower
    assert VectorCache(tmp_path, "test-model").vectors(["a"], embed).shape == (1, 4)
    assert calls == [3, 1, 1]


def test_a_cache_of_long_phrases_stays_the_size_of_its_vectors(tmp_path: Path) -> None:
    """A resident's rambling example once made every key as wide as itself."""

    def embed(texts: Sequence[str]) -> Matrix:
        return np.array([[len(t), 1.0, 0.0, 0.0] for t in texts], dtype=np.float32)

    phrases = [f"phrase {n}" for n in range(200)] + ["a long ramble " * 400]
    VectorCache(tmp_path, "test-model").vectors(phrases, embed)
    # 201 vectors of 4 floats and a 32-byte digest each, not 201 phrases 5,600 characters wide
    assert (tmp_path / "test-model.npz").stat().st_size < 20_000
    again = VectorCache(tmp_path, "test-model").vectors(phrases[-1:] + phrases[:1], embed)
    assert again[:, 0].tolist() == [len(phrases[-1]), len(phrases[0])]


def test_a_cache_written_before_digests_is_still_used(tmp_path: Path) -> None:
    np.savez(
        tmp_path / "test-model.npz",
        texts=np.array(["a", "bb"], dtype=str),
        vectors=np.array([[1, 0], [0, 1]], dtype=np.float32),
    )

    def embed(texts: Sequence[str]) -> Matrix:
        raise AssertionError(f"embedded again: {texts}")

    assert VectorCache(tmp_path, "test-model").vectors(["bb", "a"], embed).tolist() == [
        [0, 1],
        [1, 0],
    ]


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("thanks so much that really helped", "thanks"),
        ("hiya, is anyone about", "greeting"),
        ("is this a computer im talking to", "real-person"),
        ("ok ta bye", "goodbye"),
        ("salaam alaikum", "greeting"),
        ("namaste", "greeting"),
    ],
)
async def test_small_talk_in_residents_words_gets_its_reply(
    services: Services, text: str, entry: str
) -> None:
    reply = await services.answers.answer(text)
    assert (reply.kind, reply.entry_id) == (ReplyKind.SMALLTALK, entry)


def test_the_model_runs_from_its_optimised_copy_with_the_same_vectors(tmp_path: Path) -> None:
    texts = ["someone keeps ringing saying they're my bank", "hi"]
    embedder = OnnxEmbedder(packaged.files(), cache_dir=tmp_path)
    older = tmp_path / f"{embedder.model_id}-onnxruntime-1.0.0"
    older.mkdir()
    (older / "model.data").write_bytes(b"an old runtime's copy")
    packaged_graph = OnnxEmbedder(packaged.files()).embed(texts)
    assert np.array_equal(
        OnnxEmbedder(packaged.files(), cache_dir=tmp_path).embed(texts), packaged_graph
    )
    copies = list(tmp_path.glob("*/model.onnx"))
    assert len(copies) == 1  # kept for the next start, which maps it instead of folding weights
    assert not older.exists()  # another onnxruntime's copy is not kept beside it
    again = OnnxEmbedder(packaged.files(), cache_dir=tmp_path).embed(texts)
    assert np.array_equal(again, packaged_graph)
    copies[0].write_bytes(b"torn")  # a damaged copy is only slower: it is made again
    remade = OnnxEmbedder(packaged.files(), cache_dir=tmp_path).embed(texts)
    assert np.array_equal(remade, packaged_graph) and copies[0].stat().st_size > 1000


def test_a_rambling_message_is_read_by_its_opening_and_its_end() -> None:
    """A long message costs the model no more than 64 tokens, and keeps its question: what is cut
    is the middle, and a text embeds the same alone as beside shorter ones."""
    embedder = OnnxEmbedder(packaged.files())
    opening = "so basically last week my neighbour and me were chatting over the fence and "
    question = "anyway how do i get a crime reference number for my insurance"
    middle = "she said the weather had been awful and the bins were late again and " * 6
    rambling, shorter = opening + middle + question, opening + middle[:70] + question
    vectors = embedder.embed([rambling, "hi", shorter])
    assert np.allclose(vectors[0], embedder.embed([rambling])[0], atol=1e-5)
    assert np.allclose(vectors[1], embedder.embed(["hi"])[0], atol=1e-5)
    other_end = embedder.embed([opening + middle + "what time does the football start"])[0]
    assert float(vectors[0] @ other_end) < 0.9  # the end is read: another question, another vector
    padded = embedder.embed([opening + middle + middle + question])[0]
    assert np.allclose(vectors[0], padded, atol=1e-5)  # a longer middle changes nothing


@pytest.mark.parametrize(
    "story",
    [
        "someone snatched my handbag outside the bank this morning",
        "some kids smashed my car window last night and took my sat nav",
        "my shed was broken into overnight and they took my strimmer and drill",
    ],
)
async def test_a_crime_with_no_route_of_its_own_gets_the_plain_reporting_reply(
    services: Services, story: str
) -> None:
    """A route is named only for the crime it is for. A story merely near a route entry's
    words (a bank, a road, a parcel) gets 101, online and Crimestoppers, which are right for
    any crime, not another crime's route."""
    reply = await services.answers.answer(story)
    assert reply.kind is ReplyKind.REPORT
    assert reply.entry_id is None
    assert "101" in reply.text and "https://www.met.police.uk/ro/report/" in reply.text
    assert "0800 555 111" in reply.text and reply.text.startswith("I can’t take crime reports here")
    for route_only in ("0300 123 2040", "dashcam", "report-it.org.uk", "British Transport Police"):
        assert route_only not in reply.text


async def test_thanks_for_how_a_crime_was_handled_is_offered_to_the_team(
    services: Services,
) -> None:
    """A message whose point is how the police did gets the offer to tell the team, even when
    it tells of a crime; the offer still says how to report one."""
    reply = await services.answers.answer(
        "our car was broken into in march and the officer who came was lovely with the kids, "
        "please pass on our thanks"
    )
    assert reply.kind is ReplyKind.FEEDBACK
    assert "Send this to the team" in [b.label for b in reply.buttons]
    assert "101" in reply.text and "999" in reply.text


@pytest.mark.parametrize(
    "praise",
    [
        "the cops at the fun day on saturday were ace with the little ones",
        "we were burgled in may and the officers who came were brilliant",
        # begun like a question, but told: how a report was dealt with
        "how they dealt with my mums scam report was excellent, really reassuring for her",
        "how the officers handled the break in at my shop was spot on",
    ],
)
async def test_praise_for_officers_is_offered_to_the_team(services: Services, praise: str) -> None:
    """Praise, like thanks, is about how the police did, even told with a day or a crime."""
    reply = await services.answers.answer(praise)
    assert reply.kind is ReplyKind.FEEDBACK
    assert "fb:offer" in [b.action for b in reply.buttons]


@pytest.mark.parametrize(
    "ask",
    [
        "the bus station feels grim once its dark, more police please",
        "would love more patrols along the canal path in the evenings",
        "need police outside the academy at half three, there are scraps every day",
        # the place as the subject, and a wish said last (round 15's dev part)
        "the underpass by the college really needs officers at night, girls get followed",
        "kids are setting the bins alight behind the parade most nights. you should be around more",
    ],
)
async def test_asking_for_more_policing_somewhere_is_offered_to_the_team(
    services: Services, ask: str
) -> None:
    """A priority asked for without "we need" or "I want" is still one for the team."""
    reply = await services.answers.answer(ask)
    assert reply.kind is ReplyKind.FEEDBACK, (reply.kind, reply.entry_id)
    assert "fb:offer" in [b.action for b in reply.buttons]


@pytest.mark.parametrize(
    "word",
    [
        "please add the racing on the a404 to your list of priorities",
        "id like the fly tipping by the garages to be a ward priority please",
        "could we get a few more evening patrols round the parade?",
        "could the leaflets be printed in tamil as well?",
        "the parade in queensbury needs a proper police presence after dark",
        "i would like to commend the pcso who helped my dad find his way home",
        "the officers who came to our shop were so quick and so kind. thank you",
        "please more youth clubs in wealdstone, the kids have nowhere to go",
        "id suggest putting the panel dates on the library noticeboard",
        "the print on your leaflets is too small for my mum to read",
        "i am writing to complain about officers parking across the dropped kerb every morning",
        "victims never hearing back after a burglary, that needs to change",
        "nobody ever answers the ward inbox, three emails now",
        "a police car blocks our drive every lunchtime, please have a word",
        "pls put a patrol outside the chicken shop at closing time, trouble every week",
        "a visible police presence by the station at night would make a real difference",
        # round 18's dev part: praise told at length, thanks for "her", an event to repeat, how
        # events should be run
        "the pc who ran the session on scams at our sheltered housing last month was excellent",
        "the detective on my burglary rang every week with news. please thank him for me",
        "two officers talked to our youth club about knife crime, really good, do it again",
        "please make your meetings somewhere with parking, half of us cannot walk far",
    ],
)
async def test_a_priority_request_praise_or_complaint_in_other_words_is_offered_to_the_team(
    services: Services, word: str
) -> None:
    """Written for this test, in the ways 100 feedback messages written apart from the code
    showed (41 of them were offered to the team; 78 now)."""
    reply = await services.answers.answer(word)
    offered = reply.kind is ReplyKind.FEEDBACK or "fb:offer" in [b.action for b in reply.buttons]
    assert offered, (reply.kind, reply.entry_id)


@pytest.mark.parametrize(
    "question",
    [
        "thanks for the info. when is the next police event in pinner",
        "how do i get my ward to make something a priority",
        "when does the queensbury ward panel meet",
        "is there a leaflet about scams in gujarati",
    ],
)
async def test_questions_in_the_same_words_are_not_offered_to_the_team(
    services: Services, question: str
) -> None:
    reply = await services.answers.answer(question)
    assert reply.kind is not ReplyKind.FEEDBACK, (reply.kind, reply.entry_id)


async def test_asking_how_many_police_there_are_is_not_feedback(services: Services) -> None:
    reply = await services.answers.answer("would like to know how many police officers harrow has")
    assert reply.kind is not ReplyKind.FEEDBACK
    asked = await services.answers.answer("does a wedding at the temple need police at the gate")
    assert asked.kind is not ReplyKind.FEEDBACK


async def test_asking_how_a_report_is_handled_is_not_praise(services: Services) -> None:
    reply = await services.answers.answer("how do they handle a hate crime report, is it any good?")
    assert reply.kind is not ReplyKind.FEEDBACK


async def test_a_call_nobody_turned_up_to_is_a_complaint_for_the_team(services: Services) -> None:
    reply = await services.answers.answer(
        "rang about a fight outside on saturday and nobody turned up, not good enough"
    )
    assert reply.kind is ReplyKind.FEEDBACK, (reply.kind, reply.entry_id)


async def test_a_crime_nobody_came_to_is_a_complaint_for_the_team(services: Services) -> None:
    """ "Why did nobody come" is about how the police did, though it tells of a crime: the
    offer to tell the team answers it, not how to report the crime."""
    reply = await services.answers.answer(
        "why did nobody come out when our garage got broken into, we waited all evening"
    )
    assert reply.kind is ReplyKind.FEEDBACK
    assert "fb:offer" in [b.action for b in reply.buttons]


async def test_reckless_driving_where_children_play_gets_999(services: Services) -> None:
    scene = "a bloke is doing wheelspins in his car on the playing field with toddlers about"
    reply = await services.answers.answer(scene)
    assert reply.kind is ReplyKind.EMERGENCY


@pytest.mark.parametrize(
    ("story", "route"),
    [
        (
            "someone called my wife a terrorist and yanked at her headscarf outside the chemist "
            "yesterday",
            "report-it.org.uk",  # hate crime: True Vision
        ),
        (
            "my ex keeps messaging my new girlfriend on insta saying hes going to ruin her life",
            "keep screenshots",  # online harassment
        ),
    ],
)
async def test_the_route_reading_names_the_route_a_story_calls_for(
    services: Services, story: str, route: str
) -> None:
    reply = await services.answers.answer(story)
    assert reply.kind is ReplyKind.REPORT
    assert route in reply.text
    assert reply.text.index("999") < reply.text.index(route) < reply.text.index("101 or report")


def test_every_route_story_list_is_for_an_entry_that_has_a_route() -> None:
    """A list for an entry without a route would be ignored in silence: comms staff removing a
    route must remove its stories too, and every route needs stories of its own."""
    from datetime import date

    import yaml

    from bot.kb.base import load_directory
    from bot.retrieval.routes import PLAIN

    data = yaml.safe_load(
        (Path(__file__).resolve().parents[1] / "bot/retrieval/routes.yaml").read_text()
    )
    routes = data["routes"]
    kb = load_directory(REPO_KB, date.today()).kb
    assert kb is not None
    with_route = {e.id for e in kb.entries.values() if e.route}
    assert set(routes) == with_route | {PLAIN}
    assert all(len(set(stories)) >= 8 for stories in routes.values())
    assert set(data.get("words", {})) <= with_route
    for general, members in data.get("families", {}).items():
        assert {general, *members} <= with_route, general


async def test_a_scene_thought_over_afterwards_is_not_a_call_for_999(services: Services) -> None:
    """The net reads the scene as danger; the message says it is being thought over, so the net
    would need to be near certain. The same words without the second thoughts still get 999."""
    scene = "two lads were following an old man down the alley by the station earlier"
    reply = await services.answers.answer(f"{scene}, been bugging me")
    assert reply.kind is not ReplyKind.EMERGENCY
    assert (await services.answers.answer(scene)).kind is ReplyKind.EMERGENCY


async def test_a_story_the_teller_ends_safe_is_reported_not_a_call_for_999(
    services: Services,
) -> None:
    """Written for this test: the net reads the collision as danger (0.88), the message ends
    with the teller safe, so the net would need to be near certain; the crime is still told."""
    story = "a moped hit me in the car park at sainsburys and he rode off, went to urgent care"
    reply = await services.answers.answer(f"{story}, im ok")
    assert reply.kind is ReplyKind.REPORT
    assert "101" in reply.text


@pytest.mark.parametrize(
    "asked",
    [
        "r u allowed pepper spray in england",
        "if a burglar got in at night could i hit him with something",
        "is it ok to keep a cricket bat by the bed in case of burglars",
    ],
)
async def test_self_defence_questions_get_the_law_not_figures_or_a_report(
    services: Services, asked: str
) -> None:
    reply = await services.answers.answer(asked)
    assert reply.kind is ReplyKind.ANSWER, reply.kind
    assert reply.entry_id == "self-defence-law"
    assert "reasonable force" in reply.text and "prohibited weapons" in reply.text


@pytest.mark.parametrize(
    ("story", "transport_police"),
    [
        ("someone nicked my phone out of my pocket on the bakerloo line last night", True),
        ("got my purse pinched on a busy overground train to watford", True),
        ("a lad grabbed my bag on station road yesterday and legged it", False),
    ],
)
async def test_a_crime_on_the_railway_gets_the_transport_polices_route(
    services: Services, story: str, transport_police: bool
) -> None:
    """A Tube line's name means little to a small model; the route's words (routes.yaml) make
    a story told of a train or a line lean to British Transport Police, and a street named
    after a station does not."""
    reply = await services.answers.answer(story)
    assert reply.kind is ReplyKind.REPORT
    assert ("61016" in reply.text) is transport_police


async def test_asking_whether_a_story_counts_gets_the_entry_not_the_reporting_reply(
    services: Services,
) -> None:
    """ "Idk if this is normal" asks: the resident wants to know what it is, which the entry
    explains (with how to report it); a plain story of the same gets the reporting reply."""
    story = "my husband checks my bank app every night and wont let me go out without him"
    asked = await services.answers.answer(f"{story}, not sure if thats normal")
    assert asked.kind is ReplyKind.ANSWER
    assert asked.entry_id in {"coercive-control", "domestic-abuse"}


@pytest.mark.parametrize(
    "story",
    [
        "some lads smashed my van window and took my tools, where do i report it",
        "my scooter went from outside the gym while i was inside, how do i get a crime reference",
        "a bloke grabbed my arm and took my purse at the market, who do i tell",
        # told with no "my" or "I", in a ward the figures know: still a victim, not a figures
        # question about burglary in Stanmore
        "allotment shed forced open in stanmore, strimmer gone, need a crime number for insurance",
        # asked as residents ask it: "where we report", "what is the procedure"
        "our shed got broken into and the mower is gone, where we report this",
        "my van was taken from outside the house overnight, what is the procedure?",
        "i saw a fight outside the pub on saturday, should i tell police",
        # the teller's evidence, told with no "i": "got dashcam of ..."
        "got dashcam of a van going through a red light by the school, where do i send it",
    ],
)
async def test_a_crime_told_then_asked_how_to_report_gets_the_reporting_reply(
    services: Services, story: str
) -> None:
    """The question is how to report what happened: the reporting reply answers it (101,
    online, Crimestoppers and the route), not an entry on the crime in general."""
    reply = await services.answers.answer(story)
    assert reply.kind is ReplyKind.REPORT, reply.entry_id
    assert "101" in reply.text and "https://www.met.police.uk/ro/report/" in reply.text


@pytest.mark.parametrize(
    "story",
    [
        "van broken into on the high street in wealdstone overnight, power tools taken",
        "allotment shed in stanmore done over, strimmer gone",
    ],
)
async def test_a_crime_told_tersely_gets_the_reporting_reply_not_figures(
    services: Services, story: str
) -> None:
    """No "my" or "I", and a crime and a ward the figures know: the resident is a victim
    telling what happened, not asking how much crime there is."""
    reply = await services.answers.answer(story)
    assert reply.kind is ReplyKind.REPORT, (reply.kind, reply.entry_id)
    figures = await services.answers.answer("vehicle crime in wealdstone this year")
    assert figures.kind is ReplyKind.STATS


async def test_a_route_is_named_only_for_the_stories_it_is_for(services: Services) -> None:
    """The shipped entries limit their routes (``route_when``): the domestic abuse helpline is
    not a stranger's groping in a club, drink driving is not a neighbour's noise every night."""
    for story, not_route in (
        (
            "a man groped me in a bar in harrow on friday night, i want to report it",
            "domestic-abuse",
        ),
        ("my neighbour make loud noise every night, who i call", "drink-drug-driving"),
    ):
        reply = await services.answers.answer(story)
        assert reply.entry_id != not_route, story
    told = await services.answers.answer("my husband hit me last night, i want to report it")
    assert told.kind is ReplyKind.REPORT and told.entry_id == "domestic-abuse"
    assert "0808 2000 247" in told.text


async def test_a_childs_online_abuse_gets_ceop_and_an_adults_gets_online_harassment(
    services: Services,
) -> None:
    """A child groomed or sent images online is the young people's route (CEOP), not the
    online harassment route meant for adults, whose stories keep theirs."""
    child = await services.answers.answer(
        "some adult on discord has been sending my 12 yr old nephew rude pictures and asking for "
        "his snapchat"
    )
    assert child.kind is ReplyKind.REPORT, (child.kind, child.entry_id)
    assert child.entry_id == "online-safety-young-people"
    assert "CEOP" in child.text
    adult = await services.answers.answer(
        "a man from my old job set up a fake account of me and keeps posting lies about me"
    )
    assert adult.kind is ReplyKind.REPORT, (adult.kind, adult.entry_id)
    assert adult.entry_id == "online-harassment"


async def test_supposing_or_asking_in_general_still_gets_the_entry(services: Services) -> None:
    reply = await services.answers.answer("how do you report someone missing")
    assert (reply.kind, reply.entry_id) == (ReplyKind.ANSWER, "missing-persons")
    supposed = await services.answers.answer(
        "if the house alarm next door goes off all weekend while theyre away who do i tell"
    )
    assert supposed.kind is not ReplyKind.REPORT


async def test_a_stolen_passport_is_reported_with_the_passport_office_one_tap_away(
    services: Services,
) -> None:
    """A theft is the police's, though what was taken is another service's too: the reporting
    reply comes first and the passport entry is a button beside it."""
    reply = await services.answers.answer(
        "my passport was stolen out of my bag on the bus, need to report it"
    )
    assert reply.kind is ReplyKind.REPORT
    assert "kb:elsewhere-passports" in [b.action for b in reply.buttons]


async def test_a_crime_the_reading_is_sure_of_is_reported_though_another_service_reads_best(
    services: Services,
) -> None:
    """A rogue builder's vanished deposit reads best as the consumer entry, and no rule names
    the crime; the report reading is sure of it, so the reporting reply answers. A pothole's
    damage, which the reading doubts, stays the council's."""
    reply = await services.answers.answer(
        "a builder took a 3 grand deposit off my mum for a new patio in march and vanished, the "
        "address he gave doesnt exist"
    )
    assert reply.kind is ReplyKind.REPORT
    assert "101" in reply.text
    pothole = await services.answers.answer("my car was damaged by a pothole on the high street")
    assert pothole.kind is ReplyKind.ANSWER
    assert pothole.entry_id == "elsewhere-council-roads"


def test_a_doubt_about_who_did_it_is_not_a_question() -> None:
    from bot.text import is_question

    assert not is_question("someone took my bike from the rack, not sure if it was kids")
    assert is_question("he reads all my messages, idk if thats normal")
    assert is_question("a mate told me to try the ward panel, wat is it")


async def test_asking_whether_it_is_police_business_gets_the_entry(services: Services) -> None:
    """ "Is that even a police thing" asks: the entry answers it (with how to report)."""
    reply = await services.answers.answer(
        "someone keeps posting my address on instagram with nasty comments, is that even a "
        "police matter"
    )
    assert (reply.kind, reply.entry_id) == (ReplyKind.ANSWER, "online-harassment")


async def test_knowing_who_did_it_and_wanting_to_stay_unnamed_gets_crimestoppers(
    services: Services,
) -> None:
    reply = await services.answers.answer(
        "pretty sure i know which family did the burglaries on our street in the summer but i "
        "dont want them to know it was me"
    )
    assert reply.kind is ReplyKind.REPORT
    assert "Crimestoppers" in reply.text and "0800 555 111" in reply.text
    dealing = await services.answers.answer(
        "i know who has been dealing by the garages but i dont want them knowing it was me"
    )
    assert (dealing.kind, dealing.entry_id) == (ReplyKind.REPORT, "crimestoppers")
    # its number once: the reply's closing line about Crimestoppers is left out after its route
    assert dealing.text.count("0800 555 111") == 1 and "Otherwise call 101" in dealing.text
    # Crimestoppers' route comes first only for a wish to stay unknown: a shopkeeper asking how
    # to report a regular thief gets the plain reply (101 and online first, Crimestoppers too)
    plain = await services.answers.answer(
        "same woman takes razors from my pharmacy every friday, how do i report her"
    )
    assert (plain.kind, plain.entry_id) == (ReplyKind.REPORT, None)
    assert plain.text.index("101") < plain.text.index("0800 555 111")


@pytest.mark.parametrize(
    "told",
    [
        "pretty sure i know who done the break ins on our street",
        "my cousin knows where the lad who is wanted for the robbery is hiding",
    ],
)
async def test_knowing_who_did_it_is_reported_not_a_call_for_999(
    services: Services, told: str
) -> None:
    """Knowing who did a crime is Crimestoppers' case (or 101's); "the break ins" someone did
    are over, not happening now."""
    assert assess(told).verdict is Verdict.REPORT
    reply = await services.answers.answer(told)
    assert reply.kind is ReplyKind.REPORT
    assert "0800 555 111" in reply.text


def test_the_configured_threads_reach_the_model(tmp_path: Path) -> None:
    """``matcher.model_threads`` is how a deployment with a spare core halves the time of a
    long message; the default stays one thread, predictable beside other processes."""
    from bot.config import MatcherConfig
    from bot.retrieval.model import load_semantics

    for threads in (1, 2):
        semantics = load_semantics(MatcherConfig(model_threads=threads, vector_cache=tmp_path))
        assert isinstance(semantics._embedder, OnnxEmbedder)
        assert semantics._embedder._threads == threads
    assert MatcherConfig().model_threads == 1


async def test_closing_while_reading_ahead_waits_for_the_read_ahead(tmp_path: Path) -> None:
    """A stop signal can come while the read-ahead is still at the database: closing cancels it
    and waits for it before the database closes, so no query is left running on a closed
    store (which once kept ``localbeat run`` from exiting after SIGTERM)."""
    opened = await open_services(config(tmp_path), wait=False)
    background = opened._background
    assert background is not None and not background.done()
    seen_at_close: list[bool] = []
    close_database = opened.db.close

    async def close_after_checking() -> None:
        seen_at_close.append(background.done())
        await close_database()

    opened.db.close = close_after_checking  # type: ignore[method-assign]
    await opened.close()
    assert seen_at_close == [True]


@pytest.mark.parametrize(
    "worry",
    [
        "my 16 year old has started coming home with expensive trainers and a second phone and "
        "wont tell me anything",
        "my lad keeps going off for days and comes back with loads of cash, he wont explain",
    ],
)
async def test_signs_of_a_child_exploited_get_the_advice_not_999_or_a_report(
    services: Services, worry: str
) -> None:
    """A parent telling the signs (new trainers, cash, a second phone, days away) needs the
    county lines advice; the emergency net and the report reading both read it as a crime."""
    reply = await services.answers.answer(worry)
    assert (reply.kind, reply.entry_id) == (ReplyKind.ANSWER, "county-lines")


def test_signs_of_exploitation_yield_to_a_child_missing_now() -> None:
    from bot.exploitation import signs_of_exploitation

    told = "my son has loads of cash and a second phone and goes off for days"
    assert signs_of_exploitation(told)
    assert not signs_of_exploitation(told + ", he hasnt come home since last night")
    assert not signs_of_exploitation(told + " and his phone is off")
    assert not signs_of_exploitation("my daughter got a new phone for her birthday")
    # things taken from a child, not given: a robbery told ("older boys" and "new trainers" are
    # two signs by word)
    robbed = "older boys took his new trainers and his phone off him behind the shops"
    assert not signs_of_exploitation(robbed)
    assert not signs_of_exploitation("my son had his new jacket taken off him by older lads")


async def test_asking_what_to_do_about_a_mugging_gets_the_robbery_advice(
    services: Services,
) -> None:
    """Written for this test. The small model reads "mugged" as near "spiked"; the robbery entry
    gives it somewhere to go, and says to hand things over rather than fight."""
    reply = await services.answers.answer("if a gang tries to mug me do i just give them my stuff")
    assert reply.kind is ReplyKind.ANSWER
    assert reply.entry_id == "robbery"
    assert "hand over what they want" in reply.text and reply.sources


async def test_a_parent_telling_of_their_childs_robbery_gets_the_plain_reporting_reply(
    services: Services,
) -> None:
    """Written for this test: "my lad" is family, but a robbery by strangers is not domestic
    abuse, so the reply names 101 and online reporting, not the abuse helpline."""
    reply = await services.answers.answer(
        "my lad got robbed of his bike by two boys in the park, want to report it"
    )
    assert reply.kind is ReplyKind.REPORT
    assert "101" in reply.text and "0808 2000 247" not in reply.text


async def test_credit_taken_out_in_a_residents_name_gets_the_fraud_reporting_route(
    services: Services,
) -> None:
    """Written for this test: identity fraud had the romance and courier scams' route or the
    plain reply; Report Fraud is where it is reported."""
    reply = await services.answers.answer(
        "somebody took out a catalogue account in my name, found out on my credit file"
    )
    assert reply.kind is ReplyKind.REPORT
    assert reply.entry_id == "report-fraud"
    assert "0300 123 2040" in reply.text


@pytest.mark.parametrize(
    ("told", "police"),
    [
        ("got stopped and searched by police again on the way home, third time this month", True),
        ("a man pretending to be a police officer stopped me and took my wallet", False),
    ],
)
async def test_what_officers_did_gets_their_powers_not_the_reporting_reply(
    services: Services, told: str, police: bool
) -> None:
    """Written for this test: how officers treated the resident is for the stop and search and
    complaints entries; someone only posing as an officer committed a crime to report."""
    reply = await services.answers.answer(told)
    if police:
        assert reply.kind is ReplyKind.ANSWER
        assert reply.entry_id in {"stop-and-search", "complaints-police"}
    else:
        assert reply.kind is ReplyKind.REPORT


async def test_the_runner_up_is_not_offered_twice(services: Services) -> None:
    """Found in the terminal chat: the complaints entry lists stop and search among its related
    entries, and the router offered it again as the runner-up, as a second identical button."""
    reply = await services.answers.answer(
        "officer was rude when he pulled me over and searched my car"
    )
    actions = [b.action for b in reply.buttons]
    assert len(actions) == len(set(actions)), actions
    assert reply.buttons


async def test_a_story_ending_in_how_to_stop_it_gets_the_prevention_advice(
    services: Services,
) -> None:
    """Written for this test. "broken into twice this year" had read as a figures question, and
    the reporting reply was no better: the resident asked how to stop it happening again."""
    reply = await services.answers.answer(
        "our shed got broken into twice this year what can i do to stop it"
    )
    assert reply.kind is ReplyKind.ANSWER
    assert reply.entry_id == "burglary-home-security"
    assert reply.sources


async def test_a_refused_caller_at_the_door_gets_the_doorstep_advice(services: Services) -> None:
    """Written for this test: a caller turned away is advice about doorstep callers, not a
    "Did you mean" list. (The emergency net is still unsure of it and puts the 999 line first:
    a calm exemplar like it cost two dev emergencies, so none was added.)"""
    reply = await services.answers.answer(
        "had a man at the door saying he was from thames water, didnt let him in, was i right"
    )
    assert (reply.kind, reply.entry_id) == (ReplyKind.ANSWER, "doorstep-callers")
    assert "carry ID" in reply.text and reply.sources


async def test_an_unsure_match_is_answered_when_the_entries_own_words_agree(
    services: Services,
) -> None:
    """With the answer threshold out of reach every match is unsure. Where BM25 over the
    entries' own words picks the same entry as the fused matcher, the entry answers; where it
    picks another, the resident still chooses from "Did you mean"."""
    strict = services.config.matcher.model_copy(update={"threshold": 99.0})
    unsure = services.answers.variant(matcher=strict)
    agreed = await unsure.answer("how do i stop my catalytic converter being stolen")
    assert (agreed.kind, agreed.entry_id) == (ReplyKind.ANSWER, "theft-from-vehicles")
    assert agreed.sources and "Did you mean" not in agreed.text
    differs = await unsure.answer("can you help me with something")
    assert differs.kind in (ReplyKind.SUGGESTIONS, ReplyKind.FALLBACK)


async def test_an_assault_by_a_neighbour_gets_the_reporting_reply_and_victim_support(
    services: Services,
) -> None:
    """Written for this test. It got the council's neighbour-disputes entry (mediation); and the
    reporting reply's second button was often another crime's entry ("Reporting a missing
    person" beside an assault), where support for victims is right for any crime."""
    reply = await services.answers.answer("my neighbour punched me in the face yesterday")
    assert reply.kind is ReplyKind.REPORT
    assert "999" in reply.text and "101" in reply.text
    assert "kb:victim-support" in [b.action for b in reply.buttons]
    assert len(reply.buttons) == 2


@pytest.mark.parametrize(
    "story",
    [
        "my uncle's cafe in wealdstone got robbed last night, nobody hurt, how can he report it",
        "bloke filled a basket with coffee and walked out of my shop, I have CCTV. I report online "
        "or call?",
        "have dashcam of a van going through a red light and nearly hitting a kid, where do I send "
        "it",
    ],
)
async def test_a_crime_told_then_asked_how_to_report_in_other_words_gets_the_reporting_reply(
    services: Services, story: str
) -> None:
    """Written for this test, in the ways evaluation round 11's dev part asked: for someone
    else ("how can he report"), which way ("online or call?"), and after evidence ("have
    dashcam of"). Each got an entry on the crime, not how to report it."""
    reply = await services.answers.answer(story)
    assert reply.kind is ReplyKind.REPORT
    assert "101" in reply.text


async def test_a_bus_that_shut_its_doors_on_someone_is_tfls_not_999(services: Services) -> None:
    """Written for this test. The exemplar net read a driver shutting the doors on a mother
    with a walking frame as an older person in danger, near certain (0.96): the 999 reply, for
    a complaint that is TfL's. Danger on a bus is still 999 by the rules."""
    reply = await services.answers.answer(
        "the driver on the 182 shut the doors on my nan and her shopping trolley, so rude"
    )
    assert reply.kind is not ReplyKind.EMERGENCY
    hurt = await services.answers.answer(
        "the 182 driver shut the doors on my nan and she fell, shes bleeding badly"
    )
    assert hurt.kind is ReplyKind.EMERGENCY


async def test_a_victim_asking_for_someone_to_talk_to_gets_victim_support(
    services: Services,
) -> None:
    """Written for this test. Told after a crime, "anyone I can talk to" and "is there anyone
    who helps" did not read as questions: the resident got the reporting reply, not support."""
    for text in (
        "our flat was burgled last month, still cant sleep. anyone i can talk to",
        "robbed near the station in october, now i shake going out. is there anyone who helps",
    ):
        reply = await services.answers.answer(text)
        assert reply.kind is ReplyKind.ANSWER, text
        assert reply.entry_id == "victim-support", text
        assert "08 08 16 89 111" in reply.text


async def test_a_dose_of_two_paracetamol_is_not_999(services: Services) -> None:
    """Written for this test: the exemplar net read it as an overdose (0.78)."""
    reply = await services.answers.answer("i took 2 paracetamol and my headache is still bad")
    assert reply.kind is not ReplyKind.EMERGENCY
    overdose = await services.answers.answer("i have taken 20 paracetamol")
    assert overdose.kind is ReplyKind.EMERGENCY


async def test_a_reporting_reply_the_net_is_unsure_of_puts_its_999_line_first(
    services: Services,
) -> None:
    """Written for this test. A reporting reply has its own 999 line, second; where the net is
    unsure of danger it now comes first, once (an emergency the net half read had got the
    reporting reply with the 999 line below "I can't take crime reports here")."""
    reply = await services.answers.answer(
        "a bloke on a moped grabbed my phone on the high street about an hour ago, long gone now"
    )
    assert reply.kind is ReplyKind.REPORT
    first, second, _ = reply.text.split("\n\n", 2)
    assert first == "If it is happening now or someone is in danger, call 999."
    assert second.startswith("I can’t take crime reports here")
    assert reply.text.count("call 999") == 1
    assert reply.danger_first


async def test_a_child_abuse_story_gets_the_nspcc_and_childline_in_the_reporting_reply(
    services: Services,
) -> None:
    """Written for this test: "my daughter says a teacher touched her inappropriately" got a
    "Did you mean" list; the knowledge base had no entry for a child being abused."""
    reply = await services.answers.answer(
        "my son says his swimming coach touched him inappropriately in the changing room"
    )
    assert reply.kind is ReplyKind.REPORT
    assert "0808 800 5000" in reply.text and "0800 1111" in reply.text
    asked = await services.answers.answer("what's the nspcc number")
    assert (asked.kind, asked.entry_id) == (ReplyKind.ANSWER, "child-abuse")


async def test_an_attempted_robbery_of_a_rider_is_not_a_nuisance_bikes_report(
    services: Services,
) -> None:
    """Written for this test: it got the route for nuisance mopeds and car meets."""
    reply = await services.answers.answer(
        "i am delivery driver, group of boys try to take my moped last night, i escape"
    )
    assert reply.kind is ReplyKind.REPORT
    assert reply.entry_id != "nuisance-vehicles"


async def test_a_lost_wallet_is_lost_property_and_a_marketplace_scam_is_fraud(
    services: Services,
) -> None:
    """Written for this test. "is someone likely to hand it in" was not read as a question, so
    a lost wallet got the reporting reply; a car paid for on Marketplace that never existed got
    the route for stolen goods for sale online."""
    lost = await services.answers.answer(
        "lost my wallet on the bus, is someone likely to hand it in"
    )
    assert (lost.kind, lost.entry_id) == (ReplyKind.ANSWER, "lost-found-property")
    scam = await services.answers.answer(
        "i was scammed out of 2000 on facebook marketplace buying a car"
    )
    assert scam.kind is ReplyKind.REPORT
    assert scam.entry_id in {"report-fraud", "fraud-scams"}
    assert "0300 123 2040" in scam.text


async def test_a_relative_arrested_gets_their_rights_not_the_arrest_figures(
    services: Services,
) -> None:
    """Written for this test: "my son got arrested last night, where is he" got the newsletter's
    arrest figures, and "my brother got nicked by the feds" read as a theft to report."""
    for text in (
        "my son got arrested last night, where is he and can i see him",
        "my brother got nicked by the feds, do i need to get him a lawyer",
    ):
        reply = await services.answers.answer(text)
        assert (reply.kind, reply.entry_id) == (ReplyKind.ANSWER, "arrested-rights"), text
        assert "101" in reply.text and "solicitor" in reply.text
    figures = await services.answers.answer("how many people were arrested in harrow")
    assert figures.entry_id == "harrow-arrests-july-august"


@pytest.mark.parametrize(
    "thanks",
    [
        "thank you to the officer who helped me when my bike was stolen, such a kind man",
        "mulțumesc to the officers who came when our shed was broken into",
        "dziękuję to the pcso who found my mums handbag",
    ],
)
async def test_thanks_to_an_officer_in_any_language_is_offered_to_the_team(
    services: Services, thanks: str
) -> None:
    """Written for this test, in the ways evaluation round 12's dev part thanked officers: the
    English one got the reporting reply for the theft it mentions, the Romanian one an entry
    on volunteering."""
    reply = await services.answers.answer(thanks)
    assert reply.kind is ReplyKind.FEEDBACK
    assert "fb:offer" in [b.action for b in reply.buttons]


async def test_a_raid_on_the_wrong_house_is_about_police_conduct_not_a_crime_to_report(
    services: Services,
) -> None:
    """Written for this test: officers breaking in the wrong door got the reporting reply, as if
    the resident were telling of a burglary."""
    reply = await services.answers.answer(
        "the police came to the wrong house and broke my door in, nobody has said sorry"
    )
    assert reply.kind is not ReplyKind.REPORT
    burgled = await services.answers.answer("a man broke our door down last night and took the tv")
    assert burgled.kind is ReplyKind.REPORT


async def test_officers_who_did_not_listen_are_a_complaint_not_a_crime_to_report(
    services: Services,
) -> None:
    """Written for this test: a burglary told only as the start of a complaint about the officers
    who came got the reporting reply, as if the resident had just been burgled."""
    reply = await services.answers.answer(
        "our shed got done over in august and the two officers who came were on their phones "
        "the whole time, clearly not bothered. this is why nobody reports anything"
    )
    assert reply.kind is not ReplyKind.REPORT
    assert reply.kind is ReplyKind.FEEDBACK or reply.entry_id == "complaints-police"


@pytest.mark.parametrize(
    "story",
    [
        "thief take all my tools from the van in the night, stanmore",
        "maru ghar ma chor aavya, all the jewellery gone",
    ],
)
async def test_everything_taken_told_in_few_words_gets_the_reporting_reply(
    services: Services, story: str
) -> None:
    """Written for this test, in the ways evaluation round 12's dev part told of thefts in a
    few words or half in another language: each got an entry or a fallback."""
    reply = await services.answers.answer(story)
    assert reply.kind is ReplyKind.REPORT
    assert "101" in reply.text


async def test_a_stallholder_worried_about_pickpockets_gets_advice_not_the_events_list(
    services: Services,
) -> None:
    """Written for this test, in the ways evaluation round 12's dev part asked: "my stall" read
    as a crime prevention stall, and the resident got the events list; nothing answered
    pickpockets."""
    reply = await services.answers.answer(
        "i run a stall on the market, worried about pickpockets in the christmas crowds, tips?"
    )
    assert reply.kind is ReplyKind.ANSWER
    assert reply.entry_id == "pickpocketing"
    assert "Metropolitan Police" in " ".join(reply.sources)
    events = await services.answers.answer("any crime prevention stalls near me this week")
    assert events.kind is ReplyKind.EVENTS


async def test_the_missing_persons_route_is_for_someone_missing(services: Services) -> None:
    """Its ``route_when`` (round 17's dev part: an older resident's stolen moped and a man whose
    flat had been taken over were given the missing persons route)."""
    from bot.answers import _route_fits

    entry = services.kb.current.entries["missing-persons"]
    for story in (
        "a resident in our ward who is elderly had her scooter stolen from her garden on tuesday",
        "some so called mates have moved into my uncle's flat and he sleeps on the floor",
    ):
        assert not _route_fits(entry, story), story
    for story in (
        "my son is 16 and hasnt come home since friday, his phone is off",
        "my dad with dementia has wandered off from the care home",
        "my sister has not been seen since saturday and her friends don't know where she is",
    ):
        assert _route_fits(entry, story), story


@pytest.mark.parametrize(
    ("message", "plain"),
    [
        ("Mahadsanid abaayo thank you for helping me", "thank you for helping me"),
        ("Bhai which is safer for my daughter, Kenton or Pinner",
         "which is safer for my daughter, Kenton or Pinner"),
    ],
)  # fmt: skip
async def test_courtesy_words_in_residents_other_languages_do_not_hide_the_question(
    services: Services, message: str, plain: str
) -> None:
    """A form of address or thanks from another language ("mahadsanid abaayo, thank you") made
    a thanks a fallback and a figures question a list of guesses: the model and the words read
    it as part of the question. With it or without it, the resident gets the same answer."""
    reply, without = await services.answers.answer(message), await services.answers.answer(plain)
    assert reply.kind is without.kind is not ReplyKind.FALLBACK
    assert reply.entry_id == without.entry_id
    assert reply.text == without.text


def test_courtesy_words_that_are_also_english_or_a_make_of_car_are_kept() -> None:
    """ "my saab was stolen" is a car, "is the bot in beta" a word of the question."""
    saab = "my saab was stolen from the drive"
    assert courtesy_in_english(saab) == saab
    assert courtesy_in_english("Bhai, is the bot still in beta?") == "is the bot still in beta?"
    assert courtesy_in_english("salaam alaikum") == "hello hello"


async def test_a_story_the_two_route_readings_disagree_on_gets_the_plain_reporting_reply(
    services: Services,
) -> None:
    """Written for this test. The entry search named a route far from every route the stories'
    reading found close (a courier scam's for a card taken from the post, dangerous driving's
    for a groping on a bus) while that reading was unsure between its own best two: the plain
    reporting reply (101, online, Crimestoppers) is right for any crime, a wrong route sends the
    victim the wrong way. A card taken from the post is read as one of the fraud family, whose
    general route (Report Fraud, and the bank on 159) is right for it, never the courier
    scam's."""
    for text, wrong, right in (
        ("somebody took the new bank card out of my post before i got it, the bank says it was "
         "delivered", "courier", {None, "report-fraud"}),
        ("a lad put his hand up my skirt on the bus to harrow on monday, i want to report it",
         "driving", {None}),
    ):  # fmt: skip
        reply = await services.answers.answer(text)
        assert reply.kind is ReplyKind.REPORT, text
        assert reply.entry_id in right, (text, reply.entry_id)
        assert "101" in reply.text and wrong not in reply.text.lower(), text


@pytest.mark.parametrize(
    "said",
    [
        "the pcso who came to our youth club was really polite with the kids, pass that on",
        "my priority for rayners lane is the dealing behind the parade",
        "the two officers at the fun day were brilliant. want that passed on",
        "this bot sorted my question in seconds, thank whoever built it",
    ],
)
async def test_manners_priorities_and_thanks_for_the_bot_are_offered_to_the_team(
    services: Services, said: str
) -> None:
    """Written for this test, in the ways round 21's dev part gave feedback: officers praised for
    being respectful, a priority "for" a place, "want that passed on", the bot's makers thanked.
    They got the complaints entry, an events entry or what the bot is."""
    reply = await services.answers.answer(said)
    assert reply.kind is ReplyKind.FEEDBACK, (reply.kind, reply.entry_id)
    assert "fb:offer" in [b.action for b in reply.buttons]


async def test_owt_on_with_the_police_asks_for_the_events_list(services: Services) -> None:
    """Round 21's dev part: "owt" (anything) asked what is on with the local officers and got the
    high street priority."""
    reply = await services.answers.answer("owt on with the local police this month")
    assert reply.kind is ReplyKind.EVENTS


async def test_a_shout_to_go_back_where_one_came_from_gets_the_hate_crime_route(
    services: Services,
) -> None:
    """Written for this test, in the way round 21's dev part told a racist assault and weighed a
    report ("is it worth to tell police"): it got the women's safety entry."""
    reply = await services.answers.answer(
        "a woman yelled go back to poland at my mum on the bus stop and pushed her yesterday. "
        "is it worth to tell police?"
    )
    assert reply.kind is ReplyKind.REPORT and reply.entry_id == "hate-crime", reply.entry_id
    assert "report-it.org.uk" in reply.text


async def test_goods_handed_over_for_a_fake_payment_get_the_fraud_route(
    services: Services,
) -> None:
    """Written for this test, in the ways three dev parts told it: a buyer who shows a payment
    on screen that never arrives got the plain reporting reply or the bank scam line's route."""
    reply = await services.answers.answer(
        "sold my laptop to a guy off gumtree, he showed me the transfer going through on his "
        "banking app and left with it. two days on the money still hasnt come"
    )
    assert reply.kind is ReplyKind.REPORT
    assert reply.entry_id in {"report-fraud", "fraud-scams"}, reply.entry_id
    assert "0300 123 2040" in reply.text


async def test_a_figure_quoted_back_with_its_subject_gets_the_newsletter_entry(
    services: Services,
) -> None:
    """Written for this test, in the way round 21's dev part quoted a newsletter figure: "67 child
    exploitation offences" (a subject of two words) got the store's figures for all crime."""
    reply = await services.answers.answer(
        "saw that 67 child sexual exploitation offences were reported here, is that a lot?"
    )
    assert (reply.kind, reply.entry_id) == (ReplyKind.ANSWER, "harrow-cse-reports")


async def test_a_bus_that_drove_straight_past_is_tfls_not_the_teams(services: Services) -> None:
    """Round 21's dev part: a bus driver who "drove straight past" a resident at the stop was
    offered to the team as feedback."""
    reply = await services.answers.answer(
        "the 140 driver saw me waving with my pram and drove straight past, i want to complain"
    )
    assert (reply.kind, reply.entry_id) == (ReplyKind.ANSWER, "elsewhere-tfl")


def test_a_bus_driver_who_shouted_at_a_passenger_is_how_the_bus_ran() -> None:
    """Round 13's dev part: a bus driver who shouted at an older passenger read to the net as an
    older person in danger; it is the operator's to hear, as a driver who was rude is."""
    from bot.transport import how_transport_ran

    assert how_transport_ran("the 140 bus driver shouted at my nan for being slow with her trolley")
    assert not how_transport_ran("a man on the 140 bus shouted at my nan and pushed her")


# The shared services live in the module's event loop, so every coroutine test runs in it (a
# mark on the module would also reach the synchronous tests, which pytest-asyncio refuses).
for _name, _test in list(globals().items()):
    if _name.startswith("test_") and inspect.iscoroutinefunction(_test):
        globals()[_name] = pytest.mark.asyncio(loop_scope="module")(_test)


async def test_a_story_nothing_answers_gets_the_reporting_reply_when_it_reads_as_a_crime(
    services: Services,
) -> None:
    """Written for this test: a theft no entry is near had got "I don't know" or a list of loose
    entries. The report reading leans to a crime, and the plain reporting reply is right for any
    crime. A joke the reading does not lean on still gets "I don't know"."""
    theft = await services.answers.answer(
        "someone keeps taking the charity box off the counter at our newsagent, second time this "
        "month"
    )
    assert (theft.kind, theft.entry_id) == (ReplyKind.REPORT, None)
    assert "101" in theft.text and "Crimestoppers" in theft.text
    joke = await services.answers.answer(
        "shot myself in the foot telling my mum id cook sunday dinner"
    )
    assert joke.kind is ReplyKind.FALLBACK


async def test_the_spiking_route_is_named_only_for_a_story_of_a_drink_or_a_needle(
    services: Services,
) -> None:
    """Written for this test: a tin taken from a pub's bar read as spiking (a bar, a Friday
    night) and got spiking's route, about testing a sample quickly."""
    tin = await services.answers.answer(
        "the collection tin for the hospice went missing off the bar at our pub on friday night"
    )
    assert (tin.kind, tin.entry_id) == (ReplyKind.REPORT, None)
    assert "sample" not in tin.text
    spiked = await services.answers.answer(
        "had two drinks at a bar in wealdstone on friday and could not stand, i think someone "
        "spiked me"
    )
    assert (spiked.kind, spiked.entry_id) == (ReplyKind.REPORT, "drink-spiking")


async def test_asking_whether_the_bot_keeps_a_phone_number_gets_the_privacy_entry(
    services: Services,
) -> None:
    """Written for this test: a phone number kept "after I close it" read as deleting one's data;
    what the bot keeps is the privacy entry's answer."""
    reply = await services.answers.answer(
        "does the bot hold on to my phone number after i close it"
    )
    assert (reply.kind, reply.entry_id) == (ReplyKind.ANSWER, "privacy")
    assert "doesn't store your name, username or phone number" in reply.text


@pytest.mark.parametrize(
    "story",
    [
        "the lad who fixed my laptop took my banking password and moved money out of my account",
        "someone used a fake banking app to pay for my car and the money never arrived",
    ],
)
async def test_a_fraud_with_no_caller_claiming_to_be_the_bank_gets_report_fraud_not_159(
    services: Services, story: str
) -> None:
    """Written for this test: frauds read as the bank impersonator's route (hang up and call
    159) though nobody called claiming to be the bank. The route does not fit them, and their
    family's general route, Report Fraud, does."""
    reply = await services.answers.answer(story)
    assert (reply.kind, reply.entry_id) == (ReplyKind.REPORT, "report-fraud")
    assert "0300 123 2040" in reply.text
    assert "A call claiming to be your bank" not in reply.text


async def test_ta_ra_is_a_goodbye_not_a_thank_you(services: Services) -> None:
    """Written for this test: "ta ra" (goodbye) was read as "ta" (thanks)."""
    reply = await services.answers.answer("ta ra then")
    assert (reply.kind, reply.entry_id) == (ReplyKind.SMALLTALK, "goodbye")


async def test_a_crime_told_then_asked_about_gets_the_reporting_reply_when_nearly_sure(
    services: Services,
) -> None:
    """Written for this test: car paint keyed, then "anything i can do?", got the vehicle theft
    entry: the report reading was nearly but not quite sure (between 0.7 and 0.8) it was a
    crime. A story asked whether it counts still gets the entry (the test above)."""
    reply = await services.answers.answer(
        "my car got keyed all down one side at the retail park today. anything i can do?"
    )
    assert (reply.kind, reply.entry_id) == (ReplyKind.REPORT, None)
    assert "101" in reply.text


@pytest.mark.parametrize(
    "story",
    [
        "lead taken off the scout hut roof sometime last week, only spotted it when the ceiling "
        "leaked. who do we report it to, and the insurers want a crime number",
        "catalytic converter sawn off the van overnight on station road. insurer wants a crime "
        "number asap",
    ],
)
async def test_a_theft_told_for_a_crime_number_is_a_story_asked_about(
    services: Services, story: str
) -> None:
    """Written for this test: a theft told with no one in it, then "who do we report it to" and
    the insurer's crime number, was not read as a story asked about, and neither was "insurer
    wants a crime number": without residents' examples such messages got the crime-number
    entry or "Did you mean". A crime number comes from reporting, which the reply explains."""
    assert told_before_asking(story) is not None
    reply = await services.answers.answer(story)
    assert reply.kind is ReplyKind.REPORT
    assert "101" in reply.text


async def test_a_crime_number_for_a_theft_already_reported_gets_the_crime_number_entry(
    services: Services,
) -> None:
    """Written for this test: reported already, the resident needs to find the number, not to
    report again."""
    reply = await services.answers.answer(
        "reported our shed break in online on monday, now the insurance company want the crime "
        "reference, where is it"
    )
    assert (reply.kind, reply.entry_id) == (ReplyKind.ANSWER, "crime-reference-number")


@pytest.mark.parametrize(
    "story",
    [
        "my nan got a call from a man saying her grandson had been arrested and needed bail "
        "money sent today. she didnt pay thank god",
        "someone rang saying they were from my bank and my card had been cloned, wanted me to "
        "read out a code. i cut the call",
    ],
)
async def test_a_scam_call_turned_away_gets_the_advice_not_a_crime_report(
    services: Services, story: str
) -> None:
    """Written for this test: "didnt pay thank god" and "cut the call" were not read as a scam
    turned away, and "they were from my bank" was read as money gone from an account, so
    nothing lost got the reporting reply. The entry on the scam answers: how to spot it, and
    where to report should money go after all."""
    assert averted(story)
    reply = await services.answers.answer(story)
    assert reply.kind is ReplyKind.ANSWER
    assert reply.entry_id in {"fraud-scams", "bank-scam-159", "report-fraud"}


def test_a_scam_that_took_money_from_an_account_is_not_turned_away() -> None:
    assert not averted("i hung up but they had already taken 500 from my account")
    assert averted("he hang up on them. what should he do if they call again")
    assert not averted("he hung up but they call again every day")


async def test_something_found_and_asked_about_gets_the_entry_not_a_crime_report(
    services: Services, tmp_path: Path
) -> None:
    """Written for this test: a knife found in a hedge, then "what do i do with it", can read to
    the report reading as a crime told and asked about (a dev message so worded got the
    reporting reply, measured without its round's examples). The finder is no victim: the knife
    surrender entry answers. Held with and without residents' examples."""
    story = (
        "found a big bread knife in my front hedge this morning, no blood on it, what do i do "
        "with it"
    )
    assert found_object(story)
    assert not found_object("found the shed forced and the mower gone")
    reply = await services.answers.answer(story)
    assert (reply.kind, reply.entry_id) == (ReplyKind.ANSWER, "knife-surrender-bins")
    folder = tmp_path / "without"
    folder.mkdir()
    plain = await open_services(config(folder, resident_examples=False))
    try:
        reply = await plain.answers.answer(story)
        assert (reply.kind, reply.entry_id) == (ReplyKind.ANSWER, "knife-surrender-bins")
    finally:
        await plain.close()
