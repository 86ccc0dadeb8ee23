"""The type check is part of the suite: mypy on l10n/ with pyproject.toml's [tool.mypy].

Each run gets its own cache directory (parallel runs in one checkout would
otherwise share .mypy_cache), so the check is cold every time: about 30 s of CPU.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_mypy(cache_dir: Path, *targets: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
         "--cache-dir", str(cache_dir), "--no-error-summary", *targets],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )


def test_l10n_type_checks(tmp_path):
    result = run_mypy(tmp_path / "cache")  # pyproject's files = ["l10n"]
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_the_check_fails_on_a_type_error_and_on_a_stale_ignore(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def half(n: int) -> int:\n"
        "    return n / 2\n"
        "ok: int = 1  # type: ignore[assignment]\n"
        "also: str = 3  # type: ignore\n",
        encoding="utf-8",
    )
    result = run_mypy(tmp_path / "cache", str(bad))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bad.py:2: error" in result.stdout and "[return-value]" in result.stdout
    assert "bad.py:3: error: Unused \"type: ignore\" comment" in result.stdout
    assert "bad.py:4: error" in result.stdout and "[ignore-without-code]" in result.stdout
