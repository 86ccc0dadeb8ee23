import subprocess
import sys

from helpers import make_project, run_cli


def hold_lock(root) -> subprocess.Popen:
    """Another process that holds the project lock until a line arrives on its stdin
    (returns once it holds it), so no test depends on how fast a process starts."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from l10n.pipeline.lock import project_lock\n"
         "with project_lock(Path(sys.argv[1])):\n    print('locked', flush=True); sys.stdin.readline()",
         str(root)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def release(holder: subprocess.Popen) -> None:
    if holder.poll() is None:
        holder.stdin.write("release\n")
        holder.stdin.flush()
    holder.wait(timeout=60)


def test_a_second_writer_fails_clearly_and_changes_nothing(tmp_path, capsys, monkeypatch):
    root = make_project(tmp_path, {"doc.md": "# Title\n\nOne sentence.\n"})
    holder = hold_lock(root)
    try:
        monkeypatch.setenv("L10N_LOCK_TIMEOUT", "0.5")
        code, _, err = run_cli(capsys, "-C", str(root), "update")
        assert code == 1 and "another l10n process is working on this project" in err
        assert not (root / "locales").exists()
    finally:
        release(holder)
    # The lock dies with its process: no stale lock.
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0


def test_a_waiting_command_says_so_after_a_second(tmp_path):
    root = make_project(tmp_path, {"doc.md": "# Title\n\nOne sentence.\n"})
    holder = hold_lock(root)
    waiter = subprocess.Popen([sys.executable, "-m", "l10n", "update"], cwd=root, stderr=subprocess.PIPE,
                              text=True)
    try:
        # The lock is released only once the waiter has said that it waits.
        said = waiter.stderr.readline()
        assert f"waiting for another l10n process (pid {holder.pid}) working on this project" in said, said
    finally:
        release(holder)
    rest = waiter.communicate(timeout=120)[1]
    assert waiter.returncode == 0, said + rest
    assert (root / "locales" / "ko" / "LC_MESSAGES" / "doc.po").is_file()
