"""Serialize a translated tree as a standalone HTML5 edition."""

from __future__ import annotations

from html import escape

from ..model import Document, Element, Node, Raw, Text
from ..formats.html import RAW_TEXT_TAGS, VOID_TAGS
from .print_style import PRINT_CSS

FONT_CSS = """\
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK KR",
  "Noto Sans CJK SC", "Noto Sans CJK JP", "Apple SD Gothic Neo", "Malgun Gothic", "PingFang SC",
  "Hiragino Sans", "Microsoft YaHei", "Noto Sans Arabic", "Noto Naskh Arabic", sans-serif;
  line-height: 1.65; max-width: 44em; margin: 2em auto; padding: 0 1em; }
:lang(ko) { font-family: "Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; word-break: keep-all; }
:lang(zh-Hans) { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
:lang(zh-Hant) { font-family: "Noto Sans CJK TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", sans-serif; }
:lang(ja) { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif; }
:lang(en) { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
mark.l10n-draft { background: #fff1a8; outline: 1px dashed #b58900; }
.l10n-draft-banner { background: #b58900; color: #fff; padding: .5em 1em; font-weight: bold; }
img { max-width: 100%; height: auto; }
"""


def serialize(nodes: list[Node]) -> str:
    out: list[str] = []
    _serialize(nodes, out, raw=False)
    return "".join(out)


def _attrs(element: Element) -> str:
    parts = []
    for key, value in element.attrs:
        parts.append(f" {key}" if value is None else f' {key}="{escape(value, quote=True)}"')
    return "".join(parts)


def _serialize(nodes: list[Node], out: list[str], *, raw: bool) -> None:
    # An explicit stack instead of recursion: deep trees must not exhaust it.
    stack: list[tuple[list[Node], int, str | None, bool]] = [(nodes, 0, None, raw)]
    while stack:
        items, index, closing, in_raw = stack.pop()
        if index >= len(items):
            if closing:
                out.append(closing)
            continue
        stack.append((items, index + 1, closing, in_raw))
        node = items[index]
        if isinstance(node, Text):
            out.append(node.text if in_raw else escape(node.text, quote=False))
        elif isinstance(node, Raw):
            out.append(node.markup)
        else:
            out.append(f"<{node.tag}{_attrs(node)}>")
            if node.tag in VOID_TAGS:
                continue
            stack.append((node.children, 0, f"</{node.tag}>", node.tag in RAW_TEXT_TAGS))


def text_content(node: Node) -> str:
    parts: list[str] = []
    stack: list[Node] = [node]
    while stack:  # document order without recursion
        current = stack.pop()
        if isinstance(current, Text):
            parts.append(current.text)
        elif isinstance(current, Element):
            stack.extend(reversed(current.children))
    return "".join(parts)


def _first(root: Element, tag: str) -> Element | None:
    """The first ``tag`` element in document order (pre-order; children are
    pushed in reverse, since ``pop(0)`` on a long list is quadratic)."""
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, Element):
            if node.tag == tag:
                return node
            stack.extend(reversed(node.children))
    return None


def render_html(
    doc: Document, *, lang: str, direction: str, draft_banner: str | None = None, generator: str = "l10n"
) -> str:
    """A complete HTML5 page for the translated document."""
    style = Element("style", [("id", "l10n-fonts")], [Raw(FONT_CSS + PRINT_CSS)])
    banner = (
        [Element("p", [("class", "l10n-draft-banner"), ("lang", "en")], [Text(draft_banner)])]
        if draft_banner
        else []
    )
    if doc.format == "html" and _first(doc.root, "html") is not None:
        html = doc.root if doc.root.tag == "html" else _first(doc.root, "html")
        assert html is not None
        html.attrs = [(k, v) for k, v in html.attrs if k not in ("lang", "dir", "xml:lang")]
        html.attrs[:0] = [("lang", lang), ("dir", direction)]
        head = _first(html, "head")
        if head is None:
            head = Element("head")
            html.children.insert(0, head)
        head.children = [
            c
            for c in head.children
            if not (
                isinstance(c, Element)
                and c.tag == "meta"
                and (c.get("charset") is not None or (c.get("http-equiv") or "").lower() == "content-type")
            )
        ]
        head.children[0:0] = [Element("meta", [("charset", "utf-8")])]
        head.children.append(style)
        body = _first(html, "body")
        if banner and body is not None:
            body.children[0:0] = banner
        leading = [n for n in doc.leading if not (isinstance(n, Raw) and n.markup.lower().startswith("<!doctype"))]
        return "<!DOCTYPE html>\n" + serialize(leading) + serialize([html]) + "\n"

    heading = _first(doc.root, "h1") or _first(doc.root, "title")
    title = " ".join(text_content(heading).split()) if heading is not None else doc.name
    body_html = serialize(banner + doc.root.children)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}" dir="{escape(direction)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{escape(generator)}">\n'
        f"<title>{escape(title, quote=False)}</title>\n"
        f'<style id="l10n-fonts">\n{FONT_CSS}{PRINT_CSS}</style>\n'
        "</head>\n"
        "<body>\n<main>\n"
        f"{body_html.strip()}\n"
        "</main>\n</body>\n</html>\n"
    )
