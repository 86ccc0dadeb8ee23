"""Shape rules for l10n/ that review would otherwise have to catch by eye.

- A module over ``MAX_LINES`` lines says why in its docstring, on a line that
  starts with ``LONG_MARKER`` (``Long because: ...``).
- No module imports another module's private name (``from .x import _y`` or
  ``x._y``): what a second module needs is public in the module that owns it.
- Every ``# type: ignore[code]`` says after it why (``# ...``): mypy checks the
  code is needed (warn_unused_ignores); the reason is for the next reader.
- No ``except X: raise`` (a handler whose body only re-raises): it does nothing
  but hide from the reader that the exception simply propagates.

Each rule is a function over source text, and each has a self-test on a small
bad module, so a rule that stopped finding anything would fail here.
"""

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "l10n"
MAX_LINES = 400
LONG_MARKER = "Long because:"

# Private names another l10n module still imports, with who removes them.
# The Argos batching merge (issue 18, item 2) folds mt/batches.py's use of
# these into one path in mt/argos.py; the entries go when it lands.
PENDING_PRIVATE_IMPORTS: set[tuple[str, str, str]] = set()


def modules() -> list[tuple[str, str]]:
    return [(p.relative_to(PACKAGE).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))]


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def long_without_reason(source: str) -> bool:
    if len(source.splitlines()) <= MAX_LINES:
        return False
    doc = ast.get_docstring(ast.parse(source)) or ""
    return not any(line.strip().startswith(LONG_MARKER) and line.strip() != LONG_MARKER for line in doc.splitlines())


def private_imports(source: str) -> list[tuple[str, str]]:
    """``(module, name)`` for each private name taken from another module:
    ``from m import _x``, and ``m._x`` where ``m`` is a name bound by an import."""
    tree = ast.parse(source)
    found: list[tuple[str, str]] = []
    imported_modules: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            for alias in node.names:
                if _is_private(alias.name):
                    found.append((module, alias.name))
                else:  # `from . import wrap` binds a module too
                    joined = module + alias.name if module.endswith(".") else f"{module}.{alias.name}"
                    imported_modules[alias.asname or alias.name] = joined
        elif isinstance(node, ast.Import):
            for alias in node.names:
                imported_modules[alias.asname or alias.name.split(".")[0]] = alias.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and _is_private(node.attr) and isinstance(node.value, ast.Name)
                and imported_modules.get(node.value.id, "").startswith((".", "l10n"))):  # ours, not os._exit
            found.append((imported_modules[node.value.id], node.attr))
    return found


def bare_reraises(source: str) -> list[int]:
    """Lines of ``except ...:`` handlers whose whole body is a bare ``raise``."""
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.ExceptHandler) and len(node.body) == 1
            and isinstance(node.body[0], ast.Raise) and node.body[0].exc is None]


_IGNORE = re.compile(r"#\s*type:\s*ignore(?P<code>\[[^\]]*\])?(?P<rest>.*)$")


def ignores_without_reason(source: str) -> list[int]:
    """Lines whose ``type: ignore`` lacks a code or a ``# reason`` after it."""
    bad = []
    for number, line in enumerate(source.splitlines(), 1):
        match = _IGNORE.search(line)
        if match and (not match.group("code") or not match.group("rest").strip().lstrip("#").strip()):
            bad.append(number)
    return bad


def test_type_ignores_name_a_code_and_a_reason():
    offenders = [(name, line) for name, source in modules() for line in ignores_without_reason(source)]
    assert offenders == []


def test_long_modules_say_why():
    offenders = [name for name, source in modules() if long_without_reason(source)]
    assert offenders == [], f"over {MAX_LINES} lines without a '{LONG_MARKER}' line in the docstring: {offenders}"


def test_no_private_name_crosses_a_module():
    offenders = [(name, module, private) for name, source in modules()
                 for module, private in private_imports(source)
                 if (name, module, private) not in PENDING_PRIVATE_IMPORTS]
    assert offenders == []


def test_pending_private_imports_are_still_there():
    # An entry that no longer matches anything must be deleted, not kept as a licence.
    present = {(name, module, private) for name, source in modules() for module, private in private_imports(source)}
    assert PENDING_PRIVATE_IMPORTS <= present, PENDING_PRIVATE_IMPORTS - present


def test_no_handler_only_reraises():
    offenders = [(name, line) for name, source in modules() for line in bare_reraises(source)]
    assert offenders == []


def test_the_rules_find_what_they_forbid():
    filler = "x = 1\n" * MAX_LINES
    assert long_without_reason('"""A module."""\n' + filler)
    assert long_without_reason(f'"""A module.\n\n{LONG_MARKER}\n"""\n' + filler)  # a marker with no reason
    assert not long_without_reason(f'"""A module.\n\n{LONG_MARKER} one table, read top to bottom.\n"""\n' + filler)
    assert not long_without_reason('"""Short."""\n' + "x = 1\n" * (MAX_LINES - 1))

    bad = "from .wrap import _helper, public\nfrom l10n import quantities\nfrom . import wrap\nimport os\n" \
          "quantities._scan('x')\nwrap._width\nos._exit(0)\nself._own = 1\n"
    assert sorted(private_imports(bad)) == [(".wrap", "_helper"), (".wrap", "_width"), ("l10n.quantities", "_scan")]

    assert ignores_without_reason("a = f()  # type: ignore\nb = g()  # type: ignore[arg-type]\n"
                                  "c = h()  # type: ignore[arg-type]  # h takes any str here\n") == [1, 2]

    assert bare_reraises("try:\n    f()\nexcept ValueError:\n    raise\nexcept OSError as e:\n    raise X from e\n") == [3]
    assert bare_reraises("try:\n    f()\nexcept ValueError:\n    log()\n    raise\n") == []
