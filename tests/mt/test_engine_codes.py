import pytest

from l10n.mt.engine import EngineIdentity, apertium_code, apertium_mode, argos_code


@pytest.mark.parametrize("locale,code", [
    ("ko", "ko"), ("zh_Hans", "zh"), ("zh_Hant", "zt"), ("zh-Hant-TW", "zt"), ("zh_TW", "zt"),
    ("pt_BR", "pb"), ("pt", "pt"), ("ja", "ja"), ("es", "es"), ("fr", "fr"), ("ru", "ru"),
    ("ar", "ar"), ("en", "en"), ("ko_KR", "ko"), ("sr@latin", "sr"),
])
def test_argos_code(locale, code):
    assert argos_code(locale) == code


@pytest.mark.parametrize("locale,code", [
    ("en", "eng"), ("es", "spa"), ("fr", "fra"), ("ru", "rus"), ("ar", "ara"), ("ko", "kor"),
    ("pt_BR", "por_BR"), ("zh_Hans", "zho"), ("ca", "cat"),
])
def test_apertium_code(locale, code):
    assert apertium_code(locale) == code


def test_apertium_mode():
    assert apertium_mode("en", "es") == "eng-spa"
    assert apertium_mode("es", "en_US") == "spa-eng_US"


def test_identity_key_is_stable_and_option_sensitive():
    a = EngineIdentity("argos", "translate-en_ko", "1.1", "beam=4")
    assert a.key == EngineIdentity("argos", "translate-en_ko", "1.1", "beam=4").key
    assert a.key != EngineIdentity("argos", "translate-en_ko", "1.1", "beam=1").key
