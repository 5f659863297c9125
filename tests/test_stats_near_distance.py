"""Near-me counts a crime when its haversine distance is within the radius: the flat-earth
shortcut in front of it must never change that answer."""

from __future__ import annotations

import math
import random

import pytest

from bot.stats.queries import MILE_M, _Within, haversine_m


@pytest.mark.parametrize(("lat", "lon"), [(51.58, -0.34), (51.5155, -0.0922), (60.15, -1.15)])
@pytest.mark.parametrize("radius", [200, MILE_M, 5 * MILE_M])
def test_same_verdict_as_haversine_everywhere_near_the_edge(
    lat: float, lon: float, radius: int
) -> None:
    rng = random.Random(f"{lat},{lon},{radius}")
    within = _Within(lat, lon, radius)
    degrees = radius / 111_000
    for _ in range(20_000):
        # half the points in the thin ring where the shortcut hands over to haversine
        scale = rng.uniform(0.985, 1.015) if rng.random() < 0.5 else rng.uniform(0, 2)
        bearing = rng.uniform(0, 2 * math.pi)
        y = lat + math.sin(bearing) * degrees * scale
        x = lon + math.cos(bearing) * degrees * scale / math.cos(math.radians(lat))
        assert within(y, x) == (haversine_m(lat, lon, y, x) <= radius), (y, x)
