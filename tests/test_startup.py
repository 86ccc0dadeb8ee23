"""The per-process floor: what every command pays before it does any work.

Each l10n command is its own process, so start-up is paid once per command.
These tests pin what was taken out of it (by module or by data load, never
by a time threshold): a check that fails names what came back.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from babel.core import parse_locale
from babel.localedata import locale_identifiers

from helpers import make_project
from l10n import locales


def test_every_id_babel_ships_passes_the_full_cldr_check():
    # locales._parse takes a fast path for an id Babel ships data for and skips
    # the CLDR name check; this is the proof that the check would pass for
    # every such id, so the fast path accepts nothing the full check rejects.
    ids = locale_identifiers()
    assert len(ids) > 500  # Babel's data is there, not an empty directory
    problems = {}
    for locale_id in ids:
        language, territory, script = parse_locale(locale_id)[:3]
        problem = locales.cldr_problem(language, script, territory)
        if problem is not None:
            problems[locale_id] = problem
    assert problems == {}


def test_cldr_problem_names_the_part_that_is_wrong():
    assert locales.cldr_problem("ko", None, None) is None
    assert locales.cldr_problem("xx", None, None) == "'xx' is not a CLDR language code"
    assert locales.cldr_problem("zh", "Hnas", None) == "'Hnas' is not an ISO 15924 script code"
    assert locales.cldr_problem("ko", None, "XX") == "'XX' is not a CLDR region code"


def imported(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> set[str]:
    """The modules ``l10n ARGS`` imports, from ``python -X importtime``."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "l10n", *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


def test_version_imports_neither_the_package_metadata_nor_the_project_layers(tmp_path):
    modules = imported(["--version"], tmp_path)
    assert "click" in modules  # the probe sees what the command imports
    assert not {"importlib.metadata", "babel", "l10n.config", "l10n.catalog", "l10n.pipeline"} & modules


def test_version_says_what_the_installed_package_says(tmp_path):
    from importlib.metadata import version

    out = subprocess.run([sys.executable, "-m", "l10n", "--version"], cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == f"l10n, version {version('l10n-reports')}"


def test_an_html_and_text_build_does_not_import_the_pdf_renderer(tmp_path):
    root = make_project(tmp_path / "p", {"doc.md": "# Title\n\nOne sentence. Two.\n"}, locales=("ko",))
    subprocess.run([sys.executable, "-m", "l10n", "update"], cwd=root, check=True, capture_output=True)
    modules = imported(["build", "--format", "html", "--format", "text"], root)
    assert "l10n.render.html" in modules and "l10n.render.text" in modules
    assert "l10n.render.pdf" not in modules and "weasyprint" not in modules


def test_an_update_without_tmx_files_imports_no_exchange_format_and_no_secrets(tmp_path):
    # A project with no TMX memory (locales/memory/) pays nothing for the
    # exchange formats; the source cache's key comes from os.urandom.
    # tests/exchange/test_tmx.py shows a project with one still uses it.
    root = make_project(tmp_path / "p", {"doc.md": "# Title\n\nOne sentence. Two.\n"}, locales=("ko",))
    modules = imported(["update"], root)
    assert "l10n.pipeline.update" in modules and "l10n.pipeline.sources" in modules
    assert not {"l10n.pipeline.exchange", "l10n.exchange", "secrets"} & modules
    assert list((tmp_path / "p" / "locales" / "ko" / "LC_MESSAGES").glob("doc.po"))


# Loads the config of the project in the current directory and prints the
# names of the locale data files Babel read meanwhile (localedata.load is the
# one function every read of locale data goes through).
LOADS = """
import babel.localedata as data
from pathlib import Path
from l10n.config import load_config
names = []
real = data.load
data.load = lambda name, *args, **kwargs: names.append(name) or real(name, *args, **kwargs)
load_config(Path("."))
print(sorted(set(names)))
"""


def locale_data_read(root: Path) -> list[str]:
    out = subprocess.run([sys.executable, "-c", LOADS], cwd=root, capture_output=True, text=True, check=True).stdout
    return ast.literal_eval(out.strip())


def test_config_validation_reads_no_locale_data_for_ids_babel_ships(tmp_path):
    common = make_project(tmp_path / "common", {"doc.md": "# Title\n"}, locales=("ko", "zh_Hans", "pt_BR", "ar"))
    assert locale_data_read(common) == []
    # An id Babel has no file for (zh_TW is zh_Hant_TW) takes the full check,
    # which reads CLDR's English names: the probe can see a read.
    unusual = make_project(tmp_path / "unusual", {"doc.md": "# Title\n"}, locales=("zh_TW",))
    assert "en" in locale_data_read(unusual)


def test_plural_forms_are_babels_for_every_locale_without_its_catalog_stack():
    # The table is loaded from Babel's file on its own (locales.plural_forms);
    # it must say what the ordinary import of babel.messages.plurals says.
    code = ("import sys; from babel.localedata import locale_identifiers; from l10n.locales import plural_forms; "
            "ours = {i: plural_forms(i) for i in locale_identifiers()}; "
            "print('babel.messages' in sys.modules); "
            "from babel.messages.plurals import get_plural; "
            "print(sorted(i for i in ours if ours[i] != get_plural(i).plural_forms))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:2] == ["False", "[]"]
