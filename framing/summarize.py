"""Outlet-level scores from the coded sentence table, and the sentences behind them.

Formulas (all recomputable from `sentences.csv` and `quotes.csv`):

* content sentences: roles ``headline`` and ``body``;
* ``n_sentences``: content sentences of the outlet; ``n_hits``: those coded for the frame;
* ``salience`` = n_hits / n_sentences;
* ``prominence``: the same share with position weights, ``sum(w * hit) / sum(w)`` over content
  sentences, where w = `HEADLINE_WEIGHT` for a headline, `LEAD_WEIGHT` for the first
  `LEAD_SENTENCES` body sentences of an article (the lead) and 1 for the rest;
* ``tone`` (per frame): mean tone of the content sentences coded for the frame;
* per outlet: ``n_articles``, ``n_sentences``, ``tone`` (mean over content sentences); for each
  codebook index (e.g. ``breakthrough_index``): ``(P - NB) / (P + NB)`` with the counts of
  its positive and negative frame (``n_<frame>`` rows give them), NaN when both are 0;
* ``voice_share`` per actor: the actor's share of the outlet's quoted words
  (``n_quoted_words`` per actor gives the counts).

Every score is computed from additive counts (`count_scores`, `schemas.COUNTS`): counts of
chunks of a corpus add up (`combine_counts`) to those of the whole, which is how
`framing score` summarizes a corpus it never holds in memory.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .codebook import Codebook
from .schemas import CONTENT_ROLES, OUTLET_SCORES, check_columns

HEADLINE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
LEAD_SENTENCES = 3


def position_weights(sentences: pd.DataFrame) -> pd.Series:
    """Prominence weight of each sentence (0 for boilerplate and off-topic sentences)."""
    content = sentences["role"].isin(CONTENT_ROLES)
    body = sentences["role"].eq("body")
    body_rank = body.groupby(sentences["article_id"]).cumsum().where(body, 0)
    weights = np.where(sentences["role"].eq("headline"), HEADLINE_WEIGHT,
                       np.where(body & (body_rank <= LEAD_SENTENCES), LEAD_WEIGHT, 1.0))
    return pd.Series(np.where(content, weights, 0.0), index=sentences.index, name="weight")


def count_scores(sentences: pd.DataFrame, quotes: pd.DataFrame, codebook: Codebook, *,
                 by: str = "outlet") -> pd.DataFrame:
    """The counts behind every outlet score (`schemas.COUNTS`), in long format: they add up
    over parts of a corpus (`combine_counts`), and `scores_from_counts` turns them into the
    scores. Per `by` group: ``n_articles``, ``n_sentences`` (content sentences), ``weight``
    (their summed position weights), ``tone_sum`` and ``n_toned`` (sentences with a tone);
    per group x frame: ``n_hits``, ``weighted_hits``, ``tone_sum`` and ``n_toned`` (over the
    hits); per group x actor: ``n_quoted_words``."""
    check_columns(sentences, ["article_id", "role", by] + codebook.frame_ids, "sentences")
    content = sentences["role"].isin(CONTENT_ROLES).to_numpy()
    weight = np.where(content, position_weights(sentences).to_numpy(), 0.0)
    toned = "tone" in sentences.columns
    tone = sentences["tone"].to_numpy(float) if toned else np.full(len(sentences), np.nan)
    has_tone = content & ~np.isnan(tone)
    columns = {("n_sentences", ""): content.astype(int), ("weight", ""): weight,
               ("tone_sum", ""): np.where(has_tone, tone, 0.0),
               ("n_toned", ""): has_tone.astype(int)}
    for frame in codebook.frame_ids:
        hit = content & (sentences[frame].to_numpy() == 1)
        columns[("n_hits", frame)] = hit.astype(int)
        columns[("weighted_hits", frame)] = np.where(hit, weight, 0.0)
        columns[("tone_sum", frame)] = np.where(hit & has_tone, tone, 0.0)
        columns[("n_toned", frame)] = (hit & has_tone).astype(int)
    groups = sentences[by].to_numpy()
    sums = pd.DataFrame(columns, index=pd.Index(groups, name=by)).groupby(level=0, sort=False).sum()
    articles = sentences.groupby(by, sort=False)["article_id"].nunique()
    rows = [{by: group, "measure": "n_articles", "frame": "", "actor": "",
             "value": float(articles[group])} for group in sums.index]
    rows += [{by: group, "measure": measure, "frame": frame, "actor": "", "value": float(value)}
             for group, values in sums.iterrows() for (measure, frame), value in values.items()]
    if by == "outlet" and len(quotes):
        words = quotes.groupby(["outlet", "speaker"], sort=False)["n_words"].sum()
        rows += [{"outlet": outlet, "measure": "n_quoted_words", "frame": "", "actor": actor,
                  "value": float(n)} for (outlet, actor), n in words.items()]
    return pd.DataFrame(rows, columns=[by, "measure", "frame", "actor", "value"])


def combine_counts(parts, *, by: str = "outlet") -> pd.DataFrame:
    """Add up `count_scores` tables of parts of a corpus (groups in order of appearance)."""
    counts = pd.concat(list(parts), ignore_index=True)
    return (counts.groupby([by, "measure", "frame", "actor"], sort=False)["value"].sum()
            .reset_index())


def frames_from_counts(counts: pd.DataFrame, codebook: Codebook, *,
                       by: str = "outlet") -> pd.DataFrame:
    """Per group x frame: ``n_sentences, n_hits, salience, prominence, tone`` (see the module
    docstring) from `count_scores` counts, groups in order of appearance."""
    get = _lookup(counts, by)
    rows = []
    for group in pd.unique(counts[by]):
        n, weight = int(get(group, "n_sentences")), get(group, "weight")
        for frame in codebook.frame_ids:
            hits = int(get(group, "n_hits", frame))
            rows.append({by: group, "frame": frame, "n_sentences": n, "n_hits": hits,
                         "salience": hits / n if n else np.nan,
                         "prominence": get(group, "weighted_hits", frame) / weight if weight
                         else np.nan,
                         "tone": _mean(get(group, "tone_sum", frame),
                                       get(group, "n_toned", frame))})
    return pd.DataFrame(rows, columns=[by, "frame", "n_sentences", "n_hits", "salience",
                                       "prominence", "tone"])


def scores_from_counts(counts: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """All outlet scores in long format (`schemas.OUTLET_SCORES`) from `count_scores` counts."""
    frames = frames_from_counts(counts, codebook)
    rows = []
    for measure in ("n_sentences", "n_hits", "salience", "prominence", "tone"):
        rows += [{"outlet": r.outlet, "measure": measure, "frame": r.frame, "actor": "",
                  "value": float(getattr(r, measure))} for r in frames.itertuples()]
    get = _lookup(counts, "outlet")
    outlets = list(pd.unique(counts["outlet"]))
    for outlet in outlets:
        rows += _outlet_rows(outlet, get, codebook)
    for outlet in outlets:
        rows += _voice_rows(outlet, get, codebook)
    return pd.DataFrame(rows, columns=list(OUTLET_SCORES))


def _lookup(counts: pd.DataFrame, by: str):
    """``get(group, measure, frame="", actor="")``: one count, NaN where there is none."""
    value = counts.set_index([by, "measure", "frame", "actor"])["value"]

    def get(group, measure: str, frame: str = "", actor: str = "") -> float:
        return value.get((group, measure, frame, actor), np.nan)

    return get


def summarize_frames(sentences: pd.DataFrame, codebook: Codebook, *,
                     by: str = "outlet") -> pd.DataFrame:
    """Per `by` group x frame: ``n_sentences, n_hits, salience, prominence, tone``.

    Returns a tidy table with columns ``[by, frame, n_sentences, n_hits, salience,
    prominence, tone]``, one row per group and frame, groups in order of appearance.
    """
    no_quotes = pd.DataFrame(columns=["outlet", "speaker", "n_words"])
    return frames_from_counts(count_scores(sentences, no_quotes, codebook, by=by), codebook,
                              by=by)


def summarize_outlets(sentences: pd.DataFrame, quotes: pd.DataFrame,
                      codebook: Codebook) -> pd.DataFrame:
    """All outlet scores in long format (`schemas.OUTLET_SCORES`): outlet, measure, frame,
    actor, value. Measures are listed in this module's docstring and the README."""
    return scores_from_counts(count_scores(sentences, quotes, codebook), codebook)


def outlet_measures(outlets: pd.DataFrame) -> pd.DataFrame:
    """The per-outlet measures of `summarize_outlets` (no frame, no actor) as a wide table,
    one row per outlet (index), one column per measure."""
    per_outlet = outlets[(outlets["frame"] == "") & (outlets["actor"] == "")]
    return per_outlet.pivot_table(index="outlet", columns="measure", values="value",
                                  sort=False, dropna=False)


def _outlet_rows(outlet: str, get, codebook: Codebook) -> list[dict]:
    def row(measure, value):
        return {"outlet": outlet, "measure": measure, "frame": "", "actor": "",
                "value": float(value)}

    rows = [row("n_articles", get(outlet, "n_articles")),
            row("n_sentences", get(outlet, "n_sentences")),
            row("tone", _mean(get(outlet, "tone_sum"), get(outlet, "n_toned")))]
    for index in codebook.indices:
        positive = get(outlet, "n_hits", index.positive)
        negative = get(outlet, "n_hits", index.negative)
        total = positive + negative
        rows += [row(f"n_{index.positive}", positive), row(f"n_{index.negative}", negative),
                 row(index.id, (positive - negative) / total if total else np.nan)]
    return rows


def _mean(total: float, count: float) -> float:
    return total / count if count else np.nan


def _voice_rows(outlet: str, get, codebook: Codebook) -> list[dict]:
    actors = [a.id for a in codebook.actors] + ["unknown"]
    words = {actor: np.nan_to_num(get(outlet, "n_quoted_words", "", actor)) for actor in actors}
    total = sum(words.values())
    rows = []
    for actor in actors:
        n = float(words[actor])
        rows.append({"outlet": outlet, "measure": "n_quoted_words", "frame": "",
                     "actor": actor, "value": n})
        rows.append({"outlet": outlet, "measure": "voice_share", "frame": "",
                     "actor": actor, "value": n / total if total else np.nan})
    return rows


def skipped_articles(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Articles that gave no content sentence, so count nowhere: ``article_id, outlet, file,
    reason`` (the loader's warning, or that nothing but page furniture was left)."""
    content = sentences.loc[sentences["role"].isin(CONTENT_ROLES), "article_id"]
    skipped = articles[~articles["article_id"].isin(set(content))]
    reason = skipped.get("warning", pd.Series("", index=skipped.index)).fillna("")
    reason = reason.where(reason != "", "no article text left after removing page furniture "
                                        "and off-topic text")
    return pd.DataFrame({"article_id": skipped["article_id"], "outlet": skipped["outlet"],
                         "file": skipped["file"], "reason": reason}).reset_index(drop=True)


def evidence(sentences: pd.DataFrame, frame: str, *, outlet: str | None = None,
             n: int = 5) -> pd.DataFrame:
    """The top `n` sentences behind an outlet x frame score: coded for `frame`, most
    prominent first (headline, then lead, then article order).

    Returns rows of the sentences table with an added ``weight`` column.
    """
    check_columns(sentences, ["outlet", "role", "start", frame], "sentences")
    ranked = sentences.assign(weight=position_weights(sentences))
    ranked = ranked[(ranked[frame] == 1) & (ranked["weight"] > 0)]
    if outlet is not None:
        ranked = ranked[ranked["outlet"] == outlet]
    ranked = ranked.assign(_order=np.arange(len(ranked)))
    return (ranked.sort_values(["weight", "_order"], ascending=[False, True])
            .drop(columns="_order").head(n))


def score_corpus(articles: pd.DataFrame, codebook: Codebook) -> dict:
    """The whole pipeline: ``{"articles", "sentences", "quotes", "frames", "outlets",
    "skipped"}`` for a corpus (``frames`` is `summarize_frames` by outlet, ``skipped`` the
    articles that gave no content sentence)."""
    from .relevance import corpus_reference
    from .segment import split_sentences

    split = split_sentences(articles)
    scored = score_split(articles, split, codebook, reference=corpus_reference(split))
    return {"articles": articles, "sentences": scored["sentences"], "quotes": scored["quotes"],
            "frames": frames_from_counts(scored["counts"], codebook),
            "outlets": scores_from_counts(scored["counts"], codebook),
            "skipped": scored["skipped"]}


def score_split(articles: pd.DataFrame, split: pd.DataFrame, codebook: Codebook, *,
                reference) -> dict:
    """The pipeline after sentence splitting, for a corpus or one chunk of it:
    ``{"sentences", "quotes", "counts", "skipped"}``. `split` is `split_sentences(articles)`
    and `reference` the whole corpus' `relevance.Reference`; ``counts`` (`count_scores`) add
    up over chunks."""
    from .coding import code_frames
    from .quotes import extract_quotes
    from .segment import assign_off_topic
    from .tone import score_tone

    sentences = score_tone(code_frames(assign_off_topic(split, reference), codebook), codebook)
    quotes = extract_quotes(articles, sentences, codebook)
    return {"sentences": sentences, "quotes": quotes,
            "counts": count_scores(sentences, quotes, codebook),
            "skipped": skipped_articles(articles, sentences)}


def add_reliability(results: dict, codebook: Codebook, *, n_boot: int = 1000,
                    n_perm: int = 2000, seed: int = 0) -> dict:
    """`results` plus ``intervals`` (bootstrap), ``comparisons`` (permutation tests),
    ``terms`` (distinctive language) and ``similarity`` (text and frame profiles)."""
    from .keyness import distinctive_terms, frame_similarity, outlet_similarity
    from .uncertainty import bootstrap_scores, compare_outlets

    sentences = results["sentences"]
    return {**results,
            "intervals": bootstrap_scores(sentences, codebook, n=n_boot, seed=seed),
            "comparisons": compare_outlets(sentences, codebook, n=n_perm, seed=seed),
            "terms": distinctive_terms(sentences),
            "similarity": {"text": outlet_similarity(sentences),
                           "frames": frame_similarity(results["frames"])}}


def summary_table(outlets: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """One row per outlet: ``outlet, n_articles, n_sentences, tone``, each index, and the
    salience of every frame (columns named after the frame ids)."""
    wide = outlet_measures(outlets)
    columns = ["n_articles", "n_sentences", "tone"] + [i.id for i in codebook.indices]
    salience = outlets[outlets["measure"] == "salience"].pivot_table(
        index="outlet", columns="frame", values="value", sort=False)
    table = wide[columns].join(salience[codebook.frame_ids])
    return table.reset_index().rename_axis(columns=None)
