"""The document tree every reader produces and every renderer consumes.

Markdown, HTML and plain text are all read into the same small tree of
``Element``, ``Text`` and ``Raw`` nodes, so segmentation and rendering are
written once.  ``Raw`` holds markup that is reproduced byte for byte and never
translated (comments, doctype, script and style bodies, raw inline HTML), or,
with ``as_text``, template text that is never translated and shown as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

#: Source file suffix -> the reader that handles it (lower case).  The config
#: checks ``sources`` against it at load time; ``formats`` dispatches on it.
SOURCE_FORMATS = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".txt": "text", ".text": "text",
}


@dataclass
class Text:
    text: str
    line: int = 0  # where the text starts in the source, when known
    # The source markup of text read with character references (``&nbsp;``,
    # ``&copy;``), so text that is not translated is written back as it was.
    source: str | None = None


@dataclass
class Raw:
    markup: str
    # Template text (a shortcode, a Liquid tag, an MDN macro): opaque like
    # markup, but a page shows it as text, so it is HTML-escaped when written
    # ("cat <<EOF" in a shortcode must not open an <eof> element).
    as_text: bool = False


@dataclass
class Element:
    tag: str
    attrs: list[tuple[str, str | None]] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)
    line: int = 0

    def get(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None

    def shallow_copy(self) -> "Element":
        return Element(self.tag, list(self.attrs), [], self.line)


Node = Union[Element, Text, Raw]


def text_content(node: Node) -> str:
    """The text under ``node`` in document order (the DOM's ``textContent``; raw markup left out)."""
    parts: list[str] = []
    stack: list[Node] = [node]
    while stack:  # document order without recursion
        current = stack.pop()
        if isinstance(current, Text):
            parts.append(current.text)
        elif isinstance(current, Element):
            stack.extend(reversed(current.children))
    return "".join(parts)


@dataclass
class Document:
    """A parsed source document.

    ``root`` is an ``html`` element for HTML pages that have one (``full_page``),
    otherwise a ``body``-like container element holding the content.
    """

    path: Path
    format: str  # "markdown" | "html" | "text"
    root: Element
    full_page: bool = False
    leading: list[Node] = field(default_factory=list)  # doctype, comments before <html>
    # element -> attributes translated on it, "*" for any element (the project's
    # translatable_attributes); empty: segment.rules.TRANSLATABLE_ATTRIBUTES
    attributes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """``<doc>``: the file name without its suffix."""
        return self.path.stem


@dataclass(frozen=True)
class Unit:
    """One translatable sentence: its msgid and where it was found."""

    msgid: str
    line: int
    note: str = ""  # extracted comment, e.g. "alt text of <img>"
