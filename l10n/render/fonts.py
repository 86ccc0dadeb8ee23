"""Whether an installed font covers the scripts an edition is written in.

WeasyPrint draws text with the fonts fontconfig knows.  When none covers a
script, a PDF shows boxes (tofu) and the build would still succeed; with no
font at all, Pango crashes the process (a segmentation fault).  So before a
PDF is laid out, and without loading WeasyPrint, the build asks fontconfig
here: for each script among the edition's letters, does an installed font
cover a sample of the characters the text uses?

- Scripts come from the Unicode character names (``HANGUL SYLLABLE GA``,
  ``CJK UNIFIED IDEOGRAPH-4E00``, ``ARABIC LETTER ALEF``): letters only, since
  digits, punctuation and symbols are in every text font.
- Fontconfig is asked through ``fc-list :charset=...`` (part of Debian's
  ``fontconfig`` package), which reads the same configuration as Pango,
  ``FONTCONFIG_FILE`` included.  Each script of each text is judged by a
  sample of ``SAMPLE`` of its characters (spread over the code points the
  text uses); only when no single font has them all is each character asked
  for alone, since a renderer may take each from another font.  A build asks
  first for the samples of all its texts together, then per script, since a
  font that has a set of characters has every subset: with the usual fonts
  one ``fc-list`` run answers for every edition of every document.
- The answer names the Debian package that has the fonts
  (``SCRIPT_PACKAGES``); everything that is not CJK is in ``fonts-noto-core``.

Without ``fc-list`` nothing can be asked; ``missing_scripts`` then returns
None and the caller says the check was skipped.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SAMPLE = 16  # characters asked for per script
CJK_PACKAGE = "fonts-noto-cjk"
CORE_PACKAGE = "fonts-noto-core"
SCRIPT_PACKAGES = {"Hangul": CJK_PACKAGE, "Han": CJK_PACKAGE, "Hiragana": CJK_PACKAGE,
                   "Katakana": CJK_PACKAGE, "Bopomofo": CJK_PACKAGE}
# The first word of a character's name, where it is not the script's name.
_NAME_SCRIPT = {"CJK": "Han", "HANGUL": "Hangul", "IDEOGRAPHIC": "Han"}
# First words of letters that belong to no one script (ª, ℵ, 𝒜, ⓐ ...): every text font or none.
_COMMON_WORDS = frozenset({"MODIFIER", "FEMININE", "MASCULINE", "MICRO", "SUPERSCRIPT", "SUBSCRIPT",
                           "CIRCLED", "PARENTHESIZED", "SQUARED", "NEGATIVE", "MATHEMATICAL", "DOUBLE-STRUCK",
                           "SCRIPT", "BLACK-LETTER", "ALEF", "BET", "GIMEL", "DALET", "PLANCK", "TURNED"})
_WIDTH_WORDS = frozenset({"FULLWIDTH", "HALFWIDTH"})


@dataclass(frozen=True)
class MissingFont:
    script: str  # "Hangul", "Han", "Arabic", "Latin" ...
    package: str  # the Debian package with fonts for it
    characters: str  # the sample characters no installed font has


def script_of_char(ch: str) -> str | None:
    """The script of a letter (``가`` -> ``Hangul``, ``中`` -> ``Han``), None for anything else."""
    if not unicodedata.category(ch).startswith("L"):
        return None
    words = unicodedata.name(ch, "").split()
    if words and words[0] in _WIDTH_WORDS:
        words = words[1:]
    if not words or words[0] in _COMMON_WORDS:
        return None
    return _NAME_SCRIPT.get(words[0], words[0].title())


def scripts_in(text: str) -> dict[str, list[str]]:
    """Each script among the letters of ``text`` and its characters, by code point."""
    found: dict[str, list[str]] = {}
    for ch in sorted(set(text)):
        if ch.isascii() and not ch.isalpha():
            continue
        script = script_of_char(ch)
        if script is not None:
            found.setdefault(script, []).append(ch)
    return found


def _sample(chars: list[str]) -> list[str]:
    if len(chars) <= SAMPLE:
        return chars
    step = len(chars) / SAMPLE
    return [chars[int(i * step)] for i in range(SAMPLE)]


class FontCoverage:
    """Asks fontconfig, remembering its answers for the life of one build."""

    def __init__(self, fc_list: str | None = None) -> None:
        self.fc_list = fc_list or shutil.which("fc-list")
        self._answers: dict[str, bool] = {}
        # Character sets one installed font was found to have: a subset of one
        # needs no query (the font that has them all has its part too).
        self._covered_sets: list[frozenset[str]] = []

    @property
    def available(self) -> bool:
        return self.fc_list is not None

    def covered(self, chars: Iterable[str]) -> bool:
        """Whether one installed font has every character of ``chars``."""
        wanted = frozenset(chars)
        if any(wanted <= known for known in self._covered_sets):
            return True
        pattern = ":charset=" + " ".join(f"{ord(c):x}" for c in sorted(wanted))
        if pattern not in self._answers:
            try:
                run = subprocess.run([self.fc_list, "--format", "%{file}\n", pattern],  # type: ignore[list-item]  # None only when not available; callers check
                                     capture_output=True, text=True, timeout=60, check=False)
                self._answers[pattern] = run.returncode == 0 and bool(run.stdout.strip())
            except (OSError, subprocess.TimeoutExpired):
                self._answers[pattern] = False
            if self._answers[pattern]:
                self._covered_sets.append(wanted)
        return self._answers[pattern]

    def missing_scripts(self, text: str) -> list[MissingFont] | None:
        """The scripts of ``text`` some sample characters of which no installed font has;
        None when fontconfig cannot be asked (no ``fc-list``)."""
        found = self.missing_in([text])
        return None if found is None else found[0]

    def missing_in(self, texts: Sequence[str]) -> list[list[MissingFont]] | None:
        """``missing_scripts`` of each text, asking fontconfig once for all of them
        when one font has every sample (the usual case), else once per script,
        and per text only for a script no one font has for all texts; None
        when fontconfig cannot be asked.  Since a font that has a set of
        characters has each subset, the answers are those of asking per text."""
        if not self.available:
            return None
        found = [scripts_in(text) for text in texts]
        by_script: dict[str, set[str]] = {}
        for scripts in found:
            for script, chars in scripts.items():
                by_script.setdefault(script, set()).update(_sample(chars))
        if by_script and not self.covered(set().union(*by_script.values())):
            for samples in by_script.values():
                self.covered(samples)
        return [self._missing(scripts) for scripts in found]

    def _missing(self, scripts: dict[str, list[str]]) -> list[MissingFont]:
        missing = []
        for script, chars in scripts.items():
            sample = _sample(chars)
            if self.covered(sample):
                continue
            lacking = "".join(c for c in sample if not self.covered([c]))
            if lacking:
                missing.append(MissingFont(script, SCRIPT_PACKAGES.get(script, CORE_PACKAGE), lacking))
        return missing


def font_message(locale: str, needed_by: str, missing: list[MissingFont]) -> str:
    """``ko: no installed font covers Hangul (needed by build/ko/report.pdf); install
    the Debian package fonts-noto-cjk``."""
    scripts = ", ".join(m.script for m in missing)
    packages = list(dict.fromkeys(m.package for m in missing))
    install = (f"install the Debian package {packages[0]}" if len(packages) == 1
               else f"install the Debian packages {' and '.join(packages)}")
    return f"{locale}: no installed font covers {scripts} (needed by {needed_by}); {install}"
