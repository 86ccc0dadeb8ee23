"""The README's first command leaves a fresh clone with no modified (or new,
unignored) files: the shipped Spanish catalog already holds Apertium's drafts,
and everything else ``l10n run`` writes (build/, the cache, the lock) is ignored."""

import os
import subprocess
import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]


def test_l10n_run_in_a_fresh_clone_changes_no_tracked_file(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(CHECKOUT), str(clone)], check=True, timeout=120)
    no_models = tmp_path / "argos-packages"
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT), "HOME": str(tmp_path), "ARGOS_PACKAGES_DIR": str(no_models)}
    run = subprocess.run([sys.executable, "-m", "l10n", "run"], cwd=clone, env=env, capture_output=True,
                         text=True, timeout=300)
    # 3: ja, fr, ru and ar have no Argos model here; their editions fall back to English.
    assert run.returncode == 3, run.stderr
    assert "translate es: nothing to translate" in run.stdout
    assert (clone / "build" / "es" / "hrw-north-korea-world-report-2020.html").is_file()
    status = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True, check=True)
    assert status.stdout == ""
