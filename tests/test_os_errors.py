"""Operating-system failures read like every other error: ``error: <file>: <reason>``,
exit 1, catalogs intact.

A full disk and a read-only folder are real: a small tmpfs mounted for the
test (root, as in CI).  Where mounting is not allowed, a full disk is a file
size limit (RLIMIT_FSIZE, "File too large") and a read-only folder a chmod.
"""

import contextlib
import os
import resource
import signal
import subprocess
import sys

import polib
import pytest
from helpers import make_project, run_cli


def sentences(start: int, count: int) -> str:
    return "# Report\n\n" + "\n\n".join(f"Paragraph number {i} says something new about item {i}."
                                         for i in range(start, start + count)) + "\n"


def try_mount(path, size: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True).returncode == 0


@contextlib.contextmanager
def mounted(path, size: str):
    ok = try_mount(path, size)
    try:
        yield ok
    finally:
        if ok:
            subprocess.run(["umount", "-l", str(path)], check=False)


def l10n(root, *args, limit_bytes=None):
    def limits():
        if limit_bytes is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    env = {**os.environ, "HOME": str(root), "L10N_LOCK_TIMEOUT": "5"}
    return subprocess.run([sys.executable, "-m", "l10n", *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=120, preexec_fn=limits)


def assert_named_error(result, *needles):
    assert result.returncode == 1, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def review_first(po_path):
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgid.startswith("Paragraph number 0 "))
    entry.msgstr = "단락 0."
    po.save(str(po_path))


def test_full_disk_names_the_file_and_keeps_the_catalogs(tmp_path):
    disk = tmp_path / "disk"
    with mounted(disk, "256k") as is_tmpfs:
        root = make_project(disk / "p", {"doc.md": sentences(0, 150)}, locales=("ko",))
        assert l10n(root, "update").returncode == 0
        po_path = root / "locales" / "ko" / "LC_MESSAGES" / "doc.po"
        review_first(po_path)
        before = po_path.read_bytes()
        (root / "source" / "doc.md").write_text(sentences(0, 600))  # four times the catalog
        if is_tmpfs:
            fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
            with contextlib.suppress(OSError):  # fill what is left
                while True:
                    os.write(fd, b"\0" * 4096)
            os.close(fd)
            result, reason = l10n(root, "update"), "No space left on device"
        else:
            result, reason = l10n(root, "update", limit_bytes=len(before) + 1024), "File too large"
        assert_named_error(result, str(root / "locales"), ".pot: cannot write: " + reason)
        assert po_path.read_bytes() == before  # intact, the reviewed entry with it
        leftovers = [p for p in root.rglob("*.tmp")]
        assert leftovers == []
        if is_tmpfs:
            build = l10n(root, "build")
            assert_named_error(build, str(root / "build"), reason)


def no_read_only_folder() -> None:
    """Root that may not mount has no way to make a folder read-only to itself.
    CI runs as root where mounting works, so there this is a failure, never a skip."""
    message = "root without permission to mount: no folder is read-only to root"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must run where tmpfs can be mounted)")
    pytest.skip(message)


def test_read_only_output_folder(tmp_path):
    root = make_project(tmp_path / "p", {"doc.md": sentences(0, 5)}, locales=("ko",))
    assert l10n(root, "update").returncode == 0
    build = root / "build"
    with mounted(build, "1m") as is_tmpfs:
        if is_tmpfs:
            subprocess.run(["mount", "-o", "remount,ro", str(build)], check=True)
            result = l10n(root, "build")
        else:
            if os.geteuid() == 0:
                no_read_only_folder()
            build.chmod(0o555)
            result = l10n(root, "build")
        reason = "Read-only file system" if is_tmpfs else "Permission denied"
        assert_named_error(result, str(build) + "/", reason)


def test_output_dir_that_is_a_file_is_a_config_error(tmp_path, capsys):
    root = make_project(tmp_path, {"doc.md": sentences(0, 2)}, locales=("ko",), extra='output_dir = "out"\n')
    (root / "out").write_text("not a folder")
    code, _, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 1
    assert err.startswith(f"error: l10n.toml:4: output_dir 'out' is a file, expected a folder")


def test_a_file_where_an_edition_folder_should_be(tmp_path, capsys):
    root = make_project(tmp_path, {"doc.md": sentences(0, 2)}, locales=("ko",))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    (root / "build").mkdir()
    (root / "build" / "ko").write_text("in the way")
    code, _, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 1
    assert err.startswith(f"error: {root / 'build' / 'ko'}/doc.html: cannot write: "
                          f"{root / 'build' / 'ko'} is a file, expected a folder"), err
    assert (root / "build" / "ko").read_text() == "in the way"


@pytest.mark.parametrize("command", ["extract", "update", "build"])
def test_source_errors_name_project_relative_paths(tmp_path, capsys, command):
    root = make_project(tmp_path, {"bad.md": b"# Title\n\nCaf\xe9.\n"}, locales=("ko",))
    code, _, err = run_cli(capsys, "-C", str(root / "source"), command)
    assert code == 1
    assert err.startswith("error: source/bad.md:3: invalid UTF-8"), err


def test_mt_cache_in_a_read_only_folder(tmp_path):
    from l10n.errors import FileSystemError
    from l10n.mt.cache import MTCache

    cache = tmp_path / "cache"
    with mounted(cache, "1m") as is_tmpfs:
        if is_tmpfs:
            subprocess.run(["mount", "-o", "remount,ro", str(cache)], check=True)
        elif os.geteuid() == 0:
            no_read_only_folder()
        else:
            cache.chmod(0o555)
        with pytest.raises(FileSystemError) as exc:
            MTCache(cache)
        assert str(exc.value).startswith(f"{cache / 'mt.sqlite'}: cannot ")
        assert ("Read-only file system" if is_tmpfs else "Permission denied") in str(exc.value)
