"""Finding, reading and validating a project's config file.

``load_config`` finds the file (``find_config_file``), parses the TOML, and
reads every key of ``schema.SETTINGS`` in order through a ``Reading``: the
table, the file it came from, and the values read so far.  Every error names
the file and, where the key can be found in the text, its line.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..text_files import decode_utf8
from .locate import TOOL_TABLE, find_line, line_from_message
from .model import Config
from .schema import KNOWN_KEYS, SETTINGS

CONFIG_FILENAME = "l10n.toml"
PYPROJECT_FILENAME = "pyproject.toml"


def find_config_file(start: Path) -> Path:
    """The config of the project that contains ``start``.

    Like git looking for ``.git``: from ``start`` up to the file system root,
    the first directory with ``l10n.toml`` or a ``pyproject.toml`` that has a
    ``[tool.l10n]`` table.  When one directory has both, ``l10n.toml`` wins
    (``ignored_config`` names the other, for the CLI to say so).
    """
    start = Path(os.path.abspath(start))
    for directory in (start, *start.parents):
        own = directory / CONFIG_FILENAME
        if own.is_file():
            return own
        pyproject = directory / PYPROJECT_FILENAME
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    raise ConfigError(
        f"no {CONFIG_FILENAME} or {PYPROJECT_FILENAME} with [tool.l10n] in {start} or any parent directory",
        hint="run `l10n init` in the project directory to create one",
    )


def ignored_config(config_file: Path) -> Path | None:
    """The pyproject.toml with [tool.l10n] that ``config_file`` (an l10n.toml beside it) overrides."""
    pyproject = config_file.with_name(PYPROJECT_FILENAME)
    if config_file.name == CONFIG_FILENAME and pyproject.is_file() and _has_tool_table(pyproject):
        return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    """Whether the file declares [tool.l10n] (text check: a malformed file still counts)."""
    try:
        text = pyproject.read_text("utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*l10n\s*[\].]", text, re.MULTILINE) is not None


def load_config(start: str | Path) -> Config:
    """Find (see ``find_config_file``), read and validate a project's configuration."""
    import tomllib  # here, not at import: most importers of l10n.config only want Config

    path = find_config_file(Path(start))
    shown = path.name  # errors name files relative to the project, which this file's folder is
    try:
        # TOML reports its own control characters and line ends, so only the decoding is shared.
        data = tomllib.loads(decode_utf8(path.read_bytes(), shown=shown, error=ConfigError,
                                         expected="a UTF-8 TOML file", allow_nul=True, newlines=False))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or line_from_message(str(exc))
        raise ConfigError(f"invalid TOML: {exc}", path=shown, line=line) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=shown) from None

    tool = data.get("tool")
    if path.name == PYPROJECT_FILENAME or (set(data) == {"tool"} and isinstance(tool, dict) and set(tool) == {"l10n"}):
        # pyproject.toml, or an l10n.toml written in the same [tool.l10n] form.
        table = tool.get("l10n") if isinstance(tool, dict) else None
        if not isinstance(table, dict):
            raise ConfigError("no [tool.l10n] table", path=shown, hint="add [tool.l10n] with locales and sources")
    else:
        table = data
    return validate(path, table)


class Reading:
    """One config file being validated: its table, where it is, the values read so far."""

    def __init__(self, path: Path, table: dict[str, Any]) -> None:
        self.path, self.root, self.table = path, path.parent, table
        self.values: dict[str, Any] = {}  # Config field -> value, filled in SETTINGS order
        self.listed_locales: list[str] = []  # ``locales`` as written, repeats included

    def fail(self, key: str, message: str, hint: str | None = None) -> ConfigError:
        """The error for ``key``, at its line; named relative to the project (its root is this file's folder)."""
        return ConfigError(message, path=self.path.name, line=find_line(self.path, key), hint=hint)

    def get_str(self, key: str, default: str | None) -> str | None:
        value = self.table.get(key, default)
        if value is not None and not isinstance(value, str):
            raise self.fail(key, f"{key} must be a string, got {type(value).__name__}")
        return value

    def get_str_list(self, key: str) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"{key} must be a list of strings")
        return tuple(value)

    def get_dir(self, key: str, default: str | None) -> Path | None:
        """The folder ``key`` names, under the project root (None: not set and no default)."""
        value = self.get_str(key, default)
        if value is None:
            return None
        if (self.root / value).exists() and not (self.root / value).is_dir():
            raise self.fail(key, f"{key} {value!r} is a file, expected a folder")
        return self.root / value


def validate(path: Path, table: dict[str, Any]) -> Config:
    """The ``Config`` of the table read from ``path``; the first problem, in ``SETTINGS`` order, stops it."""
    r = Reading(path, table)
    if "tool" in table and path.name == CONFIG_FILENAME:
        raise r.fail("tool", "unknown key 'tool'",
                     "write the settings at the top level of l10n.toml, or all of them under [tool.l10n]")
    for key in table:
        if key not in KNOWN_KEYS:
            raise r.fail(key, f"unknown key {key!r}", "known keys: " + ", ".join(sorted(KNOWN_KEYS)))
    for setting in SETTINGS:
        value = setting.read(r, setting.key)
        fields = setting.fields or (setting.key,)
        r.values.update(zip(fields, value) if len(fields) > 1 else [(fields[0], value)])
    return Config(root=r.root, config_file=path, **r.values)
