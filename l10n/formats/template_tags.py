"""Template tags and shortcodes in Markdown, as opaque markup kept byte for byte.

Static-site generators expand ``{{< shortcode >}}`` and ``{{% shortcode %}}``
(Hugo), ``{% tag %}`` (Liquid, Jinja, Nunjucks) and ``{{ expression }}``
before or after Markdown; none of them is prose.  markdown-it-py and its
plugins do not know them, so this markdown-it plugin adds:

- an inline rule: a tag inside a paragraph is one ``template_inline`` token,
  a void placeholder in its sentence, even when it spans lines;
- a block rule: a line of nothing but tags is a ``template_block``.  A pair
  of content shortcodes (``{{< note >}}`` ... ``{{< /note >}}``,
  ``{{% tab %}}`` ... ``{{% /tab %}}``, nested ones) is two such blocks: the
  prose between them is Markdown (units, lists, code fences), as the site
  shows it.  A *code shortcode* (``code_shortcodes``, default
  ``DEFAULT_CODE_SHORTCODES``: ``highlight``, ``code-toggle``, ..., or any
  shortcode given a ``codelang`` parameter, as Kubernetes' ``tab``) and
  Liquid's ``highlight``, ``comment`` and ``capture`` blocks take everything
  up to their closing tag with them: their inner text is code or data and
  stays exactly as written.  Liquid's ``{% raw %}`` only stops Liquid from
  reading what it encloses; that is still Markdown (a code fence inside is a
  code block), so its tags are blocks of their own.

Both render as text, HTML-escaped (the generator reads the markup, a browser
must not: ``cat <<EOF`` inside a shortcode is no ``<eof>`` element); the
reader keeps them as ``Raw(..., as_text=True)``.  Searches are bounded
(``MAX_TAG``, ``MAX_BLOCK_LINES``), so hostile input stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

MAX_TAG = 4000  # characters one tag may span
MAX_BLOCK_LINES = 400  # lines searched for a closing tag

#: Shortcodes whose inner text is code or data, not prose (the project's
#: ``code_shortcodes``): Hugo's own, and the usual diagram and math ones.
DEFAULT_CODE_SHORTCODES = ("highlight", "code-toggle", "code", "mermaid", "math", "katex", "chart", "plantuml")

TAG_RE = re.compile(r"\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
# A shortcode told the language of its inner text (Kubernetes' {{< tab codelang="bash" >}}) holds code.
_CODE_PARAMETER = re.compile(r"\scodelang\s*=")
_SHORTCODE_OPEN = re.compile(r"\{\{[<%]-?\s*([\w./-]+)")
# Liquid/Nunjucks blocks whose content is code or data: highlight, comment and
# the captures (capture, a block set) that documentation uses to hold code.
_LIQUID_CODE_OPEN = re.compile(r"\{%-?\s*(highlight|comment|capture|set|codeblock)\b")


def template_tags_plugin(md, code_shortcodes: Iterable[str] = DEFAULT_CODE_SHORTCODES) -> None:
    md.inline.ruler.before("html_inline", "template_inline", _inline_rule)
    md.block.ruler.before("html_block", "template_block", _block_rule, {"alt": ["paragraph"]})
    md.add_render_rule("template_inline", _render_as_text)
    md.add_render_rule("template_block", _render_as_text)
    md.options["l10n_code_shortcodes"] = frozenset(code_shortcodes)
    md.core.ruler.push("template_alt_text", _alt_text_keeps_tags)


def _alt_text_keeps_tags(state) -> None:
    """A tag in an image's alt text (``![The {% data x %} page](p.png)``) is
    text of the alt attribute: markdown-it writes only text children there
    and would drop it.  (The segmenter makes it a placeholder of the unit.)"""
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "image":
                for part in child.children or ():
                    if part.type == "template_inline":
                        part.type = "text"


def _render_as_text(self, tokens, idx, options, env) -> str:
    return escape(tokens[idx].content, quote=False)


def _tag_end(env: dict, src: str, pos: int, limit: int) -> int | None:
    """Where the template tag starting at ``src[pos]`` ends, or None.

    The tag ends at the first ``}}`` (``%}`` for ``{%``) after it.  The next
    closer at or after a position is remembered per source text, so a run of
    unclosed ``{{`` costs one search in all, not one per brace."""
    closer = "%}" if src.startswith("{%", pos) else "}}"
    cache = env.setdefault("l10n_template_closers", {})
    key = (id(src), closer)
    hit = cache.get(key)
    if hit is not None and hit[0] is src and hit[1] <= pos + 2 and (hit[2] == -1 or hit[2] >= pos + 2):
        found = hit[2]
    else:
        found = src.find(closer, pos + 2)
        cache[key] = (src, pos + 2, found)
    if found == -1 or found + 2 > limit or found + 2 - pos > MAX_TAG:
        return None
    opener = src[pos : pos + 3]
    if opener == "{{<" and src[found - 1] != ">" or opener == "{{%" and src[found - 1] != "%":
        return None
    return found + 2


def _next_match(env: dict, pattern: re.Pattern, src: str, pos: int) -> tuple[int, int] | None:
    """The first match of ``pattern`` at or after ``pos``, remembered per source
    text and pattern, so that many openers with one closer cost one search."""
    cache = env.setdefault("l10n_template_blocks", {})
    key = (id(src), pattern.pattern)
    hit = cache.get(key)
    if hit is not None and hit[0] is src and hit[1] <= pos and (hit[2] is None or hit[2][0] >= pos):
        return hit[2]
    match = pattern.search(src, pos)
    found = (match.start(), match.end()) if match else None
    cache[key] = (src, pos, found)
    return found


def _inline_rule(state, silent: bool) -> bool:
    src = state.src
    pos = state.pos
    if src[pos] != "{" or pos + 1 >= state.posMax or src[pos + 1] not in "{%":
        return False
    end = _tag_end(state.env, src, pos, state.posMax)
    if end is None:
        return False
    # "{% comment %}<script>...{% endcomment %}" inside a paragraph: what a
    # comment or code block encloses is never Markdown nor HTML, here either.
    closing = _closing_tag([src[pos:end]], state.md.options.get("l10n_code_shortcodes", ()))
    if closing is not None:
        found = _next_match(state.env, closing, src, end)
        if found is not None and found[1] <= state.posMax and found[1] - pos <= MAX_TAG * 4:
            end = found[1]
    if not silent:
        token = state.push("template_inline", "", 0)
        token.content = src[pos:end]
    state.pos = end
    return True


def _block_rule(state, startLine: int, endLine: int, silent: bool) -> bool:
    if state.sCount[startLine] - state.blkIndent >= 4:
        return False
    src = state.src
    start = state.bMarks[startLine] + state.tShift[startLine]
    if not src.startswith(("{{<", "{{%", "{%"), start):
        return False
    limit = state.eMarks[min(endLine - 1, startLine + MAX_BLOCK_LINES)]
    end = _tag_end(state.env, src, start, limit)
    if end is None:
        return False
    # Only tags on the rest of the line: "{{< x >}} and prose" is a paragraph.
    line = _line_at(state, startLine, end)
    tags = [src[start:end]]
    pos = end
    while True:
        eol = state.eMarks[line]
        while pos < eol and src[pos] in " \t":
            pos += 1
        if pos >= eol:
            break
        more = _tag_end(state.env, src, pos, limit) if src.startswith(("{{", "{%"), pos) else None
        if more is None:
            return False
        tags.append(src[pos:more])
        pos = more
        line = _line_at(state, line, pos)
    closing = _closing_tag(tags, state.md.options.get("l10n_code_shortcodes", ()))
    if closing is not None:
        for candidate in range(line + 1, min(endLine, line + MAX_BLOCK_LINES)):
            begin = state.bMarks[candidate] + state.tShift[candidate]
            if closing.search(src, begin, state.eMarks[candidate]):
                line = candidate
                break
    if silent:
        return True
    token = state.push("template_block", "", 0)
    token.block = True
    token.content = src[start : state.eMarks[line]] + "\n"  # not the container markers before it (": " of a definition)
    token.map = [startLine, line + 1]
    state.line = line + 1
    return True


def _line_at(state, line: int, pos: int) -> int:
    while line + 1 < state.lineMax and state.bMarks[line + 1] <= pos:
        line += 1
    return line


def _closing_tag(tags: list[str], code_shortcodes) -> re.Pattern | None:
    """The closing tag that ends a block whose content is not Markdown: that
    of the first of a line's ``tags`` that opens a code shortcode or a Liquid
    code block and is not closed on the line (``{{< tabs >}}{{< highlight go >}}``,
    ``{% set code %}{% raw %}``)."""
    for index, tag in enumerate(tags):
        closing = None
        shortcode = _SHORTCODE_OPEN.match(tag)
        is_code = shortcode and (shortcode.group(1) in code_shortcodes or _CODE_PARAMETER.search(tag))
        if shortcode and is_code and not tag[:-2].rstrip(">%").rstrip().endswith("/"):
            closing = re.compile(r"\{\{[<%]-?\s*/\s*" + re.escape(shortcode.group(1)) + r"\s*-?[>%]\}\}")
        liquid = _LIQUID_CODE_OPEN.match(tag)
        if liquid and not (liquid.group(1) == "set" and "=" in tag):  # {% set x = 1 %} is no block
            closing = re.compile(r"\{%-?\s*end" + re.escape(liquid.group(1)) + r"\s*-?%\}")
        if closing is not None:
            if any(closing.match(later) for later in tags[index + 1 :]):
                continue
            return closing
    return None


_OPENER = re.compile(r"\{[{%]")


def split_template_text(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_template_tag) pairs: the template tags of
    character data in HTML (MDN's ``{{Compat}}``, ``{{jsxref("Array")}}``,
    Jinja's ``{% if %}``) and of attribute values.  Linear: each closer is
    searched for once per position it can still be found at."""
    if "{" not in text:
        return [(text, False)] if text else []
    pieces: list[tuple[str, bool]] = []
    closers: dict[str, int] = {}  # closer -> where it next occurs (-1: nowhere further)
    pos = done = 0
    while True:
        match = _OPENER.search(text, pos)
        if match is None:
            break
        start = match.start()
        closer = "%}" if text[start + 1] == "%" else "}}"
        found = closers.get(closer)
        if found is None or found != -1 and found < start + 2:
            found = text.find(closer, start + 2)
            closers[closer] = found
        if found == -1:
            if all(closers.get(c) == -1 for c in ("}}", "%}")):
                break
            pos = start + 1
            continue
        end = found + 2
        opener = text[start : start + 3]
        if end - start > MAX_TAG or opener == "{{<" and text[found - 1] != ">" or opener == "{{%" and text[found - 1] != "%":
            pos = start + 1
            continue
        if start > done:
            pieces.append((text[done:start], False))
        pieces.append((text[start:end], True))
        pos = done = end
    if done < len(text):
        pieces.append((text[done:], False))
    return pieces
