"""A location typed as coordinates ("51.5806, -0.3420", "51.58N 0.34W"), for front ends where a
resident cannot share one (a terminal) and for residents who paste one into a chat."""

from __future__ import annotations

import re

_NUMBER = r"(-?\d{1,3}\.\d{2,})\s*°?\s*([NSEWnsew])?"
COORDINATES = re.compile(rf"^\s*\(?\s*{_NUMBER}\s*(?:[,;]\s*|\s+){_NUMBER}\s*\)?\s*$")


def _signed(number: str, hemisphere: str | None) -> float:
    value = float(number)
    return -abs(value) if hemisphere and hemisphere.upper() in "SW" else value


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """(latitude, longitude) from "lat, lon" with at least two decimals each; else None."""
    if len(text) > 60:
        return None
    match = COORDINATES.match(text)
    if match is None:
        return None
    lat_n, lat_h, lon_n, lon_h = match.groups()
    lat, lon = _signed(lat_n, lat_h), _signed(lon_n, lon_h)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon
