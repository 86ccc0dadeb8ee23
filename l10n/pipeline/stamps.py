"""Stamps: what ``update`` and ``build`` did last time, so unchanged work is skipped.

A stamp says "this catalog was merged from these inputs" or "this edition was
rendered from these inputs into these files".  Its ``key`` is a SHA-256 of
every input of that piece of work (file bytes, the options and config that
matter, a fingerprint of the code); the next command computes the key again
and skips the work only when both keys are equal, and, for editions, when
each output file still has the size and modification time it had when
written.  What the command prints about skipped work (counts, titles,
warnings) is kept in the stamp, so the summary is the one a full run prints.

Stamps live in ``<cache_dir>/stamps/<command>.json`` (``.l10n-cache/`` by
default), one signed JSON file per command, as the source cache does
(``sources.py``): data only, HMAC-SHA256 under the user's key outside the
project.  A missing, corrupt, foreign or stale stamp is no stamp: the work is
done again.  Stamps never cause an error, and deleting ``.l10n-cache/stamps/``
(or ``--force``) is always safe.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from ..config import Config
from .lock import LOCK_NAME
from . import sources
from .sources import secret_key

#: Bump when a stamp's layout or meaning changes: old stamps then simply miss.
STAMP_FORMAT = 1
STAMPS_DIR = "stamps"
# Libraries whose output ends up in a catalog or an edition, beyond the readers
# (which ``code_fingerprint`` covers): found, not imported.
_OUTPUT_LIBRARIES = ("babel", "rapidfuzz", "polib", "weasyprint", "pydyf", "fontTools", "tinycss2")


class Stamps:
    """One command's stamps: read once, written once at the end of the command."""

    def __init__(self, config: Config, command: str, *, enabled: bool = True) -> None:
        self._path = config.cache_dir / STAMPS_DIR / f"{command}.json"
        self._secret = secret_key() if enabled else None
        self._old: dict[str, dict[str, Any]] = self._load() if self._secret is not None else {}
        self._new: dict[str, dict[str, Any]] = {}
        self.hits = 0  # pieces of work skipped in this command (tests count them)

    def get(self, name: str, key: str) -> dict[str, Any] | None:
        """The stamp of ``name`` when it was made from inputs with this ``key``, else None."""
        stamp = self._old.get(name)
        if not isinstance(stamp, dict) or stamp.get("key") != key:
            return None
        return stamp

    def peek(self, name: str) -> dict[str, Any]:
        """The old stamp of ``name`` whatever its key (what its work found last time), or {}."""
        stamp = self._old.get(name)
        return stamp if isinstance(stamp, dict) else {}

    def keep(self, name: str, stamp: dict[str, Any]) -> None:
        """Carry a stamp that was used (its work skipped) into the saved file."""
        self.hits += 1
        self._new[name] = stamp

    def put(self, name: str, key: str, data: dict[str, Any]) -> None:
        self._new[name] = {**data, "key": key}

    def forget(self, name: str) -> None:
        """The work of ``name`` was done again: its old stamp is no longer true."""
        self._old.pop(name, None)

    def save(self) -> None:
        """Write the stamps; those of work this command did not look at are kept
        (``--locale`` builds a part of the project)."""
        from ..catalog.io import atomic_write_bytes
        from ..errors import L10nError

        if self._secret is None:
            return
        merged = {**self._old, **self._new}
        try:
            payload = json.dumps({"format": STAMP_FORMAT, "stamps": merged}, ensure_ascii=False,
                                 separators=(",", ":"), sort_keys=True).encode("utf-8")
            signature = hmac.new(self._secret, payload, hashlib.sha256).hexdigest().encode("ascii")
            atomic_write_bytes(self._path, signature + b"\n" + payload, durable=False)
        except (L10nError, OSError, ValueError):
            return  # no stamps: the next command does the work again

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            data = self._path.read_bytes()
        except OSError:
            return {}
        signature, _, payload = data.partition(b"\n")
        assert self._secret is not None  # _load is called only with a key
        expected = hmac.new(self._secret, payload, hashlib.sha256).hexdigest().encode("ascii")
        if not hmac.compare_digest(signature, expected):
            return {}  # corrupt, or not written by this user
        try:
            entry = json.loads(payload)
            stamps = entry["stamps"] if entry["format"] == STAMP_FORMAT else {}
        except (ValueError, KeyError, TypeError):
            return {}
        return stamps if isinstance(stamps, dict) else {}


def digest(*parts: object) -> str:
    """A key from JSON-able parts (strings, numbers, lists, None)."""
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


def bytes_digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a file's bytes; None when it cannot be read (absent)."""
    try:
        return bytes_digest(path.read_bytes())
    except OSError:
        return None


def file_states(paths: Iterable[Path]) -> list[list[Any]]:
    """``[path, size, mtime_ns]`` of each file as it is now (``None``s when absent)."""
    states = []
    for path in paths:
        try:
            info = path.stat()
            states.append([str(path), info.st_size, info.st_mtime_ns])
        except OSError:
            states.append([str(path), None, None])
    return states


def files_unchanged(recorded: object) -> bool:
    """Whether every file of a stamp still has the size and modification time recorded."""
    if not isinstance(recorded, list):
        return False
    try:
        paths = [Path(item[0]) for item in recorded]
    except (TypeError, IndexError):
        return False
    return bool(paths) and file_states(paths) == recorded and all(item[1] is not None for item in recorded)


def code_version() -> str:
    """Changes when any code that shapes a catalog or an edition changes: every
    file of the l10n package (modules, stylesheets, messages), the readers and
    the other libraries whose output is written, the interpreter.

    The package's files count by path, size and modification time, not by
    content: an edit, a ``git checkout`` or a reinstall rewrites a file, and
    reading and hashing the whole package cost every update and build ~5 ms."""
    package = str(Path(__file__).resolve().parents[1])
    hasher = hashlib.sha256(sources.code_fingerprint().encode("ascii"))  # looked up now: tests replace it
    files = []
    for folder, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            files.append([os.path.relpath(path, package), info.st_size, info.st_mtime_ns])
    hasher.update(json.dumps(files).encode("utf-8", "surrogateescape"))
    # An upgrade of a library rewrites its files: their size and time change.
    libraries = [[name, file_states([Path(origin)]) if origin else []]
                 for name, origin in ((name, _origin(name)) for name in _OUTPUT_LIBRARIES)]
    hasher.update(json.dumps(libraries).encode("utf-8", "surrogateescape"))
    hasher.update(sys.version.encode("utf-8"))
    return hasher.hexdigest()


def _origin(module: str) -> str:
    """Where ``module`` would be imported from ("" when it is not installed); nothing is imported."""
    from importlib.util import find_spec

    try:
        spec = find_spec(module)
    except (ImportError, ValueError):
        return ""
    return (spec.origin or "") if spec is not None else ""


def font_state() -> str:
    """The installed fonts as fontconfig lists them (what the font check and a
    PDF depend on), with the variables that choose fontconfig's configuration."""
    import shutil  # here, not at the top: most commands never ask fontconfig
    import subprocess

    fc_list = shutil.which("fc-list")
    listed = ""
    if fc_list is not None:
        try:
            run = subprocess.run([fc_list, "--format", "%{file}\n"], capture_output=True, text=True,
                                 timeout=60, check=False)
            listed = "\n".join(sorted(run.stdout.splitlines())) if run.returncode == 0 else f"failed {run.returncode}"
        except (OSError, subprocess.TimeoutExpired) as exc:
            listed = f"failed {exc}"
    variables = sorted((k, v) for k, v in os.environ.items() if k.startswith("FONTCONFIG"))
    return digest(fc_list, variables, listed)


def tree_state(config: Config, documents: Collection[Path] = ()) -> str:
    """Every file of the project but its outputs, catalogs, cache, lock file,
    ``.git`` and the source ``documents`` (a link to one goes to its edition, and
    each edition's key has its own source's bytes): path, size and modification
    time.  What a document's local references (images, stylesheets, linked
    files) resolve to depends on it."""
    skipped = {Path(os.path.abspath(p)) for p in (config.output_dir, config.locales_dir, config.cache_dir)}
    entries = []
    for folder, dirs, files in os.walk(config.root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if d != ".git" and Path(os.path.abspath(here / d)) not in skipped)
        for name in sorted(files):
            if (name == LOCK_NAME and here == config.root) or Path(os.path.abspath(here / name)) in documents:
                continue  # the lock is written by every command
            entries.append(file_states([here / name])[0])
    return digest(entries)
