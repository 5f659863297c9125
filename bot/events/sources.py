"""Reading events from the comms team's YAML file and from police.uk neighbourhood event lists.

A file is read whole and checked whole: either every event in it is valid, or the problems are
listed (file, event, field) and nothing from it is used, so an import never half-applies.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.events.schema import TIMEZONE, EventInput, EventInputError, WardResolver, build_event

YAML_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
POLICE_UK_TYPES = (
    # police.uk's free-text types, matched by the first phrase found
    ("briefing", "street-briefing"),
    ("panel", "ward-panel"),
    ("walk", "walk-and-talk"),
    ("stall", "crime-prevention-stall"),
    ("crime prevention", "crime-prevention-stall"),
    ("contact point", "contact-point"),
    ("surgery", "contact-point"),
    ("drop in", "contact-point"),
    ("meeting", "community-meeting"),
)


class EventFileError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class SourcedEvent:
    source: str  # "yaml" or "police-uk"
    key: str  # stable across re-imports of the same event
    event: EventInput


def _load(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EventFileError([f"{path}: cannot be read ({exc})"]) from exc
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        return yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else (f":{exc.lineno}" if hasattr(exc, "lineno") else "")
        raise EventFileError(
            [f"{path}{line}: not valid {path.suffix[1:].upper()} ({exc})"]
        ) from exc


def read_yaml(path: Path, resolve_ward: WardResolver) -> list[SourcedEvent]:
    """The comms team's file: ``events:`` a list of mappings, each with an ``id``."""
    problems: list[str] = []
    data = _load(path)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("events", []), list | None):
        raise EventFileError([f"{path}: expected “events:” followed by a list of events"])
    zone = data.get("timezone")
    if zone not in (None, TIMEZONE):
        raise EventFileError([f"{path}: timezone: “{zone}” is not supported; use {TIMEZONE}"])
    found: list[SourcedEvent] = []
    seen: set[str] = set()
    for n, raw in enumerate(data.get("events") or [], 1):
        ident = str(raw.get("id", "")) if isinstance(raw, dict) else ""
        where = f"{path.name}: event {n}" + (f" ({ident})" if ident else "")
        if not isinstance(raw, dict):
            problems.append(f"{where}: expected a mapping of fields")
            continue
        if not YAML_ID.match(ident):
            problems.append(f"{where}: id: expected lower-case words joined by hyphens")
        elif ident in seen:
            problems.append(f"{where}: id: “{ident}” is used twice")
        seen.add(ident)
        try:
            found.append(SourcedEvent("yaml", f"yaml:{ident}", build_event(raw, resolve_ward)))
        except EventInputError as exc:
            problems += [f"{where}: {p}" for p in exc.problems]
    if problems:
        raise EventFileError(problems)
    return found


def police_uk_type(value: Any) -> str:
    text = " ".join(str(value or "").casefold().replace("-", " ").replace("_", " ").split())
    return next((kind for phrase, kind in POLICE_UK_TYPES if phrase in text), "other")


def _contact(details: Any) -> str:
    if isinstance(details, dict):
        return ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in details.items() if v)
    return str(details or "")


def _wards_in(address: str, wards: Sequence[str]) -> list[str]:
    """Wards named in an address (police.uk events carry no ward), longest names first."""
    text = f" {address.casefold()} "
    found: list[str] = []
    for ward in sorted(wards, key=len, reverse=True):
        if f" {ward.casefold()}" in text and not any(
            ward.casefold() in f.casefold() for f in found
        ):
            found.append(ward)
    return found


def read_police_uk(
    path: Path,
    resolve_ward: WardResolver,
    wards: Sequence[str],
    assign_wards: Sequence[str] = (),
) -> list[SourcedEvent]:
    """A police.uk ``/api/{force}/{neighbourhood}/events`` response (a JSON list).

    Its times are London local times without an offset. It has no ward: ``assign_wards`` are
    used if given, else wards named in the address; no match means borough-wide.
    """
    problems: list[str] = []
    data = _load(path)
    if not isinstance(data, list):
        raise EventFileError([f"{path}: expected a JSON list of police.uk events"])
    found: list[SourcedEvent] = []
    for n, item in enumerate(data, 1):
        where = f"{path.name}: event {n}"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected an object")
            continue
        address = str(item.get("address") or "")
        raw = {
            "title": item.get("title"),
            "description": item.get("description"),
            "address": address,
            "type": police_uk_type(item.get("type")),
            "start": item.get("start_date"),
            "end": item.get("end_date"),
            "contact": _contact(item.get("contact_details")),
            "wards": list(assign_wards) or _wards_in(address, wards),
        }
        identity = "|".join(str(item.get(k) or "") for k in ("title", "start_date", "address"))
        key = "police-uk:" + hashlib.sha256(identity.encode()).hexdigest()[:32]
        try:
            found.append(SourcedEvent("police-uk", key, build_event(raw, resolve_ward)))
        except EventInputError as exc:
            problems += [f"{where}: {_police_uk_field(p)}" for p in exc.problems]
    if problems:
        raise EventFileError(problems)
    return found


def _police_uk_field(problem: str) -> str:
    """Name police.uk's own fields in problems, so the file can be checked against them."""
    for ours, theirs in (
        ("start:", "start_date:"),
        ("end:", "end_date:"),
        ("contact:", "contact_details:"),
    ):
        if problem.startswith(ours):
            return theirs + problem[len(ours) :]
    return problem


def read_any(
    path: Path, resolve_ward: WardResolver, wards: Sequence[str], assign_wards: Sequence[str] = ()
) -> list[SourcedEvent]:
    if path.suffix.lower() == ".json":
        return read_police_uk(path, resolve_ward, wards, assign_wards)
    return read_yaml(path, resolve_ward)
