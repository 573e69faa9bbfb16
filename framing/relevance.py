"""Find prose of unrelated stories pasted into an article (role ``off_topic``).

A paragraph about the event shares most of its vocabulary with the rest of its article and
with the other articles of the corpus; a pasted teaser about a glacier or an election does not.
For every non-boilerplate paragraph, `relevance` is the share of its content words (letters
only, scikit-learn's English stop words removed) that also occur elsewhere in its own article
or in at least `MIN_SHARE` of the other articles. Against the corpus' typical share ``p0`` (the
median over paragraphs), the paragraph's shortfall is a binomial z-score
``z = (relevance - p0) * sqrt(n) / sqrt(p0 * (1 - p0))`` over its ``n`` content words, so a
long paragraph needs less of a shortfall than a short one. A paragraph is off-topic when
``z < UNRELATED_Z``, or, in the page's tail (after furniture that closes an article, such as
credits or "Read more" bars, once body text has been seen), when ``z < TAIL_Z``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

UNRELATED_Z = -4.5
TAIL_Z = -2.0
MIN_SHARE = 0.01
TOKENS = r"(?u)\b[^\W\d_]{2,}\b"


def mark_off_topic(sentences: pd.DataFrame, *, closes: pd.Series) -> pd.DataFrame:
    """Add `relevance` and turn unrelated body paragraphs into role ``off_topic``.

    `closes` flags the boilerplate sentences that close an article. Returns a new table;
    the input is not changed.
    """
    sentences = sentences.copy()
    sentences["relevance"] = 1.0
    paragraphs = (sentences[sentences["role"] != "boilerplate"]
                  .groupby(["article_id", "paragraph"], sort=False)["text"]
                  .agg(" ".join).reset_index())
    if paragraphs.empty:
        return sentences
    share, n_words = _shared_vocabulary(paragraphs)
    paragraphs["relevance"] = share
    paragraphs["z"] = _shortfall(share, n_words)
    keys = ["article_id", "paragraph"]
    merged = sentences[keys].merge(paragraphs[keys + ["relevance", "z"]], on=keys, how="left")
    has = merged["relevance"].notna().to_numpy()
    sentences.loc[has, "relevance"] = merged.loc[has, "relevance"].to_numpy()
    z = merged["z"].fillna(0.0).to_numpy()
    in_tail = _after_closing_furniture(sentences, closes.to_numpy())
    off = (z < UNRELATED_Z) | (in_tail & (z < TAIL_Z))
    sentences.loc[off & (sentences["role"] == "body").to_numpy(), "role"] = "off_topic"
    return sentences


def _shared_vocabulary(paragraphs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Share of each paragraph's content words found elsewhere, and its number of words."""
    vectorizer = CountVectorizer(stop_words=sorted(ENGLISH_STOP_WORDS), token_pattern=TOKENS,
                                 lowercase=True)
    try:
        counts = vectorizer.fit_transform(paragraphs["text"]).tocsr()
    except ValueError:  # not a single content word in the corpus
        zeros = np.zeros(len(paragraphs))
        return np.ones(len(paragraphs)), zeros
    present = (counts > 0).astype(np.int64)
    codes, articles = pd.factorize(paragraphs["article_id"])
    membership = np.zeros((len(articles), len(paragraphs)), dtype=np.int64)
    membership[codes, np.arange(len(paragraphs))] = 1
    per_article = (membership @ present).astype(bool)          # article x word: used at all
    doc_freq = np.asarray(per_article.sum(axis=0)).ravel()     # articles using the word
    article_words = membership @ present                       # paragraphs using it, per article
    needed = max(1, math.ceil(MIN_SHARE * (len(articles) - 1)))
    share, n_words = np.ones(len(paragraphs)), np.zeros(len(paragraphs))
    for i in range(len(paragraphs)):
        row = counts[i]
        words, tallies = row.indices, row.data
        n = tallies.sum()
        if n == 0:
            continue
        own = article_words[codes[i], words] - 1 > 0
        other = doc_freq[words] - 1 >= needed
        share[i] = tallies[own | other].sum() / n
        n_words[i] = n
    return share, n_words


def _shortfall(share: np.ndarray, n_words: np.ndarray) -> np.ndarray:
    judged = n_words >= 5
    p0 = float(np.median(share[judged])) if judged.any() else 1.0
    p0 = min(max(p0, 0.05), 0.95)
    return (share - p0) * np.sqrt(n_words) / math.sqrt(p0 * (1 - p0))


def _after_closing_furniture(sentences: pd.DataFrame, closes: np.ndarray) -> np.ndarray:
    """True for body sentences after closing furniture that follows body text."""
    body = (sentences["role"] == "body").to_numpy()
    after = np.zeros(len(sentences), dtype=bool)
    for rows in sentences.groupby("article_id", sort=False).indices.values():
        seen_body = closed = False
        for row in rows:
            seen_body = seen_body or body[row]
            closed = closed or (closes[row] and seen_body)
            after[row] = closed and body[row]
    return after
