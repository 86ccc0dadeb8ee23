"""Markdown markers that are syntax, not prose: heading attributes and
GitHub alert markers, taken out of the text into the element's attributes.

- ``## Changing your name {#change-name .button}`` (Goldmark/Hugo, Docusaurus,
  kramdown, Pandoc): the trailing attribute list gives the heading its ``id``,
  ``class`` and ``key=value`` attributes (``data-*``, ``aria-*``, ``lang``,
  ``dir``, ``translate``, ``title``, ``role``: a list with any other key, an
  ``onclick`` or a ``style``, stays text); the heading's text (its unit) ends
  before it.
- ``> [!NOTE]`` (GitHub, GitLab, Obsidian): the marker line of a block quote
  makes it ``<blockquote class="markdown-alert markdown-alert-note">``, the
  markup GitHub renders; the quote's sentences no longer start with it.

Both are markdown-it core rules that run after inline parsing, so markdown-it's
own renderer and the reader's tree agree.
"""

from __future__ import annotations

import re

_NAME = r"[A-Za-z_][\w:.-]*"
_ATTRIBUTE = rf"""(?:#{_NAME}|\.-?[A-Za-z_][\w-]*|{_NAME}=(?:"[^"]*"|'[^']*'|[^\s{{}}"']+))"""
# No leading white space in the pattern: a search would rescan a long run of
# spaces from each of its positions.  The space before the list is cut after.
_HEADING_ATTRIBUTES = re.compile(rf"\{{[ \t]*({_ATTRIBUTE}(?:[ \t]+{_ATTRIBUTE})*)[ \t]*\}}[ \t]*$")
_ONE_ATTRIBUTE = re.compile(rf"""#({_NAME})|\.(-?[A-Za-z_][\w-]*)|({_NAME})=(?:"([^"]*)"|'([^']*)'|([^\s{{}}"']+))""")
# key=value attributes a heading may get: none that runs script, loads a URL
# or restyles the page (a translator never sees them; the source's own raw
# HTML is the way to write those).
_SAFE_KEY = re.compile(r"(?:data-[\w.-]+|aria-[a-z]+|lang|dir|translate|title|role)$", re.IGNORECASE)
ALERT_TYPES = ("note", "tip", "important", "warning", "caution")
_ALERT = re.compile(r"\[!(" + "|".join(ALERT_TYPES) + r")\][ \t]*(?:\n|$)", re.IGNORECASE)


def markers_plugin(md) -> None:
    md.core.ruler.push("l10n_heading_attributes", _heading_attributes)
    md.core.ruler.push("l10n_github_alerts", _github_alerts)


def _heading_attributes(state) -> None:
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or index + 1 >= len(tokens) or tokens[index + 1].type != "inline":
            continue
        inline = tokens[index + 1]
        children = inline.children or []
        if not children or children[-1].type != "text":
            continue
        last = children[-1]
        match = _HEADING_ATTRIBUTES.search(last.content)
        if match is None or (match.start() == 0 and len(children) == 1):
            continue  # a heading that is only "{#id}" keeps it as its text
        found = list(_ONE_ATTRIBUTE.finditer(match.group(1)))
        if any(one.group(3) and not _SAFE_KEY.match(one.group(3)) for one in found):
            continue  # an event handler, a URL, a style: not ours to make markup; it stays text
        for one in found:
            identifier, cls, key = one.group(1), one.group(2), one.group(3)
            if identifier:
                token.attrSet("id", identifier)
            elif cls:
                classes = (token.attrGet("class") or "").split()
                token.attrSet("class", " ".join([*classes, cls]))
            elif key:
                value = next((v for v in one.group(4, 5, 6) if v is not None), "")
                token.attrSet(key, value)
        last.content = last.content[: match.start()].rstrip(" \t")
        if inline.content.endswith(match.group(0)):
            inline.content = inline.content[: len(inline.content) - len(match.group(0))].rstrip(" \t")
        if not last.content:
            children.pop()


def _github_alerts(state) -> None:
    tokens = state.tokens
    for index, token in enumerate(tokens[:-2]):
        if token.type != "blockquote_open":
            continue
        paragraph, inline = tokens[index + 1], tokens[index + 2]
        if paragraph.type != "paragraph_open" or inline.type != "inline":
            continue
        children = inline.children or []
        if not children or children[0].type != "text":
            continue
        match = _ALERT.match(children[0].content)
        if match is None or "\n" not in match.group(0) and len(children) > 1 and children[1].type != "softbreak":
            continue
        kind = match.group(1).lower()
        token.attrSet("class", f"markdown-alert markdown-alert-{kind}")
        first = children[0]
        first.content = first.content[match.end() :]
        if not first.content:
            children.pop(0)
            if children and children[0].type == "softbreak":
                children.pop(0)
        inline.content = inline.content[match.end() :].lstrip("\n") if _ALERT.match(inline.content) else inline.content
        if not children:  # the marker was the whole paragraph ("> [!NOTE]" then ">")
            paragraph.hidden = True
            close = tokens[index + 3] if index + 3 < len(tokens) else None
            if close is not None and close.type == "paragraph_close":
                close.hidden = True
