"""The engine contract shared by every MT backend, plus locale-code mapping.

Engines are configured only through their constructor (no globals, no
environment reads at translate time) so that two engines with different
options can coexist in one process and so that ``identity()`` fully
describes what produced a translation (cache keys, provenance).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

#: Called by an engine after each finished batch with the positions (into the
#: ``texts`` passed to ``translate``) and their drafts.  Duplicated inputs are
#: reported at every position they occur.  Lets callers persist work while a
#: long run is still going and show progress.
BatchCallback = Callable[[Sequence[int], Sequence["Draft"]], None]


@dataclass(frozen=True)
class EngineIdentity:
    """Everything that determines an engine's output for one language pair."""

    engine: str  # "argos", "ct2" (other CTranslate2 families), "apertium"
    package: str  # e.g. "translate-en_ko" or "apertium-eng-spa"
    version: str  # package version, e.g. "1.1" or "0.8.1-2"
    options: str  # stable "k=v;k=v" string of output-affecting options
    fingerprint: str = ""  # cheap content hash of the model, "" if unknown
    #: Model family ("nllb", "marian", ...) and licence (``CC-BY-NC-4.0``) for
    #: provenance; not part of ``key``: the fingerprint already names the model.
    family: str = ""
    licence: str = ""

    @property
    def key(self) -> str:
        """A single stable string, used as part of cache keys."""
        return "|".join((self.engine, self.package, self.version, self.options, self.fingerprint))


@dataclass(frozen=True)
class Draft:
    """One engine translation of one plain (placeholder-free) sentence.

    ``alignment`` holds one entry per target token:
    ``(src_start, src_end, tgt_start, tgt_end)`` character spans in the plain
    source sentence and in ``text``.  Character spans (rather than token
    indices) keep ``markup.restore`` independent of any tokenizer.
    """

    text: str
    score: float | None = None  # 0..1, exp(mean token log-prob); None if unknown
    alignment: tuple[tuple[int, int, int, int], ...] | None = None
    #: Words the engine marked as not (fully) translated, with the mark, in
    #: order (Apertium: ``*physician`` unknown, ``@word`` no translation,
    #: ``#word`` not inflected).  The marks are not in ``text``.
    marked: tuple[str, ...] = ()


@runtime_checkable
class Engine(Protocol):
    """What ``translate_units`` needs from a backend."""

    name: str
    #: True when the engine translates text *with* placeholders in it and
    #: keeps them itself (Apertium); False when it must get plain text.
    keeps_markup: bool

    def pairs(self) -> list[tuple[str, str]]:
        """Installed language pairs, in engine codes."""
        ...

    def identity(self, source: str, target: str) -> EngineIdentity:
        """Identity for a pair; raises ``ModelMissing`` if nothing serves it."""
        ...

    def translate(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        *,
        on_batch: BatchCallback | None = None,
    ) -> list[Draft]:
        """Translate all sentences for one pair; the engine dedupes and batches."""
        ...


# --- locale id -> engine codes ------------------------------------------------

# Scripts/territories that select Traditional Chinese in Argos ("zt").
_TRADITIONAL = {"hant", "tw", "hk", "mo"}

# ISO 639-1 -> ISO 639-3 as used by Apertium mode names.  Only languages that
# have Apertium pairs (or that the product targets) are listed; unknown
# languages fall through unchanged so that 3-letter ids still work.
ISO3_CODES = {
    "af": "afr", "an": "arg", "ar": "ara", "ast": "ast", "be": "bel", "bg": "bul",
    "br": "bre", "ca": "cat", "cs": "ces", "cy": "cym", "da": "dan", "de": "deu",
    "el": "ell", "en": "eng", "eo": "epo", "es": "spa", "et": "est", "eu": "eus",
    "fa": "fas", "fi": "fin", "fr": "fra", "ga": "gle", "gl": "glg", "he": "heb",
    "hi": "hin", "hr": "hbs", "bs": "hbs", "sr": "hbs", "id": "ind", "is": "isl",
    "it": "ita", "ja": "jpn", "kk": "kaz", "ko": "kor", "lt": "lit", "lv": "lav",
    "mk": "mkd", "ms": "msa", "mt": "mlt", "nb": "nob", "nl": "nld", "nn": "nno",
    "oc": "oci", "pl": "pol", "pt": "por", "ro": "ron", "ru": "rus", "sc": "srd",
    "sk": "slk", "sl": "slv", "sv": "swe", "tr": "tur", "tt": "tat", "uk": "ukr",
    "ur": "urd", "zh": "zho",
}


def _split_locale(locale: str) -> tuple[str, str | None, str | None]:
    """Split ``pt_BR`` / ``zh-Hant-TW`` / ``sr@latin`` into (lang, script, territory)."""
    base = locale.split("@", 1)[0].split(".", 1)[0].replace("-", "_")
    parts = [p for p in base.split("_") if p]
    if not parts:
        raise ValueError(f"empty locale id: {locale!r}")
    lang, script, territory = parts[0].lower(), None, None
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            script = part.lower()
        else:
            territory = part.upper()
    return lang, script, territory


def argos_code(locale: str) -> str:
    """Map a gettext/Babel locale id to an Argos language code.

    ``zh_Hans``->``zh``, ``zh_Hant``/``zh_TW``->``zt``, ``pt_BR``->``pb``,
    otherwise the language part (``ko_KR``->``ko``).
    """
    lang, script, territory = _split_locale(locale)
    if lang == "zh" and ((script or "") in _TRADITIONAL or (territory or "").lower() in _TRADITIONAL):
        return "zt"
    if lang == "pt" and territory == "BR":
        return "pb"
    return lang


def apertium_code(locale: str) -> str:
    """Map a locale id to an Apertium language code (``en``->``eng``, ``pt_BR``->``por_BR``).

    Territory variants are kept because Apertium has variant modes such as
    ``spa-eng_US``; ``ApertiumEngine`` falls back to the bare language when
    no variant mode exists.
    """
    lang, _script, territory = _split_locale(locale)
    code = ISO3_CODES.get(lang, lang)
    return f"{code}_{territory}" if territory else code


def apertium_mode(source_locale: str, target_locale: str) -> str:
    """Apertium mode name for a locale pair, e.g. ``("en", "es")`` -> ``eng-spa``."""
    src = apertium_code(source_locale).split("_", 1)[0]
    return f"{src}-{apertium_code(target_locale)}"
