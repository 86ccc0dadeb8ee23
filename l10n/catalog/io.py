"""Reading and writing catalogs: strict parsing with located errors, atomic writes.

``read_catalog`` decodes the file (rejecting NUL bytes and invalid UTF-8 with
the line), parses it once with the strict grammar (``syntax.parse_po``), and
checks what the grammar cannot see line by line (plural counts).  Writes are
atomic (temporary file in the same directory, fsync, rename) and skipped when
the bytes would not change.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import CatalogError, file_system_error
from ..text_files import decode_utf8
from .entry import Catalog
from .syntax import parse_po


def read_catalog(path: str | Path, *, display_path: str | None = None) -> Catalog:
    """Parse a PO or POT file; ``CatalogError`` with file and line on any defect."""
    path = Path(path)
    shown = display_path or str(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise CatalogError("is a directory, expected a PO file", path=shown) from None
    except OSError as exc:
        raise CatalogError(f"cannot read: {exc.strerror or exc}", path=shown) from None
    po = parse_po(decode_catalog_bytes(data, shown), shown)
    check_catalog(po, shown)
    return po


def decode_catalog_bytes(data: bytes, shown: str) -> str:
    text = decode_utf8(data, shown=shown, error=CatalogError, expected="a UTF-8 PO file")
    if not text.strip():
        raise CatalogError("empty file, expected a PO catalog", path=shown, line=1)
    return text


def check_catalog(po: Catalog, shown: str) -> None:
    """Reject translated plural entries with another number of forms than Plural-Forms says."""
    plural_count = _nplurals(po.metadata.get("Plural-Forms", ""))
    if plural_count:
        for entry in po:
            if entry.msgid_plural and len(entry.msgstr_plural) not in (0, plural_count):
                if any(entry.msgstr_plural.values()):
                    raise CatalogError(
                        f"{len(entry.msgstr_plural)} plural forms, expected {plural_count} (Plural-Forms)",
                        path=shown,
                        line=entry.linenum,
                    )


def _nplurals(value: str) -> int | None:
    match = re.search(r"nplurals\s*=\s*(\d+)", value)
    return int(match.group(1)) if match else None


def catalog_text(po: Catalog, *, number: bool = False) -> str:
    """The catalog as PO text, deterministic for the same content.  ``number``: also
    set each entry's ``linenum`` to where the text puts it, as reading the text back
    would (for a catalog that is written, then used without being read again)."""
    from .pofile import po_text

    return po_text(po, number=number)


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so a reader sees the old or the new file, never half.

    ``durable`` also fsyncs the data and the directory, so the new file
    survives a power cut; catalogs always are, derived editions need not be
    (the next build recreates them).  An OS failure (full disk, read-only
    folder, a file where a folder should be) leaves the old file as it was
    and raises ``FileSystemError`` naming ``path``.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _create_temporary(path)
    except OSError as exc:
        raise file_system_error(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise file_system_error(exc, path) from None
        raise
    if not durable:
        return
    try:  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def _create_temporary(path: Path) -> tuple[int, str]:
    """A new empty file beside ``path``, with the mode an ordinary write would give.

    ``tempfile.mkstemp`` creates files 0600 whatever the umask, so a web server
    or a colleague could not read what l10n wrote.  Here the kernel applies
    the umask to 0666, as for ``open(path, "w")`` (files an older l10n left
    0600 get the umask's mode back when next rewritten).
    """
    for _ in range(100):
        tmp = str(path.parent / f".{path.name}.{os.urandom(4).hex()}.tmp")  # os.urandom: secrets costs 5 ms of import
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        except FileExistsError:
            continue
        return fd, tmp
    raise FileExistsError(f"no free temporary name beside {path}")


def write_if_changed(path: Path, data: bytes, *, durable: bool = True) -> bool:
    """Atomically write ``data`` unless the file already holds exactly it."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write_bytes(path, data, durable=durable)
    return True
