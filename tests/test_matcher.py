import re

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.coding import compile_cues
from framing.matcher import CueMatcher, normalise, readings
from framing.phrases import pattern_alternation, phrase_alternation, phrase_regex


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


def test_printed_text_is_read_joined_and_as_a_compound_with_offsets_kept():
    text = "export li-\ncences, jet-\n engine parts,\r\nthe ﬁrst"
    (joined, at_joined, none), (compound, at_compound, across) = readings(text)
    assert joined == "export licences, jetengine parts, the first"
    assert compound == "export li-cences, jet-engine parts, the first"
    for reading, origin in [(joined, at_joined), (compound, at_compound)]:
        assert len(origin) == len(reading)
        # every character comes from the one it reads (a ligature gives both its letters)
        assert all(text[origin[i]] in (reading[i], "\n", "\r", "ﬁ") or reading[i] == " "
                   for i in range(len(reading)))
    assert none == () and [compound[i - 1:i + 2] for i in across] == ["i-c", "t-e"]
    assert [origin for _, origin, _ in readings("plain text, no breaks")] == [range(21)]
    # a line break without a broken word is one reading; "US-\nChina" keeps its hyphen
    assert [r for r, _, _ in readings("rare\nearth and US-\nChina")] == ["rare earth and US-China"]


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


PHRASES = ["no", "not", "n't", "not yet", "Xi", "xa", "a b", "yet to"]
PATTERNS = [r"\bab", r"(?<!\w)n't", r"\bx|a", "t", r"\b(?:a|b)c", r"(?<!\w)no\b", r"\b[|]a"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" abcnotyXix'’.|-", max_size=40))
def test_hoisted_alternations_find_what_plain_ones_find(text):
    """Checking a shared word boundary once is only faster: same matches, same order."""
    plain = "|".join(phrase_regex(p) for p in sorted(PHRASES, key=len, reverse=True))
    for flags in (re.IGNORECASE, 0):
        assert ([m.span() for m in re.finditer(phrase_alternation(PHRASES), text, flags)]
                == [m.span() for m in re.finditer(plain, text, flags)])
    plain = "|".join(f"(?:{p})" for p in PATTERNS)
    assert ([m.span() for m in re.finditer(pattern_alternation(PATTERNS), text)]
            == [m.span() for m in re.finditer(plain, text)])


def test_hoisted_codebook_patterns_find_what_plain_ones_find(codebook, seed_sentences):
    for frame in codebook.frames:
        if frame.patterns:
            plain = re.compile("|".join(f"(?:{p})" for p in frame.patterns), re.IGNORECASE)
            hoisted = re.compile(pattern_alternation(list(frame.patterns)), re.IGNORECASE)
            for text in seed_sentences["text"]:
                assert ([m.span() for m in hoisted.finditer(text)]
                        == [m.span() for m in plain.finditer(text)]), (frame.id, text)
