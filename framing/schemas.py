"""Column contracts of every table that flows through `framing`, in one place.

Each contract is an ordered mapping ``column -> description``. `check_columns` is used at the
boundaries (loaders, CLI writers) so that a table missing a documented column fails loudly.
The README's "Tables" section documents the CSV columns; a test checks that it names each.
"""

from __future__ import annotations

import pandas as pd

from .errors import FramingError

ARTICLES = {
    "article_id": "unique id of the article (file stem, or the table's `article_id`, or `<table>:<row>`)",
    "outlet": "name of the outlet that published it, from the manifest or table",
    "file": "where the text came from: path relative to the corpus folder, or `<table>:<row>`",
    "title": "headline given in the manifest/table ('' when not given)",
    "published": "publication date as given ('' when not given)",
    "url": "address of the article ('' when not given)",
    "country": "country of the outlet ('' when not given)",
    "text": "the article text exactly as decoded (for HTML: its extracted text); all offsets "
    "point into it",
    "warning": "how the file was read when something was assumed or went wrong (encoding, "
    "binary, empty, unlisted files); '' otherwise",
}

SENTENCES = {
    "article_id": "article the sentence belongs to",
    "outlet": "outlet of the article",
    "file": "source of the article (see articles.file)",
    "sentence_id": "0-based position of the sentence in its article, boilerplate included",
    "paragraph": "0-based index of the line (paragraph) the sentence is on",
    "start": "character offset of the sentence's first character in the article text",
    "end": "character offset one past its last character: text == article.text[start:end]",
    "role": "headline | body | boilerplate | off_topic; only headline and body are content",
    "relevance": "share of the paragraph's common words found elsewhere in the article or "
    "corpus (0-1; see relevance.py)",
    "text": "the sentence text",
}

CODED = {
    "<frame_id>": "one 0/1 column per codebook frame: 1 when the sentence carries the frame "
    "(always 0 for boilerplate and off_topic sentences)",
}

TONED = {
    "sentiment": "VADER compound score of the sentence, in [-1, 1]",
    "domain": "codebook tone cues: (positive - negative) / (positive + negative), 0 without cues",
    "tone": "how the sentence portrays the event: weighted sum of sentiment and domain, "
    "clipped to [-1, 1]",
}

QUOTES = {
    "article_id": "article the quote is in",
    "outlet": "outlet of the article",
    "file": "source of the article",
    "start": "offset of the first character inside the quotation marks",
    "end": "offset one past the last character inside the quotation marks",
    "text": "the quoted words (without the marks)",
    "speaker": "codebook actor id the quote is attributed to, or `unknown`",
    "n_words": "number of words in the quote (voice share counts these)",
}

OUTLET_SCORES = {
    "outlet": "outlet name",
    "measure": "what is measured (see the README's measure list)",
    "frame": "frame id for per-frame measures, '' otherwise",
    "actor": "actor id for voice measures, '' otherwise",
    "value": "the figure, unrounded; NaN where undefined (e.g. an index with no hits)",
}

COUNTS = {
    "outlet": "outlet name (or the `by` column of `count_scores`)",
    "measure": "n_articles, n_sentences, weight, tone_sum, n_toned (per outlet); n_hits, "
    "weighted_hits, tone_sum, n_toned (per outlet x frame); n_quoted_words (per outlet x "
    "actor)",
    "frame": "frame id for per-frame counts, '' otherwise",
    "actor": "actor id for quoted words, '' otherwise",
    "value": "the count or sum; counts of parts of a corpus add up to the whole corpus' counts",
}

# Column types of the written tables in Parquet (frame columns of sentences are int64 too), so
# that a file's schema never depends on its rows (an empty chunk, a table with nothing skipped).
PARQUET_TYPES = {
    **{c: "string" for c in ("article_id", "outlet", "file", "role", "text", "speaker",
                             "reason", "measure", "frame", "actor")},
    "start": "int64", "end": "int64", "sentiment": "float64", "tone": "float64",
    "value": "float64",
}

SENTENCES_CSV = ["article_id", "outlet", "file", "start", "end", "role", "text", "sentiment", "tone"]
QUOTES_CSV = ["article_id", "outlet", "file", "start", "end", "text", "speaker"]
CONTENT_ROLES = ("headline", "body")


def check_columns(table: pd.DataFrame, columns, name: str) -> None:
    """Raise `FramingError` naming `name` when `table` lacks any of `columns`."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise FramingError(
            f"{name}: missing column(s) {', '.join(missing)}; "
            f"expected {', '.join(columns)}"
        )
