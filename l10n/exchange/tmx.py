"""TMX 1.4: reviewed units of every locale for a client's memory, and memories read back.

One ``<tu>`` per source sentence with a ``<tuv>`` for the source language and
one per locale that has a reviewed translation.  Placeholders become
``<bpt>``/``<ept>``/``<ph>`` codes (l10n/exchange/inline.py), so a CAT tool's
memory matches them as tags.  ``xml:lang`` values are BCP 47 tags.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import ExchangeError
from .inline import TMX14, InlineError, fill_inline, read_inline
from .xml import XML_NS, local_name, parse_xml, xml_bytes


@dataclass(frozen=True)
class MemoryUnit:
    """A source sentence with its translations by BCP 47 tag."""

    source: str
    translations: Mapping[str, str]
    context: str | None = None
    line: int | None = None


def write_tmx(units: Iterable[MemoryUnit], *, source_lang: str, tool_version: str) -> bytes:
    from lxml import etree

    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="l10n",
        creationtoolversion=tool_version,
        segtype="sentence",
        adminlang="en",
        srclang=source_lang,
        datatype="plaintext",
        **{"o-tmf": "PO"},
    )
    body = etree.SubElement(root, "body")
    for unit in units:
        tu = etree.SubElement(body, "tu")
        if unit.context is not None:
            etree.SubElement(tu, "prop", type="x-context").text = unit.context
        for lang, text in [(source_lang, unit.source), *sorted(unit.translations.items())]:
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(f"{{{XML_NS}}}lang", lang)
            fill_inline(etree.SubElement(tuv, "seg"), text, TMX14)
    return xml_bytes(root, leaves=frozenset({"seg", "prop", "header"}))


def read_tmx(data: bytes, *, path: str) -> tuple[str, list[MemoryUnit]]:
    """The header's source language and every unit; ``ExchangeError`` names the line of a defect."""
    root = parse_xml(data, path=path)
    if local_name(root) != "tmx":
        raise ExchangeError(f"root element <{local_name(root)}>, expected <tmx>", path=path, line=root.sourceline)
    header = next((c for c in root if local_name(c) == "header"), None)
    if header is None:
        raise ExchangeError("no <header>, expected a TMX 1.4 header with srclang", path=path, line=root.sourceline)
    source_lang = header.get("srclang", "")
    units: list[MemoryUnit] = []
    for tu in root.iter("tu"):
        translations: dict[str, str] = {}
        context = next((p.text for p in tu if local_name(p) == "prop" and p.get("type") == "x-context"), None)
        for tuv in tu:
            if local_name(tuv) != "tuv":
                continue
            lang = tuv.get(f"{{{XML_NS}}}lang") or tuv.get("lang")
            seg = next((c for c in tuv if local_name(c) == "seg"), None)
            if not lang or seg is None:
                raise ExchangeError("<tuv> without xml:lang or <seg>", path=path, line=tuv.sourceline)
            try:
                translations[lang] = read_inline(seg)
            except InlineError as exc:
                raise ExchangeError(str(exc), path=path, line=exc.line or tuv.sourceline) from None
        source = _pick(translations, tu.get("srclang") or source_lang)
        if source is None:
            continue  # a unit without the source language is no use to this project's memory
        lang_of_source, text = source
        del translations[lang_of_source]
        units.append(MemoryUnit(text, translations, context, tu.sourceline))
    return source_lang, units


def same_language(tag: str, wanted: str) -> bool:
    """``zh-Hans`` matches ``zh_Hans`` and ``ZH-hans`` (tags compare case-insensitively)."""
    return tag.replace("_", "-").lower() == wanted.replace("_", "-").lower()


def _pick(translations: Mapping[str, str], lang: str) -> tuple[str, str] | None:
    """The source-language variant: the exact tag, else the first of the same language (en-US for en)."""
    for tag, text in translations.items():
        if same_language(tag, lang):
            return tag, text
    primary = lang.replace("_", "-").split("-")[0].lower()
    for tag, text in translations.items():
        if tag.replace("_", "-").split("-")[0].lower() == primary:
            return tag, text
    return None


def translation_for(unit: MemoryUnit, locale_tag: str) -> str | None:
    """The unit's translation into the locale with BCP 47 tag ``locale_tag``.

    An exact tag wins; otherwise a tag of the same language is accepted only
    when it is the unit's sole one for that language (``ko-KR`` for ``ko``,
    but not ``zh-Hant`` for ``zh-Hans`` when the unit has both).
    """
    for tag, text in unit.translations.items():
        if same_language(tag, locale_tag):
            return text or None
    primary = locale_tag.replace("_", "-").split("-")[0].lower()
    same = [t for t in unit.translations if t.replace("_", "-").split("-")[0].lower() == primary]
    if len(same) == 1 and "-" not in locale_tag.replace("_", "-"):
        return unit.translations[same[0]] or None
    return None
