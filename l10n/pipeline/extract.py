"""``l10n extract``: one template per source document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalog import Catalog, build_template, catalog_text, write_if_changed
from ..config import Config
from .paths import SourceDoc, source_documents, template_path
from .sources import Sources, collector_paused


@dataclass
class TemplateResult:
    doc: SourceDoc
    path: Path
    template: Catalog
    units: int
    changed: bool
    data: bytes = b""


def build_templates(config: Config, sources: Sources | None = None) -> list[TemplateResult]:
    """Read every source and build its template in memory (nothing written).
    ``sources``: the command's parsed sources (``run`` shares them with ``build``)."""
    sources = sources or Sources(config)
    results = []
    for doc in source_documents(config):
        units = sources.units(doc)
        with collector_paused():  # an entry per unit, all kept: see collector_paused
            pot = build_template(units, source_ref=doc.ref, project=config.project)
        results.append(TemplateResult(doc, template_path(config, doc.name), pot, len(units), False))
    return results


def extract(config: Config, *, write: bool = True, sources: Sources | None = None) -> list[TemplateResult]:
    """Build every template; write the changed ones unless ``write`` is False.

    ``changed`` says whether the file on disk differs from the new template.
    """
    sources = sources or Sources(config)
    results = build_templates(config, sources)
    for result in results:
        result.data = catalog_text(result.template).encode("utf-8")
        try:
            result.changed = result.path.read_bytes() != result.data
        except OSError:
            result.changed = True
    if write:
        write_templates(results)
        sources.save()
    return results


def write_templates(results: list[TemplateResult]) -> None:
    for result in results:
        if result.changed:
            write_if_changed(result.path, result.data)
