"""One screen of a long list of choices at a time, with "More…" to go on.

Every menu whose list can outgrow a phone's screen (a knowledge topic's entries, the wards of a
large borough) pages the same way: the page number travels in the buttons' data, so nothing is
kept between taps, and a page number beyond the end (a list that shrank since) shows the last page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.answers import Button

T = TypeVar("T")

MORE = "More…"
BACK = "◀ Back"
# Wards go two to a row: 24 is twelve rows, about as many as a phone shows under a message.
WARDS_PER_PAGE = 24
TOPIC_PAGE = 10  # a knowledge topic's entries on one screen (long titles, two to a row)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    number: int  # from 0
    count: int  # how many pages there are (at least 1)
    total: int  # how many items in all
    start: int  # the index in the whole list of this page's first item

    @property
    def has_previous(self) -> bool:
        return self.number > 0

    @property
    def has_next(self) -> bool:
        return self.number + 1 < self.count

    def label(self) -> str:
        """ ", page 2 of 3" when there is more than one page, else nothing."""
        return f", page {self.number + 1} of {self.count}" if self.count > 1 else ""


def page_of(items: Sequence[T], number: int, size: int) -> Page[T]:
    count = max(1, -(-len(items) // size))
    number = min(max(number, 0), count - 1)
    start = number * size
    return Page(tuple(items[start : start + size]), number, count, len(items), start)


def paged(
    buttons: Sequence[Button], number: int, size: int, turn: Callable[[int], str]
) -> tuple[Button, ...]:
    """One page of ``buttons``, then "◀ Back" and "More…" (whose actions ``turn`` makes from a
    page number) where there is a page before or after."""
    page = page_of(buttons, number, size)
    nav = []
    if page.has_previous:
        nav.append(Button(BACK, turn(page.number - 1)))
    if page.has_next:
        nav.append(Button(MORE, turn(page.number + 1)))
    return (*page.items, *nav)


def is_nav(button: Button) -> bool:
    return button.label in (BACK, MORE)
