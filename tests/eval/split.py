"""Split the resident-question evaluation set into dev and held-out parts, and check it.

The split is a pure function of each question's text, so an item always lands in the same part
whoever runs this and however the list is ordered: the first byte of the question's SHA-256,
modulo 2 (0 is dev, 1 is held-out). Adding questions later never moves existing ones.

    python tests/eval/split.py COMBINED.yaml            # write dev.yaml and heldout.yaml afresh
    python tests/eval/split.py --append NEW.yaml        # add new items to the existing parts
    python tests/eval/split.py --check                  # validate both parts, print counts
    python tests/eval/split.py --round 2 NEW.yaml       # a later round: dev-2.yaml, heldout-2.yaml

Each round is a set written at one time, measured on its own: a later round's held-out part was
written after the bot had been tuned on the earlier rounds' dev parts, so it is the fresher test.
A question already in an earlier round is left out of a later one.

Only counts are printed, never questions, so running it does not expose the held-out part.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
KNOWLEDGE = HERE.parent.parent / "knowledge"

CATEGORIES = tuple(
    "emergency safety report kb stats events feedback smalltalk out_of_scope mixed".split()
)
KINDS = frozenset({"emergency", "report", "stats", "events", "feedback", "fallback"})

# Entries planned in issue 12 and being written alongside this set. Once they are in
# knowledge/*.yaml this list is redundant (an id in both places is harmless).
PLANNED_IDS = frozenset(
    """
    hate-crime domestic-abuse coercive-control clares-law sarahs-law online-harassment
    street-harassment stalking complaints-police stop-and-search lost-found-property
    firearms-licensing special-constables volunteers-cadets neighbourhood-watch ward-panels
    missing-persons drugs-dealing county-lines knife-surrender-bins e-scooters
    stolen-phone-tracking stolen-goods-online crime-reference-number home-cctv-doorbell
    police-station-front-counters drink-spiking speeding-roadwatch drink-drug-driving
    dangerous-driving-report nuisance-vehicles holiday-home-security
    elsewhere-council-waste elsewhere-council-roads elsewhere-noise elsewhere-council-services
    elsewhere-tfl elsewhere-health elsewhere-mental-health elsewhere-passports
    elsewhere-immigration elsewhere-voting elsewhere-animals elsewhere-consumer
    elsewhere-fire-safety elsewhere-neighbour-disputes
    """.split()
)

HEADERS = {
    "dev": (
        "Local Beat evaluation set: DEV part.\n"
        "Resident questions written independently of the knowledge base, labelled with the\n"
        "acceptable reply kinds and entry ids. Tune the matcher and safety rules against this\n"
        "part only. See tests/eval/README.md for the format and labels.\n"
        "Written by tests/eval/split.py. Add items with `split.py --append NEW.yaml` (it puts\n"
        "each in its part); after editing labels here, run `split.py --check`."
    ),
    "heldout": (
        "Local Beat evaluation set: HELD-OUT part.\n"
        "DO NOT READ THIS FILE WHILE TUNING. Its items are for the final measurement only;\n"
        "looking at them, or copying their wording into the knowledge base or the code, makes\n"
        "the measurement worthless. Tune on dev.yaml. See tests/eval/README.md.\n"
        "Written by tests/eval/split.py. Add items with `split.py --append NEW.yaml` (it puts\n"
        "each in its part); after editing labels here, run `split.py --check`."
    ),
}


def part_of(question: str) -> str:
    """Dev or held-out, decided by the question text alone so the split is reproducible."""
    return "dev" if hashlib.sha256(question.encode()).digest()[0] % 2 == 0 else "heldout"


def known_ids() -> frozenset[str]:
    """Entry ids in the knowledge base now, plus the planned ones."""
    ids: set[str] = set(PLANNED_IDS)
    for path in sorted(KNOWLEDGE.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        ids.update(str(entry["id"]) for entry in data.get("entries", []))
    return frozenset(ids)


def load(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    items = data.get("questions")
    if not isinstance(items, list):
        raise SystemExit(f"{path}: expected a list under `questions:`")
    return items


def problems(items: list[dict[str, Any]], ids: frozenset[str]) -> list[str]:
    """Everything wrong with a list of items, as messages that name the item by position."""
    found: list[str] = []
    seen: set[str] = set()
    for n, item in enumerate(items, 1):
        where = f"item {n}"
        q = item.get("q")
        if not isinstance(q, str) or not q.strip():
            found.append(f"{where}: `q` must be a non-empty string")
            continue
        if q in seen:
            found.append(f"{where}: duplicate question")
        seen.add(q)
        cat = item.get("cat")
        if cat not in CATEGORIES:
            found.append(f"{where}: unknown cat {cat!r}")
        expect = item.get("expect")
        if not isinstance(expect, list) or not expect:
            found.append(f"{where}: `expect` must be a non-empty list")
            continue
        found += [f"{where}: unknown label {x!r}" for x in expect if x not in KINDS | ids]
        route = item.get("route")
        if route is not None:
            if "report" not in expect:
                found.append(f"{where}: `route` given but `report` is not expected")
            found += [f"{where}: unknown route id {x!r}" for x in route if x not in ids]
        if cat == "report" and "report" not in expect:
            found.append(f"{where}: a report item must expect `report`")
        if cat == "emergency" and expect != ["emergency"]:
            found.append(f"{where}: an emergency item must expect exactly [emergency]")
        if cat in {"safety", "out_of_scope"} and "emergency" in expect:
            found.append(f"{where}: a {cat} item must not accept an emergency reply")
        unknown_keys = set(item) - {"q", "cat", "expect", "route", "note"}
        if unknown_keys:
            found.append(f"{where}: unknown keys {sorted(unknown_keys)}")
    return found


def dump(part: str, items: list[dict[str, Any]]) -> str:
    """YAML with one item per block, strings double-quoted (JSON strings are valid YAML)."""
    lines = [f"# {line}" if line else "#" for line in HEADERS[part].splitlines()]
    lines += ["", "questions:"]
    for item in items:
        lines.append(f"  - q: {json.dumps(item['q'], ensure_ascii=False)}")
        lines.append(f"    cat: {item['cat']}")
        lines.append(f"    expect: [{', '.join(item['expect'])}]")
        if item.get("route"):
            lines.append(f"    route: [{', '.join(item['route'])}]")
        if item.get("note"):
            lines.append(f"    note: {json.dumps(item['note'], ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def files(round_: int) -> dict[str, Path]:
    """The two parts of one round: dev.yaml and heldout.yaml for the first, dev-N.yaml and
    heldout-N.yaml after it."""
    tail = "" if round_ == 1 else f"-{round_}"
    return {"dev": HERE / f"dev{tail}.yaml", "heldout": HERE / f"heldout{tail}.yaml"}


def earlier_questions(round_: int) -> set[str]:
    return {
        str(item.get("q"))
        for r in range(1, round_)
        for path in files(r).values()
        for item in load(path)
    }


def write(parts: dict[str, list[dict[str, Any]]], round_: int = 1) -> None:
    for name, path in files(round_).items():
        path.write_text(dump(name, parts[name]), encoding="utf-8")


def print_counts(parts: dict[str, list[dict[str, Any]]]) -> None:
    counts = {name: Counter(item["cat"] for item in items) for name, items in parts.items()}
    print(f"{'category':<14}{'dev':>6}{'heldout':>9}{'total':>7}")
    for cat in CATEGORIES:
        dev, held = counts["dev"][cat], counts["heldout"][cat]
        print(f"{cat:<14}{dev:>6}{held:>9}{dev + held:>7}")
    dev, held = len(parts["dev"]), len(parts["heldout"])
    print(f"{'all':<14}{dev:>6}{held:>9}{dev + held:>7}")


def check(parts: dict[str, list[dict[str, Any]]]) -> None:
    ids = known_ids()
    errors = [f"{name}: {p}" for name, items in parts.items() for p in problems(items, ids)]
    errors += [
        f"{name}: an item belongs in the other part by its hash"
        for name, items in parts.items()
        for item in items
        if isinstance(item.get("q"), str) and part_of(item["q"]) != name
    ]
    both = {i.get("q") for i in parts["dev"]} & {i.get("q") for i in parts["heldout"]}
    errors += ["a question appears in both parts"] * bool(both)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        raise SystemExit(1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, help="a YAML list under `questions:`")
    parser.add_argument("--append", action="store_true", help="add to the existing parts")
    parser.add_argument("--check", action="store_true", help="only validate the existing parts")
    parser.add_argument("--round", type=int, default=1, help="which round's parts (default 1)")
    args = parser.parse_args(argv)
    paths = files(args.round)
    if args.check:
        parts = {name: load(path) for name, path in paths.items()}
    else:
        if args.source is None:
            parser.error("give a source file, or --check")
        new = load(args.source)
        parts = {"dev": [], "heldout": []}
        if args.append:
            parts = {name: load(path) for name, path in paths.items()}
        present = {item["q"] for items in parts.values() for item in items}
        present |= earlier_questions(args.round)
        for item in new:
            if item.get("q") not in present:
                parts[part_of(str(item.get("q", "")))].append(item)
        check(parts)
        write(parts, args.round)
    check({name: load(path) for name, path in paths.items()})
    print_counts(parts)


if __name__ == "__main__":
    main()
