import pytest

from l10n.mt.apertium import ApertiumEngine
from l10n.mt.errors import ModelMissing
from l10n.mt.translate_units import translate_units

pytestmark = pytest.mark.usefixtures("apertium_required")


@pytest.fixture(scope="module")
def apertium():
    return ApertiumEngine()


def test_real_spanish_with_placeholders(apertium):
    units = ["The report is available online.", "The report is <1>available online</1>.",
             "I have 1,000 books at http://x.org/a_b.", "The report is available online.", "The <1>red</1> car<2/> is fast."]
    results = translate_units(apertium, units, "eng", "spa")
    assert "informe" in results[0].text
    assert results[0].text.endswith(".")
    assert "<1>" in results[1].text and "</1>" in results[1].text and results[1].problems == []
    assert "1,000" in results[2].text and "http://x.org/a_b" in results[2].text and results[2].problems == []
    assert results[4].problems == []
    assert apertium.calls == 1 and apertium.processes == 1
    ident = results[0].identity
    assert ident.engine == "apertium" and ident.package == "apertium-eng-spa"


def test_missing_mode(apertium):
    with pytest.raises(ModelMissing) as exc:
        apertium.identity("eng", "kor")
    assert "apertium" in exc.value.hint
    assert apertium.mode("spa", "eng_US") == "spa-eng_US"
