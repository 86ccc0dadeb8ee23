"""TMX: the reviewed units of every locale for a client's memory, and a client's memory for `update`."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from helpers import make_project, run_cli

REPORT = """# Annual report

The government detained 22 activists in 2019.

Read the [full report](https://example.org/r).
"""


def po_path(root: Path, locale: str) -> Path:
    return root / "locales" / locale / "LC_MESSAGES" / "report.po"


@pytest.fixture
def project(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"report.md": REPORT}, locales=("ko", "zh_Hans"))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    for locale, title, link, fuzzy_title in (
        ("ko", "연례 보고서", "<1>전체 보고서</1>를 읽으세요.", False),
        ("zh_Hans", "年度报告", "阅读<1>完整报告</1>。", True),
    ):
        po = polib.pofile(str(po_path(root, locale)))
        entry = po.find("Annual report")
        entry.msgstr = title
        if fuzzy_title:
            entry.flags.append("fuzzy")
        po.find("Read the <1>full report</1>.").msgstr = link
        po.save(str(po_path(root, locale)))
    return root


def test_tmx_holds_reviewed_units_of_every_locale_with_codes(project, capsys):
    code, out, _ = run_cli(capsys, "-C", str(project), "export", "--format", "tmx")
    assert code == 0
    assert "build/exchange/test.tmx: 2 units, written" in out
    from translate.storage.tmx import tmxfile

    path = project / "build" / "exchange" / "test.tmx"
    store = tmxfile.parsefile(str(path))
    assert len(store.units) == 2
    text = path.read_text()
    assert '<tuv xml:lang="zh-Hans">' in text and "年度报告" not in text  # fuzzy is not reviewed
    assert '<bpt i="1">&lt;1&gt;</bpt>전체 보고서<ept i="1">&lt;/1&gt;</ept>를 읽으세요.' in text


CLIENT_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="memoQ" creationtoolversion="11" segtype="sentence" o-tmf="memoQ" adminlang="en-US"
          srclang="en-US" datatype="plaintext"/>
  <body>
    <tu>
      <tuv xml:lang="en-US"><seg>Officials denied it.</seg></tuv>
      <tuv xml:lang="ko-KR"><seg>관리들은 이를 부인했다.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en-US"><seg>See <bpt i="1">&lt;a&gt;</bpt>the annex<ept i="1">&lt;/a&gt;</ept>.</seg></tuv>
      <tuv xml:lang="ko-KR"><seg><bpt i="1">&lt;a&gt;</bpt>부록<ept i="1">&lt;/a&gt;</ept>을 보라.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_a_client_tmx_feeds_the_memory_that_update_consults(project, capsys):
    tmx = project / "client.tmx"
    tmx.write_text(CLIENT_TMX, encoding="utf-8")
    code, out, err = run_cli(capsys, "-C", str(project), "import", str(tmx))
    assert code == 0, err
    assert "client.tmx: 2 units added to the translation memory (locales/memory/client.tmx)" in out
    src = project / "source" / "report.md"
    src.write_text(src.read_text() + "\nOfficials denied it. See [the annex](annex.html).\n")
    assert run_cli(capsys, "-C", str(project), "update")[0] == 0
    po = polib.pofile(str(po_path(project, "ko")))
    denied = po.find("Officials denied it.")
    assert denied.msgstr == "관리들은 이를 부인했다." and "fuzzy" in denied.flags
    assert "tm: exact match from locales/memory/client.tmx" in denied.tcomment
    annex = po.find("See <1>the annex</1>.")
    assert annex.msgstr == "<1>부록</1>을 보라." and "fuzzy" in annex.flags
    # the Chinese catalog gets nothing from a Korean memory
    assert polib.pofile(str(po_path(project, "zh_Hans"))).find("Officials denied it.").msgstr == ""


def test_bad_tmx_files_are_refused_with_a_location(project, capsys):
    broken = project / "broken.tmx"
    broken.write_text(CLIENT_TMX.replace("</seg></tuv>\n      <tuv xml:lang=\"ko-KR\">", "</tuv>\n<tuv>", 1))
    code, _, err = run_cli(capsys, "-C", str(project), "import", str(broken))
    assert code == 1 and err.startswith("error: broken.tmx:7: not well-formed XML")
    other = project / "fr.tmx"
    other.write_text(CLIENT_TMX.replace("ko-KR", "fr-FR"))
    code, _, err = run_cli(capsys, "-C", str(project), "import", str(other))
    assert code == 1 and "no unit has a translation into a configured locale" in err
    assert not (project / "locales" / "memory").exists()
