"""Ward pickers on Telegram: the borough's wards two to a row, a screen at a time ("More…"),
with the picker's own choices (share a location, the whole borough, cancel) underneath."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answers import Button
from bot.paging import WARDS_PER_PAGE, is_nav, paged


def _tg(button: Button) -> InlineKeyboardButton:
    return InlineKeyboardButton(button.label[:64], callback_data=button.action)


def ward_markup(
    wards: Sequence[str],
    page: int,
    choose: Callable[[int], str],
    turn: Callable[[int], str],
    below: Sequence[Sequence[Button]] = (),
    mark: Callable[[str], str] = lambda ward: ward,
) -> InlineKeyboardMarkup:
    """``choose(i)`` is the data of ward ``i``'s button, ``turn(n)`` of a page-turning one."""
    every = [Button(mark(w), choose(i)) for i, w in enumerate(wards)]
    shown = paged(every, page, WARDS_PER_PAGE, turn)
    names = [_tg(b) for b in shown if not is_nav(b)]
    rows = [names[i : i + 2] for i in range(0, len(names), 2)]
    nav = [_tg(b) for b in shown if is_nav(b)]
    if nav:
        rows.append(nav)
    rows += [[_tg(b) for b in row] for row in below]
    return InlineKeyboardMarkup(rows)


def page_of_ward(index: int) -> int:
    return index // WARDS_PER_PAGE
