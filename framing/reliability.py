"""Words for how sure the figures are: intervals, differences that hold, agreement with hand
coding. Used by `narrative` when the results carry the tables of `add_reliability`."""

from __future__ import annotations

import pandas as pd

from .codebook import Codebook


def interval_text(results: dict, outlet: str, measure: str, frame: str = "",
                  percent: bool = False) -> str:
    """"; 95% interval a to b" for an outlet's figure, or "" without intervals."""
    intervals = results.get("intervals")
    if intervals is None:
        return ""
    row = intervals[(intervals["outlet"] == outlet) & (intervals["measure"] == measure)
                    & (intervals["frame"] == frame)]
    if row.empty or pd.isna(row["low"].iloc[0]):
        return ""
    low, high = row["low"].iloc[0], row["high"].iloc[0]
    if percent:
        return f"; 95% interval {low:.0%}–{high:.0%}"
    return f"; 95% interval {low:+.2f} to {high:+.2f}"


def crosses_zero(results: dict, outlet: str, measure: str) -> bool | None:
    intervals = results.get("intervals")
    if intervals is None:
        return None
    row = intervals[(intervals["outlet"] == outlet) & (intervals["measure"] == measure)]
    if row.empty or pd.isna(row["low"].iloc[0]):
        return None
    return bool(row["low"].iloc[0] <= 0 <= row["high"].iloc[0])


def differences_text(results: dict, codebook: Codebook, frame: str) -> str:
    """Which outlet pairs differ on `frame` after correction, or that none does."""
    comparisons = results.get("comparisons")
    if comparisons is None:
        return ""
    held = comparisons[(comparisons["frame"] == frame) & comparisons["significant"]]
    label = codebook.labels()[frame]
    if held.empty:
        return (f"No difference between two outlets on *{label}* is clear enough to call one: "
                f"none survives the correction for the {len(comparisons)} comparisons made "
                "(permutation tests, Holm).")
    pairs = "; ".join(f"**{r.outlet_a}** {r.salience_a:.0%} vs **{r.outlet_b}** "
                      f"{r.salience_b:.0%} (adjusted p = {r.p_adjusted:.3f})"
                      for r in held.itertuples())
    return f"Differences that hold after correcting for {len(comparisons)} comparisons: {pairs}."


def describe_reliability(results: dict, codebook: Codebook, agreement=None) -> str:
    """The "How reliable is this?" section: intervals, differences, validation, limits.

    `agreement` is an optional `frame_agreement` table against hand coding."""
    lines = ["## How reliable is this?", ""]
    intervals, comparisons = results.get("intervals"), results.get("comparisons")
    if intervals is not None:
        one = (intervals.groupby("outlet")["n_articles"].first() == 1)
        lines.append(f"- Intervals: 95% bootstrap intervals resample each outlet's sentences "
                     f"within its articles; {int(one.sum())} of {len(one)} outlets rest on a "
                     "single article, so their intervals describe that article, not the outlet.")
    if comparisons is not None:
        held = comparisons[comparisons["significant"]]
        lines.append(f"- Differences: {len(comparisons)} outlet-pair × frame comparisons were "
                     f"tested; {len(held)} {'holds' if len(held) == 1 else 'hold'} after Holm's "
                     "correction"
                     + (": " + "; ".join(f"*{codebook.labels()[r.frame]}* **{r.outlet_a}** "
                                         f"{r.salience_a:.0%} vs **{r.outlet_b}** "
                                         f"{r.salience_b:.0%}" for r in held.itertuples())
                        if len(held) else "") + ".")
    if agreement is not None:
        weakest = agreement.sort_values("f1").iloc[0]
        lines.append("- Agreement with the hand-coded sheets given (mean F1 per frame over the "
                     "coders; figures on text the codebook was revised on overstate it): "
                     + ", ".join(
            f"{codebook.labels()[r.frame]} {r.f1:.2f}" for r in agreement.itertuples())
                     + f". Read *{codebook.labels()[weakest.frame]}* with most care.")
    elif codebook.agreement:
        f1 = codebook.agreement["f1"]
        weakest = min(f1, key=f1.get)
        lines.append(f"- No coded sheets were given. The codebook's agreement with hand coding "
                     f"on text it was not revised on ({codebook.agreement['source']}), F1 per "
                     "frame: " + ", ".join(f"{codebook.labels()[frame]} {value:.2f}"
                                           for frame, value in f1.items())
                     + f". Read *{codebook.labels()[weakest]}* with most care, and check a "
                     "sample of your own corpus (`framing sample`).")
    lines += ["- Frames are found from cue words sentence by sentence: framing that is only "
              "implied is missed, and the evaluative frames agree least with human coders on "
              "unseen text (see the README).", ""]
    return "\n".join(lines)


def describe_validation(validation: dict, codebook: Codebook, *, n: int = 15) -> str:
    """Agreement with the coded sheets as Markdown: per coder and frame, alpha, and the first
    `n` disagreements (sentence, frame, package and coder codes)."""
    from .narrative import quote

    if not validation:
        return ("No coded sheets were given: draw one with `framing sample`, have it coded, and "
                "pass it as the `sheets` parameter.")
    labels = codebook.labels()
    table = validation["agreement"].pivot_table(index="frame", columns="coder", values="f1",
                                                sort=False)
    coders = list(table.columns)
    lines = ["## Agreement with hand coding", "", "F1 of the package against each coder:", "",
             "| frame | " + " | ".join(coders) + " |", "|---|" + "---:|" * len(coders)]
    lines += [f"| {labels[f]} | " + " | ".join(f"{v:.2f}" for v in row) + " |"
              for f, row in table.iterrows()]
    alpha = validation.get("alpha")
    if alpha is not None:
        lines += ["", "Krippendorff's alpha (nominal):", "",
                  "| frame | among coders | coders and package |", "|---|---:|---:|"]
        lines += [f"| {labels[r.frame]} | {r.alpha_coders:.2f} | {r.alpha_with_package:.2f} |"
                  for r in alpha.itertuples()]
    disagreements = validation["disagreements"]
    lines += ["", f"{len(disagreements)} sentence × frame disagreements; the first {n}:", ""]
    for row in disagreements.head(n).itertuples():
        codes = ", ".join(f"{c} {getattr(row, c)}" for c in disagreements.columns[6:])
        lines.append(f"- *{labels[row.frame]}* — package {row.package}, {codes}: "
                     f"“{quote(row.text)}” ({quote(row.outlet)})")
    return "\n".join(lines) + "\n"
