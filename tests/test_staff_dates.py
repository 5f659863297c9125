"""Staff dates in words, always London time, across both clock changes of 2026 and 2027."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.staff_dates import StaffDateError, in_words, parse_span, parse_time
from tests.fake_clock import london

TUESDAY_NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # London is on GMT


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("next tuesday 7pm", datetime(2026, 12, 8, 19, 0, tzinfo=UTC)),
        ("7 Dec 18:30", datetime(2026, 12, 7, 18, 30, tzinfo=UTC)),
        ("tomorrow 9am", datetime(2026, 12, 2, 9, 0, tzinfo=UTC)),
        ("tomorrow 09:00", datetime(2026, 12, 2, 9, 0, tzinfo=UTC)),
        ("Tomorrow   9AM", datetime(2026, 12, 2, 9, 0, tzinfo=UTC)),
        ("18:30", datetime(2026, 12, 1, 18, 30, tzinfo=UTC)),
        ("9am", datetime(2026, 12, 2, 9, 0, tzinfo=UTC)),  # the next 9am: today's has passed
        ("2027-07-01 18:30", datetime(2027, 7, 1, 17, 30, tzinfo=UTC)),  # BST
        ("1/2/2027 10:00", datetime(2027, 2, 1, 10, 0, tzinfo=UTC)),  # day first, as in the UK
        ("sat 10am", datetime(2026, 12, 5, 10, 0, tzinfo=UTC)),
    ],
)
def test_words_are_read_as_london_time(words: str, expected: datetime) -> None:
    assert parse_time(words, TUESDAY_NOON) == expected


def test_the_answer_is_said_back_in_words() -> None:
    assert in_words(parse_time("next tuesday 7pm", TUESDAY_NOON)) == (
        "Tuesday 8 December 2026 at 19:00 (London time, GMT)"
    )
    assert in_words(datetime(2027, 7, 1, 17, 30, tzinfo=UTC)) == (
        "Thursday 1 July 2027 at 18:30 (London time, BST)"
    )


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("tomorrow", "I read “tomorrow” as Wednesday 2 December 2026, but with no time of day"),
        ("tomorrow at 9", "but with no time of day. Please add one, such as 9am or 18:30."),
        ("teatime", "I could not read “teatime” as a day and time. Try “tomorrow 9am”"),
        ("2026-12-01 09:00", "which is in the past. Please give a time from now on."),
        ("", "Please give a day and a time"),
        ("x" * 81, "That is too long for a date."),
        ("18:30 EST", "London is on GMT then, not UTC-5."),
        ("18:30 BST", "London is on GMT then, not UTC+1."),
    ],
)
def test_what_cannot_be_used_is_explained(words: str, message: str) -> None:
    with pytest.raises(StaffDateError) as caught:
        parse_time(words, TUESDAY_NOON)
    assert message in str(caught.value)


@pytest.mark.parametrize("year, sunday", [(2026, 29), (2027, 28)])
def test_spring_forward_skipped_hour_is_refused_and_after_is_bst(year: int, sunday: int) -> None:
    saturday = london(year, 3, sunday - 1, 12, 0)
    with pytest.raises(StaffDateError) as caught:
        parse_time("tomorrow 01:30", saturday)
    assert str(caught.value) == (
        f"01:30 on Sunday {sunday} March {year} does not exist in London: the clocks go "
        "forward an hour that night. Choose another time, such as 02:30."
    )
    assert parse_time("tomorrow 00:30", saturday) == datetime(year, 3, sunday, 0, 30, tzinfo=UTC)
    assert parse_time("tomorrow 09:00", saturday) == datetime(year, 3, sunday, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize("year, sunday", [(2026, 25), (2027, 31)])
def test_fall_back_repeated_hour_must_say_bst_or_gmt(year: int, sunday: int) -> None:
    saturday = london(year, 10, sunday - 1, 12, 0)
    with pytest.raises(StaffDateError) as caught:
        parse_time("tomorrow 01:30", saturday)
    assert str(caught.value) == (
        f"01:30 on Sunday {sunday} October {year} happens twice in London: the clocks go back "
        "an hour that night. Send “01:30 BST” for the first time or “01:30 GMT” for the second."
    )
    first = parse_time("tomorrow 01:30 BST", saturday)
    second = parse_time("tomorrow 01:30 GMT", saturday)
    assert (first, second) == (
        datetime(year, 10, sunday, 0, 30, tzinfo=UTC),
        datetime(year, 10, sunday, 1, 30, tzinfo=UTC),
    )
    assert in_words(first).endswith("at 01:30 (London time, BST)")
    assert in_words(second).endswith("at 01:30 (London time, GMT)")
    assert parse_time("tomorrow 09:00", saturday) == datetime(year, 10, sunday, 9, 0, tzinfo=UTC)


def test_a_span_has_an_end_on_the_same_day() -> None:
    start, end = parse_span("next tuesday 7pm to 9pm", TUESDAY_NOON)
    assert (start, end) == (
        datetime(2026, 12, 8, 19, 0, tzinfo=UTC),
        datetime(2026, 12, 8, 21, 0, tzinfo=UTC),
    )
    start, end = parse_span("02/04/2027 10:00-12:00", TUESDAY_NOON)
    assert (start, end) == (
        datetime(2027, 4, 2, 9, 0, tzinfo=UTC),
        datetime(2027, 4, 2, 11, 0, tzinfo=UTC),
    )
    assert parse_span("2027-03-28 10:00", TUESDAY_NOON) == (
        datetime(2027, 3, 28, 9, 0, tzinfo=UTC),
        None,
    )
    with pytest.raises(StaffDateError, match=r"The end \(09:00\) must be after the start"):
        parse_span("tomorrow 10:00-09:00", TUESDAY_NOON)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("now", "words", "expected"),
    [
        (utc(2026, 11, 30, 12), "9am", utc(2026, 12, 1, 9)),  # across the end of a month
        (utc(2026, 12, 31, 12), "09:00", utc(2027, 1, 1, 9)),  # and of a year
        (utc(2027, 2, 28, 20), "7pm", utc(2027, 3, 1, 19)),
        (utc(2026, 12, 2, 12), "tuesday 7pm", utc(2026, 12, 8, 19)),
        (utc(2026, 12, 8, 12), "7 Dec 18:30", utc(2027, 12, 7, 18, 30)),
    ],
)
def test_a_time_that_has_passed_means_the_next_one(
    now: datetime, words: str, expected: datetime
) -> None:
    assert parse_time(words, now) == expected


def test_today_that_has_passed_is_refused_not_moved() -> None:
    with pytest.raises(StaffDateError, match=r"Tuesday 1 December 2026 at 09:00 .* in the past"):
        parse_time("today 9am", TUESDAY_NOON)
