"""Language identification for short, informal messages, with the platform's hint first."""

from __future__ import annotations

import threading

import py3langid.langid as _langid

PHILADELPHIA_LANGUAGES: tuple[str, ...] = (
    "en", "es", "zh", "vi", "ru", "ko", "ar", "fr", "ht",
    "pt", "it", "pl", "uk", "bn", "hi", "sq", "km",
)  # fmt: skip


class LanguageDetector:
    """py3langid restricted to the city's languages; its model ships inside the wheel."""

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
        return code if code in self.languages else None

    def detect(self, text: str, hint: str | None = None) -> str:
        """The message's language code; the default when the text says too little."""
        letters = sum(1 for ch in text if ch.isalpha())
        hinted = self.normalise_hint(hint)
        if letters < 4:
            return hinted or self.default
        lang, confidence = self._get().classify(text)
        if hinted and (confidence < 0.9 or lang == hinted):
            return hinted
        if confidence < self.min_confidence:
            return hinted or self.default
        return str(lang)
