"""The /crime menu as data: what each button means, encoded in callback data the bot can trust.

A choice travels entirely in its button (``crime:<category>[.<area>[.<period>]]``), so the menu
keeps no per-user state and a restart never breaks an open menu. Decoding checks every part
against what exists now (police.uk categories, configured wards): anything else is stale.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from bot.answers import Button
from bot.stats.categories import CATEGORY_NAMES

PREFIX = "crime"
ALL = "all"
BOROUGH = "borough"
HERE = "here"
HEADLINES = Button("Headline figures (newsletter)", "topic:performance")
NEAR_ME_LABEL = "Near me (share location)"

Period = Literal["l", "t", "g"]  # latest month, 12-month trend, chart of the trend
PERIODS: dict[str, str] = {"l": "Latest month", "t": "Last 12 months (trend)"}

# What the handler accepts before looking at meaning; short enough for Telegram's 64 bytes.
CALLBACK_PATTERN = r"^crime:[a-z-]{2,30}(\.[a-z0-9-]{1,24}(\.[ltg])?)?$"
_WARD_KEY_LEN = 24


def ward_key(name: str) -> str:
    """A ward's name as a callback-data token: 'Harrow on the Hill' -> 'harrow-on-the-hill'."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:_WARD_KEY_LEN]


@dataclass(frozen=True)
class CrimeChoice:
    """How far a resident has got in the menu: category, then area, then period."""

    category: str | None  # None = all crime
    area: str | None = None  # BOROUGH, HERE or a configured ward's name
    period: Period | None = None

    def data(self) -> str:
        parts = [self.category or ALL]
        if self.area is not None:
            parts.append(self.area if self.area in (BOROUGH, HERE) else ward_key(self.area))
            if self.period is not None:
                parts.append(self.period)
        return f"{PREFIX}:" + ".".join(parts)

    @property
    def ward(self) -> str | None:
        return None if self.area in (None, BOROUGH, HERE) else self.area


def parse_choice(data: str, wards: Sequence[str]) -> CrimeChoice | None:
    """The choice a button stands for, or None when it names something that no longer exists."""
    if not re.match(CALLBACK_PATTERN, data):
        return None
    parts = data.removeprefix(f"{PREFIX}:").split(".")
    category: str | None = parts[0]
    if category == ALL:
        category = None
    elif category not in CATEGORY_NAMES:
        return None
    choice = CrimeChoice(category)
    if len(parts) > 1:
        area = parts[1]
        if area not in (BOROUGH, HERE):
            names = {ward_key(w): w for w in wards}
            if area not in names:
                return None
            area = names[area]
        choice = replace(choice, area=area)
    if len(parts) > 2:
        if choice.area == HERE:
            return None  # near me has no period: the location message answers it
        choice = replace(choice, period=parts[2])  # type: ignore[arg-type]
    return choice


def what(category: str | None) -> str:
    return CATEGORY_NAMES[category] if category else "All crime"


def category_buttons() -> tuple[Button, ...]:
    first = Button("All crime", CrimeChoice(None).data())
    rest = (Button(name, CrimeChoice(slug).data()) for slug, name in CATEGORY_NAMES.items())
    return (first, *rest)


def area_buttons(category: str | None, borough: str, wards: Sequence[str]) -> tuple[Button, ...]:
    fixed = (
        Button(f"All of {borough}", CrimeChoice(category, BOROUGH).data()),
        Button(NEAR_ME_LABEL, CrimeChoice(category, HERE).data()),
    )
    return fixed + tuple(Button(w, CrimeChoice(category, w).data()) for w in wards)


def period_buttons(choice: CrimeChoice) -> tuple[Button, ...]:
    return tuple(
        Button(label, replace(choice, period=code).data())  # type: ignore[arg-type]
        for code, label in PERIODS.items()
    )


def chart_button(category: str | None, area: str) -> Button:
    return Button("Show chart", CrimeChoice(category, area, "g").data())


def place(area: str | None, borough: str) -> str:
    if area in (None, BOROUGH):
        return borough
    if area == HERE:
        return "near you"
    return f"{area} ward"
