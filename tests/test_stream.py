"""Scoring at scale: chunked reading, Parquet, progress bars, the Dask engine.

The reference for every chunked result is `score_corpus` on the whole corpus in memory: the
sentences and quotes tables must be byte-identical whatever the chunk size (off-topic text is
measured against the whole corpus in every chunk), and scores equal up to float summation
order. The Dask engine must give byte-identical files to the local engine.
"""

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import framing as fr
from framing.cli import main
from framing.corpus import iter_corpus
from framing.outputs import write_csv
from framing.relevance import _median
from framing.schemas import QUOTES_CSV, SENTENCES_CSV
from framing.stream import ScoreOptions, score_to_folder

from conftest import DATA, HELDOUT, SEEDS

CORPORA = [SEEDS, HELDOUT / "folder", HELDOUT / "table.jsonl", DATA / "heldout2" / "table.csv"]


def _in_memory(corpus, codebook, folder):
    """What `score_corpus` gives, written as `framing score` writes it."""
    result = fr.score_corpus(fr.load_corpus(corpus), codebook)
    write_csv(folder / "sentences.csv", result["sentences"][SENTENCES_CSV + codebook.frame_ids])
    write_csv(folder / "quotes.csv", result["quotes"][QUOTES_CSV])
    write_csv(folder / "skipped.csv", result["skipped"])
    return result


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_any_chunk_size_gives_the_in_memory_tables(tmp_path, codebook, corpus):
    whole = _in_memory(corpus, codebook, tmp_path / "whole")
    for chunk_size in (1, 2, 3):
        out = tmp_path / f"chunks{chunk_size}"
        score_to_folder(corpus, codebook, out, options=ScoreOptions(chunk_size=chunk_size))
        for name in ("sentences", "quotes", "skipped"):
            assert (out / f"{name}.csv").read_bytes() == (
                tmp_path / "whole" / f"{name}.csv").read_bytes(), (name, chunk_size)
        outlets = pd.read_csv(out / "outlets.csv", keep_default_na=False)
        expected = whole["outlets"]
        assert outlets[["outlet", "measure", "frame", "actor"]].astype(str).values.tolist() == \
            expected[["outlet", "measure", "frame", "actor"]].astype(str).values.tolist()
        np.testing.assert_allclose(pd.to_numeric(outlets["value"]), expected["value"], rtol=0,
                                   atol=1e-12)
        assert not list(out.glob(".*")), "cache or temporary files left behind"


def test_off_topic_teasers_are_found_in_chunks_of_one(tmp_path, codebook):
    # the Taipei Times teasers are off-topic only against the rest of the corpus: with one
    # article per chunk they must still be found (the reference is the whole corpus)
    score_to_folder(SEEDS, codebook, tmp_path, options=ScoreOptions(chunk_size=1))
    sentences = pd.read_csv(tmp_path / "sentences.csv")
    assert (sentences["role"] == "off_topic").sum() > 0
    assert set(sentences.loc[sentences["role"] == "off_topic", "outlet"]) == {"Taipei Times"}


def test_parquet_in_and_out(tmp_path, codebook):
    table = pd.read_csv(DATA / "heldout2" / "table.csv", keep_default_na=False)
    table.to_parquet(tmp_path / "table.parquet", index=False)
    from_csv = fr.load_corpus(DATA / "heldout2" / "table.csv")
    from_parquet = fr.load_corpus(tmp_path / "table.parquet")
    # the same articles; only `file` says where they came from (CSV line vs Parquet row)
    same = ["article_id", "outlet", "title", "published", "url", "country", "text", "warning"]
    pd.testing.assert_frame_equal(from_csv[same], from_parquet[same])
    assert from_parquet["file"].tolist() == [f"table.parquet:{i}" for i in (1, 2, 3)]
    assert main(["score", str(tmp_path / "table.parquet"), "--out", str(tmp_path / "p"),
                 "--format", "parquet", "--chunk-size", "1"]) == 0
    assert main(["score", str(tmp_path / "table.parquet"), "--out", str(tmp_path / "c")]) == 0
    for name in ("sentences", "quotes", "outlets", "summary", "skipped"):
        parquet = pd.read_parquet(tmp_path / "p" / f"{name}.parquet")
        csv = pd.read_csv(tmp_path / "c" / f"{name}.csv", keep_default_na=False,
                          na_values=[""] if name in ("outlets", "summary") else [])
        assert list(parquet.columns) == list(csv.columns), name
        assert len(parquet) == len(csv), name
    sentences = pd.read_parquet(tmp_path / "p" / "sentences.parquet")
    csv = pd.read_csv(tmp_path / "c" / "sentences.csv", keep_default_na=False)
    assert sentences["text"].tolist() == csv["text"].tolist()
    assert sentences["start"].tolist() == csv["start"].tolist()
    np.testing.assert_array_equal(sentences["tone"], csv["tone"])


def test_reading_is_lazy_and_chunks_have_the_asked_size(tmp_path):
    rows = [json.dumps({"outlet": f"O{i % 2}", "text": f"Article {i} text."}) for i in range(5)]
    table = tmp_path / "t.jsonl"
    table.write_text("\n".join(rows + ["{broken"]) + "\n", encoding="utf-8")
    chunks = iter_corpus(table, chunk_size=2)
    assert len(next(chunks)) == 2 and len(next(chunks)) == 2  # read before the bad line
    with pytest.raises(fr.FramingError, match=r"t\.jsonl:6: not valid JSON"):
        next(chunks)


def test_a_failing_run_keeps_the_last_good_tables(tmp_path, codebook):
    out = tmp_path / "out"
    assert main(["score", str(SEEDS), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    table = tmp_path / "t.jsonl"
    good = [json.dumps({"outlet": "A", "text": "Trump and Xi spoke by phone."})] * 3
    table.write_text("\n".join(good + ['{"outlet": "A"}']) + "\n", encoding="utf-8")
    assert main(["score", str(table), "--out", str(out), "--chunk-size", "1"]) == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no cache, no temp


def test_duplicate_ids_in_different_chunks_are_named(tmp_path):
    table = tmp_path / "t.jsonl"
    table.write_text("\n".join(json.dumps({"article_id": "x", "outlet": "A", "text": t})
                               for t in ("One.", "Two.")) + "\n", encoding="utf-8")
    with pytest.raises(fr.FramingError, match=r"article_id 'x' is used twice \(t\.jsonl:1 "
                                              r"and t\.jsonl:2\)"):
        list(iter_corpus(table, chunk_size=1))


def test_progress_bars_only_when_asked_or_on_a_terminal(tmp_path, capsys):
    assert main(["score", str(SEEDS), "--out", str(tmp_path / "a")]) == 0
    assert capsys.readouterr().err == ""  # not a terminal: silent
    assert main(["score", str(SEEDS), "--out", str(tmp_path / "b"), "--progress"]) == 0
    err = capsys.readouterr().err
    assert "reading" in err and "scoring" in err and "5/5" in err and "article/s" in err
    assert main(["score", str(SEEDS), "--out", str(tmp_path / "c"), "--no-progress"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("args, message", [
    (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler and --workers need --engine dask"),
    (["--chunk-size", "0"], "chunk size 0: give at least 1 article"),
])
def test_scale_option_mistakes(tmp_path, capsys, args, message):
    assert main(["score", str(SEEDS), "--out", str(tmp_path / "o")] + args) == 2
    assert message in capsys.readouterr().err


def test_dask_engine_gives_the_local_engine_files(tmp_path, codebook):
    pytest.importorskip("distributed")
    corpus = HELDOUT / "folder"  # five articles, one per chunk: tasks finish out of order
    local = ScoreOptions(chunk_size=1)
    dask = ScoreOptions(chunk_size=1, engine="dask", workers=2)
    score_to_folder(corpus, codebook, tmp_path / "local", options=local)
    score_to_folder(corpus, codebook, tmp_path / "dask", options=dask)
    for name in ("sentences", "quotes", "outlets", "summary", "skipped"):
        assert (tmp_path / "dask" / f"{name}.csv").read_bytes() == (
            tmp_path / "local" / f"{name}.csv").read_bytes(), name


def test_unreachable_scheduler_is_a_clear_error(tmp_path, codebook):
    pytest.importorskip("distributed")
    options = ScoreOptions(engine="dask", scheduler="tcp://127.0.0.1:9")
    with pytest.raises(fr.FramingError, match="cannot connect"):
        score_to_folder(SEEDS, codebook, tmp_path, options=options)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(-5, 5, allow_nan=False), st.integers(1, 4)),
                min_size=1, max_size=12))
def test_weighted_median_is_numpys(pairs):
    values = np.array([v for v, _ in pairs])
    weights = np.array([w for _, w in pairs])
    assert _median(values, weights) == float(np.median(np.repeat(values, weights)))
