import os
import stat
import subprocess
import sys
import zipfile

import pytest

from l10n.mt import packages
from l10n.mt.argos import ArgosEngine
from l10n.mt.errors import IndexUnreachable, MTError, PackageError, PackageNotFound

UNREACHABLE = "http://127.0.0.1:9/index.json"  # discard port on localhost: refused, never leaves the machine


def test_install_list_replace_remove(argosmodels, tmp_path):
    pk = packages.install_from_file(argosmodels[("en", "ko")], tmp_path)
    assert pk.path == tmp_path / "translate-en_ko-1_0" and pk.version == "1.0"
    assert [(p.from_code, p.to_code) for p in packages.list_installed(tmp_path)] == [("en", "ko")]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp leftovers
    packages.install_from_file(argosmodels[("en", "ko")], tmp_path)  # reinstall replaces
    assert len(packages.list_installed(tmp_path)) == 1
    assert ArgosEngine(tmp_path).translate(["hello world"], "en", "ko")[0].text
    assert packages.remove(tmp_path, "en", "ko") == [tmp_path / "translate-en_ko-1_0"]
    assert packages.list_installed(tmp_path) == []
    with pytest.raises(PackageNotFound):
        packages.remove(tmp_path, "en", "ko")


def _rezip(src, dest, *, add=(), drop=(), symlink=None):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            if not any(info.filename.endswith(d) for d in drop):
                zout.writestr(info, zin.read(info))
        for name, data in add:
            zout.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink[0])
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zout.writestr(info, symlink[1])
    return dest


@pytest.mark.parametrize("case,expected", [
    ("notzip", "not a zip archive"),
    ("nometa", "missing translate-en_ko-1_0/metadata.json"),
    ("nomodel", "missing translate-en_ko-1_0/model/model.bin"),
    ("notok", "missing translate-en_ko-1_0/sentencepiece.model or bpe.model"),
    ("dotdot", "'..' component"),
    ("absolute", "absolute path"),
    ("symlink", "symlink"),
    ("twotops", "exactly one top-level folder"),
    ("badjson", "not valid JSON"),
])
def test_hostile_or_corrupt_archives_rejected(argosmodels, tmp_path, case, expected):
    src = argosmodels[("en", "ko")]
    bad = tmp_path / f"{case}.argosmodel"
    top = "translate-en_ko-1_0"
    if case == "notzip":
        bad.write_bytes(b"this is not a zip")
    elif case == "nometa":
        _rezip(src, bad, drop=["metadata.json"])
    elif case == "nomodel":
        _rezip(src, bad, drop=["model.bin"])
    elif case == "notok":
        _rezip(src, bad, drop=["sentencepiece.model"])
    elif case == "dotdot":
        _rezip(src, bad, add=[(f"{top}/../../evil", b"x")])
    elif case == "absolute":
        _rezip(src, bad, add=[("/tmp/evil-l10n-test", b"x")])
    elif case == "symlink":
        _rezip(src, bad, symlink=(f"{top}/link", "/etc/passwd"))
    elif case == "twotops":
        _rezip(src, bad, add=[("other/file", b"x")])
    elif case == "badjson":
        _rezip(src, bad, drop=["metadata.json"], add=[(f"{top}/metadata.json", b"{nope")])
    dest = tmp_path / "pkgs"
    with pytest.raises(PackageError) as exc:
        packages.install_from_file(bad, dest)
    msg = str(exc.value)
    assert expected in msg and str(bad) in msg and "\n" not in msg
    assert not (tmp_path / "evil").exists() and not os.path.exists("/tmp/evil-l10n-test")
    assert not dest.exists() or not list(dest.iterdir())


def test_oversized_member_rejected(argosmodels, tmp_path, monkeypatch):
    monkeypatch.setattr(packages, "MAX_MEMBER_BYTES", 1000)
    with pytest.raises(PackageError, match="over the 1000-byte limit"):
        packages.install_from_file(argosmodels[("en", "ko")], tmp_path)


def test_offline_index_fails_with_one_clear_line(tmp_path):
    with pytest.raises(IndexUnreachable) as exc:
        packages.install_from_index("en", "ko", tmp_path, index_url=UNREACHABLE, timeout=5)
    msg = str(exc.value)
    assert "\n" not in msg and "unreachable" in msg and "l10n models install --from-file translate-en_ko-*.argosmodel" in msg
    assert "https://www.argosopentech.com/argospm/index/" in msg
    assert isinstance(exc.value, MTError)


def test_default_packages_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "p"))
    assert packages.default_packages_dir() == tmp_path / "p"
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "x"))
    assert packages.default_packages_dir() == tmp_path / "x" / "argos-translate" / "packages"


def test_import_has_no_side_effects(tmp_path):
    """Importing the MT layer creates nothing, reads no settings, and never pulls argostranslate."""
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o500)  # read-only home
    code = ("import sys, l10n.mt.engine, l10n.mt.argos, l10n.mt.apertium, l10n.mt.packages, "
            "l10n.mt.cache, l10n.mt.markup, l10n.mt.translate_units, l10n.cli.models_cmd\n"
            "bad = [m for m in sys.modules if m.startswith(('argostranslate', 'torch', 'stanza', 'ctranslate2'))]\n"
            "assert not bad, bad")
    env = {**os.environ, "HOME": str(home), "PYTHONPATH": os.getcwd()}
    env.pop("XDG_DATA_HOME", None)
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    assert list(home.iterdir()) == []
