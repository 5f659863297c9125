"""Write ``bot/retrieval/examples.yaml``: residents' messages from the evaluation set's dev parts,
each with the entries that answer it, for the entry search to learn residents' own words from,
and whether it is a crime to report, for the report reading to learn how residents tell one.

    python tools/build_examples.py            # write it afresh from tests/eval/dev*.yaml
    python tools/build_examples.py --check    # fail if it is out of date (run by the tests)

Only dev parts are read, never a held-out part. Emergencies are left out (999 is the rules' and
the exemplar net's, never the entry search's or the report reading's); ``entries`` keeps only
labels that name an entry of the knowledge base now (not a reply kind, nor an entry since
removed), and may be empty; ``report`` is there, true, when the labels accept the reporting
reply (every other message is one the reading learns is no crime to report). Each example
keeps its round, so ``bench/accuracy.py`` can measure a dev part with its own round's examples
left out: a figure measured on the messages the bot learned from would say nothing.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml
from generated import write_or_check  # tools/generated.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "tests" / "eval"
KNOWLEDGE = ROOT / "knowledge"
OUTPUT = ROOT / "bot" / "retrieval" / "examples.yaml"
HEADER = """\
# Residents' messages and the entries that answer them, for the entry search, and whether each is
# a crime to report, for the report reading (bot/retrieval/examples.py, bot/retrieval/reports.py).
# Written by tools/build_examples.py from the dev parts of the evaluation set
# (tests/eval/dev*.yaml); never from a held-out part. Do not edit by hand: change a label in the
# dev part and run the tool again. `round` is the evaluation round the message was written in
# ("safety" for dev-safety), so a dev part can be measured without its own.
"""


def dev_parts() -> list[tuple[str, Path]]:
    """(round, path) of every dev part, in a stable order."""
    found = []
    for path in sorted(EVAL.glob("dev*.yaml")):
        name = path.stem
        if name == "dev":
            found.append(("1", path))
        elif name == "dev-safety":
            found.append(("safety", path))
        elif match := re.fullmatch(r"dev-(\d+)", name):
            found.append((match.group(1), path))
    return found


def entry_ids() -> set[str]:
    ids: set[str] = set()
    for path in sorted(KNOWLEDGE.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        ids.update(str(entry["id"]) for entry in data.get("entries", []))
    return ids


def held_out() -> set[str]:
    """Every held-out message: one that is also in a dev part (dev-safety was written apart from
    the split) is not learned from, so that no held-out message is answered from memory."""
    texts: set[str] = set()
    for path in sorted(EVAL.glob("heldout*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts.update(str(item["q"]) for item in data.get("questions", []))
    return texts


def examples() -> list[dict[str, Any]]:
    ids = entry_ids()
    held = held_out()
    out: list[dict[str, Any]] = []
    for round_, path in dev_parts():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get("questions", []):
            if item.get("cat") == "emergency" or "emergency" in item.get("expect", []):
                continue
            if str(item["q"]) in held:
                continue
            expect = [str(e) for e in item.get("expect", [])]
            entries = sorted(e for e in expect if e in ids)
            # a message on two subjects, each with entries of its own, teaches the words of
            # neither: every entry would learn the other subject's words
            if item.get("cat") == "mixed" and len(entries) > 2:
                entries = []
            example: dict[str, Any] = {
                "text": str(item["q"]),
                "entries": entries,
                "round": round_,
            }
            if "report" in expect:
                example["report"] = True
            out.append(example)
    return out


def render(items: list[dict[str, Any]]) -> str:
    body = yaml.safe_dump(
        {"examples": items}, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None
    )
    return HEADER + body


def main(argv: list[str] | None = None) -> int:
    return write_or_check(
        OUTPUT,
        lambda: render(examples()),
        lambda text: f"{len(yaml.safe_load(text)['examples'])} examples",
        argv,
    )


if __name__ == "__main__":
    sys.exit(main())
