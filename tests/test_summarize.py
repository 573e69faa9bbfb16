import numpy as np
import pandas as pd
import pytest

import framing as fr
from framing.summarize import evidence, position_weights, summarize_frames, summarize_outlets


@pytest.fixture
def tiny_codebook(tmp_path):
    path = tmp_path / "tiny.yaml"
    path.write_text("""codebook: tiny
frames:
  - {id: up, label: Up, description: progress, cues: [up]}
  - {id: down, label: Down, description: no progress, cues: [down]}
indices:
  - {id: up_index, positive: up, negative: down}
actors:
  - {id: ann, label: Ann, kind: person, aliases: [Ann]}
  - {id: bob, label: Bob, kind: person, aliases: [Bob]}
""", encoding="utf-8")
    return fr.load_codebook(path)


@pytest.fixture
def tiny_sentences():
    # outlet A: headline (up), 4 body sentences (up, down, -, down), 1 boilerplate (up)
    roles = ["headline", "body", "body", "body", "body", "boilerplate"]
    return pd.DataFrame({
        "article_id": ["a"] * 6, "outlet": ["A"] * 6, "start": range(6),
        "role": roles, "up": [1, 1, 0, 0, 0, 0], "down": [0, 0, 1, 0, 1, 0],
        "tone": [0.5, 0.3, -0.2, 0.0, -0.4, 0.9],
    })


def test_position_weights(tiny_sentences):
    # headline 3, first three body sentences 2 (the lead), then 1, boilerplate 0
    assert position_weights(tiny_sentences).tolist() == [3, 2, 2, 2, 1, 0]


def test_frame_scores_by_hand(tiny_sentences, tiny_codebook):
    scores = summarize_frames(tiny_sentences, tiny_codebook).set_index("frame")
    # 5 content sentences; up hits: headline + body 1
    assert scores.loc["up", "n_sentences"] == 5 and scores.loc["up", "n_hits"] == 2
    assert scores.loc["up", "salience"] == pytest.approx(2 / 5)
    # prominence: (3 + 2) / (3 + 2 + 2 + 2 + 1) = 0.5; down: (2 + 1) / 10 = 0.3
    assert scores.loc["up", "prominence"] == pytest.approx(0.5)
    assert scores.loc["down", "prominence"] == pytest.approx(0.3)
    # tone within frame: mean of 0.5 and 0.3; down: mean of -0.2 and -0.4
    assert scores.loc["up", "tone"] == pytest.approx(0.4)
    assert scores.loc["down", "tone"] == pytest.approx(-0.3)


def test_outlet_measures_by_hand(tiny_sentences, tiny_codebook):
    quotes = pd.DataFrame({"outlet": ["A", "A", "A"], "speaker": ["ann", "bob", "ann"],
                           "n_words": [3, 1, 4]})
    outlets = summarize_outlets(tiny_sentences, quotes, tiny_codebook)
    value = outlets.set_index(["measure", "frame", "actor"])["value"]
    assert value.index.is_unique
    assert value[("up_index", "", "")] == pytest.approx((2 - 2) / 4)
    assert value[("n_up", "", "")] == 2 and value[("n_down", "", "")] == 2
    assert value[("tone", "", "")] == pytest.approx((0.5 + 0.3 - 0.2 + 0.0 - 0.4) / 5)
    assert value[("voice_share", "", "ann")] == pytest.approx(7 / 8)
    assert value[("voice_share", "", "bob")] == pytest.approx(1 / 8)
    assert value[("voice_share", "", "unknown")] == 0


def test_index_without_hits_is_nan(tiny_sentences, tiny_codebook):
    none = tiny_sentences.assign(up=0, down=0)
    outlets = summarize_outlets(none, pd.DataFrame(columns=["outlet", "speaker", "n_words"]),
                                tiny_codebook)
    assert np.isnan(outlets.loc[outlets["measure"] == "up_index", "value"].iloc[0])


def test_seed_scores_recomputed_from_the_sentence_table(seed_sentences, codebook):
    no_quotes = pd.DataFrame(columns=["outlet", "speaker", "n_words"])
    outlets = summarize_outlets(seed_sentences, no_quotes, codebook)
    content = seed_sentences[seed_sentences["role"].isin(["headline", "body"])]
    for outlet, table in content.groupby("outlet"):
        salience = outlets[(outlets["outlet"] == outlet) & (outlets["measure"] == "salience")]
        for row in salience.itertuples():
            assert row.value == pytest.approx(table[row.frame].mean())
        b, nb = table["breakthrough"].sum(), table["no_breakthrough"].sum()
        index = outlets[(outlets["outlet"] == outlet)
                        & (outlets["measure"] == "breakthrough_index")]["value"].iloc[0]
        assert index == pytest.approx((b - nb) / (b + nb))


def test_outlets_that_never_mention_taiwan_score_zero(seed_scores):
    outlets = seed_scores["outlets"]
    taiwan = outlets[(outlets["measure"] == "salience") & (outlets["frame"] == "taiwan")]
    taiwan = taiwan.set_index("outlet")["value"]
    assert taiwan["BlockNews"] == 0 and taiwan["cryptox.trade"] == 0
    assert (taiwan.drop(["BlockNews", "cryptox.trade"]) > 0).all()


def test_voice_shares_sum_to_one(seed_scores):
    outlets = seed_scores["outlets"]
    shares = outlets[outlets["measure"] == "voice_share"].groupby("outlet")["value"].sum()
    assert np.allclose(shares, 1.0)


def test_evidence_puts_headline_first(seed_sentences):
    top = evidence(seed_sentences, "no_breakthrough", outlet="Dong-A Ilbo", n=3)
    assert top["role"].iloc[0] == "headline"
    assert (top["no_breakthrough"] == 1).all() and len(top) == 3
    assert top["weight"].is_monotonic_decreasing


def test_an_outlet_with_only_furniture_keeps_its_rows(codebook):
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Real", "Empty"],
                             "file": ["a", "b"],
                             "text": ["Trump and Xi agreed to resume trade talks on Thursday.",
                                      "Home | World | Business\nSubscribe"]})
    result = fr.score_corpus(articles, codebook)
    outlets = result["outlets"]
    empty = outlets[outlets["outlet"] == "Empty"].set_index(["measure", "frame", "actor"])
    assert empty.loc[("n_articles", "", ""), "value"] == 1
    assert empty.loc[("n_sentences", "", ""), "value"] == 0
    assert np.isnan(empty.loc[("salience", "taiwan", ""), "value"])
    assert "**Empty**" in fr.describe_report(result, codebook)
