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


# Catalog entries: fields are set by l10n/catalog/ only (its operations carry
# the guarantees), and only l10n/catalog/ may know polib exists.
ENTRY_FIELDS = frozenset({
    "msgid", "msgstr", "msgctxt", "msgid_plural", "msgstr_plural", "flags", "tcomment", "comment",
    "occurrences", "previous_msgctxt", "previous_msgid", "previous_msgid_plural", "obsolete", "linenum",
})
_MUTATORS = frozenset({"append", "remove", "insert", "extend", "clear", "pop", "update", "sort", "setdefault"})


def catalog_boundary_violations(source: str) -> list[str]:
    """``line: what`` for each polib import and each write to an entry field in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {a.name}" for a in node.names if a.name.split(".")[0] == "polib"]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "polib":
            found.append(f"{node.lineno}: from polib import")
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                while isinstance(target, ast.Subscript):  # entry.msgstr_plural[0] = ...
                    target = target.value
                if isinstance(target, ast.Attribute) and target.attr in ENTRY_FIELDS:
                    found.append(f"{node.lineno}: sets .{target.attr}")
        elif isinstance(node, ast.Call):
            func = node.func
            if (isinstance(func, ast.Attribute) and func.attr in _MUTATORS
                    and isinstance(func.value, ast.Attribute) and func.value.attr in ENTRY_FIELDS):
                found.append(f"{node.lineno}: .{func.value.attr}.{func.attr}()")
            elif (isinstance(func, ast.Name) and func.id == "setattr" and len(node.args) > 1
                    and isinstance(node.args[1], ast.Constant) and node.args[1].value in ENTRY_FIELDS):
                found.append(f"{node.lineno}: setattr .{node.args[1].value}")
    return sorted(found, key=lambda item: int(item.split(":")[0]))


def test_catalog_boundary_check_catches_each_kind_of_write():
    synthetic = (
        "import polib\n"
        "from polib import POEntry\n"
        "def f(entry):\n"
        "    entry.msgstr = 'x'\n"
        "    entry.tcomment += 'y'\n"
        "    entry.flags.append('fuzzy')\n"
        "    entry.msgstr_plural[0] = 'z'\n"
        "    setattr(entry, 'previous_msgid', None)\n"
        "    return entry.msgstr, entry.flags.count('fuzzy')\n"  # reads are fine
    )
    assert catalog_boundary_violations(synthetic) == [
        "1: import polib", "2: from polib import", "4: sets .msgstr", "5: sets .tcomment",
        "6: .flags.append()", "7: sets .msgstr_plural", "8: setattr .previous_msgid",
    ]


def test_only_the_catalog_package_imports_polib_or_writes_entry_fields():
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] == "catalog":
            continue
        problems += [f"{path.relative_to(PACKAGE.parent)}:{v}" for v in catalog_boundary_violations(path.read_text("utf-8"))]
    assert problems == []
