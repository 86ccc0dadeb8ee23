"""HTML tree construction by the HTML standard's rules, through html5lib.

Our tokenizer (``html.tokenize_html``) keeps what a library does not give:
source lines, markup kept as written (doctype, comments, script and style
bodies), linear time.  html5lib's tree construction (the standard's insertion
modes: implied end tags, ``head``/``body`` insertion, the adoption agency
algorithm for misnested formatting elements, foster parenting out of tables)
decides the structure, so a document gets the tree a browser builds.  The two
meet here: html5lib's parser reads our token stream and builds our model
nodes through the tree-builder interface below.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..errors import SourceError
from ..model import Element, Node, Raw, Text

MAX_DEPTH = 256


class SourceText(str):
    """Character data that remembers its source line and, when it was written
    with character references, its markup (html5lib passes it through)."""

    line: int = 0
    source: str | None = None  # the undecoded text, when it differs


class RawText(SourceText):
    """The body of a raw-text element (script, style, ...): kept byte for byte."""


class _Stream:
    """What html5lib's parser asks of its input stream: the encoding is settled
    (the text is already decoded) and positions are not needed for errors."""

    charEncoding = (None, "certain")

    def position(self) -> tuple[int, int]:
        return (0, 0)


class TokenSource:
    """Stands in for html5lib's tokenizer: yields our tokens, and lets the parser
    switch the state after a ``title``, ``textarea``, ``script`` or ``style``
    start tag, as html5lib's own tokenizer does; the HTML tokenizer reads
    ``state`` to know that raw text follows."""

    DATA = "data"
    rcdataState = "rcdata"
    rawtextState = "rawtext"
    scriptDataState = "rawtext"
    plaintextState = "plaintext"

    def __init__(self, tokens: Iterable[dict]) -> None:
        self.state = self.DATA
        self.stream = _Stream()
        self._tokens = tokens

    def __iter__(self) -> Iterator[dict]:
        return iter(self._tokens)


class _Node:
    """html5lib's ``treebuilders.base.Node`` interface over one model node."""

    __slots__ = ("node", "name", "namespace", "parent", "childNodes", "attributes", "bare", "_flags", "parts")

    def __init__(self, node: Node, name: str | None, namespace: str | None = None) -> None:
        self.node = node
        self.name = name
        self.namespace = namespace
        self.parent: _Node | None = None
        self.childNodes: list[_Node] = []
        self.attributes: dict = {}
        self.bare: frozenset[str] = frozenset()
        self._flags: list = []
        # Of a text node merged from pieces, some written with references: their
        # markup, joined into ``Text.source`` once at the end (linear time).
        self.parts: list[str] | None = None

    @property
    def nameTuple(self) -> tuple:
        from html5lib.constants import namespaces

        return (self.namespace or namespaces["html"], self.name)

    def appendChild(self, child: "_Node") -> None:
        self.childNodes.append(child)
        self.node.children.append(child.node)  # type: ignore[union-attr]  # a node given children wraps an Element
        child.parent = self

    def insertText(self, data: str, insertBefore: "_Node | None" = None) -> None:
        children = self.node.children  # type: ignore[union-attr]  # a node given children wraps an Element
        if isinstance(data, RawText):
            self._insert(_Node(Raw(str(data)), None), insertBefore)
            return
        index = len(children) if insertBefore is None else children.index(insertBefore.node)
        source = getattr(data, "source", None)
        previous = children[index - 1] if index else None
        if isinstance(previous, Text):
            wrapper = self.childNodes[index - 1]
            if wrapper.parts is None and (previous.source is not None or source is not None):
                wrapper.parts = [_markup(previous.text, previous.source)]
            if wrapper.parts is not None:
                wrapper.parts.append(_markup(data, source))
            previous.text += data
            if not previous.line:
                previous.line = getattr(data, "line", 0)
            return
        self._insert(_Node(Text(str(data), getattr(data, "line", 0), source), None), insertBefore)

    def _insert(self, child: "_Node", before: "_Node | None") -> None:
        if before is None:
            self.appendChild(child)
        else:
            self.insertBefore(child, before)

    def insertBefore(self, child: "_Node", refNode: "_Node") -> None:
        index = self.childNodes.index(refNode)
        self.childNodes.insert(index, child)
        children = self.node.children  # type: ignore[union-attr]  # a node given children wraps an Element
        children.insert(children.index(refNode.node), child.node)
        child.parent = self

    def removeChild(self, child: "_Node") -> None:
        self.childNodes.remove(child)
        children = self.node.children  # type: ignore[union-attr]  # a node given children wraps an Element
        for i, node in enumerate(children):
            if node is child.node:
                del children[i]
                break
        child.parent = None

    def reparentChildren(self, newParent: "_Node") -> None:
        for child in self.childNodes:
            child.parent = newParent
        newParent.childNodes.extend(self.childNodes)
        newParent.node.children.extend(self.node.children)  # type: ignore[union-attr]  # a node given children wraps an Element
        self.childNodes = []
        self.node.children = []  # type: ignore[union-attr]  # a node given children wraps an Element

    def cloneNode(self) -> "_Node":
        element = self.node
        assert isinstance(element, Element)
        clone = _Node(element.shallow_copy(), self.name, self.namespace)
        clone.attributes = dict(self.attributes)
        clone.bare = self.bare
        return clone

    def hasContent(self) -> bool:
        return bool(self.node.children)  # type: ignore[union-attr]  # a node given children wraps an Element


def _markup(text: str, source: str | None) -> str:
    """Text as the source wrote it: its markup, or (read without references)
    the text with the characters that are markup escaped."""
    if source is not None:
        return source
    return str(text).replace("&", "&amp;").replace("<", "&lt;")


def _tree_builder_class(display_path: str):
    from html5lib.treebuilders import base

    class TreeBuilder(base.TreeBuilder):
        def __init__(self, namespaceHTMLElements: bool) -> None:
            self.elements: list[_Node] = []
            self.line = 0
            super().__init__(namespaceHTMLElements)

        def reset(self) -> None:
            super().reset()
            self.elements = []

        # html5lib calls these class attributes as factories.
        def documentClass(self) -> _Node:
            return _Node(Element("#document"), None)

        def fragmentClass(self) -> _Node:
            return _Node(Element("#fragment"), None)

        def elementClass(self, name: str, namespace: str | None = None) -> _Node:
            node = _Node(Element(name, line=self.line), name, namespace)
            self.elements.append(node)
            return node

        def commentClass(self, data: str) -> _Node:
            return _Node(Raw(data), None)

        def insertComment(self, token: dict, parent: _Node | None = None) -> None:
            if parent is None:
                parent = self.openElements[-1]
            raw = token.get("raw") or f"<!--{token['data']}-->"
            parent.appendChild(_Node(Raw(raw, token.get("as_text", False)), None))

        def insertDoctype(self, token: dict) -> None:
            self.document.appendChild(_Node(Raw(token.get("raw") or "<!DOCTYPE html>"), None))

        def createElement(self, token: dict) -> _Node:
            self.line = token.get("line") or self.line
            node = super().createElement(token)
            node.bare = token.get("bare", frozenset())
            return node

        def insertElementNormal(self, token: dict) -> _Node:
            self.line = token.get("line") or self.line
            if len(self.openElements) > MAX_DEPTH:
                raise SourceError(
                    f"elements nested more than {MAX_DEPTH} levels deep",
                    path=display_path,
                    line=self.line or None,
                    hint="flatten the markup",
                )
            node = super().insertElementNormal(token)
            node.bare = token.get("bare", frozenset())
            return node

        def insertElementTable(self, token: dict) -> _Node:
            self.line = token.get("line") or self.line
            node = super().insertElementTable(token)
            node.bare = token.get("bare", frozenset())
            return node

        def finish(self) -> None:
            """Copy html5lib's attribute dicts (which it edits in place) to the model,
            and the markup of merged text to its ``Text``."""
            for parent in [self.document, *self.elements]:
                for child in parent.childNodes:
                    if child.parts is not None:
                        child.node.source = "".join(child.parts)
            for node in self.elements:
                element = node.node
                assert isinstance(element, Element)
                element.attrs = [
                    (_attribute_name(key), None if key in node.bare else value)
                    for key, value in node.attributes.items()
                ]

    return TreeBuilder


def _attribute_name(key) -> str:
    if isinstance(key, tuple):  # a namespaced attribute of SVG or MathML: (prefix, name, namespace)
        prefix, name = key[0], key[1]
        return f"{prefix}:{name}" if prefix else name
    return key


# White space around the page's skeleton, which tree construction drops (before
# <html>, between <html> and <head>, after </html>) or moves into the body (after
# </body>), is kept where it was written, so a page's skeleton goes back into its
# editions byte for byte; the elements and their text are as a browser has them.
def _space_in_document(phase, token: dict) -> None:
    phase.tree.document.insertText(token["data"])


def _space_in_html(phase, token: dict) -> None:
    phase.tree.openElements[0].insertText(token["data"])


def _space_dropped(phase, token: dict) -> None:
    pass  # after </html>: the page ends with one line break


_SKELETON_SPACE = {
    "initial": _space_in_document,
    "beforeHtml": _space_in_document,
    "beforeHead": _space_in_html,
    "afterBody": _space_in_html,
    "afterAfterBody": _space_dropped,
}


def build_tree(
    tokens: Iterable[dict], *, display_path: str, fragment: bool, set_source=None
) -> list[Node]:
    """The top-level nodes html5lib's tree construction gives for ``tokens``:
    the document's children (doctype, comments, ``html``), or for a
    ``fragment`` the children of a ``body`` element.  ``set_source``, if
    given, is called with the ``TokenSource`` before parsing starts (the
    tokenizer reads its state)."""
    from html5lib.html5parser import HTMLParser

    source = TokenSource(tokens)
    if set_source is not None:
        set_source(source)
    builder_class = _tree_builder_class(display_path)

    class Parser(HTMLParser):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            for name, place in _SKELETON_SPACE.items():
                base = type(self.phases[name])
                kept = type(base.__name__, (base,), {"processSpaceCharacters": place})
                self.phases[name] = kept(self, self.tree)

        def _parse(self, stream, innerHTML=False, container="div", scripting=False, **kwargs):
            self.innerHTMLMode = innerHTML
            self.container = container
            self.scripting = scripting
            self.tokenizer = source
            self.reset()
            self.mainLoop()

        def parseError(self, errorcode="XXX-undefined-error", datavars=None):
            pass  # broken markup is repaired, never reported: browsers accept it

    parser = Parser(tree=builder_class, namespaceHTMLElements=False)
    if fragment:
        parser._parse(None, True, container="body")
        tree = parser.tree
        root = tree.openElements[0]
        nodes = list(root.node.children)
    else:
        parser._parse(None, False, None)
        tree = parser.tree
        nodes = list(tree.document.node.children)
    tree.finish()
    return nodes
