"""XLIFF 1.2 and 2.0: one file per locale and source document, and reading back.

Written with lxml rather than Translate Toolkit's XLIFF stores: Translate
Toolkit 3.20 writes the 1.1 namespace for "1.2", puts XLIFF 2.0 notes inside
``<segment>`` (the 2.0 schema allows only source and target there) and has no
writer for ``<pc>``/``<ph>`` codes.  Its 1.2 reader is used by the tests as an
independent consumer of what we write.

Every unit keeps its ``(msgctxt, msgid)`` identity in a stable id
(``units.unit_id``) and its context in ``resname`` (1.2) or ``name`` (2.0).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import ExchangeError
from .inline import XLIFF12, XLIFF12_NS, XLIFF20, XLIFF20_NS, InlineError, fill_inline, read_inline
from .units import DRAFT_STATE, EMPTY_STATE, REVIEWED_STATE, ExchangeUnit, ImportedSegment
from .xml import XML_NS, local_name, namespace_of, parse_xml, xml_bytes

VERSIONS = ("1.2", "2.0")

_QUALIFIER_12 = {"mt": "leveraged-mt", "tm": "leveraged-tm", "carried": "fuzzy-match"}
_SUBSTATE_20 = {"mt": "l10n:mt", "tm": "l10n:tm", "carried": "l10n:carried", "other": "l10n:draft"}
_REVIEWED_12 = {"translated", "signed-off", "final"}
_REVIEWED_20 = {"translated", "reviewed", "final"}
_NOTE_PRIORITY = {"check": "1", "provenance": "5", "previous-source": "3"}


@dataclass
class XliffSection:
    """One ``<file>`` of an XLIFF document: a source document's units for one target language."""

    original: str
    source_lang: str
    target_lang: str
    line: int | None
    segments: list[ImportedSegment] = field(default_factory=list)


def write_xliff(
    units: Sequence[ExchangeUnit],
    *,
    version: str,
    source_lang: str,
    target_lang: str,
    original: str,
    tool_version: str,
) -> bytes:
    """An XLIFF document (``version`` 1.2 or 2.0) holding ``units``."""
    if version == "1.2":
        root = _build_12(units, source_lang=source_lang, target_lang=target_lang, original=original,
                         tool_version=tool_version)
        return xml_bytes(root, leaves=frozenset({"source", "target", "note", "context"}))
    if version == "2.0":
        root = _build_20(units, source_lang=source_lang, target_lang=target_lang, original=original)
        return xml_bytes(root, leaves=frozenset({"source", "target", "note"}))
    raise ValueError(f"XLIFF version {version!r}, expected one of {', '.join(VERSIONS)}")


def _build_12(units, *, source_lang, target_lang, original, tool_version):
    from lxml import etree

    def el(parent, tag, **attrs):
        return etree.SubElement(parent, f"{{{XLIFF12_NS}}}{tag}", {k.replace("_", "-"): v for k, v in attrs.items()})

    root = etree.Element(f"{{{XLIFF12_NS}}}xliff", nsmap={None: XLIFF12_NS})
    root.set("version", "1.2")
    file_el = el(root, "file", original=original, source_language=source_lang, target_language=target_lang,
                 datatype="plaintext")
    header = el(file_el, "header")
    el(header, "tool", tool_id="l10n", tool_name="l10n", tool_version=tool_version)
    body = el(file_el, "body")
    for unit in units:
        tu = el(body, "trans-unit", id=unit.id)
        if unit.context is not None:
            tu.set("resname", unit.context)
        tu.set(f"{{{XML_NS}}}space", "preserve")
        tu.set("approved", "yes" if unit.state == REVIEWED_STATE else "no")
        fill_inline(el(tu, "source", **{f"{{{XML_NS}}}lang": source_lang}), unit.source, XLIFF12)
        if unit.state != EMPTY_STATE:
            target = el(tu, "target", **{f"{{{XML_NS}}}lang": target_lang})
            if unit.state == REVIEWED_STATE:
                target.set("state", "final")
            else:
                target.set("state", "needs-review-translation")
                if unit.origin in _QUALIFIER_12:
                    target.set("state-qualifier", _QUALIFIER_12[unit.origin])
            fill_inline(target, unit.target, XLIFF12)
        for category, text in unit.notes:
            note = el(tu, "note", **{"from": "l10n"})
            note.set("annotates", "source" if category in ("extracted", "previous-source") else "target")
            if category in _NOTE_PRIORITY:
                note.set("priority", _NOTE_PRIORITY[category])
            note.text = f"previous source: {text}" if category == "previous-source" else text
        if unit.locations:
            group = el(tu, "context-group", name="locations", purpose="location")
            for location in unit.locations:
                path, sep, line = location.rpartition(":")
                if not (sep and line.isdigit()):
                    path, line = location, ""
                el(group, "context", context_type="sourcefile").text = path
                if line:
                    el(group, "context", context_type="linenumber").text = line
    return root


def _build_20(units, *, source_lang, target_lang, original):
    from lxml import etree

    def el(parent, tag, **attrs):
        return etree.SubElement(parent, f"{{{XLIFF20_NS}}}{tag}", attrs)

    root = etree.Element(f"{{{XLIFF20_NS}}}xliff", nsmap={None: XLIFF20_NS})
    root.set("version", "2.0")
    root.set("srcLang", source_lang)
    root.set("trgLang", target_lang)
    file_el = el(root, "file", id="f1", original=original)
    for unit in units:
        unit_el = el(file_el, "unit", id=unit.id)
        if unit.context is not None:
            unit_el.set("name", unit.context)
        notes = [(c, t) for c, t in unit.notes] + [("location", loc) for loc in unit.locations]
        if notes:
            notes_el = el(unit_el, "notes")
            for category, text in notes:
                note = el(notes_el, "note", category=category)
                note.set("appliesTo", "source" if category in ("extracted", "previous-source", "location") else "target")
                if category in _NOTE_PRIORITY:
                    note.set("priority", _NOTE_PRIORITY[category])
                note.text = text
        segment = el(unit_el, "segment", id="s1")
        if unit.state == REVIEWED_STATE:
            segment.set("state", "final")
        else:
            segment.set("state", "initial")
            if unit.state == DRAFT_STATE:
                segment.set("subState", _SUBSTATE_20.get(unit.origin or "other", "l10n:draft"))
        source = el(segment, "source")
        source.set(f"{{{XML_NS}}}space", "preserve")
        fill_inline(source, unit.source, XLIFF20)
        if unit.state != EMPTY_STATE:
            target = el(segment, "target")
            target.set(f"{{{XML_NS}}}space", "preserve")
            fill_inline(target, unit.target, XLIFF20)
    return root


def read_xliff(data: bytes, *, path: str) -> list[XliffSection]:
    """The sections of an XLIFF 1.x or 2.x file; ``ExchangeError`` with a line on any defect."""
    root = parse_xml(data, path=path)
    if local_name(root) != "xliff":
        raise ExchangeError(f"root element <{local_name(root)}>, expected <xliff>", path=path, line=root.sourceline)
    version = root.get("version", "")
    namespace = namespace_of(root)
    if version.startswith("2") or namespace == XLIFF20_NS:
        return _read_20(root, path)
    if version.startswith("1") or ":1." in namespace:
        return _read_12(root, path)
    raise ExchangeError(f"XLIFF version {version!r}, expected 1.2 or 2.x", path=path, line=root.sourceline)


def _children(element, name: str):
    return [c for c in element if local_name(c) == name]


def _inline(element, segment: ImportedSegment) -> str:
    if element is None:
        return ""
    try:
        return read_inline(element)
    except InlineError as exc:
        segment.errors.append(str(exc))
        if exc.line:
            segment.line = exc.line
        return ""


def _read_segment(holder, *, id: str | None, context: str | None, path: str, reviewed) -> ImportedSegment:
    """The source and target held by ``holder`` (a 1.2 trans-unit or a 2.0 segment);
    ``reviewed(target_element)`` says whether the tool marks the target confirmed."""
    segment = ImportedSegment(id=id, source="", target="", state=EMPTY_STATE, line=holder.sourceline,
                              context=context)
    sources = _children(holder, "source")
    if not sources:
        raise ExchangeError(f"<{local_name(holder)}> without <source>", path=path, line=holder.sourceline)
    segment.source = _inline(sources[0], segment)
    targets = _children(holder, "target")
    if targets:
        segment.target_line = targets[0].sourceline
        segment.target = _inline(targets[0], segment)
        if segment.target:
            segment.state = REVIEWED_STATE if reviewed(targets[0]) else DRAFT_STATE
    return segment


def _reviewed_12(tu):
    def reviewed(target) -> bool:
        state, approved = target.get("state"), tu.get("approved")
        return approved == "yes" or state in _REVIEWED_12 or (state is None and approved != "no")

    return reviewed


def _read_12(root, path: str) -> list[XliffSection]:
    sections = []
    ns = namespace_of(root)
    for file_el in _children(root, "file"):
        section = XliffSection(
            original=file_el.get("original", ""),
            source_lang=file_el.get("source-language", ""),
            target_lang=file_el.get("target-language", ""),
            line=file_el.sourceline,
        )
        for body in _children(file_el, "body"):
            for tu in body.iter(f"{{{ns}}}trans-unit" if ns else "trans-unit"):
                section.segments.append(_read_segment(
                    tu, id=tu.get("id"), context=tu.get("resname"), path=path, reviewed=_reviewed_12(tu)
                ))
        sections.append(section)
    if not sections:
        raise ExchangeError("no <file> element", path=path, line=root.sourceline)
    return sections


def _read_20(root, path: str) -> list[XliffSection]:
    sections = []
    ns = namespace_of(root)
    for file_el in _children(root, "file"):
        section = XliffSection(
            original=file_el.get("original", ""),
            source_lang=root.get("srcLang", ""),
            target_lang=root.get("trgLang", ""),
            line=file_el.sourceline,
        )
        for unit_el in file_el.iter(f"{{{ns}}}unit" if ns else "unit"):
            segments = _children(unit_el, "segment")
            if len(segments) != 1:
                raise ExchangeError(
                    f"unit {unit_el.get('id')!r} has {len(segments)} segments, expected 1 (l10n units are sentences;"
                    " join segments in the CAT tool before exporting)",
                    path=path,
                    line=unit_el.sourceline,
                )
            seg_el = segments[0]
            section.segments.append(_read_segment(
                seg_el, id=unit_el.get("id"), context=unit_el.get("name"), path=path,
                reviewed=lambda _target, seg=seg_el: seg.get("state", "initial") in _REVIEWED_20,
            ))
        sections.append(section)
    if not sections:
        raise ExchangeError("no <file> element", path=path, line=root.sourceline)
    return sections
