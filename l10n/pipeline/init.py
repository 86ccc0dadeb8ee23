"""``l10n init``: start a project in a directory of documents.

Writes a commented ``l10n.toml`` (the sources found, the locales asked for,
an engine per locale from what is installed), adds the generated paths to
``.gitignore``, and refuses to touch an existing configuration.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import atomic_write_bytes
from ..config import CONFIG_FILENAME, DEFAULT_ENGINE, ENGINE_NAMES, PYPROJECT_FILENAME, ignored_config, load_config
from ..errors import ConfigError
from ..locales import check_locale, same_locale
from ..model import SOURCE_FORMATS
from .lock import LOCK_NAME

#: Folders never searched for sources: generated output, catalogs, tooling.
SKIPPED_DIRS = frozenset({"build", "locales", "node_modules", "venv", "__pycache__", "site-packages", "dist"})
#: Stop looking after this many directory entries (a home directory is not a project).
MAX_SCANNED = 20_000
DEFAULT_CACHE_DIR = ".l10n-cache"
DEFAULT_OUTPUT_DIR = "build"


@dataclass
class InitResult:
    config_file: Path
    sources: dict[str, int]  # glob -> files it matches
    engines: dict[str, str]  # locale -> engine
    missing_models: list[str]  # argos locales with no installed model
    gitignore: Path
    gitignore_added: list[str] = field(default_factory=list)


def find_sources(root: Path) -> dict[str, int]:
    """Globs for the documents under ``root``: one per folder and suffix (a single file
    is named as it is), with how many files each matches."""
    groups: dict[tuple[str, str], list[str]] = {}
    scanned = 0
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        scanned += len(dirs) + len(files)
        if scanned > MAX_SCANNED:
            break
        rel = Path(directory).relative_to(root).as_posix()
        for name in files:
            suffix = Path(name).suffix
            if suffix.lower() in SOURCE_FORMATS and not name.startswith("."):
                groups.setdefault(("" if rel == "." else rel, suffix), []).append(name)
    found = {}
    for (folder, suffix), names in sorted(groups.items()):
        prefix = f"{folder}/" if folder else ""
        glob = prefix + names[0] if len(names) == 1 else f"{prefix}*{suffix}"
        found[glob] = len(names)
    return found


def given_sources(root: Path, globs: Sequence[str]) -> dict[str, int]:
    """``--source`` globs with their file counts; each must match readable documents."""
    found = {}
    for glob in globs:
        matches = [m for m in root.glob(glob) if m.is_file()]
        if not matches:
            raise ConfigError(f"--source {glob!r} matches no file in {root}")
        for m in matches:
            if m.suffix.lower() not in SOURCE_FORMATS:
                raise ConfigError(f"--source {glob!r} matches {m.relative_to(root).as_posix()}, "
                                  "a file no reader handles", hint="readers: " + ", ".join(SOURCE_FORMATS))
        found[glob] = len(matches)
    return found


def choose_engines(locales: Sequence[str], source_language: str) -> tuple[dict[str, str], list[str]]:
    """Apertium where an installed pair serves the locale, else Argos; and the Argos
    locales that have no installed model yet."""
    from ..mt.apertium import ApertiumEngine
    from ..mt.engine import apertium_code, argos_code
    from ..mt.errors import MTError
    from ..mt.packages import default_packages_dir, list_installed

    try:
        modes = set(ApertiumEngine().modes())
    except MTError:
        modes = set()
    installed = {(p.from_code, p.to_code) for p in list_installed(default_packages_dir())}
    source = apertium_code(source_language)
    engines, missing = {}, []
    for locale in locales:
        target = apertium_code(locale)
        if {f"{source}-{target}", f"{source}-{target.split('_')[0]}"} & modes:
            engines[locale] = "apertium"
            continue
        engines[locale] = "argos"
        if (argos_code(source_language), argos_code(locale)) not in installed:
            missing.append(locale)
    return engines, missing


def render_config(*, project: str, source_language: str, locales: Sequence[str], sources: dict[str, int],
                  engines: dict[str, str]) -> str:
    """The commented l10n.toml text."""
    def q(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    source_lines = "\n".join(
        f"    {q(glob)},{' ' * max(1, 34 - len(q(glob)))}# {n} file{'s' if n != 1 else ''}"
        for glob, n in sources.items()
    )
    default = DEFAULT_ENGINE
    overrides = {loc: e for loc, e in engines.items() if e != default}
    engine_value = q(default) if not overrides else (
        "{ default = " + q(default) + "".join(f", {loc} = {q(e)}" for loc, e in overrides.items()) + " }")
    return f"""\
# l10n project configuration, written by `l10n init`.  Every key is checked
# when a command runs; see docs/configuration.md in the l10n repository.

project = {q(project)}{' ' * max(1, 24 - len(q(project)))}# Project-Id-Version of the catalogs
source_language = {q(source_language)}

# Target locales: gettext/Babel ids, kept as written for the catalog folders
# (locales/<locale>/LC_MESSAGES/<doc>.po) and their Language: header.
locales = [{", ".join(q(loc) for loc in locales)}]

# Source documents, globs relative to this file (.md, .html, .txt); one
# catalog per document, named after the file without its suffix.
sources = [
{source_lines}
]

locales_dir = "locales"
output_dir = {q(DEFAULT_OUTPUT_DIR)}                  # editions: <output_dir>/<locale>/<doc>.html, .txt, .mo
# min_reviewed = 90                   # keep a locale's previous editions while less is reviewed
# wrap_width = 72                     # text editions, in display columns

# Offline machine translation fills empty entries as fuzzy drafts for review.
# Engines: {", ".join(ENGINE_NAMES)}.  argos: models from `l10n models install en <locale>`;
# apertium: Debian packages such as apertium-eng-spa; llm: a local
# OpenAI-compatible server (llama-server, Ollama, vLLM), see [llm] below;
# none: people translate the locale, no machine drafts;
# "model:NAME" names one installed model.  Per locale: engine = {{ default = "argos", es = "apertium", ja = "none" }}
engine = {engine_value}
# models_dir = "models"               # default: Argos's own packages folder
cache_dir = {q(DEFAULT_CACHE_DIR)}

# [mt]                                # argos engine options
# beam_size = 4
# device = "cpu"                      # cpu, cuda, auto

# [llm]                               # the llm engine (docs/llm.md)
# url = "http://127.0.0.1:8080/v1"    # on this machine unless allow_remote = true
# model = "qwen2.5-7b-instruct"       # default: the first model the server lists
"""


def update_gitignore(root: Path, entries: Sequence[str]) -> tuple[Path, list[str]]:
    """Append the entries ``.gitignore`` lacks; returns the file and what was added."""
    path = root / ".gitignore"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", path=path) from None
    present = {line.strip().strip("/") for line in text.splitlines()}
    added = [e for e in entries if e.strip("/") not in present]
    if added:
        block = ("\n" if text and not text.endswith("\n") else "") + ("\n" if text else "")
        block += "# l10n: editions, machine-translation cache, lock\n" + "".join(f"{e}\n" for e in added)
        atomic_write_bytes(path, (text + block).encode("utf-8"))
    return path, added


def init_project(directory: Path, *, locales: Sequence[str], sources: Sequence[str] = (),
                 source_language: str = "en") -> InitResult:
    """Write ``directory/l10n.toml`` and the .gitignore lines; never overwrite a config."""
    root = Path(os.path.abspath(directory))
    own = root / CONFIG_FILENAME
    if own.exists():
        raise ConfigError("already exists; l10n init does not overwrite a configuration", path=own.name,
                          hint="edit it, or delete it first")
    pyproject = root / PYPROJECT_FILENAME
    if pyproject.is_file() and ignored_config(own) == pyproject:
        raise ConfigError("already configures l10n ([tool.l10n]); l10n init writes nothing", path=pyproject.name)
    if not locales:
        raise ConfigError("no target locales given", hint="l10n init --locale ko --locale zh_Hans")
    chosen: list[str] = []
    for value in locales:
        for item in filter(None, (v.strip() for v in value.split(","))):
            try:
                locale = check_locale(item)
            except ValueError as exc:
                raise ConfigError(str(exc)) from None
            if same_locale(locale, source_language):
                raise ConfigError(f"{locale!r} is the source language, not a target locale")
            if not any(same_locale(locale, c) for c in chosen):
                chosen.append(locale)
    found = given_sources(root, sources) if sources else find_sources(root)
    if not found:
        raise ConfigError(f"no documents ({', '.join(SOURCE_FORMATS)}) found in {root}",
                          hint="give them with --source 'docs/*.md'")
    engines, missing = choose_engines(chosen, source_language)
    text = render_config(project=root.name, source_language=source_language, locales=chosen,
                         sources=found, engines=engines)
    tomllib.loads(text)  # what we write must parse
    atomic_write_bytes(own, text.encode("utf-8"))
    try:
        load_config(root)  # the same checks as every command
    except ConfigError:
        own.unlink()
        raise
    gitignore, added = update_gitignore(root, [f"/{DEFAULT_OUTPUT_DIR}/", f"/{DEFAULT_CACHE_DIR}/", f"/{LOCK_NAME}"])
    return InitResult(own, found, engines, missing, gitignore, added)

