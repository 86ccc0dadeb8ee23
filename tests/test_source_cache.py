"""Each source is parsed once per command, and the parsed tree is kept between
commands in .l10n-cache/sources/ (l10n/pipeline/sources.py): a changed source,
option or reader code, and a corrupt or foreign cache file, mean a fresh parse,
never an error or a wrong edition."""

from __future__ import annotations

import hashlib
import hmac
import json
import os

import pytest

from helpers import make_project, run_cli
from l10n.pipeline import sources as sources_module

DOCS = {
    "a.md": "# Alpha\n\nThe first sentence. The second one.\n",
    "b.md": "# Beta\n\nAnother document here.\n",
}


@pytest.fixture
def parses(monkeypatch, tmp_path):
    """Counts the real reader's calls; the signing key lives in a fresh cache home."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    calls: list[str] = []
    real = sources_module.read_source

    def counting(config, doc):
        calls.append(doc.name)
        return real(config, doc)

    monkeypatch.setattr(sources_module, "read_source", counting)
    return calls


@pytest.fixture(autouse=True)
def _keep_cwd(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # project() moves into the project; undone after each test


def project(tmp_path, docs=DOCS, extra=""):
    root = make_project(tmp_path / "p", docs, locales=("ko", "zh_Hans"), extra=extra)
    os.chdir(root)
    return root


def entry(root, name="a"):
    return root / ".l10n-cache" / "sources" / f"{name}.json"


def editions(root):
    return {p.relative_to(root / "build").as_posix(): p.read_bytes()
            for p in sorted((root / "build").rglob("*")) if p.is_file()}


def test_build_parses_each_source_once(tmp_path, parses, capsys):
    root = project(tmp_path)
    assert run_cli(capsys, "update")[0] == 0
    for path in (root / ".l10n-cache" / "sources").iterdir():
        path.unlink()  # no cache: build itself must read each source, once for all editions
    parses.clear()
    assert run_cli(capsys, "build")[0] == 0
    assert sorted(parses) == ["a", "b"]
    assert (root / "build" / "ko" / "a.html").is_file() and (root / "build" / "en" / "a.html").is_file()


def test_run_parses_each_source_once_across_its_steps(tmp_path, parses, capsys):
    project(tmp_path)
    code, _, err = run_cli(capsys, "run", "--engine", "none")
    assert code == 0, err
    assert sorted(parses) == ["a", "b"]


def test_the_next_command_loads_the_cache_and_builds_the_same_editions(tmp_path, parses, capsys):
    root = project(tmp_path)
    assert run_cli(capsys, "update")[0] == 0
    assert sorted(parses) == ["a", "b"] and entry(root).is_file()
    parses.clear()
    assert run_cli(capsys, "build")[0] == 0
    assert parses == []  # both trees came from the cache
    cached = editions(root)
    for path in (root / ".l10n-cache" / "sources").iterdir():
        path.unlink()
    assert run_cli(capsys, "build", "--force")[0] == 0  # --force: not skipped by the build's stamps
    assert parses == ["a", "b"]
    assert editions(root) == cached


def test_an_edited_source_is_read_again(tmp_path, parses, capsys):
    root = project(tmp_path)
    assert run_cli(capsys, "update")[0] == 0
    (root / "source" / "a.md").write_text("# Alpha\n\nA brand new sentence.\n", encoding="utf-8")
    parses.clear()
    assert run_cli(capsys, "update")[0] == 0
    assert parses == ["a"]
    assert "A brand new sentence." in (root / "locales" / "a.pot").read_text(encoding="utf-8")
    assert run_cli(capsys, "build")[0] == 0
    assert "A brand new sentence." in (root / "build" / "en" / "a.html").read_text(encoding="utf-8")


def test_a_reader_option_change_reads_again(tmp_path, parses, capsys):
    docs = {"a.md": "---\ntitle: Front title\nsummary: A summary line.\n---\n\nBody text.\n"}
    root = project(tmp_path, docs)
    assert run_cli(capsys, "update")[0] == 0
    assert "A summary line." not in (root / "locales" / "a.pot").read_text(encoding="utf-8")
    config = root / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'front_matter_keys = ["title", "summary"]\n',
                      encoding="utf-8")
    parses.clear()
    assert run_cli(capsys, "update")[0] == 0
    assert parses == ["a"]
    assert "A summary line." in (root / "locales" / "a.pot").read_text(encoding="utf-8")


def test_a_code_change_reads_again(tmp_path, parses, capsys, monkeypatch):
    project(tmp_path)
    assert run_cli(capsys, "update")[0] == 0
    parses.clear()
    assert run_cli(capsys, "update")[0] == 0
    assert parses == []
    monkeypatch.setattr(sources_module, "code_fingerprint", lambda: "another reader")
    assert run_cli(capsys, "update")[0] == 0
    assert sorted(parses) == ["a", "b"]


def test_the_code_fingerprint_follows_the_reader_files(tmp_path, monkeypatch):
    first = sources_module.code_fingerprint()
    assert first == sources_module.code_fingerprint()
    monkeypatch.setattr(sources_module, "_CODE_MODULES", (*sources_module._CODE_MODULES, "__init__"))
    assert sources_module.code_fingerprint() != first


@pytest.mark.parametrize("damage", [b"", b"garbage", b"0" * 64 + b"\n{}", None])
def test_a_corrupt_cache_file_is_rebuilt_silently(tmp_path, parses, capsys, damage):
    root = project(tmp_path)
    assert run_cli(capsys, "update")[0] == 0
    good = entry(root).read_bytes()
    entry(root).write_bytes(good[: len(good) // 2] if damage is None else damage)
    parses.clear()
    code, _, err = run_cli(capsys, "build")
    assert code == 0 and "error" not in err
    assert parses == ["a"]
    assert entry(root).read_bytes() == good  # written again, whole


def test_a_cache_from_elsewhere_is_not_trusted(tmp_path, parses, capsys, monkeypatch):
    """A cloned repository could carry .l10n-cache/: its entries are signed with
    someone else's key, so even a well-formed entry for these exact bytes is ignored."""
    root = project(tmp_path)
    assert run_cli(capsys, "update")[0] == 0
    payload = entry(root).read_bytes().partition(b"\n")[2].replace(b"The first sentence.", b"Hostile text.")
    foreign = hmac.new(b"x" * 32, payload, hashlib.sha256).hexdigest().encode("ascii")
    entry(root).write_bytes(foreign + b"\n" + payload)
    parses.clear()
    assert run_cli(capsys, "build")[0] == 0
    assert parses == ["a"]
    page = (root / "build" / "en" / "a.html").read_text(encoding="utf-8")
    assert "The first sentence." in page and "Hostile text." not in page


@pytest.mark.parametrize("tree", [[7, "x"], [0, 5, [], 1, []], [0, "p", [["a", 1]], 1, []],
                                  [0, "p", [], "1", []], [1, None, 1, None], "p",
                                  [1, "t", True, None], [2, "<b>", 1], [0, "p", [["a", 2]], 1, []]])
def test_malformed_content_even_when_signed_is_parsed_again(tmp_path, parses, capsys, tree):
    root = project(tmp_path)
    assert run_cli(capsys, "update")[0] == 0
    signature, _, payload = entry(root).read_bytes().partition(b"\n")
    data = json.loads(payload)
    data["document"][4] = [0, "div", [], 0, [tree]]
    payload = json.dumps(data).encode("utf-8")
    secret = (tmp_path / "xdg" / "l10n" / sources_module.KEY_NAME).read_bytes()
    key = data["key"].encode("ascii")
    entry(root).write_bytes(hmac.new(secret, key + payload, hashlib.sha256).hexdigest().encode() + b"\n" + payload)
    parses.clear()
    assert run_cli(capsys, "build")[0] == 0
    assert parses == ["a"]


def test_cache_files_take_the_umask_and_the_key_is_private(tmp_path, parses, capsys):
    root = project(tmp_path)
    old = os.umask(0o027)
    try:
        assert run_cli(capsys, "update")[0] == 0
    finally:
        os.umask(old)
    assert entry(root).stat().st_mode & 0o777 == 0o640
    key = tmp_path / "xdg" / "l10n" / sources_module.KEY_NAME
    assert key.stat().st_mode & 0o777 == 0o600  # the signing key is private


def test_no_cache_home_means_no_cache_and_no_error(tmp_path, parses, capsys, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    root = project(tmp_path)
    assert run_cli(capsys, "update")[0] == 0
    assert not entry(root).exists()
    parses.clear()
    assert run_cli(capsys, "build")[0] == 0
    assert sorted(parses) == ["a", "b"]


def test_the_collector_is_paused_while_a_source_is_read_and_back_after(tmp_path, monkeypatch, capsys):
    import gc

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    seen: list[bool] = []
    real = sources_module.read_source
    monkeypatch.setattr(sources_module, "read_source",
                        lambda config, doc: seen.append(gc.isenabled()) or real(config, doc))
    root = project(tmp_path)
    assert gc.isenabled()
    assert run_cli(capsys, "update")[0] == 0
    assert seen == [False, False] and gc.isenabled()
    (root / "source" / "a.md").write_bytes(b"# Alpha\n\nBroken \xff byte.\n")  # the reader stops with an error
    code, _, err = run_cli(capsys, "update")
    assert code != 0 and "a.md" in err
    assert gc.isenabled()  # back on after the error too
