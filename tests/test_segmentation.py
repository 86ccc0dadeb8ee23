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
        # An abbreviation that may close a sentence closes it before a typical first word.
        ("It happened in the U.S. The next day it ended.", ["It happened in the U.S.", "The next day it ended."]),
        ("They met at 5 p.m. She left.", ["They met at 5 p.m.", "She left."]),
        ("The U.S. Congress met at 9 a.m. Eastern Time.", ["The U.S. Congress met at 9 a.m. Eastern Time."]),
        ("He lives in Washington, D.C. The mayor agreed.", ["He lives in Washington, D.C.", "The mayor agreed."]),
        ("The D.C. Circuit ruled.", ["The D.C. Circuit ruled."]),
        ("Dr. The Reverend spoke. Mr. A. Smith came.", ["Dr. The Reverend spoke.", "Mr. A. Smith came."]),
        ("Use tools, e.g. The Hammer. Done.", ["Use tools, e.g. The Hammer.", "Done."]),
    ],
)
def test_sentence_rules(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He left.<1/>She came.", ["He left.", "<1/>She came."]),
        ("He left. <1/> She came.", ["He left.", "<1/> She came."]),
        ("He said “no.”<1/>Then he left.", ["He said “no.”", "<1/>Then he left."]),
        ("A line<1/>B line.", ["A line<1/>B line."]),  # a break without a full stop
        ("He left.<1/>and came back.", ["He left.<1/>and came back."]),  # lower case continues
        ("He left.<2/>She came.", ["He left.<2/>She came."]),  # <2/> is an image, not a break
    ],
)
def test_a_line_break_after_a_full_stop_ends_the_sentence(text, expected):
    assert [text[a:b] for a, b in split_sentences(text, breaks={1})] == expected


def test_never_splits_inside_markup():
    # The period inside <2>...</2> is not a boundary: a unit keeps balanced placeholders.
    assert sentences("<1>He left.</1> Then <2>she. Came</2> back.") == [
        "<1>He left.</1>",
        "Then <2>she. Came</2> back.",
    ]


def test_escaped_placeholder_is_text():
    assert sentences(r"Use \<1> literally. Next.") == [r"Use \<1> literally.", "Next."]
