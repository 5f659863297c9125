"""Turning a :class:`StatsQuery` into a plain-text answer with its figures, period and source."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.stats.categories import display_name
from bot.stats.places import Places, PostcodePlace
from bot.stats.queries import Area, ByCategory, StatsQueries, Summary, add_months
from bot.stats.questions import StatsQuery

STALE_MONTHS = 3  # figures older than this many months come with a warning
TOP_SHOWN = 5
OUTSIDE = (
    "{place} is outside {borough}, so I have no crime figures for it: I only hold figures for "
    "{borough}. For anywhere in England and Wales, police.uk has a crime map: "
    "https://www.police.uk/ . You can still look at {borough}'s figures below."
)


@dataclass
class StatsAnswer:
    text: str
    sources: list[str] = field(default_factory=list)
    area: str = ""
    category: str | None = None
    month: date | None = None
    series: list[tuple[date, int]] = field(default_factory=list)
    trend: bool = False  # the text describes the series (a trend answer), not only one month
    unknown_place: str | None = None  # named by the resident, no figures of its own: area stands in
    offers: tuple[str, ...] = ()  # wards to offer as buttons (the wards an outward code covers)
    choose_ward: bool = False  # offer the ward picker too
    outside: bool = False  # the place asked about is outside the borough
    more_trend: bool = False  # a one-month ward answer: offer its 12-month trend


def months_ago(month: date, today: date) -> int:
    return (today.year - month.year) * 12 + today.month - month.month


def latest_line(last: date, today: date) -> str:
    """Which month is the latest, with a warning when it is more than three months old."""
    if months_ago(last, today) > STALE_MONTHS:
        return (
            f"This is the latest month available ({month_name(last)}), more than three months "
            "ago: newer figures are not loaded yet."
        )
    return f"This is the latest month available ({month_name(last)})."


def top_line(by: ByCategory, where: str) -> str | None:
    """The month's most common categories: "Most common in Stanmore ward, March 2026: ..."."""
    if not by.counts or by.month is None:
        return None
    items = [f"{display_name(c)} {n}" for c, n in list(by.counts.items())[:TOP_SHOWN]]
    listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" and {items[-1]}"
    return (
        f"Most common in {where}, {month_name(by.month)}: {listed} (of {plural(by.total, None)})."
    )


def _where(area: Area) -> str:
    return area.name if area.kind != "ward" else f"{area.name} ward"


def month_name(month: date) -> str:
    return f"{month:%B %Y}"


def _what(category: str | None) -> str:
    return display_name(category) if category else "All crime"


def plural(n: int, category: str | None = "-") -> str:
    """'1 crime', '5 incidents' (ASB is not a crime), '9 crimes and ASB incidents' (all)."""
    if category is None:
        return f"{n} crimes and ASB incidents" if n != 1 else "1 crime or ASB incident"
    word = "incident" if category == "anti-social-behaviour" else "crime"
    return f"{n} {word}" + ("" if n == 1 else "s")


def _change(count: int, other: int | None, other_month: date) -> str | None:
    if other is None:
        return None
    diff = count - other
    if diff == 0:
        return f"the same as in {month_name(other_month)} ({other})"
    word, direction = ("more", "up") if diff > 0 else ("fewer", "down")
    pct = f" ({direction} {abs(diff) / other:.0%})" if other else ""
    return f"{abs(diff)} {word} than the {other} in {month_name(other_month)}{pct}"


def _months_between(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


class StatsAnswerer:
    """Answers statistics questions from the store; never raises for missing data."""

    def __init__(
        self,
        queries: StatsQueries,
        radius_m: int = 1609,
        places: Places | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.queries = queries
        self.radius_m = radius_m
        self.places = places
        self.today = today

    async def answer(self, query: StatsQuery) -> StatsAnswer:
        await self.queries.prepare()
        async with self.queries.one_answer():
            return await self._answer(query)

    async def _answer(self, query: StatsQuery) -> StatsAnswer:
        if query.ranking or query.compared:
            from bot.stats.ranking import side_by_side  # it builds on this module

            return await side_by_side(self.queries, query, self.today())
        if query.postcode is not None:
            return await self._postcode(query)
        if query.near_me:
            return await self._near(query)
        notes: list[str] = []
        area = self.queries.borough_area()
        place = None if query.ward else query.unknown_place
        if place:
            notes.append(
                f"I have no figures for “{place}” by name, as it is not one of {area.name}'s "
                f"current wards. Here are {area.name}'s figures instead:"
            )
        if query.ward:
            ward = await self.queries.best_ward(query.ward)
            if ward is None or await self.queries.coverage(ward) is None:
                notes.append(f"I have no figures for {query.ward} ward; here is the whole borough.")
            else:
                area = ward
        answer = await self._area(query, area, notes)
        answer.unknown_place = place
        return answer

    async def _area(self, query: StatsQuery, area: Area, notes: list[str]) -> StatsAnswer:
        what = _what(query.category)
        cover = await self.queries.coverage(area)
        if cover is None:
            return StatsAnswer(
                text=f"I don't have any crime figures for {area.name} yet.",
                area=area.name,
                category=query.category,
            )
        month = query.month
        if month is not None and not cover.first <= month <= cover.last:
            notes.append(
                f"There are no figures for {month_name(month)}: they run from "
                f"{month_name(cover.first)} to {month_name(cover.last)}. "
                f"Here is the latest month instead."
            )
            month = None
        if query.until is not None and query.until < cover.first:
            notes.append(
                f"The figures start in {month_name(cover.first)}, after the period you asked "
                "about; here is the latest month."
            )
        summary = await self.queries.summary(area, query.category, month)
        assert summary is not None
        series_end = summary.month
        if query.until is not None and cover.first <= query.until < summary.month:
            series_end = query.until
        span = query.months or 12
        if query.since is not None:
            span = _months_between(max(query.since, cover.first), series_end)
        trend = await self.queries.trend(area, query.category, max(span, 1), series_end)
        series = trend.points if trend else []
        lines = [*notes, self._summary_line(what, area, summary)]
        if query.wants_top and query.category is None:
            by = await self.queries.by_category(area, summary.month)
            top = top_line(by, _where(area))
            if top:
                lines.insert(len(notes), top)
        trend_shown = bool(query.wants_trend and series)
        if trend_shown:
            lines.append(self._series_line(series, query.category))
        if summary.month != cover.last:
            lines.append(f"Latest month available: {month_name(cover.last)}.")
        else:
            lines.append(latest_line(cover.last, self.today()))
        lines.append(f"Source: {summary.source}, month {month_name(summary.month)}.")
        return StatsAnswer(
            text="\n".join(lines),
            sources=[summary.source],
            area=area.name,
            category=query.category,
            month=summary.month,
            series=series,
            trend=trend_shown,
        )

    @staticmethod
    def _summary_line(what: str, area: Area, summary: Summary) -> str:
        text = f"{what} in {_where(area)}, {month_name(summary.month)}: "
        text += plural(summary.count, summary.category)
        text += " recorded."
        changes = [
            c
            for c in (
                _change(summary.count, summary.previous_count, summary.previous_month),
                _change(summary.count, summary.year_ago_count, summary.year_ago_month),
            )
            if c
        ]
        if changes:
            text += " That is " + ", and ".join(changes) + "."
        if summary.year_ago_count is None:
            text += f" There are no figures for {month_name(summary.year_ago_month)} to compare."
        return text

    @staticmethod
    def _series_line(series: list[tuple[date, int]], category: str | None) -> str:
        total = sum(n for _, n in series)
        low, high = min(n for _, n in series), max(n for _, n in series)
        first, last = series[0][0], series[-1][0]
        return (
            f"{month_name(first)} to {month_name(last)}: {plural(total, category)} "
            f"in {len(series)} months, between {low} and {high} a month."
        )

    # -- a place: a postcode, or the ward a shared location is in --------------------------------

    async def located(
        self, category: str | None, ward: str, lead: str, notes: Sequence[str] = ()
    ) -> StatsAnswer:
        """One ward's latest month for someone placed in it, with the top categories."""
        await self.queries.prepare()
        area = await self.queries.best_ward(ward)
        cover = await self.queries.coverage(area) if area else None
        if area is None or cover is None:
            text = f"{lead} I have no crime figures for {ward} ward yet."
            return StatsAnswer(text=text, area=ward, category=category, choose_ward=True)
        summary = await self.queries.summary(area, category)
        assert summary is not None
        lines = [lead, self._summary_line(_what(category), area, summary)]
        if category is None:
            top = top_line(await self.queries.by_category(area, summary.month), _where(area))
            if top:
                lines.append(top)
        lines.extend(notes)
        lines.append(latest_line(cover.last, self.today()))
        lines.append(f"Source: {summary.source}, month {month_name(summary.month)}.")
        return StatsAnswer(
            text="\n".join(lines),
            sources=[summary.source],
            area=area.name,
            category=category,
            month=summary.month,
            series=[(summary.month, summary.count)],
            more_trend=True,
        )

    async def _postcode(self, query: StatsQuery) -> StatsAnswer:
        postcode = query.postcode
        assert postcode is not None
        borough = self.queries.borough
        if self.places is None:
            text = (
                f"I can't look up postcodes for {borough} yet. Choose your ward below, or share "
                "your location for crimes near you."
            )
            return StatsAnswer(text=text, area=borough, category=query.category, choose_ward=True)
        place = self.places.postcode(postcode)
        if place.kind == "ward":
            ward = place.wards[0]
            return await self.located(query.category, ward, f"{postcode.text} is in {ward} ward.")
        if place.kind == "outside":
            text = OUTSIDE.format(place=postcode.text, borough=borough)
            return StatsAnswer(text=text, area=borough, category=query.category, outside=True)
        if len(place.wards) == 1:  # an outward code with a single ward of ours: its figures
            missing = (
                f"I can't find the postcode {postcode.text}. " if place.kind == "unknown" else ""
            )
            lead = f"{missing}{postcode.outward} is in {place.wards[0]} ward."
            return await self.located(query.category, place.wards[0], lead)
        return StatsAnswer(
            text=self._wards_text(place, borough),
            area=borough,
            category=query.category,
            offers=place.wards,
            choose_ward=True,
        )

    @staticmethod
    def _wards_text(place: PostcodePlace, borough: str) -> str:
        outward = place.postcode.outward
        if place.kind == "unknown":
            head = f"I can't find the postcode {place.postcode.text}. "
        else:
            head = ""
        share = f" Part of {outward} is outside {borough}." if place.partly else ""
        return (
            f"{head}{outward} covers parts of {len(place.wards)} of {borough}'s wards.{share} "
            "Choose yours below for its figures, or send your full postcode."
        )

    async def _near(self, query: StatsQuery) -> StatsAnswer:
        if query.latitude is None or query.longitude is None:
            return StatsAnswer(
                text=(
                    "To count crimes near you I need your location: send it and I will count "
                    "street-level crimes within a mile."
                ),
                area="near you",
                category=query.category,
            )
        near = await self.queries.near(query.latitude, query.longitude, self.radius_m, query.month)
        if near.month is None:
            if query.month is not None:
                near = await self.queries.near(query.latitude, query.longitude, self.radius_m)
            if near.month is None:
                return StatsAnswer(
                    text="I have no street-level crime records near that location.",
                    area="near you",
                    category=query.category,
                )
        miles = self.radius_m / 1609.344
        count = near.by_category.get(query.category, 0) if query.category else near.total
        lines = [
            f"{_what(query.category)} within {miles:.1f} miles of you, "
            f"{month_name(near.month)}: {plural(count, query.category)} recorded."
        ]
        if not query.category and near.by_category:
            top = sorted(near.by_category.items(), key=lambda kv: -kv[1])[:4]
            lines.append(
                "Most common: " + ", ".join(f"{display_name(c)} {n}" for c, n in top) + "."
            )
        lines.append(f"Source: {near.source}, month {month_name(near.month)}.")
        return StatsAnswer(
            text="\n".join(lines),
            sources=[near.source],
            area="near you",
            category=query.category,
            month=near.month,
            series=[(near.month, count)],
        )


__all__ = ["StatsAnswer", "StatsAnswerer", "add_months"]
