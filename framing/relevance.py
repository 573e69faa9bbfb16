"""Find prose of unrelated stories pasted into an article (role ``off_topic``).

A paragraph about the event shares most of its vocabulary with the rest of its article and
with the other articles of the corpus; a pasted teaser about a glacier or a football transfer
does not. For every non-boilerplate paragraph, `relevance` is the share of its common words
(written in lower case, letters only, scikit-learn's English stop words removed; names are
left out because a new name says little about the topic) that also occur elsewhere in its own
article or in at least `MIN_SHARE` of the other articles.

A paragraph's shortfall is ``r = (relevance - p0) * sqrt(n)`` over its ``n`` words, against
the corpus' median share ``p0`` (paragraphs of at least `MIN_JUDGED_WORDS` words), so a long
paragraph needs less of a shortfall than a short one to stand out. ``z`` is ``r`` divided by
its robust spread over the corpus (1.4826 x median absolute deviation, at least
`MIN_SPREAD`), which absorbs how much vocabulary the corpus' paragraphs share in general.

A paragraph is off-topic when ``z < UNRELATED_Z`` (clearly about something else), or when it
opens a run of paragraphs right after furniture that follows at least `MIN_BODY_BEFORE` body
paragraphs (credits, copyright, "More from ...", "Read more", "Related") with
``z < TAIL_Z``; the paragraphs right after it are off-topic while ``z < RUN_Z`` (teasers
come in blocks), until the next furniture line. The thresholds were set on the seed corpus and the
first synthetic held-out corpus (tests/data/heldout).
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

UNRELATED_Z = -3.0
TAIL_Z = -1.2
RUN_Z = -0.5
MIN_SHARE = 0.01
MIN_BODY_BEFORE = 2  # body paragraphs before furniture can close an article
MIN_JUDGED_WORDS = 5
MIN_SPREAD = 0.5  # floor for the spread, so that a corpus of near-copies keeps its scale
TOKEN = re.compile(r"\b[^\W\d_]{2,}\b")


def mark_off_topic(sentences: pd.DataFrame, *, closes: pd.Series) -> pd.DataFrame:
    """Add `relevance` and turn unrelated body paragraphs into role ``off_topic``.

    `closes` flags the boilerplate sentences that end an article or link to other stories.
    Returns a new table; the input is not changed.
    """
    sentences = sentences.copy()
    sentences["relevance"] = 1.0
    prose = sentences["role"] != "boilerplate"
    paragraphs = (sentences[prose].groupby(["article_id", "paragraph"], sort=False)["text"]
                  .agg(" ".join).reset_index())
    if paragraphs.empty:
        return sentences
    share, n_words = shared_vocabulary(paragraphs)
    paragraphs["relevance"] = share
    paragraphs["z"] = _shortfall(share, n_words)
    keys = ["article_id", "paragraph"]
    merged = sentences[keys].merge(paragraphs[keys + ["relevance", "z"]], on=keys, how="left")
    sentences["relevance"] = merged["relevance"].fillna(1.0).to_numpy()
    off = _off_topic(sentences, merged["z"].fillna(0.0).to_numpy(), closes.to_numpy())
    sentences.loc[off, "role"] = "off_topic"
    return sentences


def shared_vocabulary(paragraphs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Share of each paragraph's common words found elsewhere, and how many it has."""
    seen = [set(w.lower() for w in TOKEN.findall(text)) for text in paragraphs["text"]]
    common = [[w for w in TOKEN.findall(text) if w.islower() and w not in ENGLISH_STOP_WORDS]
              for text in paragraphs["text"]]
    articles = paragraphs["article_id"].to_numpy()
    in_article: dict = {}
    for article, words in zip(articles, seen):
        in_article.setdefault(article, Counter()).update(words)
    doc_freq = Counter(w for counts in in_article.values() for w in counts)
    needed = max(1, math.ceil(MIN_SHARE * (len(in_article) - 1)))
    share = np.ones(len(paragraphs))
    for i, (article, words) in enumerate(zip(articles, common)):
        if words:
            own = in_article[article]
            shared = [own[w] > 1 or doc_freq[w] - 1 >= needed for w in words]
            share[i] = float(np.mean(shared))
    return share, np.array([len(words) for words in common], dtype=float)


def _shortfall(share: np.ndarray, n_words: np.ndarray) -> np.ndarray:
    judged = n_words >= MIN_JUDGED_WORDS
    if not judged.any():
        return np.zeros(len(share))
    p0 = float(np.median(share[judged]))
    raw = (share - p0) * np.sqrt(n_words)
    spread = 1.4826 * float(np.median(np.abs(raw[judged] - np.median(raw[judged]))))
    return raw / max(spread, MIN_SPREAD)


def _off_topic(sentences: pd.DataFrame, z: np.ndarray, closes: np.ndarray) -> np.ndarray:
    """Rows to mark: clearly unrelated body, or unrelated runs after closing furniture."""
    roles = sentences["role"].to_numpy()
    paragraph = sentences["paragraph"].to_numpy()
    off = (roles == "body") & (z < UNRELATED_Z)
    for rows in sentences.groupby("article_id", sort=False).indices.values():
        threshold, body_seen, current = None, set(), None
        for row in rows:
            if roles[row] == "boilerplate":
                opens_run = closes[row] and len(body_seen) >= MIN_BODY_BEFORE
                threshold = TAIL_Z if opens_run else None
                current = None
                continue
            if roles[row] == "body":
                body_seen.add(paragraph[row])
            if paragraph[row] == current:
                off[row] = True
            elif threshold is not None and roles[row] == "body" and z[row] < threshold:
                off[row], current, threshold = True, paragraph[row], RUN_Z
            else:
                threshold, current = None, None
    return off
