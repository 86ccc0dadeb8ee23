"""Which engine and model translate a locale, and why: the one place that decides.

``choose(config, locale)`` answers for ``translate``, ``models list`` and
``status`` alike, so what they show is what a run does.  The rules, first
that applies:

1. ``--engine NAME`` on the command line, for every chosen locale;
2. ``engine.<locale>`` in the config (``"argos"``, ``"apertium"``, ``"llm"``, or
   ``"model:NAME"`` for one installed model);
3. ``engine`` / ``engine.default`` in the config;
4. nothing configured: the installed model that serves the pair; where
   several do, the first of ``installed_models`` wins (Argos, best version
   first, then Apertium) and the reason says so, since the config decides;
5. no installed model at all: Argos, which then skips the locale with the
   command that installs one.

Discovery reads folders and asks ``apertium -l`` (a local program) only; it
never contacts an LLM server or the network.  ``installed_models`` is the
interface a model registry plugs into: a list of ``Candidate``s per pair.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from l10n.config import DEFAULT_ENGINE, MODEL_ENGINE_PREFIX

if TYPE_CHECKING:
    from l10n.config import Config

#: The engine used where nothing is configured and nothing is installed.
FALLBACK_ENGINE = DEFAULT_ENGINE


@dataclass(frozen=True)
class Candidate:
    """One installed model that serves a language pair."""

    engine: str  # "argos", "apertium"
    model: str  # what ``model:NAME`` matches: an Argos package folder, "apertium-eng-spa"
    version: str = ""

    @property
    def label(self) -> str:
        return f"{self.engine} {self.model}" + (f" {self.version}" if self.version else "")


@dataclass(frozen=True)
class Choice:
    """The engine (and model, where one is known without a server) for a locale."""

    locale: str
    engine: str
    model: str | None  # None: the engine decides (no installed model; the LLM server's first model)
    reason: str
    candidates: tuple[Candidate, ...] = ()
    missing: str | None = None  # set when the configured model is not installed: why the locale is skipped

    @property
    def shown_model(self) -> str:
        return self.model or "-"


def _model_dirs(config: Config) -> list[Path]:
    """Where installed CTranslate2 models live: Argos's packages folder and l10n's models folder
    (one folder when the config names ``models_dir``)."""
    from l10n.mt.packages import default_packages_dir
    from l10n.mt.registry import default_models_dir

    return list(dict.fromkeys([config.models_dir or default_packages_dir(), config.models_dir or default_models_dir()]))


def installed_models(config: Config, locale: str) -> list[Candidate]:
    """Every installed model that serves ``config.source_language`` -> ``locale``, best first."""
    return _argos_candidates(config, locale) + _apertium_candidates(config.source_language, locale)


def _argos_candidates(config: Config, locale: str) -> list[Candidate]:
    """The CTranslate2 models of every family (Argos packages, l10n models add) that serve the pair,
    in the registry's order (l10n.mt.registry.models_for_pair); the ``argos`` engine runs them all."""
    from l10n.mt.engine import argos_code
    from l10n.mt.registry import models_for_pair

    return [Candidate("argos", m.path.name, m.version or "")
            for m in models_for_pair(argos_code(config.source_language), argos_code(locale), _model_dirs(config))]


def _apertium_candidates(source: str, locale: str) -> list[Candidate]:
    from l10n.mt.apertium import ApertiumEngine
    from l10n.mt.engine import apertium_code
    from l10n.mt.errors import MTError

    engine = ApertiumEngine()
    try:
        mode = engine.mode(apertium_code(source), apertium_code(locale))
    except MTError:  # not installed, or no mode for the pair
        return []
    return [Candidate("apertium", f"apertium-{mode}")]


def _named_model(config: Config, locale: str, name: str) -> Candidate | None:
    """The installed model ``model:NAME`` means: a model's folder or name (any family), or an Apertium mode."""
    from l10n.mt.registry import installed_models as registered

    for m in registered(_model_dirs(config)):
        if name in (m.path.name, m.name):
            return Candidate("argos", m.path.name, m.version or "")
    for c in installed_models(config, locale):
        if name in (c.model, c.model.removeprefix("apertium-")):
            return c
    return None


def _from_name(config: Config, locale: str, name: str, reason: str) -> Choice:
    if name.startswith(MODEL_ENGINE_PREFIX):
        wanted = name[len(MODEL_ENGINE_PREFIX):].strip()
        found = _named_model(config, locale, wanted)
        if found is None:
            return Choice(locale, FALLBACK_ENGINE, wanted, reason,
                          missing=f"the configured model {wanted!r} is not installed")
        return Choice(locale, found.engine, found.model, reason, (found,))
    if name == "llm":
        model = config.llm.get("model")
        return Choice(locale, "llm", model, reason if model else f"{reason}; model: the first the server lists")
    if name == "argos":
        best = next(iter(_argos_candidates(config, locale)), None)
        return Choice(locale, "argos", best.model if best else None, reason, (best,) if best else ())
    if name == "apertium":
        mode = _apertium_candidates(config.source_language, locale)
        return Choice(locale, "apertium", mode[0].model if mode else None, reason, tuple(mode))
    return Choice(locale, name, None, reason)


def choose(config: Config, locale: str, *, engine: str | None = None) -> Choice:
    """The engine and model that translate ``locale``, and why (see the module docstring)."""
    if engine is not None:
        return _from_name(config, locale, engine, "--engine")
    if locale in config.engine_overrides:
        return _from_name(config, locale, config.engine_overrides[locale], f"configured (engine.{locale})")
    if config.engine is not None:
        return _from_name(config, locale, config.engine, "configured (engine)")
    candidates = installed_models(config, locale)
    if not candidates:
        return Choice(locale, FALLBACK_ENGINE, None, "nothing configured, no installed model serves the pair")
    first = candidates[0]
    if len(candidates) == 1:
        return Choice(locale, first.engine, first.model, "only installed model", tuple(candidates))
    others = ", ".join(c.label for c in candidates)
    return Choice(locale, first.engine, first.model,
                  f"several serve it ({others}): {first.engine} wins by default; set engine.{locale} to choose",
                  tuple(candidates))
