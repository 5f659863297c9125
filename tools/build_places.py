"""Build a borough's places file (``bot/stats/data/places-<borough>.json.gz``) from ONS open data.

    python tools/build_places.py --borough Harrow \\
        --lsoa-boundaries lsoa/E09000015.geojson --ward-boundaries ward/E09000015.geojson \\
        --lookup lsoa_to_ward.csv --postcodes HA.csv NW.csv UB.csv WD.csv \\
        --output bot/stats/data/places-harrow.json.gz

Inputs (see ``bot/stats/data/README.md`` for where each came from and its licence):

* the borough's 2021 LSOA boundaries and current ward boundaries (GeoJSON, ONS Open Geography);
* the LSOA-to-ward lookup (``lsoa_code,ward_code``) the ward figures are summed with;
* postcode centroids (``Postcode,lat,long``) from the ONS National Statistics Postcode Lookup.

A postcode belongs to the ward of the LSOA its centroid falls in, the same LSOA-to-ward lookup
the figures use, so "your ward" and "your ward's figures" always agree. Every postcode of an
outward code that is at least 5% in the borough is listed (``null`` = outside the borough), so a
postcode next door is answered as outside rather than unknown.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from bot.stats.geometry import Polygon, flat_ring
from bot.stats.places import OURS_SHARE, Places

GRID_M = 30.0  # spacing of the points that measure how much of an LSOA lies in each ward
ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0. "
    "Source: Office for National Statistics licensed under the Open Government Licence v3.0. "
    "Contains OS data © Crown copyright and database right 2025. "
    "Contains Royal Mail data © Royal Mail copyright and database right 2025."
)
SOURCES = [
    "ONS Open Geography: Lower layer Super Output Areas (December 2021) boundaries, generalised",
    "ONS Open Geography: Wards (May 2025) boundaries, ultra generalised (codes and names of the "
    "May 2022 wards)",
    "LSOA (2021) to ward (2022) lookup, as used for the ward figures",
    "ONS National Statistics Postcode Lookup - 2021 Census (May 2025): postcode centroids",
]


def _polygons(geometry: dict[str, Any]) -> list[Polygon]:
    parts = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    out = []
    for rings in parts:
        lat_lon = [tuple((float(y), float(x)) for x, y in ring) for ring in rings]
        out.append(Polygon(lat_lon[0], tuple(lat_lon[1:])))
    return out


def _features(path: Path) -> list[dict[str, Any]]:
    features: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["features"]
    return features


def _prop(props: dict[str, Any], suffix: str) -> Any:
    """``LSOA21CD``, ``WD25NM`` and the like, whatever the vintage in the name."""
    for key, value in props.items():
        if key.endswith(suffix) and key[:2] in ("LS", "WD"):
            return value
    raise KeyError(suffix)


def _share(lsoa: Polygon, ward: str, wards: dict[str, Polygon]) -> float:
    """The share of an LSOA's area in ``ward``, measured on a grid of points."""
    south, west, north, east = lsoa.bbox
    step_lat = GRID_M / 111_320.0
    step_lon = step_lat / 0.62  # cos(51.6 degrees)
    inside = total = 0
    lat = south
    while lat <= north:
        lon = west
        while lon <= east:
            if lsoa.contains(lat, lon):
                total += 1
                inside += wards[ward].contains(lat, lon)
            lon += step_lon
        lat += step_lat
    return round(inside / total, 3) if total else 1.0


def build(args: argparse.Namespace) -> dict[str, Any]:
    with args.lookup.open(newline="", encoding="utf-8") as handle:
        lookup = {r["lsoa_code"]: r["ward_code"] for r in csv.DictReader(handle)}
    lsoas: list[tuple[str, str, Polygon]] = []
    for feature in _features(args.lsoa_boundaries):
        code = _prop(feature["properties"], "CD")
        lsoas.extend((code, lookup[code], p) for p in _polygons(feature["geometry"]))
    wards = []
    for feature in _features(args.ward_boundaries):
        props = feature["properties"]
        (polygon,) = _polygons(feature["geometry"])
        wards.append({
            "code": _prop(props, "CD"), "name": _prop(props, "NM"),
            "lat": props["LAT"], "lon": props["LONG"], "boundary": flat_ring(polygon.outer),
        })  # fmt: skip
    shapes = {w["code"]: Polygon(tuple(zip(w["boundary"][::2], w["boundary"][1::2], strict=True)))
              for w in wards}  # fmt: skip
    geography = {
        "borough": args.borough, "sources": SOURCES, "attribution": ATTRIBUTION, "wards": wards,
        "lsoas": [
            {"code": c, "ward": w, "share": _share(p, w, shapes),
             "rings": [flat_ring(p.outer), *map(flat_ring, p.holes)]}
            for c, w, p in lsoas
        ],
    }  # fmt: skip
    places = Places(geography)
    points: dict[str, tuple[str, str | None]] = {}  # postcode -> (outward, ward or None)
    for path in args.postcodes:
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if not row["lat"]:
                    continue  # no grid reference: nowhere to place it
                compact = row["Postcode"].replace(" ", "").upper()
                postcode = f"{compact[:-3]} {compact[-3:]}"
                lat, lon = float(row["lat"]), float(row["long"])
                found = places.ward_at(lat, lon, margin_m=0)
                points[postcode] = (compact[:-3], found.code if found else None)
    totals = Counter(outward for outward, _ in points.values())
    inside: dict[str, Counter[str]] = defaultdict(Counter)
    for outward, ward in points.values():
        if ward:
            inside[outward][ward] += 1
    ours = {o for o, c in inside.items() if sum(c.values()) / totals[o] >= OURS_SHARE}
    postcodes = {
        pc: ward for pc, (outward, ward) in sorted(points.items()) if ward or outward in ours
    }
    return {
        "format": 1,
        **geography,
        "licence": "Open Government Licence v3.0",
        "outward": {
            o: {"total": totals[o], "wards": dict(inside[o].most_common())} for o in sorted(inside)
        },
        "postcodes": postcodes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--borough", required=True)
    parser.add_argument("--lsoa-boundaries", type=Path, required=True)
    parser.add_argument("--ward-boundaries", type=Path, required=True)
    parser.add_argument("--lookup", type=Path, required=True)
    parser.add_argument("--postcodes", type=Path, nargs="+", required=True)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()
    data = build(args)
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    args.output.write_bytes(gzip.compress(body, 9, mtime=0))
    print(
        f"{args.output}: {len(data['wards'])} wards, {len(data['lsoas'])} LSOA shapes, "
        f"{len(data['postcodes'])} postcodes, {args.output.stat().st_size:,} bytes"
    )


if __name__ == "__main__":
    main()
