"""Comparison charts, seaborn-style: a table in, ``ax=None`` last, the Axes returned.

Nothing here saves, shows or sets global options; order comes from the data (outlets in order
of appearance) or from arguments, and colours from colour-blind-safe palettes (Okabe & Ito's
eight colours for categories, blue for shares, purple–orange for tone). Labels for frames and
actors are taken from an optional ``labels`` mapping (e.g. ``codebook.labels()``), else the ids.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .schemas import CONTENT_ROLES
from .summarize import LEAD_SENTENCES, outlet_measures

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442",
             "#000000", "#999999"]
POSITIVE, NEGATIVE = "#0072B2", "#D55E00"
SHARE_CMAP = "Blues"
TONE_CMAP = "PuOr"


def _label(labels, key):
    return (labels or {}).get(key, key)


def _matrix(scores: pd.DataFrame, value: str, frames=None) -> pd.DataFrame:
    table = scores.pivot_table(index="outlet", columns="frame", values=value, sort=False,
                               dropna=False)
    return table[list(frames) if frames is not None else list(scores["frame"].unique())]


def plot_salience(scores: pd.DataFrame, *, frames=None, value: str = "salience",
                  labels=None, ax=None, **kwargs):
    """Heatmap outlet x frame of `value` (salience or prominence) from `summarize_frames`,
    each cell annotated with its share and ``hits/sentences``."""
    ax = plt.gca() if ax is None else ax
    shares = _matrix(scores, value, frames)
    hits = _matrix(scores, "n_hits", shares.columns)
    totals = _matrix(scores, "n_sentences", shares.columns)
    image = ax.imshow(shares.to_numpy(dtype=float), cmap=kwargs.pop("cmap", SHARE_CMAP),
                      vmin=0, vmax=max(0.5, float(np.nanmax(shares.to_numpy(dtype=float)))),
                      aspect="auto", **kwargs)
    for (i, j), share in np.ndenumerate(shares.to_numpy(dtype=float)):
        text = f"{share:.0%}\n{int(hits.iat[i, j])}/{int(totals.iat[i, j])}"
        ax.text(j, i, text, ha="center", va="center", fontsize=8,
                color="white" if share > 0.35 else "black")
    ax.set_xticks(range(shares.shape[1]), [_label(labels, f) for f in shares.columns],
                  rotation=35, ha="right")
    ax.set_yticks(range(shares.shape[0]), shares.index)
    ax.set_xlabel("frame")
    ax.set_ylabel("outlet")
    ax.figure.colorbar(image, ax=ax, label=f"{value} (share of content sentences)")
    return ax


def plot_index(outlets: pd.DataFrame, *, index: str, ends=None,
               labels=None, ax=None, **kwargs):
    """Diverging bars of an index per outlet from `summarize_outlets`, each bar annotated
    with the counts of its two frames (`ends`, e.g. ``("breakthrough", "no_breakthrough")``)."""
    ax = plt.gca() if ax is None else ax
    rows = outlets[outlets["measure"] == index].set_index("outlet")["value"]
    counts = outlet_measures(outlets)
    colours = [POSITIVE if v >= 0 else NEGATIVE for v in rows.fillna(0)]
    y = np.arange(len(rows))
    ax.barh(y, rows.fillna(0), color=colours, **kwargs)
    for i, (outlet, value) in enumerate(rows.items()):
        note = "no hits" if np.isnan(value) else f"{value:+.2f}"
        if ends:
            note += "  (" + ", ".join(f"{_label(labels, e)} {int(counts.loc[outlet, f'n_{e}'])}"
                                      for e in ends) + ")"
        ax.text(0.02 if (np.isnan(value) or value < 0) else -0.02, i, note, va="center",
                ha="left" if (np.isnan(value) or value < 0) else "right", fontsize=8)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-1.05, 1.05)
    ax.set_yticks(y, rows.index)
    ax.invert_yaxis()
    ax.set_xlabel(f"{_label(labels, index)}  (−1 all negative … +1 all positive)")
    return ax


def plot_tone(outlets: pd.DataFrame, *, ax=None, **kwargs):
    """Mean tone of each outlet's content sentences (bars, −1 to 1)."""
    ax = plt.gca() if ax is None else ax
    tone = outlets[(outlets["measure"] == "tone") & (outlets["frame"] == "")]
    tone = tone.set_index("outlet")["value"]
    colours = [POSITIVE if v >= 0 else NEGATIVE for v in tone]
    ax.barh(np.arange(len(tone)), tone, color=colours, **kwargs)
    for i, value in enumerate(tone):
        ax.text(value, i, f" {value:+.2f} ", va="center", ha="left" if value >= 0 else "right",
                fontsize=8)
    ax.axvline(0, color="black", linewidth=0.8)
    lim = max(0.5, float(np.nanmax(np.abs(tone.to_numpy()))) * 1.3)
    ax.set_xlim(-lim, lim)
    ax.set_yticks(np.arange(len(tone)), tone.index)
    ax.invert_yaxis()
    ax.set_xlabel("mean tone of content sentences (−1 conflict … +1 cooperation)")
    return ax


def plot_frame_tone(scores: pd.DataFrame, *, frames=None, labels=None, ax=None, **kwargs):
    """Heatmap outlet x frame of the mean tone of the sentences coded for each frame;
    blank where an outlet has no sentence of the frame."""
    ax = plt.gca() if ax is None else ax
    tone = _matrix(scores, "tone", frames)
    hits = _matrix(scores, "n_hits", tone.columns)
    image = ax.imshow(tone.to_numpy(dtype=float), cmap=kwargs.pop("cmap", TONE_CMAP),
                      vmin=-1, vmax=1, aspect="auto", **kwargs)
    for (i, j), value in np.ndenumerate(tone.to_numpy(dtype=float)):
        if not np.isnan(value):
            ax.text(j, i, f"{value:+.2f}\nn={int(hits.iat[i, j])}", ha="center",
                    va="center", fontsize=8)
    ax.set_xticks(range(tone.shape[1]), [_label(labels, f) for f in tone.columns],
                  rotation=35, ha="right")
    ax.set_yticks(range(tone.shape[0]), tone.index)
    ax.set_xlabel("frame")
    ax.set_ylabel("outlet")
    ax.figure.colorbar(image, ax=ax, label="mean tone within the frame")
    return ax


def plot_voices(outlets: pd.DataFrame, *, labels=None, ax=None, **kwargs):
    """Stacked bars: each outlet's quoted words by speaker (share), with word counts."""
    ax = plt.gca() if ax is None else ax
    share = outlets[outlets["measure"] == "voice_share"].pivot_table(
        index="outlet", columns="actor", values="value", sort=False).fillna(0)
    words = outlets[outlets["measure"] == "n_quoted_words"].pivot_table(
        index="outlet", columns="actor", values="value", sort=False).fillna(0)
    actors = [a for a in share.columns if share[a].sum() > 0]
    left = np.zeros(len(share))
    for k, actor in enumerate(actors):
        ax.barh(np.arange(len(share)), share[actor], left=left, label=_label(labels, actor),
                color=OKABE_ITO[k % len(OKABE_ITO)], **kwargs)
        left += share[actor].to_numpy()
    for i, outlet in enumerate(share.index):
        ax.text(1.01, i, f"{int(words.loc[outlet].sum())} words", va="center", fontsize=8)
    ax.set_xlim(0, 1.15)
    ax.set_yticks(np.arange(len(share)), share.index)
    ax.invert_yaxis()
    ax.set_xlabel("share of quoted words")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=4, fontsize=8, frameon=False)
    return ax


def plot_positions(sentences: pd.DataFrame, frames, *, outlets=None, labels=None, ax=None,
                   **kwargs):
    """Where frames appear in each article (of `outlets`, default all): one row per article
    (headline at 0, last content sentence at 1), a marker per coded sentence, the lead
    shaded."""
    ax = plt.gca() if ax is None else ax
    content = sentences[sentences["role"].isin(CONTENT_ROLES)]
    if outlets is not None:
        content = content[content["outlet"].isin(outlets)]
    articles = list(content["article_id"].unique())
    offsets = np.linspace(-0.3, 0.3, max(len(frames), 1))
    for row, article in enumerate(articles):
        table = content[content["article_id"] == article]
        span = max(len(table) - 1, 1)
        lead = (table["role"] == "headline").sum() + LEAD_SENTENCES
        ax.add_patch(plt.Rectangle((-0.02, row - 0.45), min(lead - 0.5, span) / span + 0.02,
                                   0.9, color="0.92", zorder=0))
        position = np.arange(len(table)) / span
        for k, frame in enumerate(frames):
            hit = table[frame].to_numpy() == 1
            ax.scatter(position[hit], np.full(hit.sum(), row + offsets[k]), s=18,
                       color=OKABE_ITO[k % len(OKABE_ITO)], zorder=2, **kwargs)
    handles = [Patch(color=OKABE_ITO[k % len(OKABE_ITO)], label=_label(labels, f))
               for k, f in enumerate(frames)] + [Patch(color="0.92", label="headline + lead")]
    outlet_of = content.drop_duplicates("article_id").set_index("article_id")["outlet"]
    ax.set_yticks(range(len(articles)), [outlet_of[a] for a in articles])
    ax.set_ylim(len(articles) - 0.5, -0.5)
    ax.set_xlim(-0.03, 1.03)
    ax.set_xlabel("position in the article (0 = headline or first sentence, 1 = last)")
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=4,
              fontsize=8, frameon=False)
    return ax


def plot_coverage(scores: pd.DataFrame, *, frames=None, labels=None, ax=None, **kwargs):
    """Which frames each outlet covers (filled dot, sized by hits) and never mentions (×)."""
    ax = plt.gca() if ax is None else ax
    hits = _matrix(scores, "n_hits", frames)
    for (i, j), n in np.ndenumerate(hits.to_numpy(dtype=float)):
        if n > 0:
            ax.scatter(j, i, s=40 + 25 * n, color=POSITIVE, **kwargs)
            ax.text(j, i, int(n), ha="center", va="center", fontsize=7, color="white")
        else:
            ax.scatter(j, i, marker="x", s=60, color=NEGATIVE, **kwargs)
    ax.set_xticks(range(hits.shape[1]), [_label(labels, f) for f in hits.columns],
                  rotation=35, ha="right")
    ax.set_yticks(range(hits.shape[0]), hits.index)
    ax.set_xlim(-0.5, hits.shape[1] - 0.5)
    ax.set_ylim(hits.shape[0] - 0.5, -0.5)
    ax.set_xlabel("frame (× = never mentioned; number = sentences)")
    return ax


def plot_profile(scores: pd.DataFrame, outlet: str, *, frames=None, value: str = "salience",
                 labels=None, ax=None, **kwargs):
    """One outlet against the mean of the others, frame by frame (paired bars)."""
    ax = plt.gca() if ax is None else ax
    table = _matrix(scores, value, frames)
    mine = table.loc[outlet]
    others = table.drop(index=outlet).mean() if len(table) > 1 else mine * np.nan
    y = np.arange(len(table.columns))
    ax.barh(y - 0.2, mine, height=0.4, color=OKABE_ITO[0], label=outlet, **kwargs)
    ax.barh(y + 0.2, others, height=0.4, color=OKABE_ITO[8], label="mean of the other outlets",
            **kwargs)
    for i, v in enumerate(mine):
        ax.text(v, i - 0.2, f" {v:.0%}", va="center", fontsize=8)
    ax.set_yticks(y, [_label(labels, f) for f in table.columns])
    ax.invert_yaxis()
    ax.set_xlabel(f"{value} (share of content sentences)")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    return ax


def plot_intervals(intervals: pd.DataFrame, *, measure: str = "salience", frames=None,
                   labels=None, ax=None, **kwargs):
    """Estimates with bootstrap intervals (`bootstrap_scores`) for one measure: one row per
    outlet, grouped by frame for per-frame measures; hollow marks an outlet on one article."""
    ax = plt.gca() if ax is None else ax
    rows = intervals[intervals["measure"] == measure]
    if frames is not None:
        rows = rows[rows["frame"].isin(frames)]
    y, ticks, names = 0, [], []
    for k, (frame, block) in enumerate(rows.groupby("frame", sort=False)):
        colour = OKABE_ITO[k % len(OKABE_ITO)]
        for row in block.itertuples():
            ax.errorbar(row.estimate, y, xerr=[[row.estimate - row.low], [row.high - row.estimate]]
                        if not np.isnan(row.low) else None, fmt="o", color=colour, capsize=3,
                        markerfacecolor="white" if row.n_articles == 1 else colour, **kwargs)
            ticks.append(y)
            names.append(f"{row.outlet}" + (f" · {_label(labels, frame)}" if frame else ""))
            y += 1
        y += 0.6
    ax.set_yticks(ticks, names, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0, color="0.6", linewidth=0.8)
    ax.set_xlabel(f"{_label(labels, measure)} with 95% bootstrap interval "
                  "(hollow: one article)")
    return ax


def plot_terms(terms: pd.DataFrame, *, ax=None, **kwargs):
    """Each outlet's most distinctive terms (`distinctive_terms`), bars of their z-scores."""
    ax = plt.gca() if ax is None else ax
    y, ticks, names = 0, [], []
    for k, (outlet, block) in enumerate(terms.groupby("outlet", sort=False)):
        for row in block.itertuples():
            ax.barh(y, row.z, color=OKABE_ITO[k % len(OKABE_ITO)], **kwargs)
            ax.text(row.z, y, f" {row.term} ({row.count})", va="center", fontsize=8)
            y += 1
        ticks.append(y - (len(block) + 1) / 2)
        names.append(outlet)
        y += 0.8
    ax.set_yticks(ticks, names)
    ax.invert_yaxis()
    ax.set_xlim(0, float(terms["z"].max()) * 1.8 if len(terms) else 1)
    ax.set_xlabel("z-score of the log-odds ratio against the other outlets (term, count)")
    return ax


def plot_similarity(similarity: pd.DataFrame, *, order=None, title: str = "", ax=None,
                    **kwargs):
    """Outlet x outlet similarity matrix, annotated, in the given order."""
    ax = plt.gca() if ax is None else ax
    order = list(order) if order is not None else list(similarity.index)
    values = similarity.loc[order, order].to_numpy(dtype=float)
    image = ax.imshow(values, cmap=kwargs.pop("cmap", SHARE_CMAP), vmin=0, vmax=1, **kwargs)
    for (i, j), v in np.ndenumerate(values):
        ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=8,
                color="white" if v > 0.6 else "black")
    ax.set_xticks(range(len(order)), order, rotation=35, ha="right")
    ax.set_yticks(range(len(order)), order)
    ax.set_title(title)
    ax.figure.colorbar(image, ax=ax, label="cosine similarity")
    return ax


def plot_agreement(agreement: pd.DataFrame, *, labels=None, ax=None, **kwargs):
    """F1 of the package against each coder, frame by frame (`coder_agreement`)."""
    ax = plt.gca() if ax is None else ax
    table = agreement.pivot_table(index="frame", columns="coder", values="f1", sort=False)
    width = 0.8 / max(len(table.columns), 1)
    y = np.arange(len(table))
    for k, coder in enumerate(table.columns):
        ax.barh(y + k * width - 0.4 + width / 2, table[coder], height=width,
                color=OKABE_ITO[k % len(OKABE_ITO)], label=str(coder), **kwargs)
    ax.axvline(0.9, color="0.4", linestyle="--", linewidth=0.8)
    ax.set_yticks(y, [_label(labels, f) for f in table.index])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("F1 of the package against the coder (dashed: 0.9)")
    # above the plot: inside it the legend covered the last frame's bars near F1 = 1
    ax.legend(fontsize=8, frameon=False, loc="lower left", bbox_to_anchor=(0, 1),
              ncol=max(len(table.columns), 1))
    return ax
