"""Locale facts from Babel: canonical ids, BCP 47 tags, direction, names, plurals."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import ModuleType

# Languages whose sentences are joined with no space between them.
NO_SPACE_LANGUAGES = frozenset({"zh", "ja", "yue", "lzh", "wuu"})


_EXAMPLES = "ko, zh_Hans, zh_Hant, pt_BR, ja, es, fr, ru, ar"


@lru_cache(maxsize=None)
def _parse(locale_id: str):  # -> babel.Locale
    from babel import Locale, UnknownLocaleError
    from babel.core import parse_locale

    try:
        parts = parse_locale(locale_id.replace("-", "_"))
    except (ValueError, TypeError, AttributeError):
        raise ValueError(f"unknown locale {locale_id!r}: use a gettext/Babel id such as {_EXAMPLES}") from None
    # Fast path: an id Babel ships locale data for (ko, zh_Hans, pt_BR) is
    # what Locale.parse below would return first, and each of its parts is a
    # CLDR code (tests/test_startup.py checks every shipped id), so it needs
    # no look-up in CLDR's English names, a pickle load that every command
    # would otherwise pay.  Anything else takes the full check.
    try:
        return Locale(*parts)
    except (UnknownLocaleError, ValueError, TypeError):
        pass
    language, territory, script = parts[:3]
    # Babel's parse is lenient (it reads "kor" as ko_KR and "zh_Hnas" as
    # zh_Hans): check each part against CLDR first, so that a typo is an
    # error with a suggestion, never an edition with an invalid lang tag.
    problem = cldr_problem(language, script, territory)
    if problem:
        raise ValueError(f"unknown locale {locale_id!r}: {problem}{_did_you_mean(locale_id, language)}; "
                         f"gettext/Babel ids look like {_EXAMPLES}") from None
    try:
        return Locale.parse(locale_id.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(
            f"unknown locale {locale_id!r}: use a gettext/Babel id such as {_EXAMPLES}"
            f"{_did_you_mean(locale_id, language)}"
        ) from None


@lru_cache(maxsize=1)
def _cldr() -> tuple[frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]:
    """CLDR's languages, scripts and territories, and every locale id Babel has data for."""
    from babel import Locale
    from babel.core import parse_locale
    from babel.localedata import locale_identifiers

    ids = tuple(sorted(locale_identifiers()))
    english = Locale("en")
    return (frozenset(parse_locale(i)[0] for i in ids), frozenset(english.scripts), frozenset(english.territories),
            ids)


def cldr_problem(language: str, script: str | None, territory: str | None) -> str | None:
    """What in these parts of a locale id is not a CLDR code (a sentence), or None."""
    languages, scripts, territories, _ = _cldr()
    if language not in languages:
        return f"{language!r} is not a CLDR language code"
    if script is not None and script not in scripts:
        return f"{script!r} is not an ISO 15924 script code"
    if territory is not None and territory not in territories:
        return f"{territory!r} is not a CLDR region code"
    return None


def _did_you_mean(locale_id: str, language: str) -> str:
    """`` (did you mean 'ko'?)``: the language a three-letter or old code stands
    for, else the closest ids Babel knows; "" when nothing is close."""
    import difflib

    from babel.core import get_global

    _, _, _, ids = _cldr()
    from babel import Locale

    alias = get_global("language_aliases").get(language)
    by_name = [code for code, name in Locale("en").languages.items()
               if name.lower() == locale_id.lower() and code in _cldr()[0]]  # "korean" -> ko
    if alias or by_name:
        close = [alias] if alias else by_name[:1]
    else:
        by_case = {i.lower(): i for i in ids}
        close = [by_case[c] for c in difflib.get_close_matches(locale_id.replace("-", "_").lower(), by_case, n=3,
                                                                   cutoff=0.75)]
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


def normalize_locale(locale_id: str) -> str:
    """The canonical gettext/Babel id (``zh-hans`` -> ``zh_Hans``); ValueError if unknown."""
    return str(_parse(locale_id))


def check_locale(locale_id: str) -> str:
    """``locale_id`` as written (``zh_TW`` stays ``zh_TW``); ValueError if Babel does not know it.

    Directories and the ``Language:`` header keep the id the user wrote, as
    gettext, Poedit and Weblate expect; Babel only supplies the facts about it.
    """
    _parse(locale_id)
    return locale_id


def same_locale(a: str, b: str) -> bool:
    """Whether two ids name the same locale (``zh-tw`` and ``zh_TW``)."""
    try:
        return a == b or str(_parse(a)) == str(_parse(b))
    except ValueError:
        return False


def bcp47_tag(locale_id: str) -> str:
    """The BCP 47 language tag for HTML ``lang``: the id as written, with hyphens
    (``zh_Hans`` -> ``zh-Hans``, ``zh_TW`` -> ``zh-TW``)."""
    _parse(locale_id)
    return locale_id.replace("_", "-")


def text_direction(locale_id: str) -> str:
    """``rtl`` or ``ltr`` from Babel's character order."""
    return "rtl" if _parse(locale_id).character_order == "right-to-left" else "ltr"


def native_name(locale_id: str) -> str:
    """The language's name in itself (``ko`` -> ``한국어``)."""
    loc = _parse(locale_id)
    return loc.get_display_name(loc) or str(loc)


def language_of(locale_id: str) -> str:
    return _parse(locale_id).language


def plural_forms(locale_id: str) -> str:
    """The gettext Plural-Forms header value from Babel's plural rules."""
    return _gettext_plurals().get_plural(locale_id).plural_forms


@lru_cache(maxsize=1)
def _gettext_plurals() -> ModuleType:
    """Babel's gettext plural table, ``babel/messages/plurals.py``, loaded on its own.

    Imported as ``babel.messages.plurals`` it first runs ``babel.messages``'s
    ``__init__``, which imports Babel's whole catalog stack (dates, email,
    difflib): about 10 ms that every ``l10n update`` paid for one table.  The
    module needs only ``babel.core``; tests/test_startup.py checks that it gives
    the package's answer for every locale.  Should Babel move the file, the
    ordinary import is used.
    """
    import importlib.util

    import babel

    path = Path(babel.__file__).parent / "messages" / "plurals.py"
    spec = importlib.util.spec_from_file_location("l10n_babel_plurals", path) if path.is_file() else None
    if spec is None or spec.loader is None:
        from babel.messages import plurals

        return plurals
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def joins_without_space(locale_id: str) -> bool:
    """Whether sentences of this language are joined with no space (Chinese, Japanese)."""
    return language_of(locale_id) in NO_SPACE_LANGUAGES


def script_language(text: str) -> str | None:
    """``ja``, ``zh`` or ``ko`` when most letters of ``text`` are of that script
    (kana, Han without kana, Hangul), else None: the language of a block that
    does not say, so that a Japanese paragraph is joined and marked as such."""
    if text.isascii():
        return None
    from .scripts import BELOW_KANA_HAN_SYLLABLES, HAN, HANGUL_SYLLABLES, KANA, count_in

    # A text whose every character is below the first kana (Latin with curly
    # quotes, Cyrillic, Arabic) has none of the three scripts; max() says so in
    # C, where the counting regexes below cost a build about 4%.
    if max(text) < BELOW_KANA_HAN_SYLLABLES:
        return None
    import re

    kana, han, hangul = count_in(text, KANA), count_in(text, HAN), count_in(text, HANGUL_SYLLABLES)
    other = len(re.findall(r"[^\W\d_]", text)) - kana - han - hangul
    if kana + han > other and kana + han >= hangul:
        return "ja" if kana else "zh"
    if hangul > other:
        return "ko"
    return None


def script_of(locale_id: str) -> str:
    """The ISO 15924 script the locale is written in (``ko`` -> ``Kore``, ``ru`` -> ``Cyrl``),
    from the locale itself or CLDR's likely subtags."""
    from babel.core import get_global

    loc = _parse(locale_id)
    if loc.script:
        return loc.script
    likely = get_global("likely_subtags")
    for key in (f"{loc.language}_{loc.territory}" if loc.territory else None, loc.language):
        if key and key in likely:
            parts = likely[key].split("_")
            if len(parts) > 1 and len(parts[1]) == 4:
                return parts[1]
    return "Zyyy"  # unknown


def english_name(locale_id: str) -> str:
    """The locale's name in English (``zh_Hans`` -> ``Chinese (Simplified)``), for prompts."""
    return _parse(locale_id).get_display_name("en") or locale_id
