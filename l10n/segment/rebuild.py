"""Nodes again from translated unit text: the placeholders replaced by
copies of the nodes they stand for (the inverse of ``unit_text.flatten``)."""

from __future__ import annotations

from ..model import Element, Node, Raw, Text
from ..placeholders import tokenize


def deep_copy(node: Node) -> Node:
    """A copy of ``node`` and everything inside it (``copy.deepcopy`` recurses)."""
    if isinstance(node, Text):
        return Text(node.text, node.line)
    if isinstance(node, Raw):
        return Raw(node.markup, node.as_text)
    top = node.shallow_copy()
    stack: list[tuple[Element, Element]] = [(node, top)]
    while stack:
        source, target = stack.pop()
        for child in source.children:
            if isinstance(child, Element):
                copied = child.shallow_copy()
                stack.append((child, copied))
                target.children.append(copied)
            elif isinstance(child, Text):
                target.children.append(Text(child.text, child.line))
            else:
                target.children.append(Raw(child.markup, child.as_text))
    return top


def piece_nodes(text: str, spans: dict[int, Node]) -> list[Node]:
    """Nodes for unit text whose placeholders refer to ``spans``.

    The caller has checked the placeholders (``placeholders.check_placeholders``).
    """
    root = Element("#piece")
    stack = [root]
    for tok in tokenize(text):
        if tok.kind == "text":
            stack[-1].children.append(Text(tok.value))
        elif tok.kind == "void":
            stack[-1].children.append(deep_copy(spans[tok.id]))
        elif tok.kind == "open":
            source = spans[tok.id]
            element = source.shallow_copy() if isinstance(source, Element) else Element("span")
            stack[-1].children.append(element)
            stack.append(element)
        elif tok.kind == "close" and len(stack) > 1:
            stack.pop()
    return root.children
