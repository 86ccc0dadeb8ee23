"""Persistent MT cache in SQLite.

Keyed by (normalized source unit, engine identity key, source, target) so a
new model version or a different beam size never serves stale output; a unit
whose glossary terms, dates or numbers were protected adds a ``context`` (what
was put back, ``l10n.mt.protect``) to its key, so a glossary edit never serves
a stale draft either.  WAL
mode lets readers run while a writer commits; each ``put_many`` is one
transaction, so a SIGKILL at any moment loses at most the batch being
written and never corrupts the file.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from l10n.errors import FileSystemError, file_system_error
from l10n.mt.engine import EngineIdentity

_SCHEMA = """
CREATE TABLE IF NOT EXISTS mt (
    key TEXT PRIMARY KEY,
    source_text TEXT NOT NULL,
    identity TEXT NOT NULL,
    src TEXT NOT NULL,
    tgt TEXT NOT NULL,
    text TEXT NOT NULL,
    score REAL,
    problems TEXT NOT NULL,
    created REAL NOT NULL
)
"""


def normalize(unit_text: str) -> str:
    """NFC and collapsed whitespace: units differing only there share a translation."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", unit_text)).strip()


@dataclass(frozen=True)
class CachedTranslation:
    text: str
    score: float | None
    problems: tuple[str, ...]


class MTCache:
    """``MTCache(directory)`` opens/creates ``directory/mt.sqlite``."""

    FILENAME = "mt.sqlite"

    def __init__(self, directory: Path, *, timeout: float = 30.0) -> None:
        self.path = Path(directory) / self.FILENAME
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # SQLite creates its files 0644 whatever the umask; created here first,
            # the database (and its -wal and -shm files, which copy its mode) get
            # the mode an ordinary write gives.
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o666))
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL is crash-safe in WAL mode (only power loss can drop the last
            # commits), and much faster than FULL.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
        except OSError as exc:
            raise file_system_error(exc, self.path) from None
        except sqlite3.OperationalError as exc:  # read-only folder, full disk
            raise FileSystemError(f"cannot open the MT cache: {exc}", path=self.path) from None

    @staticmethod
    def key(unit_text: str, identity: EngineIdentity, source: str, target: str, context: str = "") -> str:
        parts = [normalize(unit_text), identity.key, source, target] + ([context] if context else [])
        raw = json.dumps(parts, ensure_ascii=False)
        return hashlib.sha256(raw.encode()).hexdigest()

    def get_many(self, units: Iterable[str], identity: EngineIdentity, source: str,
                 target: str, *, context: Mapping[str, str] | None = None) -> dict[str, CachedTranslation]:
        """Cached translations for those ``units`` that have one (keyed by unit text).

        ``context`` maps a unit to the extra key text it was stored with.
        """
        context = context or {}
        by_key: dict[str, list[str]] = {}
        for u in units:
            by_key.setdefault(self.key(u, identity, source, target, context.get(u, "")), []).append(u)
        found: dict[str, CachedTranslation] = {}
        keys = list(by_key)
        for i in range(0, len(keys), 500):  # stay under SQLite's variable limit
            chunk = keys[i : i + 500]
            rows = self._db.execute(
                f"SELECT key, text, score, problems FROM mt WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            for key, text, score, problems in rows:
                for u in by_key[key]:
                    found[u] = CachedTranslation(text, score, tuple(json.loads(problems)))
        return found

    def put_many(self, entries: Sequence[tuple[str, CachedTranslation]], identity: EngineIdentity,
                 source: str, target: str, *, context: Mapping[str, str] | None = None) -> None:
        """Store (unit text, translation) pairs in one transaction."""
        if not entries:
            return
        context = context or {}
        now = time.time()
        rows = [(self.key(u, identity, source, target, context.get(u, "")), normalize(u), identity.key, source,
                 target, c.text, c.score, json.dumps(list(c.problems), ensure_ascii=False), now) for u, c in entries]
        try:
            with self._db:  # BEGIN ... COMMIT
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR REPLACE INTO mt VALUES (?,?,?,?,?,?,?,?,?)", rows)
        except sqlite3.OperationalError as exc:  # "database or disk is full": the batch is rolled back
            raise FileSystemError(f"cannot write the MT cache: {exc}", path=self.path) from None

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM mt").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> MTCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
