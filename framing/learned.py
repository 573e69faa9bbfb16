"""A learned layer over the lexicon, trained on hand-coded sentences.

The lexicon finds what its cues name, but most `no_breakthrough` sentences are verdicts left
implicit ("the tariffs stay where Geneva left them", "neither side gave ground"), and no cue
list reaches them all. For each frame the codebook's ``learned:`` section lists, a content
sentence's code is instead the decision of a logistic regression (scikit-learn) over

- the TF-IDF weights of the sentence's words and word pairs (lower case; terms found in at
  least `MIN_DF` training sentences; sublinear term frequency), and
- the lexicon's 0/1 codes of the sentence read alone (its own cues, as
  `FrameCoder.frames_and_context` finds them; context and carrying aside),

fitted on the coded sheets the section names (``sheets:``, paths or glob patterns relative
to the codebook file): CSV files with `article_id, start, end, text` and one 0/1 column per
frame, as coders fill them (`tests/data/coding/GUIDE.md`). Rows whose ``note`` starts with
"furniture", "teaser" or "unrelated" are page furniture, not prose, and are left out. The
sentence carries the frame when the model's probability is at least the frame's
``threshold``; ``C`` is the inverse regularisation (class weights balanced). Both are set
per frame in the codebook, as chosen by leave-one-corpus-out cross-validation over the
training sheets (`experiments/learned_layer.py`).

A frame the section does not list keeps the lexicon's code. The models are fitted once per
process for each codebook and set of sheets, and the fit is deterministic.
"""

from __future__ import annotations

import os
import re

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from .codebook import Codebook
from .errors import FramingError

MIN_DF = 2
FURNITURE_NOTE = re.compile(r"\s*(furniture|teaser|unrelated)\b", re.IGNORECASE)


def training_sentences(codebook: Codebook) -> pd.DataFrame:
    """The coded prose sentences of the codebook's ``learned.sheets``: ``sheet, text`` and one
    0/1 column per frame of the codebook, in sheet order."""
    from .sheets import check_codes
    from .validation import read_sheet

    frames = codebook.frame_ids
    tables = []
    for path in codebook.learned["sheets"]:
        sheet = read_sheet(path)
        if "text" not in sheet.columns:
            raise FramingError(f"{path}:1: a training sheet needs a `text` column; give the "
                               "coded sheet as the coders returned it")
        sheet = check_codes(sheet.drop(columns=["tone"], errors="ignore"), frames, path)
        notes = sheet.get("note", pd.Series("", index=sheet.index))
        prose = ~notes.astype(object).fillna("").astype(str).str.match(FURNITURE_NOTE)
        tables.append(sheet.loc[prose, ["text"] + frames].assign(sheet=os.path.basename(path)))
    return pd.concat(tables, ignore_index=True)[["sheet", "text"] + frames]


def lexicon_codes(texts, codebook: Codebook) -> np.ndarray:
    """The lexicon's own-cue codes of each text read alone: one 0/1 column per frame."""
    from .coding import FrameCoder

    coder = FrameCoder(codebook)
    return own_codes([coder.frames_and_context(t)[0] for t in texts], codebook)


def own_codes(found: list[set], codebook: Codebook) -> np.ndarray:
    return np.array([[frame in own for frame in codebook.frame_ids] for own in found],
                    dtype=float).reshape(len(found), len(codebook.frame_ids))


class Layer:
    """Fitted models: one vectoriser over the training texts, one logistic regression per
    frame (`targets`: frame -> 0/1 codes of the texts; `C`: frame -> inverse
    regularisation)."""

    def __init__(self, texts, codes: np.ndarray, targets: dict, C: dict):
        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=MIN_DF, sublinear_tf=True)
        X = sparse.hstack([self.vectorizer.fit_transform(texts), codes]).tocsr()
        self.regressions = {}
        for frame, y in targets.items():
            if len(np.unique(y)) < 2:
                raise FramingError(f"learned layer: the training sheets code {frame!r} the "
                                   "same in every prose row; a model needs sentences with "
                                   "and without the frame")
            self.regressions[frame] = LogisticRegression(
                C=C[frame], class_weight="balanced", solver="newton-cg", max_iter=1000).fit(X, y)

    def probabilities(self, texts, codes: np.ndarray) -> dict:
        """Per frame, the probability that each text carries it."""
        if len(texts) == 0:
            return {frame: np.zeros(0) for frame in self.regressions}
        X = sparse.hstack([self.vectorizer.transform(texts), codes]).tocsr()
        return {frame: m.predict_proba(X)[:, 1] for frame, m in self.regressions.items()}


def learned_layer(codebook: Codebook) -> Layer | None:
    """The codebook's fitted `Layer` (None without a ``learned:`` section)."""
    if not codebook.learned:
        return None
    key = (codebook.checksum, tuple((p, os.stat(p).st_mtime_ns, os.stat(p).st_size)
                                    for p in codebook.learned["sheets"]))
    if key not in _FITTED:
        training = training_sentences(codebook)
        settings = codebook.learned["frames"]
        _FITTED.clear()  # one codebook's models at a time
        _FITTED[key] = Layer(training["text"].tolist(), lexicon_codes(training["text"], codebook),
                             {f: training[f].to_numpy(dtype=int) for f in settings},
                             {f: setting["C"] for f, setting in settings.items()})
    return _FITTED[key]


_FITTED: dict = {}


def decide(texts: list[str], found: list[set], codebook: Codebook) -> dict:
    """For each frame of ``learned.frames``: 0/1 codes of `texts` (content sentences) given
    the lexicon's own-cue frames `found` of each; {} without a learned layer."""
    layer = learned_layer(codebook)
    if layer is None:
        return {}
    settings = codebook.learned["frames"]
    return {frame: (p >= settings[frame]["threshold"]).astype(int)
            for frame, p in layer.probabilities(texts, own_codes(found, codebook)).items()}
