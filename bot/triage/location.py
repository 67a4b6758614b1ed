"""Find places in a message: street addresses, blocks, intersections, roads and place names."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from itertools import repeat
from operator import add
from pathlib import Path

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

_ADDRESS = re.compile(
    rf"\b\d{{1,5}}\s(?:{_STREET_SUFFIXED}"
    # Philadelphians often drop the suffix after a direction: "2100 W Huntingdon".
    rf"|{_DIR}\s(?:{_ORDINAL}|[A-Z][a-z]+))(?![A-Za-z])"
)
_BLOCK = re.compile(rf"\b\d{{1,5}}\s+(?:block|blk)\s+(?:of\s+)?{_STREET}(?![A-Za-z])", re.I)
_INTERSECTION = re.compile(
    rf"\b(?:corner of\s+)?(?P<a>{_STREET})(?:\s*[&/+]\s*|\s+(?:and|y|at)\s+)(?P<b>{_STREET})"
    r"(?![A-Za-z])"
)
# A stretch of one street between two others: "Broad between Erie and Allegheny", "Lincoln Dr
# btwn Wissahickon and Harvey", "la Broad entre Erie y Allegheny". Read before corners, whose
# grammar would take "Erie and Allegheny" for the place.
_SEGMENT = re.compile(
    rf"\b(?P<a>{_STREET})\s+(?:between|btwn|btw|b/t|entre)\s+(?:la\s+)?(?P<b>{_STREET})"
    rf"\s*(?:&|\band\b|\by\b)\s*(?:la\s+)?(?P<c>{_STREET})(?![A-Za-z])"
)
# Spanish speakers name a numbered street by its number: "en la 5 y Lehigh" is 5th and Lehigh.
_ES_CORNER = re.compile(
    rf"\b(?:la|calle)\s+(?P<span>(?P<n>\d{{1,2}})\s+y\s+(?:la\s+)?(?P<b>{_STREET}))(?![A-Za-z\d])"
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


def find_street_form(text: str) -> Location | None:
    """A Philadelphia-style street form: address, block, intersection, or a road after a
    preposition ("on Cottman Ave"). Pure regular expressions; ``None`` when there is none."""
    if match := _ADDRESS.search(text):
        span = match.group(0)
        number, _, street = span.partition(" ")
        return Location(span, "address", f"{number} {_normalise_street(street)}")
    if match := _BLOCK.search(text):
        span = match.group(0)
        number = span.split()[0]
        street = re.sub(r"^\d+\s+(?:block|blk)\s+(?:of\s+)?", "", span, flags=re.I)
        return Location(span, "block", f"{number} BLOCK {_normalise_street(street)}")
    for match in _SEGMENT.finditer(text):
        if (segment := _segment(match)) is not None:
            return segment
    if match := _ES_CORNER.search(text):
        n = int(match.group("n"))
        suffix = "TH" if 10 <= n % 100 <= 20 else {1: "ST", 2: "ND", 3: "RD"}.get(n % 10, "TH")
        norm = f"{n}{suffix} ST & {_normalise_street(match.group('b'))}"
        return Location(match.group("span"), "intersection", norm)
    for match in _INTERSECTION.finditer(text):
        a, b = match.group("a"), match.group("b")
        if a.split()[0] in _STOP or b.split()[0] in _STOP:
            continue
        # "Broad and Erie" is a place; "Fire and Rescue" is not: one side must look like a
        # street (ordinal or suffix) unless both are capitalised single words.
        if not (_STREETY.search(a) or _STREETY.search(b)) and (
            len(a.split()) > 1 or len(b.split()) > 1
        ):
            continue
        norm = f"{_normalise_street(a)} & {_normalise_street(b)}"
        return Location(match.group(0), "intersection", norm)
    if match := _ROAD.search(text):
        road = match.group("road")
        return Location(road, "road", _normalise_street(road))
    return None


_STREETY = re.compile(rf"{_ORDINAL}|{_SUFFIX}$")


def _segment(match: re.Match[str]) -> Location | None:
    """A stretch of street, when its three names read as streets: none opens a sentence's
    pronoun or filler ("There", "We"), and a name of two words needs an ordinal or a suffix
    somewhere ("Traffic between Center City and University City" is not a place)."""
    names = [match.group(k) for k in "abc"]
    if any(n.split()[0] in _STOP for n in names):
        return None
    if not any(_STREETY.search(n) for n in names) and any(len(n.split()) > 1 for n in names):
        return None
    a, b, c = (_normalise_street(n) for n in names)
    return Location(match.group(0), "segment", f"{a} BETWEEN {b} & {c}")


def segment_streets(text: str) -> tuple[str, str, str] | None:
    """The three streets of a segment's text, as written (for a gazetteer to name)."""
    match = _SEGMENT.search(text)
    return None if match is None else (match.group("a"), match.group("b"), match.group("c"))


_BARE_AND = re.compile(r"^(?:corner of\s+)?[A-Z][A-Za-z]*\s+and\s+[A-Z][A-Za-z]*$")
_OFFICIAL_SUFFIX = re.compile(r"\b(?:" + "|".join(sorted(set(_SUFFIXES.values()))) + r")\b")


def is_bare_pair(location: Location) -> bool:
    """Two bare capitalised words joined by "and" that no gazetteer confirmed as streets.

    "Broad and Erie" may be a corner, but in prose "Jiangxi and Hunan" or "UNICEF and WHO"
    is a list; such a pair is still reported as a place, yet it is too weak on its own to
    make a message a report. With a gazetteer, a real corner gets official names (with
    their ST / AVE suffixes) and is no longer bare.
    """
    return (
        location.kind == "intersection"
        and bool(_BARE_AND.match(location.text))
        and not _OFFICIAL_SUFFIX.search(location.normalized or "")
    )


# -- learned fallback: a tiny token model for free-form place names ------------------------
# Crisis posts name places the street grammar above cannot parse: "Buffalo Bayou", "Katy
# Freeway", "FM 1960", "Memorial Hermann", "Meyerland", often in lower case or ALL CAPS. A
# binary averaged perceptron over a handful of word, shape, context and head-word features
# marks the tokens inside a place name; the best-scoring run of marked tokens is the place.
# The weights are trained by bench/train_location.py (see the artefact's header for the data
# and its attribution); without the artefact only the street grammar runs.

MODEL_PATH = Path(__file__).with_name("data") / "location_model.json"
_TOKEN = re.compile(r"https?://\S+|@\w+|\w+(?:['’.-]\w+)*|[^\w\s]")
_SHAPE_TRANS = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "X" * 26 + "x" * 26 + "d" * 10,
)
_REPEAT = re.compile(r"(.)\1+")

# Head and function words of place names in general English (hand-written, not learned).
_CLASSES: dict[str, str] = {}
for _cls, _words in {
    "road": "st street rd road ave av avenue blvd boulevard dr drive ln lane hwy highway fwy "
    "freeway pkwy parkway expressway expy tollway toll pike way ct court pl place ter terrace "
    "trail trl loop beltway interstate fm sh us route rt cir circle bypass bridge overpass "
    "underpass exit feeder",
    "poi": "center centre ctr hospital church school hs elementary middle high university "
    "college campus park stadium arena mall airport station plaza shelter library hall "
    "building tower hotel field dam plant apartments apts apartment store shop museum zoo "
    "cemetery clinic office headquarters hq gym ymca convention",
    "area": "county co city town village subdivision heights estates downtown district parish "
    "isd tx texas neighborhood neighbourhood ward borough township area",
    "water": "bayou river creek lake reservoir bay canal lagoon harbor harbour gulf",
    "dir": "n s e w north south east west ne nw se sw nb sb eb wb northbound southbound "
    "eastbound westbound",
    "prep": "in at near on of from to along around across by between off into outside inside "
    "en cerca",
    "conj": "and & y / @ +",
}.items():
    for _word in _words.split():
        _CLASSES[_word] = _cls


_TEMPLATES = (
    "b",
    "w",
    "s",
    "x",
    "c",
    "p",
    "n",
    "pc",
    "nc",
    "nnc",
    "ppc",
    "ps",
    "ns",
    "pw",
    "wn",
    "pp",
)


def _shape(word: str) -> str:
    """``Westheimer`` -> ``Xx``, ``I-45`` -> ``X-d``, ``FM`` -> ``X`` (first six symbols)."""
    return _collapse(word[:24].translate(_SHAPE_TRANS))


@lru_cache(maxsize=8192)
def _collapse(shape: str) -> str:
    return _REPEAT.sub(r"\1", shape)[:6]


def token_features(words: list[str]) -> list[list[str]]:
    """The feature names of every token of one message (shared by training and inference)."""
    joined = "".join(words)
    letters = sum(map(str.isalpha, joined))
    upper = sum(map(str.isupper, joined))
    mode = "l" if upper == 0 else "u" if upper > 0.8 * letters else "m"
    low = [w.lower() for w in words]
    shp = [_shape(w) for w in words]
    cls = [_CLASSES.get(w.rstrip("."), "-") for w in low]
    n = len(words)
    pad_low = ["<s>", "<s>", *low, "</s>", "</s>"]
    pad_shp = ["<s>", "<s>", *shp, "</s>", "</s>"]
    pad_cls = ["<s>", "<s>", *cls, "</s>", "</s>"]
    out: list[list[str]] = []
    for i in range(n):
        j = i + 2
        w = low[i]
        feats = [
            "b=",
            f"w={w}",
            f"s={shp[i]}|{mode}",
            f"x={w[-3:]}",
            f"c={cls[i]}",
            f"p={pad_low[j - 1]}",
            f"n={pad_low[j + 1]}",
            f"pc={pad_cls[j - 1]}",
            f"nc={pad_cls[j + 1]}",
            f"nnc={pad_cls[j + 2]}",
            f"ppc={pad_cls[j - 2]}",
            f"ps={pad_shp[j - 1]}|{mode}",
            f"ns={pad_shp[j + 1]}|{mode}",
            f"pw={pad_low[j - 1]}|{w}",
            f"wn={w}|{pad_low[j + 1]}",
            f"pp={pad_low[j - 2]}|{pad_low[j - 1]}",
        ]
        out.append(feats)
    return out


class TokenModel:
    """Weights of the token model and the score a run of tokens needs to count as a place."""

    __slots__ = ("_active", "_bias", "threshold", "weights")

    def __init__(self, weights: dict[str, float], threshold: float) -> None:
        self.weights = weights
        self.threshold = threshold
        # one table per feature template, so scoring looks values up without building names
        tables: dict[str, dict[str, float]] = {t: {} for t in _TEMPLATES}
        for name, value in weights.items():
            template, _, key = name.partition("=")
            if template in tables:
                tables[template][key] = value
        self._bias = tables["b"].get("", 0.0)
        self._active = tuple((t, tables[t]) for t in _TEMPLATES[1:] if tables[t])

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> TokenModel | None:
        """The model at ``path``, or ``None`` when it is missing or unreadable."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            weights = {str(k): float(v) for k, v in data["weights"].items()}
            return cls(weights, float(data["threshold"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def scores(self, words: list[str]) -> list[float]:
        """One score per token (above zero: inside a place name); the sum of the weights of
        :func:`token_features`, computed without building the feature names."""
        n = len(words)
        if not n:
            return []
        joined = "".join(words)
        letters = sum(map(str.isalpha, joined))
        upper = sum(map(str.isupper, joined))
        mode = "l" if upper == 0 else "u" if upper > 0.8 * letters else "m"
        low = ["<s>", "<s>", *(w.lower() for w in words), "</s>", "</s>"]
        shp = ["<s>", "<s>", *(_shape(w) + "|" + mode for w in words), "</s>|" + mode,
               "</s>|" + mode]  # fmt: skip
        shp[0] = shp[1] = "<s>|" + mode
        cls = ["<s>", "<s>", *(_CLASSES.get(w.rstrip("."), "-") for w in low[2:-2]), "</s>",
               "</s>"]  # fmt: skip
        cur, prev, nxt, prev2 = low[2:-2], low[1:-3], low[3:-1], low[:-4]
        bar = repeat("|")
        keys = {
            "w": cur, "s": shp[2:-2], "x": (w[-3:] for w in cur), "c": cls[2:-2], "p": prev,
            "n": nxt, "pc": cls[1:-3], "nc": cls[3:-1], "nnc": cls[4:], "ppc": cls[:-4],
            "ps": shp[1:-3], "ns": shp[3:-1], "pw": map(add, map(add, prev, bar), cur),
            "wn": map(add, map(add, cur, bar), nxt), "pp": map(add, map(add, prev2, bar), prev),
        }  # fmt: skip
        zero = repeat(0.0)
        # templates the model has no weight for (left out when it was trained) cost nothing
        columns = [map(table.get, keys[name], zero) for name, table in self._active]
        bias = self._bias
        if not columns:
            return [bias] * n
        return [bias + s for s in map(sum, zip(*columns, strict=True))]

    def best_span(self, text: str) -> tuple[int, int, float] | None:
        """Start, end and score of the best place-name run in ``text``, if above threshold."""
        tokens = [m for m in _TOKEN.finditer(text) if not m.group().startswith("http")]
        if not tokens:
            return None
        scores = self.scores([m.group() for m in tokens])
        best: tuple[int, int, float] | None = None
        i, n = 0, len(tokens)
        while i < n:
            if scores[i] <= 0.0:
                i += 1
                continue
            j = i
            while j + 1 < n and scores[j + 1] > 0.0:
                j += 1
            top = max(scores[i : j + 1])
            # a run must hold a word (not only "#" or punctuation)
            if any(tokens[k].group()[0].isalnum() for k in range(i, j + 1)) and (
                best is None or top > best[2]
            ):
                lo = i
                while lo < j and not tokens[lo].group()[0].isalnum():
                    lo += 1
                hi = j
                while hi > lo and not tokens[hi].group()[-1].isalnum():
                    hi -= 1
                best = (tokens[lo].start(), tokens[hi].end(), top)
            i = j + 1
        if best is None or best[2] < self.threshold:
            return None
        return best


_model_cache: list[TokenModel | None] = []


def default_model() -> TokenModel | None:
    """The committed token model, loaded once on first use (``None`` when absent)."""
    if not _model_cache:
        _model_cache.append(TokenModel.load())
    return _model_cache[0]


def find_place_name(text: str, model: TokenModel | None = None) -> Location | None:
    """A free-form place name found by the token model ("Buffalo Bayou", "I-45")."""
    model = model if model is not None else default_model()
    if model is None:
        return None
    span = model.best_span(text)
    if span is None:
        return None
    return Location(text[span[0] : span[1]], "place")


def find_location(text: str) -> Location | None:
    """The most specific place in ``text``: address, block, intersection, named road, then a
    free-form place name. Never raises."""
    try:
        return find_street_form(text) or find_place_name(text)
    except Exception:  # a place is a nicety; a crash on a resident's message is not
        return None
