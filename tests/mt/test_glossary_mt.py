"""Glossary terms, dates and numbers protected through both real engines
(tiny CTranslate2 models built at test time, Debian's Apertium), the MT cache
keyed by what the glossary puts in, and Apertium's unknown-word marks."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from helpers import make_project, msgfmt_check, run_cli
from l10n.catalog.state import provenance_terms
from l10n.mt.apertium import ApertiumEngine, strip_marks
from l10n.mt.cache import MTCache
from l10n.mt.protect import protect_unit, unprotect
from l10n.mt.verify import verify_draft
from l10n.mt.translate_units import translate_units
from l10n.placeholders import check_placeholders
from l10n.terms import read_termbase

ROOT = Path(__file__).resolve().parents[2]
KO_TERMS = read_termbase(
    "source,target,note\nHuman Rights Watch,휴먼라이츠워치,\nKim Jong Un,김정은,\nCOI,,keep\n"
    "UN Human Rights Council,유엔 인권이사회,\nUN,유엔,\nsongbun,성분,\n",
    path="locales/ko/glossary.csv")
UNITS = [
    "Human Rights Watch said today that Kim Jong Un met the UN Human Rights Council.",
    "In <1>March 2023</1>, the COI found that <2>songbun</2> decides 3.5 times more than the UN says.",
    "North Korean leader Kim Jong Un sits in a vehicle on February 26, 2019.",
    "A sentence without any term or number.",
    "Prices rose for 1.2 million people.",
]
needs_apertium = pytest.mark.usefixtures("apertium_required")


@pytest.fixture(scope="module")
def apertium():
    return ApertiumEngine()


def spanish_glossary():
    path = ROOT / "locales" / "es" / "glossary.csv"
    return read_termbase(path.read_text(encoding="utf-8"), path="locales/es/glossary.csv")


def test_protect_wraps_terms_and_quantities_after_the_units_own_placeholders():
    protected = protect_unit(UNITS[1], KO_TERMS, locale="ko")
    # <1> and <2> are the unit's; terms and quantities get <3>...
    assert protected.text == ("In <1><3>March 2023</3></1>, the <4>COI</4> found that <2><5>songbun</5></2> "
                              "decides <6>3.5</6> times more than the <7>UN</7> says.")
    assert [(f.kind, f.text) for f in protected.fills] == [
        ("date", "2023년 3월"), ("term", "COI"), ("term", "성분"), ("number", "3.5"), ("term", "유엔")]
    assert protected.terms == ("COI", "songbun", "UN")
    assert protect_unit(UNITS[3], KO_TERMS, locale="ko").context == ""  # nothing protected: the old cache key


def test_a_lost_wrapper_is_reported_not_hidden():
    protected = protect_unit("Kim Jong Un spoke.", KO_TERMS, locale="ko")
    text = unprotect("그가 말했다.", protected)
    assert text == "그가 말했다."
    # The glossary check of 'l10n check' reports it, for a draft as for a reviewed entry.
    assert verify_draft("Kim Jong Un spoke.", text, locale="ko", termbase=KO_TERMS) == [
        "warning[glossary]: term 'Kim Jong Un' should be translated '김정은' (glossary); not in translation"]


def test_argos_puts_every_term_and_quantity_in_as_the_glossary_says(engine):
    results = translate_units(engine, UNITS, "en", "ko", termbase=KO_TERMS, locale="ko")
    for unit, result in zip(UNITS, results):
        protected = protect_unit(unit, KO_TERMS, locale="ko")
        for fill in protected.fills:
            assert fill.text in result.text, (fill, result.text)
        assert result.terms == protected.terms
        assert check_placeholders(unit, result.text) == []  # wrappers gone, the unit's own tags back
        assert not re.search(r"<[3-9]>|</[3-9]>", result.text)
    assert "2019년 2월 26일" in results[2].text and "김정은" in results[2].text
    assert results[3].terms == ()
    # Korean writes 1.2 million as 120만: that is no "missing number" for verify
    assert "120만" in results[4].text and not any("1.2" in p for p in results[4].problems), results[4].problems


@needs_apertium
def test_apertium_keeps_names_and_places_of_the_spanish_glossary(apertium):
    # The howlers of issue 7: names translated word for word.
    units = ["Human Rights Watch reporting on the Chin states said Dr. Aye Chan had left.",
             "In Chin State, prices rose 3.5 times in March 2023, to 1,200 kyat."]
    plain = translate_units(apertium, units, "eng", "spa")
    assert "Miran" in plain[0].text and "Barbilla" in plain[0].text  # the engine alone gets them wrong
    results = translate_units(apertium, units, "eng", "spa", termbase=spanish_glossary(), locale="es")
    first, second = (r.text for r in results)
    assert "Human Rights Watch" in first and "Dr. Aye Chan" in first and "estados de Chin" in first
    assert not re.search(r"Miran|Barbilla|derechos humanos|dicho Sí", first)
    assert results[0].terms == ("Human Rights Watch", "Chin States", "Dr. Aye Chan")
    assert "estado de Chin" in second and "marzo de 2023" in second and "3,5" in second and "1.200" in second
    assert "Marcha" not in second and "3.5" not in second
    assert [p for r in results for p in r.problems if p.startswith("error")] == []


@needs_apertium
def test_apertium_unknown_words_become_a_check_line_not_text(apertium):
    units = ["The physician met the rapporteur.", "Write to info@hrw.org about #MeToo and Dr. Aye Chan."]
    results = translate_units(apertium, units, "eng", "spa", termbase=spanish_glossary(), locale="es")
    assert "*" not in results[0].text and "physician" in results[0].text
    assert "unknown words: physician, rapporteur" in results[0].problems
    # an e-mail's @ and a hashtag are text; a name the glossary keeps is not reported
    assert "info@hrw.org" in results[1].text and "#MeToo" in results[1].text
    assert not any("Chan" in p for p in results[1].problems)


def test_strip_marks_keeps_marks_the_source_writes():
    text, marked = strip_marks("Ask @hrw, #MeToo and a@b.org", "Pregunta @*hrw, #*MeToo y a@b.org #ser")
    assert text == "Pregunta @hrw, #MeToo y a@b.org ser"
    assert marked == ("*hrw", "*MeToo", "#ser")


def test_a_glossary_edit_invalidates_only_the_units_it_changes(engine, tmp_path):
    before = read_termbase("source,target\nKim Jong Un,김정은\n", path="g.csv")
    after = read_termbase("source,target\nKim Jong Un,김정은 위원장\n", path="g.csv")
    units = [UNITS[0], UNITS[3]]
    with MTCache(tmp_path) as cache:
        first = translate_units(engine, units, "en", "ko", cache=cache, termbase=before, locale="ko")
        again = translate_units(engine, units, "en", "ko", cache=cache, termbase=before, locale="ko")
        edited = translate_units(engine, units, "en", "ko", cache=cache, termbase=after, locale="ko")
    assert [r.cached for r in again] == [True, True] and [r.text for r in again] == [r.text for r in first]
    assert [r.cached for r in edited] == [False, True]  # the unit without the term keeps its entry
    assert "김정은 위원장" in edited[0].text and "김정은 위원장" not in first[0].text


def spanish_project(tmp_path, glossary: str) -> Path:
    root = make_project(tmp_path / "p", {"a.md": "# Chin State\n\nHuman Rights Watch reporting on the Chin states "
                                                 "said Dr. Aye Chan left in March 2023.\n\nThe physician left.\n"},
                        locales=("es",), extra='engine = "apertium"\n')
    (root / "locales" / "es").mkdir(parents=True)
    (root / "locales" / "es" / "glossary.csv").write_text(glossary, encoding="utf-8")
    return root


@needs_apertium
def test_translate_names_the_terms_in_the_provenance_line(tmp_path, capsys, apertium):
    glossary = (ROOT / "locales" / "es" / "glossary.csv").read_text(encoding="utf-8")
    root = spanish_project(tmp_path, glossary)
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    code, _, err = run_cli(capsys, "-C", str(root), "translate")
    assert code == 0, err
    path = root / "locales" / "es" / "LC_MESSAGES" / "a.po"
    assert msgfmt_check(path).returncode == 0
    entry = polib.pofile(str(path)).find("Human Rights Watch reporting on the Chin states said Dr. Aye Chan left "
                                        "in March 2023.")
    assert "fuzzy" in entry.flags
    assert "Human Rights Watch" in entry.msgstr and "marzo de 2023" in entry.msgstr
    mt_line = next(line for line in entry.tcomment.splitlines() if line.startswith("mt:"))
    assert re.fullmatch(r'mt: engine=apertium .* score=n/a terms=\["Human Rights Watch", "Chin States", '
                        r'"Dr\. Aye Chan"\]', mt_line), mt_line
    unknown = polib.pofile(str(path)).find("The physician left.")
    assert "check: unknown words: physician" in unknown.tcomment.splitlines()
    assert provenance_terms(polib.pofile(str(path)).find("Chin State").tcomment) == ["Chin State"]
    # A PO editor that wraps comments at 78 columns (polib does) keeps the terms readable.
    catalog = polib.pofile(str(path), wrapwidth=78)
    catalog.save(str(path))
    assert any(len(line) <= 78 for line in path.read_text().splitlines() if line.startswith("# "))
    rewrapped = polib.pofile(str(path)).find(entry.msgid)
    assert "\n" in rewrapped.tcomment.split("mt:", 1)[1]  # the line really was wrapped
    assert provenance_terms(rewrapped.tcomment) == ["Human Rights Watch", "Chin States", "Dr. Aye Chan"]


def test_a_malformed_glossary_stops_translate_before_anything_is_written(tmp_path, capsys):
    root = spanish_project(tmp_path, "source,target\nHuman Rights Watch,\nhuman rights watch,x\n")
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    path = root / "locales" / "es" / "LC_MESSAGES" / "a.po"
    before = path.read_bytes()
    code, _, err = run_cli(capsys, "-C", str(root), "translate")
    assert code == 1
    assert "error: locales/es/glossary.csv:3: source term 'human rights watch' is already defined on line 2" in err
    assert path.read_bytes() == before


def test_a_put_back_word_that_begins_the_sentence_is_capitalized_unless_cased_inside():
    termbase = read_termbase("source,target\nChin State,estado de Chin\niPhone,\n", path="g.csv")
    protected = protect_unit("Chin State and iPhone users in March 2023.", termbase, locale="es")
    assert protected.text == "<1>Chin State</1> and <2>iPhone</2> users in <3>March 2023</3>."
    moved = "<2>iPhone</2> y <1>Barbilla declara</1> usuarios en <3>Marcha 2023</3>."
    assert unprotect(moved, protected) == "iPhone y estado de Chin usuarios en marzo de 2023."
    first = "<1>Barbilla declara</1> y <2>iPhone</2> usuarios en <3>Marcha 2023</3>."
    assert unprotect(first, protected) == "Estado de Chin y iPhone usuarios en marzo de 2023."
