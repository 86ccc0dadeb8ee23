"""The validated configuration, ``Config`` (not l10n/model.py, the document tree).

Built by ``load.load_config`` from the table in ``schema.py``; every field has
the default a config that leaves its key out gets.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .locate import glob_sources
from .schema import DEFAULT_ASSET_VARIANT, DEFAULT_FORMATS, DEFAULT_LLM


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
            for m in glob_sources(self.root, self.config_file, pattern):
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
