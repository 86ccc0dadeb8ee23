import pytest

from l10n.segment import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Dr. Smith met Mr. Jones. They talked.", ["Dr. Smith met Mr. Jones.", "They talked."]),
        ("The U.S. and U.N. agreed. Then it ended.", ["The U.S. and U.N. agreed.", "Then it ended."]),
        ("Use tools, e.g. hammers, i.e. heavy ones. Done.", ["Use tools, e.g. hammers, i.e. heavy ones.", "Done."]),
        ("It began on Jan. 5 in Seoul. It ended.", ["It began on Jan. 5 in Seoul.", "It ended."]),
        ("See No. 3 in the list. No. That is wrong.", ["See No. 3 in the list.", "No.", "That is wrong."]),
        ("It cost 1.2 million dollars. Really.", ["It cost 1.2 million dollars.", "Really."]),
        ("Wait… what was that? Nothing.", ["Wait… what was that?", "Nothing."]),
        ("He hesitated... Then he spoke.", ["He hesitated...", "Then he spoke."]),
        ("He said “no.” Then he left.", ["He said “no.”", "Then he left."]),
        ("She said 'yes.' He agreed.", ["She said 'yes.'", "He agreed."]),
        ("John F. Kennedy spoke. 1948 was long ago.", ["John F. Kennedy spoke.", "1948 was long ago."]),
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        ("Version 2.0 is out. Get it.", ["Version 2.0 is out.", "Get it."]),
        ("你好。世界！好吗？", ["你好。", "世界！", "好吗？"]),
        ("No terminal punctuation", ["No terminal punctuation"]),
        ("  Spaces around.   Collapse.  ", ["Spaces around.", "Collapse."]),
    ],
)
def test_sentence_rules(text, expected):
    assert sentences(text) == expected


def test_never_splits_inside_markup():
    # The period inside <2>...</2> is not a boundary: a unit keeps balanced placeholders.
    assert sentences("<1>He left.</1> Then <2>she. Came</2> back.") == [
        "<1>He left.</1>",
        "Then <2>she. Came</2> back.",
    ]


def test_escaped_placeholder_is_text():
    assert sentences(r"Use \<1> literally. Next.") == [r"Use \<1> literally.", "Next."]
