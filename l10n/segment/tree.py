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
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Document, Element, Node, Raw, Text, Unit
from ..placeholders import escape_text, tokenize
from .rules import (
    INLINE_TAGS,
    SKIP_TAGS,
    TRANSLATABLE_ATTRIBUTES,
    TRANSLATABLE_META,
    VERBATIM_INLINE_TAGS,
)
from .sentences import split_sentences

_WS = re.compile(r"\s+")
_WS_SPLIT = re.compile(r"(\s+)")


@dataclass
class Piece:
    """One sentence of a run or attribute: unit text with local placeholder ids."""

    text: str
    spans: dict[int, Node]
    line: int
    translatable: bool


@dataclass
class Run:
    block: Element
    lead: str
    trail: str
    wrappers: list[Element]
    pieces: list[Piece] = field(default_factory=list)


RunHandler = Callable[[Run], "list[Node] | None"]
AttrHandler = Callable[[Element, str, list[Piece]], "str | None"]


def _is_translatable_text(text: str) -> bool:
    return any(ch.isalpha() for t in tokenize(text) if t.kind == "text" for ch in t.value)


def _no_translate(element: Element) -> bool:
    return (element.get("translate") or "").strip().lower() == "no"


class _Walker:
    def __init__(self, on_run: RunHandler | None, on_attr: AttrHandler | None) -> None:
        self.on_run = on_run
        self.on_attr = on_attr
        self._block_cache: dict[int, bool] = {}

    # -- classification ------------------------------------------------
    def contains_block(self, element: Element) -> bool:
        key = id(element)
        cached = self._block_cache.get(key)
        if cached is None:
            cached = any(
                isinstance(c, Element) and (c.tag not in INLINE_TAGS or self.contains_block(c))
                for c in element.children
            )
            self._block_cache[key] = cached
        return cached

    def is_inline(self, node: Node) -> bool:
        if isinstance(node, (Text, Raw)):
            return True
        return node.tag in INLINE_TAGS and not self.contains_block(node)

    # -- attributes ----------------------------------------------------
    def attributes(self, element: Element) -> None:
        if self.on_attr is None:
            return
        names = [a for a in TRANSLATABLE_ATTRIBUTES if element.get(a)]
        if element.tag == "meta":
            kind = (element.get("name") or element.get("property") or "").lower()
            if kind in TRANSLATABLE_META and element.get("content"):
                names.append("content")
        for name in names:
            value = element.get(name) or ""
            text = escape_text(_WS.sub(" ", value).strip())
            pieces = [
                Piece(text[s:e], {}, element.line, _is_translatable_text(text[s:e]))
                for s, e in split_sentences(text)
            ]
            if not any(p.translatable for p in pieces):
                continue
            new_value = self.on_attr(element, name, pieces)
            if new_value is not None:
                element.attrs = [(k, new_value if k == name else v) for k, v in element.attrs]

    def inline_attributes(self, nodes: list[Node]) -> None:
        for node in nodes:
            if isinstance(node, Element) and not _no_translate(node):
                self.attributes(node)
                if node.tag not in SKIP_TAGS:
                    self.inline_attributes(node.children)

    # -- tree ----------------------------------------------------------
    def container(self, element: Element) -> None:
        if _no_translate(element) or element.tag in SKIP_TAGS:
            return
        self.attributes(element)
        new_children: list[Node] = []
        run: list[Node] = []
        for child in element.children:
            if self.is_inline(child):
                run.append(child)
                continue
            if run:
                new_children.extend(self.run(element, run))
                run = []
            if isinstance(child, Element):
                self.container(child)
            new_children.append(child)
        if run:
            new_children.extend(self.run(element, run))
        element.children = new_children

    def run(self, block: Element, nodes: list[Node]) -> list[Node]:
        self.inline_attributes(nodes)
        if self.on_run is None:
            return nodes
        # Outer white space is kept as it is; the rest is normalized.
        lead = trail = ""
        inner = list(nodes)
        while inner and isinstance(inner[0], Text) and not inner[0].text.strip():
            lead += inner.pop(0).text
        while inner and isinstance(inner[-1], Text) and not inner[-1].text.strip():
            trail = inner.pop().text + trail
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
            and not _no_translate(inner[0])
        ):
            wrappers.append(inner[0])
            inner = [c for c in inner[0].children]
            while inner and isinstance(inner[0], Text) and not inner[0].text.strip():
                inner.pop(0)
            while inner and isinstance(inner[-1], Text) and not inner[-1].text.strip():
                inner.pop()
        text, spans, lines = _flatten(inner, block.line)
        pieces = []
        for start, end in split_sentences(text):
            piece_text, piece_spans = _renumber(text[start:end], spans)
            pieces.append(
                Piece(piece_text, piece_spans, _line_at(lines, start), _is_translatable_text(piece_text))
            )
        if not any(p.translatable for p in pieces):
            return nodes
        result = self.on_run(Run(block, lead, trail, wrappers, pieces))
        return nodes if result is None else result


def _flatten(nodes: list[Node], line: int) -> tuple[str, dict[int, Node], list[tuple[int, int]]]:
    """Unit text for inline nodes, the nodes behind its placeholders, and a
    list of (offset, source line) marks for line references."""
    parts: list[str] = []
    spans: dict[int, Node] = {}
    lines: list[tuple[int, int]] = [(0, line)]
    length = 0
    counter = 0
    last_was_space = False

    def emit(s: str) -> None:
        nonlocal length, last_was_space
        parts.append(s)
        length += len(s)
        last_was_space = s.endswith(" ")

    def text(node: Text) -> None:
        # White space is collapsed to one space as it is emitted, and every
        # newline advances the source line, so sentences get their own line.
        current = node.line
        if current:
            lines.append((length, current))
        for chunk in _WS_SPLIT.split(node.text):
            if not chunk:
                continue
            if chunk.isspace():
                if not last_was_space:
                    emit(" ")
                if current and "\n" in chunk:
                    current += chunk.count("\n")
                    lines.append((length, current))
            else:
                emit(escape_text(chunk))

    def visit(node_list: list[Node]) -> None:
        nonlocal counter
        for node in node_list:
            if isinstance(node, Text):
                text(node)
            elif isinstance(node, Raw):
                counter += 1
                spans[counter] = node
                emit(f"<{counter}/>")
            elif node.tag in VERBATIM_INLINE_TAGS or _no_translate(node) or not node.children:
                counter += 1
                spans[counter] = node
                emit(f"<{counter}/>")
            else:
                counter += 1
                number = counter
                spans[number] = node
                emit(f"<{number}>")
                visit(node.children)
                emit(f"</{number}>")

    visit(nodes)
    return "".join(parts), spans, lines


def _line_at(lines: list[tuple[int, int]], offset: int) -> int:
    best = lines[0][1]
    for o, ln in lines:
        if o <= offset:
            best = ln
        else:
            break
    return best


_TOKEN = re.compile(r"(?<!\\)<(/?)(\d+)(/?)>")


def _renumber(text: str, spans: dict[int, Node]) -> tuple[str, dict[int, Node]]:
    mapping: dict[int, int] = {}
    local: dict[int, Node] = {}

    def sub(m: re.Match) -> str:
        closing, number, void = m.groups()
        if closing and void:
            return m.group(0)
        old = int(number)
        if old not in mapping:
            mapping[old] = len(mapping) + 1
            local[mapping[old]] = spans[old]
        return f"<{closing}{mapping[old]}{void}>"

    return _TOKEN.sub(sub, text), local


def transform(root: Element, *, on_run: RunHandler | None, on_attr: AttrHandler | None) -> None:
    """Walk ``root``, calling the handlers for every run and translatable attribute.

    Handlers may return replacement nodes (or a new attribute value) to change
    the tree in place, or None to leave it.
    """
    _Walker(on_run, on_attr).container(root)


def extract_units(doc: Document) -> list[Unit]:
    """The translatable units of a document, in document order."""
    # (line, text before attributes on the same line, order found, unit)
    found: list[tuple[int, int, int, Unit]] = []

    def on_run(run: Run) -> None:
        for p in run.pieces:
            if p.translatable:
                found.append((p.line, 0, len(found), Unit(p.text, p.line)))
        return None

    def on_attr(element: Element, name: str, pieces: list[Piece]) -> None:
        note = f"{name} attribute of <{element.tag}>" if element.tag != "meta" else "meta description"
        for p in pieces:
            if p.translatable:
                found.append((p.line, 1, len(found), Unit(p.text, p.line, note)))
        return None

    transform(doc.root, on_run=on_run, on_attr=on_attr)
    found.sort(key=lambda t: t[:3])
    return [t[3] for t in found]


def piece_nodes(text: str, spans: dict[int, Node]) -> list[Node]:
    """Nodes for unit text whose placeholders refer to ``spans``.

    The caller has checked the placeholders (``placeholders.check_placeholders``).
    """
    root = Element("#piece")
    stack = [root]
    for tok in tokenize(text):
        if tok.kind == "text":
            stack[-1].children.append(Text(tok.value))
        elif tok.kind == "void":
            stack[-1].children.append(copy.deepcopy(spans[tok.id]))
        elif tok.kind == "open":
            source = spans[tok.id]
            element = source.shallow_copy() if isinstance(source, Element) else Element("span")
            stack[-1].children.append(element)
            stack.append(element)
        elif tok.kind == "close" and len(stack) > 1:
            stack.pop()
    return root.children
