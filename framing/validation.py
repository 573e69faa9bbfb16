"""Agreement between the package's coding and a hand-coded sheet.

A coded sheet has ``article_id, start, end`` (offsets into the article text, as in
`sentences.csv`), one 0/1 column per frame and optionally ``tone`` (-1, 0 or 1). Sheet rows
are matched to the package's sentences by position: a package sentence takes the union of
the frames of the sheet rows that lie inside it (so a different sentence split still lines
up), and the sign of their summed tone.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import FramingError
from .schemas import CONTENT_ROLES, check_columns

TONE_DEADBAND = 0.05


def read_sheet(path) -> pd.DataFrame:
    """Read a coded sheet (CSV); a missing file or column is a `FramingError`."""
    try:
        sheet = pd.read_csv(path)
    except FileNotFoundError:
        raise FramingError(f"{path}: coded sheet not found") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        raise FramingError(f"{path}: not a readable CSV ({err})") from None
    check_columns(sheet, ["article_id", "start", "end"], str(path))
    return sheet


def align_sheet(sentences: pd.DataFrame, sheet: pd.DataFrame, frames: list[str]) -> pd.DataFrame:
    """Hand codes per content sentence: ``article_id, start`` and the sheet's frame columns
    (and ``tone``), for the package sentences that contain at least one sheet row."""
    check_columns(sheet, ["article_id", "start", "end"] + frames, "coded sheet")
    content = sentences[sentences["role"].isin(CONTENT_ROLES)]
    rows = []
    for article_id, coded in sheet.groupby("article_id", sort=False):
        mine = content[content["article_id"] == article_id]
        for sentence in mine.itertuples():
            inside = coded[(coded["start"] >= sentence.start) & (coded["end"] <= sentence.end)]
            if inside.empty:
                continue
            row = {"article_id": article_id, "start": sentence.start}
            row.update({f: int(inside[f].max()) for f in frames})
            if "tone" in inside:
                row["tone"] = int(np.sign(inside["tone"].sum()))
            rows.append(row)
    if not rows:
        raise FramingError("coded sheet: none of its rows lies inside a content sentence; "
                           "check that its article_id and offsets come from this corpus")
    return pd.DataFrame(rows)


def frame_agreement(sentences: pd.DataFrame, sheet: pd.DataFrame,
                    frames: list[str]) -> pd.DataFrame:
    """Per frame: ``frame, n_sheet, n_package, true_pos, precision, recall, f1`` of the
    package against the sheet, over the sentences both coded."""
    aligned = align_sheet(sentences, sheet, frames)
    ours = aligned[["article_id", "start"]].merge(
        sentences[["article_id", "start"] + frames], on=["article_id", "start"], how="left")
    rows = []
    for frame in frames:
        truth, guess = aligned[frame].to_numpy() == 1, ours[frame].to_numpy() == 1
        tp = int((truth & guess).sum())
        precision = tp / guess.sum() if guess.sum() else np.nan
        recall = tp / truth.sum() if truth.sum() else np.nan
        f1 = 2 * tp / (truth.sum() + guess.sum()) if truth.sum() + guess.sum() else np.nan
        rows.append({"frame": frame, "n_sheet": int(truth.sum()), "n_package": int(guess.sum()),
                     "true_pos": tp, "precision": precision, "recall": recall, "f1": f1})
    return pd.DataFrame(rows)


def tone_agreement(sentences: pd.DataFrame, sheet: pd.DataFrame) -> dict:
    """How the package's ``tone`` agrees with the sheet's -1/0/1 tone: Spearman correlation,
    and the share of sentences whose sign matches (|tone| < `TONE_DEADBAND` counts as 0)."""
    aligned = align_sheet(sentences, sheet, [])
    ours = aligned[["article_id", "start"]].merge(
        sentences[["article_id", "start", "tone", "sentiment"]], on=["article_id", "start"])
    sign = np.where(ours["tone"].abs() < TONE_DEADBAND, 0, np.sign(ours["tone"]))
    vader = np.where(ours["sentiment"].abs() < TONE_DEADBAND, 0, np.sign(ours["sentiment"]))
    return {
        "n": len(aligned),
        "spearman_tone": float(pd.Series(ours["tone"]).corr(aligned["tone"], method="spearman")),
        "spearman_sentiment": float(pd.Series(ours["sentiment"]).corr(aligned["tone"],
                                                                      method="spearman")),
        "sign_agreement_tone": float(np.mean(sign == aligned["tone"].to_numpy())),
        "sign_agreement_sentiment": float(np.mean(vader == aligned["tone"].to_numpy())),
    }


def agreement_markdown(agreement: pd.DataFrame, tone: dict | None = None) -> str:
    """The per-frame agreement table (and tone agreement) as Markdown, rounded for display."""
    lines = ["| frame | coded by hand | coded by package | precision | recall | F1 |",
             "|---|---:|---:|---:|---:|---:|"]
    for row in agreement.itertuples():
        lines.append(f"| {row.frame} | {row.n_sheet} | {row.n_package} | {row.precision:.2f} "
                     f"| {row.recall:.2f} | {row.f1:.2f} |")
    if tone:
        lines.append("")
        lines.append(f"Tone ({tone['n']} sentences): Spearman {tone['spearman_tone']:.2f} "
                     f"(VADER alone {tone['spearman_sentiment']:.2f}); sign agrees on "
                     f"{tone['sign_agreement_tone']:.0%} (VADER alone "
                     f"{tone['sign_agreement_sentiment']:.0%}).")
    return "\n".join(lines)
