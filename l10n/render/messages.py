"""The few words l10n itself writes on a page (switcher label, notices, the index),
in the languages it knows; English otherwise.

These are page furniture, not the report's text, so they live with the tool
(as Sphinx ships its own "Table of contents") rather than in the project's
catalogs, where they would count against a locale's reviewed share.  A
language missing here gets the English string, marked ``lang`` of English,
so a screen reader still reads it right.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = "languages"
NOT_TRANSLATED = "not_translated"  # "{language}": the source language, named in the page's
ORIGINAL = "original"
NOT_AVAILABLE = "not_available"
REVIEWED = "reviewed"  # "{percent} reviewed"
DRAFT = "draft"
LANGUAGE = "language"
EDITION = "edition"
PDF = "pdf"  # the link to an edition's PDF
REVIEW_PAGE = "review_page"  # the link to a locale's bilingual review page

_EN = {
    LANGUAGES: "Languages",
    NOT_TRANSLATED: "Some sentences of this edition are not translated yet and are shown in {language}.",
    ORIGINAL: "original",
    NOT_AVAILABLE: "not yet available",
    REVIEWED: "{percent} reviewed",
    DRAFT: "draft, not for publication",
    LANGUAGE: "Language",
    EDITION: "Edition",
    PDF: "PDF",
    REVIEW_PAGE: "review page",
}

# Keyed by Babel locale id; a lookup tries the full id, then its language.
_MESSAGES: dict[str, dict[str, str]] = {
    "en": _EN,
    "ko": {
        LANGUAGES: "언어",
        NOT_TRANSLATED: "이 판의 일부 문장은 아직 번역되지 않아 {language}로 표시됩니다.",
        ORIGINAL: "원문",
        NOT_AVAILABLE: "아직 제공되지 않음",
        REVIEWED: "{percent} 검토됨",
        DRAFT: "초안, 게시용 아님",
        LANGUAGE: "언어",
        EDITION: "판",
    },
    "zh": {
        LANGUAGES: "语言",
        NOT_TRANSLATED: "本版本中有部分句子尚未翻译，以{language}显示。",
        ORIGINAL: "原文",
        NOT_AVAILABLE: "尚未提供",
        REVIEWED: "已审校 {percent}",
        DRAFT: "草稿，请勿发布",
        LANGUAGE: "语言",
        EDITION: "版本",
    },
    "zh_Hant": {
        LANGUAGES: "語言",
        NOT_TRANSLATED: "本版本中有部分句子尚未翻譯，以{language}顯示。",
        ORIGINAL: "原文",
        NOT_AVAILABLE: "尚未提供",
        REVIEWED: "已審校 {percent}",
        DRAFT: "草稿，請勿發布",
        LANGUAGE: "語言",
        EDITION: "版本",
    },
    "ja": {
        LANGUAGES: "言語",
        NOT_TRANSLATED: "この版の一部の文はまだ翻訳されておらず、{language}で表示されています。",
        ORIGINAL: "原文",
        NOT_AVAILABLE: "未公開",
        REVIEWED: "{percent} 確認済み",
        DRAFT: "下書き（公開不可）",
        LANGUAGE: "言語",
        EDITION: "版",
    },
    "es": {
        LANGUAGES: "Idiomas",
        NOT_TRANSLATED: "Algunas frases de esta edición aún no están traducidas y se muestran en {language}.",
        ORIGINAL: "original",
        NOT_AVAILABLE: "aún no disponible",
        REVIEWED: "{percent} revisado",
        DRAFT: "borrador, no publicar",
        LANGUAGE: "Idioma",
        EDITION: "Edición",
    },
    "fr": {
        LANGUAGES: "Langues",
        NOT_TRANSLATED: "Certaines phrases de cette édition ne sont pas encore traduites et s’affichent en {language}.",
        ORIGINAL: "original",
        NOT_AVAILABLE: "pas encore disponible",
        REVIEWED: "{percent} relu",
        DRAFT: "brouillon, ne pas publier",
        LANGUAGE: "Langue",
        EDITION: "Édition",
    },
    "de": {
        LANGUAGES: "Sprachen",
        NOT_TRANSLATED: "Einige Sätze dieser Ausgabe sind noch nicht übersetzt und erscheinen auf {language}.",
        ORIGINAL: "Original",
        NOT_AVAILABLE: "noch nicht verfügbar",
        REVIEWED: "{percent} geprüft",
        DRAFT: "Entwurf, nicht veröffentlichen",
        LANGUAGE: "Sprache",
        EDITION: "Ausgabe",
    },
    "pt": {
        LANGUAGES: "Idiomas",
        NOT_TRANSLATED: "Algumas frases desta edição ainda não foram traduzidas e aparecem em {language}.",
        ORIGINAL: "original",
        NOT_AVAILABLE: "ainda não disponível",
        REVIEWED: "{percent} revisado",
        DRAFT: "rascunho, não publicar",
        LANGUAGE: "Idioma",
        EDITION: "Edição",
    },
    "ru": {
        LANGUAGES: "Языки",
        NOT_TRANSLATED: "Некоторые предложения этого издания ещё не переведены и показаны на языке оригинала ({language}).",
        ORIGINAL: "оригинал",
        NOT_AVAILABLE: "пока недоступно",
        REVIEWED: "проверено {percent}",
        DRAFT: "черновик, не для публикации",
        LANGUAGE: "Язык",
        EDITION: "Издание",
    },
    "ar": {
        LANGUAGES: "اللغات",
        NOT_TRANSLATED: "بعض جمل هذه النسخة لم تُترجم بعد وتظهر باللغة {language}.",
        ORIGINAL: "الأصل",
        NOT_AVAILABLE: "غير متاحة بعد",
        REVIEWED: "تمت مراجعة {percent}",
        DRAFT: "مسودة، ليست للنشر",
        LANGUAGE: "اللغة",
        EDITION: "النسخة",
    },
    "fa": {
        LANGUAGES: "زبان‌ها",
        NOT_TRANSLATED: "برخی از جمله‌های این نسخه هنوز ترجمه نشده‌اند و به زبان {language} نمایش داده می‌شوند.",
        ORIGINAL: "اصل",
        NOT_AVAILABLE: "هنوز در دسترس نیست",
        REVIEWED: "{percent} بازبینی‌شده",
        DRAFT: "پیش‌نویس، برای انتشار نیست",
        LANGUAGE: "زبان",
        EDITION: "نسخه",
    },
    "he": {
        LANGUAGES: "שפות",
        NOT_TRANSLATED: "חלק מהמשפטים במהדורה זו טרם תורגמו ומוצגים ב{language}.",
        ORIGINAL: "מקור",
        NOT_AVAILABLE: "עדיין לא זמינה",
        REVIEWED: "{percent} נבדק",
        DRAFT: "טיוטה, לא לפרסום",
        LANGUAGE: "שפה",
        EDITION: "מהדורה",
    },
}


_ALIASES = {"zh_TW": "zh_Hant", "zh_HK": "zh_Hant", "zh_MO": "zh_Hant", "zh_Hant_TW": "zh_Hant", "zh_Hant_HK": "zh_Hant"}


@dataclass(frozen=True)
class Message:
    text: str
    locale: str  # the locale the text is in: the page's, or the English fallback's


def message_template(key: str, locale: str) -> Message:
    """The message ``key`` in ``locale`` (id, then language), else in English,
    with its ``{...}`` fields still to fill."""
    from ..locales import language_of

    table = _MESSAGES.get(_ALIASES.get(locale, locale)) or _MESSAGES.get(language_of(locale))
    found = locale
    if table is None or key not in table:
        table, found = _EN, "en"
    return Message(table[key], found)


def message(key: str, locale: str, **values: str) -> Message:
    """The message ``key`` in ``locale``, its fields filled with ``values``."""
    template = message_template(key, locale)
    return Message(template.text.format(**values), template.locale)


def language_name(locale: str, *, in_locale: str) -> str:
    """``locale``'s language named in ``in_locale`` (Babel: en in ko is 영어)."""
    from babel import Locale

    from ..locales import normalize_locale

    shown = Locale.parse(normalize_locale(locale))
    return shown.get_display_name(Locale.parse(normalize_locale(in_locale))) or str(shown)


def format_percent(value: float, locale: str) -> str:
    """``value`` (0-100) as a percentage in the locale's own digits and sign (Babel)."""
    from babel.numbers import format_percent as babel_percent

    from ..locales import normalize_locale

    return babel_percent(int(value) / 100, locale=normalize_locale(locale))
