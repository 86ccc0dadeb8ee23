"""Shared test helpers: throwaway projects, the CLI in-process, pseudo-translation."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib

from l10n.cli.main import main
from l10n.placeholders import PLACEHOLDER_RE

CASES = Path(__file__).parent / "cases"


def load_tiny_model():
    """tests/mt/tiny_model.py, loaded by path: argostranslate installs a top-level
    ``tests`` package that shadows ours, so ``import tests.mt.tiny_model`` fails."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("l10n_tests_tiny_model", Path(__file__).parent / "mt" / "tiny_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_project(
    root: Path,
    sources: dict[str, str | bytes],
    *,
    locales: tuple[str, ...] = ("ko", "zh_Hans"),
    extra: str = "",
) -> Path:
    """A project in ``root`` with the given files under source/ and an l10n.toml."""
    root.mkdir(parents=True, exist_ok=True)
    for name, content in sources.items():
        path = root / "source" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    locale_list = ", ".join(f'"{loc}"' for loc in locales)
    (root / "l10n.toml").write_text(
        f'project = "test"\nlocales = [{locale_list}]\nsources = ["source/*"]\n{extra}', encoding="utf-8"
    )
    return root


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run ``l10n ARGS`` in-process; returns (exit code, stdout, stderr)."""
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def pseudo(msgid: str, locale: str = "ko") -> str:
    """A visible pseudo-translation that keeps placeholders, URLs and e-mail
    addresses, and writes numbers and dates in ``locale``'s form (as a
    translation must, for ``l10n check``): other text runs become ⟦UPPER⟧."""
    from l10n.quantities import EMAIL_RE, URL_RE, URL_TRAIL, find_quantities, render_quantity

    blanked = PLACEHOLDER_RE.sub(lambda m: " " * len(m.group(0)), msgid)
    links = [(m.start(), m.start() + len(m.group(0).rstrip(URL_TRAIL))) for m in URL_RE.finditer(blanked)]
    links += [(m.start(), m.end()) for m in EMAIL_RE.finditer(blanked)
              if not any(s <= m.start() < e for s, e in links)]
    kept = sorted([(m.start(), m.end(), m.group(0)) for m in PLACEHOLDER_RE.finditer(msgid)]
                  + [(s, e, msgid[s:e]) for s, e in links]
                  + [(q.start, q.end, render_quantity(q, locale)) for q in find_quantities(msgid)
                     if not any(s <= q.start < e for s, e in links)])
    parts = []
    pos = 0
    for start, end, text in kept:
        parts.append(_pseudo_text(msgid[pos:start]))
        parts.append(text)
        pos = end
    parts.append(_pseudo_text(msgid[pos:]))
    return "".join(parts)


def _pseudo_text(text: str) -> str:
    return re.sub(r"[A-Za-z]+", lambda m: "⟦" + m.group(0).upper() + "⟧", text)


def fill_catalog(path: Path, translate, *, fuzzy: bool = False) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        if entry.obsolete:
            continue
        entry.msgstr = translate(entry.msgid)
        if fuzzy and "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        if not fuzzy and "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(str(path))


def msgfmt_check(path: Path) -> subprocess.CompletedProcess:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is required (apt-get install gettext)"
    return subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)


def html5_outline(
    html: str, *, container: str = "body", with_text: bool = True, without_l10n: bool = False
) -> list[tuple]:
    """What a browser builds for ``html`` (html5lib, the HTML standard's parser):
    the elements under ``container`` in document order with their attributes,
    and, with ``with_text``, their text with white space removed.  With
    ``without_l10n``, what l10n adds to an edition (elements of an ``l10n-``
    class: the language switcher, notices, banners) is left out."""
    import html5lib

    root = html5lib.parse(html, namespaceHTMLElements=False)
    top = next((e for e in root.iter() if e.tag == container), None)
    assert top is not None, f"no <{container}>"
    events: list[tuple] = []

    def text(value: str | None) -> None:
        squeezed = "".join((value or "").split())
        if with_text and squeezed:
            if events and events[-1][0] == "text":
                events[-1] = ("text", events[-1][1] + squeezed)
            else:
                events.append(("text", squeezed))

    stack = [(top, False)]
    while stack:  # pre-order without recursion: (element, closing? None: left out)
        element, closing = stack.pop()
        if closing is None:
            text(element.tail)
            continue
        if closing:
            events.append(("end", element.tag))
            text(element.tail)
            continue
        if element is not top:
            events.append(("start", element.tag, tuple(sorted(element.attrib.items()))))
        text(element.text)
        stack.append((element, True))
        for child in reversed([c for c in element if isinstance(c.tag, str)]):
            if without_l10n and (child.get("class") or "").startswith("l10n-"):
                stack.append((child, None))  # left out; the text after it is the page's
            else:
                stack.append((child, False))
    return events[:-1]  # the container's own end


def calls_made(fn) -> int:
    """How many Python and C function calls ``fn()`` makes (a measure of its work)."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call" or event == "c_call":
            count += 1

    fn()  # once untraced: first-use imports and caches are not the input's work
    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(previous)
    return count
