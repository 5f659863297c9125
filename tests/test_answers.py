"""The answer service without Telegram: safety first, then specialists, then the knowledge base."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.answers import AnswerService, Reply, ReplyKind
from bot.cli import main
from bot.config import MatcherConfig
from bot.kb.base import KnowledgeStore, load_directory
from bot.router import Proposal, Query

REPO_KB = Path(__file__).parents[1] / "knowledge"


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, bool]] = []

    async def record(self, normalised_text: str, suggested: bool = False) -> None:
        self.calls.append((normalised_text, suggested))

    @property
    def texts(self) -> list[str]:
        return [text for text, _ in self.calls]


class Specialist:
    """Confidently proposes an answer to questions with 'events', like the events feature."""

    async def propose(self, query: Query) -> Proposal | None:
        if "events" not in query.text:
            return None

        async def make() -> Reply:
            return Reply(ReplyKind.EVENTS, "events!")

        return Proposal("events", 95.0, make)


@pytest.fixture(scope="module")
def store() -> KnowledgeStore:
    result = load_directory(REPO_KB, date(2026, 11, 29))
    assert result.kb is not None
    return KnowledgeStore(result.kb)


@pytest.fixture
def gaps() -> Recorder:
    return Recorder()


@pytest.fixture
def service(store: KnowledgeStore, gaps: Recorder) -> AnswerService:
    return AnswerService(store, MatcherConfig(), "Harrow", gaps=gaps, answerers=[Specialist()])


async def test_answer_carries_entry_score_and_source(service: AnswerService) -> None:
    reply = await service.answer("how do I stop burglars")
    assert reply.kind is ReplyKind.ANSWER
    assert reply.entry_id == "burglary-home-security"
    assert reply.score is not None and reply.score >= MatcherConfig().threshold
    assert reply.sources and reply.sources[0].startswith("Source: ")
    assert reply.text.endswith(reply.sources[0].split(" – ")[0]) or reply.sources[0] in reply.text


async def test_met_wide_and_harrow_figures_say_which(service: AnswerService) -> None:
    met = await service.answer("has neighbourhood crime gone down by 14 percent")
    assert "14%" in met.text and "London" in met.text
    harrow = await service.answer("arrests per officer in harrow")
    assert "23%" in harrow.text and "Harrow" in harrow.text


async def test_emergency_wins_over_everything(service: AnswerService, gaps: Recorder) -> None:
    reply = await service.answer("HELP someone has a knife outside events")
    assert reply.kind is ReplyKind.EMERGENCY
    assert reply.text.startswith("If you or someone else is in danger right now, call 999")
    assert reply.buttons == () and gaps.texts == []


async def test_specialists_answer_before_the_knowledge_base(service: AnswerService) -> None:
    assert (await service.answer("any events this week")).kind is ReplyKind.EVENTS


async def test_report_is_redirected_with_related_advice(service: AnswerService) -> None:
    reply = await service.answer("my bike was stolen last week and i want to report it")
    assert reply.kind is ReplyKind.REPORT
    assert "101" in reply.text and "0800 555 111" in reply.text


async def test_fallback_records_normalised_text(service: AnswerService, gaps: Recorder) -> None:
    reply = await service.answer("Can you recommend a GOOD pizza place??")
    assert reply.kind is ReplyKind.FALLBACK
    assert "101" in reply.text and "999" in reply.text
    assert gaps.texts == ["can you recommend a good pizza place"]
    assert gaps.calls == [("can you recommend a good pizza place", False)]


@pytest.mark.parametrize(
    "text",
    [
        "can anyone recommend a decent electrician in Pinner",
        "know a good mechanic near wealdstone?",
        "locked out again lol, anyone know a reliable locksmith round here",
        "best curry house in harrow?",
        "what time does the library open on saturday",
        "when does the big sainsburys shut on sundays",
    ],
)
async def test_businesses_and_their_hours_are_declined_not_recorded_as_gaps(
    service: AnswerService, gaps: Recorder, text: str
) -> None:
    reply = await service.answer(text)
    assert reply.kind is ReplyKind.FALLBACK
    assert reply.text.startswith("Sorry, I can’t recommend businesses or tradespeople")
    assert "policing in Harrow" in reply.text and "999" in reply.text
    assert gaps.calls == []  # no answer about a plumber will ever be written


@pytest.mark.parametrize(
    "text",
    [
        "what time does the police station open",
        "recommend a good doorbell camera",
        "can you recommend a safe minicab firm for getting home",
        "when will the road be open again after the police tape went up",
        "my builder took a deposit and never came back, can the police help",
    ],
)
async def test_what_the_police_advise_on_is_not_taken_for_a_business(
    service: AnswerService, text: str
) -> None:
    reply = await service.answer(text)
    assert "recommend businesses" not in reply.text


async def test_suggestions_between_thresholds(service: AnswerService, gaps: Recorder) -> None:
    reply = await service.answer("I want to buy a CAR?")
    assert reply.kind is ReplyKind.SUGGESTIONS
    assert 1 <= len(reply.buttons) <= 3
    assert all(b.action.startswith("kb:") for b in reply.buttons)
    # Half-understood questions are gaps too, told apart from ones with no answer at all.
    assert gaps.calls == [("i want to buy a car", True)]


async def test_confident_answer_is_not_a_gap(service: AnswerService, gaps: Recorder) -> None:
    assert (await service.answer("how do I stop burglars")).kind is ReplyKind.ANSWER
    assert (await service.answer("hiya")).kind is ReplyKind.SMALLTALK
    assert (await service.answer("any events this week")).kind is ReplyKind.EVENTS
    assert gaps.calls == []


@pytest.mark.parametrize(
    ("text", "entry_id", "service_url"),
    [
        ("the street light outside my house has been out for days",
         "elsewhere-council-roads", "https://www.harrow.gov.uk/"),
        ("the bus driver was rude", "elsewhere-tfl", "https://tfl.gov.uk/"),
        ("how do i renew my passport", "elsewhere-passports", "https://www.gov.uk/"),
        ("my neighbours bins have been overflowing for weeks",
         "elsewhere-council-waste", "https://www.harrow.gov.uk/"),
    ],
)  # fmt: skip
async def test_other_services_questions_name_the_service(
    service: AnswerService, text: str, entry_id: str, service_url: str
) -> None:
    reply = await service.answer(text)
    assert (reply.kind, reply.entry_id) == (ReplyKind.ANSWER, entry_id)
    assert service_url in reply.text and ("999" in reply.text or "101" in reply.text)


def test_safety_tips_offer_prevention_advice_only(service: AnswerService) -> None:
    tips = service.topic_reply("prevention")
    assert tips is not None and tips.buttons
    assert not [b for b in tips.buttons if b.action.startswith("kb:elsewhere-")]


async def test_smalltalk(service: AnswerService) -> None:
    assert (await service.answer("hiya")).kind is ReplyKind.SMALLTALK
    assert (await service.answer("thank you so much")).kind is ReplyKind.SMALLTALK


@pytest.mark.parametrize(
    "text",
    ["", "   ", "🚓🚔🚨", "\x00\x01\x02", "?!?!", "x" * 10_000, "Привет, как дела", "مرحبا بكم"],
)
async def test_odd_input_gets_a_polite_reply(service: AnswerService, text: str) -> None:
    reply = await service.answer(text)
    assert reply.kind in {ReplyKind.FALLBACK, ReplyKind.SUGGESTIONS, ReplyKind.ANSWER}
    assert reply.text and "Traceback" not in reply.text


async def test_reload_swaps_knowledge_between_questions(tmp_path: Path) -> None:
    from tests.kb_factory import entry, write_kb

    first = load_directory(write_kb(tmp_path / "a", {"a.yaml": [entry("old-answer")]}))
    second = load_directory(
        write_kb(tmp_path / "b", {"a.yaml": [entry("old-answer", answer="The new answer.")]})
    )
    assert first.kb is not None and second.kb is not None
    store = KnowledgeStore(first.kb)
    service = AnswerService(store, MatcherConfig(), "Harrow")
    assert (await service.answer("question about old answer")).text == "Advice about old-answer."
    assert store.replace(second)
    assert (await service.answer("question about old answer")).text == "The new answer."


def test_cli_ask_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import os

    os.environ["LOCALBEAT_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    try:
        assert main(["ask", "--json", "burgalry", "tips"]) == 0
    finally:
        del os.environ["LOCALBEAT_DATABASE_URL"]
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "answer"
    assert data["entry_id"] == "burglary-home-security"
    assert set(data) >= {"kind", "text", "buttons", "sources", "entry_id", "score"}


async def test_a_route_for_some_places_is_named_only_for_a_story_told_there(
    tmp_path: Path,
) -> None:
    """``route_when``: the transport police's route is for a train, not a bus (the Met's); the
    plain reporting reply is right for any crime."""
    from tests.kb_factory import entry, write_kb

    transport = entry(
        "transport-crime",
        topic="elsewhere",
        questions=["my bag was stolen on the train", "my bag was stolen on the bus"],
        route="Crime on a train: British Transport Police, text 61016.",
        route_when=["train", "tube"],
        source={"title": "British Transport Police", "date": "2026-12"},
    )
    others = [entry("bike-locks"), entry("dog-fouling"), entry("street-lights")]
    files = {"t.yaml": [transport, *others]}
    result = load_directory(write_kb(tmp_path, files), date(2026, 11, 29))
    assert result.kb is not None
    service = AnswerService(KnowledgeStore(result.kb), MatcherConfig(), "Harrow")
    on_a_train = await service.answer("my bag was stolen on the train last night")
    assert on_a_train.kind is ReplyKind.REPORT and "61016" in on_a_train.text
    on_a_bus = await service.answer("my bag was stolen on the bus last night")
    assert on_a_bus.kind is ReplyKind.REPORT and "61016" not in on_a_bus.text
    assert "101" in on_a_bus.text


def test_a_blank_route_place_is_refused(tmp_path: Path) -> None:
    from tests.kb_factory import entry, write_kb

    bad = entry("transport-crime", route="Crime on a train: text 61016 now.", route_when=[" "])
    result = load_directory(write_kb(tmp_path, {"t.yaml": [bad]}), date(2026, 11, 29))
    assert result.kb is None
    assert any("route_when" in p.as_cli() for p in result.errors)


def test_a_motive_without_a_route_to_name_is_refused(tmp_path: Path) -> None:
    """``route_first_when`` names the entry's route first: an entry without one has nothing to
    name, and comms staff are told which entry and why, with the live answers kept."""
    from tests.kb_factory import entry, write_kb

    bad = entry("hate-words", route_first_when=["racist"])
    result = load_directory(write_kb(tmp_path, {"h.yaml": [bad]}), date(2026, 11, 29))
    assert result.kb is None
    assert any("route_first_when needs a route" in p.as_cli() for p in result.errors)


@pytest.mark.parametrize(
    "text",
    [
        "Здравейте, съседът ми не отваря вратата от три дни, какво да правя?",
        "salam, dokhtaram az panjere oftad, harf nemizane, chikar konam",
        "我的邻居三天没有开门了，我该怎么办？",
    ],
)
async def test_a_message_in_another_language_gets_the_999_line_and_says_what_is_read(
    service: AnswerService, text: str
) -> None:
    """The bot reads English only. A message in Bulgarian, romanised Farsi or Chinese had got "I
    don't know" with no word of 999, however urgent it was: it now gets the 999 line first and
    says honestly that the bot reads English, with 101 and online reporting for the rest."""
    reply = await service.answer(text)
    assert reply.kind is ReplyKind.FALLBACK
    assert reply.danger_first
    assert reply.text.startswith("If you or someone else is in danger right now, call 999.")
    assert "I can only read messages in English" in reply.text
    assert "101" in reply.text


@pytest.mark.parametrize(
    "text",
    [
        "stabbd outsid the kebab shp neck bleedin bad pls",  # typos, still English
        "catalytic converter sawn off my prius overnight in edgware",
        "bhai wheres the nearest police station",  # one word of Hindi
        "cześć",  # too short to tell
    ],
)
def test_english_with_typos_or_a_word_of_another_language_is_read(text: str) -> None:
    from bot.unread import unread_language

    assert not unread_language(text)
