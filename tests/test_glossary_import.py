"""TBX import: read_tbx (Translate Toolkit's TBX store) and `l10n glossary import`."""

import pytest

from helpers import make_project, run_cli
from l10n.errors import GlossaryError
from l10n.terms import Term, read_tbx, read_termbase

TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>client</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="hrw"><descrip type="definition">organisation</descrip>
 <langSet xml:lang="en"><tig><term>Human Rights Watch</term></tig><tig><term>HRW</term></tig></langSet>
 <langSet xml:lang="ko"><tig><term>휴먼라이츠워치</term></tig></langSet>
 <langSet xml:lang="es"><tig><term>Human Rights Watch</term></tig></langSet>
</termEntry>
<termEntry id="chin">
 <langSet xml:lang="en"><tig><term>Chin State</term></tig></langSet>
 <langSet xml:lang="es"><tig><term>Barbilla</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
  <tig><term>estado de Chin</term><note>a state of Myanmar</note></tig></langSet>
</termEntry>
<termEntry id="kim">
 <langSet xml:lang="en"><tig><term>Kim Jong Un</term></tig></langSet>
 <langSet xml:lang="zh-Hans"><tig><term>金正恩</term></tig></langSet>
 <langSet xml:lang="zh-Hant"><tig><term>金正恩</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


def test_read_tbx_picks_the_locale_synonyms_and_preferred_terms():
    es = read_tbx(TBX.encode(), path="client.tbx", locale="es")
    assert list(es) == [Term("Human Rights Watch", None, "organisation"),  # same as the source: kept as written
                        Term("HRW", "Human Rights Watch", "organisation"),
                        Term("Chin State", "estado de Chin", "a state of Myanmar")]  # deprecated Barbilla skipped
    ko = read_tbx(TBX.encode(), path="client.tbx", locale="ko")
    assert [(t.source, t.target) for t in ko] == [("Human Rights Watch", "휴먼라이츠워치"), ("HRW", "휴먼라이츠워치")]
    zh = read_tbx(TBX.encode(), path="client.tbx", locale="zh_Hans")
    assert [(t.source, t.target) for t in zh] == [("Kim Jong Un", "金正恩")]
    assert len(read_tbx(TBX.encode(), path="client.tbx", locale="ja")) == 0


def test_malformed_tbx_names_file_and_line():
    broken = TBX.replace("</termEntry>\n<termEntry id=\"chin\">", "\n<termEntry id=\"chin\">", 1)
    with pytest.raises(GlossaryError) as exc:
        read_tbx(broken.encode(), path="client.tbx", locale="es")
    assert exc.value.path == "client.tbx" and exc.value.line and exc.value.line > 1
    assert "malformed TBX" in exc.value.message


def test_glossary_import_appends_new_terms_and_keeps_the_projects_own(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"a.md": "Hello.\n"}, locales=("es", "ko"))
    (root / "client.tbx").write_text(TBX, encoding="utf-8")
    csv_path = root / "locales" / "es" / "glossary.csv"
    csv_path.parent.mkdir(parents=True)
    own = "source,target,note\n# ours\nchin state,Estado Chin,our style\n"
    csv_path.write_text(own, encoding="utf-8")
    code, out, err = run_cli(capsys, "-C", str(root), "glossary", "import", "client.tbx")
    assert code == 0, err
    assert "glossary es: 2 term(s) added to locales/es/glossary.csv, 1 already there (kept as they are)" in out
    assert "glossary ko: 2 term(s) added to locales/ko/glossary.csv" in out
    text = csv_path.read_text(encoding="utf-8")
    assert text.startswith(own)  # existing lines untouched
    terms = {t.source: t.target for t in read_termbase(text, path="g")}
    assert terms == {"chin state": "Estado Chin", "Human Rights Watch": None, "HRW": "Human Rights Watch"}
    ko = (root / "locales" / "ko" / "glossary.csv").read_text(encoding="utf-8")
    assert ko.splitlines()[0] == "source,target,note"
    before = csv_path.stat().st_mtime_ns
    code, out, _ = run_cli(capsys, "-C", str(root), "glossary", "import", "client.tbx", "--locale", "es")
    assert code == 0 and "glossary es: 0 term(s) added" in out
    assert csv_path.stat().st_mtime_ns == before


def test_glossary_import_of_a_broken_file_writes_nothing(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"a.md": "Hello.\n"}, locales=("es",))
    (root / "client.tbx").write_text(TBX.replace("</body>", ""), encoding="utf-8")
    code, _, err = run_cli(capsys, "-C", str(root), "glossary", "import", "client.tbx")
    assert code == 1 and err.startswith("error: client.tbx:")
    assert not (root / "locales" / "es" / "glossary.csv").exists()
