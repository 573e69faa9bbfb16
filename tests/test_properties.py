"""Property tests: arbitrary text never crashes the pipeline, offsets hold, shares stay
in range, and renaming an outlet only renames it."""

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing as fr

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
news = st.lists(st.sampled_from([
    "Trump and Xi held a call.", "No deal was reached on tariffs.", "“Very good,” Trump said.",
    "Taiwan’s ministry objected.", "Rare earth exports remain curbed.", "\n", "Photo: AP",
    "Read more: something", "台湾", "مرحبا", "!!!", "  ", "U.S. chips", "\"", "’",
]), max_size=25).map(" ".join)

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _articles(bodies):
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(bodies))],
                         "outlet": [f"O{i % 2}" for i in range(len(bodies))],
                         "file": [f"a{i}" for i in range(len(bodies))], "text": bodies})


@SETTINGS
@given(st.lists(st.one_of(texts, news), min_size=1, max_size=3))
def test_any_text_scores_with_valid_offsets_and_ranges(codebook, bodies):
    articles = _articles(bodies)
    result = fr.score_corpus(articles, codebook)
    sentences, quotes = result["sentences"], result["quotes"]
    text = dict(zip(articles["article_id"], articles["text"]))
    for row in sentences.itertuples():
        assert text[row.article_id][row.start:row.end] == row.text
    for row in quotes.itertuples():
        assert text[row.article_id][row.start:row.end] == row.text
    assert sentences["tone"].between(-1, 1).all()
    shares = result["outlets"]
    shares = shares[shares["measure"].isin(["salience", "prominence", "voice_share"])]
    assert shares["value"].dropna().between(0, 1).all()


@SETTINGS
@given(st.lists(news, min_size=2, max_size=4), st.text(min_size=1, max_size=20))
def test_renaming_an_outlet_only_renames_it(codebook, bodies, new_name):
    articles = _articles(bodies)
    if new_name in set(articles["outlet"]):
        return
    renamed = articles.assign(outlet=articles["outlet"].replace({"O0": new_name}))
    before = fr.score_corpus(articles, codebook)["outlets"]
    after = fr.score_corpus(renamed, codebook)["outlets"]
    expected = before.assign(outlet=before["outlet"].replace({"O0": new_name}))
    pd.testing.assert_frame_equal(after, expected)


@SETTINGS
@given(st.lists(news, min_size=2, max_size=4), st.randoms())
def test_article_order_does_not_change_outlet_scores(codebook, bodies, random):
    articles = _articles(bodies)
    shuffled = articles.sample(frac=1, random_state=random.randint(0, 10**6))
    key = ["outlet", "measure", "frame", "actor"]
    a = fr.score_corpus(articles, codebook)["outlets"].sort_values(key).reset_index(drop=True)
    b = fr.score_corpus(shuffled, codebook)["outlets"].sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300), st.sampled_from([".txt", ".html"]))
def test_any_bytes_load_as_text_or_a_warning(tmp_path_factory, data, suffix):
    folder = tmp_path_factory.mktemp("bytes")
    (folder / f"x{suffix}").write_bytes(data)
    article = fr.load_corpus(folder).iloc[0]
    assert isinstance(article["text"], str)
    if not article["text"].strip():
        assert article["warning"]
    sentences = fr.segment_sentences(fr.load_corpus(folder))
    for row in sentences.itertuples():
        assert article["text"][row.start:row.end] == row.text
