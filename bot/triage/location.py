"""Find places in a message: street addresses, blocks, intersections and coordinates."""

from __future__ import annotations

import re

from bot.domain.triage import Location

_SUFFIXES = {
    "st": "ST", "street": "ST", "ave": "AVE", "av": "AVE", "avenue": "AVE", "rd": "RD",
    "road": "RD", "blvd": "BLVD", "boulevard": "BLVD", "dr": "DR", "drive": "DR", "ln": "LN",
    "lane": "LN", "pl": "PL", "place": "PL", "pike": "PIKE", "way": "WAY", "ct": "CT",
    "court": "CT", "pkwy": "PKWY", "parkway": "PKWY", "ter": "TER", "terrace": "TER",
    "hwy": "HWY", "highway": "HWY", "calle": "ST", "avenida": "AVE",
}  # fmt: skip
_SUFFIX = r"(?:St|Street|Ave|Av|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Pl|Place|Pike|Way|Ct|Court|Pkwy|Parkway|Ter|Terrace|Hwy|Highway)\.?"  # noqa: E501
_DIR = r"(?:[NSEW]\.?|North|South|East|West)"
_ORDINAL = r"\d{1,3}(?:st|nd|rd|th)"
_NAME = r"(?:[A-Z][a-z]+|[A-Z]{2,})(?:\s(?:[A-Z][a-z]+))?"
_STREET = rf"(?:{_DIR}\s)?(?:{_ORDINAL}|{_NAME})(?:\s{_SUFFIX})?"
_STREET_SUFFIXED = rf"(?:{_DIR}\s)?(?:{_ORDINAL}|{_NAME})\s{_SUFFIX}"

_ADDRESS = re.compile(rf"\b\d{{1,5}}\s{_STREET_SUFFIXED}(?![A-Za-z])")
_BLOCK = re.compile(rf"\b\d{{1,5}}\s+(?:block|blk)\s+(?:of\s+)?{_STREET}(?![A-Za-z])", re.I)
_INTERSECTION = re.compile(
    rf"\b(?:corner of\s+)?(?P<a>{_STREET})(?:\s*[&/+]\s*|\s+(?:and|y|at)\s+)(?P<b>{_STREET})"
    r"(?![A-Za-z])"
)
_ROAD = re.compile(rf"\b(?:on|along|at|near)\s+(?P<road>{_STREET_SUFFIXED})(?![A-Za-z])")
_STOP = {"I", "The", "We", "My", "Our", "Please", "Help", "And", "Is", "It", "This", "There"}


def _normalise_street(text: str) -> str:
    words = text.replace(".", "").split()
    out: list[str] = []
    for i, word in enumerate(words):
        low = word.lower()
        if i == len(words) - 1 and low in _SUFFIXES:
            out.append(_SUFFIXES[low])
        elif low in ("n", "north", "s", "south", "e", "east", "w", "west") and i == 0:
            out.append(low[0].upper())
        else:
            out.append(word.upper())
    if not any(w in _SUFFIXES.values() for w in out[-1:]) and re.fullmatch(
        r"\d+(ST|ND|RD|TH)", out[-1]
    ):
        out.append("ST")
    return " ".join(out)


def find_location(text: str) -> Location | None:
    """The most specific place in ``text``: address, block, intersection, then a named road."""
    if match := _ADDRESS.search(text):
        span = match.group(0)
        number, _, street = span.partition(" ")
        return Location(span, "address", f"{number} {_normalise_street(street)}")
    if match := _BLOCK.search(text):
        span = match.group(0)
        number = span.split()[0]
        street = re.sub(r"^\d+\s+(?:block|blk)\s+(?:of\s+)?", "", span, flags=re.I)
        return Location(span, "block", f"{number} BLOCK {_normalise_street(street)}")
    for match in _INTERSECTION.finditer(text):
        a, b = match.group("a"), match.group("b")
        if a.split()[0] in _STOP or b.split()[0] in _STOP:
            continue
        # "Broad and Erie" is a place; "Fire and Rescue" is not: one side must look like a
        # street (ordinal or suffix) unless both are capitalised single words.
        streety = re.compile(rf"{_ORDINAL}|{_SUFFIX}$")
        if not (streety.search(a) or streety.search(b)) and (
            len(a.split()) > 1 or len(b.split()) > 1
        ):
            continue
        norm = f"{_normalise_street(a)} & {_normalise_street(b)}"
        return Location(match.group(0), "intersection", norm)
    if match := _ROAD.search(text):
        road = match.group("road")
        return Location(road, "road", _normalise_street(road))
    return None
