"""Fixtures for the property tests: the in-process CLI and a models dir with
the tiny en->ko model (``ko_argosmodel`` comes from tests/conftest.py)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from l10n.cli.main import main

def cli(*args: str) -> tuple[int, str, str]:
    """``l10n ARGS`` in-process, output captured (usable where capsys is not)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="session")
def ko_models_dir(tmp_path_factory: pytest.TempPathFactory, ko_argosmodel: Path) -> Path:
    """An absolute models_dir with en->ko installed by ``l10n models install --from-file``."""
    holder = tmp_path_factory.mktemp("models-holder")
    (holder / "l10n.toml").write_text('project = "m"\nlocales = ["ko"]\nsources = ["source/*.md"]\nmodels_dir = "models"\n', encoding="utf-8")
    (holder / "source").mkdir()
    (holder / "source" / "x.md").write_text("Placeholder.\n", encoding="utf-8")
    code, out, err = cli("-C", str(holder), "models", "install", "--from-file", str(ko_argosmodel))
    assert code == 0, err
    assert "installed en -> ko" in out, out
    return holder / "models"
