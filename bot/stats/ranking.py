"""Wards side by side: which record the most or the least crime, and how two compare.

Residents ask "which ward has the most crime" and "is Kenton East safer than Kenton West"; the
honest answer is each ward's recorded count over the same twelve months, said to be counts and
not rates, since a ward with a town centre or a station records more because more people pass
through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.stats.answers import StatsAnswer, latest_line, month_name, plural
from bot.stats.categories import display_name
from bot.stats.queries import StatsQueries
from bot.stats.questions import StatsQuery

MONTHS = 12
SHOWN = 5  # wards listed at the end asked about; three more from the other end
CAVEAT = (
    "These are counts, not rates: a ward with a town centre, a station or busy shops records "
    "more because more people pass through it, and police.uk places each crime at an "
    "approximate point on or near a street."
)


@dataclass(frozen=True)
class WardCount:
    name: str
    count: int


@dataclass(frozen=True)
class WardCounts:
    counts: list[WardCount]  # most first
    first: date
    last: date
    source: str

    def place(self, name: str) -> int:
        return next(i for i, w in enumerate(self.counts, start=1) if w.name == name)


async def ward_counts(queries: StatsQueries, category: str | None) -> WardCounts | None:
    """Each ward's count over the borough's latest twelve months; None without figures."""
    borough = await queries.trend(queries.borough_area(), category, MONTHS)
    if borough is None or not borough.points:
        return None
    first, last = borough.points[0][0], borough.points[-1][0]
    counts = []
    for name in await queries.ward_names():
        area = await queries.best_ward(name)
        trend = await queries.trend(area, category, MONTHS, last) if area else None
        if trend is not None and trend.points and trend.points[0][0] == first:
            counts.append(WardCount(name, sum(n for _, n in trend.points)))
    if not counts:
        return None
    counts.sort(key=lambda w: (-w.count, w.name))
    return WardCounts(counts, first, last, borough.source)


def _listed(counts: list[WardCount]) -> str:
    items = [f"{w.name} {w.count}" for w in counts]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" and {items[-1]}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


async def side_by_side(queries: StatsQueries, query: StatsQuery, today: date) -> StatsAnswer:
    """The wards ranked (``query.ranking``) or the named wards compared (``query.compared``)."""
    found = await ward_counts(queries, query.category)
    what = display_name(query.category) if query.category else "All crime"
    if found is None:
        return StatsAnswer(
            text=f"I don't have crime figures by ward for {queries.borough} yet.",
            area=queries.borough,
            category=query.category,
        )
    period = f"{month_name(found.first)} to {month_name(found.last)}"
    wards = len(found.counts)
    lines: list[str] = []
    if query.compared:
        known = {w.name.casefold(): w for w in found.counts}
        lines.append(f"{what} recorded, {period}:")
        for name in query.compared:
            ward = known.get(name.casefold())
            if ward is None:
                lines.append(f"{name}: no figures by ward.")
                continue
            place = found.place(ward.name)
            lines.append(
                f"{ward.name}: {plural(ward.count, query.category)}, "
                f"the {_ordinal(place)} most of {wards} wards."
            )
        if len(query.compared) == 1:
            average = round(sum(w.count for w in found.counts) / wards)
            lines.append(f"The average ward: {plural(average, query.category)}.")
    else:
        ordered = found.counts if query.ranking == "most" else found.counts[::-1]
        end = "most" if query.ranking == "most" else "fewest"
        other = "Fewest" if query.ranking == "most" else "Most"
        lines.append(f"{what} recorded by ward in {queries.borough}, {period}, {end} first:")
        lines += [
            f"{i}. {w.name}: {plural(w.count, query.category)}"
            for i, w in enumerate(ordered[:SHOWN], start=1)
        ]
        rest = ordered[SHOWN:][-3:][::-1]
        if rest:
            lines.append(f"{other}: {_listed(rest)} (of {wards} wards).")
    lines.append(CAVEAT)
    lines.append(latest_line(found.last, today))
    lines.append(f"Source: {found.source}, {period}.")
    return StatsAnswer(
        text="\n".join(lines),
        sources=[found.source],
        area=queries.borough,
        category=query.category,
        month=found.last,
    )
