"""Decode a file's bytes as UTF-8 text, with errors that name the file, the line
and the byte: the one reader behind sources, catalogs, the config and glossaries.

Every reader of user files needs the same three answers when the bytes are not
text (where, which byte, what was expected), so they come from here and read
alike: ``source/bad.md:3: invalid UTF-8 at byte offset 12 (byte 0xe9), expected UTF-8 text``.
"""

from __future__ import annotations

from .errors import L10nError

BOM = b"\xef\xbb\xbf"


def decode_utf8(
    data: bytes,
    *,
    shown: str,
    error: type[L10nError] = L10nError,
    expected: str = "UTF-8 text",
    allow_nul: bool = False,
    newlines: bool = True,
) -> str:
    """``data`` as text: UTF-8, a leading BOM dropped, CRLF and CR made LF (unless
    ``newlines`` is False, for parsers that count them themselves).

    Raises ``error`` naming ``shown``, the line and the byte offset for invalid
    UTF-8, and for a NUL byte (a binary file) unless ``allow_nul``.
    """
    if not allow_nul:
        nul = data.find(b"\x00")
        if nul != -1:
            raise error(f"binary file: NUL byte at byte offset {nul}, expected {expected}",
                        path=shown, line=data.count(b"\n", 0, nul) + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(BOM) if data.startswith(BOM) else 0)
        raise error(f"invalid UTF-8 at byte offset {offset} (byte 0x{data[offset]:02x}), expected {expected}",
                    path=shown, line=data.count(b"\n", 0, offset) + 1) from None
    if newlines and "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
