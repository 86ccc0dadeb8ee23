"""Structural promises: no work at import, build never loads the MT stack,
layers import downward only.

The layers, bottom to top (``LAYERS`` below is this picture, once)::

    errors, model, placeholders, locales, scripts, text_files
    config, terms, quantities
    formats
    segment
    catalog
    qa | render | exchange      (siblings: none imports another)
    mt                          (verifies drafts with qa's checks)
    pipeline
    cli
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

from helpers import make_project

PACKAGE = Path(__file__).resolve().parents[1] / "l10n"
HEAVY = ("ctranslate2", "sentencepiece", "argostranslate", "torch", "stanza", "weasyprint")


def imported_modules(args, cwd, env=None):
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "l10n", *args],
        cwd=cwd, capture_output=True, text=True, env=env, timeout=120,
    )
    modules = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    return result, modules


def test_build_does_not_import_the_mt_stack(tmp_path):
    root = make_project(tmp_path / "p", {"doc.md": "# Title\n\nOne sentence.\n"}, locales=("ko",))
    subprocess.run([sys.executable, "-m", "l10n", "update"], cwd=root, check=True, capture_output=True)
    result, modules = imported_modules(["build"], root)
    assert result.returncode == 0, result.stderr[-2000:]
    assert not modules & set(HEAVY), modules & set(HEAVY)


def test_help_runs_with_a_read_only_home_and_creates_nothing(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o555)
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / ".local/share")}
    env.pop("ARGOS_PACKAGES_DIR", None)
    try:
        for args in (["--help"], ["models", "--help"], ["translate", "--help"]):
            result = subprocess.run([sys.executable, "-m", "l10n", *args], cwd=tmp_path, env=env,
                                    capture_output=True, text=True, timeout=120)
            assert result.returncode == 0, result.stderr
        assert list(home.iterdir()) == []
    finally:
        home.chmod(0o755)


LAYERS = {
    # module or package -> rank; a module may import only from lower or equal ranks
    "errors": 0, "model": 0, "placeholders": 0, "locales": 0, "scripts": 0, "text_files": 0, "config": 1, "terms": 1, "quantities": 1,
    "formats": 2, "segment": 3, "catalog": 4, "qa": 5, "render": 5, "exchange": 5, "mt": 6,
    "pipeline": 7, "cli": 8,
}
# Packages of one rank that must stay independent of each other.
SIBLINGS = ({"qa", "render"}, {"qa", "exchange"}, {"render", "exchange"})


def layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE).parts
    return rel[0].removesuffix(".py")


def test_layers_import_downward_only():
    problems = []
    for path in PACKAGE.rglob("*.py"):
        layer = layer_of(path)
        if layer not in LAYERS:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module is not None:
                if node.level == 0 and not node.module.startswith("l10n"):
                    continue
                parts = node.module.split(".") if node.level == 0 else [node.module.split(".")[0]]
                if node.level == 0:
                    parts = parts[1:]
                elif node.level == 1 and path.name != "__init__.py" and path.parent != PACKAGE:
                    continue  # sibling inside the same package
                target = parts[0] if parts else ""
                if target in LAYERS and LAYERS[target] > LAYERS[layer]:
                    problems.append(f"{path.relative_to(PACKAGE)} imports {node.module} ({target} above {layer})")
                if {layer, target} in SIBLINGS:
                    problems.append(f"{path.relative_to(PACKAGE)}: {layer} and {target} must not import each other")
    assert not problems, problems


def _ranks_from_readme() -> dict[str, int]:
    text = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    start = text.index("Layers import downward only")
    picture = text[text.index("bottom to top:", start) + len("bottom to top:"):text.index("\n\n", start)]
    ranks: dict[str, int] = {}
    for rank, step in enumerate(" ".join(picture.split()).rstrip(".").split("→")):
        for name in step.replace("|", ",").split(","):
            ranks[name.strip()] = rank
    return ranks


def _ranks_from_design() -> dict[str, int]:
    ranks: dict[str, int] = {}
    for line in (PACKAGE.parent / "docs" / "design.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].isdigit():
            for name in cells[1].split(","):
                name = name.strip().strip("`").removeprefix("l10n/").removesuffix("/").removesuffix(".py")
                ranks[name] = int(cells[0])
    return ranks


def test_readme_and_design_show_the_layers_of_this_test():
    # The README's picture counts steps; the order is what must agree, so compare ranks as orders.
    def order(ranks: dict[str, int]) -> list[set[str]]:
        return [{n for n, r in ranks.items() if r == rank} for rank in sorted(set(ranks.values()))]

    assert order(_ranks_from_design()) == order(LAYERS)
    assert order(_ranks_from_readme()) == order(LAYERS)
