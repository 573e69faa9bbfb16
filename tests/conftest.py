"""Fixtures built from the seed corpus and the held-out synthetic corpus."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

import framing as fr

matplotlib.use("Agg")  # tests only; the library never sets a backend
# the learned layer's disk cache (framing/learned.py): one fresh folder per test session, so
# tests neither read nor fill the user's ~/.cache; notebook kernels and CLI runs inherit it
os.environ["FRAMING_CACHE"] = tempfile.mkdtemp(prefix="framing-cache-")
atexit.register(shutil.rmtree, os.environ["FRAMING_CACHE"], ignore_errors=True)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
HELDOUT = DATA / "heldout"


def corpus_sources(name: str) -> list[str]:
    """The inputs of a synthetic corpus: tests/data/NAME/folder and its one table.* file."""
    corpus = DATA / name
    return [str(corpus / "folder"), *(str(table) for table in sorted(corpus.glob("table.*")))]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture(scope="session")
def codebook():
    return fr.load_codebook()


@pytest.fixture(scope="session")
def seed_articles():
    return fr.load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_scores(seed_articles, codebook):
    return fr.score_corpus(seed_articles, codebook)


@pytest.fixture(scope="session")
def seed_sentences(seed_scores):
    return seed_scores["sentences"]


@pytest.fixture(scope="session")
def heldout_articles():
    return pd.concat([fr.load_corpus(HELDOUT / "folder"), fr.load_corpus(HELDOUT / "table.jsonl")],
                     ignore_index=True)


@pytest.fixture(scope="session")
def heldout_scores(heldout_articles, codebook):
    return fr.score_corpus(heldout_articles, codebook)


def sentence_containing(sentences, articles, article_prefix, snippet):
    """The sentence rows of the article whose id starts with `article_prefix` that overlap
    the first occurrence of `snippet` in its text."""
    article = articles[articles["article_id"].str.startswith(article_prefix)].iloc[0]
    start = article["text"].index(snippet)
    end = start + len(snippet)
    rows = sentences[(sentences["article_id"] == article["article_id"])
                     & (sentences["start"] < end) & (sentences["end"] > start)]
    assert len(rows), f"no sentence covers {snippet!r}"
    return rows
