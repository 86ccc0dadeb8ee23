"""Each source read and segmented once per command, and kept between commands.

``Sources`` is what every step asks for a source's tree and units: a command
parses a source at most once (``build`` renders the original and every locale
from one parse; ``run`` shares it across update, translate and build), and
hands each caller its own copy, since editions translate trees in place.

Between commands the parsed tree and units are kept in
``<cache_dir>/sources/<doc>.json`` (``.l10n-cache/`` by default, git-ignored
by ``l10n init``): loading that is several times faster than reading
Markdown or HTML again.  An entry is used only when its key matches: the
source's bytes, the reader options (``front_matter_keys``,
``translatable_attributes``, ``code_shortcodes``), and a fingerprint of the
code that reads and segments (l10n's lower layers and the reader libraries),
so an edit to any of them re-reads the source.

The file is data only (JSON, never pickle: a cloned repository could carry a
hostile cache) and signed with HMAC-SHA256 under a key that lives outside the
project (``$XDG_CACHE_HOME/l10n/source-cache.key``, made on first use): an
entry someone else wrote, a truncated, corrupt or stale one is not trusted and
the source is parsed as if there were no cache.  The cache never causes an
error: when it cannot be read or written (no home, read-only or full disk),
commands just parse.  Deleting ``.l10n-cache/sources/`` is always safe.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..config import Config
from ..model import Document, Element, Node, Raw, Text, Unit
from .paths import SourceDoc, read_source

#: Bump when the entry layout changes: old entries then simply miss.
CACHE_FORMAT = 1
SOURCES_DIR = "sources"
KEY_NAME = "source-cache.key"
# What reading and segmenting depend on, below pipeline/ (the layers import downward only).
_CODE_PACKAGES = ("formats", "segment")
_CODE_MODULES = ("errors", "model", "placeholders", "locales", "config", "terms", "quantities")
# Reader libraries: found (not imported) to fingerprint the installed version.
_READER_LIBRARIES = ("markdown_it", "mdit_py_plugins", "html5lib", "html5_parser", "selectolax")


class Sources:
    """The project's sources, each parsed (or loaded from the cache) once."""

    def __init__(self, config: Config, *, persistent: bool = True) -> None:
        self._config = config
        self._parsed: dict[Path, tuple[Document, list[Unit]]] = {}
        self._persistent = persistent
        self._secret: bytes | None = None
        self._code: str | None = None
        self._pending: list[tuple[Path, str, Document, list[Unit]]] = []
        self.parses = 0  # sources parsed by a reader in this command (the rest came from the cache)

    def document(self, doc: SourceDoc) -> Document:
        """A fresh copy of ``doc``'s tree: callers may change it (editions translate in place)."""
        entry = self._entry(doc)
        with collector_paused():
            return copy_document(entry[0])

    def units(self, doc: SourceDoc) -> list[Unit]:
        """``doc``'s translatable units in document order."""
        return list(self._entry(doc)[1])

    def _entry(self, doc: SourceDoc) -> tuple[Document, list[Unit]]:
        entry = self._parsed.get(doc.path)
        if entry is None:
            with collector_paused():
                entry = self._parsed[doc.path] = self._load_or_parse(doc)
        return entry

    def _load_or_parse(self, doc: SourceDoc) -> tuple[Document, list[Unit]]:
        data = _read_bytes(doc.path)
        key = self._key(doc, data) if data is not None and self._persistent else None
        if key is not None:
            cached = _load(self._entry_path(doc), key, self._secret, doc.path)
            if cached is not None:
                return cached
        # Imported here: a command served by the cache never loads the segmenter.
        from ..segment import extract_units

        document = read_source(self._config, doc)  # reads the file itself: its errors name the file and line
        self.parses += 1
        units = extract_units(document)
        # Kept only if the file still holds the bytes the key was made from.
        if key is not None and _read_bytes(doc.path) == data:
            self._pending.append((self._entry_path(doc), key, document, units))  # neither is changed later
        return document, units

    def save(self) -> None:
        """Write the cache entries of the sources parsed so far.  Commands call it
        once their own writes are done: a command that stops on an error (a
        malformed catalog) leaves every file as it was, the cache included."""
        with collector_paused():
            for path, key, document, units in self._pending:
                _store(path, key, self._secret, document, units)
        self._pending.clear()

    def _entry_path(self, doc: SourceDoc) -> Path:
        return self._config.cache_dir / SOURCES_DIR / f"{doc.name}.json"

    def _key(self, doc: SourceDoc, data: bytes) -> str | None:
        if self._secret is None:
            self._secret = _secret_key()
            if self._secret is None:  # nowhere to keep the key: no persistent cache
                self._persistent = False
                return None
        if self._code is None:
            self._code = code_fingerprint()
        config = self._config
        options = json.dumps([CACHE_FORMAT, self._code, str(doc.path), doc.ref, config.front_matter_keys,
                              sorted(config.translatable_attributes.items()), config.code_shortcodes])
        digest = hashlib.sha256(options.encode("utf-8"))
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a command makes the many
    small objects it keeps: a source's tree and units (read, segmented, loaded
    from or stored to the cache), a template's or a merged catalog's entries
    (``extract``, ``update``).  Every collection those allocations trigger
    traverses all of them again: about 18% of reading and segmenting the
    report x1000, two thirds of merging its catalog, 4% at x100.  Reference
    counting still frees every temporary at once; the few cycles made meanwhile
    (a Markdown parser and its plugins' closures) wait for the collector, which
    runs again as before when the block ends, an error included."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def copy_document(document: Document) -> Document:
    """A deep copy of ``document``'s tree, without recursion (trees can be deep)."""
    return Document(document.path, document.format, copy_tree(document.root), document.full_page,
                    [_copy_leaf(n) if not isinstance(n, Element) else copy_tree(n) for n in document.leading],
                    dict(document.attributes))


def copy_tree(root: Element) -> Element:
    top = root.shallow_copy()
    stack = [(root, top)]
    while stack:
        old, new = stack.pop()
        children = new.children
        for child in old.children:
            if isinstance(child, Element):
                copied = child.shallow_copy()
                stack.append((child, copied))
                children.append(copied)
            else:
                children.append(_copy_leaf(child))
    return top


def _copy_leaf(node: Node) -> Node:
    if isinstance(node, Text):
        return Text(node.text, node.line, node.source)
    if isinstance(node, Raw):
        return Raw(node.markup, node.as_text)
    return copy_tree(node)


def code_fingerprint() -> str:
    """Changes when the code that reads or segments a source changes: l10n's own
    modules below pipeline/, the reader libraries' installed files, the interpreter."""
    from importlib.util import find_spec

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(sys.version.encode("utf-8"))
    files = [package / f"{name}.py" for name in _CODE_MODULES]
    for name in _CODE_PACKAGES:
        files.extend(sorted((package / name).rglob("*.py")))
    for path in files:
        digest.update(path.as_posix().encode("utf-8") + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"missing")
    for name in _READER_LIBRARIES:
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None and spec.origin else ""
        digest.update(f"{name}={origin}".encode("utf-8", "surrogateescape"))
        if origin:  # an upgrade rewrites the package: its files' sizes and times change
            try:
                folder = Path(origin).parent
                for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                    if entry.name.endswith(".py") or ".so" in entry.name:
                        info = entry.stat()
                        digest.update(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}".encode("utf-8", "surrogateescape"))
            except OSError:
                pass
    return digest.hexdigest()


def secret_key() -> bytes | None:
    """The user's signing key (also signs pipeline/stamps.py's stamps)."""
    return _secret_key()


def _secret_key() -> bytes | None:
    """The user's signing key, outside every project; None when it cannot be kept."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "l10n" / KEY_NAME
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = os.urandom(32)  # what secrets.token_bytes returns; importing secrets costs every command 3 ms
        tmp = path.with_name(f".{KEY_NAME}.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # a key: private, not the umask
        with os.fdopen(fd, "wb") as handle:
            handle.write(fresh)
        try:
            os.link(tmp, path)  # another process may have made one first: keep the first
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
        key = path.read_bytes()
        return key if len(key) >= 32 else None
    except OSError:
        return None


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


# ------------------------------------------------------------------ the entry file
# One line with the HMAC of (key, payload), then the payload: JSON
# {"format", "key", "document": [format, full_page, attributes, leading, root], "units"}.
# Nodes: [0, tag, attrs, line, children] | [1, text, line, source] | [2, markup, as_text].


def _store(path: Path, key: str, secret: bytes | None, document: Document, units: list[Unit]) -> None:
    from ..catalog.io import atomic_write_bytes
    from ..errors import L10nError

    if secret is None:
        return
    try:
        payload = json.dumps({
            "format": CACHE_FORMAT, "key": key,
            "document": [document.format, document.full_page,
                         {k: list(v) for k, v in document.attributes.items()},
                         [_encode(n) for n in document.leading], _encode(document.root)],
            "units": [[u.msgid, u.line, u.note] for u in units],
        }, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        signature = hmac.new(secret, key.encode("ascii") + payload, hashlib.sha256).hexdigest()
        atomic_write_bytes(path, signature.encode("ascii") + b"\n" + payload, durable=False)
    except (RecursionError, L10nError, OSError, ValueError):
        return  # a cache that cannot be written is no cache: the next command parses again


def _load(path: Path, key: str, secret: bytes | None, source: Path) -> tuple[Document, list[Unit]] | None:
    if secret is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    signature, _, payload = data.partition(b"\n")
    expected = hmac.new(secret, key.encode("ascii") + payload, hashlib.sha256).hexdigest().encode("ascii")
    if not hmac.compare_digest(signature, expected):
        return None  # stale, corrupt, or not written by this user
    try:
        entry = json.loads(payload)
        if entry["format"] != CACHE_FORMAT or entry["key"] != key:
            return None
        kind, full_page, attributes, leading, root = entry["document"]
        tree = _decode(root)
        if not isinstance(kind, str) or not isinstance(full_page, bool) or not isinstance(tree, Element):
            return None
        document = Document(source, kind, tree, full_page, [_decode(n) for n in leading],
                            {_str(k): tuple(_str(a) for a in v) for k, v in attributes.items()})
        units = []
        for msgid, line, note in entry["units"]:
            if type(msgid) is not str or type(line) is not int or type(note) is not str:
                raise TypeError("unit")
            units.append(Unit(msgid, line, note))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    return document, units


def _encode(node: Node) -> list:
    if isinstance(node, Text):
        return [1, node.text, node.line, node.source]
    if isinstance(node, Raw):
        return [2, node.markup, node.as_text]
    return [0, node.tag, [list(a) for a in node.attrs], node.line, [_encode(c) for c in node.children]]


def _decode(item: list) -> Node:
    # The type checks are written out (``type(x) is str``, not ``_str(x)``):
    # this runs for every node of every cached tree.  JSON gives exact types,
    # and ``type(line) is int`` refuses a bool as ``_int`` does.
    kind = item[0]
    if kind == 1:
        _, text, line, source = item
        if type(text) is not str or type(line) is not int or not (source is None or type(source) is str):
            raise TypeError("text node")
        return Text(text, line, source)
    if kind == 2:
        _, markup, as_text = item
        if type(markup) is not str or type(as_text) is not bool:
            raise TypeError("raw node")
        return Raw(markup, as_text)
    if kind != 0:
        raise ValueError("node kind")
    _, tag, attrs, line, children = item
    if type(tag) is not str or type(line) is not int:
        raise TypeError("element")
    attributes = []
    for k, v in attrs:
        if type(k) is not str or not (v is None or type(v) is str):
            raise TypeError("attribute")
        attributes.append((k, v))
    return Element(tag, attributes, [_decode(c) for c in children], line)


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value
