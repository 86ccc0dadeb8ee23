"""`l10n models` through the real CLI entry point (errors as one line)."""

from l10n.cli.main import main


def cli(capsys, *args):
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_install_list_remove(argosmodels, tmp_path, capsys):
    base = ["-C", str(tmp_path), "models", "--packages-dir", str(tmp_path / "pk")]
    code, out, _ = cli(capsys, *base, "list")
    assert code == 0 and "no models installed" in out
    code, out, err = cli(capsys, *base, "install", "--from-file", str(argosmodels[("en", "es")]))
    assert code == 0, err
    assert "installed en -> es 1.0" in out
    code, out, _ = cli(capsys, *base, "list")
    assert out.startswith("en -> es\t1.0")
    code, out, _ = cli(capsys, *base, "remove", "en", "es")
    assert code == 0 and "removed" in out
    assert "no models installed" in cli(capsys, *base, "list")[1]


def test_cli_offline_install_one_line(tmp_path, capsys):
    code, out, err = cli(capsys, "-C", str(tmp_path), "models", "--packages-dir", str(tmp_path), "install", "en",
                         "ko", "--index-url", "http://127.0.0.1:9/index.json", "--timeout", "5")
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "unreachable" in lines[0] and "--from-file" in lines[0]
    assert "Traceback" not in err


def test_cli_bad_file_one_line(tmp_path, capsys):
    bad = tmp_path / "x.argosmodel"
    bad.write_text("nope")
    code, out, err = cli(capsys, "-C", str(tmp_path), "models", "--packages-dir", str(tmp_path / "p"), "install",
                         "--from-file", str(bad))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "not a zip" in err
