"""HTML reader: a forgiving, linear-time tokenizer and tree builder.

It repairs the common breakage the way browsers do for the cases that matter
to text (a ``<p>`` closed by the next block, ``<li>`` closed by the next item,
stray end tags ignored, unclosed elements closed at the end) and keeps
everything it does not translate (doctype, comments, script and style bodies)
as ``Raw`` markup.  Nesting deeper than ``MAX_DEPTH`` is rejected with an
error rather than risking recursion limits downstream.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from ..errors import SourceError
from ..model import Document, Element, Node, Raw, Text

MAX_DEPTH = 256

VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
RAW_TEXT_TAGS = frozenset({"script", "style"})
# Start tags that close an open <p> (HTML's "close a p element" rule).
CLOSES_P = frozenset(
    """address article aside blockquote details dialog div dl fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul""".split()
)
# tag -> tags an open one of which it closes, stopping at the given scope tags.
_IMPLICIT_CLOSE = {
    "li": ({"li"}, {"ul", "ol", "menu"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "tr": ({"tr", "td", "th"}, {"table", "thead", "tbody", "tfoot"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "option": ({"option"}, {"select", "datalist"}),
    "thead": ({"tbody", "tfoot", "tr", "td", "th"}, {"table"}),
    "tbody": ({"thead", "tbody", "tfoot", "tr", "td", "th"}, {"table"}),
    "tfoot": ({"thead", "tbody", "tr", "td", "th"}, {"table"}),
}


# The tokenizer.  Python's html.parser rescans the rest of the document after
# every construct that is not closed ("<a <a <a ...", "<!--<!--...", "<?<?..."),
# which is quadratic; this one looks at every character a bounded number of
# times: an unclosed construct runs to the end of the input, as in a browser.
_TAG_OPEN = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)")
_SEPARATOR = re.compile(r"(?:\s|/(?!>))*")
_ATTRIBUTE = re.compile(r"""([^\s/>][^\s/=>]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
_RAW_TEXT_END = {tag: re.compile(rf"</{tag}(?=[\s/>])", re.IGNORECASE) for tag in RAW_TEXT_TAGS}


class _TreeBuilder:
    def __init__(self, display_path: str, line_offset: int = 0) -> None:
        self.display_path = display_path
        self.line_offset = line_offset
        self.root = Element("#root", line=1)
        self.stack: list[Element] = [self.root]
        self._text = ""
        self._line_pos = 0
        self._line_no = 1

    # -- helpers -------------------------------------------------------
    def _line_of(self, pos: int) -> int:
        # Positions only move forward, so counting newlines is linear overall.
        if pos > self._line_pos:
            self._line_no += self._text.count("\n", self._line_pos, pos)
            self._line_pos = pos
        return self._line_no + self.line_offset

    def _append(self, node: Node) -> None:
        self.stack[-1].children.append(node)

    def _pop_until(self, tags: set[str], scope: set[str]) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[i].tag
            if tag in scope:
                return
            if tag in tags:
                del self.stack[i:]
                return

    # -- tokenizer -----------------------------------------------------
    def feed(self, text: str) -> None:
        """Tokenize ``text`` (the whole input) and build the tree, in linear time."""
        self._text = text
        self._line_pos, self._line_no = 0, 1
        n = len(text)
        pos = 0
        while pos < n:
            lt = text.find("<", pos)
            if lt == -1:
                self._data(pos, n)
                return
            self._data(pos, lt)
            nxt = self._markup(lt)
            if nxt is None:  # a "<" that starts no markup is text
                nxt = lt + 1
                self._data(lt, nxt)
            pos = nxt

    def close(self) -> None:
        pass

    def _data(self, start: int, end: int) -> None:
        if start >= end:
            return
        children = self.stack[-1].children
        raw = self._text[start:end]
        # Adjacent text (a literal "<" and what follows) makes one Text node.
        if children and isinstance(children[-1], _PendingText) and children[-1].end == start:
            children[-1].parts.append(raw)
            children[-1].end = end
            return
        children.append(_PendingText(self._line_of(start), [raw], end))

    def _markup(self, lt: int) -> int | None:
        """Handle the markup starting at ``text[lt] == "<"``; the position after it,
        or None when the "<" is literal text."""
        text = self._text
        n = len(text)
        if text.startswith("<!--", lt):
            close = text.find("-->", lt + 4)
            end = n if close == -1 else close + 3
            self._raw(lt, end)
            return end
        if text.startswith("<![CDATA[", lt):
            close = text.find("]]>", lt + 9)
            end = n if close == -1 else close + 3
            self._raw(lt, end)
            return end
        if text.startswith("<!", lt) or text.startswith("<?", lt) or text.startswith("</", lt) and not _TAG_OPEN.match(text, lt):
            if text.startswith("</>", lt):  # ignored, as in a browser
                return lt + 3
            if lt + 2 >= n:
                return None
            close = text.find(">", lt + 2)
            end = n if close == -1 else close + 1
            self._raw(lt, end)  # doctype, declaration, processing instruction, bogus comment
            return end
        match = _TAG_OPEN.match(text, lt)
        if match is None:
            return None
        closing, tag = match.group(1), match.group(2).lower()
        line = self._line_of(lt)
        if closing:
            close = text.find(">", match.end())
            if close == -1:
                return self._rest_is_text(lt)
            self.handle_endtag(tag)
            return close + 1
        attrs: list[tuple[str, str | None]] = []
        pos = _SEPARATOR.match(text, match.end()).end()
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
                return None
            name, dq, sq, bare = attr.groups()
            value = dq if dq is not None else sq if sq is not None else bare
            attrs.append((name.lower(), None if value is None else unescape(value)))
            pos = _SEPARATOR.match(text, attr.end()).end()
        if self_closing:
            self.handle_startendtag(tag, attrs, line)
            return end
        self.handle_starttag(tag, attrs, line)
        if tag in RAW_TEXT_TAGS and self.stack[-1].tag == tag:
            close = _RAW_TEXT_END[tag].search(text, end)
            stop = n if close is None else close.start()
            if stop > end:
                self._append(Raw(text[end:stop]))
            return stop
        return end

    def _rest_is_text(self, lt: int) -> int:
        """A tag cut off by the end of the input: it and all after it is text
        (rescanning each "<" in it as a tag would take quadratic time)."""
        self._data(lt, len(self._text))
        return len(self._text)

    def _raw(self, start: int, end: int) -> None:
        self._append(Raw(self._text[start:end]))

    # -- tree building -------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]], line: int) -> None:
        if tag in CLOSES_P:
            self._pop_until({"p"}, {"button", "table", "td", "th", "li", "blockquote", "div"} - {tag})
        if tag in _IMPLICIT_CLOSE:
            closes, scope = _IMPLICIT_CLOSE[tag]
            self._pop_until(set(closes), set(scope))
        element = Element(tag, list(attrs), [], line)
        self._append(element)
        if tag not in VOID_TAGS:
            if len(self.stack) > MAX_DEPTH:
                raise SourceError(
                    f"elements nested more than {MAX_DEPTH} levels deep",
                    path=self.display_path,
                    line=line,
                    hint="flatten the markup",
                )
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]], line: int) -> None:
        self._append(Element(tag, list(attrs), [], line))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
        # A stray end tag is ignored, as browsers do (except </p>, which they
        # turn into an empty paragraph; nothing there to translate).


class _PendingText:
    """Text being collected; turned into a ``Text`` (entities decoded) at the end."""

    __slots__ = ("line", "parts", "end")

    def __init__(self, line: int, parts: list[str], end: int) -> None:
        self.line = line
        self.parts = parts
        self.end = end


def _finish(root: Element) -> None:
    """Replace every ``_PendingText`` by a ``Text`` (iteratively: trees may be deep)."""
    stack = [root]
    while stack:
        element = stack.pop()
        children = element.children
        for index, child in enumerate(children):
            if isinstance(child, _PendingText):
                raw = "".join(child.parts)
                children[index] = Text(unescape(raw), child.line, raw if "&" in raw else None)
            elif isinstance(child, Element):
                stack.append(child)


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


def parse_fragment(text: str, *, display_path: str = "<html>", line_offset: int = 0) -> list[Node]:
    """Parse HTML into a list of top-level nodes (used for raw HTML in Markdown)."""
    builder = _TreeBuilder(display_path, line_offset)
    builder.feed(text)
    _finish(builder.root)
    return builder.root.children


def parse_html(text: str, *, path: Path, display_path: str | None = None) -> Document:
    nodes = parse_fragment(text, display_path=display_path or str(path))
    html_index = next(
        (i for i, n in enumerate(nodes) if isinstance(n, Element) and n.tag == "html"), None
    )
    if html_index is not None:
        html = nodes[html_index]
        assert isinstance(html, Element)
        # Whatever follows </html> belongs in the body, as in a browser.
        trailing = [n for n in nodes[html_index + 1 :] if not (isinstance(n, Text) and not n.text.strip())]
        if trailing:
            body = next((c for c in html.children if isinstance(c, Element) and c.tag == "body"), html)
            body.children.extend(trailing)
        return Document(path=path, format="html", root=html, full_page=True, leading=nodes[:html_index])
    # A fragment, or a page without <html>: look for a doctype to keep.
    skip = 0
    while skip < len(nodes) and isinstance(nodes[skip], Raw) and nodes[skip].markup.lower().startswith("<!doctype"):
        skip += 1
    leading, nodes = nodes[:skip], nodes[skip:]
    root = Element("body", [], nodes, 1)
    return Document(path=path, format="html", root=root, full_page=bool(leading), leading=leading)
