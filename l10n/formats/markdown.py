"""CommonMark reader (markdown-it-py, with GFM tables) into the document tree.

The token stream is turned into the same element tree the HTML reader builds,
so Markdown gets the same segmentation and rendering as HTML.  Fenced and
indented code become ``<pre><code>`` (never translated), images keep their alt
text as a translatable attribute, raw HTML blocks go through the HTML reader,
and raw inline HTML tags become elements when they open and close within the
paragraph (otherwise they are kept verbatim as ``Raw``).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceError
from ..model import Document, Element, Node, Raw, Text
from .html import MAX_DEPTH, VOID_TAGS, check_depth, parse_fragment

# markdown-it's block parser recurses once per level of nesting, and *drops*
# whatever is nested deeper than ``maxNesting`` (its CommonMark preset: 20, so
# a list 10 levels deep lost its last items).  A higher limit keeps real
# documents whole and the recursion well inside Python's stack; input that
# reaches it is rejected rather than silently cut.
MAX_NESTING = 100


def _markdown_parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable("table")


def parse_markdown(text: str, *, path: Path, display_path: str | None = None) -> Document:
    shown = display_path or str(path)
    tokens = _markdown_parser().parse(text)
    for token in tokens:
        if token.level >= MAX_NESTING - 2:
            raise SourceError(
                f"Markdown nested more than {MAX_NESTING - 2} levels deep",
                path=shown,
                line=token.map[0] + 1 if token.map else None,
                hint="flatten the lists and block quotes",
            )
    body = Element("body", line=1)
    stack: list[Element] = [body]
    for token in tokens:
        line = token.map[0] + 1 if token.map else stack[-1].line
        if token.nesting == 1:
            if token.hidden:  # paragraphs of tight lists: content goes into the <li>
                continue
            element = Element(token.tag, _attrs(token.attrs), [], line)
            stack[-1].children.append(element)
            stack.append(element)
        elif token.nesting == -1:
            if token.hidden:
                continue
            if len(stack) > 1:
                stack.pop()
                stack[-1].children.append(Text("\n"))  # one block per line in the edition
        elif token.type == "inline":
            stack[-1].children.extend(_inline_nodes(token.children or [], line, shown, len(stack)))
        elif token.type in ("fence", "code_block"):
            info = (token.info or "").strip().split(" ")[0]
            code = Element("code", [("class", f"language-{info}")] if info else [], [Text(token.content)], line)
            stack[-1].children.extend([Element("pre", [], [code], line), Text("\n")])
        elif token.type == "html_block":
            stack[-1].children.extend(parse_fragment(token.content, display_path=shown, line_offset=line - 1))
        elif token.type == "hr":
            stack[-1].children.extend([Element("hr", [], [], line), Text("\n")])
    check_depth(body, shown)
    return Document(path=path, format="markdown", root=body)


def _attrs(attrs) -> list[tuple[str, str | None]]:
    items = attrs.items() if hasattr(attrs, "items") else attrs
    return [(str(k), None if v is None else str(v)) for k, v in items]


def _plain_text(children) -> str:
    out = []
    pending = list(reversed(children))  # images inside alt text: no recursion
    while pending:
        child = pending.pop()
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            pending.extend(reversed(child.children or []))
    return "".join(out)


def _inline_nodes(children, line: int, shown: str = "<markdown>", depth: int = 0) -> list[Node]:
    root = Element("#inline", line=line)
    stack: list[Element] = [root]
    current_line = line
    for tok in children:
        if len(stack) + depth > MAX_DEPTH:
            # Checked as the stack grows, so closing a tag never scans a deep stack.
            raise SourceError(
                f"elements nested more than {MAX_DEPTH} levels deep",
                path=shown,
                line=current_line,
                hint="flatten the markup",
            )
        if tok.type == "text":
            stack[-1].children.append(Text(tok.content, current_line))
        elif tok.type == "softbreak":
            current_line += 1
            stack[-1].children.append(Text("\n", current_line))
        elif tok.type == "hardbreak":
            current_line += 1
            stack[-1].children.append(Element("br", [], [], current_line))
        elif tok.type == "code_inline":
            stack[-1].children.append(Element("code", [], [Text(tok.content)], current_line))
        elif tok.type == "image":
            attrs = dict(_attrs(tok.attrs))
            attrs["alt"] = _plain_text(tok.children or [])
            ordered = [("src", attrs.pop("src", "")), ("alt", attrs.pop("alt"))] + list(attrs.items())
            stack[-1].children.append(Element("img", ordered, [], current_line))
        elif tok.nesting == 1:
            element = Element(tok.tag, _attrs(tok.attrs), [], current_line)
            stack[-1].children.append(element)
            stack.append(element)
        elif tok.nesting == -1:
            if len(stack) > 1:
                stack.pop()
        elif tok.type == "html_inline":
            _inline_html(tok.content, stack, current_line)
    # Raw inline tags left open at the end of the paragraph are closed here.
    return root.children


def _inline_html(markup: str, stack: list[Element], line: int) -> None:
    stripped = markup.strip()
    if stripped.startswith("</"):
        tag = stripped[2:-1].strip().lower()
        for i in range(len(stack) - 1, 0, -1):
            if stack[i].tag == tag:
                del stack[i:]
                return
        stack[-1].children.append(Raw(markup))
        return
    nodes = parse_fragment(markup) if stripped.startswith("<") and not stripped.startswith("<!") else []
    if len(nodes) == 1 and isinstance(nodes[0], Element):
        element = nodes[0]
        element.line = line
        stack[-1].children.append(element)
        if element.tag not in VOID_TAGS and not stripped.endswith("/>"):
            stack.append(element)
        return
    stack[-1].children.append(Raw(markup))
