"""Places a crime-figures question names that are not the borough's wards, and what the reply says.

Residents still use the names of wards abolished in 2022 (Queensbury, Wealdstone) and of places
outside the borough. Such a question must not get the borough's figures as if they were the
place's; period words, filler and "near me" must not be taken for places either.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.config import HARROW_WARDS
from bot.stats.answers import StatsAnswer
from bot.stats.menu import parse_choice
from bot.stats.questions import parse_stats_question
from bot.stats.responder import stats_reply
from handlers.render import reply_html

TODAY = date(2026, 5, 15)
BOROUGH = "borough"
NEAR = "near me"

# question -> the configured ward, BOROUGH, NEAR, or the unknown place as the resident wrote it
PLACES: list[tuple[str, str]] = [
    # places that are not wards: quoted back as written
    ("how many burglaries in Queensbury last month?", "Queensbury"),
    ("burglary in Queensbury last month", "Queensbury"),
    ("is crime going up in Croydon", "Croydon"),
    ("burglary figures around Queensbury", "Queensbury"),
    ("how many robberies near Queensbury station", "Queensbury station"),
    ("any muggings round South Harrow this year?", "South Harrow"),
    ("burglary figures for the Queensbury area", "Queensbury"),
    ("Queensbury area burglary stats", "Queensbury"),
    ("car crime in Station Road since 2024", "Station Road"),
    ("crime in King's Cross in 2025", "King's Cross"),
    ("knife crime stats in Walton on Thames", "Walton on Thames"),
    ("how many burglaries in wealdstone", "wealdstone"),
    ("how many burglaries in London", "London"),
    ("crime stats for “Queensbury”, last month", "Queensbury"),
    ("burglary stats for the last 6 months in Queensbury", "Queensbury"),
    ("burglaries in Croydon and Sutton this year", "Croydon"),
    # a name two wards begin with, and no "in" before it: the resident chooses which
    ("burglary wealdstone this year", "wealdstone"),
    ("kenton crime stats", "kenton"),
    # configured wards, including spellings the fuzzy ward match resolves
    ("burglary in wealdstone north", "Wealdstone North"),
    ("bike theft in harow weald", "Harrow Weald"),
    ("how many burglaries in harow weald last month", "Harrow Weald"),
    ("shoplifting numbers in Edgeware", "Edgware"),
    ("Pinner area burglary stats", "Pinner"),
    ("crime this year in Harrow on the Hill", "Harrow on the Hill"),
    # the borough itself, and period or filler words after "in" / "for"
    ("how many burglaries in the last month", BOROUGH),
    ("how many burglaries last month", BOROUGH),
    ("burglary figures in 2025", BOROUGH),
    ("crime in Harrow since 2024", BOROUGH),
    ("burglaries in the borough this year", BOROUGH),
    ("crime stats for the London Borough of Harrow", BOROUGH),
    ("how many burglaries in harrow in March 2025", BOROUGH),
    ("shoplifting figures for this year", BOROUGH),
    ("how many burglaries in total", BOROUGH),
    ("burglary figures for the past six months", BOROUGH),
    ("number of burglaries in the area", BOROUGH),
    ("how many burglaries in houses", BOROUGH),
    # the resident's own surroundings
    ("burglaries in my area", NEAR),
    ("how many crimes round here", NEAR),
    ("how much car crime is there in my area", NEAR),
    ("burglary near me this year", NEAR),
    ("crime figures around here since 2024", NEAR),
]


def _where(text: str) -> str:
    query = parse_stats_question(text, HARROW_WARDS, today=TODAY)
    assert query is not None, text
    found = [v for v in (query.ward, query.unknown_place) if v is not None]
    if query.near_me:
        found.append(NEAR)
    assert len(found) <= 1, (text, query)
    return found[0] if found else BOROUGH


@pytest.mark.parametrize(("text", "where"), PLACES)
def test_the_place_a_question_names(text: str, where: str) -> None:
    assert _where(text) == where


def test_a_place_outside_harrow_makes_it_a_figures_question_but_london_stays_with_the_kb() -> None:
    # "is crime going up in Croydon" asks for figures we do not hold: answered with that said.
    assert parse_stats_question("is crime going up in Croydon", HARROW_WARDS) is not None
    # London-wide trends are the newsletter's headline figures, which the knowledge base has.
    assert parse_stats_question("is crime going up in London", HARROW_WARDS) is None
    assert parse_stats_question("has neighbourhood crime gone down", HARROW_WARDS) is None


def test_the_configured_borough_is_not_a_place_but_another_borough_is() -> None:
    brent = parse_stats_question("burglary stats in Brent", (), borough="Brent")
    assert brent is not None and brent.unknown_place is None
    harrow = parse_stats_question("burglary stats in Harrow", (), borough="Brent")
    assert harrow is not None and harrow.unknown_place == "Harrow"


def _answer(place: str, category: str | None = "burglary") -> StatsAnswer:
    return StatsAnswer(
        text=f"I have no figures for “{place}” by name.\nBurglary in Harrow, March 2026: 100.",
        area="Harrow",
        category=category,
        month=date(2026, 3, 1),
        unknown_place=place,
    )


def test_the_reply_offers_the_crime_menus_ward_picker_and_near_me() -> None:
    reply = stats_reply(_answer("Queensbury"), "Harrow", HARROW_WARDS)
    assert reply.text.endswith(
        "\n\nChoose a ward below for its own figures, or share your location for crimes near you."
    )
    assert [(b.label, b.action) for b in reply.buttons] == [
        ("Choose a ward", "crime:burglary"),
        ("Near me (share location)", "crime:burglary.here"),
        ("Headline figures (newsletter)", "topic:performance"),
    ]
    for button in reply.buttons[:2]:
        assert parse_choice(button.action, HARROW_WARDS) is not None
    assert reply.meta["unknown_place"] == "Queensbury"


def test_a_name_shared_by_wards_offers_those_wards_first() -> None:
    reply = stats_reply(_answer("kenton", category=None), "Harrow", HARROW_WARDS)
    assert "Harrow has wards called Kenton East and Kenton West." in reply.text
    picked = [parse_choice(b.action, HARROW_WARDS) for b in reply.buttons[:2]]
    wards = [(c.category, c.area) for c in picked if c]
    assert wards == [(None, "Kenton East"), (None, "Kenton West")]


def test_figures_for_a_ward_or_the_borough_offer_no_picker() -> None:
    answer = StatsAnswer(text="Burglary in Pinner ward, March 2026: 7.", area="Pinner")
    reply = stats_reply(answer, "Harrow", HARROW_WARDS)
    assert "Choose a ward" not in [b.label for b in reply.buttons]
    assert "unknown_place" not in reply.meta


def test_the_quoted_place_is_escaped_in_the_html_sent() -> None:
    html = reply_html(stats_reply(_answer("Queensbury <Old> & Kingsbury"), "Harrow", HARROW_WARDS))
    assert "“Queensbury &lt;Old&gt; &amp; Kingsbury”" in html


def test_a_name_two_wards_begin_with_is_a_place_only_in_a_figures_question() -> None:
    """A remark on shoplifting in Wealdstone asks for no figures: naming the two wards' first
    word does not make it a question about them."""
    asked = "the shoplifting on wealdstone high street is getting silly now"
    query = parse_stats_question(asked, HARROW_WARDS, today=TODAY)
    assert query is None or query.unknown_place is None
