"""Points and polygons in latitude and longitude, over the few kilometres of one borough.

Boundaries are small enough that a flat projection around the point asked about is exact to well
under a metre, so no geodesy library is needed: a ray cast decides inside or outside, and the
distance to a boundary is measured in metres on that local projection.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

METRES_PER_DEGREE = 111_320.0

Point = tuple[float, float]  # (latitude, longitude)
Ring = tuple[Point, ...]


@dataclass(frozen=True)
class Polygon:
    """An outer ring and any holes, with its bounding box for a quick first test."""

    outer: Ring
    holes: tuple[Ring, ...] = ()

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        lats = [p[0] for p in self.outer]
        lons = [p[1] for p in self.outer]
        return min(lats), min(lons), max(lats), max(lons)

    def contains(self, lat: float, lon: float) -> bool:
        south, west, north, east = self.bbox
        if not (south <= lat <= north and west <= lon <= east):
            return False
        return in_ring(lat, lon, self.outer) and not any(in_ring(lat, lon, h) for h in self.holes)

    def distance_m(self, lat: float, lon: float) -> float:
        """0 inside, else the distance to the nearest edge in metres."""
        if self.contains(lat, lon):
            return 0.0
        return ring_distance_m(lat, lon, self.outer)


def in_ring(lat: float, lon: float, ring: Sequence[Point]) -> bool:
    """Even-odd ray casting along the latitude line through the point."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        yi, xi = ring[i]
        yj, xj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def ring_distance_m(lat: float, lon: float, ring: Sequence[Point]) -> float:
    kx = METRES_PER_DEGREE * math.cos(math.radians(lat))
    ky = METRES_PER_DEGREE
    best = math.inf
    for (y1, x1), (y2, x2) in itertools.pairwise((*ring, ring[0])):
        ax, ay = (x1 - lon) * kx, (y1 - lat) * ky
        bx, by = (x2 - lon) * kx, (y2 - lat) * ky
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def ring_from_flat(values: Sequence[float]) -> Ring:
    """``[lat, lon, lat, lon, ...]`` (the packed form in the data files) as points."""
    return tuple((values[i], values[i + 1]) for i in range(0, len(values) - 1, 2))


def flat_ring(ring: Sequence[Point], places: int = 5) -> list[float]:
    """Points packed as ``[lat, lon, ...]``, rounded (5 places is about a metre)."""
    return [round(v, places) for point in ring for v in point]
