"""Readers: source text -> ``Document``.  They know nothing of PO files or MT."""

from .io import read_document, read_source_text  # noqa: F401
