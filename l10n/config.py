"""Project configuration: ``[tool.l10n]`` in pyproject.toml, or ``l10n.toml``.

``load_config(project_dir)`` is the only entry point; nothing is read at
import time.  Every error names the file and, where the key can be found in
the text, its line.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

CONFIG_FILENAME = "l10n.toml"

# key -> (expected type description, validator-free default)
_KNOWN_KEYS = {
    "project",
    "source_language",
    "locales",
    "sources",
    "locales_dir",
    "output_dir",
    "engine",
    "models_dir",
    "cache_dir",
    "mt",
    "wrap_width",
    "min_reviewed",
}
_MT_KEYS = {
    "beam_size",
    "device",
    "compute_type",
    "inter_threads",
    "intra_threads",
    "max_batch_tokens",
    "length_penalty",
    "max_decoding_length_ratio",
    "max_decoding_length_extra",
    "min_decoding_length_ratio",
    "workers",  # parallel locales on this machine (l10n/mt/workers.py)
    "cluster",  # "auto" or a Ray address (l10n/mt/ray_backend.py)
}


@dataclass(frozen=True)
class Config:
    """A validated project configuration.  Paths are absolute."""

    root: Path
    config_file: Path
    project: str
    source_language: str = "en"
    locales: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    locales_dir: Path = Path("locales")
    output_dir: Path = Path("build")
    engine: str | None = None
    engine_overrides: dict[str, str] = field(default_factory=dict)
    models_dir: Path | None = None
    cache_dir: Path = Path(".l10n-cache")
    mt: dict[str, Any] = field(default_factory=dict)
    wrap_width: int = 72
    min_reviewed: float | None = None

    def engine_for(self, locale: str) -> str | None:
        """The engine name configured for ``locale`` (per-locale override first)."""
        return self.engine_overrides.get(locale, self.engine)

    def source_files(self) -> list[Path]:
        """Source documents matched by the ``sources`` globs, sorted, de-duplicated."""
        found: dict[Path, None] = {}
        for pattern in self.sources:
            matches = sorted(self.root.glob(pattern))
            if not matches:
                raise ConfigError(
                    f"source glob {pattern!r} matches no file",
                    path=self.config_file,
                    line=_find_line(self.config_file, "sources"),
                )
            for m in matches:
                found.setdefault(m, None)
        return list(found)

    def relative(self, path: Path) -> str:
        """``path`` relative to the project root, with forward slashes."""
        # No resolve(): it would follow (and choke on) symlink loops.
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return absolute.as_posix()


def find_config_file(project_dir: Path) -> Path:
    """The config file of the project in ``project_dir``: l10n.toml, else pyproject.toml."""
    own = project_dir / CONFIG_FILENAME
    if own.is_file():
        return own
    pyproject = project_dir / "pyproject.toml"
    if pyproject.is_file():
        return pyproject
    raise ConfigError(
        f"no {CONFIG_FILENAME} or pyproject.toml with [tool.l10n] in {project_dir}",
        hint="create l10n.toml with at least locales = [...] and sources = [...]",
    )


def load_config(project_dir: str | Path) -> Config:
    """Read and validate the configuration of the project in ``project_dir``."""
    root = Path(project_dir).resolve()
    path = find_config_file(root)
    try:
        raw_bytes = path.read_bytes()
        data = tomllib.loads(raw_bytes.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not valid UTF-8 at byte {exc.start}", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        raise ConfigError(f"invalid TOML: {exc}", path=path, line=line) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=path) from None

    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("l10n")
        if table is None:
            raise ConfigError(
                "no [tool.l10n] table", path=path, hint="add [tool.l10n] with locales and sources"
            )
    else:
        table = data
    return _validate(root, path, table)


def _validate(root: Path, path: Path, table: dict[str, Any]) -> Config:
    from .locales import normalize_locale  # late import: babel is heavy

    def fail(key: str, message: str, hint: str | None = None) -> ConfigError:
        return ConfigError(message, path=path, line=_find_line(path, key), hint=hint)

    for key in table:
        if key not in _KNOWN_KEYS:
            raise fail(key, f"unknown key {key!r}", "known keys: " + ", ".join(sorted(_KNOWN_KEYS)))

    def get_str(key: str, default: str | None) -> str | None:
        value = table.get(key, default)
        if value is not None and not isinstance(value, str):
            raise fail(key, f"{key} must be a string, got {type(value).__name__}")
        return value

    def get_str_list(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"{key} must be a list of strings")
        return tuple(value)

    source_language = get_str("source_language", "en") or "en"
    try:
        source_language = normalize_locale(source_language)
    except ValueError as exc:
        raise fail("source_language", str(exc)) from None
    locales = []
    for loc in get_str_list("locales"):
        try:
            locales.append(normalize_locale(loc))
        except ValueError as exc:
            raise fail("locales", str(exc)) from None
    if not locales:
        raise fail("locales", "no locales configured", 'add locales = ["ko", "zh_Hans"]')
    sources = get_str_list("sources")
    if not sources:
        raise fail("sources", "no sources configured", 'add sources = ["source/*.md"]')

    engine_value = table.get("engine")
    engine: str | None = None
    overrides: dict[str, str] = {}
    if isinstance(engine_value, str):
        engine = engine_value
    elif isinstance(engine_value, dict):
        for k, v in engine_value.items():
            if not isinstance(v, str):
                raise fail("engine", f"engine.{k} must be a string")
            if k == "default":
                engine = v
            else:
                try:
                    overrides[normalize_locale(k)] = v
                except ValueError as exc:
                    raise fail("engine", str(exc)) from None
    elif engine_value is not None:
        raise fail("engine", "engine must be a string or a table of locale = engine")

    mt = table.get("mt", {})
    if not isinstance(mt, dict):
        raise fail("mt", "mt must be a table")
    for k in mt:
        if k not in _MT_KEYS:
            raise fail(k, f"unknown key mt.{k!s}", "known: " + ", ".join(sorted(_MT_KEYS)))
    workers = mt.get("workers")
    if workers is not None and (not isinstance(workers, int) or isinstance(workers, bool) or workers < 1):
        raise fail("workers", "mt.workers must be a positive integer")
    if "cluster" in mt and (not isinstance(mt["cluster"], str) or not mt["cluster"]):
        raise fail("cluster", 'mt.cluster must be "auto" or a Ray address such as "ray://host:10001"')

    wrap_width = table.get("wrap_width", 72)
    if not isinstance(wrap_width, int) or isinstance(wrap_width, bool) or wrap_width < 20:
        raise fail("wrap_width", "wrap_width must be an integer of at least 20")
    min_reviewed = table.get("min_reviewed")
    if min_reviewed is not None and (
        not isinstance(min_reviewed, (int, float)) or not 0 <= min_reviewed <= 100
    ):
        raise fail("min_reviewed", "min_reviewed must be a percentage from 0 to 100")

    def get_dir(key: str, default: str | None) -> Path | None:
        value = get_str(key, default)
        return (root / value) if value is not None else None

    return Config(
        root=root,
        config_file=path,
        project=get_str("project", root.name) or root.name,
        source_language=source_language,
        locales=tuple(dict.fromkeys(locales)),
        sources=sources,
        locales_dir=get_dir("locales_dir", "locales"),  # type: ignore[arg-type]
        output_dir=get_dir("output_dir", "build"),  # type: ignore[arg-type]
        engine=engine,
        engine_overrides=overrides,
        models_dir=get_dir("models_dir", None),
        cache_dir=get_dir("cache_dir", ".l10n-cache"),  # type: ignore[arg-type]
        mt=dict(mt),
        wrap_width=wrap_width,
        min_reviewed=float(min_reviewed) if min_reviewed is not None else None,
    )


def _find_line(path: Path, key: str) -> int | None:
    """The first line that assigns ``key`` (TOML has no positions in tomllib)."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    try:
        for number, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
            if pattern.match(line):
                return number
    except OSError:
        return None
    return None


def _line_from_message(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None
