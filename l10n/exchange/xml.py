"""Safe XML parsing and serialization shared by the XLIFF and TMX modules."""

from __future__ import annotations

from ..errors import ExchangeError

XML_NS = "http://www.w3.org/XML/1998/namespace"


def parse_xml(data: bytes, *, path: str):  # -> lxml.etree._Element
    """The root element; no DTD, no entities, no network (files come from outside)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or None
        message = exc.msg.split(", line ")[0] if exc.msg else "malformed XML"
        raise ExchangeError(f"not well-formed XML: {message}", path=path, line=line) from None


def local_name(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def namespace_of(element) -> str:
    tag = element.tag
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def xml_bytes(root, *, leaves: frozenset[str]) -> bytes:
    """UTF-8 with an XML declaration, structure indented.

    lxml's own ``indent`` would also put white space into a segment that starts
    with an inline code (``<source><g id="1">…``), changing the text; elements
    named in ``leaves`` (segments, notes) are therefore left exactly as built.
    """
    from lxml import etree

    _indent(root, 0, leaves)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def _indent(element, level: int, leaves: frozenset[str]) -> None:
    children = [c for c in element if isinstance(c.tag, str)]
    if not children or local_name(element) in leaves:
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in children:
        _indent(child, level + 1, leaves)
        child.tail = pad
    children[-1].tail = "\n" + "  " * level
