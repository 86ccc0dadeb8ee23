"""One implementation of each shared rule: the placeholder grammar, CJK/Hangul
detection, UTF-8 decoding with located errors, engine names.

The scans fail when a second copy comes back outside the module that owns the
rule; the behaviour tests pin what the shared functions answer.
"""

import ast
import re
from pathlib import Path

import pytest

from l10n.config import DEFAULT_ENGINE, DRAFTING_ENGINES, ENGINE_NAMES, load_config
from l10n.errors import ConfigError, GlossaryError, SourceError
from l10n.placeholders import pair_pattern, remove_placeholder
from l10n.scripts import breaks_anywhere, is_hangul, is_wide, written_without_spaces
from l10n.text_files import decode_utf8

PACKAGE = Path(__file__).resolve().parents[1] / "l10n"


def _sources(except_: set[str]) -> list[tuple[str, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel not in except_:
            found.append((rel, path.read_text(encoding="utf-8")))
    return found


def _hits(pattern: str, except_: set[str], flags: int = 0) -> list[str]:
    regex = re.compile(pattern, flags)
    return [f"{rel}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
            for rel, text in _sources(except_) for m in regex.finditer(text)]


def test_the_placeholder_regex_is_written_only_in_placeholders_py():
    # "<(/?)(\d+)" or "</?{n}/?>": a grammar of numbered tags spelled out again
    assert _hits(r"<\(/\?\)\(\\d\+\)|\(\?<!\\\\\)<", {"placeholders.py"}) == []


def test_cjk_and_hangul_ranges_are_written_only_in_scripts_py():
    ranges = r"\\u(?:1100|3040|3130|3400|4e00|ac00|ff66)|0x(?:1100|3040|3130|3400|4e00|ac00|ff66|2e80)\b|east_asian_width"
    assert _hits(ranges, {"scripts.py"}, re.IGNORECASE) == []


# lock.py reads its own lock file (garbage means "stale"); llm.py decodes an HTTP body.
_DECODES_ELSEWHERE = {"text_files.py", "pipeline/lock.py", "mt/llm.py"}


def test_utf8_decoding_of_user_files_is_written_only_in_text_files_py():
    assert _hits(r"UnicodeDecodeError|\.decode\(\s*\"utf-8", _DECODES_ELSEWHERE) == []


def test_engine_names_are_listed_only_in_config_schema_py():
    lists = []
    for rel, text in _sources({"config/schema.py"}):
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                names = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if {"argos", "apertium"} <= names:
                    lists.append(f"{rel}:{node.lineno}")
    assert lists == []


def test_engine_names_derive_from_one_list():
    assert DEFAULT_ENGINE in ENGINE_NAMES
    assert "none" in ENGINE_NAMES and "none" not in DRAFTING_ENGINES
    assert set(DRAFTING_ENGINES) | {"none"} == set(ENGINE_NAMES)


@pytest.mark.parametrize("ch, hangul, wide, breaks, no_space", [
    ("가", True, True, False, False),    # Hangul syllable: wide, but lines break at spaces only
    ("ᄀ", True, True, False, False),     # Hangul jamo
    ("中", False, True, True, True),     # Han
    ("の", False, True, True, True),     # hiragana
    ("ｱ", False, False, False, True),    # half-width katakana: narrow, still no spaces
    ("。", False, True, True, True),     # ideographic full stop
    ("a", False, False, False, False),
    ("é", False, False, False, False),
])
def test_script_questions(ch, hangul, wide, breaks, no_space):
    assert (is_hangul(ch), is_wide(ch), breaks_anywhere(ch), written_without_spaces(ch)) == (
        hangul, wide, breaks, no_space)


def test_placeholder_pair_and_removal_skip_escaped_tags():
    assert pair_pattern(2).search("a <2>b\nc</2> d").group(1) == "b\nc"
    assert pair_pattern(2).search("a \\<2>b</2>") is None
    assert remove_placeholder("<1>x</1> \\<1> <1/> <12/>", 1) == "x \\<1>  <12/>"


def test_decode_names_the_line_and_the_byte_after_a_bom():
    data = b"\xef\xbb\xbfone\r\ntwo \xe9\n"
    with pytest.raises(SourceError) as info:
        decode_utf8(data, shown="source/a.md", error=SourceError)
    assert str(info.value) == ("source/a.md:2: invalid UTF-8 at byte offset 12 (byte 0xe9), "
                               "expected UTF-8 text")
    assert decode_utf8(b"\xef\xbb\xbfone\r\ntwo\rthree", shown="x") == "one\ntwo\nthree"
    assert decode_utf8(b"a\r\nb", shown="x", newlines=False) == "a\r\nb"


def test_decode_refuses_a_binary_file_unless_told():
    with pytest.raises(GlossaryError, match=r"^g.csv:2: binary file: NUL byte at byte offset 4, expected a glossary$"):
        decode_utf8(b"a,b\n\x00", shown="g.csv", error=GlossaryError, expected="a glossary")
    assert decode_utf8(b"a\x00", shown="x", allow_nul=True) == "a\x00"


def test_config_with_bad_utf8_names_its_line(tmp_path):
    (tmp_path / "l10n.toml").write_bytes(b'source_language = "en"\nproject = "caf\xe9"\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value).startswith("l10n.toml:2: invalid UTF-8 at byte offset 37 (byte 0xe9)")


def test_progress_bars_are_drawn_only_by_cli_progress_py():
    assert _hits(r"click\.progressbar|\\r\{|write\(f?\"\\r", {"cli/progress.py"}) == []


def test_progress_display_draws_on_a_terminal_and_stays_quiet_in_a_pipe():
    import io
    import os
    import select

    from l10n.cli.progress import ProgressDisplay

    quiet = io.StringIO()
    shown = ProgressDisplay("translate ko", 4, unit="units", stream=quiet)
    for done in range(1, 5):
        shown(done, 4)
    assert quiet.getvalue() == ""

    master, slave = os.openpty()
    with os.fdopen(slave, "w") as terminal:
        shown = ProgressDisplay("translate ko", 4, unit="units", stream=terminal)
        for done in range(1, 5):
            shown(done, 4)
        terminal.flush()
        # One read may return part of what was written: read until the pty is empty
        # (everything is already written and flushed, so an empty poll means done).
        chunks = []
        while select.select([master], [], [], 0.2)[0]:
            chunk = os.read(master, 65536)
            if not chunk:
                break
            chunks.append(chunk)
        drawn = b"".join(chunks).decode()
    os.close(master)
    # click may skip redraws of updates that come close together, so only the
    # label (drawn first) and the finished line's end are certain.
    assert "translate ko" in drawn, drawn
    assert drawn.rstrip("\r\n") != drawn  # the finished bar ends its line
