"""Render a translated tree as a plain-text edition, wrapped by display width."""

from __future__ import annotations

from ..model import Element, Node, Raw, Text
from .wrap import display_width, wrap

SKIP = frozenset({"head", "script", "style", "template", "title", "noscript"})
LIST_TAGS = frozenset({"ul", "ol", "menu"})
INLINE_BLOCK_BREAK = "\n"


def render_text(root: Element, *, width: int = 72, draft_banner: str | None = None) -> str:
    blocks = _blocks(root, width)
    if draft_banner:
        blocks.insert(0, "\n".join(wrap(f"*** {draft_banner} ***", width)))
    return "\n\n".join(b for b in blocks if b.strip()) + "\n"


def _inline_text(nodes: list[Node]) -> str:
    parts: list[str] = []
    stack: list[Node] = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if isinstance(node, Text):
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
            stack.extend(reversed(node.children))
    text = "".join(parts)
    # Normalize spaces but keep hard breaks.
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _is_inline(node: Node) -> bool:
    from ..segment.rules import INLINE_TAGS

    if isinstance(node, (Text, Raw)):
        return True
    return node.tag in INLINE_TAGS and not any(
        isinstance(c, Element) and not _is_inline(c) for c in node.children
    )


def _blocks(element: Element, width: int) -> list[str]:
    width = max(width, 10)
    out: list[str] = []
    run: list[Node] = []

    def flush() -> None:
        if run:
            text = _inline_text(run)
            if text:
                out.append("\n".join(wrap(text, width)))
            run.clear()

    for child in element.children:
        if _is_inline(child):
            run.append(child)
            continue
        flush()
        assert isinstance(child, Element)
        out.extend(_block(child, width))
    flush()
    return out


def _block(el: Element, width: int) -> list[str]:
    tag = el.tag
    if tag in SKIP:
        return []
    if tag in ("h1", "h2"):
        text = _inline_text(el.children)
        lines = wrap(text, width)
        rule = ("=" if tag == "h1" else "-") * max(display_width(line) for line in lines)
        return ["\n".join(lines + [rule])]
    if tag == "pre":
        return [_raw_text(el).rstrip("\n")]
    if tag == "hr":
        return ["* * *"]
    if tag in LIST_TAGS:
        items = [c for c in el.children if isinstance(c, Element) and c.tag == "li"]
        start = int(el.get("start") or 1) if (el.get("start") or "1").isdigit() else 1
        rendered = []
        for number, item in enumerate(items, start):
            marker = f"{number}. " if tag == "ol" else "- "
            inner = _blocks(item, width - len(marker))
            rendered.append(_prefix("\n\n".join(inner), marker, " " * len(marker)))
        return ["\n".join(rendered)]
    if tag == "blockquote":
        inner = "\n\n".join(_blocks(el, width - 2))
        return [_prefix(inner, "> ", "> ", blank=">")]
    if tag == "table":
        rows = []
        stack: list[Node] = [el]
        while stack:
            node = stack.pop(0)
            if isinstance(node, Element):
                if node.tag == "tr":
                    cells = [c for c in node.children if isinstance(c, Element) and c.tag in ("td", "th")]
                    rows.append(" | ".join(" ".join(_inline_text(c.children).split()) for c in cells))
                else:
                    stack[0:0] = node.children
        return ["\n".join(rows)]
    if tag == "img":
        alt = (el.get("alt") or "").strip()
        return [f"[{alt}]"] if alt else []
    return _blocks(el, width)


def _raw_text(el: Element) -> str:
    parts = []
    for c in el.children:
        if isinstance(c, Text):
            parts.append(c.text)
        elif isinstance(c, Element):
            parts.append(_raw_text(c))
    return "".join(parts)


def _prefix(text: str, first: str, rest: str, blank: str | None = None) -> str:
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        if not line and blank is not None:
            out.append(blank)
        else:
            out.append((first if i == 0 else rest) + line if line else "")
    return "\n".join(out)
