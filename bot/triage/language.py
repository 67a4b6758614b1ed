"""Language identification for short, informal messages, with the platform's hint first.

Order of evidence, cheapest and surest first:

1. the script: Hangul is Korean, Khmer is Khmer, Bengali is Bengali, Devanagari is Hindi,
   Arabic script is Arabic, Han without kana is Chinese, Cyrillic is Ukrainian when it has
   і/ї/є/ґ and Russian when it has ы/э/ъ/ё (otherwise the hint decides, then Russian);
2. letters only one of the city's Latin-script languages uses (ł ą ę ś ź ż ć ń: Polish;
   ơ ư đ ă and the stacked tone marks: Vietnamese; ë: Albanian; ã õ: Portuguese);
3. the platform's hint, unless py3langid is sure of another language;
4. py3langid restricted to the city's languages, and when it is unsure, a vote of
   function words typical of each language ("mwen", "nuk", "không", "the").

Messages mix scripts (a Chinese report naming "Race St"), so a script counts when its
letters are a fair share of the message, Han, Hangul and Khmer counting double (one
character there says as much as a short word).
"""

from __future__ import annotations

import re
import threading

import py3langid.langid as _langid

PHILADELPHIA_LANGUAGES: tuple[str, ...] = (
    "en", "es", "zh", "vi", "ru", "ko", "ar", "fr", "ht",
    "pt", "it", "pl", "uk", "bn", "hi", "sq", "km",
)  # fmt: skip

# Script blocks as (first, last, language); "cyrl" and "han" are settled afterwards.
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0400, 0x052F, "cyrl"),
    (0x0600, 0x06FF, "ar"),
    (0x0750, 0x077F, "ar"),
    (0x08A0, 0x08FF, "ar"),
    (0x0900, 0x097F, "hi"),
    (0x0980, 0x09FF, "bn"),
    (0x1100, 0x11FF, "ko"),
    (0x1780, 0x17FF, "km"),
    (0x19E0, 0x19FF, "km"),
    (0x3040, 0x30FF, "kana"),
    (0x3130, 0x318F, "ko"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xAC00, 0xD7AF, "ko"),
    (0xF900, 0xFAFF, "han"),
    (0xFB50, 0xFDFF, "ar"),
    (0xFE70, 0xFEFF, "ar"),
)
_DOUBLE_WEIGHT = frozenset({"han", "ko", "km", "kana"})
_UK_LETTERS = frozenset("іїєґІЇЄҐ")
_RU_LETTERS = frozenset("ыэъёЫЭЪЁ")

# Letters that, among the city's Latin-script languages, only one uses.
_MARKERS: tuple[tuple[str, frozenset[str], int], ...] = (
    ("vi", frozenset("ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĩũ"), 1),
    ("pl", frozenset("ąęłńśźżć"), 1),
    ("sq", frozenset("ë"), 1),
    ("pt", frozenset("ãõ"), 1),
)

# Short, frequent words typical of one language: a vote when py3langid is unsure.
_FUNCTION_WORDS_TEXT: dict[str, str] = {
    "en": "the and is are was my our we there no on in of at please street power trees down "
    "im it's its this have has been since",
    "es": "el la los las hay mi por que una calle luz casa estamos tenemos desde está muy pero "
    "con del se",
    "pt": "não nao está tá tem uma rua meu minha você vocês aqui estamos desde do da na no com "
    "casa luz",
    "it": "il della non è c'è per sono siamo strada gli casa mia mio luce dalla nella davanti "
    "anche",
    "fr": "le les des est une il pas dans rue nous je on plus tout chez maison depuis courant ça",
    "ht": "mwen nou pa gen yo nan lakay kay se ak ki sou li ap m tanpri dlo kouran manje lari "
    "bezwen depi",
    "pl": "nie jest się na ulicy mamy od przy jak co już prądu wody bardzo",
    "sq": "nuk ka është eshte në ne dhe rrugë rruge një nje jemi të te",
    "vi": "khong không co có bi bị nha nhà cua của toi tôi duong đường mat mất dien điện nuoc "
    "nước roi rồi",
}
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split()) for code, words in _FUNCTION_WORDS_TEXT.items()
}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _script_counts(text: str) -> tuple[dict[str, int], int, str]:
    """Weighted letters per script, Latin letters, and the Cyrillic letters seen."""
    counts: dict[str, int] = {}
    latin = 0
    cyrillic: list[str] = []
    for ch in text:
        code = ord(ch)
        if code < 0x0250:
            if ch.isalpha():
                latin += 1
            continue
        if 0x1E00 <= code <= 0x1EFF:  # Latin Extended Additional: Vietnamese tone letters
            latin += 1
            continue
        for first, last, script in _SCRIPTS:
            if first <= code <= last:
                weight = 2 if script in _DOUBLE_WEIGHT else 1
                counts[script] = counts.get(script, 0) + weight
                if script == "cyrl":
                    cyrillic.append(ch)
                break
    return counts, latin, "".join(cyrillic)


# Words that, two at a time, only English text has: most storm reports in English are
# settled here without the n-gram model (the most expensive step of triage).
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "are",
        "my",
        "we",
        "our",
        "there",
        "this",
        "with",
        "from",
        "please",
        "have",
        "has",
        "was",
        "were",
        "you",
        "of",
        "for",
    ]
)
_ASCII_WORD = re.compile(r"[a-z]+")


def _plainly_english(text: str) -> bool:
    """Plain ASCII with at least two distinct English function words."""
    if not text.isascii():
        return False
    hits = _ENGLISH_WORDS.intersection(_ASCII_WORD.findall(text.lower()))
    return len(hits) >= 2


class LanguageDetector:
    """Script, marker letters, the platform's hint, then py3langid restricted to the city."""

    def __init__(
        self,
        languages: tuple[str, ...] = PHILADELPHIA_LANGUAGES,
        default: str = "en",
        min_confidence: float = 0.5,
    ) -> None:
        self.languages = languages
        self.default = default
        self.min_confidence = min_confidence
        self._identifier: _langid.LanguageIdentifier | None = None
        self._lock = threading.Lock()

    def _get(self) -> _langid.LanguageIdentifier:
        if self._identifier is None:
            with self._lock:
                if self._identifier is None:
                    ident = _langid.LanguageIdentifier.from_model_file(
                        _langid.MODEL_FILE, norm_probs=True
                    )
                    ident.set_languages(list(self.languages))
                    self._identifier = ident
        return self._identifier

    def normalise_hint(self, hint: str | None) -> str | None:
        """``"es-MX"`` -> ``"es"``; None for languages the city does not serve."""
        if not hint:
            return None
        code = hint.replace("_", "-").split("-")[0].lower()
        if code in ("yue", "cmn"):  # Cantonese, Mandarin: written Chinese either way
            code = "zh"
        return code if code in self.languages else None

    def _served(self, code: str | None) -> str | None:
        return code if code is not None and code in self.languages else None

    def _by_script(self, text: str, hinted: str | None) -> tuple[str | None, int]:
        """The language the script settles, if any, and the count of Latin letters."""
        counts, latin, cyrillic = _script_counts(text)
        if not counts:
            return None, latin
        script, weight = max(counts.items(), key=lambda kv: kv[1])
        if weight * 10 < (weight + latin) * 3:  # under 30%: a name or a word in passing
            return None, latin
        if script == "cyrl":
            if any(ch in _UK_LETTERS for ch in cyrillic):
                return self._served("uk"), latin
            if any(ch in _RU_LETTERS for ch in cyrillic):
                return self._served("ru"), latin
            if hinted in ("ru", "uk"):
                return self._served(hinted), latin
            return self._served(self._russian_or_ukrainian(text)), latin
        if script in ("han", "kana"):
            if "kana" in counts:
                return None, latin  # Japanese: not a city language
            return self._served("zh"), latin
        return self._served(script), latin

    def _russian_or_ukrainian(self, text: str) -> str:
        """Cyrillic without the letters only one of the two has: py3langid, else Russian."""
        lang, confidence = self._get().classify(text)
        return "uk" if lang == "uk" and confidence >= self.min_confidence else "ru"

    def _by_markers(self, text: str) -> str | None:
        lowered = text.lower()
        for code, letters, needed in _MARKERS:
            if code in self.languages and sum(1 for ch in lowered if ch in letters) >= needed:
                return code
        return None

    def _by_words(self, text: str) -> tuple[str | None, int]:
        words = _WORD.findall(text.lower())
        best: str | None = None
        best_score = 0
        runner_up = 0
        for code, vocabulary in _FUNCTION_WORDS.items():
            if code not in self.languages:
                continue
            score = sum(1 for w in words if w in vocabulary)
            if score > best_score:
                best, best_score, runner_up = code, score, best_score
            elif score > runner_up:
                runner_up = score
        if best_score >= 2 and best_score > runner_up:
            return best, best_score
        return None, best_score

    def detect(self, text: str, hint: str | None = None) -> str:
        """The message's language code; the hint or the default when the text says too little.

        Never raises: anything unexpected falls back to the hint or the default.
        """
        hinted = self.normalise_hint(hint)
        try:
            by_script, latin = self._by_script(text, hinted)
            if by_script is not None:
                return by_script
            if latin < 4:
                return hinted or self.default
            marked = self._by_markers(text)
            if marked is not None:
                return marked
            if hinted in (None, "en") and _plainly_english(text):
                return "en"
            lang, confidence = self._get().classify(text)
            if hinted and (confidence < 0.9 or lang == hinted):
                return hinted
            if confidence >= 0.9:
                return str(lang)
            voted, _ = self._by_words(text)
            if voted is not None:
                return voted
            if confidence < self.min_confidence:
                return hinted or self.default
            return str(lang)
        except Exception:  # a detector must never take the pipeline down
            return hinted or self.default
