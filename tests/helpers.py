"""Shared test helpers: throwaway projects, the CLI in-process, pseudo-translation."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib

from l10n.cli.main import main
from l10n.placeholders import PLACEHOLDER_RE

CASES = Path(__file__).parent / "cases"


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
    """A visible pseudo-translation that keeps placeholders and writes numbers
    and dates in ``locale``'s form (as a translation must, for ``l10n check``):
    other text runs become ⟦UPPER⟧."""
    from l10n.quantities import find_quantities, render_quantity

    kept = sorted([(m.start(), m.end(), m.group(0)) for m in PLACEHOLDER_RE.finditer(msgid)]
                  + [(q.start, q.end, render_quantity(q, locale)) for q in find_quantities(msgid)])
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
