"""The README's setup works with Debian's own Python (PEP 668: no pip outside a venv).

Runs the real ``.ci/setup`` on a copy of the checkout with ``/usr/bin/python3``
and only the core extras, then uses the venv's ``l10n`` on a project.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from helpers import make_project

CHECKOUT = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = Path("/usr/bin/python3")


def test_setup_installs_the_core_into_a_venv_of_the_system_python(tmp_path, ko_argosmodel):
    assert SYSTEM_PYTHON.exists(), "a Debian machine's own python3 is expected at /usr/bin/python3"
    copy = tmp_path / "checkout"
    copy.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(CHECKOUT / name, copy / name)
    for name in ("l10n", ".ci"):
        shutil.copytree(CHECKOUT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    # PIP_NO_COMPILE: byte-compiling babel and numpy would double the time.
    env = {**os.environ, "PYTHON": str(SYSTEM_PYTHON), "L10N_EXTRAS": "", "PIP_NO_COMPILE": "1"}
    env.pop("PYTHONPATH", None)
    env.pop("VIRTUAL_ENV", None)
    setup = subprocess.run(["bash", ".ci/setup"], cwd=copy, env=env, capture_output=True, text=True, timeout=600)
    assert setup.returncode == 0, setup.stderr[-3000:]

    venv_python = copy / ".venv" / "bin" / "python"
    base = subprocess.run([venv_python, "-c", "import sys; print(sys.base_prefix, sys.prefix != sys.base_prefix)"],
                          capture_output=True, text=True, env=env, check=True).stdout.split()
    assert base == ["/usr", "True"]  # a venv made from the system Python
    # The core has no torch or argostranslate, and l10n runs from the venv's own script.
    missing = subprocess.run([venv_python, "-c", "import importlib.util as u; "
                              "print([m for m in ('torch', 'argostranslate', 'stanza') if u.find_spec(m)])"],
                             capture_output=True, text=True, env=env, check=True).stdout.strip()
    assert missing == "[]"
    # Argos models install and translate through CTranslate2 with the core alone.
    project = make_project(tmp_path / "project", {"doc.md": "# Title\n\nOne sentence.\n"}, locales=("ko",),
                           extra='models_dir = "models"\n[mt]\nmax_decoding_length_ratio = 1.0\n')
    l10n = copy / ".venv" / "bin" / "l10n"
    out = {}
    for command in (["models", "install", "--from-file", str(ko_argosmodel)], ["update"], ["translate"], ["build"]):
        result = subprocess.run([l10n, *command], cwd=project, env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        out[command[0]] = result.stdout
    assert "translate ko: 2 sentences with argos" in out["translate"]
    assert "mt: engine=argos package=translate-en_ko" in (project / "locales/ko/LC_MESSAGES/doc.po").read_text()
    assert (project / "build" / "ko" / "doc.html").is_file()
    # The system Python itself was left alone.
    assert subprocess.run([SYSTEM_PYTHON, "-c", "import l10n"], cwd=tmp_path, capture_output=True, env=env).returncode != 0


def test_the_default_setup_installs_the_main_job_with_pdf_and_not_the_test_tools(tmp_path):
    """`bash .ci/setup && .venv/bin/l10n run`, the README's first command: the core and
    PDF editions, no torch and no test tools; `.ci/run` asks for the test set."""
    copy = tmp_path / "checkout"
    copy.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(CHECKOUT / name, copy / name)
    for name in ("l10n", ".ci", "source", "locales"):
        shutil.copytree(CHECKOUT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHON": str(SYSTEM_PYTHON), "PIP_NO_COMPILE": "1", "HOME": str(tmp_path),
           "ARGOS_PACKAGES_DIR": str(tmp_path / "no-models")}
    for name in ("PYTHONPATH", "VIRTUAL_ENV", "L10N_EXTRAS"):
        env.pop(name, None)
    setup = subprocess.run(["bash", ".ci/setup"], cwd=copy, env=env, capture_output=True, text=True, timeout=600)
    assert setup.returncode == 0, setup.stderr[-3000:]
    venv_python = copy / ".venv" / "bin" / "python"
    found = subprocess.run([venv_python, "-c", "import importlib.util as u; print([m for m in "
                            "('weasyprint', 'torch', 'argostranslate', 'pytest', 'playwright', 'ray') if u.find_spec(m)])"],
                           capture_output=True, text=True, env=env, check=True).stdout.strip()
    assert found == "['weasyprint']"
    run = subprocess.run([copy / ".venv" / "bin" / "l10n", "run"], cwd=copy, env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr  # no model anywhere: still a successful run
    pdf = subprocess.run([copy / ".venv" / "bin" / "l10n", "build", "--format", "pdf", "--locale", "ko"], cwd=copy,
                         env=env, capture_output=True, text=True, timeout=300)
    assert pdf.returncode == 0, pdf.stderr
    assert (copy / "build" / "ko" / "hrw-north-korea-world-report-2020.pdf").read_bytes().startswith(b"%PDF-")
    # The test command installs what the tests need on top.
    ci_run = (CHECKOUT / ".ci" / "run").read_text()
    assert "L10N_EXTRAS=${L10N_EXTRAS-test,argos,bench,pdf,tbx,cluster,convert} bash .ci/setup" in ci_run
