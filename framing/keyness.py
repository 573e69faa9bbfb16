"""Distinctive language and similarity between outlets.

`distinctive_terms` scores each word or two-word phrase by the log-odds ratio with an
informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' words", eq. 22 and 24):
for an outlet i against all other outlets j, with counts y, totals n and a prior
``a_w = prior * (y_w / n)`` proportional to the word's frequency in the whole corpus
(``a0 = prior``)::

    delta_w = log((y_wi + a_w) / (n_i + a0 - y_wi - a_w))
              - log((y_wj + a_w) / (n_j + a0 - y_wj - a_w))
    var_w   = 1 / (y_wi + a_w) + 1 / (y_wj + a_w)
    z_w     = delta_w / sqrt(var_w)

Terms come from content sentences only: lower-cased words of letters, scikit-learn's English
stop words removed, and two-word phrases of adjacent words that are both not stop words. `outlet_similarity` gives the TF-IDF cosine similarity of the outlets'
content (scikit-learn) and `frame_similarity` the cosine similarity of their salience profiles;
`similarity_order` orders outlets so that similar ones sit together (greedy nearest neighbour
from the most central outlet).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from .schemas import CONTENT_ROLES, check_columns

TOKENS = r"(?u)\b[^\W\d_]{2,}\b"
WORD = re.compile(TOKENS)
PRIOR = 500.0


def _outlet_texts(sentences: pd.DataFrame) -> pd.Series:
    check_columns(sentences, ["outlet", "role", "text"], "sentences")
    content = sentences[sentences["role"].isin(CONTENT_ROLES)]
    return content.groupby("outlet", sort=False)["text"].agg(" ".join)


def terms_of(text: str, ngrams: tuple = (1, 2)) -> list[str]:
    """Words and phrases of adjacent non-stop words (no phrase jumps over a removed word)."""
    words = WORD.findall(text.lower())
    keep = [w not in ENGLISH_STOP_WORDS for w in words]
    out = []
    for size in range(ngrams[0], ngrams[1] + 1):
        out += [" ".join(words[i:i + size]) for i in range(len(words) - size + 1)
                if all(keep[i:i + size])]
    return out


def log_odds(counts: np.ndarray, prior: float = PRIOR) -> tuple[np.ndarray, np.ndarray]:
    """Log-odds ratios (groups x words) of each group against the rest, and their z-scores,
    from a groups x words count matrix."""
    counts = np.asarray(counts, dtype=float)
    total = counts.sum(axis=0)
    alpha = prior * total / total.sum()
    delta = np.zeros_like(counts)
    z = np.zeros_like(counts)
    for i in range(counts.shape[0]):
        y_i, y_j = counts[i], total - counts[i]
        n_i, n_j = y_i.sum(), y_j.sum()
        delta[i] = (np.log((y_i + alpha) / (n_i + prior - y_i - alpha))
                    - np.log((y_j + alpha) / (n_j + prior - y_j - alpha)))
        z[i] = delta[i] / np.sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))
    return delta, z


def distinctive_terms(sentences: pd.DataFrame, *, n: int = 10, prior: float = PRIOR,
                      ngrams: tuple = (1, 2), min_count: int = 2) -> pd.DataFrame:
    """The `n` most distinctive terms of each outlet (highest z first).

    Returns ``outlet, term, count, log_odds, z`` (terms used fewer than `min_count` times in
    the corpus are left out)."""
    texts = _outlet_texts(sentences)
    vectorizer = CountVectorizer(analyzer=lambda text: terms_of(text, ngrams))
    matrix = vectorizer.fit_transform(texts.to_numpy()).toarray()
    keep = matrix.sum(axis=0) >= min_count
    terms = vectorizer.get_feature_names_out()[keep]
    counts = matrix[:, keep]
    delta, z = log_odds(counts, prior)
    rows = []
    for i, outlet in enumerate(texts.index):
        for k in np.argsort(-z[i], kind="stable")[:n]:
            rows.append({"outlet": outlet, "term": terms[k], "count": int(counts[i, k]),
                         "log_odds": delta[i, k], "z": z[i, k]})
    return pd.DataFrame(rows, columns=["outlet", "term", "count", "log_odds", "z"])


def outlet_similarity(sentences: pd.DataFrame) -> pd.DataFrame:
    """Outlet x outlet TF-IDF cosine similarity of their content sentences."""
    texts = _outlet_texts(sentences)
    matrix = TfidfVectorizer(stop_words="english", token_pattern=TOKENS,
                             sublinear_tf=True).fit_transform(texts.to_numpy())
    return pd.DataFrame(cosine_similarity(matrix), index=texts.index, columns=texts.index)


def frame_similarity(scores: pd.DataFrame) -> pd.DataFrame:
    """Outlet x outlet cosine similarity of their salience profiles (`summarize_frames`)."""
    profile = scores.pivot_table(index="outlet", columns="frame", values="salience",
                                 sort=False).fillna(0)
    return pd.DataFrame(cosine_similarity(profile.to_numpy()), index=profile.index,
                        columns=profile.index)


def similarity_order(similarity: pd.DataFrame) -> list:
    """Outlets ordered so that each is next to its most similar remaining outlet."""
    values = similarity.to_numpy(dtype=float).copy()
    np.fill_diagonal(values, np.nan)
    remaining = list(range(len(values)))
    current = int(np.nanargmax(np.nansum(values, axis=1))) if len(values) > 1 else 0
    order = [current]
    remaining.remove(current)
    while remaining:
        current = max(remaining, key=lambda k: values[current, k])
        order.append(current)
        remaining.remove(current)
    return [similarity.index[k] for k in order]
