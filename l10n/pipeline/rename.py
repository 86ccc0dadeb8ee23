"""Renamed source documents: their catalogs follow them.

A document's catalogs are named after it (``locales/<doc>.pot``,
``locales/<L>/LC_MESSAGES/<doc>.po``), so renaming ``source/report.md`` to
``source/annual-report.md`` would leave every reviewed translation in
catalogs no command reads any more, and start the new name from nothing.

- ``l10n mv OLD NEW`` (``move_document``) moves the source (unless the user
  already did) and renames the template and every locale's catalog, under
  the project lock, with nothing changed when any check fails.  The old
  editions in ``build/`` are removed and each one is named in the result;
  the next ``l10n build`` writes the new ones.
- ``l10n update`` (``detect_renames``) finds *orphans* (catalogs whose
  document no longer exists) and *new documents* (no catalog in any locale).
  When at least ``RENAME_THRESHOLD`` of a new document's distinct units are
  msgids of one orphan, and that pairing is the only one for both, the
  orphan's catalogs are renamed to the new document before the merge, so
  reviewed entries stay reviewed.  Anything else is not guessed: a warning
  names the candidates and the ``l10n mv`` command to run.
- Orphans are never deleted; ``l10n status`` lists them.

The MT cache is keyed by sentence, not by document, so it needs no rename.

Long because: detection, the move itself and its all-or-nothing checks share
one set of rules about which catalog belongs to which document.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..catalog import read_catalog
from ..catalog.state import REVIEWED, UNTRANSLATED
from ..config import Config
from ..errors import ConfigError, L10nError, file_system_error
from ..model import SOURCE_FORMATS
from .paths import SourceDoc, catalog_path, edition_dir, source_documents, template_path

#: Share of a new document's distinct units that must be msgids of an orphaned
#: catalog for ``update`` to take it as the same document renamed.  Half: a
#: renamed document usually arrives with some edits, while two unrelated
#: documents of one project rarely share half their sentences.
RENAME_THRESHOLD = 0.5

#: Files ``build`` writes per locale and document (besides the original's page).
EDITION_SUFFIXES = (".html", ".txt", ".pdf", ".mo", ".draft.html", ".draft.txt", ".draft.pdf")


@dataclass
class Orphan:
    """The catalogs of a document name that no source document has any more."""

    name: str
    catalogs: dict[str, Path]  # locale -> its .po
    template: Path | None
    source_ref: str | None = None  # the document its "#:" references name
    msgids: set[str] = field(default_factory=set)
    reviewed: dict[str, int] = field(default_factory=dict)  # locale -> active reviewed entries
    unreadable: dict[str, str] = field(default_factory=dict)  # locale -> why it could not be read

    @property
    def old_ref(self) -> str:
        """What to pass as OLD to ``l10n mv``, quoted for a shell where it needs to be."""
        return shlex.quote(self.source_ref or self.name)


@dataclass
class RenameMatch:
    orphan: Orphan
    doc: SourceDoc
    matched: int  # distinct units of the new document that are msgids of the orphan
    units: int  # distinct units of the new document


@dataclass
class Detection:
    taken: list[RenameMatch] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class MoveResult:
    old_name: str
    new_name: str
    source_moved: tuple[str, str] | None = None  # (old ref, new ref) when mv moved the file
    renamed: list[tuple[Path, Path]] = field(default_factory=list)
    # Catalogs under NEW's name with no reviewed entry that were replaced: (path, fuzzy entries)
    replaced: list[tuple[Path, int]] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # old editions under output_dir
    reviewed: dict[str, int] = field(default_factory=dict)  # locale -> reviewed entries carried
    problems: list[str] = field(default_factory=list)  # old editions that could not be removed


# --- what is on disk --------------------------------------------------------------------


def catalog_files(config: Config, name: str) -> dict[str, Path]:
    """Every locale's ``<name>.po`` under ``locales_dir``, configured locale or not:
    a rename leaves none behind."""
    found: dict[str, Path] = {}
    if not config.locales_dir.is_dir():
        return found
    for path in sorted(config.locales_dir.glob(f"*/LC_MESSAGES/{_glob_escape(name)}.po")):
        if path.is_file():
            found[path.parent.parent.name] = path
    return found


def _glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def catalog_names(config: Config) -> set[str]:
    """Document names that have a .po in some locale."""
    if not config.locales_dir.is_dir():
        return set()
    return {p.stem for p in config.locales_dir.glob("*/LC_MESSAGES/*.po") if p.is_file()}


def find_orphans(config: Config, docs: Sequence[SourceDoc] | None = None) -> list[Orphan]:
    """Catalogs whose document is gone, each read for its msgids and reviewed counts.
    An unreadable one is listed with the reason, never an error: it is not
    the current documents' business."""
    current = {d.name for d in (source_documents(config) if docs is None else docs)}
    orphans = []
    for name in sorted(catalog_names(config) - current):
        pot = template_path(config, name)
        orphan = Orphan(name, catalog_files(config, name), pot if pot.is_file() else None)
        refs: dict[str, None] = {}
        for locale, path in orphan.catalogs.items():
            try:
                po = read_catalog(path, display_path=config.relative(path))
            except L10nError as exc:
                orphan.unreadable[locale] = str(exc)
                continue
            reviewed = 0
            for entry in po:
                if entry.msgctxt is not None or not entry.msgid:
                    continue
                orphan.msgids.add(entry.msgid)
                if not entry.obsolete and entry.state == REVIEWED:
                    reviewed += 1
                if not entry.obsolete:
                    refs.update((ref, None) for ref, _ in entry.occurrences[:1])
            orphan.reviewed[locale] = reviewed
        # The document the references name, if it bears the catalogs' name (a
        # catalog not updated since an earlier rename names an older path).
        orphan.source_ref = next((r for r in refs if PurePosixPath(r).stem == name), None)
        orphans.append(orphan)
    return orphans


# --- detection in update ----------------------------------------------------------------


def detect_renames(config: Config, units_of: Callable[[str], list[str]], docs: Sequence[SourceDoc]) -> Detection:
    """Pair orphans with new documents (``units_of``: doc name -> its msgids;
    asked only about documents no catalog has yet, so a project with none
    builds no template for this).  Only one-to-one pairings at or above
    ``RENAME_THRESHOLD`` are taken; ambiguous ones become warnings."""
    detection = Detection()
    have = catalog_names(config)
    fresh = [d for d in docs if d.name not in have and units_of(d.name)]
    if not fresh:
        return detection
    orphans = [o for o in find_orphans(config, docs) if o.msgids]
    if not orphans:
        return detection
    candidates: dict[str, list[RenameMatch]] = {d.name: [] for d in fresh}
    by_orphan: dict[str, list[RenameMatch]] = {o.name: [] for o in orphans}
    for doc in fresh:
        units = list(dict.fromkeys(units_of(doc.name)))
        for orphan in orphans:
            matched = sum(1 for u in units if u in orphan.msgids)
            if matched and matched >= RENAME_THRESHOLD * len(units):
                match = RenameMatch(orphan, doc, matched, len(units))
                candidates[doc.name].append(match)
                by_orphan[orphan.name].append(match)
    for doc in fresh:
        found = candidates[doc.name]
        if len(found) == 1 and len(by_orphan[found[0].orphan.name]) == 1:
            detection.taken.append(found[0])
        elif len(found) > 1:
            listed = " and ".join(f"{m.orphan.name} ({m.matched} of {m.units} units)" for m in found)
            detection.warnings.append(
                f"{doc.ref}: a new document whose units match the orphaned catalogs of {listed}; not guessing "
                f"which one it is: run 'l10n mv {found[0].orphan.old_ref} {shlex.quote(doc.ref)}' (or with the other one), "
                "then 'l10n update'")
    for orphan in orphans:
        found = by_orphan[orphan.name]
        if len(found) > 1:
            listed = " and ".join(f"{m.doc.ref} ({m.matched} of {m.units} units)" for m in found)
            detection.warnings.append(
                f"{_shown_catalogs(config, orphan)}: orphaned catalog(s) of {orphan.old_ref} match {listed}; "
                f"not guessing which one it became: run 'l10n mv {orphan.old_ref} {shlex.quote(found[0].doc.ref)}' "
                "(or with the other one), then 'l10n update'")
    return detection


def _shown_catalogs(config: Config, orphan: Orphan) -> str:
    paths = list(orphan.catalogs.values())
    first = config.relative(paths[0]) if paths else orphan.name
    return first + (f" (+{len(paths) - 1} more)" if len(paths) > 1 else "")


def rename_plan(config: Config, old_name: str, new_name: str) -> list[tuple[Path, Path]]:
    """``(from, to)`` for the template and every locale's catalog of ``old_name``."""
    moves = [(path, catalog_path(config, locale, new_name)) for locale, path in catalog_files(config, old_name).items()]
    pot = template_path(config, old_name)
    if pot.is_file():
        moves.append((pot, template_path(config, new_name)))
    return moves


def move_files(moves: Sequence[tuple[Path, Path]], config: Config | None = None) -> None:
    """Rename each file (one atomic ``rename`` each); when one fails, the ones
    already renamed are put back, so a failure leaves the project as it was,
    and the error names the file (project-relative with ``config``)."""
    done: list[tuple[Path, Path]] = []
    try:
        for src, dst in moves:
            try:
                dst.parent.mkdir(parents=True, exist_ok=True)
                os.replace(src, dst)
            except OSError as exc:
                raise file_system_error(exc, config.relative(dst) if config else dst) from None
            done.append((src, dst))
    except BaseException:
        for src, dst in reversed(done):
            try:
                os.replace(dst, src)
            except OSError:
                pass
        raise
    for directory in {dst.parent for _, dst in moves} | {src.parent for src, _ in moves}:
        _fsync_dir(directory)  # the renames survive a power cut, as catalog writes do


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- l10n mv ----------------------------------------------------------------------------


def _doc_name(arg: str) -> str:
    path = PurePosixPath(arg)
    return path.stem if path.suffix.lower() in SOURCE_FORMATS else path.name


def _matches_sources(config: Config, ref: str) -> bool:
    """Whether a project-relative path is matched by a ``sources`` glob (as
    ``Path.glob`` matches: ``*`` within a folder, ``**`` across folders)."""
    return any(_glob_regex(pattern).fullmatch(ref) for pattern in config.sources)


def _glob_regex(pattern: str) -> re.Pattern[str]:
    out, i = [], 0
    pattern = pattern.removeprefix("./")
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:[^/]+/)*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2:]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1:end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


def _translated_entries(config: Config, path: Path) -> tuple[int, int]:
    """``(reviewed, other translated)`` entries of a catalog, obsolete ones included."""
    po = read_catalog(path, display_path=config.relative(path))
    reviewed = drafts = 0
    for entry in po:
        state = entry.state
        if state == REVIEWED:
            reviewed += 1
        elif state != UNTRANSLATED:
            drafts += 1
    return reviewed, drafts


def move_document(config: Config, old: str, new: str) -> MoveResult:
    """``l10n mv OLD NEW``: everything is checked before anything moves.

    OLD is a configured source document, or one the user already moved (then
    NEW exists and OLD does not, and only the catalogs move); OLD may also be
    the bare name of orphaned catalogs.  NEW must be matched by ``sources``
    and have a reader.  Catalogs already under NEW's name are refused when any
    holds a reviewed translation (they are named); ones with only empty
    entries and drafts (what ``update`` and ``translate`` make again) are
    replaced and named in the result.
    """
    where = config.config_file
    # Relative paths are relative to the project root (the CLI passes them as
    # given from the directory it was started in, made absolute).
    old_path = Path(os.path.abspath(config.root / old))
    new_path = Path(os.path.abspath(config.root / new))
    old_ref, new_ref = config.relative(old_path), config.relative(new_path)
    if new_path.suffix.lower() not in SOURCE_FORMATS:
        raise ConfigError(f"{new_ref}: no reader for {new_path.suffix or 'a file without a suffix'}",
                          hint="readers: " + ", ".join(SOURCE_FORMATS))
    if new_ref.startswith("/") or new_ref.startswith("../"):
        raise ConfigError(f"{new_ref}: outside the project {config.root}")
    if not _matches_sources(config, new_ref):
        raise ConfigError(f"{new_ref} is not matched by sources ({', '.join(config.sources)}), so it would not "
                          "be a document of the project", path=config.relative(where), hint="pick a name the sources globs match, "
                          "or add one to sources first")
    old_name, new_name = _doc_name(old_ref), new_path.stem
    docs = {d.path: d for d in source_documents(config)}
    if old_path == new_path:
        raise ConfigError(f"{old_ref}: OLD and NEW are the same file")
    move_source = old_path.is_file()
    if move_source:
        if old_path not in {Path(os.path.abspath(p)) for p in docs}:
            raise ConfigError(f"{old_ref} is not a source document of the project (sources: "
                              f"{', '.join(config.sources)})", path=config.relative(where))
        if new_path.exists():
            raise ConfigError(f"{new_ref} already exists; not overwriting it with {old_ref}",
                              hint=f"if you already moved the file, remove {old_ref}; else pick another name")
    elif not new_path.is_file():
        raise ConfigError(f"{old_ref}: no such document, and {new_ref} does not exist either",
                          hint="l10n mv OLD NEW moves a source document, or adopts catalogs after you moved it")
    elif not catalog_files(config, old_name) and not template_path(config, old_name).is_file():
        raise ConfigError(f"{old_ref}: no such document and no catalogs named {old_name!r} under "
                          f"{config.relative(config.locales_dir)}/")
    others = {d.name: d for p, d in docs.items() if Path(os.path.abspath(p)) not in (old_path, new_path)}
    if new_name != old_name and new_name in others:
        raise ConfigError(f"{new_ref} would share the catalog name {new_name!r} with {others[new_name].ref}",
                          hint="pick another name")
    result = MoveResult(old_name, new_name)
    moves = rename_plan(config, old_name, new_name) if new_name != old_name else []
    occupied = []
    for src, dst in moves:
        if dst.exists() and dst.suffix == ".po":
            reviewed, drafts = _translated_entries(config, dst)
            if reviewed:
                occupied.append(f"{config.relative(dst)} ({reviewed} reviewed)")
            else:  # empty entries and drafts only: update and translate make them again
                result.replaced.append((dst, drafts))
    if occupied:
        raise ConfigError(
            f"catalogs named {new_name!r} already hold reviewed translations: " + ", ".join(occupied)
            + f"; not replacing them with {old_name!r}'s",
            hint="merge them by hand, or delete them if you do not need them, then rerun")
    for src, _ in moves:  # every catalog that moves is readable: a broken one stops here
        if src.suffix == ".po":
            locale = src.parent.parent.name
            result.reviewed[locale], _ = _translated_entries(config, src)
    # Everything checked: move.
    all_moves = ([(old_path, new_path)] if move_source else []) + moves
    move_files(all_moves, config)
    if move_source:
        result.source_moved = (old_ref, new_ref)
    result.renamed = moves
    if new_name != old_name:
        result.removed = remove_editions(config, old_name, result.problems)
    return result


def old_editions(config: Config, name: str) -> list[Path]:
    """The pages ``build`` wrote for document ``name``, in every locale folder."""
    found = []
    locales = sorted(p.name for p in config.output_dir.iterdir() if p.is_dir()) if config.output_dir.is_dir() else []
    for locale in locales:
        for suffix in EDITION_SUFFIXES:
            path = edition_dir(config, locale) / f"{name}{suffix}"
            if path.is_file():
                found.append(path)
    return found


def remove_editions(config: Config, name: str, problems: list[str]) -> list[Path]:
    """Remove the old editions of a renamed document; each is named in the result.
    One that cannot be removed is a problem to report, not an error: the
    catalogs have moved by then, and the edition is only derived output."""
    removed = []
    for path in old_editions(config, name):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            problems.append(f"{config.relative(path)}: cannot remove the old edition: {exc.strerror or exc}")
            continue
        removed.append(path)
    return removed
