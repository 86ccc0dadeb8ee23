"""A command imports only what its input needs (``python -X importtime``)."""

import subprocess
import sys

from helpers import make_project


def imported(args: list[str], cwd) -> set[str]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "l10n", *args],
                            cwd=cwd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}


def test_an_ascii_build_does_not_load_the_wide_character_tables(tmp_path):
    root = make_project(tmp_path / "p", {"doc.md": "# Title\n\nOne sentence that is long enough. Two.\n"},
                        locales=("de",))
    subprocess.run([sys.executable, "-m", "l10n", "update"], cwd=root, check=True, capture_output=True)
    modules = imported(["build"], root)
    assert "l10n.render.wrap" in modules  # the text edition was wrapped
    assert "wcwidth" not in modules


def test_a_wide_character_build_loads_them(tmp_path):
    root = make_project(tmp_path / "p", {"doc.md": "# 제목\n\n한국어 문장입니다. 두 번째 문장입니다.\n"},
                        locales=("de",))
    subprocess.run([sys.executable, "-m", "l10n", "update"], cwd=root, check=True, capture_output=True)
    assert "wcwidth" in imported(["build"], root)


def test_an_update_served_by_the_source_cache_loads_no_reader_or_segmenter(tmp_path):
    root = make_project(tmp_path / "p", {"doc.md": "# Title\n\nOne sentence. Another one.\n"}, locales=("de",))
    first = imported(["update"], root)  # no cache yet: reads and segments the source
    assert {"markdown_it", "l10n.segment"} <= first
    (root / "source" / "doc.md").touch()  # same bytes: the cache entry still holds
    modules = imported(["update"], root)
    assert "l10n.pipeline.sources" in modules
    assert not {"markdown_it", "l10n.segment", "l10n.formats.markdown"} & modules
