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

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..locales import script_language
from ..formats.template_tags import split_template_text
from ..model import Document, Element, Node, Raw, Text, Unit, text_content
from ..placeholders import PLACEHOLDER_RE, escape_text, tokenize
from .rules import (
    INLINE_TAGS,
    SKIP_TAGS,
    TRANSLATABLE_ATTRIBUTES,
    TRANSLATABLE_META,
    VERBATIM_INLINE_TAGS,
)
from .sentences import split_sentences

# HTML white space only: a no-break space (&nbsp;) or a thin space is text the
# author chose, and stays in the unit and the edition.
_WS = re.compile(r"[ \t\n\r\f]+")


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


def _is_translatable_text(text: str) -> bool:
    return any(ch.isalpha() for t in tokenize(text) if t.kind == "text" for ch in t.value)


def _no_translate(element: Element) -> bool:
    return (element.get("translate") or "").strip().lower() == "no"


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
        if self.on_attr is None:
            return
        wanted = (*self.any_element, *self.per_element.get(element.tag, ()))
        names = [a for a in dict.fromkeys(wanted) if element.get(a)]
        if element.tag == "meta":
            kind = (element.get("name") or element.get("property") or "").lower()
            if kind in TRANSLATABLE_META and element.get("content"):
                names.append("content")
        for name in names:
            text, spans = _attribute_text(element.get(name) or "")
            pieces = []
            for s, e in split_sentences(text):
                piece_text, piece_spans = _renumber(text[s:e], spans)
                pieces.append(Piece(piece_text, piece_spans, element.line, _is_translatable_text(piece_text)))
            if not any(p.translatable for p in pieces):
                continue
            new_value = self.on_attr(element, name, pieces)
            if new_value is not None:
                element.attrs = [(k, new_value if k == name else v) for k, v in element.attrs]

    def inline_attributes(self, nodes: list[Node]) -> None:
        stack: list[Node] = list(reversed(nodes))  # document order, no recursion
        while stack:
            node = stack.pop()
            if isinstance(node, Element) and not _no_translate(node):
                self.attributes(node)
                if node.tag not in SKIP_TAGS:
                    stack.extend(reversed(node.children))

    # -- tree ----------------------------------------------------------
    def container(self, element: Element) -> None:
        """Handle the runs and attributes of ``element`` and of every block inside,
        in document order, with an explicit stack (deep trees must not recurse)."""
        if _no_translate(element) or element.tag in SKIP_TAGS:
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
                if isinstance(child, Element) and not (_no_translate(child) or child.tag in SKIP_TAGS):
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
        while first < last and isinstance(nodes[first], Text) and not nodes[first].text.strip():
            first += 1
        while last > first and isinstance(nodes[last - 1], Text) and not nodes[last - 1].text.strip():
            last -= 1
        lead = "".join(n.text for n in nodes[:first])  # type: ignore[union-attr]
        trail = "".join(n.text for n in nodes[last:])  # type: ignore[union-attr]
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
            and not _no_translate(inner[0])
        ):
            wrappers.append(inner[0])
            children = inner[0].children
            first, last = 0, len(children)
            while first < last and isinstance(children[first], Text) and not children[first].text.strip():
                first += 1
            while last > first and isinstance(children[last - 1], Text) and not children[last - 1].text.strip():
                last -= 1
            inner = children[first:last]
        text, spans, lines = _flatten(inner, block.line)
        offsets = [o for o, _ in lines]
        breaks = {n for n, node in spans.items() if isinstance(node, Element) and node.tag == "br"}
        pieces = []
        for start, end in split_sentences(text, breaks=breaks):
            before: list[Node] = []
            while pieces and breaks:  # breaks that open a sentence go between the two
                m = _TOKEN.match(text, start)
                if m is None or not m.group(3) or m.group(1) or int(m.group(2)) not in breaks:
                    break
                before.append(spans[int(m.group(2))])
                start = m.end()
                while start < end and text[start].isspace():
                    start += 1
            piece_text, piece_spans = _renumber(text[start:end], spans)
            pieces.append(
                Piece(piece_text, piece_spans, _line_at(lines, start, offsets), _is_translatable_text(piece_text), before)
            )
        if not any(p.translatable for p in pieces):
            return nodes
        result = self.on_run(Run(block, lead, trail, wrappers, pieces, prefix, self._lang.get(id(block))))
        return nodes if result is None else result


def _attribute_text(value: str) -> tuple[str, dict[int, Node]]:
    """Unit text for an attribute value: template tags in it (``alt="The
    {% data x %} page"``) are void placeholders, as in text."""
    parts: list[str] = []
    spans: dict[int, Node] = {}
    for piece, is_tag in split_template_text(_WS.sub(" ", value).strip()):
        if is_tag:
            spans[len(spans) + 1] = Raw(piece, as_text=True)
            parts.append(f"<{len(spans)}/>")
        else:
            parts.append(escape_text(piece))
    return "".join(parts), spans


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

    def add(segment: str) -> None:
        collapsed = _WS.sub(" ", segment)
        if last_was_space and collapsed.startswith(" "):
            collapsed = collapsed[1:]
        if collapsed:
            emit(collapsed)

    def text(node: Text) -> None:
        # White space is collapsed to one space as it is emitted, and every
        # newline advances the source line, so sentences get their own line.
        # Escaping the whole text at once is the same as escaping each word
        # (a placeholder holds no white space), and much faster.
        current = node.line
        if current:
            lines.append((length, current))
        value = escape_text(node.text)
        pos = 0
        if current:
            size = len(value)
            newline = value.find("\n")
            while newline != -1:
                # The white-space run around this newline, each character seen once.
                start = newline
                while start > pos and value[start - 1].isspace():
                    start -= 1
                end = newline + 1
                while end < size and value[end].isspace():
                    end += 1
                add(value[pos:start])
                add(" ")
                current += value.count("\n", newline, end)
                lines.append((length, current))
                pos = end
                newline = value.find("\n", end)
        add(value[pos:])

    def token(node: Node | None, pattern: str) -> None:
        nonlocal counter, length
        # Unit text cannot say "a backslash, then a placeholder": "\\<1>" reads as
        # an escaped literal "<1>".  Trailing backslashes become a void placeholder.
        if parts and parts[-1].endswith("\\"):
            kept = parts[-1].rstrip("\\")
            slashes = parts[-1][len(kept) :]
            parts[-1] = kept
            length -= len(slashes)
            counter += 1
            spans[counter] = Text(slashes)
            emit(f"<{counter}/>")
        if node is None:  # a closing token
            emit(pattern)
            return
        counter += 1
        spans[counter] = node
        emit(pattern.format(counter))

    # An explicit stack of (remaining nodes, closing token): no recursion.
    stack: list[tuple[Iterator[Node], str]] = [(_merge_texts(nodes), "")]
    while stack:
        remaining, closing = stack[-1]
        node = next(remaining, None)
        if node is None:
            stack.pop()
            if closing:
                token(None, closing)
            continue
        if isinstance(node, Text):
            text(node)
        elif isinstance(node, Raw):
            token(node, "<{}/>")
        elif node.tag in VERBATIM_INLINE_TAGS or _no_translate(node) or not node.children:
            token(node, "<{}/>")
        else:
            token(node, "<{}>")
            stack.append((_merge_texts(node.children), f"</{counter}>"))
    return "".join(parts), spans, lines


def _merge_texts(nodes: list[Node]) -> Iterator[Node]:
    """``nodes`` with adjacent ``Text`` nodes joined: "<1" and "/>" in two
    nodes must be escaped as the one literal "<1/>" they make together."""
    pending: Text | None = None
    for node in nodes:
        if isinstance(node, Text):
            if pending is None:
                pending = node
            else:
                pending = Text(pending.text + node.text, pending.line or node.line)
            continue
        if pending is not None:
            yield pending
            pending = None
        yield node
    if pending is not None:
        yield pending


def _line_at(lines: list[tuple[int, int]], offset: int, offsets: list[int] | None = None) -> int:
    """The source line at ``offset``: the last mark at or before it (binary search;
    ``offsets`` are the marks' offsets, in order)."""
    if offsets is None:
        offsets = [o for o, _ in lines]
    index = bisect_right(offsets, offset) - 1
    return lines[max(index, 0)][1]


_TOKEN = PLACEHOLDER_RE  # the one grammar (l10n/placeholders.py)


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


NOTE_WIDTH = 60  # characters of a placeholder's content shown in its note


def placeholder_note(text: str, spans: dict[int, Node]) -> str:
    """What the unit's void placeholders stand for, one line each, for the
    translator (an extracted comment): ``<1/> = map()``, ``<2/> = {{< glossary_tooltip
    term_id="pod" >}}``.  Line breaks and images (whose alt text is a unit of
    its own) need no note; long content is cut with an ellipsis."""
    lines = []
    for token in tokenize(text):
        if token.kind != "void":
            continue
        node = spans.get(token.id)
        if isinstance(node, Raw):
            shown = node.markup if node.as_text or not node.markup.startswith("<!--") else ""
        elif isinstance(node, Element) and node.tag in ("code", "kbd", "samp"):
            shown = text_content(node)
        else:
            shown = ""
        shown = " ".join(shown.split())
        if shown:
            if len(shown) > NOTE_WIDTH:
                shown = shown[: NOTE_WIDTH - 1].rstrip() + "…"
            lines.append(f"<{token.id}/> = {shown}")
    return "\n".join(lines)


def deep_copy(node: Node) -> Node:
    """A copy of ``node`` and everything inside it (``copy.deepcopy`` recurses)."""
    if isinstance(node, Text):
        return Text(node.text, node.line)
    if isinstance(node, Raw):
        return Raw(node.markup, node.as_text)
    top = node.shallow_copy()
    stack: list[tuple[Element, Element]] = [(node, top)]
    while stack:
        source, target = stack.pop()
        for child in source.children:
            if isinstance(child, Element):
                copied = child.shallow_copy()
                stack.append((child, copied))
                target.children.append(copied)
            elif isinstance(child, Text):
                target.children.append(Text(child.text, child.line))
            else:
                target.children.append(Raw(child.markup, child.as_text))
    return top


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
            stack[-1].children.append(deep_copy(spans[tok.id]))
        elif tok.kind == "open":
            source = spans[tok.id]
            element = source.shallow_copy() if isinstance(source, Element) else Element("span")
            stack[-1].children.append(element)
            stack.append(element)
        elif tok.kind == "close" and len(stack) > 1:
            stack.pop()
    return root.children
