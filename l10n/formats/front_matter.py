"""Front matter of static-site Markdown: YAML (``---``) or TOML (``+++``).

The block is kept as written (a ``Raw`` node); the values of the configured
top-level keys (``front_matter_keys``, default ``title`` and ``description``)
that are strings become elements of their own, so they are units.  Editions
use the translated ``title`` as the page title and ``description`` as its
meta description; the block itself never shows as prose.
"""

from __future__ import annotations

import re

from ..errors import SourceError
from ..model import Element, Node, Raw, Text

FRONT_MATTER_TAG = "l10n-front-matter"
VALUE_TAG = "l10n-front-matter-value"
DEFAULT_KEYS = ("title", "description")


def front_matter_element(
    markup: str, content: str, *, line: int, keys: tuple[str, ...], display_path: str
) -> Element:
    """The front matter block starting at source ``line`` (its fence line)."""
    values = (
        _toml_values(content, keys, line, display_path)
        if markup.startswith("+")
        else _yaml_values(content, keys, line, display_path)
    )
    children: list[Node] = [Raw(f"{markup}\n{content}\n{markup}\n")]
    for key, value, value_line in values:
        children.append(Element(VALUE_TAG, [("data-key", key)], [Text(value, value_line)], value_line))
    return Element(FRONT_MATTER_TAG, [("data-format", "toml" if markup.startswith("+") else "yaml")], children, line)


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """A front matter block at the very start of ``text`` (an HTML page's,
    which no Markdown parser reads): its fence (``---`` or ``+++``), its
    content and where the rest of the text starts; None when there is none."""
    for fence in ("---", "+++"):
        if not re.match(re.escape(fence) + r"[ \t]*\n", text):
            continue
        close = re.compile(r"^" + re.escape(fence) + r"[ \t]*$", re.MULTILINE).search(text, text.index("\n") + 1)
        if close is None:
            return None
        first = text.index("\n") + 1
        content = text[first : max(first, close.start() - 1)]
        rest = close.end() + 1 if close.end() < len(text) else close.end()
        return fence, content, rest
    return None


def _yaml_values(content: str, keys, line: int, display_path: str) -> list[tuple[str, str, int]]:
    import yaml

    try:
        node = yaml.compose(content, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SourceError(
            f"invalid YAML front matter: {getattr(exc, 'problem', None) or exc}",
            path=display_path,
            line=line + 1 + (mark.line if mark else 0),
        ) from None
    if not isinstance(node, yaml.MappingNode):
        return []
    found = []
    for key_node, value_node in node.value:
        if key_node.value in keys and isinstance(value_node, yaml.ScalarNode) and value_node.tag.endswith(":str"):
            if value_node.value.strip():
                found.append((key_node.value, value_node.value, line + 1 + value_node.start_mark.line))
    return found


def _toml_values(content: str, keys, line: int, display_path: str) -> list[tuple[str, str, int]]:
    import tomllib

    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise SourceError(
            f"invalid TOML front matter: {exc}",
            path=display_path,
            line=line + (int(match.group(1)) if match else 1),
        ) from None
    found = []
    for key in keys:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            where = re.search(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", content, re.MULTILINE)
            offset = content.count("\n", 0, where.start()) if where else 0
            found.append((key, value, line + 1 + offset))
    return found


def toml_front_matter_plugin(md) -> None:
    """``+++`` front matter (Hugo, Zola), which mdit-py-plugins' front_matter
    plugin (``---`` only) does not read; same token, marked with ``+++``."""
    md.block.ruler.before("table", "toml_front_matter", _toml_rule, {"alt": ["paragraph"]})


def _toml_rule(state, startLine: int, endLine: int, silent: bool) -> bool:
    if startLine != 0 or state.getLines(0, 1, 0, False).rstrip() != "+++":
        return False
    for line in range(1, endLine):
        if state.src[state.bMarks[line] : state.eMarks[line]].rstrip() == "+++":
            if silent:
                return True
            token = state.push("front_matter", "", 0)
            token.hidden = True
            token.markup = "+++"
            token.content = state.src[state.bMarks[1] : state.eMarks[line - 1]] if line > 1 else ""
            token.block = True
            token.map = [0, line + 1]
            state.line = line + 1
            return True
    return False
