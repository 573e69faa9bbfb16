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
opens a run of paragraphs right after a block of furniture that a closing item opened
(credits, copyright, "More from ...", "Read more", "Related"; after at least
`MIN_BODY_BEFORE` body paragraphs) with ``z < TAIL_Z``; the paragraphs right after it are
off-topic while ``z < RUN_Z`` (teasers come in blocks), until the next furniture line —
unless the run is a single paragraph and the article goes on after it (at least
`MIN_BODY_BEFORE` more paragraphs reading at least ``RUN_Z`` before the next closing item or
teaser header, not counting teaser tails): then the closing item ("Read more: ...") was
mid-article and the paragraph is the article's. And
the prose after an article's last teaser header ("More from the Journal", "Trending now") is
off-topic as a whole when it has two paragraphs or more and every sentence of at least
`MIN_JUDGED_WORDS` words that ends with closing punctuation (or, if none does, every sentence
of that length) reads at most a little above the corpus median (``z < HEADER_Z``; the
teasers' own headlines, lines without closing punctuation, go with the rest): teasers of a trade paper share its
vocabulary, but not all of them and the article's own words. Under a teaser header, a block
of at least `TEASER_PAIRS` headline-and-summary items goes when its paragraphs read below the
corpus median on average (``mean(z) < PAIRS_Z``), even when some read on topic (one-sentence
summaries of a trade paper's other stories); an on-topic "Latest on the talks" section reads
above it. A block of teasers under a
header no pattern knows ("Around the region") is found by its shape: right after furniture
(after at least `MIN_BODY_BEFORE` body paragraphs), at least two pairs of a headline (no
closing punctuation) and a one-paragraph summary (less the last pair when prose follows:
that is a subhead and its section), whose paragraphs' combined z
(``sum(z) / sqrt(k)`` over its ``k`` paragraphs, or over its summaries alone, whose
headlines' few words say little) is below `BLOCK_Z`, items separated by furniture lines
("-----", "2 | LOGISTICS") counting as one block; an explainer's subhead
and paragraph sections read on topic. The thresholds were set on the
seed corpus and the first synthetic held-out corpus (tests/data/heldout); `HEADER_Z` on
heldout5 and heldout7.

The corpus enters only through a `Reference`: the words common in the corpus' prose and the
median share and spread of its paragraphs. It is built from counts that add up over parts of
a corpus (`count_vocabulary`, then `count_shares`), so a corpus streamed in chunks gets exactly
the roles it would get in one piece.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

UNRELATED_Z = -3.0
TAIL_Z = -1.2
RUN_Z = -0.5
HEADER_Z = 0.25
BLOCK_Z = -1.5  # a headless teaser block's combined z
TEASER_PAIRS = 3  # headline-and-summary items under a teaser header that read below PAIRS_Z
PAIRS_Z = 0.0  # ... on average (below the corpus median) are teasers
MIN_SHARE = 0.01
MIN_BODY_BEFORE = 2  # body paragraphs before furniture can close an article
MIN_JUDGED_WORDS = 5
HEADLINE_WORDS = 4  # a teaser's headline, in words of two letters or more
MIN_SPREAD = 0.5  # floor for the spread, so that a corpus of near-copies keeps its scale
TOKEN = re.compile(r"\b[^\W\d_]{2,}\b")
CLOSING = (".", "!", "?", "…")
# quotation marks that may close a sentence after its full stop: English “…” and ‘…’, German
# „…“ and ‚…‘, guillemets «…» and »…« (one-sided lists missed „…“ and took the paragraph
# for a headline)
CLOSING_QUOTES = "\"'”’“‘»«›‹"


@dataclass(frozen=True)
class Reference:
    """What a paragraph is measured against: `common`, the words found in the prose of at
    least `MIN_SHARE` of the corpus' other articles, and the median share `p0` and robust
    `spread` of the corpus' judged paragraphs (`p0` is None when no paragraph is judged)."""

    common: frozenset
    p0: float | None = None
    spread: float = MIN_SPREAD


def prose_paragraphs(sentences: pd.DataFrame) -> pd.DataFrame:
    """``article_id, paragraph, text`` of every paragraph's non-boilerplate sentences."""
    prose = (sentences["role"] != "boilerplate").to_numpy()
    joined: dict = {}
    for article, paragraph, text in zip(sentences["article_id"].to_numpy()[prose],
                                        sentences["paragraph"].to_numpy()[prose],
                                        sentences["text"].to_numpy()[prose]):
        joined.setdefault((article, paragraph), []).append(text)
    return pd.DataFrame([(a, p, " ".join(texts)) for (a, p), texts in joined.items()],
                        columns=["article_id", "paragraph", "text"])


def count_vocabulary(sentences: pd.DataFrame) -> tuple[Counter, int]:
    """For each word (lower case), the number of articles whose prose uses it; and the number
    of articles with prose. Both add up over parts of a corpus."""
    in_article = _article_words(prose_paragraphs(sentences))
    return Counter(w for counts in in_article.values() for w in counts), len(in_article)


def common_words(doc_freq: Counter, n_articles: int) -> frozenset:
    """Words used by at least `MIN_SHARE` of the other articles (at least one), counting
    from any article that uses them."""
    needed = max(1, math.ceil(MIN_SHARE * (n_articles - 1)))
    return frozenset(w for w, n in doc_freq.items() if n - 1 >= needed)


def count_shares(sentences: pd.DataFrame, common: frozenset) -> Counter:
    """How many judged paragraphs (at least `MIN_JUDGED_WORDS` common words) have each
    ``(shared, words)`` count; adds up over parts of a corpus."""
    shared, n_words = shared_vocabulary(prose_paragraphs(sentences), common)
    judged = n_words >= MIN_JUDGED_WORDS
    return Counter(zip(shared[judged].tolist(), n_words[judged].tolist()))


def corpus_reference(sentences: pd.DataFrame) -> Reference:
    """The `Reference` of a whole corpus held in one sentences table."""
    common = common_words(*count_vocabulary(sentences))
    return reference_from(common, count_shares(sentences, common))


def reference_from(common: frozenset, judged: Counter) -> Reference:
    """`Reference` from the common words and the judged paragraphs' ``(shared, words)``
    counts: ``p0`` is their median share and ``spread`` 1.4826 x the median absolute deviation
    of ``(share - p0) * sqrt(words)``."""
    if not judged:
        return Reference(common)
    pairs = list(judged)
    weights = np.array([judged[pair] for pair in pairs])
    share = np.array([k / n for k, n in pairs])
    p0 = _median(share, weights)
    raw = (share - p0) * np.sqrt(np.array([n for _, n in pairs], dtype=float))
    spread = 1.4826 * _median(np.abs(raw - _median(raw, weights)), weights)
    return Reference(common, p0, spread)


def _median(values: np.ndarray, weights: np.ndarray) -> float:
    """The median of `values` repeated `weights` times, as `np.median` computes it."""
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    total = int(cumulative[-1])

    def at(rank: int) -> float:
        return float(values[order][np.searchsorted(cumulative, rank, side="right")])

    return at(total // 2) if total % 2 else (at(total // 2 - 1) + at(total // 2)) / 2


def mark_off_topic(sentences: pd.DataFrame, *, closes: pd.Series,
                   reference: Reference) -> pd.DataFrame:
    """Add `relevance` and turn unrelated body paragraphs into role ``off_topic``.

    `closes` marks the boilerplate sentences that end an article or link to other stories
    (1) and the headers of teaser blocks ("More from ...", 2), 0 for the others;
    `reference` is the corpus' (`corpus_reference`). Returns a new table; the input is not
    changed.
    """
    sentences = sentences.copy()
    sentences["relevance"] = 1.0
    paragraphs = prose_paragraphs(sentences)
    if paragraphs.empty:
        return sentences
    shared, n_words = shared_vocabulary(paragraphs, reference.common)
    share = np.divide(shared, n_words, out=np.ones(len(paragraphs)), where=n_words > 0)
    paragraphs["relevance"] = share
    paragraphs["z"] = _shortfall(share, n_words, reference)
    keys = ["article_id", "paragraph"]
    merged = sentences[keys].merge(paragraphs[keys + ["relevance", "z"]], on=keys, how="left")
    sentences["relevance"] = merged["relevance"].fillna(1.0).to_numpy()
    off = _off_topic(sentences, merged["z"].fillna(0.0).to_numpy(), closes.to_numpy())
    sentences.loc[off, "role"] = "off_topic"
    return sentences


def _article_words(paragraphs: pd.DataFrame, tokens: list[list[str]] | None = None) -> dict:
    """Per article: in how many of its paragraphs each word (lower case) occurs."""
    tokens = [TOKEN.findall(text) for text in paragraphs["text"]] if tokens is None else tokens
    in_article: dict = {}
    for article, words in zip(paragraphs["article_id"], tokens):
        in_article.setdefault(article, Counter()).update(set(w.lower() for w in words))
    return in_article


def shared_vocabulary(paragraphs: pd.DataFrame, common: frozenset
                      ) -> tuple[np.ndarray, np.ndarray]:
    """For each paragraph: how many of its common words (lower-case, not stop words) are
    found elsewhere — again in its own article, or in `common` — and how many it has."""
    tokens = [TOKEN.findall(text) for text in paragraphs["text"]]
    in_article = _article_words(paragraphs, tokens)
    shared, n_words = [], []
    for article, found in zip(paragraphs["article_id"], tokens):
        words = [w for w in found if w.islower() and w not in ENGLISH_STOP_WORDS]
        own = in_article[article]
        shared.append(sum(own[w] > 1 or w in common for w in words))
        n_words.append(len(words))
    return np.array(shared, dtype=int), np.array(n_words, dtype=int)


def _shortfall(share: np.ndarray, n_words: np.ndarray, reference: Reference) -> np.ndarray:
    if reference.p0 is None:
        return np.zeros(len(share))
    raw = (share - reference.p0) * np.sqrt(n_words.astype(float))
    return raw / max(reference.spread, MIN_SPREAD)


def _off_topic(sentences: pd.DataFrame, z: np.ndarray, closes: np.ndarray) -> np.ndarray:
    """Rows to mark: clearly unrelated body, or unrelated runs after closing furniture."""
    roles, texts = sentences["role"].to_numpy(), sentences["text"].to_numpy()
    paragraph = sentences["paragraph"].to_numpy()
    off = (roles == "body") & (z < UNRELATED_Z)
    for rows in sentences.groupby("article_id", sort=False).indices.values():
        threshold, body_seen, current, runs = None, set(), None, []
        for row in rows:
            if roles[row] == "boilerplate":  # a block of furniture opened by a closing item
                opens_run = closes[row] and len(body_seen) >= MIN_BODY_BEFORE
                threshold = TAIL_Z if opens_run or threshold == TAIL_Z else None
                current = None
                continue
            if roles[row] == "body":
                body_seen.add(paragraph[row])
            if paragraph[row] == current:
                off[row] = True
                runs[-1].append(row)
            elif threshold is not None and roles[row] == "body" and z[row] < threshold:
                if threshold == TAIL_Z:
                    runs.append([])
                off[row], current, threshold = True, paragraph[row], RUN_Z
                runs[-1].append(row)
            else:
                threshold, current = None, None
        body_before = _body_paragraphs_before(rows, roles, paragraph)
        headers = [i for i, row in enumerate(rows) if closes[row] == 2]
        if headers:
            tail = [r for r in rows[headers[-1] + 1:] if roles[r] == "body"]
            long_enough = [r for r in tail if len(TOKEN.findall(texts[r])) >= MIN_JUDGED_WORDS]
            judged = [r for r in long_enough if _ends_sentence(texts[r])]
            judged = judged or long_enough  # teasers that end without a full stop
            if (len({paragraph[r] for r in tail}) >= 2
                    and body_before[headers[-1]] >= MIN_BODY_BEFORE and judged and all(z[r] < HEADER_Z for r in judged)):
                off[tail] = True
            for header in headers:  # a block of teasers, and the article goes on after it
                block = _teaser_block(rows[header + 1:], roles, texts, paragraph, closes)
                after = [r for r in rows[header + 1:] if roles[r] == "body" and r > max(block, default=-1)]
                judged = [r for r in block if len(TOKEN.findall(texts[r])) >= MIN_JUDGED_WORDS
                          and _ends_sentence(texts[r])]
                if (body_before[header] >= MIN_BODY_BEFORE
                        and ((_summaries(block, texts, paragraph) >= TEASER_PAIRS
                              and np.mean(_paragraph_z(block, z, paragraph)) < PAIRS_Z)
                             or (len(judged) >= 2 and after
                                 and all(z[r] < HEADER_Z for r in judged)))):
                    off[block] = True
        for i in range(1, len(rows)):  # a teaser block with a header no pattern knows
            row, before = rows[i], rows[i - 1]
            if (roles[row] == "body" and roles[before] == "boilerplate"
                    and body_before[i] >= MIN_BODY_BEFORE):
                block = _teaser_block(rows[i:], roles, texts, paragraph, closes)
                after = [r for r in rows[i:] if r > max(block, default=-1)][:1]
                if after and roles[after[0]] == "body" and _ends_sentence(texts[after[0]]):
                    block = _without_last_pair(block, texts, paragraph)  # a subhead's section
                summaries = [r for r in block if _ends_sentence(texts[r])]
                if (_summaries(block, texts, paragraph) >= 2
                        and min(_combined_z(block, z, paragraph),
                                _combined_z(summaries, z, paragraph)) < BLOCK_Z):
                    off[block] = True
        for run in runs:  # one paragraph, and the article goes on: "Read more" mid-article
            goes_on = set()
            for r in rows[rows > run[-1]]:
                if closes[r]:  # the next closing item or teaser header ends the article's text
                    break
                if roles[r] == "body" and not off[r] and z[r] >= RUN_Z:
                    goes_on.add(paragraph[r])
            if len({paragraph[r] for r in run}) == 1 and len(goes_on) >= MIN_BODY_BEFORE:
                off[run] = z[run] < UNRELATED_Z
    return off


def _teaser_block(rows: np.ndarray, roles: np.ndarray, texts: np.ndarray,
                  paragraph: np.ndarray, closes: np.ndarray) -> list:
    """The body rows of the teaser block that starts with `rows`: items of a headline (a
    paragraph of at least `HEADLINE_WORDS` words without closing punctuation, body or taken
    for a link) and at most one paragraph of summary. It ends at the first paragraph that is
    neither (prose where a headline is due, a short subhead, other furniture)."""
    block, summary_due = [], False
    for par in _paragraph_runs(rows, paragraph):
        text = " ".join(texts[r] for r in par)
        headline = not _ends_sentence(texts[par[-1]]) and len(TOKEN.findall(text)) >= HEADLINE_WORDS
        if roles[par[0]] == "boilerplate":  # a headline taken for a link, or for one's header
            if block and not summary_due and not headline and not any(closes[r] for r in par):
                continue  # a separator between two items ("-----", "2 | LOGISTICS")
            if not headline or any(closes[r] == 1 for r in par):
                break
            summary_due = True
        elif headline:
            block += par
            summary_due = True
        elif summary_due and _ends_sentence(texts[par[-1]]):
            block += par
            summary_due = False
        else:
            break
    return block


def _paragraph_z(block: list, z: np.ndarray, paragraph: np.ndarray) -> list:
    """The z of each paragraph of `block` (all its rows share their paragraph's)."""
    return [z[par[0]] for par in _paragraph_runs(block, paragraph)]


def _combined_z(rows: list, z: np.ndarray, paragraph: np.ndarray) -> float:
    """``sum(z) / sqrt(k)`` over the `k` paragraphs of `rows`."""
    runs_z = _paragraph_z(rows, z, paragraph)
    return sum(runs_z) / math.sqrt(len(runs_z))


def _summaries(block: list, texts: np.ndarray, paragraph: np.ndarray) -> int:
    """How many paragraphs of `block` end a sentence: its items' summaries."""
    return len({paragraph[r] for r in block if _ends_sentence(texts[r])})


def _body_paragraphs_before(rows: np.ndarray, roles: np.ndarray, paragraph: np.ndarray) -> list:
    """For each position in `rows` (one article), how many body paragraphs come before it."""
    counts, seen = [], set()
    for row in rows:
        counts.append(len(seen))
        if roles[row] == "body":
            seen.add(paragraph[row])
    return counts


def _without_last_pair(block: list, texts: np.ndarray, paragraph: np.ndarray) -> list:
    """`block` less its last headline and summary: when prose follows the block, that pair
    is the subhead and first paragraph of the article's next section."""
    pars = _paragraph_runs(block, paragraph)
    if len(pars) >= 2 and _ends_sentence(texts[pars[-1][-1]]):
        pars = pars[:-2]
    return [r for par in pars for r in par]


def _ends_sentence(text: str) -> bool:
    return text.rstrip(CLOSING_QUOTES + " ").endswith(CLOSING)


def _paragraph_runs(rows: np.ndarray, paragraph: np.ndarray) -> list[list]:
    runs: list[list] = []
    for r in rows:
        if runs and paragraph[runs[-1][-1]] == paragraph[r]:
            runs[-1].append(r)
        else:
            runs.append([r])
    return runs
