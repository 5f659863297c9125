"""Danger told by two of its signs (``bot/danger_signs.py``), through the guard residents meet."""

from __future__ import annotations

import pytest

from bot.safety import Verdict, assess


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("grandad cant raise his left hand and his talking has gone all jumbled", "medical"),
        ("she went stiff then started convulsing, eyes rolled back, been 5 minutes", "medical"),
        ("he keeps gasping and his lips have gone grey", "medical"),
        ("sliced my thigh badly with the stanley knife and its soaking through two towels",
         "medical"),
        ("the dog is going to my brother, goodbye letters are on the table", "self-harm"),
        ("someone next door shrieking stop, then a crash against the wall", "violence-now"),
        ("smoke coming under the door of number 4 and the old man is still inside", "fire"),
    ],
)  # fmt: skip
def test_two_signs_of_one_danger_get_999(text: str, reason: str) -> None:
    """Written for this test: each scene is told only by two of its signs, in words no single
    rule reads (a stroke's arm and speech, a fit's jerking and minutes, a breath's gasping and
    grey lips, a deep cut soaking through, a pet given away beside goodbye letters, cries to stop
    and a crash, smoke under a door with someone inside)."""
    verdict = assess(text)
    assert verdict.verdict is Verdict.EMERGENCY
    assert verdict.reason == reason


@pytest.mark.parametrize(
    "text",
    [
        "since his shoulder op he cant raise his left hand above his head",
        "my son has a speech delay and his words come out jumbled, any groups in harrow",
        "the smoke alarm keeps beeping and there was a smell of burning toast earlier",
        "moving to leeds next week, thanks for everything harrow, the cat is going to my mum",
        "cut my finger badly on a tin last month, it healed fine",
        "my kids were screaming stop at each other over the remote and then thumping about "
        "upstairs, typical sunday",
    ],
)
def test_one_sign_alone_or_two_told_calmly_are_not_999(text: str) -> None:
    """One sign alone is not enough (an arm after an operation, muddled words from a speech
    delay, an alarm and a smell of toast); a farewell needs a letter, a height or the means, not
    only thanks and a pet; a cut from last month is over; the teller's own children squabbling."""
    assert assess(text).verdict is not Verdict.EMERGENCY
