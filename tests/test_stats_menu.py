"""The crime menu's callback data, chart captions, the monthly sync's timing and the KB boundary."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from bot.config import HARROW_WARDS, Config, ConfigError, load_config
from bot.stats.chart import CAPTION_LIMIT, caption, render_png
from bot.stats.menu import (
    BOROUGH,
    HERE,
    CrimeChoice,
    area_buttons,
    category_buttons,
    parse_choice,
    ward_key,
)
from bot.stats.questions import parse_stats_question
from bot.stats.sync import SyncError, SyncReport
from bot.stats.sync_job import MonthlySync
from handlers.render import CALLBACK_DATA
from tests.test_matcher import PARAPHRASES

# Paraphrases that do ask for figures of a category and place: the store answers them when it
# holds data (the knowledge base answers when it does not).
STATS_PARAPHRASES = {"shoplifting figures in harrow"}


@pytest.mark.parametrize(("question", "expected"), PARAPHRASES)
def test_knowledge_base_questions_are_not_claimed_as_figures(question: str, expected: str) -> None:
    query = parse_stats_question(question, HARROW_WARDS, today=date(2026, 5, 1))
    assert (query is not None) == (question in STATS_PARAPHRASES), query


def test_headline_questions_without_place_or_period_stay_with_the_knowledge_base() -> None:
    for text in ("has neighbourhood crime gone down", "has crime gone down by 14 percent"):
        assert parse_stats_question(text, HARROW_WARDS) is None
    assert parse_stats_question("has crime gone down in Pinner", HARROW_WARDS) is not None
    assert parse_stats_question("has burglary gone down", HARROW_WARDS) is not None


def test_every_menu_button_round_trips_and_fits_telegram() -> None:
    buttons = list(category_buttons())
    for category in (None, "criminal-damage-arson", "theft-from-the-person"):
        buttons += area_buttons(category, "Harrow", HARROW_WARDS)
    for button in buttons:
        assert len(button.action.encode()) <= 64 and CALLBACK_DATA.match(button.action), button
        assert parse_choice(button.action, HARROW_WARDS) is not None, button
    longest = CrimeChoice("criminal-damage-arson", "Harrow on the Hill", "g")
    assert CALLBACK_DATA.match(longest.data())
    assert parse_choice(longest.data(), HARROW_WARDS) == longest


@pytest.mark.parametrize(
    "data",
    [
        "crime:fraud",  # not a police.uk category
        "crime:burglary.queensbury",  # not a configured ward
        "crime:burglary.here.t",  # near me has no period
        "crime:burglary.borough.x",
        "crime:burglary.borough.t.extra",
        "crime:BURGLARY",
        "crime:burglary;drop",
        "kb:burglary",
    ],
)
def test_stale_or_forged_data_is_refused(data: str) -> None:
    assert parse_choice(data, HARROW_WARDS) is None


def test_choices_decode_to_names() -> None:
    assert parse_choice("crime:all", HARROW_WARDS) == CrimeChoice(None)
    assert parse_choice("crime:all.borough.l", HARROW_WARDS) == CrimeChoice(None, BOROUGH, "l")
    assert parse_choice("crime:drugs.here", HARROW_WARDS) == CrimeChoice("drugs", HERE)
    assert ward_key("Harrow on the Hill") == "harrow-on-the-hill"
    assert parse_choice("crime:drugs.harrow-on-the-hill.t", HARROW_WARDS) == CrimeChoice(
        "drugs", "Harrow on the Hill", "t"
    )


def test_caption_states_the_numbers_and_fits_telegram() -> None:
    points = [
        (date(2025, m, 1), n)
        for m, n in zip(range(1, 13), [5, 9, 1, 7, 7, 3, 2, 8, 4, 6, 1, 2], strict=True)
    ]
    text = caption("Burglary in Pinner ward", points, "burglary", "police.uk street-level data")
    assert "First month, January 2025: 5 crimes" in text
    assert "Last month, December 2025: 2 crimes" in text
    assert "Highest: February 2025, 9. Lowest: November 2025, 1." in text
    assert "Total over 12 months: 55." in text
    assert text.endswith("Source: police.uk street-level data.")
    long = caption("All crime in Harrow", points, None, "x" * 5000)
    assert len(long) <= CAPTION_LIMIT and "Total over 12 months" in long


def test_chart_is_a_png() -> None:
    points = [(date(2025, m, 1), m) for m in range(1, 13)]
    assert render_png("Drugs in Harrow", points, "police.uk").startswith(b"\x89PNG\r\n\x1a\n")


def test_bbox_setting_is_validated(tmp_path: Path) -> None:
    box = Config.model_validate({"borough": {"bbox": [51.55, -0.41, 51.645, -0.26]}}).borough.bbox
    assert box == (51.55, -0.41, 51.645, -0.26)
    bad = tmp_path / "config.yaml"
    bad.write_text("borough:\n  bbox: [51.7, -0.41, 51.5, -0.26]\n")
    with pytest.raises(ConfigError, match=r"borough: .*south < north"):
        load_config(bad, env={})


class FakeSync:
    def __init__(self, outcomes: list[bool]) -> None:
        self.outcomes = outcomes
        self.runs = 0

    async def __call__(self) -> SyncReport:
        self.runs += 1
        if not self.outcomes.pop(0):
            raise SyncError("police.uk: HTTP 503")
        return SyncReport()


async def test_monthly_sync_retries_a_failure_the_next_day(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = FakeSync([False, True, True])
    invalidated: list[bool] = []
    job = MonthlySync(fake, day=5, on_success=lambda: invalidated.append(True))
    assert await job.tick(date(2026, 4, 4)) is None  # before the sync day: not due
    with caplog.at_level(logging.ERROR, logger="bot.stats.sync_job"):
        assert await job.tick(date(2026, 4, 5)) is False
    assert "retried tomorrow" in caplog.text and job.failures == 1
    assert await job.tick(date(2026, 4, 6)) is True and invalidated == [True]
    assert await job.tick(date(2026, 4, 7)) is None  # done for April
    assert await job.tick(date(2026, 4, 30)) is None
    assert await job.tick(date(2026, 5, 5)) is True  # May's run
    assert fake.runs == 3
