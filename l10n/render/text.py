"""Render a translated tree as a plain-text edition, wrapped by display width."""

from __future__ import annotations

import re
from collections.abc import Generator

from ..model import Element, Node, Raw, Text
from ..segment.rules import INLINE_TAGS
from ..formats.front_matter import FRONT_MATTER_TAG
from ..model import text_content
from ..scripts import is_wide
from .html import front_matter_values
from .wrap import display_width, wrap

SKIP = frozenset({"head", "script", "style", "template", "title", "noscript", FRONT_MATTER_TAG})
LIST_TAGS = frozenset({"ul", "ol", "menu"})
INLINE_BLOCK_BREAK = "\n"


def render_text(root: Element, *, width: int = 72, draft_banner: str | None = None) -> str:
    """The edition as plain text.  A page starts with its title (in the head,
    or the front matter) unless its first heading already says it.  A link's
    URL is kept as a numbered reference, ``text [1]``, listed after its
    paragraph (``[1] https://...``); a draft sentence (``<mark
    class="l10n-draft">``) is written ``[DRAFT: ...]``.  Footnote marks keep
    their numbers and link references are numbered after them, so the two
    never share a number."""
    refs = _References(first=_last_footnote_mark(root) + 1)
    blocks = _trampoline(_blocks(root, width, _inline_elements(root), refs))
    title = _page_title(root)
    if title and not (blocks and " ".join(blocks[0].split("\n")[0].split()) == title):
        lines = wrap(title, width)
        blocks.insert(0, "\n".join(lines + ["=" * max(display_width(line) for line in lines)]))
    if draft_banner:
        blocks.insert(0, "\n".join(wrap(f"*** {draft_banner} ***", width)))
    return "\n\n".join(b for b in blocks if b.strip()) + "\n"


def _page_title(root: Element) -> str:
    values = front_matter_values(root)
    if "title" in values:
        return values["title"]
    if root.tag != "html":
        return ""
    head = next((c for c in root.children if isinstance(c, Element) and c.tag == "head"), None)
    title = next((c for c in head.children if isinstance(c, Element) and c.tag == "title"), None) if head else None
    return " ".join(text_content(title).split()) if title is not None else ""


DRAFT_OPEN, DRAFT_CLOSE = "[DRAFT: ", "]"
_SPACES = re.compile(r"[ \t\r\f]+")  # not \s: a no-break space is kept


class _References:
    """Link URLs, numbered in order of first use; each listed once, after the
    block that first cites it."""

    def __init__(self, first: int = 1) -> None:
        self.numbers: dict[str, int] = {}
        self.pending: list[str] = []
        self.first = first  # numbers below are the document's footnote marks

    def cite(self, link: Element) -> str | None:
        """`` [n]`` for a link worth a reference, else None (no URL, a fragment, a
        script URL, a URL that is already the link's own text, or nothing shown:
        an empty link, such as the one a browser leaves where a link wraps a block)."""
        url = (link.get("href") or "").strip()
        if not url or url.startswith("#") or url.lower().startswith(("javascript:", "data:")):
            return None
        shown = " ".join(text_content(link).split())
        if not shown and not _has_image(link):
            return None
        if shown in (url, url.removeprefix("mailto:")):
            return None
        number = self.numbers.get(url)
        if number is None:
            number = self.numbers[url] = len(self.numbers) + self.first
            self.pending.append(f"[{number}] {url}")
        # "text [1]" in Latin script; "『보고서』[1]에서", "附件[1]" where words are not spaced.
        return f"[{number}]" if shown and is_wide(shown[-1]) else f" [{number}]"

    def take(self) -> list[str]:
        """The references cited since the last call, as one block (URLs never wrapped)."""
        if not self.pending:
            return []
        block, self.pending = "\n".join(self.pending), []
        return [block]


_FOOTNOTE_MARK = re.compile(r"\[?\^?(\d{1,4})\]?")


def _last_footnote_mark(root: Element) -> int:
    """The highest footnote mark of the document: the number a link to a place
    in the page shows (``<a href="#fn3">[3]</a>``, ``<sup><a href="#n3">3</a></sup>``);
    0 when there is none."""
    last = 0
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if not isinstance(node, Element):
            continue
        if node.tag == "a" and (node.get("href") or "").startswith("#"):
            mark = _FOOTNOTE_MARK.fullmatch("".join(text_content(node).split()))
            if mark:
                last = max(last, int(mark.group(1)))
        stack.extend(node.children)
    return last


def _has_image(element: Element) -> bool:
    stack: list[Node] = list(element.children)
    while stack:
        node = stack.pop()
        if isinstance(node, Element):
            if node.tag == "img" and (node.get("alt") or "").strip():
                return True
            stack.extend(node.children)
    return False


def _inline_text(nodes: list[Node], refs: _References) -> str:
    parts: list[str] = []
    stack: list[Node | str] = list(reversed(nodes))  # a str: text to emit after an element
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            parts.append(node)
        elif isinstance(node, Text):
            parts.append(" ".join(node.text.split("\n")) if "\n" in node.text else node.text)
        elif isinstance(node, Raw):
            continue
        elif node.tag == "br":
            parts.append(INLINE_BLOCK_BREAK)
        elif node.tag == "img":
            alt = (node.get("alt") or "").strip()
            if alt:
                parts.append(f"[{alt}]")
        elif node.tag not in SKIP:
            if node.tag == "mark" and node.get("class") == "l10n-draft":
                parts.append(DRAFT_OPEN)
                stack.append(DRAFT_CLOSE)
            elif node.tag == "a":
                reference = refs.cite(node)
                if reference:
                    stack.append(reference)
            stack.extend(reversed(node.children))
    text = "".join(parts)
    # Normalize spaces but keep hard breaks.
    if "\n" not in text and "\t" not in text and "\r" not in text and "\f" not in text and "  " not in text:
        return text.strip()  # one line with nothing to collapse: the common case, without the regex
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


# A block renderer yields the renderer of a nested block and is sent its lines.
Steps = Generator["Steps", list[str], list[str]]


def _trampoline(gen: Steps) -> list[str]:
    """Run generator-based recursion on an explicit stack: a generator yields a
    sub-generator and is sent its result.  Deep trees cannot exhaust Python's stack."""
    stack = [gen]
    # None starts a generator; after that, the lines a finished one returned.
    value: list[str] | None = None
    while stack:
        try:
            sub = stack[-1].send(value)  # type: ignore[arg-type]  # None only primes a new generator
        except StopIteration as stop:
            stack.pop()
            value = stop.value
            continue
        stack.append(sub)
        value = None
    assert value is not None  # the outermost generator returned its lines
    return value


def _inline_elements(root: Element) -> dict[int, tuple[Element, bool]]:
    """For every element under ``root``: is it inline (a phrasing element with only
    phrasing elements inside)?  Computed once, bottom-up, without recursion."""
    order: list[Element] = []
    stack = [root]
    while stack:
        element = stack.pop()
        order.append(element)
        stack.extend(c for c in element.children if isinstance(c, Element))
    result: dict[int, tuple[Element, bool]] = {}
    for element in reversed(order):  # children before their parent
        result[id(element)] = (
            element,
            element.tag in INLINE_TAGS
            and all(result[id(c)][1] for c in element.children if isinstance(c, Element)),
        )
    return result


def _blocks(element: Element, width: int, inline: dict, refs: _References) -> Steps:
    width = max(width, 10)
    out: list[str] = []
    run: list[Node] = []

    def flush() -> None:
        if run:
            text = _inline_text(run, refs)
            if text:
                out.append("\n".join(wrap(text, width)))
                out.extend(refs.take())
            run.clear()

    for child in element.children:
        # Text and template text are inline; an element as _inline_elements found it.
        if isinstance(child, (Text, Raw)) or inline[id(child)][1]:
            run.append(child)
            continue
        flush()
        assert isinstance(child, Element)
        out.extend((yield _block(child, width, inline, refs)))
    flush()
    return out


def _block(el: Element, width: int, inline: dict, refs: _References) -> Steps:
    tag = el.tag
    if tag in SKIP:
        return []
    if tag in ("h1", "h2"):
        text = _inline_text(el.children, refs)
        lines = wrap(text, width)
        rule = ("=" if tag == "h1" else "-") * max(display_width(line) for line in lines)
        return ["\n".join(lines + [rule]), *refs.take()]
    if tag == "pre":
        return [text_content(el).rstrip("\n")]
    if tag == "hr":
        return ["* * *"]
    if tag in LIST_TAGS:
        items = [c for c in el.children if isinstance(c, Element) and c.tag == "li"]
        start = int(el.get("start") or 1) if (el.get("start") or "1").isdigit() else 1
        rendered = []
        for number, item in enumerate(items, start):
            marker = f"{number}. " if tag == "ol" else "- "
            inner = yield _blocks(item, width - len(marker), inline, refs)
            rendered.append(_prefix("\n\n".join(inner), marker, " " * len(marker)))
        return ["\n".join(rendered)]
    if tag == "blockquote":
        body = "\n\n".join((yield _blocks(el, width - 2, inline, refs)))
        return [_prefix(body, "> ", "> ", blank=">")]
    if tag == "table":
        rows = []
        stack: list[Node] = [el]
        while stack:  # document order: children pushed in reverse (no pop(0))
            node = stack.pop()
            if isinstance(node, Element):
                if node.tag == "tr":
                    cells = [c for c in node.children if isinstance(c, Element) and c.tag in ("td", "th")]
                    rows.append(" | ".join(_SPACES.sub(" ", _inline_text(c.children, refs).replace("\n", " ")) for c in cells))
                else:
                    stack.extend(reversed(node.children))
        return ["\n".join(rows), *refs.take()]
    if tag == "img":
        alt = (el.get("alt") or "").strip()
        return [f"[{alt}]"] if alt else []
    return (yield _blocks(el, width, inline, refs))


def _prefix(text: str, first: str, rest: str, blank: str | None = None) -> str:
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        if not line and blank is not None:
            out.append(blank)
        else:
            out.append((first if i == 0 else rest) + line if line else "")
    return "\n".join(out)
