"""Scoring at scale: chunked reading, Parquet, progress bars, the Dask engine.

The reference for every chunked result is `score_corpus` on the whole corpus in memory: the
sentences and quotes tables must be byte-identical whatever the chunk size (off-topic text is
measured against the whole corpus in every chunk), and scores equal up to float summation
order. The Dask engine must give byte-identical files to the local engine.
"""

import json
from collections import Counter

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

CORPORA = [SEEDS, HELDOUT / "folder", HELDOUT / "table.jsonl", DATA / "heldout2" / "table.csv",
           DATA / "heldout5" / "folder"]  # heldout5's folder: teaser tails after "More from"


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
    (["--engine", "dask", "--workers", "0"], "--workers 0: give at least 1"),
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


def test_parquet_files_are_the_same_for_any_chunk_size_and_empty_chunks(tmp_path, codebook):
    # an empty article and one of nothing but furniture make chunks without sentences or
    # quotes: their parts must have the schema of the others
    table = pd.read_csv(DATA / "heldout2" / "table.csv", keep_default_na=False)
    extra = pd.DataFrame({"article_id": ["empty", "menu"], "outlet": ["Harbour Chronicle"] * 2,
                          "text": ["", "Home | World | Business"]})
    corpus = tmp_path / "t.parquet"
    pd.concat([extra, table], ignore_index=True).to_parquet(corpus, index=False)
    for chunk_size in (1, 2, 1000):
        score_to_folder(corpus, codebook, tmp_path / f"p{chunk_size}",
                        options=ScoreOptions(chunk_size=chunk_size, format="parquet"))
    for name in ("sentences", "quotes", "skipped"):
        files = [(tmp_path / f"p{k}" / f"{name}.parquet").read_bytes() for k in (1, 2, 1000)]
        assert files[0] == files[1] == files[2], name
    outlets = [pd.read_parquet(tmp_path / f"p{k}" / "outlets.parquet") for k in (1, 1000)]
    np.testing.assert_allclose(outlets[0]["value"], outlets[1]["value"], atol=1e-12)
    skipped = pd.read_parquet(tmp_path / "p1" / "skipped.parquet")
    assert skipped["article_id"].tolist() == ["empty", "menu"]
    sentences = pd.read_parquet(tmp_path / "p1" / "sentences.parquet")
    assert sentences[codebook.frame_ids].dtypes.eq("int64").all()


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_tables_with_other_line_endings_and_a_mark_read_alike(tmp_path, ending):
    rows = [{"outlet": "AP", "text": "Trump and Xi spoke."}, {"outlet": "BBC", "text": "Yes."}]
    csv_lf, jsonl_lf = tmp_path / "a.csv", tmp_path / "a.jsonl"
    pd.DataFrame(rows).to_csv(csv_lf, index=False, lineterminator="\n")
    jsonl_lf.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    for plain in (csv_lf, jsonl_lf):
        other = tmp_path / f"b{plain.suffix}"
        other.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes().replace(b"\n", ending.encode()))
        expected, got = fr.load_corpus(plain), fr.load_corpus(other)
        assert got[["outlet", "text", "article_id"]].replace("b:", "a:", regex=True).equals(
            expected[["outlet", "text", "article_id"]])


def test_long_fields_and_broken_tables_name_the_line(tmp_path, monkeypatch):
    long = tmp_path / "long.csv"
    pd.DataFrame({"outlet": ["AP"], "text": ["word " * 60000]}).to_csv(long, index=False)
    assert len(fr.load_corpus(long)["text"].iloc[0]) == 300000  # past csv's 128 KiB default
    monkeypatch.setattr("framing.corpus.FIELD_LIMIT", 1000)
    with pytest.raises(fr.FramingError, match=r"long\.csv:2: field larger than field limit"):
        fr.load_corpus(long)
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"outlet": "A", "text": "ok"}\n{"outlet": "B", "text": "caf\xe9"}\n')
    # line 1 is 29 characters and its newline; line 2 has 28 before the bad byte: 30 + 28
    with pytest.raises(fr.FramingError, match=r"bad\.jsonl:2: not UTF-8 text \(byte 58\)"):
        fr.load_corpus(bad)


def test_a_failure_while_scoring_cleans_up(tmp_path, codebook, monkeypatch):
    out = tmp_path / "out"
    score_to_folder(SEEDS, codebook, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return score_split(*args, **kwargs)

    from framing.summarize import score_split
    monkeypatch.setattr("framing.stream.score_split", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        score_to_folder(SEEDS, codebook, out, options=ScoreOptions(chunk_size=2))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_killed_runs_cache_is_removed_by_the_next_run(tmp_path, codebook):
    import os
    import socket

    host = socket.gethostname()
    dead = tmp_path / f".framing-cache-{host}-{2**22 + 12345}-abc"  # above Linux's pid_max
    alive = tmp_path / f".framing-cache-{host}-{os.getpid()}-abc"
    other_host = tmp_path / ".framing-cache-elsewhere-1-abc"
    for folder in (dead, alive, other_host):
        folder.mkdir()
        (folder / "chunk-000000.pkl").write_bytes(b"x")
    score_to_folder(SEEDS, codebook, tmp_path)
    assert not dead.exists() and alive.exists() and other_host.exists()


def test_dask_on_a_running_cluster_and_parquet(tmp_path, codebook):
    distributed = pytest.importorskip("distributed")
    corpus = HELDOUT / "folder"
    score_to_folder(corpus, codebook, tmp_path / "local",
                    options=ScoreOptions(chunk_size=2, format="parquet"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        options = ScoreOptions(chunk_size=2, format="parquet", engine="dask",
                               scheduler=cluster.scheduler_address)
        score_to_folder(corpus, codebook, tmp_path / "remote", options=options)
    for name in ("sentences", "quotes", "outlets", "summary", "skipped"):
        assert (tmp_path / "remote" / f"{name}.parquet").read_bytes() == (
            tmp_path / "local" / f"{name}.parquet").read_bytes(), name


def _split_at(table, cuts):
    ids = list(dict.fromkeys(table["article_id"]))
    bounds = [0] + sorted(set(cuts)) + [len(ids)]
    return [table[table["article_id"].isin(ids[a:b])] for a, b in zip(bounds, bounds[1:])
            if b > a]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 5), max_size=4))
def test_counts_of_any_split_add_up_to_the_whole(seed_scores, codebook, cuts):
    """Scores and the off-topic reference come from counts that add up over chunks."""
    from framing.relevance import common_words, count_shares, count_vocabulary
    from framing.summarize import combine_counts, count_scores

    sentences, quotes = seed_scores["sentences"], seed_scores["quotes"]
    parts = _split_at(sentences, cuts)
    whole = count_scores(sentences, quotes, codebook)
    added = combine_counts([count_scores(p, quotes[quotes["article_id"].isin(p["article_id"])],
                                         codebook) for p in parts])
    key = ["outlet", "measure", "frame", "actor"]
    merged = whole.merge(added, on=key, how="outer", suffixes=("_whole", "_parts"))
    np.testing.assert_allclose(merged["value_parts"], merged["value_whole"], atol=1e-12)
    vocabulary = [count_vocabulary(p) for p in parts]
    assert sum((c for c, _ in vocabulary), Counter()) == count_vocabulary(sentences)[0]
    common = common_words(*count_vocabulary(sentences))
    assert sum((count_shares(p, common) for p in parts), Counter()) == \
        count_shares(sentences, common)
