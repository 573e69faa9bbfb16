"""The evidence explorer: pick an outlet and a frame, read the coded sentences in context.

In a live JupyterLab kernel with ipywidgets installed (``pip install -e ".[lab]"``),
`explore_evidence` returns two drop-downs over the articles with the coded sentences
highlighted. Otherwise — and in rendered reports (``interactive=False``) — it returns static
HTML: per frame a collapsible table of the top sentences per outlet with the sentence before
and after. All article text is HTML-escaped.
"""

from __future__ import annotations

import html

import pandas as pd

from .codebook import Codebook
from .schemas import CONTENT_ROLES
from .summarize import evidence

STYLE = ("<style>.framing-evidence mark{background:#ffe08a}"
         ".framing-evidence .context{color:#666}"
         ".framing-evidence td{vertical-align:top;text-align:left}</style>")


def article_html(sentences: pd.DataFrame, outlet: str, frame: str) -> str:
    """The outlet's content sentences, those coded for `frame` highlighted."""
    content = sentences[(sentences["outlet"] == outlet)
                        & sentences["role"].isin(CONTENT_ROLES)]
    parts = []
    for article_id, table in content.groupby("article_id", sort=False):
        text = " ".join(f"<mark>{html.escape(t)}</mark>" if hit == 1 else html.escape(t)
                        for t, hit in zip(table["text"], table[frame]))
        parts.append(f"<p><b>{html.escape(str(article_id))}</b>: {text}</p>")
    n = int(content[frame].sum())
    return (f"{STYLE}<div class='framing-evidence'><p>{n} of {len(content)} sentences "
            f"coded.</p>{''.join(parts)}</div>")


def evidence_table_html(sentences: pd.DataFrame, codebook: Codebook, *, n: int = 2) -> str:
    """Per frame, a collapsible table of each outlet's top `n` sentences in context."""
    labels, blocks = codebook.labels(), []
    content = sentences[sentences["role"].isin(CONTENT_ROLES)].reset_index(drop=True)
    for frame in codebook.frame_ids:
        rows = []
        for outlet in content["outlet"].unique():
            for index in evidence(content, frame, outlet=outlet, n=n).index:
                rows.append(_context_row(content, index, outlet))
        body = "".join(rows) or "<tr><td colspan='2'>No sentence coded.</td></tr>"
        blocks.append(f"<details><summary>{html.escape(labels[frame])} "
                      f"({int(content[frame].sum())} sentences)</summary><table>"
                      f"<tr><th>outlet</th><th>sentence in context</th></tr>{body}</table>"
                      "</details>")
    return f"{STYLE}<div class='framing-evidence'>{''.join(blocks)}</div>"


def _context_row(content: pd.DataFrame, index: int, outlet: str) -> str:
    same = content["article_id"] == content.at[index, "article_id"]
    before = content.at[index - 1, "text"] if index - 1 in content.index and same.get(
        index - 1, False) else ""
    after = content.at[index + 1, "text"] if index + 1 in content.index and same.get(
        index + 1, False) else ""
    return (f"<tr><td>{html.escape(outlet)}</td><td><span class='context'>"
            f"{html.escape(before)}</span> <mark>{html.escape(content.at[index, 'text'])}</mark>"
            f" <span class='context'>{html.escape(after)}</span></td></tr>")


def explore_evidence(results: dict, codebook: Codebook, *, outlets=None,
                     interactive: bool = True):
    """Widgets in a live kernel (when `interactive` and ipywidgets is installed), else HTML;
    `outlets` limits it to some outlets."""
    from IPython.display import HTML

    sentences = results["sentences"]
    if outlets:
        sentences = sentences[sentences["outlet"].isin(outlets)]
    if interactive:
        try:
            import ipywidgets as widgets
        except ImportError:
            interactive = False
    if not interactive:
        return HTML(evidence_table_html(sentences, codebook))
    labels = codebook.labels()
    outlet = widgets.Dropdown(options=list(sentences["outlet"].unique()), description="outlet")
    frame = widgets.Dropdown(options=[(labels[f], f) for f in codebook.frame_ids],
                             description="frame")
    view = widgets.HTML()

    def update(_=None):
        view.value = article_html(sentences, outlet.value, frame.value)

    outlet.observe(update, names="value")
    frame.observe(update, names="value")
    update()
    return widgets.VBox([widgets.HBox([outlet, frame]), view])
