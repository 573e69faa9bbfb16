import numpy as np
import pandas as pd
import pytest

from framing.keyness import (distinctive_terms, frame_similarity, log_odds, outlet_similarity,
                             similarity_order, terms_of)
from framing.uncertainty import bootstrap_scores, compare_outlets, holm, permutation_p


def test_log_odds_by_hand():
    # groups [3, 1] and [1, 3]; corpus totals [4, 4]; prior a0 = 8 so a_w = 8 * 4/8 = 4.
    # word 0, group 0: delta = ln(7/5) - ln(5/7) = 2 ln 1.4 = 0.672944;
    # var = 1/7 + 1/5 = 0.342857; z = 0.672944 / 0.585540 = 1.14927 (by calculator)
    delta, z = log_odds(np.array([[3, 1], [1, 3]]), prior=8)
    assert delta[0, 0] == pytest.approx(0.672944, abs=1e-6)
    assert z[0, 0] == pytest.approx(1.14927, abs=1e-4)
    assert delta[1, 0] == pytest.approx(-0.672944, abs=1e-6)  # symmetric


def test_terms_never_jump_over_stop_words():
    assert terms_of("China, and I reciprocated trade talks") == [
        "china", "reciprocated", "trade", "talks", "reciprocated trade", "trade talks"]


def test_holm_by_hand():
    # sorted p: 0.01, 0.02, 0.04 -> 3*0.01=0.03, 2*0.02=0.04, 1*0.04=0.04 (monotone)
    assert holm([0.04, 0.01, 0.02]).tolist() == pytest.approx([0.04, 0.03, 0.04])


def test_permutation_p_extremes():
    rng = np.random.default_rng(1)
    same = permutation_p(np.array([1, 0, 1, 0]), np.array([0, 1, 0, 1]), n=200, rng=rng)
    assert same == 1.0  # no shuffle is less extreme than a zero difference
    apart = permutation_p(np.ones(12), np.zeros(12), n=500, rng=rng)
    assert apart < 0.01


def test_bootstrap_intervals_contain_estimates_and_are_seeded(seed_sentences, codebook):
    first = bootstrap_scores(seed_sentences, codebook, n=200, seed=3)
    again = bootstrap_scores(seed_sentences, codebook, n=200, seed=3)
    pd.testing.assert_frame_equal(first, again)
    ok = first.dropna()
    assert ((ok["low"] <= ok["estimate"] + 1e-12) & (ok["estimate"] <= ok["high"] + 1e-12)).all()
    assert (first["n_articles"] == 1).all()
    taiwan = first[(first["frame"] == "taiwan") & (first["outlet"] == "BlockNews")].iloc[0]
    assert (taiwan["low"], taiwan["high"]) == (0, 0)  # never mentioned: nothing to resample


def test_comparisons_cover_every_pair_and_frame(seed_sentences, codebook):
    table = compare_outlets(seed_sentences, codebook, n=300, seed=0)
    assert len(table) == 10 * len(codebook.frames)
    assert (table["p_adjusted"] >= table["p_value"]).all()
    assert table["p_value"].between(0, 1).all()


def test_distinctive_terms_and_similarity(seed_sentences, seed_scores):
    terms = distinctive_terms(seed_sentences, n=3)
    assert terms.groupby("outlet").size().eq(3).all()
    assert terms.groupby("outlet")["z"].apply(lambda z: z.is_monotonic_decreasing).all()
    similarity = outlet_similarity(seed_sentences)
    assert np.allclose(np.diag(similarity), 1) and np.allclose(similarity, similarity.T)
    order = similarity_order(frame_similarity(seed_scores["frames"]))
    assert sorted(order) == sorted(similarity.index)
