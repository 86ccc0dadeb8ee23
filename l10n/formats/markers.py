"""Markdown markers that are syntax, not prose: heading attributes and
GitHub alert markers, taken out of the text into the element's attributes.

- ``## Changing your name {#change-name .button}`` (Goldmark/Hugo, Docusaurus,
  kramdown, Pandoc): the trailing attribute list gives the heading its ``id``,
  ``class`` and ``key=value`` attributes (``data-*``, ``aria-*``, ``lang``,
  ``dir``, ``translate``, ``title``, ``role``: a list with any other key, an
  ``onclick`` or a ``style``, stays text); the heading's text (its unit) ends
  before it.
- a line that is only an attribute list, ``{.note}`` (Goldmark) or
  ``{: .note}`` (kramdown), as the first or last line of a paragraph gives it
  to that paragraph, and as a paragraph of its own to the block just before.
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


# A line that is only an attribute list: Goldmark's "{.note}" under a block,
# kramdown's "{: .note}" above or under one.
_BLOCK_ATTRIBUTES = re.compile(rf"\{{:?[ \t]*({_ATTRIBUTE}(?:[ \t]+{_ATTRIBUTE})*)[ \t]*\}}[ \t]*$")


def markers_plugin(md) -> None:
    md.core.ruler.push("l10n_heading_attributes", _heading_attributes)
    md.core.ruler.push("l10n_block_attributes", _block_attributes)
    md.core.ruler.push("l10n_github_alerts", _github_alerts)


def _set_attributes(token, attributes: str) -> bool:
    """Give ``token`` the attributes of an attribute list; False (nothing set)
    when the list has a key that is not safe."""
    found = list(_ONE_ATTRIBUTE.finditer(attributes))
    if any(one.group(3) and not _SAFE_KEY.match(one.group(3)) for one in found):
        return False
    for one in found:
        identifier, cls, key = one.group(1), one.group(2), one.group(3)
        if identifier:
            token.attrSet("id", identifier)
        elif cls:
            classes = (token.attrGet("class") or "").split()
            token.attrSet("class", " ".join([*classes, cls]))
        elif key:
            token.attrSet(key, next((v for v in one.group(4, 5, 6) if v is not None), ""))
    return True


def _block_attributes(state) -> None:
    """Attribute-list lines of paragraphs: the first or last line of a
    paragraph gives it its attributes; a paragraph that is only the list gives
    them to the block just before it."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "paragraph_open" or index + 2 >= len(tokens) or tokens[index + 1].type != "inline":
            continue
        inline = tokens[index + 1]
        children = inline.children or []
        if not children or token.hidden:  # a tight list's paragraph has no element to carry them
            continue
        # An attribute line is one text token starting with "{", so it can only be
        # the first or the last child: most paragraphs are decided here.
        head, tail = children[0], children[-1]
        if not (head.type == "text" and "{" in head.content or tail.type == "text" and "{" in tail.content):
            continue
        lines: list[list] = [[]]
        for child in children:
            if child.type == "softbreak":
                lines.append([])
            else:
                lines[-1].append(child)

        def attribute_line(line):
            if len(line) != 1 or line[0].type != "text":
                return None
            return _BLOCK_ATTRIBUTES.match(line[0].content.strip())

        if len(lines) == 1:
            match = attribute_line(lines[0])
            previous = tokens[index - 1] if index else None
            if match is None or previous is None or previous.nesting != -1 or not previous.block:
                continue
            opening = _opening_of(tokens, index - 1)
            if opening is not None and _set_attributes(opening, match.group(1)):
                token.hidden = tokens[index + 2].hidden = True
                inline.children = []
                inline.content = ""
            continue
        first, last = attribute_line(lines[0]), attribute_line(lines[-1])
        if first is not None and _set_attributes(token, first.group(1)):
            del children[: len(lines[0]) + 1]
            for moved in (token, inline):  # the text starts a line later: its references say so
                if moved.map:
                    moved.map = [moved.map[0] + 1, moved.map[1]]
        elif last is not None and _set_attributes(token, last.group(1)):
            del children[len(children) - len(lines[-1]) - 1 :]


def _opening_of(tokens, close_index: int):
    close = tokens[close_index]
    for index in range(close_index - 1, -1, -1):
        candidate = tokens[index]
        if candidate.level == close.level and candidate.nesting == 1 and candidate.tag == close.tag:
            return candidate
    return None


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
        if not _set_attributes(token, match.group(1)):
            continue  # an event handler, a URL, a style: not ours to make markup; it stays text
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
