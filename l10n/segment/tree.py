"""Walk a document tree and find what is translated: runs of inline content
inside block elements, and translatable attribute values.

A *run* is a maximal sequence of inline nodes (text and phrasing elements)
inside a block element: a paragraph's content, a heading, a list item's text,
a table cell, the ``<title>``.  A run is flattened into unit text with
placeholders and split into sentences (``sentences.split_sentences``).  When a
run is wholly wrapped in one inline element (a caption in ``*...*``, a
paragraph that is one link), the wrapper is hoisted out of the units and
stays outside them, so the translator sees plain sentences.

Skipped entirely: ``rules.SKIP_TAGS`` (script, style, pre, code, ...) and any
element with ``translate="no"``.  Inline ``code``, ``kbd``, ``samp``, images
and line breaks become void placeholders (``<2/>``): their content is kept
verbatim, and an image's alt text is a unit of its own.

Attribute values in ``rules.TRANSLATABLE_ATTRIBUTES`` (alt, title,
placeholder, aria-label) and ``<meta name=description content>`` are units,
split into sentences like text.

The walker never decides what a unit becomes in an edition: ``transform``
hands each run and attribute to callbacks (``extract_units`` collects them,
the renderer replaces them), so extraction and rendering agree by construction.
How a run becomes unit text is ``unit_text``; how translated unit text becomes
nodes again is ``rebuild``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..locales import script_language
from ..model import Document, Element, Node, Raw, Text, Unit
from ..placeholders import PLACEHOLDER_RE
from .rules import (
    INLINE_TAGS,
    SKIP_TAGS,
    TRANSLATABLE_ATTRIBUTES,
    TRANSLATABLE_META,
    VERBATIM_INLINE_TAGS,
)
from .sentences import split_sentences
from .unit_text import attribute_text, flatten, is_translatable_text, line_at, no_translate, placeholder_note, renumber


@dataclass
class Piece:
    """One sentence of a run or attribute: unit text with local placeholder ids."""

    text: str
    spans: dict[int, Node]
    line: int
    translatable: bool
    # Line breaks between the previous sentence and this one: kept outside
    # the unit (the translator sees "She came.", not "<1/>She came.") and
    # rendered in place of the space between the two sentences.
    lead: list[Node] = field(default_factory=list)


@dataclass
class Run:
    block: Element
    lead: str
    trail: str
    wrappers: list[Element]
    pieces: list[Piece] = field(default_factory=list)
    prefix: list[Node] = field(default_factory=list)  # a task list's box: before ``lead``, outside the units
    lang: str | None = None  # the block's (inherited) lang attribute

    def language(self) -> str | None:
        """The block's language: its ``lang``, else what the script of its text
        says (a Japanese paragraph in an English document), else None."""
        return self.lang or script_language(" ".join(p.text for p in self.pieces))


RunHandler = Callable[[Run], "list[Node] | None"]
AttrHandler = Callable[[Element, str, list[Piece]], "str | None"]


def _is_blank_text(node: Node) -> bool:
    return isinstance(node, Text) and not node.text.strip()


class _Walker:
    def __init__(
        self, on_run: RunHandler | None, on_attr: AttrHandler | None, attributes: dict[str, tuple[str, ...]]
    ) -> None:
        self.on_run = on_run
        self.on_attr = on_attr
        self.any_element = attributes.get("*", TRANSLATABLE_ATTRIBUTES)
        self.per_element = attributes
        self._block_cache: dict[int, tuple[Element, bool]] = {}
        self._lang: dict[int, str | None] = {}  # id(block) -> its lang attribute or an ancestor's

    # -- classification ------------------------------------------------
    def contains_block(self, element: Element) -> bool:
        """Whether a block element is anywhere inside ``element``.

        Iterative and memoized, so a deep tree costs linear time and no stack.
        """
        cache = self._block_cache
        hit = cache.get(id(element))
        if hit is not None:
            return hit[1]
        stack: list[list] = [[element, 0]]
        while stack:
            frame = stack[-1]
            current, index = frame
            children = current.children
            found = False
            descend: Element | None = None
            while index < len(children):
                child = children[index]
                if isinstance(child, Element):
                    if child.tag not in INLINE_TAGS:
                        found = True
                        break
                    sub = cache.get(id(child))
                    if sub is None:
                        descend = child
                        break
                    if sub[1]:
                        found = True
                        break
                index += 1
            if descend is not None:
                frame[1] = index  # come back to this child once it is known
                stack.append([descend, 0])
                continue
            # The element is kept in the entry so its id cannot be reused.
            cache[id(current)] = (current, found)
            stack.pop()
        return cache[id(element)][1]

    def is_inline(self, node: Node) -> bool:
        if isinstance(node, (Text, Raw)):
            return True
        return node.tag in INLINE_TAGS and not self.contains_block(node)

    # -- attributes ----------------------------------------------------
    def attributes(self, element: Element) -> None:
        if self.on_attr is None or not element.attrs:  # no attribute, nothing to translate (most elements)
            return
        wanted = (*self.any_element, *self.per_element.get(element.tag, ()))
        names = [a for a in dict.fromkeys(wanted) if element.get(a)]
        if element.tag == "meta":
            kind = (element.get("name") or element.get("property") or "").lower()
            if kind in TRANSLATABLE_META and element.get("content"):
                names.append("content")
        for name in names:
            text, spans = attribute_text(element.get(name) or "")
            pieces = []
            for s, e in split_sentences(text):
                piece_text, piece_spans = renumber(text[s:e], spans)
                pieces.append(Piece(piece_text, piece_spans, element.line, is_translatable_text(piece_text)))
            if not any(p.translatable for p in pieces):
                continue
            new_value = self.on_attr(element, name, pieces)
            if new_value is not None:
                element.attrs = [(k, new_value if k == name else v) for k, v in element.attrs]

    def inline_attributes(self, nodes: list[Node]) -> None:
        stack: list[Node] = list(reversed(nodes))  # document order, no recursion
        while stack:
            node = stack.pop()
            if isinstance(node, Element) and not no_translate(node):
                self.attributes(node)
                if node.tag not in SKIP_TAGS:
                    stack.extend(reversed(node.children))

    # -- tree ----------------------------------------------------------
    def container(self, element: Element) -> None:
        """Handle the runs and attributes of ``element`` and of every block inside,
        in document order, with an explicit stack (deep trees must not recurse)."""
        if no_translate(element) or element.tag in SKIP_TAGS:
            return
        self.attributes(element)
        self._lang[id(element)] = element.get("lang")
        # frame: the block, an iterator over its children, its new children, the open run
        stack: list[tuple[Element, Iterator[Node], list[Node], list[Node]]] = [
            (element, iter(element.children), [], [])
        ]
        while stack:
            block, children, new_children, run = stack[-1]
            descend: Element | None = None
            for child in children:
                if self.is_inline(child):
                    run.append(child)
                    continue
                if run:
                    new_children.extend(self.run(block, list(run)))
                    run.clear()
                new_children.append(child)
                if isinstance(child, Element) and not (no_translate(child) or child.tag in SKIP_TAGS):
                    descend = child
                    break
            if descend is not None:
                self._lang[id(descend)] = descend.get("lang") or self._lang.get(id(block))
                self.attributes(descend)
                stack.append((descend, iter(descend.children), [], []))
                continue
            if run:
                new_children.extend(self.run(block, list(run)))
            block.children = new_children
            stack.pop()

    def run(self, block: Element, nodes: list[Node]) -> list[Node]:
        self.inline_attributes(nodes)
        if self.on_run is None:
            return nodes
        # Outer white space is kept as it is; the rest is normalized.
        first, last = 0, len(nodes)
        while first < last and _is_blank_text(nodes[first]):
            first += 1
        while last > first and _is_blank_text(nodes[last - 1]):
            last -= 1
        if first == last:  # only white space (between blocks): no sentence, nothing to hand over
            return nodes
        # All blank Text (the loops above); most runs have none around them: no join to make.
        lead = "".join(n.text for n in nodes[:first]) if first else ""  # type: ignore[union-attr]  # Text only
        trail = "".join(n.text for n in nodes[last:]) if last < len(nodes) else ""  # type: ignore[union-attr]  # Text only
        inner = nodes[first:last]
        prefix: list[Node] = []
        while inner and isinstance(inner[0], Element) and inner[0].tag == "input":
            # A check box that starts an item (a task list) is not part of its sentence.
            prefix.append(inner.pop(0))
            while inner and isinstance(inner[0], Text) and not inner[0].text.strip():
                prefix.append(inner.pop(0))
        if prefix:
            prefix[:0] = [Text(lead)] if lead else []
            lead = ""
        if inner and isinstance(inner[0], Text):
            stripped = inner[0].text.lstrip()
            lead += inner[0].text[: len(inner[0].text) - len(stripped)]
        if inner and isinstance(inner[-1], Text):
            stripped = inner[-1].text.rstrip()
            trail = inner[-1].text[len(stripped) :] + trail
        wrappers: list[Element] = []
        while (
            len(inner) == 1
            and isinstance(inner[0], Element)
            and inner[0].tag not in VERBATIM_INLINE_TAGS
            and not no_translate(inner[0])
        ):
            wrappers.append(inner[0])
            children = inner[0].children
            first, last = 0, len(children)
            while first < last and _is_blank_text(children[first]):
                first += 1
            while last > first and _is_blank_text(children[last - 1]):
                last -= 1
            inner = children[first:last]
        text, spans, lines = flatten(inner, block.line)
        offsets = [o for o, _ in lines]
        breaks = {n for n, node in spans.items() if isinstance(node, Element) and node.tag == "br"} if spans else set()
        pieces: list[Piece] = []
        for start, end in split_sentences(text, breaks=breaks):
            before: list[Node] = []
            while pieces and breaks:  # breaks that open a sentence go between the two
                m = PLACEHOLDER_RE.match(text, start)
                if m is None or not m.group(3) or m.group(1) or int(m.group(2)) not in breaks:
                    break
                before.append(spans[int(m.group(2))])
                start = m.end()
                while start < end and text[start].isspace():
                    start += 1
            piece_text, piece_spans = renumber(text[start:end], spans)
            pieces.append(
                Piece(piece_text, piece_spans, line_at(lines, start, offsets), is_translatable_text(piece_text), before)
            )
        if not any(p.translatable for p in pieces):
            return nodes
        result = self.on_run(Run(block, lead, trail, wrappers, pieces, prefix, self._lang.get(id(block))))
        return nodes if result is None else result


def transform(
    root: Element,
    *,
    on_run: RunHandler | None,
    on_attr: AttrHandler | None,
    attributes: dict[str, tuple[str, ...]] | None = None,
) -> None:
    """Walk ``root``, calling the handlers for every run and translatable attribute.

    Handlers may return replacement nodes (or a new attribute value) to change
    the tree in place, or None to leave it.
    """
    _Walker(on_run, on_attr, attributes or {}).container(root)


def extract_units(doc: Document) -> list[Unit]:
    """The translatable units of a document, in document order."""
    # (line, text before attributes on the same line, order found, unit)
    found: list[tuple[int, int, int, Unit]] = []

    def on_run(run: Run) -> None:
        for p in run.pieces:
            if p.translatable:
                found.append((p.line, 0, len(found), Unit(p.text, p.line, placeholder_note(p.text, p.spans))))
        return None

    def on_attr(element: Element, name: str, pieces: list[Piece]) -> None:
        note = f"{name} attribute of <{element.tag}>" if element.tag != "meta" else "meta description"
        for p in pieces:
            if p.translatable:
                lines = [note, placeholder_note(p.text, p.spans)]
                found.append((p.line, 1, len(found), Unit(p.text, p.line, "\n".join(filter(None, lines)))))
        return None

    transform(doc.root, on_run=on_run, on_attr=on_attr, attributes=doc.attributes)
    found.sort(key=lambda t: t[:3])
    return [t[3] for t in found]


