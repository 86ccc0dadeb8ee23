"""Mask inline placeholders for MT and put them back.

Strategy (why masking + alignment, not protected tokens):
  NMT models see placeholders such as ``<1>`` as several sub-word pieces they
  were never trained on; they drop, duplicate or translate them, and their
  presence degrades the sentence.  So the engine gets the *plain* sentence
  (the whole sentence, never cut at tags) and the placeholders are
  re-inserted afterwards from a character-span alignment (for Argos: the
  decoder's source attention from ``return_attention``).  Re-insertion
  builds the tag tree of the source and clamps children into parents and
  siblings into disjoint spans, so the output is always well formed and
  every source placeholder comes back exactly once; *where* they land can
  still be wrong (a pair left empty, a tag out of its parent).  When no
  alignment is available, positions are mapped proportionally.  Every
  result is then verified by the checks ``l10n check`` runs
  (``l10n.mt.verify``); engines that keep markup themselves, like Apertium,
  skip mask/restore and rely on that entirely.

Unit text escapes a literal ``<`` that would look like a placeholder as
``\\<``; ``mask`` unescapes it for the engine and ``restore`` escapes any
such ``<`` in the engine output again.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from l10n.mt.engine import Draft
from l10n.placeholders import PLACEHOLDER_RE
from l10n.placeholders import escape_text as _escape
from l10n.placeholders import unescape_text as _unescape
from l10n.scripts import written_without_spaces


@dataclass(frozen=True)
class Tag:
    """A placeholder of the source, located in the plain text.

    ``kind`` is "pair" (``<n>..</n>``) or "point" (a void ``<n/>`` or a
    stray unmatched open/close, re-inserted verbatim as ``open_token``).
    ``parent`` is the index of the enclosing pair in ``Masked.tags``.
    """

    id: int
    kind: str
    start: int
    end: int
    open_token: str
    close_token: str = ""
    parent: int | None = None


@dataclass(frozen=True)
class Masked:
    source: str  # the unit text as given
    plain: str  # what the engine translates
    tags: tuple[Tag, ...]
    lead: str = ""  # whitespace stripped from the start of plain
    trail: str = ""  # ... and from the end; engines drop it, restore re-adds it


def mask(unit_text: str) -> Masked:
    """Remove placeholders from ``unit_text``, remembering where they were."""
    plain_parts: list[str] = []
    pos = 0  # length of plain text so far
    last = 0
    tags: list[Tag | None] = []
    stack: list[tuple[int, int, str]] = []  # (tag index placeholder, plain start, token)

    def parent_index() -> int | None:
        return stack[-1][0] if stack else None

    def add_text(chunk: str) -> None:
        nonlocal pos
        chunk = _unescape(chunk)
        plain_parts.append(chunk)
        pos += len(chunk)

    for m in PLACEHOLDER_RE.finditer(unit_text):
        add_text(unit_text[last : m.start()])
        last = m.end()
        closing, num, void = m.group(1), int(m.group(2)), m.group(3)
        token = m.group(0)
        if void:  # <n/> (and the malformed </n/>) are points
            tags.append(Tag(num, "point", pos, pos, token, parent=parent_index()))
        elif not closing:
            tags.append(None)  # filled when the close is seen
            stack.append((len(tags) - 1, pos, token))
        else:
            ids = [PLACEHOLDER_RE.match(t).group(2) for _, _, t in stack]  # type: ignore[union-attr]  # the token came from PLACEHOLDER_RE
            if str(num) in ids:
                # Pop to the matching open; anything above it is unclosed.
                while stack:
                    idx, start, open_tok = stack.pop()
                    oid = int(PLACEHOLDER_RE.match(open_tok).group(2))  # type: ignore[union-attr]  # the token came from PLACEHOLDER_RE
                    if oid == num:
                        tags[idx] = Tag(num, "pair", start, pos, open_tok, token, parent=parent_index())
                        break
                    tags[idx] = Tag(oid, "point", start, start, open_tok, parent=parent_index())
            else:
                tags.append(Tag(num, "point", pos, pos, token, parent=parent_index()))
    add_text(unit_text[last:])
    while stack:
        idx, start, open_tok = stack.pop()
        oid = int(PLACEHOLDER_RE.match(open_tok).group(2))  # type: ignore[union-attr]  # the token came from PLACEHOLDER_RE
        tags[idx] = Tag(oid, "point", start, start, open_tok, parent=parent_index())

    full = "".join(plain_parts)
    stripped = full.strip()
    lead = full[: len(full) - len(full.lstrip())]
    trail = full[len(full.rstrip()) :] if stripped else ""
    shift = len(lead)
    n = len(stripped)
    final = tuple(
        Tag(t.id, t.kind, min(max(t.start - shift, 0), n), min(max(t.end - shift, 0), n),
            t.open_token, t.close_token, t.parent)
        for t in tags if t is not None
    )
    return Masked(unit_text, stripped, final, lead, trail)


# --- restore ------------------------------------------------------------------



def _wordy(ch: str) -> bool:
    return (ch.isalnum() or ch in "_'’-") and not written_without_spaces(ch)


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a span to whole words (not across CJK, which has no spaces)."""
    while 0 < start < len(text) and _wordy(text[start - 1]) and _wordy(text[start]):
        start -= 1
    while 0 < end < len(text) and _wordy(text[end - 1]) and _wordy(text[end]):
        end += 1
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _proportional(p: int, n_src: int, text: str) -> int:
    if n_src == 0:
        return len(text)
    q = round(p / n_src * len(text))
    q = min(max(q, 0), len(text))
    # Move to the nearest word boundary so a tag does not split a word.
    left, right = q, q
    while left > 0 and left < len(text) and _wordy(text[left - 1]) and _wordy(text[left]):
        left -= 1
    while 0 < right < len(text) and _wordy(text[right - 1]) and _wordy(text[right]):
        right += 1
    return left if q - left <= right - q else right


def _tail_punct(text: str) -> int:
    """Index where trailing sentence punctuation (and spaces) start."""
    i = len(text)
    while i > 0 and (unicodedata.category(text[i - 1]).startswith("P") or text[i - 1].isspace()):
        i -= 1
    return i


def _target_span(masked: Masked, tag: Tag, text: str,
                 alignment: tuple[tuple[int, int, int, int], ...] | None) -> tuple[int, int]:
    plain = masked.plain
    n = len(plain)
    src_body_end = _tail_punct(plain)
    # Anchors first: tags that cover the whole sentence (optionally minus its
    # final punctuation) map to the whole translation; this is the common
    # case and needs no alignment at all.
    if tag.kind == "pair" and tag.start == 0 and n > 0:
        if tag.end >= n:
            return 0, len(text)
        if tag.end >= src_body_end and src_body_end > 0:
            return 0, _tail_punct(text)
    if tag.kind == "point":
        if tag.start == 0:
            return 0, 0
        if tag.start >= n:
            return len(text), len(text)
    if alignment:
        if tag.kind == "pair":
            hits = [(t0, t1) for s0, s1, t0, t1 in alignment if s0 < tag.end and s1 > tag.start]
            if hits:
                start, end = min(h[0] for h in hits), max(h[1] for h in hits)
                return _snap(text, start, end)
        else:
            after = [a for a in alignment if a[0] >= tag.start]
            if after:
                first = min(a[0] for a in after)
                t0 = min(a[2] for a in after if a[0] == first)
                return _snap(text, t0, t0)[0:1] * 2
    if tag.kind == "pair":
        s = _proportional(tag.start, n, text)
        e = _proportional(tag.end, n, text)
        return s, max(s, e)
    p = _proportional(tag.start, n, text)
    return p, p


def restore(masked: Masked, draft: Draft) -> str:
    """Re-insert the placeholders of ``masked`` into ``draft.text``."""
    text = draft.text.strip()
    shift = len(draft.text) - len(draft.text.lstrip())
    alignment = draft.alignment
    if alignment:
        n = len(text)  # engine spans may point into whitespace we stripped
        alignment = tuple((a, b, min(max(c - shift, 0), n), min(max(d - shift, 0), n))
                          for a, b, c, d in alignment)
    spans: list[list[int]] = []
    for tag in masked.tags:
        s, e = _target_span(masked, tag, text, alignment)
        if tag.kind == "pair":
            s, e = _trim(text, s, e)
        spans.append([s, e])

    # Children by parent, in source order; then clamp to a proper tree.
    children: dict[int | None, list[int]] = {}
    for i, tag in enumerate(masked.tags):
        children.setdefault(tag.parent, []).append(i)

    def clamp(parent: int | None, lo: int, hi: int) -> None:
        kids = sorted(children.get(parent, []), key=lambda i: (spans[i][0], spans[i][1], i))
        cur = lo
        for i in kids:
            s = min(max(spans[i][0], cur), hi)
            e = min(max(spans[i][1], s), hi)
            spans[i] = [s, e]
            cur = e
            if masked.tags[i].kind == "pair":
                clamp(i, s, e)

    clamp(None, 0, len(text))

    def render(parent: int | None, lo: int, hi: int) -> str:
        out: list[str] = []
        cur = lo
        kids = sorted(children.get(parent, []), key=lambda i: (spans[i][0], spans[i][1], i))
        for i in kids:
            s, e = spans[i]
            tag = masked.tags[i]
            out.append(_escape(text[cur:s]))
            if tag.kind == "pair":
                out.append(tag.open_token + render(i, s, e) + tag.close_token)
            else:
                out.append(tag.open_token)
            cur = e
        out.append(_escape(text[cur:hi]))
        return "".join(out)

    return masked.lead + render(None, 0, len(text)) + masked.trail
