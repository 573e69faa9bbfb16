"""The written analysis: ``describe_*`` functions that turn the score tables into Markdown.

Every claim names its numbers in the form ``x% (h of n sentences)`` and quotes an evidence
sentence with its outlet; nothing about particular outlets or events is written here — names
and labels come from the data and the codebook. The wording follows the data: with one article
per outlet, differences are called differences between articles; ties are called ties; fewer
than `FEW` sentences are called too few to compare.

All functions take `results`, the dict from `score_corpus` (``articles, sentences, quotes,
outlets`` and ``frames``, the table from `summarize_frames`).
"""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd

from .codebook import Codebook
from .schemas import CONTENT_ROLES
from .reliability import crosses_zero, describe_reliability, differences_text, interval_text
from .summarize import evidence, outlet_measures

FEW = 3          # fewer hits than this are "too few to compare"
LEAN = 0.2       # an index beyond ±LEAN leans one way


def quote(text: str, limit: int = 300) -> str:
    """A sentence as a Markdown quotation: HTML escaped, Markdown markup neutralised."""
    text = text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
    text = html.escape(text, quote=False)
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", text)


def _share(hits: int, n: int) -> str:
    return f"{hits / n:.0%} ({hits} of {n} sentences)" if n else "no content sentences"


def _evidence_line(results: dict, frame: str, outlet: str) -> str:
    top = evidence(results["sentences"], frame, outlet=outlet, n=1)
    if top.empty:
        return ""
    return f"> “{quote(top['text'].iloc[0])}” — {outlet}\n"


def _per_article(results: dict) -> str:
    counts = results["articles"].groupby("outlet").size()
    if (counts == 1).all():
        return ("Each outlet is represented by a single article, so every difference below is a "
                "difference between articles, not a settled trait of an outlet.")
    if counts.min() == counts.max():
        return f"Each outlet is represented by {counts.min()} articles."
    return f"Outlets are represented by {counts.min()} to {counts.max()} articles each."


def describe_overview(results: dict, codebook: Codebook) -> str:
    """What was analysed and, per index, which outlets lean which way."""
    articles, sentences = results["articles"], results["sentences"]
    content = sentences["role"].isin(CONTENT_ROLES)
    excluded = sentences.loc[~content, "role"].value_counts()
    lines = [
        "## Overview", "",
        f"{len(articles)} articles from {articles['outlet'].nunique()} outlets were split into "
        f"{len(sentences)} sentences; {int(content.sum())} are article content and were coded "
        f"for {len(codebook.frames)} frames of the codebook *{quote(codebook.title)}*. "
        + ", ".join(f"{n} sentences were set aside as {role.replace('_', '-')}"
                    for role, n in excluded.items()) + ".",
        "", _per_article(results), "",
    ]
    for index in codebook.indices:
        lines += [_index_summary(results, codebook, index), ""]
    return "\n".join(lines)


def _index_rows(results: dict, index) -> pd.DataFrame:
    wide = outlet_measures(results["outlets"])
    return pd.DataFrame({"value": wide[index.id].astype(float),
                         "positive": wide[f"n_{index.positive}"].astype(int),
                         "negative": wide[f"n_{index.negative}"].astype(int)})


def _lean(row) -> str:
    if row.positive + row.negative < FEW:
        return "too few"
    if row.value > LEAN:
        return "positive"
    if row.value < -LEAN:
        return "negative"
    return "balanced"


def _index_summary(results: dict, codebook: Codebook, index) -> str:
    labels = codebook.labels()
    rows = _index_rows(results, index)
    rows["lean"] = [_lean(r) for r in rows.itertuples()]
    parts = []
    for lean, one, many in (
            ("positive", f"leans towards *{labels[index.positive]}*",
             f"lean towards *{labels[index.positive]}*"),
            ("negative", f"leans towards *{labels[index.negative]}*",
             f"lean towards *{labels[index.negative]}*"),
            ("balanced", "is balanced between the two", "are balanced between the two"),
            ("too few", "has too few such sentences to tell", "have too few such sentences to tell")):
        group = rows[rows["lean"] == lean]
        if len(group):
            names = ", ".join(
                f"**{r.Index}** ({r.value:+.2f}: {r.positive} vs {r.negative}"
                + (", interval includes 0" if crosses_zero(results, r.Index, index.id) else "")
                + ")" for r in group.itertuples())
            parts.append(f"{names} {one if len(group) == 1 else many}")
    return (f"**{labels[index.id]}** ((positive − negative)/(positive + negative) sentences of "
            f"*{labels[index.positive]}* and *{labels[index.negative]}*): " + "; ".join(parts)
            + ".")


def describe_index(results: dict, codebook: Codebook, index_id: str) -> str:
    """One paragraph per index (e.g. breakthrough vs no breakthrough), with evidence."""
    index = next(i for i in codebook.indices if i.id == index_id)
    labels = codebook.labels()
    rows = _index_rows(results, index)
    lines = [f"## {labels[index.positive]} or {labels[index.negative]}?", "",
             f"{labels[index.id]} per outlet, most positive first (counts of sentences):", ""]
    ordered = rows.sort_values("value", ascending=False, na_position="last")
    for row in ordered.itertuples():
        outlet = row.Index
        if row.positive + row.negative == 0:
            lines.append(f"- **{outlet}** has no sentence of either frame.")
            continue
        side = index.positive if row.positive >= row.negative else index.negative
        tie = " (a tie)" if row.positive == row.negative else ""
        span = interval_text(results, outlet, index.id)
        unsure = " — its interval includes 0, so no lean either way is clear" if crosses_zero(
            results, outlet, index.id) else ""
        lines.append(f"- **{outlet}** ({row.value:+.2f}{span}): {row.positive} "
                     f"{labels[index.positive]} vs {row.negative} {labels[index.negative]} "
                     f"sentences{tie}{unsure}; for example:")
        lines.append("  " + _evidence_line(results, side, outlet).rstrip())
    return "\n".join(lines) + "\n"


def describe_frame(results: dict, codebook: Codebook, frame: str) -> str:
    """How the outlets covered one frame: salience, ties, omissions, evidence."""
    label = codebook.labels()[frame]
    scores = results["frames"][results["frames"]["frame"] == frame]
    scores = scores.sort_values(["salience", "n_hits"], ascending=False)
    covered, silent = scores[scores["n_hits"] > 0], scores[scores["n_hits"] == 0]
    lines = [f"## {label}", ""]
    if covered.empty:
        return "\n".join(lines + [f"No outlet has a sentence coded *{label}*.", ""])
    top = covered.iloc[0]
    tied = covered[np.isclose(covered["salience"], top["salience"])]
    lead = " and ".join(f"**{o}**" for o in tied["outlet"])
    lines.append(f"- {lead} gave *{label}* the most room: "
                 f"{_share(int(top.n_hits), int(top.n_sentences))}"
                 + (" each (a tie)." if len(tied) > 1 else
                    interval_text(results, top.outlet, "salience", frame, percent=True) + "."))
    for row in covered.iloc[len(tied):].itertuples():
        few = " — too few to compare" if row.n_hits < FEW else ""
        span = interval_text(results, row.outlet, "salience", frame, percent=True)
        lines.append(f"- **{row.outlet}**: {_share(row.n_hits, row.n_sentences)}{span}{few}.")
    if len(silent):
        lines.append("- Never mentioned by " + ", ".join(f"**{o}**" for o in silent["outlet"])
                     + " (0 sentences).")
    differences = differences_text(results, codebook, frame)
    lines += ["", differences] if differences else []
    lines.append("")
    for outlet in covered["outlet"]:
        lines.append(_evidence_line(results, frame, outlet))
    return "\n".join(lines)


def describe_outlet(results: dict, codebook: Codebook, outlet: str) -> str:
    """A short profile: leading frames, indices, tone and voices, against the other outlets."""
    labels = codebook.labels()
    scores = results["frames"]
    mine = scores[scores["outlet"] == outlet].sort_values("salience", ascending=False)
    others = scores[scores["outlet"] != outlet].groupby("frame")["salience"].mean()
    lines = [f"### {outlet}", ""]
    leading = [r for r in mine.itertuples() if r.n_hits > 0][:3]
    lines.append("- Leading frames: " + "; ".join(
        f"*{labels[r.frame]}* {_share(r.n_hits, r.n_sentences)}"
        + (f", vs {others[r.frame]:.0%} on average elsewhere" if r.frame in others else "")
        for r in leading) + ".")
    for index in codebook.indices:
        row = _index_rows(results, index).loc[outlet]
        lines.append(f"- {labels[index.id]}: {row.value:+.2f} ({int(row.positive)} vs "
                     f"{int(row.negative)} sentences)." if row.positive + row.negative else
                     f"- {labels[index.id]}: no sentence of either frame.")
    outlets = results["outlets"]
    mine_o = outlets[outlets["outlet"] == outlet]
    tone = mine_o[(mine_o["measure"] == "tone") & (mine_o["frame"] == "")]["value"].iloc[0]
    lines.append(f"- Mean tone {tone:+.2f} (−1 conflict … +1 cooperation).")
    lines.append("- " + _voices(mine_o, labels))
    if leading:
        lines += ["", _evidence_line(results, leading[0].frame, outlet)]
    return "\n".join(lines) + "\n"


def _voices(rows: pd.DataFrame, labels: dict) -> str:
    words = rows[rows["measure"] == "n_quoted_words"].set_index("actor")["value"]
    total = int(words.sum())
    if total == 0:
        return "No direct quotations."
    shares = (words[words > 0] / total).sort_values(ascending=False)
    return (f"Voices ({total} quoted words): " + ", ".join(
        f"{labels.get(a, a)} {s:.0%} ({int(words[a])} words)" for a, s in shares.items()) + ".")


def describe_caveats(results: dict, codebook: Codebook) -> str:
    """What the figures can and cannot say, and which articles count nowhere."""
    scores = results["frames"]
    few = scores[(scores["n_hits"] > 0) & (scores["n_hits"] < FEW)]
    skipped = results.get("skipped")
    if skipped is None or skipped.empty:
        skipped_lines = []
    else:
        skipped_lines = [f"- {len(skipped)} article(s) gave no sentence to code and count "
                         "nowhere: " + "; ".join(f"{quote(r.file)} ({quote(r.outlet)}): "
                                                 f"{quote(r.reason)}"
                                                 for r in skipped.itertuples()) + "."]
    return "\n".join(["## Caveats", "", f"- {_per_article(results)}"] + skipped_lines + [
        f"- {len(few)} of {len(scores)} outlet × frame cells rest on fewer than {FEW} sentences; "
        "read them as mentions, not emphasis.",
        "- Frames are coded automatically from the codebook's cues, sentence by sentence; "
        "implied framing without cue words is missed (see the README for the measured agreement "
        "with hand coding).",
        "- Tone is a comparative signal between outlets, not a verdict on single sentences.",
        "- Quotes are attributed by rules; unattributed quotes are counted as *unattributed*.",
        "",
    ])


def describe_report(results: dict, codebook: Codebook, *, key_frames=None,
                    agreement=None) -> str:
    """The full analysis: overview, each index, each key frame, outlet profiles, how reliable
    it is (when `results` carry `add_reliability` tables), caveats."""
    frames = list(key_frames or codebook.highlight)
    parts = [describe_overview(results, codebook)]
    parts += [describe_index(results, codebook, i.id) for i in codebook.indices]
    parts += [describe_frame(results, codebook, f) for f in frames]
    parts += ["## Outlet profiles", ""]
    parts += [describe_outlet(results, codebook, o)
              for o in results["articles"]["outlet"].unique()]
    if "intervals" in results or agreement is not None:
        parts += [describe_reliability(results, codebook, agreement)]
    parts += [describe_caveats(results, codebook)]
    return "\n".join(parts)
