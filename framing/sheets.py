"""Coding sheets for validation by human coders: draw a stratified sample of sentences, write
the frame definitions beside it, and check sheets that come back filled in.

`sample_sentences` draws content sentences stratified by outlet and by whether the package
coded any frame (so that sentences the package finds nothing in are checked too), in
proportion to each stratum's size with at least one sentence from every non-empty stratum,
with a seeded generator. The sheet has the sentence with the one before and after it as
context, an empty 0/1 column per frame, ``tone`` (−1, 0 or 1) and ``note``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .codebook import Codebook
from .errors import FramingError
from .schemas import CONTENT_ROLES, check_columns

SHEET_KEYS = ["sample_id", "article_id", "outlet", "start", "end", "context_before", "text",
              "context_after"]


def sample_sentences(sentences: pd.DataFrame, codebook: Codebook, *, n: int = 200,
                     seed: int = 0) -> pd.DataFrame:
    """A blank coding sheet of (at most) `n` content sentences, in corpus order."""
    check_columns(sentences, ["article_id", "outlet", "start", "end", "role", "text"]
                  + codebook.frame_ids, "sentences")
    content = sentences[sentences["role"].isin(CONTENT_ROLES)].reset_index(drop=True)
    coded = content[codebook.frame_ids].sum(axis=1) > 0
    strata = list(content.groupby([content["outlet"], coded], sort=False).indices.values())
    rng = np.random.default_rng(seed)
    total = len(content)
    sizes = [min(len(rows), max(1, round(n * len(rows) / total))) for rows in strata]
    while sum(sizes) > max(n, len(strata)):  # rounding overshoot: trim the largest strata
        largest = int(np.argmax(sizes))
        sizes[largest] -= 1
    picked = sorted(i for rows, k in zip(strata, sizes)
                    for i in rng.choice(rows, size=k, replace=False).tolist())
    sheet = content.loc[picked, ["article_id", "outlet", "start", "end", "text"]].copy()
    same = content["article_id"]
    sheet["context_before"] = [content.at[i - 1, "text"] if i > 0 and same[i - 1] == same[i]
                               else "" for i in picked]
    sheet["context_after"] = [content.at[i + 1, "text"] if i + 1 < total
                              and same[i + 1] == same[i] else "" for i in picked]
    sheet.insert(0, "sample_id", range(1, len(sheet) + 1))
    sheet = sheet[SHEET_KEYS]
    for frame in codebook.frame_ids:
        sheet[frame] = ""
    sheet["tone"] = ""
    sheet["note"] = ""
    return sheet.reset_index(drop=True)


def coding_guide(codebook: Codebook) -> str:
    """The frame definitions and coding rules for coders, as Markdown."""
    lines = [f"# Coding guide: {codebook.title or codebook.name}", "",
             "Code every row of the sheet. Read `context_before` and `context_after`, but code "
             "what the sentence in `text` says or presents. For each frame write 1 if the "
             "sentence carries it, else 0 (a sentence may carry several frames or none). Code "
             "from meaning, not from keywords.", ""]
    for frame in codebook.frames:
        lines += [f"- **{frame.id}** ({frame.label}): {frame.description}"]
        lines += [f"  - {rule}" for rule in frame.rules]
    lines += ["", "Tone: how the sentence portrays the event and the relationship: 1 positive "
              "(cooperation, progress, warmth), 0 neutral or mixed, -1 negative (conflict, "
              "tension, failure).", "", "Leave `note` for hard cases.", ""]
    return "\n".join(lines)


def check_codes(sheet: pd.DataFrame, frames: list[str], shown: str) -> pd.DataFrame:
    """Refuse blank or invalid codes, naming the sheet's line (header = line 1)."""
    check_columns(sheet, ["article_id", "start", "end"] + frames, shown)
    allowed = {"tone": {-1, 0, 1}, **{f: {0, 1} for f in frames}}
    for column, values in allowed.items():
        if column not in sheet.columns:
            continue
        numbers = pd.to_numeric(sheet[column], errors="coerce")
        bad = np.flatnonzero(~numbers.isin(values).to_numpy())
        if len(bad):
            value = sheet[column].iloc[bad[0]]
            raise FramingError(f"{shown}:{bad[0] + 2}: column {column} must be one of "
                               f"{sorted(values)}, got {value!r}; fill in every row")
    return sheet.astype({c: int for c in allowed if c in sheet.columns})
