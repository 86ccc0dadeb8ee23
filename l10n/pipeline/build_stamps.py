"""What ``build`` needs to skip an edition whose inputs and files did not change.

An *edition* here is one document in one locale (the original: the source
language) in every format the build writes, with its ``.mo`` and drafts.  Its
key (``stamps.py``) covers the source's bytes, the catalog's bytes, the
locale's glossary, the configuration and the build's options, the code, the
language switcher's entries (which locales are published, and how far), the
set of documents (links between them), the installed fonts when HTML or PDF
is written, and, when the document refers to local files (images,
stylesheets, linked files), every file of the project.  The edition is
skipped when the key is the one of its stamp and every file it wrote still
has its size and modification time.  The stamp keeps what the summary says
about it: its title, the counts and warnings it added, its font warning and
its asset problems, so a build that skips prints what a full build prints.

The counts of each catalog (``l10n status``'s units, the reviewed
translations that fail a check) are stamped too, keyed on the source's and
the catalog's bytes: they decide the switcher, so they are known for every
catalog before any edition is chosen.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import BuildError
from ..model import Document, text_content
from ..render.assets import AssetContext, AssetPlan, AssetProblem
from ..render.site import EditionEntry, untranslated_notice
from ..terms import termbase_path
from .paths import SourceDoc, catalog_path, edition_dir
from .stamps import Stamps, code_version, digest, file_digest, file_states, files_unchanged, font_state, tree_state
from .status import StatusRow

#: Bump when what an edition depends on changes in a way the code fingerprint misses.
BUILD_STAMP = 1
_COUNTERS = ("translated", "fallback", "draft", "withheld", "pdf_pages")


@dataclass
class Counted:
    """One catalog's counts against its source, as build and status count them."""

    row: StatusRow
    withheld: set[str]  # reviewed msgids failing an error-level check
    problems: list[str]  # the build's warnings about them


class BuildInputs:
    """The inputs of one build's editions, their stamps, and what each skipped edition said."""

    def __init__(self, config: Config, docs: Sequence[SourceDoc], locales: Sequence[str], formats: Sequence[str],
                 include_fuzzy: bool, *, force: bool = False) -> None:
        self.config = config
        self.formats = tuple(formats)
        self.stamps = Stamps(config, "build", enabled=not force)
        self._force = force
        code = code_version() if not force else ""
        self._settings = digest(BUILD_STAMP, code, repr(config), self.formats, include_fuzzy)
        self._docs = list(docs)
        self._sources = {doc.name: file_digest(doc.path) for doc in docs}
        self._documents = {Path(os.path.abspath(d.path)): d.name for d in docs}
        self._site = digest(sorted((d.name, d.ref) for d in docs))
        self._catalogs: dict[tuple[str, str], str | None] = {}
        self._glossaries = {locale: file_digest(termbase_path(config, locale)) for locale in locales}
        self._fonts: str | None = None
        self._tree: str | None = None
        self._refs: dict[str, bool] = {}
        self._assets: dict[str, dict[str, Any]] = {}  # doc -> its original's asset outcome
        self._base: dict[tuple[str, str], str] = {}
        self._skip: dict[tuple[str, str], dict[str, Any]] = {}
        self._font: dict[tuple[str, str], str | None] = {}

    # ---------------------------------------------------------------- keys
    def catalog_key(self, locale: str, doc: SourceDoc) -> str | None:
        """The digest of the catalog's bytes; None when it does not exist (or cannot be read)."""
        if (locale, doc.name) not in self._catalogs:
            self._catalogs[(locale, doc.name)] = file_digest(catalog_path(self.config, locale, doc.name))
        return self._catalogs[(locale, doc.name)]

    def _fonts_state(self) -> str | None:
        if "html" not in self.formats and "pdf" not in self.formats:
            return None
        if self._fonts is None:
            self._fonts = font_state()
        return self._fonts

    def _tree_state(self) -> str:
        if self._tree is None:
            self._tree = tree_state(self.config, set(self._documents))
        return self._tree

    def asset_context(self, doc: SourceDoc, locale: str) -> AssetContext:
        """How ``doc``'s references resolve in ``locale``'s edition."""
        config = self.config
        return AssetContext(root=config.root, source=Path(os.path.abspath(doc.path)), shown=doc.ref, locale=locale,
                            variant=config.asset_variant, documents=self._documents)

    # ---------------------------------------------------------------- sources and catalogs
    def empty(self, doc: SourceDoc, units_of: Callable[[SourceDoc], list[str]]) -> bool:
        """Whether ``doc`` has no units now (from its stamp when its bytes did not change)."""
        source = self._sources[doc.name]
        key = digest(self._settings, "units", doc.name, source)
        stamp = self.stamps.get(f"units/{doc.name}", key) if source is not None else None
        if stamp is not None and isinstance(stamp.get("units"), int):
            self.stamps.keep(f"units/{doc.name}", stamp)
            return stamp["units"] == 0
        count = len(units_of(doc))
        if source is not None:
            self.stamps.put(f"units/{doc.name}", key, {"units": count})
        return count == 0

    def status(self, locale: str, doc: SourceDoc, compute: Callable[[], Counted]) -> Counted:
        source, catalog = self._sources[doc.name], self.catalog_key(locale, doc)
        name = f"status/{locale}/{doc.name}"
        key = digest(self._settings, "status", locale, doc.name, source, catalog)
        stamp = self.stamps.get(name, key) if source is not None else None
        if stamp is not None:
            try:
                counted = Counted(StatusRow(**stamp["row"]), {str(m) for m in stamp["withheld"]},
                                  [str(p) for p in stamp["problems"]])
                self.stamps.keep(name, stamp)
                return counted
            except (KeyError, TypeError, ValueError):
                pass
        counted = compute()
        if source is not None and self.catalog_key(locale, doc) == catalog:
            self.stamps.put(name, key, {"row": asdict(counted.row), "withheld": sorted(counted.withheld),
                                        "problems": counted.problems})
        return counted

    # ---------------------------------------------------------------- editions
    def decide(self, locale: str, doc: SourceDoc, entries: Iterable[EditionEntry], *, withheld: set[str]) -> None:
        """Whether ``locale``'s edition of ``doc`` is rendered again (``skipped`` says)."""
        source = self._sources[doc.name]
        original = locale == self.config.source_language
        catalog = None if original else self.catalog_key(locale, doc)
        glossary = None if original else self._glossaries.get(locale)
        switcher = [[e.locale, e.path, round(e.percent, 6), e.available, e.original] for e in entries]
        base = digest(self._settings, "edition", locale, doc.name, source, catalog, glossary, sorted(withheld),
                      switcher, self._site, self._fonts_state())
        self._base[(locale, doc.name)] = base
        name = f"edition/{locale}/{doc.name}"
        if self._force or source is None:
            return
        refs = self._refs.get(doc.name) if not original else None
        if refs is None:  # the original's: whether its last build found local references
            refs = bool(self.stamps.peek(name).get("refs"))
        stamp = self.stamps.get(name, self._key(base, refs))
        if stamp is not None and files_unchanged(stamp.get("outputs")) and _valid(stamp, original):
            self._skip[(locale, doc.name)] = stamp

    def _key(self, base: str, refs: bool) -> str:
        return digest(base, self._tree_state() if refs else None)

    def skipped(self, locale: str, doc: SourceDoc) -> dict[str, Any] | None:
        return self._skip.get((locale, doc.name))

    def rendering(self) -> bool:
        """Whether some edition is rendered in this build (else no renderer is needed)."""
        return len(self._skip) < len(self._base)

    def references(self, doc: SourceDoc, plan: AssetPlan) -> None:
        """The original of ``doc`` was localized now: what it refers to."""
        self._refs[doc.name] = bool(plan.files or plan.problems or plan.unresolved)
        self._assets[doc.name] = {
            "refs": self._refs[doc.name],
            "asset_problems": [[p.where, p.line, p.message] for p in plan.problems],
            "unresolved": sorted(plan.unresolved),
        }

    def stamped_assets(self, doc: SourceDoc, assets: AssetPlan) -> list[AssetProblem]:
        """A skipped original's asset problems, as its last build found them."""
        stamp = self._skip[(self.config.source_language, doc.name)]
        self._refs[doc.name] = bool(stamp["refs"])
        assets.unresolved.update(stamp["unresolved"])
        return [AssetProblem(where, line, message) for where, line, message in stamp["asset_problems"]]

    def font_warnings(self, editions: Sequence[str], tree_of: Callable[[SourceDoc], Document],
                      catalog: Callable[[str, str], Any]) -> list[tuple[str, str]]:
        """Ask fontconfig whether installed fonts cover each edition's scripts (its source's
        text, its catalog's translations and its notice; a little more than the edition
        shows, so nothing has to be rendered twice): for a PDF a BuildError, for HTML a
        warning.  A skipped edition's answer is its stamp's (the fonts are in its key)."""
        config, formats = self.config, self.formats
        if "pdf" not in formats and "html" not in formats:
            return []
        from ..render.fonts import FontCoverage, font_message

        coverage = FontCoverage()
        if not coverage.available:
            return [(config.source_language, "fonts not checked: fc-list not found (install the Debian package "
                                             "fontconfig)")] if "pdf" in formats else []
        errors: list[str] = []
        source_text: dict[str, str] = {}
        texts: dict[tuple[str, str], str] = {}  # (locale, document name) -> its letters, all asked about at once
        order: list[tuple[str, str]] = []  # every edition, for the warnings in a full build's order
        docs = [doc for doc in self._docs if (config.source_language, doc.name) in self._base]
        for locale in editions:
            translated = locale != config.source_language
            notice = None
            for doc in docs:
                order.append((locale, doc.name))
                stamp = self._skip.get((locale, doc.name))
                if stamp is not None:
                    self._font[(locale, doc.name)] = stamp.get("font")
                    continue
                if doc.name not in source_text:
                    source_text[doc.name] = text_content(tree_of(doc).root)
                if notice is None:  # the notice an edition with English sentences shows, in its language
                    notice = text_content(untranslated_notice(locale, source_locale=config.source_language)) \
                        if translated else ""
                po = catalog(locale, doc.name) if translated else None
                texts[locale, doc.name] = source_text[doc.name] + notice + "".join(
                    e.msgstr for e in po or () if not e.obsolete)
        for (locale, name), missing in zip(texts, coverage.missing_in(list(texts.values())) or []):
            self._font[(locale, name)] = None
            if not missing:
                continue
            out = edition_dir(config, locale)
            if "pdf" in formats:
                errors.append(font_message(locale, config.relative(out / f"{name}.pdf"), missing))
            else:
                self._font[(locale, name)] = (font_message(locale, config.relative(out / f"{name}.html"), missing)
                                              + " (a reader's browser may still have one)")
        warnings = [(locale, message) for locale, name in order if (message := self._font.get((locale, name)))]
        if errors:  # one line each, as the CLI prints errors
            raise BuildError("\nerror: ".join(errors))
        return warnings

    # ---------------------------------------------------------------- what an edition said
    @staticmethod
    def mark(result: Any) -> tuple[int, ...]:
        """Where ``result``'s warnings and counts stand before an edition adds to them."""
        return (len(result.problems), *(getattr(result, name) for name in _COUNTERS))

    def rendered(self, locale: str, doc: SourceDoc, result: Any, mark: tuple[int, ...], title: str,
                 outputs: Sequence[Path]) -> None:
        """Stamp an edition just rendered: its inputs' key, its files, what it added to ``result``."""
        base = self._base.get((locale, doc.name))
        if base is None or self._sources[doc.name] is None or file_digest(doc.path) != self._sources[doc.name]:
            return  # the source changed while the build read it: no stamp
        original = locale == self.config.source_language
        refs = self._refs.get(doc.name, True)
        data: dict[str, Any] = {
            "outputs": file_states(dict.fromkeys(outputs)),
            "title": title,
            "problems": result.problems[mark[0]:],
            "counts": [getattr(result, name) - before for name, before in zip(_COUNTERS, mark[1:])],
            "font": self._font.get((locale, doc.name)),
            "refs": refs,
        }
        if original:
            data.update(self._assets.get(doc.name, {"asset_problems": [], "unresolved": []}))
        self.stamps.put(f"edition/{locale}/{doc.name}", self._key(base, refs), data)

    def replay(self, locale: str, doc: SourceDoc, result: Any, titles: dict[tuple[str, str], str]) -> bool:
        """For a skipped edition: add what its stamp says to ``result`` (nothing is written)."""
        stamp = self._skip.get((locale, doc.name))
        if stamp is None:
            return False
        result.problems.extend(stamp["problems"])
        for name, delta in zip(_COUNTERS, stamp["counts"]):
            setattr(result, name, getattr(result, name) + delta)
        titles[(locale, doc.name)] = stamp["title"]
        self.stamps.keep(f"edition/{locale}/{doc.name}", stamp)
        return True


def _valid(stamp: dict[str, Any], original: bool) -> bool:
    """Whether a stamp holds what ``replay`` and ``stamped_assets`` read (else the edition is rendered)."""
    try:
        ok = (isinstance(stamp["title"], str) and all(isinstance(p, str) for p in stamp["problems"])
              and len(stamp["counts"]) == len(_COUNTERS) and all(type(c) is int for c in stamp["counts"])
              and (stamp["font"] is None or isinstance(stamp["font"], str)))
        if ok and original:
            ok = (all(isinstance(u, str) for u in stamp["unresolved"])
                  and all(isinstance(w, str) and type(n) is int and isinstance(m, str)
                          for w, n, m in stamp["asset_problems"]))
        return bool(ok)
    except (KeyError, TypeError, ValueError):
        return False
