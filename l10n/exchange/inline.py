"""Placeholders as the inline codes of exchange formats, and back.

A unit's ``<1>…</1>`` pair and ``<2/>`` void placeholder (l10n/placeholders.py)
become the inline codes each format defines, so a CAT tool shows them as
protected tags instead of editable text:

============  =====================  =========================
format        pair ``<1>…</1>``       void ``<2/>``
============  =====================  =========================
XLIFF 1.2     ``<g id="1">…</g>``     ``<x id="2"/>``
XLIFF 2.0     ``<pc id="1">…</pc>``   ``<ph id="2"/>``
TMX 1.4       ``<bpt i="1">`` …       ``<ph x="2">``
              ``<ept i="1">``
============  =====================  =========================

Reading accepts what CAT tools write back besides these: XLIFF 1.2 ``bx/ex``
and ``bpt/ept`` (paired by ``rid`` or ``id``), ``ph``/``it`` as void codes,
XLIFF 2.0 ``sc/ec`` (paired by ``startRef``), and annotations (``mrk``,
``sm/em``, ``sub``) whose text is kept.  A code whose id is not one of our
placeholder numbers, or an opening code never closed, is an ``InlineError``
naming the element's line.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..placeholders import escape_text, tokenize

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF20_NS = "urn:oasis:names:tc:xliff:document:2.0"


class InlineError(ValueError):
    """Inline markup that cannot be turned back into placeholders."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class InlineDialect:
    """Element names of one format's inline codes (local names, no namespace)."""

    namespace: str | None
    pair: str  # element wrapping the content of a pair (g, pc), or "" when pairs are split
    void: str  # standalone code (x, ph)
    id_attr: str  # attribute carrying our number on pair and void codes
    begin: str = ""  # split pairs (TMX bpt/ept) when ``pair`` is empty
    end: str = ""
    void_id_attr: str = ""


XLIFF12 = InlineDialect(XLIFF12_NS, pair="g", void="x", id_attr="id")
XLIFF20 = InlineDialect(XLIFF20_NS, pair="pc", void="ph", id_attr="id")
TMX14 = InlineDialect(None, pair="", void="ph", id_attr="i", begin="bpt", end="ept", void_id_attr="x")


def _tag(dialect: InlineDialect, name: str) -> str:
    return f"{{{dialect.namespace}}}{name}" if dialect.namespace else name


def _append_text(parent, text: str) -> None:
    """Append text after the last child of ``parent`` (lxml keeps it in ``tail``)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def fill_inline(element, unit_text: str, dialect: InlineDialect) -> None:
    """Write ``unit_text`` into ``element`` as text and inline codes."""
    from lxml import etree

    stack = [element]
    for token in tokenize(unit_text):
        parent = stack[-1]
        if token.kind == "text":
            _append_text(parent, token.value)
        elif token.kind == "void":
            code = etree.SubElement(parent, _tag(dialect, dialect.void))
            code.set(dialect.void_id_attr or dialect.id_attr, str(token.id))
            if not dialect.namespace:  # TMX codes carry the native code as content
                code.text = f"<{token.id}/>"
        elif token.kind == "open":
            if dialect.pair:
                code = etree.SubElement(parent, _tag(dialect, dialect.pair))
                code.set(dialect.id_attr, str(token.id))
                stack.append(code)
            else:
                code = etree.SubElement(parent, _tag(dialect, dialect.begin))
                code.set(dialect.id_attr, str(token.id))
                code.text = f"<{token.id}>"
        else:  # close
            if dialect.pair:
                if len(stack) > 1:
                    stack.pop()
            else:
                code = etree.SubElement(parent, _tag(dialect, dialect.end))
                code.set(dialect.id_attr, str(token.id))
                code.text = f"</{token.id}>"


# Inline elements read back, by local name -> role.
_ROLES = {
    "g": "pair", "pc": "pair",
    "x": "void", "ph": "void", "it": "void",
    "bx": "begin", "bpt": "begin", "sc": "begin",
    "ex": "end", "ept": "end", "ec": "end",
    "mrk": "annotation", "sm": "skip", "em": "skip", "sub": "skip", "ut": "skip",
}


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _number(value: str | None, element) -> int:
    if value is None or not value.strip().isdigit():
        raise InlineError(
            f"inline code <{_local(element.tag)}> has id {value!r}, expected one of the placeholder numbers",
            element.sourceline,
        )
    return int(value)


def read_inline(element) -> str:
    """The unit text (placeholders, escaped literal text) held by ``element``."""
    out: list[str] = []
    open_split: dict[str, int] = {}  # split pairs: pairing key -> our number
    _read_children(element, out, open_split)
    if open_split:
        number = next(iter(open_split.values()))
        raise InlineError(f"inline code for placeholder <{number}> is opened but never closed", element.sourceline)
    return "".join(out)


def _read_children(element, out: list[str], open_split: dict[str, int]) -> None:
    if element.text:
        out.append(escape_text(element.text))
    for child in element:
        if not isinstance(child.tag, str):  # comment or processing instruction
            pass
        else:
            name = _local(child.tag)
            role = _ROLES.get(name)
            if role is None:
                raise InlineError(f"unexpected element <{name}> inside a segment", child.sourceline)
            if role == "pair":
                number = _number(child.get("id"), child)
                out.append(f"<{number}>")
                _read_children(child, out, open_split)
                out.append(f"</{number}>")
            elif role == "void":
                out.append(f"<{_number(child.get('id') or child.get('x') or child.get('i'), child)}/>")
            elif role == "begin":
                number = _number(child.get("id") or child.get("i"), child)
                key = child.get("rid") or child.get("i") or child.get("id")
                open_split[key] = number
                out.append(f"<{number}>")
            elif role == "end":
                key = child.get("rid") or child.get("i") or child.get("startRef") or child.get("id")
                if key not in open_split:
                    raise InlineError(f"inline code <{name}> closes {key!r}, which is not open", child.sourceline)
                out.append(f"</{open_split.pop(key)}>")
            elif role == "annotation":
                _read_children(child, out, open_split)
        if child.tail:
            out.append(escape_text(child.tail))
