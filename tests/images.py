"""Tiny real image files for tests, written with zlib and struct only."""

from __future__ import annotations

import struct
import zlib


def png(width: int, height: int, rgb: bytes = b"\xc0\x30\x30") -> bytes:
    """A real, decodable RGB PNG of one colour."""
    raw = b"".join(b"\x00" + rgb * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
