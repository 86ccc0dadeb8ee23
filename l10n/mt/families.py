"""Per-family recipes for CTranslate2 sequence-to-sequence models.

Every converted model runs through the same engine (``l10n.mt.argos``); what
differs between families is only how a sentence is framed for the model and
what comes back around the translation:

========  ==========================  =================  ===========  ============
family    source tokens               target prefix      disable_unk  example
========  ==========================  =================  ===========  ============
argos     pieces                      metadata's, if any no           translate-en_ko
quickmt   pieces                      none               no           quickmt-en-ko
marian    [>>kor<<] pieces </s>       none               no           opus-mt-en-ko
nllb      eng_Latn pieces </s>        kor_Hang (always)  yes          nllb-200-distilled-600M
m2m100    __en__ pieces </s>          __ko__ (always)    yes          m2m100_418M
madlad    <2ko> pieces </s>           none               yes          madlad400-3b-mt
========  ==========================  =================  ===========  ============

Why the prefix is mandatory for NLLB and M2M100: their decoder starts with
``</s>`` and picks the language from the first token it is *given*; without
one it starts in whatever language the random first step favours.  A
language token missing from the model's vocabulary would be mapped to
``<unk>`` by CTranslate2 without a word, so ``pair_tokens`` refuses it with
one line instead.  ``disable_unk`` keeps families whose vocabulary has a real
``<unk>`` entry from emitting it (Argos and quickmt models replace unknowns
from the source instead, as before).

Locale ids map to each family's language codes through the tables below
(``zh_Hant`` -> ``zho_Hant`` for NLLB, ``>>cmn_Hant<<`` for OPUS-MT); a
model's manifest can override any of them per locale (``codes``).
"""
from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from l10n.mt.engine import ISO3_CODES
from l10n.mt.errors import EngineFailed

#: Argos language codes (``l10n.mt.engine.argos_code``) -> FLORES-200 codes (NLLB).
NLLB_CODES = {
    "af": "afr_Latn", "am": "amh_Ethi", "ar": "arb_Arab", "az": "azj_Latn", "be": "bel_Cyrl",
    "bg": "bul_Cyrl", "bn": "ben_Beng", "bo": "bod_Tibt", "bs": "bos_Latn", "ca": "cat_Latn",
    "cs": "ces_Latn", "cy": "cym_Latn", "da": "dan_Latn", "de": "deu_Latn", "el": "ell_Grek",
    "en": "eng_Latn", "eo": "epo_Latn", "es": "spa_Latn", "et": "est_Latn", "eu": "eus_Latn",
    "fa": "pes_Arab", "fi": "fin_Latn", "fr": "fra_Latn", "ga": "gle_Latn", "gl": "glg_Latn",
    "gu": "guj_Gujr", "he": "heb_Hebr", "hi": "hin_Deva", "hr": "hrv_Latn", "hu": "hun_Latn",
    "hy": "hye_Armn", "id": "ind_Latn", "is": "isl_Latn", "it": "ita_Latn", "ja": "jpn_Jpan",
    "ka": "kat_Geor", "kk": "kaz_Cyrl", "km": "khm_Khmr", "kn": "kan_Knda", "ko": "kor_Hang",
    "ky": "kir_Cyrl", "lo": "lao_Laoo", "lt": "lit_Latn", "lv": "lvs_Latn", "mk": "mkd_Cyrl",
    "ml": "mal_Mlym", "mn": "khk_Cyrl", "mr": "mar_Deva", "ms": "zsm_Latn", "mt": "mlt_Latn",
    "my": "mya_Mymr", "nb": "nob_Latn", "ne": "npi_Deva", "nl": "nld_Latn", "nn": "nno_Latn",
    "pa": "pan_Guru", "pb": "por_Latn", "pl": "pol_Latn", "ps": "pbt_Arab", "pt": "por_Latn",
    "ro": "ron_Latn", "ru": "rus_Cyrl", "si": "sin_Sinh", "sk": "slk_Latn", "sl": "slv_Latn",
    "so": "som_Latn", "sq": "als_Latn", "sr": "srp_Cyrl", "sv": "swe_Latn", "sw": "swh_Latn",
    "ta": "tam_Taml", "te": "tel_Telu", "tg": "tgk_Cyrl", "th": "tha_Thai", "tl": "tgl_Latn",
    "tr": "tur_Latn", "uk": "ukr_Cyrl", "ur": "urd_Arab", "uz": "uzn_Latn", "vi": "vie_Latn",
    "zh": "zho_Hans", "zt": "zho_Hant",
}

#: Argos codes whose OPUS-MT (Tatoeba) token is not ISO 639-3 + nothing.
_MARIAN_SPECIAL = {"zh": "cmn_Hans", "zt": "cmn_Hant", "pb": "por", "ar": "ara", "fa": "pes",
                   "ms": "zsm_Latn", "sr": "srp_Cyrl", "hr": "hrv", "bs": "bos_Latn"}

#: Argos codes whose MADLAD-400 / M2M100 token differs from the plain code.
_MADLAD_SPECIAL = {"zt": "zh_Hant", "pb": "pt"}
_M2M100_SPECIAL = {"pb": "pt"}  # no Traditional Chinese token: zh_Hant needs --code zh_Hant=zh


@dataclass(frozen=True)
class Recipe:
    """How one family frames a sentence: see the module docstring's table."""

    family: str
    #: ``str.format`` pattern of the source-side language token ("" = none),
    #: and whether it names the source or the target language.
    source_token: str = ""
    source_token_language: str = "source"
    source_eos: bool = False  # append "</s>" to the source
    target_token: str = ""  # pattern of the decoder's first token ("" = none)
    prefix_required: bool = False  # refuse a pair without a target prefix
    disable_unk: bool = False
    codes: Mapping[str, str] | None = None  # argos code -> language code
    #: Tokens never shown to a reviewer when the model emits them.
    strip: tuple[str, ...] = ("</s>", "<pad>", "<s>")
    default_licence: str = ""
    multilingual: bool = False  # one model, many pairs (languages from the vocabulary)

    def code(self, argos: str, overrides: Mapping[str, str] | None = None) -> str:
        """The family's code for an Argos language code; overrides (per locale) win."""
        if overrides:
            for key, value in overrides.items():
                if key == argos or _argos(key) == argos:
                    return value
        if self.family == "marian":
            return _MARIAN_SPECIAL.get(argos) or ISO3_CODES.get(argos, argos)
        if self.family == "madlad":
            return _MADLAD_SPECIAL.get(argos, argos)
        if self.family == "m2m100":
            return _M2M100_SPECIAL.get(argos, argos)
        if self.codes is not None:
            return self.codes.get(argos, argos)
        return argos


def _argos(locale: str) -> str:
    from l10n.mt.engine import argos_code

    try:
        return argos_code(locale)
    except ValueError:
        return locale


RECIPES: dict[str, Recipe] = {
    "argos": Recipe("argos"),
    "quickmt": Recipe("quickmt"),  # licence: its model card (README.md) says; none assumed
    # Multilingual OPUS-MT models want ">>kor<<" first; bilingual ones have no
    # such tokens in their vocabulary and get none (see pair_tokens).
    "marian": Recipe("marian", source_token=">>{}<<", source_token_language="target", source_eos=True,
                     default_licence="CC-BY-4.0"),
    "nllb": Recipe("nllb", source_token="{}", source_eos=True, target_token="{}", prefix_required=True,
                   disable_unk=True, codes=NLLB_CODES, default_licence="CC-BY-NC-4.0", multilingual=True),
    "m2m100": Recipe("m2m100", source_token="__{}__", source_eos=True, target_token="__{}__",
                     prefix_required=True, disable_unk=True, default_licence="MIT", multilingual=True),
    "madlad": Recipe("madlad", source_token="<2{}>", source_token_language="target", source_eos=True,
                     disable_unk=True, default_licence="Apache-2.0", multilingual=True),
}
FAMILIES = tuple(RECIPES)

#: What a language token of each family looks like (to strip from output).
_LANGUAGE_TOKEN = {
    "nllb": re.compile(r"^[a-z]{3}_[A-Z][a-z]{3}$"),
    "m2m100": re.compile(r"^__[a-z]{2,3}(?:_[A-Za-z]+)?__$"),
    "madlad": re.compile(r"^<2[A-Za-z_-]+>$"),
    "marian": re.compile(r"^>>[a-z]{2,3}(?:_[A-Za-z]+)?<<$"),
}


@dataclass(frozen=True)
class PairTokens:
    """What the engine adds around one pair's sentences."""

    before: tuple[str, ...] = ()  # source tokens before the pieces
    after: tuple[str, ...] = ()  # ... and after them
    target_prefix: str = ""
    strip: tuple[str, ...] = ()
    disable_unk: bool = False


def recipe(family: str) -> Recipe:
    try:
        return RECIPES[family]
    except KeyError:
        raise EngineFailed(f"unknown model family {family!r}", hint="known: " + ", ".join(FAMILIES)) from None


def pair_tokens(family: str, source: str, target: str, vocabulary: Collection[str], *,
                overrides: Mapping[str, str] | None = None, argos_prefix: str = "",
                where: str = "") -> PairTokens:
    """The tokens of ``family`` for ``source`` -> ``target`` (Argos codes), checked against the vocabulary.

    Raises ``EngineFailed`` (one line, naming ``where``) when a token the
    family needs is not in the vocabulary.
    """
    r = recipe(family)
    at = f"{where}: " if where else ""

    def need(token: str, what: str) -> str:
        if token not in vocabulary:
            raise EngineFailed(f"{at}{r.family} language token {token!r} ({what}) is not in the model's "
                               "vocabulary", hint="give the right code with 'l10n models add --code LOCALE=TOKEN'")
        return token

    before: tuple[str, ...] = ()
    if r.source_token:
        lang = source if r.source_token_language == "source" else target
        token = r.source_token.format(r.code(lang, overrides))
        if r.family == "marian" and not any(t.startswith(">>") and t.endswith("<<") for t in vocabulary):
            token = ""  # a bilingual OPUS-MT model: no language tokens at all
        if token:
            before = (need(token, f"{r.source_token_language} language {lang}"),)
    prefix = argos_prefix
    if r.target_token:
        prefix = need(r.target_token.format(r.code(target, overrides)), f"target language {target}")
    if r.prefix_required and not prefix:
        raise EngineFailed(f"{at}{r.family} needs a target language token for {target}")
    after = ("</s>",) if r.source_eos else ()
    if after:
        need("</s>", "end of sentence")
    # Language tokens a random (or confused) step may emit mid-sentence are
    # never shown to a reviewer: all of the family's, not only this pair's.
    shape = _LANGUAGE_TOKEN.get(r.family)
    language_tokens = sorted(t for t in vocabulary if shape.match(t)) if shape else []
    strip = tuple(dict.fromkeys([*r.strip, *([prefix] if prefix else []), *language_tokens]))
    return PairTokens(before, after, prefix, strip, r.disable_unk)


def languages_in_vocabulary(family: str, vocabulary: Collection[str]) -> list[str]:
    """Argos codes whose language token a multilingual model's vocabulary has."""
    r = recipe(family)
    pattern = r.target_token or r.source_token
    if not pattern:
        return []
    found = []
    for argos in sorted({*NLLB_CODES, *ISO3_CODES}):
        if pattern.format(r.code(argos)) in vocabulary:
            found.append(argos)
    return found

