"""Where a project's files live, and which source documents it has."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..errors import ConfigError

MEMORY_DIR = "memory"  # under locales_dir: TMX files that `update` consults


@dataclass(frozen=True)
class SourceDoc:
    path: Path
    name: str  # <doc>: file name without suffix
    ref: str  # path relative to the project root, used in "#:" references


def source_documents(config: Config) -> list[SourceDoc]:
    docs: dict[str, SourceDoc] = {}
    for path in config.source_files():
        doc = SourceDoc(path, path.stem, config.relative(path))
        if doc.name in docs:
            raise ConfigError(
                f"two sources would share the catalog name {doc.name!r}: {docs[doc.name].ref} and {doc.ref}",
                path=config.relative(config.config_file),
                hint="rename one of them",
            )
        docs[doc.name] = doc
    return list(docs.values())


def read_source(config: Config, doc: SourceDoc):
    """``doc`` read into its tree with the project's reader options
    (``front_matter_keys``, ``translatable_attributes``, ``code_shortcodes``): every step that reads
    a source reads it so, or extraction and editions would disagree on units."""
    from ..formats import read_document

    return read_document(
        doc.path,
        display_path=doc.ref,
        front_matter_keys=config.front_matter_keys,
        attributes=config.translatable_attributes,
        code_shortcodes=config.code_shortcodes,
    )


def template_path(config: Config, name: str) -> Path:
    return config.locales_dir / f"{name}.pot"


def catalog_path(config: Config, locale: str, name: str) -> Path:
    return config.locales_dir / locale / "LC_MESSAGES" / f"{name}.po"


def review_page_path(config: Config, locale: str, doc: str) -> Path:
    """``build/review/<locale>/<doc>.html``: the bilingual review page (``l10n review``)."""
    return config.output_dir / "review" / locale / f"{doc}.html"


def edition_dir(config: Config, locale: str) -> Path:
    return config.output_dir / locale


def memory_dir(config: Config) -> Path:
    """Where ``l10n import`` keeps TMX files; ``update`` takes close matches from them."""
    return config.locales_dir / MEMORY_DIR
