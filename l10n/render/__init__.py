"""Editions: a source tree translated by a catalog, as HTML or plain text."""
