"""Fixtures for the MT layer: real (tiny, random-weight) Argos packages built
at test time and installed through the same code path as downloads."""
from __future__ import annotations

from pathlib import Path

import pytest

from l10n.mt.argos import ArgosEngine
from l10n.mt.packages import install_from_file

from .tiny_model import build_argosmodel, train_sentencepiece

# (from, to, seed, target_prefix)
PAIRS = [("en", "ko", 1, ""), ("en", "es", 2, ""), ("en", "zh", 3, "__zh__")]


@pytest.fixture(scope="session")
def model_build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("argos-build")
    train_sentencepiece(d / "shared-sentencepiece.model")
    return d


@pytest.fixture(scope="session")
def argosmodels(model_build_dir: Path) -> dict[tuple[str, str], Path]:
    """Built .argosmodel files by pair."""
    return {
        (f, t): build_argosmodel(model_build_dir, f, t, seed=seed, target_prefix=prefix)
        for f, t, seed, prefix in PAIRS
    }


@pytest.fixture(scope="session")
def packages_dir(tmp_path_factory: pytest.TempPathFactory, argosmodels) -> Path:
    """A packages dir with every test pair installed via install_from_file."""
    d = tmp_path_factory.mktemp("argos-packages")
    for path in argosmodels.values():
        install_from_file(path, d)
    return d


@pytest.fixture
def engine(packages_dir: Path) -> ArgosEngine:
    # Short decode caps: random weights rarely emit EOS, so every sentence
    # would otherwise decode to the cap.
    return ArgosEngine(packages_dir, max_decoding_length_ratio=1.0, max_decoding_length_extra=4)
