"""Placeholders: the same set as the source, paired, and nested as in the source."""

from __future__ import annotations

from ..placeholders import check_placeholders, tokenize
from .findings import ERROR, Finding, Pair

NAME = "placeholders"


def _parents(unit_text: str) -> dict[int, int | None]:
    """Each placeholder's enclosing pair (None at top level)."""
    parents: dict[int, int | None] = {}
    stack: list[int] = []
    for tok in tokenize(unit_text):
        if tok.kind in ("open", "void"):
            parents.setdefault(tok.id, stack[-1] if stack else None)
            if tok.kind == "open":
                stack.append(tok.id)
        elif tok.kind == "close" and tok.id in stack:
            stack.remove(tok.id)
    return parents


def _shown(ph: int | None) -> str:
    return "the top level" if ph is None else f"<{ph}>"


def check_markup(pair: Pair) -> list[Finding]:
    if "<" not in pair.source and "<" not in pair.translation:
        return []
    problems = check_placeholders(pair.source, pair.translation)
    if not problems:
        want, have = _parents(pair.source), _parents(pair.translation)
        for ph, parent in want.items():
            if have.get(ph, parent) != parent:
                problems.append(
                    f"placeholder <{ph}> is inside {_shown(have[ph])} in translation, "
                    f"inside {_shown(parent)} in the source")
    # One finding per placeholder: a lost pair is "<1> missing", not also "</1> missing".
    reported = {p.split()[1] for p in problems if p.startswith("placeholder <")}
    problems = [p for p in problems if not (p.startswith("placeholder </") and "<" + p.split()[1][2:] in reported)]
    return [Finding(NAME, ERROR, p) for p in problems]
