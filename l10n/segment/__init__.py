"""Segmentation: a Document's translatable content as sentence units."""

from .sentences import split_sentences  # noqa: F401
from .tree import Piece, Run, extract_units, piece_nodes, transform  # noqa: F401
