"""HTML reader: a linear-time tokenizer that keeps source lines and markup as
written, and the HTML standard's tree construction (``html_tree``).

The tokenizer gives what a parsing library does not: the line of every
element and text (for ``#:`` references), doctype, comments, script and style
bodies as ``Raw`` markup reproduced byte for byte, and linear time on any
input (an unclosed construct runs to the end of the input, as in a browser).
html5lib's tree construction then builds the tree a browser builds: implied
end tags, ``head`` and ``body`` inserted, misnested formatting elements
re-opened (the adoption agency algorithm), content foster-parented out of
tables.  Nesting deeper than ``MAX_DEPTH`` is rejected with an error rather
than risking recursion limits downstream.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..model import Document, Element, Node, Text
from .front_matter import DEFAULT_KEYS, front_matter_element, split_front_matter
from .html_tree import MAX_DEPTH, RawText, SourceText, build_tree
from .template_tags import split_template_text

VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
RAW_TEXT_TAGS = frozenset({"script", "style"})

# html5lib's token types (html5lib.constants.tokenTypes), spelled out so that
# tokenizing does not import html5lib.
DOCTYPE, CHARACTERS, SPACE, START, END, COMMENT = 0, 1, 2, 3, 4, 6
_HTML_SPACE = " \t\n\f\r"

# The tokenizer.  Python's html.parser rescans the rest of the document after
# every construct that is not closed ("<a <a <a ...", "<!--<!--...", "<?<?..."),
# which is quadratic; this one looks at every character a bounded number of
# times: an unclosed construct runs to the end of the input, as in a browser.
_TAG_OPEN = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)")
_SEPARATOR = re.compile(r"(?:\s|/(?!>))*")


def _after_separator(text: str, pos: int) -> int:
    match = _SEPARATOR.match(text, pos)
    assert match is not None  # the pattern matches the empty string too
    return match.end()
_ATTRIBUTE = re.compile(r"""([^\s/>][^\s/=>]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")


class HtmlTokenizer:
    """Tokens in html5lib's format, with ``line`` (and ``raw``: the markup as
    written) added.  The state the parser sets after a start tag (raw text
    for script and style, escapable raw text for title and textarea) is read
    from ``source``."""

    def __init__(self, text: str, *, line_offset: int = 0) -> None:
        self._text = text
        self.line_offset = line_offset
        self.source: Any = None  # html5lib's TokenSource (untyped); set before tokens are read
        # A piece of a larger stream (an HTML block of a Markdown document):
        # a raw-text element not closed within it is closed at its end, so
        # the Markdown after it is not swallowed as script or title text.
        self.close_raw_text = False
        self._line_pos = 0
        self._line_no = 1

    def _line_of(self, pos: int) -> int:
        # Positions move forward but for the text before a tag (asked after
        # the tag), so counting newlines is linear overall.
        if pos > self._line_pos:
            self._line_no += self._text.count("\n", self._line_pos, pos)
        elif pos < self._line_pos:
            self._line_no -= self._text.count("\n", pos, self._line_pos)
        self._line_pos = pos
        return self._line_no + self.line_offset

    def __iter__(self) -> Iterator[dict]:
        text = self._text
        n = len(text)
        pos = 0
        pending = -1  # start of character data not yet emitted
        while pos < n:
            lt = text.find("<", pos)
            if lt == -1:
                break
            tokens, nxt = self._markup(lt)
            if tokens is None:  # text up to nxt: a literal "<", or a tag cut off by the end
                if pending < 0:
                    pending = pos
                pos = nxt
                continue
            if pending < 0:
                pending = pos
            yield from self._data(pending, lt)
            pending = -1
            for token in tokens:
                yield token
                if token["type"] == START and self.source is not None and self.source.state != "data":
                    nxt = yield from self._raw_text(token["name"], nxt)
            pos = nxt
        if pending < 0:
            pending = pos
        yield from self._data(pending, n)

    def _data(self, start: int, end: int) -> Iterator[dict]:
        if start >= end:
            return
        raw = self._text[start:end]
        rest = raw.lstrip(_HTML_SPACE)
        line = self._line_of(start)
        if len(rest) < len(raw):  # leading space as written (a reference is character data, as in html5lib)
            space = SourceText(raw[: len(raw) - len(rest)])
            space.line = line
            yield {"type": SPACE, "data": space}
            line = self._line_of(end - len(rest))
        if not rest:
            return
        if "{" not in rest:
            data = _decoded(rest)
            data.line = line
            yield {"type": CHARACTERS, "data": data}
            return
        # Template tags in text (MDN's {{Compat}}, a Hugo shortcode in an HTML
        # block of a Markdown page) are opaque, shown as text.
        offset = end - len(rest)
        for piece, is_tag in split_template_text(rest):
            line = self._line_of(offset)
            offset += len(piece)
            if is_tag:
                yield {"type": COMMENT, "data": piece, "raw": unescape(piece), "as_text": True, "line": line}
            else:
                data = _decoded(piece)
                data.line = line
                yield {"type": CHARACTERS, "data": data}

    def _raw_text(self, tag: str, start: int):
        """The content of a raw-text element, up to its end tag (or the end)."""
        state = self.source.state
        self.source.state = "data"
        text = self._text
        close = re.compile(rf"</{re.escape(tag)}(?=[\s/>])", re.IGNORECASE).search(text, start)
        stop = len(text) if close is None or state == "plaintext" else close.start()
        if stop > start:
            raw = text[start:stop]
            if state == "rcdata":
                data = _decoded(raw)
            else:
                data = RawText(raw)
            data.line = self._line_of(start)
            yield {"type": CHARACTERS, "data": data}
        if close is None and self.close_raw_text and state != "plaintext":
            yield {"type": END, "name": tag, "data": [], "selfClosing": False}
        return stop

    def _markup(self, lt: int) -> tuple[list[dict] | None, int]:
        """The tokens of the markup starting at ``text[lt] == "<"`` and the
        position after it; None when the "<" is literal text."""
        text = self._text
        n = len(text)
        if text.startswith("<!--", lt):
            close = text.find("-->", lt + 4)
            end = n if close == -1 else close + 3
            return [self._comment(lt, end)], end
        if text.startswith("<![CDATA[", lt):
            close = text.find("]]>", lt + 9)
            end = n if close == -1 else close + 3
            return [self._comment(lt, end)], end
        if text.startswith("<!", lt) or text.startswith("<?", lt) or text.startswith("</", lt) and not _TAG_OPEN.match(text, lt):
            if text.startswith("</>", lt):  # ignored, as in a browser
                return [], lt + 3
            if lt + 2 >= n:
                return None, lt + 1
            close = text.find(">", lt + 2)
            end = n if close == -1 else close + 1
            markup = text[lt:end]
            if markup[:9].lower() == "<!doctype":
                words = markup[9:].strip(" \t\n>").split(None, 1)
                return [
                    {
                        "type": DOCTYPE,
                        "name": words[0].lower() if words else "",
                        "publicId": None,
                        "systemId": None,
                        "correct": True,
                        "raw": markup,
                        "line": self._line_of(lt),
                    }
                ], end
            return [self._comment(lt, end)], end  # declaration, processing instruction, bogus comment
        match = _TAG_OPEN.match(text, lt)
        if match is None:
            return None, lt + 1
        closing, tag = match.group(1), match.group(2).lower()
        line = self._line_of(lt)
        if closing:
            close = text.find(">", match.end())
            if close == -1:
                return self._rest_is_text(lt)
            return [{"type": END, "name": tag, "data": [], "selfClosing": False, "line": line}], close + 1
        attrs: dict[str, str] = {}
        bare: set[str] = set()
        pos = _after_separator(text, match.end())
        while True:
            if pos >= n:  # a tag cut off by the end of the input
                return self._rest_is_text(lt)
            if text[pos] == ">":
                end, self_closing = pos + 1, False
                break
            if text.startswith("/>", pos):
                end, self_closing = pos + 2, True
                break
            attr = _ATTRIBUTE.match(text, pos)
            if attr is None:  # cannot happen: the separator left a name character
                return None, lt + 1
            name, dq, sq, unquoted = attr.groups()
            value = dq if dq is not None else sq if sq is not None else unquoted
            name = name.lower()
            if name not in attrs:  # the first of duplicates wins, as in a browser
                attrs[name] = "" if value is None else unescape(value)
                if value is None:
                    bare.add(name)
            pos = _after_separator(text, attr.end())
        token = {
            "type": START,
            "name": tag,
            "data": attrs,
            "selfClosing": self_closing,
            "selfClosingAcknowledged": False,
            "line": line,
            "bare": frozenset(bare),
        }
        return [token], end

    def _rest_is_text(self, lt: int) -> tuple[None, int]:
        """A tag cut off by the end of the input: it and all after it is text
        (rescanning each "<" in it as a tag would take quadratic time)."""
        return None, len(self._text)

    def _comment(self, start: int, end: int) -> dict:
        markup = self._text[start:end]
        return {"type": COMMENT, "data": markup, "raw": markup, "line": self._line_of(start)}


def _decoded(raw: str) -> SourceText:
    """Character data with its references decoded; the markup as written is
    kept beside it (``&nbsp;`` goes back into an edition byte for byte) unless
    it holds a "<" (a tag cut off by the end of the input is text, and must
    not become a tag when written back)."""
    if "&" not in raw:
        return SourceText(raw)
    data = SourceText(unescape(raw))
    if "<" not in raw:
        data.source = raw
    return data


def check_depth(root: Element, display_path: str) -> None:
    """Reject a tree deeper than ``MAX_DEPTH`` (iteratively), with the line where
    it gets too deep: nothing downstream has to worry about deep trees then."""
    stack: list[tuple[Element, int]] = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise SourceError(
                f"elements nested more than {MAX_DEPTH} levels deep",
                path=display_path,
                line=element.line or None,
                hint="flatten the markup",
            )
        stack.extend((c, depth + 1) for c in element.children if isinstance(c, Element))


_DOCUMENT_MARKUP = re.compile(r"<(?:!doctype|html|head|body)[\s/>]", re.IGNORECASE)


def parse_fragment(text: str, *, display_path: str = "<html>", line_offset: int = 0) -> list[Node]:
    """The nodes a browser builds for ``text`` as the content of a ``body``."""
    tokenizer = HtmlTokenizer(text, line_offset=line_offset)
    return build_tree(tokenizer, display_path=display_path, fragment=True, set_source=_attach(tokenizer))


def _attach(tokenizer: HtmlTokenizer):
    def attach(source) -> None:
        tokenizer.source = source

    return attach


def parse_html(
    text: str, *, path: Path, display_path: str | None = None, front_matter_keys: tuple[str, ...] = DEFAULT_KEYS
) -> Document:
    shown = display_path or str(path)
    # Front matter (MDN's and Jekyll's HTML pages) is read as in Markdown: the
    # keys' values are units, the block is never prose nor part of a page.
    front: list[Node] = []
    offset = 0
    found = split_front_matter(text)
    if found is not None:
        fence, content, rest = found
        front = [front_matter_element(fence, content, line=1, keys=front_matter_keys, display_path=shown), Text("\n")]
        offset = text.count("\n", 0, rest)
        text = text[rest:]
    if not _DOCUMENT_MARKUP.search(text):
        # A fragment (no doctype, html, head or body): its content, in a body.
        root = Element("body", [], front + parse_fragment(text, display_path=shown, line_offset=offset), 1)
        return Document(path=path, format="html", root=root, full_page=False)
    tokenizer = HtmlTokenizer(text, line_offset=offset)
    nodes = build_tree(tokenizer, display_path=shown, fragment=False, set_source=_attach(tokenizer))
    html_index = next(i for i, n in enumerate(nodes) if isinstance(n, Element) and n.tag == "html")
    html = nodes[html_index]
    assert isinstance(html, Element)
    # Comments after </html> stay at the end of the page.
    html.children.extend(nodes[html_index + 1 :])
    html.children[0:0] = front[:1]  # walked for its units; never written into a page
    return Document(path=path, format="html", root=html, full_page=True, leading=nodes[:html_index])
