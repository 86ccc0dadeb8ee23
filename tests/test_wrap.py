"""Line wrapping: the single-space fast path cuts lines where the word loop does."""

from hypothesis import given, strategies as st

from l10n.render.wrap import wrap

words = st.lists(st.text(alphabet="ab.-", min_size=1, max_size=14), max_size=14)


@given(words, st.integers(min_value=1, max_value=24))
def test_single_spaced_text_wraps_as_the_word_loop_does(parts: list[str], width: int) -> None:
    # Doubled spaces send the text through the general word loop, single ones
    # through the rfind fast path; both must give the same lines.
    assert wrap(" ".join(parts), width) == wrap("  ".join(parts), width)


def test_a_word_wider_than_the_line_stands_alone() -> None:
    assert wrap("a bb cccccccc d", 3) == ["a", "bb", "cccccccc", "d"]
    assert wrap("cccccccc", 3) == ["cccccccc"]
    assert wrap("", 10) == [""]
