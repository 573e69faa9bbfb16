"""Agreement between the package's coding and a hand-coded sheet.

A coded sheet has ``article_id, start, end`` (offsets into the article text, as in
`sentences.csv`), one 0/1 column per frame and optionally ``tone`` (-1, 0 or 1). Sheet rows
are matched to the package's sentences by position: a package sentence takes the union of
the frames of the sheet rows that lie inside it (so a different sentence split still lines
up), and the sign of their summed tone.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .errors import FramingError
from .schemas import CONTENT_ROLES, check_columns

TONE_DEADBAND = 0.05


def read_sheet(path) -> pd.DataFrame:
    """Read a coded sheet (CSV); a missing file or column is a `FramingError`."""
    try:
        sheet = pd.read_csv(path, dtype={"article_id": str})  # "007" stays "007"
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
    with warnings.catch_warnings():  # a constant column has no rank correlation: NaN
        warnings.simplefilter("ignore")
        return _tone_figures(aligned, ours)


def _tone_figures(aligned: pd.DataFrame, ours: pd.DataFrame) -> dict:
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


def coder_agreement(sentences: pd.DataFrame, sheets: dict, frames: list[str]) -> pd.DataFrame:
    """`frame_agreement` of the package against each coder: ``coder`` plus its columns."""
    tables = [frame_agreement(sentences, sheet, frames).assign(coder=name)
              for name, sheet in sheets.items()]
    table = pd.concat(tables, ignore_index=True)
    return table[["coder"] + [c for c in table.columns if c != "coder"]]


def _units(sentences: pd.DataFrame, sheets: dict, frames: list[str]) -> pd.DataFrame:
    """One row per sentence coded by any coder: the package's codes and each coder's."""
    keys = ["article_id", "start"]
    units = None
    for name, sheet in sheets.items():
        coded = align_sheet(sentences, sheet, frames)[keys + frames]
        coded = coded.rename(columns={f: f"{f}@{name}" for f in frames})
        units = coded if units is None else units.merge(coded, on=keys, how="outer")
    package = sentences[keys + ["outlet", "text"] + frames].rename(
        columns={f: f"{f}@package" for f in frames})
    return units.merge(package, on=keys, how="left").sort_values(keys).reset_index(drop=True)


def reliability_alpha(sentences: pd.DataFrame, sheets: dict, frames: list[str]) -> pd.DataFrame:
    """Krippendorff's alpha (nominal) per frame among the coders, and among coders and the
    package (``krippendorff`` package); a coder who did not code a sentence is missing there.

    Returns ``frame, n_units, alpha_coders, alpha_with_package`` (NaN where undefined, e.g.
    a single coder, or no variation at all)."""
    import krippendorff

    units = _units(sentences, sheets, frames)
    rows = []
    for frame in frames:
        coders = units[[f"{frame}@{name}" for name in sheets]].to_numpy(dtype=float).T
        both = np.vstack([coders, units[f"{frame}@package"].to_numpy(dtype=float)])
        rows.append({"frame": frame, "n_units": len(units),
                     "alpha_coders": _alpha(krippendorff, coders),
                     "alpha_with_package": _alpha(krippendorff, both)})
    return pd.DataFrame(rows)


def _alpha(krippendorff, data: np.ndarray) -> float:
    values = data[~np.isnan(data)]
    if data.shape[0] < 2 or len(np.unique(values)) < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def disagreements(sentences: pd.DataFrame, sheets: dict, frames: list[str]) -> pd.DataFrame:
    """Every sentence x frame where the coders and the package do not all agree:
    ``article_id, start, outlet, frame, text, package`` and one column per coder."""
    units = _units(sentences, sheets, frames)
    rows = []
    for frame in frames:
        columns = [f"{frame}@package"] + [f"{frame}@{name}" for name in sheets]
        values = units[columns]
        differ = values.nunique(axis=1, dropna=True) > 1
        for i in np.flatnonzero(differ.to_numpy()):
            row = units.iloc[i]
            rows.append({"article_id": row["article_id"], "start": int(row["start"]),
                         "outlet": row["outlet"], "frame": frame, "text": row["text"],
                         "package": int(row[f"{frame}@package"]),
                         **{name: row[f"{frame}@{name}"] for name in sheets}})
    return pd.DataFrame(rows, columns=["article_id", "start", "outlet", "frame", "text",
                                       "package"] + list(sheets))


def alpha_markdown(alpha: pd.DataFrame) -> str:
    """Krippendorff's alpha per frame as a Markdown table (rounded for display)."""
    lines = ["| frame | sentences | alpha among coders | alpha coders + package |",
             "|---|---:|---:|---:|"]
    lines += [f"| {r.frame} | {r.n_units} | {r.alpha_coders:.2f} | {r.alpha_with_package:.2f} |"
              for r in alpha.itertuples()]
    return "\n".join(lines)
