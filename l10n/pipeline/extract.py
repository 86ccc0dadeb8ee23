"""``l10n extract``: one template per source document.

A template depends only on its source's bytes, the configuration and the
code, so the ``extract`` stamps (``stamps.py``) record, per document, the
digest of the template those inputs gave.  When the inputs match and the
template on disk still has that digest, its bytes are taken from the disk and
the template itself is built only if a caller asks for it (``update`` asks
only when a catalog has to be merged): a project where one document changed
reads one source, not all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..catalog import Catalog, build_template, catalog_text, write_if_changed
from ..config import Config
from .paths import SourceDoc, source_documents, template_path
from .sources import Sources, collector_paused
from .stamps import Stamps, bytes_digest, code_version, digest

#: Bump when what a template depends on changes in a way the code version misses.
EXTRACT_STAMP = 1


@dataclass
class TemplateResult:
    doc: SourceDoc
    path: Path
    units: int
    entries: int
    changed: bool
    data: bytes = b""
    # Builds the template when a caller asks for it (a stamped template is not built).
    build: Callable[[], Catalog] | None = field(default=None, repr=False, compare=False)
    _template: Catalog | None = field(default=None, repr=False, compare=False)

    @property
    def template(self) -> Catalog:
        if self._template is None:
            assert self.build is not None, "a template result has a template or a way to build it"
            self._template = self.build()
        return self._template


def template_stamps(config: Config, *, force: bool = False) -> Stamps:
    """The ``extract`` stamps (one per template: see the module docstring)."""
    return Stamps(config, "extract", enabled=not force)


def build_templates(config: Config, sources: Sources | None = None) -> list[TemplateResult]:
    """Read every source and build its template in memory (nothing written).
    ``sources``: the command's parsed sources (``run`` shares them with ``build``)."""
    sources = sources or Sources(config)
    return [_built(config, sources, doc) for doc in source_documents(config)]


def _built(config: Config, sources: Sources, doc: SourceDoc) -> TemplateResult:
    units = sources.units(doc)
    with collector_paused():  # an entry per unit, all kept: see collector_paused
        pot = build_template(units, source_ref=doc.ref, project=config.project)
    return TemplateResult(doc, template_path(config, doc.name), len(units), len(pot), False, _template=pot)


def extract(config: Config, *, write: bool = True, sources: Sources | None = None,
            force: bool = False, stamps: Stamps | None = None) -> list[TemplateResult]:
    """Build every template; write the changed ones unless ``write`` is False.

    ``changed`` says whether the file on disk differs from the new template.
    A template whose stamp matches its inputs and whose file is unchanged is
    not built (see the module docstring); ``force`` builds every one.
    ``stamps``: the caller's template stamps, which it saves when its work is done
    (``update``: after every catalog; an error before leaves the cache as it was);
    by default they are saved here when the templates are written.
    """
    sources = sources or Sources(config)
    own = stamps is None
    if stamps is None:
        stamps = template_stamps(config, force=force)
    settings = digest(EXTRACT_STAMP, code_version() if not force else "", repr(config))
    results = []
    for doc in source_documents(config):
        path = template_path(config, doc.name)
        name = f"template/{doc.name}"
        source = _digest_of(doc.path)  # None: unreadable, and the reader says why
        key = digest(settings, doc.name, doc.ref, source)
        stamp = stamps.get(name, key) if source is not None else None
        if stamp is not None:
            try:
                on_disk = path.read_bytes()
            except OSError:
                on_disk = None
            if (on_disk is not None and bytes_digest(on_disk) == stamp.get("pot")
                    and type(stamp.get("units")) is int and type(stamp.get("entries")) is int):
                stamps.keep(name, stamp)
                results.append(TemplateResult(doc, path, stamp["units"], stamp["entries"], False, on_disk,
                                              build=partial(_template_of, config, sources, doc)))
                continue
        result = _built(config, sources, doc)
        result.data = catalog_text(result.template).encode("utf-8")
        try:
            result.changed = path.read_bytes() != result.data
        except OSError:
            result.changed = True
        if source is not None and _digest_of(doc.path) == source:  # not edited while it was read
            stamps.put(name, key, {"pot": bytes_digest(result.data), "units": result.units,
                                   "entries": result.entries})
        results.append(result)
    if write:
        write_templates(results)
        sources.save()
    if own and write and not force:
        stamps.save()  # a stamp says what a template's inputs give, whether it is written or not
    return results


def _template_of(config: Config, sources: Sources, doc: SourceDoc) -> Catalog:
    return _built(config, sources, doc).template


def _digest_of(path: Path) -> str | None:
    try:
        return bytes_digest(path.read_bytes())
    except OSError:
        return None


def write_templates(results: list[TemplateResult]) -> None:
    # Atomic, not fsynced: a template is derived from its source, and one a crash
    # left short no longer has the digest its stamp holds, so the next extract or
    # update builds it again.  Catalogs, which hold reviewed work, stay durable.
    for result in results:
        if result.changed:
            write_if_changed(result.path, result.data, durable=False)
