"""Placeholders: the same set as the source, paired, nested as in the source,
and every pair that holds text in the source holds text in the translation.

What a translation may move and what it may not:

- Text may move in and out of a pair.  Word order differs between languages
  (a Korean or Japanese sentence puts the linked object before the verb, a
  Chinese one may put it first), so which words a link covers is the
  translator's choice and no check can judge it.
- A pair may not end up empty (``<1></1>``, or only white space or void
  placeholders inside) when it holds text in the source: an empty link or
  emphasis is invisible on the page, so the reader loses the link and
  nothing tells them.
- A placeholder (a nested pair or a void one) may not change its enclosing
  pair: a footnote marker or image inside a link must stay inside it, a
  nested ``<em>`` must stay in its link, and one that is outside in the
  source must not be pulled in.  The element a placeholder stands for belongs
  to its parent in the document (an image *is* the link's content), so
  moving it out changes what the edition shows, not how the sentence reads.
  Siblings may change order (``<1>a</1> and <2>b</2>`` may become
  ``<2>b</2> ... <1>a</1>``): that is word order again.

All of these are errors: such a translation cannot be published as written.
"""

from __future__ import annotations

from ..placeholders import check_placeholders, tokenize
from .findings import ERROR, Finding, Pair

NAME = "placeholders"


def _shape(unit_text: str) -> tuple[dict[int, int | None], dict[int, str]]:
    """Each placeholder's enclosing pair (None at top level), and each pair's
    text (nested pairs' text included, placeholders left out): one pass."""
    parents: dict[int, int | None] = {}
    contents: dict[int, list[str]] = {}
    stack: list[int] = []
    for tok in tokenize(unit_text):
        kind = tok.kind
        if kind == "text":
            for ph in stack:
                contents[ph].append(tok.value)
        elif kind == "close":
            if tok.id in stack:
                stack.remove(tok.id)
        else:  # "open" or "void"
            parents.setdefault(tok.id, stack[-1] if stack else None)
            if kind == "open":
                stack.append(tok.id)
                contents.setdefault(tok.id, [])
    return parents, {ph: "".join(parts) for ph, parts in contents.items()}


def _shown(ph: int | None) -> str:
    return "the top level" if ph is None else f"<{ph}>"


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 40 else text[:39] + "…")


def check_markup(pair: Pair) -> list[Finding]:
    if "<" not in pair.source and "<" not in pair.translation:
        return []
    problems = check_placeholders(pair.source, pair.translation)
    if not problems:
        want, had = _shape(pair.source)
        have, has = _shape(pair.translation)
        for ph, parent in want.items():
            if have.get(ph, parent) != parent:
                problems.append(
                    f"placeholder <{ph}> is inside {_shown(have[ph])} in translation, "
                    f"inside {_shown(parent)} in the source")
        for ph, text in had.items():
            if text.strip() and not has.get(ph, "x").strip():
                problems.append(f"placeholder <{ph}> encloses no text in translation (source: {_quoted(text)})")
    # One finding per placeholder: a lost pair is "<1> missing", not also "</1> missing".
    reported = {p.split()[1] for p in problems if p.startswith("placeholder <")}
    problems = [p for p in problems if not (p.startswith("placeholder </") and "<" + p.split()[1][2:] in reported)]
    return [Finding(NAME, ERROR, p) for p in problems]
