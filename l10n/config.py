"""Project configuration: ``[tool.l10n]`` in pyproject.toml, or ``l10n.toml``.

``load_config(project_dir)`` is the only entry point; nothing is read at
import time.  Every error names the file and, where the key can be found in
the text, its line.

Long because: one table-driven validator of every key (tables, checks and the
lines a message points at) reads best next to the Config it builds.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from string import Formatter
from typing import Any

from .errors import ConfigError
from .model import SOURCE_FORMATS
from .text_files import decode_utf8

CONFIG_FILENAME = "l10n.toml"
PYPROJECT_FILENAME = "pyproject.toml"
#: The table that holds the settings in pyproject.toml (l10n.toml may use it too).
TOOL_TABLE = "tool.l10n"
#: Engine names ``engine`` (and ``--engine``) may give; one line per engine.
#: ``none``: people translate the locale; translate and run make no drafts for it.
ENGINE_NAMES = (
    "argos",
    "apertium",
    "llm",  # a local OpenAI-compatible chat server, [llm] table (l10n/mt/llm.py)
    "none",
)
#: The engine a locale gets when the config names none.
DEFAULT_ENGINE = "argos"
#: The engines that make drafts: every name but ``none``.
DRAFTING_ENGINES = tuple(name for name in ENGINE_NAMES if name != "none")
#: ``engine.<locale> = "model:NAME"`` names one installed model (l10n/mt/selection.py).
MODEL_ENGINE_PREFIX = "model:"

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
    "front_matter_keys",
    "translatable_attributes",
    "code_shortcodes",
    "formats",
    "site_url",
    "llm",
    "asset_variant",
}


def _int_at_least(low: int):
    return (f"an integer of at least {low}",
            lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= low)


def _number_at_least(low: float):
    return (f"a number of at least {low:g}",
            lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v >= low)


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
    "save_interval",  # seconds between catalog saves during a run (l10n/pipeline/translate.py)
}
# [mt] key -> (what it must be, check), applied when the config is loaded.
_MT_CHECKS = {
    "beam_size": _int_at_least(1),
    "device": ("one of cpu, cuda, auto", lambda v: v in ("cpu", "cuda", "auto")),
    "compute_type": ("a CTranslate2 compute type such as default, int8, float16",
                     lambda v: isinstance(v, str) and bool(v)),
    "inter_threads": _int_at_least(1),
    "intra_threads": _int_at_least(0),
    "max_batch_tokens": _int_at_least(1),
    "length_penalty": _number_at_least(0),
    "max_decoding_length_ratio": _number_at_least(0),
    "max_decoding_length_extra": _int_at_least(0),
    "min_decoding_length_ratio": _number_at_least(0),
    "workers": _int_at_least(1),
    "save_interval": _number_at_least(0),
    "cluster": ('"auto" or a Ray address such as "ray://host:10001"', lambda v: isinstance(v, str) and bool(v)),
}
# [llm] key -> (what it must be, check); defaults in DEFAULT_LLM.  The URL is
# checked apart (loopback unless allow_remote), see llm_url_problem.
_LLM_CHECKS = {
    "url": ('an http(s) URL such as "http://127.0.0.1:8080/v1"', lambda v: isinstance(v, str) and bool(v)),
    "model": ("the server's model id, a non-empty string", lambda v: isinstance(v, str) and bool(v)),
    "batch_size": _int_at_least(1),
    "timeout": _number_at_least(1),
    "seed": _int_at_least(0),
    "context": _int_at_least(0),
    "allow_remote": ("true or false", lambda v: isinstance(v, bool)),
    "api_key_env": ("the name of an environment variable", lambda v: isinstance(v, str) and bool(v)),
}
DEFAULT_LLM = {"url": "http://127.0.0.1:8080/v1", "batch_size": 8, "timeout": 120, "seed": 42, "context": 2,
               "allow_remote": False}


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` names this machine (localhost, 127.0.0.0/8, ::1)."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def llm_url_problem(url: str, allow_remote: bool) -> str | None:
    """Why ``url`` may not be used as the LLM server, or None."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        return f'llm.url must be an http(s) URL such as "http://127.0.0.1:8080/v1", got {url!r}'
    if not allow_remote and not is_loopback_host(parts.hostname):
        return (f"llm.url {url!r} is not on this machine: every sentence to translate, its neighbours and "
                "the glossary entries it uses would be sent there")
    return None


# Edition formats ``l10n build`` can write; html and text unless ``formats`` says otherwise.
EDITION_FORMATS = ("html", "text", "pdf")
DEFAULT_FORMATS = ("html", "text")


#: The default ``asset_variant``: ``img/map.png`` -> ``img/map.ko.png`` in Korean.
DEFAULT_ASSET_VARIANT = "{stem}.{locale}{suffix}"
_VARIANT_FIELDS = frozenset({"stem", "suffix", "locale"})


def check_asset_variant(pattern: str) -> str | None:
    """Why ``pattern`` is not a usable ``asset_variant`` (None: it is)."""
    try:
        parsed = [(name, bool(spec or conversion)) for _, name, spec, conversion in Formatter().parse(pattern)
                  if name is not None]
    except ValueError as exc:
        return f"not a valid pattern: {exc}"
    fields = [name for name, _ in parsed]
    unknown = [name for name in fields if name not in _VARIANT_FIELDS]
    if unknown:
        return f"unknown field {{{unknown[0]}}}; the fields are {{stem}}, {{suffix}} and {{locale}}"
    if any(special for _, special in parsed):
        return "fields take no format spec or conversion"
    if "locale" not in fields:
        return "the pattern must contain {locale}"
    if not pattern or pattern.startswith("/") or "\\" in pattern or ".." in pattern.split("/"):
        return "the pattern names a file beside the default one (no leading /, no .., no backslash)"
    return None


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
    llm: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_LLM))  # [llm], defaults filled in
    wrap_width: int = 72
    min_reviewed: float | None = None
    front_matter_keys: tuple[str, ...] = ("title", "description")
    # element -> attributes translated on it ("*": on any element); None: the default list
    translatable_attributes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # shortcodes whose inner text is code, kept opaque; None: the Markdown reader's defaults
    code_shortcodes: tuple[str, ...] | None = None
    formats: tuple[str, ...] = DEFAULT_FORMATS
    site_url: str | None = None  # where build/ is published: absolute canonical and hreflang links
    # A per-locale asset's name beside the default one (l10n/render/assets.py): img/map.png -> img/map.ko.png
    asset_variant: str = DEFAULT_ASSET_VARIANT

    def engine_for(self, locale: str) -> str | None:
        """The engine name configured for ``locale`` (per-locale override first)."""
        return self.engine_overrides.get(locale, self.engine)

    def source_files(self) -> list[Path]:
        """Source documents matched by the ``sources`` globs, sorted, de-duplicated."""
        found: dict[Path, None] = {}
        for pattern in self.sources:
            for m in _glob_sources(self.root, self.config_file, pattern):
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
    path = find_config_file(Path(start))
    root = path.parent
    shown = path.name  # errors name files relative to the project, which this file's folder is
    try:
        # TOML reports its own control characters and line ends, so only the decoding is shared.
        data = tomllib.loads(decode_utf8(path.read_bytes(), shown=shown, error=ConfigError,
                                         expected="a UTF-8 TOML file", allow_nul=True, newlines=False))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
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
    return _validate(root, path, table)


def _validate(root: Path, path: Path, table: dict[str, Any]) -> Config:
    from .locales import check_locale, same_locale  # late import: babel is heavy

    def fail(key: str, message: str, hint: str | None = None) -> ConfigError:
        # Named relative to the project (its root is this file's folder), like every other error.
        return ConfigError(message, path=path.name, line=_find_line(path, key), hint=hint)

    if "tool" in table and path.name == CONFIG_FILENAME:
        raise fail("tool", "unknown key 'tool'",
                   "write the settings at the top level of l10n.toml, or all of them under [tool.l10n]")
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
        source_language = check_locale(source_language)
    except ValueError as exc:
        raise fail("source_language", str(exc)) from None
    locales = []
    for loc in get_str_list("locales"):
        try:
            locales.append(check_locale(loc))  # kept as written: zh_TW stays zh_TW
        except ValueError as exc:
            raise fail("locales", str(exc)) from None
        if same_locale(loc, source_language):
            raise fail("locales", f"the source language {source_language!r} is listed as a target locale",
                       "remove it from locales")
    if not locales:
        raise fail("locales", "no locales configured", 'add locales = ["ko", "zh_Hans"]')
    sources = get_str_list("sources")
    if not sources:
        raise fail("sources", "no sources configured", 'add sources = ["source/*.md"]')
    for pattern in sources:
        for match in _glob_sources(root, path, pattern):
            if match.is_file() and match.suffix.lower() not in SOURCE_FORMATS:
                raise fail("sources", f"{pattern!r} matches {match.relative_to(root).as_posix()}, "
                                      f"a {match.suffix or 'suffix-less'} file no reader handles",
                           "readers: " + ", ".join(SOURCE_FORMATS) + "; narrow the glob")

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
                configured = [loc for loc in locales if same_locale(loc, k)]
                if not configured:
                    raise fail("engine", f"engine.{k}: {k!r} is not one of the locales",
                               "configured: " + ", ".join(locales))
                overrides[configured[0]] = v
    elif engine_value is not None:
        raise fail("engine", "engine must be a string or a table of locale = engine")
    for name in (engine, *overrides.values()):
        if name is None or name in ENGINE_NAMES:
            continue
        if name.startswith(MODEL_ENGINE_PREFIX):
            if not name[len(MODEL_ENGINE_PREFIX):].strip():
                raise fail("engine", f"engine {name!r} names no model", 'e.g. "model:translate-en_ko"')
            continue
        raise fail("engine", f"unknown engine {name!r}",
                   "known engines: " + ", ".join(ENGINE_NAMES) + f", or {MODEL_ENGINE_PREFIX}NAME for one installed model")

    mt = table.get("mt", {})
    if not isinstance(mt, dict):
        raise fail("mt", "mt must be a table")
    for k, v in mt.items():
        if k not in _MT_KEYS:
            raise fail(f"mt.{k}", f"unknown key mt.{k!s}", "known: " + ", ".join(sorted(_MT_KEYS)))
        expected, check = _MT_CHECKS.get(k, ("", lambda _: True))
        if not check(v):
            raise fail(f"mt.{k}", f"mt.{k} must be {expected}, got {v!r}")

    llm = table.get("llm", {})
    if not isinstance(llm, dict):
        raise fail("llm", "llm must be a table")
    for k, v in llm.items():
        if k not in _LLM_CHECKS:
            raise fail(f"llm.{k}", f"unknown key llm.{k!s}", "known: " + ", ".join(sorted(_LLM_CHECKS)))
        expected, check = _LLM_CHECKS[k]
        if not check(v):
            raise fail(f"llm.{k}", f"llm.{k} must be {expected}, got {v!r}")
    llm = {**DEFAULT_LLM, **llm}
    problem = llm_url_problem(llm["url"], llm["allow_remote"])
    if problem:
        raise fail("llm.url" if "url" in table.get("llm", {}) else "llm", problem,
                   "run the server on this machine, or set llm.allow_remote = true to send them there")

    wrap_width = table.get("wrap_width", 72)
    if not isinstance(wrap_width, int) or isinstance(wrap_width, bool) or wrap_width < 20:
        raise fail("wrap_width", "wrap_width must be an integer of at least 20")
    min_reviewed = table.get("min_reviewed")
    if min_reviewed is not None and (
        not isinstance(min_reviewed, (int, float)) or not 0 <= min_reviewed <= 100
    ):
        raise fail("min_reviewed", "min_reviewed must be a percentage from 0 to 100")

    front_matter_keys = get_str_list("front_matter_keys") if "front_matter_keys" in table else ("title", "description")
    attributes = table.get("translatable_attributes", {})
    if not isinstance(attributes, dict) or not all(
        isinstance(v, list) and all(isinstance(a, str) and a for a in v) for v in attributes.values()
    ):
        raise fail(
            "translatable_attributes",
            "translatable_attributes must be a table of element = [attribute names]",
            'e.g. translatable_attributes = { "*" = ["alt", "title"], "my-figure" = ["caption"] }',
        )
    code_shortcodes = get_str_list("code_shortcodes") if "code_shortcodes" in table else None
    for name in code_shortcodes or ():
        if not re.fullmatch(r"[\w./-]+", name):
            raise fail(
                "code_shortcodes",
                f"code_shortcodes: {name!r} is not a shortcode name",
                'e.g. code_shortcodes = ["highlight", "code-toggle"]',
            )
    formats = get_str_list("formats") if "formats" in table else DEFAULT_FORMATS
    unknown = [f for f in formats if f not in EDITION_FORMATS]
    if unknown or not formats:
        raise fail(
            "formats",
            f"unknown edition format {unknown[0]!r}" if unknown else "formats is empty",
            "formats is a list of " + ", ".join(f'"{f}"' for f in EDITION_FORMATS),
        )
    site_url = get_str("site_url", None)
    if site_url is not None:
        from urllib.parse import urlsplit

        parts = urlsplit(site_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise fail("site_url", f"site_url must be an http(s) URL such as https://example.org/reports/, got {site_url!r}")
        site_url = site_url.rstrip("/") + "/"

    asset_variant = get_str("asset_variant", DEFAULT_ASSET_VARIANT) or ""
    wrong = check_asset_variant(asset_variant)
    if wrong:
        raise fail("asset_variant", f"asset_variant {asset_variant!r}: {wrong}",
                   'the default is "{stem}.{locale}{suffix}"; e.g. "{locale}/{stem}{suffix}"')

    def get_dir(key: str, default: str | None) -> Path | None:
        value = get_str(key, default)
        if value is None:
            return None
        if (root / value).exists() and not (root / value).is_dir():
            raise fail(key, f"{key} {value!r} is a file, expected a folder")
        return root / value

    def get_folder(key: str, default: str) -> Path:
        folder = get_dir(key, default)
        assert folder is not None  # get_str falls back to the default, never None
        return folder

    return Config(
        root=root,
        config_file=path,
        project=get_str("project", root.name) or root.name,
        source_language=source_language,
        locales=tuple(dict.fromkeys(locales)),
        sources=sources,
        locales_dir=get_folder("locales_dir", "locales"),
        output_dir=get_folder("output_dir", "build"),
        engine=engine,
        engine_overrides=overrides,
        models_dir=get_dir("models_dir", None),
        cache_dir=get_folder("cache_dir", ".l10n-cache"),
        mt=dict(mt),
        llm=llm,
        wrap_width=wrap_width,
        min_reviewed=float(min_reviewed) if min_reviewed is not None else None,
        front_matter_keys=front_matter_keys,
        translatable_attributes={k.lower(): tuple(a.lower() for a in v) for k, v in attributes.items()},
        code_shortcodes=code_shortcodes,
        formats=tuple(dict.fromkeys(formats)),
        site_url=site_url,
        asset_variant=asset_variant,
    )


def _glob_sources(root: Path, config_file: Path, pattern: str) -> list[Path]:
    """The files a ``sources`` glob matches, sorted; an error if it matches none."""
    matches = sorted(root.glob(pattern))
    if not matches:
        raise ConfigError(f"source glob {pattern!r} matches no file", path=config_file.name,
                          line=_find_line(config_file, "sources"))
    return matches


_TOML_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_TOML_ASSIGN = re.compile(r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*=")


def _dotted(key: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in key.split("."))


def _key_lines(text: str) -> dict[str, int]:
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


def _find_line(path: Path, key: str) -> int | None:
    """The line that sets ``key`` (dotted, relative to the l10n table), else the line
    of the table that lacks it."""
    try:
        lines = _key_lines(path.read_text("utf-8", errors="replace"))
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


def _line_from_message(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None
