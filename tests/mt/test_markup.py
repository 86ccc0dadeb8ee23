import random

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.mt.engine import Draft
from l10n.mt.markup import mask, restore
from l10n.mt.verify import verify_draft
from l10n.qa import Pair
from l10n.qa.markup import check_markup


def verify(source: str, translation: str, locale: str = "es") -> list[str]:
    return verify_draft(source, translation, locale=locale)


def test_mask_removes_placeholders_and_keeps_spans():
    m = mask("The report is <1>available online</1>.")
    assert m.plain == "The report is available online."
    (tag,) = m.tags
    assert m.plain[tag.start:tag.end] == "available online"


def test_mask_nested_void_and_escape():
    m = mask(r"A<2/> b <1>c <3>d</3></1> e \<4> f.")
    assert m.plain == "A b c d e <4> f."
    ids = [(t.id, t.kind) for t in m.tags]
    assert ids == [(2, "point"), (1, "pair"), (3, "pair")]
    assert m.tags[2].parent == 1


def test_restore_identity_translation_round_trips():
    for unit in ["The report is <1>available online</1>.", "<1>All of it.</1>",
                 "A<2/> b <1>c <3>d</3></1> e.", r"Keep \<1> literal <2>here</2>.", "  spaced <1>x</1>  "]:
        m = mask(unit)
        assert restore(m, Draft(m.plain)) == unit


def test_restore_uses_alignment():
    m = mask("The <1>red</1> car.")
    # "El coche rojo." with rojo aligned to red
    draft = Draft("El coche rojo.", 0.9, ((0, 3, 0, 2), (8, 11, 3, 8), (4, 7, 9, 13), (11, 12, 13, 14)))
    out = restore(m, draft)
    assert out == "El coche <1>rojo</1>."
    assert verify("The <1>red</1> car.", out) == []


def test_restore_escapes_tag_lookalikes_from_engine():
    m = mask("Use it.")
    assert restore(m, Draft("Use <3> it.")) == r"Use \<3> it."


def test_verify_messages_quote_expected_and_found():
    problems = verify("Click <1>here</1> and <2>there</2>.", "Clic <1>aquí</1> y allí.")
    assert problems == ["error[placeholders]: placeholder <2> missing in translation "
                        "(source has <1> </1> <2> </2>; translation has <1> </1>)"]


def test_verify_structure_problems():
    text = "\n".join(verify("<1>a</1> <2/> <3>b <4>c</4></3>", "<2/><2/> </3>b<3> <1></1> <5/> <4>c</4>"))
    assert "placeholder <2/> in translation is not in the source" in text  # the second one
    assert "placeholder <5/> in translation is not in the source" in text
    assert verify("<1>a <2>b</2></1>", "<1>a <2>b</1></2>") == [
        "error[placeholders]: placeholder </1> closes out of order in translation"]
    assert verify("x <1>the report</1>.", "x <1></1>.") == [
        "error[placeholders]: placeholder <1> encloses no text in translation (source: 'the report')"]
    assert verify("a <1>b <2/></1>", "a <2/><1>b</1>") == [
        "error[placeholders]: placeholder <2> is inside the top level in translation, inside <1> in the source"]


def test_verify_numbers_and_urls():
    assert verify("I have 1,000 books and 652 pages at https://x.org/a_b.",
                  "Tengo 1.000 libros y 652 páginas en https://x.org/a_b.") == []
    assert verify("page ６５２.", "página 652.") == []  # full-width digits
    p = verify("Visit https://example.org/data for 2,500 files and 17 cats.", "Visite example.org para 2500 archivos.")
    assert any(m.startswith("error[urls]: URL https://example.org/data missing") for m in p), p
    assert any(m.startswith("error[numbers]: number 17 missing in translation") for m in p), p
    # Placeholder ids are not numbers of the text.
    assert verify("<1>a</1>", "<1>b</1>") == []


# --- property: whatever the engine returns, restore yields all placeholders once, well nested


@st.composite
def units(draw):
    words = draw(st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "x", "ümlaut", "보고서", "报告"]),
                          min_size=1, max_size=8))
    next_id = [1]

    def build(ws, depth):
        out, i = [], 0
        while i < len(ws):
            choice = draw(st.integers(0, 5)) if depth < 3 else 5
            if choice == 0 and i < len(ws):
                n = draw(st.integers(1, len(ws) - i))
                tid = next_id[0]
                next_id[0] += 1
                out.append(f"<{tid}>" + build(ws[i:i + n], depth + 1) + f"</{tid}>")
                i += n
            elif choice == 1:
                out.append(f"<{next_id[0]}/>")
                next_id[0] += 1
            else:
                out.append(ws[i])
                i += 1
        return " ".join(out)

    return build(words, 0) + draw(st.sampled_from([".", "", "?"]))


@settings(max_examples=150, deadline=None)
@given(units(), st.text(alphabet="abc 보고서。.", max_size=30), st.integers(0, 2**32 - 1))
def test_restore_always_well_formed(unit, translated, seed):
    m = mask(unit)
    rng = random.Random(seed)
    alignment = None
    if translated and m.plain and rng.random() < 0.7:
        alignment = tuple(
            tuple(sorted((rng.randrange(len(m.plain) + 1), rng.randrange(len(m.plain) + 1))))
            + tuple(sorted((rng.randrange(len(translated) + 1), rng.randrange(len(translated) + 1))))
            for _ in range(rng.randrange(6)))
    out = restore(m, Draft(translated, None, alignment))
    # Every placeholder back once, well nested, each in the pair it was in:
    # only an emptied pair (restore cannot invent text) may remain to flag.
    problems = [f.message for f in check_markup(Pair(unit, out, "ko")) if "encloses no text" not in f.message]
    assert problems == [], (unit, out)
