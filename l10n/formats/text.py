"""Plain text: paragraphs are separated by blank lines."""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Document, Element, Text

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def parse_text(text: str, *, path: Path) -> Document:
    body = Element("body", line=1)
    pos = 0
    line = 1
    for match in [*_BLANK_LINE.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            leading = len(chunk) - len(chunk.lstrip())
            first_line = line + chunk.count("\n", 0, leading)
            body.children.append(Element("p", children=[Text(chunk.strip(), first_line)], line=first_line))
        if match is None:
            break
        line += text.count("\n", pos, match.end())
        pos = match.end()
    return Document(path=path, format="text", root=body)
