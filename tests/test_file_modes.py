"""Every file l10n writes gets the mode the umask gives, like an ordinary write."""

import os
import stat
import subprocess
import sys

import pytest

from helpers import make_project

SOURCE = "# Title\n\nOne sentence here. Another sentence there.\n"


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_written_files_follow_the_umask(tmp_path, umask):
    root = make_project(tmp_path / "p", {"doc.md": SOURCE}, locales=("es", "ko"),
                        extra='engine = { default = "argos", es = "apertium" }\n')

    def l10n(*args: str) -> None:
        # umask is per process: the command runs in a child that sets it first.
        script = f"import os, sys; os.umask({umask}); from l10n.cli.main import entry; sys.argv[0] = 'l10n'; entry()"
        result = subprocess.run([sys.executable, "-c", script, *args], cwd=root, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode in (0, 3), result.stderr  # 3: ko has no model here

    l10n("update")
    l10n("translate", "--locale", "es")  # Apertium: the MT cache is written too
    l10n("build")
    l10n("build", "--include-fuzzy")
    written = [p for p in root.rglob("*") if p.is_file() and p.parent != root / "source" and p.name != "l10n.toml"]
    names = {p.name for p in written}
    for expected in ("doc.pot", "doc.po", "doc.html", "doc.txt", "doc.mo", "doc.draft.html", "index.html",
                     "mt.sqlite", ".l10n.lock"):
        assert expected in names, f"{expected} was not written: {sorted(names)}"
    wrong = {str(p.relative_to(root)): oct(stat.S_IMODE(p.stat().st_mode))
             for p in written if stat.S_IMODE(p.stat().st_mode) != 0o666 & ~umask}
    assert not wrong, f"expected {oct(0o666 & ~umask)} under umask {oct(umask)}: {wrong}"
    dirs = [p for p in root.rglob("*") if p.is_dir() and p.name != "source"]  # source/: made by the test
    assert all(stat.S_IMODE(d.stat().st_mode) == 0o777 & ~umask for d in dirs), \
        {str(d): oct(stat.S_IMODE(d.stat().st_mode)) for d in dirs}
    assert not [p for p in written if p.name.endswith(".tmp")]  # no temporary file left behind
    assert os.access(root / "build/es/doc.html", os.R_OK)
