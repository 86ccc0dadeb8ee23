import subprocess
import sys
import time

from helpers import make_project, run_cli


def hold_lock(root, seconds: float) -> subprocess.Popen:
    """Another process that holds the project lock for ``seconds`` (returns once it holds it)."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from l10n.pipeline.lock import project_lock\n"
         "with project_lock(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(float(sys.argv[2]))",
         str(root), str(seconds)],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_second_writer_fails_clearly_and_changes_nothing(tmp_path, capsys, monkeypatch):
    root = make_project(tmp_path, {"doc.md": "# Title\n\nOne sentence.\n"})
    holder = hold_lock(root, 30)
    try:
        monkeypatch.setenv("L10N_LOCK_TIMEOUT", "0.5")
        start = time.monotonic()
        code, _, err = run_cli(capsys, "-C", str(root), "update")
        assert code == 1 and "another l10n process is working on this project" in err
        assert time.monotonic() - start < 10
        assert not (root / "locales").exists()
    finally:
        holder.kill()
        holder.wait()
    # The lock dies with its process: no stale lock.
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0


def test_a_waiting_command_says_so_after_a_second(tmp_path):
    root = make_project(tmp_path, {"doc.md": "# Title\n\nOne sentence.\n"})
    holder = hold_lock(root, 4)
    try:
        waiter = subprocess.run([sys.executable, "-m", "l10n", "update"], cwd=root, capture_output=True,
                                text=True, timeout=60)
    finally:
        holder.kill()
        holder.wait()
    assert waiter.returncode == 0, waiter.stderr
    assert f"waiting for another l10n process (pid {holder.pid}) working on this project" in waiter.stderr
    assert (root / "locales" / "ko" / "LC_MESSAGES" / "doc.po").is_file()
