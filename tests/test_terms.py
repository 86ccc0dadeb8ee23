"""Termbase: the CSV format, its errors, and the matching rules of l10n/terms.py."""


import pytest

from helpers import calls_made, make_project
from l10n.config import load_config
from l10n.errors import GlossaryError
from l10n.terms import Term, load_termbase, read_termbase

GLOSSARY = """\ufeffsource,target,note
# organisations and people
Human Rights Watch,,organisation: never translated
Chin State,estado de Chin,a state of Myanmar
Chin States,estados de Chin,
UN,ONU,
UN Human Rights Council,Consejo de Derechos Humanos de la ONU,
songbun,"성분",hereditary class system
policy,política,
Dr. Aye Chan,,a person
North Korea,Corea del Norte,
box,caja,
金正恩,,
"""


@pytest.fixture(scope="module")
def termbase():
    return read_termbase(GLOSSARY, path="g.csv")


def found(termbase, text):
    return [(m.text, m.term.source) for m in termbase.find(text)]


def test_reads_terms_notes_and_do_not_translate(termbase):
    assert len(termbase) == 11
    assert Term("Human Rights Watch", None, "organisation: never translated") in list(termbase)
    assert Term("songbun", "성분", "hereditary class system") in list(termbase)
    assert next(t for t in termbase if t.source == "Dr. Aye Chan").do_not_translate


def test_spans_point_into_the_text(termbase):
    text = "In <1>Chin State</1>, Human Rights Watch met Dr. Aye Chan."
    for m in termbase.find(text):
        assert text[m.start:m.end] == m.text
    assert found(termbase, text) == [("Chin State", "Chin State"), ("Human Rights Watch", "Human Rights Watch"),
                                     ("Dr. Aye Chan", "Dr. Aye Chan")]


def test_word_boundaries_and_possessives(termbase):
    assert found(termbase, "UNICEF and the un-named North Korean officials") == []
    assert found(termbase, "North Korea’s government") == [("North Korea", "North Korea")]
    assert found(termbase, "the UN's office") == [("UN", "UN")]


def test_english_plurals(termbase):
    assert found(termbase, "policies, boxes and a policy") == [
        ("policies", "policy"), ("boxes", "box"), ("policy", "policy")]


def test_case_rules_for_names_and_common_words(termbase):
    # lower-case terms match in any case; capitals of a name's first word must stay capitals
    assert found(termbase, "Songbun and SONGBUN") == [("Songbun", "songbun"), ("SONGBUN", "songbun")]
    assert found(termbase, "a chin state, un día") == []
    assert found(termbase, "Chin state") == [("Chin state", "Chin State")]


def test_longest_match_first_without_overlap(termbase):
    assert found(termbase, "the UN Human Rights Council and the UN") == [
        ("UN Human Rights Council", "UN Human Rights Council"), ("UN", "UN")]
    # the plural entry wins over the inflected singular
    assert found(termbase, "the Chin States") == [("Chin States", "Chin States")]


def test_white_space_and_apostrophes_match_loosely():
    tb = read_termbase("source,target\nKim Jong Un,김정은\nit's,es\n", path="g.csv")
    assert found(tb, "Kim\u00a0Jong\nUn said it’s") == [("Kim\u00a0Jong\nUn", "Kim Jong Un"), ("it’s", "it's")]


def test_terms_in_scripts_without_spaces(termbase):
    assert found(termbase, "朝鲜领导人金正恩抵达") == [("金正恩", "金正恩")]


def test_matching_work_does_not_grow_with_the_termbase():
    """Finding terms costs the same with 5,000 terms as with 50 (counted calls, not time)."""
    def termbase(n: int):
        return read_termbase("source,target\n" + "".join(f"term{i} word{i},t{i}\n" for i in range(n)), path="g")

    small, large = termbase(50), termbase(5000)
    small.find("warm-up")
    large.find("warm-up")
    text = "this is term42 word42, term49 word49 and term77 word7 " * 200
    assert [m.text for m in large.find(text)[:2]] == ["term42 word42", "term49 word49"]
    assert len(large.find(text)) == len(small.find(text)) == 400
    assert calls_made(lambda: large.find(text)) < 1.5 * calls_made(lambda: small.find(text)) + 100


@pytest.mark.parametrize("text, line, message", [
    ("source,target\nHRW,,\n\nhrw,x\n", 4, "already defined on line 2"),
    ("source,target\n,x\n", 2, "empty source term"),
    ("source,target\n...,x\n", 2, "no letter or digit"),
    ("source,target\na,b,c\n", 2, "3 cells, expected at most 2"),
    ("source,translation\n", 1, "unknown column 'translation'"),
    ("source,note\n", 1, "no 'target' column"),
    ("a,b\n", 1, "unknown column 'a'"),
    ('source,target\n"a,b\n', 2, "malformed CSV"),
])
def test_errors_name_file_and_line(text, line, message):
    with pytest.raises(GlossaryError) as exc:
        read_termbase(text, path="locales/es/glossary.csv")
    assert exc.value.path == "locales/es/glossary.csv"
    assert exc.value.line == line, str(exc.value)
    assert message in exc.value.message


def test_load_termbase_from_the_locale_folder(tmp_path):
    root = make_project(tmp_path / "p", {"doc.md": "Hello.\n"}, locales=("es",))
    config = load_config(root)
    assert len(load_termbase(config, "es")) == 0
    path = root / "locales" / "es" / "glossary.csv"
    path.parent.mkdir(parents=True)
    path.write_text("source,target,note\nHuman Rights Watch,,\n", encoding="utf-8")
    assert [t.source for t in load_termbase(config, "es")] == ["Human Rights Watch"]
    path.write_bytes(b"source,target\nok,ok\n\xff,x\n")
    with pytest.raises(GlossaryError) as exc:
        load_termbase(config, "es")
    assert (exc.value.path, exc.value.line) == ("locales/es/glossary.csv", 3)
