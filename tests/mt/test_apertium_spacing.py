"""Apertium drafts are spaced the way a reviewer expects (real Apertium, no mock)."""

import pytest

from l10n.mt.apertium import ApertiumEngine, normalize_spacing
from l10n.placeholders import PLACEHOLDER_RE


@pytest.mark.parametrize(
    "raw, target, expected",
    [
        ("El (nuevo) ley,  dijo, es “duro” .", "spa", "El (nuevo) ley, dijo, es “duro”."),
        ('Es el " plan " mejor , no?', "spa", 'Es el "plan" mejor, no?'),
        ("Detuvieron 22 personas <1>en 2019</1> .", "spa", "Detuvieron 22 personas <1>en 2019</1>."),
        ("Dijo “ <1>hola</1> ” y « adiós » .", "spa", "Dijo “<1>hola</1>” y «adiós»."),
        ("¿ Por qué ? ¡ Ya !", "spa", "¿Por qué? ¡Ya!"),
        ("<1/>  texto <2/> más", "spa", "<1/> texto <2/> más"),  # placeholders and their spaces stay
        ("Il a dit : « oui » !", "fra", "Il a dit : « oui » !"),  # French spacing is right as it is
        ("Il a dit ,  oui .", "fra", "Il a dit, oui."),
        ('un " solo', "spa", 'un " solo'),  # an unpaired straight quote: left alone
    ],
)
def test_normalize_spacing(raw, target, expected):
    assert normalize_spacing(raw, target) == expected


def test_real_apertium_drafts_have_no_stray_spaces():
    engine = ApertiumEngine()
    units = ["The (new) law, she said, is “harsh”.", "It's the \"best\" plan, isn't it?",
             "Officials detained 22 people <1>in 2019</1>."]
    drafts = engine.translate(units, "eng", "spa")
    for unit, draft in zip(units, drafts):
        text = draft.text
        assert "  " not in text and " ," not in text and " ." not in text and "“ " not in text, text
        assert [m.group(0) for m in PLACEHOLDER_RE.finditer(text)] == [m.group(0) for m in PLACEHOLDER_RE.finditer(unit)]
    # Without the normalization this sentence comes back as "ley,  dijo" (apertium-eng-spa 0.8).
    assert "ley, dijo" in drafts[0].text
