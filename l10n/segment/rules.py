"""The tables behind sentence segmentation and tree walking, in one place."""

from __future__ import annotations

# Words that end with a period but do not end a sentence (compared without the
# period, case-sensitively).  Titles and months precede a name or a number.
ABBREVIATIONS = frozenset(
    """Mr Mrs Ms Mx Dr Prof Sr Jr St Mt Ft Gen Col Lt Sgt Capt Cmdr Adm Maj Gov Sen Rep
    Rev Hon Pres Amb Supt Insp Messrs Mme Mlle
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    vs cf approx dept est fig figs ca al
    e.g i.e a.m p.m U.S U.K U.N E.U U.S.A Ph.D""".split()
)
# Abbreviations that may also end a sentence ("in the U.S.", "at 5 p.m."):
# after one, a sentence ends when the next word is one that usually starts a
# sentence (SENTENCE_STARTERS: "in the U.S. The next day"), and continues
# otherwise ("the U.S. Congress", "5 p.m. Eastern Time").  Initialisms not
# listed here ("D.C.", "U.A.E.") follow the same rule.
SENTENCE_FINAL_ABBREVIATIONS = frozenset("U.S U.K U.N E.U U.S.A a.m p.m Jr Sr al Ph.D".split())
SENTENCE_STARTERS = frozenset(
    """The A An This That These Those It Its He She They We I You His Her Their Our My There Here
    In On At By For From With After Before During Since Until When While If As Although Though Because
    But And Or Yet So However Then Meanwhile Later Today Yesterday Tomorrow Also Still Now Some Many
    Most All Both Each Every Such No None Neither Nor Other Others Several Few What Who Why How Where""".split()
)
# Abbreviations that only continue the sentence before a number ("No. 3",
# "Art. 12", "p. 45"); before a capitalized word they may end it ("No. Then").
NUMERIC_ABBREVIATIONS = frozenset("No Nos no nos Art Vol vol Fig p pp para paras ch Ch sec Sec Ex".split())

SENTENCE_END = frozenset(".!?…")
CJK_SENTENCE_END = frozenset("。！？")
# Characters that may follow the terminator and still belong to the sentence.
CLOSING = frozenset("\"'”’»)]}›」』）")
# Characters that may open the next sentence before its first letter.
OPENING = frozenset("\"'“‘«([{‹「『（¿¡")

# Inline (phrasing) elements: their content flows inside a sentence.
INLINE_TAGS = frozenset(
    """a abbr b bdi bdo br cite code data del dfn em font i img input ins kbd label mark
    q s samp small span strike strong sub sup time tt u var wbr""".split()
)
# Inline elements whose content is kept verbatim (a void placeholder).
VERBATIM_INLINE_TAGS = frozenset({"code", "kbd", "samp", "br", "img", "wbr", "input"})
# Elements whose content is never translated.
SKIP_TAGS = frozenset({"script", "style", "pre", "textarea", "template", "svg", "math", "code"})
# Attributes whose values are translated, on any element.
TRANSLATABLE_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label", "aria-description")
# <meta name|property=...> whose content is translated.
TRANSLATABLE_META = frozenset({"description", "og:title", "og:description", "twitter:title", "twitter:description"})
