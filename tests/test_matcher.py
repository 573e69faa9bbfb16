import re

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.coding import compile_cues
from framing.matcher import CueMatcher, normalise


def _spans(matcher, text):
    return [(key, text[a:b]) for key, a, b in matcher.find(text)]


def test_words_wildcards_separators_and_apostrophes():
    matcher = CueMatcher({"re": ["rare earth*"], "tr": ["trade"], "at": ["at trump's request"],
                          "ww": ["win-win"], "rs": ["resum* talks"]})
    text = "Rare-earths and trader talk; at Trump’s request, win win — they resumed  talks."
    assert _spans(matcher, text) == [("re", "Rare-earths"), ("at", "at Trump’s request"),
                                     ("ww", "win win"), ("rs", "resumed  talks")]


def test_overlaps_resolve_leftmost_longest_per_key_but_not_across_keys():
    matcher = CueMatcher({"trade": ["trade", "trade talks"], "talks": ["talks"]})
    assert _spans(matcher, "trade talks") == [("trade", "trade talks"), ("talks", "talks")]


def test_normalise_keeps_offsets():
    norm, origin = normalise("A –  B’s")
    assert norm == "a b's" and [origin[i] for i in range(len(norm))] == [0, 1, 5, 6, 7]


WORDS = ["trade", "talks", "rare", "earth", "earths", "tariff", "tariffs", "no", "deal",
         "win-win", "Trump’s", "request", "at", "x"]
CUES = {"a": ["trade talks", "tariff*", "rare earth*"], "b": ["no deal", "deal"],
        "c": ["at trump's request", "win-win", "earth"]}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12),
       st.lists(st.sampled_from([" ", "  ", "-", ", ", "\n"]), min_size=12, max_size=12))
def test_same_frames_as_one_regular_expression_per_key(words, gaps):
    text = "".join(w + g for w, g in zip(words, gaps))
    regex = {k: compile_cues(v) for k, v in CUES.items()}
    expected = {k for k, pattern in regex.items() if pattern.search(text)}
    assert {k for k, _, _ in CueMatcher(CUES).find(text)} == expected
    for key, a, b in CueMatcher(CUES).find(text):
        assert re.fullmatch(regex[key], text[a:b])
