"""Segmentation: a Document's translatable content as sentence units."""

from .sentences import split_sentences  # noqa: F401
from .rebuild import deep_copy, piece_nodes  # noqa: F401
from .tree import Piece, Run, extract_units, transform  # noqa: F401
