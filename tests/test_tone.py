import pandas as pd
import pytest

import framing as fr
from framing.tone import ToneScorer


def _one(text):
    return pd.DataFrame({"text": [text]})


def test_sentiment_is_the_vader_compound(codebook):
    # vaderSentiment's README gives 0.8316 for this sentence
    scorer = ToneScorer(codebook)
    assert scorer.sentiment("VADER is smart, handsome, and funny.") == pytest.approx(0.8316)


def test_domain_cues_and_negation(codebook):
    scorer = ToneScorer(codebook)
    assert scorer.cue_counts("Tensions and threats grew.") == (0, 2)
    # a negated positive cue counts as negative
    assert scorer.cue_counts("There was no progress.") == (0, 1)


def test_tone_formula_by_hand(codebook):
    # "confrontation" is one negative cue and no frame is coded here: domain = -1
    toned = fr.score_tone(_one("The confrontation continued."), codebook)
    sentiment = toned["sentiment"].iloc[0]
    assert toned["domain"].iloc[0] == -1.0
    assert toned["tone"].iloc[0] == pytest.approx(max(-1, 0.5 * sentiment + 0.5 * -1.0))


def test_frames_add_their_sign(codebook):
    coded = _one("Talks ended.").assign(breakthrough=[1], no_breakthrough=[0])
    assert fr.score_tone(coded, codebook)["domain"].iloc[0] == 1.0


def test_tone_in_range_on_seeds(seed_sentences):
    assert seed_sentences["tone"].between(-1, 1).all()
    assert seed_sentences["sentiment"].between(-1, 1).all()


def test_a_cue_inside_a_longer_cue_of_the_other_side_does_not_count(codebook):
    # "ease tension*" is a positive cue; the negative "tension*" inside it is not counted
    assert ToneScorer(codebook).cue_counts("Both sides moved to ease tensions.") == (1, 0)
