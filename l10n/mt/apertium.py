"""Apertium (rule-based) engine, run as a subprocess.

Apertium keeps inline tags itself (its ``txt`` deformatter treats ``<1>`` as
superblanks), so the engine gets units *with* placeholders
(``keeps_markup``) and ``l10n.mt.verify`` checks the result.  Tags also stop
Apertium from reordering across them, which is the safe failure mode.

Batching: sentences are joined with blank lines and translated by one
``apertium <mode>`` process per batch.  ``-f line`` was rejected because
it drops sentence-final periods (measured with apertium 3.8.3).  If the
output does not split back into as many sentences, the batch is retried one
sentence per process so a mismatch can never shift translations.

Apertium runs with its marks on (no ``-u``): a word it does not know comes
back as ``*word``, one without a translation as ``@word``, one it could not
inflect as ``#word``.  ``strip_marks`` takes them out of the draft and
returns the marked words (``Draft.marked``), so a reviewer is told about them
in a ``check:`` line instead of reading asterisks in the text.
"""
from __future__ import annotations

import logging
import re
import shutil
import subprocess
from collections.abc import Sequence

from l10n.mt.engine import BatchCallback, Draft, EngineIdentity
from l10n.mt.errors import EngineFailed, ModelMissing
from l10n.mt.hints import apertium_pair_hint, apertium_program_hint

log = logging.getLogger(__name__)


_SPACES = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_AFTER_OPENING = re.compile(r"([“‘«¿¡(\[{])[ \t]+(?=\S)")
_BEFORE_CLOSING = re.compile(r"(?<=\S)[ \t]+([,.;:!?…)\]}”’»])")
# French sets a (narrow no-break) space before ;:!? and inside « », so there
# those spaces are right and are kept.
_BEFORE_CLOSING_FRENCH = re.compile(r"(?<=\S)[ \t]+([,.…)\]}”’])")
_AFTER_OPENING_FRENCH = re.compile(r"([“‘¿¡(\[{])[ \t]+(?=\S)")
_STRAIGHT_QUOTE = re.compile(r'"')


def normalize_spacing(text: str, target: str = "") -> str:
    """Apertium's output spaced the way a reviewer expects: no doubled spaces,
    no space after an opening quote or bracket, none before closing
    punctuation ("ley,  dijo" -> "ley, dijo"; "mejor , no" -> "mejor, no";
    "2019</1> ." -> "2019</1>.").  Placeholders hold no spaces or punctuation,
    so they pass through unchanged; outer white space is left alone."""
    french = target.split("_")[0] in ("fr", "fra")
    text = _SPACES.sub(" ", text)
    text = (_AFTER_OPENING_FRENCH if french else _AFTER_OPENING).sub(r"\1", text)
    text = (_BEFORE_CLOSING_FRENCH if french else _BEFORE_CLOSING).sub(r"\1", text)
    quotes = [m.start() for m in _STRAIGHT_QUOTE.finditer(text)]
    if quotes and len(quotes) % 2 == 0:  # balanced straight quotes: odd ones open, even ones close
        out, pos = [], 0
        for n, at in enumerate(quotes):
            piece = text[pos:at]
            out.append(piece.rstrip(" \t") if n % 2 and piece.strip() else piece)
            out.append('"')
            pos = at + 1
            if n % 2 == 0:
                while pos < len(text) and text[pos] in " \t" and pos + 1 < len(text) and text[pos + 1] != '"':
                    pos += 1
        out.append(text[pos:])
        text = "".join(out)
    return text


# A mark starts a word (an e-mail's "@" follows a letter and is no mark).
_MARKED_RE = re.compile(r"(?<![\w*#@])([*#@]+)(\w[\w'’-]*)")


def strip_marks(source: str, output: str) -> tuple[str, tuple[str, ...]]:
    """``output`` without Apertium's ``*``/``@``/``#`` marks, and the marked words.

    A mark that the source itself writes before the word (``#MeToo``,
    ``@hrw``) is text, not a mark, and stays (Apertium marks the word right
    after it: ``#*MeToo``).
    """
    marked: list[str] = []

    def unmark(m: re.Match) -> str:
        marks, word = m.group(1), m.group(2)
        if marks + word in source:
            return m.group(0)
        # Apertium's mark is the one right before the word ("@*hrw" for @hrw).
        marked.append(marks[-1] + word)
        return marks[:-1] + word

    if not any(c in output for c in "*#@"):
        return output, ()
    return _MARKED_RE.sub(unmark, output), tuple(marked)


class ApertiumEngine:
    name = "apertium"
    keeps_markup = True

    def __init__(self, *, binary: str = "apertium", data_dir: str | None = None,
                 max_batch_chars: int = 200_000, timeout: float = 600.0) -> None:
        self.binary = binary
        self.data_dir = data_dir
        self.max_batch_chars = max_batch_chars
        self.timeout = timeout
        self.calls = 0  # translate() calls; lets tests see batching
        self.processes = 0  # apertium processes started
        self._modes: list[str] | None = None

    def _base_cmd(self) -> list[str]:
        exe = shutil.which(self.binary)
        if exe is None:
            raise ModelMissing(f"the apertium program ({self.binary}) is not installed",
                               hint=apertium_program_hint())
        return [exe] + (["-d", self.data_dir] if self.data_dir else [])

    def modes(self) -> list[str]:
        if self._modes is None:
            try:
                out = subprocess.run(self._base_cmd() + ["-l"], capture_output=True, text=True,
                                     timeout=60, check=False).stdout
            except OSError as exc:
                raise EngineFailed(f"cannot run {self.binary}: {exc}") from exc
            self._modes = [m for m in out.split() if re.fullmatch(r"[\w]+-[\w]+(?:-[\w]+)*", m)]
        return self._modes

    def pairs(self) -> list[tuple[str, str]]:
        return sorted(tuple(m.split("-", 1)) for m in self.modes())  # type: ignore[misc]  # a mode is named SRC-TGT

    def mode(self, source: str, target: str) -> str:
        """Mode for the pair; a territory variant (``por_BR``) falls back to the language."""
        available = self.modes()
        for tgt in (target, target.split("_", 1)[0]):
            for src in (source, source.split("_", 1)[0]):
                if f"{src}-{tgt}" in available:
                    return f"{src}-{tgt}"
        raise ModelMissing(f"no Apertium mode for {source} -> {target} (installed: {', '.join(available) or 'none'})",
                           hint=apertium_pair_hint(f"{source}-{target}"))

    def identity(self, source: str, target: str) -> EngineIdentity:
        mode = self.mode(source, target)
        return EngineIdentity("apertium", f"apertium-{mode}", self._version(mode), "format=txt;marks=stripped")

    def _version(self, mode: str) -> str:
        """Debian package version of the language data, if dpkg knows it."""
        if shutil.which("dpkg-query") is None:
            return ""
        names = [f"apertium-{mode}", f"apertium-{'-'.join(reversed(mode.split('-')))}"]
        for name in names:
            res = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True,
                                 text=True, timeout=30, check=False)
            if res.returncode == 0 and res.stdout.strip():
                return res.stdout.strip()
        return ""

    def _run(self, mode: str, sentences: list[str]) -> list[str]:
        self.processes += 1
        payload = "\n\n".join(sentences) + "\n"
        try:
            res = subprocess.run(self._base_cmd() + [mode], input=payload, capture_output=True,
                                 text=True, timeout=self.timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EngineFailed(f"apertium {mode} failed: {exc}") from exc
        if res.returncode != 0:
            raise EngineFailed(f"apertium {mode} exited with {res.returncode}: {res.stderr.strip()[:200]}")
        return [p.strip() for p in re.split(r"\n[ \t]*\n", res.stdout.strip("\n"))]

    def translate(self, texts: Sequence[str], source: str, target: str, *,
                  on_batch: BatchCallback | None = None) -> list[Draft]:
        mode = self.mode(source, target)
        self.calls += 1
        positions: dict[str, list[int]] = {}
        for i, t in enumerate(texts):
            positions.setdefault(t, []).append(i)
        drafts: list[Draft | None] = [None] * len(texts)
        uniq = [t for t in positions if t.strip()]
        for t in positions:
            if not t.strip():
                for i in positions[t]:
                    drafts[i] = Draft("", None, None)
        batches: list[list[str]] = []
        cur: list[str] = []
        size = 0
        for t in uniq:
            if cur and size + len(t) > self.max_batch_chars:
                batches.append(cur)
                cur, size = [], 0
            cur.append(t)
            size += len(t) + 2
        if cur:
            batches.append(cur)
        for batch in batches:
            # Newlines inside a sentence would read as separators.
            flat = [re.sub(r"\s*\n\s*", " ", t.strip()) for t in batch]
            out = self._run(mode, flat)
            if len(out) != len(flat):
                log.warning("apertium returned %d segments for %d sentences; retrying one by one",
                            len(out), len(flat))
                out = [" ".join(self._run(mode, [s])) for s in flat]
            idx: list[int] = []
            for t, tr in zip(batch, out):
                lead, trail = t[: len(t) - len(t.lstrip())], t[len(t.rstrip()):]
                tr, marked = strip_marks(t, tr)
                for i in positions[t]:
                    drafts[i] = Draft(lead + normalize_spacing(tr, target) + trail, None, None, marked)
                    idx.append(i)
            if on_batch:
                on_batch(idx, [drafts[i] for i in idx])  # type: ignore[misc]  # these indexes were filled just above
        return drafts  # type: ignore[return-value]  # every index is filled by now
