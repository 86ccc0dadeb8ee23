"""Template tags and shortcodes in Markdown, as opaque markup kept byte for byte.

Static-site generators expand ``{{< shortcode >}}`` and ``{{% shortcode %}}``
(Hugo), ``{% tag %}`` (Liquid, Jinja, Nunjucks) and ``{{ expression }}``
before or after Markdown; none of them is prose.  markdown-it-py and its
plugins do not know them, so this markdown-it plugin adds:

- an inline rule: a tag inside a paragraph is one ``template_inline`` token,
  a void placeholder in its sentence, even when it spans lines;
- a block rule: a line that starts with a tag is a ``template_block``.  A Hugo
  shortcode called with ``<`` (its inner text is not Markdown) and Liquid's
  ``highlight``, ``raw``, ``comment`` and ``capture`` blocks take everything
  up to their closing tag with them, so configuration and code inside stay
  exactly as written.

Both render as the markup itself, which is what the generator reads.
Searches are bounded (``MAX_TAG``, ``MAX_BLOCK_LINES``), so hostile input
stays linear.
"""

from __future__ import annotations

import re

MAX_TAG = 4000  # characters one tag may span
MAX_BLOCK_LINES = 400  # lines searched for a closing tag

_TAG = re.compile(r"\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_HUGO_RAW_OPEN = re.compile(r"\{\{<\s*([\w./-]+)")
_LIQUID_RAW_OPEN = re.compile(r"\{%-?\s*(highlight|raw|comment|capture|codeblock|endraw)\b")


def template_tags_plugin(md) -> None:
    md.inline.ruler.before("html_inline", "template_inline", _inline_rule)
    md.block.ruler.before("html_block", "template_block", _block_rule, {"alt": ["paragraph"]})
    md.add_render_rule("template_inline", lambda self, tokens, idx, options, env: tokens[idx].content)
    md.add_render_rule("template_block", lambda self, tokens, idx, options, env: tokens[idx].content)


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


def _inline_rule(state, silent: bool) -> bool:
    src = state.src
    pos = state.pos
    if src[pos] != "{" or pos + 1 >= state.posMax or src[pos + 1] not in "{%":
        return False
    end = _tag_end(state.env, src, pos, state.posMax)
    if end is None:
        return False
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
    tag = src[start:end]
    # Only tags on the rest of the line: "{{< x >}} and prose" is a paragraph.
    line = _line_at(state, startLine, end)
    rest = src[end : state.eMarks[line]]
    while rest.strip():
        more = _TAG.match(rest.strip())
        if more is None or more.end() != len(rest.strip()):
            return False
        rest = ""
    closing = _closing_tag(tag)
    if closing is not None:
        for candidate in range(line + 1, min(endLine, line + MAX_BLOCK_LINES)):
            begin = state.bMarks[candidate] + state.tShift[candidate]
            if closing.match(src, begin, state.eMarks[candidate]):
                line = candidate
                break
    if silent:
        return True
    token = state.push("template_block", "", 0)
    token.block = True
    token.content = src[state.bMarks[startLine] : state.eMarks[line]] + "\n"
    token.map = [startLine, line + 1]
    state.line = line + 1
    return True


def _line_at(state, line: int, pos: int) -> int:
    while line + 1 < state.lineMax and state.bMarks[line + 1] <= pos:
        line += 1
    return line


def _closing_tag(tag: str) -> re.Pattern | None:
    """The closing tag that ends a block whose content is not Markdown."""
    hugo = _HUGO_RAW_OPEN.match(tag)
    if hugo and not tag.rstrip("}").rstrip().endswith("/>"):
        return re.compile(r"\{\{<\s*/\s*" + re.escape(hugo.group(1)) + r"\s*>\}\}")
    liquid = _LIQUID_RAW_OPEN.match(tag)
    if liquid and liquid.group(1) != "endraw":
        return re.compile(r"\{%-?\s*end" + re.escape(liquid.group(1)) + r"\s*-?%\}")
    return None
