"""Finding a UK postcode ("HA3 7AE") or an outward code on its own ("HA3") in what a resident wrote.

Only the 124 postcode areas that exist count, so "B12" in "vitamin B12" is a Birmingham district
but "A1" or "MP3" are nothing. Spaces and case do not matter: "ha37ae" is HA3 7AE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The letters of every UK postcode area (Royal Mail's list).
AREAS = frozenset(
    """AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT
    DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD
    LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK
    SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO
    ZE""".split()
)

_OUTWARD = r"([A-Za-z]{1,2})([0-9][0-9A-Za-z]?)"
FULL = re.compile(rf"(?<![A-Za-z0-9]){_OUTWARD} ?([0-9][A-Za-z]{{2}})(?![A-Za-z0-9])")
OUTWARD = re.compile(rf"(?<![A-Za-z0-9]){_OUTWARD}(?![A-Za-z0-9])")
# Words that may stand beside a postcode sent on its own ("my postcode is HA3 7AE").
LETTER_DISTRICTS = frozenset({"E", "EC", "N", "NW", "SE", "SW", "W", "WC"})
FILLER = frozenset(
    "my our the postcode post code is its it s i m im am live at in near around here please "
    "crime crimes figures for".split()
)


@dataclass(frozen=True)
class Postcode:
    outward: str  # "HA3"
    inward: str | None = None  # "7AE", or None when only the outward code was given

    @property
    def text(self) -> str:
        return f"{self.outward} {self.inward}" if self.inward else self.outward

    @property
    def full(self) -> bool:
        return self.inward is not None


def _found(text: str) -> tuple[Postcode, tuple[int, int]] | None:
    for match in FULL.finditer(text):
        area, district = match[1].upper(), match[2].upper()
        if _valid(area, district):
            return Postcode(area + district, match[3].upper()), match.span()
    for match in OUTWARD.finditer(text):
        area, district = match[1].upper(), match[2].upper()
        if _valid(area, district):
            return Postcode(area + district), match.span()
    return None


def _valid(area: str, district: str) -> bool:
    """A real area; a district ending in a letter ("EC1A", "W1G") only in central London."""
    if area not in AREAS:
        return False
    return not district[-1].isalpha() or area in LETTER_DISTRICTS


def find_postcode(text: str) -> Postcode | None:
    """The first full postcode in the text, else the first outward code on its own."""
    found = _found(text)
    return found[0] if found else None


def only_postcode(text: str) -> Postcode | None:
    """A postcode sent on its own, perhaps with a few filler words; None otherwise."""
    found = _found(text)
    if found is None:
        return None
    postcode, (start, end) = found
    rest = f"{text[:start]} {text[end:]}"
    words = re.findall(r"[a-z]+", rest.casefold().replace("’", "'"))
    return postcode if all(w in FILLER for w in words) else None
