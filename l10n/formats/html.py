"""HTML reader: a forgiving tree builder over the standard library's HTMLParser.

It repairs the common breakage the way browsers do for the cases that matter
to text (a ``<p>`` closed by the next block, ``<li>`` closed by the next item,
stray end tags ignored, unclosed elements closed at the end) and keeps
everything it does not translate (doctype, comments, script and style bodies)
as ``Raw`` markup.  Nesting deeper than ``MAX_DEPTH`` is rejected with an
error rather than risking recursion limits downstream.
"""

from __future__ import annotations

from html.parser import HTMLParser
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


class _TreeBuilder(HTMLParser):
    def __init__(self, display_path: str, line_offset: int = 0) -> None:
        super().__init__(convert_charrefs=True)
        self.display_path = display_path
        self.line_offset = line_offset
        self.root = Element("#root", line=1)
        self.stack: list[Element] = [self.root]

    # -- helpers -------------------------------------------------------
    def _line(self) -> int:
        return self.getpos()[0] + self.line_offset

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

    # -- HTMLParser callbacks -------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CLOSES_P:
            self._pop_until({"p"}, {"button", "table", "td", "th", "li", "blockquote", "div"} - {tag})
        if tag in _IMPLICIT_CLOSE:
            closes, scope = _IMPLICIT_CLOSE[tag]
            self._pop_until(set(closes), set(scope))
        element = Element(tag, list(attrs), [], self._line())
        self._append(element)
        if tag not in VOID_TAGS:
            if len(self.stack) > MAX_DEPTH:
                raise SourceError(
                    f"elements nested more than {MAX_DEPTH} levels deep",
                    path=self.display_path,
                    line=self._line(),
                    hint="flatten the markup",
                )
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._append(Element(tag, list(attrs), [], self._line()))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
        # A stray end tag is ignored, as browsers do (except </p>, which they
        # turn into an empty paragraph; nothing there to translate).

    def handle_data(self, data: str) -> None:
        if self.stack[-1].tag in RAW_TEXT_TAGS:
            self._append(Raw(data))
        else:
            self._append(Text(data, self._line()))

    def handle_comment(self, data: str) -> None:
        self._append(Raw(f"<!--{data}-->"))

    def handle_decl(self, decl: str) -> None:
        self._append(Raw(f"<!{decl}>"))

    def handle_pi(self, data: str) -> None:
        self._append(Raw(f"<?{data}>"))

    def unknown_decl(self, data: str) -> None:
        self._append(Raw(f"<![{data}]>"))


def parse_fragment(text: str, *, display_path: str = "<html>", line_offset: int = 0) -> list[Node]:
    """Parse HTML into a list of top-level nodes (used for raw HTML in Markdown)."""
    builder = _TreeBuilder(display_path, line_offset)
    builder.feed(text)
    builder.close()
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
    leading: list[Node] = []
    while nodes and isinstance(nodes[0], Raw) and nodes[0].markup.lower().startswith("<!doctype"):
        leading.append(nodes.pop(0))
    root = Element("body", [], nodes, 1)
    return Document(path=path, format="html", root=root, full_page=bool(leading), leading=leading)
