"""Each QA check on pairs that should and should not raise it."""

import polib
import pytest

from l10n.qa import CHECK_NAMES, ERROR, WARNING, check_catalog, check_entry


def found(source, translation, locale="ko"):
    return [(f.check, f.severity) for f in check_entry(source, translation, locale=locale)]


def messages(source, translation, locale="ko"):
    return [f.message for f in check_entry(source, translation, locale=locale)]


@pytest.mark.parametrize("translation,problem", [
    ("<1>보고서</1>를 보라.", None),
    ("보고서를 보라.", "placeholder <1> missing in translation (source has <1> </1>; translation has none)"),
    ("<1>보고서</1><2/>를 보라.", "placeholder <2/> in translation is not in the source"),
    ("</1>보고서<1>를 보라.", "placeholder </1> closes out of order in translation"),
])
def test_placeholders(translation, problem):
    got = messages("See <1>the report</1>.", translation)
    if problem is None:
        assert got == []
    else:
        assert len(got) == 1 and got[0].startswith(problem), got
        assert found("See <1>the report</1>.", translation) == [("placeholders", ERROR)]


def test_placeholders_nested_as_in_the_source():
    source = "Read <1>the <2>full</2> report</1> now."
    assert found(source, "<1><2>전체</2> 보고서</1>를 읽어라.") == []
    assert messages(source, "<1>보고서</1> <2>전체</2>를 읽어라.") == [
        "placeholder <2> is inside the top level in translation, inside <1> in the source"]


@pytest.mark.parametrize("locale,source,translation,ok", [
    ("ko", "About 1.2 million people fled in 2019.", "2019년에 약 120만 명이 탈출했다.", True),
    ("zh_Hans", "About 1.2 million people fled in 2019.", "2019年约有120万人出逃。", True),
    ("ko", "About 1.2 million people fled in 2019.", "2019년에 약 12만 명이 탈출했다.", False),
    ("ko", "It happened on February 26, 2019.", "2019년 2월 26일에 일어났다.", True),
    ("zh_Hans", "It happened on February 26, 2019.", "事情发生在2019年2月26日。", True),
    ("ko", "It happened on February 26, 2019.", "2019년 2월 25일에 일어났다.", False),
    ("es", "It grew 3.5 times.", "Creció 3,5 veces.", True),
    ("fr", "It grew 3.5 times.", "Il a augmenté de 3,5 fois.", True),
    ("ru", "It grew 3.5 times.", "Он вырос в 3,5 раза.", True),
    ("ru", "It grew 3.5 times.", "Он вырос в 5,5 раза.", False),
    ("ko", "Eight years into his rule, in the 652-page report.", "집권 8년째, 652쪽 분량의 보고서에서.", True),
])
def test_numbers_in_the_locales_forms(locale, source, translation, ok):
    got = [f for f in check_entry(source, translation, locale=locale) if f.check == "numbers"]
    assert (got == []) is ok, got
    if not ok:
        assert got[0].severity == ERROR and "missing in translation" in got[0].message


def test_number_message_names_the_expected_form():
    (msg,) = [m for m in messages("Some 23 people died.", "22명이 사망했다.") if m.startswith("number")]
    assert msg == "number 23 missing in translation (ko writes it '23'; translation has 22)"


def test_urls_and_mail_addresses():
    source = "See https://hrw.org/report or write to press@hrw.org."
    assert found(source, "https://hrw.org/report를 보거나 press@hrw.org로 문의하라.") == []
    got = messages(source, "https://hrw.org/reports를 보거나 문의하라.")
    assert got[:2] == ["URL https://hrw.org/report missing in translation (translation has https://hrw.org/reports)",
                       "address press@hrw.org missing in translation (translation has https://hrw.org/reports)"]


@pytest.mark.parametrize("locale,source,translation,ok", [
    ("zh_Hans", "It is urgent.", "刻不容缓。", True),
    ("zh_Hans", "Is it urgent?", "紧急吗？", True),
    ("zh_Hans", "“It’s time to act.”", "“是时候采取行动了。”", True),
    ("zh_Hans", "“It’s time,” he said.", "“是时候了，”他说。", True),
    ("zh_Hans", "It is urgent.", "刻不容缓.", False),
    ("zh_Hans", "It is urgent.", "刻不容缓", False),
    ("ja", "It is urgent.", "緊急だ。", True),
    ("ko", "It is urgent.", "시급하다.", True),
    ("ko", "“It’s time to act.”", "“이제는 행동할 때다.”", True),
    ("ko", "It is urgent.", "시급하다。", False),
    ("ko", "Is it urgent?", "시급한가.", False),
    ("ko", "North Korea: Systematic Repression", "북한: 체계적 탄압", True),
    ("ko", "North Korea: Systematic Repression", "북한: 체계적 탄압.", False),
    ("es", "New York, NY 10118 USA", "Nueva York, NY 10118 EE.UU.", True),
    ("es", "Is it urgent?", "¿Es urgente?", True),
    ("ar", "Is it urgent?", "هل هو عاجل؟", True),
    ("th", "It is urgent.", "มันเร่งด่วน", True),
])
def test_end_punctuation_by_script(locale, source, translation, ok):
    got = [f for f in check_entry(source, translation, locale=locale) if f.check == "punctuation"]
    assert (got == []) is ok, got
    assert all(f.severity == WARNING for f in got)


def test_whitespace_and_doubled_words():
    assert found("It is urgent.", "시급하다.") == []
    assert found("It is urgent.", " 시급하다.") == [("whitespace", WARNING)]
    assert found("It is urgent.", "시급하다. ") == [("whitespace", WARNING)]
    assert found("It is urgent.", "정말  시급하다.") == [("whitespace", WARNING)]
    assert messages("It is very urgent.", "Es es muy urgente.", "es") == ["word 'Es es' doubled in translation"]
    assert found("He had had enough.", "Él había había tenido bastante.", "es") == []  # the source doubles it too


@pytest.mark.parametrize("locale,source,ok", [
    ("ko", "The meeting did not occur.", False),
    ("ko", "Kenneth Roth", False),  # Korean writes names in Hangul
    ("es", "Kenneth Roth", True),  # a name in a Latin-script target
    ("es", "The meeting did not occur.", False),
    ("ko", "<1/> 2019", True),
    ("ko", "https://hrw.org", True),
])
def test_identical_to_source(locale, source, ok):
    got = [f for f in check_entry(source, source, locale=locale) if f.check == "identical"]
    assert (got == []) is ok, got


def _catalog(pairs):
    po = polib.POFile()
    for source, translation in pairs:
        po.append(polib.POEntry(msgid=source, msgstr=translation))
    return po


def test_length_outliers_against_the_catalogs_median():
    pairs = [(f"This is English sentence number {n} of the test, with some words.", f"한국어 문장 {n}번, 몇 단어와 함께 있다.")
             for n in range(12)]
    pairs.append(("This sentence was translated only in part, which a reviewer must see.", "이 문장은"))
    pairs.append(("A short one.", "짧다."))  # too short to judge
    result = check_catalog(_catalog(pairs), locale="ko")
    flagged = {key[1]: [f for f in fs if f.check == "length"] for key, fs in result.items()}
    assert list(k for k, v in flagged.items() if v) == [pairs[12][0]]
    assert flagged[pairs[12][0]][0].message.startswith("translation unusually short")


def test_length_with_a_small_catalog_uses_the_scripts_prior():
    pairs = [("This sentence was translated only in part, which a reviewer must see.", "이 문장은"),
             ("The North Korean government systematically requires forced labor.", "북한 정부는 체계적으로 강제노동을 요구한다.")]
    result = check_catalog(_catalog(pairs), locale="ko")
    assert [k[1] for k, fs in result.items() if any(f.check == "length" for f in fs)] == [pairs[0][0]]


def test_check_catalog_keys_skips_and_empty_translations():
    po = _catalog([("One.", "하나."), ("Two.", ""), ("Three 3.", "셋 4.")])
    po.append(polib.POEntry(msgid="Ctx 5.", msgctxt="menu", msgstr="맥락 6."))
    obsolete = polib.POEntry(msgid="Old 7.", msgstr="옛 8.", obsolete=True)
    po.append(obsolete)
    result = check_catalog(po, locale="ko")
    assert set(result) == {(None, "Three 3."), ("menu", "Ctx 5.")}
    assert check_entry("Two.", "", locale="ko") == []


def test_every_registered_check_has_a_unique_name():
    assert len(CHECK_NAMES) == len(set(CHECK_NAMES))
    assert {"placeholders", "numbers", "urls", "punctuation", "whitespace", "doubled-words", "identical",
            "length", "glossary"} <= set(CHECK_NAMES)


GLOSSARY = """source,target,note
Human Rights Watch,휴먼라이츠워치,
songbun,성분,hereditary class system
REUTERS,,agency credit: never translated
Chin State,친주,
"""


def glossary_findings(source, translation):
    from l10n.terms import read_termbase

    termbase = read_termbase(GLOSSARY, path="locales/ko/glossary.csv")
    return [f.message for f in check_entry(source, translation, locale="ko", termbase=termbase)
            if f.check == "glossary"]


def test_glossary_terms_are_rendered_as_the_glossary_says():
    source = "Human Rights Watch said families with low <1>songbun</1> suffer."
    assert glossary_findings(source, "휴먼라이츠워치는 <1>성분</1>이 낮은 가족이 고통받는다고 밝혔다.") == []
    assert glossary_findings(source, "인권감시단은 <1>성분</1>이 낮은 가족이 고통받는다고 밝혔다.") == [
        "term 'Human Rights Watch' should be translated '휴먼라이츠워치' (glossary); not in translation"]
    assert glossary_findings("People in Chin states fled.", "친주 사람들이 피란했다.") == []


def test_do_not_translate_terms_stay_as_written():
    assert glossary_findings("© 2019 REUTERS/Athit", "© 2019 REUTERS/Athit") == []
    assert glossary_findings("© 2019 REUTERS/Athit", "© 2019 로이터/Athit") == [
        "do-not-translate term 'REUTERS' missing in translation"]


def test_identical_is_fine_when_every_word_is_do_not_translate():
    from l10n.terms import read_termbase

    termbase = read_termbase(GLOSSARY, path="g.csv")
    assert check_entry("REUTERS", "REUTERS", locale="ko", termbase=termbase) == []
    assert [f.check for f in check_entry("REUTERS", "REUTERS", locale="ko")] == ["identical"]


def test_a_small_number_written_in_words_is_only_a_warning():
    assert found("It grew 3 times.", "Creció tres veces.", "es") == [("numbers", WARNING)]
    assert found("It grew 3 times in 2019.", "Creció tres veces en 2018.", "es") == [
        ("numbers", WARNING), ("numbers", ERROR)]  # in source order
    assert found("Some 12 people.", "Unas doce personas.", "es") == [("numbers", ERROR)]


def test_a_number_left_as_the_source_writes_it_is_a_warning_not_an_error():
    assert messages("About 1.2 million fled on Jan. 5.", "About 1.2 million fled on Jan. 5.", "ko")[:2] == [
        "number 1.2 million written as in the source; ko writes it '120만'",
        "date Jan. 5 written as in the source; ko writes it '1월 5일'",
    ]
    assert [s for c, s in found("About 1.2 million fled.", "약 1.3 million 명이 탈출했다.") if c == "numbers"] == [ERROR]
    assert [s for c, s in found("In the 652-page report.", "6527777쪽 보고서.") if c == "numbers"] == [ERROR]
