"""Unit text: inline nodes and attribute values as text with numbered
placeholders, and what a sentence of it needs to stand alone.

``flatten`` turns a run's inline nodes into one unit text (white space
collapsed, markup as ``<1>...</1>`` and ``<2/>``) with the nodes behind the
placeholders and marks for source lines; ``renumber`` gives one sentence of
it placeholders numbered from 1; ``placeholder_note`` tells the translator
what the void ones stand for.  The walker (``tree``) decides what a run is;
``rebuild`` turns translated unit text back into nodes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from ..formats.template_tags import split_template_text
from ..model import Element, Node, Raw, Text, text_content
from ..placeholders import PLACEHOLDER_RE, escape_text, tokenize
from .rules import VERBATIM_INLINE_TAGS

# HTML white space only: a no-break space (&nbsp;) or a thin space is text the
# author chose, and stays in the unit and the edition.
_WS = re.compile(r"[ \t\n\r\f]+")


def is_translatable_text(text: str) -> bool:
    """Whether the unit text has a letter outside its placeholders.  A
    placeholder (``<1>``, ``</1>``, ``<2/>``) and an escaping backslash hold
    no letter, so scanning the raw text is the same and needs no tokenizing."""
    return any(ch.isalpha() for ch in text)


def no_translate(element: Element) -> bool:
    """Whether ``translate="no"`` keeps the element and its content out of the units."""
    if not element.attrs:  # most elements have no attribute at all
        return False
    return (element.get("translate") or "").strip().lower() == "no"


def attribute_text(value: str) -> tuple[str, dict[int, Node]]:
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


def flatten(nodes: list[Node], line: int) -> tuple[str, dict[int, Node], list[tuple[int, int]]]:
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
        # Most segments hold no white space to collapse: a few substring tests
        # are much cheaper than a regex substitution over the whole paragraph.
        collapsed = _collapse_ws(segment)
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
        elif node.tag in VERBATIM_INLINE_TAGS or no_translate(node) or not node.children:
            token(node, "<{}/>")
        else:
            token(node, "<{}>")
            stack.append((_merge_texts(node.children), f"</{counter}>"))
    return "".join(parts), spans, lines


def _collapse_ws(segment: str) -> str:
    """``_WS.sub(" ", segment)``, without the regex when nothing would change."""
    if "  " in segment or "\n" in segment or "\t" in segment or "\r" in segment or "\f" in segment:
        return _WS.sub(" ", segment)
    return segment


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


def line_at(lines: list[tuple[int, int]], offset: int, offsets: list[int] | None = None) -> int:
    """The source line at ``offset``: the last mark at or before it (binary search;
    ``offsets`` are the marks' offsets, in order)."""
    if offsets is None:
        offsets = [o for o, _ in lines]
    index = bisect_right(offsets, offset) - 1
    return lines[max(index, 0)][1]


def renumber(text: str, spans: dict[int, Node]) -> tuple[str, dict[int, Node]]:
    if "<" not in text:  # no placeholder: nothing to renumber
        return text, {}
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

    return PLACEHOLDER_RE.sub(sub, text), local


NOTE_WIDTH = 60  # characters of a placeholder's content shown in its note


def placeholder_note(text: str, spans: dict[int, Node]) -> str:
    """What the unit's void placeholders stand for, one line each, for the
    translator (an extracted comment): ``<1/> = map()``, ``<2/> = {{< glossary_tooltip
    term_id="pod" >}}``.  Line breaks and images (whose alt text is a unit of
    its own) need no note; long content is cut with an ellipsis."""
    if "/>" not in text:  # no void placeholder: nothing to say (most units)
        return ""
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
