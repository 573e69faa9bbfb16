import re

import pytest

import framing as fr
from framing.phrases import cue_regex


def test_default_codebook_has_the_issue_frames_actors_and_index(codebook):
    assert codebook.frame_ids == ["breakthrough", "no_breakthrough", "taiwan", "rare_earths",
                                  "trade", "tech_controls", "students_visas", "diplomacy"]
    assert {a.id for a in codebook.actors} >= {"trump", "xi", "china_gov", "us_gov",
                                               "taiwan_gov", "analyst_media"}
    index = codebook.indices[0]
    assert (index.id, index.positive, index.negative) == (
        "breakthrough_index", "breakthrough", "no_breakthrough")
    assert len(codebook.checksum) == 64


@pytest.mark.parametrize("cue, text, hit", [
    ("rare earth*", "Rare-earth exports", True),
    ("rare earth*", "rare earths", True),
    ("rare earth*", "rarely earthy", False),
    ("win-win", "seek win win results", True),
    ("at trump's request", "came at Trump’s request", True),
    ("tariff*", "the tariffs", True),
    ("trade", "trader", False),
])
def test_cue_syntax(cue, text, hit):
    assert bool(re.search(cue_regex(cue), text, re.IGNORECASE)) is hit


GOOD = """codebook: tiny
frames:
  - id: calm
    label: Calm
    description: Calm words.
    cues: [calm]
"""


@pytest.mark.parametrize("text, message", [
    ("frames: [\n  - id: x", r":2: YAML syntax error"),
    (GOOD + "extra: 1\n", r":7: unknown key 'extra' in the codebook"),
    (GOOD.replace("cues:", "cuse:"), r":6: unknown key 'cuse' in frame 1; did you mean 'cues'\?"),
    (GOOD + "  - id: calm\n    label: Again\n    description: d\n    cues: [x]\n",
     r":7: id 'calm' is used twice"),
    (GOOD.replace("    cues: [calm]\n", ""), r":3: frame 'calm' has no `cues` or `patterns`"),
    (GOOD + "    patterns: ['(unclosed']\n", r":7: pattern 1 in `patterns` of frame 'calm' is not a valid"),
    (GOOD + "    negated: stormy\n", r":7: `negated: stormy` of frame 'calm' is not a frame id"),
    (GOOD + "indices:\n  - id: i\n    positive: calm\n    negative: nope\n",
     r":10: `negative: nope` of index 'i' is not a frame id"),
    ("codebook: x\n", r":1: the codebook needs `frames:`"),
    (GOOD.replace("id: calm", "id: Calm Frame"), r":3: id 'Calm Frame' of frame 1"),
])
def test_mistakes_name_the_line(tmp_path, text, message):
    path = tmp_path / "book.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(fr.FramingError, match="book.yaml" + message):
        fr.load_codebook(path)


def test_a_user_codebook_loads_and_is_not_written(tmp_path):
    path = tmp_path / "book.yaml"
    path.write_text(GOOD, encoding="utf-8")
    before = path.read_bytes()
    book = fr.load_codebook(path)
    assert book.frame_ids == ["calm"] and book.name == "tiny"
    assert path.read_bytes() == before


def test_missing_codebook(tmp_path):
    with pytest.raises(fr.FramingError, match="codebook not found"):
        fr.load_codebook(tmp_path / "nope.yaml")


@pytest.mark.parametrize("extra, message", [
    ("language:\n  negators: []\n", r":8: `negators` must list at least one word"),
    ("language:\n  negation_window: abc\n", r":8: `negation_window` must be a whole number"),
    ("tone:\n  weights: 0.5\n", r":8: tone weights are"),
    ("agreement: {source: x}\n", r":7: `agreement` needs `source:`"),
    ("agreement:\n  source: x\n  f1: {storm: 0.5}\n", r":9: `agreement` names 'storm'"),
    ("agreement:\n  source: x\n  f1: {calm: 1.5}\n", r":9: F1 of 'calm' must be a number"),
])
def test_language_tone_and_agreement_settings_are_checked(tmp_path, extra, message):
    path = tmp_path / "book.yaml"
    path.write_text(GOOD + extra, encoding="utf-8")
    with pytest.raises(fr.FramingError, match="book.yaml" + message):
        fr.load_codebook(path)


@pytest.mark.parametrize("change, message", [
    (("id: calm", "id: tone"), r":3: frame id 'tone' is the name of a sentence column"),
    (("cues: [calm]", "patterns: ['(?i)calm']"), r":6: pattern 1 in `patterns`"),
    (("cues: [calm]", "cues: [calm]\n    between: -1"), r":7: `between` of frame 'calm' must be"),
    (("cues: [calm]", "cues: [calm]\n    between: two"), r":7: `between` of frame 'calm' must be"),
])
def test_ids_and_patterns_that_would_break_coding(tmp_path, change, message):
    path = tmp_path / "book.yaml"
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(fr.FramingError, match="book.yaml" + message):
        fr.load_codebook(path)


@pytest.mark.parametrize("key, attribute", [("negated_cues", "negated_cues"),
                                            ("context_cues", "context_cues")])
def test_negated_and_context_cues_are_read_and_checked(tmp_path, key, attribute):
    path = tmp_path / "book.yaml"
    path.write_text(GOOD + f"    {key}: [settled]\n", encoding="utf-8")
    assert getattr(fr.load_codebook(path).frames[0], attribute) == ("settled",)
    path.write_text(GOOD + f"    {key}: ['--']\n", encoding="utf-8")
    with pytest.raises(fr.FramingError, match=r"book.yaml:7: cue '--' of frame 'calm' has no "
                                              "letters"):
        fr.load_codebook(path)


@pytest.mark.parametrize("key, attribute", [("reference_points", "skip_reference_points"),
                                            ("names", "skip_names")])
def test_reference_points_and_names_are_read_and_checked(tmp_path, key, attribute):
    path = tmp_path / "book.yaml"
    path.write_text(GOOD.replace("frames:", f"{key}: ['after the call']\nframes:")
                    + f"    {key}: skip\n", encoding="utf-8")
    book = fr.load_codebook(path)
    assert getattr(book, key) == ("after the call",) and getattr(book.frames[0], attribute)
    path.write_text(GOOD + f"    {key}: maybe\n", encoding="utf-8")
    with pytest.raises(fr.FramingError, match=rf"book.yaml:7: `{key}` of frame 'calm' "
                                              "must be `skip`"):
        fr.load_codebook(path)


def test_foreground_patterns_are_checked(tmp_path):
    path = tmp_path / "book.yaml"
    path.write_text(GOOD.replace("frames:", "foreground: ['(still']\nframes:"), encoding="utf-8")
    with pytest.raises(fr.FramingError, match=r"book.yaml:2: pattern 1 in `foreground` of the "
                                              "codebook is not a valid"):
        fr.load_codebook(path)


def test_decision_rules_are_read_checked_and_written_into_the_coding_guide(tmp_path):
    from framing.sheets import coding_guide

    path = tmp_path / "book.yaml"
    path.write_text(GOOD + "    rules: ['A demand that stands counts.']\n", encoding="utf-8")
    book = fr.load_codebook(path)
    assert book.frames[0].rules == ("A demand that stands counts.",)
    assert "\n  - A demand that stands counts.\n" in coding_guide(book)
    path.write_text(GOOD + "    rules: [{a: 1}]\n", encoding="utf-8")
    with pytest.raises(fr.FramingError, match=r"book.yaml:7:"):
        fr.load_codebook(path)


def test_reports_without_sheets_show_the_measured_agreement(codebook, tmp_path):
    from framing.reliability import describe_reliability

    text = describe_reliability({}, codebook)
    assert "No coded sheets were given" in text
    assert "No breakthrough 0.74" in text and "heldout28" in text
    assert "Read *Breakthrough* with most care" in text  # the lowest F1 on heldout28 (tied)
    path = tmp_path / "book.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert "No coded sheets" not in describe_reliability({}, fr.load_codebook(path))
