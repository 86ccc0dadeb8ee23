"""XLIFF export and import: schema-valid files, round trips through an edited file, the
safety rules of import, and files written the way CAT tools write them."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from lxml import etree

from helpers import make_project, msgfmt_check, run_cli
from l10n.catalog import catalog_text

SCHEMAS = Path(__file__).parent / "schemas"
X12 = "urn:oasis:names:tc:xliff:document:1.2"
X20 = "urn:oasis:names:tc:xliff:document:2.0"

REPORT = """# Annual report

The government detained 22 activists in 2019.

Read the [full report](https://example.org/r) and see ![a map](map.png) here.

Officials denied it. The envoy left.

A new sentence nobody translated.
"""


def po_path(root: Path, locale: str = "ko") -> Path:
    return root / "locales" / locale / "LC_MESSAGES" / "report.po"


@pytest.fixture
def project(tmp_path, capsys):
    """A catalog with every state: reviewed, machine draft, memory draft, carried over, untranslated."""
    root = make_project(tmp_path / "p", {"report.md": REPORT}, locales=("ko", "zh_Hans"))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    po = polib.pofile(str(po_path(root)))
    po.find("Annual report").msgstr = "연례 보고서"
    draft = po.find("The government detained 22 activists in 2019.")
    draft.msgstr, draft.flags, draft.tcomment = "정부는 2019년 활동가 22명을 구금했다.", ["fuzzy"], \
        "mt: engine=argos package=translate-en_ko version=1.1 date=2026-11-27 score=0.734"
    memory = po.find("Officials denied it.")
    memory.msgstr, memory.flags, memory.tcomment = "관리들은 부인했다.", ["fuzzy"], "tm: exact match from x.po"
    carried = po.find("The envoy left.")
    carried.msgstr, carried.flags, carried.previous_msgid = "특사는 떠났다.", ["fuzzy"], "The envoy has left."
    po_path(root).write_text(catalog_text(po), encoding="utf-8")  # l10n's own layout: no wrapped comments
    return root


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def exported(root: Path, locale: str = "ko") -> Path:
    return root / "build" / "exchange" / locale / "report.xlf"


@pytest.mark.parametrize("version,xsd", [("1.2", "xliff-1.2-subset.xsd"), ("2.0", "xliff-2.0-subset.xsd")])
def test_export_is_valid_against_the_schema(project, capsys, version, xsd):
    code, out, _ = run_cli(capsys, "-C", str(project), "export", "--xliff-version", version)
    assert code == 0, out
    assert "build/exchange/ko/report.xlf: 7 units, written" in out
    for locale in ("ko", "zh_Hans"):
        doc = etree.parse(str(exported(project, locale)))
        checker = schema(xsd)
        assert checker.validate(doc), checker.error_log


def test_xliff12_carries_states_codes_notes_and_is_read_by_translate_toolkit(project, capsys):
    assert run_cli(capsys, "-C", str(project), "export")[0] == 0
    doc = etree.parse(str(exported(project)))
    ns = {"x": X12}
    units = {u.findtext("x:source", namespaces=ns) or etree.tostring(u.find("x:source", ns), encoding=str): u
             for u in doc.iterfind(".//x:trans-unit", ns)}
    reviewed = units["Annual report"]
    assert reviewed.get("approved") == "yes" and reviewed.find("x:target", ns).get("state") == "final"
    mt = units["The government detained 22 activists in 2019."].find("x:target", ns)
    assert (mt.get("state"), mt.get("state-qualifier")) == ("needs-review-translation", "leveraged-mt")
    assert units["Officials denied it."].find("x:target", ns).get("state-qualifier") == "leveraged-tm"
    carried = units["The envoy left."]
    assert carried.find("x:target", ns).get("state-qualifier") == "fuzzy-match"
    assert "previous source: The envoy has left." in [n.text for n in carried.iterfind("x:note", ns)]
    notes = [n.text for n in units["The government detained 22 activists in 2019."].iterfind("x:note", ns)]
    assert any(n.startswith("mt: engine=argos") and "score=0.734" in n for n in notes)
    assert units["A new sentence nobody translated."].find("x:target", ns) is None
    # placeholders are inline codes, not text a translator could break
    link = next(u for u in doc.iterfind(".//x:trans-unit", ns) if u.find("x:source/x:g", ns) is not None)
    source = link.find("x:source", ns)
    assert [(c.tag.split("}")[1], c.get("id")) for c in source] == [("g", "1"), ("x", "2")]
    assert "<1>" not in etree.tostring(source, encoding=str)
    # an independent reader (Translate Toolkit) sees the same units and states
    from translate.storage.xliff import xlifffile

    store = xlifffile.parsefile(str(exported(project)))
    tt_units = {u.source: u for u in store.units if u.source}
    assert len(store.units) == 7
    assert tt_units["Annual report"].isapproved() and tt_units["Annual report"].target == "연례 보고서"
    assert not tt_units["Officials denied it."].isapproved()


def _edit(path: Path, edits: dict[str, tuple[str | None, str]], version: str = "1.2") -> None:
    """Set target text and state of units found by source text, as a CAT tool would save them."""
    ns = X12 if version == "1.2" else X20
    doc = etree.parse(str(path))
    for unit in doc.iter(f"{{{ns}}}trans-unit", f"{{{ns}}}unit"):
        holder = unit if version == "1.2" else unit.find(f"{{{ns}}}segment")
        source = holder.find(f"{{{ns}}}source")
        key = "".join(source.itertext())
        if key not in edits:
            continue
        xml, state = edits[key]
        target = holder.find(f"{{{ns}}}target")
        if target is None:
            target = etree.SubElement(holder, f"{{{ns}}}target")
            holder.insert(1, target)
        if xml is not None:
            fresh = etree.fromstring(f'<target xmlns="{ns}">{xml}</target>')
            target.text = fresh.text
            for child in list(target):
                target.remove(child)
            target.extend(list(fresh))
        if version == "1.2":
            target.set("state", state)
            unit.set("approved", "yes" if state in ("translated", "final", "signed-off") else "no")
        else:
            holder.set("state", state)
            holder.attrib.pop("subState", None)
    doc.write(str(path), xml_declaration=True, encoding="UTF-8")


# The link sentence as a CAT tool shows its text (codes left out): "Read the full report and see  here."
LINK_SOURCE = "Read the full report and see  here."


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_round_trip_export_edit_import(project, capsys, version):
    before = po_path(project).read_bytes()
    assert run_cli(capsys, "-C", str(project), "export", "--xliff-version", version, "-l", "ko")[0] == 0
    # untouched file: importing changes nothing at all, drafts stay drafts
    code, out, err = run_cli(capsys, "-C", str(project), "import", str(exported(project)))
    assert code == 0, err
    assert po_path(project).read_bytes() == before
    assert "0 reviewed, 0 drafts" in out
    pair, void = ("g", "x") if version == "1.2" else ("pc", "ph")
    _edit(exported(project), {
        "A new sentence nobody translated.": ("아무도 번역하지 않은 새 문장.", "translated"),
        "The government detained 22 activists in 2019.": ("정부는 2019년에 활동가 22명을 구금했다.", "translated"),
        "Officials denied it.": ("관리들은 그것을 부인했다.", "needs-review-translation" if version == "1.2" else "initial"),
        LINK_SOURCE: (f'<{void} id="2"/> 지도를 보고 <{pair} id="1">전체 보고서</{pair}>를 읽으세요.', "translated"),
    }, version)
    code, out, err = run_cli(capsys, "-C", str(project), "import", str(exported(project)))
    assert code == 0, err
    assert "3 reviewed, 1 drafts" in out
    po = polib.pofile(str(po_path(project)))
    new = po.find("A new sentence nobody translated.")
    assert new.msgstr == "아무도 번역하지 않은 새 문장." and "fuzzy" not in new.flags
    mt = po.find("The government detained 22 activists in 2019.")
    assert mt.msgstr == "정부는 2019년에 활동가 22명을 구금했다." and "fuzzy" not in mt.flags
    assert "import: reviewed from build/exchange/ko/report.xlf" in mt.tcomment
    draft = po.find("Officials denied it.")
    assert draft.msgstr == "관리들은 그것을 부인했다." and "fuzzy" in draft.flags
    link = next(e for e in po if e.msgid.startswith("Read the"))
    assert link.msgstr == "<2/> 지도를 보고 <1>전체 보고서</1>를 읽으세요." and "fuzzy" not in link.flags
    assert msgfmt_check(po_path(project)).returncode == 0
    # the edition shows the imported link with its URL restored
    assert run_cli(capsys, "-C", str(project), "build", "-l", "ko")[0] == 0
    html = (project / "build" / "ko" / "report.html").read_text()
    assert '<a href="https://example.org/r">전체 보고서</a>' in html


def test_mismatched_inline_codes_are_rejected_with_file_and_line(project, capsys):
    assert run_cli(capsys, "-C", str(project), "export", "-l", "ko")[0] == 0
    _edit(exported(project), {
        LINK_SOURCE: ('지도를 보고 <g id="1">전체 보고서</g>를 읽으세요.', "translated"),  # <x id="2"/> dropped
        "A new sentence nobody translated.": ("새 문장.", "translated"),
    })
    text = exported(project).read_text()
    line = text[: text.index("지도를 보고")].count("\n") + 1
    code, out, err = run_cli(capsys, "-C", str(project), "import", str(exported(project)))
    assert code == 1
    assert f"error: build/exchange/ko/report.xlf:{line}: segment rejected: inline codes do not match" in err
    assert "placeholder <2/> missing" in err
    po = polib.pofile(str(po_path(project)))
    assert next(e for e in po if e.msgid.startswith("Read the")).msgstr == ""
    assert po.find("A new sentence nobody translated.").msgstr == "새 문장."  # the good segment is imported


def test_unknown_inline_code_id_is_rejected(project, capsys):
    assert run_cli(capsys, "-C", str(project), "export", "-l", "ko")[0] == 0
    _edit(exported(project), {LINK_SOURCE: ('<x id="2"/><g id="link">보고서</g>', "translated")})
    code, _, err = run_cli(capsys, "-C", str(project), "import", str(exported(project)))
    assert code == 1
    assert "inline code <g> has id 'link'" in err


def test_reviewed_translation_is_never_lost(project, capsys):
    assert run_cli(capsys, "-C", str(project), "export", "-l", "ko")[0] == 0
    path = exported(project)
    _edit(path, {"Annual report": ("연간 보고서", "translated")})
    code, out, err = run_cli(capsys, "-C", str(project), "import", str(path))
    assert code == 1 and "conflict: build/exchange/ko/report.xlf:" in err and "--overwrite" in err
    assert polib.pofile(str(po_path(project))).find("Annual report").msgstr == "연례 보고서"
    # a draft never replaces a reviewed translation, even with --overwrite
    _edit(path, {"Annual report": (None, "needs-review-translation")})
    code, out, err = run_cli(capsys, "-C", str(project), "import", "--overwrite", str(path))
    assert "kept the reviewed translation" in err
    assert polib.pofile(str(po_path(project))).find("Annual report").msgstr == "연례 보고서"
    # --overwrite takes a reviewed segment, and the replaced translation stays in a comment
    _edit(path, {"Annual report": (None, "final")})
    assert run_cli(capsys, "-C", str(project), "import", "--overwrite", str(path))[0] == 0
    entry = polib.pofile(str(po_path(project))).find("Annual report")
    assert entry.msgstr == "연간 보고서" and "fuzzy" not in entry.flags
    assert 'it was: "연례 보고서"' in entry.tcomment


CAT_TOOL_FILE = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"
       xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">
  <file original="source/report.md" source-language="en-US" target-language="ko-KR" datatype="x-sdlfilterframework2">
    <header><tool tool-id="memoq" tool-name="memoQ" tool-version="11"/></header>
    <body>
      <group id="g1">
        <trans-unit id="{link_id}" sdl:locked="false">
          <source>Read the <bx id="1" rid="7"/>full report<ex id="3" rid="7"/> and see <ph id="2">&lt;img/&gt;</ph> here.</source>
          <seg-source><mrk mtype="seg" mid="1">Read the <bx id="1" rid="7"/>full report<ex id="3" rid="7"/> and see <ph id="2">&lt;img/&gt;</ph> here.</mrk></seg-source>
          <target state="signed-off"><mrk mtype="seg" mid="1"><ph id="2">&lt;img/&gt;</ph> 지도를 보고 <bx id="1" rid="7"/>전체 보고서<ex id="3" rid="7"/>를 읽으세요.</mrk></target>
        </trans-unit>
        <trans-unit id="omegat-2">
          <source>Officials denied it.</source>
          <target>관리들은 이를 부인했다.</target>
        </trans-unit>
        <trans-unit id="omegat-3">
          <source>The envoy left.</source>
          <target state="needs-review-translation">특사가 떠났다.</target>
        </trans-unit>
      </group>
    </body>
  </file>
</xliff>
"""


def test_a_file_written_the_way_cat_tools_write_it(project, capsys):
    """Region subtags, groups, seg-source/mrk segmentation, bx/ex and ph codes, ids of the tool's own,
    a target without a state (OmegaT), tool-specific namespaces."""
    from l10n.exchange.units import unit_id

    link_msgid = next(e.msgid for e in polib.pofile(str(po_path(project))) if e.msgid.startswith("Read the"))
    path = project / "from-agency.xlf"
    path.write_text(CAT_TOOL_FILE.replace("{link_id}", unit_id(None, link_msgid)), encoding="utf-8")
    code, out, err = run_cli(capsys, "-C", str(project), "import", str(path))
    assert code == 0, err
    assert "2 reviewed, 1 drafts" in out
    po = polib.pofile(str(po_path(project)))
    link = po.find(link_msgid)
    assert link.msgstr == "<2/> 지도를 보고 <1>전체 보고서</1>를 읽으세요." and "fuzzy" not in link.flags
    assert po.find("Officials denied it.").msgstr == "관리들은 이를 부인했다."
    assert "fuzzy" not in po.find("Officials denied it.").flags
    envoy = po.find("The envoy left.")
    assert envoy.msgstr == "특사가 떠났다." and "fuzzy" in envoy.flags
    assert msgfmt_check(po_path(project)).returncode == 0


def test_malformed_or_foreign_files_stop_before_anything_is_written(project, capsys):
    before = po_path(project).read_bytes()
    bad = project / "bad.xlf"
    bad.write_text('<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "-C", str(project), "import", str(bad))
    assert code == 1 and err.startswith("error: bad.xlf:4: not well-formed XML")
    wrong_lang = project / "ja.xlf"
    wrong_lang.write_text(
        CAT_TOOL_FILE.replace("ko-KR", "ja-JP").replace("{link_id}", "x"), encoding="utf-8"
    )
    code, _, err = run_cli(capsys, "-C", str(project), "import", str(wrong_lang))
    assert code == 1 and "error: ja.xlf:4: target language 'ja-JP' is not one of the project's locales" in err
    assert po_path(project).read_bytes() == before


def test_a_source_edited_since_the_export_is_reported_not_guessed(project, capsys):
    assert run_cli(capsys, "-C", str(project), "export", "-l", "ko")[0] == 0
    _edit(exported(project), {"A new sentence nobody translated.": ("새 문장.", "translated")})
    src = project / "source" / "report.md"
    src.write_text(src.read_text().replace("nobody translated", "nobody has translated"))
    assert run_cli(capsys, "-C", str(project), "update")[0] == 0
    code, out, err = run_cli(capsys, "-C", str(project), "import", str(exported(project)))
    assert "source is not in the catalog" in err
    po = polib.pofile(str(po_path(project)))
    assert po.find("A new sentence nobody has translated.").msgstr == ""


def test_no_context_and_the_empty_context_import_into_their_own_entries(project, capsys):
    # (None, msgid) and ("", msgid) are two entries (as in gettext) that share one unit id;
    # the context the file carries (resname, "" for the empty one) decides which one a segment fills.
    po = polib.pofile(str(po_path(project)))
    po.append(polib.POEntry(msgctxt="", msgid="Annual report", msgstr=""))
    po_path(project).write_text(catalog_text(po), encoding="utf-8")
    assert run_cli(capsys, "-C", str(project), "export", "-l", "ko")[0] == 0
    doc = etree.parse(str(exported(project)))
    ns = {"x": X12}
    units = [u for u in doc.iterfind(".//x:trans-unit", ns) if u.findtext("x:source", namespaces=ns) == "Annual report"]
    assert sorted(u.get("resname", "-") for u in units) == ["", "-"] and len({u.get("id") for u in units}) == 1
    for unit in units:
        target = unit.find("x:target", ns)
        if target is None:
            target = etree.SubElement(unit, f"{{{X12}}}target")
        target.text = "빈 맥락의 제목" if unit.get("resname") == "" else "연례 보고서"
        target.set("state", "final")
        unit.set("approved", "yes")
    doc.write(str(exported(project)), xml_declaration=True, encoding="UTF-8")
    code, out, err = run_cli(capsys, "-C", str(project), "import", str(exported(project)))
    assert code == 0, err
    assert "0 conflicts" in out, out
    by_key = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(po_path(project)))}
    assert by_key[(None, "Annual report")].msgstr == "연례 보고서"
    assert by_key[("", "Annual report")].msgstr == "빈 맥락의 제목"
    assert "fuzzy" not in by_key[("", "Annual report")].flags
