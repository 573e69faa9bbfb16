"""How sure we can be: bootstrap intervals per outlet and permutation tests between outlets.

* `bootstrap_scores` resamples content sentences with replacement *within each article* (so an
  outlet keeps its articles and their lengths) `n` times with a seeded generator, recomputes
  each outlet's salience per frame, mean tone and each codebook index, and reports the
  percentile interval (``level``, default 95%).
* `compare_outlets` tests, for every pair of outlets and every frame, whether their salience
  differs: the two outlets' content sentences are pooled and their outlet labels shuffled
  `n` times (seeded); ``p = (1 + #|shuffled difference| >= |observed|) / (1 + n)``; p-values
  are adjusted for the number of tests with Holm's method. Sentences, not articles, are
  shuffled, so with several articles per outlet the test ignores that sentences of one article
  hang together.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .codebook import Codebook
from .schemas import CONTENT_ROLES, check_columns


def _content(sentences: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    check_columns(sentences, ["outlet", "article_id", "role", "tone"] + codebook.frame_ids,
                  "sentences")
    return sentences[sentences["role"].isin(CONTENT_ROLES)]


def _statistics(hits: np.ndarray, tone: np.ndarray, codebook: Codebook) -> dict:
    """Outlet-level figures from a (resampled) block of sentences."""
    frames = codebook.frame_ids
    values = {("salience", f): hits[:, k].mean() for k, f in enumerate(frames)}
    values[("tone", "")] = tone.mean()
    for index in codebook.indices:
        b = hits[:, frames.index(index.positive)].sum()
        nb = hits[:, frames.index(index.negative)].sum()
        values[(index.id, "")] = (b - nb) / (b + nb) if b + nb else np.nan
    return values


def bootstrap_scores(sentences: pd.DataFrame, codebook: Codebook, *, n: int = 1000,
                     seed: int = 0, level: float = 0.95) -> pd.DataFrame:
    """Percentile intervals per outlet for salience (per frame), tone and every index.

    Returns ``outlet, measure, frame, estimate, low, high, n_articles``: `estimate` from the
    data as they are, `low`/`high` the (1 - level)/2 and (1 + level)/2 quantiles of `n`
    resamples (NaN resamples, e.g. an index without hits, are left out).
    """
    content = _content(sentences, codebook)
    rng = np.random.default_rng(seed)
    rows = []
    for outlet, table in content.groupby("outlet", sort=False):
        hits = table[codebook.frame_ids].to_numpy(dtype=float)
        tone = table["tone"].to_numpy(dtype=float)
        groups = [np.flatnonzero(table["article_id"].to_numpy() == a)
                  for a in pd.unique(table["article_id"])]
        estimate = _statistics(hits, tone, codebook)
        draws = {key: [] for key in estimate}
        for _ in range(n):
            index = np.concatenate([rng.choice(g, size=len(g), replace=True) for g in groups])
            for key, value in _statistics(hits[index], tone[index], codebook).items():
                draws[key].append(value)
        for (measure, frame), value in estimate.items():
            sample = np.array(draws[(measure, frame)], dtype=float)
            sample = sample[~np.isnan(sample)]
            low, high = (np.quantile(sample, [(1 - level) / 2, (1 + level) / 2])
                         if len(sample) else (np.nan, np.nan))
            rows.append({"outlet": outlet, "measure": measure, "frame": frame,
                         "estimate": value, "low": low, "high": high,
                         "n_articles": len(groups)})
    return pd.DataFrame(rows, columns=["outlet", "measure", "frame", "estimate", "low", "high",
                                       "n_articles"])


def holm(p_values) -> np.ndarray:
    """Holm's step-down adjustment of p-values (monotone, capped at 1)."""
    p = np.asarray(p_values, dtype=float)
    order = np.argsort(p)
    adjusted = np.empty_like(p)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(p) - rank) * p[i]))
        adjusted[i] = running
    return adjusted


def permutation_p(a: np.ndarray, b: np.ndarray, *, n: int, rng) -> float:
    """Two-sided permutation p-value for a difference in means of 0/1 (or any) values."""
    pooled = np.concatenate([a, b])
    observed = abs(a.mean() - b.mean())
    extreme = 0
    for _ in range(n):
        shuffled = rng.permutation(pooled)
        extreme += abs(shuffled[:len(a)].mean() - shuffled[len(a):].mean()) >= observed - 1e-12
    return (1 + extreme) / (1 + n)


def compare_outlets(sentences: pd.DataFrame, codebook: Codebook, *, n: int = 2000,
                    seed: int = 0, alpha: float = 0.05) -> pd.DataFrame:
    """Every pair of outlets x frame: salience of each, their difference, permutation p-value,
    Holm-adjusted p-value and ``significant`` (adjusted p < alpha).

    Returns ``outlet_a, outlet_b, frame, salience_a, salience_b, difference, p_value,
    p_adjusted, significant``.
    """
    content = _content(sentences, codebook)
    rng = np.random.default_rng(seed)
    outlets = list(pd.unique(content["outlet"]))
    rows = []
    for i, first in enumerate(outlets):
        for second in outlets[i + 1:]:
            for frame in codebook.frame_ids:
                a = content.loc[content["outlet"] == first, frame].to_numpy(dtype=float)
                b = content.loc[content["outlet"] == second, frame].to_numpy(dtype=float)
                rows.append({"outlet_a": first, "outlet_b": second, "frame": frame,
                             "salience_a": a.mean(), "salience_b": b.mean(),
                             "difference": a.mean() - b.mean(),
                             "p_value": permutation_p(a, b, n=n, rng=rng)})
    table = pd.DataFrame(rows, columns=["outlet_a", "outlet_b", "frame", "salience_a",
                                        "salience_b", "difference", "p_value"])
    table["p_adjusted"] = holm(table["p_value"]) if len(table) else []
    table["significant"] = table["p_adjusted"] < alpha
    return table
