"""Serialize a translated tree as a standalone HTML5 edition."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple
from html import escape

from ..model import Document, Element, Node, Raw, Text, text_content
from ..formats.front_matter import FRONT_MATTER_TAG, VALUE_TAG
from ..formats.html import RAW_TEXT_TAGS, VOID_TAGS
from .print_style import PRINT_CSS

# Languages written in scripts without italics (the CSS matches their regional variants too).
NO_ITALICS = ("ko", "zh", "ja", "ar", "fa", "ur", "ps", "ckb", "sd", "ug", "he", "yi")

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
img { max-width: 100%%; height: auto; }
/* Han, Hangul, Kana, Arabic and Hebrew fonts have no italics: a browser would
   slant the glyphs (synthetic oblique).  Emphasis there is upright and bold;
   a caption wholly in <em> stays upright. */
:is(em, i, cite, dfn, var, address):is(%(no_italics)s) { font-style: normal; font-synthesis: none; }
:is(em, i, cite, dfn):is(%(no_italics)s) { font-weight: bold; }
/* Logical sides, so right-to-left pages mirror lists, quotes and the switcher. */
blockquote { margin-inline: 0; padding-inline-start: 1em; border-inline-start: 3px solid #ccc; }
ul, ol { padding-inline-start: 2em; }
nav.l10n-languages ul { list-style: none; padding: 0; margin: 0 0 1.5em; display: flex; flex-wrap: wrap; gap: .4em 1.2em;
  font-size: .95em; border-block-end: 1px solid #ddd; padding-block-end: .5em; }
nav.l10n-languages [aria-current] { font-weight: bold; }
.l10n-notice { background: #eef3fb; border-inline-start: 4px solid #4a74c9; padding: .5em 1em; }
table.l10n-editions { border-collapse: collapse; }
table.l10n-editions :is(th, td) { text-align: start; padding: .3em 1em .3em 0; padding-inline: 0 1em; }
""" % {"no_italics": ", ".join(f":lang({language})" for language in NO_ITALICS)}


def serialize(nodes: list[Node]) -> str:
    out: list[str] = []
    _serialize(nodes, out, raw=False)
    return "".join(out)


def _escape_text(text: str) -> str:
    text = escape(text, quote=False)
    # A no-break space is invisible in an editor: written as the entity, as authors do.
    return text.replace("\u00a0", "&nbsp;") if "\u00a0" in text else text


def _attrs(element: Element) -> str:
    parts = []
    for key, value in element.attrs:
        if value is None:
            parts.append(f" {key}")
        else:
            # In a double-quoted value only & < > " need escaping; an apostrophe stays as written.
            value = escape(value, quote=False).replace('"', "&quot;")
            if "\u00a0" in value:
                value = value.replace("\u00a0", "&nbsp;")
            parts.append(f' {key}="{value}"')
    return "".join(parts)


class _Leave(NamedTuple):
    """On the stack after an element's children: its end tag, and the raw-text
    mode its parent's content is in (an element can switch it only on entry)."""

    end: str
    raw: bool


def _serialize(nodes: list[Node], out: list[str], *, raw: bool) -> None:
    # An explicit stack instead of recursion: deep trees must not exhaust it.
    # Nodes, and end tags (a str, or a _Leave where the mode changes back), in
    # the reverse of their order: one push per node, no per-node tuple.
    stack: list[Node | str | _Leave] = list(reversed(nodes))
    pop, push, extend, emit = stack.pop, stack.append, stack.extend, out.append
    while stack:
        node = pop()
        if isinstance(node, Text):
            if raw:
                emit(node.text)
            elif node.source is not None:  # untranslated text, as the source wrote it
                emit(node.source)
            else:
                emit(_escape_text(node.text))
        elif isinstance(node, str):
            emit(node)
        elif isinstance(node, Raw):
            # Template text is text: escaped exactly once, never live markup.
            emit(_escape_text(node.markup) if node.as_text and not raw else node.markup)
        elif isinstance(node, _Leave):
            emit(node.end)
            raw = node.raw
        elif node.tag == FRONT_MATTER_TAG:
            continue  # front matter is read for its units, never part of a page
        else:
            tag = node.tag
            emit(f"<{tag}{_attrs(node)}>" if node.attrs else f"<{tag}>")
            if tag in VOID_TAGS:
                continue
            inner = tag in RAW_TEXT_TAGS  # the children's mode: set by this element alone
            if inner is raw:
                push(f"</{tag}>")
            else:
                push(_Leave(f"</{tag}>", raw))
                raw = inner
            extend(reversed(node.children))


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


def _is_front_matter(node: Node) -> bool:
    return isinstance(node, Element) and node.tag == FRONT_MATTER_TAG


def front_matter_values(root: Element) -> dict[str, str]:
    """key -> (translated) text of a Markdown document's front matter units."""
    block = next((n for n in root.children if _is_front_matter(n)), None)
    if not isinstance(block, Element):
        return {}
    return {
        c.get("data-key") or "": " ".join(text_content(c).split())
        for c in block.children
        if isinstance(c, Element) and c.tag == VALUE_TAG
    }


def render_html(
    doc: Document,
    *,
    lang: str,
    direction: str,
    draft_banner: str | None = None,
    generator: str = "l10n",
    head: Sequence[Node] = (),
    top: Sequence[Node] = (),
    csp: str | None = None,
) -> str:
    """A complete HTML5 page for the translated document.

    ``head``: nodes added to ``<head>`` (links between editions); ``top``: nodes
    put first in ``<body>`` (the language switcher, a notice); ``csp``: a
    Content-Security-Policy, written as the first thing after the charset.
    An HTML source keeps its own skeleton byte for byte: l10n only sets
    ``lang``/``dir`` on ``<html>``, the charset (in place) to UTF-8, and adds
    its nodes next to it, its style last in the head.
    """
    style = Element("style", [("id", "l10n-fonts")], [Raw(FONT_CSS + PRINT_CSS)])
    banner = (
        [Element("p", [("class", "l10n-draft-banner"), ("lang", "en")], [Text(draft_banner)])]
        if draft_banner
        else []
    )
    policy = [Element("meta", [("http-equiv", "Content-Security-Policy"), ("content", csp)])] if csp else []
    if doc.format == "html" and _first(doc.root, "html") is not None:
        html = doc.root if doc.root.tag == "html" else _first(doc.root, "html")
        assert html is not None
        set_attributes(html, [("lang", lang), ("dir", direction)])
        html.attrs = [(k, v) for k, v in html.attrs if k != "xml:lang"]
        head_element = _first(html, "head")
        if head_element is None:
            head_element = Element("head")
            html.children.insert(0, head_element)
        if any(isinstance(n, Element) and n.tag == "link" for n in head):
            _drop_site_links(head_element)
        charset = _charset_meta(head_element)
        added: list[Node] = []
        for node in [*policy, *head]:
            added += [Text("\n"), node]
        if charset is None:
            head_element.children[0:0] = [Element("meta", [("charset", "utf-8")]), *added]
        else:
            at = head_element.children.index(charset) + 1
            head_element.children[at:at] = added
        children = head_element.children
        last = children[-1] if children else None
        if isinstance(last, Text) and not last.text.strip():  # the line break before </head>
            children[-1:-1] = [Text(last.text), style]
        else:
            children.append(style)
        body = _first(html, "body")
        if body is not None and (banner or top):
            inserted: list[Node] = []
            for node in [*banner, *top]:
                inserted += [Text("\n"), node]
            body.children[0:0] = inserted
        return _doctype(doc.leading) + serialize([html]) + "\n"

    front = front_matter_values(doc.root)
    heading = _first(doc.root, "h1") or _first(doc.root, "title")
    title = " ".join(text_content(heading).split()) if heading is not None else doc.name
    title = front.get("title", title)
    description = (
        f'<meta name="description" content="{escape(front["description"], quote=True)}">\n'
        if "description" in front
        else ""
    )
    extra_head = "".join(serialize([node]) + "\n" for node in [*policy, *head])
    body_top = "".join(serialize([node]) + "\n" for node in [*banner, *top])
    body_html = serialize([n for n in doc.root.children if not _is_front_matter(n)])
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}" dir="{escape(direction)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"{extra_head}"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{escape(generator)}">\n'
        f"<title>{escape(title, quote=False)}</title>\n"
        f"{description}"
        f'<style id="l10n-fonts">\n{FONT_CSS}{PRINT_CSS}</style>\n'
        "</head>\n"
        "<body>\n"
        f"{body_top}"
        "<main>\n"
        f"{body_html.strip()}\n"
        "</main>\n</body>\n</html>\n"
    )


def set_attributes(element: Element, values: list[tuple[str, str | None]]) -> None:
    """Set attributes in place where the element has them, else after the others."""
    new = dict(values)
    attrs = [(k, new.pop(k)) if k in new else (k, v) for k, v in element.attrs]
    element.attrs = attrs + list(new.items())


def _drop_site_links(head: Element) -> None:
    """Remove the source's canonical and hreflang links (they name the English
    page), with the line break before each; the site's own replace them."""
    kept: list[Node] = []
    for child in head.children:
        rel = (child.get("rel") or "").lower().split() if isinstance(child, Element) and child.tag == "link" else []
        if "canonical" in rel or ("alternate" in rel and isinstance(child, Element) and child.get("hreflang")):
            if kept and isinstance(kept[-1], Text) and not kept[-1].text.strip():
                kept.pop()
            continue
        kept.append(child)
    head.children = kept


def _charset_meta(head: Element) -> Element | None:
    """The head's charset declaration, set to UTF-8 in place (editions are UTF-8)."""
    for child in head.children:
        if not isinstance(child, Element) or child.tag != "meta":
            continue
        if child.get("charset") is not None:
            set_attributes(child, [("charset", "utf-8")])
            return child
        if (child.get("http-equiv") or "").lower() == "content-type":
            set_attributes(child, [("content", "text/html; charset=utf-8")])
            return child
    return None


def _doctype(leading: list[Node]) -> str:
    """What precedes ``<html>`` in the source, with its doctype made ``<!DOCTYPE html>``
    (one is added when the source had none)."""
    out: list[Node] = []
    found = False
    for node in leading:
        if isinstance(node, Raw) and node.markup.lower().startswith("<!doctype"):
            if not found:
                out.append(Raw("<!DOCTYPE html>"))
            found = True
            continue
        out.append(node)
    return ("" if found else "<!DOCTYPE html>\n") + serialize(out)
