"""Catalogs: the typed, keyed ``Catalog`` (``entry.py``), parsed once by the strict
grammar (``syntax.py``), and the operations that carry the guarantees."""

from .entry import Catalog, Entry  # noqa: F401
from .io import atomic_write_bytes, catalog_text, read_catalog, write_if_changed  # noqa: F401
from .merge import FUZZY_THRESHOLD, MemoryEntry, MergeReport, translation_memory, update_catalog  # noqa: F401
from .state import (  # noqa: F401
    FUZZY,
    REVIEWED,
    UNTRANSLATED,
    entry_state,
)
from .template import build_template  # noqa: F401
