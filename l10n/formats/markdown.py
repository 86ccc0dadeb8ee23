"""Markdown reader: markdown-it-py with the plugins static sites use, into the
document tree.

Parsing: CommonMark with GFM tables, and mdit-py-plugins' front matter
(YAML; TOML through ``front_matter.toml_front_matter_plugin``), footnotes,
task lists, definition lists and ``:::`` containers, plus template tags and
shortcodes (``template_tags``) kept as opaque markup.

Tree: the token stream is turned into the tokens of one HTML stream (the
tags markdown-it's renderer would write, each with its source line), raw
HTML blocks and inline tags tokenized in place.  When the document has raw
HTML, that one stream goes through the HTML standard's tree construction
(``html_tree``), so an element opened in one HTML block and closed in a later
one contains the Markdown between them, as in a browser; without raw HTML
the tags nest by construction and a plain stack builds the same tree faster.
Code blocks become ``<pre><code>`` with their text as written; a task list's
box stays outside its item's sentences (``segment``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import SourceError
from ..model import Document, Element, Node, Raw, Text
from .front_matter import DEFAULT_KEYS, front_matter_element
from .html import CHARACTERS, COMMENT, END, SPACE, START, VOID_TAGS, HtmlTokenizer, check_depth
from .html_tree import SourceText, build_tree

# markdown-it's block parser recurses once per level of nesting, and *drops*
# whatever is nested deeper than ``maxNesting`` (its CommonMark preset: 20, so
# a list 10 levels deep lost its last items).  A higher limit keeps real
# documents whole and the recursion well inside Python's stack; input that
# reaches it is rejected rather than silently cut.
MAX_NESTING = 100


def markdown_parser(code_shortcodes: tuple[str, ...] | None = None):
    """The configured parser; its own ``render`` is what a site generator shows
    (template text escaped).  ``code_shortcodes``: shortcodes whose inner text
    is code (None: ``template_tags.DEFAULT_CODE_SHORTCODES``)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    from .front_matter import toml_front_matter_plugin
    from .markers import markers_plugin
    from .template_tags import DEFAULT_CODE_SHORTCODES, template_tags_plugin

    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable("table")
    md.use(front_matter_plugin).use(toml_front_matter_plugin).use(footnote_plugin)
    md.use(tasklists_plugin).use(deflist_plugin)
    md.use(template_tags_plugin, code_shortcodes=DEFAULT_CODE_SHORTCODES if code_shortcodes is None else code_shortcodes)
    # ":::name title" containers of any name: <div class="name">, its title a paragraph.
    md.use(
        container_plugin,
        name="container",
        validate=lambda params, markup: True,
        render=lambda self, tokens, idx, options, env: _render_container(md, self, tokens, idx, options, env),
    )
    md.use(markers_plugin)
    return md


def _render_container(md, self, tokens, idx, options, env) -> str:
    """``:::name`` → ``<div class="name">``, and a title (VitePress's
    ``::: warning Avoid this``, Docusaurus's ``:::tip[Use **this**]``) as the
    container's first paragraph, a unit: inline Markdown, but raw HTML in it
    is text (``Avoid <style scoped>`` names a tag, it opens none)."""
    token = tokens[idx]
    if token.nesting != 1:
        return "</div>\n"
    name, title = container_name_and_title(token.info)
    out = f'<div class="{_escape(name)}">' if name else "<div>"
    if title:  # on the fence's line, so the unit's reference is that line
        children = md.parseInline(title, env)[0].children or []
        for child in children:
            if child.type == "html_inline":
                child.type = "text"
        out += f'<p class="container-title">{self.renderInline(children, options, env)}</p>'
    return out + "\n"


_CONTAINER_NAME = re.compile(r"[\w-]*")


def container_name_and_title(info: str) -> tuple[str, str]:
    """A container's name (its class) and title from its info string."""
    info = info.strip()
    name = _CONTAINER_NAME.match(info).group(0)  # type: ignore[union-attr]  # [\w-]* always matches
    title = info[len(name) :].strip()
    if title.startswith("[") and title.endswith("]"):
        title = title[1:-1].strip()
    elif title.startswith("{") and title.endswith("}"):  # ":::note{.class}" attributes, not a title
        title = ""
    return name, title


def _escape(value: str) -> str:
    from html import escape

    return escape(value, quote=True)


def parse_markdown(
    text: str,
    *,
    path: Path,
    display_path: str | None = None,
    front_matter_keys: tuple[str, ...] = DEFAULT_KEYS,
    code_shortcodes: tuple[str, ...] | None = None,
) -> Document:
    shown = display_path or str(path)
    md = markdown_parser(code_shortcodes)
    env: dict = {}
    tokens = md.parse(text, env)
    raw_html = False
    for token in tokens:
        if token.level >= MAX_NESTING - 2:
            raise SourceError(
                f"Markdown nested more than {MAX_NESTING - 2} levels deep",
                path=shown,
                line=token.map[0] + 1 if token.map else None,
                hint="flatten the lists and block quotes",
            )
        if token.type == "html_block" or token.type == "inline" and any(
            c.type == "html_inline" for c in token.children or []
        ):
            raw_html = True
    front: list[Node] = []
    if tokens and tokens[0].type == "front_matter":
        first = tokens.pop(0)
        front = [
            front_matter_element(
                first.markup, first.content, line=1, keys=front_matter_keys, display_path=shown
            ),
            Text("\n"),
        ]
    stream = _Stream(md, env, tokens, shown)
    if raw_html:
        nodes = build_tree(stream, display_path=shown, fragment=True, set_source=stream.attach)
    else:
        nodes = _build_nested(stream)
    body = Element("body", [], front + nodes, 1)
    check_depth(body, shown)
    return Document(path=path, format="markdown", root=body)


class _Stream:
    """The HTML token stream of a Markdown document, with source lines."""

    def __init__(self, md, env: dict, tokens, display_path: str) -> None:
        self.md = md
        self.env = env
        self.tokens = tokens
        self.display_path = display_path
        self.source = None

    def attach(self, source) -> None:
        self.source = source

    def _html(self, markup: str, line: int) -> Iterator[dict]:
        tokenizer = HtmlTokenizer(markup, line_offset=line - 1)
        tokenizer.source = self.source
        tokenizer.close_raw_text = True
        return iter(tokenizer)

    def __iter__(self) -> Iterator[dict]:
        md, env, tokens = self.md, self.env, self.tokens
        rules = md.renderer.rules
        line = 1
        for index, token in enumerate(tokens):
            if token.map:
                line = token.map[0] + 1
            kind = token.type
            if kind == "inline":
                yield from self._inline(token.children or [], line)
            elif kind in ("fence", "code_block"):
                info = (token.info or "").strip().split(" ")[0]
                yield _start("pre", {}, line)
                yield _start("code", {"class": f"language-{info}"} if info else {}, line)
                if token.content:
                    yield _text(token.content, line)
                yield _end("code")
                yield _end("pre")
                yield _space("\n")
            elif kind == "html_block":
                yield from self._html(token.content, line)
            elif kind == "template_block":
                yield _template(token.content)
            elif kind in rules and kind not in ("code_inline", "image", "text", "softbreak", "hardbreak"):
                # A plugin's own markup (footnotes, containers): exactly what it renders.
                yield from self._html(rules[kind](tokens, index, md.options, env), line)
            elif token.nesting == 1:
                if not token.hidden:
                    yield _start(token.tag, _attrs(token), line)
            elif token.nesting == -1:
                if not token.hidden:
                    yield _end(token.tag)
                    yield _space("\n")
            elif token.tag and not token.hidden:  # hr
                yield _start(token.tag, _attrs(token), line)
                yield _space("\n")

    def _inline(self, children, line: int) -> Iterator[dict]:
        md, env = self.md, self.env
        rules = md.renderer.rules
        for index, tok in enumerate(children):
            kind = tok.type
            if kind == "text":
                if tok.content:
                    yield _text(tok.content, line)
            elif kind == "softbreak":
                line += 1
                yield _text("\n", line)
            elif kind == "hardbreak":
                # No line break after the <br> (markdown-it renders one): a
                # browser drops that white space, and in a unit it would be a
                # stray space ("Watch<1/> 350 Fifth Avenue").
                line += 1
                yield _start("br", {}, line)
            elif kind == "code_inline":
                yield _start("code", _attrs(tok), line)
                yield _text(tok.content, line)
                yield _end("code")
            elif kind == "image":
                attrs = dict(_attrs(tok))
                attrs.pop("alt", None)  # markdown-it leaves it empty: the text is in the children
                ordered = {"src": attrs.pop("src", ""), "alt": _plain_text(tok.children or [])}
                ordered.update(attrs)
                yield _start("img", ordered, line)
            elif kind == "html_inline":
                yield from self._html(tok.content, line)
                line += tok.content.count("\n")
            elif kind == "template_inline":
                yield _template(tok.content)
                line += tok.content.count("\n")
            elif kind in rules:  # footnote references and the like
                yield from self._html(rules[kind](children, index, md.options, env), line)
            elif tok.nesting == 1:
                yield _start(tok.tag, _attrs(tok), line)
            elif tok.nesting == -1:
                yield _end(tok.tag)


def _start(tag: str, attrs: dict, line: int) -> dict:
    return {"type": START, "name": tag, "data": attrs, "selfClosing": False, "selfClosingAcknowledged": False, "line": line}


def _end(tag: str) -> dict:
    return {"type": END, "name": tag, "data": [], "selfClosing": False}


def _text(value: str, line: int) -> dict:
    data = SourceText(value)
    data.line = line
    return {"type": CHARACTERS, "data": data}


def _space(value: str) -> dict:
    return {"type": SPACE, "data": value}


def _template(text: str) -> dict:
    """Template text: opaque, and shown as text (``Raw(as_text=True)``)."""
    return {"type": COMMENT, "data": text, "raw": text, "as_text": True}


def _attrs(token) -> dict:
    return {str(k): "" if v is None else str(v) for k, v in (token.attrs or {}).items()}


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


def _build_nested(tokens) -> list[Node]:
    """The tree of a stream whose tags nest (Markdown without raw HTML)."""
    root = Element("#root")
    stack = [root]
    for token in tokens:
        kind = token["type"]
        children = stack[-1].children
        if kind == CHARACTERS or kind == SPACE:
            data = token["data"]
            if children and isinstance(children[-1], Text):
                children[-1].text += data
            else:
                children.append(Text(str(data), getattr(data, "line", 0)))
        elif kind == START:
            element = Element(token["name"], list(token["data"].items()), [], token.get("line", 0))
            children.append(element)
            if token["name"] not in VOID_TAGS:
                stack.append(element)
        elif kind == END:
            for i in range(len(stack) - 1, 0, -1):
                if stack[i].tag == token["name"]:
                    del stack[i:]
                    break
        elif kind == COMMENT:
            children.append(Raw(token["raw"], token.get("as_text", False)))
    return root.children
