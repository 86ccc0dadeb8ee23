"""The documentation cannot drift from the tool (docs/index.md states the convention).

Every ``sh`` block of docs/*.md and README.md runs, one file's blocks in one
fresh copy of the repository's project, with ``l10n`` on PATH, no network and a
home of its own; every ``l10n <command> --option`` the docs mention must be an
option the command's ``--help`` lists; relative links must lead somewhere.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docs_runner import (
    Block,
    commands,
    fenced_blocks,
    l10n_invocations,
    no_run_problems,
    parse_help,
    resolve,
    run_markdown,
)

CHECKOUT = Path(__file__).resolve().parents[1]
DOCS = sorted((CHECKOUT / "docs").glob("*.md"))
DOCUMENTS = [CHECKOUT / "README.md", *DOCS]
#: What a docs command sees of the repository: the project, never the checkout itself.
PROJECT = ("source", "locales", "pyproject.toml")
#: Few blocks may be shown without running; each says why on its first line.
MAX_NO_RUN_BLOCKS = 12
#: The README's two commands, exactly as .ci/run uses them; CI and tests/test_install.py run them,
#: test_docs must not (they install, and .ci/run runs this very test).
README_SETUP = ["bash .ci/setup && .venv/bin/l10n run", "bash .ci/run"]


def docs_env(home: Path) -> dict[str, str]:
    """l10n from this checkout on PATH, a home and Argos packages dir of its own, no network."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("L10N_", "VIRTUAL_ENV"))}
    bin_dir = str(Path(sys.executable).parent)
    no_network = "http://127.0.0.1:9"  # the discard port: any HTTP(S) request fails at once
    env.update({
        "PATH": bin_dir + os.pathsep + env.get("PATH", ""),
        "PYTHONPATH": str(CHECKOUT),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "ARGOS_PACKAGES_DIR": str(home / "argos-packages"),
        "http_proxy": no_network, "https_proxy": no_network, "HTTP_PROXY": no_network,
        "HTTPS_PROXY": no_network, "ALL_PROXY": no_network, "no_proxy": "", "NO_PROXY": "",
        "PIP_NO_INDEX": "1",
        "COLUMNS": "100",
    })
    return env


def fresh_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    for name in PROJECT:
        source = CHECKOUT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copy2(source, project / name)
    return project


def relative(path: Path) -> str:
    return str(path.relative_to(CHECKOUT))


def test_there_are_docs_and_the_index_states_the_convention():
    names = {p.name for p in DOCS}
    assert {"index.md", "install.md", "tutorial.md", "configuration.md", "commands.md"} <= names
    index = (CHECKOUT / "docs" / "index.md").read_text(encoding="utf-8")
    assert "sh no-run" in index and "# exit N" in index and "tests/test_docs.py" in index
    for doc in DOCS:
        if doc.name != "index.md":
            assert f"({doc.name}" in index, f"docs/index.md does not link {doc.name}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=relative)
def test_every_sh_block_runs(document: Path, tmp_path: Path):
    text = document.read_text(encoding="utf-8")
    assert not no_run_problems(text, relative(document))
    project = fresh_project(tmp_path)
    failure = run_markdown(text, project, docs_env(tmp_path / "home"))
    assert failure is None, failure.describe(relative(document))


def test_no_run_blocks_are_few_and_say_why():
    problems, count = [], 0
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        problems += no_run_problems(text, relative(document))
        count += sum(b.no_run for b in fenced_blocks(text))
    assert not problems, problems
    assert 0 < count <= MAX_NO_RUN_BLOCKS, count


def test_readme_shows_the_two_commands_as_ci_runs_them():
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    first = [b for b in fenced_blocks(readme) if b.info.startswith("sh")][0]
    assert first.no_run, "the setup commands must not run inside the test suite (.ci/run runs it)"
    assert [c.text.split("#")[0].strip() for c in commands(first)] == README_SETUP
    ci_run = (CHECKOUT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^(\S+=\S+ )*bash \.ci/setup$", ci_run, re.M), ci_run
    assert ".venv/bin/python -m pytest -q" in ci_run
    assert len(readme.splitlines()) <= 160  # a front door, not the manual


@functools.cache
def cli_help(path: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """Subcommands and long options of ``l10n *path --help``, from the real CLI."""
    env = docs_env(Path("/nonexistent-home"))
    done = subprocess.run([sys.executable, "-m", "l10n", *path, "--help"], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, f"l10n {' '.join(path)} --help: {done.stderr}"
    subcommands, options = parse_help(done.stdout)
    return frozenset(subcommands), frozenset(options)


def option_problems(text: str, name: str, help_of=cli_help) -> list[str]:
    problems = []
    for line, words in l10n_invocations(text):
        resolved = resolve(words, help_of)
        if resolved is None:
            continue
        path, options = resolved
        known = help_of(path)[1]
        for option in options:
            if option not in known:
                problems.append(f"{name}:{line}: `l10n {' '.join(words)}`: "
                                f"`l10n {' '.join(path)}` has no option {option}")
    return problems


def test_every_option_the_docs_name_exists():
    problems = []
    for document in DOCUMENTS:
        problems += option_problems(document.read_text(encoding="utf-8"), relative(document))
    assert not problems, "\n".join(problems)


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"`", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def without_code(text: str) -> str:
    """The Markdown with its fenced blocks, fences included, blanked (a `# comment` is no heading)."""
    lines = text.split("\n")
    for block in fenced_blocks(text):
        lines[block.line - 2:block.end] = [""] * (block.end - block.line + 2)
    return "\n".join(lines)


def link_problems(document: Path) -> list[str]:
    # Inline code shows Markdown as text (`![alt](p.png)`): no link there.
    prose = re.sub(r"`[^`\n]*`", "", without_code(document.read_text(encoding="utf-8")))
    problems = []
    for target in re.findall(r"\]\(([^)\s]+)\)", prose):
        if re.match(r"[a-z]+:", target):
            continue  # https:, mailto:
        file_part, _, anchor = target.partition("#")
        linked = (document.parent / file_part).resolve() if file_part else document
        if not linked.exists():
            problems.append(f"{relative(document)}: link to {target}: no such file")
        elif anchor and linked.suffix == ".md":
            headings = re.findall(r"^#{1,6}\s+(.+)$", without_code(linked.read_text(encoding="utf-8")), re.M)
            if anchor not in {github_anchor(h) for h in headings}:
                problems.append(f"{relative(document)}: link to {target}: no such heading")
    return problems


def test_relative_links_and_anchors_resolve():
    problems = [p for document in DOCUMENTS for p in link_problems(document)]
    assert not problems, "\n".join(problems)


# -- the runner itself must be able to fail ------------------------------------

SYNTHETIC = """\
# A page

```sh
echo one > first.txt
test -f first.txt
false   # exit 1
cat <<'EOF' > second.txt
a line
EOF
grep -q 'a line' second.txt
test -f missing.txt
echo never
```
"""


def test_the_runner_reports_the_failing_command_with_its_line(tmp_path):
    failure = run_markdown(SYNTHETIC, tmp_path, docs_env(tmp_path))
    assert failure is not None
    assert failure.command.text == "test -f missing.txt" and failure.command.line == 11
    assert failure.exit_code == 1
    assert (tmp_path / "second.txt").read_text() == "a line\n"  # the heredoc ran as one command
    assert "page.md:11: `test -f missing.txt` exited 1 (expected 0)" in failure.describe("page.md")


def test_the_runner_holds_a_command_to_its_expected_exit_code(tmp_path):
    assert run_markdown("```sh\ntrue  # exit 3\n```\n", tmp_path, docs_env(tmp_path)).exit_code == 0
    assert run_markdown("```sh\n(exit 3)  # exit 3\ncd /\n```\n", tmp_path, docs_env(tmp_path)) is None
    # A command that ends the shell is reported, not taken for success of the rest.
    failure = run_markdown("```sh\nexit 0\ntrue\n```\n", tmp_path, docs_env(tmp_path))
    assert failure is not None and failure.command.text == "exit 0" and "script ended here" in failure.output


def test_no_run_blocks_and_other_languages_are_not_run(tmp_path):
    text = "```sh no-run\n# needs: network\ntouch a\n```\n```text\ntouch b\n```\n```bash\ntouch c\n```\n"
    assert run_markdown(text, tmp_path, docs_env(tmp_path)) is None
    assert list(tmp_path.iterdir()) == []
    assert no_run_problems(text, "x.md") == []
    assert no_run_problems("```sh no-run\ntouch a\n```\n", "x.md") == [
        "x.md:2: a `sh no-run` block needs a first line `# needs: network|gpu|cluster|root`"]


def test_the_option_check_finds_a_flag_the_cli_does_not_have():
    text = ("Use `l10n build --include-fuzzy` or `l10n -C dir build --no-such-flag`.\n\n"
            "| `l10n models install --from-file X` | `l10n stat` | `l10n update [--locale L] [--chek]` |\n\n"
            "```sh\nl10n update --check || l10n status --drafts --nope\n```\n")
    assert option_problems(text, "x.md") == [
        "x.md:1: `l10n -C dir build --no-such-flag`: `l10n build` has no option --no-such-flag",
        "x.md:3: `l10n update [--locale L] [--chek]`: `l10n update` has no option --chek",
        "x.md:6: `l10n status --drafts --nope`: `l10n status` has no option --nope",
    ]


def test_fenced_blocks_inside_list_items_keep_their_lines():
    blocks = fenced_blocks("- item\n\n  ```sh\n  l10n status\n  ```\n")
    assert blocks == [Block("sh", "l10n status", 4, 5)]
