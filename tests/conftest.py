import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
sys.path.insert(0, str(TESTS))


from helpers import load_tiny_model  # noqa: E402  (tests/ is on the path from here on)


def build_argosmodel(tmp_path_factory: pytest.TempPathFactory, to_code: str, seed: int) -> Path:
    """A built translate-en_<to_code> .argosmodel (the tests/mt recipe)."""
    tiny = load_tiny_model()
    d = tmp_path_factory.mktemp(f"argos-build-{to_code}")
    tiny.train_sentencepiece(d / "shared-sentencepiece.model")
    return tiny.build_argosmodel(d, "en", to_code, seed=seed)


@pytest.fixture(scope="session")
def ko_argosmodel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built translate-en_ko .argosmodel (same recipe and seed as tests/mt)."""
    return build_argosmodel(tmp_path_factory, "ko", seed=1)


@pytest.fixture(scope="session")
def ja_argosmodel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built translate-en_ja .argosmodel: a second pair for the parallel kill test."""
    return build_argosmodel(tmp_path_factory, "ja", seed=2)


@pytest.fixture(scope="session")
def apertium_required() -> None:
    """Apertium with the English-Spanish pair: .ci/setup installs it, so a missing one
    fails the test rather than skipping it (a skip would hide a broken setup)."""
    import shutil

    assert shutil.which("apertium"), "apertium is required: apt-get install apertium apertium-eng-spa (.ci/setup does)"
    from l10n.mt.apertium import ApertiumEngine

    assert ("eng", "spa") in ApertiumEngine().pairs(), "apertium-eng-spa is required: apt-get install apertium-eng-spa"
