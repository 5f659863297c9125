"""Where a point or a postcode is in the borough: its current ward, or outside the borough.

Read from a small package file per borough (``data/places-<borough>.json.gz``, built by
``tools/build_places.py`` from ONS open data; sources and licences in ``data/README.md``). It holds
the borough's 2021 LSOA shapes, the current wards' shapes and centres, and every postcode of the
outward codes the borough shares, each with its ward (or none: outside the borough).

A point's ward: the LSOA it falls in decides when that LSOA lies (nearly) wholly in one ward, so
the answer agrees with the ward figures, which are summed by LSOA; in an LSOA that straddles a
ward boundary the ward shapes decide. A point just outside every shape (the shapes are
generalised) still counts if it is within ``MARGIN_M`` of one.
"""

from __future__ import annotations

import functools
import gzip
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Literal

from bot.stats.geometry import Polygon, ring_from_flat
from bot.stats.postcodes import Postcode

log = logging.getLogger(__name__)

MARGIN_M = 150.0
OURS_SHARE = 0.05  # an outward code this much in the borough has all its postcodes listed
WHOLE_SHARE = 0.9  # an LSOA with this share of its area in one ward decides on its own
OFFER_SHARE = 0.02  # an outward code's wards holding less than this share are not offered
MOSTLY_IN = 0.9  # below this share of its postcodes in the borough, an outward code is "part"


@dataclass(frozen=True)
class WardPlace:
    code: str
    name: str
    lat: float
    lon: float
    boundary: Polygon


@dataclass(frozen=True)
class _Lsoa:
    code: str
    ward: str
    share: float  # of its area in ``ward``
    shape: Polygon


PostcodeKind = Literal["ward", "wards", "outside", "unknown"]


@dataclass(frozen=True)
class PostcodePlace:
    """What a postcode tells: its ward, the wards an outward code covers, or outside."""

    postcode: Postcode
    kind: PostcodeKind
    wards: tuple[str, ...] = ()  # ward names, most postcodes first
    partly: bool = False  # an outward code only partly in the borough


def borough_key(borough: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", borough.casefold()).strip("-")


class Places:
    """One borough's geography; immutable once loaded.

    Given a loader, the file is read at first use, not when the services open: most messages and
    every one-off ``ask`` never need it, and parsing it is some 60 ms of every start."""

    def __init__(self, data: dict[str, Any] | Callable[[], dict[str, Any]]) -> None:
        self._source = data

    @functools.cached_property
    def _data(self) -> dict[str, Any]:
        return self._source() if callable(self._source) else self._source

    @functools.cached_property
    def borough(self) -> str:
        return str(self._data["borough"])

    @functools.cached_property
    def attribution(self) -> str:
        return str(self._data["attribution"])

    @functools.cached_property
    def sources(self) -> tuple[str, ...]:
        return tuple(self._data["sources"])

    @functools.cached_property
    def wards(self) -> dict[str, WardPlace]:
        return {
            w["code"]: WardPlace(
                w["code"], w["name"], w["lat"], w["lon"], Polygon(ring_from_flat(w["boundary"]))
            )
            for w in self._data["wards"]
        }

    @functools.cached_property
    def _lsoas(self) -> list[_Lsoa]:
        return [
            _Lsoa(
                a["code"],
                a["ward"],
                a.get("share", 1.0),
                Polygon(ring_from_flat(a["rings"][0]), tuple(map(ring_from_flat, a["rings"][1:]))),
            )
            for a in self._data["lsoas"]
        ]

    @functools.cached_property
    def _outward(self) -> dict[str, dict[str, Any]]:
        outward: dict[str, dict[str, Any]] = self._data.get("outward", {})
        return outward

    @functools.cached_property
    def _postcodes(self) -> dict[str, str | None]:
        postcodes: dict[str, str | None] = self._data.get("postcodes", {})
        return postcodes

    # -- points --------------------------------------------------------------------------------

    def ward_at(self, lat: float, lon: float, margin_m: float = MARGIN_M) -> WardPlace | None:
        """The current ward a point is in; None when it is outside the borough."""
        lsoa = self._lsoa_at(lat, lon, margin_m)
        if lsoa is None:
            return None
        if lsoa.share >= WHOLE_SHARE:
            return self.wards[lsoa.ward]
        nearest = min(self.wards.values(), key=lambda w: w.boundary.distance_m(lat, lon))
        if nearest.boundary.distance_m(lat, lon) > margin_m:
            return self.wards[lsoa.ward]
        return nearest

    def _lsoa_at(self, lat: float, lon: float, margin_m: float) -> _Lsoa | None:
        for lsoa in self._lsoas:
            if lsoa.shape.contains(lat, lon):
                return lsoa
        if margin_m <= 0:
            return None
        distance, nearest = min(
            ((a.shape.distance_m(lat, lon), a) for a in self._lsoas), key=lambda t: t[0]
        )
        return nearest if distance <= margin_m else None

    @property
    def example(self) -> str:
        """A real postcode of the borough, to show residents what to type."""
        return next((pc for pc, ward in sorted(self._postcodes.items()) if ward), "SW1A 2AA")

    def ward_named(self, name: str) -> WardPlace | None:
        return next((w for w in self.wards.values() if w.name.casefold() == name.casefold()), None)

    # -- postcodes -----------------------------------------------------------------------------

    def postcode(self, postcode: Postcode) -> PostcodePlace:
        outward = self._outward.get(postcode.outward)
        ours = outward is not None and self._share(outward) >= OURS_SHARE
        if postcode.full:
            if postcode.text in self._postcodes:
                code = self._postcodes[postcode.text]
                if code is None:
                    return PostcodePlace(postcode, "outside")
                return PostcodePlace(postcode, "ward", (self.wards[code].name,))
            if not ours:
                return PostcodePlace(postcode, "outside")
            return PostcodePlace(postcode, "unknown", *self._offered(outward))
        if not ours:
            return PostcodePlace(postcode, "outside")
        return PostcodePlace(postcode, "wards", *self._offered(outward))

    @staticmethod
    def _share(outward: dict[str, Any]) -> float:
        total = outward["total"]
        return sum(outward["wards"].values()) / total if total else 0.0

    def _offered(self, outward: dict[str, Any] | None) -> tuple[tuple[str, ...], bool]:
        if outward is None:
            return (), False
        inside = sum(outward["wards"].values())
        names = tuple(
            self.wards[code].name
            for code, n in sorted(outward["wards"].items(), key=lambda kv: -kv[1])
            if n / inside >= OFFER_SHARE
        )
        return names, self._share(outward) < MOSTLY_IN


def _resource(borough: str) -> Traversable:
    return resources.files("bot.stats").joinpath("data", f"places-{borough_key(borough)}.json.gz")


def read_places(borough: str) -> dict[str, Any] | None:
    """The packaged places data for a borough, or None if the package has none."""
    resource = _resource(borough)
    return _parse(resource) if resource.is_file() else None


def _parse(resource: Traversable) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(gzip.decompress(resource.read_bytes()))
    return data


@functools.cache
def places_for(borough: str) -> Places | None:
    """The borough's places, read once per process at first use (read-only, so shared safely)."""
    resource = _resource(borough)
    if not resource.is_file():
        log.info("no places file for %s: postcodes and ward shapes are not available", borough)
        return None
    return Places(lambda: _parse(resource))
