"""Where a key is set in a TOML config file, so an error can name its line.

tomllib keeps no positions, so the lines come from a plain scan of the text:
table headers and ``key =`` assignments, dotted keys joined.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ConfigError

#: The table that holds the settings in pyproject.toml (l10n.toml may use it too).
TOOL_TABLE = "tool.l10n"

_TOML_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_TOML_ASSIGN = re.compile(r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*=")


def _dotted(key: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in key.split("."))


def key_lines(text: str) -> dict[str, int]:
    """Dotted key (``tool.l10n.mt.beam_size``) -> the line that assigns it, and each
    table header's line (tomllib keeps no positions)."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), 1):
        header = _TOML_HEADER.match(line)
        if header:
            table = _dotted(header.group(1))
            lines.setdefault(table, number)
            continue
        assign = _TOML_ASSIGN.match(line)
        if assign:
            key = _dotted(assign.group(1))
            lines.setdefault(f"{table}.{key}" if table else key, number)
    return lines


def find_line(path: Path, key: str) -> int | None:
    """The line that sets ``key`` (dotted, relative to the l10n table), else the line
    of the table that lacks it."""
    try:
        lines = key_lines(path.read_text("utf-8", errors="replace"))
    except OSError:
        return None
    # Keys live under [tool.l10n] when the file has that table, else at the top.
    prefix = TOOL_TABLE + "." if TOOL_TABLE in lines or any(k.startswith(TOOL_TABLE + ".") for k in lines) else ""
    parts = key.split(".")
    # the key itself, else its closest enclosing table or inline-table key
    for n in range(len(parts), 0, -1):
        found = lines.get(prefix + ".".join(parts[:n]))
        if found:
            return found
    return lines.get(TOOL_TABLE)


def line_from_message(message: str) -> int | None:
    """The line a parser's message names (``... (at line 3, column 1)``), else None."""
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def glob_sources(root: Path, config_file: Path, pattern: str) -> list[Path]:
    """The files a ``sources`` glob matches, sorted; an error if it matches none."""
    matches = sorted(root.glob(pattern))
    if not matches:
        raise ConfigError(f"source glob {pattern!r} matches no file", path=config_file.name,
                          line=find_line(config_file, "sources"))
    return matches
