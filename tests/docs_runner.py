"""Run the commands of a Markdown document, as tests/test_docs.py does for docs/.

The convention (stated in docs/index.md): a fenced block tagged ``sh`` is a
list of commands, run in order by bash in one working directory, each of which
must exit 0, or N when its line ends with ``# exit N``; the first one that does
not stops the run, as ``set -e`` would.  A block tagged ``sh no-run`` is shown,
not run, and its first line says why (``# needs: network|gpu|cluster|root``).
A command is one line, a line continued with ``\\``, or a line with a heredoc
together with the heredoc's body.

Also here: the ``l10n <command> --option`` spans a document mentions, so the
test can hold them against the CLI's own ``--help``.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*)$")
EXPECTED_EXIT_RE = re.compile(r"#\s*exit\s+(\d+)\s*$")
HEREDOC_RE = re.compile(r"<<(-?)\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\2")
NO_RUN_REASON_RE = re.compile(r"^#\s*needs:\s*(network|gpu|cluster|root)\b")
#: Printed after every command by the generated script: "<marker> <index> <exit code>".
MARKER = "__l10n_docs_command_done__"


@dataclass(frozen=True)
class Block:
    """A fenced code block: its info string and text, and the document line of its first text line."""

    info: str
    text: str
    line: int
    #: The document line of the closing fence (or the last line, when the fence is never closed).
    end: int

    @property
    def runs(self) -> bool:
        return self.info.split()[:1] == ["sh"] and "no-run" not in self.info.split()

    @property
    def no_run(self) -> bool:
        return self.info.split()[:2] == ["sh", "no-run"]


@dataclass(frozen=True)
class Command:
    text: str
    line: int
    expected: int


@dataclass(frozen=True)
class Failure:
    command: Command | None
    exit_code: int | None
    output: str

    def describe(self, name: str) -> str:
        if self.command is None:
            return f"{name}: {self.output}"
        return (f"{name}:{self.command.line}: `{self.command.text}` exited {self.exit_code} "
                f"(expected {self.command.expected})\n{self.output[-3000:]}")


def fenced_blocks(markdown: str) -> list[Block]:
    """Every fenced block, also inside list items (the fence's indentation is taken off its lines)."""
    blocks: list[Block] = []
    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        opening = FENCE_RE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, fence = len(opening["indent"]), opening["fence"]
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not re.match(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}\s*$", lines[j]):
            body.append(lines[j][indent:] if lines[j][:indent].strip() == "" else lines[j])
            j += 1
        blocks.append(Block(opening["info"].strip(), "\n".join(body), i + 2, min(j + 1, len(lines))))
        i = j + 1
    return blocks


def commands(block: Block) -> list[Command]:
    """The block's commands with their document lines and expected exit codes."""
    result: list[Command] = []
    lines = block.text.split("\n")
    i = 0
    while i < len(lines):
        first = i
        line = lines[i]
        i += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        text = [line]
        while text[-1].endswith("\\") and i < len(lines):
            text.append(lines[i])
            i += 1
        for dash, _, word in HEREDOC_RE.findall("\n".join(text)):
            while i < len(lines):
                body = lines[i]
                text.append(body)
                i += 1
                if (body.lstrip("\t") if dash else body) == word:
                    break
        expected = EXPECTED_EXIT_RE.search(text[0]) or EXPECTED_EXIT_RE.search(text[-1])
        result.append(Command("\n".join(text), block.line + first, int(expected.group(1)) if expected else 0))
    return result


def no_run_problems(markdown: str, name: str) -> list[str]:
    """A no-run block must say on its first line why it cannot run."""
    return [f"{name}:{b.line}: a `sh no-run` block needs a first line `# needs: network|gpu|cluster|root`"
            for b in fenced_blocks(markdown)
            if b.no_run and not NO_RUN_REASON_RE.match(b.text.split("\n", 1)[0].strip())]


def run_markdown(markdown: str, cwd: Path, env: dict[str, str], timeout: float = 300) -> Failure | None:
    """Run the document's ``sh`` blocks' commands in order in ``cwd``; the first failure, or None."""
    todo = [c for b in fenced_blocks(markdown) if b.runs for c in commands(b)]
    if not todo:
        return None
    script = []
    for index, command in enumerate(todo):
        # The check runs in the same shell, so `cd` and variables carry over to the next command.
        script.append(command.text)
        script.append(f'__rc=$?; printf "\\n{MARKER} {index} %d\\n" "$__rc"; '
                      f'[ "$__rc" -eq {command.expected} ] || exit 97')
    with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False, encoding="utf-8") as f:
        f.write("\n".join(script) + "\n")
        path = Path(f.name)
    try:
        done = subprocess.run(["bash", "--noprofile", "--norc", str(path)], cwd=cwd, env=env,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        return Failure(None, None, f"the commands ran past {timeout} s: {exc.output!r}"[-3000:])
    finally:
        path.unlink()
    outputs = re.split(rf"\n?{MARKER} (\d+) (\d+)\n", done.stdout)
    # re.split gives [output0, index0, code0, output1, index1, code1, ..., rest]
    finished = [(int(outputs[k + 1]), int(outputs[k + 2]), outputs[k]) for k in range(0, len(outputs) - 1, 3)]
    for index, code, output in finished:
        if code != todo[index].expected:
            return Failure(todo[index], code, output)
    if len(finished) < len(todo):
        return Failure(todo[len(finished)], done.returncode, outputs[-1] + "\n(the script ended here)")
    return None


# -- `l10n ...` spans, for checking their options against --help ------------

INLINE_CODE_RE = re.compile(r"(`+)(.+?)\1", re.S)
INVOCATION_RE = re.compile(r"(?:^|(?<=[\s/(]))l10n\s+(.+)")
COMMAND_SEPARATORS_RE = re.compile(r"&&|\|\||;|\s\|\s|\$\(|\)")
OPTION_RE = re.compile(r"^--[a-zA-Z][\w-]*")
GLOBAL_WITH_VALUE = {"-C"}


def l10n_invocations(markdown: str) -> list[tuple[int, list[str]]]:
    """``(line, words after 'l10n')`` for each ``l10n ...`` in inline code and in sh blocks."""
    found: list[tuple[int, list[str]]] = []
    lines = markdown.split("\n")
    for block in fenced_blocks(markdown):
        if block.info.split()[:1] == ["sh"]:
            for offset, line in enumerate(block.text.split("\n")):
                found += [(block.line + offset, words) for words in _invocations(line.split("#")[0])]
        # Blank the block, fences included, out of the prose (line numbers hold).
        lines[block.line - 2:block.end] = [""] * (block.end - block.line + 2)
    prose = "\n".join(lines)
    for match in INLINE_CODE_RE.finditer(prose):
        line = prose.count("\n", 0, match.start()) + 1
        found += [(line, words) for words in _invocations(match.group(2).replace("\\|", "|"))]
    return sorted(found, key=lambda item: item[0])


def _invocations(code: str) -> list[list[str]]:
    words = []
    for part in COMMAND_SEPARATORS_RE.split(code):
        match = INVOCATION_RE.search(part.strip())
        if match:
            words.append(match.group(1).split())
    return words


def resolve(words: list[str], help_of) -> tuple[tuple[str, ...], list[str]] | None:
    """The command path and the long options of an invocation; None when it names no command.

    ``help_of(path)`` gives ``(subcommands, options)`` of ``l10n *path --help``.
    """
    path: tuple[str, ...] = ()
    options: list[str] = []
    skip = False
    for word in words:
        word = word.strip("[]{}(),.:;")  # `[--locale L]` in a synopsis, `--check)` in prose
        if skip:
            skip = False
            continue
        if not path and word in GLOBAL_WITH_VALUE:
            skip = True
            continue
        option = OPTION_RE.match(word)
        if option:
            options.append(option.group(0))
            continue
        if word.startswith("-"):
            continue  # a short option (-l, -v): not checked
        subcommands, _ = help_of(path)
        if not options and word in subcommands:
            path += (word,)
        elif not path and not options:
            return None  # prose such as `l10n stat` (a did-you-mean example) or `l10n itself`
    return path, options


def parse_help(text: str) -> tuple[set[str], set[str]]:
    """Subcommand names and long options listed by a click ``--help``."""
    subcommands: set[str] = set()
    options: set[str] = set()
    section = ""
    for line in text.splitlines():
        if line and not line[0].isspace():
            section = line.strip().rstrip(":").lower()
            continue
        stripped = line.strip()
        if section == "commands" and stripped and line.startswith("  ") and not line.startswith("    "):
            subcommands.add(stripped.split()[0])
        elif section == "options" and stripped.startswith("-"):
            declaration = re.split(r"\s{2,}", stripped)[0]
            options.update(re.findall(r"--[a-zA-Z][\w-]*", declaration))
    return subcommands, options
