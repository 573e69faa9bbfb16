"""Tone of each sentence: general sentiment plus the codebook's domain cues.

* ``sentiment``: the VADER compound score (Hutto & Gilbert 2014) from the `vaderSentiment`
  package, whose wheel ships its lexicon (nothing is downloaded).
* ``domain``: ``(P - N) / (P + N)`` over the codebook's tone cues found in the sentence, where
  P counts positive cues and N negative ones (a negated cue counts for the other side), and
  each coded frame with ``tone: 1`` or ``tone: -1`` adds one to P or N; 0 without cues.
* ``tone``: ``clip(w_s * sentiment + w_d * domain, -1, 1)`` with the codebook's
  ``tone.weights`` (default 0.5 and 0.5).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from .codebook import Codebook
from .coding import Negation
from .matcher import CueMatcher
from .schemas import check_columns


@dataclass(frozen=True)
class ToneScorer:
    """A codebook's tone cues and VADER, compiled once; call it on one sentence."""

    codebook: Codebook
    _analyzer: SentimentIntensityAnalyzer = field(init=False, repr=False, compare=False)
    _matcher: CueMatcher = field(init=False, repr=False, compare=False)
    _negation: Negation = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_analyzer", SentimentIntensityAnalyzer())
        object.__setattr__(self, "_matcher", CueMatcher({0: self.codebook.tone_positive,
                                                         1: self.codebook.tone_negative}))
        object.__setattr__(self, "_negation", Negation.from_codebook(self.codebook))

    def sentiment(self, text: str) -> float:
        return float(self._analyzer.polarity_scores(text)["compound"])

    def cue_counts(self, text: str) -> tuple[int, int]:
        """(positive, negative) domain cue counts, negated cues switching sides. A cue inside
        a longer cue of the other side ("tension" in "ease tensions") does not count."""
        found = [(start, end, side) for side, start, end in self._matcher.find(text)]
        counts = [0, 0]
        for start, end, side in found:
            if any(a <= start and end <= b and (b - a) > (end - start)
                   for a, b, other in found if other != side):
                continue
            counts[side ^ int(self._negation(text, start))] += 1
        return counts[0], counts[1]


def score_tone(coded: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Add ``sentiment``, ``domain`` and ``tone`` (`schemas.TONED`) to a coded sentences table.

    Frame columns, when present, add their codebook tone sign. Returns a new table.
    """
    check_columns(coded, ["text"], "sentences")
    scorer = ToneScorer(codebook)
    toned = coded.copy()
    counts = np.array([scorer.cue_counts(t) for t in toned["text"]], dtype=float)
    counts = counts.reshape(len(toned), 2)
    for frame in codebook.frames:
        if frame.tone and frame.id in toned.columns:
            side = 0 if frame.tone > 0 else 1
            counts[:, side] += toned[frame.id].to_numpy(dtype=float)
    total = counts.sum(axis=1)
    domain = np.divide(counts[:, 0] - counts[:, 1], total, out=np.zeros(len(toned)),
                       where=total > 0)
    toned["sentiment"] = [scorer.sentiment(t) for t in toned["text"]]
    toned["domain"] = domain
    weights = codebook.tone_weights
    toned["tone"] = np.clip(weights["sentiment"] * toned["sentiment"].to_numpy()
                            + weights["domain"] * domain, -1.0, 1.0)
    return toned
