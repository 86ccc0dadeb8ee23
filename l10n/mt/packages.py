"""Install, list and remove Argos model packages (``.argosmodel`` zips).

Archives are untrusted input: every member is checked (no absolute paths,
no ``..``, no symlinks or other special files, bounded sizes, actual
decompressed size enforced while extracting) before anything lands in the
packages directory, and extraction goes to a temporary folder that is
renamed into place, so a crash never leaves a half-installed package that
the engine would pick up.  The network is used only by
``install_from_index`` / ``fetch_index``, i.e. only on explicit request.
"""
from __future__ import annotations

import json
import logging
import os
import re
import shutil
import stat
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO

from l10n.mt.argos import ArgosPackage, installed_packages, read_package
from l10n.mt.errors import IndexUnreachable, PackageError, PackageNotFound
from l10n.mt.hints import ARGOS_MODELS_PAGE, offline_model_hint

log = logging.getLogger(__name__)

INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
MAX_MEMBER_BYTES = 2 * 1024**3  # a Transformer-big int8 model is < 1 GiB
MAX_TOTAL_BYTES = 4 * 1024**3
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
FROM_FILE_HINT = (f"download the .argosmodel from {ARGOS_MODELS_PAGE} on a connected machine, then run: "
                  "l10n models install --from-file PATH")

#: progress(bytes_done, bytes_total or None)
DownloadProgress = Callable[[int, "int | None"], None]


def default_packages_dir() -> Path:
    """Argos's own packages folder: $ARGOS_PACKAGES_DIR, else $XDG_DATA_HOME/argos-translate/packages."""
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "argos-translate" / "packages"


def list_installed(packages_dir: Path) -> list[ArgosPackage]:
    """Installed translate packages, sorted by pair."""
    return sorted(installed_packages(packages_dir), key=lambda p: (p.from_code, p.to_code))


# --- validation -----------------------------------------------------------------

def member_parts(archive: Path, name: str, *, plain: bool, size: int, total: int,
                 inside: str = "one package folder") -> list[str]:
    """The path parts of archive member ``name`` after the checks every model archive gets
    (no absolute path, no ``..``, regular files and folders only, size limits); raises PackageError."""
    pure = PurePosixPath(name.replace("\\", "/"))
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or pure.is_absolute():
        raise PackageError(f"{archive}: unsafe member {name!r} (absolute path); expected paths inside {inside}")
    if ".." in pure.parts:
        raise PackageError(f"{archive}: unsafe member {name!r} ('..' component); expected paths inside {inside}")
    if not plain:
        raise PackageError(f"{archive}: unsafe member {name!r} (symlink or special file); expected regular files only")
    if size > MAX_MEMBER_BYTES:
        raise PackageError(f"{archive}: member {name!r} is {size} bytes, over the {MAX_MEMBER_BYTES}-byte limit")
    if total > MAX_TOTAL_BYTES:
        raise PackageError(f"{archive}: archive expands to over {MAX_TOTAL_BYTES} bytes")
    return [p for p in pure.parts if p not in ("", ".")]


def copy_limited(src, out, limit: int, archive: Path, name: str) -> None:
    """Copy a member, enforcing its declared size: headers can lie (archive bombs)."""
    written = 0
    while chunk := src.read(1 << 20):
        written += len(chunk)
        if written > limit:
            raise PackageError(f"{archive}: member {name!r} is larger than its header says")
        out.write(chunk)


def zip_member_is_plain(info: zipfile.ZipInfo) -> bool:
    """A regular file or folder (0: no Unix type recorded, a plain file)."""
    return stat.S_IFMT(info.external_attr >> 16) in (0, stat.S_IFREG, stat.S_IFDIR)


def _check_archive(path: Path, zf: zipfile.ZipFile) -> str:
    """Validate members; return the single top-level folder name."""
    tops: set[str] = set()
    total = 0
    names: set[str] = set()
    for info in zf.infolist():
        total += info.file_size
        parts = member_parts(path, info.filename, plain=zip_member_is_plain(info), size=info.file_size, total=total)
        if not parts:
            continue
        tops.add(parts[0])
        if not info.is_dir():
            names.add("/".join(parts))
    if len(tops) != 1:
        raise PackageError(f"{path}: expected exactly one top-level folder, found {len(tops)} ({', '.join(sorted(tops)) or 'none'})")
    top = tops.pop()
    if top not in {n.split("/", 1)[0] for n in names if "/" in n} or not _SAFE_NAME.match(top):
        raise PackageError(f"{path}: expected a top-level folder with a plain name, found {top!r}")
    required = {
        "metadata.json": [f"{top}/metadata.json"],
        "model/model.bin (CTranslate2 model)": [f"{top}/model/model.bin"],
        "model/config.json or a vocabulary file": [
            f"{top}/model/{n}" for n in ("config.json", "shared_vocabulary.txt", "shared_vocabulary.json",
                                         "source_vocabulary.txt", "source_vocabulary.json")],
        "sentencepiece.model or bpe.model (tokenizer)": [f"{top}/sentencepiece.model", f"{top}/bpe.model"],
    }
    for what, candidates in required.items():
        if not any(c in names for c in candidates):
            raise PackageError(f"{path}: not an Argos package: missing {top}/{what}")
    try:
        meta = json.loads(zf.read(f"{top}/metadata.json"))
    except (ValueError, KeyError) as exc:
        raise PackageError(f"{path}: {top}/metadata.json is not valid JSON ({exc})") from exc
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        raise PackageError(f"{path}: {top}/metadata.json lacks from_code/to_code")
    return top


def write_member(dest: Path, parts: Sequence[str], is_dir: bool, open_member: Callable[[], IO[bytes]],
                 size: int, archive: Path, name: str) -> None:
    """Create one checked member (its ``member_parts``) under ``dest``: a folder, or the
    file's bytes copied with ``copy_limited``; an empty ``parts`` (the archive's root) is skipped."""
    if not parts:
        return
    target = dest.joinpath(*parts)
    if is_dir:
        target.mkdir(parents=True, exist_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with open_member() as src, open(target, "wb") as out:
        copy_limited(src, out, size, archive, name)


def _extract(zf: zipfile.ZipFile, dest: Path, path: Path) -> None:
    # The members were checked by _check_archive; only their parts are needed here.
    for info in zf.infolist():
        parts = [p for p in PurePosixPath(info.filename.replace("\\", "/")).parts if p not in ("", ".")]
        write_member(dest, parts, info.is_dir(), partial(zf.open, info), info.file_size, path,
                     info.filename)


def install_from_file(archive: Path, packages_dir: Path) -> ArgosPackage:
    """Validate and atomically install an ``.argosmodel``; replaces the same pair."""
    archive = Path(archive)
    if not archive.is_file():
        raise PackageError(f"{archive}: no such file; expected an .argosmodel zip archive")
    if not zipfile.is_zipfile(archive):
        raise PackageError(f"{archive}: not a zip archive; expected an .argosmodel (zip with one package folder)")
    packages_dir = Path(packages_dir)
    packages_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".install-", dir=packages_dir))
    try:
        try:
            with zipfile.ZipFile(archive) as zf:
                top = _check_archive(archive, zf)
                _extract(zf, tmp, archive)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
            raise PackageError(f"{archive}: corrupt zip archive ({exc})") from exc
        pkg = read_package(tmp / top)
        if pkg is None:
            raise PackageError(f"{archive}: {top}/ is not a usable translate package")
        # Same pair already installed (any version): it is replaced.
        old = [p.path for p in installed_packages(packages_dir)
               if (p.from_code, p.to_code) == (pkg.from_code, pkg.to_code)]
        final = packages_dir / top
        if final.exists() and final not in old:
            old.append(final)
        trash: list[Path] = []
        for o in old:
            moved = tmp.with_name(f"{tmp.name}-old-{len(trash)}")
            os.replace(o, moved)
            trash.append(moved)
        os.replace(tmp / top, final)
        for t in trash:
            shutil.rmtree(t, ignore_errors=True)
        log.info("installed %s %s into %s", pkg.name, pkg.version, final)
        installed = read_package(final)
        assert installed is not None
        return installed
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def remove(packages_dir: Path, source: str, target: str) -> list[Path]:
    """Remove every installed package for the pair; returns removed folders."""
    found = [p.path for p in installed_packages(packages_dir) if (p.from_code, p.to_code) == (source, target)]
    if not found:
        raise PackageNotFound(f"no package installed for {source} -> {target} in {packages_dir}")
    for path in found:
        # Rename first so a concurrent engine scan never sees half a package.
        doomed = path.with_name(f".removing-{path.name}")
        os.replace(path, doomed)
        shutil.rmtree(doomed)
    return found


# --- index / download -----------------------------------------------------------

@dataclass(frozen=True)
class IndexEntry:
    from_code: str
    to_code: str
    version: str
    links: tuple[str, ...]
    name: str


def _unreachable(url: str, exc: BaseException) -> IndexUnreachable:
    reason = getattr(exc, "reason", exc)
    return IndexUnreachable(f"package index {url} is unreachable ({reason})", hint=FROM_FILE_HINT)


def fetch_index(url: str = INDEX_URL, *, timeout: float = 20.0) -> list[IndexEntry]:
    """Download the Argos package index (network!)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            data = json.loads(resp.read())
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise _unreachable(url, exc) from exc
    except ValueError as exc:
        raise IndexUnreachable(f"package index {url} is not valid JSON ({exc})", hint=FROM_FILE_HINT) from exc
    entries = []
    for item in data if isinstance(data, list) else []:
        if isinstance(item, dict) and item.get("type", "translate") == "translate" and item.get("links"):
            f, t, v = str(item.get("from_code")), str(item.get("to_code")), str(item.get("package_version", ""))
            entries.append(IndexEntry(f, t, v, tuple(item["links"]), f"translate-{f}_{t}-{v.replace('.', '_')}"))
    return entries


def download(url: str, dest: Path, *, timeout: float = 60.0, progress: DownloadProgress | None = None) -> Path:
    """Stream ``url`` to ``dest`` (via a temp file), reporting progress."""
    tmp = dest.with_name(dest.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp, open(tmp, "wb") as out:
            total = int(resp.headers.get("Content-Length") or 0) or None
            done = 0
            while chunk := resp.read(1 << 16):
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
        os.replace(tmp, dest)
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        tmp.unlink(missing_ok=True)
        raise _unreachable(url, exc) from exc
    return dest


def install_from_index(source: str, target: str, packages_dir: Path, *, index_url: str = INDEX_URL,
                       timeout: float = 20.0, progress: DownloadProgress | None = None) -> ArgosPackage:
    """Find the pair in the index, download it and install it like a local file."""
    try:
        entries = [e for e in fetch_index(index_url, timeout=timeout) if (e.from_code, e.to_code) == (source, target)]
    except IndexUnreachable as exc:  # name this pair's file
        raise IndexUnreachable(exc.message, hint=offline_model_hint(source, target)) from exc
    if not entries:
        raise PackageNotFound(f"the package index has no model for {source} -> {target}")
    entry = max(entries, key=lambda e: tuple(int(x) if x.isdigit() else 0 for x in e.version.split(".")))
    with tempfile.TemporaryDirectory(prefix="l10n-download-") as tmpdir:
        dest = Path(tmpdir) / f"{entry.name}.argosmodel"
        last: IndexUnreachable | None = None
        for link in entry.links:
            try:
                download(link, dest, timeout=timeout, progress=progress)
                break
            except IndexUnreachable as exc:
                last = exc
        else:
            assert last is not None
            raise last
        return install_from_file(dest, packages_dir)
