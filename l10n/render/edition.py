"""Translate a freshly read source tree with a catalog, by an explicit policy.

Each unit is looked up by its msgid.  A reviewed translation whose
placeholders match the source is used.  A fuzzy one is used only for draft
editions (``include_fuzzy``) and is then wrapped in ``<mark class="l10n-draft">``.
Anything else falls back to the source sentence, marked ``lang="en"`` (plus
``dir="ltr"`` in a right-to-left edition) so browsers, screen readers and
fonts treat it as English: on its block when the whole block falls back (an
English paragraph in an Arabic page is laid out left to right, aligned left),
else on a ``<span>`` around the fallback sentences, which ``dir`` isolates.
A block written in another language than the source (a Japanese paragraph in
an English report) falls back marked as that language and joined by its
rules; one in the edition's own language is not marked at all.

Text-only contexts (``<title>``, ``<option>``, ``<textarea>``, and attribute
values) can hold no markup: there a unit becomes plain text, never a span or
a mark, whatever its state.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from ..locales import NO_SPACE_LANGUAGES, bcp47_tag, joins_without_space, text_direction
from ..model import Document, Element, Node, Raw, Text
from ..placeholders import check_placeholders, strip_placeholders, tokenize
from ..segment import Piece, Run, deep_copy, piece_nodes, transform
from ..segment.rules import INLINE_TAGS
from .html import set_attributes
from ..scripts import breaks_anywhere

# Elements whose content a browser shows as text only (markup inside would show as tags).
TEXT_ONLY_TAGS = frozenset({"title", "option", "textarea"})
# Containers too large to carry one paragraph's language.
_PAGE_TAGS = frozenset({"html", "body", "head", "#root", "#piece", "main"})

TRANSLATED = "translated"
DRAFT = "draft"
SOURCE = "source"
# How well a sentence is shown, worst first: one met twice is counted by its worse showing.
_RANK = {SOURCE: 0, DRAFT: 1, TRANSLATED: 2}


@dataclass
class EditionStats:
    """What an edition shows, counted by distinct sentence (a sentence met
    twice counts once, as ``l10n status`` counts units)."""

    # msgid -> how the edition shows it: TRANSLATED, DRAFT, or SOURCE (in English)
    shown: dict[str, str] = field(default_factory=dict)
    # of the SOURCE ones: unreviewed translations a published edition leaves out
    withheld_ids: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    # Every translatable sentence met, in document order (an ordered set):
    # what the publish gate counts, so it follows the source as it is now.
    units: dict[str, None] = field(default_factory=dict)

    def _count(self, how: str) -> int:
        return sum(v == how for v in self.shown.values())

    @property
    def translated(self) -> int:
        return self._count(TRANSLATED)

    @property
    def draft(self) -> int:  # unreviewed translations shown, marked (draft editions only)
        return self._count(DRAFT)

    @property
    def fallback(self) -> int:  # sentences left in English, for whatever reason
        return self._count(SOURCE)

    @property
    def withheld(self) -> int:
        return len(self.withheld_ids & {m for m, v in self.shown.items() if v == SOURCE})


class CatalogLookup:
    """msgid -> (msgstr, state), by the catalog's own lookup (entries without a context).

    ``withheld``: msgids whose translation failed a check; they count as
    unreviewed (fuzzy), so only a draft edition shows them.
    """

    def __init__(self, po, withheld: Collection[str] = ()) -> None:
        self._po, self._withheld = po, withheld

    def find(self, msgid: str) -> tuple[str, str] | None:
        entry = self._po.get(msgid)
        if entry is None:
            return None
        return entry.msgstr, "fuzzy" if msgid in self._withheld else entry.state


def translate_document(
    doc: Document,
    lookup: CatalogLookup | None,
    *,
    locale: str,
    source_locale: str,
    include_fuzzy: bool = False,
    passed: Collection[str] = (),
) -> EditionStats:
    """Replace every unit of ``doc`` (in place) by its translation or its fallback.
    ``passed``: msgids whose reviewed translation, as ``lookup`` finds it, passed
    the error-level checks in this process (placeholders among them): their
    placeholders are not checked again."""
    stats = EditionStats()
    no_space = joins_without_space(locale)
    source_tag = bcp47_tag(source_locale)
    fallback_attrs: list[tuple[str, str | None]] = [("lang", source_tag)]
    if text_direction(source_locale) != text_direction(locale):
        fallback_attrs.append(("dir", text_direction(source_locale)))
    same_language = locale == source_locale

    def resolve(piece: Piece) -> tuple[str, str]:
        text, how = _resolve(piece)
        if piece.translatable:
            # The weakest showing wins: a sentence once in English is counted in English.
            before = stats.shown.get(piece.text)
            if before is None or _RANK[how] < _RANK[before]:
                stats.shown[piece.text] = how
        return text, how

    def _resolve(piece: Piece) -> tuple[str, str]:
        if piece.translatable:
            stats.units[piece.text] = None
        if not piece.translatable:
            return piece.text, SOURCE
        found = lookup.find(piece.text) if lookup is not None else None
        if found is None or not found[0]:
            return piece.text, SOURCE
        msgstr, state = found
        if state == "fuzzy" and not include_fuzzy:
            stats.withheld_ids.add(piece.text)
            return piece.text, SOURCE
        # QA's placeholder check (qa/markup) reports whatever this one does.
        problems = [] if piece.text in passed else check_placeholders(piece.text, msgstr)
        if problems:
            stats.problems.append(f"{piece.line}: {problems[0]}; using the source sentence")
            return piece.text, SOURCE
        if state == "fuzzy":
            return msgstr, DRAFT
        return msgstr, TRANSLATED

    def separator(previous: str, without_space: bool = no_space) -> str:
        plain = previous.rstrip()
        if without_space and plain and breaks_anywhere(plain[-1]):
            return ""
        return " "

    def on_run(run: Run) -> list[Node]:
        resolved = [resolve(piece) for piece in run.pieces]
        if run.block.tag in TEXT_ONLY_TAGS:
            return _plain_run(run, resolved, separator)
        # A block in another language than the source (a Japanese paragraph in
        # an English report) falls back marked as that language, and its
        # sentences are joined by that language's rule.
        block_language = None
        marked = fallback_attrs
        unmarked = same_language
        if not same_language and any(mode == SOURCE for _, mode in resolved):  # the script is read only then
            language = run.language()
            block_language = (language or "").replace("_", "-").split("-")[0].lower() or None
            if block_language and block_language != source_tag.split("-")[0].lower():
                marked = [("lang", language or "")] + fallback_attrs[1:]
            unmarked = block_language == locale.split("_")[0].lower()
        whole_block = (
            not unmarked
            and all(mode == SOURCE for _, mode in resolved)
            and run.block.tag not in _PAGE_TAGS
            and all(not isinstance(c, Element) or c.tag in INLINE_TAGS for c in run.block.children)
        )
        if whole_block:
            set_attributes(run.block, marked)
        content: list[Node] = []
        fallback: Element | None = None  # the open span of consecutive English sentences
        previous = ""
        for piece, (text, mode) in zip(run.pieces, resolved):
            nodes = piece_nodes(text, piece.spans)
            if piece.lead:  # line breaks between the sentences take the place of the space
                gap = [deep_copy(node) for node in piece.lead]
            else:
                joins_tight = no_space if mode != SOURCE or not block_language else block_language in NO_SPACE_LANGUAGES
                # Only a language written without spaces looks at the previous
                # sentence's last character; stripping its placeholders is skipped otherwise.
                gap = [Text(separator(strip_placeholders(previous), True) if joins_tight else " ")] if content else []
            if mode == SOURCE and piece.translatable and not unmarked and not whole_block:
                # Consecutive fallback sentences share one span: in a
                # right-to-left edition it is one left-to-right isolate, so
                # English sentences keep their order and punctuation.
                if fallback is None:
                    fallback = Element("span", marked, [])
                    content.extend(gap)
                    content.append(fallback)
                else:
                    fallback.children.extend(gap)
                fallback.children.extend(nodes)
            else:
                fallback = None
                if mode == DRAFT:
                    nodes = [Element("mark", [("class", "l10n-draft"), ("title", "unreviewed translation")], nodes)]
                content.extend(gap)
                content.extend(nodes)
            previous = text
        for wrapper in reversed(run.wrappers):
            shell = wrapper.shallow_copy()
            shell.children = content
            content = [shell]
        out: list[Node] = list(run.prefix)
        if run.lead:
            out.append(Text(run.lead))
        out.extend(content)
        if run.trail:
            out.append(Text(run.trail))
        return out

    def on_attr(element: Element, name: str, pieces: list[Piece]) -> str:
        parts: list[str] = []
        previous = ""
        for piece in pieces:
            text, _ = resolve(piece)
            plain = _attribute_value(text, piece.spans)
            if parts:
                parts.append(separator(previous))
            parts.append(plain)
            previous = plain
        return "".join(parts)

    transform(doc.root, on_run=on_run, on_attr=on_attr, attributes=doc.attributes)
    return stats


def _attribute_value(text: str, spans: dict[int, Node]) -> str:
    """An attribute unit's text as the value: its text, and the template tags
    its void placeholders stand for, as written."""
    out = []
    for token in tokenize(text):
        if token.kind == "text":
            out.append(token.value)
        elif token.kind == "void" and isinstance(span := spans.get(token.id), Raw):
            out.append(span.markup)
    return "".join(out)


def _plain_run(run: Run, resolved: list[tuple[str, str]], separator) -> list[Node]:
    """A run of a text-only element: its sentences as one text, placeholders dropped."""
    parts: list[str] = []
    previous = ""
    for text, _ in resolved:
        plain = "".join(t.value for t in tokenize(text) if t.kind == "text")
        if parts:
            parts.append(separator(previous))
        parts.append(plain)
        previous = plain
    return [Text(run.lead + "".join(parts) + run.trail)]
