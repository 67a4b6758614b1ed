"""Philadelphia's streets, landmarks and neighborhoods: official names for the places we find.

Reads, from one configured folder (never shipped in the repository):

* ``passyunk_centerline.csv``: one row per street segment (directional, name, type, suffix
  directional, left/right address ranges). It holds **no coordinates**, so a street, address or
  intersection gets an official name and an address-range check but no latitude/longitude, and
  no neighborhood unless the message names one beside it ("5th and Market in Olney").
* ``passyunk_centerline_streets.csv`` and ``passyunk_alias_streets.csv``: the full street names.
* ``passyunk_directional.csv``, ``passyunk_suffix.csv``, ``passyunk_saint.csv``,
  ``passyunk_name_switch.csv``: spellings of directionals and suffixes, saint names
  ("St Albans St" is SAINT ALBANS ST) and USPS names of streets.
* ``passyunk_landmarks.csv``: landmark names and addresses ("CITY HALL", "1400 JOHN F KENNEDY
  BLVD").
* ``philadelphia-neighborhoods.geojson``: 159 neighborhood polygons (EPSG:4326), for places that
  come with coordinates (a shared location): ray casting with a bounding-box prefilter; their
  names, for neighborhoods named in a message.

Sources: City of Philadelphia, passyunk (public data); neighborhoods CC BY 4.0 Abaca Labs.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.domain.triage import Location
from bot.triage import location as _loc

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_NUMBER = re.compile(r"\d+")
_ORDINAL_WORDS = {
    "FIRST": "1ST", "SECOND": "2ND", "THIRD": "3RD", "FOURTH": "4TH", "FIFTH": "5TH",
    "SIXTH": "6TH", "SEVENTH": "7TH", "EIGHTH": "8TH", "NINTH": "9TH", "TENTH": "10TH",
}  # fmt: skip
# Directionals a resident writes in front of a street name (E/W, N/S and the compounds).
_DIRS = {"N", "S", "E", "W", "NE", "NW", "SE", "SW"}


@dataclass(frozen=True, slots=True)
class Street:
    """One official street name and the address ranges of its segments."""

    full: str
    pre: str
    name: str
    suffix: str
    post: str
    ranges: tuple[tuple[int, int], ...] = ()
    segments: int = 0

    def has_address(self, number: int) -> bool:
        """True when a segment of the street covers house number ``number``."""
        return any(lo <= number <= hi for lo, hi in self.ranges)


@dataclass(frozen=True, slots=True)
class Landmark:
    """A named place and its address (or its name again when it has none)."""

    name: str
    address: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Neighborhood:
    """A neighborhood polygon (rings of (lon, lat)) with its bounding box."""

    name: str
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat
    rings: tuple[tuple[tuple[float, float], ...], ...]

    def contains(self, lat: float, lon: float) -> bool:
        """Even-odd ray casting over every ring (outer rings and holes alike)."""
        x0, y0, x1, y1 = self.bbox
        if not (x0 <= lon <= x1 and y0 <= lat <= y1):
            return False
        inside = False
        for ring in self.rings:
            j = len(ring) - 1
            for i in range(len(ring)):
                xi, yi = ring[i]
                xj, yj = ring[j]
                if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
                    inside = not inside
                j = i
        return inside


@dataclass(slots=True)
class Gazetteer:
    """Street names, landmarks and neighborhoods of Philadelphia, loaded from one folder."""

    streets: dict[str, list[Street]] = field(default_factory=dict)  # by NAME ("BROAD")
    suffixes: dict[str, str] = field(default_factory=dict)  # spelling -> "ST", "AVE", ...
    directionals: dict[str, str] = field(default_factory=dict)  # spelling -> "N", "SW", ...
    saints: frozenset[str] = frozenset()
    usps: dict[str, str] = field(default_factory=dict)  # USPS full name -> official full name
    landmarks: dict[str, list[Landmark]] = field(default_factory=dict)  # by first word
    neighborhoods: list[Neighborhood] = field(default_factory=list)
    # Neighborhood names as residents write them, by first word: (words, official names). A
    # name several polygons share ("Germantown", "Kensington") lists them all.
    hood_names: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = field(
        default_factory=dict
    )

    # -- loading ------------------------------------------------------------------------
    @classmethod
    def load(cls, directory: Path) -> Gazetteer:
        """Read the passyunk CSVs and the neighborhoods GeoJSON from ``directory``.

        Raises ``FileNotFoundError`` when the centerline is missing; the other files are
        optional (a missing one leaves its part empty).
        """
        gaz = cls()
        directory = Path(directory)
        for row in _rows(directory / "passyunk_directional.csv"):
            if len(row) >= 3:
                gaz.directionals[row[1].strip().upper()] = row[2].strip().upper()
        for row in _rows(directory / "passyunk_suffix.csv"):
            if len(row) >= 3:
                gaz.suffixes[row[1].strip().upper()] = row[2].strip().upper()
                gaz.suffixes[row[0].strip().upper()] = row[2].strip().upper()
        gaz.saints = frozenset(
            r[0].strip().upper() for r in _rows(directory / "passyunk_saint.csv") if r
        )
        gaz._load_streets(directory)
        for row in _rows(directory / "passyunk_name_switch.csv", header=True):
            if len(row) >= 5 and row[4].strip():
                official = " ".join(p.strip() for p in row[:4] if p.strip())
                gaz.usps.setdefault(row[4].strip().upper(), official.upper())
        gaz._load_landmarks(directory / "passyunk_landmarks.csv")
        gaz._load_neighborhoods(directory / "philadelphia-neighborhoods.geojson")
        return gaz

    def _load_streets(self, directory: Path) -> None:
        ranges: dict[tuple[str, str, str, str], list[tuple[int, int]]] = {}
        counts: dict[tuple[str, str, str, str], int] = {}
        path = directory / "passyunk_centerline.csv"
        if not path.exists():
            raise FileNotFoundError(path)
        for row in _rows(path, header=True):
            if len(row) < 8:
                continue
            key = (row[0].strip(), row[1].strip(), row[2].strip(), row[3].strip())
            counts[key] = counts.get(key, 0) + 1
            spans = ranges.setdefault(key, [])
            for lo, hi in ((row[4], row[5]), (row[6], row[7])):
                a, b = _int(lo), _int(hi)
                if a > 0 or b > 0:
                    spans.append((min(a, b), max(a, b)))
        names: set[tuple[str, str, str, str]] = set(counts)
        for extra in ("passyunk_centerline_streets.csv", "passyunk_alias_streets.csv"):
            for row in _rows(directory / extra):
                if len(row) >= 5 and row[2].strip():
                    names.add((row[1].strip(), row[2].strip(), row[3].strip(), row[4].strip()))
        for key in names:
            pre, name, suffix, post = (p.upper() for p in key)
            full = " ".join(p for p in (pre, name, suffix, post) if p)
            street = Street(
                full, pre, name, suffix, post, _merge(ranges.get(key, [])), counts.get(key, 0)
            )
            self.streets.setdefault(name, []).append(street)
        for variants in self.streets.values():
            variants.sort(key=lambda s: (-s.segments, s.full))

    def _load_landmarks(self, path: Path) -> None:
        seen: set[tuple[str, str]] = set()
        for row in _rows(path):
            if not row or not row[0].strip():
                continue
            name = row[0].strip().upper()
            address = (row[1].strip().upper() if len(row) > 1 else "") or name
            words = tuple(_WORD.findall(name))
            # one-word names ("GARDEN", "CHAPEL", "DUGOUT") are ordinary words, not places
            if len(words) < 2 or (name, address) in seen:
                continue
            seen.add((name, address))
            self.landmarks.setdefault(words[0], []).append(Landmark(name, address, words))
        for group in self.landmarks.values():
            group.sort(key=lambda m: -len(m.words))

    def _load_neighborhoods(self, path: Path) -> None:
        if not path.exists():
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        for feature in data.get("features", []):
            props = feature.get("properties") or {}
            geom = feature.get("geometry") or {}
            name = str(props.get("LISTNAME") or props.get("MAPNAME") or props.get("NAME") or "")
            polys = geom.get("coordinates") or []
            if geom.get("type") == "Polygon":
                polys = [polys]
            rings = tuple(
                tuple((float(p[0]), float(p[1])) for p in ring) for poly in polys for ring in poly
            )
            points = [p for ring in rings for p in ring]
            if not name or not points:
                continue
            lons = [p[0] for p in points]
            lats = [p[1] for p in points]
            bbox = (min(lons), min(lats), max(lons), max(lats))
            self.neighborhoods.append(Neighborhood(name, bbox, rings))
        self._index_hood_names()

    def _index_hood_names(self) -> None:
        spellings: dict[tuple[str, ...], set[str]] = {}
        for hood in self.neighborhoods:
            for alias in _hood_aliases(hood.name):
                words = tuple(w.upper() for w in _WORD.findall(alias))
                if words:
                    spellings.setdefault(words, set()).add(hood.name)
        for words, names in spellings.items():
            self.hood_names.setdefault(words[0], []).append((words, tuple(sorted(names))))
        for group in self.hood_names.values():
            group.sort(key=lambda entry: -len(entry[0]))

    # -- look-ups -------------------------------------------------------------------------
    def neighborhood_at(self, lat: float, lon: float) -> str | None:
        """The neighborhood holding the point, or ``None`` (outside the city, or no data)."""
        for hood in self.neighborhoods:
            if hood.contains(lat, lon):
                return hood.name
        return None

    def streets_for(self, text: str) -> list[Street]:
        """Official streets a written street name may mean, best first ("Broad" -> N BROAD ST,
        S BROAD ST; "S 9th St" -> S 9TH ST; "St Albans St" -> SAINT ALBANS ST)."""
        words = [w.upper() for w in _WORD.findall(text)]
        if not words:
            return []
        if (usps := self.usps.get(" ".join(words))) is not None:
            words = usps.split()
        pre = ""
        if len(words) > 1 and words[0] in self.directionals:
            pre = self.directionals[words[0]]
            words = words[1:]
        suffix = ""
        if len(words) > 1 and words[-1] in self.suffixes:
            suffix = self.suffixes[words[-1]]
            words = words[:-1]
        if len(words) > 1 and words[0] in ("ST", "SAINT", "STE") and words[1] in self.saints:
            words = ["SAINT", *words[1:]]
        words = [_ORDINAL_WORDS.get(w, w) for w in words]
        if len(words) == 1 and words[0].isdigit():
            words = [_ordinal(int(words[0]))]
        candidates = self.streets.get(" ".join(words), [])
        if pre in _DIRS:
            candidates = [s for s in candidates if s.pre == pre or s.post == pre]
        if suffix:
            exact = [s for s in candidates if s.suffix == suffix]
            candidates = exact or candidates
        return candidates

    def normalize_street(self, text: str) -> str | None:
        """The official name of a written street, when the city has one."""
        found = self.streets_for(text)
        return _prefer(found).full if found else None

    def normalize_address(self, number: int, street: str) -> str | None:
        """``2314 S BROAD ST``: the street whose address ranges hold ``number``, if any."""
        found = self.streets_for(street)
        if not found:
            return None
        holding = [s for s in found if s.has_address(number)]
        return f"{number} {_prefer(holding or found).full}"

    def normalize_intersection(self, a: str, b: str) -> str | None:
        """``N BROAD ST & W ERIE AVE``. Without coordinates the directionals are a guess: north
        of Market and west of Front (where most of the city lies) unless one side only exists
        with the other directional."""
        sa, sb = self.streets_for(a), self.streets_for(b)
        if not sa or not sb:
            return None
        return f"{_prefer(sa).full} & {_prefer(sb).full}"

    def find_neighborhood(self, text: str) -> tuple[int, int, tuple[str, ...]] | None:
        """The longest neighborhood name in ``text``, with the official names it may mean.

        A name counts when written capitalised ("Olney"), after a preposition ("no power
        in olney"), or in any case when it has two words or more ("storm hit east mount airy
        hard"), so "industrial" or "airport" in passing is not a neighborhood; nor does a
        street named after one ("Frankford Ave", "Germantown Ave").
        """
        if not self.hood_names:
            return None
        matches = list(_WORD.finditer(text))
        upper = [m.group().upper() for m in matches]
        best: tuple[int, int, tuple[str, ...]] | None = None
        best_len = 0
        for i, word in enumerate(upper):
            for words, names in self.hood_names.get(word, ()):
                k = len(words)
                if k <= best_len or tuple(upper[i : i + k]) != words:
                    continue
                if i + k < len(upper) and upper[i + k].lower() in _loc._SUFFIXES:
                    continue  # "Frankford Ave", "Germantown Ave": a street, not the area
                start = matches[i].start()
                if (
                    k >= 2
                    or matches[i].group()[:1].isupper()
                    or _AFTER_PREPOSITION.search(text[:start])
                ):
                    best, best_len = (start, matches[i + k - 1].end(), names), k
                    break  # the group is sorted longest first
        return best

    def find_landmark(self, text: str) -> tuple[int, int, Landmark] | None:
        """The longest landmark named in ``text`` (case-insensitive, whole words)."""
        matches = list(_WORD.finditer(text))
        if not matches or not self.landmarks:
            return None
        upper = [m.group().upper() for m in matches]
        best: tuple[int, int, Landmark] | None = None
        best_len = 0
        for i, word in enumerate(upper):
            for mark in self.landmarks.get(word, ()):
                k = len(mark.words)
                if k > best_len and tuple(upper[i : i + k]) == mark.words:
                    best, best_len = (matches[i].start(), matches[i + k - 1].end(), mark), k
                    break  # the group is sorted longest first
        return best


_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|at|near|around|by|over|across|through|throughout|from|of|to)\s+$", re.I
)


def _hood_aliases(name: str) -> list[str]:
    """'Mount Airy, East' -> East Mount Airy and Mount Airy; 'Fishtown - Lower Kensington'
    -> each part; 'Kensington, West' -> West Kensington and Kensington."""
    out = [name]
    if " - " in name:
        out += [part.strip() for part in name.split(" - ")]
    if "," in name:
        base, side = (part.strip() for part in name.split(",", 1))
        out += [f"{side} {base}", base]
    return out


def _prefer(streets: list[Street]) -> Street:
    """North before south, west before east, then the street with the most segments."""
    rank = {"N": 0, "W": 0, "": 1, "S": 2, "E": 2}
    return min(streets, key=lambda s: (rank.get(s.pre, 3), -s.segments, s.full))


def _ordinal(n: int) -> str:
    suffix = "TH" if 10 <= n % 100 <= 20 else {1: "ST", 2: "ND", 3: "RD"}.get(n % 10, "TH")
    return f"{n}{suffix}"


def _int(text: str) -> int:
    try:
        return int(text.strip() or 0)
    except ValueError:
        return 0


def _merge(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, overlapping or adjacent ranges merged (keeps memory small)."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1] + 2:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return tuple(out)


def _rows(path: Path, header: bool = False) -> Iterator[list[str]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8", errors="replace", newline="") as f:
        reader = csv.reader(f)
        if header:
            next(reader, None)
        yield from reader


class Locator:
    """Finds the place in a message and, with a gazetteer, names it the city's way."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer

    def find(self, text: str) -> Location | None:
        """The most specific place in ``text``; never raises."""
        try:
            return self._find(text)
        except Exception:  # a place is a nicety; a crash on a resident's message is not
            return None

    def _find(self, text: str) -> Location | None:
        gaz = self.gazetteer
        form = _loc.find_street_form(text)
        if gaz is None:
            return form or _loc.find_place_name(text)
        if form is not None and form.kind != "road":
            return self._in_named_hood(self._official(form), text)
        if (mark := gaz.find_landmark(text)) is not None:
            start, end, landmark = mark
            return self._in_named_hood(
                Location(text[start:end], "landmark", landmark.address), text
            )
        if form is not None:
            return self._in_named_hood(self._official(form), text)
        if (hood := gaz.find_neighborhood(text)) is not None:
            start, end, names = hood
            # One polygon: its name; a name several share ("Germantown"): the name as written.
            name = names[0] if len(names) == 1 else text[start:end].title()
            return Location(
                text[start:end], "neighborhood", name,
                neighborhood=names[0] if len(names) == 1 else None,
            )  # fmt: skip
        return _loc.find_place_name(text)

    def _in_named_hood(self, found: Location, text: str) -> Location:
        """A street place has no coordinates; the neighborhood the resident names beside it
        ("5th and Market in Olney"), when it names exactly one, is its neighborhood."""
        gaz = self.gazetteer
        if gaz is None or found.neighborhood is not None:
            return found
        hood = gaz.find_neighborhood(text)
        if hood is None or len(hood[2]) != 1:
            return found
        return dataclasses.replace(found, neighborhood=hood[2][0])

    def _official(self, form: Location) -> Location:
        gaz = self.gazetteer
        assert gaz is not None
        normalized: str | None = None
        if form.kind == "address":
            number, _, street = form.text.partition(" ")
            normalized = gaz.normalize_address(int(number), street)
        elif form.kind == "block":
            m = re.match(r"(\d+)\s+(?:block|blk)\s+(?:of\s+)?(.*)", form.text, re.I)
            official = gaz.normalize_street(m.group(2)) if m else None
            if m and official:
                normalized = f"{m.group(1)} BLOCK {official}"
        elif form.kind == "intersection":
            m = _loc._INTERSECTION.search(form.text)
            if m:
                normalized = gaz.normalize_intersection(m.group("a"), m.group("b"))
            elif form.normalized and " & " in form.normalized:
                # A form the grammar names by its own reading ("la 5 y Lehigh" -> 5TH ST).
                a, _, b = form.normalized.partition(" & ")
                normalized = gaz.normalize_intersection(a, b)
        elif form.kind == "road":
            normalized = gaz.normalize_street(form.text)
        elif form.kind == "segment" and (streets := _loc.segment_streets(form.text)):
            names = [gaz.normalize_street(n) for n in streets]
            if all(names):
                normalized = f"{names[0]} BETWEEN {names[1]} & {names[2]}"
        if normalized is None:
            return form
        return Location(form.text, form.kind, normalized)

    def from_coordinates(self, lat: float, lon: float) -> Location:
        """A shared location (e.g. Telegram): the coordinates and their neighborhood."""
        hood = None
        if self.gazetteer is not None:
            try:
                hood = self.gazetteer.neighborhood_at(lat, lon)
            except Exception:  # a malformed polygon must not lose the resident's location
                hood = None
        return Location(
            f"{lat:.5f},{lon:.5f}", "coordinates", latitude=lat, longitude=lon, neighborhood=hood
        )
