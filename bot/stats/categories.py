"""Crime categories keyed by police.uk slugs, and the Met's Home Office classes beside them.

police.uk's API speaks slugs (``violent-crime``) while its archive CSVs speak display names
("Violence and sexual offences"); both map to the same slug here. The Met's ward table uses Home
Office major classes, which are a different classification: they are kept in their own namespace
(``mps:<MAJOR TEXT>``) and only *related* to police.uk slugs for explanation, never merged.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

POLICE_UK = "police.uk"
MPS = "mps"

CATEGORY_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "anti-social-behaviour": "Anti-social behaviour",
        "bicycle-theft": "Bicycle theft",
        "burglary": "Burglary",
        "criminal-damage-arson": "Criminal damage and arson",
        "drugs": "Drugs",
        "other-theft": "Other theft",
        "possession-of-weapons": "Possession of weapons",
        "public-order": "Public order",
        "robbery": "Robbery",
        "shoplifting": "Shoplifting",
        "theft-from-the-person": "Theft from the person",
        "vehicle-crime": "Vehicle crime",
        "violent-crime": "Violence and sexual offences",
        "other-crime": "Other crime",
    }
)

# Older police.uk names that still appear in archives from before the 2013 split.
_LEGACY_NAMES = {
    "violence-and-sexual-offences": "violent-crime",
    "Violent crime": "violent-crime",
    "Criminal damage & arson": "criminal-damage-arson",
}

NAME_TO_SLUG: Mapping[str, str] = MappingProxyType(
    {name.casefold(): slug for slug, name in CATEGORY_NAMES.items()}
    | {name.casefold(): slug for name, slug in _LEGACY_NAMES.items()}
)

# Home Office major classes in the Met's ward table. The value is the police.uk slug whose
# definition the class matches closely enough to compare, or None when it has no faithful
# counterpart (e.g. THEFT spans four police.uk categories; FRAUD is not in police.uk at all).
MPS_MAJOR_TO_SLUG: Mapping[str, str | None] = MappingProxyType(
    {
        "ARSON AND CRIMINAL DAMAGE": "criminal-damage-arson",
        "BURGLARY": "burglary",
        "DRUG OFFENCES": "drugs",
        "POSSESSION OF WEAPONS": "possession-of-weapons",
        "PUBLIC ORDER OFFENCES": "public-order",
        "ROBBERY": "robbery",
        "VEHICLE OFFENCES": "vehicle-crime",
        "VIOLENCE AGAINST THE PERSON": "violent-crime",
        "SEXUAL OFFENCES": "violent-crime",
        "THEFT": None,
        "MISCELLANEOUS CRIMES AGAINST SOCIETY": None,
        "FRAUD AND FORGERY": None,
        "HISTORIC FRAUD AND FORGERY": None,
    }
)

# Within THEFT the minor classes do line up with police.uk's theft categories.
MPS_MINOR_TO_SLUG: Mapping[str, str] = MappingProxyType(
    {
        "BICYCLE THEFT": "bicycle-theft",
        "OTHER THEFT": "other-theft",
        "SHOPLIFTING": "shoplifting",
        "THEFT FROM THE PERSON": "theft-from-the-person",
    }
)


def slug_for(name_or_slug: str) -> str | None:
    """The police.uk slug for a slug or display name, or None if it is not a police.uk category."""
    text = name_or_slug.strip()
    if text in CATEGORY_NAMES:
        return text
    return NAME_TO_SLUG.get(text.casefold()) or _LEGACY_NAMES.get(text)


def display_name(category: str) -> str:
    """A human name for a stored category (police.uk slug or ``mps:`` class)."""
    if category.startswith(MPS + ":"):
        return category.split(":", 1)[1].capitalize()
    return CATEGORY_NAMES.get(category, category)


def mps_category(major_text: str) -> str:
    return f"{MPS}:{major_text.strip().upper()}"


def mps_nearest_slug(major_text: str, minor_text: str = "") -> str | None:
    """The police.uk slug a Met class is nearest to, if the match is faithful; else None."""
    major = major_text.strip().upper()
    if major == "THEFT":
        return MPS_MINOR_TO_SLUG.get(minor_text.strip().upper())
    return MPS_MAJOR_TO_SLUG.get(major)
